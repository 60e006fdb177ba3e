//! Finds seasons: "l'été 2016", "cet été", "l'hiver dernier", "en été",
//! "summer 2016", "last winter", "in the spring". A season word that is
//! also a common word ("a été", "the fall of Aleppo") needs a cue.

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::rules::calendar::{direction_after, direction_before};
use crate::rules::month::part_before;
use crate::when::{Dir, When, YearSpec};

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    let Some((season, mut end)) = cx.lex.seasons.value_at(cx.text, i) else { return vec![] };
    let mut first = i;
    let year = if let Some((y, e)) = cx.year(end, 1000..=2100) {
        end = e;
        Some(YearSpec::Abs(y))
    } else if let Some(s) = cx.lex.this.before(cx.text, i).filter(|&s| s >= cx.floor) {
        first = s;
        Some(YearSpec::Rel(0))
    } else {
        let (dir, e) = direction_after(cx, end);
        let (dir, s) = if dir == Dir::Unsaid { direction_before(cx, i) } else { (dir, i) };
        match dir {
            Dir::Past => {
                end = end.max(e);
                first = s;
                Some(YearSpec::Rel(-1))
            }
            Dir::Future => {
                end = end.max(e);
                first = s;
                Some(YearSpec::Rel(1))
            }
            Dir::Unsaid => None,
        }
    };
    if cx.lex.ambiguous_seasons.contains(cx.w(i)) && year.is_none() {
        let cue = cx.lex.season_cues.before(cx.text, i).is_some() || cx.upper(i);
        if !cue || matches!(cx.w(end), "of" | "de" | "d") {
            return vec![];
        }
    }
    let (modifier, part_first) = part_before(cx, first);
    let first = if modifier.is_some() { part_first } else { cx.back_over(first, &cx.lex.determiners) };
    let when = When::Season { season, year: year.unwrap_or(YearSpec::Generic) };
    vec![Found::new(first, end, TimexType::Date, when).with_mod(modifier)]
}
