//! The words of one language (`data/<lang>.toml`), compiled once into
//! phrase tables that match token sequences.

use foldhash::{HashMap, HashSet};

use serde::Deserialize;

use crate::when::Unit;

/// Multi-word entries matched token by token (longest first).
pub(crate) use sitrep_text::Phrases;

/// A set of phrases with no value.
pub(crate) type Words = Phrases<()>;

#[derive(Deserialize)]
struct RawWords {
    ambiguous_seasons: Vec<String>,
    season_cues: Vec<String>,
    part_cues: Vec<String>,
    zones: Vec<String>,
    this_suffix: Vec<String>,
    this: Vec<String>,
    past_after: Vec<String>,
    past_before: Vec<String>,
    future_after: Vec<String>,
    future_before: Vec<String>,
    ago_before: Vec<String>,
    ago_after: Vec<String>,
    later_before: Vec<String>,
    approx: Vec<String>,
    more_than: Vec<String>,
    less_than: Vec<String>,
    start: Vec<String>,
    mid: Vec<String>,
    end: Vec<String>,
    few: Vec<String>,
    recent: Vec<String>,
    each: Vec<String>,
    per: Vec<String>,
    year_nouns: Vec<String>,
    decade_before: Vec<String>,
    decade_suffix: Vec<String>,
    year_prefix: Vec<String>,
    year_cues: Vec<String>,
    not_year_before: Vec<String>,
    year_followers: Vec<String>,
    determiners: Vec<String>,
    range_to: Vec<String>,
    hour_words: Vec<String>,
    noon: Vec<String>,
    midnight: Vec<String>,
    quarter_past: Vec<String>,
    half_past: Vec<String>,
    quarter_to: Vec<String>,
    am: Vec<String>,
    pm: Vec<String>,
    time_cues: Vec<String>,
    present_ref: Vec<String>,
    past_ref: Vec<String>,
    future_ref: Vec<String>,
    age_before: Vec<String>,
    duration_de: Vec<String>,
    since: Vec<String>,
    past_participle_endings: Vec<String>,
    future_cues: Vec<String>,
    future_suffixes: Vec<String>,
    future_suffix_exceptions: Vec<String>,
    past_cues: Vec<String>,
}

#[derive(Deserialize)]
struct RawGrammar {
    month_before_day: bool,
    months_capitalized: bool,
    numeric_order: String,
}

#[derive(Deserialize)]
struct RawLexicon {
    months: HashMap<String, u8>,
    month_abbreviations: HashMap<String, u8>,
    weekdays: HashMap<String, u8>,
    weekday_abbreviations: HashMap<String, u8>,
    today_parts: HashMap<String, String>,
    grammar: RawGrammar,
    relative_days: HashMap<String, i32>,
    units: HashMap<String, String>,
    parts_of_day: HashMap<String, String>,
    seasons: HashMap<String, String>,
    words: RawWords,
}

