//! Finds dates with a day and a month: "1er août 2016", "le samedi 5 juin",
//! "le 6 mai dernier", "Sat 24 Aug 2013", "August 1, 2016", "Monday, Aug. 1".

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::when::{Dir, When, YearSpec};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let (weekday, j) = match weekday_at(cx, i) {
        Some((d, e)) => (Some(d), cx.skip_comma(e)),
        None => (None, i),
    };
    let Some((day, month, mut end)) =
        day_month(cx, j).or_else(|| if cx.lex.month_before_day { month_day(cx, j) } else { None })
    else {
        return vec![];
    };
    let year_at = cx.skip_comma(end);
    let year = match cx.year(year_at, 1000..=2100) {
        Some((y, e)) => {
            end = e;
            YearSpec::Abs(y)
        }
        None => {
            let (dir, e) = direction_after(cx, end);
            end = e;
            YearSpec::Infer(dir)
        }
    };
    let first = cx.back_over(i, &cx.lex.determiners);
    let when = When::Calendar { year, month: Some(month), day: Some(day), weekday };
    vec![Found::new(first, end, TimexType::Date, when)]
}

/// A weekday, full or abbreviated ("samedi", "Sat.").
pub(crate) fn weekday_at(cx: &Cx, i: usize) -> Option<(u8, usize)> {
    cx.lex.weekdays.value_at(cx.text, i).or_else(|| {
        cx.lex.weekday_abbreviations.value_at(cx.text, i).map(|(d, e)| (d, cx.skip_abbrev_dot(e)))
    })
}

/// "5 juin", "1er août", "24 Aug", "5th of June".
fn day_month(cx: &Cx, i: usize) -> Option<(u8, u8, usize)> {
    let (day, e) = cx.day(i)?;
    let e = if matches!(cx.w(e), "of" | "de") { e + 1 } else { e };
    let (month, e) = cx.month(e, true)?;
    Some((day, month, e))
}

/// "August 1", "Aug. 24th".
fn month_day(cx: &Cx, i: usize) -> Option<(u8, u8, usize)> {
    let (month, e) = cx.month(i, true)?;
    let (day, e) = cx.day(e)?;
    Some((day, month, e))
}

/// "dernier" / "prochain" after an expression: its direction and end.
pub(crate) fn direction_after(cx: &Cx, i: usize) -> (Dir, usize) {
    if let Some(e) = cx.lex.past_after.at(cx.text, i) {
        (Dir::Past, e)
    } else if let Some(e) = cx.lex.future_after.at(cx.text, i) {
        (Dir::Future, e)
    } else {
        (Dir::Unsaid, i)
    }
}

/// "last" / "next" before an expression: its direction and first token.
pub(crate) fn direction_before(cx: &Cx, i: usize) -> (Dir, usize) {
    match (cx.lex.past_before.before(cx.text, i), cx.lex.future_before.before(cx.text, i)) {
        (Some(s), _) if s >= cx.floor => (Dir::Past, s),
        (_, Some(s)) if s >= cx.floor => (Dir::Future, s),
        _ => (Dir::Unsaid, i),
    }
}
