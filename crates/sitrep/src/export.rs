//! `sitrep export`: the corpus in the formats analysts load (JSON Lines,
//! ACLED-style CSV, UCDP GED-style CSV, GeoJSON), filtered.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use sitrep_export::{Filter, export};
use sitrep_incidents::Rules;
use sitrep_store::{Store, StoreError};

use crate::ExportArgs;

pub(crate) fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let filter = Filter {
        from: args.from.as_deref().map(Filter::parse_date).transpose()?,
        to: args.to.as_deref().map(Filter::parse_date).transpose()?,
        country: args.country.as_deref().map(Filter::parse_country).transpose()?,
        bbox: args.bbox.as_deref().map(Filter::parse_bbox).transpose()?,
        actor: args.actor.clone(),
        sub_type: args.sub_type.as_deref().map(Filter::parse_sub_type).transpose()?,
    };
    let db = crate::db::path(args.db.clone())?;
    if !db.exists() {
        anyhow::bail!("{}: no such database; fill one with `sitrep ingest PATH… --db FILE`", db.display());
    }
    let mut store = Store::open(&db)?;
    if store.incidents_stale()? {
        store.relink(&Rules::embedded())?;
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let out = BufWriter::with_capacity(1 << 16, out);
    // The export streams; a record the store cannot read stops it, and is
    // reported after what came before it was written.
    let mut failed: Option<StoreError> = None;
    let records = store.records().map_while(|r| match r {
        Ok(r) => Some(r),
        Err(e) => {
            failed = Some(e);
            None
        }
    });
    let summary = match export(records, args.format, &filter, out) {
        Ok(s) => s,
        Err(e) if is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e.into()),
    };
    if let Some(e) = failed {
        return Err(e.into());
    }
    eprintln!(
        "sitrep: exported {} records, {} rows as {}; {} events filtered out, {} without coordinates",
        summary.records_read,
        summary.rows_written,
        args.format,
        summary.events_filtered_out,
        summary.events_without_coordinates,
    );
    Ok(ExitCode::SUCCESS)
}

fn is_broken_pipe(e: &sitrep_export::ExportError) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe) {
            return true;
        }
        source = s.source();
    }
    false
}
