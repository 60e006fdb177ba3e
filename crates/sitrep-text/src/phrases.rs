//! Phrase tables: lexicon entries matched token by token against a text.
//!
//! Entries are folded and tokenized like the text, so "aux environs de",
//! "avant-hier" and "l'armée" match whatever their apostrophes, hyphens or
//! accents. Lookups try the longest entry first.

use crate::Text;

/// One entry: its folded tokens, their hashes (see [`word_hash`]) and its value.
#[derive(Debug, Clone)]
struct Entry<V> {
    toks: Vec<String>,
    hashes: Vec<u64>,
    value: V,
}

/// Entries (as folded token sequences) with a value each.
#[derive(Debug, Clone)]
pub struct Phrases<V = ()> {
    /// Entries by the hash of their first and of their last word, longest
    /// first. The text's words are hashed once, when it is analysed, so a
    /// lookup hashes nothing.
    by_first: ByHash<Vec<Entry<V>>>,
    by_last: ByHash<Vec<Entry<V>>>,
    /// The keys of `by_first` and `by_last` as filters: most words of a
    /// text start no entry, and two bits say so before the table is probed.
    firsts: HashFilter,
    lasts: HashFilter,
}

/// The hash of a folded word, as [`Text::token_hash`] gives it for each token.
#[inline]
pub fn word_hash(w: &str) -> u64 {
    use std::hash::BuildHasher;
    // A fixed seed: tables built at start-up and texts analysed later agree.
    foldhash::fast::FixedState::with_seed(0x5173_7265_7021).hash_one(w)
}

/// A hasher for keys that are already hashes (see [`ByHash`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; anything else still hashes.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by hashes already made ([`word_hash`] or a mix of them).
pub type ByHash<T> = std::collections::HashMap<u64, T, std::hash::BuildHasherDefault<PreHashed>>;

/// A set of folded words that answers for a text's tokens by their hashes
/// first: most tokens are turned away without their text being hashed or
/// compared, and the rest with one probe and one comparison.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    filter: HashFilter,
    /// Each word by its hash ([`word_hash`]).
    by_hash: ByHash<Box<str>>,
    /// Words whose hash an earlier word of the set already has (64-bit
    /// hashes hardly ever collide, but a collision must not lose a word).
    collided: Vec<Box<str>>,
}

impl WordSet {
    /// Is `w` in the set?
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.holds(word_hash(w), w)
    }

    /// Is token `i`'s folded text in the set? (`false` past the end.)
    #[inline(always)]
    pub fn contains_token(&self, text: &Text, i: usize) -> bool {
        text.token_hash_at(i).is_some_and(|h| self.filter.may_hold(h)) && self.holds_token(text, i)
    }

    #[inline(never)]
    fn holds_token(&self, text: &Text, i: usize) -> bool {
        self.holds(text.token_hash(i), text.token_str(i))
    }

    /// Is `w`, whose hash is `h`, in the set?
    #[inline]
    fn holds(&self, h: u64, w: &str) -> bool {
        match self.by_hash.get(&h) {
            Some(found) => **found == *w || self.collided.iter().any(|c| **c == *w),
            None => false,
        }
    }
}

impl<S: Into<String>> FromIterator<S> for WordSet {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Self {
        let mut set = WordSet::default();
        for w in words {
            let w: String = w.into();
            let h = word_hash(&w);
            if set.holds(h, &w) {
                continue;
            }
            set.filter.insert(h);
            match set.by_hash.entry(h) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(w.into_boxed_str());
                }
                std::collections::hash_map::Entry::Occupied(_) => set.collided.push(w.into_boxed_str()),
            }
        }
        set
    }
}

/// A 4,096-bit filter over word hashes (two bits per word): a word not in
/// it is no key; a word in it may be.
#[derive(Debug, Clone)]
struct HashFilter([u64; 64]);

impl Default for HashFilter {
    fn default() -> Self {
        HashFilter([0; 64])
    }
}

impl HashFilter {
    #[inline]
    fn bits(h: u64) -> (usize, usize) {
        ((h >> 52) as usize, ((h >> 40) & 0xfff) as usize)
    }

