//! Importing GeoNames dumps (download.geonames.org/export/dump) into a
//! gazetteer file that the place stage loads beside the embedded one: what
//! `sitrep gazetteer import` runs.
//!
//! Files, zipped as downloaded or unzipped, recognised by name and columns:
//!
//! - place tables (19 tab-separated columns): `allCountries`, one country
//!   (`SY`), `cities500`, `cities1000`…, `no-country`;
//! - alternate names (`alternateNamesV2`, 10 columns, or the older
//!   `alternateNames`, 8; also per country, `alternatenames/SY.zip`):
//!   merged into the places kept;
//! - `admin1CodesASCII.txt`: first-order division names.
//!
//! Files are streamed, one line at a time: only the places kept (after the
//! country, class and population filters) and their names are held. A line
//! that cannot be read is reported with its file and line number, counted
//! and skipped. The places are compiled with the same [`Builder`], skeleton
//! countries, alternate-name filter and frequent-word flags as the embedded
//! gazetteer, so the output reads the same way.
//!
//! ```
//! use sitrep_places::gazetteer::Gazetteer;
//! use sitrep_places::import::{Event, Options, import};
//!
//! let dir = std::env::temp_dir().join(format!("sitrep-import-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let dump = dir.join("SY.txt");
//! std::fs::write(&dump, "99000001\tHayy al Mashatil\tHayy al Mashatil\tMashatil,Al-Mashatil\t\
//!     36.2234\t37.1301\tP\tPPLX\tSY\t\t09\t\t\t\t0\t\t380\tAsia/Damascus\t2024-01-01\n").unwrap();
//! let mut bad = Vec::new();
//! let out = import(&[dump], &Options::default(), &mut |e| {
//!     if let Event::BadLine(b) = e {
//!         bad.push(b.to_string());
//!     }
//! })
//! .unwrap();
//! assert!(bad.is_empty());
//! assert_eq!(out.summary.places, 1);
//! let g = Gazetteer::from_vec(out.bytes).unwrap();
//! let e = g.lookup("mashatil").unwrap();
//! assert_eq!(g.candidates(e).next().unwrap().geonames_id, 99000001);
//! # std::fs::remove_dir_all(&dir).ok();
//! ```

mod source;
mod wordfreq;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::gazetteer::{
    self, Builder, Flagged, FrequentWords, PlaceRow, TRANSLITERATED, division_variants, flag_frequent_words,
    flags, keep_alternate,
};
use source::{Kind, Source};

/// Feature classes kept by default: every class where something can happen
/// — administrative areas (A), water (H: rivers, lakes, seas, wells), areas
/// (L: regions, parks, bases, oil fields), populated places (P), roads and
/// railways (R), spots and buildings (S: camps, airports, hospitals,
/// mosques, checkpoints, bridges), terrain (T: hills, mountains, valleys,
/// passes), vegetation (V: forests). Left out: U, undersea features.
pub const DEFAULT_FEATURE_CLASSES: &[char] = &['A', 'H', 'L', 'P', 'R', 'S', 'T', 'V'];

/// The GeoNames feature classes.
const FEATURE_CLASSES: &[char] = &['A', 'H', 'L', 'P', 'R', 'S', 'T', 'U', 'V'];

/// Alternate-name "languages" that are codes and links, not names.
const NOT_NAMES: &[&str] =
    &["link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "phon", "piny", "fr_1793"];

/// What to keep.
#[derive(Debug, Clone)]
pub struct Options {
    /// ISO 3166-1 alpha-2 codes of the countries to keep; empty keeps all.
    pub countries: Vec<String>,
    /// Keep places of at least this population (0 keeps all; most places
    /// that are not towns have no population and go with any other value).
    pub min_population: u64,
    /// GeoNames feature classes to keep (see [`DEFAULT_FEATURE_CLASSES`]).
    pub feature_classes: Vec<char>,
    /// Frequent words to flag names with, as in the embedded build. Without
    /// them, only names the embedded gazetteer flags are flagged.
    pub frequent_words: Option<FrequentWords>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            countries: Vec::new(),
            min_population: 0,
            feature_classes: DEFAULT_FEATURE_CLASSES.to_vec(),
            frequent_words: None,
        }
    }
}

impl Options {
    fn check(&self) -> Result<(), ImportError> {
        for c in &self.countries {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(ImportError::Country(c.clone()));
            }
        }
        for c in &self.feature_classes {
            if !FEATURE_CLASSES.contains(c) {
                return Err(ImportError::FeatureClass(*c));
            }
        }
        if self.feature_classes.is_empty() {
            return Err(ImportError::FeatureClass(' '));
        }
        Ok(())
    }
}

