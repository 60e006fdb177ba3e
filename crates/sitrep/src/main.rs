//! `sitrep`: conflict reports in, evidence out.
//!
//! The binary wires the pipeline (`sitrep-extract`) to files and streams;
//! it owns the command line, error reporting and parallelism.

mod extract;
mod gazetteer;
mod input;

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
