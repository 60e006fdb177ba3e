//! Finds two days sharing one month: "du 19 au 23 juillet", "les 3 et 4
//! août", "19-23 juillet 2016", "August 3-5". Each day is its own date.

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::calendar::direction_after;
use crate::when::{When, YearSpec};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let mut month_first = None;
    let mut start = i;
    if cx.lex.month_before_day
        && let Some((m, e)) = cx.month(i, true)
    {
        month_first = Some(m);
        start = e;
    }
    let Some((d1, e1)) = cx.day(start) else { return vec![] };
    let Some(e2) = cx.lex.range_to.at(cx.text, e1) else { return vec![] };
    let Some((d2, mut end)) = cx.day(e2) else { return vec![] };
    let month = match month_first {
        Some(m) => m,
        None => match cx.month(end, true) {
            Some((m, e)) => {
                end = e;
                m
            }
            None => return vec![],
        },
    };
    if d1 >= d2 {
        return vec![];
    }
    let year = match cx.year(cx.skip_comma(end), 1000..=2100) {
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
    let day = |d| When::Calendar { year, month: Some(month), day: Some(d), weekday: None };
    let (first_span, second_start) = if month_first.is_some() { (i, e2) } else { (start, e2) };
    vec![
        Found::new(first_span, e1, TimexType::Date, day(d1)),
        Found::new(second_start, end, TimexType::Date, day(d2)),
    ]
}
