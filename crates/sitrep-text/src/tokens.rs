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

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Digit,
    Letter,
    Other,
}

/// The class of the character starting at byte `at` of `f`, and its length.
/// ASCII (most of a folded text) is classed from its byte alone.
#[inline(always)]
fn class_at(f: &str, at: usize) -> (Class, usize) {
    const ASCII: [Class; 128] = {
        let mut t = [Class::Other; 128];
        let mut b = 0;
        while b < 128 {
            t[b] = match b as u8 {
                b'0'..=b'9' => Class::Digit,
                b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
                b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Class::Space,
                _ => Class::Other,
            };
            b += 1;
        }
        t
    };
    let b = f.as_bytes()[at];
    if b < 0x80 {
        return (ASCII[b as usize], 1);
    }
    let c = f[at..].chars().next().unwrap_or(' ');
    let class = if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() {
        // Other scripts' digits are letters here, as ASCII digits alone
        // make digit tokens.
        Class::Letter
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

pub(crate) fn tokenize(raw: &str, folded: &Folded) -> Vec<Token> {
    let f = folded.as_str();
    let mut out = Vec::with_capacity(f.len() / 4);
    let mut space = false;
    let mut newlines = 0u8;
    let mut i = 0;
    while i < f.len() {
        let (class, len) = class_at(f, i);
        if class == Class::Space {
            space = true;
            if f.as_bytes()[i] == b'\n' {
                newlines = newlines.saturating_add(1).min(2);
            }
            i += len;
            continue;
        }
        let kind = match class {
            Class::Digit => TokenKind::Digit,
            Class::Letter => TokenKind::Alpha,
            _ => TokenKind::Punct,
        };
        let mut end = i + len;
        if kind != TokenKind::Punct {
            while end < f.len() {
                let (c, l) = class_at(f, end);
                if c != class {
                    break;
                }
                end += l;
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
        i = end;
    }
    out
}
