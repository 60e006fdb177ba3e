//! Anchoring: from what an expression says to a TimeML value, against the
//! publication date. Without one, relative expressions keep `X`s and no
//! precision: sitrep never guesses a date.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday as JWeekday};
use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::duration::duration_value;
use crate::tense::clause_direction;
use crate::when::{Clock, Dir, Unit, When, YearSpec};

/// A finding with its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub first: usize,
    pub last: usize,
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<&'static str>,
    pub date_prec: Option<u8>,
    pub unresolved: bool,
    /// The day it denotes, when it denotes one (anchors times of day).
    pub day: Option<Date>,
}

/// Gives every finding its value. Times of day are done last: they take
/// their day from the sentence, else from the document, else from `anchor`.
pub(crate) fn resolve_all(cx: &Cx, found: &[Found], anchor: Option<Date>) -> Vec<Resolved> {
    // Three passes: days the text names in full (they settle which Monday a
    // bare "lundi" is), then weekdays, then times of day (which take their
    // day from the sentence).
    let mut r = Resolver { cx, anchor, explicit_days: Vec::new() };
    let pass = |f: &Found| match f.when {
        When::Weekday { .. } | When::WeekdayOfWeek { .. } | When::Time { day: Some(_), .. } => 1,
        When::Time { day: None, .. } => 2,
        _ => 0,
    };
    let mut out: Vec<Option<Resolved>> = vec![None; found.len()];
    for k in 0..3 {
        for (i, f) in found.iter().enumerate() {
            if pass(f) == k {
                out[i] =
                    if k == 2 { r.resolve(f, r.context_day(f, found, &out)) } else { r.resolve(f, None) };
            }
        }
        if k == 0 {
            r.explicit_days = found
                .iter()
                .zip(&out)
                .filter(|(f, _)| matches!(f.when, When::Calendar { day: Some(_), .. }))
                .filter_map(|(_, o)| o.as_ref().and_then(|o| o.day))
                .collect();
        }
    }
    out.into_iter().flatten().collect()
}

struct Resolver<'a, 'b> {
    cx: &'a Cx<'b>,
    anchor: Option<Date>,
    explicit_days: Vec<Date>,
}

impl Resolver<'_, '_> {
    fn resolve(&self, f: &Found, context: Option<Date>) -> Option<Resolved> {
        let (value, day, unresolved) = self.value(f, &f.when, context)?;
        let date_prec = if unresolved { None } else { precision(f.kind, &value) };
        Some(Resolved {
            first: f.first,
            last: f.last,
            kind: f.kind,
            value,
            modifier: f.modifier,
            date_prec,
            unresolved,
            day,
        })
    }

