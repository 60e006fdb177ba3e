//! The actor dictionary (`data/actors/*.toml`), indexed for matching.
//!
//! An alias matches the text by its folded words. How strictly depends on
//! how it is written: an acronym ("ISIS", "EI", "HTS") only as written, in
//! capitals; an alias with capitals ("Front al-Nosra") only where the text
//! has a capital too; an all-lower-case alias ("armée syrienne", "forces du
//! régime") in any case.

use foldhash::{HashMap, HashMapExt, HashSet};

use serde::Deserialize;
use sitrep_core::ActorKind;
use sitrep_places::gazetteer::{place_key, skeleton};
use sitrep_text::ByHash;

/// One dictionary entry.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Entry {
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    /// Common nouns a report uses for it once it has been named ("the
    /// monitor", "l'ONG"), folded: a definite source named so is this actor.
    #[serde(default)]
    pub descriptions: Vec<String>,
    /// The aliases an `actors` entry lists: the first twelve in Latin
    /// script. Worked out once: an entry may have many in other scripts.
    #[serde(skip)]
    pub shown_aliases: std::sync::Arc<[String]>,
}

#[derive(Deserialize)]
struct File {
    actor: Vec<Entry>,
}

/// How an alias must appear in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// An acronym: exactly as written.
    Exact,
    /// Written with capitals: the text needs one too.
    Capital,
    /// All lower case: any case.
    Any,
}

/// An alias form pointing at an entry.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub entry: u32,
    pub case: Case,
    pub written: String,
}

/// A prefix of an exact key.
pub(crate) struct Prefix {
    /// Its folded words, joined by spaces.
    pub key: Box<str>,
    /// Its forms in [`Dict::forms`] if it is an exact key too: a name
    /// spelled is read without its key being hashed again.
    pub forms: Option<u32>,
    /// Its place in [`Dict::prefix_list`].
    pub id: u32,
    /// The place of the prefix one word shorter, [`NO_PARENT`] if it is
    /// one word: a prefix found by its hash from its parent needs only its
    /// last word checked.
    pub parent: u32,
}

/// [`Prefix::parent`] of a one-word prefix.
pub(crate) const NO_PARENT: u32 = u32::MAX;

impl Prefix {
    /// Is this prefix `before` (a prefix, or empty) grown by `words`?
    pub(crate) fn extends(&self, before: &str, words: &[&str]) -> bool {
        let mut rest = &self.key[..];
        if !before.is_empty() {
            let Some(r) = rest.strip_prefix(before) else { return false };
            rest = r;
        }
        for (n, w) in words.iter().enumerate() {
            if n > 0 || !before.is_empty() {
                let Some(r) = rest.strip_prefix(' ') else { return false };
                rest = r;
            }
            let Some(r) = rest.strip_prefix(w) else { return false };
            rest = r;
        }
        rest.is_empty()
    }
}

/// The dictionary.
pub(crate) struct Dict {
    pub entries: Vec<Entry>,
    /// key (folded words) → its forms in `forms`
    pub exact: HashMap<String, u32>,
    /// The forms of each exact key.
    pub forms: Vec<Vec<Form>>,
    /// skeleton → entries (for transliteration variants: "al-Maydeen")
    pub skeletons: HashMap<String, Vec<u32>>,
    pub by_name: HashMap<String, u32>,
    /// Every leading run of words of an exact key: a key being built that
    /// is not one can stop growing.
    pub prefixes: HashSet<String>,
    /// `prefixes` by [`chain`] hash: a name's words are matched against
    /// them without a key being written. The prefixes of one hash (almost
    /// always one) lie together in `prefix_list`, as its start and length:
    /// no list of their own to reach. Keyed by the hash itself: it is not
    /// hashed again.
    pub by_hash: ByHash<(u32, u32)>,
    /// Every prefix, in order of hash.
    pub prefix_list: Vec<Prefix>,
    /// The [`chain`] hashes of `prefixes`, as bits: most words grow no
    /// prefix (and most start none), and two bit tests say so.
    pub prefix_bits: DictBits,
    /// The [`chain`] hashes of `exact`'s keys, as bits.
    pub exact_bits: DictBits,
    /// The [`sitrep_text::word_hash`] of "s", the split-off possessive.
    pub s_hash: u64,
    pub max_words: usize,
}

