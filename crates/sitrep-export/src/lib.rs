//! Writes sitrep/1 records in the formats analysts already load: the records
//! themselves as JSON Lines, one row per event in ACLED's or UCDP GED's
//! column layout, or a GeoJSON map layer, keeping only the events a
//! [`Filter`] selects.
//!
//! [`export`] streams: it reads one record at a time from any iterator and
//! writes as it goes, so memory stays flat on a corpus of any size. It
//! returns a [`Summary`] of what was read, written and left out (filtered
//! out, without coordinates, not a kind of event the format holds).
//!
//! Every column is filled from the record or left empty: sitrep never makes
//! up a value a dataset's coders would have decided (an ACLED actor type, a
//! UCDP conflict id). The column mappings are documented on [`Format`].
//!
//! ```
//! use sitrep_core::Record;
//! use sitrep_export::{export, Filter, Format};
//!
//! let record: Record = serde_json::from_str(r#"{
//!   "format": "sitrep/1", "id": "doc-1", "language": "fr", "published": "2016-08-01",
//!   "actors": [], "dates": [], "sources": [], "figures": [],
//!   "places": [{"id": "p1", "name": "Aleppo", "lat": 36.20124, "lon": 37.16117,
//!               "country": "SY", "where_prec": 1, "mentions": []}],
//!   "events": [{"id": "e1", "type": "Battles", "sub_type": "Armed clash",
//!               "place": "p1", "date": null, "evidence": []}]
//! }"#).unwrap();
//!
//! let filter = Filter { country: Some("sy".into()), ..Filter::default() };
//! let mut out = Vec::new();
//! let summary = export([record], Format::Geojson, &filter, &mut out).unwrap();
//! assert_eq!(summary.rows_written, 1);
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.contains(r#""coordinates":[37.16117,36.20124]"#)); // [lon, lat]
//! ```

mod acled;
mod countries;
mod error;
mod event;
mod export;
mod filter;
mod format;
mod geojson;
mod jsonl;
mod period;
mod toll;
mod ucdp;

pub use acled::ACLED_COLUMNS;
pub use error::{ExportError, FilterError, FormatError};
pub use export::{Summary, export};
pub use filter::Filter;
pub use format::Format;
pub use ucdp::UCDP_COLUMNS;