    /// (value, the day it denotes, unresolved). `None` drops the finding
    /// (an impossible date such as 31 June).
    fn value(&self, f: &Found, when: &When, context: Option<Date>) -> Option<(String, Option<Date>, bool)> {
        let a = self.anchor;
        Some(match when {
            When::Calendar { year, month, day, weekday } => {
                let y = match year {
                    YearSpec::Abs(y) => Some(*y),
                    YearSpec::Rel(k) => a.map(|a| a.year() as i32 + k),
                    YearSpec::Generic => None,
                    YearSpec::Infer(dir) => {
                        let (dir, from_tense) = self.direction(f, *dir);
                        a.map(|a| infer_year(a, *month, *day, *weekday, dir, from_tense))
                    }
                };
                match (y, month, day) {
                    (Some(y), Some(m), Some(d)) => {
                        let date = Date::new(y as i16, *m as i8, *d as i8).ok()?;
                        (day_text(date), Some(date), false)
                    }
                    (None, Some(m), Some(d)) => {
                        Date::new(2000, *m as i8, *d as i8).ok()?; // still a real day
                        (format!("XXXX-{m:02}-{d:02}"), None, true)
                    }
                    (Some(y), Some(m), None) => (year_month(i64::from(y), *m), None, false),
                    (None, Some(m), None) => (format!("XXXX-{m:02}"), None, true),
                    (Some(y), None, _) => (year_text(i64::from(y)), None, false),
                    (None, None, _) => return None,
                }
            }
            When::DayOffset(n) => match a {
                Some(a) => {
                    let d = a.checked_add((*n).days()).ok()?;
                    (day_text(d), Some(d), false)
                }
                None => ("XXXX-XX-XX".to_string(), None, true),
            },
            When::Weekday { day, dir } => match a {
                Some(a) => {
                    let d = self.weekday_date(f, a, *day, *dir)?;
                    (day_text(d), Some(d), false)
                }
                None => (format!("XXXX-WXX-{day}"), None, true),
            },
            When::WeekdayOfWeek { day, weeks } => match a {
                Some(a) => {
                    let monday =
                        a.checked_sub((i64::from(a.weekday().to_monday_zero_offset())).days()).ok()?;
                    let d = monday.checked_add((weeks * 7 + i64::from(*day) - 1).days()).ok()?;
                    (day_text(d), Some(d), false)
                }
                None => (format!("XXXX-WXX-{day}"), None, true),
            },
            When::Shift { n, unit } => match a {
                Some(a) => shifted(a, *n, *unit)?,
                None => (unshifted_unknown(*unit), None, true),
            },
            When::ShiftUnknown { past } => {
                ((if *past { "PAST_REF" } else { "FUTURE_REF" }).to_string(), None, false)
            }
            When::Decade(d) => (format!("{d}X"), None, false),
            When::Season { season, year } => {
                let y = match year {
                    YearSpec::Abs(y) => Some(*y),
                    YearSpec::Rel(k) => a.map(|a| a.year() as i32 + k),
                    _ => None,
                };
                match y {
                    Some(y) => (format!("{y:04}-{season}"), None, false),
                    None => (format!("XXXX-{season}"), None, matches!(year, YearSpec::Rel(_))),
                }
            }
            When::Ref(r) => (r.to_string(), None, false),
            When::Duration { n, unit } => (duration_value(*n, *unit), None, false),
            When::Set(s) => (s.clone(), None, false),
            When::Time { day, clock } => {
                let date = match day {
                    Some(w) => {
                        let (_, d, _) = self.value(f, w, None)?;
                        d
                    }
                    None => context,
                };
                let (mut value, unresolved) = match date {
                    Some(d) => (day_text(d), false),
                    None => ("XXXX-XX-XX".to_string(), true),
                };
                value.push('T');
                match clock {
                    Clock::At(h, m) if *h < 100 && *m < 100 => {
                        push_digits(&mut value, u32::from(*h), 2);
                        value.push(':');
                        push_digits(&mut value, u32::from(*m), 2);
                    }
                    Clock::At(h, m) => value.push_str(&format!("{h:02}:{m:02}")),
                    Clock::Part(p) => value.push_str(p),
                }
                (value, date, unresolved)
            }
        })
    }

    /// An unsaid direction comes from "depuis" / "since" before the
    /// expression, else from the clause's tense (then flagged, as a weaker
    /// hint than the words of the expression).
    fn direction(&self, f: &Found, dir: Dir) -> (Dir, bool) {
        if dir != Dir::Unsaid {
            return (dir, false);
        }
        if self.cx.lex.since.before(self.cx.text, f.first).is_some() {
            return (Dir::Past, false);
        }
        (clause_direction(self.cx, f.first, f.last), true)
    }

    /// Which Monday: "lundi dernier" the last before the anchor, "lundi
    /// prochain" the next after it; a bare weekday the most recent on or
    /// before it (news convention) unless the clause points ahead or the
    /// document names that coming day in full.
    fn weekday_date(&self, f: &Found, a: Date, day: u8, dir: Dir) -> Option<Date> {
        let wd = JWeekday::from_monday_one_offset(day as i8).ok()?;
        let on_or_before = if a.weekday() == wd { a } else { a.nth_weekday(-1, wd).ok()? };
        let after = a.nth_weekday(1, wd).ok()?;
        Some(match dir {
            Dir::Past => {
                if a.weekday() == wd {
                    a.nth_weekday(-1, wd).ok()?
                } else {
                    on_or_before
                }
            }
            Dir::Future => after,
            Dir::Unsaid => {
                let on_or_after = if a.weekday() == wd { a } else { after };
                let named_ahead =
                    self.explicit_days.contains(&on_or_after) && !self.explicit_days.contains(&on_or_before);
                if named_ahead || self.direction(f, Dir::Unsaid).0 == Dir::Future {
                    on_or_after
                } else {
                    on_or_before
                }
            }
        })
    }

