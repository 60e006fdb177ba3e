//! Linking events into incidents.
//!
//! Events are taken in order of their earliest possible date. Each joins the
//! open incident it is compatible with — compatible with *every* event
//! already in it (complete linkage, so a chain of near neighbours cannot
//! drift into one huge incident), from a document not already in it — the
//! nearest one; otherwise it opens a new incident. An incident closes once
//! its latest date, with slack, is before the next event's earliest date.
//! The result depends only on the set of events, not on ingest order.

use jiff::civil::Date;
use sitrep_core::SubEventType;

use crate::Rules;

/// An event as linking sees it: what, where, when, who — and its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Happening {
    /// The document's key (in a store: its content id).
    pub doc: String,
    /// The event's id within its record (`e1`, …).
    pub event: String,
    /// ACLED sub-event type.
    pub sub_type: SubEventType,
    /// First day it may have happened.
    pub start: Date,
    /// Last day it may have happened.
    pub end: Date,
    /// Latitude and longitude of its place, if geocoded.
    pub point: Option<(f64, f64)>,
    /// UCDP `where_prec` of its place.
    pub where_prec: Option<u8>,
    /// Country (ISO 3166-1 alpha-2) of its place.
    pub country: Option<String>,
    /// First-order division of its place.
    pub admin1: Option<String>,
    /// Canonical names of its actors and targets.
    pub actors: Vec<String>,
}

/// Great-circle distance in km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// What [`compatible`] needs of a happening, worked out once: its first day
/// less the date slack, and its place in radians with the cosine of its
/// latitude (the same arithmetic as [`distance_km`], so the same distances).
struct Prepared {
    early: Date,
    place: Option<(f64, f64, f64)>,
}

impl Prepared {
    fn new(h: &Happening, slack: jiff::Span) -> Prepared {
        let place = h.point.map(|(lat, lon)| {
            let la = lat.to_radians();
            (la, lon.to_radians(), la.cos())
        });
        Prepared { early: h.start.saturating_sub(slack), place }
    }
}

/// Why two happenings are not the same incident, or how far apart they are.
fn compatible(a: &Happening, pa: &Prepared, b: &Happening, pb: &Prepared, rules: &Rules) -> Option<f64> {
    if pa.early > b.end || pb.early > a.end {
        return None;
    }
    if a.doc == b.doc || !rules.compatible(a.sub_type, b.sub_type) {
        return None;
    }
    let ((la1, lo1, cos1), (la2, lo2, cos2)) = (pa.place?, pb.place?);
    let limit = rules.max_distance_km(a.where_prec.unwrap_or(u8::MAX), b.where_prec.unwrap_or(u8::MAX))?;
    if a.country.is_some() && b.country.is_some() && a.country != b.country {
        return None;
    }
    // Province-level places: the provinces must be the same one.
    if a.where_prec.max(b.where_prec) >= Some(4)
        && a.admin1.is_some()
        && b.admin1.is_some()
        && a.admin1 != b.admin1
    {
        return None;
    }
    // distance_km, with the radians and cosines worked out beforehand.
    let h = ((la2 - la1) / 2.0).sin().powi(2) + cos1 * cos2 * ((lo2 - lo1) / 2.0).sin().powi(2);
    let d = 2.0 * 6371.0 * h.sqrt().asin();
    if d > limit {
        return None;
    }
    // Actors: one side may name none (or only "civilians" it did not
    // identify further); when both name some, at least one must be shared.
    if !a.actors.is_empty() && !b.actors.is_empty() && !a.actors.iter().any(|x| b.actors.contains(x)) {
        return None;
    }
    Some(d)
}

