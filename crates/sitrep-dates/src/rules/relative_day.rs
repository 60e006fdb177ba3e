//! Finds days named from the publication date: "hier", "avant-hier",
//! "aujourd'hui", "demain", "la veille", "yesterday", "today", and with a
//! part of the day, "hier soir", "yesterday morning". "Aujourd'hui,"
//! opening a sentence means nowadays (PRESENT_REF), not a day.

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::when::{Clock, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let Some((offset, end)) = cx.lex.relative_days.value_at(cx.text, i) else { return vec![] };
    if let Some((part, e)) = cx.lex.parts_of_day.value_at(cx.text, end) {
        let when = When::Time { day: Some(Box::new(When::DayOffset(offset))), clock: Clock::Part(part) };
        return vec![Found::new(i, e, TimexType::Time, when)];
    }
    let opens_sentence =
        cx.text.sentences().get(cx.text.sentence_of(i)).is_some_and(|s| s.first as usize == i);
    if offset == 0 && opens_sentence && cx.w(end) == "," {
        return vec![Found::new(i, end, TimexType::Time, When::Ref("PRESENT_REF"))];
    }
    vec![Found::new(i, end, TimexType::Date, When::DayOffset(offset))]
}
