//! Event triggers and modality cues per language (`data/<lang>.toml`), and
//! ACLED's codebook (`data/acled-codebook.toml`).

use serde::Deserialize;
use sitrep_core::{Mode, SubEventType};
use sitrep_text::{PhraseStarts, Phrases};

/// What a trigger signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A sub-event type.
    Sub(SubEventType),
    /// A change of territory, typed by who takes it; `loss`: the subject loses ground.
    Territory { loss: bool },
}

/// A trigger's meaning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trigger {
    pub kind: Kind,
    pub mode: Option<Mode>,
    /// A generic word ("attaque"): only when nothing more specific happened.
    pub weak: bool,
    /// A bomb of either kind ("bombing"): an air strike when aircraft are
    /// named in its sentence or a state does it, else what `kind` says.
    pub aerial_near: bool,
}

#[derive(Deserialize)]
struct RawTrigger {
    sub_type: String,
    #[serde(default)]
    mode: Option<Mode>,
    #[serde(default)]
    loss: bool,
    #[serde(default)]
    weak: bool,
    #[serde(default)]
    aerial_near: bool,
    phrases: Vec<String>,
}

#[derive(Deserialize)]
struct Raw {
    trigger: Vec<RawTrigger>,
    firearms: Vec<String>,
    failure: Vec<String>,
    negation: Vec<String>,
    announced: Vec<String>,
    past: Vec<String>,
    #[serde(default)]
    pointing_back: Vec<String>,
    #[serde(default)]
    told_again: Vec<String>,
    #[serde(default)]
    judging: Vec<String>,
    target_before: Vec<String>,
    agent_before: Vec<String>,
    agent_far: Vec<String>,
    apposition: Vec<String>,
    aircraft: Vec<String>,
    blame: Vec<String>,
    clause_breaks: Vec<String>,
}

/// One language's event words.
pub(crate) struct Lexicon {
    pub triggers: Phrases<Trigger>,
    pub firearms: Phrases,
    pub failure: Phrases,
    pub negation: Phrases,
    pub announced: Phrases,
    /// Where a phrase of `negation`, `failure` or `announced` may begin:
    /// where none does in a trigger's window, the three are not looked up.
    pub modal_starts: PhraseStarts,
    pub past: Phrases,
    /// Where a trigger or a phrase of `past`, `aircraft`, `firearms`,
    /// `negation`, `failure` or `announced` may begin: a sentence's words
    /// are asked this one filter first.
    pub sentence_starts: PhraseStarts,
    /// Demonstratives before a trigger that point back to a happening told
    /// before ("that attack", "cette attaque").
    pub pointing_back: Phrases,
    /// A generic word with a determiner that points back to a happening
    /// already told ("the attack", "l'attaque"), as a whole phrase.
    pub told_again: Phrases,
    /// Verbs of those who judge a happening told again ("the White House
    /// condemned the attack"): their subject did not do it.
    pub judging: Phrases,
    pub target_before: Phrases,
    pub agent_before: Phrases,
    pub agent_far: Phrases,
    pub apposition: Phrases,
    /// Aircraft and what they do ("warplanes", "dropped"): a bombing near them is an air strike.
    pub aircraft: Phrases,
    /// Words that put the blame on the actor right after them ("blaming the
    /// Islamic State group for the attack", "accused Russia").
    pub blame: Phrases,
    /// Words that open another clause ("after", "when"): a cue of modality
    /// before them does not reach a trigger after them.
    pub clause_breaks: Phrases,
}

/// ACLED's spelling of a sub-event type → the type.
pub(crate) fn sub_type(name: &str) -> Option<SubEventType> {
    SubEventType::ALL
        .into_iter()
        .find(|s| serde_json::to_value(s).ok().and_then(|v| v.as_str().map(|x| x == name)) == Some(true))
}

const LANGS: &[(&str, &str)] =
    &[("fr", include_str!("../data/fr.toml")), ("en", include_str!("../data/en.toml"))];

impl Lexicon {
    /// Every language's words. Panics on a malformed file or an unknown
    /// sub-event type (compiled in, loaded by the test suite).
    pub(crate) fn load_all() -> Vec<(&'static str, Lexicon)> {
        LANGS
            .iter()
            .map(|(lang, src)| {
                let r: Raw =
                    toml::from_str(src).unwrap_or_else(|e| panic!("sitrep-events data/{lang}.toml: {e}"));
                let mut entries = Vec::new();
                for t in r.trigger {
                    let kind = if t.sub_type == "territory" {
                        Kind::Territory { loss: t.loss }
                    } else {
                        Kind::Sub(sub_type(&t.sub_type).unwrap_or_else(|| {
                            panic!(
                                "sitrep-events data/{lang}.toml: {:?} is no ACLED sub-event type",
                                t.sub_type
                            )
                        }))
                    };
                    let trig = Trigger { kind, mode: t.mode, weak: t.weak, aerial_near: t.aerial_near };
                    entries.extend(t.phrases.into_iter().map(|p| (p, trig)));
                }
                let modal_starts = PhraseStarts::new(r.negation.iter().chain(&r.failure).chain(&r.announced));
                let sentence_starts = PhraseStarts::new(
                    entries
                        .iter()
                        .map(|(p, _)| p)
                        .chain(&r.past)
                        .chain(&r.aircraft)
                        .chain(&r.firearms)
                        .chain(&r.negation)
                        .chain(&r.failure)
                        .chain(&r.announced),
                );
                let lex = Lexicon {
                    triggers: Phrases::with_values(entries),
                    firearms: Phrases::new(r.firearms),
                    failure: Phrases::new(r.failure),
                    negation: Phrases::new(r.negation),
                    announced: Phrases::new(r.announced),
                    modal_starts,
                    past: Phrases::new(r.past),
                    sentence_starts,
                    pointing_back: Phrases::new(r.pointing_back),
                    told_again: Phrases::new(r.told_again),
                    judging: Phrases::new(r.judging),
                    target_before: Phrases::new(r.target_before),
                    agent_before: Phrases::new(r.agent_before),
                    agent_far: Phrases::new(r.agent_far),
                    apposition: Phrases::new(r.apposition),
                    aircraft: Phrases::new(r.aircraft),
                    blame: Phrases::new(r.blame),
                    clause_breaks: Phrases::new(r.clause_breaks),
                };
                (*lang, lex)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Codebook {
        r#type: Vec<CodebookType>,
    }

    #[derive(Deserialize)]
    struct CodebookType {
        name: String,
        sub_types: Vec<CodebookSub>,
    }

    #[derive(Deserialize)]
    struct CodebookSub {
        name: String,
    }

    #[test]
    fn types_match_acled_codebook() {
        let book: Codebook =
            toml::from_str(include_str!("../data/acled-codebook.toml")).expect("codebook parses");
        let mut n = 0;
        for t in &book.r#type {
            for s in &t.sub_types {
                let sub =
                    sub_type(&s.name).unwrap_or_else(|| panic!("{} is not a sitrep sub-event type", s.name));
                let ty = serde_json::to_value(sub.event_type()).expect("serialises");
                assert_eq!(ty.as_str(), Some(t.name.as_str()), "{} belongs to {}", s.name, t.name);
                n += 1;
            }
        }
        assert_eq!(n, SubEventType::ALL.len());
    }

    #[test]
    fn lexicons_load() {
        assert_eq!(Lexicon::load_all().len(), 2);
    }
}
