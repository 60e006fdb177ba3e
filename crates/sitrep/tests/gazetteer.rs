//! `sitrep gazetteer import`, then `sitrep extract` with what it imported:
//! GeoNames-format fixtures in `crates/sitrep-places/tests/fixtures/geonames`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs sitrep with `dir` as the directory of imported gazetteers.
fn sitrep(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env("SITREP_GAZETTEER_DIR", dir)
        .output()
        .expect("sitrep runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sitrep-places/tests/fixtures/geonames").join(name);
    p.to_str().expect("utf-8 path").to_string()
}

/// A fresh directory under the target dir, for this test only.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gazetteer").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A report on the neighbourhood the embedded gazetteer lacks, by its
/// alternate name (from alternateNamesV2) and by its own.
const REPORT: &str = "Des bombardements ont frappé le quartier de Mechatel, à Alep, tôt ce matin. \
                      Le quartier Mashatil a aussi été touché.";

/// The places of the report's record.
fn places(out: &Output) -> Vec<Value> {
    assert!(out.status.success(), "{}", stderr(out));
    let r: Value = serde_json::from_slice(&out.stdout).expect("a JSON record");
    r["places"].as_array().expect("places").clone()
}

fn extract(report: &Path, extra: &[&str], dir: &Path) -> Vec<Value> {
    let mut args = vec!["extract", path(report), "--language", "fr", "--stages", "places"];
    args.extend_from_slice(extra);
    places(&sitrep(&args, dir))
}

fn by_id(places: &[Value], id: u64) -> Option<&Value> {
    places.iter().find(|p| p["geonames_id"] == id)
}

#[test]
fn an_imported_neighbourhood_is_found_with_its_id_and_coordinates() {
    let dir = scratch("import");
    let none = dir.join("none");
    let out = dir.join("syria.srgz");
    let imp = sitrep(
        &[
            "gazetteer",
            "import",
            &fixture("SY.txt"),
            &fixture("alternateNamesV2.txt"),
            &fixture("admin1CodesASCII.txt"),
            "-o",
            path(&out),
        ],
        &none,
    );
    let err = stderr(&imp);
    assert_eq!(imp.status.code(), Some(1), "bad lines make a non-zero exit: {err}");
    let sy = fixture("SY.txt");
    assert!(err.contains(&format!("{sy}:3: expected 19 tab-separated columns")), "{err}");
    assert!(err.contains(&format!("{sy}:8: latitude \"95.0\"")), "{err}");
    assert!(err.contains("alternateNamesV2.txt:5: expected 10 tab-separated columns"), "{err}");
    assert!(err.contains("imported 7 places"), "{err}");
    assert!(err.contains("skipped 3 bad lines"), "{err}");
    assert!(err.contains(&format!("sitrep extract --gazetteer {}", path(&out))), "{err}");

    let report = dir.join("report.txt");
    std::fs::write(&report, REPORT).expect("writes");
    let found = extract(&report, &["--gazetteer", path(&out)], &none);
    let p = by_id(&found, 99100001).unwrap_or_else(|| panic!("the neighbourhood: {found:#?}"));
    assert_eq!(p["name"], "Hayy al Mashatil");
    assert_eq!((p["lat"].as_f64(), p["lon"].as_f64()), (Some(36.2301), Some(37.1389)));
    assert_eq!((p["country"].as_str(), p["admin1"].as_str()), (Some("SY"), Some("Aleppo")));
    assert_eq!(p["feature"], "PPLX");
    let said: Vec<&str> =
        p["mentions"].as_array().expect("mentions").iter().filter_map(|m| m["text"].as_str()).collect();
    assert_eq!(said, ["Mechatel", "Mashatil"], "the alternate name and the dump's own names");
    assert!(by_id(&found, 170063).is_some(), "Aleppo is still Aleppo, once");
    assert_eq!(found.iter().filter(|p| p["name"] == "Aleppo").count(), 1, "{found:#?}");

    let without = extract(&report, &[], &none);
    assert!(by_id(&without, 99100001).is_none(), "the embedded gazetteer lacks it");
}

/// Zips `files` (entry name, path) into `zip`, as GeoNames ships them.
fn zip_files(zip: &Path, files: &[(&str, String)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(zip).expect("creates"));
    for (name, p) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        w.write_all(&std::fs::read(p).expect("fixture")).expect("writes");
    }
    w.finish().expect("zip ends");
}