/// One language's temporal words.
#[allow(missing_docs)] // each field is documented in data/fr.toml
pub(crate) struct Lexicon {
    pub month_before_day: bool,
    pub months_capitalized: bool,
    pub day_first: bool,
    pub months: Phrases<u8>,
    pub month_abbreviations: Phrases<u8>,
    pub weekdays: Phrases<u8>,
    pub weekday_abbreviations: Phrases<u8>,
    pub today_parts: Phrases<&'static str>,
    pub ambiguous_seasons: HashSet<String>,
    pub season_cues: Words,
    pub part_cues: Words,
    pub zones: Words,
    pub this_suffix: Words,
    pub relative_days: Phrases<i32>,
    pub units: Phrases<Unit>,
    pub parts_of_day: Phrases<&'static str>,
    pub seasons: Phrases<&'static str>,
    pub this: Words,
    pub past_after: Words,
    pub past_before: Words,
    pub future_after: Words,
    pub future_before: Words,
    pub ago_before: Words,
    pub ago_after: Words,
    pub later_before: Words,
    pub approx: Words,
    pub more_than: Words,
    pub less_than: Words,
    pub start: Words,
    pub mid: Words,
    pub end: Words,
    pub few: Words,
    pub recent: Words,
    pub each: Words,
    pub per: Words,
    pub year_nouns: Words,
    pub decade_before: Words,
    pub decade_suffix: Words,
    pub year_prefix: Words,
    pub year_cues: Words,
    pub not_year_before: Words,
    pub year_followers: Words,
    pub determiners: Words,
    pub range_to: Words,
    pub hour_words: Words,
    pub noon: Words,
    pub midnight: Words,
    pub quarter_past: Words,
    pub half_past: Words,
    pub quarter_to: Words,
    pub am: Words,
    pub pm: Words,
    pub time_cues: Words,
    pub present_ref: Words,
    pub past_ref: Words,
    pub future_ref: Words,
    pub age_before: Words,
    pub duration_de: Words,
    pub since: Words,
    pub past_participle_endings: Vec<String>,
    /// The endings folded: a word whose folded text ends in none of them
    /// ends in no ending (folding maps each character on its own).
    pub past_participle_folds: Vec<String>,
    pub future_cues: Words,
    pub future_suffixes: Vec<String>,
    pub future_suffix_exceptions: HashSet<String>,
    pub past_cues: HashSet<String>,
    /// The past cues folded: a token whose folded text is none of them is
    /// no past cue, known by its hash (folding a lower-cased word gives the
    /// folded word).
    pub past_cue_folds: sitrep_text::WordSet,
    /// Every entry of the tables whose phrases start an expression
    /// (months, weekdays, units, "de nos jours", "the day before", …) in
    /// one table, and the English articles, which start one only before a
    /// unit ("a week"): tokens that begin none of them, no number word and
    /// no digits are skipped without running the rules.
    pub starts: Phrases<Start>,
    /// Words that start expressions by themselves: number words (the
    /// apostrophe of "'98" does too, see [`crate::cx::Cx::year_apostrophe`]).
    pub counting: sitrep_text::WordSet,
    /// The [`start`] bits of each word that begins an entry of a table
    /// some rule starts with, by its hash: the rules whose tables no entry
    /// begins with a token's word are not run there. (A longer word that
    /// shares a hash with one of them gets its bits: a rule run for
    /// nothing, never one skipped.)
    pub first_words: sitrep_text::ByHash<u32>,
    /// The first words of [`Lexicon::starts`] and the [`Lexicon::counting`]
    /// words in one filter: a token it turns away (most) starts nothing
    /// but maybe digits, known with one test rather than one per table.
    pub may_start: sitrep_text::HashBits,
}

/// What a rule's expression can begin with, one bit each (see
/// [`Lexicon::first_words`] and `rules::RULES`).
pub(crate) mod start {
    /// Digits, or the apostrophe of "'98".
    pub const DIGITS: u32 = 1;
    /// A number as `sitrep_text::number_at` reads it (digits, or a number
    /// word of the text's language).
    pub const NUMBER: u32 = 1 << 1;
    /// A day of the month in words ([`crate::cx::DAY_WORDS`]).
    pub const DAY: u32 = 1 << 2;
    pub const MONTH: u32 = 1 << 3;
    pub const WEEKDAY: u32 = 1 << 4;
    pub const RELATIVE_DAY: u32 = 1 << 5;
    pub const UNIT: u32 = 1 << 6;
    pub const PART_OF_DAY: u32 = 1 << 7;
    pub const SEASON: u32 = 1 << 8;
    /// "midi", "minuit", "noon", "midnight".
    pub const NOON: u32 = 1 << 9;
    pub const DECADE: u32 = 1 << 10;
    /// "de nos jours", "autrefois", …
    pub const REFERENCE: u32 = 1 << 11;
    /// "chaque", "par", "every", "per".
    pub const EACH: u32 = 1 << 12;
    pub const RECENT: u32 = 1 << 13;
    pub const FEW: u32 = 1 << 14;
    /// An English article ([`super::ARTICLES`]).
    pub const ARTICLE: u32 = 1 << 15;
    /// A phrase of the start table begins at the token (not a word's bit:
    /// for `rules::Needs`).
    pub const PHRASE: u32 = 1 << 16;
}

/// The English articles, which start an amount before a unit ("a week").
pub(crate) const ARTICLES: [&str; 2] = ["a", "an"];

/// What an entry of [`Lexicon::starts`] begins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Start {
    /// An expression, wherever it stands.
    Phrase,
    /// An amount, if a unit follows.
    Article,
}

