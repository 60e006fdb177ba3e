//! Ingest throughput, end to end: the release `sitrep ingest` on a corpus of
//! FA-KES-sized articles (about 1.8 KB of English or French text each, made
//! from the bundled samples with distinct texts and publication days), into
//! a fresh database,
//! with the default threads (one per core) and with one. Prints articles/s
//! and MB/s, and checks that every article was stored once and that a second
//! ingest adds nothing: `cargo bench -p sitrep --bench ingest`.
//!
//! `SITREP_BENCH_DOCS` sets the corpus size (default 20,000 articles);
//! `SITREP_BENCH_CORPUS=file.jsonl` measures a corpus of your own instead.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Articles of about 1.8 KB made from the samples.
fn corpus(n: usize) -> (String, usize) {
    let src = include_str!("../../../samples/reports.jsonl");
    let base: Vec<serde_json::Value> =
        src.lines().map(|l| serde_json::from_str(l).expect("valid sample")).collect();
    let mut out = String::new();
    let mut bytes = 0;
    for i in 0..n {
        let mut d = base[i % base.len()].clone();
        // FA-KES articles average 1.8 KB, the samples 1.5 KB: each article
        // is a sample followed by sentences of the next one up to 1.8 KB.
        let text = d["text"].as_str().expect("text");
        let next = base[(i + 1) % base.len()]["text"].as_str().expect("text");
        let mut article = format!("{text}\n\n");
        for sentence in next.split_inclusive(". ") {
            if article.len() >= 1640 {
                break;
            }
            article.push_str(sentence);
        }
        let article = format!("{}\n\nDispatch {i}.", article.trim_end());
        bytes += article.len();
        d["id"] = format!("bench-{i}").into();
        // Each copy of a sample is published a day after the one before, as
        // a stream of reports is: relative dates move, incidents do not pile up.
        let published: jiff::civil::Date =
            d["published"].as_str().and_then(|p| p.get(..10)?.parse().ok()).unwrap_or_default();
        let day = published.saturating_add(jiff::Span::new().days((i / base.len()) as i64));
        d["published"] = day.to_string().into();
        d["text"] = article.into();
        out.push_str(&d.to_string());
        out.push('\n');
    }
    (out, bytes)
}

fn ingest(input: &Path, db: &Path, threads: Option<usize>) -> (f64, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.args(["ingest", "--quiet", "--no-gazetteer-dir", "--db"]).arg(db).arg(input);
    if let Some(n) = threads {
        cmd.args(["-j", &n.to_string()]);
    }
    let t = Instant::now();
    let out = cmd.output().expect("sitrep runs");
    let secs = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (secs, stderr)
}

fn main() {
    // `cargo test --benches` runs this without --bench: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n: usize = if quick {
        200
    } else {
        std::env::var("SITREP_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(20_000)
    };
    let dir = std::env::temp_dir().join(format!("sitrep-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // A corpus of your own (JSON Lines of input documents) instead of the
    // one made from the samples: `SITREP_BENCH_CORPUS=path`.
    let own = std::env::var_os("SITREP_BENCH_CORPUS").filter(|_| !quick).map(std::path::PathBuf::from);
    let (input, n, bytes) = match own {
        Some(path) => {
            let src = std::fs::read_to_string(&path).expect("SITREP_BENCH_CORPUS is readable");
            let docs: Vec<serde_json::Value> = src
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).expect("JSON"))
                .collect();
            let bytes = docs.iter().map(|d| d["text"].as_str().map_or(0, str::len)).sum();
            (path, docs.len(), bytes)
        }
        None => {
            let input = dir.join("articles.jsonl");
            let (jsonl, bytes) = corpus(n);
            std::fs::write(&input, jsonl).expect("writes corpus");
            (input, n, bytes)
        }
    };
    let mb = bytes as f64 / 1e6;
    println!("ingest: {n} articles, {mb:.1} MB of text ({} bytes on average)", bytes / n.max(1));
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    for threads in [None, Some(1)] {
        let db = dir.join(format!("bench-{}.db", threads.unwrap_or(0)));
        let (secs, stderr) = ingest(&input, &db, threads);
        // (A corpus of your own may repeat a document: stored once.)
        assert!(stderr.contains(&format!("read {n}: added ")), "{stderr}");
        let label = threads.map_or(format!("{cores} threads"), |t| format!("{t} thread"));
        println!(
            "  {label:>10}: {:>7.0} articles/s  {:>6.2} MB/s  ({secs:.2} s, with start-up and linking)",
            n as f64 / secs,
            mb / secs
        );
        // A second ingest stores nothing.
        let (again, stderr) = ingest(&input, &db, threads);
        assert!(stderr.contains(&format!("read {n}: added 0, ")), "{stderr}");
        println!("  {label:>10}: re-ingest (all known) {:>7.0} articles/s", n as f64 / again);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
