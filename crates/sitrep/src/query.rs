//! `sitrep query`: read-only SQL over the store, for power users. The
//! schema is in `crates/sitrep-store/migrations/` and `docs/store.md`.

use std::io::{self, Write};
use std::process::ExitCode;

use rusqlite::types::ValueRef;
use sitrep_store::Store;

use crate::{QueryArgs, QueryFormat};

pub(crate) fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let db = crate::db::path(args.db.clone())?;
    let store = Store::open_read_only(&db)?;
    let conn = store.connection();
    let mut stmt = conn.prepare(&args.sql).map_err(|e| anyhow::anyhow!("cannot run the query: {e}"))?;
    if !stmt.readonly() {
        anyhow::bail!("`sitrep query` only reads: the statement would change the database");
    }
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query([]).map_err(|e| anyhow::anyhow!("cannot run the query: {e}"))?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result: anyhow::Result<()> = (|| {
        if args.format == QueryFormat::Tsv {
            writeln!(out, "{}", names.join("\t"))?;
        }
        while let Some(row) = rows.next()? {
            match args.format {
                QueryFormat::Tsv => {
                    let cells: Vec<String> =
                        (0..names.len()).map(|i| row.get_ref(i).map(tsv_cell).unwrap_or_default()).collect();
                    writeln!(out, "{}", cells.join("\t"))?;
                }
                QueryFormat::Jsonl => {
                    let mut obj = serde_json::Map::new();
                    for (i, name) in names.iter().enumerate() {
                        obj.insert(name.clone(), row.get_ref(i).map(json_cell).unwrap_or_default());
                    }
                    writeln!(out, "{}", serde_json::Value::Object(obj))?;
                }
            }
        }
        out.flush()?;
        Ok(())
    })();
    match result {
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => {}
        Err(e) => return Err(e),
        Ok(()) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// A cell for tab-separated output: tabs and newlines inside become spaces.
fn tsv_cell(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).replace(['\t', '\n', '\r'], " "),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

fn json_cell(v: ValueRef<'_>) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
    }
}
