//! Finds years: "en 2014", "depuis 1998", "l'année 2001", "fin 2015",
//! "1982-1990", "le bilan 2001 de…", "in 2014". A number in a year's range
//! is a year only where a year can stand: "plus de 2000", "2000 habitants"
//! and "le projet 1070" are not years.

use sitrep_core::TimexType;
use sitrep_text::TokenKind;

use crate::cx::{Cx, Found};
use crate::rules::month::part_before;
use crate::when::{When, YearSpec};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let Some((year, end)) = cx.year(i, 1000..=2100) else { return vec![] };
    let noun = cx.lex.year_nouns.before(cx.text, i).filter(|&s| s >= cx.floor);
    let cue = cx.lex.year_cues.before(cx.text, i).is_some();
    let (modifier, part_first) = part_before(cx, i);
    if noun.is_none() && cx.lex.not_year_before.before(cx.text, i).is_some() {
        return vec![];
    }
    // "A320", "F-16"-like codes
    if i > 0 && cx.glued(i) && cx.is_alpha(i - 1) {
        return vec![];
    }
    if !year_may_end_here(cx, end) {
        return vec![];
    }
    let bare = noun.is_none() && !cue && modifier.is_none();
    if bare && !(1900..=2100).contains(&year) {
        return vec![];
    }
    let first = match (noun, modifier) {
        (Some(s), _) => cx.back_over(s, &cx.lex.year_prefix),
        (None, Some(_)) => part_first,
        (None, None) => cx.back_over(i, &cx.lex.year_prefix),
    };
    let when = When::Calendar { year: YearSpec::Abs(year), month: None, day: None, weekday: None };
    vec![Found::new(first, end, TimexType::Date, when).with_mod(modifier)]
}

/// Can a year end before token `i`? Not before a noun it would count
/// ("2000 habitants"), a percent sign, or more digits.
pub(crate) fn year_may_end_here(cx: &Cx, i: usize) -> bool {
    let Some(kind) = cx.kind(i) else { return true };
    let t = cx.text.tokens()[i];
    match kind {
        TokenKind::Punct => {
            let w = cx.w(i);
            let number_goes_on =
                matches!(w, "." | ",") && cx.glued(i) && cx.is_digit(i + 1) && cx.glued(i + 1);
            !number_goes_on && !matches!(w, "%" | "€" | "$")
        }
        TokenKind::Digit => false,
        TokenKind::Alpha => {
            t.upper
                || t.newlines_before > 0
                || (cx.lex.year_followers.at(cx.text, i).is_some() && !cx.glued(i))
        }
    }
}
