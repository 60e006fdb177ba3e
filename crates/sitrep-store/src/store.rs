//! Opening, migrating, writing and reading the store.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use sitrep_core::Record;

use crate::incidents::{Candidate, candidates};
use crate::schema::{MIGRATIONS, SCHEMA_VERSION};

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("{path}: {source}")]
    Sql {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer sitrep.
    #[error(
        "{path}: the database has schema version {found}, this sitrep knows up to {known}; use a newer sitrep"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its version.
        found: usize,
        /// Ours.
        known: usize,
    },
    /// The file is not a sitrep store.
    #[error("{path}: not a sitrep database ({reason})")]
    NotAStore {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A stored record cannot be read back.
    #[error("{path}: document {seq}: stored record is not valid sitrep/1 JSON: {source}")]
    Record {
        /// The database file.
        path: PathBuf,
        /// The document's `seq`.
        seq: i64,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// The directory for a new database cannot be made.
    #[error("cannot create the directory {path}: {source}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A document to store: its key, where it was read, its text (what the
/// record's offsets count in) and its record.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// From [`document_key`].
    pub key: String,
    /// Where it was read (`file:line`), for messages and provenance.
    pub origin: String,
    /// The document's text.
    pub text: String,
    /// Its sitrep/1 record.
    pub record: Record,
    /// The record as stored ([`stored_json`]), when the caller serialised it
    /// already — ingest does so on its worker threads, so the single writer
    /// only writes. `None`: serialised when written.
    pub record_json: Option<String>,
}

/// A record as the store keeps it: JSON without incident ids (linking owns
/// those).
pub fn stored_json(record: &Record) -> serde_json::Result<String> {
    if record.events.iter().any(|e| e.incident.is_some()) {
        let mut c = record.clone();
        c.events.iter_mut().for_each(|e| e.incident = None);
        return serde_json::to_string(&c);
    }
    serde_json::to_string(record)
}

/// The store: one SQLite database file.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) fresh: Fresh,
}

/// What linking needs of the documents written since the last relink, when
/// kept ([`Store::keep_for_linking`]).
#[derive(Default)]
pub(crate) struct Fresh {
    keep: bool,
    /// Documents' `seq` and candidates, in the order written.
    pub(crate) candidates: Vec<(i64, Vec<Candidate>)>,
}

