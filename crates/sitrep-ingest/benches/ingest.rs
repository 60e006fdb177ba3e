//! Reading throughput: a gzipped WARC of HTML pages (the test crawl
//! repeated) and an RSS feed, through [`Reader`]: `cargo bench -p
//! sitrep-ingest`. Prints MB/s and pages/s, and checks that every run reads
//! the documents it should (a benchmark of wrong output measures nothing).
//!
//! `SITREP_BENCH_COPIES` sets how many times the crawl is repeated (default
//! 500: 1,000 pages, 3,500 records).

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Cursor;
use std::time::Instant;

use sitrep_ingest::{Kind, Limits, Meta, Reader};

fn main() {
    // `cargo test --benches` runs this without --bench: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let copies: usize = if quick {
        2
    } else {
        std::env::var("SITREP_BENCH_COPIES").ok().and_then(|s| s.parse().ok()).unwrap_or(500)
    };
    let records = common::crawl();
    let one = common::warc_gz(&records);
    let warc: Vec<u8> = one.repeat(copies);
    let plain_mb = records.iter().map(Vec::len).sum::<usize>() as f64 * copies as f64 / 1e6;

    let t = Instant::now();
    let mut reader = Reader::from_reader(
        "bench.warc.gz",
        Cursor::new(warc),
        Some(Kind::Warc),
        Meta::default(),
        Limits::default(),
    );
    let text_bytes: usize = reader
        .by_ref()
        .map(|i| match i.doc {
            Some(Ok(d)) => d.text.map_or(0, |t| t.len()),
            _ => 0,
        })
        .sum();
    let secs = t.elapsed().as_secs_f64();
    let stats = reader.stats();
    assert_eq!(stats.documents, 2 * copies, "{stats:?}");
    assert_eq!(stats.records_skipped, 5 * copies, "{stats:?}");
    assert_eq!((stats.errors, stats.warnings), (0, 0), "{stats:?}");
    assert!(text_bytes > 1500 * copies, "each copy gives two articles' text");
    println!(
        "warc.gz: {} pages ({plain_mb:.1} MB of WARC) in {secs:.2} s: {:.1} MB/s, {:.0} pages/s",
        stats.documents,
        plain_mb / secs,
        stats.documents as f64 / secs
    );

    let rss = std::fs::read(common::fixture("feed.rss")).expect("fixture");
    let (head, rest) = rss.split_at(rss.windows(6).position(|w| w == b"<item>").expect("an item"));
    let end = rest.windows(10).position(|w| w == b"</channel>").expect("the channel's end");
    let items = &rest[..end];
    let feed = [head, &items.repeat(copies * 50), &rest[end..]].concat();
    let t = Instant::now();
    let mut reader =
        Reader::from_reader("bench.rss", Cursor::new(feed), None, Meta::default(), Limits::default());
    let n = reader.by_ref().count();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(reader.stats().documents, 4 * 50 * copies);
    assert_eq!(n, reader.stats().documents);
    println!("rss: {n} items in {secs:.2} s: {:.0} items/s", n as f64 / secs);
}
