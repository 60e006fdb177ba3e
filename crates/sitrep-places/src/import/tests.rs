use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;
use crate::gazetteer::{GazPlace, Gazetteer};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/geonames").join(name)
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Zips `files` (name, path) into `zip`, as GeoNames ships them.
fn zip_files(zip: &Path, files: &[(&str, PathBuf)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(zip).expect("creates"));
    for (name, path) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        w.write_all(&std::fs::read(path).expect("fixture")).expect("writes");
    }
    w.finish().expect("zip ends");
}

/// Collects the bad lines an import reports.
fn bad_lines(into: &mut Vec<BadLine>) -> impl FnMut(Event<'_>) + '_ {
    |e| {
        if let Event::BadLine(b) = e {
            into.push(b.clone());
        }
    }
}

fn run(paths: &[PathBuf], opts: &Options) -> (Gazetteer, Summary, Vec<BadLine>) {
    let mut bad = Vec::new();
    let out = import(paths, opts, &mut bad_lines(&mut bad)).expect("imports");
    (Gazetteer::from_vec(out.bytes).expect("a readable gazetteer"), out.summary, bad)
}

fn places<'a>(g: &'a Gazetteer, key: &str) -> Vec<GazPlace<'a>> {
    g.lookup(key).map(|e| g.candidates(e).collect()).unwrap_or_default()
}

fn ids(g: &Gazetteer, key: &str) -> Vec<u32> {
    places(g, key).iter().map(|p| p.geonames_id).collect()
}

#[test]
fn places_are_kept_and_bad_lines_named_with_their_numbers() {
    let (g, s, bad) = run(&[fixture("SY.txt")], &Options::default());
    let lines: Vec<(String, u64)> = bad.iter().map(|b| (b.file.clone(), b.line)).collect();
    let file = fixture("SY.txt").display().to_string();
    assert_eq!(lines, [(file.clone(), 3), (file, 8)]);
    assert!(bad[0].why.contains("expected 19 tab-separated columns"), "{}", bad[0]);
    assert!(bad[1].why.contains("latitude \"95.0\""), "{}", bad[1]);
    assert!(
        bad[0]
            .to_string()
            .ends_with("SY.txt:3: expected 19 tab-separated columns (a GeoNames dump line), found 3")
    );
    assert_eq!((s.skipped, s.filtered, s.places), (2, 1, 7), "the undersea feature is filtered");
    let p = places(&g, "hayy al mashatil")[0];
    assert_eq!((p.geonames_id, p.feature, p.country), (99100001, "PPLX", "SY"));
    assert_eq!((p.lat, p.lon), (36.2301, 37.1389));
    assert_eq!(ids(&g, "mashatil"), [99100001], "names of the alternatenames column");
    assert_eq!(ids(&g, "حي المشاتل"), [99100001], "Arabic script is kept");
    assert!(g.lookup("wadi al qanyun").is_none());
}

