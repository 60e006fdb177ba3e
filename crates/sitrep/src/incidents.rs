//! `sitrep incidents`: the happenings of the corpus, each with who reported
//! it and what each source claims.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use sitrep_incidents::{Rules, Tally};
use sitrep_store::{IncidentView, Store};

use crate::IncidentsArgs;

pub(crate) fn run(args: IncidentsArgs) -> anyhow::Result<ExitCode> {
    let db = crate::db::path(args.db.clone())?;
    if !db.exists() {
        anyhow::bail!("{}: no such database; fill one with `sitrep ingest PATH… --db FILE`", db.display());
    }
    let mut store = Store::open(&db)?;
    if store.incidents_stale()? {
        store.relink(&Rules::embedded())?;
    }
    let incidents = store.incidents(args.min_reports)?;
    let mut out = io::stdout().lock();
    let written = if args.json {
        incidents.iter().try_for_each(|i| {
            let line = serde_json::to_string(i).map_err(io::Error::other)?;
            writeln!(out, "{line}")
        })
    } else {
        incidents.iter().try_for_each(|i| out.write_all(render(i).as_bytes()))
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    if !args.json {
        eprintln!(
            "sitrep: {} incidents reported by at least {} documents",
            incidents.len(),
            args.min_reports
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// One incident as text:
///
/// ```text
/// inc-4f…  Air/drone strike  2019-05-12  Idlib (SY, where_prec 1)
///   reports: Wire EN 2019-05-13 "Air strikes…" · Quotidien FR 2019-05-12 "…"
///   killed civilians: 9–12, disputed
///     Syrian Observatory for Human Rights (Wire EN): 12  "killed 12 civilians"
///     Syria Civil Defence (Quotidien FR): at least 9  "au moins neuf civils"
/// ```
fn render(i: &IncidentView) -> String {
    let mut s = String::new();
    let days = if i.first_day == i.last_day {
        i.first_day.clone()
    } else {
        format!("{} – {}", i.first_day, i.last_day)
    };
    let place = match (&i.place, &i.country, i.where_prec) {
        (Some(p), Some(c), Some(w)) => format!("{p} ({c}, where_prec {w})"),
        (Some(p), _, _) => p.clone(),
        _ => "place unknown".into(),
    };
    let _ = writeln!(s, "{}  {}  {}  {}", i.id, i.sub_type, days, place);
    for r in &i.reports {
        let who = r.outlet.as_deref().unwrap_or(&r.doc);
        let when = r.published.as_deref().unwrap_or("undated");
        let what = if r.sub_type != i.sub_type { format!(" [{}]", r.sub_type) } else { String::new() };
        let _ = writeln!(s, "  report  {who}, {when} ({}){what}: \"{}\"", r.doc, ellipsis(&r.evidence, 100));
    }
    for t in &i.figures {
        let _ = writeln!(s, "  {} {}: {}", measure(t), t.subject, range(t));
        for c in &t.claims {
            let by = match &c.outlet {
                Some(o) if *o != c.source => format!("{} (in {o})", c.source),
                _ => c.source.clone(),
            };
            let _ = writeln!(s, "    {by}: \"{}\"", ellipsis(&c.text, 80));
        }
    }
    s.push('\n');
    s
}

fn measure(t: &Tally) -> String {
    match serde_json::to_value(t.measure) {
        Ok(serde_json::Value::String(m)) => m,
        _ => String::new(),
    }
}

fn range(t: &Tally) -> String {
    let n = |v: Option<u64>| v.map_or("?".to_string(), |v| v.to_string());
    match (t.low, t.best, t.high) {
        (_, Some(b), _) if !t.disputed && t.low == t.high => b.to_string(),
        (l, _, h) if t.disputed => format!("{}–{}, sources disagree", n(l), n(h)),
        (l, _, h) => format!("{}–{}", n(l), n(h)),
    }
}

fn ellipsis(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max - 1).collect();
    format!("{cut}…")
}
