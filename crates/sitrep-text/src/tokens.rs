//! Fine-grained tokens over the folded text.
//!
//! A token is a maximal run of letters, a maximal run of digits, or one other
//! non-space character. Rules compose tokens (`20` `h` `30`, `mi` `-`
//! `juillet`, `al` `-` `Fatah`); [`crate::words`] composes them into the
//! words a reader sees.

use crate::fold::Folded;
use crate::offsets::{CharCursor, CharIndex};
use crate::phrases::bytes_hash;

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

/// The class of each byte: ASCII (most of a folded text) is classed from
/// its byte alone; `None` for the bytes of longer characters.
const BYTE_CLASS: [Option<Class>; 256] = {
    let mut t = [None; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = Some(match b as u8 {
            b'0'..=b'9' => Class::Digit,
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Class::Space,
            _ => Class::Other,
        });
        b += 1;
    }
    t
};

/// The class of the character starting at byte `at` of `f`, and its length.
#[inline(always)]
fn class_at(f: &str, at: usize) -> (Class, usize) {
    match BYTE_CLASS[f.as_bytes()[at] as usize] {
        Some(class) => (class, 1),
        None => wide_class_at(f, at),
    }
}

/// [`class_at`] for a character of more than one byte.
#[inline(never)]
fn wide_class_at(f: &str, at: usize) -> (Class, usize) {
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

/// One in each byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// How many of the eight bytes of `word` (the first in its low byte) are,
/// from the first on, ASCII of `class` (letters or digits): what classing
/// them a byte at a time would find, with one branch where words of a few
/// letters took one per letter and a mispredicted one at their end.
#[inline(always)]
fn ascii_run_of(word: u64, class: Class) -> usize {
    // A byte is in `lo..=hi` when adding `0x80 - lo` sets its high bit and
    // adding `0x7f - hi` does not. Bytes of 0x80 and up are never in; the
    // carries they may send up only reach bytes after them, past the first
    // byte out, which is all that is asked.
    let between = |w: u64, lo: u8, hi: u8| {
        let from_lo = w.wrapping_add(ONES * u64::from(0x80 - lo));
        let past_hi = w.wrapping_add(ONES * u64::from(0x7f - hi));
        from_lo & !past_hi & !w & HIGH
    };
    let inside = match class {
        // Upper case folds onto lower case with the 0x20 bit (and nothing
        // else lands in `a..=z` with it).
        Class::Letter => between(word | (ONES * 0x20), b'a', b'z'),
        _ => between(word, b'0', b'9'),
    };
    ((!inside & HIGH).trailing_zeros() / 8) as usize
}

/// A text's tokens, with each token's character offsets (start, end
/// exclusive) and the hash of its folded text ([`crate::word_hash`]).
pub(crate) struct Tokenized {
    pub(crate) tokens: Vec<Token>,
    pub(crate) chars: Vec<(u32, u32)>,
    pub(crate) hashes: Vec<u64>,
    /// For each [`CHAR_BLOCK`] characters of the text, the first token that
    /// ends after the block's start (see [`crate::Text::token_range`]).
    pub(crate) blocks: Vec<u32>,
}

/// How many characters each entry of [`Tokenized::blocks`] covers: about
/// three tokens, so that a search from an entry takes a step or two.
pub(crate) const CHAR_BLOCK: usize = 16;

pub(crate) fn tokenize(raw: &str, folded: &Folded, index: &CharIndex) -> Tokenized {
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
            let bytes = f.as_bytes();
            loop {
                // A run of ASCII of the class, eight bytes at a time (a
                // byte at a time near the end); then a longer character,
                // if it is of the class too.
                if let Some(word) = bytes.get(end..end + 8) {
                    let n = ascii_run_of(u64::from_le_bytes(word.try_into().unwrap_or_default()), class);
                    end += n;
                    if n == 8 {
                        continue;
                    }
                } else {
                    while end < bytes.len() && BYTE_CLASS[bytes[end] as usize] == Some(class) {
                        end += 1;
                    }
                }
                if end < bytes.len() && bytes[end] >= 0x80 {
                    let (c, l) = wide_class_at(f, end);
                    if c == class {
                        end += l;
                        continue;
                    }
                }
                break;
            }
        }
        let start = folded.orig_start(i);
        let oend = folded.orig_end(end);
        // ASCII is told from its byte, without decoding.
        let upper = match raw.as_bytes().get(start) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => raw[start..].chars().next().is_some_and(char::is_uppercase),
        };
        out.push(Token {
            start: start as u32,
            end: oend as u32,
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
    // Character offsets, blocks and hashes in loops of their own: inside
    // the one above, their state crowded out the tokenizer's registers.
    // Token starts and ends hardly go back: one cursor maps them all, in
    // the order they come.
    let mut cursor = CharCursor::new(index);
    let mut blocks = Vec::with_capacity(f.len() / CHAR_BLOCK + 1);
    let chars = out
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let char_start = cursor.char_offset(t.start as usize);
            let char_end = cursor.char_offset(t.end as usize);
            // Token ends only grow: the blocks starting before this end
            // that no earlier token reached begin with this token.
            while blocks.len() * CHAR_BLOCK < char_end {
                blocks.push(k as u32);
            }
            (char_start as u32, char_end as u32)
        })
        .collect();
    let bytes = f.as_bytes();
    let hashes = out.iter().map(|t| bytes_hash(&bytes[t.fstart as usize..t.fend as usize])).collect();
    Tokenized { tokens: out, chars, hashes, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Eight bytes classed at once: as many of the class, from the
        /// first, as classing byte by byte finds.
        #[test]
        fn words_class_like_bytes(bytes in proptest::array::uniform8(proptest::prelude::any::<u8>())) {
            for class in [Class::Letter, Class::Digit] {
                let by_bytes = bytes.iter().take_while(|&&b| BYTE_CLASS[b as usize] == Some(class)).count();
                proptest::prop_assert_eq!(ascii_run_of(u64::from_le_bytes(bytes), class), by_bytes);
            }
        }

        /// The same, for bytes near the edges of the classes.
        #[test]
        fn edges_class_like_bytes(picks in proptest::array::uniform8(0usize..16)) {
            const EDGES: [u8; 16] = [b'/', b'0', b'9', b':', b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7f, 0x80, 0xc3, 0xff];
            let bytes = picks.map(|k| EDGES[k]);
            for class in [Class::Letter, Class::Digit] {
                let by_bytes = bytes.iter().take_while(|&&b| BYTE_CLASS[b as usize] == Some(class)).count();
                proptest::prop_assert_eq!(ascii_run_of(u64::from_le_bytes(bytes), class), by_bytes);
            }
        }
    }
}
