//! Where the corpus database lives.

use std::path::PathBuf;

use anyhow::Context;

/// The database named on the command line, else `$SITREP_DB`, else
/// `sitrep.db` in the user's data directory (`~/.local/share/sitrep` on
/// Linux, `~/Library/Application Support/org.sitrep.sitrep` on macOS,
/// `%APPDATA%\sitrep\sitrep\data` on Windows).
pub(crate) fn path(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os("SITREP_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("org", "sitrep", "sitrep")
        .context("no home directory to keep the database in; give one with --db FILE")?;
    Ok(dirs.data_dir().join("sitrep.db"))
}