/// Incidents: for each happening (by index), the index of its incident's
/// first happening. Happenings that link to nothing are their own incident.
pub fn link(happenings: &[Happening], rules: &Rules) -> Vec<usize> {
    let mut order: Vec<usize> = (0..happenings.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&happenings[i], &happenings[j]);
        (a.start, a.end, &a.doc, &a.event).cmp(&(b.start, b.end, &b.doc, &b.event))
    });
    let slack = jiff::Span::new().days(rules.date_slack_days);
    let prepared: Vec<Prepared> = happenings.iter().map(|h| Prepared::new(h, slack)).collect();
    let mut incident_of = vec![usize::MAX; happenings.len()];
    // Open incidents: their members, and their latest end date with slack.
    let mut open: Vec<(Vec<usize>, Date)> = Vec::new();
    for &i in &order {
        let (h, p) = (&happenings[i], &prepared[i]);
        open.retain(|(_, until)| *until >= h.start);
        let mut best: Option<(usize, f64)> = None;
        for (k, (members, _)) in open.iter().enumerate() {
            let mut worst = 0.0_f64;
            let mut ok = true;
            for &m in members {
                match compatible(h, p, &happenings[m], &prepared[m], rules) {
                    Some(d) => worst = worst.max(d),
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && best.is_none_or(|(_, d)| worst < d) {
                best = Some((k, worst));
            }
        }
        match best {
            Some((k, _)) => {
                let (members, until) = &mut open[k];
                incident_of[i] = incident_of[members[0]];
                members.push(i);
                *until = (*until).max(h.end.saturating_add(slack));
            }
            None => {
                incident_of[i] = i;
                open.push((vec![i], h.end.saturating_add(slack)));
            }
        }
    }
    incident_of
}

/// A stable incident id from its first happening's document and event.
pub fn incident_id(first: &Happening) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in first.doc.bytes().chain(std::iter::once(b'/')).chain(first.event.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("inc-{:012x}", h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(doc: &str, sub: SubEventType, day: &str, point: (f64, f64), prec: u8, actors: &[&str]) -> Happening {
        let d: Date = day.parse().unwrap_or_default();
        Happening {
            doc: doc.into(),
            event: "e1".into(),
            sub_type: sub,
            start: d,
            end: d,
            point: Some(point),
            where_prec: Some(prec),
            country: Some("SY".into()),
            admin1: Some("Aleppo".into()),
            actors: actors.iter().map(|s| s.to_string()).collect(),
        }
    }

    const ALEPPO: (f64, f64) = (36.201, 37.161);
    const HAMDANIYAH: (f64, f64) = (36.183, 37.121);
    const IDLIB: (f64, f64) = (35.931, 36.634);

    #[test]
    fn same_strike_in_two_outlets_links() {
        use SubEventType::*;
        let rules = Rules::embedded();
        let hs = vec![
            h("a", AirDroneStrike, "2016-08-01", HAMDANIYAH, 1, &["Russian Aerospace Forces"]),
            h("b", ShellingArtilleryMissileAttack, "2016-08-01", ALEPPO, 1, &[]),
            // Another document, same day, same city — but a protest.
            h("c", PeacefulProtest, "2016-08-01", ALEPPO, 1, &[]),
            // Same day, same type, another city.
            h("d", AirDroneStrike, "2016-08-01", IDLIB, 1, &[]),
            // A week later.
            h("e", AirDroneStrike, "2016-08-08", ALEPPO, 1, &[]),
            // The next day: one outlet's Tuesday is not another's Wednesday.
            h("f", AirDroneStrike, "2016-08-02", ALEPPO, 1, &[]),
        ];
        let inc = link(&hs, &rules);
        assert_eq!(inc[0], inc[1]);
        assert_ne!(inc[0], inc[2]);
        assert_ne!(inc[0], inc[3]);
        assert_ne!(inc[0], inc[4]);
        assert_ne!(inc[0], inc[5]);
    }

    #[test]
    fn different_named_actors_do_not_link() {
        use SubEventType::*;
        let rules = Rules::embedded();
        let hs = vec![
            h("a", ArmedClash, "2016-08-01", ALEPPO, 1, &["Syrian Arab Army", "Ahrar al-Sham"]),
            h("b", ArmedClash, "2016-08-01", ALEPPO, 1, &["Islamic State", "Kurdish forces"]),
            h("c", ArmedClash, "2016-08-01", ALEPPO, 1, &["Ahrar al-Sham"]),
        ];
        let inc = link(&hs, &rules);
        assert_ne!(inc[0], inc[1]);
        assert_eq!(inc[0], inc[2]);
    }

    #[test]
    fn one_document_never_links_to_itself_and_linkage_is_complete() {
        use SubEventType::*;
        let rules = Rules::embedded();
        // b is near both a and c, but a and c are 18 km apart: c cannot join.
        let west = (36.20, 37.05);
        let east = (36.20, 37.25);
        let hs = vec![
            h("a", AirDroneStrike, "2016-08-01", west, 1, &[]),
            h("a", AirDroneStrike, "2016-08-01", ALEPPO, 1, &[]),
            h("b", AirDroneStrike, "2016-08-01", ALEPPO, 1, &[]),
            h("c", AirDroneStrike, "2016-08-01", east, 1, &[]),
        ];
        let inc = link(&hs, &rules);
        assert_ne!(inc[0], inc[1], "two events of one document stay apart");
        assert_ne!(inc[3], inc[0]);
        assert!(inc[2] == inc[0] || inc[2] == inc[1]);
    }

    #[test]
    fn coarse_places_do_not_link() {
        use SubEventType::*;
        let rules = Rules::embedded();
        let hs = vec![
            h("a", AirDroneStrike, "2016-08-01", (35.0, 38.0), 6, &[]),
            h("b", AirDroneStrike, "2016-08-01", (35.0, 38.0), 6, &[]),
        ];
        let inc = link(&hs, &rules);
        assert_ne!(inc[0], inc[1]);
    }

    #[test]
    fn linking_does_not_depend_on_input_order() {
        use SubEventType::*;
        let rules = Rules::embedded();
        let mut hs = vec![
            h("a", AirDroneStrike, "2016-08-01", HAMDANIYAH, 1, &[]),
            h("b", AirDroneStrike, "2016-08-01", ALEPPO, 1, &[]),
            h("c", AirDroneStrike, "2016-08-03", IDLIB, 1, &[]),
        ];
        let ids = |hs: &[Happening]| {
            let inc = link(hs, &rules);
            let mut v: Vec<(String, String)> =
                hs.iter().zip(&inc).map(|(x, &k)| (x.doc.clone(), incident_id(&hs[k]))).collect();
            v.sort();
            v
        };
        let forward = ids(&hs);
        hs.reverse();
        assert_eq!(forward, ids(&hs));
    }

    #[test]
    fn distance_is_right() {
        // Aleppo to Idlib: about 58 km.
        let d = distance_km(ALEPPO, IDLIB);
        assert!((50.0..65.0).contains(&d), "{d}");
    }
}
