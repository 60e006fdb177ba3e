//! The words around place names, per language (`data/cues/<lang>.toml`).

use foldhash::{HashMap, HashSet};

use serde::Deserialize;
use sitrep_text::Phrases;

#[derive(Deserialize)]
struct RawCues {
    locative: Vec<String>,
    directional: Vec<String>,
    part_of_name: Vec<String>,
    not_before: Vec<String>,
    kinds: HashMap<String, String>,
    #[serde(default)]
    kinds_after: HashMap<String, String>,
    #[serde(default)]
    not_fuzzy_endings: Vec<String>,
    #[serde(default)]
    seat_before: Vec<String>,
    #[serde(default)]
    seat_after: Vec<String>,
    #[serde(default)]
    generic_names: Vec<String>,
}

/// One language's cue words.
pub(crate) struct Cues {
    pub locative: Phrases<()>,
    pub directional: Phrases<()>,
    /// Asked of a token at most names' ends: by its hash first.
    pub part_of_name: sitrep_text::WordSet,
    /// Asked of the tokens around most names: by their hashes first.
    pub not_before: sitrep_text::WordSet,
    pub kinds: Phrases<String>,
    pub kinds_after: Phrases<String>,
    /// Endings of ordinary words (see [`Cues::has_ordinary_ending`]).
    not_fuzzy_endings: Vec<String>,
    /// Before a name: where an organisation is based ("basée à", "headquartered in").
    pub seat_before: Phrases<()>,
    /// After a name: the same ("London-based").
    pub seat_after: Phrases<()>,
    /// Names that are also ordinary geographic words ("Central", "Far North").
    pub generic_names: HashSet<String>,
}

const LANGS: &[(&str, &str)] =
    &[("fr", include_str!("../data/cues/fr.toml")), ("en", include_str!("../data/cues/en.toml"))];

impl Cues {
    /// Does `word` end like an ordinary word of the language ("Kurdish",
    /// "Islamic")? Asked of most capitalised words no name matches: an
    /// ending is compared only when its last byte is the word's.
    pub(crate) fn has_ordinary_ending(&self, word: &str) -> bool {
        let last = word.as_bytes().last();
        self.not_fuzzy_endings
            .iter()
            .any(|s| (s.is_empty() || s.as_bytes().last() == last) && word.ends_with(s.as_str()))
    }

    /// Every language's cues. Panics on a malformed file (compiled in,
    /// loaded by the test suite).
    pub(crate) fn load_all() -> Vec<(&'static str, Cues)> {
        LANGS
            .iter()
            .map(|(lang, src)| {
                let raw: RawCues =
                    toml::from_str(src).unwrap_or_else(|e| panic!("data/cues/{lang}.toml: {e}"));
                let unit = |v: Vec<String>| Phrases::with_values(v.into_iter().map(|s| (s, ())));
                let cues = Cues {
                    locative: unit(raw.locative),
                    directional: unit(raw.directional),
                    part_of_name: raw.part_of_name.iter().map(|s| sitrep_text::fold(s)).collect(),
                    not_before: raw.not_before.iter().map(|s| sitrep_text::fold(s)).collect(),
                    kinds: Phrases::with_values(raw.kinds),
                    kinds_after: Phrases::with_values(raw.kinds_after),
                    not_fuzzy_endings: raw.not_fuzzy_endings,
                    seat_before: unit(raw.seat_before),
                    seat_after: unit(raw.seat_after),
                    generic_names: raw.generic_names.iter().map(|s| crate::gazetteer::place_key(s)).collect(),
                };
                (*lang, cues)
            })
            .collect()
    }
}
