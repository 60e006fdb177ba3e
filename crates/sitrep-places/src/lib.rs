//! Places: every toponym a report names, resolved to coordinates, country,
//! first-order division, GeoNames feature code and UCDP `where_prec`, with
//! all its mentions.
//!
//! Three sources of names: the gazetteer compiled into the binary (GeoNames
//! cities500, countries with their French and Arabic names and demonyms,
//! first- and second-order divisions, continents: see `data/GAZETTEER.md`),
//! curated conflict places (`data/conflict-places/*.toml`: neighbourhoods,
//! camps, sites, regions, seas, rivers), and gazetteers a user imports from
//! GeoNames dumps (`sitrep gazetteer import`). Names match exactly (folded)
//! or by transliteration skeleton; see `recognize` for what makes a match a
//! toponym and `resolve` for how a candidate is chosen.
//!
//! ```
//! use sitrep_core::{Doc, InputDoc, Stage};
//! use sitrep_places::PlaceStage;
//!
//! let stage = PlaceStage::new(&[]).unwrap();
//! let (doc, _) = Doc::new(InputDoc {
//!     text: Some("Les combats font rage à Alep, dans le quartier Hamdaniyyeh.".into()),
//!     language: Some("fr".into()),
//!     ..Default::default()
//! });
//! let mut record = doc.empty_record();
//! stage.run(&doc, &mut record);
//! assert_eq!(record.places[0].name, "Aleppo");
//! assert_eq!(record.places[0].country.as_deref(), Some("SY"));
//! ```

mod cues;
mod curated;
pub mod gazetteer;
pub mod import;
mod recognize;
mod resolve;

use std::ops::Range;
use std::path::PathBuf;

use sitrep_core::{Doc, Record, Stage};

use crate::cues::Cues;
use crate::curated::Curated;
use crate::gazetteer::{Gazetteer, GazetteerError};

pub use resolve::where_prec;

