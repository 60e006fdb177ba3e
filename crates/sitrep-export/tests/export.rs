//! Exports of real pipeline output (the bundled samples and an Aleppo
//! dispatch) and of hand-built records, read back with the `csv` and
//! `geojson` crates.

use std::path::Path;
use std::sync::OnceLock;

use geojson::feature::Id;
use geojson::{FeatureCollection, GeoJson, GeometryValue};
use proptest::prelude::*;
use serde_json::{Value, json};
use sitrep_core::{EventType, InputDoc, Record, Status, SubEventType};
use sitrep_export::{ACLED_COLUMNS, Filter, Format, Summary, UCDP_COLUMNS, export};
use sitrep_extract::{Config, Extractor};

/// A short dispatch about Aleppo (36.20124 N, 37.16117 E in the gazetteer).
const ALEPPO: &str = "Alep, 1er août 2016 (AFP) - Au moins 12 civils ont été tués lundi dans des frappes \
    aériennes russes sur Alep, a indiqué l'Observatoire syrien des droits de l'homme (OSDH).";

/// The four bundled sample reports and the Aleppo dispatch, through the
/// real pipeline, extracted once for all tests.
fn records() -> &'static [Record] {
    static R: OnceLock<Vec<Record>> = OnceLock::new();
    R.get_or_init(|| {
        let extractor = Extractor::new(&Config::default()).expect("the pipeline builds");
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/reports.jsonl");
        let src = std::fs::read_to_string(&samples).expect("samples/reports.jsonl");
        let mut docs: Vec<InputDoc> =
            src.lines().map(|l| serde_json::from_str(l).expect("a valid sample document")).collect();
        docs.push(InputDoc {
            id: Some("aleppo-2016-08-01".into()),
            text: Some(ALEPPO.into()),
            published: Some("2016-08-01".into()),
            language: Some("fr".into()),
            outlet: Some("AFP".into()),
            title: Some("Alep : 12 civils tués".into()),
            url: Some("https://example.org/aleppo".into()),
            ..Default::default()
        });
        docs.into_iter().map(|d| extractor.extract(d).0).collect()
    })
}

fn record(id: &str) -> &'static Record {
    records().iter().find(|r| r.id == id).expect("a record with this id")
}

fn run(records: &[Record], format: Format, filter: &Filter) -> (Summary, String) {
    let mut out = Vec::new();
    let summary = export(records.iter().cloned(), format, filter, &mut out).expect("the export is written");
    (summary, String::from_utf8(out).expect("UTF-8 output"))
}

/// CSV output as a header and rows of named cells.
fn read_csv(text: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row of the header's length");
            header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect();
    (header, rows)
}

fn row<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    key: &str,
    id: &str,
) -> &'a std::collections::HashMap<String, String> {
    rows.iter().find(|r| r[key] == id).unwrap_or_else(|| panic!("no row {id}"))
}

fn num(cell: &str) -> f64 {
    cell.parse().unwrap_or_else(|_| panic!("{cell:?} is not a number"))
}

fn events(records: &[Record]) -> usize {
    records.iter().map(|r| r.events.len()).sum()
}

/// Events the records say did not happen as told.
fn untold(records: &[Record]) -> usize {
    records
        .iter()
        .flat_map(|r| &r.events)
        .filter(|e| matches!(e.status, Some(Status::Announced | Status::Denied)))
        .count()
}

/// The first event of the Aleppo dispatch: an air strike at Aleppo. Checked
/// here so a pipeline change that moves it shows up as such.
fn aleppo_event_id() -> String {
    let r = record("aleppo-2016-08-01");
    let e = r.events.iter().find(|e| e.sub_type == SubEventType::AirDroneStrike).expect("an air strike");
    let place = r.places.iter().find(|p| Some(&p.id) == e.place.as_ref()).expect("a place");
    assert_eq!(place.name, "Aleppo");
    format!("{}:{}", r.id, e.id)
}