/// A line that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// The file (`SY.txt`, or `SY.zip:SY.txt` for an archive's entry).
    pub file: String,
    /// Its line number, from 1.
    pub line: u64,
    /// What is wrong with it.
    pub why: String,
}

impl fmt::Display for BadLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.why)
    }
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file cannot be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Reading failed part-way (a damaged archive, a disk error).
    #[error("{label}: reading stopped at line {line}: {source}; is the download complete?")]
    Read {
        /// The file or archive entry.
        label: String,
        /// The line being read.
        line: u64,
        /// The cause.
        source: std::io::Error,
    },
    /// A `.zip` that cannot be opened as an archive.
    #[error(
        "{} is not a readable zip archive ({source}); give the .zip as downloaded or the .txt inside it",
        path.display()
    )]
    Zip {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: zip::result::ZipError,
    },
    /// A file that holds no GeoNames table this import knows.
    #[error(
        "{}: not a GeoNames places dump (19 tab-separated columns: allCountries, SY, cities500…), \
         alternate-names file (alternateNamesV2) or admin1CodesASCII.txt",
        path.display()
    )]
    Unrecognized {
        /// The file.
        path: PathBuf,
    },
    /// Only names were given, no places to give them to.
    #[error(
        "no places dump among the files given; add one (allCountries.zip, SY.zip, cities500.zip…) \
         beside the alternate names or division codes"
    )]
    NoPlacesFile,
    /// Nothing passed the filters.
    #[error(
        "no place was kept ({read} place lines read); check --countries, --feature-classes and \
         --min-population"
    )]
    NothingKept {
        /// Place lines read.
        read: u64,
    },
    /// A country filter that is no ISO code.
    #[error("{0:?} is not a country code; give ISO 3166-1 alpha-2 codes in capitals, as SY,IQ")]
    Country(String),
    /// A feature class filter that GeoNames does not have.
    #[error("{0:?} is not a GeoNames feature class; the classes are A, H, L, P, R, S, T, U, V")]
    FeatureClass(char),
    /// The wordfreq wheel cannot be read.
    #[error("{} is not a readable wordfreq wheel ({why}); give wordfreq-3.1.1-py3-none-any.whl", path.display())]
    Wordfreq {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

impl ImportError {
    fn io(path: &Path, source: std::io::Error) -> ImportError {
        ImportError::Io { path: path.to_path_buf(), source }
    }
}

/// What an import reports as it goes.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// A table is about to be read: `file` as in [`BadLine::file`], `what`
    /// one of "places", "division names", "alternate names".
    Reading {
        /// The file or archive entry.
        file: &'a str,
        /// What it holds.
        what: &'static str,
    },
    /// A line was skipped.
    BadLine(&'a BadLine),
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Places in the gazetteer.
    pub places: usize,
    /// Distinct names (lookup keys) in the gazetteer.
    pub names: usize,
    /// Names merged from alternate-name files.
    pub alternate_names: usize,
    /// Lines skipped because they could not be read.
    pub skipped: u64,
    /// Well-formed place lines left out by the filters.
    pub filtered: u64,
    /// Places met again (in a second file) and not added twice.
    pub duplicates: u64,
    /// Lines read, all files together.
    pub lines: u64,
    /// Names flagged as frequent words.
    pub flagged: Flagged,
    /// Archive entries and files passed over (readme.txt…).
    pub notes: Vec<String>,
}

/// A compiled gazetteer and what went into it.
#[derive(Debug)]
pub struct Imported {
    /// The SRGZ0001 file, for [`Gazetteer::from_vec`](crate::gazetteer::Gazetteer::from_vec) or to
    /// write out.
    pub bytes: Vec<u8>,
    /// Counts.
    pub summary: Summary,
}

/// A place kept, until the names files are read.
struct Kept {
    id: u32,
    name: Box<str>,
    lat: f32,
    lon: f32,
    country: [u8; 2],
    /// Index in `State::admin1_codes` ("SY.09"); `u32::MAX` when none.
    admin1: u32,
    /// Index in `State::features`.
    feature: u16,
    population: u32,
    names: Vec<Box<str>>,
}

#[derive(Default)]
struct State {
    kept: Vec<Kept>,
    by_id: HashMap<u32, u32>,
    admin1_codes: Vec<Box<str>>,
    admin1_code_ix: HashMap<Box<str>, u32>,
    features: Vec<Box<str>>,
    feature_ix: HashMap<Box<str>, u16>,
    /// Reused for lookups, not to allocate once per line.
    scratch: String,
    /// admin1 code → name, from admin1CodesASCII.
    admin1_file: HashMap<Box<str>, Box<str>>,
    /// admin1 code → name of its ADM1 row in a dump.
    admin1_rows: HashMap<Box<str>, Box<str>>,
    summary: Summary,
    place_lines: u64,
}

impl State {
    fn admin1_code(&mut self, cc: &str, code: &str) -> u32 {
        if cc.is_empty() || code.is_empty() {
            return u32::MAX;
        }
        self.scratch.clear();
        self.scratch.push_str(cc);
        self.scratch.push('.');
        self.scratch.push_str(code);
        if let Some(&i) = self.admin1_code_ix.get(self.scratch.as_str()) {
            return i;
        }
        let key: Box<str> = self.scratch.as_str().into();
        let i = self.admin1_codes.len() as u32;
        self.admin1_codes.push(key.clone());
        self.admin1_code_ix.insert(key, i);
        i
    }

    fn feature(&mut self, code: &str) -> u16 {
        if let Some(&i) = self.feature_ix.get(code) {
            return i;
        }
        // GeoNames has about 680 feature codes; past 65,535 the code is lost.
        if self.features.len() >= usize::from(u16::MAX) && !code.is_empty() {
            return self.feature("");
        }
        let i = self.features.len() as u16;
        self.features.push(code.into());
        self.feature_ix.insert(code.into(), i);
        i
    }
}

/// Reads GeoNames files and compiles the places kept into a gazetteer.
/// Lines that cannot be read are reported to `on_event` (and counted); the
/// import goes on.
pub fn import(
    paths: &[PathBuf],
    opts: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Imported, ImportError> {
    opts.check()?;
    let mut st = State::default();
    let mut sources: Vec<Source> = Vec::new();
    for p in paths {
        sources.extend(source::discover(p, &mut st.summary.notes)?);
    }
    if !sources.iter().any(|s| s.kind == Kind::Places) {
        return Err(ImportError::NoPlacesFile);
    }
    // Places first, whatever the order given: names attach to places kept.
    for kind in [Kind::Places, Kind::Admin1, Kind::AlternateNames] {
        for src in sources.iter().filter(|s| s.kind == kind) {
            let what = match kind {
                Kind::Places => "places",
                Kind::Admin1 => "division names",
                Kind::AlternateNames => "alternate names",
            };
            on_event(Event::Reading { file: &src.label, what });
            let on_bad_line = &mut |b: &BadLine| on_event(Event::BadLine(b));
            let lines = match kind {
                Kind::Places => read_places(src, opts, &mut st, on_bad_line)?,
                Kind::Admin1 => read_admin1(src, &mut st, on_bad_line)?,
                Kind::AlternateNames => read_alternate_names(src, &mut st, on_bad_line)?,
            };
            st.summary.lines += lines.read;
            st.summary.skipped += lines.bad;
        }
    }
    if st.kept.is_empty() {
        return Err(ImportError::NothingKept { read: st.place_lines });
    }
    Ok(compile(st, opts))
}

/// The 19 columns of a GeoNames dump line.
struct PlaceLine<'a> {
    id: u32,
    name: &'a str,
    ascii: &'a str,
    alternates: &'a str,
    lat: f64,
    lon: f64,
    class: &'a str,
    code: &'a str,
    country: &'a str,
    admin1: &'a str,
    population: u64,
}

fn parse_place(line: &str) -> Result<PlaceLine<'_>, String> {
    let mut f = [""; 19];
    let mut n = 0;
    for field in line.split('\t') {
        if n < 19 {
            f[n] = field;
        }
        n += 1;
    }
    if n != 19 {
        return Err(format!("expected 19 tab-separated columns (a GeoNames dump line), found {n}"));
    }
    let id = f[0].parse::<u32>().map_err(|_| format!("geonameid {:?} is not a number", f[0]))?;
    let name = f[1].trim();
    if name.is_empty() {
        return Err("the name (column 2) is empty".into());
    }
    if name.len() > 1000 {
        return Err("the name (column 2) is over 1000 bytes".into());
    }
    let coord = |s: &str, what: &str, max: f64| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= max)
            .ok_or_else(|| format!("{what} {s:?} is not a number between -{max} and {max}"))
    };
    let lat = coord(f[4], "latitude", 90.0)?;
    let lon = coord(f[5], "longitude", 180.0)?;
    let country = f[8].trim();
    if !(country.is_empty() || country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(format!("country code {country:?} is not two capital letters"));
    }
    let population = match f[14].trim() {
        "" => 0,
        p => p.parse::<u64>().map_err(|_| format!("population {p:?} is not a whole number"))?,
    };
    Ok(PlaceLine {
        id,
        name,
        ascii: f[2].trim(),
        alternates: f[3],
        lat,
        lon,
        class: f[6].trim(),
        code: f[7].trim(),
        country,
        admin1: f[10].trim(),
        population,
    })
}

