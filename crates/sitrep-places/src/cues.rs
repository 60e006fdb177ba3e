//! The words around place names, per language (`data/cues/<lang>.toml`).

use foldhash::{HashMap, HashSet};

use serde::Deserialize;
use sitrep_text::Text;

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

/// Phrases (as folded token sequences) with a value.
pub(crate) struct Phrases<V> {
    entries: Vec<(Vec<String>, V)>,
    /// Entries (their indices, longest first) by first and by last token:
    /// lookups run at every token and most tokens start or end none.
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

impl<V: Clone> Phrases<V> {
    fn new(items: impl IntoIterator<Item = (String, V)>) -> Self {
        let mut entries: Vec<(Vec<String>, V)> = items
            .into_iter()
            .map(|(k, v)| {
                let t = Text::new(sitrep_text::fold(&k), Some("xx"));
                ((0..t.tokens().len()).map(|i| t.token_str(i).to_string()).collect(), v)
            })
            .filter(|(t, _): &(Vec<String>, V)| !t.is_empty())
            .collect();
        entries.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for (ix, (toks, _)) in entries.iter().enumerate() {
            if let (Some(first), Some(last)) = (toks.first(), toks.last()) {
                by_first.entry(first.clone()).or_default().push(ix);
                by_last.entry(last.clone()).or_default().push(ix);
            }
        }
        Phrases { entries, by_first, by_last }
    }

    /// The longest entry ending just before token `i`, and its first token.
    pub(crate) fn before(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        let ixs = self.by_last.get(text.token_str(i.checked_sub(1)?))?;
        ixs.iter().find_map(|&ix| {
            let (toks, v) = &self.entries[ix];
            let n = toks.len();
            (n <= i && toks.iter().enumerate().all(|(k, w)| text.token_str(i - n + k) == w))
                .then(|| (v.clone(), i - n))
        })
    }

    /// The longest entry starting at token `i`, and the token after it.
    pub(crate) fn at(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        let len = text.tokens().len();
        if i >= len {
            return None;
        }
        let ixs = self.by_first.get(text.token_str(i))?;
        ixs.iter().find_map(|&ix| {
            let (toks, v) = &self.entries[ix];
            let n = toks.len();
            (i + n <= len && toks.iter().enumerate().all(|(k, w)| text.token_str(i + k) == w))
                .then(|| (v.clone(), i + n))
        })
    }
}

/// One language's cue words.
pub(crate) struct Cues {
    pub locative: Phrases<()>,
    pub directional: Phrases<()>,
    pub part_of_name: HashSet<String>,
    pub not_before: HashSet<String>,
    pub kinds: Phrases<String>,
    pub kinds_after: Phrases<String>,
    pub not_fuzzy_endings: Vec<String>,
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
    /// Every language's cues. Panics on a malformed file (compiled in,
    /// loaded by the test suite).
    pub(crate) fn load_all() -> Vec<(&'static str, Cues)> {
        LANGS
            .iter()
            .map(|(lang, src)| {
                let raw: RawCues =
                    toml::from_str(src).unwrap_or_else(|e| panic!("data/cues/{lang}.toml: {e}"));
                let unit = |v: Vec<String>| Phrases::new(v.into_iter().map(|s| (s, ())));
                let cues = Cues {
                    locative: unit(raw.locative),
                    directional: unit(raw.directional),
                    part_of_name: raw.part_of_name.iter().map(|s| sitrep_text::fold(s)).collect(),
                    not_before: raw.not_before.iter().map(|s| sitrep_text::fold(s)).collect(),
                    kinds: Phrases::new(raw.kinds),
                    kinds_after: Phrases::new(raw.kinds_after),
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
