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
    /// Every word is short enough for its hash to settle it
    /// ([`word_hash_is_exact`]): equal hashes spell the entry.
    exact: bool,
    /// The hash of the word next to the edge the entry is filed under (its
    /// second word in `by_first`, its last but one in `by_last`; 0 for a
    /// one-word entry): most entries that share an edge word differ there,
    /// and this turns them away without reaching into `hashes`.
    inner: u64,
    value: V,
}

/// A table keyed by hashes already made ([`word_hash`]), of its own
/// making: the slot is the hash's low bits, the next slot on a clash, and
/// a vacant slot ends the search (at most half are full). A lookup reads
/// a slot or two, where a `HashMap` lookup (groups of control bytes) took
/// about twenty-five instructions more; phrase probes, word sets, word
/// memories and number words, which every stage asks, use it.
#[derive(Debug, Clone)]
pub(crate) struct HashSlots<T> {
    slots: Vec<(u64, T)>,
    len: usize,
}

/// A value that says a [`HashSlots`] slot is vacant (never kept).
pub(crate) trait Vacant: Default {
    fn is_vacant(&self) -> bool;
}

impl<E> Vacant for Vec<E> {
    fn is_vacant(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Vacant for Option<T> {
    fn is_vacant(&self) -> bool {
        self.is_none()
    }
}

impl<T: Vacant> Default for HashSlots<T> {
    fn default() -> Self {
        HashSlots { slots: vec![(0, T::default())], len: 0 }
    }
}

impl<T: Vacant> HashSlots<T> {
    /// How many values are kept.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Every value kept, in no particular order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &T> {
        self.slots.iter().map(|(_, v)| v).filter(|v| !v.is_vacant())
    }

    /// Forgets every value.
    pub(crate) fn clear(&mut self) {
        *self = HashSlots::default();
    }

    /// The value kept under the hash `h`.
    #[inline(always)]
    pub(crate) fn get(&self, h: u64) -> Option<&T> {
        let mask = self.slots.len() - 1;
        let mut k = h as usize & mask;
        loop {
            let (key, v) = &self.slots[k];
            if v.is_vacant() {
                return None;
            }
            if *key == h {
                return Some(v);
            }
            k = (k + 1) & mask;
        }
    }

    /// Keeps `v` (not vacant) under `h`, in place of any value kept there.
    pub(crate) fn insert(&mut self, h: u64, v: T) {
        if (self.len + 1) * 2 > self.slots.len() {
            let size = self.slots.len() * 2;
            let old = std::mem::replace(&mut self.slots, (0..size).map(|_| (0, T::default())).collect());
            self.len = 0;
            for (k, v) in old.into_iter().filter(|(_, v)| !v.is_vacant()) {
                self.insert(k, v);
            }
        }
        let mask = self.slots.len() - 1;
        let mut k = h as usize & mask;
        while !self.slots[k].1.is_vacant() && self.slots[k].0 != h {
            k = (k + 1) & mask;
        }
        if self.slots[k].1.is_vacant() {
            self.len += 1;
        }
        self.slots[k] = (h, v);
    }
}

impl<T: Vacant> FromIterator<(u64, T)> for HashSlots<T> {
    fn from_iter<I: IntoIterator<Item = (u64, T)>>(items: I) -> Self {
        let mut t = HashSlots::default();
        items.into_iter().for_each(|(h, v)| t.insert(h, v));
        t
    }
}

/// Entries (as folded token sequences) with a value each.
#[derive(Debug, Clone)]
pub struct Phrases<V = ()> {
    /// Entries by the hash of their first and of their last word, longest
    /// first (see [`HashSlots`]). The text's words are hashed once, when it
    /// is analysed, so a lookup hashes nothing.
    from_first: HashSlots<Vec<Entry<V>>>,
    from_last: HashSlots<Vec<Entry<V>>>,
    /// Filters over the entries' words: most words of a text start (end)
    /// no entry, and two bits say so before the table is probed.
    starts: EdgeBits,
    ends: EdgeBits,
}

/// Which tokens may begin (or, read backwards, end) an entry: the first
/// words of all entries, asked inline where a table is asked, then the
/// one-word entries and the first two words of the longer ones, asked
/// before the table is probed. A common first word ("de" of "de nos
/// jours", "the" of "the day before") is seldom followed by the second
/// word of any entry, and is turned away by two bits rather than a probe.
#[derive(Debug, Clone, Default)]
struct EdgeBits {
    words: HashBits,
    alone: HashBits,
    pairs: HashBits,
}

impl EdgeBits {
    /// Over entries given as their words' hashes, in reading order from
    /// the edge (first word first for starts, last word first for ends).
    fn new<'a>(entries: impl Iterator<Item = &'a [u64]> + Clone) -> Self {
        EdgeBits {
            words: entries.clone().filter_map(|e| e.first().copied()).collect(),
            alone: entries.clone().filter(|e| e.len() == 1).map(|e| e[0]).collect(),
            pairs: entries.filter(|e| e.len() >= 2).map(|e| pair_hash(e[0], e[1])).collect(),
        }
    }

