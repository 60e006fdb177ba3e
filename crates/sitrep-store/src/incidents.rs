//! Linking stored events into incidents, and reading incidents back.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use serde::Serialize;
use sitrep_core::{Bound, Measure, Record, Status, SubEventType};
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

fn day(v: ValueRef<'_>) -> Option<Date> {
    v.as_str_or_null().ok().flatten().and_then(|s| s.get(..10)).and_then(|d| d.parse().ok())
}

fn from_name<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// Serde names (`Air/drone strike`, `failed`) to values, each distinct name
/// parsed once.
struct Names<T>(HashMap<String, Option<T>>);

impl<T: serde::de::DeserializeOwned + Copy> Names<T> {
    fn new() -> Self {
        Names(HashMap::new())
    }

    fn get(&mut self, v: ValueRef<'_>) -> Option<T> {
        let s = v.as_str_or_null().ok().flatten()?;
        if let Some(&t) = self.0.get(s) {
            return t;
        }
        let t = from_name(s);
        self.0.insert(s.to_string(), t);
        t
    }
}

/// An event as stored: where it is and the incident it has now.
pub(crate) struct Stored {
    seq: i64,
    event: String,
    incident: Option<String>,
}

/// What linking reads of a stored event, before the rules say when it
/// happened.
pub(crate) struct Candidate {
    stored: Stored,
    /// Its document's key (`None`: no document, which foreign keys forbid).
    key: Option<String>,
    sub_type: Option<SubEventType>,
    /// The period its date names.
    dated: Option<(Date, Date)>,
    /// Its document's publication day.
    published: Option<Date>,
    status: Option<Status>,
    place: Option<Place>,
    /// Names of its actors and targets, sorted, without repeats.
    actors: Vec<String>,
}

/// What linking reads of an event's place.
struct Place {
    point: Option<(f64, f64)>,
    where_prec: Option<u8>,
    country: Option<String>,
    admin1: Option<String>,
    name: String,
}

/// The candidates of a record just stored as document `seq` with key `key`:
/// what [`read_candidates`] would read back, in the same order.
pub(crate) fn candidates(seq: i64, key: &str, r: &Record) -> Vec<Candidate> {
    let published = r.published.as_deref().and_then(|p| p.get(..10)).and_then(|p| p.parse().ok());
    let mut out: Vec<Candidate> = r
        .events
        .iter()
        .map(|e| {
            let place = e.place.as_ref().and_then(|id| r.places.iter().find(|p| &p.id == id));
            let mut actors: Vec<String> = e
                .actors
                .iter()
                .chain(&e.targets)
                .filter_map(|id| r.actors.iter().find(|a| &a.id == id))
                .map(|a| a.name.clone())
                .collect();
            actors.sort_unstable();
            actors.dedup();
            Candidate {
                stored: Stored { seq, event: e.id.clone(), incident: None },
                key: Some(key.to_string()),
                sub_type: Some(e.sub_type),
                dated: e
                    .date
                    .as_ref()
                    .and_then(|id| r.dates.iter().find(|d| &d.id == id))
                    .and_then(|d| d.period())
                    // As stored and read back: the first ten characters of
                    // each day, which name it only for years 0 to 9999.
                    .filter(|(start, end)| start.year() >= 0 && end.year() >= 0),
                published,
                status: e.status,
                place: place.map(|p| Place {
                    point: p.lat.zip(p.lon),
                    where_prec: p.where_prec,
                    country: p.country.clone(),
                    admin1: p.admin1.clone(),
                    name: p.name.clone(),
                }),
                actors,
            }
        })
        .collect();
    // In key order, as read back.
    out.sort_unstable_by(|a, b| a.stored.event.cmp(&b.stored.event));
    out
}

