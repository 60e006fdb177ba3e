//! WARC files (ISO 28500; Common Crawl's CC-NEWS among them), plain or
//! gzipped record by record: every `response` record whose HTTP payload is
//! an HTML page with a 2xx status (and every `resource` record of HTML)
//! becomes a document; every other record (`warcinfo`, `request`,
//! `metadata`, images, redirects) is skipped and counted in
//! [`Stats::records_skipped`](crate::Stats).
//!
//! The document's URL is the record's `WARC-Target-URI`; its date is the
//! page's own, else the record's `WARC-Date` (the crawl time). Records are
//! read one at a time and a payload over the size limit is skipped without
//! being loaded, so a 1 GB file takes the memory of its largest page. A file
//! cut short (a truncated download) is a warning at the record where it
//! ends: the records before it are kept.
//!
//! Why not the warc crate (0.4): its record iterator buffers each record
//! whole with no size limit, its streaming API borrows the reader (it cannot
//! live in an iterator), and it brings a second gzip implementation, chrono,
//! nom and uuid 0.8; the format needs a hundred lines.

use std::io::{self, BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};
use sitrep_core::InputDoc;

use crate::date::normalize;
use crate::encoding::content_type_charset;
use crate::error::{ReadError, Warning};
use crate::html::page_to_doc;
use crate::item::{Item, Limits, Meta, Origin, Position};
use crate::kind::{Kind, find_ci};
use crate::reader::{Source, Stats};

/// Largest WARC or HTTP header block: real ones are a few KB; a file that
/// is not WARC must not make us read a gigabyte looking for a blank line.
const MAX_HEADER_BYTES: u64 = 1 << 16;

pub(crate) struct Warc {
    name: String,
    r: Box<dyn BufRead + Send>,
    /// Records begun so far.
    records: u64,
    meta: Meta,
    limits: Limits,
    done: bool,
}

/// Why reading stopped, or a record gave no document.
enum Next {
    Item(Item),
    Skipped,
    /// The end: a clean one (`None`) or with a last word.
    End(Option<Item>),
}

impl Source for Warc {
    fn next_item(&mut self, stats: &mut Stats) -> Option<Item> {
        while !self.done {
            match self.next_record() {
                Next::Item(item) => return Some(item),
                Next::Skipped => stats.records_skipped += 1,
                Next::End(last) => {
                    self.done = true;
                    return last;
                }
            }
        }
        None
    }
}

impl Warc {
    pub(crate) fn new(name: String, r: Box<dyn BufRead + Send>, meta: Meta, limits: Limits) -> Warc {
        Warc { name, r, records: 0, meta, limits, done: false }
    }

    fn origin(&self) -> Origin {
        Origin::at(&self.name, Position::Record(self.records))
    }

