//! Phrase tables: lexicon entries matched token by token against a text.
//!
//! Entries are folded and tokenized like the text, so "aux environs de",
//! "avant-hier" and "l'armée" match whatever their apostrophes, hyphens or
//! accents. Lookups try the longest entry first.

// Lookups run at every token: a fast hasher (the keys are our own data).
use foldhash::{HashMap, HashMapExt};

use crate::Text;

/// Entries (as folded token sequences) with a value each.
#[derive(Debug, Clone)]
pub struct Phrases<V = ()> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
    by_last: HashMap<String, Vec<(Vec<String>, V)>>,
    /// The keys of `by_first` and `by_last` as filters: most words of a
    /// text start no entry, and one bit says so before any hashing.
    firsts: WordFilter,
    lasts: WordFilter,
}

/// A 1,024-bit filter over words by their first two bytes and length: a word
/// not in it is no key; a word in it may be.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordFilter([u64; 16]);

impl WordFilter {
    #[inline]
    fn bit(w: &str) -> usize {
        let b = w.as_bytes();
        let (b0, b1) = (b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0));
        let h =
            (u32::from(b0) << 16 | u32::from(b1) << 8 | b.len().min(255) as u32).wrapping_mul(0x9E37_79B1);
        (h >> 22) as usize
    }

    pub(crate) fn insert(&mut self, w: &str) {
        let k = Self::bit(w);
        self.0[k >> 6] |= 1 << (k & 63);
    }

    #[inline]
    pub(crate) fn may_hold(&self, w: &str) -> bool {
        let k = Self::bit(w);
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            by_first: HashMap::new(),
            by_last: HashMap::new(),
            firsts: WordFilter::default(),
            lasts: WordFilter::default(),
        }
    }
}

fn tokens_of(entry: &str) -> Vec<String> {
    let t = Text::new(crate::fold(entry), Some("xx"));
    (0..t.tokens().len()).map(|i| t.token_str(i).to_string()).collect()
}

impl<V: Clone> Phrases<V> {
    /// Builds the table; entries are folded here.
    pub fn with_values(entries: impl IntoIterator<Item = (String, V)>) -> Self {
        let mut p = Phrases::default();
        for (entry, v) in entries {
            let toks = tokens_of(&entry);
            let (Some(first), Some(last)) = (toks.first().cloned(), toks.last().cloned()) else { continue };
            p.firsts.insert(&first);
            p.lasts.insert(&last);
            p.by_first.entry(first).or_default().push((toks.clone(), v.clone()));
            p.by_last.entry(last).or_default().push((toks, v));
        }
        for list in p.by_first.values_mut().chain(p.by_last.values_mut()) {
            list.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        }
        p
    }

    /// The value of the longest entry starting at token `i`, and the token after it.
    #[inline]
    pub fn value_at(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        let n = text.tokens().len();
        if i >= n {
            return None;
        }
        let w = text.token_str(i);
        if !self.firsts.may_hold(w) {
            return None;
        }
        self.by_first.get(w)?.iter().find_map(|(toks, v)| {
            (i + toks.len() <= n && toks.iter().enumerate().all(|(k, w)| text.token_str(i + k) == w))
                .then(|| (v.clone(), i + toks.len()))
        })
    }

    /// The value of the longest entry ending just before token `i`, and its first token.
    #[inline]
    pub fn value_before(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        if i == 0 || i > text.tokens().len() {
            return None;
        }
        let w = text.token_str(i - 1);
        if !self.lasts.may_hold(w) {
            return None;
        }
        self.by_last.get(w)?.iter().find_map(|(toks, v)| {
            let n = toks.len();
            (n <= i && toks.iter().enumerate().all(|(k, w)| text.token_str(i - n + k) == w))
                .then(|| (v.clone(), i - n))
        })
    }

    /// The token after the longest entry starting at `i`.
    #[inline]
    pub fn at(&self, text: &Text, i: usize) -> Option<usize> {
        self.value_at(text, i).map(|(_, e)| e)
    }

    /// The first token of the longest entry ending just before `i`.
    #[inline]
    pub fn before(&self, text: &Text, i: usize) -> Option<usize> {
        self.value_before(text, i).map(|(_, s)| s)
    }

    /// The value of a one-word entry.
    pub fn word(&self, w: &str) -> Option<V> {
        self.by_first.get(w)?.iter().find(|(t, _)| t.len() == 1).map(|(_, v)| v.clone())
    }

    /// The first words of every entry (what can start a match).
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }
}

impl Phrases<()> {
    /// A table of entries without values.
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> Self {
        Self::with_values(entries.into_iter().map(|s| (s.as_ref().to_string(), ())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_entry_wins_either_way() {
        let p = Phrases::with_values([
            ("au sud de".to_string(), 1),
            ("au".to_string(), 2),
            ("sud".to_string(), 3),
        ]);
        let t = Text::new("Ils sont au sud de la ville".into(), Some("fr"));
        assert_eq!(p.value_at(&t, 2), Some((1, 5)));
        assert_eq!(p.value_before(&t, 5), Some((1, 2)));
        assert_eq!(p.word("sud"), Some(3));
        let q = Phrases::new(["aujourd'hui", "avant-hier"]);
        let t = Text::new("Aujourd’hui et avant-hier".into(), Some("fr"));
        assert_eq!(q.at(&t, 0), Some(3));
        assert_eq!(q.at(&t, 4), Some(7));
    }
}
