//! The output formats and their names on the command line.

use std::fmt;
use std::str::FromStr;

use crate::error::FormatError;

/// An output format. Names (for `FromStr`, `Display` and a CLI's
/// `--format`): `jsonl`, `acled-csv`, `ucdp-csv`, `geojson`.
///
/// ## `jsonl`
/// One sitrep/1 record per line, byte for byte what
/// `serde_json::to_string(&record)` gives. The filter works on whole
/// records: a record is kept when the filter is empty or at least one of its
/// events matches (its other events stay in it).
///
/// ## `acled-csv`
/// One row per matching event that happened (not `announced` or `denied`:
/// see [`Summary::events_not_happened`](crate::Summary)), with the 31 columns of ACLED's current export
/// ([`ACLED_COLUMNS`](crate::ACLED_COLUMNS)), filled as follows; any column
/// not named stays empty.
/// - `event_id_cnty`: `<record id>:<event id>` (not ACLED's country-prefixed number).
/// - `event_date`: ISO `YYYY-MM-DD`, as ACLED's API and export tool write it
///   since 2023. Day-precise dates as they are; a week → its middle day
///   (Thursday of an ISO week), a month → the 15th, as ACLED codes them.
///   Dates vaguer than a month stay empty (ACLED does not record them).
/// - `year`: the year of the event's date.
/// - `time_precision`: from the date's UCDP `date_prec`: 1 (day) → 1,
///   2 (week) → 2, 3 (month) → 3; 4 and 5 → empty.
/// - `disorder_type`: from the sub-event type, per ACLED's codebook table.
/// - `event_type`, `sub_event_type`: as in the record (sitrep uses ACLED's names).
/// - `actor1` / `assoc_actor_1`: the event's first actor / the others,
///   joined with "; "; `actor2` / `assoc_actor_2` the same for its targets.
///   Names are sitrep's canonical names, not ACLED's actor list.
/// - `inter1`, `inter2`: "Civilians" for sitrep's generic Civilians actor,
///   else empty: ACLED's other actor types depend on facts a record does not
///   hold (whether state forces act in their own country — else ACLED codes
///   them External/Other forces — or whether an armed group is a rebel
///   group, a political or an identity militia).
/// - `interaction`: built from `inter1`/`inter2` when both are known (or
///   `<inter1> only` when there is no actor 2), else empty.
/// - `civilian_targeting`: "Civilian targeting" for Violence against
///   civilians, and for Explosions/Remote violence whose targets include
///   Civilians, or, with no targets, whose every killed or wounded figure
///   counts civilians, children or women.
/// - `iso`, `country`, `region`: from the place's country code through a
///   small table (`data/countries.csv`); empty for countries not in it.
/// - `admin1`: the place's; `location`: the place's name; `latitude`,
///   `longitude`: the place's coordinates.
/// - `geo_precision`: from the place's UCDP `where_prec`: 1 → 1;
///   2 (within 25 km) and 3 (district) → 2; 4 (province), 5 (region) and
///   7 (sea or airspace) → 3; 6 (country) → empty, as ACLED does not record
///   country-level events.
/// - `source`: the names of the event's sources, or the outlet when it has
///   none, joined with "; ".
/// - `notes`: the event's evidence text (spans joined with " … ").
/// - `fatalities`: the killed figures, as ACLED counts them: each source's
///   total (sum over subjects, subsets not counted twice; a range counts its
///   low end), then the lowest total across sources ("when there are
///   conflicting reports, the most conservative estimate is recorded");
///   0 when no killed figure is reported, as ACLED records it.
///
/// ## `ucdp-csv`
/// One row per matching event of organised violence that happened (Battles,
/// Explosions/Remote violence, Violence against civilians; other event types
/// are counted in [`Summary::events_not_in_format`](crate::Summary)), with
/// the 49 columns of UCDP GED ([`UCDP_COLUMNS`](crate::UCDP_COLUMNS)):
/// - `id`: `<record id>:<event id>`; `year`: of `date_start`.
/// - `type_of_violence`: Violence against civilians → 3 (one-sided);
///   Battles and Explosions/Remote violence → 1 (state-based) when a state
///   force or government is among its actors or targets, 2 (non-state) when
///   both sides are known and are armed groups, else empty.
/// - `side_a`, `side_b`: the actors and the targets (names joined with
///   "; "), swapped when only the targets hold the state, as UCDP puts the
///   government on side A; for one-sided violence `side_b` is "Civilians"
///   as in UCDP.
/// - `number_of_sources`: 1 (one report); `source_article`: the record's url,
///   else its id; `source_office`: the outlet; `source_date`: the
///   publication date; `source_headline`: the title; `source_original`: the
///   event's source names joined with "; ".
/// - `where_prec`, `date_prec`: copied (sitrep uses UCDP's scales);
///   `where_coordinates`: the place's name; `where_description`: the words
///   the report used for it; `adm_1`: the place's admin1; `latitude`,
///   `longitude`, `geom_wkt` (`POINT (lon lat)`); `priogrid_gid`: the
///   PRIO-GRID cell of the coordinates; `country`, `country_id` (Gleditsch-Ward
///   number), `region`: through the country table.
/// - `date_start`, `date_end`: the first and last day of the date's period
///   (`YYYY-MM-DD`).
/// - `low`, `best`, `high`: from the killed figures, never averaged: each
///   source's total, then `low` = the lowest low, `high` = the highest high,
///   `best` = the lead source's best (the event's first source that gives a
///   killed figure). `low ≤ best ≤ high` always. Empty when no killed figure.
/// - `deaths_a`, `deaths_b`, `deaths_civilians`, `deaths_unknown`: the lead
///   source's figures by subject: civilians, children and women →
///   civilians; soldiers → the state side and combatants → the non-state
///   side when exactly one side is a state; everything else → unknown.
///   They add up to `best`.
/// - Left empty: `relid`, `active_year`, `code_status`, the conflict, dyad
///   and side ids, `conflict_name`, `dyad_name`, `adm_2`, `event_clarity`,
///   `gwnoa`, `gwnob` (UCDP's own coding decisions).
///
/// ## `geojson`
/// An RFC 7946 FeatureCollection with one Point feature (`[lon, lat]`) per
/// matching event that has coordinates; events without are counted in
/// [`Summary::events_without_coordinates`](crate::Summary), not written.
/// Properties: `record_id`, `event_id`, `incident`, `event_type`,
/// `sub_event_type`, `mode`, `status`, `lead`, `date` (TimeML value),
/// `date_start`, `date_end`, `date_prec`, `place`, `country`, `admin1`,
/// `where_prec`, `geonames_id`, `actors`, `targets` (name lists),
/// `fatalities_low`, `fatalities_best`, `fatalities_high` (as `low`, `best`,
/// `high` above), `sources`, `evidence`, `url`, `outlet`, `title`,
/// `published`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// sitrep/1 records, one JSON object per line.
    Jsonl,
    /// One row per event in ACLED's column layout.
    AcledCsv,
    /// One row per event of organised violence in UCDP GED's column layout.
    UcdpCsv,
    /// A GeoJSON FeatureCollection of event points.
    Geojson,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 4] = [Format::Jsonl, Format::AcledCsv, Format::UcdpCsv, Format::Geojson];

    /// The format's name: `jsonl`, `acled-csv`, `ucdp-csv` or `geojson`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::AcledCsv => "acled-csv",
            Format::UcdpCsv => "ucdp-csv",
            Format::Geojson => "geojson",
        }
    }

    /// The usual file extension for the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::AcledCsv | Format::UcdpCsv => "csv",
            Format::Geojson => "geojson",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = FormatError;

    /// Reads a format name, ignoring case and accepting `_` for `-`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Format::ALL.into_iter().find(|f| f.name() == wanted).ok_or_else(|| FormatError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
            assert_eq!(f.to_string(), f.name());
        }
        assert_eq!("ACLED_CSV".parse::<Format>(), Ok(Format::AcledCsv));
        let err = "kml".parse::<Format>().expect_err("not a format").to_string();
        assert!(err.contains("acled-csv"), "{err}");
    }
}