/// The bits of the dictionary's hash sets: 2^17 (16 KB), where its 12,000
/// prefixes let about one word in thirty that is none pass.
pub(crate) type DictBits = sitrep_text::HashBits<2048>;

/// The hash of a key (folded words joined by spaces) grown by one word,
/// from the key's hash (0 for the empty key) and the word's
/// [`sitrep_text::word_hash`]. A text's words come hashed, so a key being
/// built from them is hashed without being written.
#[inline]
pub(crate) fn chain(key: u64, word: u64) -> u64 {
    (key.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// [`chain`] over the words of a key.
fn key_hashes(key: &str) -> impl Iterator<Item = u64> + '_ {
    key.split(' ').scan(0, |h, w| {
        *h = chain(*h, sitrep_text::word_hash(w));
        Some(*h)
    })
}

const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/actor_files.rs"));

fn case_of(alias: &str) -> Case {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !alias.contains(' ')
    {
        Case::Exact
    } else if letters.iter().any(|c| c.is_uppercase()) {
        Case::Capital
    } else {
        Case::Any
    }
}

impl Dict {
    /// The dictionary, loaded once per process and shared by the stages.
    pub(crate) fn shared() -> &'static Dict {
        static DICT: std::sync::OnceLock<Dict> = std::sync::OnceLock::new();
        DICT.get_or_init(Dict::load)
    }

    /// The forms of exact key `key`, if it is one.
    pub(crate) fn forms_of(&self, key: &str) -> Option<&[Form]> {
        self.exact.get(key).map(|&n| &self.forms[n as usize][..])
    }

    /// The prefixes whose [`chain`] hash is `hash`.
    #[inline]
    pub(crate) fn prefixes_of(&self, hash: u64) -> Option<&[Prefix]> {
        let &(start, len) = self.by_hash.get(&hash)?;
        self.prefix_list.get(start as usize..(start + len) as usize)
    }

    /// The descriptions of the actor with this canonical name.
    pub(crate) fn descriptions_of(&self, name: &str) -> &[String] {
        self.by_name.get(name).map_or(&[], |&i| &self.entries[i as usize].descriptions)
    }

    /// Loads the compiled-in files. Panics on a malformed file: they are
    /// compiled in and loaded by the test suite.
    pub(crate) fn load() -> Dict {
        let mut entries: Vec<Entry> = Vec::new();
        for (name, src) in FILES {
            let f: File = toml::from_str(src).unwrap_or_else(|e| panic!("data/actors/{name}: {e}"));
            entries.extend(f.actor);
        }
        for e in &mut entries {
            e.shown_aliases = e
                .aliases
                .iter()
                .filter(|a| a.chars().all(|c| c.is_ascii() || c.is_alphabetic() && (c as u32) < 0x0250))
                .take(12)
                .cloned()
                .collect();
        }
        let mut exact: HashMap<String, Vec<Form>> = HashMap::new();
        let mut skeletons: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_name = HashMap::new();
        let mut max_words = 1;
        for (i, e) in entries.iter().enumerate() {
            by_name.insert(e.name.clone(), i as u32);
            for a in std::iter::once(&e.name).chain(&e.aliases) {
                let key = place_key(a);
                if key.is_empty() {
                    continue;
                }
                max_words = max_words.max(key.split(' ').count());
                exact.entry(key).or_default().push(Form {
                    entry: i as u32,
                    case: case_of(a),
                    written: a.clone(),
                });
                if case_of(a) != Case::Exact {
                    let s = skeleton(a);
                    if s.chars().count() >= 3 {
                        let list = skeletons.entry(s).or_default();
                        if !list.contains(&(i as u32)) {
                            list.push(i as u32);
                        }
                    }
                }
            }
        }
        let prefixes: HashSet<String> = exact
            .keys()
            .flat_map(|k| k.match_indices(' ').map(|(at, _)| k[..at].to_string()).chain([k.clone()]))
            .collect();
        // The exact keys' forms by number.
        let mut forms = Vec::with_capacity(exact.len());
        let exact: HashMap<String, u32> = exact
            .into_iter()
            .map(|(k, f)| {
                forms.push(f);
                (k, forms.len() as u32 - 1)
            })
            .collect();
        let mut prefix_list: Vec<(u64, Prefix)> = prefixes
            .iter()
            .map(|p| {
                let h = key_hashes(p).last().unwrap_or_default();
                let prefix =
                    Prefix { key: p.as_str().into(), forms: exact.get(p).copied(), id: 0, parent: NO_PARENT };
                (h, prefix)
            })
            .collect();
        prefix_list.sort_by(|a, b| (a.0, &a.1.key).cmp(&(b.0, &b.1.key)));
        let mut by_hash: ByHash<(u32, u32)> = ByHash::default();
        for (n, (h, _)) in prefix_list.iter().enumerate() {
            by_hash.entry(*h).or_insert((n as u32, 0)).1 += 1;
        }
        let mut prefix_list: Vec<Prefix> = prefix_list.into_iter().map(|(_, p)| p).collect();
        let ids: HashMap<Box<str>, u32> =
            prefix_list.iter().enumerate().map(|(n, p)| (p.key.clone(), n as u32)).collect();
        for (n, p) in prefix_list.iter_mut().enumerate() {
            p.id = n as u32;
            if let Some(at) = p.key.rfind(' ') {
                p.parent = ids[&p.key[..at]];
            }
        }
        let prefix_bits = by_hash.keys().copied().collect();
        let exact_bits = exact.keys().map(|k| key_hashes(k).last().unwrap_or_default()).collect();
        let s_hash = sitrep_text::word_hash("s");
        Dict {
            entries,
            exact,
            forms,
            skeletons,
            by_name,
            prefixes,
            by_hash,
            prefix_list,
            prefix_bits,
            exact_bits,
            s_hash,
            max_words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_indexes() {
        let d = Dict::load();
        assert!(d.entries.len() > 500);
        let forms = d.forms_of("isis").expect("ISIS");
        assert_eq!(forms[0].case, Case::Exact);
        assert_eq!(d.entries[forms[0].entry as usize].name, "Islamic State");
        assert_eq!(case_of("armée syrienne"), Case::Any);
        assert_eq!(case_of("Front al-Nosra"), Case::Capital);
        for e in &d.entries {
            if let Some(a) = &e.affiliation {
                assert!(d.by_name.contains_key(a), "{}: affiliation {a} is no entry", e.name);
            }
        }
    }

    #[test]
    fn prefixes_know_their_place_and_parent() {
        let d = Dict::load();
        for (n, p) in d.prefix_list.iter().enumerate() {
            assert_eq!(p.id as usize, n);
            // Found by its hash from its parent: the parent's hash chained
            // with its last word's.
            let hash = key_hashes(&p.key).last().unwrap_or_default();
            assert!(d.prefixes_of(hash).is_some_and(|list| list.iter().any(|q| q.id == p.id)), "{}", p.key);
            match p.key.rsplit_once(' ') {
                Some((before, last)) => {
                    let parent = &d.prefix_list[p.parent as usize];
                    assert_eq!(&*parent.key, before);
                    let parent_hash = key_hashes(before).last().unwrap_or_default();
                    assert_eq!(chain(parent_hash, sitrep_text::word_hash(last)), hash);
                }
                None => assert_eq!(p.parent, NO_PARENT),
            }
        }
    }
}
