//! `ucdp-csv`: one row per event of organised violence in UCDP GED's column
//! layout (mapping on [`Format`](crate::Format)).

use sitrep_core::{Actor, EventType, Record};

use crate::countries::country;
use crate::event::{EventView, is_civilians, is_state, join_names};

/// UCDP GED's 49 columns, in the order of its CSV releases.
pub const UCDP_COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// Whether UCDP GED holds events of this type (organised violence).
pub(crate) fn in_scope(t: EventType) -> bool {
    matches!(
        t,
        EventType::Battles | EventType::ExplosionsRemoteViolence | EventType::ViolenceAgainstCivilians
    )
}

/// Which kind of party a side is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    State,
    NonState,
    Other,
}

fn party(side: &[&Actor]) -> Option<Party> {
    if side.is_empty() {
        None
    } else if side.iter().any(|a| is_state(a)) {
        Some(Party::State)
    } else if side.iter().all(|a| a.kind == sitrep_core::ActorKind::ArmedGroup) {
        Some(Party::NonState)
    } else {
        Some(Party::Other)
    }
}

/// The row for one event (of a type [`in_scope`]), in [`UCDP_COLUMNS`] order.
pub(crate) fn row(v: &EventView<'_>) -> Vec<String> {
    let r: &Record = v.record;
    let mut side_a: Vec<&Actor> = v.actors().collect();
    let mut side_b: Vec<&Actor> = v.targets().filter(|a| !is_civilians(a)).collect();
    let (mut pa, mut pb) = (party(&side_a), party(&side_b));
    let violence = match v.event.kind {
        EventType::ViolenceAgainstCivilians => Some(3),
        _ if pa == Some(Party::State) || pb == Some(Party::State) => Some(1),
        _ if pa == Some(Party::NonState) && pb == Some(Party::NonState) => Some(2),
        _ => None,
    };
    // UCDP puts the government on side A.
    if violence == Some(1) && pa != Some(Party::State) {
        std::mem::swap(&mut side_a, &mut side_b);
        std::mem::swap(&mut pa, &mut pb);
    }
    let side_b_name = if violence == Some(3) {
        "Civilians".to_string()
    } else {
        join_names(side_b.iter().map(|a| a.name.as_str()))
    };

    // Deaths by side, from the lead source, adding up to `best`.
    let toll = v.toll();
    let mut deaths = [0u64; 4]; // a, b, civilians, unknown
    if let Some(lead) = toll.lead() {
        for (subject, n) in &lead.by_subject {
            let slot = match subject.as_str() {
                "civilians" | "children" | "women" => 2,
                "soldiers" if violence == Some(1) && pb != Some(Party::State) => 0,
                "combatants" if violence == Some(1) && pb != Some(Party::State) => 1,
                _ => 3,
            };
            deaths[slot] += n;
        }
    }
    let has_toll = toll.lead().is_some();
    let num = |n: u64| has_toll.then(|| n.to_string());

    let place = v.place;
    let c = v.country().and_then(|c| country(&c));
    let coords = v.lon_lat();
    let where_description = place.map(|p| join_names(p.mentions.iter().map(|m| m.text.as_str())));
    let cells: [Option<String>; 49] = [
        Some(v.uid()),
        None,
        v.period.map(|p| p.start.year().to_string()),
        None,
        None,
        violence.map(|t: u8| t.to_string()),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Some(join_names(side_a.iter().map(|a| a.name.as_str()))),
        None,
        None,
        Some(side_b_name),
        Some("1".to_string()),
        Some(r.url.clone().unwrap_or_else(|| r.id.clone())),
        r.outlet.clone(),
        // A publication time keeps its day only.
        r.published.as_deref().map(|p| p.get(..10).unwrap_or(p).to_string()),
        r.title.clone(),
        Some(join_names(v.source_names())),
        place.and_then(|p| p.where_prec).map(|w| w.to_string()),
        place.map(|p| p.name.clone()),
        where_description,
        place.and_then(|p| p.admin1.clone()),
        None,
        coords.map(|(_, lat)| lat.to_string()),
        coords.map(|(lon, _)| lon.to_string()),
        coords.map(|(lon, lat)| format!("POINT ({lon} {lat})")),
        coords.map(|(lon, lat)| priogrid_gid(lon, lat).to_string()),
        c.and_then(|c| c.ucdp_name).map(str::to_string),
        c.and_then(|c| c.gw).map(str::to_string),
        c.and_then(|c| c.ucdp_region).map(str::to_string),
        None,
        v.date_prec().map(|p| p.to_string()),
        v.period.map(|p| p.start.to_string()),
        v.period.map(|p| p.end.to_string()),
        num(deaths[0]),
        num(deaths[1]),
        num(deaths[2]),
        num(deaths[3]),
        toll.best().map(|n| n.to_string()),
        toll.high().map(|n| n.to_string()),
        toll.low().map(|n| n.to_string()),
        None,
        None,
    ];
    cells.into_iter().map(Option::unwrap_or_default).collect()
}

/// The PRIO-GRID cell (0.5° × 0.5°, numbered from 1 at 90°S 180°W, row by
/// row eastwards then northwards) that holds a point.
pub(crate) fn priogrid_gid(lon: f64, lat: f64) -> u32 {
    // The clamps put the poles and the antimeridian in the last row or column.
    let row = (((lat + 90.0) * 2.0).floor() as u32).min(359);
    let col = (((lon + 180.0) * 2.0).floor() as u32).min(719);
    row * 720 + col + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priogrid_cells() {
        assert_eq!(priogrid_gid(-180.0, -90.0), 1);
        assert_eq!(priogrid_gid(179.99, 89.99), 259_200);
        assert_eq!(priogrid_gid(180.0, 90.0), 259_200);
        // Aleppo: row 252 (36.0–36.5°N), column 434 (37.0–37.5°E), from 0.
        assert_eq!(priogrid_gid(37.16117, 36.20124), 252 * 720 + 434 + 1);
    }
}
