//! The core of sitrep: the sitrep/1 record format as types, the analysed
//! document every stage reads, and the [`Stage`] trait that extractors
//! implement. No I/O happens here.
//!
//! ```
//! use sitrep_core::{Doc, InputDoc, FORMAT};
//!
//! let input: InputDoc = serde_json::from_str(
//!     r#"{"id": "x1", "text": "Hier à Alep.", "published": "2016-08-01"}"#,
//! ).unwrap();
//! let (doc, warnings) = Doc::new(input);
//! assert!(warnings.is_empty());
//! let record = doc.empty_record();
//! assert_eq!(record.format, FORMAT);
//! assert_eq!(record.language.as_deref(), None); // three words: too few to tell
//! ```

mod doc;
mod record;
mod stage;

pub use doc::{Doc, DocWarning, InputDoc, Published, content_id};
pub use record::{
    Actor, ActorKind, Bound, DateMention, Event, EventType, FORMAT, Figure, Measure, Mode, Place,
    PlaceMention, Record, Source, SourceKind, Span, Status, SubEventType, TimexType, item_id,
};
pub use stage::{Stage, for_language};

/// The JSON Schema of a sitrep/1 record, generated from the types above.
pub fn record_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Record)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), "https://sitrep.dev/schema/sitrep-1.json".into());
        obj.insert("title".into(), "sitrep/1 record".into());
    }
    schema
}
