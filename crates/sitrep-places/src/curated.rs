//! Curated places (`data/conflict-places/*.toml`): neighbourhoods, camps,
//! sites, regions, seas and rivers that GeoNames cities500 lacks, with their
//! French, English and Arabic spellings; and aliases (`data/aliases.toml`)
//! of places the gazetteer holds ("U.S.", "Ky.", "B.C.").

use foldhash::{HashMap, HashMapExt, HashSet};

use serde::Deserialize;

use crate::gazetteer::{Gazetteer, place_key, skeleton};

/// A curated place.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CuratedPlace {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub admin1: String,
    #[serde(default)]
    pub near: String,
    pub feature: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Deserialize)]
struct PlaceFile {
    place: Vec<CuratedPlace>,
}

#[derive(Deserialize)]
struct AliasEntry {
    place: String,
    country: String,
    feature: String,
    #[serde(default)]
    demonym: bool,
    names: Vec<String>,
}

#[derive(Deserialize)]
struct AliasFile {
    alias: Vec<AliasEntry>,
}

/// An alias of a gazetteer place.
#[derive(Debug, Clone)]
pub(crate) struct Alias {
    /// The alias as written ("U.S.", "America").
    pub written: String,
    /// Match only exactly as written (capitals, periods).
    pub exact_case: bool,
    /// The gazetteer place it stands for.
    pub place: u32,
    /// A demonym ("European") rather than a name.
    pub demonym: bool,
}

/// Every curated place and alias, indexed for matching.
pub(crate) struct Curated {
    pub places: Vec<CuratedPlace>,
    /// exact key → curated places
    pub exact: HashMap<String, Vec<u32>>,
    /// skeleton → curated places
    pub skeletons: HashMap<String, Vec<u32>>,
    /// "spaced fold" key (periods kept) → aliases
    pub aliases: HashMap<String, Vec<Alias>>,
    /// Every prefix of an alias key: a key being built that is not one can
    /// stop growing.
    pub alias_prefixes: HashSet<String>,
    /// Every prefix of an alias key that is not all of it (some character
    /// follows): a word not among them begins no longer key.
    pub alias_proper_prefixes: HashSet<String>,
    /// Every leading run of words of an exact key ("bab", "bab al"), and
    /// whether it is itself a key (so that only keys are looked up).
    pub exact_prefixes: HashMap<String, bool>,
    /// The first words of exact keys: a word not among them starts none.
    pub exact_first_words: ManyWords,
    /// The words of exact keys after their first: a word not among them
    /// goes on no prefix.
    pub exact_later_words: sitrep_text::WordSet,
    /// The first words of exact keys of two words or more: a word not among
    /// them starts no such key (known from its hash, before any other word
    /// is read).
    pub exact_firsts: ManyWords,
    /// The first two words of every exact key of two words or more, as
    /// [`sitrep_text::pair_hash`] of their hashes: a pair not here starts no such key.
    pub exact_pairs: sitrep_text::ByHash<()>,
    /// [`Self::exact_pairs`] as a filter of 65,536 bits: two bits turn away
    /// most words that follow a first word, with no table probed.
    pub exact_pair_bits: Box<sitrep_text::HashBits<1024>>,
    /// Longest name, in words.
    pub max_words: usize,
}

const CURATED_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/curated_files.rs"));
const ALIASES: &str = include_str!("../data/aliases.toml");

/// The key of an alias: folded, periods kept, words single-spaced
/// ("W. Va." → "w. va."), so abbreviations match only with their periods.
pub(crate) fn alias_key(s: &str) -> String {
    sitrep_text::fold(s)
}