/// The candidates of the stored documents in each inclusive range of `seq`,
/// in key order.
fn read_candidates(conn: &Connection, ranges: &[(i64, i64)]) -> rusqlite::Result<Vec<Vec<Candidate>>> {
    // Documents' keys and publication dates, from the indexes on them (the
    // rows themselves are large: text and record).
    let mut keys: HashMap<i64, String> = HashMap::new();
    let mut stmt = conn.prepare("SELECT seq, key FROM documents")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        keys.insert(r.get(0)?, r.get(1)?);
    }
    let mut published: HashMap<i64, Date> = HashMap::new();
    let mut stmt = conn.prepare("SELECT seq, published FROM documents WHERE published IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(d) = day(r.get_ref(1)?) {
            published.insert(r.get(0)?, d);
        }
    }
    let mut actors_of = conn.prepare(
        "SELECT ea.doc, ea.event, a.name FROM event_actors ea
         JOIN actors a ON a.doc = ea.doc AND a.id = ea.actor
         WHERE ea.doc BETWEEN ?1 AND ?2
         ORDER BY ea.doc, ea.event",
    )?;
    let mut events = conn.prepare(
        "SELECT e.doc, e.id, e.sub_type, dt.period_start, dt.period_end,
                p.lat, p.lon, p.where_prec, p.country, p.admin1, p.name, e.status, e.incident
         FROM events e
         LEFT JOIN places p ON p.doc = e.doc AND p.id = e.place
         LEFT JOIN dates dt ON dt.doc = e.doc AND dt.id = e.date
         WHERE e.doc BETWEEN ?1 AND ?2
         ORDER BY e.doc, e.id",
    )?;
    let mut count = conn.prepare("SELECT count(*) FROM events WHERE doc BETWEEN ?1 AND ?2")?;
    let mut sub_types = Names::<SubEventType>::new();
    let mut statuses = Names::<Status>::new();
    let mut runs = Vec::with_capacity(ranges.len());
    for &range in ranges {
        // Actor names by event, in event order.
        let actors: Vec<(i64, String, String)> = actors_of
            .query_map(range, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut actors = actors.into_iter().peekable();
        // Sized beforehand: growing a vector this large costs more than counting.
        let n: i64 = count.query_row(range, |r| r.get(0))?;
        let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        let mut rows = events.query(range)?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let event: String = r.get(1)?;
            // Actors of events not stored (none, unless the tables disagree) are passed over.
            while actors.next_if(|(d, e, _)| (*d, e.as_str()) < (seq, event.as_str())).is_some() {}
            let mut names = Vec::new();
            while let Some((_, _, name)) = actors.next_if(|(d, e, _)| *d == seq && *e == event) {
                names.push(name);
            }
            names.sort_unstable();
            names.dedup();
            let place = match r.get::<_, Option<String>>(10)? {
                Some(name) => {
                    let (lat, lon): (Option<f64>, Option<f64>) = (r.get(5)?, r.get(6)?);
                    Some(Place {
                        point: lat.zip(lon),
                        where_prec: r.get(7)?,
                        country: r.get(8)?,
                        admin1: r.get(9)?,
                        name,
                    })
                }
                None => None,
            };
            out.push(Candidate {
                stored: Stored { seq, event, incident: r.get(12)? },
                key: keys.get(&seq).cloned(),
                sub_type: sub_types.get(r.get_ref(2)?),
                dated: day(r.get_ref(3)?).zip(day(r.get_ref(4)?)),
                published: published.get(&seq).copied(),
                status: statuses.get(r.get_ref(11)?),
                place,
                actors: names,
            });
        }
        runs.push(out);
    }
    Ok(runs)
}

