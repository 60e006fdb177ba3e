//! Runs every case in `tests/cases/<lang>/<topic>.toml` through the whole
//! pipeline (see `tests/cases/README.md` for the format). Filter with
//! `SITREP_CASES=<part of a name>`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use sitrep_core::InputDoc;
use sitrep_extract::{Config, Extractor};

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    language: Option<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    not: BTreeMap<String, Vec<String>>,
    /// Every other key is a section of the record with expected items.
    #[serde(flatten)]
    expect: BTreeMap<String, Vec<toml::Table>>,
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// Does a record item have every key of the expected one?
fn matches(item: &Value, expected: &toml::Table) -> bool {
    expected.iter().all(|(k, want)| {
        let got = item.get(k).unwrap_or(&Value::Null);
        match want {
            toml::Value::String(s) if s == "none" => got.is_null(),
            toml::Value::String(s) => got.as_str() == Some(s),
            toml::Value::Integer(i) => got.as_f64() == Some(*i as f64),
            toml::Value::Float(f) => got.as_f64() == Some(*f),
            toml::Value::Boolean(b) => got.as_bool() == Some(*b),
            // A table matches an object that has its keys: `cue = { text = "said" }`.
            toml::Value::Table(t) => matches(got, t),
            other => serde_json::to_value(other).ok().as_ref() == Some(got),
        }
    })
}

#[test]
fn cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files = Vec::new();
    case_files(&root, &mut files);
    assert!(!files.is_empty(), "no case files under {}", root.display());
    let filter = std::env::var("SITREP_CASES").unwrap_or_default();
    let extractor = Extractor::new(&Config::default()).expect("the pipeline builds");
    let (mut run, mut failures) = (0, Vec::new());
    for path in files {
        let rel = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let lang_dir = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).map(str::to_string);
        let src = std::fs::read_to_string(&path).expect("readable");
        let file: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for case in file.case {
            if !case.name.contains(&filter) {
                continue;
            }
            run += 1;
            let input = InputDoc {
                text: Some(case.text.clone()),
                published: case.published.clone(),
                language: case.language.clone().or(lang_dir.clone()),
                ..Default::default()
            };
            let record = serde_json::to_value(extractor.extract(input).0).expect("records serialise");
            let mut problems = Vec::new();
            let section =
                |name: &str| record.get(name).and_then(Value::as_array).cloned().unwrap_or_default();
            for (name, expected) in &case.expect {
                let items = section(name);
                for e in expected {
                    if !items.iter().any(|it| matches(it, e)) {
                        problems.push(format!("{name}: missing {e}"));
                    }
                }
            }
            for (name, texts) in &case.not {
                for it in section(name) {
                    // Items with a text (dates, figures) by it; actors and sources by name.
                    let t =
                        it.get("text").or_else(|| it.get("name")).and_then(Value::as_str).unwrap_or_default();
                    if texts.iter().any(|x| x == t) {
                        problems.push(format!("{name}: should not hold {it}"));
                    }
                }
            }
            for name in &case.only {
                let items = section(name);
                let expected = case.expect.get(name).map_or(&[][..], Vec::as_slice);
                for it in &items {
                    if !expected.iter().any(|e| matches(it, e)) {
                        problems.push(format!("{name}: unexpected {it}"));
                    }
                }
            }
            if !problems.is_empty() {
                failures.push(format!("{rel}: {}\n    {}", case.name, problems.join("\n    ")));
            }
        }
    }
    assert!(run > 0, "no case matched SITREP_CASES={filter:?}");
    assert!(failures.is_empty(), "{} of {run} cases failed:\n{}", failures.len(), failures.join("\n"));
}
