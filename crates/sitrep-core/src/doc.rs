//! Input documents (one JSON line each) and the analysed document that
//! stages read.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use sitrep_text::Text;

use crate::record::{Record, Span};

/// One input document, as the record format's input section describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InputDoc {
    /// Defaults to a hash of the content.
    #[serde(default)]
    pub id: Option<String>,
    /// The text; required unless `html` is given.
    #[serde(default)]
    pub text: Option<String>,
    /// An HTML page to take the text from, when `text` is absent.
    #[serde(default)]
    pub html: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Address.
    #[serde(default)]
    pub url: Option<String>,
    /// Publishing outlet.
    #[serde(default)]
    pub outlet: Option<String>,
    /// ISO date or RFC 3339 time: the anchor for relative dates.
    #[serde(default)]
    pub published: Option<String>,
    /// ISO 639-1 code; detected when absent.
    #[serde(default)]
    pub language: Option<String>,
}

/// The publication date (and time, when given) that anchors relative dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The calendar date, as written in the publisher's own offset.
    pub date: Date,
    /// The time of day, when given.
    pub time: Option<Time>,
}

/// Something wrong with a document that did not stop its processing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocWarning {
    /// `published` could not be read; relative dates stay unresolved.
    #[error(
        "published {0:?} is not an ISO date (2016-08-01) or RFC 3339 time; relative dates are left unresolved"
    )]
    BadPublished(String),
    /// Neither `text` nor `html` was given: the record is empty.
    #[error("the document has neither \"text\" nor \"html\"; its record is empty")]
    NoText,
}

impl Published {
    /// Reads "2016-08-01", "2016-08-01T10:30:00Z", "2016-08-01 10:30" and
    /// the like. The date is taken as written (the publisher's day).
    pub fn parse(s: &str) -> Option<Published> {
        let s = s.trim();
        let date: Date = s.get(..10)?.parse().ok()?;
        let rest = &s[10..];
        if rest.is_empty() {
            return Some(Published { date, time: None });
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let hms: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
        let time = hms.parse::<Time>().ok();
        time.map(|t| Published { date, time: Some(t) })
    }
}

/// A document analysed once, read by every stage.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The document id.
    pub id: String,
    /// The analysed text.
    pub text: Text,
    /// The anchor for relative dates.
    pub published: Option<Published>,
    /// `published` as given.
    pub published_raw: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// The text was derived from HTML (and so goes into the record).
    pub derived_text: bool,
}

impl Doc {
    /// Analyses an input document. Problems that do not stop processing come
    /// back as warnings.
    pub fn new(input: InputDoc) -> (Doc, Vec<DocWarning>) {
        let mut warnings = Vec::new();
        let (raw, derived_text) = match (input.text, input.html) {
            (Some(t), _) => (t, false),
            (None, Some(h)) => (sitrep_text::html_to_text(&h), true),
            (None, None) => {
                warnings.push(DocWarning::NoText);
                (String::new(), false)
            }
        };
        let published = input.published.as_deref().filter(|p| !p.trim().is_empty()).and_then(|p| {
            let parsed = Published::parse(p);
            if parsed.is_none() {
                warnings.push(DocWarning::BadPublished(p.to_string()));
            }
            parsed
        });
        let id = input.id.filter(|i| !i.is_empty()).unwrap_or_else(|| content_id(&raw));
        let text = Text::new(raw, input.language.as_deref());
        let doc = Doc {
            id,
            text,
            published,
            published_raw: input.published,
            outlet: input.outlet,
            title: input.title,
            url: input.url,
            derived_text,
        };
        (doc, warnings)
    }

    /// A span over tokens `first..last`. The tokens' character offsets are
    /// at hand: no search of the character index.
    pub fn span(&self, first: usize, last: usize) -> Span {
        let (start, end) = self.text.char_span(first, last);
        Span { start, end, text: self.text.tokens_raw(first, last).to_string() }
    }

    /// A span over original bytes `start..end` (on character boundaries).
    pub fn span_bytes(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.text.char_offset(start),
            end: self.text.char_offset(end),
            text: self.text.raw()[start..end].to_string(),
        }
    }

    /// An empty record carrying this document's metadata.
    pub fn empty_record(&self) -> Record {
        let mut r = Record::new(self.id.clone());
        r.language = self.text.language().map(str::to_string);
        r.published = self.published_raw.clone();
        r.outlet = self.outlet.clone();
        r.title = self.title.clone();
        r.url = self.url.clone();
        if self.derived_text {
            r.text = Some(self.text.raw().to_string());
        }
        r
    }
}

/// A stable id from the content: `doc-` and 16 hex digits of FNV-1a (64-bit).
/// Stable across runs and machines, so ingesting a text twice gives one id.
pub fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("doc-{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_publication_dates() {
        let d = |s: &str| Published::parse(s).map(|p| (p.date.to_string(), p.time.map(|t| t.to_string())));
        assert_eq!(d("2016-08-01"), Some(("2016-08-01".into(), None)));
        assert_eq!(d("2016-08-01T10:30:00Z"), Some(("2016-08-01".into(), Some("10:30:00".into()))));
        assert_eq!(d("2016-08-01 10:30"), Some(("2016-08-01".into(), Some("10:30:00".into()))));
        assert_eq!(d("01/08/2016"), None);
        assert_eq!(d("2016-13-01"), None);
    }

    #[test]
    fn a_bad_date_is_a_warning_not_a_guess() {
        let input =
            InputDoc { text: Some("x".into()), published: Some("lundi".into()), ..Default::default() };
        let (doc, w) = Doc::new(input);
        assert!(doc.published.is_none());
        assert_eq!(w, vec![DocWarning::BadPublished("lundi".into())]);
    }

    #[test]
    fn ids_default_to_a_content_hash() {
        let a = Doc::new(InputDoc { text: Some("même texte".into()), ..Default::default() }).0;
        let b = Doc::new(InputDoc { text: Some("même texte".into()), ..Default::default() }).0;
        assert_eq!(a.id, b.id);
        assert!(a.id.starts_with("doc-"));
    }
}
