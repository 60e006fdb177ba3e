//! What every rule reads: the text, the language's words, and small helpers
//! over tokens.

use sitrep_core::TimexType;
use sitrep_text::{NumberForm, NumberOptions, Text, TokenKind};

use crate::lexicon::Lexicon;
use crate::when::When;

/// A rule's finding: a token range and what it means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// First token.
    pub first: usize,
    /// Token after the last.
    pub last: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// The meaning, to be anchored.
    pub when: When,
    /// TIMEX3 `mod`.
    pub modifier: Option<&'static str>,
    /// `false` for a blocker: words that look temporal but are not
    /// ("âgée de 90 ans"), consumed so no other rule takes them.
    pub emit: bool,
}

impl Found {
    pub(crate) fn new(first: usize, last: usize, kind: TimexType, when: When) -> Found {
        Found { first, last, kind, when, modifier: None, emit: true }
    }

    pub(crate) fn with_mod(mut self, m: Option<&'static str>) -> Found {
        if m.is_some() {
            self.modifier = m;
        }
        self
    }

    pub(crate) fn blocker(first: usize, last: usize) -> Found {
        Found { first, last, kind: TimexType::Duration, when: When::Ref("NONE"), modifier: None, emit: false }
    }
}

/// A count and the token after it (see [`Cx::count`]).
pub(crate) type Count = Option<(f64, usize)>;

/// A day of the month and the token after it (see [`Cx::day`]).
pub(crate) type Day = Option<(u8, usize)>;

/// The context of one run: a text, its language's words, and the first
/// token a rule may claim (the end of the previous finding).
pub(crate) struct Cx<'a> {
    pub text: &'a Text,
    pub lex: &'a Lexicon,
    pub floor: usize,
    /// The last count read (token, count): the rules tried at one token
    /// read the same number.
    pub last_count: std::cell::Cell<Option<(usize, Count)>>,
    /// The last day read (token, day), likewise.
    pub last_day: std::cell::Cell<Option<(usize, Day)>>,
}

