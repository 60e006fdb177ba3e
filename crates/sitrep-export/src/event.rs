//! An event with the ids it refers to resolved within its record: what every
//! writer and the filter read.

use sitrep_core::{Actor, ActorKind, DateMention, Event, Figure, Place, Record};

use crate::period::Period;
use crate::toll::Toll;

/// One event of a record, its place, date and period looked up.
pub(crate) struct EventView<'a> {
    pub record: &'a Record,
    pub event: &'a Event,
    pub place: Option<&'a Place>,
    pub date: Option<&'a DateMention>,
    pub period: Option<Period>,
}

impl<'a> EventView<'a> {
    pub fn new(record: &'a Record, event: &'a Event) -> Self {
        let place = event.place.as_deref().and_then(|id| record.places.iter().find(|p| p.id == id));
        let date = event.date.as_deref().and_then(|id| record.dates.iter().find(|d| d.id == id));
        let period = date.and_then(|d| Period::of_value(&d.value));
        EventView { record, event, place, date, period }
    }

    /// `<record id>:<event id>`: unique across a corpus of records.
    pub fn uid(&self) -> String {
        format!("{}:{}", self.record.id, self.event.id)
    }

    fn actors_by_id(&self, ids: &'a [String]) -> impl Iterator<Item = &'a Actor> + 'a {
        let record = self.record;
        ids.iter().filter_map(move |id| record.actors.iter().find(|a| &a.id == id))
    }

    /// Who did it.
    pub fn actors(&self) -> impl Iterator<Item = &'a Actor> + 'a {
        self.actors_by_id(&self.event.actors)
    }

    /// Who it was done to.
    pub fn targets(&self) -> impl Iterator<Item = &'a Actor> + 'a {
        self.actors_by_id(&self.event.targets)
    }

    /// The event's figures: those it lists and those that name it.
    pub fn figures(&self) -> Vec<&'a Figure> {
        let e = self.event;
        let mut out: Vec<&Figure> =
            e.figures.iter().filter_map(|id| self.record.figures.iter().find(|f| &f.id == id)).collect();
        for f in &self.record.figures {
            if f.event.as_deref() == Some(e.id.as_str()) && !out.iter().any(|g| g.id == f.id) {
                out.push(f);
            }
        }
        out
    }

    /// Killed figures, tallied by source.
    pub fn toll(&self) -> Toll {
        Toll::new(&self.figures(), &self.event.sources)
    }

    /// Names of the sources that report the event, each once, in the
    /// event's order; the outlet when it lists none.
    pub fn source_names(&self) -> Vec<&'a str> {
        let mut names: Vec<&str> = Vec::new();
        for id in &self.event.sources {
            if let Some(s) = self.record.sources.iter().find(|s| &s.id == id)
                && !names.contains(&s.name.as_str())
            {
                names.push(&s.name);
            }
        }
        if names.is_empty()
            && let Some(o) = self.record.outlet.as_deref()
        {
            names.push(o);
        }
        names
    }

    /// The event's evidence text, spans joined with " … ".
    pub fn evidence(&self) -> String {
        let parts: Vec<&str> = self.event.evidence.iter().map(|s| s.text.trim()).collect();
        parts.join(" … ")
    }

    /// `(lon, lat)` of the place, when it has valid WGS84 coordinates.
    pub fn lon_lat(&self) -> Option<(f64, f64)> {
        let p = self.place?;
        let (lat, lon) = (p.lat?, p.lon?);
        let ok = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        ok.then_some((lon, lat))
    }

    /// The place's country code, upper case.
    pub fn country(&self) -> Option<String> {
        self.place?.country.as_deref().map(str::to_ascii_uppercase)
    }

    /// The date's UCDP precision, or one read off the period's length.
    pub fn date_prec(&self) -> Option<u8> {
        self.date.and_then(|d| d.date_prec).or_else(|| {
            let days = self.period?.days();
            Some(match days {
                1 => 1,
                2..=7 => 2,
                8..=31 => 3,
                32..=366 => 4,
                _ => 5,
            })
        })
    }
}

/// sitrep's generic "Civilians" actor (ACLED's and UCDP's "Civilians").
pub(crate) fn is_civilians(a: &Actor) -> bool {
    a.kind == ActorKind::Other && a.name.eq_ignore_ascii_case("civilians")
}

/// A state force or government: one side of UCDP's state-based violence.
pub(crate) fn is_state(a: &Actor) -> bool {
    matches!(a.kind, ActorKind::StateForce | ActorKind::Government)
}

/// Names joined with "; ", each once.
pub(crate) fn join_names<'n>(names: impl IntoIterator<Item = &'n str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for n in names {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.join("; ")
}
