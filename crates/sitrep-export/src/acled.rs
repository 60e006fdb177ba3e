//! `acled-csv`: one row per event in ACLED's column layout (mapping on
//! [`Format`](crate::Format)).

use jiff::civil::Date;
use sitrep_core::{Actor, EventType, Measure, SubEventType};

use crate::countries::country;
use crate::event::{EventView, is_civilians, join_names};
use crate::filter::sub_type_name;

/// ACLED's columns, in the order of its current export (codebook 2023+).
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// The row for one event, in [`ACLED_COLUMNS`] order.
pub(crate) fn row(v: &EventView<'_>) -> Vec<String> {
    let e = v.event;
    let actors: Vec<&Actor> = v.actors().collect();
    let targets: Vec<&Actor> = v.targets().collect();
    let time_precision = v.date_prec().filter(|p| (1..=3).contains(p));
    let event_date = time_precision.and(v.period).map(|p| acled_day(p.start, p.end));
    let year = v.period.filter(|p| p.start.year() == p.end.year()).map(|p| p.start.year().to_string());
    let inter1 = actors.first().and_then(|a| inter(a));
    let inter2 = targets.first().and_then(|a| inter(a));
    let interaction = match (inter1, targets.is_empty(), inter2) {
        (Some(i1), true, _) => Some(format!("{i1} only")),
        (Some(i1), false, Some(i2)) => Some(format!("{i1}-{i2}")),
        _ => None,
    };
    let place = v.place;
    let c = v.country().and_then(|c| country(&c));
    let (lat, lon) = match v.lon_lat() {
        Some((lon, lat)) => (lat.to_string(), lon.to_string()),
        None => (String::new(), String::new()),
    };
    let names = |xs: &[&Actor]| join_names(xs.iter().skip(1).map(|a| a.name.as_str()));
    let cells: [Option<String>; 31] = [
        Some(v.uid()),
        event_date.map(|d| d.to_string()),
        year,
        time_precision.map(|p| p.to_string()),
        Some(disorder_type(e.sub_type).to_string()),
        Some(event_type_name(e.kind)),
        Some(sub_type_name(e.sub_type)),
        actors.first().map(|a| a.name.clone()),
        Some(names(&actors)),
        inter1.map(str::to_string),
        targets.first().map(|a| a.name.clone()),
        Some(names(&targets)),
        inter2.map(str::to_string),
        interaction,
        civilian_targeting(v, &targets).then(|| "Civilian targeting".to_string()),
        c.and_then(|c| c.iso_numeric).map(str::to_string),
        c.and_then(|c| c.acled_region).map(str::to_string),
        c.and_then(|c| c.acled_name).map(str::to_string),
        place.and_then(|p| p.admin1.clone()),
        None,
        None,
        place.map(|p| p.name.clone()),
        Some(lat),
        Some(lon),
        place.and_then(|p| p.where_prec).and_then(geo_precision).map(|g| g.to_string()),
        Some(join_names(v.source_names())),
        None,
        Some(v.evidence()),
        Some(v.toll().acled_fatalities().to_string()),
        None,
        None,
    ];
    cells.into_iter().map(Option::unwrap_or_default).collect()
}

/// The day ACLED codes a period with: the day itself, a week's middle day,
/// a month's 15th.
fn acled_day(start: Date, end: Date) -> Date {
    let days = start.until(end).map(|s| s.get_days()).unwrap_or(0);
    if start.day() == 1 && end == start.last_of_month() {
        return start.with().day(15).build().unwrap_or(start);
    }
    start.checked_add(jiff::Span::new().days(days / 2)).unwrap_or(start)
}

/// ACLED's actor type where a record settles it: only sitrep's generic
/// Civilians. State forces could be "State forces" or, abroad, "External/Other
/// forces"; armed groups rebels or militias of two kinds: not in the record.
fn inter(a: &Actor) -> Option<&'static str> {
    is_civilians(a).then_some("Civilians")
}

/// UCDP `where_prec` → ACLED `geo_precision`.
fn geo_precision(where_prec: u8) -> Option<u8> {
    match where_prec {
        1 => Some(1),
        2 | 3 => Some(2),
        4 | 5 | 7 => Some(3),
        _ => None,
    }
}

/// ACLED's disorder type of a sub-event type (codebook, table 2).
fn disorder_type(t: SubEventType) -> &'static str {
    use SubEventType::*;
    match t {
        ExcessiveForceAgainstProtesters => "Political violence; Demonstrations",
        PeacefulProtest | ProtestWithIntervention | ViolentDemonstration => "Demonstrations",
        _ if t.event_type() == EventType::StrategicDevelopments => "Strategic developments",
        _ => "Political violence",
    }
}

fn event_type_name(t: EventType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Violence against civilians; or remote violence at civilians: Civilians
/// among the targets, or no targets and only civilian victims counted.
fn civilian_targeting(v: &EventView<'_>, targets: &[&Actor]) -> bool {
    match v.event.kind {
        EventType::ViolenceAgainstCivilians => true,
        EventType::ExplosionsRemoteViolence => {
            if !targets.is_empty() {
                return targets.iter().any(|a| is_civilians(a));
            }
            let victims: Vec<_> = v
                .figures()
                .into_iter()
                .filter(|f| matches!(f.measure, Measure::Killed | Measure::Wounded))
                .collect();
            !victims.is_empty()
                && victims.iter().all(|f| matches!(f.subject.as_str(), "civilians" | "children" | "women"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_dates() {
        let d = |s: &str| s.parse::<Date>().expect("a date");
        assert_eq!(acled_day(d("2016-08-01"), d("2016-08-01")), d("2016-08-01"));
        assert_eq!(acled_day(d("2019-04-29"), d("2019-05-05")), d("2019-05-02")); // Thursday
        assert_eq!(acled_day(d("2016-02-01"), d("2016-02-29")), d("2016-02-15"));
    }

    #[test]
    fn precisions_and_disorder() {
        assert_eq!(
            (1..=7).map(geo_precision).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(2), Some(3), Some(3), None, Some(3)]
        );
        assert_eq!(disorder_type(SubEventType::MobViolence), "Political violence");
        assert_eq!(disorder_type(SubEventType::Arrests), "Strategic developments");
    }
}
