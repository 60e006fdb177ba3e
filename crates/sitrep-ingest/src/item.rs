//! What a reader hands out: items, where they came from, and the settings
//! every reader shares.

use std::fmt;

use sitrep_core::InputDoc;

use crate::error::{ReadError, Warning};

/// One thing read: a document, why a document could not be read, or only
/// warnings about the input itself.
#[derive(Debug)]
pub struct Item {
    /// Where it came from.
    pub origin: Origin,
    /// `Some(Ok(doc))` for a document, `Some(Err(e))` for a document that
    /// could not be read (the reader goes on with the next one), `None` when
    /// the item only carries warnings about the input: a file cut short
    /// (truncated WARC, gzip or feed), whose readable part was read.
    pub doc: Option<Result<InputDoc, ReadError>>,
    /// Problems that did not stop it (bytes replaced, a date dropped, …).
    pub warnings: Vec<Warning>,
    /// The document's text was made here from markup (an HTML page, a feed
    /// item, a WARC record) rather than given: it exists nowhere else, so
    /// whatever refers to offsets in it should carry it along.
    pub text_derived: bool,
}

impl Item {
    pub(crate) fn doc(origin: Origin, doc: InputDoc, warnings: Vec<Warning>) -> Item {
        Item { origin, doc: Some(Ok(doc)), warnings, text_derived: false }
    }

    pub(crate) fn error(origin: Origin, error: ReadError) -> Item {
        Item { origin, doc: Some(Err(error)), warnings: Vec::new(), text_derived: false }
    }

    pub(crate) fn warning(origin: Origin, warning: Warning) -> Item {
        Item { origin, doc: None, warnings: vec![warning], text_derived: false }
    }

    /// An item whose text, if any, was made from markup.
    pub(crate) fn derived(self) -> Item {
        Item { text_derived: true, ..self }
    }
}

/// Where an item came from, shown as `path` (a text file, an HTML page),
/// `path:12` (line 12 of a JSONL file), `path#item 3` (the third item or
/// entry of a feed) or `path#record 17` (the 17th record of a WARC file,
/// counting every record, requests and metadata too). Standard input is
/// `<stdin>`. Numbers start at 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The path as given (or found in a directory), or `<stdin>`.
    pub source: String,
    /// The place in it, for inputs that hold many documents.
    pub position: Option<Position>,
}

/// A place inside an input that holds many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A line of a JSON Lines file.
    Line(u64),
    /// An item (RSS) or entry (Atom) of a feed.
    Item(u64),
    /// A record of a WARC file.
    Record(u64),
}

impl Origin {
    pub(crate) fn file(source: &str) -> Origin {
        Origin { source: source.to_string(), position: None }
    }

    pub(crate) fn at(source: &str, position: Position) -> Origin {
        Origin { source: source.to_string(), position: Some(position) }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        match self.position {
            None => Ok(()),
            Some(Position::Line(n)) => write!(f, ":{n}"),
            Some(Position::Item(n)) => write!(f, "#item {n}"),
            Some(Position::Record(n)) => write!(f, "#record {n}"),
        }
    }
}

/// Metadata for documents that carry none (text files, standard input
/// text), and defaults for documents that lack some (JSONL lines, pages,
/// feed items, WARC records): what a document says about itself wins.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Publication date (ISO date or RFC 3339 time).
    pub published: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Only for single documents (text files, HTML pages): JSONL ids are
    /// their own, and feed items and WARC records get a content hash.
    pub id: Option<String>,
}

impl Meta {
    /// Fills what `doc` lacks from these defaults (never the id).
    pub(crate) fn fill(&self, doc: &mut InputDoc) {
        fill(&mut doc.published, &self.published);
        fill(&mut doc.language, &self.language);
        fill(&mut doc.outlet, &self.outlet);
    }
}

fn fill(field: &mut Option<String>, default: &Option<String>) {
    if field.as_deref().is_none_or(|s| s.trim().is_empty()) {
        field.clone_from(default);
    }
}

/// Limits that keep one bad input from taking the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest document, in bytes: a text file, an HTML page, a JSONL line,
    /// a feed item's text, a WARC record's HTTP payload.
    pub max_doc_bytes: usize,
}

impl Default for Limits {
    /// 64 MiB: far above any real article, far below the machine's memory.
    fn default() -> Self {
        Limits { max_doc_bytes: 64 << 20 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_read_as_documented() {
        assert_eq!(Origin::file("a.html").to_string(), "a.html");
        assert_eq!(Origin::at("a.jsonl", Position::Line(12)).to_string(), "a.jsonl:12");
        assert_eq!(Origin::at("f.xml", Position::Item(3)).to_string(), "f.xml#item 3");
        assert_eq!(Origin::at("c.warc.gz", Position::Record(17)).to_string(), "c.warc.gz#record 17");
    }
}