/// TimeML codes, interned so values can borrow them.
fn code(s: &str) -> &'static str {
    const CODES: &[&str] = &["MO", "MI", "AF", "EV", "NI", "DT", "SP", "SU", "FA", "WI"];
    CODES.iter().find(|c| **c == s).copied().unwrap_or("XX")
}

fn words(list: Vec<String>) -> Words {
    Phrases::with_values(list.into_iter().map(|w| (sitrep_text::fold(&w), ())))
}

impl Lexicon {
    /// Parses a language file. Panics on a malformed file: the files are
    /// compiled in and every one is loaded by the test suite.
    pub(crate) fn parse(lang: &str, src: &str) -> Lexicon {
        let raw: RawLexicon = toml::from_str(src).expect("date lexicons are checked by the test suite");
        let f = |m: HashMap<String, u8>| {
            Phrases::with_values(m.into_iter().map(|(k, v)| (sitrep_text::fold(&k), v)))
        };
        let w = raw.words;
        // One table for "does an expression start here?", asked at every
        // token: one probe rather than one per table. Phrases go first, so
        // that a one-word phrase that is also an article stays a phrase.
        let phrases = (raw.months.keys())
            .chain(raw.month_abbreviations.keys())
            .chain(raw.weekdays.keys())
            .chain(raw.weekday_abbreviations.keys())
            .chain(raw.relative_days.keys())
            .chain(raw.units.iter().filter(|(_, v)| Unit::from_code(v).is_some()).map(|(k, _)| k))
            .chain(raw.parts_of_day.keys())
            .chain(raw.today_parts.keys())
            .chain(raw.seasons.keys())
            .chain(
                [&w.noon, &w.midnight, &w.decade_before, &w.present_ref, &w.past_ref, &w.future_ref]
                    .into_iter()
                    .flatten(),
            )
            .chain([&w.each, &w.per, &w.recent, &w.few].into_iter().flatten())
            .map(|k| (sitrep_text::fold(k), Start::Phrase));
        let articles = ARTICLES.map(|a| (a.to_string(), Start::Article));
        let entries: Vec<(String, Start)> = phrases.chain(articles).collect();
        let starts = Phrases::with_values(entries);
        let counting: Vec<&str> = sitrep_text::number_words(Some(lang)).collect();
        let may_start =
            starts.first_words().chain(counting.iter().copied()).map(sitrep_text::word_hash).collect();
        let mut lex = Lexicon {
            month_before_day: raw.grammar.month_before_day,
            months_capitalized: raw.grammar.months_capitalized,
            day_first: raw.grammar.numeric_order == "dmy",
            months: f(raw.months),
            month_abbreviations: f(raw.month_abbreviations),
            weekdays: f(raw.weekdays),
            weekday_abbreviations: f(raw.weekday_abbreviations),
            today_parts: Phrases::with_values(
                raw.today_parts.into_iter().map(|(k, v)| (sitrep_text::fold(&k), code(&v))),
            ),
            ambiguous_seasons: w.ambiguous_seasons.iter().map(|s| sitrep_text::fold(s)).collect(),
            season_cues: words(w.season_cues),
            part_cues: words(w.part_cues),
            zones: words(w.zones),
            this_suffix: words(w.this_suffix),
            relative_days: Phrases::with_values(
                raw.relative_days.into_iter().map(|(k, v)| (sitrep_text::fold(&k), v)),
            ),
            units: Phrases::with_values(
                raw.units
                    .into_iter()
                    .filter_map(|(k, v)| Some((sitrep_text::fold(&k), Unit::from_code(&v)?))),
            ),
            parts_of_day: Phrases::with_values(
                raw.parts_of_day.into_iter().map(|(k, v)| (sitrep_text::fold(&k), code(&v))),
            ),
            seasons: Phrases::with_values(
                raw.seasons.into_iter().map(|(k, v)| (sitrep_text::fold(&k), code(&v))),
            ),
            this: words(w.this),
            past_after: words(w.past_after),
            past_before: words(w.past_before),
            future_after: words(w.future_after),
            future_before: words(w.future_before),
            ago_before: words(w.ago_before),
            ago_after: words(w.ago_after),
            later_before: words(w.later_before),
            approx: words(w.approx),
            more_than: words(w.more_than),
            less_than: words(w.less_than),
            start: words(w.start),
            mid: words(w.mid),
            end: words(w.end),
            few: words(w.few),
            recent: words(w.recent),
            each: words(w.each),
            per: words(w.per),
            year_nouns: words(w.year_nouns),
            decade_before: words(w.decade_before),
            decade_suffix: words(w.decade_suffix),
            year_prefix: words(w.year_prefix),
            year_cues: words(w.year_cues),
            not_year_before: words(w.not_year_before),
            year_followers: words(w.year_followers),
            determiners: words(w.determiners),
            range_to: words(w.range_to),
            hour_words: words(w.hour_words),
            noon: words(w.noon),
            midnight: words(w.midnight),
            quarter_past: words(w.quarter_past),
            half_past: words(w.half_past),
            quarter_to: words(w.quarter_to),
            am: words(w.am),
            pm: words(w.pm),
            time_cues: words(w.time_cues),
            present_ref: words(w.present_ref),
            past_ref: words(w.past_ref),
            future_ref: words(w.future_ref),
            age_before: words(w.age_before),
            duration_de: words(w.duration_de),
            since: words(w.since),
            past_participle_folds: w.past_participle_endings.iter().map(|e| sitrep_text::fold(e)).collect(),
            past_participle_endings: w.past_participle_endings,
            future_cues: words(w.future_cues),
            future_suffixes: w.future_suffixes,
            future_suffix_exceptions: w.future_suffix_exceptions.into_iter().collect(),
            past_cue_folds: w.past_cues.iter().map(|s| sitrep_text::fold(s)).collect(),
            past_cues: w.past_cues.into_iter().map(|s| s.to_lowercase()).collect(),
            starts,
            // Number words, with "premier", "first".
            counting: counting.into_iter().collect(),
            first_words: Default::default(),
            may_start,
        };
        lex.first_words = lex.first_word_bits();
        lex
    }

