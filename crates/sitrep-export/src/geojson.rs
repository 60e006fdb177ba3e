//! `geojson`: a FeatureCollection streamed feature by feature (header,
//! features, footer), never built as one value.

use std::io::Write;

use serde::Serialize;
use sitrep_core::{EventType, Mode, Status, SubEventType};

use crate::error::ExportError;
use crate::event::EventView;

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    geometry: Point,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    /// RFC 7946: longitude first.
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Properties<'a> {
    record_id: &'a str,
    event_id: &'a str,
    incident: Option<&'a str>,
    event_type: EventType,
    sub_event_type: SubEventType,
    mode: Option<Mode>,
    status: Option<Status>,
    lead: bool,
    date: Option<&'a str>,
    date_start: Option<String>,
    date_end: Option<String>,
    date_prec: Option<u8>,
    place: Option<&'a str>,
    country: Option<String>,
    admin1: Option<&'a str>,
    where_prec: Option<u8>,
    geonames_id: Option<u64>,
    actors: Vec<&'a str>,
    targets: Vec<&'a str>,
    fatalities_low: Option<u64>,
    fatalities_best: Option<u64>,
    fatalities_high: Option<u64>,
    sources: Vec<&'a str>,
    evidence: String,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<&'a str>,
}

/// Writes a FeatureCollection to `out`, one feature per line.
pub(crate) struct GeojsonWriter<W: Write> {
    out: W,
    features: u64,
}

impl<W: Write> GeojsonWriter<W> {
    pub fn new(mut out: W) -> Result<Self, ExportError> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(GeojsonWriter { out, features: 0 })
    }

    /// Writes the event as a feature; `false` (nothing written) when it has
    /// no coordinates.
    pub fn write(&mut self, v: &EventView<'_>) -> Result<bool, ExportError> {
        let Some((lon, lat)) = v.lon_lat() else { return Ok(false) };
        let (r, e, place) = (v.record, v.event, v.place);
        let toll = v.toll();
        let feature = Feature {
            kind: "Feature",
            id: v.uid(),
            geometry: Point { kind: "Point", coordinates: [lon, lat] },
            properties: Properties {
                record_id: &r.id,
                event_id: &e.id,
                incident: e.incident.as_deref(),
                event_type: e.kind,
                sub_event_type: e.sub_type,
                mode: e.mode,
                status: e.status,
                lead: e.lead,
                date: v.date.map(|d| d.value.as_str()),
                date_start: v.period.map(|p| p.start.to_string()),
                date_end: v.period.map(|p| p.end.to_string()),
                date_prec: v.date_prec(),
                place: place.map(|p| p.name.as_str()),
                country: v.country(),
                admin1: place.and_then(|p| p.admin1.as_deref()),
                where_prec: place.and_then(|p| p.where_prec),
                geonames_id: place.and_then(|p| p.geonames_id),
                actors: v.actors().map(|a| a.name.as_str()).collect(),
                targets: v.targets().map(|a| a.name.as_str()).collect(),
                fatalities_low: toll.low(),
                fatalities_best: toll.best(),
                fatalities_high: toll.high(),
                sources: v.source_names(),
                evidence: v.evidence(),
                url: r.url.as_deref(),
                outlet: r.outlet.as_deref(),
                title: r.title.as_deref(),
                published: r.published.as_deref(),
            },
        };
        self.out.write_all(if self.features == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, &feature)
            .map_err(|source| ExportError::Json { id: r.id.clone(), source })?;
        self.features += 1;
        Ok(true)
    }

    pub fn finish(mut self) -> Result<(), ExportError> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(())
    }
}
