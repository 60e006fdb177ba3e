//! Numbers in digits and in words, French and English.
//!
//! Words come from `data/numbers/<lang>.toml`; the grammar that combines
//! them (add, multiply by hundreds, close a group at a scale word) is shared.
//! Approximate round-number nouns ("une soixantaine", "dozens") are reported
//! as such; what they mean for a count is the caller's convention.

use foldhash::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::Text;
use crate::phrases::{HashSlots, WordSet, word_hash};
use crate::tokens::TokenKind;

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberForm {
    /// In digits: "800", "3.000", "30,4".
    Digits,
    /// In words: "quatre-vingt-huit", "twenty two".
    Words,
    /// A round-number noun: "une soixantaine", "dozens", "des centaines".
    Approx,
    /// An ordinal word: "premier", "third".
    Ordinal,
}

/// A number found at some token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// Its value.
    pub value: f64,
    /// Index of its first token.
    pub first: usize,
    /// Index just after its last token.
    pub last: usize,
    /// How it was written.
    pub form: NumberForm,
    /// A plural round-number noun ("des dizaines", "hundreds"): value is the unit.
    pub plural: bool,
}

/// Options for [`number_at`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NumberOptions {
    /// Read "1 200" (groups of three digits after a space) as one number.
    /// Right for counts, wrong next to dates ("le 19 200 …" never occurs,
    /// but "2016 100" might).
    pub space_groups: bool,
}

#[derive(Deserialize)]
struct RawLexicon {
    decimal: String,
    group: String,
    connectors: Vec<String>,
    times_twenty: Vec<String>,
    hundreds: HashMap<String, u64>,
    scales: HashMap<String, u64>,
    values: HashMap<String, u64>,
    approx: HashMap<String, u64>,
    ordinals: HashMap<String, u64>,
}

#[derive(Clone, Copy, Debug)]
enum Entry {
    Value(u64),
    Hundred(u64),
    Scale(u64),
}

/// One language's number words.
pub(crate) struct Lexicon {
    decimal: char,
    group: char,
    connectors: Vec<String>,
    times_twenty: Vec<String>,
    words: HashMap<String, Entry>,
    approx: HashMap<String, u64>,
    ordinals: HashMap<String, u64>,
    /// Every key of the three maps: most words are none of them, and a
    /// token's hash says so at once.
    starts: WordSet,
    /// What the three maps say of each of their keys, by the key's hash
    /// ([`word_hash`]): a token is looked up by the hash its text has,
    /// not hashed again for each map.
    by_hash: HashSlots<Option<(Box<str>, Known)>>,
    /// Two keys with one hash (64-bit hashes hardly ever collide): the
    /// later ones are then looked up in the maps themselves.
    collided: bool,
}

/// What a number word is, in each of a lexicon's maps.
#[derive(Clone, Copy, Debug, Default)]
struct Known {
    word: Option<Entry>,
    approx: Option<u64>,
    ordinal: Option<u64>,
}

impl Lexicon {
    /// What the maps say of token `k`'s folded text (`k` a token).
    #[inline]
    fn known(&self, text: &Text, k: usize) -> Known {
        match self.by_hash.get(text.token_hash(k)).and_then(Option::as_ref) {
            Some((w, known)) if crate::word_hash_is_exact(w.len()) || w.as_bytes() == text.token_bytes(k) => {
                *known
            }
            Some(_) if self.collided => self.known_by_text(text.token_str(k)),
            _ => Known::default(),
        }
    }

    /// What the maps say of `w`, asked of each.
    fn known_by_text(&self, w: &str) -> Known {
        Known {
            word: self.words.get(w).copied(),
            approx: self.approx.get(w).copied(),
            ordinal: self.ordinals.get(w).copied(),
        }
    }
}

const LANGS: &[(&str, &str)] =
    &[("fr", include_str!("../data/numbers/fr.toml")), ("en", include_str!("../data/numbers/en.toml"))];

