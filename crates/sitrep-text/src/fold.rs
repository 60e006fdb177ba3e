//! Folding: the form of a text that dictionaries and rules match against.
//!
//! Folding lower-cases, strips accents (NFKD, then drops combining marks),
//! unifies apostrophes (’ ‘ ʼ → '), quotes (« » “ ” → "), dashes (– — ‐ → -)
//! and spaces (no-break, thin → ' '), expands ligatures (œ → oe) and maps
//! Arabic-Indic digits to ASCII. Arabic letters get the usual matching
//! normalisation (alef variants → ا, ى → ي, ة → ه, no tatweel).
//!
//! Folding never merges two characters into one, so every folded byte can be
//! traced back to the original character it came from: that is what keeps
//! evidence spans exact.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded text with, for every folded byte, the byte offset in the original
/// text of the character it came from.
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    /// `orig[i]` is the original byte offset of the character that produced
    /// folded byte `i`; `orig[text.len()]` is the original text's length.
    orig: Vec<u32>,
}

impl Folded {
    /// Folds `original`. Texts are limited to 4 GiB (offsets are `u32`).
    pub fn new(original: &str) -> Self {
        let mut text: Vec<u8> = Vec::with_capacity(original.len());
        let mut orig = Vec::with_capacity(original.len() + 1);
        let mut buf = String::new();
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // A run of ASCII folds byte for byte: lower case, same offsets.
            let run = ascii_run(&bytes[at..]);
            let from = text.len();
            text.extend_from_slice(&bytes[at..at + run]);
            text[from..].make_ascii_lowercase();
            // Offsets fit in u32: documents are capped well below 4 GiB by the reader.
            orig.extend(at as u32..(at + run) as u32);
            at += run;
            let Some(c) = original[at..].chars().next() else { break };
            let folded = match latin_folded(c) {
                Some(f) => f,
                None => {
                    buf.clear();
                    fold_char_into(c, &mut buf);
                    buf.as_str()
                }
            };
            // A byte or two, pushed: `extend_from_slice` called `memcpy`
            // for each character.
            for &b in folded.as_bytes() {
                text.push(b);
                orig.push(at as u32);
            }
            at += c.len_utf8();
        }
        orig.push(original.len() as u32);
        // Whole characters were written, so the bytes are UTF-8.
        let text = String::from_utf8(text).unwrap_or_default();
        Folded { text, orig }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset for folded byte offset `i` (`i <= len`).
    /// Offsets inside an expansion (œ → oe) map to the start of its character.
    pub fn orig_start(&self, i: usize) -> usize {
        self.orig[i] as usize
    }

    /// The original byte offset that ends a folded range ending at `i`:
    /// the start of the next original character.
    pub fn orig_end(&self, i: usize) -> usize {
        let o = self.orig[i];
        if i == 0 || i == self.text.len() {
            return o as usize;
        }
        // If `i` is inside an expansion (œ → "oe", end after "o"), move on to the
        // next original character so the span covers the whole of it.
        if self.orig[i - 1] == o {
            let mut j = i;
            while j < self.text.len() && self.orig[j] == o {
                j += 1;
            }
            return self.orig[j] as usize;
        }
        o as usize
    }
}

/// The length of the run of ASCII that starts `bytes`: eight bytes are
/// looked at together while all of them are ASCII.
#[inline]
pub(crate) fn ascii_run(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut run = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        run += 8;
    }
    run + bytes[run..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - run)
}

/// Folds a short string (a dictionary key, a lexicon entry) the same way as
/// [`Folded::new`] folds a text, and collapses runs of spaces.
pub fn fold(s: &str) -> String {
    let s = s.trim();
    // ASCII folds to its lower case: no offsets to keep (keys are folded
    // by the thousand).
    let f;
    let folded = if s.is_ascii() {
        s
    } else {
        f = Folded::new(s);
        f.text.as_str()
    };
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The folded form of a character of Latin-1 or Latin Extended-A (accented
/// letters, « », no-break spaces: most of what is not ASCII in European
/// text), worked out once by [`fold_char_into`] itself; `None` for others.
#[inline]
fn latin_folded(c: char) -> Option<&'static str> {
    const FIRST: u32 = 0x80;
    const LAST: u32 = 0x17F;
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let code = c as u32;
    if !(FIRST..=LAST).contains(&code) {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        (FIRST..=LAST)
            .map(|k| {
                let mut out = String::new();
                if let Some(c) = char::from_u32(k) {
                    fold_char_into(c, &mut out);
                }
                out
            })
            .collect()
    });
    table.get((code - FIRST) as usize).map(String::as_str)
}

fn fold_char_into(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' | '\u{00b4}' | '`' => out.push('\''),
        '«' | '»' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{2039}'
        | '\u{203a}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        // Arabic: letters that writers interchange.
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        'ـ' => {} // tatweel: a stretch, not a letter
        '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06f0}'..='\u{06f9}' => out.push(char::from(b'0' + (c as u32 - 0x06f0) as u8)),
        c if c.is_whitespace() => out.push(if c == '\n' || c == '\r' { c } else { ' ' }),
        c => {
            for l in c.to_lowercase() {
                for d in l.nfkd() {
                    if !is_combining_mark(d) {
                        match d {
                            '\u{2019}' | '\u{2018}' => out.push('\''),
                            d if d.is_whitespace() => out.push(' '),
                            d => out.push(d),
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_quotes_and_spaces() {
        assert_eq!(fold("Jaïsh al-Fatah"), "jaish al-fatah");
        assert_eq!(fold("l’état-major"), "l'etat-major");
        assert_eq!(fold("«Conquête d’Alep»"), "\"conquete d'alep\"");
        assert_eq!(fold("1\u{202f}200\u{a0}civils"), "1 200 civils");
        assert_eq!(fold("Œuvre — Ḥamdānīyah"), "oeuvre - hamdaniyah");
        assert_eq!(fold("إدلب"), "ادلب");
        assert_eq!(fold("٢٠١٦"), "2016");
    }

    proptest::proptest! {
        /// ASCII runs are folded in bulk; the result is still what folding
        /// each character gives, with each byte mapped to its character.
        #[test]
        fn runs_fold_like_characters(s in "[a-zA-Z0-9 ,.'éÉœ’«»\u{a0}\u{2014}حلب٢]{0,40}") {
            let f = Folded::new(&s);
            let (mut text, mut orig) = (String::new(), Vec::new());
            for (at, c) in s.char_indices() {
                let before = text.len();
                if c.is_ascii() {
                    text.push(c.to_ascii_lowercase());
                } else {
                    fold_char_into(c, &mut text);
                }
                orig.extend(std::iter::repeat_n(at as u32, text.len() - before));
            }
            orig.push(s.len() as u32);
            proptest::prop_assert_eq!(f.as_str(), text.as_str());
            proptest::prop_assert_eq!(&f.orig, &orig);
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(fold(&s), collapsed);
        }
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let s = "Cœur à Alep";
        let f = Folded::new(s);
        assert_eq!(f.as_str(), "coeur a alep");
        let i = f.as_str().find("alep").unwrap_or(0);
        assert_eq!(&s[f.orig_start(i)..f.orig_end(i + 4)], "Alep");
        // "co" ends inside "œ": the span must cover the whole character.
        assert_eq!(&s[f.orig_start(0)..f.orig_end(2)], "Cœ");
    }
}
