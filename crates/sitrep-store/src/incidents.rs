//! Linking stored events into incidents, and reading incidents back.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use rusqlite::{Connection, params};
use serde::Serialize;
use sitrep_core::{Bound, Measure, Status, SubEventType};
use sitrep_incidents::{Claim, Happening, Rules, Tally, incident_id, link, tally};

use crate::{Store, StoreError};

/// What a relink did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkSummary {
    /// Events considered (those with a known period).
    pub events: usize,
    /// Incidents formed.
    pub incidents: usize,
    /// Incidents reported by more than one document.
    pub linked: usize,
}

/// One incident, readable: its events and what each source claims.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
    /// `inc-…`.
    pub id: String,
    /// ACLED sub-event type of its first event.
    pub sub_type: String,
    /// First day its events' dates allow.
    pub first_day: String,
    /// Last day.
    pub last_day: String,
    /// The most precise place among its events.
    pub place: Option<String>,
    /// Latitude of that place.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Its UCDP where_prec.
    pub where_prec: Option<u8>,
    /// Country (ISO alpha-2).
    pub country: Option<String>,
    /// Its events, one per document.
    pub reports: Vec<Report>,
    /// What sources claim, per measure and subject.
    pub figures: Vec<Tally>,
}

/// One document's event in an incident.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The document's record id.
    pub doc: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// The event's id in the record.
    pub event: String,
    /// The sub-type this document gives.
    pub sub_type: String,
    /// The place this document gives.
    pub place: Option<String>,
    /// The words the event was read from.
    pub evidence: String,
}

fn day(s: Option<String>) -> Option<Date> {
    s.and_then(|s| s.get(..10).and_then(|d| d.parse().ok()))
}

fn sub_type(s: &str) -> Option<SubEventType> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn from_name<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// A happening with what the store needs to write it back.
struct Row {
    seq: i64,
    happening: Happening,
    place: Option<String>,
}

fn happenings(conn: &Connection, rules: &Rules) -> rusqlite::Result<Vec<Row>> {
    let mut actors: HashMap<(i64, String), BTreeSet<String>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT ea.doc, ea.event, a.name FROM event_actors ea
         JOIN actors a ON a.doc = ea.doc AND a.id = ea.actor",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        actors.entry((r.get(0)?, r.get(1)?)).or_default().insert(r.get(2)?);
    }
    let mut stmt = conn.prepare(
        "SELECT d.seq, d.key, e.id, e.sub_type, dt.period_start, dt.period_end, d.published,
                p.lat, p.lon, p.where_prec, p.country, p.admin1, p.name, e.status
         FROM events e JOIN documents d ON d.seq = e.doc
         LEFT JOIN places p ON p.doc = e.doc AND p.id = e.place
         LEFT JOIN dates dt ON dt.doc = e.doc AND dt.id = e.date
         ORDER BY e.doc, e.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let event: String = r.get(2)?;
        let Some(sub) = sub_type(&r.get::<_, String>(3)?) else { continue };
        let dated = day(r.get(4)?).zip(day(r.get(5)?));
        let status = r.get::<_, Option<String>>(13)?.and_then(|s| from_name::<Status>(&s));
        let Some((start, end)) = rules.period(dated, day(r.get(6)?), status) else { continue };
        let (lat, lon): (Option<f64>, Option<f64>) = (r.get(7)?, r.get(8)?);
        let happening = Happening {
            doc: r.get(1)?,
            actors: actors.remove(&(seq, event.clone())).map(|s| s.into_iter().collect()).unwrap_or_default(),
            event,
            sub_type: sub,
            start,
            end,
            point: lat.zip(lon),
            where_prec: r.get(9)?,
            country: r.get(10)?,
            admin1: r.get(11)?,
        };
        out.push(Row { seq, happening, place: r.get(12)? });
    }
    Ok(out)
}

impl Store {
    /// Are the incidents older than the last documents stored?
    pub fn incidents_stale(&self) -> Result<bool, StoreError> {
        let v: String =
            self.sql(
                self.conn.query_row("SELECT value FROM meta WHERE key = 'incidents_stale'", [], |r| r.get(0)),
            )?;
        Ok(v != "0")
    }

