//! Finds weekdays: "lundi", "ce lundi", "lundi dernier", "lundi prochain",
//! "on Monday", "last Monday", and with a part of the day, "lundi matin",
//! "Monday night". Which Monday is for `resolve` (news convention: the most
//! recent, unless the clause points ahead).

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::calendar::{direction_after, direction_before};
use crate::when::{Clock, Dir, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let Some((day, end)) = cx.lex.weekdays.value_at(cx.text, i) else { return vec![] };
    let (mut dir, mut end) = direction_after(cx, end);
    let mut first = i;
    if dir == Dir::Unsaid {
        let (d, s) = direction_before(cx, i);
        dir = d;
        first = s;
    }
    if first == i {
        first = cx.back_over(i, &cx.lex.this);
    }
    if first == i {
        first = cx.back_over(i, &cx.lex.determiners);
    }
    let mut weekday = When::Weekday { day, dir };
    if dir == Dir::Unsaid
        && let Some((weeks, e)) = week_after(cx, end)
    {
        weekday = When::WeekdayOfWeek { day, weeks };
        end = e;
    }
    if let Some((part, e)) = cx.lex.parts_of_day.value_at(cx.text, end) {
        end = e;
        let when = When::Time { day: Some(Box::new(weekday)), clock: Clock::Part(part) };
        return vec![Found::new(first, end, TimexType::Time, when)];
    }
    vec![Found::new(first, end, TimexType::Date, weekday)]
}

/// "(de) la semaine dernière", "(of) last week", "next week" after a weekday.
fn week_after(cx: &Cx, i: usize) -> Option<(i64, usize)> {
    let j = if matches!(cx.w(i), "de" | "of") { i + 1 } else { i };
    let (dir, unit_at) = match direction_before_at(cx, j) {
        Some((d, k)) => (Some(d), k),
        None => (None, cx.lex.determiners.at(cx.text, j).unwrap_or(j)),
    };
    let (unit, e) = cx.lex.units.value_at(cx.text, unit_at)?;
    if unit != crate::when::Unit::Week {
        return None;
    }
    let (dir, e) = match dir {
        Some(d) => (d, e),
        None => direction_after(cx, e),
    };
    match dir {
        Dir::Past => Some((-1, e)),
        Dir::Future => Some((1, e)),
        Dir::Unsaid => None,
    }
}

/// "last" / "next" starting at `i` (English order).
fn direction_before_at(cx: &Cx, i: usize) -> Option<(Dir, usize)> {
    if let Some(e) = cx.lex.past_before.at(cx.text, i) {
        return Some((Dir::Past, e));
    }
    cx.lex.future_before.at(cx.text, i).map(|e| (Dir::Future, e))
}
