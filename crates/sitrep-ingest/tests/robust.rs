//! Bad input never panics and never vanishes: every prefix of each kind of
//! input (a download cut anywhere), and arbitrary bytes read as each kind,
//! give items and counts that add up.

mod common;

use common::{crawl, fixture, gzip, warc_gz};
use proptest::prelude::*;
use sitrep_ingest::{Item, Kind, Limits, Meta, Reader, Stats, Warning};

fn read(bytes: &[u8], kind: Option<Kind>) -> (Vec<Item>, Stats) {
    let mut r = Reader::from_reader(
        "in",
        std::io::Cursor::new(bytes.to_vec()),
        kind,
        Meta::default(),
        Limits::default(),
    );
    let items: Vec<Item> = r.by_ref().collect();
    (items, r.stats())
}

/// The counts agree with the items, and every item says where it is from.
fn consistent(items: &[Item], stats: Stats) {
    let docs = items.iter().filter(|i| matches!(i.doc, Some(Ok(_)))).count();
    let errors = items.iter().filter(|i| matches!(i.doc, Some(Err(_)))).count();
    let warnings: usize = items.iter().map(|i| i.warnings.len()).sum();
    assert_eq!((stats.documents, stats.errors, stats.warnings), (docs, errors, warnings));
    assert!(items.iter().all(|i| i.origin.source == "in"));
    assert!(items.iter().all(|i| i.doc.is_some() || !i.warnings.is_empty()), "no empty item");
}

/// Cuts `bytes` at every `step`th length: no panic, the counts add up, and
/// a longer prefix never gives fewer documents (past the first bytes, where
/// a sniffed kind may still change: one byte of gzip magic reads as text).
fn every_prefix(bytes: &[u8], step: usize, kind: Option<Kind>) -> usize {
    let mut last_docs = 0;
    for len in (0..bytes.len()).step_by(step).chain([bytes.len()]) {
        let (items, stats) = read(&bytes[..len], kind);
        consistent(&items, stats);
        if len >= 64 {
            let docs = stats.documents;
            assert!(docs >= last_docs, "cut at {len}: {docs} documents after {last_docs}");
            last_docs = docs;
        }
    }
    last_docs
}

#[test]
fn warc_cut_anywhere() {
    let records = crawl();
    assert_eq!(every_prefix(&records.concat(), 97, Some(Kind::Warc)), 2);
    assert_eq!(every_prefix(&warc_gz(&records), 53, None), 2);
}

#[test]
fn a_cut_inside_a_record_is_a_truncation_warning() {
    let records = crawl();
    let plain = records.concat();
    for len in (1..plain.len()).step_by(211) {
        let (items, _) = read(&plain[..len], Some(Kind::Warc));
        let at_boundary =
            (0..=records.len()).any(|k| records[..k].iter().map(Vec::len).sum::<usize>() == len);
        if !at_boundary {
            let last = items.last().expect("a cut is reported");
            assert!(matches!(last.warnings[..], [Warning::Truncated(_)]), "cut at {len}: {last:?}");
        }
    }
}

#[test]
fn feeds_pages_and_jsonl_cut_anywhere() {
    let rss = std::fs::read(fixture("feed.rss")).expect("fixture");
    assert_eq!(every_prefix(&rss, 17, Some(Kind::Feed)), 4);
    assert_eq!(every_prefix(&gzip(&rss), 29, None), 4);
    let atom = std::fs::read(fixture("feed.atom")).expect("fixture");
    assert_eq!(every_prefix(&atom, 23, Some(Kind::Feed)), 2);
    let page = std::fs::read(fixture("article-fr.html")).expect("fixture");
    for len in (0..page.len()).step_by(151) {
        let (items, stats) = read(&page[..len], Some(Kind::Html));
        consistent(&items, stats);
        assert_eq!(items.len(), 1);
    }
    let jsonl = b"{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n".repeat(20);
    assert_eq!(every_prefix(&gzip(&jsonl), 7, Some(Kind::Jsonl)), 40);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), k in 0usize..6) {
        let kind = [None, Some(Kind::Jsonl), Some(Kind::Text), Some(Kind::Html), Some(Kind::Feed), Some(Kind::Warc)][k];
        let (items, stats) = read(&bytes, kind);
        consistent(&items, stats);
    }

    #[test]
    fn markup_like_bytes_never_panic(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<rss><channel><title>T</title>"), Just("<item>"), Just("</item>"), Just("<title>"),
                Just("</title>"), Just("<pubDate>"), Just("</pubDate>"), Just("Mon, 99 Foo"), Just("&amp;"),
                Just("&nbsp;"), Just("<![CDATA[<p>x"), Just("]]>"), Just("<entry>"), Just("<feed>"),
                Just("<html><body><p>"), Just("WARC/1.0\r\nContent-Length: 5\r\n\r\n"), Just("\r\n"), Just("é"),
            ],
            0..40,
        ),
        k in 0usize..4,
    ) {
        let kind = [None, Some(Kind::Html), Some(Kind::Feed), Some(Kind::Warc)][k];
        let (items, stats) = read(parts.concat().as_bytes(), kind);
        consistent(&items, stats);
    }
}
