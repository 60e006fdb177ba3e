//! `sitrep gazetteer`: importing GeoNames dumps (the work is done by
//! `sitrep_places::import`), and where imported gazetteers live.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use sitrep_places::gazetteer::{FrequentWords, Gazetteer};
use sitrep_places::import::{self, Event, Options};

use crate::ImportArgs;

/// Overrides the directory of imported gazetteers.
pub(crate) const DIR_VAR: &str = "SITREP_GAZETTEER_DIR";

/// The directory `import` writes to and `extract` loads from:
/// `$SITREP_GAZETTEER_DIR`, else `<data dir>/sitrep/gazetteers`
/// (`~/.local/share/sitrep/gazetteers` on Linux).
pub(crate) fn dir() -> Option<PathBuf> {
    match std::env::var_os(DIR_VAR) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => dirs::data_dir().map(|d| d.join("sitrep").join("gazetteers")),
    }
}

/// The imported gazetteers (`*.srgz` in [`dir`]), in name order.
pub(crate) fn installed() -> Vec<PathBuf> {
    let Some(dir) = dir() else { return Vec::new() };
    let Ok(rd) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "srgz"))
        .collect();
    files.sort();
    files
}

/// `allCountries.zip --countries SY,IQ` → `allCountries-SY-IQ`.
fn default_name(args: &ImportArgs) -> String {
    let names_only = |p: &&PathBuf| {
        let n = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        n.starts_with("alternatenames") || n.starts_with("admin1codes")
    };
    let first = args.files.iter().find(|p| !names_only(p)).or(args.files.first());
    let mut name = first
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "geonames".into());
    for c in &args.countries {
        name.push('-');
        name.push_str(c);
    }
    name
}

pub(crate) fn run_import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let frequent_words = match &args.wordfreq {
        Some(w) => Some(FrequentWords::from_wordfreq_wheel(w)?),
        None => None,
    };
    let opts = Options {
        countries: args.countries.iter().map(|c| c.to_ascii_uppercase()).collect(),
        min_population: args.min_population,
        feature_classes: args.feature_classes.clone(),
        frequent_words,
    };
    let out_path = match &args.output {
        Some(p) => p.clone(),
        None => dir()
            .context("no data directory on this system; give the output file with -o")?
            .join(format!("{}.srgz", default_name(&args))),
    };
    let mut stderr = std::io::stderr().lock();
    let imported = import::import(&args.files, &opts, &mut |e| {
        // A closed or full stderr must not stop an import.
        let _ = match e {
            Event::Reading { file, what } => writeln!(stderr, "sitrep: reading {file} ({what})"),
            Event::BadLine(b) => writeln!(stderr, "sitrep: warning: {b}"),
        };
    })?;
    drop(stderr);
    let s = &imported.summary;
    for n in &s.notes {
        eprintln!("sitrep: note: {n}");
    }
    write_atomically(&out_path, &imported.bytes)?;
    eprintln!(
        "sitrep: imported {} places, {} names ({} from alternate-name files; {} flagged as frequent \
         words); skipped {} bad lines; {} lines left out by the filters, {} repeated places; \
         {:.1} MB → {}",
        s.places,
        s.names,
        s.alternate_names,
        s.flagged.common + s.flagged.very_common,
        s.skipped,
        s.filtered,
        s.duplicates,
        imported.bytes.len() as f64 / 1e6,
        out_path.display()
    );
    let in_dir = dir().is_some_and(|d| out_path.parent().is_some_and(|p| same_dir(p, &d)));
    if in_dir {
        eprintln!("sitrep: `sitrep extract` now loads it (pass --no-gazetteer-dir to leave it out)");
    } else {
        eprintln!("sitrep: use it with `sitrep extract --gazetteer {}`", out_path.display());
    }
    Ok(if s.skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes `path` whole or not at all: `extract` never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

pub(crate) fn run_list() -> anyhow::Result<ExitCode> {
    let Some(d) = dir() else {
        anyhow::bail!("no data directory on this system; set {DIR_VAR}");
    };
    let files = installed();
    if files.is_empty() {
        println!("No imported gazetteers in {}; import one with `sitrep gazetteer import`.", d.display());
        return Ok(ExitCode::SUCCESS);
    }
    println!("Imported gazetteers in {} (`sitrep extract` loads them all):", d.display());
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match std::fs::read(&f).map_err(|e| e.to_string()).and_then(|b| {
            let mb = b.len() as f64 / 1e6;
            Gazetteer::from_vec(b).map(|g| (g.len(), mb)).map_err(|e| e.to_string())
        }) {
            Ok((n, mb)) => println!("  {name}  {n} places, {mb:.1} MB"),
            Err(e) => println!("  {name}  unreadable: {e}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--gazetteer` files, then those imported into the gazetteer directory
/// (each once), unless `skip_dir`.
pub(crate) fn with_installed(explicit: &[PathBuf], skip_dir: bool) -> Vec<PathBuf> {
    let mut files = explicit.to_vec();
    if skip_dir {
        return files;
    }
    let found = crate::gazetteer::installed();
    if found.is_empty() {
        return files;
    }
    let names: Vec<String> =
        found.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    eprintln!(
        "sitrep: note: with the imported gazetteers {} (--no-gazetteer-dir leaves them out)",
        names.join(", ")
    );
    let same = |a: &std::path::Path, b: &std::path::Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    for f in found {
        if !files.iter().any(|g| same(g, &f)) {
            files.push(f);
        }
    }
    files
}
