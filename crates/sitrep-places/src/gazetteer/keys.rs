//! Lookup keys for place names: the exact key (folded words) and the
//! transliteration skeleton that makes Hamdaniyyeh, Hamadaniyyeh and
//! al-Hamdaniya one name.

use sitrep_text::fold;

/// The exact lookup key: folded words joined by one space, punctuation
/// dropped. "Deir ez-Zor" → "deir ez zor"; "Alep" → "alep".
pub fn place_key(name: &str) -> String {
    // Most calls get one folded word: nothing to do.
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return name.to_string();
    }
    // Most others are ASCII ("Aleppo", "Deir ez-Zor"): no folding needed.
    if name.is_ascii() {
        return ascii_key(name).map(char::from).collect();
    }
    let f = fold(name);
    let mut out = String::with_capacity(f.len());
    for word in f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`place_key`], remembered per thread: resolution keys the same gazetteer
/// names ("Ḩalab", "Aleppo") over and over, and folding costs some thousand
/// instructions a name. Shared, not copied.
pub(crate) fn place_key_cached(name: &str) -> std::rc::Rc<str> {
    thread_local! {
        static SEEN: sitrep_text::WordMemo<std::rc::Rc<str>> = sitrep_text::WordMemo::new(20_000);
    }
    SEEN.with(|seen| seen.get_or(name, || place_key(name).into()))
}

/// The bytes of [`place_key`] of an ASCII name, for comparing without a copy.
/// Folding an ASCII string only lower-cases it, and every other ASCII
/// character than a letter or a digit separates words: the key is the
/// lower-cased words joined by one space.
pub(crate) fn ascii_key(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).enumerate().flat_map(
        |(n, w)| (n > 0).then_some(b' ').into_iter().chain(w.bytes().map(|b| b.to_ascii_lowercase())),
    )
}

/// The exact key of token `k` of a text, without copying when the token
/// is a word or a number (its folded form is its key); punctuation has an
/// empty key.
#[inline]
pub fn token_key(text: &sitrep_text::Text, k: usize) -> std::borrow::Cow<'_, str> {
    let s = text.token_str(k);
    if text.tokens()[k].kind == sitrep_text::TokenKind::Punct {
        return std::borrow::Cow::Owned(place_key(s));
    }
    std::borrow::Cow::Borrowed(s)
}

