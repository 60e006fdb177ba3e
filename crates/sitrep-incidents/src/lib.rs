//! Incidents: the same happening seen by several documents.
//!
//! Events from different documents that describe the same happening —
//! compatible ACLED sub-types, places within a distance that depends on
//! their precision, dates overlapping within their precision, compatible
//! actors — share an incident id. For each incident, [`tally`] lists what
//! each source claims per measure and subject, with the range the sources
//! span; nothing is averaged. The rules live in `data/rules.toml`.
//!
//! This crate does no I/O: the store (`sitrep-store`) feeds it events and
//! keeps its answers.
//!
//! ```
//! use sitrep_incidents::{Happening, Rules, link};
//! use sitrep_core::SubEventType;
//!
//! let rules = Rules::embedded();
//! let strike = |doc: &str, lat: f64| Happening {
//!     doc: doc.into(),
//!     event: "e1".into(),
//!     sub_type: SubEventType::AirDroneStrike,
//!     start: "2016-08-01".parse().unwrap(),
//!     end: "2016-08-01".parse().unwrap(),
//!     point: Some((lat, 37.16)),
//!     where_prec: Some(1),
//!     country: Some("SY".into()),
//!     admin1: None,
//!     actors: vec![],
//! };
//! // Two outlets, 2 km apart: one incident. A third 60 km away: another.
//! let incidents = link(&[strike("a", 36.20), strike("b", 36.18), strike("c", 35.66)], &rules);
//! assert_eq!(incidents[0], incidents[1]);
//! assert_ne!(incidents[0], incidents[2]);
//! ```

mod link;
mod rules;
mod tally;

pub use link::{Happening, distance_km, incident_id, link};
pub use rules::{Rules, RulesError};
pub use tally::{Claim, Tally, claims_of, tally};
