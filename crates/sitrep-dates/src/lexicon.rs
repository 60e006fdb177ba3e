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
    pub future_cues: Words,
    pub future_suffixes: Vec<String>,
    pub future_suffix_exceptions: HashSet<String>,
    pub past_cues: HashSet<String>,
    /// The past cues folded: a token whose folded text is none of them is
    /// no past cue, known by its hash (folding a lower-cased word gives the
    /// folded word).
    pub past_cue_folds: sitrep_text::WordSet,
    /// Words that can start an expression (besides digits): tokens with
    /// none of them are skipped without running the rules.
    pub triggers: sitrep_text::WordSet,
    /// The triggers that start expressions by themselves: number words and
    /// the apostrophe of "'98" (see [`Lexicon::phrase_at`] for the others).
    pub counting: sitrep_text::WordSet,
}

/// `$body` for each phrase table whose first words are triggers (bound to
/// `$t`), as an array: the tables hold values of different types, so the
/// list is written once here rather than as a slice.
macro_rules! each_trigger_table {
    ($lex:expr, $t:ident => $body:expr) => {
        each_trigger_table!($lex, $t => $body; months, month_abbreviations, weekdays,
            weekday_abbreviations, relative_days, units, parts_of_day, today_parts, seasons, noon,
            midnight, decade_before, present_ref, past_ref, future_ref, each, per, recent, few)
    };
    ($lex:expr, $t:ident => $body:expr; $($table:ident),+) => {{
        let lex = $lex;
        [$({
            let $t = &lex.$table;
            $body
        }),+]
    }};
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
        Lexicon {
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
            past_participle_endings: w.past_participle_endings,
            future_cues: words(w.future_cues),
            future_suffixes: w.future_suffixes,
            future_suffix_exceptions: w.future_suffix_exceptions.into_iter().collect(),
            past_cue_folds: w.past_cues.iter().map(|s| sitrep_text::fold(s)).collect(),
            past_cues: w.past_cues.into_iter().map(|s| s.to_lowercase()).collect(),
            triggers: sitrep_text::WordSet::default(),
            counting: sitrep_text::WordSet::default(),
        }
        .with_triggers(lang)
    }

    fn with_triggers(mut self, lang: &str) -> Self {
        let mut t: HashSet<String> = HashSet::default();
        let mut add = |it: &mut dyn Iterator<Item = &str>| t.extend(it.map(str::to_string));
        for words in each_trigger_table!(&self, table => table.first_words().collect::<Vec<_>>()) {
            add(&mut words.into_iter());
        }
        // Number words (with "premier", "first") and the apostrophe of "'98"
        // start expressions by themselves; English articles only before a
        // unit ("a week", see `duration::amount_at`); any other trigger only
        // as the first word of a phrase.
        let counting: HashSet<String> =
            sitrep_text::number_words(Some(lang)).chain(["'"]).map(str::to_string).collect();
        t.extend(counting.iter().cloned());
        t.extend(["a", "an"].map(str::to_string));
        self.triggers = t.into_iter().collect();
        self.counting = counting.into_iter().collect();
        self
    }

    /// Does one of the phrase tables whose first words are triggers match
    /// at token `i`, or an English article before a unit? A trigger that is
    /// not a counting word ("de" of "de nos jours", "the" of "the day
    /// before", the article of "a week") starts an expression only so.
    pub(crate) fn phrase_at(&self, text: &sitrep_text::Text, i: usize) -> bool {
        matches!(text.token_str(i), "a" | "an") && self.units.at(text, i + 1).is_some()
            || each_trigger_table!(self, table => table.at(text, i).is_some()).contains(&true)
    }
}
