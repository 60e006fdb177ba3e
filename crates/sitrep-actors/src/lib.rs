//! Who: actors and sources.
//!
//! [`ActorStage`] fills `actors`: names from a dictionary of armed groups,
//! state forces, governments, media and international organisations
//! (`data/actors/*.toml`, aliases in English, French and Arabic
//! transliteration), generic actors named by common nouns (`data/generic`),
//! and people and groups in no dictionary, found by titles, name particles
//! and group nouns. [`SourceStage`] fills `sources`: who says what, with the
//! cue that says so, the medium that relays it, and the words attributed.
//!
//! ```
//! use sitrep_core::{Doc, InputDoc, Stage};
//! use sitrep_actors::{ActorStage, SourceStage};
//!
//! let (doc, _) = Doc::new(InputDoc {
//!     text: Some("Selon l'OSDH, les forces gouvernementales ont repris le quartier, a déclaré M. Roudskoï.".into()),
//!     language: Some("fr".into()),
//!     ..Default::default()
//! });
//! let mut record = doc.empty_record();
//! ActorStage::new().run(&doc, &mut record);
//! SourceStage::new().run(&doc, &mut record);
//! let names: Vec<&str> = record.actors.iter().map(|a| a.name.as_str()).collect();
//! assert!(names.contains(&"Syrian Observatory for Human Rights"));
//! assert!(record.sources.iter().any(|s| s.name == "Sergei Rudskoy"));
//! ```

mod assemble;
mod attribution;
mod detect;
mod dict;
mod lexicon;

use std::ops::Range;

use sitrep_core::{Doc, Record, Stage};

pub use attribution::source_at;

use crate::dict::Dict;
use crate::lexicon::Lexicon;

/// The actor stage: fills `actors`.
pub struct ActorStage {
    dict: &'static Dict,
    lex: Vec<(&'static str, Lexicon)>,
    roles: assemble::Roles,
}

impl Default for ActorStage {
    fn default() -> Self {
        Self::new()
    }
}

impl ActorStage {
    /// Loads the dictionary and the lexicons (once; share the stage).
    pub fn new() -> Self {
        ActorStage { dict: Dict::shared(), lex: Lexicon::load_all(), roles: assemble::Roles::load() }
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn run(&self, doc: &Doc, record: &mut Record) {
        let Some(lex) = sitrep_core::for_language(&self.lex, doc) else { return };
        // Dates are not names ("Mars", "Mai").
        let toks = doc.text.tokens();
        let mut blocked: Vec<Range<usize>> =
            record.dates.iter().filter_map(|d| doc.text.token_range(d.start, d.end)).collect();
        // Curated place names ("l'académie d'Assad") are places, not actors
        // — unless a source cue or a media noun introduces them: "selon
        // al-Mayadeen" is the channel, not the town.
        let places = sitrep_places::PlaceNames::get();
        let introduced = |i: usize| {
            (i.saturating_sub(6)..i).any(|j| {
                let cue =
                    lex.cues.according_to.at(&doc.text, j).or_else(|| lex.cues.media_nouns.at(&doc.text, j));
                cue.is_some_and(|e| e <= i && (e..i).all(|t| toks[t].kind == sitrep_text::TokenKind::Alpha))
            })
        };
        let mut i = 0;
        while let Some((start, end)) = next_curated(&doc.text, places, i) {
            if introduced(start) {
                i = start + 1;
            } else {
                blocked.push(start..end);
                i = end;
            }
        }
        let mut found = detect::find(&doc.text, self.dict, lex, &blocked);
        assemble::resolve_roles(self.dict, &self.roles, &mut found);
        record.actors = assemble::actors(doc, self.dict, lex, &found);
    }
}

/// The first curated place name from token `i` on: its tokens. Out of
/// line, a small loop: most words begin none.
#[inline(never)]
fn next_curated(
    text: &sitrep_text::Text,
    places: &sitrep_places::PlaceNames,
    mut i: usize,
) -> Option<(usize, usize)> {
    let toks = text.tokens();
    while i < toks.len() {
        // A name starts at a word, not at punctuation.
        if toks[i].kind != sitrep_text::TokenKind::Punct
            && let Some(end) = places.curated_name_at(text, i)
        {
            return Some((i, end));
        }
        i += 1;
    }
    None
}

/// The source stage: fills `sources` (runs after `actors`).
pub struct SourceStage {
    lex: Vec<(&'static str, Lexicon)>,
    dict: &'static Dict,
}

impl Default for SourceStage {
    fn default() -> Self {
        Self::new()
    }
}

impl SourceStage {
    /// Loads the cue lexicons.
    pub fn new() -> Self {
        SourceStage { lex: Lexicon::load_all(), dict: Dict::shared() }
    }
}

impl Stage for SourceStage {
    fn name(&self) -> &'static str {
        "sources"
    }

    fn run(&self, doc: &Doc, record: &mut Record) {
        // An empty document asserts nothing: its sections stay empty.
        if doc.text.tokens().is_empty() {
            return;
        }
        let Some(lex) = sitrep_core::for_language(&self.lex, doc) else { return };
        record.sources = attribution::sources(doc, record, lex, self.dict);
    }
}
