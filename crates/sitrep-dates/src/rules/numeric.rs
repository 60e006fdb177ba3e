//! Finds dates in digits: "01/08/2016", "1.8.2016", "2016-08-01",
//! "2016/08/01", "01-08-16". Day or month first as the language writes it
//! when both readings are possible; the only possible reading otherwise.
//! Dots are day first in every language: month-first writers (US usage)
//! use slashes or dashes, while "01.10.2017" is how British, European and
//! Russian outlets write the first of October.

use sitrep_core::TimexType;

use crate::cx::{Cx, Found, two_digit_year};
use crate::when::{When, YearSpec};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    // Three digit groups glued by one separator: a SEP b SEP c (the
    // separators first: most numbers have none)
    let Some(a) = cx.int(i) else { return vec![] };
    let sep = cx.w(i + 1);
    if !matches!(sep, "/" | "-" | ".") || cx.w(i + 3) != sep || !(1..=4).all(|k| cx.glued(i + k)) {
        return vec![];
    }
    let (Some(b), Some(c)) = (cx.int(i + 2), cx.int(i + 4)) else { return vec![] };
    // Not inside a longer run ("1.2.3.4", "12-3-2016-5")
    if (i >= 1 && cx.glued(i) && cx.w(i - 1) == sep) || (cx.glued(i + 5) && cx.w(i + 5) == sep) {
        return vec![];
    }
    let (la, lc) = (cx.w(i).len(), cx.w(i + 4).len());
    let (year, first, second) = if la == 4 {
        (a as i32, b, c) // ISO: year, month, day
    } else if la <= 2 && cx.w(i + 2).len() <= 2 && (lc == 4 || lc == 2 && sep != ".") {
        let y = if lc == 4 { c as i32 } else { two_digit_year(c as i32) };
        (y, a, b)
    } else {
        return vec![];
    };
    let (month, day) = if la == 4 {
        (first, second)
    } else if first > 12 {
        (second, first)
    } else if second > 12 || !cx.lex.day_first && sep != "." {
        (first, second)
    } else {
        (second, first)
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=2100).contains(&year) {
        return vec![];
    }
    let when = When::Calendar {
        year: YearSpec::Abs(year),
        month: Some(month as u8),
        day: Some(day as u8),
        weekday: None,
    };
    vec![Found::new(i, i + 5, TimexType::Date, when)]
}