#[test]
fn acled_csv_has_acleds_columns_and_one_row_per_event() {
    let (summary, text) = run(records(), Format::AcledCsv, &Filter::default());
    let (header, rows) = read_csv(&text);
    assert_eq!(header, ACLED_COLUMNS);
    assert_eq!(rows.len(), events(records()) - summary.events_not_happened as usize);
    assert_eq!(summary.events_not_happened as usize, untold(records()));
    assert_eq!(summary.rows_written as usize, rows.len());
    assert_eq!(summary.records_read, 5);

    let a = row(&rows, "event_id_cnty", &aleppo_event_id());
    assert_eq!(a["event_type"], "Explosions/Remote violence");
    assert_eq!(a["sub_event_type"], "Air/drone strike");
    assert_eq!(a["disorder_type"], "Political violence");
    assert_eq!(a["event_date"], "2016-08-01");
    assert_eq!((a["year"].as_str(), a["time_precision"].as_str()), ("2016", "1"));
    assert!((num(&a["latitude"]) - 36.2).abs() < 0.05, "latitude {}", a["latitude"]);
    assert!((num(&a["longitude"]) - 37.16).abs() < 0.05, "longitude {}", a["longitude"]);
    assert_eq!(a["geo_precision"], "1");
    assert_eq!(
        (a["country"].as_str(), a["iso"].as_str(), a["region"].as_str()),
        ("Syria", "760", "Middle East")
    );
    assert_eq!((a["admin1"].as_str(), a["location"].as_str()), ("Aleppo", "Aleppo"));
    assert_eq!(a["actor1"], "Russian Aerospace Forces");
    assert_eq!(a["inter1"], "", "a foreign air force is not coded State forces");
    assert_eq!(a["fatalities"], "12");
    assert_eq!(a["civilian_targeting"], "Civilian targeting");
    assert_eq!(a["source"], "Syrian Observatory for Human Rights");
    assert!(a["notes"].contains("Au moins 12 civils ont été tués"), "{}", a["notes"]);
    for empty in ["admin2", "admin3", "source_scale", "tags", "timestamp"] {
        assert_eq!(a[empty], "", "{empty}");
    }

    // The Hama sample's lead event: a battle at Hama, 120 killed per SANA's source.
    let h = row(&rows, "event_id_cnty", "sample-hama-2017-03-22:e1");
    assert_eq!((h["event_type"].as_str(), h["sub_event_type"].as_str()), ("Battles", "Armed clash"));
    assert!((num(&h["latitude"]) - 35.13).abs() < 0.05);
    assert_eq!(h["fatalities"], "120");
    assert_eq!(h["civilian_targeting"], "");
    // Week-precise dates are coded on the week's middle day (2019-W18 → Thursday 2 May).
    let idlib = record("sample-idlib-2019-05-12");
    let weekly: Vec<_> = rows
        .iter()
        .filter(|r| r["event_id_cnty"].starts_with(&idlib.id) && r["time_precision"] == "2")
        .collect();
    assert!(!weekly.is_empty(), "the Idlib sample has week-precise events");
    assert!(weekly.iter().all(|r| r["event_date"] == "2019-05-02"));
    // Every row says what it is and counts fatalities, as ACLED does.
    for r in &rows {
        assert!(!r["event_type"].is_empty() && !r["disorder_type"].is_empty());
        assert!(r["fatalities"].parse::<u64>().is_ok(), "{:?}", r["fatalities"]);
    }
}