    /// The day a time of day without one belongs to: the nearest day in its
    /// sentence (after it only if next to it), else the last one in the five sentences before, else the
    /// publication date.
    fn context_day(&self, f: &Found, found: &[Found], done: &[Option<Resolved>]) -> Option<Date> {
        let text = self.cx.text;
        let sent = text.sentence_of(f.first);
        let mut best: Option<(usize, Date)> = None;
        let mut earlier: Option<(usize, Date)> = None;
        for (g, r) in found.iter().zip(done) {
            let Some(day) = r.as_ref().and_then(|r| r.day) else { continue };
            let s = text.sentence_of(g.first);
            if s == sent {
                // Days before it in the sentence; after it only when close
                // ("Vers 0 h 40, jeudi"), since a later day often belongs to
                // another clause.
                let d = if g.first < f.first {
                    f.first - g.last.min(f.first)
                } else {
                    g.first - f.last.min(g.first)
                };
                let usable = g.first < f.first || d <= 2;
                if usable && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, day));
                }
            } else if s < sent && sent - s <= 5 && g.first < f.first {
                earlier = Some((g.first, day));
            }
        }
        best.or(earlier).map(|(_, d)| d).or(self.anchor)
    }
}

/// The year of a month (and day) written without one. `from_tense`: the
/// direction is only the clause's tense, so a nearer reading may win.
fn infer_year(
    a: Date,
    month: Option<u8>,
    day: Option<u8>,
    weekday: Option<u8>,
    dir: Dir,
    from_tense: bool,
) -> i32 {
    let y = a.year() as i32;
    let Some(m) = month else { return y };
    let Some(d) = day else {
        // A month alone: "juin prochain" is the next June, "juin dernier" the
        // last; otherwise the past one, unless the clause points ahead and
        // the coming one is nearer.
        let am = a.month() as u8;
        return match dir {
            Dir::Future if !from_tense => y + i32::from(m <= am),
            Dir::Future if m > am => y,
            Dir::Future => y + i32::from(12 - am + m < am - m),
            Dir::Past if !from_tense => y - i32::from(m >= am),
            _ => y - i32::from(m > am),
        };
    };
    let mut candidates: Vec<Date> =
        [y - 1, y, y + 1].iter().filter_map(|&yy| Date::new(yy as i16, m as i8, d as i8).ok()).collect();
    if let Some(w) = weekday.and_then(|w| JWeekday::from_monday_one_offset(w as i8).ok()) {
        let agreeing: Vec<Date> = candidates.iter().copied().filter(|c| c.weekday() == w).collect();
        if !agreeing.is_empty() {
            candidates = agreeing;
        }
    }
    let days = |c: &Date| (c.since(a).map(|s| s.get_days()).unwrap_or(i32::MAX / 2)) as i64;
    let pick = match dir {
        Dir::Past if !from_tense => candidates.iter().filter(|c| **c < a).max().or(candidates.first()),
        Dir::Future => candidates.iter().filter(|c| **c >= a).min().or(candidates.last()),
        _ => candidates.iter().min_by_key(|c| days(c).abs() * 2 + i64::from(days(c) > 0)),
    };
    pick.map_or(y, |c| c.year() as i32)
}

/// The anchor shifted by `n` units, at that unit's precision.
fn shifted(a: Date, n: i64, unit: Unit) -> Option<(String, Option<Date>, bool)> {
    Some(match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let d = if unit == Unit::Day { a.checked_add(n.days()).ok()? } else { a };
            (day_text(d), Some(d), false)
        }
        Unit::Week | Unit::Weekend => {
            let w = a.checked_add((n * 7).days()).ok()?.iso_week_date();
            let suffix = if unit == Unit::Weekend { "-WE" } else { "" };
            (format!("{:04}-W{:02}{suffix}", w.year(), w.week()), None, false)
        }
        Unit::Month => {
            let d = a.first_of_month().checked_add(n.months()).ok()?;
            (year_month(i64::from(d.year()), d.month() as u8), None, false)
        }
        Unit::Year => (year_text(a.year() as i64 + n), None, false),
        Unit::Decade => (format!("{}X", (a.year() as i64 + n * 10) / 10), None, false),
        Unit::Century => (format!("{}", (a.year() as i64) / 100 + n), None, false),
    })
}