impl Curated {
    /// Loads the compiled-in files; aliases are tied to places of `gaz`.
    /// Panics on a malformed file: they are compiled in and loaded by the
    /// test suite.
    pub(crate) fn load(gaz: Option<&Gazetteer>) -> Curated {
        let mut places = Vec::new();
        for (name, src) in CURATED_FILES {
            let f: PlaceFile =
                toml::from_str(src).unwrap_or_else(|e| panic!("data/conflict-places/{name}: {e}"));
            places.extend(f.place);
        }
        let mut exact: HashMap<String, Vec<u32>> = HashMap::new();
        let mut skeletons: HashMap<String, Vec<u32>> = HashMap::new();
        let mut max_words = 1;
        for (i, p) in places.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.names) {
                let k = place_key(n);
                if k.is_empty() {
                    continue;
                }
                max_words = max_words.max(k.split(' ').count());
                let e = exact.entry(k).or_default();
                if !e.contains(&(i as u32)) {
                    e.push(i as u32);
                }
                let s = skeleton(n);
                if s.chars().count() >= 3 {
                    let e = skeletons.entry(s).or_default();
                    if !e.contains(&(i as u32)) {
                        e.push(i as u32);
                    }
                }
            }
        }
        let mut aliases: HashMap<String, Vec<Alias>> = HashMap::new();
        if let Some(gaz) = gaz {
            let file: AliasFile =
                toml::from_str(ALIASES).unwrap_or_else(|e| panic!("data/aliases.toml: {e}"));
            for a in file.alias {
                let Some(place) = gaz.lookup(&place_key(&a.place)).and_then(|e| {
                    gaz.candidates(e)
                        .find(|c| c.country == a.country && c.feature == a.feature)
                        .map(|c| c.index)
                }) else {
                    continue; // a user gazetteer without this place
                };
                for n in a.names {
                    let exact_case =
                        n.contains('.') || n.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                    aliases.entry(alias_key(&n)).or_default().push(Alias {
                        written: n,
                        exact_case,
                        place,
                        demonym: a.demonym,
                    });
                }
            }
        }
        let alias_prefixes = aliases
            .keys()
            .flat_map(|k| k.char_indices().map(|(at, c)| k[..at + c.len_utf8()].to_string()))
            .collect();
        let alias_proper_prefixes = aliases
            .keys()
            .flat_map(|k| k.char_indices().skip(1).map(|(at, _)| k[..at].to_string()))
            .collect();
        let exact_prefixes: HashMap<String, bool> = exact
            .keys()
            .flat_map(|k| word_prefixes(k))
            .map(|p| {
                let whole = exact.contains_key(&p);
                (p, whole)
            })
            .collect();
        let exact_first_words = exact.keys().filter_map(|k| k.split(' ').next()).collect();
        let exact_later_words = exact.keys().flat_map(|k| k.split(' ').skip(1)).collect();
        let exact_firsts =
            exact.keys().filter(|k| k.contains(' ')).filter_map(|k| k.split(' ').next()).collect();
        let exact_pairs = exact
            .keys()
            .filter_map(|k| {
                let mut w = k.split(' ');
                let (a, b) = (w.next()?, w.next()?);
                Some((sitrep_text::pair_hash(sitrep_text::word_hash(a), sitrep_text::word_hash(b)), ()))
            })
            .collect::<sitrep_text::ByHash<()>>();
        let exact_pair_bits = Box::new(exact_pairs.keys().copied().collect());
        Curated {
            places,
            exact,
            skeletons,
            aliases,
            alias_prefixes,
            alias_proper_prefixes,
            exact_prefixes,
            exact_first_words,
            exact_later_words,
            exact_firsts,
            exact_pairs,
            exact_pair_bits,
            max_words,
        }
    }
}

/// A set of a few thousand words, asked about most words of a text: a
/// [`sitrep_text::WordSet`] behind a filter of 65,536 bits, for which so many
/// words are few (the set's own filter is made for smaller sets, and lets
/// most words through at this size), so that two bits turn most words away.
pub(crate) struct ManyWords {
    bits: Box<sitrep_text::HashBits<1024>>,
    set: sitrep_text::WordSet,
}

impl ManyWords {
    /// Is token `i`'s folded text in the set?
    #[inline]
    pub(crate) fn contains_token(&self, text: &sitrep_text::Text, i: usize) -> bool {
        self.may_hold_token(text, i) && self.set.contains_token(text, i)
    }

    /// May token `i`'s folded text be in the set? (`false`: it is not.)
    /// The filter alone, for callers with a cheaper test to ask before
    /// the set.
    #[inline]
    pub(crate) fn may_hold_token(&self, text: &sitrep_text::Text, i: usize) -> bool {
        self.bits.may_hold(text.token_hash(i))
    }

    /// Is `w` in the set?
    #[cfg(test)]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.set.contains(w)
    }
}

impl<'a> FromIterator<&'a str> for ManyWords {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let words: Vec<&str> = words.into_iter().collect();
        let bits = Box::new(words.iter().map(|w| sitrep_text::word_hash(w)).collect());
        ManyWords { bits, set: words.into_iter().collect() }
    }
}

/// "bab al hawa" → "bab", "bab al", "bab al hawa".
pub(crate) fn word_prefixes(key: &str) -> impl Iterator<Item = String> + '_ {
    key.match_indices(' ').map(|(at, _)| key[..at].to_string()).chain(std::iter::once(key.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_files_load_and_are_sound() {
        let c = Curated::load(crate::gazetteer::embedded().ok().as_ref());
        assert!(!c.places.is_empty());
        for p in &c.places {
            assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon), "{}", p.name);
            assert!(!p.feature.is_empty(), "{}", p.name);
        }
        assert!(c.exact.contains_key("mediterranee"));
    }

    #[test]
    fn first_words_and_alias_prefixes_say_what_the_prefix_sets_say() {
        let c = Curated::load(crate::gazetteer::embedded().ok().as_ref());
        // A word begins an exact key exactly when it is one of their first words.
        for p in c.exact_prefixes.keys().filter(|p| !p.contains(' ')) {
            assert!(c.exact_first_words.contains(p), "{p}");
        }
        for k in c.exact.keys() {
            assert!(c.exact_prefixes.contains_key(k.split(' ').next().unwrap_or_default()), "{k}");
            assert_eq!(c.exact_prefixes.get(k.as_str()), Some(&true), "{k}");
        }
        for (p, &whole) in &c.exact_prefixes {
            assert_eq!(c.exact.contains_key(p), whole, "{p}");
        }
        // A proper prefix of an alias key is a prefix that something follows.
        for p in &c.alias_proper_prefixes {
            assert!(c.alias_prefixes.contains(p), "{p}");
        }
        for p in &c.alias_prefixes {
            let longer = c.alias_prefixes.iter().any(|q| q.len() > p.len() && q.starts_with(p.as_str()));
            assert_eq!(c.alias_proper_prefixes.contains(p), longer, "{p}");
        }
    }
}
