//! The export loop: records in, one at a time; rows out as they come.

use std::io::{BufWriter, Write};

use sitrep_core::{Record, Status};

use crate::acled::{self, ACLED_COLUMNS};
use crate::error::ExportError;
use crate::event::EventView;
use crate::filter::Filter;
use crate::format::Format;
use crate::geojson::GeojsonWriter;
use crate::jsonl::JsonlWriter;
use crate::ucdp::{self, UCDP_COLUMNS, in_scope};

/// What an export read, wrote and left out. For the CSV and GeoJSON
/// formats, where rows are events, the counts add up: `events_read =
/// events_filtered_out + events_not_happened + events_not_in_format +
/// rows_written`, plus `events_without_coordinates` for GeoJSON, which does
/// not write them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read from the input.
    pub records_read: u64,
    /// Records that gave at least one line, row or feature.
    pub records_written: u64,
    /// Events in the records read.
    pub events_read: u64,
    /// Events the filter left out.
    pub events_filtered_out: u64,
    /// Events that passed the filter but have no valid coordinates: not
    /// written as GeoJSON; written with empty coordinates in the CSV formats.
    pub events_without_coordinates: u64,
    /// Events that passed the filter but are of a type the format does not
    /// hold (`ucdp-csv`: protests, riots and strategic developments, as UCDP
    /// GED records organised violence only).
    pub events_not_in_format: u64,
    /// Events that passed the filter but that the record says did not
    /// happen as told (status `announced` or `denied`): not written to the
    /// CSV formats, whose rows are things that happened. GeoJSON writes them
    /// with their `status`.
    pub events_not_happened: u64,
    /// Lines (`jsonl`: records), rows (CSV, header not counted) or features
    /// (`geojson`) written.
    pub rows_written: u64,
}

/// Writes `records` to `out` in `format`, keeping the events `filter`
/// selects (see [`Format`] for what each format writes and
/// [`Filter`] for what it keeps).
///
/// Streams: one record is held at a time, and `out` is buffered here, so
/// pass a plain `File` or `Stdout`. The output is complete (CSV header,
/// GeoJSON footer) even when no event matches. On error, what was written
/// before stays written.
pub fn export<W: Write>(
    records: impl IntoIterator<Item = Record>,
    format: Format,
    filter: &Filter,
    out: W,
) -> Result<Summary, ExportError> {
    let out = BufWriter::with_capacity(1 << 16, out);
    let mut summary = Summary::default();
    let needle = filter.actor.as_deref().map(sitrep_text::fold);
    let keep_all = filter.is_empty();
    // The events of `r` that pass, counting the others.
    let select = |r: &Record, summary: &mut Summary| -> Vec<usize> {
        summary.records_read += 1;
        summary.events_read += r.events.len() as u64;
        let keep: Vec<usize> = (0..r.events.len())
            .filter(|&i| keep_all || filter.matches_view(&EventView::new(r, &r.events[i]), needle.as_deref()))
            .collect();
        summary.events_filtered_out += (r.events.len() - keep.len()) as u64;
        keep
    };
    match format {
        Format::Jsonl => {
            let mut w = JsonlWriter::new(out);
            for r in records {
                let keep = select(&r, &mut summary);
                if keep_all || !keep.is_empty() {
                    w.write(&r)?;
                    summary.records_written += 1;
                    summary.rows_written += 1;
                }
            }
            w.finish()?;
        }
        Format::AcledCsv | Format::UcdpCsv => {
            // The two CSV formats differ by their columns and by what they
            // hold (UCDP GED: organised violence only).
            type Row = fn(&EventView<'_>) -> Vec<String>;
            let (columns, row, holds): (&[&str], Row, fn(&EventView<'_>) -> bool) = match format {
                Format::AcledCsv => (&ACLED_COLUMNS, acled::row, |_| true),
                _ => (&UCDP_COLUMNS, ucdp::row, |v| in_scope(v.event.kind)),
            };
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(columns)?;
            for r in records {
                let mut written = 0;
                for i in select(&r, &mut summary) {
                    let v = EventView::new(&r, &r.events[i]);
                    if !happened(&v) {
                        summary.events_not_happened += 1;
                        continue;
                    }
                    if !holds(&v) {
                        summary.events_not_in_format += 1;
                        continue;
                    }
                    if v.lon_lat().is_none() {
                        summary.events_without_coordinates += 1;
                    }
                    csv.write_record(row(&v))?;
                    written += 1;
                }
                summary.rows_written += written;
                summary.records_written += u64::from(written > 0);
            }
            csv.flush().map_err(csv::Error::from)?;
        }
        Format::Geojson => {
            let mut w = GeojsonWriter::new(out)?;
            for r in records {
                let mut written = 0;
                for i in select(&r, &mut summary) {
                    if w.write(&EventView::new(&r, &r.events[i]))? {
                        written += 1;
                    } else {
                        summary.events_without_coordinates += 1;
                    }
                }
                summary.rows_written += written;
                summary.records_written += u64::from(written > 0);
            }
            w.finish()?;
        }
    }
    Ok(summary)
}

/// Whether the record tells the event as something that happened (failed
/// attempts and history count; announcements and denials do not).
fn happened(v: &EventView<'_>) -> bool {
    !matches!(v.event.status, Some(Status::Announced | Status::Denied))
}