    /// `false` when no entry has the edge word `h` followed (read from the
    /// edge) by the word whose hash `next` gives.
    #[inline]
    fn may_go_on(&self, h: u64, next: Option<u64>) -> bool {
        self.alone.may_hold(h) || next.is_some_and(|n| self.pairs.may_hold(pair_hash(h, n)))
    }
}

/// Where a phrase of one or more tables may begin, for callers that ask
/// several tables at a token (or a table of their own making): the bits
/// [`Phrases`] asks before each probe, over all their phrases.
#[derive(Debug, Clone, Default)]
pub struct PhraseStarts(EdgeBits);

impl PhraseStarts {
    /// Over `phrases`, folded and tokenized as [`Phrases`] does.
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> Self {
        let hashes: Vec<Vec<u64>> = phrases
            .into_iter()
            .map(|p| tokens_of(p.as_ref()).iter().map(|w| word_hash(w)).collect())
            .collect();
        PhraseStarts(EdgeBits::new(hashes.iter().map(Vec::as_slice)))
    }

    /// May a phrase's first word have the hash `h`? (`false`: none has.)
    #[inline(always)]
    pub fn may_begin_with(&self, h: u64) -> bool {
        self.0.words.may_hold(h)
    }

    /// May a phrase begin at token `i`? (`false`: none does.)
    #[inline(always)]
    pub fn may_start(&self, text: &Text, i: usize) -> bool {
        text.token_hash_at(i)
            .is_some_and(|h| self.0.words.may_hold(h) && self.0.may_go_on(h, text.token_hash_at(i + 1)))
    }
}

/// One hash for two words in a row, from their [`word_hash`]es (order
/// counts).
#[inline]
pub fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(23) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Words of at most this many bytes have hashes of their own: see
/// [`word_hash_is_exact`].
const EXACT_LEN: usize = 7;

/// Is the hash of a word of `len` bytes its own? Two words whose
/// [`word_hash`]es are equal are the same word when either of them is at
/// most seven bytes long (most words looked up are): a lookup that found
/// such a word by its hash need not compare the text.
#[inline(always)]
pub fn word_hash_is_exact(len: usize) -> bool {
    len <= EXACT_LEN
}

/// The hash of a folded word, as [`Text::token_hash`] gives it for each token.
///
/// A word of up to seven bytes is its bytes and its length in one `u64`
/// (the length in the top byte), mixed; a longer word is foldhash's hash
/// with a bit set that puts its top byte at eight or more, mixed. The mix
/// is one-to-one, so a short word's hash is no other word's (see
/// [`word_hash_is_exact`]), and every bit of it is well stirred, as the
/// filters ([`HashBits`]) and tables ([`ByHash`]) want.
#[inline]
pub fn word_hash(w: &str) -> u64 {
    bytes_hash(w.as_bytes())
}

/// [`word_hash`] of a word's bytes (a token's, sliced without the
/// character-boundary checks of a `str`).
#[inline(always)]
pub(crate) fn bytes_hash(b: &[u8]) -> u64 {
    let packed = if b.len() > EXACT_LEN { long_word_hash(b) | 1 << 59 } else { short_word(b) };
    mix(packed ^ 0x5173_7265_7021)
}

/// A word of at most [`EXACT_LEN`] bytes as one `u64`: its bytes, the
/// first in the low byte, and its length in the top byte.
#[inline(always)]
fn short_word(b: &[u8]) -> u64 {
    let n = b.len();
    let bytes = if n >= 4 {
        // Two four-byte reads that overlap: the bytes they share land on
        // the same places.
        let four =
            |at: usize| b.get(at..at + 4).and_then(|q| q.try_into().ok()).map_or(0, u32::from_le_bytes);
        let (lo, hi) = (u64::from(four(0)), u64::from(four(n - 4)));
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        // The first, middle and last bytes: all there are, some twice.
        u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    };
    bytes | (n as u64) << 56
}

