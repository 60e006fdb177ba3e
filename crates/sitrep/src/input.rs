//! Reading documents from paths: JSON Lines, plain text and Markdown files,
//! directories, standard input. Streams: a 1 GB JSONL file is read line by
//! line, never whole.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sitrep_core::InputDoc;

/// Where a document came from, for messages: `path:line` or `path`.
pub type Origin = String;

/// One document read, or why it could not be.
pub struct Item {
    /// Where it came from.
    pub origin: Origin,
    /// The document, or an error message naming what is wrong.
    pub doc: Result<InputDoc, String>,
    /// Problems that did not stop it (invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// Metadata for documents that carry none (text files, stdin text), and
/// defaults for JSONL documents that lack them.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub published: Option<String>,
    pub language: Option<String>,
    pub outlet: Option<String>,
    /// Only for a single text document: ids in a JSONL file are its own.
    pub id: Option<String>,
}

/// Limits that keep one bad input from taking the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest document (a text file, or a JSONL line), in bytes.
    pub max_doc_bytes: usize,
}

/// A source of documents.
enum Source {
    Jsonl { name: String, lines: Lines<Box<dyn BufRead + Send>> },
    Text { name: String, reader: Box<dyn Read + Send> },
    Error { name: String, message: String },
}

/// Reads every document from `paths`, in order.
pub struct Reader {
    pending: std::vec::IntoIter<PathArg>,
    current: Option<Source>,
    meta: Meta,
    limits: Limits,
    /// Files a directory walk passed over (not .jsonl/.txt/.md).
    pub ignored_files: usize,
}

enum PathArg {
    Stdin,
    File(PathBuf),
    Missing(PathBuf, String),
}

impl Reader {
    /// Expands directories (sorted, recursively) and opens nothing yet.
    pub fn new(paths: &[PathBuf], meta: Meta, limits: Limits) -> Reader {
        let mut args = Vec::new();
        let mut ignored = 0;
        for p in paths {
            if p.as_os_str() == "-" {
                args.push(PathArg::Stdin);
            } else if p.is_dir() {
                walk(p, &mut args, &mut ignored);
            } else if p.exists() {
                args.push(PathArg::File(p.clone()));
            } else {
                args.push(PathArg::Missing(p.clone(), "no such file or directory".into()));
            }
        }
        Reader { pending: args.into_iter(), current: None, meta, limits, ignored_files: ignored }
    }

    fn open(&self, arg: PathArg) -> Source {
        match arg {
            PathArg::Stdin => {
                // JSONL when the first non-blank byte is '{', else one text document.
                let mut r = BufReader::with_capacity(1 << 16, io::stdin());
                let first =
                    r.fill_buf().ok().and_then(|b| b.iter().find(|c| !c.is_ascii_whitespace()).copied());
                let boxed: Box<dyn BufRead + Send> = Box::new(r);
                if first == Some(b'{') {
                    Source::Jsonl {
                        name: "<stdin>".into(),
                        lines: Lines::new(boxed, self.limits.max_doc_bytes),
                    }
                } else {
                    Source::Text { name: "<stdin>".into(), reader: boxed }
                }
            }
            PathArg::Missing(p, why) => Source::Error { name: p.display().to_string(), message: why },
            PathArg::File(p) => {
                let name = p.display().to_string();
                match File::open(&p) {
                    Err(e) => Source::Error { name, message: e.to_string() },
                    Ok(f) => {
                        if is_jsonl(&p) {
                            let r: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, f));
                            Source::Jsonl { name, lines: Lines::new(r, self.limits.max_doc_bytes) }
                        } else {
                            Source::Text { name, reader: Box::new(f) }
                        }
                    }
                }
            }
        }
    }

    fn next_from_current(&mut self) -> Option<Item> {
        let meta = &self.meta;
        let limits = self.limits;
        match self.current.take()? {
            Source::Error { name, message } => {
                Some(Item { origin: name, doc: Err(format!("cannot read: {message}")), warnings: vec![] })
            }
            Source::Text { name, reader } => Some(read_text(name, reader, meta, limits)),
            Source::Jsonl { name, mut lines } => loop {
                match lines.next_line() {
                    None => return None,
                    Some(Err(e)) => {
                        let origin = format!("{name}:{}", lines.line_no);
                        return Some(Item { origin, doc: Err(format!("read error: {e}")), warnings: vec![] });
                    }
                    Some(Ok(Line::TooLong(n))) => {
                        let origin = format!("{name}:{}", lines.line_no);
                        self.current = Some(Source::Jsonl { name, lines });
                        let msg = format!(
                            "line is {n} bytes, over the {} byte limit; skipped (raise --max-doc-bytes to read it)",
                            limits.max_doc_bytes
                        );
                        return Some(Item { origin, doc: Err(msg), warnings: vec![] });
                    }
                    Some(Ok(Line::Bytes(bytes))) => {
                        if bytes.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        let origin = format!("{name}:{}", lines.line_no);
                        let item = parse_jsonl_line(origin, &bytes, meta);
                        self.current = Some(Source::Jsonl { name, lines });
                        return Some(item);
                    }
                }
            },
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_from_current() {
                    return Some(item);
                }
                continue;
            }
            let arg = self.pending.next()?;
            self.current = Some(self.open(arg));
        }
    }
}

