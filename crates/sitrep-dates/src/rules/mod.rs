//! The date grammar: one rule per file, named for what it finds.
//!
//! A rule is a function `find(cx, i) -> Vec<Found>` that looks for its kind
//! of expression whose *core* starts at token `i` (the month in "mi-juillet",
//! the number in "vers 18 h") and may walk back over function words
//! ("le", "en", "vers") but never below `cx.floor`. It returns nothing when
//! its expression is not there. At each token the engine runs every rule and
//! keeps the finding that reaches furthest (the first rule listed wins a
//! tie), so "le samedi 5 juin" beats "samedi".
//!
//! Words are never written in a rule: they come from the language's
//! `data/<lang>.toml` through `cx.lex`. To add a rule, copy this template
//! into `rules/<what_it_finds>.rs`, and add one line to [`RULES`] (with
//! [`Needs::ANY`] unless every path of the rule begins with a lookup in a
//! table the start table holds, or with digits, and with the bits of what
//! its expression can begin with, see [`crate::lexicon::start`]):
//!
//! ```text
//! //! Finds <what>, e.g. "<fr example>", "<en example>".
//! use sitrep_core::TimexType;
//! use crate::cx::{Cx, Found};
//! use crate::when::When;
//!
//! pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
//!     let Some((value, end)) = cx.lex.<table>.value_at(cx.text, i) else { return vec![] };
//!     let first = cx.back_over(i, &cx.lex.<prefix words>);
//!     vec![Found::new(first, end, TimexType::Date, When::…)]
//! }
//! ```
//!
//! and give it cases in `tests/cases/<lang>/dates.toml`.

use crate::cx::{Cx, Found};
use crate::lexicon::start::*;

mod calendar;
mod clock;
mod day_range;
mod decade;
pub(crate) mod duration;
mod month;
mod numeric;
mod part_of_day;
mod reference;
mod relative_day;
mod relative_unit;
mod season;
mod set;
mod weekday;
mod year;

/// A rule: finds its expression whose core starts at a token.
pub(crate) type Rule = fn(&Cx, usize) -> Vec<Found>;

/// What must stand at a token for a rule to find anything there. A rule
/// whose every path begins with a lookup in one of the tables behind
/// [`crate::lexicon::Lexicon::phrase_at`], or with digits, is not run
/// where these are not: it would return nothing. (Bits of
/// [`crate::lexicon::start`], as what the rule's words begin with.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Needs(u32);

impl Needs {
    /// Any token that starts an expression.
    pub(crate) const ANY: Needs = Needs(u32::MAX);
    /// A phrase of the start table.
    pub(crate) const PHRASE: Needs = Needs(PHRASE);
    /// Digits, or the apostrophe of "'98".
    pub(crate) const DIGITS: Needs = Needs(DIGITS);
    /// A phrase, digits or the apostrophe.
    pub(crate) const PHRASE_OR_DIGITS: Needs = Needs(PHRASE | DIGITS);
}

/// Every rule, in priority order for ties, with what it needs and what
/// the words of its expression can begin with ([`crate::lexicon::start`]
/// bits: the tables its first lookups at the token read, digits, a
/// number): a rule is run at a token only where both may be.
pub(crate) const RULES: &[(&str, Needs, u32, Rule)] = &[
    ("numeric", Needs::DIGITS, DIGITS, numeric::find),
    ("day_range", Needs::ANY, DIGITS | DAY | MONTH, day_range::find),
    ("calendar", Needs::ANY, DIGITS | DAY | MONTH | WEEKDAY, calendar::find),
    ("month", Needs::PHRASE, MONTH, month::find),
    ("clock", Needs::ANY, NOON | DIGITS | NUMBER, clock::find),
    ("relative_day", Needs::PHRASE, RELATIVE_DAY, relative_day::find),
    ("weekday", Needs::PHRASE, WEEKDAY, weekday::find),
    ("part_of_day", Needs::PHRASE, PART_OF_DAY, part_of_day::find),
    ("relative_unit", Needs::ANY, UNIT | NUMBER | ARTICLE | FEW, relative_unit::find),
    ("set", Needs::PHRASE, EACH, set::find),
    ("duration", Needs::ANY, RECENT | NUMBER | ARTICLE | FEW, duration::find),
    ("decade", Needs::PHRASE_OR_DIGITS, DECADE | DIGITS, decade::find),
    ("season", Needs::PHRASE, SEASON, season::find),
    ("year", Needs::DIGITS, DIGITS, year::find),
    ("reference", Needs::PHRASE, REFERENCE, reference::find),
];

/// Runs every rule over the text, left to right, longest finding first.
pub(crate) fn scan(text: &sitrep_text::Text, lex: &crate::lexicon::Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let mut cx = Cx::new(text, lex);
    let n = cx.n();
    // What `number_at` reads (the text's language, which an unknown
    // language's run may not share).
    let numbers = sitrep_text::NumberStarts::of(text.language());
    let mut i = 0;
    while i < n {
        // Most tokens start nothing: skip them without running the rules.
        let t = &text.tokens()[i];
        let is_digit = t.kind == sitrep_text::TokenKind::Digit;
        // (An apostrophe is punctuation: words need not look past
        // themselves for one.)
        let apostrophe = t.kind == sitrep_text::TokenKind::Punct && cx.year_apostrophe(i);
        if !(is_digit || apostrophe || lex.may_start.may_hold(text.token_hash(i))) {
            i += 1;
            continue;
        }
        let digits = is_digit || apostrophe;
        let phrase = lex.phrase_at(text, i);
        if !(digits || phrase || lex.counting.contains_token(text, i)) {
            i += 1;
            continue;
        }
        let begins = lex.first_word_at(text, i)
            | if digits { DIGITS } else { 0 }
            | if phrase { PHRASE } else { 0 }
            | if numbers.at(text, i) { NUMBER } else { 0 };
        let mut best: Vec<Found> = Vec::new();
        let mut best_end = i;
        for &(_, needs, starts, rule) in RULES {
            if needs.0 & begins == 0 || starts & begins == 0 {
                continue;
            }
            let found = rule(&cx, i);
            let end = found.iter().map(|f| f.last).max().unwrap_or(0);
            if end > best_end {
                best_end = end;
                best = found;
            }
        }
        if best.is_empty() {
            i += 1;
        } else {
            out.extend(best.into_iter().filter(|f| f.emit));
            i = best_end;
            cx.floor = best_end;
        }
    }
    out
}
