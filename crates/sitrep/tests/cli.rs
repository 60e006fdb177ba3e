//! The command line, end to end: input forms, bad input, order, exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn sitrep(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        // Gazetteers a user imported on this machine stay out of the tests.
        .env("SITREP_GAZETTEER_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-gazetteers"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sitrep runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input).expect("writes");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("sitrep ends")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh directory under the target dir, for this test only.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn sample_runs_with_no_input() {
    let out = sitrep(&["extract", "--sample"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["format"], "sitrep/1");
    assert!(!recs[0]["dates"].as_array().expect("dates").is_empty());
    assert!(stderr(&out).contains("processed 1, skipped 0"));
}

#[test]
fn malformed_lines_are_named_and_skipped_and_the_rest_processed() {
    let dir = scratch("malformed");
    let path = dir.join("in.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        b"{\"id\": \"a\", \"text\": \"Hier, l'armee a attaque.\", \"published\": \"2016-08-01\"}\n",
    );
    bytes.extend_from_slice(b"{\"id\": \"b\", \"text\": \n");
    bytes.extend_from_slice(b"\n");
    bytes.extend_from_slice(b"{\"id\": \"c\", \"title\": \"no text\"}\n");
    bytes.extend_from_slice(
        b"{\"id\": \"d\", \"text\": \"caf\xe9 \xff hier\", \"published\": \"2016-08-01\"}\n",
    );
    bytes.extend_from_slice(b"{\"id\": \"e\", \"text\": \"\"}");
    std::fs::write(&path, bytes).expect("writes");
    let p = path.to_str().expect("utf-8 path");
    let out = sitrep(&["extract", p], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "skipped lines make a non-zero exit: {err}");
    assert!(err.contains(&format!("{p}:2: not a JSON document object")), "{err}");
    assert!(err.contains(&format!("{p}:4: the document has neither")), "{err}");
    assert!(err.contains(&format!("{p}:5: invalid UTF-8")), "{err}");
    assert!(err.contains("processed 3, skipped 2"), "{err}");
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap_or_default()).collect();
    assert_eq!(ids, ["a", "d", "e"]);
    assert_eq!(recs[2]["dates"], Value::Array(vec![]), "an empty document has empty sections");
    assert!(
        recs[1]["dates"].as_array().is_some_and(|d| !d.is_empty()),
        "the lossy-decoded line is still read"
    );
}

#[test]
fn text_files_take_metadata_from_flags() {
    let dir = scratch("textfile");
    let path = dir.join("report.txt");
    std::fs::write(&path, "Ce lundi, la chaîne assure que les combats continuent. Hier, quatre morts.")
        .expect("writes");
    let p = path.to_str().expect("path");
    let out = sitrep(
        &["extract", p, "--published", "2016-08-01", "--language", "fr", "--outlet", "Sputnik", "--id", "x1"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let r = &records(&out)[0];
    assert_eq!(
        (r["id"].as_str(), r["language"].as_str(), r["outlet"].as_str()),
        (Some("x1"), Some("fr"), Some("Sputnik"))
    );
    let values: Vec<&str> =
        r["dates"].as_array().expect("dates").iter().filter_map(|d| d["value"].as_str()).collect();
    assert_eq!(values, ["2016-08-01", "2016-07-31"]);
}

#[test]
fn without_a_publication_date_relative_dates_stay_open() {
    let out =
        sitrep(&["extract", "-"], Some("Hier, les rebelles ont attaqué la ville depuis le sud.".as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let d = &records(&out)[0]["dates"][0];
    assert_eq!(d["value"], "XXXX-XX-XX");
    assert_eq!(d["date_prec"], Value::Null);
    assert_eq!(d["unresolved"], true);
}

#[test]
fn a_bad_publication_date_is_a_warning() {
    let line = "{\"id\": \"a\", \"text\": \"Hier, la ville est tombée.\", \"published\": \"lundi\"}\n";
    let out = sitrep(&["extract", "-"], Some(line.as_bytes()));
    assert!(out.status.success());
    assert!(stderr(&out).contains("<stdin>:1: published \"lundi\" is not an ISO date"), "{}", stderr(&out));
    assert_eq!(records(&out)[0]["dates"][0]["value"], "XXXX-XX-XX");
}

#[test]
fn directories_are_walked_in_name_order_and_oversized_files_skipped() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("b")).expect("mkdir");
    std::fs::write(dir.join("a.txt"), "Un texte court.").expect("writes");
    std::fs::write(
        dir.join("b/c.jsonl"),
        "{\"id\": \"c1\", \"text\": \"x\"}\n{\"id\": \"c2\", \"text\": \"y\"}\n",
    )
    .expect("w");
    std::fs::write(dir.join("d.md"), "z".repeat(5000)).expect("writes");
    std::fs::write(dir.join("e.pdf"), "not read").expect("writes");
    let out = sitrep(&["extract", dir.to_str().expect("path"), "--max-doc-bytes", "1000"], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("d.md: file is over the 1000 byte document limit"), "{err}");
    assert!(err.contains("1 files in the directories given are not"), "{err}");
    let ids: Vec<String> =
        records(&out).iter().map(|r| r["id"].as_str().unwrap_or_default().to_string()).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids[0].starts_with("doc-"), "a text file's id is a content hash");
    assert_eq!(&ids[1..], ["c1", "c2"]);
}

fn ingest_fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sitrep-ingest/tests/fixtures").join(name);
    p.to_str().expect("path").to_string()
}

#[test]
fn pages_and_feeds_are_read_with_their_metadata_and_their_text_kept() {
    let (page, feed) = (ingest_fixture("article-fr.html"), ingest_fixture("feed.rss"));
    let out = sitrep(&["extract", &page, &feed], None);
    let err = stderr(&out);
    assert!(out.status.success(), "a bad feed date is a warning, not an error: {err}");
    assert!(
        err.contains(&format!("{feed}#item 3: pubDate \"jeudi dernier\" is not a date")),
        "the warning names the item: {err}"
    );
    assert!(err.contains("processed 5, skipped 0, 1 warnings"), "{err}");
    let recs = records(&out);
    let r = &recs[0];
    assert_eq!(r["outlet"], "Le Courrier du Levant");
    assert_eq!(r["published"], "2017-03-22T14:05:00+01:00");
    assert_eq!(r["language"], "fr");
    let text = r["text"].as_str().expect("text made from a page goes into the record");
    assert!(text.starts_with("Les forces gouvernementales syriennes"), "{text}");
    let d = &r["dates"][0];
    assert_eq!((d["text"].as_str(), d["value"].as_str()), (Some("mercredi"), Some("2017-03-22")));
    let (start, end) = (d["start"].as_u64().unwrap_or(0) as usize, d["end"].as_u64().unwrap_or(0) as usize);
    let span: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(span, "mercredi", "offsets refer to the record's text");
    assert_eq!(recs[1]["outlet"], "Le Fil Syrie");
    assert_eq!(recs[1]["url"], "https://fil-syrie.example/2017/04/idleb-frappes");
}

#[test]
fn a_truncated_warc_keeps_the_records_before_the_cut_with_a_warning() {
    let page = std::fs::read(ingest_fixture("article-fr.html")).expect("fixture");
    let record = |n: u32, kind: &str, ctype: &str, block: &[u8]| {
        let head = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{n}>\r\nWARC-Date: 2017-03-23T00:00:00Z\r\n\
             WARC-Target-URI: https://x.example/{n}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        );
        [head.as_bytes(), block, b"\r\n\r\n"].concat()
    };
    let http = [&b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"[..], &page].concat();
    let mut warc = record(1, "request", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n");
    warc.extend(record(2, "response", "application/http; msgtype=response", &http));
    let third = record(3, "response", "application/http; msgtype=response", &http);
    warc.extend(&third[..third.len() / 2]);
    let path = scratch("warc").join("cut.warc");
    std::fs::write(&path, warc).expect("writes");
    let p = path.to_str().expect("path");
    let out = sitrep(&["extract", p], None);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("{p}#record 3: the input is cut short here")), "{err}");
    assert!(err.contains("1 WARC records are not HTML pages"), "{err}");
    assert!(err.contains("processed 1, skipped 0, 1 warnings"), "{err}");
    assert_eq!(records(&out)[0]["url"], "https://x.example/2");
}

#[test]
fn output_does_not_depend_on_threads() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/reports.jsonl");
    let s = sample.to_str().expect("path");
    let mut many = String::new();
    let base = std::fs::read_to_string(&sample).expect("samples");
    for k in 0..40 {
        for l in base.lines() {
            let mut v: Value = serde_json::from_str(l).expect("json");
            v["id"] = Value::String(format!("{}-{k}", v["id"].as_str().unwrap_or_default()));
            many.push_str(&v.to_string());
            many.push('\n');
        }
    }
    let one = sitrep(&["extract", "-j", "1", "-"], Some(many.as_bytes()));
    let two = sitrep(&["extract", "-j", "2", "-"], Some(many.as_bytes()));
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(records(&one).len(), 160);
    let out_file = scratch("out").join("records.jsonl");
    let o = sitrep(&["extract", s, "-o", out_file.to_str().expect("path")], None);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(out_file).expect("written").lines().count(), 4);
}

#[test]
fn missing_paths_and_unknown_stages_are_clear_errors() {
    let out = sitrep(&["extract", "/no/such/file.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/file.jsonl: cannot read: no such file or directory"),
        "{}",
        stderr(&out)
    );
    let out = sitrep(&["extract", "--sample", "--stages", "nope"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown stage \"nope\"; the stages are: dates"), "{}", stderr(&out));
}

#[test]
fn help_reads_well() {
    let out = sitrep(&["extract", "--help"], None);
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["JSON Lines", "--published", "--sample", "Examples:", "standard input"] {
        assert!(help.contains(needle), "extract --help lacks {needle:?}:\n{help}");
    }
    let out = sitrep(&["--help"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("who says so"));
}

#[test]
fn schema_prints_the_record_schema() {
    let out = sitrep(&["schema"], None);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["title"], "sitrep/1 record");
}
