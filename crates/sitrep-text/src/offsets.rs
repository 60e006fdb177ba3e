//! Byte offsets (what Rust slices with) to character offsets (what the record
//! format and Python count: Unicode scalar values).

/// Converts byte offsets of one text into character offsets.
///
/// Stores one entry per non-ASCII character, so ASCII texts cost nothing and
/// a lookup is a binary search.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// (byte offset just after a non-ASCII character, extra bytes so far).
    marks: Vec<(u32, u32)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        // Room for a character in sixteen bytes: a report in French has
        // one in twenty or so, and the list is not grown from four marks
        // up, a doubling at a time.
        let mut marks = Vec::with_capacity(text.len() / 16);
        let mut extra = 0u32;
        // Only a multi-byte character's first byte (0b11xx_xxxx) says
        // anything: how many bytes it has.
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Runs of ASCII, most of a text, are skipped eight bytes at a time.
            at += crate::fold::ascii_run(&bytes[at..]);
            let Some(&b) = bytes.get(at) else { break };
            if b >= 0xC0 {
                let n = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else {
                    2
                };
                extra += n - 1;
                marks.push((at as u32 + n, extra));
                // The rest of the character: continuation bytes.
                at += n as usize - 1;
            }
            at += 1;
        }
        CharIndex { marks }
    }

    /// The character offset of byte offset `byte`, which must lie on a
    /// character boundary of the indexed text.
    #[inline]
    pub fn char_offset(&self, byte: usize) -> usize {
        let b = byte as u32;
        let i = self.marks.partition_point(|&(end, _)| end <= b);
        let extra = if i == 0 { 0 } else { self.marks[i - 1].1 };
        (b - extra) as usize
    }
}

/// Maps byte offsets asked in about ascending order (a text's token starts
/// and ends) to character offsets, stepping through the index's marks: an
/// offset between the same two marks as the last one is answered by two
/// comparisons.
pub(crate) struct CharCursor<'a> {
    marks: &'a [(u32, u32)],
    /// How many marks end at or before the bytes asked last.
    k: usize,
    /// Where the marks before and after `k` end (0 and `u32::MAX` at the
    /// ends), and the extra bytes before `k`.
    after: u32,
    before: u32,
    extra: u32,
}

impl<'a> CharCursor<'a> {
    pub(crate) fn new(index: &'a CharIndex) -> Self {
        let mut c = CharCursor { marks: &index.marks, k: 0, after: 0, before: u32::MAX, extra: 0 };
        c.seat();
        c
    }

    /// Sets `after`, `before` and `extra` for `k`.
    fn seat(&mut self) {
        let (after, extra) = if self.k == 0 { (0, 0) } else { self.marks[self.k - 1] };
        self.after = after;
        self.extra = extra;
        self.before = self.marks.get(self.k).map_or(u32::MAX, |m| m.0);
    }

    /// The character offset of byte offset `byte` (see [`CharIndex::char_offset`]).
    #[inline]
    pub(crate) fn char_offset(&mut self, byte: usize) -> usize {
        let b = byte as u32;
        if b < self.after || b >= self.before {
            self.step(b);
        }
        (b - self.extra) as usize
    }

    #[inline(never)]
    fn step(&mut self, b: u32) {
        let mut k = self.k;
        while k > 0 && self.marks[k - 1].0 > b {
            k -= 1;
        }
        while k < self.marks.len() && self.marks[k].0 <= b {
            k += 1;
        }
        self.k = k;
        self.seat();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters() {
        let s = "é à Alep — حلب x";
        let ix = CharIndex::new(s);
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(ix.char_offset(bi), ci);
        }
        assert_eq!(ix.char_offset(s.len()), s.chars().count());
        // In order, and going back (tokens inside an expansion may).
        let mut bytes: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
        bytes.extend([3, 0, s.len(), 2]);
        let mut cursor = CharCursor::new(&ix);
        let stepped: Vec<usize> = bytes.iter().map(|&b| cursor.char_offset(b)).collect();
        assert_eq!(stepped, bytes.iter().map(|&b| ix.char_offset(b)).collect::<Vec<_>>());
    }
}
