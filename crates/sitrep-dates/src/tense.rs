//! Which way a clause points: the nearest tense cue to an expression in its
//! sentence. Future cues are words ("aura lieu", "will", "prévu") and, in
//! French, future-tense endings ("se tiendra", "seront"); past cues are
//! auxiliaries and past forms ("a déclaré", "said").

use sitrep_text::TokenKind;

use crate::cx::Cx;
use crate::when::Dir;

/// The direction of the clause around tokens `first..last`, or `Unsaid`
/// when its sentence has no tense cue.
///
/// The nearest cue decides (a past one on a tie), so the sentence is read
/// outwards from the expression, one distance at a time, and only up to
/// the first distance with a cue.
pub(crate) fn clause_direction(cx: &Cx, first: usize, last: usize) -> Dir {
    let Some(s) = cx.text.sentences().get(cx.text.sentence_of(first)) else { return Dir::Unsaid };
    let s = s.first as usize..s.last as usize;
    for d in 1.. {
        // The tokens `d` before and `d` after the expression.
        let before = first.checked_sub(d).filter(|k| s.contains(k));
        let after = Some(last + d - 1).filter(|k| s.contains(k));
        if before.is_none() && after.is_none() {
            break;
        }
        let (mut future, mut past) = (false, false);
        for k in before.into_iter().chain(after) {
            match cue_at(cx, k, d) {
                Some(Dir::Future) => future = true,
                Some(_) => past = true,
                None => {}
            }
        }
        if past {
            return Dir::Past;
        }
        if future {
            return Dir::Future;
        }
    }
    Dir::Unsaid
}

/// The cue token `k` (in the text) is, at `distance` from the expression:
/// a future cue, else a past one. Its token is read once for both tests.
fn cue_at(cx: &Cx, k: usize, distance: usize) -> Option<Dir> {
    if cx.lex.future_cues.at(cx.text, k).is_some() {
        return Some(Dir::Future);
    }
    let t = &cx.text.tokens()[k];
    if t.kind != TokenKind::Alpha {
        return None;
    }
    // The word's text only for a lower-case word of four letters or more
    // in a language with future endings.
    if !t.upper && t.fend - t.fstart >= 4 && !cx.lex.future_suffixes.is_empty() {
        let w = cx.text.token_str(k);
        // The last byte first, as in `ends_like_participle`.
        let last = w.as_bytes().last();
        if cx
            .lex
            .future_suffixes
            .iter()
            .any(|s| s.as_bytes().last().is_none_or(|b| last == Some(b)) && w.ends_with(s.as_str()))
            && !cx.lex.future_suffix_exceptions.contains(w)
        {
            return Some(Dir::Future);
        }
    }
    is_past_cue(cx, k, distance).then_some(Dir::Past)
}

/// An auxiliary or past form, or a past participle right next to the
/// expression ("annoncées mercredi", "killed on Monday"), at word `k`.
fn is_past_cue(cx: &Cx, k: usize, distance: usize) -> bool {
    let maybe_cue = cx.lex.past_cue_folds.contains_token(cx.text, k);
    if !maybe_cue && (distance > 2 || !ends_like_participle(cx, k)) {
        return false;
    }
    let raw = cx.raw_lower(k);
    if maybe_cue && cx.lex.past_cues.contains(raw.as_ref()) {
        return true;
    }
    // Four characters are at least four bytes and at most sixteen.
    distance <= 2
        && raw.len() >= 4
        && (raw.len() >= 16 || raw.chars().count() >= 4)
        && cx.lex.past_participle_endings.iter().any(|e| raw.ends_with(e.as_str()))
}

/// Does word `k`'s folded text end as a past participle's ending folded?
/// If not, its lower-cased text ends in no ending either: the word need
/// not be lower-cased. (The last byte first: most words differ there.)
fn ends_like_participle(cx: &Cx, k: usize) -> bool {
    let w = cx.text.token_str(k).as_bytes();
    cx.lex
        .past_participle_folds
        .iter()
        .any(|e| e.as_bytes().last().is_none_or(|b| w.last() == Some(b)) && w.ends_with(e.as_bytes()))
}
