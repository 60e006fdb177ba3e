//! Extraction throughput on the bundled sample reports, one core and all
//! cores: `cargo bench -p sitrep-extract`. Prints MB/s and documents/s, and
//! checks that every run finds the same things (a benchmark of wrong output
//! measures nothing).
//!
//! `SITREP_BENCH_MB` sets the corpus size (default 8 MB of text, the
//! samples repeated with distinct ids).

use std::time::Instant;

use rayon::prelude::*;
use sitrep_core::{Doc, InputDoc, Record};
use sitrep_extract::{Config, Extractor};

/// The allocator the `sitrep` binary ships with: the benchmark measures what
/// users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus() -> Vec<InputDoc> {
    let src = include_str!("../../../samples/reports.jsonl");
    let base: Vec<InputDoc> =
        src.lines().map(|l| serde_json::from_str(l).expect("samples/reports.jsonl is valid")).collect();
    let target_mb: f64 = std::env::var("SITREP_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(8.0);
    let base_bytes: usize = base.iter().map(|d| d.text.as_ref().map_or(0, String::len)).sum();
    let copies = ((target_mb * 1e6) / base_bytes as f64).ceil() as usize;
    (0..copies)
        .flat_map(|k| {
            base.iter().map(move |d| InputDoc {
                id: Some(format!("{}-{k}", d.id.clone().unwrap_or_default())),
                ..d.clone()
            })
        })
        .collect()
}

/// What a record holds, kept from each timed run: dates, and events plus
/// figures.
fn found(record: &Record) -> (usize, usize) {
    (record.dates.len(), record.events.len() + record.figures.len())
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let docs = if quick { corpus().into_iter().take(8).collect() } else { corpus() };
    let bytes: usize = docs.iter().map(|d| d.text.as_ref().map_or(0, String::len)).sum();
    let mb = bytes as f64 / 1e6;
    let extractor = Extractor::new(&Config::default()).expect("the default pipeline builds");

    let t = Instant::now();
    let built = Extractor::new(&Config::default()).expect("builds");
    let startup = t.elapsed();
    drop(built);

    // Records are dropped as they come, as `sitrep extract` does once it has
    // written them: keeping 5,000 records alive would time the growth of the
    // heap (page faults), not extraction. What each run found is kept.
    let t = Instant::now();
    let one: Vec<(usize, usize)> = docs.iter().map(|d| found(&extractor.extract(d.clone()).0)).collect();
    let one_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let all: Vec<(usize, usize)> = docs.par_iter().map(|d| found(&extractor.extract(d.clone()).0)).collect();
    let all_s = t.elapsed().as_secs_f64();

    // The text layer alone, for the share of the time it takes.
    let t = Instant::now();
    let tokens: usize = docs.iter().map(|d| Doc::new(d.clone()).0.text.tokens().len()).sum();
    let text_s = t.elapsed().as_secs_f64();

    let dates: usize = one.iter().map(|f| f.0).sum();
    assert!(dates > 0, "the samples hold dates: a run that finds none is broken");
    assert_eq!(all, one, "parallel and sequential runs must find the same");
    // Whole records, compared on a slice of the corpus (untimed).
    let head = &docs[..docs.len().min(400)];
    let seq: Vec<Record> = head.iter().map(|d| extractor.extract(d.clone()).0).collect();
    let par: Vec<Record> = head.par_iter().map(|d| extractor.extract(d.clone()).0).collect();
    assert_eq!(seq, par, "records must not depend on the thread count");

    let n = docs.len() as f64;
    println!("extract benchmark: {} documents, {mb:.1} MB, {tokens} tokens", docs.len());
    println!("  pipeline start-up          {:>8.1} ms", startup.as_secs_f64() * 1e3);
    println!("  text layer, 1 core         {:>8.2} MB/s", mb / text_s);
    println!("  extract, 1 core            {:>8.2} MB/s {:>10.0} docs/s", mb / one_s, n / one_s);
    println!(
        "  extract, {} cores           {:>8.2} MB/s {:>10.0} docs/s",
        rayon::current_num_threads(),
        mb / all_s,
        n / all_s
    );
    println!("  found: {dates} dates");
}
