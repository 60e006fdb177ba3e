//! `sitrep`: conflict reports in, evidence out.
//!
//! The binary wires the pipeline (`sitrep-extract`) to files and streams;
//! it owns the command line, error reporting and parallelism.

mod extract;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// sitrep reads conflict reports (French and English first) and writes what
/// they say as evidence: who did what to whom, where, when, how many, and
/// who says so, each with the exact words it came from.
///
/// Records follow the sitrep/1 format (`sitrep schema` prints its JSON
/// Schema).
#[derive(Parser)]
#[command(name = "sitrep", version, propagate_version = true, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,

    /// Log each stage's work to stderr (-v), or more (-vv).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
}

#[derive(Subcommand)]
enum Command {
    /// Read documents and write one sitrep/1 record per document as JSON Lines.
    ///
    /// PATH may be:
    ///
    /// - .jsonl or .ndjson: input documents, one per line ({"id", "text",
    ///   "published", "language", "outlet", …});
    ///
    /// - .txt or .md: one text document;
    ///
    /// - .html, .htm or .xhtml: one web page; its main text (menus, ads
    ///   and footers removed), title, date, outlet, language and address
    ///   are taken from the page;
    ///
    /// - .rss, .atom, or .xml that is a feed: one document per RSS item or
    ///   Atom entry;
    ///
    /// - .warc (Common Crawl, CC-NEWS): one document per HTML response;
    ///
    /// - any of these gzipped (.jsonl.gz, .warc.gz, …);
    ///
    /// - a directory, walked for all of these, in name order;
    ///
    /// - or - for standard input, whose kind is told from its first bytes.
    ///
    /// Records come out in input order. A document that cannot be read is
    /// reported on stderr with where it was (file:line, feed.xml#item 3,
    /// crawl.warc.gz#record 17) and skipped; the exit status is then 1.
    /// Problems that lose no document already read (a bad date, a guessed
    /// encoding, a gzip or WARC file cut short: what came before the cut is
    /// kept) are warnings.
    #[command(after_help = "Examples:\n  \
        sitrep extract --sample\n  \
        sitrep extract report.txt --published 2016-08-01 --language fr --outlet Sputnik\n  \
        sitrep extract articles.jsonl -o records.jsonl\n  \
        sitrep extract page.html feed.rss CC-NEWS-20240101000000-00000.warc.gz\n  \
        cat articles.jsonl | sitrep extract - > records.jsonl")]
    Extract(Box<ExtractArgs>),

    /// Print the JSON Schema of a sitrep/1 record.
    Schema,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files, directories, or - for stdin.
    #[arg(value_name = "PATH", required_unless_present = "sample")]
    paths: Vec<PathBuf>,

    /// Run on the bundled sample report instead (a French dispatch).
    #[arg(long, conflicts_with = "paths")]
    sample: bool,

    /// Write records to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Publication date (2016-08-01, or an RFC 3339 time) of a text document;
    /// the default for other documents without one. Anchors relative dates.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,

    /// Language (ISO 639-1: fr, en) of a text document, the default for others;
    /// detected when absent.
    #[arg(long, value_name = "LANG")]
    language: Option<String>,

    /// Outlet that published a text document; the default for others.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Id of a text document or web page (default: a hash of its content).
    #[arg(long, value_name = "ID")]
    id: Option<String>,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Largest document read, in bytes (a text file, a web page, one JSONL line,
    /// a feed item's text, a WARC record's page).
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_doc_bytes: usize,

    /// Only run these stages (comma-separated), e.g. --stages dates.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    stages: Option<Vec<String>>,

    /// A gazetteer imported with `sitrep gazetteer import`, consulted after
    /// the embedded one (repeatable).
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,

    /// Indent each record (no longer one per line).
    #[arg(long)]
    pretty: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| filter.into()),
        )
        .init();
    let result = match cli.command {
        Command::Extract(args) => extract::run(*args),
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&sitrep_core::record_schema()).unwrap_or_default());
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
