//! The store on real records: idempotent ingest, round-trips, the part
//! tables, schema versions, read-only access, and incidents across
//! documents.

use std::path::Path;

use sitrep_core::{InputDoc, Record};
use sitrep_extract::{Config, Extractor};
use sitrep_incidents::Rules;
use sitrep_store::{NewDocument, SCHEMA_VERSION, Store, StoreError, document_key};

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The records of a sample file, with the texts they were read from.
fn read(file: &str) -> Vec<(String, Record)> {
    let extractor = Extractor::new(&Config::default()).expect("the pipeline builds");
    let src = std::fs::read_to_string(repo().join(file)).expect("sample file");
    src.lines()
        .map(|l| {
            let input: InputDoc = serde_json::from_str(l).expect("valid sample");
            let text = input.text.clone().expect("samples have text");
            (text, extractor.extract(input).0)
        })
        .collect()
}

fn records(file: &str) -> Vec<Record> {
    read(file).into_iter().map(|(_, r)| r).collect()
}

fn new_docs(file: &str) -> Vec<NewDocument> {
    read(file)
        .into_iter()
        .enumerate()
        .map(|(i, (text, r))| NewDocument {
            key: document_key(&text, r.outlet.as_deref(), r.published.as_deref(), r.url.as_deref()),
            origin: format!("{file}:{}", i + 1),
            text,
            record: r,
            record_json: None,
        })
        .collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).expect("query runs")
}

#[test]
fn ingest_is_idempotent_and_records_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/corpus.db");
    let recs = records("samples/reports.jsonl");
    let docs = new_docs("samples/reports.jsonl");
    let mut store = Store::open(&path).expect("opens");
    assert_eq!(store.insert(&docs).expect("inserts"), recs.len());
    assert_eq!(store.insert(&docs).expect("inserts again"), 0, "a second ingest adds nothing");
    drop(store);

    let store = Store::open(&path).expect("reopens");
    assert_eq!(store.document_count().expect("counts"), recs.len() as u64);
    let back: Vec<Record> = store.records().collect::<Result<_, _>>().expect("reads back");
    assert_eq!(back, recs, "records come back as stored, in ingest order");

    // The part tables hold every part of every record.
    let n = |f: fn(&Record) -> usize| recs.iter().map(f).sum::<usize>() as i64;
    assert_eq!(count(&store, "SELECT count(*) FROM actors"), n(|r| r.actors.len()));
    assert_eq!(count(&store, "SELECT count(*) FROM places"), n(|r| r.places.len()));
    assert_eq!(count(&store, "SELECT count(*) FROM dates"), n(|r| r.dates.len()));
    assert_eq!(count(&store, "SELECT count(*) FROM sources"), n(|r| r.sources.len()));
    assert_eq!(
        count(&store, "SELECT count(*) FROM figures"),
        n(|r| r.figures.len() + r.context_figures.len())
    );
    assert_eq!(count(&store, "SELECT count(*) FROM events"), n(|r| r.events.len()));
    assert_eq!(
        count(&store, "SELECT count(*) FROM place_mentions"),
        n(|r| r.places.iter().map(|p| p.mentions.len()).sum())
    );
    // Spans in the tables are the text's characters.
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT d.text, m.start, m.end, m.text FROM actor_mentions m JOIN documents d ON d.seq = m.doc",
        )
        .expect("prepares");
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?))
        })
        .expect("runs");
    let mut checked = 0;
    for row in rows {
        let (text, start, end, span) = row.expect("row");
        let slice: String = text.chars().skip(start as usize).take((end - start) as usize).collect();
        assert_eq!(slice, span);
        checked += 1;
    }
    assert!(checked > 5, "the samples name actors");
}

#[test]
fn schema_versions_are_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corpus.db");
    drop(Store::open(&path).expect("creates"));
    let version: i64 = rusqlite_version(&path);
    assert_eq!(version, SCHEMA_VERSION as i64);

    // A database from a newer sitrep is refused, not touched.
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.pragma_update(None, "user_version", 99).expect("sets");
    }
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
    assert_eq!(rusqlite_version(&path), 99);

    // Some other SQLite database is not taken over.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).expect("opens").execute_batch("CREATE TABLE t (x)").expect("creates");
    assert!(matches!(Store::open(&other), Err(StoreError::NotAStore { .. })));
    // Nor a file that is not a database.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not sqlite, it is a text file long enough to have a header")
        .expect("writes");
    let err = Store::open(&junk).err().expect("refused");
    assert!(err.to_string().contains("junk.db"), "{err}");
}

fn rusqlite_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .expect("opens")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("reads")
}

#[test]
fn read_only_store_refuses_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corpus.db");
    let mut store = Store::open(&path).expect("creates");
    store.insert(&new_docs("samples/reports.jsonl")).expect("inserts");
    drop(store);
    let ro = Store::open_read_only(&path).expect("opens read-only");
    assert!(count(&ro, "SELECT count(*) FROM documents") > 0);
    assert!(ro.connection().execute("DELETE FROM documents", []).is_err());
    assert!(Store::open_read_only(&dir.path().join("missing.db")).is_err());
}

