//! Fine-grained tokens over the folded text.
//!
//! A token is a maximal run of letters, a maximal run of digits, or one other
//! non-space character. Rules compose tokens (`20` `h` `30`, `mi` `-`
//! `juillet`, `al` `-` `Fatah`); [`crate::words`] composes them into the
//! words a reader sees.

use crate::fold::Folded;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script).
    Alpha,
    /// ASCII digits (Arabic-Indic digits are folded to ASCII).
    Digit,
    /// Any other single non-space character.
    Punct,
}

/// One token. Offsets are bytes: `start..end` into the original text,
/// `fstart..fend` into the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Original byte offset of the first character.
    pub start: u32,
    /// Original byte offset just after the last character.
    pub end: u32,
    /// Folded byte offset of the first character.
    pub fstart: u32,
    /// Folded byte offset just after the last character.
    pub fend: u32,
    /// Letters, digits or punctuation.
    pub kind: TokenKind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Line breaks between this token and the previous one (capped at 2).
    pub newlines_before: u8,
    /// The first original character is upper case.
    pub upper: bool,
}

impl Token {
    /// Is this token the punctuation character `c`?
    pub fn is_punct(&self, folded: &str, c: char) -> bool {
        self.kind == TokenKind::Punct && folded[self.fstart as usize..self.fend as usize].starts_with(c)
    }
}

pub(crate) fn tokenize(raw: &str, folded: &Folded) -> Vec<Token> {
    let f = folded.as_str();
    let mut out = Vec::with_capacity(f.len() / 4);
    let mut space = false;
    let mut newlines = 0u8;
    let mut it = f.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            if c == '\n' {
                newlines = newlines.saturating_add(1).min(2);
            }
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokenKind::Digit
        } else if c.is_alphanumeric() {
            TokenKind::Alpha
        } else {
            TokenKind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(j, d)) = it.peek() {
                let same = if kind == TokenKind::Digit {
                    d.is_ascii_digit()
                } else {
                    d.is_alphanumeric() && !d.is_ascii_digit()
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        let start = folded.orig_start(i);
        let upper = raw[start..].chars().next().is_some_and(char::is_uppercase);
        out.push(Token {
            start: start as u32,
            end: folded.orig_end(end) as u32,
            fstart: i as u32,
            fend: end as u32,
            kind,
            space_before: space,
            newlines_before: newlines,
            upper,
        });
        space = false;
        newlines = 0;
    }
    out
}