#[test]
fn ucdp_csv_has_geds_columns_and_never_averages() {
    let (summary, text) = run(records(), Format::UcdpCsv, &Filter::default());
    let (header, rows) = read_csv(&text);
    assert_eq!(header, UCDP_COLUMNS);
    let violent = records()
        .iter()
        .flat_map(|r| &r.events)
        .filter(|e| !matches!(e.status, Some(Status::Announced | Status::Denied)))
        .filter(|e| {
            matches!(
                e.kind,
                EventType::Battles
                    | EventType::ExplosionsRemoteViolence
                    | EventType::ViolenceAgainstCivilians
            )
        })
        .count();
    assert_eq!(rows.len(), violent);
    assert!(summary.events_not_in_format > 0, "the samples hold agreements and evacuations");
    assert_eq!(
        (summary.rows_written + summary.events_not_in_format + summary.events_not_happened) as usize,
        events(records())
    );

    let a = row(&rows, "id", &aleppo_event_id());
    assert_eq!(a["type_of_violence"], "1", "a state air force's strike is state-based");
    assert_eq!(a["side_a"], "Russian Aerospace Forces");
    assert_eq!(a["geom_wkt"], format!("POINT ({} {})", a["longitude"], a["latitude"]));
    assert!((num(&a["longitude"]) - 37.16).abs() < 0.05 && (num(&a["latitude"]) - 36.2).abs() < 0.05);
    assert_eq!(a["priogrid_gid"], (252 * 720 + 434 + 1).to_string());
    assert_eq!((a["country"].as_str(), a["country_id"].as_str()), ("Syria", "652"));
    assert_eq!((a["date_start"].as_str(), a["date_end"].as_str()), ("2016-08-01", "2016-08-01"));
    assert_eq!((a["date_prec"].as_str(), a["where_prec"].as_str()), ("1", "1"));
    assert_eq!((a["low"].as_str(), a["best"].as_str(), a["high"].as_str()), ("12", "12", "12"));
    assert_eq!(a["deaths_civilians"], "12");
    assert_eq!(a["source_original"], "Syrian Observatory for Human Rights");
    assert_eq!((a["source_office"].as_str(), a["source_date"].as_str()), ("AFP", "2016-08-01"));
    assert_eq!(a["source_headline"], "Alep : 12 civils tués");
    assert_eq!(a["source_article"], "https://example.org/aleppo");

    for r in &rows {
        if r["best"].is_empty() {
            assert!(r["low"].is_empty() && r["high"].is_empty() && r["deaths_unknown"].is_empty());
            continue;
        }
        let (low, best, high) = (num(&r["low"]), num(&r["best"]), num(&r["high"]));
        assert!(low <= best && best <= high, "{}: {low} {best} {high}", r["id"]);
        let parts: f64 =
            ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"].iter().map(|k| num(&r[*k])).sum();
        assert_eq!(parts, best, "{}: deaths by side add up to best", r["id"]);
        assert!(["1", "2", "3", ""].contains(&r["type_of_violence"].as_str()));
    }
}