/// Why the place stage could not start.
#[derive(Debug, thiserror::Error)]
pub enum PlaceError {
    /// The embedded gazetteer is missing or damaged (the build lacked
    /// `data/gazetteer.bin.gz`).
    #[error("the embedded gazetteer cannot be read ({0}); rebuild it with `cargo xtask gazetteer`")]
    Embedded(GazetteerError),
    /// A user gazetteer cannot be read.
    #[error(
        "cannot read the gazetteer {}: {why}; import it again with `sitrep gazetteer import`, or leave \
         it out",
        path.display()
    )]
    User {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

/// The place stage: fills `places`.
pub struct PlaceStage {
    gazetteers: Vec<Gazetteer>,
    /// Shared with [`PlaceNames`]: parsed once per process.
    curated: &'static Curated,
    cues: Vec<(&'static str, Cues)>,
    /// Unique per stage: keys what recognition remembers per thread.
    id: u64,
}

/// The next place stage's id.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl PlaceStage {
    /// The embedded gazetteer plus any gazetteer files a user imported.
    pub fn new(extra: &[PathBuf]) -> Result<Self, PlaceError> {
        // The embedded gazetteer and the curated places are opened once per
        // process, here or by another stage's `PlaceNames::get`.
        let shared = PlaceNames::get();
        let embedded = match &shared.gaz {
            Some(g) => g.clone(),
            None => gazetteer::embedded().map_err(PlaceError::Embedded)?,
        };
        let mut gazetteers = vec![embedded];
        for path in extra {
            let bytes = std::fs::read(path)
                .map_err(|e| PlaceError::User { path: path.clone(), why: e.to_string() })?;
            let g = Gazetteer::from_vec(bytes)
                .map_err(|e| PlaceError::User { path: path.clone(), why: e.to_string() })?;
            gazetteers.push(g);
        }
        Ok(PlaceStage {
            gazetteers,
            curated: &shared.curated,
            cues: Cues::load_all(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Character spans as token ranges, added to `out`.
    fn token_ranges(doc: &Doc, spans: impl Iterator<Item = (usize, usize)>, out: &mut Vec<Range<usize>>) {
        out.extend(spans.filter_map(|(s, e)| doc.text.token_range(s, e)));
    }
}

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn run(&self, doc: &Doc, record: &mut Record) {
        let lang = doc.text.language().unwrap_or("en");
        let Some(cues) = sitrep_core::for_language(&self.cues, doc) else { return };
        let src = recognize::Sources {
            id: self.id,
            gaz: &self.gazetteers,
            curated: self.curated,
            cues,
            french: lang == "fr",
        };
        // What other stages explained (dates, actors) is not a place
        // ("Front al-Nosra", "mars"); dates also end names ("Toronto Saturday").
        // (Spans read where they are, not collected first; each list given
        // its room at once.)
        let mut dates = Vec::with_capacity(record.dates.len());
        Self::token_ranges(doc, record.dates.iter().map(|d| (d.start, d.end)), &mut dates);
        let actor_mentions = record.actors.iter().map(|a| a.mentions.len()).sum::<usize>();
        let mut blocked = Vec::with_capacity(actor_mentions + dates.len());
        let actors = record.actors.iter().flat_map(|a| a.mentions.iter().map(|m| (m.start, m.end)));
        Self::token_ranges(doc, actors, &mut blocked);
        blocked.extend(dates.iter().cloned());
        let (mentions, gaz) = recognize::find(&doc.text, &src, &blocked, &dates);
        record.places = resolve::resolve(&doc.text, &src, &mentions, &gaz);
    }
}

/// Place knowledge other stages need without running this one: is a name a
/// place, which country a demonym names, a country's name.
pub struct PlaceNames {
    gaz: Option<Gazetteer>,
    curated: Curated,
    countries: std::collections::HashMap<String, String>,
}

impl PlaceNames {
    /// The shared instance (built on first use).
    pub fn get() -> &'static PlaceNames {
        static P: std::sync::OnceLock<PlaceNames> = std::sync::OnceLock::new();
        P.get_or_init(|| {
            let gaz = gazetteer::embedded().ok();
            let curated = Curated::load(gaz.as_ref());
            let mut countries = std::collections::HashMap::new();
            if let Some(g) = &gaz {
                // Only countries are read whole (a quarter of a million places).
                for i in (0..g.len() as u32).filter(|&i| g.feature(i).starts_with("PCL")) {
                    let p = g.place(i);
                    countries.insert(p.country.to_string(), p.name.to_string());
                }
            }
            PlaceNames { gaz, curated, countries }
        })
    }

    /// Is `name` (as written) a place the gazetteers know, other than by a
    /// demonym or a frequent word?
    pub fn is_place(&self, name: &str) -> bool {
        let key = gazetteer::place_key(name);
        if self.curated.exact.contains_key(&key) {
            return true;
        }
        self.gaz
            .as_ref()
            .and_then(|g| g.lookup(&key))
            .is_some_and(|e| e.flags & (gazetteer::flags::DEMONYM | gazetteer::flags::COMMON_WORD) == 0)
    }

    /// The end of the longest curated place name of two words or more that
    /// starts at token `i` ("l'académie d'Assad", "camp de Handarate"):
    /// other stages leave such names to places.
    #[inline]
    pub fn curated_name_at(&self, text: &sitrep_text::Text, i: usize) -> Option<usize> {
        // Asked at every token (inlined there): a word token is its own key,
        // and its hash turns most away; punctuation starts no name's words.
        // (The first word's set is asked last: its filter lets ten times
        // more words through than the pair's bits after it.)
        let first = text.tokens().get(i)?;
        if first.kind == sitrep_text::TokenKind::Punct || !self.curated.exact_firsts.may_hold_token(text, i) {
            return None;
        }
        // The name's second word, if it has one, is the next token, or the
        // one after a hyphen or an apostrophe ("al-Assad", "l'armée"): the
        // pair's two bits turn most first words that pass ("the", "de",
        // "l", "al") away before the name is read.
        let toks = text.tokens();
        let second =
            i + 1 + usize::from(toks.get(i + 1).is_some_and(|t| t.kind == sitrep_text::TokenKind::Punct));
        let pair_may_start = toks.get(second).is_some_and(|t| {
            t.kind != sitrep_text::TokenKind::Punct
                && self
                    .curated
                    .exact_pair_bits
                    .may_hold(sitrep_text::pair_hash(text.token_hash(i), text.token_hash(second)))
        });
        if !pair_may_start || !self.curated.exact_firsts.contains_token(text, i) {
            return None;
        }
        self.curated_name_from(text, i)
    }

    /// [`Self::curated_name_at`] past its first test: the hashes of the first
    /// two words (one lookup, no text compared), then the key.
    #[inline(never)]
    fn curated_name_from(&self, text: &sitrep_text::Text, i: usize) -> Option<usize> {
        let mut words = sitrep_text::NameWords::new(text, i, self.curated.max_words);
        let first = words.next()?;
        let second = words.next()?;
        let pair = sitrep_text::pair_hash(text.token_hash(first.start), text.token_hash(second.start));
        if !self.curated.exact_pairs.contains_key(&pair) {
            return None;
        }
        // The key is built only now, in room made once (a key of a few
        // words: growing it word by word reallocated twice or more).
        let mut key = String::with_capacity(64);
        let mut best = None;
        for w in std::iter::once(second).chain(words) {
            if !self.curated.exact_later_words.contains_token(text, w.start) {
                break;
            }
            if key.is_empty() {
                key.push_str(&gazetteer::token_key(text, first.start));
            }
            key.push(' ');
            key.push_str(&gazetteer::token_key(text, w.start));
            // (One lookup: the prefix set says whether the prefix is a key.)
            let Some(&whole) = self.curated.exact_prefixes.get(&key) else { break };
            if whole {
                best = Some(w.end);
            }
        }
        best
    }

    /// The country (ISO code) a demonym names: "syrienne" → "SY", "Russian" → "RU".
    pub fn demonym_country(&self, word: &str) -> Option<&str> {
        self.demonym_country_of_key(&gazetteer::place_key(word))
    }

    /// [`Self::demonym_country`] of a word already folded as a place key
    /// (a word token's folded text is one).
    pub fn demonym_country_of_key(&self, key: &str) -> Option<&str> {
        let g = self.gaz.as_ref()?;
        let e = g.lookup_word(key).filter(|e| e.flags & gazetteer::flags::DEMONYM != 0)?;
        let country = g.candidates(e).find(|p| p.feature.starts_with("PCL"))?.country;
        // The candidate's country string borrows the gazetteer, which lives in `self`.
        self.countries.get_key_value(country).map(|(k, _)| k.as_str())
    }

    /// A country's English name from its ISO code.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.countries.get(code).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_names_pass_the_pair_filter() {
        // The filter before the name is read turns away nothing that
        // reading it would find.
        let names = PlaceNames::get();
        for (text, lang) in [
            ("Combats près de l'académie d'Assad, du camp de Handarate et à al-Hamdaniyeh.\nL'armée.", "fr"),
            (
                "Fighting in Kafr Nabel, Maaret al-Numan, the port of Latakia and western Mosul.\nThe al-",
                "en",
            ),
        ] {
            let text = sitrep_text::Text::new(text.into(), Some(lang));
            let mut found = 0;
            for i in 0..text.tokens().len() {
                let read = text.tokens()[i].kind != sitrep_text::TokenKind::Punct
                    && names.curated.exact_firsts.contains_token(&text, i);
                let slow = if read { names.curated_name_from(&text, i) } else { None };
                assert_eq!(names.curated_name_at(&text, i), slow, "token {i}");
                found += usize::from(slow.is_some());
            }
            assert!(found >= 2, "{lang}: {found}");
        }
    }
}
