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

/// Arabic articles written as separate words in transliterations.
const ARTICLES: &[&str] = &[
    "al", "el", "ad", "ed", "as", "es", "ash", "esh", "az", "ez", "ar", "er", "an", "en", "at", "et", "ech",
    "ach", "ul", "ud", "adh", "ath", "dh",
];

/// A spelling-insensitive key for transliterated (mostly Arabic) names:
/// articles, vowels and doubled letters go, common digraph spellings meet
/// ("ou"/"u", "ch"/"sh", "q"/"k", "dh"/"z"), and the feminine ending
/// (-a, -ah, -e, -eh) is dropped from each word. Hamdaniyyeh, Hamadaniyyeh,
/// al-Hamdaniya → "hmdn"; Deir ez-Zor, Dayr az Zawr, Deir Ezzor → "drzr".
pub fn skeleton(name: &str) -> String {
    compute_skeleton(name)
}

/// [`skeleton`], remembered per thread: extraction asks for the skeletons of
/// the same capitalised names over and over (every document, several
/// stages). Loaders, which see every name once, call [`skeleton`].
/// Shared, not copied: most asks are answered from memory.
pub fn skeleton_cached(name: &str) -> std::rc::Rc<str> {
    thread_local! {
        static SEEN: sitrep_text::WordMemo<std::rc::Rc<str>> = sitrep_text::WordMemo::new(20_000);
    }
    SEEN.with(|seen| seen.get_or(name, || compute_skeleton(name).into()))
}

fn compute_skeleton(name: &str) -> String {
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
}