fn read_places(
    src: &Source,
    opts: &Options,
    st: &mut State,
    on_bad: &mut dyn FnMut(&BadLine),
) -> Result<source::Lines, ImportError> {
    let countries: HashSet<&str> = opts.countries.iter().map(String::as_str).collect();
    source::each_line(src, on_bad, |line| {
        let p = parse_place(line)?;
        st.place_lines += 1;
        // Division names from the dump itself, whatever the filters keep.
        if p.code == "ADM1" && !p.country.is_empty() && !p.admin1.is_empty() {
            st.admin1_rows
                .entry(format!("{}.{}", p.country, p.admin1).into())
                .or_insert_with(|| p.name.into());
        }
        let class_ok = p.class.len() == 1 && p.class.chars().all(|c| opts.feature_classes.contains(&c));
        let country_ok = countries.is_empty() || countries.contains(p.country);
        if !class_ok || !country_ok || p.population < opts.min_population {
            st.summary.filtered += 1;
            return Ok(());
        }
        if st.by_id.contains_key(&p.id) {
            st.summary.duplicates += 1;
            return Ok(());
        }
        let mut names: Vec<Box<str>> = Vec::new();
        let mut push = |n: &str| {
            let n = n.trim();
            if !n.is_empty() && n != p.name && keep_alternate(n) && !names.iter().any(|m| &**m == n) {
                names.push(n.into());
            }
        };
        push(p.ascii);
        p.alternates.split(',').for_each(&mut push);
        let cc = p.country.as_bytes();
        let kept = Kept {
            id: p.id,
            name: p.name.into(),
            lat: p.lat as f32,
            lon: p.lon as f32,
            country: if cc.len() == 2 { [cc[0], cc[1]] } else { *b"??" },
            admin1: st.admin1_code(p.country, p.admin1),
            feature: st.feature(if p.code.is_empty() { p.class } else { p.code }),
            population: p.population.min(u64::from(u32::MAX)) as u32,
            names,
        };
        st.by_id.insert(p.id, st.kept.len() as u32);
        st.kept.push(kept);
        Ok(())
    })
}

