//! Helpers shared by the integration tests: fixtures, gzip, and a small
//! WARC crawl built here (its records as separate byte strings).

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

pub fn warc_record(n: u32, kind: &str, uri: &str, date: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    );
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

pub fn http_response(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    [head.as_bytes(), body].concat()
}

/// A small crawl: warcinfo, request, an HTML article, a PNG, metadata, a
/// redirect, and a Latin-1 page whose charset only its HTTP header gives,
/// sent in chunks, without a date of its own. Records as separate strings.
pub fn crawl() -> Vec<Vec<u8>> {
    let article = std::fs::read(fixture("article-fr.html")).expect("fixture");
    // The Latin-1 page without its charset and date lines: the HTTP header
    // gives the charset, the WARC-Date the date.
    let latin1: Vec<u8> = std::fs::read(fixture("article-latin1.html"))
        .expect("fixture")
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| {
            let l = String::from_utf8_lossy(line);
            !l.contains("charset") && !l.contains("name=\"date\"")
        })
        .flatten()
        .copied()
        .collect();
    let chunked: Vec<u8> = latin1
        .chunks(500)
        .flat_map(|c| [format!("{:x}\r\n", c.len()).into_bytes(), c.to_vec(), b"\r\n".to_vec()].concat())
        .chain(b"0\r\n\r\n".iter().copied())
        .collect();
    let uri = "https://courrier-levant.example/monde/hama-villages-repris?utm_source=flux";
    vec![
        warc_record(
            1,
            "warcinfo",
            "",
            "2017-03-23T00:00:00Z",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            2,
            "request",
            uri,
            "2017-03-23T01:00:00Z",
            "application/http; msgtype=request",
            b"GET /monde/hama-villages-repris HTTP/1.1\r\nHost: courrier-levant.example\r\n\r\n",
        ),
        warc_record(
            3,
            "response",
            uri,
            "2017-03-23T01:00:01Z",
            "application/http; msgtype=response",
            &http_response("200 OK", &["Content-Type: text/html; charset=utf-8"], &article),
        ),
        warc_record(
            4,
            "response",
            "https://courrier-levant.example/logo.png",
            "2017-03-23T01:00:02Z",
            "application/http; msgtype=response",
            &http_response("200 OK", &["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ),
        warc_record(
            5,
            "metadata",
            uri,
            "2017-03-23T01:00:03Z",
            "application/warc-fields",
            b"fetchTimeMs: 120\r\n",
        ),
        warc_record(
            6,
            "response",
            "http://courrier-levant.example/old",
            "2017-03-23T01:00:04Z",
            "application/http; msgtype=response",
            &http_response(
                "301 Moved Permanently",
                &["Content-Type: text/html", "Location: https://courrier-levant.example/"],
                b"<html><body>Moved</body></html>",
            ),
        ),
        warc_record(
            7,
            "response",
            "http://echo-oronte.example/alep/treve.html",
            "2016-08-02T06:00:00Z",
            "application/http; msgtype=response",
            &http_response(
                "200 OK",
                &["Content-Type: text/html; charset=ISO-8859-1", "Transfer-Encoding: chunked"],
                &chunked,
            ),
        ),
    ]
}

/// Each record its own gzip member, as Common Crawl writes them.
pub fn warc_gz(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gzip(r)).collect()
}
