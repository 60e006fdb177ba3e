//! Finds decades: "les années 60", "les années 1990", "début des années
//! 60", "the 1990s", "the '90s". The value is TimeML's `196X`.

use sitrep_core::TimexType;

use crate::cx::{Cx, Found, two_digit_year};
use crate::rules::month::part_before;
use crate::when::When;

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    // "les années 60": the decade noun comes first
    if let Some(e) = cx.lex.decade_before.at(cx.text, i)
        && let Some(decade) = decade_number(cx, e)
    {
        let (modifier, first) = part_before(cx, i);
        return vec![Found::new(first, e + 1, TimexType::Date, When::Decade(decade)).with_mod(modifier)];
    }
    // "the 1990s", "the '90s"
    let (digits, e) = if cx.w(i) == "'" && cx.glued(i + 1) { (i + 1, i + 2) } else { (i, i + 1) };
    if cx.glued(e)
        && cx.lex.decade_suffix.at(cx.text, e).is_some()
        && let Some(decade) = decade_number(cx, digits)
    {
        let end = cx.lex.decade_suffix.at(cx.text, e).unwrap_or(e);
        let (modifier, first) = part_before(cx, i);
        return vec![Found::new(first, end, TimexType::Date, When::Decade(decade)).with_mod(modifier)];
    }
    vec![]
}

/// "60" → 196, "1990" → 199, at token `i` (a round decade only).
fn decade_number(cx: &Cx, i: usize) -> Option<i32> {
    let v = cx.int(i)? as i32;
    match cx.w(i).len() {
        2 if v % 10 == 0 => Some(two_digit_year(v) / 10),
        4 if v % 10 == 0 && (1000..=2100).contains(&v) => Some(v / 10),
        _ => None,
    }
}