/// foldhash's hash of a word longer than [`EXACT_LEN`] bytes.
#[inline(never)]
fn long_word_hash(w: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    // A fixed seed: tables built at start-up and texts analysed later agree.
    foldhash::fast::FixedState::with_seed(0x5173_7265_7021).hash_one(w)
}

/// MurmurHash3's finalizer: one-to-one on `u64` (each step can be undone),
/// and every input bit stirs every output bit.
#[inline(always)]
fn mix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ k >> 33
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
    filter: HashBits,
    /// Each word by its hash ([`word_hash`]).
    by_hash: HashSlots<Option<Box<str>>>,
    /// Words whose hash an earlier word of the set already has (64-bit
    /// hashes hardly ever collide, but a collision must not lose a word).
    collided: Vec<Box<str>>,
}

impl WordSet {
    /// Is `w` in the set?
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.holds(word_hash(w), w.as_bytes())
    }

    /// Is token `i`'s folded text in the set? (`false` past the end.)
    #[inline(always)]
    pub fn contains_token(&self, text: &Text, i: usize) -> bool {
        text.token_hash_at(i).is_some_and(|h| self.filter.may_hold(h)) && self.holds_token(text, i)
    }

    #[inline(never)]
    fn holds_token(&self, text: &Text, i: usize) -> bool {
        self.holds(text.token_hash(i), text.token_bytes(i))
    }

    /// Is `w`, whose hash is `h`, in the set? (Bytes: a token's text needs
    /// no character-boundary checks to be compared.)
    #[inline]
    pub(crate) fn holds(&self, h: u64, w: &[u8]) -> bool {
        match self.by_hash.get(h).and_then(Option::as_deref) {
            // A short word found by its hash is the word (see
            // [`word_hash_is_exact`]): no text to compare.
            Some(found) => {
                word_hash_is_exact(w.len())
                    || found.as_bytes() == w
                    || self.collided.iter().any(|c| c.as_bytes() == w)
            }
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
            if set.holds(h, w.as_bytes()) {
                continue;
            }
            set.filter.insert(h);
            if set.by_hash.get(h).is_some() {
                set.collided.push(w.into_boxed_str());
            } else {
                set.by_hash.insert(h, Some(w.into_boxed_str()));
            }
        }
        set
    }
}

/// A filter over hashes: two bits per member in `WORDS` × 64 bits. A hash
/// not in the set finds both of its bits set seldom while the set has
/// fewer members than a sixteenth of the bits (the default, 4,096 bits,
/// suits a few hundred words). "No" is sure; "maybe" needs the table
/// behind. Cheaper than a probe, and all most words need. The bits come
/// from the hash's high and middle bits, the best mixed by [`word_hash`]
/// and [`pair_hash`].
#[derive(Debug, Clone)]
pub struct HashBits<const WORDS: usize = 64>([u64; WORDS]);

impl<const WORDS: usize> Default for HashBits<WORDS> {
    fn default() -> Self {
        HashBits([0; WORDS])
    }
}

impl<const WORDS: usize> HashBits<WORDS> {
    /// How many bits index the filter.
    const BITS: u32 = {
        assert!(
            WORDS.is_power_of_two() && WORDS <= 1 << 34,
            "HashBits: a power of two of words, at most 2^40 bits"
        );
        (WORDS * 64).trailing_zeros()
    };

    #[inline(always)]
    fn bits(h: u64) -> (usize, usize) {
        ((h >> (64 - Self::BITS)) as usize, (h >> 24) as usize & (WORDS * 64 - 1))
    }

    /// The set of `hashes`.
    pub fn new(hashes: impl IntoIterator<Item = u64>) -> Self {
        hashes.into_iter().collect()
    }

    /// Adds `h`.
    pub fn insert(&mut self, h: u64) {
        let (a, b) = Self::bits(h);
        self.0[a >> 6] |= 1 << (a & 63);
        self.0[b >> 6] |= 1 << (b & 63);
    }

