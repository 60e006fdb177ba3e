//! Finds months: "août 2016", "octobre 98", "juin prochain", "mi-juillet",
//! "début août", "fin juillet 2016", "en mars", "mars-avril", "early
//! August", "mid-July 2016", "last March".

use sitrep_core::TimexType;

use crate::cx::{Cx, Found, two_digit_year};
use crate::rules::calendar::{direction_after, direction_before};
use crate::rules::year::year_may_end_here;
use crate::when::{Dir, When, YearSpec};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    // Abbreviations ("oct.") only with a year: "sept" is also seven.
    let (month, mut end, abbreviated) = match cx.month(i, false) {
        Some((m, e)) => (m, e, false),
        // (No full name here: only an abbreviation is left to read.)
        None => match cx.month_abbreviation(i) {
            Some((m, e)) => (m, e, true),
            None => return vec![],
        },
    };
    // "mi-juillet", "début août", "early August", "la fin de juillet"
    let (modifier, first) = part_before(cx, i);
    let year_at = if cx.w(end) == "de" && cx.is_digit(end + 1) { end + 1 } else { cx.skip_comma(end) };
    let mut year = None;
    if let Some((y, e)) = cx.year(year_at, 1000..=2100) {
        year = Some(y);
        end = e;
    } else if !abbreviated
        && cx.is_digit(end)
        && cx.w(end).len() == 2
        && cx.lone_digits(end)
        && year_may_end_here(cx, end + 1)
        && !cx.lex.month_before_day
    {
        // "octobre 98" (not in English, where "May 12" is a day)
        year = cx.int(end).map(|y| two_digit_year(y as i32));
        end += 1;
    }
    if abbreviated && year.is_none() {
        return vec![];
    }
    let (mut dir, dir_end) = direction_after(cx, end);
    let mut first = first;
    if year.is_none() {
        end = dir_end;
        if dir == Dir::Unsaid {
            let (d, s) = direction_before(cx, first);
            dir = d;
            first = s;
        }
    }
    // A bare month name needs a cue: "en mars", "depuis janvier", "mars-avril";
    // in English also a capital ("may" is a verb, "march" a noun).
    let bare = year.is_none() && modifier.is_none() && dir == Dir::Unsaid;
    if bare {
        let cue = cx.lex.year_cues.before(cx.text, i).is_some();
        let after_month = i >= 2 && cx.w(i - 1) == "-" && cx.month(i - 2, false).is_some();
        if !(cue || after_month) {
            return vec![];
        }
    }
    if cx.lex.months_capitalized && !cx.upper(i) {
        return vec![];
    }
    let first =
        if year.is_some() && modifier.is_none() { cx.back_over(first, &cx.lex.year_prefix) } else { first };
    let year = match year {
        Some(y) => YearSpec::Abs(y),
        None => YearSpec::Infer(dir),
    };
    let when = When::Calendar { year, month: Some(month), day: None, weekday: None };
    vec![Found::new(first, end, TimexType::Date, when).with_mod(modifier)]
}

/// A START / MID / END word before token `i` ("début", "mi-", "late"), and
/// where the expression then starts.
pub(crate) fn part_before(cx: &Cx, i: usize) -> (Option<&'static str>, usize) {
    // "mi-juillet": the hyphen is glued between the two
    let j = if i >= 1 && cx.w(i - 1) == "-" && cx.glued(i) { i - 1 } else { i };
    for (words, m) in [(&cx.lex.start, "START"), (&cx.lex.mid, "MID"), (&cx.lex.end, "END")] {
        if let Some(s) = words.before(cx.text, j)
            && s >= cx.floor
        {
            return (Some(m), cx.back_over(s, &cx.lex.determiners));
        }
    }
    (None, i)
}
