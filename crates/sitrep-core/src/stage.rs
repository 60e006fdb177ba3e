//! The seam between the pipeline and its extractors.

use crate::doc::Doc;
use crate::record::Record;

/// One extraction stage: reads the analysed document and what earlier
/// stages put in the record, and adds its own section.
///
/// Stages are built once and shared read-only across threads, so lexicons
/// and automata are compiled in the constructor, never per document.
///
/// ```
/// use sitrep_core::{Doc, InputDoc, Record, Stage};
///
/// /// Counts nothing, changes nothing: the smallest stage there is.
/// struct Nothing;
/// impl Stage for Nothing {
///     fn name(&self) -> &'static str { "nothing" }
///     fn run(&self, _doc: &Doc, _record: &mut Record) {}
/// }
///
/// let (doc, _) = Doc::new(InputDoc { text: Some("Alep, 1er août".into()), ..Default::default() });
/// let mut record = doc.empty_record();
/// Nothing.run(&doc, &mut record);
/// assert!(record.dates.is_empty());
/// ```
pub trait Stage: Send + Sync {
    /// A short name for logs and `--stages`.
    fn name(&self) -> &'static str;

    /// Adds this stage's findings to `record`.
    fn run(&self, doc: &Doc, record: &mut Record);
}

/// The table of a document's language among per-language tables, English
/// when its language has none (or is unknown).
pub fn for_language<'a, T>(all: &'a [(&'static str, T)], doc: &Doc) -> Option<&'a T> {
    let lang = doc.text.language().unwrap_or("en");
    all.iter().find(|(l, _)| *l == lang).or_else(|| all.iter().find(|(l, _)| *l == "en")).map(|(_, x)| x)
}