    /// May `h` be in the set? (`false`: it is not.)
    #[inline(always)]
    pub fn may_hold(&self, h: u64) -> bool {
        let (a, b) = Self::bits(h);
        self.0[a >> 6] & (1 << (a & 63)) != 0 && self.0[b >> 6] & (1 << (b & 63)) != 0
    }
}

impl<const WORDS: usize> FromIterator<u64> for HashBits<WORDS> {
    fn from_iter<I: IntoIterator<Item = u64>>(hashes: I) -> Self {
        let mut f = HashBits::default();
        hashes.into_iter().for_each(|h| f.insert(h));
        f
    }
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            from_first: HashSlots::default(),
            from_last: HashSlots::default(),
            starts: EdgeBits::default(),
            ends: EdgeBits::default(),
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
        let mut by_first: ByHash<Vec<Entry<V>>> = ByHash::default();
        let mut by_last: ByHash<Vec<Entry<V>>> = ByHash::default();
        for (entry, value) in entries {
            let toks = tokens_of(&entry);
            let hashes: Vec<u64> = toks.iter().map(|w| word_hash(w)).collect();
            let (Some(&first), Some(&last)) = (hashes.first(), hashes.last()) else { continue };
            let exact = toks.iter().all(|w| word_hash_is_exact(w.len()));
            let n = hashes.len();
            let (second, penult) = if n > 1 { (hashes[1], hashes[n - 2]) } else { (0, 0) };
            let e = Entry { toks, hashes, exact, inner: second, value };
            by_first.entry(first).or_default().push(e.clone());
            by_last.entry(last).or_default().push(Entry { inner: penult, ..e });
        }
        for list in by_first.values_mut().chain(by_last.values_mut()) {
            list.sort_by_key(|e| std::cmp::Reverse(e.toks.len()));
        }
        let entries = || by_first.values().flatten();
        let starts = EdgeBits::new(entries().map(|e| e.hashes.as_slice()));
        let reversed: Vec<Vec<u64>> = entries().map(|e| e.hashes.iter().rev().copied().collect()).collect();
        let ends = EdgeBits::new(reversed.iter().map(Vec::as_slice));
        Phrases {
            from_first: by_first.into_iter().collect(),
            from_last: by_last.into_iter().collect(),
            starts,
            ends,
        }
    }

    /// Do tokens `i..` of `text` spell entry `e`? Hashes first, then the
    /// words longer than a hash settles ([`word_hash_is_exact`]).
    #[inline]
    fn spelled_at(text: &Text, i: usize, e: &Entry<V>) -> bool {
        let n = e.hashes.len();
        text.token_hashes.get(i..i + n).is_some_and(|hs| hs.iter().zip(&e.hashes).all(|(a, b)| a == b))
            && (e.exact
                || e.toks
                    .iter()
                    .enumerate()
                    .all(|(k, w)| word_hash_is_exact(w.len()) || text.token_bytes(i + k) == w.as_bytes()))
    }

    /// The value of the longest entry starting at token `i`, and the token after it.
    #[inline(always)]
    pub fn value_at(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        // Inlined where it is asked: most tokens stop at the filter.
        let h = text.token_hash_at(i)?;
        if !self.starts.words.may_hold(h) {
            return None;
        }
        self.value_at_hashed(text, i, h)
    }

    /// The second filter, out of line but apart from the probe: a word
    /// turned away here costs no saving and restoring of the registers the
    /// probe needs (most that pass the first filter are turned away).
    #[inline(never)]
    fn value_at_hashed(&self, text: &Text, i: usize, h: u64) -> Option<(V, usize)> {
        if !self.starts.may_go_on(h, text.token_hash_at(i + 1)) {
            return None;
        }
        self.probe_at(text, i, h)
    }

    #[inline(never)]
    fn probe_at(&self, text: &Text, i: usize, h: u64) -> Option<(V, usize)> {
        let n = text.tokens().len();
        let next = text.token_hash_at(i + 1).unwrap_or(0);
        self.from_first.get(h)?.iter().find_map(|e| {
            let len = e.toks.len();
            (i + len <= n && Self::goes_on(e, len, next) && Self::spelled_short(text, i, len, e))
                .then(|| (e.value.clone(), i + len))
        })
    }

    /// [`Self::spelled_at`] for an entry that [`Self::goes_on`] passed: an
    /// entry of one or two words whose hashes settle them
    /// ([`word_hash_is_exact`]) is spelled already (the table's key and
    /// `inner` were its words' hashes).
    #[inline(always)]
    fn spelled_short(text: &Text, i: usize, len: usize, e: &Entry<V>) -> bool {
        (len <= 2 && e.exact) || Self::spelled_at(text, i, e)
    }

    /// Does entry `e` (of `len` words, filed under the word the text has
    /// at the edge) go on with the word whose hash is `next`? `false` sends
    /// most entries sharing an edge word away before [`Self::spelled_at`];
    /// `true` for a one-word entry.
    #[inline(always)]
    fn goes_on(e: &Entry<V>, len: usize, next: u64) -> bool {
        len == 1 || e.inner == next
    }

    /// The value of the longest entry ending just before token `i`, and its first token.
    #[inline(always)]
    pub fn value_before(&self, text: &Text, i: usize) -> Option<(V, usize)> {
        let h = text.token_hash_at(i.checked_sub(1)?)?;
        if !self.ends.words.may_hold(h) {
            return None;
        }
        self.value_before_hashed(text, i, h)
    }

    /// The second filter (see [`Self::value_at_hashed`]).
    #[inline(never)]
    fn value_before_hashed(&self, text: &Text, i: usize, h: u64) -> Option<(V, usize)> {
        if !self.ends.may_go_on(h, i.checked_sub(2).and_then(|k| text.token_hash_at(k))) {
            return None;
        }
        self.probe_before(text, i, h)
    }

    #[inline(never)]
    fn probe_before(&self, text: &Text, i: usize, h: u64) -> Option<(V, usize)> {
        let next = i.checked_sub(2).and_then(|k| text.token_hash_at(k)).unwrap_or(0);
        self.from_last.get(h)?.iter().find_map(|e| {
            let n = e.toks.len();
            (n <= i && Self::goes_on(e, n, next) && Self::spelled_short(text, i - n, n, e))
                .then(|| (e.value.clone(), i - n))
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
        self.from_first
            .get(word_hash(w))?
            .iter()
            .find(|e| e.toks.len() == 1 && e.toks[0] == w)
            .map(|e| e.value.clone())
    }

    /// The first words of every entry (what can start a match).
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.from_first.values().flat_map(|list| {
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
        // A real collision is not at hand (and short words have none):
        // make one, "bravoure" filed under "alphabet"'s hash.
        let mut set: WordSet = ["alphabet"].into_iter().collect();
        let h = word_hash("alphabet");
        set.by_hash.insert(h, Some("bravoure".into()));
        set.collided.push("alphabet".into());
        assert!(set.holds(h, b"alphabet") && set.holds(h, b"bravoure"));
        assert!(!set.holds(h, b"chenille") && !set.holds(word_hash("chenille"), b"chenille"));
    }

    proptest::proptest! {
        /// A table of slots answers as a map does, hashes that share low
        /// bits (the slot) included.
        #[test]
        fn hash_slots_answer_as_a_map(keys in proptest::collection::vec(0u64..64, 0..40), asked in 0u64..64) {
            let mut slots: HashSlots<Option<u64>> = HashSlots::default();
            let mut map = std::collections::HashMap::new();
            for (n, &k) in keys.iter().enumerate() {
                let h = k.rotate_right(3);
                slots.insert(h, Some(n as u64));
                map.insert(h, n as u64);
            }
            for h in map.keys().copied().chain([asked.rotate_right(3)]) {
                proptest::prop_assert_eq!(slots.get(h).copied().flatten(), map.get(&h).copied());
            }
        }

        /// A short word is packed as its bytes and its length, so that no
        /// two short words share a hash; a long word's packing is never a
        /// short word's.
        #[test]
        fn short_words_pack_their_bytes(w in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..=EXACT_LEN)) {
            let mut bytes = [0u8; 8];
            bytes[..w.len()].copy_from_slice(&w);
            bytes[7] = w.len() as u8;
            proptest::prop_assert_eq!(short_word(&w), u64::from_le_bytes(bytes));
        }

        #[test]
        fn hashes_of_short_words_settle_them(a in "[a-z'é-]{0,7}", b in "[a-z'é-]{0,12}") {
            if word_hash_is_exact(a.len()) || word_hash_is_exact(b.len()) {
                proptest::prop_assert_eq!(word_hash(&a) == word_hash(&b), a == b);
            }
        }
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
