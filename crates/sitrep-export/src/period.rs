//! The calendar days a TimeML value covers, for date filters and for the
//! dates the CSV formats write.

use jiff::civil::{Date, ISOWeekDate, Weekday};

/// The first and last day (inclusive) a date value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    fn new(start: Date, end: Date) -> Option<Self> {
        (start <= end).then_some(Period { start, end })
    }

    /// The period of a TIMEX3 `DATE`/`TIME` value: `2016-08-01`,
    /// `2016-08-01T04:00`, `2016-08-01TEV`, `2016-W31`, `2016-W31-WE`,
    /// `2016-08`, `2016-Q3`, `2016-H2`, `2016-SU`, `2016`, `201X`.
    /// `None` for values with unknown parts (`XXXX-08-01`), durations,
    /// sets and references (`PRESENT_REF`).
    pub fn of_value(value: &str) -> Option<Self> {
        let v = value.split('T').next().unwrap_or(value);
        let b = v.as_bytes();
        if b.len() < 4 || (v.contains('X') && !is_decade(v)) {
            return None;
        }
        if is_decade(v) {
            let d: i16 = v.get(..3)?.parse().ok()?;
            return Period::new(Date::new(d * 10, 1, 1).ok()?, Date::new(d * 10 + 9, 12, 31).ok()?);
        }
        let year: i16 = v.get(..4)?.parse().ok()?;
        let rest = &v[4..];
        if rest.is_empty() {
            return Period::new(Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?);
        }
        let rest = rest.strip_prefix('-')?;
        let month_span = |first: i8, last: i8| -> Option<Period> {
            Period::new(Date::new(year, first, 1).ok()?, Date::new(year, last, 1).ok()?.last_of_month())
        };
        match rest {
            "Q1" => month_span(1, 3),
            "Q2" => month_span(4, 6),
            "Q3" => month_span(7, 9),
            "Q4" => month_span(10, 12),
            "H1" => month_span(1, 6),
            "H2" => month_span(7, 12),
            // Seasons, northern and meteorological; winter runs into the next year.
            "SP" => month_span(3, 5),
            "SU" => month_span(6, 8),
            "FA" => month_span(9, 11),
            "WI" => Period::new(
                Date::new(year, 12, 1).ok()?,
                Date::new(year.checked_add(1)?, 2, 1).ok()?.last_of_month(),
            ),
            w if w.starts_with('W') => {
                let week: i8 = w.get(1..3)?.parse().ok()?;
                let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
                match &w[3..] {
                    "" => Period::new(monday, monday.checked_add(jiff::Span::new().days(6)).ok()?),
                    "-WE" => Period::new(
                        monday.checked_add(jiff::Span::new().days(5)).ok()?,
                        monday.checked_add(jiff::Span::new().days(6)).ok()?,
                    ),
                    _ => None,
                }
            }
            m if m.len() == 2 => {
                let month: i8 = m.parse().ok()?;
                month_span(month, month)
            }
            d if d.len() == 5 && d.as_bytes()[2] == b'-' => {
                let day: Date = v.get(..10)?.parse().ok()?;
                Period::new(day, day)
            }
            _ => None,
        }
    }

    /// Number of days covered.
    pub fn days(&self) -> i32 {
        self.start.until(self.end).map(|s| s.get_days()).unwrap_or(0) + 1
    }

    /// Whether the period shares a day with `[from, to]` (either open).
    pub fn overlaps(&self, from: Option<Date>, to: Option<Date>) -> bool {
        from.is_none_or(|f| self.end >= f) && to.is_none_or(|t| self.start <= t)
    }
}

/// `201X`: a decade.
fn is_decade(v: &str) -> bool {
    v.len() == 4 && v.as_bytes()[3] == b'X' && v[..3].bytes().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &str) -> Option<(String, String)> {
        Period::of_value(v).map(|p| (p.start.to_string(), p.end.to_string()))
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn values_to_periods() {
        assert_eq!(p("2016-08-01"), pair("2016-08-01", "2016-08-01"));
        assert_eq!(p("2017-03-21T05:00"), pair("2017-03-21", "2017-03-21"));
        assert_eq!(p("2017-03-21TEV"), pair("2017-03-21", "2017-03-21"));
        assert_eq!(p("2016-08"), pair("2016-08-01", "2016-08-31"));
        assert_eq!(p("2016-02"), pair("2016-02-01", "2016-02-29"));
        assert_eq!(p("2019-W18"), pair("2019-04-29", "2019-05-05"));
        assert_eq!(p("2019-W18-WE"), pair("2019-05-04", "2019-05-05"));
        assert_eq!(p("2014"), pair("2014-01-01", "2014-12-31"));
        assert_eq!(p("2016-Q3"), pair("2016-07-01", "2016-09-30"));
        assert_eq!(p("2016-WI"), pair("2016-12-01", "2017-02-28"));
        assert_eq!(p("201X"), pair("2010-01-01", "2019-12-31"));
        for open in ["XXXX-08-01", "XXXX-WXX-1", "P2M", "PRESENT_REF", "2016-13", "", "2016-W60"] {
            assert_eq!(p(open), None, "{open}");
        }
    }

    #[test]
    fn overlap_and_length() {
        let week = Period::of_value("2019-W18").expect("a week");
        assert_eq!(week.days(), 7);
        let d = |s: &str| s.parse::<Date>().ok();
        assert!(week.overlaps(d("2019-05-05"), None));
        assert!(!week.overlaps(d("2019-05-06"), None));
        assert!(week.overlaps(None, d("2019-04-29")));
        assert!(!week.overlaps(None, d("2019-04-28")));
        assert!(week.overlaps(None, None));
    }
}