fn read_admin1(
    src: &Source,
    st: &mut State,
    on_bad: &mut dyn FnMut(&BadLine),
) -> Result<source::Lines, ImportError> {
    source::each_line(src, on_bad, |line| {
        let mut f = line.split('\t');
        let (code, name) = (f.next().unwrap_or("").trim(), f.next().unwrap_or("").trim());
        if !code.contains('.') || name.is_empty() {
            return Err("expected a division code (SY.09), a tab and a name".into());
        }
        st.admin1_file.insert(code.into(), name.into());
        Ok(())
    })
}

fn read_alternate_names(
    src: &Source,
    st: &mut State,
    on_bad: &mut dyn FnMut(&BadLine),
) -> Result<source::Lines, ImportError> {
    source::each_line(src, on_bad, |line| {
        let mut f = [""; 10];
        let mut n = 0;
        for field in line.split('\t') {
            if n < 10 {
                f[n] = field;
            }
            n += 1;
        }
        if n != 10 && n != 8 {
            return Err(format!(
                "expected 10 tab-separated columns (alternateNamesV2) or 8 (alternateNames), found {n}"
            ));
        }
        let id = f[1].parse::<u32>().map_err(|_| format!("geonameid {:?} is not a number", f[1]))?;
        let Some(&k) = st.by_id.get(&id) else { return Ok(()) };
        let (lang, name) = (f[2].trim(), f[3].trim());
        if NOT_NAMES.contains(&lang) || !keep_alternate(name) {
            return Ok(());
        }
        let place = &mut st.kept[k as usize];
        if &*place.name != name && !place.names.iter().any(|m| &**m == name) {
            place.names.push(name.into());
            st.summary.alternate_names += 1;
        }
        Ok(())
    })
}