/// Every stored event's candidate, in key order, in runs. Those of
/// documents this store wrote (`fresh`, in the order written) come from
/// memory when they are a run of consecutive `seq`s and the database holds
/// as many events for them, none linked yet; the others are read.
fn all_candidates(
    conn: &Connection,
    fresh: Vec<(i64, Vec<Candidate>)>,
) -> rusqlite::Result<Vec<Vec<Candidate>>> {
    let consecutive = fresh.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    if let (Some(&(lo, _)), Some(&(hi, _)), true) = (fresh.first(), fresh.last(), consecutive) {
        let (events, linked): (i64, i64) = conn.query_row(
            "SELECT count(*), count(incident) FROM events WHERE doc BETWEEN ?1 AND ?2",
            (lo, hi),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let kept: usize = fresh.iter().map(|(_, c)| c.len()).sum();
        if usize::try_from(events).ok() == Some(kept) && linked == 0 {
            let mut read = read_candidates(conn, &[(i64::MIN, lo - 1), (hi + 1, i64::MAX)])?;
            let after = read.pop().unwrap_or_default();
            read.extend(fresh.into_iter().map(|(_, c)| c));
            read.push(after);
            return Ok(read);
        }
    }
    read_candidates(conn, &[(i64::MIN, i64::MAX)])
}

/// The stored events: those linking can consider, each with its happening
/// and place name, and the others, which belong to no incident.
struct Events {
    linkable: Vec<(Stored, Option<String>)>,
    happenings: Vec<Happening>,
    others: Vec<Stored>,
}

/// Sorts candidates into linkable events and others, by the rules.
fn happenings(runs: Vec<Vec<Candidate>>, rules: &Rules) -> Events {
    let n = runs.iter().map(Vec::len).sum();
    let mut out =
        Events { linkable: Vec::with_capacity(n), happenings: Vec::with_capacity(n), others: Vec::new() };
    for c in runs.into_iter().flatten() {
        let period = c.sub_type.and_then(|sub| Some((sub, rules.period(c.dated, c.published, c.status)?)));
        let (Some((sub_type, (start, end))), Some(doc)) = (period, c.key) else {
            out.others.push(c.stored);
            continue;
        };
        let (point, where_prec, country, admin1, place) = match c.place {
            Some(p) => (p.point, p.where_prec, p.country, p.admin1, Some(p.name)),
            None => (None, None, None, None, None),
        };
        out.happenings.push(Happening {
            doc,
            event: c.stored.event.clone(),
            sub_type,
            start,
            end,
            point,
            where_prec,
            country,
            admin1,
            actors: c.actors,
        });
        out.linkable.push((c.stored, place));
    }
    out
}

/// An incident's row in `incidents`, less its id.
#[derive(Debug, Clone, PartialEq)]
struct IncidentRow {
    sub_type: String,
    first_day: String,
    last_day: String,
    place: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    where_prec: Option<u8>,
    country: Option<String>,
    admin1: Option<String>,
    events: i64,
    documents: i64,
}

const INCIDENT_COLUMNS: &str =
    "sub_type, first_day, last_day, place, lat, lon, where_prec, country, admin1, events, documents";

/// The incidents stored now, by id.
fn stored_incidents(conn: &Connection) -> rusqlite::Result<HashMap<String, IncidentRow>> {
    let mut stmt = conn.prepare(&format!("SELECT id, {INCIDENT_COLUMNS} FROM incidents"))?;
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            IncidentRow {
                sub_type: r.get(1)?,
                first_day: r.get(2)?,
                last_day: r.get(3)?,
                place: r.get(4)?,
                lat: r.get(5)?,
                lon: r.get(6)?,
                where_prec: r.get(7)?,
                country: r.get(8)?,
                admin1: r.get(9)?,
                events: r.get(10)?,
                documents: r.get(11)?,
            },
        ))
    })?
    .collect()
}

/// The index on `events.incident`, as `migrations/0001-initial.sql` makes it
/// (relinking drops it and makes it again when most events change).
const EVENTS_INCIDENT_INDEX: &str = "CREATE INDEX events_incident ON events(incident)";

/// The index on `incident_claims.incident`, likewise.
const CLAIMS_INCIDENT_INDEX: &str = "CREATE INDEX incident_claims_incident ON incident_claims(incident)";

