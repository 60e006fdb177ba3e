//! What the embedded build (`cargo xtask gazetteer`) and `sitrep gazetteer
//! import` share about names: which alternate names to keep, which countries
//! get transliteration skeletons, the short forms of division names, and the
//! flags for names that are also ordinary words.

use std::collections::HashSet;

use super::format::{Builder, flags};

/// Countries whose place names are transliterated (from Arabic, Persian,
/// Kurdish, Pashto, Turkish): their names get skeleton keys.
pub const TRANSLITERATED: &[&str] = &[
    "SY", "IQ", "LB", "JO", "PS", "IL", "YE", "SA", "LY", "EG", "SD", "SS", "TN", "DZ", "MA", "MR", "ML",
    "NE", "TD", "SO", "AF", "IR", "TR", "KW", "QA", "BH", "AE", "OM", "PK", "BF", "NG", "ER", "DJ",
];

/// Division name parts that the text often leaves out.
const DIVISION_WORDS: &[&str] = &[
    " Governorate",
    " Province",
    " Region",
    " Oblast'",
    " Oblast",
    " State",
    " Prefecture",
    " Department",
    " District",
    " Municipality",
    " Muhafazat",
    " Wilayah",
    " Vilayet",
    " Ili",
    " Krai",
    " Kray",
    " Republic",
];

/// Is this alternate name worth matching? Latin or Arabic script (the
/// languages sitrep reads), no digits, not a code ("ALP"), at least three
/// letters, at most 60 characters.
pub fn keep_alternate(a: &str) -> bool {
    if a.chars().any(|c| c.is_ascii_digit()) || a.chars().count() > 60 {
        return false;
    }
    let key = super::place_key(a);
    if key.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return false;
    }
    let latin = key.chars().all(|c| c.is_ascii() || c == ' ');
    let arabic = key.chars().all(|c| c == ' ' || ('\u{0600}'..='\u{06ff}').contains(&c));
    if !(latin || arabic) {
        return false;
    }
    // Airport and other codes: short all-capital strings.
    !(a.len() <= 4 && a.chars().all(|c| c.is_ascii_uppercase()))
}

/// "Aleppo Governorate" → ["Aleppo"]; names without a division word → [].
pub fn division_variants(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in DIVISION_WORDS {
        if let Some(stem) = name.strip_suffix(w) {
            out.push(stem.trim().to_string());
        }
    }
    for p in ["Muhafazat ", "Province of ", "Wilayat ", "State of "] {
        if let Some(stem) = name.strip_prefix(p) {
            out.push(stem.trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Frequent French and English words, as place keys (see
/// [`place_key`](super::place_key)).
#[derive(Debug, Default, Clone)]
pub struct FrequentWords {
    /// Words of Zipf frequency 3.5 or more (about one word in 300,000).
    pub common: HashSet<String>,
    /// Words of Zipf frequency 5.0 or more (one word in 10,000).
    pub very_common: HashSet<String>,
}

/// How many keys [`flag_frequent_words`] flagged.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Flagged {
    /// Keys flagged [`flags::COMMON_WORD`].
    pub common: usize,
    /// Keys flagged [`flags::VERY_COMMON`].
    pub very_common: usize,
}

/// Kind words that close a division's name ("Black Hawk County", "Fars
/// Province"): a name so closed is no ordinary phrase, even when each of its
/// words is frequent (word lists count names too: "plymouth", "dallas").
const DIVISION_KIND_KEYS: &[&str] =
    &["county", "parish", "governorate", "province", "prefecture", "oblast", "municipality"];

/// Does a key of several words end with a division's kind word?
fn closed_by_division_word(key: &str) -> bool {
    key.rsplit_once(' ').is_some_and(|(_, last)| DIVISION_KIND_KEYS.contains(&last))
}

/// Names that are also frequent words ("Une", "Si tu", "Secretary") and
/// name no important place need a cue in a text; the most frequent words
/// ("Sur", "Selon") need one to open a sentence, whatever they name.
pub fn flag_frequent_words(b: &mut Builder, words: &FrequentWords) -> Flagged {
    let common: Vec<String> = b
        .keys()
        .filter(|k| k.split(' ').all(|w| words.common.contains(w)))
        .filter(|k| !closed_by_division_word(k))
        .filter(|k| !b.key_is_important(k))
        .map(String::from)
        .collect();
    for k in &common {
        b.flag_key(k, flags::COMMON_WORD);
    }
    let very_common: Vec<String> =
        b.keys().filter(|k| words.very_common.contains(*k)).map(String::from).collect();
    for k in &very_common {
        b.flag_key(k, flags::VERY_COMMON);
    }
    Flagged { common: common.len(), very_common: very_common.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_kept_and_dropped() {
        assert!(keep_alternate("Alep"));
        assert!(keep_alternate("حلب"));
        assert!(!keep_alternate("ALP"), "a code");
        assert!(!keep_alternate("Халеб"), "Cyrillic");
        assert!(!keep_alternate("Aleppo 2"));
        assert!(!keep_alternate("Al"));
    }

    #[test]
    fn division_names_are_no_frequent_phrases() {
        let mut b = Builder::new();
        let row = |name: &str, feature: &str| crate::gazetteer::PlaceRow {
            geonames_id: 1,
            name: name.into(),
            lat: 42.5,
            lon: -92.3,
            country: "US".into(),
            admin1: "Iowa".into(),
            feature: feature.into(),
            population: 0,
        };
        b.add(row("Black Hawk County", "ADM2"), Vec::<String>::new());
        b.add(row("Black Hawk", "PPL"), Vec::<String>::new());
        let words = FrequentWords {
            common: ["black", "hawk", "county"].into_iter().map(String::from).collect(),
            very_common: HashSet::new(),
        };
        let n = flag_frequent_words(&mut b, &words);
        assert_eq!(n.common, 1, "only \"black hawk\" reads as ordinary words");
        let g = crate::gazetteer::Gazetteer::from_vec(b.finish()).expect("reads back");
        assert_eq!(g.lookup("black hawk").map(|e| e.flags & flags::COMMON_WORD), Some(flags::COMMON_WORD));
        assert_eq!(g.lookup("black hawk county").map(|e| e.flags & flags::COMMON_WORD), Some(0));
    }

    #[test]
    fn division_short_forms() {
        assert_eq!(division_variants("Aleppo Governorate"), ["Aleppo"]);
        assert_eq!(division_variants("Muhafazat Halab"), ["Halab"]);
        assert!(division_variants("Aleppo").is_empty());
    }
}