#[test]
fn reports_of_one_strike_share_an_incident() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("corpus.db")).expect("opens");
    store.insert(&new_docs("samples/corpus/reports.jsonl")).expect("inserts");
    assert!(store.incidents_stale().expect("reads meta"));
    let summary = store.relink(&Rules::embedded()).expect("links");
    assert!(!store.incidents_stale().expect("reads meta"));
    assert!(summary.linked >= 1, "{summary:?}");

    // The lead event of each document, and its incident.
    let lead_incident = |store: &Store, id: &str| -> String {
        store
            .records()
            .map(|r| r.expect("record"))
            .find(|r| r.id == id)
            .and_then(|r| {
                let lead = r.events.iter().position(|e| e.lead).unwrap_or(0);
                r.events.into_iter().nth(lead).and_then(|e| e.incident)
            })
            .unwrap_or_else(|| panic!("{id} has a linked lead event"))
    };
    let en = lead_incident(&store, "wire-kafranbel-en");
    let fr = lead_incident(&store, "quotidien-kafranbel-fr");
    let hama = lead_incident(&store, "agency-suqaylabiyah-en");
    let paris = lead_incident(&store, "paris-protest-fr");
    assert_eq!(en, fr, "two outlets, one strike");
    assert_ne!(en, hama, "another town, another day, another kind of attack");
    assert_ne!(en, paris);

    // The incident keeps both outlets' tolls: 9 and 12, not their mean.
    let incidents = store.incidents(2).expect("lists");
    let strike = incidents.iter().find(|i| i.id == en).expect("the strike is listed");
    assert_eq!(strike.reports.len(), 2);
    let killed = strike
        .figures
        .iter()
        .find(|t| t.measure == sitrep_core::Measure::Killed && t.subject == "civilians")
        .expect("a civilian toll");
    assert_eq!((killed.low, killed.high), (Some(9), Some(12)));
    assert!(killed.disputed);
    assert_eq!(killed.best, None);
    assert!(incidents.iter().all(|i| i.reports.len() >= 2), "min_reports filters");

    // Relinking changes nothing.
    let again = store.relink(&Rules::embedded()).expect("links again");
    assert_eq!(again, summary);
    assert_eq!(lead_incident(&store, "wire-kafranbel-en"), en);
}

#[test]
fn an_older_database_is_migrated_keeping_its_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v1.db");
    // A database as the first schema left it, with a document in it.
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(sitrep_store::MIGRATIONS[0]).expect("schema 1");
        conn.pragma_update(None, "user_version", 1).expect("sets");
        conn.execute(
            "INSERT INTO documents (key, id, ingested_at, text, record) VALUES ('k', 'old', 'then', 't', '{}')",
            [],
        )
        .expect("inserts");
    }
    let mut store = Store::open(&path).expect("migrates");
    assert_eq!(rusqlite_version(&path), SCHEMA_VERSION as i64);
    assert_eq!(count(&store, "SELECT count(*) FROM documents WHERE id = 'old'"), 1);
    // The new column is there and filled by new documents: the Hama sample
    // names an NGO "basée à Londres".
    store.insert(&new_docs("samples/reports.jsonl")).expect("inserts");
    assert!(count(&store, "SELECT count(*) FROM place_mentions WHERE seat = 1") >= 1);
    assert_eq!(count(&store, "SELECT count(*) FROM place_mentions WHERE seat = 0 AND text = 'Londres'"), 0);
}

/// Everything linking wrote: events' incidents, incidents, claims.
fn linked(store: &Store) -> Vec<String> {
    let rows = |sql: &str| -> Vec<String> {
        let conn = store.connection();
        let mut stmt = conn.prepare(sql).expect("prepares");
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                .collect::<Result<Vec<_>, _>>()
                .map(|v| v.join("|"))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .expect("reads")
    };
    let mut all = rows("SELECT doc, id, incident FROM events ORDER BY doc, id");
    all.extend(rows("SELECT * FROM incidents ORDER BY id"));
    all.extend(rows("SELECT * FROM incident_claims ORDER BY incident, doc, figure"));
    all
}

#[test]
fn relinking_after_each_batch_gives_what_one_relink_gives() {
    let mut docs = new_docs("samples/corpus/reports.jsonl");
    docs.extend(new_docs("samples/reports.jsonl"));
    let rules = Rules::embedded();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut once = Store::open(&dir.path().join("once.db")).expect("opens");
    once.insert(&docs).expect("inserts");
    once.relink(&rules).expect("links");
    let expected = linked(&once);
    assert!(count(&once, "SELECT count(*) FROM incidents WHERE documents > 1") >= 1);
    assert!(count(&once, "SELECT count(*) FROM incident_claims") >= 1);

    // Stores that keep what linking needs of what they write link the same.
    for split in 1..docs.len() {
        let mut store = Store::open(&dir.path().join(format!("split-{split}.db"))).expect("opens");
        store.keep_for_linking(split % 2 == 1);
        store.insert(&docs[..split]).expect("inserts");
        store.relink(&rules).expect("links");
        store.insert(&docs[split..]).expect("inserts");
        store.relink(&rules).expect("links again");
        assert_eq!(linked(&store), expected, "documents stored in two batches, split at {split}");
        // Relinking again changes nothing.
        store.relink(&rules).expect("links a third time");
        assert_eq!(linked(&store), expected);
    }
    // Documents kept in memory by one store, linked meanwhile by another.
    let path = dir.path().join("two.db");
    let mut store = Store::open(&path).expect("opens");
    store.keep_for_linking(true);
    store.insert(&docs[..3]).expect("inserts");
    Store::open(&path).expect("opens again").relink(&rules).expect("links");
    store.insert(&docs[3..]).expect("inserts");
    store.relink(&rules).expect("links again");
    assert_eq!(linked(&store), expected, "documents linked by another store");

    // The index relinking may drop and make again is there as the schema made it.
    let index: String = once
        .connection()
        .query_row("SELECT sql FROM sqlite_master WHERE name = 'events_incident'", [], |r| r.get(0))
        .expect("the index is there");
    assert_eq!(index, "CREATE INDEX events_incident ON events(incident)");
}
