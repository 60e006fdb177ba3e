//! A language's figure words (`data/<lang>.toml`).

use std::collections::HashMap;

use serde::Deserialize;
use sitrep_core::Measure;
use sitrep_text::Phrases;

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
    pub list_joiners: Scanned,
    pub cumulative: Scanned,
    pub period_before: Scanned,
    pub background: Scanned,
    /// Adverbials of another month or year ("later that month"): they date
    /// their whole sentence.
    pub background_time: Scanned,
    /// A demonstrative pointing back to an attack told before ("that
    /// attack"): its toll is that attack's when the sentence before is
    /// dated long before publication.
    pub recalled: Scanned,
    /// Words that put a clause before or after another in time ("after",
    /// "before"): a month or year told after them dates that clause, not a
    /// count before them.
    pub sequence: Scanned,
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
    pub perfect: Scanned,
    /// "since", "depuis": before a day, a toll counted from then until now.
    pub since: Phrases,
    /// Adjectives between "a"/"un" and the person it counts ("a pregnant woman").
    pub one_adjectives: Phrases,
    /// Words that make a toll a record ("the first deaths since", "the
    /// deadliest day since"): a cumulative cue after them dates the record.
    pub superlative: Scanned,
    /// Fighting between armed sides ("clashes", "combats") or the ranks of a
    /// side: the dead of a clause about it, counted without saying who, are
    /// fighters.
    pub fighting: Scanned,
    /// Nouns that say nothing of who was counted ("people", "dead").
    pub anyone: Phrases,
    /// Cues of a toll a later one replaces ("initially", "an earlier toll").
    pub superseded: Scanned,
    /// Labels of page counters before their number ("Get short URL 548", "Views 1430").
    pub counter_before: Phrases,
    /// Labels of page counters after their number ("319 Related").
    pub counter_after: Phrases,
}

/// A phrase table asked at every word of a stretch of text (a clause, the
/// words before a count). A filter on the first two words of its entries
/// turns most words away before the table is probed: many begin some entry
/// ("the" of "the day before", "a" of "a été"), few are followed by the
/// second word of any.
pub(crate) struct Scanned {
    phrases: Phrases,
    starts: StartFilter,
}

impl Scanned {
    fn new(entries: Vec<String>) -> Scanned {
        Scanned {
            starts: StartFilter::new(entries.iter().map(String::as_str)),
            phrases: Phrases::new(entries),
        }
    }

    /// The token after the longest entry starting at `i`.
    #[inline]
    pub fn at(&self, text: &sitrep_text::Text, i: usize) -> Option<usize> {
        if !self.starts.may_start(text, i) {
            return None;
        }
        self.phrases.at(text, i)
    }

    /// The first token of the longest entry ending just before `i`.
    #[inline]
    pub fn before(&self, text: &sitrep_text::Text, i: usize) -> Option<usize> {
        self.phrases.before(text, i)
    }
}

/// Which words may start an entry of a phrase table, by two bits for the
/// hash of each one-word entry and two for the first two words of each
/// longer one.
#[derive(Default)]
struct StartFilter {
    /// The first words of all entries: most words are none.
    firsts: Bits,
    alone: Bits,
    pairs: Bits,
}

/// A 4,096-bit filter over hashes, two bits each.
struct Bits([u64; 64]);

impl Default for Bits {
    fn default() -> Self {
        Bits([0; 64])
    }
}

impl Bits {
    #[inline]
    fn bits(h: u64) -> (usize, usize) {
        ((h >> 52) as usize, ((h >> 40) & 0xfff) as usize)
    }

    fn insert(&mut self, h: u64) {
        let (a, b) = Self::bits(h);
        self.0[a >> 6] |= 1 << (a & 63);
        self.0[b >> 6] |= 1 << (b & 63);
    }

    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let (a, b) = Self::bits(h);
        self.0[a >> 6] & (1 << (a & 63)) != 0 && self.0[b >> 6] & (1 << (b & 63)) != 0
    }
}

/// The hash of two words in a row, from theirs.
#[inline]
fn pair_hash(first: u64, second: u64) -> u64 {
    (first ^ second.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl StartFilter {
    /// Over the entries of a table, tokenized as [`Phrases`] tokenizes them.
    fn new<'a>(entries: impl IntoIterator<Item = &'a str>) -> StartFilter {
        let mut f = StartFilter::default();
        for entry in entries {
            let t = sitrep_text::Text::new(sitrep_text::fold(entry), Some("xx"));
            let h = |k: usize| sitrep_text::word_hash(t.token_str(k));
            match t.tokens().len() {
                0 => continue,
                1 => f.alone.insert(h(0)),
                _ => f.pairs.insert(pair_hash(h(0), h(1))),
            }
            f.firsts.insert(h(0));
        }
        f
    }

    /// `false` when no entry starts at token `i`.
    #[inline]
    fn may_start(&self, text: &sitrep_text::Text, i: usize) -> bool {
        let Some(h) = text.token_hash_at(i) else { return false };
        if !self.firsts.may_hold(h) {
            return false;
        }
        self.alone.may_hold(h)
            || text.token_hash_at(i + 1).is_some_and(|h1| self.pairs.may_hold(pair_hash(h, h1)))
    }
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
                    list_joiners: Scanned::new(r.list_joiners),
                    cumulative: Scanned::new(r.cumulative),
                    period_before: Scanned::new(r.period_before),
                    background: Scanned::new(r.background),
                    background_time: Scanned::new(r.background_time),
                    recalled: Scanned::new(r.recalled),
                    sequence: Scanned::new(r.sequence),
                    partitive: Phrases::new(r.partitive),
                    toll_nouns: Phrases::new(r.toll_nouns),
                    toll_before: Phrases::new(r.toll_before),
                    number_of: Phrases::new(r.number_of),
                    not_after: Phrases::new(r.not_after),
                    not_before: Phrases::new(r.not_before),
                    ground: Phrases::new(r.ground),
                    one: Phrases::new(r.one),
                    links: Phrases::new(r.links),
                    clause_breaks: Phrases::new(r.clause_breaks),
                    clutter: Phrases::new(r.clutter),
                    fighting: Scanned::new(r.fighting),
                    perfect: Scanned::new(r.perfect),
                    anaphoric: Phrases::new(r.anaphoric),
                    copula: Phrases::new(r.copula),
                    superlative: Scanned::new(r.superlative),
                    anyone: Phrases::new(r.anyone),
                    superseded: Scanned::new(r.superseded),
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