fn lexicons() -> &'static Vec<(&'static str, Lexicon)> {
    static L: OnceLock<Vec<(&'static str, Lexicon)>> = OnceLock::new();
    L.get_or_init(|| {
        LANGS
            .iter()
            .map(|(lang, src)| {
                let raw: RawLexicon =
                    toml::from_str(src).expect("number lexicons are checked by the test suite");
                let mut words = HashMap::default();
                for (k, v) in raw.values {
                    words.insert(k, Entry::Value(v));
                }
                for (k, v) in raw.hundreds {
                    words.insert(k, Entry::Hundred(v));
                }
                for (k, v) in raw.scales {
                    words.insert(k, Entry::Scale(v));
                }
                let starts =
                    words.keys().chain(raw.approx.keys()).chain(raw.ordinals.keys()).cloned().collect();
                let mut lex = Lexicon {
                    decimal: raw.decimal.chars().next().unwrap_or('.'),
                    group: raw.group.chars().next().unwrap_or(','),
                    connectors: raw.connectors,
                    times_twenty: raw.times_twenty,
                    words,
                    approx: raw.approx,
                    ordinals: raw.ordinals,
                    starts,
                    by_hash: HashSlots::default(),
                    collided: false,
                };
                let keys: Vec<&String> =
                    lex.words.keys().chain(lex.approx.keys()).chain(lex.ordinals.keys()).collect();
                let mut by_hash: HashSlots<Option<(Box<str>, Known)>> = HashSlots::default();
                for w in keys {
                    let known = lex.known_by_text(w);
                    let h = word_hash(w);
                    match by_hash.get(h).and_then(Option::as_ref) {
                        Some((kept, _)) => lex.collided |= **kept != **w,
                        None => by_hash.insert(h, Some((w.as_str().into(), known))),
                    }
                }
                lex.by_hash = by_hash;
                (*lang, lex)
            })
            .collect()
    })
}

fn lexicon(lang: Option<&str>) -> &'static Lexicon {
    // Asked at every number-like token: a match on the two languages
    // there are, in LANGS's order, English for any other.
    let all = lexicons();
    match lang {
        Some("fr") => &all[0].1,
        _ => &all[1].1,
    }
}

/// Every number word of a language (values, hundreds, scales, approximate
/// nouns, ordinals), folded: what can start a number written in words.
pub fn number_words(lang: Option<&str>) -> impl Iterator<Item = &'static str> {
    let lex = lexicon(lang);
    lex.words.keys().chain(lex.approx.keys()).chain(lex.ordinals.keys()).map(String::as_str)
}

/// Every number word of every language there are number words for: for
/// filters asked before the language's own list (a word in none starts no
/// number in any language).
pub fn number_words_any() -> impl Iterator<Item = &'static str> {
    lexicons()
        .iter()
        .flat_map(|(_, lex)| lex.words.keys().chain(lex.approx.keys()).chain(lex.ordinals.keys()))
        .map(String::as_str)
}

/// Can a number start at token `i`? `false` when [`number_at`] would find
/// none there for certain: punctuation, a word that is no number word.
#[inline]
pub fn starts_number(text: &Text, i: usize) -> bool {
    NumberStarts::of(text.language()).at(text, i)
}

