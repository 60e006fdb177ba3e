//! Sentence segmentation over tokens.
//!
//! A sentence ends at `.`, `!`, `?` or `...` (with any closing quotes or
//! brackets) when the next token starts a sentence (capital, digit, opening
//! quote or dash), unless the period belongs to an abbreviation ("M.", "Dr.",
//! "U.S.", "gén.", "no. 5"), or at a line break that does not run on
//! mid-phrase.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::phrases::WordSet;
use crate::tokens::{Token, TokenKind};

/// A sentence: original byte range and the range of its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Original byte offset of its first token.
    pub start: u32,
    /// Original byte offset just after its last token.
    pub end: u32,
    /// Index of its first token.
    pub first: u32,
    /// Index just after its last token.
    pub last: u32,
}

#[derive(Deserialize)]
struct LangAbbrevs {
    always: Vec<String>,
    before_number: Vec<String>,
}

/// A language's abbreviations, as word sets: the word before a period is
/// asked by the hash its token has, not hashed again.
#[derive(Default)]
pub(crate) struct Abbreviations {
    pub(crate) always: WordSet,
    pub(crate) before_number: WordSet,
}

/// The abbreviation lists for `lang` (ISO 639-1); unknown languages get the
/// lists of every language merged.
pub(crate) fn abbreviations(lang: Option<&str>) -> &'static Abbreviations {
    static ALL: OnceLock<Vec<(String, Abbreviations)>> = OnceLock::new();
    static MERGED: OnceLock<Abbreviations> = OnceLock::new();
    let parse = || -> std::collections::BTreeMap<String, LangAbbrevs> {
        toml::from_str(include_str!("../data/abbreviations.toml"))
            .expect("data/abbreviations.toml is checked by the test suite")
    };
    let all = ALL.get_or_init(|| {
        parse()
            .into_iter()
            .map(|(l, a)| {
                let ab = Abbreviations {
                    always: a.always.into_iter().collect(),
                    before_number: a.before_number.into_iter().collect(),
                };
                (l, ab)
            })
            .collect()
    });
    if let Some(l) = lang
        && let Some((_, a)) = all.iter().find(|(k, _)| k == l)
    {
        return a;
    }
    MERGED.get_or_init(|| {
        let raw = parse();
        Abbreviations {
            always: raw.values().flat_map(|a| a.always.iter().cloned()).collect(),
            before_number: raw.values().flat_map(|a| a.before_number.iter().cloned()).collect(),
        }
    })
}

/// The sentences of a text's tokens; `hashes` are the tokens' [`crate::word_hash`]es.
pub(crate) fn split(
    raw: &str,
    folded: &str,
    toks: &[Token],
    hashes: &[u64],
    abbr: &Abbreviations,
) -> Vec<Sentence> {
    // Sentences of news run to about 25 tokens: room for twice as many is
    // seldom outgrown.
    let mut out = Vec::with_capacity(toks.len() / 12 + 1);
    if toks.is_empty() {
        return out;
    }
    let text = |t: &Token| &folded[t.fstart as usize..t.fend as usize];
    let mut first = 0usize;
    let mut i = 0usize;
    while i < toks.len() {
        let t = &toks[i];
        // A punctuation token is one character: one byte says whether it is
        // one of these.
        let is_term = t.kind == TokenKind::Punct
            && matches!(folded.as_bytes().get(t.fstart as usize), Some(b'.' | b'!' | b'?'));
        let mut cut = None;
        if is_term {
            // Swallow a run of terminal marks and closing quotes / brackets.
            let mut j = i + 1;
            while j < toks.len() && toks[j].newlines_before == 0 {
                let s = text(&toks[j]);
                // French sets » off with a (no-break) space; other closers are glued.
                let french_closer = raw[toks[j].start as usize..].starts_with('»');
                if toks[j].space_before && !french_closer {
                    break;
                }
                let closing_quote = s == "\"" && is_closing_quote(raw, &toks[j]);
                if matches!(s, "." | "!" | "?" | ")" | "]") || closing_quote {
                    j += 1;
                } else {
                    break;
                }
            }
            let at_end = j >= toks.len();
            if at_end
                || (toks[j].space_before || toks[j].newlines_before > 0)
                    && starts_sentence(raw, folded, &toks[j])
                    && !(text(t) == "." && j == i + 1 && is_abbreviation(folded, toks, hashes, i, abbr))
            {
                cut = Some(j);
            }
        } else if i + 1 < toks.len() && toks[i + 1].newlines_before > 0 {
            let next = &toks[i + 1];
            let runs_on = next.newlines_before < 2
                && next.kind == TokenKind::Alpha
                && !next.upper
                && (t.kind != TokenKind::Punct || text(t) == "," || text(t) == "-");
            if !runs_on {
                cut = Some(i + 1);
            }
        }
        match cut {
            Some(j) => {
                push(&mut out, toks, first, j);
                first = j;
                i = j;
            }
            None => i += 1,
        }
    }
    if first < toks.len() {
        push(&mut out, toks, first, toks.len());
    }
    out
}

fn push(out: &mut Vec<Sentence>, toks: &[Token], first: usize, last: usize) {
    if first < last {
        out.push(Sentence {
            start: toks[first].start,
            end: toks[last - 1].end,
            first: first as u32,
            last: last as u32,
        });
    }
}

fn is_closing_quote(raw: &str, t: &Token) -> bool {
    // Folding merged « » “ ” and '"'; the original tells which way it faces.
    !matches!(raw[t.start as usize..].chars().next(), Some('«' | '“' | '„'))
}

fn starts_sentence(raw: &str, folded: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Digit => true,
        TokenKind::Alpha => t.upper || is_caseless(raw, t),
        TokenKind::Punct => {
            let s = &folded[t.fstart as usize..t.fend as usize];
            (s == "\"" && !raw[t.start as usize..].starts_with(['»', '”']))
                || matches!(s, "(" | "[" | "-" | "'" | "¿" | "¡")
        }
    }
}

/// Scripts without case (Arabic, CJK) cannot signal a sentence start by a capital.
fn is_caseless(raw: &str, t: &Token) -> bool {
    raw[t.start as usize..].chars().next().is_some_and(|c| !c.is_lowercase() && !c.is_uppercase())
}

/// Does the period at token `dot` end an abbreviation?
fn is_abbreviation(folded: &str, toks: &[Token], hashes: &[u64], dot: usize, abbr: &Abbreviations) -> bool {
    if dot == 0 {
        return false;
    }
    let prev = &toks[dot - 1];
    if prev.kind != TokenKind::Alpha || toks[dot].space_before {
        return false;
    }
    let word = &folded[prev.fstart as usize..prev.fend as usize];
    // A capital initial: "M. Roudskoï", "J. Smith", the last letter of "U.S.".
    if prev.upper && word.chars().count() == 1 {
        return true;
    }
    // "e.g." / "i.e.": the word is the last letter of a dotted group.
    if dot >= 3 && toks[dot - 2].is_punct(folded, '.') && !prev.space_before {
        let w = &folded[toks[dot - 3].fstart as usize..prev.fend as usize];
        if abbr.always.contains(w) || w.chars().filter(|c| *c != '.').count() <= 3 {
            return true;
        }
    }
    let h = hashes[dot - 1];
    if abbr.always.holds(h, word.as_bytes()) {
        return true;
    }
    abbr.before_number.holds(h, word.as_bytes())
        && toks.get(dot + 1).is_some_and(|n| n.kind == TokenKind::Digit)
}