/// The sources' claims (figures) about the incidents of the events chosen
/// by the `WHERE` that follows. The outlet, from the large documents rows,
/// is read only for figures without a source.
const CLAIMS: &str = "INSERT INTO incident_claims (incident, measure, subject, source, doc, figure, low, best, high, bound, text)
     SELECT e.incident, f.measure, f.subject,
            coalesce(s.name, (SELECT outlet FROM documents d WHERE d.seq = f.doc), 'the report'),
            f.doc, f.id, f.low, f.best, f.high, f.bound, f.text
     FROM events e
     JOIN event_figures ef ON ef.doc = e.doc AND ef.event = e.id
     JOIN figures f ON f.doc = ef.doc AND f.id = ef.figure AND f.context = 0
     LEFT JOIN sources s ON s.doc = f.doc AND s.id = f.source
     WHERE ";

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
    /// incident ids on events, the incidents table and their claims. Only
    /// what changed is written: the events whose incident changed, the
    /// incidents whose row changed, the claims of incidents whose events
    /// changed (all claims, when most events changed). The result is the
    /// same as rebuilding everything. Events of documents this store kept
    /// ([`Store::keep_for_linking`]) are not read back.
    pub fn relink(&mut self, rules: &Rules) -> Result<LinkSummary, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sql { path: path.clone(), source };
        let fresh = std::mem::take(&mut self.fresh.candidates);
        let candidates = all_candidates(&self.conn, fresh).map_err(err)?;
        let Events { linkable, happenings: hs, others } = happenings(candidates, rules);
        let incident_of = link(&hs, rules);
        // Events grouped by incident, incidents in order of their first event.
        let mut order: Vec<usize> = (0..hs.len()).collect();
        order.sort_unstable_by_key(|&i| (incident_of[i], i));
        let groups: Vec<&[usize]> = order.chunk_by(|&i, &j| incident_of[i] == incident_of[j]).collect();

        let mut summary = LinkSummary { events: hs.len(), incidents: groups.len(), ..LinkSummary::default() };
        let mut new_rows: Vec<(String, IncidentRow)> = Vec::with_capacity(groups.len());
        // Each event's new incident, by index into `new_rows`.
        let mut new_of = vec![0; hs.len()];
        let mut sub_names: HashMap<SubEventType, String> = HashMap::new();
        for members in &groups {
            // Its first event in linking order, which names it.
            let first = &hs[incident_of[members[0]]];
            let first_day = members.iter().map(|&i| hs[i].start).min().unwrap_or(first.start);
            let last_day = members.iter().map(|&i| hs[i].end).max().unwrap_or(first.end);
            // The most precise place; ties go to the earliest event.
            let place = members
                .iter()
                .filter(|&&i| hs[i].point.is_some())
                .min_by_key(|&&i| (hs[i].where_prec.unwrap_or(u8::MAX), i))
                .copied();
            let mut docs: Vec<&str> = members.iter().map(|&i| hs[i].doc.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            if docs.len() > 1 {
                summary.linked += 1;
            }
            let p = place.map(|i| &hs[i]);
            for &i in *members {
                new_of[i] = new_rows.len();
            }
            new_rows.push((
                incident_id(first),
                IncidentRow {
                    sub_type: sub_names.entry(first.sub_type).or_insert_with_key(crate::write::name).clone(),
                    first_day: first_day.to_string(),
                    last_day: last_day.to_string(),
                    place: place.and_then(|i| linkable[i].1.clone()),
                    lat: p.and_then(|h| h.point.map(|x| x.0)),
                    lon: p.and_then(|h| h.point.map(|x| x.1)),
                    where_prec: p.and_then(|h| h.where_prec),
                    country: p.and_then(|h| h.country.clone()),
                    admin1: p.and_then(|h| h.admin1.clone()),
                    events: i64::try_from(members.len()).unwrap_or(i64::MAX),
                    documents: i64::try_from(docs.len()).unwrap_or(i64::MAX),
                },
            ));
        }

        // Events whose incident changes, in key order.
        let mut changes: Vec<(&Stored, Option<&str>)> = linkable
            .iter()
            .enumerate()
            .map(|(i, (stored, _))| (stored, Some(new_rows[new_of[i]].0.as_str())))
            .chain(others.iter().map(|stored| (stored, None)))
            .filter(|(stored, id)| stored.incident.as_deref() != *id)
            .collect();
        changes.sort_unstable_by(|a, b| (a.0.seq, &a.0.event).cmp(&(b.0.seq, &b.0.event)));
        // When most events change (always on a first link), events' incidents
        // are written without their index, made afresh after, and all claims
        // are rebuilt. Otherwise only the claims of the incidents whose
        // events change are: theirs before and after.
        let most = changes.len() * 4 > linkable.len() + others.len();
        let touched: BTreeSet<&str> = if most {
            BTreeSet::new()
        } else {
            changes.iter().flat_map(|(stored, id)| [stored.incident.as_deref(), *id]).flatten().collect()
        };

        let tx = self.conn.transaction().map_err(err)?;
        let mut old_rows = stored_incidents(&tx).map_err(err)?;
        if most {
            tx.execute("DELETE FROM incident_claims", []).map_err(err)?;
        } else {
            let mut del = tx.prepare("DELETE FROM incident_claims WHERE incident = ?1").map_err(err)?;
            for id in &touched {
                del.execute([id]).map_err(err)?;
            }
        }
        {
            let mut ins = tx
                .prepare(&format!(
                    "INSERT INTO incidents (id, {INCIDENT_COLUMNS})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                ))
                .map_err(err)?;
            let mut upd = tx
                .prepare(
                    "UPDATE incidents SET sub_type = ?2, first_day = ?3, last_day = ?4, place = ?5, lat = ?6,
                     lon = ?7, where_prec = ?8, country = ?9, admin1 = ?10, events = ?11, documents = ?12
                     WHERE id = ?1",
                )
                .map_err(err)?;
            // In id order: the primary key's index grows in order.
            let mut by_id: Vec<&(String, IncidentRow)> = new_rows.iter().collect();
            by_id.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for (id, row) in by_id {
                let old = old_rows.remove(id);
                if old.as_ref() == Some(row) {
                    continue;
                }
                let stmt = if old.is_some() { &mut upd } else { &mut ins };
                stmt.execute(params![
                    id,
                    row.sub_type,
                    row.first_day,
                    row.last_day,
                    row.place,
                    row.lat,
                    row.lon,
                    row.where_prec,
                    row.country,
                    row.admin1,
                    row.events,
                    row.documents,
                ])
                .map_err(err)?;
            }
            // Incidents no event belongs to any more, and their claims.
            let mut del = tx
                .prepare("DELETE FROM incident_claims WHERE incident = ?1")
                .and_then(|c| Ok((c, tx.prepare("DELETE FROM incidents WHERE id = ?1")?)))
                .map_err(err)?;
            for id in old_rows.keys() {
                del.0.execute([id]).map_err(err)?;
                del.1.execute([id]).map_err(err)?;
            }
        }
        if most {
            tx.execute("DROP INDEX events_incident", []).map_err(err)?;
        }
        {
            let mut set =
                tx.prepare("UPDATE events SET incident = ?1 WHERE doc = ?2 AND id = ?3").map_err(err)?;
            for (stored, id) in &changes {
                set.execute(params![id, stored.seq, stored.event]).map_err(err)?;
            }
        }
        if most {
            tx.execute(EVENTS_INCIDENT_INDEX, []).map_err(err)?;
            tx.execute("DROP INDEX incident_claims_incident", []).map_err(err)?;
            tx.execute(&format!("{CLAIMS}e.incident IS NOT NULL"), []).map_err(err)?;
            tx.execute(CLAIMS_INCIDENT_INDEX, []).map_err(err)?;
        } else {
            let mut ins = tx.prepare(&format!("{CLAIMS}e.incident = ?1")).map_err(err)?;
            for id in &touched {
                ins.execute([id]).map_err(err)?;
            }
        }
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