/// [`starts_number`] for one language, its number words picked once: for
/// callers that ask at every word of a document.
#[derive(Debug, Clone, Copy)]
pub struct NumberStarts(&'static WordSet);

impl NumberStarts {
    /// The test for `lang` (English conventions when unknown, as
    /// [`number_at`] reads).
    pub fn of(lang: Option<&str>) -> Self {
        NumberStarts(&lexicon(lang).starts)
    }

    /// Can a number start at token `i` (see [`starts_number`])?
    #[inline]
    pub fn at(self, text: &Text, i: usize) -> bool {
        match text.tokens().get(i).map(|t| t.kind) {
            Some(TokenKind::Digit) => true,
            Some(TokenKind::Alpha) => self.0.contains_token(text, i),
            _ => false,
        }
    }
}

/// Reads the number that starts at token `i`, in the text's language
/// (English conventions when the language is unknown).
pub fn number_at(text: &Text, i: usize, opts: NumberOptions) -> Option<Number> {
    let lex = lexicon(text.language());
    let toks = text.tokens();
    let t = toks.get(i)?;
    match t.kind {
        TokenKind::Digit => Some(digits_at(text, lex, i, opts)),
        TokenKind::Alpha => words_at(text, lex, i),
        TokenKind::Punct => None,
    }
}

fn digits_at(text: &Text, lex: &Lexicon, i: usize, opts: NumberOptions) -> Number {
    let toks = text.tokens();
    let tx = |k: usize| text.token_str(k);
    let glued = |k: usize| k < toks.len() && !toks[k].space_before && toks[k].newlines_before == 0;
    let mut int = IntDigits::default();
    int.push(tx(i));
    let mut frac = String::new();
    let mut j = i + 1;
    // Group marks: "3.000" (fr) / "1,200" (en): exactly three digits after the mark.
    while j + 1 < toks.len()
        && glued(j)
        && glued(j + 1)
        && tx(j).starts_with(lex.group)
        && toks[j + 1].kind == TokenKind::Digit
        && tx(j + 1).len() == 3
        && int.len <= 3 + (int.len / 4) * 3
    {
        int.push(tx(j + 1));
        j += 2;
    }
    // "1 200": a space and exactly three digits, when asked for.
    if opts.space_groups && tx(i).len() <= 3 {
        while j < toks.len()
            && toks[j].space_before
            && toks[j].newlines_before == 0
            && toks[j].kind == TokenKind::Digit
            && tx(j).len() == 3
            && !(j + 1 < toks.len() && glued(j + 1) && toks[j + 1].kind == TokenKind::Digit)
        {
            int.push(tx(j));
            j += 1;
        }
    }
    // Decimal mark.
    if j + 1 < toks.len()
        && glued(j)
        && glued(j + 1)
        && tx(j).starts_with(lex.decimal)
        && toks[j + 1].kind == TokenKind::Digit
    {
        frac.push_str(tx(j + 1));
        j += 2;
    }
    let mut value = int.value();
    if !frac.is_empty() {
        value += format!("0.{frac}").parse::<f64>().unwrap_or(0.0);
    }
    Number { value, first: i, last: j, form: NumberForm::Digits, plural: false }
}

/// The integer part of a number in digits, read token by token. Up to 15
/// digits it is kept as an integer (exact in an `f64`, so the same value as
/// parsing the digits); longer, as its digits (parsed at the end), which
/// hardly ever happens: no string is made for most numbers.
#[derive(Default)]
struct IntDigits {
    acc: u64,
    /// How many digits were read.
    len: usize,
    long: Option<String>,
}

impl IntDigits {
    /// Appends a digit token's digits (ASCII).
    fn push(&mut self, digits: &str) {
        self.len += digits.len();
        if let Some(long) = &mut self.long {
            long.push_str(digits);
        } else if self.len <= 15 {
            for b in digits.bytes() {
                self.acc = self.acc * 10 + u64::from(b - b'0');
            }
        } else {
            // Leading zeros dropped by `acc` change no value.
            self.long = Some(format!("{}{digits}", self.acc));
        }
    }

    fn value(&self) -> f64 {
        match &self.long {
            Some(digits) => digits.parse().unwrap_or(f64::MAX),
            None => self.acc as f64,
        }
    }
}

fn words_at(text: &Text, lex: &Lexicon, i: usize) -> Option<Number> {
    let toks = text.tokens();
    let tx = |k: usize| text.token_str(k);
    // A number in words starts with one of them (the loop below reads
    // nothing otherwise).
    if !lex.starts.contains_token(text, i) {
        return None;
    }
    let first = lex.known(text, i);
    if let Some(v) = first.approx {
        let plural = tx(i).ends_with('s');
        return Some(Number { value: v as f64, first: i, last: i + 1, form: NumberForm::Approx, plural });
    }
    if let Some(v) = first.ordinal {
        return Some(Number {
            value: v as f64,
            first: i,
            last: i + 1,
            form: NumberForm::Ordinal,
            plural: false,
        });
    }
    let mut total: u64 = 0;
    let mut group: u64 = 0;
    let mut last_added: u64 = u64::MAX;
    let mut end = None;
    let mut prev_word = "";
    let mut k = i;
    loop {
        let word = tx(k);
        let entry = if k == i { first.word } else { lex.known(text, k).word };
        let Some(entry) = entry.filter(|_| toks[k].kind == TokenKind::Alpha) else {
            break;
        };
        match entry {
            Entry::Value(v) => {
                if v == 20 && group > 0 && group < 10 && lex.times_twenty.iter().any(|w| w == prev_word) {
                    group *= 20; // quatre-vingt(s)
                    last_added = 20;
                } else if v < last_added && !(last_added < 10 && v < 10) {
                    group += v;
                    last_added = v;
                } else {
                    break;
                }
            }
            Entry::Hundred(h) => {
                if group >= 100 {
                    break;
                }
                group = group.max(1) * h;
                last_added = h;
            }
            Entry::Scale(s) => {
                if total > 0 && total < s {
                    break;
                }
                total += group.max(1) * s;
                group = 0;
                last_added = s;
            }
        }
        end = Some(k + 1);
        prev_word = word;
        // Continue over "-", a space, or a connector word ("vingt et un").
        let next = k + 1;
        if next + 1 < toks.len() && !toks[next].space_before && text.token_str(next) == "-" {
            k = next + 1;
        } else if next < toks.len()
            && toks[next].newlines_before == 0
            && lex.starts.contains_token(text, next)
            && lex.known(text, next).word.is_some()
        {
            k = next;
        } else if next + 1 < toks.len()
            && lex.connectors.iter().any(|c| c.as_bytes() == text.token_bytes(next))
            && lex.known(text, next + 1).word.is_some()
        {
            k = next + 1;
        } else {
            break;
        }
    }
    let end = end?;
    Some(Number {
        value: (total + group) as f64,
        first: i,
        last: end,
        form: NumberForm::Words,
        plural: false,
    })
}

#[cfg(test)]
mod tests {
    use super::{IntDigits, NumberOptions, NumberStarts, number_at, number_words, number_words_any};
    use crate::Text;

    #[test]
    fn every_languages_number_words_are_among_all() {
        let any: std::collections::HashSet<&str> = number_words_any().collect();
        for lang in ["fr", "en"] {
            let own: Vec<&str> = number_words(Some(lang)).collect();
            assert!(!own.is_empty());
            assert!(own.iter().all(|w| any.contains(w)), "{lang}");
        }
        assert!(any.contains("soixante") && any.contains("sixty"));
    }

    #[test]
    fn numbers_start_where_they_are_read() {
        let text =
            "Vingt-deux morts, des dizaines de blessés, 3 000 déplacés; twenty dead, dozens hurt, a first.";
        for lang in [None, Some("fr"), Some("en"), Some("de")] {
            let t = Text::new(text.to_string(), lang);
            let starts = NumberStarts::of(t.language());
            for k in 0..t.tokens().len() {
                if number_at(&t, k, NumberOptions::default()).is_some() {
                    assert!(starts.at(&t, k), "{lang:?} {}", t.token_str(k));
                }
            }
            let digits = t.tokens().iter().position(|tok| tok.kind == crate::TokenKind::Digit);
            assert!(digits.is_some_and(|k| starts.at(&t, k)));
        }
        let fr = Text::new("Vingt morts".into(), Some("fr"));
        assert!(NumberStarts::of(Some("fr")).at(&fr, 0) && !NumberStarts::of(Some("fr")).at(&fr, 1));
    }

    #[test]
    fn integer_parts_read_as_their_digits_parse() {
        let cases: &[&[&str]] = &[
            &["0"],
            &["007"],
            &["12", "000"],
            &["999999999999999"],
            &["1", "000", "000", "000", "000", "000"],
            &["123456789", "123456789", "123"],
            &["00000000000000000001"],
        ];
        for parts in cases {
            let mut int = IntDigits::default();
            parts.iter().for_each(|p| int.push(p));
            let parsed: f64 = parts.concat().parse().expect("digits");
            assert_eq!(int.value(), parsed, "{parts:?}");
            assert_eq!(int.len, parts.concat().len());
        }
    }
}
