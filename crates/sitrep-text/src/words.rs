//! Words as a reader sees them, composed from tokens.
//!
//! A word keeps together what tokens split: hyphenated compounds
//! ("al-Fatah", "avant-hier"), dotted abbreviations ("U.S.", "M.", "Dr."),
//! numbers with decimal or group marks ("30,4", "3.000", "1,200") and inner
//! apostrophes ("aujourd'hui", "O'Brien"). French elisions ("l'", "d'",
//! "qu'") are words of their own, so "d'Alep" is "d'" + "Alep"; so is the
//! English possessive "'s".

use crate::Text;
use crate::sentences::Abbreviations;
use crate::tokens::TokenKind;

/// What a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Letters, possibly with inner hyphens or apostrophes.
    Word,
    /// Digits, possibly with decimal or group marks.
    Number,
    /// An abbreviation or initial with its period(s).
    Abbreviation,
    /// Punctuation.
    Punct,
}

/// A word: original byte range and token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Original byte offset of the first character.
    pub start: u32,
    /// Original byte offset just after the last character.
    pub end: u32,
    /// Index of the first token.
    pub first: u32,
    /// Index just after the last token.
    pub last: u32,
    /// What it is.
    pub kind: WordKind,
}

/// Elided French words, written before an apostrophe.
const ELISIONS: &[&str] =
    &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];

pub(crate) fn words(text: &Text, abbr: &Abbreviations) -> Vec<Word> {
    let toks = text.tokens();
    let f = text.folded();
    let tx = |i: usize| &f[toks[i].fstart as usize..toks[i].fend as usize];
    // Is token i glued to the previous one (no space)?
    let glued = |i: usize| i < toks.len() && !toks[i].space_before && toks[i].newlines_before == 0;
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let mut j = i + 1;
        let kind = match t.kind {
            TokenKind::Punct => WordKind::Punct,
            TokenKind::Digit => {
                // 30,4 / 3.000 / 1,200.5
                while j + 1 < toks.len()
                    && glued(j)
                    && glued(j + 1)
                    && matches!(tx(j), "." | ",")
                    && toks[j + 1].kind == TokenKind::Digit
                {
                    j += 2;
                }
                WordKind::Number
            }
            TokenKind::Alpha => {
                let mut kind = WordKind::Word;
                // U.S. / O.N.U. : single letters joined by periods.
                if t.upper && tx(i).chars().count() == 1 && glued(j) && tx(j) == "." {
                    let mut k = j + 1;
                    while k + 1 < toks.len()
                        && glued(k)
                        && glued(k + 1)
                        && toks[k].kind == TokenKind::Alpha
                        && tx(k).chars().count() == 1
                        && tx(k + 1) == "."
                    {
                        k += 2;
                    }
                    j = k;
                    kind = WordKind::Abbreviation;
                } else if glued(j)
                    && tx(j) == "."
                    && (abbr.always.contains(tx(i))
                        || abbr.before_number.contains(tx(i))
                            && toks.get(j + 1).is_some_and(|n| n.kind == TokenKind::Digit))
                {
                    j += 1;
                    kind = WordKind::Abbreviation;
                } else {
                    // Hyphens and inner apostrophes, but not after an elision.
                    while j + 1 < toks.len()
                        && glued(j)
                        && glued(j + 1)
                        && toks[j + 1].kind != TokenKind::Punct
                    {
                        match tx(j) {
                            "-" => j += 2,
                            "'" if !ELISIONS.contains(&tx(j - 1)) && tx(j + 1) != "s" => j += 2,
                            _ => break,
                        }
                    }
                    if j < toks.len()
                        && glued(j)
                        && tx(j) == "'"
                        && ELISIONS.contains(&tx(j - 1))
                        && j == i + 1
                    {
                        j += 1; // "l'", "qu'": the apostrophe belongs to the elided word
                    }
                }
                kind
            }
        };
        out.push(Word { start: t.start, end: toks[j - 1].end, first: i as u32, last: j as u32, kind });
        i = j;
    }
    out
}

