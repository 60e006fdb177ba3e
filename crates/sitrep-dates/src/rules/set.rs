//! Finds recurrences: "chaque jour", "tous les jours", "tous les lundis",
//! "0,4 % par an", "every week", "every two weeks", "per day".

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::duration::duration_value;
use crate::when::{Unit, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let set = |last, v: String| vec![Found::new(i, last, TimexType::Set, When::Set(v))];
    if let Some(e) = cx.lex.each.at(cx.text, i) {
        let (n, e) = match cx.count(e) {
            Some((n, e2)) => (n, e2),
            None => (1.0, e),
        };
        if let Some((unit, end)) = cx.lex.units.value_at(cx.text, e)
            && unit != Unit::Weekend
        {
            return set(end, duration_value(Some(n), unit));
        }
        // "tous les lundis", "every Monday"
        let w = cx.w(e);
        if let Some(day) = cx.lex.weekdays.word(w).or_else(|| cx.lex.weekdays.word(w.strip_suffix('s')?)) {
            return set(e + 1, format!("XXXX-WXX-{day}"));
        }
        return vec![];
    }
    if let Some(e) = cx.lex.per.at(cx.text, i)
        && let Some((unit, end)) = cx.lex.units.value_at(cx.text, e)
        && unit != Unit::Weekend
    {
        return set(end, duration_value(Some(1.0), unit));
    }
    vec![]
}
