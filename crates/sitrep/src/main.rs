//! `sitrep`: conflict reports in, evidence out.
//!
//! The binary wires the pipeline (`sitrep-extract`) to files and streams;
//! it owns the command line, error reporting and parallelism.

mod db;
mod export;
mod extract;
mod gazetteer;
mod incidents;
mod ingest;
mod query;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// mimalloc: extraction makes and drops many small strings and vectors per
/// document; glibc's allocator spent about a sixth of the per-document
/// instructions on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

    /// Write the corpus as JSON Lines (one sitrep/1 record per document,
    /// events carrying their incident ids), ACLED-style CSV, UCDP GED-style
    /// CSV or GeoJSON, keeping the events the filters select.
    #[command(after_help = "Examples:\n  \
        sitrep export --db corpus.db --format acled-csv -o events.csv\n  \
        sitrep export --db corpus.db --format geojson --country SY --from 2016-07-15 --to 2016-08-31\n  \
        sitrep export --db corpus.db --format ucdp-csv --bbox 36.9,36.1,37.3,36.3 --sub-type 'Air/drone strike'")]
    Export(ExportArgs),

    /// Run a read-only SQL query on a corpus database. The tables are
    /// described in docs/store.md.
    #[command(after_help = "Examples:\n  \
        sitrep query --db corpus.db \"SELECT sub_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC\"\n  \
        sitrep query --db corpus.db --format jsonl \"SELECT * FROM incidents WHERE documents > 1\"")]
    Query(QueryArgs),

    /// Print the JSON Schema of a sitrep/1 record.
    Schema,

    /// Add places to the embedded gazetteer: import GeoNames dumps, list imports.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Build a gazetteer from GeoNames dumps, for `extract` to use beside the embedded one.
    ///
    /// The embedded gazetteer holds GeoNames cities500 (places of 500 people
    /// or more), countries and divisions. Neighbourhoods, villages, hills,
    /// camps, roads and the like are in the full GeoNames dumps
    /// (download.geonames.org/export/dump), which this command compiles.
    ///
    /// FILE may be, zipped as downloaded or unzipped (.txt), in any order:
    /// a places dump (allCountries, one country as SY, cities500,
    /// cities1000…); alternate names (alternateNamesV2, or per country
    /// alternatenames/SY.zip), merged into the places kept; and
    /// admin1CodesASCII.txt for the names of first-order divisions. Files
    /// are read one line at a time: allCountries (1.5 GB unzipped) needs
    /// memory only for the places kept.
    ///
    /// A line that cannot be read is reported with its file and line number
    /// and skipped; the gazetteer is still written, and the exit status is
    /// then 1.
    ///
    /// The gazetteer goes to <data dir>/sitrep/gazetteers/<name>.srgz
    /// (~/.local/share/sitrep/gazetteers on Linux; SITREP_GAZETTEER_DIR
    /// overrides the directory), where <name> is the first places file's
    /// name and the countries kept: `sitrep extract` loads every .srgz file
    /// there. Written elsewhere with -o, it is used with `sitrep extract
    /// --gazetteer FILE`.
    ///
    /// GeoNames data is licensed CC BY 4.0: records that use an imported
    /// gazetteer must credit GeoNames (www.geonames.org).
    #[command(after_help = "Examples:\n  \
        sitrep gazetteer import SY.zip alternateNamesV2.zip admin1CodesASCII.txt\n  \
        sitrep gazetteer import allCountries.zip --countries SY,IQ,LB\n  \
        sitrep gazetteer import cities1000.zip --feature-classes P,A -o cities1000.srgz\n  \
        sitrep extract report.txt --gazetteer cities1000.srgz")]
    Import(ImportArgs),

    /// List the imported gazetteers that `extract` loads.
    List,
}

#[derive(Args)]
struct ImportArgs {
    /// GeoNames files: places dumps, alternate names, admin1CodesASCII.txt (.zip or .txt).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

    /// Where to write the gazetteer (default: <data dir>/sitrep/gazetteers/<name>.srgz).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    /// Keep only places in these countries (ISO 3166-1 alpha-2 codes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    countries: Vec<String>,

    /// Keep only places of at least N people (most places other than towns have no
    /// population, and go with any N above 0).
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_population: u64,

    /// GeoNames feature classes to keep. The default is every class where something can
    /// happen: A (divisions), H (water: rivers, seas, wells), L (areas: regions, bases,
    /// parks), P (populated places, neighbourhoods), R (roads), S (spots: camps,
    /// airports, hospitals, checkpoints, bridges), T (hills, mountains, valleys), V
    /// (forests); not U (undersea).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "CLASSES",
        default_value = "A,H,L,P,R,S,T,V",
        value_parser = parse_class
    )]
    feature_classes: Vec<char>,

    /// The PyPI wheel wordfreq-3.1.1-py3-none-any.whl, to flag names that are also
    /// frequent French or English words as the embedded build does (without it, only
    /// names the embedded gazetteer flags are flagged).
    #[arg(long, value_name = "WHEEL")]
    wordfreq: Option<PathBuf>,
}

fn parse_class(s: &str) -> Result<char, String> {
    let mut c = s.trim().chars();
    match (c.next(), c.next()) {
        (Some(k), None) if "AHLPRSTUV".contains(k.to_ascii_uppercase()) => Ok(k.to_ascii_uppercase()),
        _ => Err(format!("{s:?} is not a GeoNames feature class (A, H, L, P, R, S, T, U, V)")),
    }
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

    /// Do not load the imported gazetteers of <data dir>/sitrep/gazetteers.
    #[arg(long)]
    no_gazetteer_dir: bool,

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
struct ExportArgs {
    /// The database (default: $SITREP_DB, else sitrep.db in the user's data directory).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,

    /// jsonl, acled-csv, ucdp-csv or geojson.
    #[arg(long, value_name = "FORMAT", default_value = "jsonl")]
    format: sitrep_export::Format,

    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Events on or after this day (YYYY-MM-DD; a vaguer date counts if its period overlaps).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Events on or before this day.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Events in this country (ISO 3166-1 alpha-2, e.g. SY).
    #[arg(long, value_name = "CODE")]
    country: Option<String>,

    /// Events inside min_lon,min_lat,max_lon,max_lat (degrees).
    #[arg(long, value_name = "BOX", allow_hyphen_values = true)]
    bbox: Option<String>,

    /// Events with this actor or target (name or alias; case and accents ignored).
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,

    /// Events of this ACLED sub-event type (e.g. "Air/drone strike").
    #[arg(long, value_name = "TYPE")]
    sub_type: Option<String>,
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

    /// A gazetteer imported with `sitrep gazetteer import -o FILE`, consulted
    /// after the embedded one (repeatable). Those imported without -o (in
    /// <data dir>/sitrep/gazetteers, see `sitrep gazetteer list`) are loaded
    /// without this flag.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,

    /// Do not load the imported gazetteers of <data dir>/sitrep/gazetteers.
    #[arg(long)]
    no_gazetteer_dir: bool,

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
        Command::Export(args) => export::run(args),
        Command::Query(args) => query::run(args),
        Command::Gazetteer(GazetteerCommand::Import(args)) => gazetteer::run_import(args),
        Command::Gazetteer(GazetteerCommand::List) => gazetteer::run_list(),
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
