//! The linking rules (`data/rules.toml`): distances by place precision,
//! date slack, and the sub-types one happening may be given.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use sitrep_core::{Status, SubEventType};

/// A rules file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// Not valid TOML, or a field of the wrong type.
    #[error("the incident rules are not valid: {0}")]
    Toml(#[from] toml::de::Error),
    /// A sub-type that is not one of ACLED's.
    #[error("the incident rules name an unknown sub-event type {0:?}; use ACLED's spelling")]
    SubType(String),
    /// A precision without a distance.
    #[error("the incident rules give no distance for where_prec {0}; add it under [distance_km]")]
    Distance(u8),
}

/// When two events from two documents are the same happening.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Largest distance in km, indexed by the coarser `where_prec` (1-based).
    distance_km: Vec<f64>,
    /// Places coarser than this are not linked on.
    pub max_where_prec: u8,
    /// Days of slack between two date periods.
    pub date_slack_days: i32,
    /// An undated event happened this many days before publication, at most.
    pub undated_days_before: i32,
    /// Dates naming a longer period than this many days (a month, a year)
    /// are too vague to link on.
    pub max_period_days: i32,
    compatible: HashSet<(SubEventType, SubEventType)>,
}

#[derive(Deserialize)]
struct Raw {
    distance_km: BTreeMap<String, f64>,
    settings: Settings,
    sub_types: SubTypes,
}

#[derive(Deserialize)]
struct SubTypes {
    compatible: Vec<[String; 2]>,
}

#[derive(Deserialize)]
struct Settings {
    max_where_prec: u8,
    date_slack_days: i32,
    undated_days_before: i32,
    max_period_days: i32,
}

impl Rules {
    /// The rules shipped with sitrep.
    pub fn embedded() -> Rules {
        // The file is part of the crate and checked by a test.
        #[allow(clippy::expect_used)]
        Rules::parse(include_str!("../data/rules.toml")).expect("data/rules.toml is valid")
    }

    /// Rules from the text of a rules file.
    pub fn parse(src: &str) -> Result<Rules, RulesError> {
        let raw: Raw = toml::from_str(src)?;
        let sub = |name: &str| {
            let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
            SubEventType::deserialize(de).map_err(|_| RulesError::SubType(name.to_string()))
        };
        let mut compatible = HashSet::new();
        for [a, b] in &raw.sub_types.compatible {
            let (a, b) = (sub(a)?, sub(b)?);
            compatible.insert((a, b));
            compatible.insert((b, a));
        }
        let max = raw.settings.max_where_prec;
        let mut distance_km = Vec::new();
        for prec in 1..=max {
            let d = raw.distance_km.get(&prec.to_string()).ok_or(RulesError::Distance(prec))?;
            distance_km.push(*d);
        }
        Ok(Rules {
            distance_km,
            max_where_prec: max,
            date_slack_days: raw.settings.date_slack_days,
            undated_days_before: raw.settings.undated_days_before,
            max_period_days: raw.settings.max_period_days,
            compatible,
        })
    }

    /// The largest distance, in km, between places of these precisions;
    /// `None` when either is too coarse to link on.
    pub fn max_distance_km(&self, a: u8, b: u8) -> Option<f64> {
        let coarser = a.max(b).max(1);
        if coarser > self.max_where_prec {
            return None;
        }
        self.distance_km.get(usize::from(coarser) - 1).copied()
    }

    /// When an event happened, for linking: the period its date names
    /// (unless longer than `max_period_days`), else — for news of the day,
    /// not history recalled — the days before its report's publication.
    /// Events that did not happen (announced, denied) have no period.
    pub fn period(
        &self,
        dated: Option<(Date, Date)>,
        published: Option<Date>,
        status: Option<Status>,
    ) -> Option<(Date, Date)> {
        match status {
            Some(Status::Announced | Status::Denied) => return None,
            Some(Status::Past) if dated.is_none() => return None,
            _ => {}
        }
        if let Some((start, end)) = dated {
            let days = (end - start).get_days();
            return (days < self.max_period_days).then_some((start, end)); // a week: 6 days apart
        }
        let p = published?;
        Some((p.saturating_sub(jiff::Span::new().days(self.undated_days_before)), p))
    }

    /// Can one happening be reported as `a` by one outlet and `b` by another?
    pub fn compatible(&self, a: SubEventType, b: SubEventType) -> bool {
        a == b || self.compatible.contains(&(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load() {
        let r = Rules::embedded();
        assert_eq!(r.max_distance_km(1, 1), Some(10.0));
        assert_eq!(r.max_distance_km(1, 4), Some(150.0));
        assert_eq!(r.max_distance_km(6, 1), None);
        assert!(r.compatible(SubEventType::ChemicalWeapon, SubEventType::AirDroneStrike));
        assert!(r.compatible(SubEventType::AirDroneStrike, SubEventType::ChemicalWeapon));
        assert!(!r.compatible(SubEventType::AirDroneStrike, SubEventType::PeacefulProtest));
    }

    #[test]
    fn periods_for_linking() {
        let r = Rules::embedded();
        let d = |s: &str| -> Date { s.parse().unwrap_or_default() };
        let day = Some((d("2016-08-01"), d("2016-08-01")));
        let published = Some(d("2016-08-02"));
        assert_eq!(r.period(day, published, None), day);
        // Undated news: the day before publication, or that day.
        assert_eq!(r.period(None, published, None), Some((d("2016-08-01"), d("2016-08-02"))));
        // A year is too vague; history recalled without a date has no day.
        assert_eq!(r.period(Some((d("2011-01-01"), d("2011-12-31"))), published, None), None);
        assert_eq!(r.period(Some((d("2016-08-01"), d("2016-08-31"))), published, None), None);
        let week = Some((d("2016-08-01"), d("2016-08-07")));
        assert_eq!(r.period(week, published, None), week);
        assert_eq!(r.period(None, published, Some(Status::Past)), None);
        assert_eq!(r.period(day, published, Some(Status::Past)), day);
        // What did not happen is no incident.
        assert_eq!(r.period(day, published, Some(Status::Announced)), None);
        assert_eq!(r.period(None, None, None), None);
    }

    #[test]
    fn unknown_sub_type_is_named() {
        let src = include_str!("../data/rules.toml");
        let bad = src.replacen("[\"Air/drone strike\", \"Shelling", "[\"Airstrike\", \"Shelling", 1);
        match Rules::parse(&bad) {
            Err(RulesError::SubType(s)) => assert_eq!(s, "Airstrike"),
            other => panic!("expected an unknown sub-type error, got {other:?}"),
        }
    }
}
