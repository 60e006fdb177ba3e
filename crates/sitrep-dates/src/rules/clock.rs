//! Finds times of day: "18 h", "19 h 30", "20h30", "Vers 0 h 40", "à 4
//! heures du matin", "aux environs de quatre heures du matin", "à midi",
//! "16:30", "at 4 a.m.", "4:30 p.m.", "0400 GMT". The day comes from the
//! sentence or the document (see `resolve`).
//!
//! "5 heures" alone is a duration; it is a time of day with a cue ("à",
//! "vers"), minutes, or "du matin".

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::when::{Clock, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let Some((mut hour, minute, mut end, mut sure)) = clock_at(cx, i) else { return vec![] };
    if let Some(e) = cx.lex.am.at(cx.text, end) {
        if hour == 12 {
            hour = 0;
        }
        end = e;
        sure = true;
    } else if let Some(e) = cx.lex.pm.at(cx.text, end) {
        if hour < 12 {
            hour += 12;
        }
        end = e;
        sure = true;
    }
    if let Some(e) = cx.lex.zones.at(cx.text, end) {
        end = e;
        sure = true;
    }
    if hour > 24 || minute > 59 {
        return vec![];
    }
    let approx = cx.lex.approx.before(cx.text, i).filter(|&s| s >= cx.floor);
    let cue = cx.lex.time_cues.before(cx.text, i).is_some();
    if !(sure || cue || approx.is_some()) {
        return vec![];
    }
    let first = approx.unwrap_or(i);
    let when = When::Time { day: None, clock: Clock::At(hour % 24, minute) };
    vec![Found::new(first, end, TimexType::Time, when).with_mod(approx.map(|_| "APPROX"))]
}

/// The clock time at `i`: hour, minute, end, and whether the words alone
/// make it a time of day.
fn clock_at(cx: &Cx, i: usize) -> Option<(u8, u8, usize, bool)> {
    if let Some(e) = cx.lex.noon.at(cx.text, i) {
        return Some((12, 0, e, false));
    }
    if let Some(e) = cx.lex.midnight.at(cx.text, i) {
        return Some((0, 0, e, false));
    }
    if cx.is_digit(i) {
        let digits = cx.w(i);
        // "0400 GMT"
        if digits.len() == 4 && cx.lex.zones.at(cx.text, i + 1).is_some() {
            let v = cx.int(i)?;
            return Some(((v / 100) as u8, (v % 100) as u8, i + 1, true));
        }
        if digits.len() > 2 || !cx.lone_digits(i) {
            return None;
        }
        let hour = cx.int(i)? as u8;
        let k = i + 1;
        // "16:30"
        if cx.w(k) == ":" && cx.glued(k) && cx.glued(k + 1) && cx.w(k + 1).len() == 2 {
            return Some((hour, cx.int(k + 1)? as u8, k + 2, true));
        }
        if let Some((e, abbrev)) = hour_word(cx, k) {
            let (hour, minute, e2) = minutes_after(cx, hour, e);
            return Some((hour, minute, e2, abbrev || e2 > e));
        }
        // "4 a.m." is sure by the am/pm that follows
        if cx.lex.am.at(cx.text, k).is_some() || cx.lex.pm.at(cx.text, k).is_some() {
            return Some((hour, 0, k, true));
        }
        return None;
    }
    // "quatre heures (et demie) (du matin)"
    let (v, e) = cx.count(i)?;
    if v.fract() != 0.0 || !(0.0..=24.0).contains(&v) {
        return None;
    }
    let (e, _) = hour_word(cx, e)?;
    let (hour, minute, e2) = minutes_after(cx, v as u8, e);
    Some((hour, minute, e2, e2 > e))
}

/// An hour word at `k` ("h", "heures", "o'clock") and whether it is the
/// abbreviation "h", which only ever follows a time of day.
fn hour_word(cx: &Cx, k: usize) -> Option<(usize, bool)> {
    let e = cx.lex.hour_words.at(cx.text, k)?;
    Some((e, cx.w(k) == "h" || cx.w(k) == "o"))
}

/// Minutes after the hour word: "19 h 30", "et demie", "et quart",
/// "moins le quart" (which takes the hour back).
fn minutes_after(cx: &Cx, hour: u8, e: usize) -> (u8, u8, usize) {
    if cx.is_digit(e)
        && cx.w(e).len() == 2
        && cx.lone_digits(e)
        && cx.text.tokens()[e].newlines_before == 0
        && let Some(m) = cx.int(e).filter(|m| *m < 60)
    {
        return (hour, m as u8, e + 1);
    }
    if let Some(e2) = cx.lex.half_past.at(cx.text, e) {
        return (hour, 30, e2);
    }
    if let Some(e2) = cx.lex.quarter_past.at(cx.text, e) {
        return (hour, 15, e2);
    }
    if let Some(e2) = cx.lex.quarter_to.at(cx.text, e) {
        return ((hour + 23) % 24, 45, e2);
    }
    (hour, 0, e)
}
