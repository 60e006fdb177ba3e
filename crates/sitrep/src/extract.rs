//! `sitrep extract`: documents in, records out, in order, in parallel.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use sitrep_core::InputDoc;
use sitrep_extract::{Config, Extractor};

use sitrep_ingest::{Item, Limits, Meta, Origin, Reader};

use crate::ExtractArgs;

/// The bundled sample report (`sitrep extract --sample`).
const SAMPLE: &str = include_str!("../../../samples/hama-2017-03-22.fr.txt");
const SAMPLE_META: (&str, &str, &str, &str) = ("sample-hama-2017-03-22", "2017-03-22", "fr", "sitrep sample");

/// Documents handled per parallel batch: enough to keep every core busy,
/// few enough to keep memory flat on a stream of any length.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 16 << 20;

pub(crate) fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start threads")?;
    }
    let config = Config {
        only: args.stages.clone(),
        gazetteers: crate::gazetteer::with_installed(
            &args.gazetteer,
            args.no_gazetteer_dir || args.stages.as_ref().is_some_and(|s| !s.iter().any(|s| s == "places")),
        ),
    };
    let extractor = Extractor::new(&config)?;
    tracing::info!(stages = ?extractor.stage_names(), "pipeline ready");
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let started = Instant::now();

    let sample = args.sample.then(|| {
        let (id, published, language, outlet) = SAMPLE_META;
        Item {
            origin: Origin { source: "<sample>".into(), position: None },
            doc: Some(Ok(InputDoc {
                id: Some(id.into()),
                text: Some(SAMPLE.into()),
                published: Some(published.into()),
                language: Some(language.into()),
                outlet: Some(outlet.into()),
                ..Default::default()
            })),
            warnings: vec![],
            text_derived: false,
        }
    });
    let mut reader = (!args.sample).then(|| {
        let meta = Meta {
            published: args.published.clone(),
            language: args.language.clone(),
            outlet: args.outlet.clone(),
            id: args.id.clone(),
        };
        Reader::new(&args.paths, meta, Limits { max_doc_bytes: args.max_doc_bytes })
    });

    let mut stats = Stats::default();
    let mut batch: Vec<Item> = Vec::with_capacity(BATCH_DOCS);
    let mut items = sample.into_iter().chain(reader.iter_mut().flatten()).peekable();
    while items.peek().is_some() {
        batch.clear();
        let mut batch_bytes = 0;
        while batch.len() < BATCH_DOCS && batch_bytes < BATCH_BYTES {
            let Some(item) = items.next() else { break };
            batch_bytes += match &item.doc {
                Some(Ok(d)) => d.text.as_ref().map_or(0, String::len),
                _ => 0,
            };
            batch.push(item);
        }
        let results: Vec<Outcome> =
            batch.par_drain(..).map(|item| process(&extractor, item, args.pretty)).collect();
        for r in results {
            for w in &r.warnings {
                eprintln!("sitrep: warning: {}: {w}", r.origin);
                stats.warnings += 1;
            }
            match r.line {
                // Only warnings about the input itself (a file cut short).
                None => {}
                Some(Ok(line)) => {
                    if let Err(e) = out.write_all(line.as_bytes()).and_then(|_| out.write_all(b"\n")) {
                        return write_failed(e);
                    }
                    stats.processed += 1;
                }
                Some(Err(e)) => {
                    eprintln!("sitrep: error: {}: {e}", r.origin);
                    stats.skipped += 1;
                }
            }
        }
    }
    drop(items);
    if let Err(e) = out.flush() {
        return write_failed(e);
    }
    if let Some(read) = reader.map(|r| r.stats()) {
        if read.files_passed_over > 0 {
            eprintln!(
                "sitrep: note: {} files in the directories given are not of a kind sitrep reads \
                 (see `sitrep extract --help`); not read",
                read.files_passed_over
            );
        }
        if read.records_skipped > 0 {
            eprintln!(
                "sitrep: note: {} WARC records are not HTML pages (requests, metadata, other media, \
                 redirects); skipped",
                read.records_skipped
            );
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    eprintln!(
        "sitrep: processed {}, skipped {}{} in {elapsed:.2} s",
        stats.processed,
        stats.skipped,
        if stats.warnings > 0 { format!(", {} warnings", stats.warnings) } else { String::new() },
    );
    Ok(if stats.skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[derive(Default)]
struct Stats {
    processed: usize,
    skipped: usize,
    warnings: usize,
}

struct Outcome {
    origin: String,
    /// `None`: the item carried only warnings about its input.
    line: Option<Result<String, String>>,
    warnings: Vec<String>,
}

fn process(extractor: &Extractor, item: Item, pretty: bool) -> Outcome {
    let Item { origin, doc, warnings, text_derived } = item;
    let mut warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let line = doc.map(|doc| {
        let input = doc.map_err(|e| e.to_string())?;
        // Text made from a page or feed exists nowhere else: the record
        // carries it, so that its offsets can be followed.
        let derived = if text_derived { input.text.clone() } else { None };
        let (mut record, doc_warnings) = extractor.extract(input);
        if record.text.is_none() {
            record.text = derived;
        }
        warnings.extend(doc_warnings.into_iter().map(|w| w.to_string()));
        let json =
            if pretty { serde_json::to_string_pretty(&record) } else { serde_json::to_string(&record) };
        json.map_err(|e| format!("cannot write the record: {e}"))
    });
    Outcome { origin: origin.to_string(), line, warnings }
}

/// A closed pipe (`sitrep extract … | head`) is not an error worth a message.
fn write_failed(e: io::Error) -> anyhow::Result<ExitCode> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Ok(ExitCode::SUCCESS);
    }
    Err(anyhow::Error::new(e).context("cannot write records"))
}