/// The lower-case Arabic articles that may open or join a name
/// ("al-Hamdaniyah", "Bashar al-Assad"): what [`is_name_article`] holds,
/// for tables built from them. Two or three letters each.
pub const NAME_ARTICLES: [&str; 11] = ["al", "el", "ad", "as", "ash", "az", "ar", "an", "at", "ed", "es"];

/// Is `w` a lower-case Arabic article that may open or join a name
/// ([`NAME_ARTICLES`])?
pub fn is_name_article(w: &str) -> bool {
    is_name_article_bytes(w.as_bytes())
}

/// [`is_name_article`] of a word's bytes. Asked of most words: a match on
/// the bytes compares no strings (where `contains` on the list would call
/// memcmp for each).
#[inline]
pub(crate) fn is_name_article_bytes(w: &[u8]) -> bool {
    matches!(w, b"al" | b"el" | b"ad" | b"as" | b"ash" | b"az" | b"ar" | b"an" | b"at" | b"ed" | b"es")
}

/// The words of a name starting at token `i`: each word's token range, with
/// hyphens and apostrophes inside the name skipped ("Deir ez-Zor" is three
/// words, "l'armée" two). Stops at other punctuation, a line break, or after
/// `max` words.
pub fn name_words(text: &Text, i: usize, max: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(max.min(8));
    out.extend(NameWords::new(text, i, max));
    out
}

/// [`name_words`] one word at a time, for callers that mostly stop after
/// the first (a dictionary lookup that fails on the first word).
pub struct NameWords<'a> {
    text: &'a Text,
    start: usize,
    k: usize,
    left: usize,
    done: bool,
}

impl<'a> NameWords<'a> {
    /// The words of the name at token `i`, at most `max`.
    #[inline]
    pub fn new(text: &'a Text, i: usize, max: usize) -> Self {
        NameWords { text, start: i, k: i, left: max, done: false }
    }
}

impl Iterator for NameWords<'_> {
    type Item = std::ops::Range<usize>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let toks = self.text.tokens();
        let k = self.k;
        if self.done || self.left == 0 || k >= toks.len() {
            return None;
        }
        let t = &toks[k];
        if t.kind == TokenKind::Punct || (k > self.start && t.newlines_before > 0) {
            self.done = true;
            return None;
        }
        self.left -= 1;
        let n = k + 1;
        self.k = n;
        if n < toks.len() && toks[n].kind == TokenKind::Punct {
            let glued = !toks[n].space_before && n + 1 < toks.len() && !toks[n + 1].space_before;
            // A hyphen or apostrophe token is that one folded byte.
            let p = &toks[n];
            let joiner = p.fend == p.fstart + 1
                && matches!(self.text.folded().as_bytes()[p.fstart as usize], b'-' | b'\'');
            if glued && joiner {
                self.k = n + 1;
            } else {
                self.done = true;
            }
        }
        Some(k..k + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::{NAME_ARTICLES, is_name_article};
    use crate::Text;

    /// The list and the match hold the same words: every word of up to
    /// three lower-case letters is asked (an article has no other byte).
    #[test]
    fn name_articles_listed_are_those_held() {
        let mut held = Vec::new();
        for n in 1..=3u32 {
            for code in 0..26u32.pow(n) {
                let word: String =
                    (0..n).map(|k| char::from(b'a' + (code / 26u32.pow(k) % 26) as u8)).collect();
                if is_name_article(&word) {
                    held.push(word);
                }
            }
        }
        let mut listed: Vec<String> = NAME_ARTICLES.iter().map(|a| a.to_string()).collect();
        listed.sort();
        held.sort();
        assert_eq!(listed, held);
        assert!(!is_name_article("Al") && !is_name_article("al-"));
        let text = Text::new("al-Assad, ash Sham, ala El".into(), Some("en"));
        let at: Vec<bool> = (0..text.tokens().len()).map(|i| text.is_name_article_at(i)).collect();
        let asked: Vec<bool> = (0..text.tokens().len()).map(|i| is_name_article(text.token_str(i))).collect();
        assert_eq!(at, asked);
        assert!(at.iter().filter(|&&a| a).count() >= 3);
    }
}