    /// The end of the input in the middle of the current record.
    fn cut(&self, e: &io::Error) -> Next {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            Next::End(Some(Item::warning(self.origin(), Warning::Truncated(e.to_string()))))
        } else {
            Next::End(Some(Item::error(
                self.origin(),
                ReadError::Io(io::Error::new(e.kind(), e.to_string())),
            )))
        }
    }

    fn next_record(&mut self) -> Next {
        let lines = match header_block(&mut self.r, Some("WARC/")) {
            Ok(Some(lines)) => {
                self.records += 1;
                lines
            }
            Ok(None) => return Next::End(None),
            Err(BlockError::Io(e)) => {
                self.records += 1;
                return self.cut(&e);
            }
            Err(BlockError::Bad(why)) => {
                self.records += 1;
                return Next::End(Some(Item::error(self.origin(), ReadError::BadWarc(why))));
            }
        };
        let headers = Headers::parse(&lines[1..]);
        let Some(len) = headers.get("content-length").and_then(|l| l.trim().parse::<u64>().ok()) else {
            let e = ReadError::BadWarc("no valid Content-Length".into());
            return Next::End(Some(Item::error(self.origin(), e)));
        };
        let kind = headers.get("warc-type").unwrap_or_default().trim().to_ascii_lowercase();
        let content_type = headers.get("content-type").unwrap_or_default().to_ascii_lowercase();
        let mut body = (&mut self.r).take(len);
        let page = match kind.as_str() {
            "response" if content_type.starts_with("application/http") => http_payload(&mut body),
            "resource" if is_html_type(&content_type) => Ok(Some(Payload {
                charset: content_type_charset(&content_type).map(str::to_string),
                encoding: None,
            })),
            _ => Ok(None),
        };
        let page = match page {
            Ok(Some(p)) => p,
            Ok(None) => {
                return match skip(&mut body) {
                    Ok(()) => Next::Skipped,
                    Err(e) => self.cut(&e),
                };
            }
            Err(BlockError::Bad(why)) => {
                return match skip(&mut body) {
                    Ok(()) => Next::Item(Item::error(self.origin(), ReadError::BadHttp(why))),
                    Err(e) => self.cut(&e),
                };
            }
            // The record ended, not the file: its HTTP head is incomplete.
            Err(BlockError::Io(e)) if body.limit() == 0 => {
                return Next::Item(Item::error(self.origin(), ReadError::BadHttp(e.to_string())));
            }
            Err(BlockError::Io(e)) => return self.cut(&e),
        };
        let payload_len = body.limit();
        if payload_len > self.limits.max_doc_bytes as u64 {
            if let Err(e) = skip(&mut body) {
                return self.cut(&e);
            }
            let limit = self.limits.max_doc_bytes;
            let e = ReadError::PartTooLarge { what: "the HTTP payload", len: payload_len, limit };
            return Next::Item(Item::error(self.origin(), e));
        }
        let mut bytes = Vec::with_capacity(payload_len as usize);
        if let Err(e) = body.read_to_end(&mut bytes) {
            return self.cut(&e);
        }
        if (bytes.len() as u64) < payload_len {
            let e = io::Error::new(io::ErrorKind::UnexpectedEof, "end of file inside the record");
            return self.cut(&e);
        }
        let bytes = match page.decode(bytes, self.limits) {
            Ok(b) => b,
            Err(e) => return Next::Item(Item::error(self.origin(), e)),
        };
        let url = headers.get("warc-target-uri").map(|u| u.trim().trim_matches(['<', '>']).to_string());
        let (doc, warnings) = page_to_doc(&bytes, page.charset.as_deref(), url.as_deref());
        let doc = doc.map(|mut doc: InputDoc| {
            if url.is_some() {
                doc.url = url;
            }
            if doc.published.is_none() {
                doc.published = headers.get("warc-date").and_then(normalize);
            }
            self.meta.fill(&mut doc);
            doc
        });
        Next::Item(Item { origin: self.origin(), doc: Some(doc), warnings, text_derived: true })
    }
}

/// What the HTTP headers said about the payload that follows them.
struct Payload {
    charset: Option<String>,
    /// `Content-Encoding` and `Transfer-Encoding: chunked`, as given.
    encoding: Option<(Option<String>, bool)>,
}

impl Payload {
    /// Undoes chunking and gzip or deflate compression, within the limit.
    fn decode(&self, bytes: Vec<u8>, limits: Limits) -> Result<Vec<u8>, ReadError> {
        let Some((content_encoding, chunked)) = &self.encoding else { return Ok(bytes) };
        let bytes = if *chunked { dechunk(&bytes).unwrap_or(bytes) } else { bytes };
        let limit = limits.max_doc_bytes as u64;
        let mut out = Vec::new();
        let res = match content_encoding.as_deref() {
            None | Some("identity") => return Ok(bytes),
            Some("gzip" | "x-gzip") => GzDecoder::new(&bytes[..]).take(limit + 1).read_to_end(&mut out),
            Some("deflate") => ZlibDecoder::new(&bytes[..]).take(limit + 1).read_to_end(&mut out),
            Some(other) => return Err(ReadError::Unsupported(format!("Content-Encoding {other}"))),
        };
        match res {
            Err(e) => Err(ReadError::Io(e)),
            Ok(_) if out.len() as u64 > limit => Err(ReadError::PartTooLarge {
                what: "the decompressed page",
                len: out.len() as u64,
                limit: limits.max_doc_bytes,
            }),
            Ok(_) => Ok(out),
        }
    }
}