/// One event, two sources with different killed figures: UCDP's range spans
/// both, best is the lead source's, ACLED takes the lowest.
#[test]
fn several_sources_low_best_high() {
    let r: Record = serde_json::from_value(json!({
        "format": "sitrep/1", "id": "two-sources", "language": "en", "published": "2019-05-12",
        "actors": [
            {"id": "a1", "name": "Syrian Arab Army", "kind": "state_force", "mentions": []},
            {"id": "a2", "name": "Hayat Tahrir al-Sham", "kind": "armed_group", "mentions": []}
        ],
        "places": [{"id": "p1", "name": "Kafranbel", "lat": 35.61376, "lon": 36.56449, "country": "SY",
                    "admin1": "Idlib", "where_prec": 1, "mentions": []}],
        "dates": [{"id": "d1", "start": 0, "end": 5, "text": "today", "type": "DATE",
                   "value": "2019-05-12", "date_prec": 1}],
        "sources": [{"id": "s1", "name": "SOHR", "kind": "institution"},
                    {"id": "s2", "name": "SANA", "kind": "media"}],
        "figures": [
            {"id": "f1", "measure": "killed", "subject": "soldiers", "low": 10, "best": 10, "high": null,
             "bound": "exact", "part_of": null, "place": "p1", "date": "d1", "source": "s1",
             "start": 0, "end": 1, "text": "x"},
            {"id": "f2", "measure": "killed", "subject": "combatants", "low": 20, "best": 25, "high": 30,
             "bound": "range", "part_of": null, "place": "p1", "date": "d1", "source": "s1",
             "start": 0, "end": 1, "text": "x"},
            {"id": "f3", "measure": "killed", "subject": "combatants", "low": 60, "best": 60, "high": null,
             "bound": "at_least", "part_of": null, "place": "p1", "date": "d1", "source": "s2",
             "start": 0, "end": 1, "text": "x"}
        ],
        "events": [{"id": "e1", "type": "Battles", "sub_type": "Armed clash", "place": "p1", "date": "d1",
                    "actors": ["a2"], "targets": ["a1"], "figures": ["f1", "f2", "f3"],
                    "sources": ["s1", "s2"], "lead": true, "evidence": []}]
    }))
    .expect("a valid record");
    let (_, text) = run(std::slice::from_ref(&r), Format::UcdpCsv, &Filter::default());
    let (_, rows) = read_csv(&text);
    let u = &rows[0];
    // s1: 10 soldiers + 20–30 (best 25) combatants; s2: at least 60 combatants.
    assert_eq!((u["low"].as_str(), u["best"].as_str(), u["high"].as_str()), ("30", "35", "60"));
    // The state (a target) goes to side A; soldiers die on side A, combatants on side B.
    assert_eq!((u["side_a"].as_str(), u["side_b"].as_str()), ("Syrian Arab Army", "Hayat Tahrir al-Sham"));
    assert_eq!((u["deaths_a"].as_str(), u["deaths_b"].as_str()), ("10", "25"));
    assert_eq!(u["type_of_violence"], "1");
    let (_, text) = run(std::slice::from_ref(&r), Format::AcledCsv, &Filter::default());
    let (_, rows) = read_csv(&text);
    assert_eq!(rows[0]["fatalities"], "30", "the most conservative source: 10 + 20 (a range's low end)");
    assert_eq!(rows[0]["source"], "SOHR; SANA");
}

#[test]
fn geojson_is_a_feature_collection_of_lon_lat_points() {
    let (summary, text) = run(records(), Format::Geojson, &Filter::default());
    let fc =
        FeatureCollection::try_from(text.parse::<GeoJson>().expect("valid GeoJSON")).expect("a collection");
    assert_eq!(fc.features.len() as u64, summary.rows_written);
    assert_eq!(summary.rows_written + summary.events_without_coordinates, events(records()) as u64);
    let mut aleppo = None;
    for f in &fc.features {
        let Some(GeometryValue::Point { coordinates: p }) = f.geometry.as_ref().map(|g| &g.value) else {
            panic!("every feature is a Point: {f:?}")
        };
        assert_eq!(p.len(), 2);
        let (lon, lat) = (p[0], p[1]);
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat), "{lon} {lat}");
        if f.id == Some(Id::String(aleppo_event_id())) {
            aleppo = Some((lon, lat, f.properties.clone().expect("properties")));
        }
    }
    let (lon, lat, props) = aleppo.expect("the Aleppo event is a feature");
    assert!((lon - 37.16).abs() < 0.05 && (lat - 36.2).abs() < 0.05, "[lon, lat] order: {lon} {lat}");
    assert_eq!(props["record_id"], "aleppo-2016-08-01");
    assert_eq!(props["event_type"], "Explosions/Remote violence");
    assert_eq!(props["sub_event_type"], "Air/drone strike");
    assert_eq!(props["date"], "2016-08-01");
    assert_eq!((props["date_prec"].clone(), props["where_prec"].clone()), (json!(1), json!(1)));
    assert_eq!(props["place"], "Aleppo");
    assert_eq!(props["actors"], json!(["Russian Aerospace Forces"]));
    assert_eq!(props["fatalities_best"], 12);
    assert_eq!(props["sources"], json!(["Syrian Observatory for Human Rights"]));
    assert_eq!(
        (props["url"].clone(), props["outlet"].clone()),
        (json!("https://example.org/aleppo"), json!("AFP"))
    );
    assert!(props["evidence"].as_str().is_some_and(|e| e.contains("frappes")));
    assert!(props.contains_key("incident") && props.contains_key("targets"));
}

