//! JSON Lines: one input document per line, read line by line with a length
//! limit, so a 1 GB file is never in memory and one huge line is skipped
//! without being loaded.

use std::io::{self, BufRead};

use sitrep_core::InputDoc;

use crate::error::{ReadError, Warning};
use crate::item::{Item, Limits, Meta, Origin, Position};
use crate::reader::{Source, Stats};
use crate::text::decode_utf8;

pub(crate) struct Jsonl {
    name: String,
    lines: Lines<Box<dyn BufRead + Send>>,
    meta: Meta,
}

impl Jsonl {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>, meta: Meta, limits: Limits) -> Jsonl {
        Jsonl { name, lines: Lines::new(reader, limits.max_doc_bytes), meta }
    }

    fn origin(&self) -> Origin {
        Origin::at(&self.name, Position::Line(self.lines.line_no))
    }
}

impl Source for Jsonl {
    fn next_item(&mut self, _stats: &mut Stats) -> Option<Item> {
        loop {
            match self.lines.next_line()? {
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                    // A gzip file cut short: the lines before it were read.
                    let origin = Origin::at(&self.name, Position::Line(self.lines.line_no + 1));
                    return Some(Item::warning(origin, Warning::Truncated(e.to_string())));
                }
                Err(e) => {
                    let origin = Origin::at(&self.name, Position::Line(self.lines.line_no + 1));
                    return Some(Item::error(origin, ReadError::Io(e)));
                }
                Ok(Line::TooLong(len)) => {
                    let limit = self.lines.max;
                    return Some(Item::error(self.origin(), ReadError::LineTooLong { len, limit }));
                }
                Ok(Line::Bytes(bytes)) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_line(self.origin(), bytes, &self.meta));
                }
            }
        }
    }
}

fn parse_line(origin: Origin, bytes: Vec<u8>, meta: &Meta) -> Item {
    let mut warnings = Vec::new();
    let text = decode_utf8(bytes, &mut warnings);
    let doc = match serde_json::from_str::<InputDoc>(&text) {
        Err(e) => Err(ReadError::Json(e)),
        Ok(d) if d.text.is_none() && d.html.is_none() => Err(ReadError::NoText),
        Ok(mut d) => {
            meta.fill(&mut d);
            Ok(d)
        }
    };
    Item { origin, doc: Some(doc), warnings, text_derived: false }
}

/// A line of a JSONL file.
pub(crate) enum Line {
    Bytes(Vec<u8>),
    /// Over the limit: its length, and it was not kept.
    TooLong(usize),
}

/// Lines with a length limit: a huge line is skipped, not loaded.
pub(crate) struct Lines<R> {
    r: R,
    max: usize,
    /// The number of the last line returned.
    line_no: u64,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(r: R, max: usize) -> Self {
        Lines { r, max, line_no: 0, done: false }
    }

    pub(crate) fn next_line(&mut self) -> Option<io::Result<Line>> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let avail = match self.r.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if avail.is_empty() {
                self.done = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (take, found) = match avail.iter().position(|&b| b == b'\n') {
                Some(p) => (p, true),
                None => (avail.len(), false),
            };
            len += take;
            if len <= self.max {
                buf.extend_from_slice(&avail[..take]);
            }
            self.r.consume(take + usize::from(found));
            if found {
                break;
            }
        }
        self.line_no += 1;
        if len > self.max {
            return Some(Ok(Line::TooLong(len)));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Some(Ok(Line::Bytes(buf)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_not_loaded() {
        let data = format!("{}\n{}\nshort\n", "a".repeat(10), "b".repeat(100));
        let mut lines = Lines::new(data.as_bytes(), 50);
        assert!(matches!(lines.next_line(), Some(Ok(Line::Bytes(b))) if b.len() == 10));
        assert!(matches!(lines.next_line(), Some(Ok(Line::TooLong(100)))));
        assert_eq!(lines.line_no, 2);
        assert!(matches!(lines.next_line(), Some(Ok(Line::Bytes(b))) if b == b"short"));
        assert!(lines.next_line().is_none());
    }

    #[test]
    fn last_line_without_newline() {
        let mut lines = Lines::new(&b"x\r\ny"[..], 50);
        assert!(matches!(lines.next_line(), Some(Ok(Line::Bytes(b))) if b == b"x"));
        assert!(matches!(lines.next_line(), Some(Ok(Line::Bytes(b))) if b == b"y"));
        assert!(lines.next_line().is_none());
    }
}
