//! Finds lengths of time: "deux jours", "30,4 secondes", "plus de vingt
//! ans", "une semaine", "quelques mois", "ces derniers jours", "un an et
//! demi", "two years", "several weeks", "the past few days".
//!
//! Ages are not durations: "une fillette de 6 ans", "âgée de 90 ans",
//! "enfants de 2 à 8 ans", "a 22-year-old" are consumed and dropped.

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::resolve::push_digits;
use crate::when::{Unit, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    // "ces derniers jours", "the past few days", "the past two weeks"
    if let Some(e) = cx.lex.recent.at(cx.text, i) {
        let (n, e) = match amount_at(cx, e) {
            Some((n, e2)) => (n, e2),
            None => (None, e),
        };
        if let Some((unit, end)) = cx.lex.units.value_at(cx.text, e) {
            return vec![Found::new(i, end, TimexType::Duration, When::Duration { n, unit })];
        }
    }
    let Some((n, e)) = amount_at(cx, i) else { return vec![] };
    // "a two-day visit", "a 22-year-old": the unit may be hyphenated to the number
    let e = if cx.w(e) == "-" && cx.glued(e) && cx.glued(e + 1) { e + 1 } else { e };
    let Some((unit, mut end)) = cx.lex.units.value_at(cx.text, e) else { return vec![] };
    if unit == Unit::Weekend {
        return vec![];
    }
    if matches!(unit, Unit::Year | Unit::Month) && is_age(cx, i, end) {
        let last = if cx.w(end) == "-" {
            end + 2
        } else if cx.w(end) == "old" {
            end + 1
        } else {
            end
        };
        return vec![Found::blocker(i, last.min(cx.n()))];
    }
    let mut n = n;
    if let Some(e2) = cx.lex.half_past.at(cx.text, end) {
        n = n.map(|v| v + 0.5);
        end = e2;
    }
    let (modifier, first) = if let Some(s) = cx.lex.more_than.before(cx.text, i).filter(|&s| s >= cx.floor) {
        (Some("MORE_THAN"), s)
    } else if let Some(s) = cx.lex.less_than.before(cx.text, i).filter(|&s| s >= cx.floor) {
        (Some("LESS_THAN"), s)
    } else if let Some(s) = cx.lex.approx.before(cx.text, i).filter(|&s| s >= cx.floor) {
        (Some("APPROX"), s)
    } else {
        (None, i)
    };
    vec![Found::new(first, end, TimexType::Duration, When::Duration { n, unit }).with_mod(modifier)]
}

/// An amount of time units at `i`: a number ("deux", "30,4"), an article
/// ("une semaine", "a week"), or an unstated one ("quelques", "several").
pub(crate) fn amount_at(cx: &Cx, i: usize) -> Option<(Option<f64>, usize)> {
    if let Some((n, e)) = cx.count(i) {
        return Some((Some(n), e));
    }
    if crate::lexicon::ARTICLES.contains(&cx.w(i)) && cx.lex.units.value_at(cx.text, i + 1).is_some() {
        // "a week" (English articles are not number words)
        return Some((Some(1.0), i + 1));
    }
    cx.lex.few.at(cx.text, i).map(|e| (None, e))
}

/// Is "N ans" (tokens `i..end`) someone's age?
fn is_age(cx: &Cx, i: usize, end: usize) -> bool {
    if cx.lex.age_before.before(cx.text, i).is_some() {
        return true;
    }
    // "22-year-old", "22 years old"
    if cx.w(end) == "old" || (cx.w(end) == "-" && cx.w(end + 1) == "old") {
        return true;
    }
    // "de 2 à 8 ans", "les 6-16 ans": an age range
    let j =
        if i >= 2 && cx.lex.range_to.at(cx.text, i - 1) == Some(i) && cx.is_digit(i - 2) { i - 2 } else { i };
    if j < i && j >= 1 && matches!(cx.w(j - 1), "les" | "des" | "aged" | "ages") {
        return true;
    }
    // "Florian D., 26 ans, demeurant à…": an age in apposition
    if j >= 1 && cx.w(j - 1) == "," && matches!(cx.w(end), "," | ")" | "") {
        return true;
    }
    // "une fillette de 6 ans" is an age; "plus de 20 ans", "une peine de 10 ans" are not
    let de = match (cx.w(j.wrapping_sub(1)), cx.w(j.wrapping_sub(2))) {
        ("de", _) => Some(j - 1),
        ("'", "d") => Some(j - 2),
        _ => None,
    };
    if let Some(de) = de {
        return cx.lex.duration_de.before(cx.text, de).is_none();
    }
    false
}

/// The TimeML value of a duration: `P2D`, `PT30.4S`, `PXM`.
/// (Whole amounts below 10,000, nearly all of them, have their digits
/// pushed rather than formatted.)
pub(crate) fn duration_value(n: Option<f64>, unit: Unit) -> String {
    use std::fmt::Write;
    let (code, time) = unit.duration_code();
    let mut s = String::with_capacity(8);
    s.push_str(if time { "PT" } else { "P" });
    match n {
        None => s.push('X'),
        Some(v) if v.fract() == 0.0 => match u32::try_from(v as i64) {
            Ok(w) if w < 10_000 => push_digits(&mut s, w, w.checked_ilog10().unwrap_or(0) + 1),
            _ => {
                let _ = write!(s, "{}", v as i64);
            }
        },
        Some(v) => {
            let _ = write!(s, "{v}");
        }
    }
    s.push_str(code);
    s
}