/// Reads the HTTP response head at the start of a record's body: `Some`
/// when the payload that follows is an HTML page with a 2xx status.
fn http_payload(body: &mut impl BufRead) -> Result<Option<Payload>, BlockError> {
    let Some(lines) = header_block(body, Some("HTTP/"))? else { return Ok(None) };
    let status = lines.first().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse::<u16>().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return Ok(None);
    }
    let headers = Headers::parse(&lines[1..]);
    let content_type = headers.get("content-type").map(|c| c.to_ascii_lowercase());
    let html = match &content_type {
        Some(ct) => is_html_type(ct),
        // No Content-Type: look at the payload.
        None => Kind::sniff(body.fill_buf().map_err(BlockError::Io)?) == Some(Kind::Html),
    };
    if !html {
        return Ok(None);
    }
    let content_encoding = headers.get("content-encoding").map(|e| e.trim().to_ascii_lowercase());
    let chunked =
        headers.get("transfer-encoding").is_some_and(|t| find_ci(t.as_bytes(), b"chunked").is_some());
    let encoding = (content_encoding.is_some() || chunked).then_some((content_encoding, chunked));
    let charset = content_type.as_deref().and_then(content_type_charset).map(str::to_string);
    Ok(Some(Payload { charset, encoding }))
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or_default().trim();
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// Reads the rest of a record without keeping it; the input ending first
/// is `UnexpectedEof`.
fn skip<R: Read>(body: &mut io::Take<R>) -> io::Result<()> {
    io::copy(body, &mut io::sink())?;
    if body.limit() > 0 {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "end of file inside the record"));
    }
    Ok(())
}

/// Why a header block could not be read.
enum BlockError {
    /// The input failed or ended (`UnexpectedEof`) inside the block.
    Io(io::Error),
    /// The bytes are not a header block of the expected kind.
    Bad(String),
}

/// Lines up to a blank line (`\r\n` or `\n`), at most [`MAX_HEADER_BYTES`],
/// the first starting with `prefix` (`WARC/`, `HTTP/`). Blank lines before
/// the block are skipped (the separators between WARC records). `Ok(None)`:
/// the input ended before the block began.
fn header_block(r: &mut impl BufRead, prefix: Option<&str>) -> Result<Option<Vec<String>>, BlockError> {
    let eof =
        || BlockError::Io(io::Error::new(io::ErrorKind::UnexpectedEof, "end of file inside a header block"));
    let mut lines = Vec::new();
    let mut read = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEADER_BYTES - read + 1)
            .read_until(b'\n', &mut line)
            .map_err(BlockError::Io)?;
        read += n as u64;
        if read > MAX_HEADER_BYTES {
            return Err(BlockError::Bad("a header block over 64 KiB".into()));
        }
        if n == 0 {
            return if lines.is_empty() { Ok(None) } else { Err(eof()) };
        }
        let complete = line.ends_with(b"\n");
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if lines.is_empty() {
            if text.is_empty() && complete {
                continue;
            }
            // Check the first line even if cut short: garbage is not a truncation.
            if let Some(p) = prefix {
                let fits =
                    if complete { text.starts_with(p) } else { text.starts_with(p) || p.starts_with(text) };
                if !fits {
                    let found: String = text.chars().take(40).collect();
                    return Err(BlockError::Bad(format!("expected a {p} line, found {found:?}")));
                }
            }
        }
        if !complete {
            return Err(eof());
        }
        if text.is_empty() {
            return Ok(Some(lines));
        }
        lines.push(text.to_string());
    }
}

/// Header fields, names compared without case; folded lines joined.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn parse(lines: &[String]) -> Headers {
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in lines {
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = fields.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
            } else if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        Headers(fields)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// `Transfer-Encoding: chunked` undone; `None` if the chunks are broken.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = b.iter().position(|&c| c == b'\n')?;
        let size_line = std::str::from_utf8(&b[..eol]).ok()?;
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?;
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").as_deref(), Some(&b"Wikipedia"[..]));
        assert_eq!(dechunk(b"zz\r\n"), None);
    }

    #[test]
    fn header_blocks() {
        let mut r = &b"\r\n\r\nWARC/1.0\r\nA: b\r\n c\r\n\r\nrest"[..];
        let lines = header_block(&mut r, Some("WARC/")).ok().flatten().expect("a block");
        assert_eq!(lines, ["WARC/1.0", "A: b", " c"]);
        assert_eq!(Headers::parse(&lines[1..]).get("a"), Some("b c"));
        assert_eq!(r, b"rest");
        let block = |b: &[u8]| header_block(&mut &b[..], Some("WARC/"));
        assert!(
            matches!(block(b"WARC/1.0\r\nA: b"), Err(BlockError::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof)
        );
        assert!(matches!(block(b"\r\n\n"), Ok(None)));
        assert!(matches!(block(b"GIF89a"), Err(BlockError::Bad(_))), "garbage is not a truncation");
        assert!(matches!(block(b"WA"), Err(BlockError::Io(_))), "a cut WARC/ line is");
    }
}
