//! Comparing short byte strings without a library call.

/// Are `a` and `b` the same bytes? What `a == b` answers, inlined: `==` on
/// slices calls the C library's `memcmp` through the PLT, which costs more
/// than the comparison itself for the short words of a text (most are
/// under eight bytes). The lengths first, then eight bytes at a time, the
/// last eight overlapping what came before; shorter strings in two
/// overlapping loads of four bytes, or byte by byte up to three.
#[inline(always)]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut k = 0;
        while k + 8 < n {
            if word8(a, k) != word8(b, k) {
                return false;
            }
            k += 8;
        }
        return word8(a, n - 8) == word8(b, n - 8);
    }
    if n >= 4 {
        return word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4);
    }
    n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1])
}

/// The eight bytes of `s` from `at` as one word (`at + 8 <= s.len()`).
#[inline(always)]
fn word8(s: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or_default())
}

/// The four bytes of `s` from `at` as one word (`at + 4 <= s.len()`).
#[inline(always)]
fn word4(s: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same answer as `==`, for any lengths and for strings that
        /// differ in one byte only.
        #[test]
        fn answers_like_eq(a in proptest::collection::vec(0u8..4, 0..40), b in proptest::collection::vec(0u8..4, 0..40), flip in 0usize..40) {
            proptest::prop_assert_eq!(same_bytes(&a, &b), a == b);
            proptest::prop_assert!(same_bytes(&a, &a));
            let mut c = a.clone();
            if let Some(x) = c.get_mut(flip) {
                *x ^= 0x80;
                proptest::prop_assert!(!same_bytes(&a, &c));
            }
        }
    }
}
