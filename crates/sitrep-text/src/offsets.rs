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
        let mut marks = Vec::new();
        let mut extra = 0u32;
        // Only a multi-byte character's first byte (0b11xx_xxxx) says
        // anything: how many bytes it has.
        for (at, &b) in text.as_bytes().iter().enumerate() {
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
            }
        }
        CharIndex { marks }
    }

    /// The character offsets of byte offsets given mostly in non-decreasing
    /// order, in about one pass over the index (what [`Self::char_offset`]
    /// gives each; an offset that goes back is walked back to).
    pub fn char_offsets_ascending(
        &self,
        bytes: impl IntoIterator<Item = usize>,
    ) -> impl Iterator<Item = usize> {
        // marks[..k] end at or before the current byte.
        let mut k = 0;
        bytes.into_iter().map(move |byte| {
            let b = byte as u32;
            while k > 0 && self.marks[k - 1].0 > b {
                k -= 1;
            }
            while k < self.marks.len() && self.marks[k].0 <= b {
                k += 1;
            }
            let extra = if k == 0 { 0 } else { self.marks[k - 1].1 };
            (b - extra) as usize
        })
    }

    /// The character offset of byte offset `byte` (see
    /// [`Self::char_offset`]), found by stepping from `cursor` (how many
    /// marks end at or before the byte asked last), which it moves on:
    /// offsets asked in about ascending order cost a step or none.
    #[inline]
    pub(crate) fn char_offset_from(&self, byte: usize, cursor: &mut usize) -> usize {
        let b = byte as u32;
        let mut k = (*cursor).min(self.marks.len());
        while k > 0 && self.marks[k - 1].0 > b {
            k -= 1;
        }
        while k < self.marks.len() && self.marks[k].0 <= b {
            k += 1;
        }
        *cursor = k;
        let extra = if k == 0 { 0 } else { self.marks[k - 1].1 };
        (b - extra) as usize
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
        let one_pass: Vec<usize> = ix.char_offsets_ascending(bytes.iter().copied()).collect();
        assert_eq!(one_pass, bytes.iter().map(|&b| ix.char_offset(b)).collect::<Vec<_>>());
    }
}
