//! Language words: attribution cues (`data/cues/<lang>.toml`) and generic
//! actors (`data/generic/<lang>.toml`).

use serde::Deserialize;
use sitrep_core::ActorKind;

pub(crate) use sitrep_text::Phrases;
use sitrep_text::{WordSet, word_hash};

use crate::dict::{Dict, DictBits};
use sitrep_text::{HashBits, PhraseStarts};

#[derive(Deserialize)]
struct RawCues {
    according_to: Vec<String>,
    verbs: Vec<String>,
    inversion_only: Vec<String>,
    media_nouns: Vec<String>,
    anonymous: Vec<String>,
    hedges: Vec<String>,
    pronouns: Vec<String>,
    titles: Vec<String>,
    particles: Vec<String>,
    demonym_nouns: bool,
    group_nouns: std::collections::HashMap<String, ActorKind>,
    #[serde(default)]
    aspectual: Vec<String>,
}

/// One language's attribution and naming cues.
pub(crate) struct Cues {
    pub according_to: Phrases,
    pub verbs: Phrases,
    pub inversion_only: Phrases,
    pub media_nouns: Phrases,
    pub anonymous: WordSet,
    pub hedges: Phrases,
    pub pronouns: WordSet,
    pub titles: Phrases,
    pub particles: WordSet,
    pub demonym_nouns: bool,
    pub group_nouns: Phrases<ActorKind>,
    /// Reporting verbs that before "to" are aspect, not speech ("warplanes
    /// continued to bomb the town").
    pub aspectual: WordSet,
    /// The first words of `according_to`, `verbs` and `inversion_only`, as
    /// hash bits: most words begin no cue, and one test says so.
    pub cue_starts: CueBits,
}

#[derive(Deserialize)]
struct RawGeneric {
    role: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    kind: Option<ActorKind>,
    phrases: Vec<String>,
    nationality: bool,
    bare: Vec<String>,
}

#[derive(Deserialize)]
struct RawGenerics {
    generic: Vec<RawGeneric>,
}

/// A generic actor phrase family.
pub(crate) struct Generic {
    pub role: String,
    pub name: Option<String>,
    pub kind: ActorKind,
    pub phrases: Phrases,
    pub nationality: bool,
    pub bare: Phrases,
}

/// A language's lexicon.
pub(crate) struct Lexicon {
    pub cues: Cues,
    pub generics: Vec<Generic>,
    /// Where a generic phrase may begin: most words begin none.
    pub generic_starts: PhraseStarts,
    /// The words that can begin a mention written in lower case other than
    /// a dictionary name (a title, a group noun, a particle, a generic
    /// phrase, a name article), as hash bits.
    pub lower_cues: HashBits<SMALL>,
    /// The same and the dictionary's first words: at any other lower-case
    /// word only an article or a generic phrase after it (a demonym before
    /// one) may begin a mention.
    pub lower_starts: DictBits,
}

/// The size of the bits of a lexicon's word lists (a hundred or two): 4,096
/// bits, half a kilobyte. Every token asks the cue words' (two hundred
/// verbs in French): four times as many bits let fewer through.
const SMALL: usize = 64;

/// The bits of the cues' first words ([`Cues::cue_starts`]).
pub(crate) type CueBits = HashBits<{ 4 * SMALL }>;

const LANGS: &[(&str, &str, &str)] = &[
    ("fr", include_str!("../data/cues/fr.toml"), include_str!("../data/generic/fr.toml")),
    ("en", include_str!("../data/cues/en.toml"), include_str!("../data/generic/en.toml")),
];

/// Cue words, folded. Asked of a text's tokens by their hashes (a token is
/// never empty, nor is a cue word).
fn fold_set(v: &[String]) -> WordSet {
    v.iter().map(|s| sitrep_text::fold(s)).collect()
}

