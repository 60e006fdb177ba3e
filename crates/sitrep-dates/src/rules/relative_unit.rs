//! Finds periods counted from the publication date: "cette semaine", "la
//! semaine dernière", "l'an dernier", "l'année prochaine", "ce mois-ci",
//! "last week", "next month", "this year"; "il y a deux jours", "il y a
//! quelques mois", "two months ago", "a week ago", "dans deux jours".

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::calendar::{direction_after, direction_before};
use crate::rules::duration::amount_at;
use crate::rules::month::part_before;
use crate::when::{Dir, Unit, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    if let Some(f) = named_period(cx, i) {
        return vec![f];
    }
    counted(cx, i).map_or_else(Vec::new, |f| vec![f])
}

/// "la semaine dernière", "last week", "cette année".
fn named_period(cx: &Cx, i: usize) -> Option<Found> {
    let (unit, end) = cx.lex.units.value_at(cx.text, i)?;
    if !matches!(unit, Unit::Week | Unit::Weekend | Unit::Month | Unit::Year | Unit::Decade | Unit::Century) {
        return None;
    }
    // "les mois derniers", "ces dernières semaines" are stretches of time, not one period
    if i > 0 && matches!(cx.w(i - 1), "les" | "ces" | "the") {
        return None;
    }
    let shift = |first, last, n| Found::new(first, last, TimexType::Date, When::Shift { n, unit });
    let (dir, e) = direction_after(cx, end);
    if dir != Dir::Unsaid {
        return Some(shift(cx.back_over(i, &cx.lex.determiners), e, if dir == Dir::Past { -1 } else { 1 }));
    }
    let (dir, s) = direction_before(cx, i);
    if dir != Dir::Unsaid {
        return Some(shift(s, end, if dir == Dir::Past { -1 } else { 1 }));
    }
    if let Some(s) = cx.lex.this.before(cx.text, i).filter(|&s| s >= cx.floor) {
        let e = cx.lex.this_suffix.at(cx.text, end).unwrap_or(end);
        return Some(shift(s, e, 0));
    }
    // "la fin de l'année", "début du mois", "the end of the year": the current one
    let (modifier, s) = part_before(cx, cx.back_over(i, &cx.lex.determiners));
    modifier.map(|m| shift(s, end, 0).with_mod(Some(m)))
}

/// "il y a deux jours", "two months ago", "dans trois jours".
fn counted(cx: &Cx, i: usize) -> Option<Found> {
    let (n, e) = amount_at(cx, i)?;
    let (unit, end) = cx.lex.units.value_at(cx.text, e)?;
    let back = |n: Option<f64>, past: bool| match n {
        Some(n) => When::Shift { n: if past { -(n as i64) } else { n as i64 }, unit },
        None => When::ShiftUnknown { past },
    };
    if let Some(s) = cx.lex.ago_before.before(cx.text, i).filter(|&s| s >= cx.floor) {
        return Some(Found::new(s, end, TimexType::Date, back(n, true)));
    }
    if let Some(e2) = cx.lex.ago_after.at(cx.text, end) {
        return Some(Found::new(i, e2, TimexType::Date, back(n, true)));
    }
    let s = cx.lex.later_before.before(cx.text, i).filter(|&s| s >= cx.floor)?;
    // "dans un jour de grande forme" is a kind of day, not a date
    if !cx.is_digit(i) && matches!(cx.w(end), "de" | "d") {
        return None;
    }
    Some(Found::new(s, end, TimexType::Date, back(n, false)))
}