    fn insert(&mut self, h: u64) {
        let (a, b) = Self::bits(h);
        self.0[a >> 6] |= 1 << (a & 63);
        self.0[b >> 6] |= 1 << (b & 63);
    }

    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let (a, b) = Self::bits(h);
        self.0[a >> 6] & (1 << (a & 63)) != 0 && self.0[b >> 6] & (1 << (b & 63)) != 0
    }
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            by_first: ByHash::default(),
            by_last: ByHash::default(),
            firsts: HashFilter::default(),
            lasts: HashFilter::default(),
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
        for (entry, value) in entries {
            let toks = tokens_of(&entry);
            let hashes: Vec<u64> = toks.iter().map(|w| word_hash(w)).collect();
            let (Some(&first), Some(&last)) = (hashes.first(), hashes.last()) else { continue };
            p.firsts.insert(first);
            p.lasts.insert(last);
            let e = Entry { toks, hashes, value };
            p.by_first.entry(first).or_default().push(e.clone());
            p.by_last.entry(last).or_default().push(e);
        }
        for list in p.by_first.values_mut().chain(p.by_last.values_mut()) {
            list.sort_by_key(|e| std::cmp::Reverse(e.toks.len()));
        }
        p
    }

    /// Do tokens `i..` of `text` spell entry `e`? Hashes first, then the words.
    #[inline]
    fn spelled_at(text: &Text, i: usize, e: &Entry<V>) -> bool {
        e.hashes.iter().enumerate().all(|(k, &h)| text.token_hash(i + k) == h)
            && e.toks.iter().enumerate().all(|(k, w)| text.token_str(i + k) == w)
    }

    /// The value of the longest entry starting at token `i`, and the token after it.
    #[inline(always)]
    pub fn value_at(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        // Inlined where it is asked: most tokens stop at the filter.
        let h = text.token_hash_at(i)?;
        if !self.firsts.may_hold(h) {
            return None;
        }
        self.value_at_hashed(text, i, h)
    }

    #[inline(never)]
    fn value_at_hashed(&self, text: &Text, i: usize, h: u64) -> Option<(V, usize)> {
        let n = text.tokens().len();
        self.by_first.get(&h)?.iter().find_map(|e| {
            (i + e.toks.len() <= n && Self::spelled_at(text, i, e))
                .then(|| (e.value.clone(), i + e.toks.len()))
        })
    }

    /// The value of the longest entry ending just before token `i`, and its first token.
    #[inline(always)]
    pub fn value_before(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        let h = text.token_hash_at(i.checked_sub(1)?)?;
        if !self.lasts.may_hold(h) {
            return None;
        }
        self.value_before_hashed(text, i, h)
    }

    #[inline(never)]
    fn value_before_hashed(&self, text: &Text, i: usize, h: u64) -> Option<(V, usize)> {
        self.by_last.get(&h)?.iter().find_map(|e| {
            let n = e.toks.len();
            (n <= i && Self::spelled_at(text, i - n, e)).then(|| (e.value.clone(), i - n))
        })
    }

    /// The token after the longest entry starting at `i`.
    #[inline(always)]
    pub fn at(&self, text: &Text, i: usize) -> Option<usize> {
        self.value_at(text, i).map(|(_, e)| e)
    }

    /// The first token of the longest entry ending just before `i`.
    #[inline(always)]
    pub fn before(&self, text: &Text, i: usize) -> Option<usize> {
        self.value_before(text, i).map(|(_, s)| s)
    }

    /// The value of a one-word entry.
    pub fn word(&self, w: &str) -> Option<V> {
        self.by_first
            .get(&word_hash(w))?
            .iter()
            .find(|e| e.toks.len() == 1 && e.toks[0] == w)
            .map(|e| e.value.clone())
    }

    /// The first words of every entry (what can start a match).
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.values().flat_map(|list| {
            let mut seen: Vec<&str> = Vec::new();
            for e in list {
                if !seen.contains(&e.toks[0].as_str()) {
                    seen.push(&e.toks[0]);
                }
            }
            seen
        })
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
    fn word_sets_answer_for_tokens() {
        let set: WordSet = ["alep", "l'armee", "-"].into_iter().collect();
        let t = Text::new("L’armée entre à Alep-Est".into(), Some("fr"));
        let found: Vec<usize> = (0..t.tokens().len() + 1).filter(|&i| set.contains_token(&t, i)).collect();
        // "l", "'", "armee" are three tokens: the two-token entry is no token.
        assert_eq!(found, vec![5, 6]);
        assert!(set.contains("l'armee") && !set.contains("armee"));
    }

    #[test]
    fn word_sets_keep_words_whose_hashes_collide() {
        // A real collision is not at hand: make one, "b" filed under "a"'s hash.
        let mut set: WordSet = ["a"].into_iter().collect();
        let h = word_hash("a");
        set.by_hash.insert(h, "b".into());
        set.collided.push("a".into());
        assert!(set.holds(h, "a") && set.holds(h, "b"));
        assert!(!set.holds(h, "c") && !set.holds(word_hash("c"), "c"));
    }

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
