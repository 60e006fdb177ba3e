//! Which way a clause points: the nearest tense cue to an expression in its
//! sentence. Future cues are words ("aura lieu", "will", "prévu") and, in
//! French, future-tense endings ("se tiendra", "seront"); past cues are
//! auxiliaries and past forms ("a déclaré", "said").

use crate::cx::Cx;
use crate::when::Dir;

/// The direction of the clause around tokens `first..last`, or `Unsaid`
/// when its sentence has no tense cue.
pub(crate) fn clause_direction(cx: &Cx, first: usize, last: usize) -> Dir {
    let Some(s) = cx.text.sentences().get(cx.text.sentence_of(first)) else { return Dir::Unsaid };
    let distance = |k: usize| if k < first { first - k } else { k + 1 - last };
    let mut future: Option<usize> = None;
    let mut past: Option<usize> = None;
    for k in s.first as usize..s.last as usize {
        if (first..last).contains(&k) {
            continue;
        }
        let d = distance(k);
        if is_future_cue(cx, k) {
            future = Some(future.map_or(d, |f| f.min(d)));
        } else if is_past_cue(cx, k, d) {
            past = Some(past.map_or(d, |p| p.min(d)));
        }
    }
    match (future, past) {
        (Some(f), Some(p)) if f < p => Dir::Future,
        (Some(_), None) => Dir::Future,
        (_, Some(_)) => Dir::Past,
        (None, None) => Dir::Unsaid,
    }
}

fn is_future_cue(cx: &Cx, k: usize) -> bool {
    if cx.lex.future_cues.at(cx.text, k).is_some() {
        return true;
    }
    let w = cx.w(k);
    cx.is_alpha(k)
        && !cx.upper(k)
        && w.len() >= 4
        && cx.lex.future_suffixes.iter().any(|s| w.ends_with(s.as_str()))
        && !cx.lex.future_suffix_exceptions.contains(w)
}

/// An auxiliary or past form, or a past participle right next to the
/// expression ("annoncées mercredi", "killed on Monday").
fn is_past_cue(cx: &Cx, k: usize, distance: usize) -> bool {
    if !cx.is_alpha(k) {
        return false;
    }
    let maybe_cue = cx.lex.past_cue_folds.contains_token(cx.text, k);
    if !maybe_cue && distance > 2 {
        return false;
    }
    let raw = cx.raw_lower(k);
    if maybe_cue && cx.lex.past_cues.contains(raw.as_ref()) {
        return true;
    }
    distance <= 2
        && raw.chars().count() >= 4
        && cx.lex.past_participle_endings.iter().any(|e| raw.ends_with(e.as_str()))
}
