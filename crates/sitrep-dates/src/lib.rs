//! Temporal expressions in French and English, normalised the way TimeML
//! does (TIMEX3 `type`, `value`, `mod`) with UCDP's date precision.
//!
//! Relative expressions ("hier", "ce lundi", "la semaine dernière", "two
//! months ago") are anchored on the publication date. A bare weekday is the
//! most recent such day on or before it (news convention), unless the
//! clause points ahead ("la réunion aura lieu jeudi"). Without a
//! publication date, relative values keep TimeML's `X`s and no precision.
//!
//! The words are data (`data/fr.toml`, `data/en.toml`); the grammar, one
//! rule per file in `rules/`, is shared by every language.
//!
//! ```
//! use sitrep_core::{Doc, InputDoc, Stage};
//! use sitrep_dates::DateStage;
//!
//! let (doc, _) = Doc::new(InputDoc {
//!     text: Some("Ce lundi, les combats ont repris. Hier, quatre personnes ont été exécutées.".into()),
//!     published: Some("2016-08-01".into()),
//!     language: Some("fr".into()),
//!     ..Default::default()
//! });
//! let mut record = doc.empty_record();
//! DateStage::new().run(&doc, &mut record);
//! let values: Vec<(&str, &str)> = record.dates.iter().map(|d| (d.text.as_str(), d.value.as_str())).collect();
//! assert_eq!(values, [("Ce lundi", "2016-08-01"), ("Hier", "2016-07-31")]);
//! ```

mod cx;
mod lexicon;
mod resolve;
mod rules;
mod tense;
mod when;

use sitrep_core::{DateMention, Doc, Record, Stage};

use crate::lexicon::Lexicon;

/// The languages with date words, and their files.
const LANGUAGES: &[(&str, &str)] =
    &[("fr", include_str!("../data/fr.toml")), ("en", include_str!("../data/en.toml"))];

/// The date stage: fills `dates`.
pub struct DateStage {
    lexicons: Vec<(&'static str, Lexicon)>,
}

impl Default for DateStage {
    fn default() -> Self {
        Self::new()
    }
}

impl DateStage {
    /// Compiles every language's words (once; share the stage).
    pub fn new() -> Self {
        DateStage { lexicons: LANGUAGES.iter().map(|(l, src)| (*l, Lexicon::parse(l, src))).collect() }
    }

    /// The temporal expressions of `doc`, in text order, with ids `d1`, `d2`, …
    pub fn extract(&self, doc: &Doc) -> Vec<DateMention> {
        let lexicons: Vec<&Lexicon> = match doc.text.language() {
            // Too short to tell: try every language we read.
            None => self.lexicons.iter().map(|(_, l)| l).collect(),
            Some(lang) => self.lexicons.iter().filter(|(l, _)| *l == lang).map(|(_, l)| l).collect(),
        };
        let anchor = doc.published.map(|p| p.date);
        let mut all: Vec<resolve::Resolved> = Vec::new();
        for lex in lexicons {
            let found = rules::scan(&doc.text, lex);
            let cx = cx::Cx::new(&doc.text, lex);
            for r in resolve::resolve_all(&cx, &found, anchor) {
                // With several languages, the first to claim a token keeps it.
                if !all.iter().any(|o| o.first < r.last && r.first < o.last) {
                    all.push(r);
                }
            }
        }
        all.sort_by_key(|r| r.first);
        all.into_iter()
            .enumerate()
            .map(|(k, r)| {
                let span = doc.span(r.first, r.last);
                DateMention {
                    id: sitrep_core::item_id('d', k + 1),
                    start: span.start,
                    end: span.end,
                    text: span.text,
                    kind: r.kind,
                    value: r.value,
                    modifier: r.modifier.map(str::to_string),
                    date_prec: r.date_prec,
                    unresolved: r.unresolved,
                }
            })
            .collect()
    }
}

impl Stage for DateStage {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn run(&self, doc: &Doc, record: &mut Record) {
        record.dates = self.extract(doc);
    }
}
