//! The corpus commands end to end: ingest (idempotent, crash-safe),
//! incidents, query.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// sitrep, blind to any gazetteer the user imported.
fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env("SITREP_GAZETTEER_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-gazetteers"));
    c
}

fn sitrep(args: &[&str]) -> Output {
    command().args(args).output().expect("sitrep runs")
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("opens");
    conn.query_row(sql, [], |r| r.get(0)).expect("query runs")
}

#[test]
fn ingesting_twice_adds_nothing() {
    let dir = scratch("ingest-twice");
    let db = dir.join("corpus.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let corpus = repo().join("samples/corpus/reports.jsonl");
    let samples = repo().join("samples/reports.jsonl");
    let (corpus, samples) = (corpus.to_str().expect("path"), samples.to_str().expect("path"));

    let first = sitrep(&["ingest", corpus, samples, "--db", db_arg, "--quiet"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("added 8, already stored 0"), "{}", stderr(&first));
    let events = count(&db, "SELECT count(*) FROM events");
    let incidents = count(&db, "SELECT count(*) FROM incidents");

    let second = sitrep(&["ingest", corpus, samples, "--db", db_arg, "--quiet"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("added 0, already stored 8"), "{}", stderr(&second));
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 8);
    assert_eq!(count(&db, "SELECT count(*) FROM events"), events);
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), incidents);

    // The same document inside one run is stored once too.
    let db2 = dir.join("dup.db");
    let out = sitrep(&["ingest", corpus, corpus, "--db", db2.to_str().expect("path"), "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db2, "SELECT count(*) FROM documents"), 4);
}

#[test]
fn incidents_and_query_read_the_corpus() {
    let dir = scratch("incidents-query");
    let db = dir.join("corpus.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let corpus = repo().join("samples/corpus/reports.jsonl");
    let out = sitrep(&["ingest", corpus.to_str().expect("path"), "--db", db_arg, "--quiet", "--no-link"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), 0, "--no-link leaves linking for later");

    // `incidents` links what is stale, then lists.
    let out = sitrep(&["incidents", "--db", db_arg, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON incident"))
        .collect();
    assert_eq!(listed.len(), 1, "one happening is reported twice: {listed:?}");
    let docs: Vec<&str> = listed[0]["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["doc"].as_str().expect("doc id"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert!(docs.contains(&"wire-kafranbel-en") && docs.contains(&"quotidien-kafranbel-fr"), "{docs:?}");

    let text = sitrep(&["incidents", "--db", db_arg]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("sources disagree"), "{text}");

    // Query: rows as TSV with a header, or JSON lines; writes refused.
    let out = sitrep(&["query", "--db", db_arg, "SELECT id, outlet FROM documents ORDER BY seq"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tsv = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "id\toutlet");
    assert_eq!(lines[1], "wire-kafranbel-en\tWire EN");
    assert_eq!(lines.len(), 5);
    let out = sitrep(&["query", "--db", db_arg, "--format", "jsonl", "SELECT count(*) AS n FROM documents"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), r#"{"n":4}"#);
    let out = sitrep(&["query", "--db", db_arg, "DELETE FROM documents"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("only reads"), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 4);
    let out = sitrep(&["query", "--db", db_arg, "SELECT * FROM no_such_table"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no_such_table"), "{}", stderr(&out));
}

/// Writes `n` distinct documents built from the sample reports.
fn big_corpus(path: &Path, n: usize) {
    let src = std::fs::read_to_string(repo().join("samples/reports.jsonl")).expect("samples");
    let docs: Vec<Value> = src.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let mut out = String::new();
    for i in 0..n {
        let mut d = docs[i % docs.len()].clone();
        d["id"] = format!("copy-{i}").into();
        let text = d["text"].as_str().expect("text").to_string();
        d["text"] = format!("{text}\n\nDispatch {i}.").into();
        out.push_str(&d.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("writes corpus");
}

#[test]
fn a_killed_ingest_loses_no_committed_document() {
    let dir = scratch("killed-ingest");
    let db = dir.join("corpus.db");
    let input = dir.join("big.jsonl");
    let n = 600;
    big_corpus(&input, n);
    let mut child = command()
        .args(["ingest", input.to_str().expect("path"), "--db", db.to_str().expect("path"), "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sitrep runs");
    // Wait until some batches are committed, then kill the process hard.
    let started = Instant::now();
    let committed = loop {
        std::thread::sleep(Duration::from_millis(20));
        let seen = db.exists()
            && rusqlite::Connection::open(&db)
                .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0)))
                .unwrap_or(0)
                > 0;
        if seen || started.elapsed() > Duration::from_secs(120) {
            break seen;
        }
    };
    child.kill().expect("kills");
    let _ = child.wait();
    assert!(committed, "the ingest committed nothing in two minutes");

    // The database is intact, and every stored document is whole.
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("checks");
    assert_eq!(check, "ok");
    let stored = count(&db, "SELECT count(*) FROM documents");
    assert!(stored > 0 && stored < n as i64, "killed mid-run: {stored} of {n} stored");
    let orphans = count(&db, "SELECT count(*) FROM events WHERE doc NOT IN (SELECT seq FROM documents)");
    assert_eq!(orphans, 0);
    let mut stmt = conn.prepare("SELECT record FROM documents").expect("prepares");
    let records = stmt.query_map([], |r| r.get::<_, String>(0)).expect("runs");
    for r in records {
        let _: Value = serde_json::from_str(&r.expect("row")).expect("a whole record");
    }
    drop(stmt);
    drop(conn);

    // Ingesting again completes the corpus, storing nothing twice.
    let out =
        sitrep(&["ingest", input.to_str().expect("path"), "--db", db.to_str().expect("path"), "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), n as i64);
    assert!(stderr(&out).contains(&format!("already stored {stored}")), "{}", stderr(&out));
}

#[test]
fn export_gives_what_extract_gives_in_every_format() {
    let dir = scratch("export");
    let db = dir.join("corpus.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let corpus = repo().join("samples/corpus/reports.jsonl");
    let samples = repo().join("samples/reports.jsonl");
    let (corpus, samples) = (corpus.to_str().expect("path"), samples.to_str().expect("path"));
    let out = sitrep(&["ingest", corpus, samples, "--db", db_arg, "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // JSON Lines: one record per document, equal to `extract`'s but for the
    // incident ids linking adds.
    let extracted = sitrep(&["extract", corpus, samples]);
    let exported = sitrep(&["export", "--db", db_arg, "--format", "jsonl"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let lines = |o: &Output| -> Vec<Value> {
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).expect("record")).collect()
    };
    let (want, mut got) = (lines(&extracted), lines(&exported));
    assert_eq!(got.len(), 8);
    let mut linked = 0;
    for r in &mut got {
        for e in r["events"].as_array_mut().expect("events") {
            if e.as_object_mut().expect("event").remove("incident").is_some() {
                linked += 1;
            }
        }
    }
    assert_eq!(got, want);
    // Events that can be placed in time and space carry an incident id
    // (announced, vaguely dated or unplaced ones do not): most of them here.
    let events: usize = want.iter().map(|r| r["events"].as_array().map_or(0, Vec::len)).sum();
    assert!(linked * 3 >= events * 2, "{linked} of {events} events have an incident id");

    // CSVs parse, with one header and rows of its width.
    for (format, first) in [("acled-csv", "event_id_cnty"), ("ucdp-csv", "id")] {
        let out = sitrep(&["export", "--db", db_arg, "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
        let header = csv.headers().expect("a header").clone();
        assert_eq!(&header[0], first);
        let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("a valid row")).collect();
        assert!(rows.len() > 10, "{format}: {} rows", rows.len());
        assert!(rows.iter().all(|r| r.len() == header.len()));
    }

    // GeoJSON validates, and filters narrow it.
    let all = sitrep(&["export", "--db", db_arg, "--format", "geojson"]);
    let idlib = sitrep(&["export", "--db", db_arg, "--format", "geojson", "--bbox", "36.5,35.8,36.8,36.0"]);
    let features = |o: &Output| -> usize {
        let g: geojson::GeoJson = String::from_utf8_lossy(&o.stdout).parse().expect("valid GeoJSON");
        match g {
            geojson::GeoJson::FeatureCollection(fc) => fc.features.len(),
            other => panic!("not a FeatureCollection: {other:?}"),
        }
    };
    assert!(features(&all) > features(&idlib) && features(&idlib) >= 2);
    let bad = sitrep(&["export", "--db", db_arg, "--bbox", "1,2,3"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("min_lon"), "{}", stderr(&bad));
}

#[test]
fn bad_input_is_named_counted_and_the_rest_ingested() {
    let dir = scratch("ingest-bad-input");
    let db = dir.join("corpus.db");
    let fixtures = repo().join("crates/sitrep-ingest/tests/fixtures");
    // A feed with an item whose date cannot be read, a broken page, a
    // malformed JSONL line between good ones, and a gzip cut short.
    let jsonl = dir.join("reports.jsonl");
    let good = std::fs::read_to_string(repo().join("samples/reports.jsonl")).expect("samples");
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(2, "{\"id\": \"broken\", \"text\": ");
    std::fs::write(&jsonl, lines.join("\n") + "\n").expect("writes");
    let gz = dir.join("cut.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut enc, good.as_bytes()).expect("compresses");
    let bytes = enc.finish().expect("compresses");
    std::fs::write(&gz, &bytes[..bytes.len() * 2 / 3]).expect("writes");
    let paths = [fixtures.join("feed.rss"), fixtures.join("broken.html"), jsonl, gz];
    let mut args: Vec<&str> = vec!["ingest", "--quiet", "--db", db.to_str().expect("path")];
    args.extend(paths.iter().map(|p| p.to_str().expect("path")));
    let out = sitrep(&args);
    let err = stderr(&out);
    // The malformed line is an error naming file and line: exit status 1.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("reports.jsonl:3"), "{err}");
    // The feed item's date and the cut gzip are warnings naming their place.
    assert!(err.contains("feed.rss#item"), "{err}");
    assert!(err.contains("cut.jsonl.gz"), "{err}");
    assert!(err.contains("skipped 1") && err.contains("warnings"), "{err}");
    // Everything else is in: four good lines, the feed's items, the page,
    // and what the gzip held before the cut.
    let stored = count(&db, "SELECT count(*) FROM documents");
    assert!(stored > 4 + 3, "{stored} stored\n{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM documents WHERE id = 'broken'"), 0);
}
