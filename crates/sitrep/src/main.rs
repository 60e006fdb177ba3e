//! `sitrep`: conflict reports in, evidence out.
//!
//! The binary wires the pipeline (`sitrep-extract`) to files and streams;
//! it owns the command line, error reporting and parallelism.

mod db;
mod extract;
mod incidents;
mod ingest;
mod input;
mod query;

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
    /// PATH may be a .jsonl file of input documents ({"id", "text",
    /// "published", "language", "outlet", …} per line), a .txt or .md file
    /// (one document), a directory (walked for .jsonl, .txt and .md files,
    /// in name order), or - for standard input (JSON Lines if it starts
    /// with '{', else one text document).
    ///
    /// Records come out in input order. A line that cannot be read is
    /// reported on stderr with its file and line number and skipped; the
    /// exit status is then 1.
    #[command(after_help = "Examples:\n  \
        sitrep extract --sample\n  \
        sitrep extract report.txt --published 2016-08-01 --language fr --outlet Sputnik\n  \
        sitrep extract articles.jsonl -o records.jsonl\n  \
        cat articles.jsonl | sitrep extract - > records.jsonl")]
    Extract(Box<ExtractArgs>),

    /// Read documents into a corpus database: extract each once, store it,
    /// and link reports of the same happening into incidents.
    ///
    /// Reads what `extract` reads. A document already in the database (same
    /// text, outlet, publication date and URL) is not stored again, so
    /// ingesting a corpus twice changes nothing. Documents are committed in
    /// batches: an ingest that is killed keeps every batch it committed.
    #[command(after_help = "Examples:\n  \
        sitrep ingest articles.jsonl --db corpus.db\n  \
        sitrep ingest reports/ --db corpus.db --outlet 'Agency X'")]
    Ingest(Box<IngestArgs>),

    /// List the incidents of a corpus: each happening, who reported it, and
    /// what each source claims (low–high across sources, never averaged).
    #[command(after_help = "Examples:\n  \
        sitrep incidents --db corpus.db\n  \
        sitrep incidents --db corpus.db --min-reports 1 --json")]
    Incidents(IncidentsArgs),

    /// Run a read-only SQL query on a corpus database. The tables are
    /// described in docs/store.md.
    #[command(after_help = "Examples:\n  \
        sitrep query --db corpus.db \"SELECT sub_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC\"\n  \
        sitrep query --db corpus.db --format jsonl \"SELECT * FROM incidents WHERE documents > 1\"")]
    Query(QueryArgs),

    /// Print the JSON Schema of a sitrep/1 record.
    Schema,
}

#[derive(Args)]
struct IngestArgs {
    /// Files, directories, or - for stdin.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    /// The database (default: $SITREP_DB, else sitrep.db in the user's data directory).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,

    /// Publication date of documents that carry none.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,

    /// Language (fr, en) of documents that carry none; detected when absent.
    #[arg(long, value_name = "LANG")]
    language: Option<String>,

    /// Outlet of documents that carry none.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Largest document read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_doc_bytes: usize,

    /// An imported gazetteer, consulted after the embedded one (repeatable).
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,

    /// Do not link incidents after this ingest (`sitrep incidents` will).
    #[arg(long)]
    no_link: bool,

    /// No progress display.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args)]
struct IncidentsArgs {
    /// The database (default: $SITREP_DB, else sitrep.db in the user's data directory).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,

    /// Only incidents reported by at least N documents.
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_reports: usize,

    /// One JSON object per incident instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct QueryArgs {
    /// The SQL (one statement; it must only read).
    #[arg(value_name = "SQL")]
    sql: String,

    /// The database (default: $SITREP_DB, else sitrep.db in the user's data directory).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,

    /// Output: tab-separated with a header, or one JSON object per row.
    #[arg(long, value_enum, default_value_t = QueryFormat::Tsv)]
    format: QueryFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum QueryFormat {
    Tsv,
    Jsonl,
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
    /// the default for JSONL documents without one. Anchors relative dates.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,

    /// Language (ISO 639-1: fr, en) of a text document; detected when absent.
    #[arg(long, value_name = "LANG")]
    language: Option<String>,

    /// Outlet that published a text document.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,

    /// Id of a text document (default: a hash of its content).
    #[arg(long, value_name = "ID")]
    id: Option<String>,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Largest document read, in bytes (a text file, or one JSONL line).
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
        Command::Ingest(args) => ingest::run(*args),
        Command::Incidents(args) => incidents::run(args),
        Command::Query(args) => query::run(args),
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
