//! Writing one document and its record's parts.

use rusqlite::{Transaction, params};
use serde::Serialize;
use sitrep_core::Record;

use crate::NewDocument;

/// The serde name of an enum value (`killed`, `Air/drone strike`).
pub(crate) fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Offsets fit in SQLite's 64-bit integers.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn count(n: Option<u64>) -> Option<i64> {
    n.map(|n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// Writes a document unless its key is stored. Its `seq` when written.
pub(crate) fn document(tx: &Transaction<'_>, d: &NewDocument, now: &str) -> rusqlite::Result<Option<i64>> {
    let r = &d.record;
    let json = match &d.record_json {
        Some(j) => std::borrow::Cow::Borrowed(j.as_str()),
        None => std::borrow::Cow::Owned(
            crate::store::stored_json(r).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
        ),
    };
    let inserted = tx.prepare_cached(
        "INSERT INTO documents (key, id, origin, url, outlet, title, published, language, ingested_at, text, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (key) DO NOTHING",
    )?
    .execute(params![
        d.key,
        r.id,
        d.origin,
        r.url,
        r.outlet,
        r.title,
        r.published,
        r.language,
        now,
        d.text,
        json
    ])?;
    if inserted == 0 {
        return Ok(None);
    }
    let doc = tx.last_insert_rowid();
    parts(tx, doc, r)?;
    Ok(Some(doc))
}

fn parts(tx: &Transaction<'_>, doc: i64, r: &Record) -> rusqlite::Result<()> {
    let mut actor = tx.prepare_cached(
        "INSERT INTO actors (doc, id, name, kind, wikidata, affiliation) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut actor_mention = tx.prepare_cached(
        "INSERT INTO actor_mentions (doc, actor, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for a in &r.actors {
        actor.execute(params![doc, a.id, a.name, name(&a.kind), a.wikidata, a.affiliation])?;
        for m in &a.mentions {
            actor_mention.execute(params![doc, a.id, int(m.start), int(m.end), m.text])?;
        }
    }

    let mut place = tx.prepare_cached(
        "INSERT INTO places (doc, id, name, geonames_id, lat, lon, country, admin1, feature, where_prec)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut place_mention = tx.prepare_cached(
        "INSERT INTO place_mentions (doc, place, start, end, text, demonym, seat) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for p in &r.places {
        let gid = p.geonames_id.and_then(|g| i64::try_from(g).ok());
        place.execute(params![
            doc,
            p.id,
            p.name,
            gid,
            p.lat,
            p.lon,
            p.country,
            p.admin1,
            p.feature,
            p.where_prec
        ])?;
        for m in &p.mentions {
            place_mention.execute(params![doc, p.id, int(m.start), int(m.end), m.text, m.demonym, m.seat])?;
        }
    }

    let mut date = tx.prepare_cached(
        "INSERT INTO dates (doc, id, start, end, text, type, value, modifier, date_prec, unresolved, period_start, period_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for d in &r.dates {
        let period = d.period();
        date.execute(params![
            doc,
            d.id,
            int(d.start),
            int(d.end),
            d.text,
            name(&d.kind),
            d.value,
            d.modifier,
            d.date_prec,
            d.unresolved,
            period.map(|p| p.0.to_string()),
            period.map(|p| p.1.to_string()),
        ])?;
    }

    let mut source = tx.prepare_cached(
        "INSERT INTO sources (doc, id, name, kind, actor, via, hedged, cue_start, cue_end, cue_text,
                              claim_start, claim_end, claim_text, event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for s in &r.sources {
        let (cue, claim) = (s.cue.as_ref(), s.claim.as_ref());
        source.execute(params![
            doc,
            s.id,
            s.name,
            name(&s.kind),
            s.actor,
            s.via,
            s.hedged,
            cue.map(|c| int(c.start)),
            cue.map(|c| int(c.end)),
            cue.map(|c| &c.text),
            claim.map(|c| int(c.start)),
            claim.map(|c| int(c.end)),
            claim.map(|c| &c.text),
            s.event,
        ])?;
    }

    let mut figure = tx.prepare_cached(
        "INSERT INTO figures (doc, id, measure, subject, label, low, best, high, bound, part_of, place, date,
                              source, event, context, start, end, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let all = r.figures.iter().map(|f| (f, false)).chain(r.context_figures.iter().map(|f| (f, true)));
    for (f, context) in all {
        figure.execute(params![
            doc,
            f.id,
            name(&f.measure),
            f.subject,
            f.label,
            count(f.low),
            count(f.best),
            count(f.high),
            name(&f.bound),
            f.part_of,
            f.place,
            f.date,
            f.source,
            f.event,
            context,
            int(f.start),
            int(f.end),
            f.text,
        ])?;
    }

    let mut event = tx.prepare_cached(
        "INSERT INTO events (doc, id, type, sub_type, mode, place, date, lead, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut event_actor =
        tx.prepare_cached("INSERT INTO event_actors (doc, event, actor, role) VALUES (?1, ?2, ?3, ?4)")?;
    let mut event_figure =
        tx.prepare_cached("INSERT INTO event_figures (doc, event, figure) VALUES (?1, ?2, ?3)")?;
    let mut event_source =
        tx.prepare_cached("INSERT INTO event_sources (doc, event, source) VALUES (?1, ?2, ?3)")?;
    let mut evidence =
        tx.prepare_cached("INSERT INTO evidence (doc, event, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for e in &r.events {
        event.execute(params![
            doc,
            e.id,
            name(&e.kind),
            name(&e.sub_type),
            e.mode.as_ref().map(name),
            e.place,
            e.date,
            e.lead,
            e.status.as_ref().map(name),
        ])?;
        for a in &e.actors {
            event_actor.execute(params![doc, e.id, a, "actor"])?;
        }
        for a in &e.targets {
            event_actor.execute(params![doc, e.id, a, "target"])?;
        }
        for f in &e.figures {
            event_figure.execute(params![doc, e.id, f])?;
        }
        for s in &e.sources {
            event_source.execute(params![doc, e.id, s])?;
        }
        for s in &e.evidence {
            evidence.execute(params![doc, e.id, int(s.start), int(s.end), s.text])?;
        }
    }
    Ok(())
}