    /// [`Lexicon::first_words`], from the tables the rules start with.
    fn first_word_bits(&self) -> sitrep_text::ByHash<u32> {
        use start::*;
        let mut bits = sitrep_text::ByHash::default();
        let mut add = |words: Vec<&str>, bit: u32| {
            for w in words {
                *bits.entry(sitrep_text::word_hash(w)).or_insert(0) |= bit;
            }
        };
        add(self.months.first_words().chain(self.month_abbreviations.first_words()).collect(), MONTH);
        add(self.weekdays.first_words().chain(self.weekday_abbreviations.first_words()).collect(), WEEKDAY);
        add(self.relative_days.first_words().collect(), RELATIVE_DAY);
        add(self.units.first_words().collect(), UNIT);
        add(self.parts_of_day.first_words().chain(self.today_parts.first_words()).collect(), PART_OF_DAY);
        add(self.seasons.first_words().collect(), SEASON);
        add(self.noon.first_words().chain(self.midnight.first_words()).collect(), NOON);
        add(self.decade_before.first_words().collect(), DECADE);
        let refs = [&self.present_ref, &self.past_ref, &self.future_ref];
        add(refs.iter().flat_map(|t| t.first_words()).collect(), REFERENCE);
        add(self.each.first_words().chain(self.per.first_words()).collect(), EACH);
        add(self.recent.first_words().collect(), RECENT);
        add(self.few.first_words().collect(), FEW);
        add(crate::cx::DAY_WORDS.to_vec(), DAY);
        add(ARTICLES.to_vec(), ARTICLE);
        bits
    }

    /// The [`start`] bits of the word at token `i` (0 for most words).
    #[inline]
    pub(crate) fn first_word_at(&self, text: &sitrep_text::Text, i: usize) -> u32 {
        self.first_words.get(&text.token_hash(i)).copied().unwrap_or(0)
    }

    /// Does an expression start at token `i` by one of its phrases, or an
    /// amount by an English article before a unit ("a week", see
    /// `duration::amount_at`)? (Number words and digits start one anyway.)
    #[inline]
    pub(crate) fn phrase_at(&self, text: &sitrep_text::Text, i: usize) -> bool {
        match self.starts.value_at(text, i) {
            Some((Start::Phrase, _)) => true,
            Some((Start::Article, _)) => self.units.at(text, i + 1).is_some(),
            None => false,
        }
    }
}