impl Lexicon {
    /// Every language's lexicon. Panics on a malformed file (compiled in,
    /// loaded by the test suite).
    pub(crate) fn load_all() -> Vec<(&'static str, Lexicon)> {
        LANGS
            .iter()
            .map(|(lang, cues, generic)| {
                let c: RawCues =
                    toml::from_str(cues).unwrap_or_else(|e| panic!("data/cues/{lang}.toml: {e}"));
                let g: RawGenerics =
                    toml::from_str(generic).unwrap_or_else(|e| panic!("data/generic/{lang}.toml: {e}"));
                let according_to = Phrases::new(&c.according_to);
                let verbs = Phrases::new(&c.verbs);
                let inversion_only = Phrases::new(&c.inversion_only);
                let cue_starts = HashBits::new(
                    according_to
                        .first_words()
                        .chain(verbs.first_words())
                        .chain(inversion_only.first_words())
                        .map(word_hash),
                );
                let cues = Cues {
                    according_to,
                    verbs,
                    inversion_only,
                    media_nouns: Phrases::new(&c.media_nouns),
                    anonymous: fold_set(&c.anonymous),
                    hedges: Phrases::new(&c.hedges),
                    pronouns: fold_set(&c.pronouns),
                    titles: Phrases::new(&c.titles),
                    particles: fold_set(&c.particles),
                    demonym_nouns: c.demonym_nouns,
                    group_nouns: Phrases::with_values(c.group_nouns.clone()),
                    aspectual: fold_set(&c.aspectual),
                    cue_starts,
                };
                let g_phrases: Vec<String> =
                    g.generic.iter().flat_map(|r| r.phrases.iter().cloned()).collect();
                let generics = g
                    .generic
                    .into_iter()
                    .map(|r| Generic {
                        kind: r.kind.unwrap_or(match r.role.as_str() {
                            "government" => ActorKind::Government,
                            "state_force" | "air_force" => ActorKind::StateForce,
                            _ => ActorKind::Other,
                        }),
                        role: r.role,
                        name: r.name,
                        phrases: Phrases::new(&r.phrases),
                        nationality: r.nationality,
                        bare: Phrases::new(&r.bare),
                    })
                    .collect::<Vec<Generic>>();
                let generic_words: Vec<&str> =
                    generics.iter().flat_map(|g| g.phrases.first_words()).collect();
                let generic_starts = PhraseStarts::new(&g_phrases);
                let cue_words: Vec<u64> = cues
                    .titles
                    .first_words()
                    .chain(cues.group_nouns.first_words())
                    .map(word_hash)
                    .chain(c.particles.iter().map(|p| word_hash(&sitrep_text::fold(p))))
                    .chain(generic_words.iter().map(|w| word_hash(w)))
                    .chain(sitrep_text::NAME_ARTICLES.iter().map(|w| word_hash(w)))
                    .collect();
                let dict_firsts = Dict::shared().prefixes.iter().filter(|p| !p.contains(' '));
                let lower_cues = HashBits::new(cue_words.iter().copied());
                let lower_starts =
                    HashBits::new(cue_words.into_iter().chain(dict_firsts.map(|p| word_hash(p))));
                (*lang, Lexicon { cues, generics, generic_starts, lower_cues, lower_starts })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_text::is_name_article;

    /// The name articles are in the lower-case cue words' bits (which the
    /// actors ask in place of the article test).
    #[test]
    fn name_articles_are_lower_cues() {
        let articles = sitrep_text::NAME_ARTICLES;
        for w in ["al", "el", "ash", "es"] {
            assert!(articles.contains(&w), "{w}");
        }
        assert!(articles.iter().all(|a| is_name_article(a) && a.len() <= 3));
        for (_, lex) in Lexicon::load_all() {
            for a in &articles {
                assert!(
                    lex.lower_cues.may_hold(word_hash(a)) && lex.lower_starts.may_hold(word_hash(a)),
                    "{a}"
                );
            }
        }
    }

    /// Where a table's phrase is written, its bits say it may begin: they
    /// turn words away before the table is asked, so they must never turn
    /// away one of its phrases.
    #[test]
    fn phrase_starts_hold_every_phrase() {
        for (lang, cues, generic) in LANGS {
            let c: RawCues = toml::from_str(cues).expect("cues");
            let g: RawGenerics = toml::from_str(generic).expect("generics");
            let (_, lex) = Lexicon::load_all().into_iter().find(|(l, _)| l == lang).expect("language");
            for p in &c.titles {
                let text = sitrep_text::Text::new(format!("x {p} x"), Some(lang));
                assert!(lex.cues.titles.at(&text, 1).is_some(), "{lang}: {p} is in its table");
            }
            for p in c.group_nouns.keys() {
                let text = sitrep_text::Text::new(format!("x {p} x"), Some(lang));
                assert!(lex.cues.group_nouns.at(&text, 1).is_some(), "{lang}: {p} is in its table");
            }
            for (r, family) in g.generic.iter().zip(&lex.generics) {
                for p in &r.phrases {
                    let text = sitrep_text::Text::new(format!("x {p} x"), Some(lang));
                    assert!(family.phrases.at(&text, 1).is_some(), "{lang}: {p} is in its table");
                    assert!(lex.generic_starts.may_start(&text, 1), "{lang}: {p} may start");
                }
            }
        }
    }
}
