//! A language's figure words (`data/<lang>.toml`).

use std::collections::HashMap;

use serde::Deserialize;
use sitrep_core::Measure;
use sitrep_text::{HashBits, NumberForm, NumberOptions, PhraseStarts, Phrases};

#[derive(Deserialize, Clone)]
struct NounMeasure {
    measure: Measure,
    subject: String,
    #[serde(default)]
    label: bool,
}

#[derive(Deserialize, Clone)]
struct NounSubject {
    subject: String,
    #[serde(default)]
    label: bool,
}

#[derive(Deserialize)]
struct Raw {
    measures: HashMap<Measure, Vec<String>>,
    measure_nouns: HashMap<String, NounMeasure>,
    subjects: HashMap<String, NounSubject>,
    at_least: Vec<String>,
    at_most: Vec<String>,
    about: Vec<String>,
    range_from: Vec<String>,
    range_to: Vec<String>,
    part_of: Vec<String>,
    others: Vec<String>,
    list_joiners: Vec<String>,
    cumulative: Vec<String>,
    period_before: Vec<String>,
    background: Vec<String>,
    #[serde(default)]
    recalled: Vec<String>,
    background_time: Vec<String>,
    sequence: Vec<String>,
    partitive: Vec<String>,
    toll_nouns: Vec<String>,
    toll_before: Vec<String>,
    number_of: Vec<String>,
    not_after: Vec<String>,
    not_before: Vec<String>,
    ground: Vec<String>,
    one: Vec<String>,
    links: Vec<String>,
    clause_breaks: Vec<String>,
    clutter: Vec<String>,
    anaphoric: Vec<String>,
    copula: Vec<String>,
    perfect: Vec<String>,
    superlative: Vec<String>,
    fighting: Vec<String>,
    anyone: Vec<String>,
    superseded: Vec<String>,
    counter_before: Vec<String>,
    counter_after: Vec<String>,
    since: Vec<String>,
    one_adjectives: Vec<String>,
}

/// A noun that counts: its measure (if it measures by itself), subject,
/// and whether the source's own word is kept as a label.
#[derive(Debug, Clone)]
pub(crate) struct Noun {
    pub measure: Option<Measure>,
    /// Shared, not copied: every lookup that finds the noun hands out a clone.
    pub subject: std::sync::Arc<str>,
    pub label: bool,
}

/// One language's figure words.
pub(crate) struct Lexicon {
    pub measures: Phrases<Measure>,
    pub nouns: Phrases<Noun>,
    pub at_least: Phrases,
    pub at_most: Phrases,
    pub about: Phrases,
    pub range_from: Phrases,
    pub range_to: Phrases,
    pub part_of: Phrases,
    pub others: Phrases,
    pub list_joiners: Phrases,
    pub cumulative: Phrases,
    pub period_before: Phrases,
    pub background: Phrases,
    /// Adverbials of another month or year ("later that month"): they date
    /// their whole sentence.
    pub background_time: Phrases,
    /// Where a phrase of `background` or `background_time` may begin: one
    /// filter for the two, asked at every word before a count.
    pub background_starts: PhraseStarts,
    /// A demonstrative pointing back to an attack told before ("that
    /// attack"): its toll is that attack's when the sentence before is
    /// dated long before publication.
    pub recalled: Phrases,
    /// Words that put a clause before or after another in time ("after",
    /// "before"): a month or year told after them dates that clause, not a
    /// count before them.
    pub sequence: Phrases,
    pub partitive: Phrases,
    pub toll_nouns: Phrases,
    pub toll_before: Phrases,
    pub number_of: Phrases,
    pub not_after: Phrases,
    pub not_before: Phrases,
    /// Pieces of ground ("villages", "checkpoints"): a number counting them
    /// counts no one ("seized three villages").
    pub ground: Phrases,
    pub one: Phrases,
    /// Is every first word of `one`, read alone as a number in this
    /// language, no count (none, an ordinal, or the bare one that a count
    /// refuses)? Then such a word with no number word in the next two
    /// tokens needs no number read at it.
    pub one_alone_counts_none: bool,
    /// The first words of `one` and every number word (of every
    /// language): a word in neither starts no count, told by one filter
    /// rather than two.
    pub count_starts: HashBits,
    pub links: Phrases,
    pub clause_breaks: Phrases,
    /// Page furniture that opens links to other pages ("Related News",
    /// "Read also"): no count after it in its sentence is the report's.
    pub clutter: Phrases,
    /// A partitive of a toll told before, after a number ("five of those
    /// killed", "cinq d'entre eux").
    pub anaphoric: Phrases,
    /// The copula that names what such a part was ("were children").
    pub copula: Phrases,
    /// The perfect of a toll ("have been killed"): counted up to now.
    pub perfect: Phrases,
    /// "since", "depuis": before a day, a toll counted from then until now.
    pub since: Phrases,
    /// Adjectives between "a"/"un" and the person it counts ("a pregnant woman").
    pub one_adjectives: Phrases,
    /// Words that make a toll a record ("the first deaths since", "the
    /// deadliest day since"): a cumulative cue after them dates the record.
    pub superlative: Phrases,
    /// Fighting between armed sides ("clashes", "combats") or the ranks of a
    /// side: the dead of a clause about it, counted without saying who, are
    /// fighters.
    pub fighting: Phrases,
    /// Nouns that say nothing of who was counted ("people", "dead").
    pub anyone: Phrases,
    /// Cues of a toll a later one replaces ("initially", "an earlier toll").
    pub superseded: Phrases,
    /// Labels of page counters before their number ("Get short URL 548", "Views 1430").
    pub counter_before: Phrases,
    /// Labels of page counters after their number ("319 Related").
    pub counter_after: Phrases,
}

