//! Bounded per-thread memories of answers about words.

use std::cell::RefCell;

/// Answers about words, remembered: a thread that reads many documents meets
/// the same words again and again. Bounded: when full it starts afresh, so a
/// long run cannot grow it without limit. Meant for a `thread_local!`.
#[derive(Debug)]
pub struct WordMemo<V> {
    seen: RefCell<foldhash::HashMap<String, V>>,
    max: usize,
}

impl<V: Clone> WordMemo<V> {
    /// A memory of at most `max` words.
    pub fn new(max: usize) -> Self {
        WordMemo { seen: RefCell::new(foldhash::HashMap::default()), max }
    }

    /// The answer for `word`: remembered, or worked out by `answer` and kept.
    pub fn get_or(&self, word: &str, answer: impl FnOnce() -> V) -> V {
        if let Some(v) = self.seen.borrow().get(word) {
            return v.clone();
        }
        let v = answer();
        let mut seen = self.seen.borrow_mut();
        if seen.len() >= self.max {
            seen.clear();
        }
        seen.insert(word.to_string(), v.clone());
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
}