#[test]
fn zipped_and_unzipped_dumps_give_the_same_gazetteer() {
    let dir = scratch("zip");
    let none = dir.join("none");
    let sy = dir.join("SY.zip");
    zip_files(&sy, &[("readme.txt", fixture("README.md")), ("SY.txt", fixture("SY.txt"))]);
    let alt = dir.join("alternateNamesV2.zip");
    zip_files(&alt, &[("alternateNamesV2.txt", fixture("alternateNamesV2.txt"))]);
    let (a, b) = (dir.join("plain.srgz"), dir.join("zipped.srgz"));
    let plain = sitrep(
        &["gazetteer", "import", &fixture("SY.txt"), &fixture("alternateNamesV2.txt"), "-o", path(&a)],
        &none,
    );
    let zipped = sitrep(&["gazetteer", "import", path(&sy), path(&alt), "-o", path(&b)], &none);
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(zipped.status.code(), Some(1));
    let err = stderr(&zipped);
    assert!(err.contains(&format!("{}:SY.txt:3: expected 19", path(&sy))), "{err}");
    assert!(err.contains("readme.txt: not a table of places or names; passed over"), "{err}");
    assert_eq!(std::fs::read(&a).expect("plain"), std::fs::read(&b).expect("zipped"));
}

#[test]
fn extract_loads_the_gazetteers_imported_into_the_data_directory() {
    let dir = scratch("auto");
    let gaz = dir.join("gazetteers");
    let imp = sitrep(&["gazetteer", "import", &fixture("SY.txt"), &fixture("alternateNamesV2.txt")], &gaz);
    assert_eq!(imp.status.code(), Some(1), "{}", stderr(&imp));
    assert!(gaz.join("SY.srgz").is_file(), "named after the places dump");
    let list = sitrep(&["gazetteer", "list"], &gaz);
    assert!(String::from_utf8_lossy(&list.stdout).contains("SY.srgz  7 places"), "{:?}", list);

    let report = dir.join("report.txt");
    std::fs::write(&report, REPORT).expect("writes");
    let out = sitrep(&["extract", path(&report), "--language", "fr"], &gaz);
    assert!(stderr(&out).contains("with the imported gazetteers SY.srgz"), "{}", stderr(&out));
    assert!(by_id(&places(&out), 99100001).is_some());
    let found = extract(&report, &["--no-gazetteer-dir"], &gaz);
    assert!(by_id(&found, 99100001).is_none());

    let only_iraq = sitrep(
        &["gazetteer", "import", &fixture("SY.txt"), "--countries", "IQ", "--feature-classes", "p"],
        &gaz,
    );
    assert!(stderr(&only_iraq).contains("imported 1 places"), "{}", stderr(&only_iraq));
    assert!(gaz.join("SY-IQ.srgz").is_file());
}

#[test]
fn import_mistakes_are_clear_errors() {
    let dir = scratch("errors");
    let out =
        sitrep(&["gazetteer", "import", &fixture("SY.txt"), "--countries", "Syria", "-o", "x.srgz"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"SYRIA\" is not a country code"), "{}", stderr(&out));
    let out = sitrep(&["gazetteer", "import", &fixture("SY.txt"), "--feature-classes", "Q"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a GeoNames feature class"), "{}", stderr(&out));
    let out = sitrep(&["gazetteer", "import", &fixture("alternateNamesV2.txt"), "-o", "x.srgz"], &dir);
    assert!(stderr(&out).contains("no places dump among the files given"), "{}", stderr(&out));
    let broken = dir.join("broken.srgz");
    std::fs::write(&broken, b"SRGZ0001 and no more").expect("writes");
    let out = sitrep(&["extract", "--sample", "--gazetteer", path(&broken)], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("import it again"), "{}", stderr(&out));
}

#[test]
fn import_help_says_what_it_reads_and_where_it_writes() {
    let out = sitrep(&["gazetteer", "import", "--help"], Path::new("unused"));
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "allCountries",
        "alternateNamesV2",
        "admin1CodesASCII",
        "--countries",
        "CC BY 4.0",
        "sitrep/gazetteers",
        "SITREP_GAZETTEER_DIR",
        "not U (undersea)",
    ] {
        assert!(help.contains(needle), "gazetteer import --help lacks {needle:?}:\n{help}");
    }
}