impl<'a> Cx<'a> {
    /// A run over `text` with `lex`, from the first token.
    pub fn new(text: &'a Text, lex: &'a Lexicon) -> Cx<'a> {
        Cx { text, lex, floor: 0, last_count: Default::default(), last_day: Default::default() }
    }

    /// Number of tokens.
    pub fn n(&self) -> usize {
        self.text.tokens().len()
    }

    /// Folded token `i`, or "" past the end.
    pub fn w(&self, i: usize) -> &str {
        if i < self.n() { self.text.token_str(i) } else { "" }
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.text.tokens().get(i).map(|t| t.kind)
    }

    pub fn is_digit(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Digit)
    }

    pub fn is_alpha(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Alpha)
    }

    /// Token `i` starts with a capital letter.
    pub fn upper(&self, i: usize) -> bool {
        self.text.tokens().get(i).is_some_and(|t| t.upper)
    }

    /// Token `i` touches token `i - 1` (no space between).
    pub fn glued(&self, i: usize) -> bool {
        self.text.tokens().get(i).is_some_and(|t| !t.space_before && t.newlines_before == 0)
    }

    /// The value of digit token `i`. (Inlined, as [`Cx::day`] is: every
    /// rule tried at a token may ask.)
    #[inline(always)]
    pub fn int(&self, i: usize) -> Option<u32> {
        if !self.is_digit(i) {
            return None;
        }
        let w = self.w(i);
        if w.len() > 9 {
            return None;
        }
        // ASCII digits (nine at most: no overflow) are read here, anything
        // else as `parse` reads it.
        if w.bytes().all(|b| b.is_ascii_digit()) {
            return Some(w.bytes().fold(0, |v, b| v * 10 + u32::from(b - b'0')));
        }
        w.parse().ok()
    }

    /// Digit token `i` stands alone: not part of "3.000", "1,5" or "12-3".
    pub fn lone_digits(&self, i: usize) -> bool {
        let mark = |k: usize| matches!(self.w(k), "." | ",");
        let before = i >= 2 && self.glued(i) && mark(i - 1) && self.glued(i - 1) && self.is_digit(i - 2);
        let after = self.glued(i + 1) && mark(i + 1) && self.glued(i + 2) && self.is_digit(i + 2);
        !before && !after
    }

    /// Skips a comma at `i`.
    pub fn skip_comma(&self, i: usize) -> usize {
        if self.w(i) == "," { i + 1 } else { i }
    }

    /// Skips a period glued to the previous token (an abbreviation's).
    pub fn skip_abbrev_dot(&self, i: usize) -> usize {
        if self.w(i) == "." && self.glued(i) { i + 1 } else { i }
    }

    /// A month name at `i` (abbreviations too when `abbrev`).
    pub fn month(&self, i: usize, abbrev: bool) -> Option<(u8, usize)> {
        if let Some(m) = self.lex.months.value_at(self.text, i) {
            return Some(m);
        }
        if abbrev {
            return self.month_abbreviation(i);
        }
        None
    }

    /// A month's abbreviation at `i` ("oct.", "Aug").
    pub fn month_abbreviation(&self, i: usize) -> Option<(u8, usize)> {
        let (m, e) = self.lex.month_abbreviations.value_at(self.text, i)?;
        Some((m, self.skip_abbrev_dot(e)))
    }

    /// A day of the month at `i`: "5", "1er", "1st", "21st", "premier".
    /// (The rules tried at one token ask for the same day: the last answer
    /// is kept.)
    #[inline]
    pub fn day(&self, i: usize) -> Day {
        if let Some((at, d)) = self.last_day.get()
            && at == i
        {
            return d;
        }
        let d = self.read_day(i);
        self.last_day.set(Some((i, d)));
        d
    }

    fn read_day(&self, i: usize) -> Day {
        if let Some(d) = self.int(i) {
            if !(1..=31).contains(&d) || self.w(i).len() > 2 || !self.lone_digits(i) {
                return None;
            }
            let mut e = i + 1;
            if self.glued(e) && matches!(self.w(e), "er" | "e" | "eme" | "st" | "nd" | "rd" | "th") {
                e += 1;
            }
            return Some((d as u8, e));
        }
        DAY_WORDS.contains(&self.w(i)).then_some((1, i + 1))
    }

    /// The apostrophe of "'98" or "the '90s": one with digits glued after
    /// it. An apostrophe without them starts no expression (the rules read
    /// it only before digits), and French has one in every "l'" and "d'".
    pub fn year_apostrophe(&self, i: usize) -> bool {
        self.is_digit(i + 1) && self.glued(i + 1) && self.w(i) == "'"
    }

    /// A four-digit year in `range` at `i`, or "'98".
    pub fn year(&self, i: usize, range: std::ops::RangeInclusive<i32>) -> Option<(i32, usize)> {
        if self.is_digit(i + 1) && self.glued(i + 1) && self.w(i) == "'" && self.w(i + 1).len() == 2 {
            let y = self.int(i + 1)? as i32;
            return Some((two_digit_year(y), i + 2));
        }
        if !self.is_digit(i) || self.w(i).len() != 4 || !self.lone_digits(i) {
            return None;
        }
        let y = self.int(i)? as i32;
        range.contains(&y).then_some((y, i + 1))
    }

    /// A count at `i` in digits or words ("deux", "30,4", "twenty"), not
    /// an approximation noun or an ordinal.
    pub fn count(&self, i: usize) -> Count {
        if let Some((at, c)) = self.last_count.get()
            && at == i
        {
            return c;
        }
        let c = sitrep_text::number_at(self.text, i, NumberOptions::default())
            .filter(|n| matches!(n.form, NumberForm::Digits | NumberForm::Words))
            .map(|n| (n.value, n.last));
        self.last_count.set(Some((i, c)));
        c
    }

    /// Walks back from `i` over entries of `words`, not below the floor.
    pub fn back_over(&self, i: usize, words: &crate::lexicon::Words) -> usize {
        match words.before(self.text, i) {
            Some(s) if s >= self.floor => s,
            _ => i,
        }
    }

    /// The raw (original) token `i`, lower-cased.
    pub fn raw_lower(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let t = &self.text.tokens()[i];
        let raw = &self.text.raw()[t.start as usize..t.end as usize];
        // Most words are lower-case ASCII already: no copy for them.
        if !raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
            std::borrow::Cow::Owned(raw.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(raw)
        }
    }
}

/// The first day of a month in words, the only day read in words.
pub(crate) const DAY_WORDS: [&str; 2] = ["premier", "first"];

/// "98" → 1998, "05" → 2005 (news rarely names years before 1930 with two digits).
pub(crate) fn two_digit_year(y: i32) -> i32 {
    if y < 30 { 2000 + y } else { 1900 + y }
}
