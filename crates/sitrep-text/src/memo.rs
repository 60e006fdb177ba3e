//! Bounded per-thread memories of answers about words.

use std::cell::RefCell;

use crate::Text;
use crate::phrases::{HashSlots, word_hash};

/// Each word remembered, with its answer, by its hash.
type Seen<V> = HashSlots<Option<(Box<str>, V)>>;

/// Answers about words, remembered: a thread that reads many documents meets
/// the same words again and again. Kept by the word's hash ([`word_hash`],
/// which a text has for each of its tokens) with the word itself, so asking
/// about a token hashes nothing. Bounded: when full it starts afresh, so a
/// long run cannot grow it without limit. Meant for a `thread_local!`.
#[derive(Debug)]
pub struct WordMemo<V> {
    seen: RefCell<Seen<V>>,
    max: usize,
}

impl<V: Clone> WordMemo<V> {
    /// A memory of at most `max` words.
    pub fn new(max: usize) -> Self {
        WordMemo { seen: RefCell::new(HashSlots::default()), max }
    }

    /// The answer for `word`: remembered, or worked out by `answer` and kept.
    pub fn get_or(&self, word: &str, answer: impl FnOnce() -> V) -> V {
        self.get_hashed(word_hash(word), word.as_bytes(), || word.into(), answer)
    }

    /// The answer for token `i`'s folded text (see [`Self::get_or`]).
    #[inline]
    pub fn get_or_token(&self, text: &Text, i: usize, answer: impl FnOnce() -> V) -> V {
        self.get_hashed(text.token_hash(i), text.token_bytes(i), || text.token_str(i).into(), answer)
    }

    /// The answer for the word whose hash is `h` and text `word` (compared
    /// as bytes: a token's needs no character-boundary checks); `owned`
    /// makes the copy kept on a miss.
    #[inline]
    fn get_hashed(
        &self,
        h: u64,
        word: &[u8],
        owned: impl FnOnce() -> Box<str>,
        answer: impl FnOnce() -> V,
    ) -> V {
        // A short word found by its hash is the word (see
        // [`crate::word_hash_is_exact`]).
        if let Some((w, v)) = self.seen.borrow().get(h).and_then(Option::as_ref)
            && (crate::word_hash_is_exact(word.len()) || w.as_bytes() == word)
        {
            return v.clone();
        }
        let v = answer();
        let mut seen = self.seen.borrow_mut();
        if seen.len() >= self.max {
            seen.clear();
        }
        // Two words with one hash: the later one is kept.
        seen.insert(h, Some((owned(), v.clone())));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_and_starts_afresh_when_full() {
        let memo = WordMemo::new(2);
        let calls = std::cell::Cell::new(0);
        let len = |w: &str| {
            calls.set(calls.get() + 1);
            w.len()
        };
        assert_eq!(memo.get_or("alep", || len("alep")), 4);
        assert_eq!(memo.get_or("alep", || len("alep")), 4);
        assert_eq!(calls.get(), 1);
        memo.get_or("homs", || len("homs"));
        memo.get_or("hama", || len("hama")); // full: starts afresh
        assert_eq!(memo.seen.borrow().len(), 1);
        memo.get_or("alep", || len("alep"));
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn tokens_and_words_share_answers() {
        let memo = WordMemo::new(10);
        let text = Text::new("Alep, puis Alep".into(), Some("fr"));
        assert_eq!(memo.get_or_token(&text, 0, || 1), 1);
        assert_eq!(memo.get_or_token(&text, 3, || 2), 1, "the same folded word");
        assert_eq!(memo.get_or("alep", || 3), 1);
        assert_eq!(memo.get_or_token(&text, 2, || 4), 4);
    }
}
