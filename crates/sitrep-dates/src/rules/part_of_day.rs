//! Finds parts of a day: "ce matin", "ce soir", "cette nuit", "this
//! morning", "tonight", "la nuit dernière", "last night", "dans la nuit de
//! samedi à dimanche", "au cours de la nuit", "in the morning".

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::calendar::{direction_after, direction_before};
use crate::when::{Clock, Dir, When};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let time = |first, last, day: Option<When>, part| {
        let when = When::Time { day: day.map(Box::new), clock: Clock::Part(part) };
        vec![Found::new(first, last, TimexType::Time, when)]
    };
    if let Some((part, e)) = cx.lex.today_parts.value_at(cx.text, i) {
        return time(i, e, Some(When::DayOffset(0)), part);
    }
    let Some((part, end)) = cx.lex.parts_of_day.value_at(cx.text, i) else { return vec![] };
    // "ce matin", "this morning"
    if let Some(s) = cx.lex.this.before(cx.text, i).filter(|&s| s >= cx.floor) {
        let e = cx.lex.this_suffix.at(cx.text, end).unwrap_or(end);
        return time(s, e, Some(When::DayOffset(0)), part);
    }
    // "la nuit dernière", "last night"
    let (dir, e) = direction_after(cx, end);
    if dir == Dir::Past {
        return time(cx.back_over(i, &cx.lex.determiners), e, Some(When::DayOffset(-1)), part);
    }
    let (dir, s) = direction_before(cx, i);
    if dir == Dir::Past {
        return time(s, end, Some(When::DayOffset(-1)), part);
    }
    let first = cx.back_over(i, &cx.lex.determiners);
    // "la nuit de samedi (à dimanche)", "the night of Saturday"
    if matches!(cx.w(end), "de" | "du" | "of")
        && let Some((day, mut e)) = cx.lex.weekdays.value_at(cx.text, end + 1)
    {
        if let Some(e2) = cx.lex.range_to.at(cx.text, e)
            && let Some((_, e3)) = cx.lex.weekdays.value_at(cx.text, e2)
        {
            e = e3;
        }
        return time(first, e, Some(When::Weekday { day, dir: Dir::Unsaid }), part);
    }
    // "dans la nuit", "au cours de la matinée", "in the morning": a part of
    // the day the sentence or the document places.
    let cue = cx.lex.part_cues.before(cx.text, i).is_some()
        || (first < i && cx.lex.part_cues.before(cx.text, first).is_some());
    if cue {
        return time(first, end, None, part);
    }
    vec![]
}
