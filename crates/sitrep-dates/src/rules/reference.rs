//! Finds words that stand for now, the past or the future: "actuellement",
//! "désormais", "maintenant", "currently", "now" (PRESENT_REF);
//! "récemment", "recently" (PAST_REF); "à l'avenir", "soon" (FUTURE_REF).

use sitrep_core::TimexType;

use crate::cx::{Cx, Found};
use crate::when::When;

pub(crate) fn find(cx: &Cx, i: usize) -> Vec<Found> {
    for (words, value) in [
        (&cx.lex.present_ref, "PRESENT_REF"),
        (&cx.lex.past_ref, "PAST_REF"),
        (&cx.lex.future_ref, "FUTURE_REF"),
    ] {
        if let Some(e) = words.at(cx.text, i) {
            return vec![Found::new(i, e, TimexType::Time, When::Ref(value))];
        }
    }
    vec![]
}