/// A spelling-insensitive key for transliterated (mostly Arabic) names:
/// articles, vowels and doubled letters go, common digraph spellings meet
/// ("ou"/"u", "ch"/"sh", "q"/"k", "dh"/"z"), and the feminine ending
/// (-a, -ah, -e, -eh) is dropped from each word. Hamdaniyyeh, Hamadaniyyeh,
/// al-Hamdaniya → "hmdn"; Deir ez-Zor, Dayr az Zawr, Deir Ezzor → "drzr".
pub fn skeleton(name: &str) -> String {
    let mut out = Vec::with_capacity(name.len());
    write_skeleton(name, &mut out);
    // Whole characters were written, so the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// [`skeleton`], remembered per thread: extraction asks for the skeletons of
/// the same capitalised names over and over (every document, several
/// stages). Loaders, which see every name once, call [`skeleton`].
/// Shared, not copied: most asks are answered from memory. A new name is
/// written into a buffer kept per thread and copied once, into the `Rc`.
pub fn skeleton_cached(name: &str) -> std::rc::Rc<str> {
    thread_local! {
        static SEEN: sitrep_text::WordMemo<std::rc::Rc<str>> = sitrep_text::WordMemo::new(20_000);
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SEEN.with(|seen| {
        seen.get_or(name, || {
            BUF.with_borrow_mut(|buf| {
                buf.clear();
                write_skeleton(name, buf);
                std::str::from_utf8(buf).unwrap_or_default().into()
            })
        })
    })
}

/// Writes the skeleton of `name` into `out` (empty) in two passes over
/// one buffer, with no string in between (names seen for the first time
/// are many on real news: this was thousands of instructions a name).
/// First the folded words, each written as it is read: apostrophes
/// dropped, articles and feminine endings cut when the word ends. Then,
/// in place, the digraphs, vowels and doubled letters.
fn write_skeleton(name: &str, out: &mut Vec<u8>) {
    // Apostrophes stand for ayn and hamza: drop them, do not split on them.
    let mut start = 0;
    if name.is_ascii() {
        // Folding ASCII only lower-cases it, and it writes no more bytes
        // than it reads: room is made once, then written by index.
        out.resize(name.len(), 0);
        let mut w = 0;
        for &b in name.as_bytes() {
            match ASCII_WORDS[b as usize] {
                SPLIT => {
                    w = start + end_word(&out[start..w]);
                    start = w;
                }
                DROP => {}
                c => {
                    out[w] = c;
                    w += 1;
                }
            }
        }
        out.truncate(start + end_word(&out[start..w]));
    } else {
        let mut utf8 = [0; 4];
        for c in fold(name).chars() {
            if matches!(c, '\'' | 'ʿ' | 'ʾ' | '`') {
                continue;
            }
            if c.is_alphanumeric() {
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            } else {
                out.truncate(start + end_word(&out[start..]));
                start = out.len();
            }
        }
        out.truncate(start + end_word(&out[start..]));
    }
    squeeze(out);
}

/// In [`ASCII_WORDS`]: a byte that ends a word.
const SPLIT: u8 = 0;
/// In [`ASCII_WORDS`]: a byte that is dropped (an apostrophe).
const DROP: u8 = 1;

/// What each ASCII byte is in a name's words: a letter or digit, lower-cased,
/// [`SPLIT`] or [`DROP`]. One lookup, not several tests, per byte.
const ASCII_WORDS: [u8; 128] = {
    let mut table = [SPLIT; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if c == b'\'' || c == b'`' {
            table[b] = DROP;
        }
        b += 1;
    }
    table
};

/// How much of a word just written to keep: none of an article, all but a
/// feminine ending (-eh, -ah, -a, -e) that leaves two bytes or more.
#[inline]
fn end_word(word: &[u8]) -> usize {
    if is_article(word) {
        return 0;
    }
    let cut = match word {
        [.., b'e' | b'a', b'h'] => 2,
        [.., b'a' | b'e'] => 1,
        _ => 0,
    };
    if cut > 0 && word.len() - cut >= 2 { word.len() - cut } else { word.len() }
}

/// Is `word` an Arabic article written as a separate word in a
/// transliteration? One match, not a comparison per article.
#[inline]
fn is_article(word: &[u8]) -> bool {
    matches!(
        word,
        b"al"
            | b"el"
            | b"ad"
            | b"ed"
            | b"as"
            | b"es"
            | b"ash"
            | b"esh"
            | b"az"
            | b"ez"
            | b"ar"
            | b"er"
            | b"an"
            | b"en"
            | b"at"
            | b"et"
            | b"ech"
            | b"ach"
            | b"ul"
            | b"ud"
            | b"adh"
            | b"ath"
            | b"dh"
    )
}

/// The joined words in `out` to their skeleton, in place (it never grows):
/// "ch" → "sh", "kh" → "k", "gh" → "g", "dh" → "z", "th" → "t", "ph" → "f",
/// "dj" → "j", then "q" and "c" → "k"; vowels go and a letter repeated
/// (vowels between or not) is written once. One left-to-right scan does
/// what replacing each digraph in turn over the whole string did: no two
/// digraphs can overlap (h, j are never first letters) and no replacement
/// makes a digraph that a later one would replace. ("ou" → "u" needs no
/// step: both are vowels.)
fn squeeze(out: &mut Vec<u8>) {
    let n = out.len();
    let (mut r, mut w) = (0, 0);
    // The length of the last letter written (0: none): it is `out[w - last..w]`.
    let mut last = 0;
    while r < n {
        let b = out[r];
        r += 1;
        if !b.is_ascii() {
            // A letter of several bytes: no digraph and no vowel.
            let len = match b {
                0xf0.. => 4,
                0xe0.. => 3,
                _ => 2,
            };
            let at = r - 1;
            if last != len || out[w - len..w] != out[at..at + len] {
                out.copy_within(at..at + len, w);
                w += len;
                last = len;
            }
            r = at + len;
            continue;
        }
        // Only the first letters of digraphs, and q, need the next byte.
        let l = if matches!(b, b'c' | b'k' | b'g' | b'd' | b't' | b'p' | b'q') {
            let next = out.get(r).copied().unwrap_or(0);
            let (l, read) = match (b, next) {
                (b'c', b'h') => {
                    put(out, &mut w, &mut last, b's');
                    (b'h', 1)
                }
                (b'k' | b'g' | b't', b'h') => (b, 1),
                (b'd', b'h') => (b'z', 1),
                (b'p', b'h') => (b'f', 1),
                (b'd', b'j') => (b'j', 1),
                (b'q' | b'c', _) => (b'k', 0),
                _ => (b, 0),
            };
            r += read;
            l
        } else {
            b
        };
        put(out, &mut w, &mut last, l);
    }
    out.truncate(w);
}

/// Writes ASCII letter `l` at `out[*w]` for [`squeeze`], unless it is a
/// vowel or the last letter written (`*last`: its length in bytes) again.
#[inline(always)]
fn put(out: &mut [u8], w: &mut usize, last: &mut usize, l: u8) {
    if matches!(l, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w') || *last == 1 && out[*w - 1] == l {
        return;
    }
    out[*w] = l;
    *w += 1;
    *last = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_keys() {
        assert_eq!(place_key("Deir ez-Zor"), "deir ez zor");
        assert_eq!(place_key("  Alep "), "alep");
        assert_eq!(place_key("Ma'arrat al-Nu'man"), "ma arrat al nu man");
        assert_eq!(place_key("حلب"), "حلب");
    }

    #[test]
    fn ascii_keys_are_folded_keys() {
        // The ASCII shortcut gives what folding gives.
        let slow = |name: &str| {
            let f = fold(name);
            let words: Vec<&str> =
                f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            words.join(" ")
        };
        for name in [
            "Deir ez-Zor",
            "  Alep ",
            "Ma'arrat al-Nu'man",
            "Ky.",
            "B.C.",
            "",
            " ",
            "--",
            "a\tb\n c",
            "Ar-Raqqa 2",
            "X",
        ] {
            assert_eq!(place_key(name), slow(name), "{name:?}");
            assert!(ascii_key(name).eq(slow(name).bytes()), "{name:?}");
        }
        let all_ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(place_key(&all_ascii), slow(&all_ascii));
    }

    #[test]
    fn token_keys_are_place_keys() {
        let text = sitrep_text::Text::new("À Deir ez-Zor, l'armée سوريا Hamdaniyyé 1070.".into(), Some("fr"));
        for k in 0..text.tokens().len() {
            assert_eq!(token_key(&text, k), place_key(text.token_str(k)), "token {k}");
        }
    }

    #[test]
    fn transliterations_meet() {
        let same = |a: &str, b: &str| assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
        same("Hamdaniyyeh", "Hamadaniyyeh");
        same("Hamdaniyyeh", "al-Hamdaniya");
        same("al-Hamdaniyah", "Hamdaniyah");
        same("Ramousseh", "Ramouseh");
        same("Ramousseh", "Ramosa");
        same("al-Hikma", "al-Hekmeh");
        same("Rachidine", "Rashidin");
        same("Handarate", "Handarat");
        same("Idleb", "Idlib");
        same("Deir ez-Zor", "Deir Ezzor");
        same("Deir ez-Zor", "Dayr az Zawr");
        same("Bani Zeid", "Bani Zaid");
        same("Sheikh Maqsoud", "Cheikh Maqsoud");
        same("Maarat al-Numan", "Ma'arrat an-Nu'man");
        assert_ne!(skeleton("Homs"), skeleton("Hama"));
    }

    /// The skeleton as it was first written (a string per step): what
    /// [`skeleton`] must still give.
    fn reference_skeleton(name: &str) -> String {
        // Apostrophes stand for ayn and hamza: drop them, do not split on them.
        let f: String = fold(name).chars().filter(|c| !matches!(c, '\'' | 'ʿ' | 'ʾ' | '`')).collect();
        let mut joined = String::with_capacity(f.len());
        for word in f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            if ARTICLES.contains(&word) {
                continue;
            }
            let w = word
                .strip_suffix("eh")
                .or_else(|| word.strip_suffix("ah"))
                .or_else(|| word.strip_suffix('a'))
                .or_else(|| word.strip_suffix('e'))
                .filter(|s| s.len() >= 2)
                .unwrap_or(word);
            joined.push_str(w);
        }
        // In this order (each on the result of the one before); most names
        // hold few of these, so look before copying.
        let mut s = joined;
        for (from, to) in [
            ("ou", "u"),
            ("ch", "sh"),
            ("kh", "k"),
            ("gh", "g"),
            ("dh", "z"),
            ("th", "t"),
            ("ph", "f"),
            ("dj", "j"),
        ] {
            // A byte scan: names are short, a substring searcher's set-up costs more.
            if s.as_bytes().windows(2).any(|w| w == from.as_bytes()) {
                s = s.replace(from, to);
            }
        }
        if s.bytes().any(|b| b == b'q' || b == b'c') {
            s = s.replace(['q', 'c'], "k");
        }
        let mut out = String::with_capacity(s.len());
        let mut last = '\0';
        for c in s.chars() {
            if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') {
                continue;
            }
            if c != last {
                out.push(c);
            }
            last = c;
        }
        out
    }

    /// Arabic articles written as separate words in transliterations.
    const ARTICLES: &[&str] = &[
        "al", "el", "ad", "ed", "as", "es", "ash", "esh", "az", "ez", "ar", "er", "an", "en", "at", "et",
        "ech", "ach", "ul", "ud", "adh", "ath", "dh",
    ];

    #[test]
    fn skeletons_are_the_reference() {
        // Real names and corner cases, '|' between them.
        let mut names: Vec<String> = concat!(
            "Hamdaniyyeh|al-Hamdaniya|Deir ez-Zor|Dayr az Zawr|Ma'arrat an-Nu'man|",
            "Sheikh Maqsoud|Cheikh Maqsoud|Ḩalab|Ḥimṣ|Idlib|Dar`a|Daraʿa|",
            "Raʾs al-ʿAyn|Ra’s al ‘Ayn|Qamishli|Al-Qāmishlī|حلب|دير الزور|",
            "مَعَرّة النعمان|ةة|Œuvre|Straße|Bab al-Hawa|Khan Shaykhun|Dhuluiya|",
            "Djebel|Thawra|Phoenicia|eh|aeh|ah|a|e|ba|bah|Cch|khh|ddj|dhh|oou|| |--|",
            "'|A-1|Aleppo 2|ΑΘΗΝΑ|Ⅻ|ﬁsh|Ｄｅｉｒ"
        )
        .split('|')
        .map(str::to_string)
        .collect();
        // Pieces that meet every rule: digraphs, vowels, endings, articles,
        // apostrophes, separators, accents, Arabic letters, digits.
        let pieces = [
            "a", "e", "i", "o", "u", "y", "w", "h", "c", "k", "g", "d", "t", "p", "j", "q", "s", "z", "l",
            "r", "n", "m", "b", "ou", "ch", "kh", "dh", "dj", "eh", "ah", "al", "el", "ash", "ech", "dh",
            " ", "-", "'", "`", "ʿ", "ʾ", "’", "é", "É", "ā", "Ä", "ß", "œ", "ح", "ل", "ب", "ة", "أ", "ـ",
            "ي", "1", "٣", "A", "D", "K", "C", "H", " al-", "\u{a0}", ".", "Ⅻ", "ﬁ", "😀", "Ω", "ω",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..50_000 {
            let len = next() % 12;
            names.push((0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect());
        }
        // Words of ASCII letters only too: the common case.
        for _ in 0..20_000 {
            let len = next() % 16;
            names.push(
                (0..len).map(|_| char::from(b"aehcdkgtpjqouslAEH -'"[(next() % 21) as usize])).collect(),
            );
        }
        for name in &names {
            assert_eq!(skeleton(name), reference_skeleton(name), "{name:?}");
            assert_eq!(*skeleton_cached(name), reference_skeleton(name), "{name:?}");
        }
    }
}
