use proptest::prelude::*;

use super::*;

fn sentence_texts(t: &Text) -> Vec<&str> {
    t.sentences().iter().map(|s| &t.raw()[s.start as usize..s.end as usize]).collect()
}

fn word_texts(t: &Text) -> Vec<&str> {
    t.words().iter().map(|w| &t.raw()[w.start as usize..w.end as usize]).collect()
}

#[test]
fn sentences_keep_abbreviations_together() {
    let t = Text::new(
        "Selon M. Roudskoï, les U.S. forces et le Dr. Smith ont parlé. Le gén. Ivanov a confirmé. \
         Le bilan est de 3.5 morts ! Ensuite « Non. » a-t-il dit."
            .to_string(),
        Some("fr"),
    );
    assert_eq!(
        sentence_texts(&t),
        vec![
            "Selon M. Roudskoï, les U.S. forces et le Dr. Smith ont parlé.",
            "Le gén. Ivanov a confirmé.",
            "Le bilan est de 3.5 morts !",
            "Ensuite « Non. » a-t-il dit.",
        ]
    );
}

#[test]
fn english_abbreviations_and_numbers() {
    let t = Text::new(
        "Gen. Smith met Mr. Jones in the U.S. on Aug. 3. No. 10 Downing St. said nothing. It ended."
            .to_string(),
        Some("en"),
    );
    assert_eq!(
        sentence_texts(&t),
        vec![
            "Gen. Smith met Mr. Jones in the U.S. on Aug. 3.",
            "No. 10 Downing St. said nothing.",
            "It ended."
        ]
    );
}

#[test]
fn line_breaks_end_titles_but_not_wrapped_lines() {
    let t = Text::new(
        "\nGrosse bronchite pour Eltsine.\nLe président a annulé\nsa visite hier.\n".into(),
        Some("fr"),
    );
    assert_eq!(
        sentence_texts(&t),
        vec!["Grosse bronchite pour Eltsine.", "Le président a annulé\nsa visite hier."]
    );
    let t = Text::new("Alep sous le feu\nLes milices ont lancé un assaut.".into(), Some("fr"));
    assert_eq!(sentence_texts(&t), vec!["Alep sous le feu", "Les milices ont lancé un assaut."]);
}

#[test]
fn words_keep_compounds_abbreviations_and_decimals() {
    let t = Text::new(
        "M. Roudskoï: l'armée d'Alep, Jaïsh al-Fatah, aujourd'hui, avant-hier, U.S. Dr. 30,4 s et Russia's 1,200".into(),
        Some("fr"),
    );
    assert_eq!(
        word_texts(&t),
        vec![
            "M.",
            "Roudskoï",
            ":",
            "l'",
            "armée",
            "d'",
            "Alep",
            ",",
            "Jaïsh",
            "al-Fatah",
            ",",
            "aujourd'hui",
            ",",
            "avant-hier",
            ",",
            "U.S.",
            "Dr.",
            "30,4",
            "s",
            "et",
            "Russia",
            "'",
            "s",
            "1,200"
        ]
    );
}

#[test]
fn numbers_start_only_where_said() {
    for (lang, s) in [
        ("fr", "Plus de 800 terroristes, une soixantaine de civils et vingt et un blessés, le premier jour."),
        ("en", "One hundred and twenty people, a dozen children and 1,200 others; the first of May."),
    ] {
        let t = Text::new(s.into(), Some(lang));
        let mut starts = 0;
        for i in 0..=t.tokens().len() {
            let found = number_at(&t, i, NumberOptions::default()).is_some();
            assert!(!found || starts_number(&t, i), "{lang} token {i}");
            starts += usize::from(starts_number(&t, i));
        }
        // ... and say it rarely: most words are no number.
        assert!(starts * 2 < t.tokens().len(), "{lang}: {starts}");
    }
}