#[test]
fn geojson_counts_events_without_coordinates() {
    let r: Record = serde_json::from_value(json!({
        "format": "sitrep/1", "id": "nowhere", "language": "en", "published": null,
        "actors": [], "dates": [], "sources": [], "figures": [],
        "places": [{"id": "p1", "name": "Somewhere", "mentions": []}],
        "events": [{"id": "e1", "type": "Battles", "sub_type": "Armed clash", "place": "p1", "date": null,
                    "evidence": []},
                   {"id": "e2", "type": "Battles", "sub_type": "Armed clash", "place": null, "date": null,
                    "evidence": []}]
    }))
    .expect("a valid record");
    let (summary, text) = run(&[r], Format::Geojson, &Filter::default());
    assert_eq!((summary.rows_written, summary.events_without_coordinates), (0, 2));
    let fc =
        FeatureCollection::try_from(text.parse::<GeoJson>().expect("valid GeoJSON")).expect("a collection");
    assert!(fc.features.is_empty());
}

#[test]
fn jsonl_round_trips_the_records() {
    let (summary, text) = run(records(), Format::Jsonl, &Filter::default());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), records().len());
    assert_eq!(summary.records_written, 5);
    for (line, r) in lines.iter().zip(records()) {
        assert_eq!(*line, serde_json::to_string(r).expect("serialises"), "byte for byte");
        assert_eq!(&serde_json::from_str::<Record>(line).expect("reads back"), r);
    }
    // Filtered at record level: kept whole when one event matches.
    let ua = Filter { country: Some("UA".into()), ..Filter::default() };
    let (_, text) = run(records(), Format::Jsonl, &ua);
    let kept: Vec<Record> = text.lines().map(|l| serde_json::from_str(l).expect("a record")).collect();
    assert_eq!(kept, vec![record("sample-donetsk-2022-03-05").clone()]);
}

/// Event ids (`record:event`) an ACLED export of all records keeps.
fn kept(filter: &Filter) -> Vec<String> {
    let (summary, text) = run(records(), Format::AcledCsv, filter);
    let (_, rows) = read_csv(&text);
    assert_eq!(
        (summary.events_filtered_out + summary.events_not_happened) as usize + rows.len(),
        events(records())
    );
    rows.iter().map(|r| r["event_id_cnty"].clone()).collect()
}

#[test]
fn date_filter_takes_each_date_at_its_precision() {
    let d = |s: &str| Some(Filter::parse_date(s).expect("a date"));
    let day = Filter { from: d("2017-03-22"), to: d("2017-03-22"), ..Filter::default() };
    let ids = kept(&day);
    assert!(ids.contains(&"sample-hama-2017-03-22:e1".to_string()), "{ids:?}");
    assert!(!ids.contains(&"sample-hama-2017-03-22:e2".to_string()), "21 March is out: {ids:?}");
    assert!(ids.iter().all(|i| i.starts_with("sample-hama")), "{ids:?}");
    // 2019-W18 runs from 29 April to 5 May.
    let week = |from: &str| kept(&Filter { from: d(from), to: d("2019-12-31"), ..Filter::default() });
    assert!(week("2019-05-05").contains(&"sample-idlib-2019-05-12:e3".to_string()));
    assert!(!week("2019-05-06").contains(&"sample-idlib-2019-05-12:e3".to_string()));
    // "2016-08" covers the month; the dispatch from Aleppo is on its first day.
    let aug = kept(&Filter { from: d("2016-08-31"), to: d("2016-09-30"), ..Filter::default() });
    assert!(aug.contains(&"sample-hama-2017-03-22:e7".to_string()), "{aug:?}");
    assert!(!aug.contains(&aleppo_event_id()));
    // Events without a date are not vouched for.
    let all_time = kept(&Filter { from: d("1900-01-01"), ..Filter::default() });
    assert!(!all_time.contains(&"sample-hama-2017-03-22:e4".to_string()), "e4 has no date");
}