/// A day as ISO 8601 writes it ("2024-06-05"), as `Date`'s `Display`
/// does, with the digits pushed rather than formatted: most findings end
/// in a day, and formatting it cost more than finding it. (Years outside
/// 0–9999, which `Display` writes with a sign, go through `Display`.)
fn day_text(d: Date) -> String {
    let Ok(year) = u32::try_from(d.year()) else { return d.to_string() };
    if year > 9999 {
        return d.to_string();
    }
    let mut s = String::with_capacity(16);
    push_digits(&mut s, year, 4);
    s.push('-');
    push_digits(&mut s, d.month() as u32, 2);
    s.push('-');
    push_digits(&mut s, d.day() as u32, 2);
    s
}

/// A year as `{y:04}` writes it, pushed for years 0–9999 (see [`day_text`]).
fn year_text(y: i64) -> String {
    match u32::try_from(y) {
        Ok(y) if y <= 9999 => {
            let mut s = String::with_capacity(7);
            push_digits(&mut s, y, 4);
            s
        }
        _ => format!("{y:04}"),
    }
}

/// A month of a year as `{y:04}-{m:02}` writes it ("2024-06").
fn year_month(y: i64, m: u8) -> String {
    let mut s = year_text(y);
    s.push('-');
    if m < 100 {
        push_digits(&mut s, u32::from(m), 2);
    } else {
        s.push_str(&m.to_string());
    }
    s
}

/// Pushes the last `width` decimal digits of `v`, leading zeros kept:
/// `{v:0width$}` for a `v` below `10^width`.
pub(crate) fn push_digits(s: &mut String, v: u32, width: u32) {
    for k in (0..width).rev() {
        s.push(char::from(b'0' + (v / 10u32.pow(k) % 10) as u8));
    }
}

fn unshifted_unknown(unit: Unit) -> String {
    match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXXX",
        Unit::Century => "XX",
    }
    .to_string()
}

/// UCDP's date precision for a resolved value: 1 day, 2 week, 3 month,
/// 4 year, 5 more than a year.
fn precision(kind: TimexType, value: &str) -> Option<u8> {
    if !matches!(kind, TimexType::Date | TimexType::Time) || value.contains('X') && !is_decade(value) {
        return None;
    }
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return if is_decade(value) { Some(5) } else { None };
    }
    Some(match value.len() {
        4 => 4,
        _ if value.len() >= 10 && digits(5..7) && digits(8..10) => 1,
        _ if b.get(5) == Some(&b'W') => 2,
        7 if digits(5..7) => 3,
        7 => 4, // 2016-SU
        _ => return None,
    })
}

fn is_decade(value: &str) -> bool {
    value.len() == 4 && value.ends_with('X') && value[..3].bytes().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_text_is_what_display_writes() {
        for (y, m, d) in
            [(0, 1, 1), (7, 2, 3), (99, 12, 31), (999, 6, 9), (1999, 10, 10), (2024, 2, 29), (9999, 12, 31)]
        {
            let date = Date::new(y, m, d).expect("a real day");
            assert_eq!(day_text(date), date.to_string());
        }
        let before = Date::new(-1, 1, 1).expect("a real day");
        assert_eq!(day_text(before), before.to_string());
    }

    #[test]
    fn years_and_months_are_the_formatted_ones() {
        for y in [-12_i64, 0, 7, 99, 999, 2024, 9999, 10_000] {
            assert_eq!(year_text(y), format!("{y:04}"));
            for m in [1_u8, 9, 12, 100] {
                assert_eq!(year_month(y, m), format!("{y:04}-{m:02}"));
            }
        }
    }

    #[test]
    fn duration_values_are_the_formatted_ones() {
        for n in [
            None::<f64>,
            Some(0.0),
            Some(1.0),
            Some(9.0),
            Some(10.0),
            Some(30.4),
            Some(9999.0),
            Some(10_000.0),
            Some(-2.0),
        ] {
            for unit in [Unit::Day, Unit::Hour] {
                let (code, time) = unit.duration_code();
                let amount = match n {
                    None => "X".to_string(),
                    Some(v) if v.fract() == 0.0 => format!("{}", v as i64),
                    Some(v) => format!("{v}"),
                };
                assert_eq!(
                    duration_value(n, unit),
                    format!("P{}{amount}{code}", if time { "T" } else { "" })
                );
            }
        }
    }
}