/// First-order division names by code: admin1CodesASCII when given, else
/// the names the embedded gazetteer gives places of the division (so both
/// gazetteers name divisions alike), else the division's own row.
fn admin1_names(st: &State) -> Vec<Option<Box<str>>> {
    let mut names: Vec<Option<Box<str>>> = vec![None; st.admin1_codes.len()];
    let embedded = gazetteer::embedded().ok();
    let mut from_embedded: HashMap<u32, &str> = HashMap::new();
    if let Some(g) = &embedded {
        for i in 0..g.len() as u32 {
            let p = g.place(i);
            if p.geonames_id != 0 && !p.admin1.is_empty() && !p.feature.starts_with("PCL") {
                from_embedded.insert(p.geonames_id, p.admin1);
            }
        }
    }
    let mut by_id: Vec<&Kept> = st.kept.iter().filter(|k| k.admin1 != u32::MAX).collect();
    by_id.sort_by_key(|k| k.id);
    for k in by_id {
        let slot = &mut names[k.admin1 as usize];
        if slot.is_none()
            && let Some(n) = from_embedded.get(&k.id)
        {
            *slot = Some((*n).into());
        }
    }
    for (i, code) in st.admin1_codes.iter().enumerate() {
        if let Some(n) = st.admin1_file.get(code) {
            names[i] = Some(n.clone());
        } else if names[i].is_none() {
            names[i] = st.admin1_rows.get(code).cloned();
        }
    }
    names
}

fn compile(mut st: State, opts: &Options) -> Imported {
    let admin1 = admin1_names(&st);
    let mut kept = std::mem::take(&mut st.kept);
    st.by_id = HashMap::new();
    // In id order, so that the same inputs give the same file: sorted
    // backwards and taken from the end, giving memory back as it goes.
    kept.sort_unstable_by_key(|k| std::cmp::Reverse(k.id));
    let mut b = Builder::new();
    b.skeleton_countries(TRANSLITERATED);
    while let Some(k) = kept.pop() {
        if kept.len().is_multiple_of(1 << 20) {
            kept.shrink_to_fit();
        }
        let feature = st.features[usize::from(k.feature)].to_string();
        let mut names: Vec<Box<str>> = k.names;
        if feature.starts_with("ADM1") {
            names.extend(division_variants(&k.name).into_iter().map(String::into_boxed_str));
        }
        let admin1 = admin1.get(k.admin1 as usize).cloned().flatten().unwrap_or_default();
        b.add(
            PlaceRow {
                geonames_id: k.id,
                name: k.name.into(),
                lat: k.lat,
                lon: k.lon,
                country: if &k.country == b"??" {
                    String::new()
                } else {
                    String::from_utf8_lossy(&k.country).into_owned()
                },
                admin1: admin1.into(),
                feature,
                population: k.population,
            },
            names,
        );
    }
    let mut flagged = flag_like_embedded(&mut b);
    if let Some(words) = &opts.frequent_words {
        let f = flag_frequent_words(&mut b, words);
        flagged.common += f.common;
        flagged.very_common += f.very_common;
    }
    let mut summary = st.summary;
    summary.places = b.len();
    summary.names = b.key_count();
    summary.flagged = flagged;
    Imported { bytes: b.finish(), summary }
}

/// Names the embedded gazetteer flags as frequent words keep their flags
/// (the place stage reads a name as a word only if every gazetteer that
/// knows it says so).
fn flag_like_embedded(b: &mut Builder) -> Flagged {
    let Ok(g) = gazetteer::embedded() else { return Flagged::default() };
    let mut todo: Vec<(String, u8)> = Vec::new();
    for k in b.keys() {
        if let Some(e) = g.lookup(k) {
            let mut f = e.flags & flags::VERY_COMMON;
            if e.flags & flags::COMMON_WORD != 0 && !b.key_is_important(k) {
                f |= flags::COMMON_WORD;
            }
            if f != 0 {
                todo.push((k.to_string(), f));
            }
        }
    }
    let mut n = Flagged::default();
    for (k, f) in todo {
        n.common += usize::from(f & flags::COMMON_WORD != 0);
        n.very_common += usize::from(f & flags::VERY_COMMON != 0);
        b.flag_key(&k, f);
    }
    n
}

#[cfg(test)]
mod tests;