#[test]
fn country_bbox_actor_and_sub_type_filters() {
    let ua = kept(&Filter { country: Some("ua".into()), ..Filter::default() });
    assert!(!ua.is_empty() && ua.iter().all(|i| i.starts_with("sample-donetsk")), "{ua:?}");
    assert!(!ua.contains(&"sample-donetsk-2022-03-05:e4".to_string()), "Moscow is in RU");

    let bbox = Filter::parse_bbox("35,36,38,37").expect("a box around Aleppo");
    let ids = kept(&Filter { bbox: Some(bbox), ..Filter::default() });
    assert_eq!(ids, vec![aleppo_event_id()], "Hama (35.1 N) is south of the box");

    // Accent- and case-insensitive, through an alias ("Forces aérospatiales
    // russes"): every event with the Russian Aerospace Forces, and only those.
    let ids = kept(&Filter { actor: Some("AÉROSPATIALES".into()), ..Filter::default() });
    let with_vks: Vec<String> = records()
        .iter()
        .flat_map(|r| {
            let vks: Vec<&str> = r
                .actors
                .iter()
                .filter(|a| a.name == "Russian Aerospace Forces")
                .map(|a| a.id.as_str())
                .collect();
            r.events
                .iter()
                .filter(move |e| e.actors.iter().chain(&e.targets).any(|a| vks.contains(&a.as_str())))
                .map(move |e| format!("{}:{}", r.id, e.id))
        })
        .collect();
    assert!(ids.contains(&aleppo_event_id()) && ids.len() >= 2, "{ids:?}");
    assert_eq!(ids, with_vks);
    assert!(kept(&Filter { actor: Some("nobody at all".into()), ..Filter::default() }).is_empty());
    // Targets count too: an event whose only link to the actor is as target.
    let mut r = record("sample-hama-2017-03-22").clone();
    let rebels = r.actors.iter().find(|a| a.name == "Rebel groups").expect("rebels").id.clone();
    for e in &mut r.events {
        e.actors.retain(|a| *a != rebels);
        e.targets.retain(|a| *a != rebels);
    }
    r.events[0].targets.push(rebels);
    let filter = Filter { actor: Some("rebel groups".into()), ..Filter::default() };
    let (_, text) = run(std::slice::from_ref(&r), Format::AcledCsv, &filter);
    let (_, rows) = read_csv(&text);
    let ids: Vec<&str> = rows.iter().map(|row| row["event_id_cnty"].as_str()).collect();
    assert_eq!(ids, vec![format!("{}:{}", r.id, r.events[0].id)], "a target");

    let strikes = Filter { sub_type: Some(SubEventType::AirDroneStrike), ..Filter::default() };
    let ids = kept(&strikes);
    let expected = records()
        .iter()
        .flat_map(|r| r.events.iter().map(move |e| (r, e)))
        .filter(|(_, e)| e.sub_type == SubEventType::AirDroneStrike)
        .map(|(r, e)| format!("{}:{}", r.id, e.id))
        .collect::<Vec<_>>();
    assert!(expected.len() >= 3);
    assert_eq!(ids, expected);

    // Criteria combine: Syrian air strikes in the Aleppo box.
    let both = Filter { bbox: Some(bbox), country: Some("SY".into()), ..strikes };
    assert_eq!(kept(&both), vec![aleppo_event_id()]);
}

fn record_with_notes(notes: &str, actor: &str) -> Record {
    serde_json::from_value(json!({
        "format": "sitrep/1", "id": "notes", "language": "en", "published": "2020-01-01",
        "actors": [{"id": "a1", "name": actor, "kind": "armed_group", "mentions": []}],
        "places": [], "dates": [], "sources": [], "figures": [],
        "events": [{"id": "e1", "type": "Violence against civilians", "sub_type": "Attack",
                    "place": null, "date": null, "actors": ["a1"],
                    "evidence": [{"start": 0, "end": 1, "text": notes}]}]
    }))
    .expect("a valid record")
}

