//! Which events an export keeps.

use jiff::civil::Date;
use sitrep_core::{Actor, Event, Record, SubEventType};

use crate::error::FilterError;
use crate::event::EventView;

/// Which events to export; every criterion given must hold (an empty filter
/// keeps everything). Criteria read the event, not the whole record:
///
/// - `from` / `to`: the event's date (its TimeML value, taken at its
///   precision: `2016-08` covers the whole month, `2019-W18` its week)
///   shares at least one day with `[from, to]`, both ends included.
/// - `country`: the event's place is in this country (ISO 3166-1 alpha-2,
///   any case).
/// - `bbox`: `[min_lon, min_lat, max_lon, max_lat]` in degrees holds the
///   event's place; `min_lon > max_lon` means the box crosses the 180th
///   meridian.
/// - `actor`: one of the event's actors or targets has this as its id, or
///   contains it in its name or one of its aliases, ignoring case and
///   accents ("nosra" finds "al-Nusra Front" through "Front al-Nosra").
/// - `sub_type`: the event's ACLED sub-event type.
///
/// An event without a date, place or coordinates fails a criterion that
/// needs them: a filter keeps only what it can vouch for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// First day of the period of interest.
    pub from: Option<Date>,
    /// Last day of the period of interest.
    pub to: Option<Date>,
    /// ISO 3166-1 alpha-2 code of the event's country.
    pub country: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: Option<[f64; 4]>,
    /// An actor id, or part of an actor's name or alias.
    pub actor: Option<String>,
    /// ACLED sub-event type.
    pub sub_type: Option<SubEventType>,
}

impl Filter {
    /// Whether the filter keeps every event (a blank `actor` is no criterion).
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.to.is_none()
            && self.country.is_none()
            && self.bbox.is_none()
            && self.actor.as_deref().is_none_or(|a| a.trim().is_empty())
            && self.sub_type.is_none()
    }

    /// Whether `event` (one of `record`'s events) passes.
    pub fn matches(&self, record: &Record, event: &Event) -> bool {
        self.matches_view(
            &EventView::new(record, event),
            self.actor.as_deref().map(sitrep_text::fold).as_deref(),
        )
    }

    /// As [`Filter::matches`], on a resolved event, with the actor needle
    /// folded once by the caller.
    pub(crate) fn matches_view(&self, v: &EventView<'_>, actor_folded: Option<&str>) -> bool {
        if self.sub_type.is_some_and(|s| s != v.event.sub_type) {
            return false;
        }
        if (self.from.is_some() || self.to.is_some())
            && !v.period.is_some_and(|p| p.overlaps(self.from, self.to))
        {
            return false;
        }
        if let Some(c) = &self.country
            && !v.country().is_some_and(|pc| pc.eq_ignore_ascii_case(c.trim()))
        {
            return false;
        }
        if let Some(b) = &self.bbox
            && !v.lon_lat().is_some_and(|(lon, lat)| in_bbox(b, lon, lat))
        {
            return false;
        }
        // A blank actor is no criterion.
        if let Some(needle) = actor_folded.filter(|n| !n.is_empty()) {
            let raw = self.actor.as_deref().unwrap_or_default().trim();
            if !v.actors().chain(v.targets()).any(|a| actor_matches(a, raw, needle)) {
                return false;
            }
        }
        true
    }

    /// Reads a bounding box `min_lon,min_lat,max_lon,max_lat` ("35,36,38,37").
    pub fn parse_bbox(s: &str) -> Result<[f64; 4], FilterError> {
        let err = |why: String| FilterError::Bbox { input: s.to_string(), why };
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(err(format!("{} numbers given, 4 needed", parts.len())));
        }
        let mut b = [0.0; 4];
        for (slot, part) in b.iter_mut().zip(&parts) {
            *slot = part
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| err(format!("{part:?} is not a number")))?;
        }
        let [min_lon, min_lat, max_lon, max_lat] = b;
        if ![min_lon, max_lon].iter().all(|x| (-180.0..=180.0).contains(x)) {
            return Err(err("longitudes must lie between -180 and 180".into()));
        }
        if ![min_lat, max_lat].iter().all(|x| (-90.0..=90.0).contains(x)) {
            return Err(err("latitudes must lie between -90 and 90 (is the order lon,lat?)".into()));
        }
        if min_lat > max_lat {
            return Err(err(format!("min_lat {min_lat} is north of max_lat {max_lat}")));
        }
        Ok(b)
    }

    /// Reads a calendar date `YYYY-MM-DD`.
    pub fn parse_date(s: &str) -> Result<Date, FilterError> {
        s.trim().parse::<Date>().map_err(|e| FilterError::Date { input: s.to_string(), why: e.to_string() })
    }

    /// Reads an ISO 3166-1 alpha-2 code, returned in upper case.
    pub fn parse_country(s: &str) -> Result<String, FilterError> {
        let c = s.trim();
        if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(c.to_ascii_uppercase())
        } else {
            Err(FilterError::Country(s.to_string()))
        }
    }

    /// Reads an ACLED sub-event type, by its name ("Armed clash",
    /// "Air/drone strike") or a slug of it ("armed-clash", "air-drone-strike"),
    /// ignoring case.
    pub fn parse_sub_type(s: &str) -> Result<SubEventType, FilterError> {
        let want = slug(s);
        SubEventType::ALL.into_iter().find(|t| slug(&sub_type_name(*t)) == want).ok_or_else(|| {
            FilterError::SubType {
                input: s.to_string(),
                known: SubEventType::ALL.iter().map(|t| sub_type_name(*t)).collect::<Vec<_>>().join(", "),
            }
        })
    }
}

