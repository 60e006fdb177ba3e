//! Where the corpus database lives.

use std::path::PathBuf;

use anyhow::Context;

/// The database named on the command line, else `$SITREP_DB`, else
/// `<data dir>/sitrep/sitrep.db` (`~/.local/share/sitrep/sitrep.db` on
/// Linux), next to the imported gazetteers.
pub(crate) fn path(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os("SITREP_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let data =
        dirs::data_dir().context("no home directory to keep the database in; give one with --db FILE")?;
    Ok(data.join("sitrep").join("sitrep.db"))
}