/// A document's identity in the store: a 64-bit FNV-1a hash of its text,
/// outlet, publication date and URL. The same text published by two outlets
/// is two documents (two reports); the same report read twice is one.
pub fn document_key(text: &str, outlet: Option<&str>, published: Option<&str>, url: Option<&str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [text, outlet.unwrap_or(""), published.unwrap_or(""), url.unwrap_or("")];
    for (i, part) in parts.iter().enumerate() {
        // A separator byte that cannot occur in UTF-8 keeps ("ab", "c") and ("a", "bc") apart.
        let sep: &[u8] = if i == 0 { &[] } else { &[0xff] };
        for b in sep.iter().chain(part.as_bytes()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("doc-{h:016x}")
}

impl Store {
    /// Opens the database at `path`, creating it (and its directory) if
    /// needed and migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir { path: dir.into(), source })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Sql { path: path.into(), source })?;
        let mut store = Store { conn, path: path.into(), fresh: Fresh::default() };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database for reading only (`sitrep query`): no
    /// statement can change it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Sql { path: path.into(), source })?;
        let store = Store { conn, path: path.into(), fresh: Fresh::default() };
        store.sql(store.conn.execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;"))?;
        let version = store.version()?;
        if version == 0 {
            return Err(StoreError::NotAStore {
                path: path.into(),
                reason: "it has no sitrep tables".into(),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: path.into(), found: version, known: SCHEMA_VERSION });
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for read-only use by callers (queries, exports).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn sql<T>(&self, r: rusqlite::Result<T>) -> Result<T, StoreError> {
        r.map_err(|source| StoreError::Sql { path: self.path.clone(), source })
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        // WAL: readers do not block the writer, and a commit is one append.
        // synchronous=NORMAL in WAL mode is safe against a killed process
        // (not against a power cut, which may lose the last commits but
        // never corrupts the database). A 64 MB page cache keeps the
        // indexes a batch touches in memory (SQLite's default is 2 MB).
        let r = self.conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -65536;
             PRAGMA temp_store = MEMORY;
             PRAGMA wal_autocheckpoint = 16384;",
        );
        match r {
            Ok(()) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
                Err(StoreError::NotAStore { path: self.path.clone(), reason: "not an SQLite file".into() })
            }
            Err(source) => Err(StoreError::Sql { path: self.path.clone(), source }),
        }
    }

    fn version(&self) -> Result<usize, StoreError> {
        let v: i64 = self.sql(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)))?;
        Ok(usize::try_from(v).unwrap_or(0))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version = self.version()?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        if version == 0 {
            let tables: i64 = self.sql(self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            ))?;
            if tables > 0 {
                return Err(StoreError::NotAStore {
                    path: self.path.clone(),
                    reason: "it holds other tables".into(),
                });
            }
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let path = self.path.clone();
            let tx =
                self.conn.transaction().map_err(|source| StoreError::Sql { path: path.clone(), source })?;
            tx.execute_batch(sql).map_err(|source| StoreError::Sql { path: path.clone(), source })?;
            tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(i64::MAX))
                .map_err(|source| StoreError::Sql { path: path.clone(), source })?;
            tx.commit().map_err(|source| StoreError::Sql { path, source })?;
        }
        Ok(())
    }

    /// Is a document with this key stored?
    pub fn contains(&self, key: &str) -> Result<bool, StoreError> {
        let found = self.sql(
            self.conn
                .prepare_cached("SELECT 1 FROM documents WHERE key = ?1")
                .and_then(|mut s| s.query_row([key], |_| Ok(())).optional()),
        )?;
        Ok(found.is_some())
    }

    /// Stores documents in one transaction, skipping those already stored
    /// (by key). Returns how many were added. Marks incidents stale.
    pub fn insert(&mut self, docs: &[NewDocument]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sql { path: path.clone(), source };
        // Every row written here names the document written just before it
        // in the same transaction: checking each reference against
        // `documents` again was 8 % of the writer's work. The check is back
        // on for everything else this connection does.
        self.conn.pragma_update(None, "foreign_keys", false).map_err(err)?;
        let written = self.insert_unchecked(docs);
        self.conn.pragma_update(None, "foreign_keys", true).map_err(err)?;
        written
    }

    fn insert_unchecked(&mut self, docs: &[NewDocument]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sql { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(err)?;
        let now = jiff::Timestamp::now().to_string();
        let mut added = 0;
        let mut fresh = Vec::new();
        for d in docs {
            if let Some(seq) = crate::write::document(&tx, d, &now).map_err(err)? {
                added += 1;
                if self.fresh.keep {
                    fresh.push((seq, candidates(seq, &d.key, &d.record)));
                }
            }
        }
        if added > 0 {
            tx.execute("UPDATE meta SET value = '1' WHERE key = 'incidents_stale'", []).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.fresh.candidates.append(&mut fresh);
        Ok(added)
    }

    /// Keeps in memory, from now on, what linking needs of the documents
    /// this store writes, so that the next [`relink`](Store::relink) need
    /// not read their events back (it still checks that the database holds
    /// just those events). For ingest, which links what it stored; off by
    /// default, since a long ingest that does not link would hold all of
    /// them. Turning it off forgets them.
    pub fn keep_for_linking(&mut self, keep: bool) {
        self.fresh.keep = keep;
        if !keep {
            self.fresh.candidates = Vec::new();
        }
    }

    /// Copies what the write-ahead log holds into the database file as far
    /// as no reader still needs it (SQLite's passive checkpoint), without
    /// blocking other connections' reads or writes.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.sql(self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())))
    }

    /// How many documents are stored.
    pub fn document_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.sql(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Every stored record, in ingest order, with the incident ids linking
    /// gave its events. Streams in pages; memory stays flat.
    pub fn records(&self) -> Records<'_> {
        Records { store: self, after: 0, page: Vec::new().into_iter(), done: false }
    }

    /// Incident ids of one document's events, by event id.
    fn incidents_of(&self, seq: i64) -> Result<Vec<(String, String)>, StoreError> {
        self.sql(
            self.conn
                .prepare_cached("SELECT id, incident FROM events WHERE doc = ?1 AND incident IS NOT NULL")
                .and_then(|mut s| {
                    s.query_map([seq], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()
                }),
        )
    }

    fn page(&self, after: i64) -> Result<Vec<(i64, Record)>, StoreError> {
        const PAGE: i64 = 256;
        let rows: Vec<(i64, String)> = self.sql(
            self.conn
                .prepare_cached("SELECT seq, record FROM documents WHERE seq > ?1 ORDER BY seq LIMIT ?2")
                .and_then(|mut s| {
                    s.query_map(params![after, PAGE], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<Result<Vec<_>, _>>()
                }),
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (seq, json) in rows {
            let mut record: Record = serde_json::from_str(&json).map_err(|source| StoreError::Record {
                path: self.path.clone(),
                seq,
                source,
            })?;
            for (event, incident) in self.incidents_of(seq)? {
                if let Some(e) = record.events.iter_mut().find(|e| e.id == event) {
                    e.incident = Some(incident);
                }
            }
            out.push((seq, record));
        }
        Ok(out)
    }
}

/// Stored records, in ingest order ([`Store::records`]).
pub struct Records<'a> {
    store: &'a Store,
    after: i64,
    page: std::vec::IntoIter<(i64, Record)>,
    done: bool,
}

impl Iterator for Records<'_> {
    type Item = Result<Record, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((seq, record)) = self.page.next() {
                self.after = seq;
                return Some(Ok(record));
            }
            if self.done {
                return None;
            }
            match self.store.page(self.after) {
                Ok(rows) if rows.is_empty() => {
                    self.done = true;
                    return None;
                }
                Ok(rows) => self.page = rows.into_iter(),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}