    /// Links every stored event into incidents afresh (one transaction):
    /// incident ids on events, the incidents table and their claims.
    pub fn relink(&mut self, rules: &Rules) -> Result<LinkSummary, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sql { path: path.clone(), source };
        let rows = happenings(&self.conn, rules).map_err(err)?;
        let hs: Vec<Happening> = rows.iter().map(|r| r.happening.clone()).collect();
        let incident_of = link(&hs, rules);
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, &k) in incident_of.iter().enumerate() {
            groups.entry(k).or_default().push(i);
        }
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute_batch(
            // Only the events that have one: after a first ingest none has.
            "UPDATE events SET incident = NULL WHERE incident IS NOT NULL;
             DELETE FROM incident_claims; DELETE FROM incidents;",
        )
        .map_err(err)?;
        let mut summary = LinkSummary { events: rows.len(), ..LinkSummary::default() };
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO incidents (id, sub_type, first_day, last_day, place, lat, lon, where_prec,
                                            country, admin1, events, documents)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(err)?;
            let mut set =
                tx.prepare("UPDATE events SET incident = ?1 WHERE doc = ?2 AND id = ?3").map_err(err)?;
            let mut keys: Vec<usize> = groups.keys().copied().collect();
            keys.sort_unstable();
            for k in keys {
                let members = &groups[&k];
                let first = &hs[k];
                let id = incident_id(first);
                let first_day = members.iter().map(|&i| hs[i].start).min().unwrap_or(first.start);
                let last_day = members.iter().map(|&i| hs[i].end).max().unwrap_or(first.end);
                // The most precise place; ties go to the earliest event.
                let place = members
                    .iter()
                    .filter(|&&i| hs[i].point.is_some())
                    .min_by_key(|&&i| (hs[i].where_prec.unwrap_or(u8::MAX), i))
                    .copied();
                let docs: BTreeSet<&str> = members.iter().map(|&i| hs[i].doc.as_str()).collect();
                let p = place.map(|i| &hs[i]);
                ins.execute(params![
                    id,
                    crate::write::name(&first.sub_type),
                    first_day.to_string(),
                    last_day.to_string(),
                    place.and_then(|i| rows[i].place.clone()),
                    p.and_then(|h| h.point.map(|x| x.0)),
                    p.and_then(|h| h.point.map(|x| x.1)),
                    p.and_then(|h| h.where_prec),
                    p.and_then(|h| h.country.clone()),
                    p.and_then(|h| h.admin1.clone()),
                    i64::try_from(members.len()).unwrap_or(i64::MAX),
                    i64::try_from(docs.len()).unwrap_or(i64::MAX),
                ])
                .map_err(err)?;
                for &i in members {
                    set.execute(params![id, rows[i].seq, hs[i].event]).map_err(err)?;
                }
                summary.incidents += 1;
                if docs.len() > 1 {
                    summary.linked += 1;
                }
            }
        }
        // Every source's claims, for all incidents at once.
        tx.execute(
            "INSERT INTO incident_claims (incident, measure, subject, source, doc, figure, low, best, high, bound, text)
             SELECT e.incident, f.measure, f.subject, coalesce(s.name, d.outlet, 'the report'), f.doc, f.id,
                    f.low, f.best, f.high, f.bound, f.text
             FROM events e
             JOIN event_figures ef ON ef.doc = e.doc AND ef.event = e.id
             JOIN figures f ON f.doc = ef.doc AND f.id = ef.figure AND f.context = 0
             JOIN documents d ON d.seq = f.doc
             LEFT JOIN sources s ON s.doc = f.doc AND s.id = f.source
             WHERE e.incident IS NOT NULL",
            [],
        )
        .map_err(err)?;
        tx.execute("UPDATE meta SET value = '0' WHERE key = 'incidents_stale'", []).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(summary)
    }

    /// Incidents reported by at least `min_reports` documents, by date.
    pub fn incidents(&self, min_reports: usize) -> Result<Vec<IncidentView>, StoreError> {
        let conn = &self.conn;
        let mut stmt = self.sql(conn.prepare(
            "SELECT id, sub_type, first_day, last_day, place, lat, lon, where_prec, country
             FROM incidents WHERE documents >= ?1 ORDER BY first_day, id",
        ))?;
        let min = i64::try_from(min_reports).unwrap_or(i64::MAX);
        let mut views: Vec<IncidentView> = self.sql(
            stmt.query_map([min], |r| {
                Ok(IncidentView {
                    id: r.get(0)?,
                    sub_type: r.get(1)?,
                    first_day: r.get(2)?,
                    last_day: r.get(3)?,
                    place: r.get(4)?,
                    lat: r.get(5)?,
                    lon: r.get(6)?,
                    where_prec: r.get(7)?,
                    country: r.get(8)?,
                    reports: vec![],
                    figures: vec![],
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>()),
        )?;
        let mut reports = self.sql(conn.prepare(
            "SELECT d.id, d.outlet, d.published, d.title, e.id, e.sub_type, p.name,
                    (SELECT group_concat(text, ' … ') FROM evidence v WHERE v.doc = e.doc AND v.event = e.id)
             FROM events e JOIN documents d ON d.seq = e.doc
             LEFT JOIN places p ON p.doc = e.doc AND p.id = e.place
             WHERE e.incident = ?1 ORDER BY d.published, d.seq",
        ))?;
        let mut claims = self.sql(conn.prepare(
            "SELECT c.measure, c.subject, c.source, d.id, d.outlet, c.figure, c.low, c.best, c.high, c.bound, c.text
             FROM incident_claims c JOIN documents d ON d.seq = c.doc
             WHERE c.incident = ?1 ORDER BY d.published, d.seq, c.figure",
        ))?;
        for v in &mut views {
            v.reports = self.sql(
                reports
                    .query_map([&v.id], |r| {
                        Ok(Report {
                            doc: r.get(0)?,
                            outlet: r.get(1)?,
                            published: r.get(2)?,
                            title: r.get(3)?,
                            event: r.get(4)?,
                            sub_type: r.get(5)?,
                            place: r.get(6)?,
                            evidence: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                        })
                    })
                    .and_then(|rows| rows.collect::<Result<Vec<_>, _>>()),
            )?;
            let rows: Vec<(Measure, String, Claim)> = self.sql(
                claims
                    .query_map([&v.id], |r| {
                        let measure: String = r.get(0)?;
                        let bound: String = r.get(9)?;
                        let n = |i: usize| -> rusqlite::Result<Option<u64>> {
                            Ok(r.get::<_, Option<i64>>(i)?.and_then(|n| u64::try_from(n).ok()))
                        };
                        Ok((
                            from_name::<Measure>(&measure).unwrap_or(Measure::Other),
                            r.get::<_, String>(1)?,
                            Claim {
                                source: r.get(2)?,
                                doc: r.get(3)?,
                                outlet: r.get(4)?,
                                figure: r.get(5)?,
                                low: n(6)?,
                                best: n(7)?,
                                high: n(8)?,
                                bound: from_name::<Bound>(&bound).unwrap_or(Bound::Exact),
                                text: r.get(10)?,
                            },
                        ))
                    })
                    .and_then(|rows| rows.collect::<Result<Vec<_>, _>>()),
            )?;
            v.figures = tally(rows);
        }
        Ok(views)
    }
}