#[test]
fn zipped_and_unzipped_give_the_same_file() {
    let dir = scratch("zip");
    let sy = dir.join("SY.zip");
    zip_files(&sy, &[("readme.txt", fixture("README.md")), ("SY.txt", fixture("SY.txt"))]);
    let alt = dir.join("alternateNamesV2.zip");
    zip_files(&alt, &[("alternateNamesV2.txt", fixture("alternateNamesV2.txt"))]);
    let plain = [fixture("SY.txt"), fixture("alternateNamesV2.txt")];
    let zipped = [alt, sy.clone()];
    let (mut bad_plain, mut bad_zip) = (Vec::new(), Vec::new());
    let a = import(&plain, &Options::default(), &mut bad_lines(&mut bad_plain)).expect("plain");
    let b = import(&zipped, &Options::default(), &mut bad_lines(&mut bad_zip)).expect("zipped");
    assert_eq!(a.bytes, b.bytes, "the same gazetteer, whatever the order of the files");
    assert_eq!(bad_plain.len(), bad_zip.len());
    assert_eq!(bad_zip[0].file, format!("{}:SY.txt", sy.display()));
    assert_eq!(bad_zip[0].line, 3);
    assert!(b.summary.notes.iter().any(|n| n.contains("readme.txt")), "{:?}", b.summary.notes);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn alternate_names_are_merged_into_the_places_kept() {
    let (g, s, bad) = run(&[fixture("alternateNamesV2.txt"), fixture("SY.txt")], &Options::default());
    assert_eq!(ids(&g, "mechatel"), [99100001]);
    assert_eq!(ids(&g, "المشاتل"), [99100001]);
    assert_eq!(ids(&g, "ghazlan hill"), [99100002]);
    assert!(g.lookup("nowhere town").is_none(), "names of places not imported are dropped");
    assert!(g.lookup("https example org wiki hayy al mashatil").is_none(), "links are no names");
    assert_eq!(s.alternate_names, 4);
    assert!(bad.iter().any(|b| b.file.ends_with("alternateNamesV2.txt") && b.line == 5), "{bad:?}");
    // Transliterated names also meet by skeleton, as in the embedded gazetteer.
    assert!(g.lookup_skeleton(&crate::gazetteer::skeleton("Mechatil")).is_some());
}

#[test]
fn filters_by_country_class_and_population() {
    let iq = Options { countries: vec!["IQ".into()], ..Default::default() };
    let (g, ..) = run(&[fixture("SY.txt")], &iq);
    assert_eq!(g.len(), 2);
    assert_eq!(ids(&g, "tanak"), [99100006]);
    let big = Options { min_population: 1000, ..Default::default() };
    let (g, ..) = run(&[fixture("SY.txt")], &big);
    assert_eq!(ids(&g, "tajriba"), [99100007]);
    assert!(g.lookup("mashatil").is_none(), "no population, left out");
    let undersea = Options { feature_classes: vec!['U'], ..Default::default() };
    let (g, ..) = run(&[fixture("SY.txt")], &undersea);
    assert_eq!(ids(&g, "wadi al qanyun"), [99100005]);
    assert_eq!(places(&g, "wadi al qanyun")[0].feature, "CNYU");
}

#[test]
fn divisions_are_named_as_in_the_embedded_gazetteer() {
    // Without admin1CodesASCII: the embedded gazetteer names Aleppo's
    // division "Aleppo"; Iraq's 15 is only known by its own row.
    let (g, ..) = run(&[fixture("SY.txt")], &Options::default());
    assert_eq!(places(&g, "mashatil")[0].admin1, "Aleppo");
    assert_eq!(places(&g, "tanak")[0].admin1, "Muhafazat Ninawa");
    let gov = places(&g, "halab").into_iter().find(|p| p.feature == "ADM1").expect("the governorate");
    assert_eq!(gov.admin1, "Aleppo");
    assert_eq!(ids(&g, "aleppo"), [170062, 170063], "the short form of a division name");
    // With it, its names win.
    let (g, ..) = run(&[fixture("SY.txt"), fixture("admin1CodesASCII.txt")], &Options::default());
    assert_eq!(places(&g, "tanak")[0].admin1, "Ninawa");
}

#[test]
fn a_place_met_twice_is_kept_once() {
    let (g, s, _) = run(&[fixture("SY.txt"), fixture("SY.txt")], &Options::default());
    assert_eq!(s.duplicates, 7);
    assert_eq!(g.len(), 7);
}

#[test]
fn wrong_inputs_are_clear_errors() {
    let err = |paths: &[PathBuf], opts: &Options| {
        import(paths, opts, &mut |_| {}).expect_err("refused").to_string()
    };
    let bad_country = Options { countries: vec!["sy".into()], ..Default::default() };
    assert!(err(&[fixture("SY.txt")], &bad_country).contains("\"sy\" is not a country code"));
    let bad_class = Options { feature_classes: vec!['X'], ..Default::default() };
    assert!(err(&[fixture("SY.txt")], &bad_class).contains("not a GeoNames feature class"));
    assert!(err(&[fixture("alternateNamesV2.txt")], &Options::default()).contains("no places dump"));
    assert!(err(&[fixture("README.md")], &Options::default()).contains("no places dump"), "passed over");
    assert!(err(&[fixture("nope.zip")], &Options::default()).contains("cannot read"));
    let none = Options { countries: vec!["FR".into()], ..Default::default() };
    assert!(err(&[fixture("SY.txt")], &none).contains("no place was kept"));
    let dir = scratch("badzip");
    let fake = dir.join("SY.zip");
    std::fs::write(&fake, b"PK\x03\x04 not really").expect("writes");
    assert!(err(&[fake], &Options::default()).contains("not a readable zip archive"));
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "Aleppo, Syria\nMosul, Iraq\n").expect("writes");
    assert!(err(&[notes], &Options::default()).contains("not a GeoNames places dump"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn frequent_words_keep_the_embedded_flags() {
    let dir = scratch("flags");
    let dump = dir.join("LB.txt");
    // "Selon" and "Sur" are among the most frequent French words.
    std::fs::write(
        &dump,
        "99100101\tSur\tSur\t\t33.27\t35.2\tP\tPPL\tLB\t\t04\t\t\t\t59000\t\t5\tAsia/Beirut\t2024-05-01\n\
         99100102\tSelon\tSelon\t\t33.5\t35.5\tP\tPPL\tLB\t\t04\t\t\t\t0\t\t5\tAsia/Beirut\t2024-05-01\n",
    )
    .expect("writes");
    let (g, s, _) = run(&[dump], &Options::default());
    let embedded = crate::gazetteer::embedded().expect("embedded");
    for key in ["sur", "selon"] {
        let want = embedded.lookup(key).map_or(0, |e| e.flags & flags::VERY_COMMON);
        let got = g.lookup(key).map_or(0, |e| e.flags & flags::VERY_COMMON);
        assert_eq!(got, want, "{key}");
    }
    assert!(s.flagged.very_common >= 1);
    let own =
        FrequentWords { common: ["selon".to_string()].into(), very_common: ["selon".to_string()].into() };
    let with_words = Options { frequent_words: Some(own), ..Default::default() };
    let (g, ..) = run(&[dir.join("LB.txt")], &with_words);
    let e = g.lookup("selon").expect("selon");
    assert_eq!(e.flags & (flags::COMMON_WORD | flags::VERY_COMMON), flags::COMMON_WORD | flags::VERY_COMMON);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn per_country_and_older_alternate_name_files_are_recognised_by_their_columns() {
    let dir = scratch("altforms");
    // alternatenames/SY.zip holds an SY.txt of alternate names, not places.
    let per_country = dir.join("SY.zip");
    zip_files(&per_country, &[("SY.txt", fixture("alternateNamesV2.txt"))]);
    // The older alternateNames table has 8 columns (no from/to).
    let old = dir.join("names-old.txt");
    std::fs::write(&old, "8\t99100002\tfr\tColline de Ghazlan\t\t\t\t\n").expect("writes");
    let (g, s, _) = run(&[fixture("SY.txt"), per_country, old], &Options::default());
    assert_eq!(ids(&g, "mechatel"), [99100001]);
    assert_eq!(ids(&g, "colline de ghazlan"), [99100002]);
    assert_eq!(s.alternate_names, 5);
    let _ = std::fs::remove_dir_all(&dir);
}
