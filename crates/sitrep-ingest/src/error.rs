//! Why a document could not be read, and what went wrong without stopping
//! it. Messages name the problem and what to do about it; the item's
//! [`Origin`](crate::Origin) says where.

use std::io;

/// A document that could not be read. The reader goes on with the next one
/// where the input allows it (the next line, item, record or file).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file or directory could not be opened.
    #[error("cannot read: {0}")]
    Open(String),
    /// Reading failed part way (a disk error, a damaged gzip stream).
    #[error("read error: {0}")]
    Io(#[source] io::Error),
    /// A JSONL line over the size limit; skipped without being loaded.
    #[error("line is {len} bytes, over the {limit} byte limit; skipped (raise --max-doc-bytes to read it)")]
    LineTooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// A whole-file document (text, HTML page) over the size limit.
    #[error("file is over the {limit} byte document limit; skipped (split it, or raise --max-doc-bytes)")]
    FileTooLarge {
        /// The limit.
        limit: usize,
    },
    /// A WARC record's payload or a feed item's text over the size limit.
    #[error("{what} is {len} bytes, over the {limit} byte document limit; skipped (raise --max-doc-bytes)")]
    PartTooLarge {
        /// What was too large ("the HTTP payload", "the item's text").
        what: &'static str,
        /// Its length in bytes.
        len: u64,
        /// The limit.
        limit: usize,
    },
    /// A JSONL line that is not a JSON object of the input format.
    #[error("not a JSON document object: {0}")]
    Json(#[source] serde_json::Error),
    /// A JSONL document without text or HTML.
    #[error("the document has neither \"text\" nor \"html\"; skipped")]
    NoText,
    /// An HTML page (or WARC response) in which no text was found.
    #[error("no text found in the page; skipped")]
    EmptyPage,
    /// The HTML parser failed on this page (a bug in it, caught).
    #[error("the HTML parser failed on this page ({0}); skipped (please report it with the page)")]
    ParserFailed(String),
    /// A feed item with neither title nor text.
    #[error("the item has no title, description or content; skipped")]
    EmptyItem,
    /// An XML file that is not an RSS or Atom feed.
    #[error("an XML file whose root element is <{0}>, not an RSS or Atom feed; not read")]
    NotAFeed(String),
    /// A feed that stops being well-formed XML: the items before were read.
    #[error("not well-formed XML ({0}); the items before it were read, the rest of the file is not")]
    BadXml(String),
    /// A WARC response record whose HTTP head cannot be read.
    #[error("the record's HTTP response head is malformed ({0}); skipped")]
    BadHttp(String),
    /// A payload in a form not supported (a compression).
    #[error("{0} is not supported; skipped")]
    Unsupported(String),
    /// A WARC file that stops being one: the records before were read.
    #[error("not a WARC record ({0}); the records before it were read, the rest of the file is not")]
    BadWarc(String),
}

/// Something wrong that did not stop the document (or, for a truncated
/// input, the documents before the cut).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Warning {
    /// Bytes that are not UTF-8 in an input that must be.
    #[error("invalid UTF-8 at byte {at}; bad bytes replaced with U+FFFD")]
    InvalidUtf8 {
        /// Offset of the first bad byte.
        at: usize,
    },
    /// Bytes that are not valid in the page's encoding.
    #[error("some bytes are not valid {encoding}; replaced with U+FFFD")]
    BadBytes {
        /// The encoding used.
        encoding: &'static str,
    },
    /// The encoding was guessed, or the declared one was wrong.
    #[error("{why}; decoded as {used} (guessed from the bytes)")]
    GuessedEncoding {
        /// Why a guess was needed.
        why: String,
        /// The encoding guessed.
        used: &'static str,
    },
    /// A date that could not be read: the document is kept without it.
    #[error(
        "{field} {value:?} is not a date (RFC 3339, RFC 2822 or ISO 8601); the document is kept without it"
    )]
    BadDate {
        /// Where the date was (`pubDate`, `article:published_time`, …).
        field: String,
        /// The date as written.
        value: String,
    },
    /// A JSON-LD block that is not valid JSON: its metadata is ignored.
    #[error("a JSON-LD block is not valid JSON ({0}); its metadata is ignored")]
    BadJsonLd(String),
    /// Readability found no article: the text is the whole page's.
    #[error("no main text found ({0}); the text is the whole page's, boilerplate included")]
    NoMainText(String),
    /// An HTML page without its closing tags: perhaps cut short.
    #[error("the page has no closing </body> or </html>; it may be cut short")]
    UnclosedPage,
    /// The input ends early: everything before the cut was read.
    #[error("the input is cut short here ({0}); everything before it was read")]
    Truncated(String),
}