const LANGS: &[(&str, &str)] =
    &[("fr", include_str!("../data/fr.toml")), ("en", include_str!("../data/en.toml"))];

impl Lexicon {
    /// Every language's words. Panics on a malformed file (compiled in,
    /// loaded by the test suite).
    pub(crate) fn load_all() -> Vec<(&'static str, Lexicon)> {
        LANGS
            .iter()
            .map(|(lang, src)| {
                let r: Raw =
                    toml::from_str(src).unwrap_or_else(|e| panic!("sitrep-figures data/{lang}.toml: {e}"));
                let measures = r.measures.into_iter().flat_map(|(m, ws)| ws.into_iter().map(move |w| (w, m)));
                let nouns = r
                    .measure_nouns
                    .into_iter()
                    .map(|(w, n)| {
                        (w, Noun { measure: Some(n.measure), subject: n.subject.into(), label: n.label })
                    })
                    .chain(r.subjects.into_iter().map(|(w, n)| {
                        (w, Noun { measure: None, subject: n.subject.into(), label: n.label })
                    }));
                let one = Phrases::new(r.one);
                let one_alone_counts_none = one.first_words().all(|w| {
                    let alone = sitrep_text::Text::new(w.to_string(), Some(lang));
                    sitrep_text::number_at(&alone, 0, NumberOptions { space_groups: true }).is_none_or(|n| {
                        n.last == 1
                            && (n.form == NumberForm::Ordinal
                                || n.form == NumberForm::Words && n.value == 1.0)
                    })
                });
                let background_starts = PhraseStarts::new(r.background.iter().chain(&r.background_time));
                let count_starts = one
                    .first_words()
                    .map(sitrep_text::word_hash)
                    .chain(sitrep_text::number_words_any().map(sitrep_text::word_hash))
                    .collect();
                let lex = Lexicon {
                    measures: Phrases::with_values(measures),
                    nouns: Phrases::with_values(nouns),
                    at_least: Phrases::new(r.at_least),
                    at_most: Phrases::new(r.at_most),
                    about: Phrases::new(r.about),
                    range_from: Phrases::new(r.range_from),
                    range_to: Phrases::new(r.range_to),
                    part_of: Phrases::new(r.part_of),
                    others: Phrases::new(r.others),
                    list_joiners: Phrases::new(r.list_joiners),
                    cumulative: Phrases::new(r.cumulative),
                    period_before: Phrases::new(r.period_before),
                    background: Phrases::new(r.background),
                    background_time: Phrases::new(r.background_time),
                    background_starts,
                    recalled: Phrases::new(r.recalled),
                    sequence: Phrases::new(r.sequence),
                    partitive: Phrases::new(r.partitive),
                    toll_nouns: Phrases::new(r.toll_nouns),
                    toll_before: Phrases::new(r.toll_before),
                    number_of: Phrases::new(r.number_of),
                    not_after: Phrases::new(r.not_after),
                    not_before: Phrases::new(r.not_before),
                    ground: Phrases::new(r.ground),
                    one,
                    one_alone_counts_none,
                    count_starts,
                    links: Phrases::new(r.links),
                    clause_breaks: Phrases::new(r.clause_breaks),
                    clutter: Phrases::new(r.clutter),
                    fighting: Phrases::new(r.fighting),
                    perfect: Phrases::new(r.perfect),
                    anaphoric: Phrases::new(r.anaphoric),
                    copula: Phrases::new(r.copula),
                    superlative: Phrases::new(r.superlative),
                    anyone: Phrases::new(r.anyone),
                    superseded: Phrases::new(r.superseded),
                    counter_before: Phrases::new(r.counter_before),
                    counter_after: Phrases::new(r.counter_after),
                    since: Phrases::new(r.since),
                    one_adjectives: Phrases::new(r.one_adjectives),
                };
                (*lang, lex)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Lexicon;

    #[test]
    fn a_bare_article_counts_none_in_every_language() {
        // The quick refusal of "a"/"un" in `count_at` holds for every language there is.
        for (lang, lex) in Lexicon::load_all() {
            assert!(lex.one_alone_counts_none, "{lang}");
        }
    }
}
