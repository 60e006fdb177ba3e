//! sitrep's corpus store: an embedded SQLite database of documents, their
//! sitrep/1 records, the records' parts as tables, and incidents linked
//! across documents.
//!
//! - **Idempotent**: a document's key is a hash of its text, outlet,
//!   publication date and URL; storing it again changes nothing.
//! - **Crash-safe**: documents are written in transactions in WAL mode; a
//!   process killed mid-ingest loses only the batch it had not committed.
//! - **Versioned**: the schema (`migrations/*.sql`, documented for
//!   `sitrep query` users) is migrated on open; a database from a newer
//!   sitrep is refused rather than damaged.
//!
//! ```
//! use sitrep_store::{NewDocument, Store, document_key};
//! use sitrep_core::Record;
//!
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(&dir.path().join("corpus.db"))?;
//! let text = "Air strikes hit Aleppo.";
//! let doc = NewDocument {
//!     key: document_key(text, None, None, None),
//!     origin: "a.txt".into(),
//!     text: text.into(),
//!     record: Record::new("r1"),
//!     record_json: None,
//! };
//! assert_eq!(store.insert(&[doc.clone()])?, 1);
//! // Again: nothing changes.
//! assert_eq!(store.insert(&[doc])?, 0);
//! assert_eq!(store.document_count()?, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod incidents;
mod schema;
mod store;
mod write;

pub use incidents::{IncidentView, LinkSummary};
pub use schema::{MIGRATIONS, SCHEMA_VERSION};
pub use store::{NewDocument, Records, Store, StoreError, document_key, stored_json};
