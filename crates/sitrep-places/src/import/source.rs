//! The files an import reads: plain `.txt` tables or `.zip` archives of
//! them, recognised by name and, failing that, by their columns; read one
//! line at a time.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::{BadLine, ImportError};

/// What a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A GeoNames dump: allCountries, a country (SY), cities500… (19 columns).
    Places,
    /// alternateNamesV2 (10 columns) or the older alternateNames (8).
    AlternateNames,
    /// admin1CodesASCII: code, name, ASCII name, geonameid.
    Admin1,
}

/// One table to read: a file, or an entry of a zip archive.
#[derive(Debug)]
pub(crate) struct Source {
    pub path: PathBuf,
    /// The entry's index when the file is a zip archive.
    pub entry: Option<usize>,
    /// How messages name it: `SY.txt`, or `SY.zip:SY.txt` for an entry.
    pub label: String,
    pub kind: Kind,
}

/// What a name says about a table.
enum ByName {
    Is(Kind),
    /// A GeoNames file that is no table of places or names (readme.txt,
    /// iso-languagecodes.txt, featureCodes_en.txt…).
    NotATable,
    Unknown,
}

fn by_name(name: &str) -> ByName {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    if base.starts_with("admin1codes") {
        return ByName::Is(Kind::Admin1);
    }
    if base.starts_with("alternatenames") {
        return ByName::Is(Kind::AlternateNames);
    }
    const OTHERS: &[&str] = &[
        "readme",
        "iso-languagecodes",
        "featurecodes",
        "timezones",
        "countryinfo",
        "admin2codes",
        "admincode5",
        "hierarchy",
        "shapes",
        "usertags",
        "adjacentcountries",
    ];
    if OTHERS.iter().any(|o| base.starts_with(o)) {
        return ByName::NotATable;
    }
    ByName::Unknown
}

/// Recognises a table by the columns of its first lines (per-country
/// alternate names come as `SY.zip` too, with 10 columns, not 19).
fn sniff(r: impl Read) -> Option<Kind> {
    let mut r = BufReader::new(r.take(1 << 20));
    let mut line = Vec::new();
    for _ in 0..20 {
        line.clear();
        if r.read_until(b'\n', &mut line).ok()? == 0 {
            break;
        }
        let l = line.strip_suffix(b"\n").unwrap_or(&line);
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        if l.is_empty() || l[0] == b'#' {
            continue;
        }
        let fields: Vec<&[u8]> = l.split(|&b| b == b'\t').collect();
        let numeric = |f: &[u8]| !f.is_empty() && f.iter().all(u8::is_ascii_digit);
        match fields.len() {
            19 if numeric(fields[0]) => return Some(Kind::Places),
            8 | 10 if numeric(fields[0]) && numeric(fields[1]) => return Some(Kind::AlternateNames),
            4 if fields[0].len() >= 4
                && fields[0][..2].iter().all(u8::is_ascii_uppercase)
                && fields[0][2] == b'.' =>
            {
                return Some(Kind::Admin1);
            }
            _ => {}
        }
    }
    None
}

fn is_zip(path: &Path) -> Result<bool, ImportError> {
    let mut magic = [0u8; 4];
    let mut f = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let n = f.read(&mut magic).map_err(|e| ImportError::io(path, e))?;
    Ok(n == 4 && &magic == b"PK\x03\x04")
}

fn open_zip(path: &Path) -> Result<zip::ZipArchive<File>, ImportError> {
    let f = File::open(path).map_err(|e| ImportError::io(path, e))?;
    zip::ZipArchive::new(f).map_err(|e| ImportError::Zip { path: path.to_path_buf(), source: e })
}

/// The tables in `path`; entries of an archive that are no table are
/// passed over with a note.
pub(crate) fn discover(path: &Path, notes: &mut Vec<String>) -> Result<Vec<Source>, ImportError> {
    let shown = path.display().to_string();
    if !is_zip(path)? {
        let kind = match by_name(&shown) {
            ByName::Is(k) => Some(k),
            ByName::NotATable => {
                notes.push(format!("{shown}: not a table of places or names; passed over"));
                return Ok(Vec::new());
            }
            ByName::Unknown => sniff(File::open(path).map_err(|e| ImportError::io(path, e))?),
        };
        let kind = kind.ok_or_else(|| ImportError::Unrecognized { path: path.to_path_buf() })?;
        return Ok(vec![Source { path: path.to_path_buf(), entry: None, label: shown, kind }]);
    }
    let mut z = open_zip(path)?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let e = z.by_index(i).map_err(|e| ImportError::Zip { path: path.to_path_buf(), source: e })?;
        if e.is_dir() {
            continue;
        }
        let name = e.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {i}"));
        let label = format!("{shown}:{name}");
        let kind = match by_name(&name) {
            ByName::Is(k) => Some(k),
            ByName::NotATable => None,
            ByName::Unknown => sniff(e),
        };
        match kind {
            Some(kind) => out.push(Source { path: path.to_path_buf(), entry: Some(i), label, kind }),
            None => notes.push(format!("{label}: not a table of places or names; passed over")),
        }
    }
    if out.is_empty() {
        return Err(ImportError::Unrecognized { path: path.to_path_buf() });
    }
    Ok(out)
}

/// Lines read from one table.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Lines {
    pub read: u64,
    pub bad: u64,
}

/// Calls `f` on every line of `src` (without its line break; empty lines and
/// `#` comments left out) with its number; a line that is not UTF-8, or that
/// `f` refuses, goes to `on_bad` with its file and number.
pub(crate) fn each_line(
    src: &Source,
    on_bad: &mut dyn FnMut(&BadLine),
    mut f: impl FnMut(&str) -> Result<(), String>,
) -> Result<Lines, ImportError> {
    match src.entry {
        None => {
            let file = File::open(&src.path).map_err(|e| ImportError::io(&src.path, e))?;
            read_lines(src, file, on_bad, &mut f)
        }
        Some(i) => {
            let mut z = open_zip(&src.path)?;
            let e = z.by_index(i).map_err(|e| ImportError::Zip { path: src.path.clone(), source: e })?;
            read_lines(src, e, on_bad, &mut f)
        }
    }
}

fn read_lines(
    src: &Source,
    r: impl Read,
    on_bad: &mut dyn FnMut(&BadLine),
    f: &mut dyn FnMut(&str) -> Result<(), String>,
) -> Result<Lines, ImportError> {
    // Large reads: allCountries is 1.5 GB of text, read once.
    let mut r = BufReader::with_capacity(1 << 20, r);
    let mut buf = Vec::with_capacity(1 << 12);
    let mut n = Lines::default();
    loop {
        buf.clear();
        let got = r.read_until(b'\n', &mut buf).map_err(|e| ImportError::Read {
            label: src.label.clone(),
            line: n.read + 1,
            source: e,
        })?;
        if got == 0 {
            break;
        }
        n.read += 1;
        let l = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        if l.is_empty() || l[0] == b'#' {
            continue;
        }
        let why = match std::str::from_utf8(l) {
            Ok(line) => f(line).err(),
            Err(_) => Some("not UTF-8 text".to_string()),
        };
        if let Some(why) = why {
            n.bad += 1;
            on_bad(&BadLine { file: src.label.clone(), line: n.read, why });
        }
    }
    Ok(n)
}