#[test]
fn csv_fields_with_commas_quotes_and_newlines_round_trip() {
    let notes = "He said, \"they came at night\";\nthen: \"run\",\r\nand we ran.";
    let actor = "Brigade \"North\", 2nd, \"the, quoted\"";
    for format in [Format::AcledCsv, Format::UcdpCsv] {
        let (_, text) = run(&[record_with_notes(notes, actor)], format, &Filter::default());
        let (_, rows) = read_csv(&text);
        assert_eq!(rows.len(), 1);
        if format == Format::AcledCsv {
            assert_eq!(rows[0]["notes"], notes);
            assert_eq!(rows[0]["actor1"], actor);
            assert_eq!(rows[0]["civilian_targeting"], "Civilian targeting");
        } else {
            assert_eq!(rows[0]["side_a"], actor);
            assert_eq!(
                (rows[0]["type_of_violence"].as_str(), rows[0]["side_b"].as_str()),
                ("3", "Civilians")
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_notes_round_trip_through_csv(notes in "[a-zé ,;\"'\n\r…]{0,40}") {
        let (_, text) = run(&[record_with_notes(&notes, "x")], Format::AcledCsv, &Filter::default());
        let (_, rows) = read_csv(&text);
        prop_assert_eq!(rows.len(), 1);
        prop_assert_eq!(rows[0]["notes"].as_str(), notes.trim());
    }
}

#[test]
fn empty_input_gives_complete_outputs() {
    for format in Format::ALL {
        let (summary, text) = run(&[], format, &Filter::default());
        assert_eq!(summary, Summary::default());
        match format {
            Format::Jsonl => assert_eq!(text, ""),
            Format::AcledCsv => assert_eq!(read_csv(&text).0, ACLED_COLUMNS),
            Format::UcdpCsv => assert_eq!(read_csv(&text).0, UCDP_COLUMNS),
            Format::Geojson => {
                let v: Value = serde_json::from_str(&text).expect("valid JSON");
                assert_eq!(v, json!({"type": "FeatureCollection", "features": []}));
            }
        }
    }
}

#[test]
fn announced_and_denied_events_are_not_rows() {
    let r: Record = serde_json::from_value(json!({
        "format": "sitrep/1", "id": "statuses", "language": "en", "published": "2020-01-01",
        "actors": [], "dates": [], "sources": [], "figures": [],
        "places": [{"id": "p1", "name": "Aleppo", "lat": 36.20124, "lon": 37.16117, "country": "SY",
                    "where_prec": 1, "mentions": []}],
        "events": [
            {"id": "e1", "type": "Battles", "sub_type": "Armed clash", "place": "p1", "date": null,
             "evidence": []},
            {"id": "e2", "type": "Battles", "sub_type": "Armed clash", "place": "p1", "date": null,
             "status": "denied", "evidence": []},
            {"id": "e3", "type": "Strategic developments", "sub_type": "Agreement", "place": "p1",
             "date": null, "status": "announced", "evidence": []},
            {"id": "e4", "type": "Battles", "sub_type": "Armed clash", "place": "p1", "date": null,
             "status": "failed", "evidence": []}
        ]
    }))
    .expect("a valid record");
    for format in [Format::AcledCsv, Format::UcdpCsv] {
        let (summary, text) = run(std::slice::from_ref(&r), format, &Filter::default());
        let key = if format == Format::UcdpCsv { "id" } else { "event_id_cnty" };
        let ids: Vec<String> = read_csv(&text).1.iter().map(|row| row[key].clone()).collect();
        assert_eq!(ids, ["statuses:e1", "statuses:e4"], "{format}");
        assert_eq!((summary.events_not_happened, summary.rows_written), (2, 2), "{format}");
    }
    let (summary, text) = run(&[r], Format::Geojson, &Filter::default());
    assert_eq!(summary.rows_written, 4);
    assert!(text.contains(r#""status":"denied""#));
}