fn is_jsonl(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"))
}

fn is_text(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}

fn walk(dir: &Path, out: &mut Vec<PathArg>, ignored: &mut usize) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(PathArg::Missing(dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, ignored);
        } else if is_jsonl(&p) || is_text(&p) {
            out.push(PathArg::File(p));
        } else {
            *ignored += 1;
        }
    }
}

fn decode(bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            warnings.push(format!("invalid UTF-8 at byte {valid}; bad bytes replaced with U+FFFD"));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

fn parse_jsonl_line(origin: Origin, bytes: &[u8], meta: &Meta) -> Item {
    let mut warnings = Vec::new();
    let text = decode(bytes.to_vec(), &mut warnings);
    let doc = match serde_json::from_str::<InputDoc>(&text) {
        Err(e) => Err(format!("not a JSON document object: {e}")),
        Ok(d) if d.text.is_none() && d.html.is_none() => {
            Err("the document has neither \"text\" nor \"html\"; skipped".to_string())
        }
        Ok(mut d) => {
            d.published = d.published.or_else(|| meta.published.clone());
            d.language = d.language.or_else(|| meta.language.clone());
            d.outlet = d.outlet.or_else(|| meta.outlet.clone());
            Ok(d)
        }
    };
    Item { origin, doc, warnings }
}

fn read_text(name: String, reader: Box<dyn Read + Send>, meta: &Meta, limits: Limits) -> Item {
    let mut bytes = Vec::new();
    let limit = limits.max_doc_bytes as u64;
    let res = reader.take(limit + 1).read_to_end(&mut bytes);
    if let Err(e) = res {
        return Item { origin: name, doc: Err(format!("read error: {e}")), warnings: vec![] };
    }
    if bytes.len() as u64 > limit {
        let msg = format!(
            "file is over the {} byte document limit; skipped (split it, or raise --max-doc-bytes)",
            limits.max_doc_bytes
        );
        return Item { origin: name, doc: Err(msg), warnings: vec![] };
    }
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let doc = InputDoc {
        id: meta.id.clone(),
        text: Some(text),
        published: meta.published.clone(),
        language: meta.language.clone(),
        outlet: meta.outlet.clone(),
        ..Default::default()
    };
    Item { origin: name, doc: Ok(doc), warnings }
}

/// A line of a JSONL file.
enum Line {
    Bytes(Vec<u8>),
    /// Over the limit: its length, and it was not kept.
    TooLong(usize),
}

/// Lines with a length limit: a huge line is skipped, not loaded.
struct Lines<R> {
    r: R,
    max: usize,
    line_no: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    fn new(r: R, max: usize) -> Self {
        Lines { r, max, line_no: 0, done: false }
    }

    fn next_line(&mut self) -> Option<io::Result<Line>> {
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