/// ACLED's name for a sub-event type (its serde name).
pub(crate) fn sub_type_name(t: SubEventType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn in_bbox(b: &[f64; 4], lon: f64, lat: f64) -> bool {
    let [min_lon, min_lat, max_lon, max_lat] = *b;
    let lon_ok = if min_lon <= max_lon {
        (min_lon..=max_lon).contains(&lon)
    } else {
        lon >= min_lon || lon <= max_lon
    };
    lon_ok && (min_lat..=max_lat).contains(&lat)
}

fn actor_matches(a: &Actor, raw: &str, needle: &str) -> bool {
    a.id.eq_ignore_ascii_case(raw)
        || std::iter::once(&a.name).chain(a.aliases.iter()).any(|n| sitrep_text::fold(n).contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_parsing() {
        assert_eq!(Filter::parse_bbox("35,36,38,37"), Ok([35.0, 36.0, 38.0, 37.0]));
        assert_eq!(Filter::parse_bbox(" 35 , 36 ,38, 37 "), Ok([35.0, 36.0, 38.0, 37.0]));
        for (bad, says) in [
            ("35,36,38", "3 numbers given"),
            ("35,36,x,37", "\"x\" is not a number"),
            ("36,200,37,201", "latitudes must lie"),
            ("35,37,38,36", "north of"),
            ("35,NaN,38,37", "not a number"),
        ] {
            let e = Filter::parse_bbox(bad).expect_err(bad).to_string();
            assert!(e.contains(says) && e.contains("min_lon,min_lat,max_lon,max_lat"), "{bad}: {e}");
        }
    }

    #[test]
    fn bbox_across_the_antimeridian() {
        let b = [170.0, -20.0, -170.0, 0.0];
        assert!(in_bbox(&b, 179.0, -10.0));
        assert!(in_bbox(&b, -175.0, -10.0));
        assert!(!in_bbox(&b, 0.0, -10.0));
    }

    #[test]
    fn other_arguments() {
        assert_eq!(Filter::parse_country(" sy"), Ok("SY".into()));
        assert!(Filter::parse_country("Syria").expect_err("a name").to_string().contains("two letters"));
        assert_eq!(Filter::parse_date("2016-08-01").map(|d| d.to_string()), Ok("2016-08-01".into()));
        assert!(Filter::parse_date("01/08/2016").expect_err("not ISO").to_string().contains("YYYY-MM-DD"));
        assert_eq!(Filter::parse_sub_type("Armed clash"), Ok(SubEventType::ArmedClash));
        assert_eq!(Filter::parse_sub_type("air-drone-strike"), Ok(SubEventType::AirDroneStrike));
        assert_eq!(
            Filter::parse_sub_type("shelling/artillery/missile attack"),
            Ok(SubEventType::ShellingArtilleryMissileAttack)
        );
        let e = Filter::parse_sub_type("bombing").expect_err("not ACLED's").to_string();
        assert!(e.contains("Remote explosive/landmine/IED"), "{e}");
        assert!(Filter::default().is_empty());
        assert!(!Filter { actor: Some("x".into()), ..Filter::default() }.is_empty());
        assert!(Filter { actor: Some(" ".into()), ..Filter::default() }.is_empty());
    }
}
