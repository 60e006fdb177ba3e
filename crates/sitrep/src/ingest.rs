//! `sitrep ingest`: documents in, corpus out — extracted, stored once,
//! linked into incidents.

use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::{Doc, DocWarning};
use sitrep_extract::{Config, Extractor};
use sitrep_incidents::Rules;
use sitrep_store::{NewDocument, Store, document_key};

use crate::IngestArgs;
use sitrep_ingest::{Item, Limits, Meta, Reader};

/// Documents per batch: one parallel extraction and one transaction. A
/// killed ingest loses at most the batches not yet committed.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 16 << 20;

/// A document read and analysed (or why not; `None`: the item only warns
/// about its input), with its origin and warnings, and whether its text was
/// derived from a page or feed.
struct Analysed {
    origin: String,
    doc: Option<Result<(Doc, Vec<DocWarning>), String>>,
    warnings: Vec<String>,
    text_derived: bool,
}

#[derive(Default)]
struct Stats {
    read: usize,
    added: usize,
    known: usize,
    skipped: usize,
    warnings: usize,
}

pub(crate) fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start threads")?;
    }
    let db = crate::db::path(args.db.clone())?;
    let mut store = Store::open(&db)?;
    // Linking at the end need not read back what this run stored.
    store.keep_for_linking(!args.no_link);
    // A second connection answers "already stored?" while the first writes.
    let lookup = Store::open(&db)?;
    let gazetteers = crate::gazetteer::with_installed(&args.gazetteer, args.no_gazetteer_dir);
    let extractor = Extractor::new(&Config { only: None, gazetteers })?;
    let meta = Meta {
        published: args.published.clone(),
        language: args.language.clone(),
        outlet: args.outlet.clone(),
        id: None,
    };
    let mut reader = Reader::new(&args.paths, meta, Limits { max_doc_bytes: args.max_doc_bytes });
    let progress = progress_bar(args.quiet, reader.total_bytes());
    let read_so_far = reader.progress();
    let started = Instant::now();
    let mut stats = Stats::default();

    // Extraction runs here, on every core; the store writes on its own
    // thread, one transaction per batch, so neither waits for the other.
    let (send, receive) = mpsc::sync_channel::<Vec<NewDocument>>(2);
    let writer = std::thread::Builder::new()
        .name("sitrep-writer".into())
        .spawn(move || -> anyhow::Result<(usize, Store)> {
            let mut added = 0;
            for batch in receive {
                added += store.insert(&batch)?;
            }
            Ok((added, store))
        })
        .context("cannot start the database writer")?;

    // Reading (decompressing, parsing JSON or HTML) runs on a thread of its
    // own, a batch ahead, so the cores never wait for input.
    let (send_batch, batches) = mpsc::sync_channel::<Vec<Item>>(2);
    let read_thread = std::thread::Builder::new()
        .name("sitrep-reader".into())
        .spawn(move || {
            let mut items = reader.by_ref().peekable();
            while items.peek().is_some() {
                let mut batch = Vec::with_capacity(BATCH_DOCS);
                let mut bytes = 0;
                while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
                    let Some(item) = items.next() else { break };
                    bytes += match &item.doc {
                        Some(Ok(d)) => d.text.as_ref().map_or(0, String::len),
                        _ => 0,
                    };
                    batch.push(item);
                }
                if send_batch.send(batch).is_err() {
                    break; // extraction stopped
                }
            }
            drop(items);
            reader.stats()
        })
        .context("cannot start the reader")?;

    for mut batch in batches {
        // Analyse every document, then drop those already stored.
        let analysed: Vec<Analysed> = batch
            .par_drain(..)
            .map(|Item { origin, doc, warnings, text_derived }| Analysed {
                origin: origin.to_string(),
                doc: doc.map(|d| d.map(Doc::new).map_err(|e| e.to_string())),
                warnings: warnings.iter().map(ToString::to_string).collect(),
                text_derived,
            })
            .collect();
        let mut fresh = Vec::with_capacity(analysed.len());
        for Analysed { origin, doc, warnings, text_derived } in analysed {
            for w in &warnings {
                progress.suspend(|| eprintln!("sitrep: warning: {origin}: {w}"));
                stats.warnings += 1;
            }
            match doc {
                // Only warnings about the input itself (a file cut short).
                None => {}
                Some(Err(e)) => {
                    stats.read += 1;
                    progress.suspend(|| eprintln!("sitrep: error: {origin}: {e}"));
                    stats.skipped += 1;
                }
                Some(Ok((doc, doc_warnings))) => {
                    stats.read += 1;
                    for w in &doc_warnings {
                        progress.suspend(|| eprintln!("sitrep: warning: {origin}: {w}"));
                        stats.warnings += 1;
                    }
                    let key = document_key(
                        doc.text.raw(),
                        doc.outlet.as_deref(),
                        doc.published_raw.as_deref(),
                        doc.url.as_deref(),
                    );
                    if lookup.contains(&key)? {
                        stats.known += 1;
                    } else {
                        fresh.push((origin, key, doc, text_derived));
                    }
                }
            }
        }
        let docs: Vec<NewDocument> = fresh
            .into_par_iter()
            .map(|(origin, key, doc, text_derived)| {
                let mut record = extractor.extract_doc(&doc);
                // As `extract` does: text made from a page or feed exists
                // nowhere else, so the record carries it.
                if text_derived && record.text.is_none() {
                    record.text = Some(doc.text.raw().to_string());
                }
                // Serialised here, on every core, not on the writer thread.
                let record_json = sitrep_store::stored_json(&record).ok();
                NewDocument { key, origin, text: doc.text.raw().to_string(), record, record_json }
            })
            .collect();
        if send.send(docs).is_err() {
            break; // the writer stopped: its error is reported below
        }
        progress.set_message(format!("{} documents", stats.read));
        if progress.length().is_some() {
            progress.set_position(read_so_far.bytes());
        } else {
            progress.set_position(stats.read as u64);
        }
    }
    drop(send);
    let read = match read_thread.join() {
        Ok(stats) => stats,
        Err(_) => anyhow::bail!("the reader stopped unexpectedly"),
    };
    let (added, mut store) = match writer.join() {
        Ok(r) => r?,
        Err(_) => anyhow::bail!("the database writer stopped unexpectedly"),
    };
    stats.added = added;
    if read.files_passed_over > 0 {
        eprintln!(
            "sitrep: note: {} files in the directories given are not of a kind sitrep reads; not read",
            read.files_passed_over
        );
    }
    if read.records_skipped > 0 {
        eprintln!("sitrep: note: {} WARC records are not HTML pages; skipped", read.records_skipped);
    }
    stats.known += stats.read - stats.skipped - stats.known - added; // duplicates within this run
    progress.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    let rate = if elapsed > 0.0 { stats.read as f64 / elapsed } else { 0.0 };
    eprintln!(
        "sitrep: read {}: added {}, already stored {}, skipped {}{} in {elapsed:.2} s ({rate:.0} documents/s) into {}",
        stats.read,
        stats.added,
        stats.known,
        stats.skipped,
        if stats.warnings > 0 { format!(", {} warnings", stats.warnings) } else { String::new() },
        db.display(),
    );
    if !args.no_link && (stats.added > 0 || store.incidents_stale()?) {
        let t = Instant::now();
        // The last batches are still in the write-ahead log: they are
        // copied into the database on another core while linking reads
        // and computes, instead of at linking's commit.
        let checkpoint = {
            let db = db.clone();
            std::thread::spawn(move || Store::open(&db).and_then(|s| s.checkpoint()))
        };
        let s = store.relink(&Rules::embedded())?;
        if let Ok(Err(e)) = checkpoint.join() {
            eprintln!("sitrep: warning: {e}");
        }
        eprintln!(
            "sitrep: incidents: {} events in {} incidents, {} reported by several documents ({:.2} s)",
            s.events,
            s.incidents,
            s.linked,
            t.elapsed().as_secs_f64()
        );
    }
    Ok(if stats.skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// On a terminal: documents read, rate, and — when the input's size is
/// known (files, not stdin) — the share of bytes read and the time left.
/// Nothing when stderr is not a terminal (indicatif hides it) or `--quiet`.
fn progress_bar(quiet: bool, total_bytes: Option<u64>) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = match total_bytes {
        Some(total) => {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg}  [{wide_bar}] {bytes}/{total_bytes}  {bytes_per_sec}  ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} documents  {per_sec}  {elapsed_precise}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
