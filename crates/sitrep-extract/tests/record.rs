//! The record contract: the checked-in JSON Schema is the one the types
//! generate, real output validates against it, and every span is exact.

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;
use sitrep_core::{InputDoc, Record};
use sitrep_extract::{Config, Extractor};

/// One pipeline for every test of this file (building it loads lexicons).
fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(|| Extractor::new(&Config::default()).expect("the pipeline builds"))
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn sample_records() -> Vec<Record> {
    let extractor = Extractor::new(&Config::default()).expect("builds");
    let src = std::fs::read_to_string(repo().join("samples/reports.jsonl")).expect("samples/reports.jsonl");
    src.lines()
        .map(|l| extractor.extract(serde_json::from_str::<InputDoc>(l).expect("valid sample")).0)
        .collect()
}

#[test]
fn checked_in_schema_is_current() {
    let path = repo().join("schema/sitrep-1.schema.json");
    let on_disk: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file")).expect("json");
    assert_eq!(
        on_disk,
        sitrep_core::record_schema(),
        "schema/sitrep-1.schema.json is stale: run `cargo run -p sitrep -- schema > schema/sitrep-1.schema.json`"
    );
}

#[test]
fn real_output_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&sitrep_core::record_schema()).expect("the schema compiles");
    let records = sample_records();
    assert!(records.iter().any(|r| !r.dates.is_empty()), "the samples hold dates");
    for r in records {
        let v = serde_json::to_value(&r).expect("serialises");
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", r.id);
        // and reads back as the same record
        let back: Record = serde_json::from_value(v).expect("deserialises");
        assert_eq!(back, r);
    }
    // A record missing a required section is refused.
    let mut broken = serde_json::to_value(Record::new("x")).expect("serialises");
    broken.as_object_mut().expect("object").remove("dates");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn empty_document_gives_a_record_with_empty_sections() {
    let extractor = Extractor::new(&Config::default()).expect("builds");
    let (r, warnings) = extractor.extract(InputDoc { text: Some(String::new()), ..Default::default() });
    assert!(warnings.is_empty());
    let v = serde_json::to_value(&r).expect("serialises");
    for section in ["actors", "places", "dates", "sources", "figures", "events"] {
        assert_eq!(v[section], Value::Array(vec![]), "{section}");
    }
}

/// Every `{start, end, text}` anywhere in a record.
fn spans(v: &Value, out: &mut Vec<(usize, usize, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e), Some(t)) =
                (m.get("start").and_then(Value::as_u64), m.get("end").and_then(Value::as_u64), m.get("text"))
            {
                out.push((s as usize, e as usize, t.as_str().unwrap_or_default().to_string()));
            }
            m.values().for_each(|x| spans(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

fn assert_spans_exact(text: &str, record: &Record) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut all = Vec::new();
    spans(&serde_json::to_value(record).expect("serialises"), &mut all);
    for (s, e, t) in all {
        prop_assert!(s <= e && e <= chars.len(), "span {s}..{e} out of {}", chars.len());
        let slice: String = chars[s..e].iter().collect();
        prop_assert_eq!(slice, t);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Arbitrary Unicode, with date words mixed in so that rules fire.
    #[test]
    fn spans_are_exact_character_offsets(
        parts in prop::collection::vec(prop_oneof![
            "\\PC{0,12}",
            Just("hier soir ".to_string()),
            Just("le 1er août 2016 ".to_string()),
            Just("vers 18 h 30 ".to_string()),
            Just("« Ce lundi », ".to_string()),
            Just("il y a deux jours ".to_string()),
            Just("Œuvre à Ḥalab — ".to_string()),
            Just("on August 1, 2016 at 4 a.m. ".to_string()),
            Just("٢٠١٦ حلب ".to_string()),
        ], 0..12),
        lang in prop_oneof![Just(None), Just(Some("fr")), Just(Some("en"))],
    ) {
        let text: String = parts.concat();
        let extractor = extractor();
        let input = InputDoc {
            text: Some(text.clone()),
            published: Some("2016-08-01".into()),
            language: lang.map(str::to_string),
            ..Default::default()
        };
        let (record, _) = extractor.extract(input);
        assert_spans_exact(&text, &record)?;
    }
}

#[test]
fn spans_are_exact_on_the_samples() {
    let src = std::fs::read_to_string(repo().join("samples/reports.jsonl")).expect("samples");
    let extractor = Extractor::new(&Config::default()).expect("builds");
    for line in src.lines() {
        let input: InputDoc = serde_json::from_str(line).expect("valid");
        let text = input.text.clone().unwrap_or_default();
        let (record, _) = extractor.extract(input);
        assert_spans_exact(&text, &record).expect("exact spans");
    }
}