#[test]
fn numbers_in_words_and_digits() {
    let cases: &[(&str, &str, f64, &str)] = &[
        ("fr", "quatre-vingt-huit morts", 88.0, "quatre-vingt-huit"),
        ("fr", "vingt et un blessés", 21.0, "vingt et un"),
        ("fr", "deux mille quatre cents civils", 2400.0, "deux mille quatre cents"),
        ("fr", "soixante-dix-sept", 77.0, "soixante-dix-sept"),
        ("fr", "3.000 réfugiés", 3000.0, "3.000"),
        ("fr", "30,4 secondes", 30.4, "30,4"),
        ("fr", "1 200 civils", 1200.0, "1 200"),
        ("en", "one hundred and twenty people", 120.0, "one hundred and twenty"),
        ("en", "1,200 people", 1200.0, "1,200"),
        ("en", "3.5 km", 3.5, "3.5"),
        ("fr", "une soixantaine", 1.0, "une"),
        ("fr", "sept corridors", 7.0, "sept"),
    ];
    for (lang, s, v, span) in cases {
        let t = Text::new(s.to_string(), Some(lang));
        let n = number_at(&t, 0, NumberOptions { space_groups: true }).expect(s);
        assert_eq!(n.value, *v, "{s}");
        assert_eq!(t.tokens_raw(n.first, n.last), *span, "{s}");
    }
    let t = Text::new("une soixantaine".into(), Some("fr"));
    let n = number_at(&t, 1, NumberOptions::default()).expect("soixantaine");
    assert_eq!((n.value, n.form), (60.0, NumberForm::Approx));
    let t = Text::new("deux trois".into(), Some("fr"));
    assert_eq!(number_at(&t, 0, NumberOptions::default()).map(|n| n.last), Some(1));
}

#[test]
fn data_files_parse() {
    // Loading panics on a malformed file; exercise every language.
    for lang in ["fr", "en", "xx"] {
        let t = Text::new("deux. Trois".into(), Some(lang));
        assert!(!t.sentences().is_empty());
        let _ = number_at(&t, 0, NumberOptions::default());
    }
}

proptest! {
    #[test]
    fn spans_are_exact_for_any_text(s in "\\PC*", extra in prop::collection::vec(any::<char>(), 0..40)) {
        let mut raw = s.clone();
        raw.extend(extra);
        let t = Text::new(raw.clone(), None);
        let chars: Vec<char> = raw.chars().collect();
        for (i, tok) in t.tokens().iter().enumerate() {
            prop_assert!(raw.is_char_boundary(tok.start as usize));
            prop_assert!(raw.is_char_boundary(tok.end as usize));
            prop_assert!(tok.start <= tok.end);
            let (cs, ce) = t.char_span(i, i + 1);
            let by_chars: String = chars[cs..ce].iter().collect();
            prop_assert_eq!(by_chars.as_str(), &raw[tok.start as usize..tok.end as usize]);
        }
        for s in t.sentences() {
            prop_assert!(raw.is_char_boundary(s.start as usize) && raw.is_char_boundary(s.end as usize));
        }
        // Sentences cover the tokens in order, without gaps.
        let mut next = 0;
        for s in t.sentences() {
            prop_assert_eq!(s.first, next);
            next = s.last;
        }
        prop_assert_eq!(next as usize, t.tokens().len());
        for w in t.words() {
            prop_assert!(raw.is_char_boundary(w.start as usize) && raw.is_char_boundary(w.end as usize));
        }
    }
}

proptest! {
    /// `token_range` starts from its block table; it answers what two
    /// binary searches over the tokens' character offsets answer.
    #[test]
    fn token_ranges_are_the_searched_ones(s in "[a-zA-Z0-9 ,.'éœ…’«»\u{a0}\n حلب]{0,120}") {
        let t = Text::new(s.clone(), None);
        let n = s.chars().count();
        let tc: Vec<(usize, usize)> = (0..t.tokens().len()).map(|i| t.char_span(i, i + 1)).collect();
        for start in 0..n + 2 {
            for end in start.saturating_sub(1)..(start + 20).min(n + 3) {
                let first = tc.partition_point(|&(_, e)| e <= start);
                let last = tc.partition_point(|&(s, _)| s < end);
                let want = (first < last).then_some(first..last);
                prop_assert_eq!(t.token_range(start, end), want, "{}..{}", start, end);
            }
        }
    }
}
