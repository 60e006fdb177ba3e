//! The compiled gazetteer: a flat table of places and two fst maps (exact
//! keys and transliteration skeletons) to lists of candidate places. It is
//! read in place, with no parsing at start-up: opening one is O(1).
//!
//! Layout (little-endian):
//!
//! ```text
//! "SRGZ0001"
//! u32 places, then per place PLACE_SIZE bytes:
//!     geonames_id u32, lat f32, lon f32, population u32,
//!     name_off u32, name_len u16, country [u8; 2], admin1 u16, feature u16
//! u32 admin1 names, then (off u32, len u16) each
//! u32 feature codes, then (off u32, len u16) each
//! u32 strings length, then the strings (UTF-8)
//! u32 candidates, then u32 place indices
//! u64 length + fst map: exact key → entry
//! u64 length + fst map: skeleton → entry
//! ```
//!
//! An fst value packs a candidate list: offset (u32) | count (u16) << 32 |
//! flags (u8) << 48. Candidates are ordered by importance, most first.
//!
//! The feature index was a `u8` followed by a zero pad byte until imported
//! gazetteers needed more than 256 feature codes (GeoNames has about 680):
//! read as a `u16`, the files written before are read exactly as before, and
//! a file with at most 256 feature codes is byte for byte what it was.

use std::collections::HashMap;
use std::sync::Arc;

use super::keys::{place_key, skeleton};

const MAGIC: &[u8; 8] = b"SRGZ0001";
const PLACE_SIZE: usize = 28;

/// Flags on a name.
pub mod flags {
    /// The name is also a frequent French or English word and names no
    /// important place ("Of", "Secretary", "Une").
    pub const COMMON_WORD: u8 = 1;
    /// The name is a demonym ("syrien", "Russian"): a mention of a country.
    pub const DEMONYM: u8 = 2;
    /// An abbreviation with its periods ("Ky.", "B.C."), matched as written.
    pub const ABBREVIATION: u8 = 4;
    /// One of the most frequent words of French or English ("Sur", "Selon",
    /// "Paris" too): opening a sentence it is rarely a place.
    pub const VERY_COMMON: u8 = 8;
}

/// Why a gazetteer file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// Not a sitrep gazetteer, or a damaged one.
    #[error("not a sitrep gazetteer file (or a damaged one): {0}")]
    Format(String),
}

/// One place to put in a gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    /// GeoNames id; 0 for places from elsewhere.
    pub geonames_id: u32,
    /// Canonical name.
    pub name: String,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// First-order administrative unit's name ("" when unknown).
    pub admin1: String,
    /// GeoNames feature code (PPL, PPLC, ADM1, PCLI, CONT, …).
    pub feature: String,
    /// Population (0 when unknown).
    pub population: u32,
}

/// How much a place is worth among places of the same name: countries and
/// capitals first, then by kind and population.
pub fn importance(feature: &str, population: u32) -> u32 {
    let kind = match feature {
        "CONT" => 9,
        "PCLI" | "PCL" | "PCLD" | "PCLS" | "PCLF" | "PCLIX" | "TERR" => 8,
        "PPLC" => 7,
        "ADM1" => 6,
        "RGN" | "SEA" | "GULF" | "STRT" => 5,
        "PPLA" => 4,
        "ADM2" => 3,
        _ => 2,
    };
    kind * 100_000_000 + population.min(99_999_999)
}

/// Strings stored once and referred to by a `u16` index (admin1 names,
/// feature codes).
#[derive(Default)]
struct Interner {
    list: Vec<String>,
    ix: HashMap<String, u16>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u16 {
        if let Some(&i) = self.ix.get(s) {
            return i;
        }
        // Full: keep the last slot for "", the unknown name. (GeoNames has
        // about 4,000 first-order divisions and 680 feature codes.)
        if self.list.len() >= usize::from(u16::MAX) && !s.is_empty() {
            return self.intern("");
        }
        let i = self.list.len() as u16;
        self.list.push(s.to_string());
        self.ix.insert(s.to_string(), i);
        i
    }

    fn get(&self, i: u16) -> &str {
        &self.list[usize::from(i)]
    }
}

/// The places a name leads to, in the order added; most names lead to one
/// place, which needs no allocation.
#[derive(Default)]
struct Places {
    first: Option<u32>,
    more: Vec<u32>,
}

impl Places {
    /// Adds `idx` once. Places are added in index order, so a new index is
    /// larger than every one there: only out-of-order additions search.
    fn push(&mut self, idx: u32) {
        let Some(first) = self.first else {
            self.first = Some(idx);
            return;
        };
        let last = self.more.last().copied().unwrap_or(first);
        if idx > last || idx != first && idx < last && !self.more.contains(&idx) {
            self.more.push(idx);
        }
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.first.into_iter().chain(self.more.iter().copied())
    }
}

/// A place as the builder holds it: strings shared, so that a few million
/// places fit in memory.
struct Row {
    geonames_id: u32,
    name: Box<str>,
    lat: f32,
    lon: f32,
    country: [u8; 2],
    admin1: u16,
    feature: u16,
    population: u32,
}

/// Collects places and names, then writes the compiled file.
#[derive(Default)]
pub struct Builder {
    rows: Vec<Row>,
    admin1: Interner,
    features: Interner,
    /// key → (flags, places); sorted when written.
    exact: HashMap<String, (u8, Places)>,
    skeletons: HashMap<String, Places>,
    /// Only names of places in these countries get a skeleton (transliterated
    /// names); empty means every place.
    skeleton_countries: Vec<String>,
}

/// The longest name a place table can hold (its length is a `u16`).
const MAX_NAME_BYTES: usize = u16::MAX as usize;

impl Builder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Give skeleton keys only to places in these countries.
    pub fn skeleton_countries(&mut self, countries: &[&str]) {
        self.skeleton_countries = countries.iter().map(|c| c.to_string()).collect();
    }

    /// Adds a place under its own name and `names`; returns its index.
    pub fn add<S: AsRef<str>>(&mut self, row: PlaceRow, names: impl IntoIterator<Item = S>) -> u32 {
        let idx = self.rows.len() as u32;
        let with_skeleton =
            self.skeleton_countries.is_empty() || self.skeleton_countries.contains(&row.country);
        let mut name = row.name;
        if name.len() > MAX_NAME_BYTES {
            let mut end = MAX_NAME_BYTES;
            while !name.is_char_boundary(end) {
                end -= 1;
            }
            name.truncate(end);
        }
        let cc = row.country.as_bytes();
        self.rows.push(Row {
            geonames_id: row.geonames_id,
            name: name.into_boxed_str(),
            lat: row.lat,
            lon: row.lon,
            country: [cc.first().copied().unwrap_or(b'?'), cc.get(1).copied().unwrap_or(b'?')],
            admin1: self.admin1.intern(&row.admin1),
            feature: self.features.intern(&row.feature),
            population: row.population,
        });
        let own = self.rows[idx as usize].name.clone();
        for n in names.into_iter().map(|n| n.as_ref().to_string()).chain(std::iter::once(own.into())) {
            self.add_name(idx, &n, 0);
            if with_skeleton {
                let s = skeleton(&n);
                if s.chars().count() >= 3 {
                    self.skeletons.entry(s).or_default().push(idx);
                }
            }
        }
        idx
    }

    /// Adds one more name for place `idx`, with flags.
    pub fn add_name(&mut self, idx: u32, name: &str, flags: u8) {
        let key = if flags & flags::ABBREVIATION != 0 { sitrep_text::fold(name) } else { place_key(name) };
        if key.is_empty() {
            return;
        }
        let e = self.exact.entry(key).or_default();
        e.0 |= flags;
        e.1.push(idx);
    }

    /// Sets flags on an existing key (e.g. marks frequent words).
    pub fn flag_key(&mut self, key: &str, flags: u8) {
        if let Some(e) = self.exact.get_mut(key) {
            e.0 |= flags;
        }
    }

    /// Every exact key, for callers that flag them (in no particular order).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.exact.keys().map(String::as_str)
    }

    /// Number of exact keys (distinct names) so far.
    pub fn key_count(&self) -> usize {
        self.exact.len()
    }

    /// Does `key` name a country or a continent, or is it the own name (not
    /// an alternate: Topeka is also "Google") of a first-order division, a
    /// capital or a city of 100,000?
    pub fn key_is_important(&self, key: &str) -> bool {
        self.exact.get(key).is_some_and(|(_, list)| {
            list.iter().any(|i| {
                let r = &self.rows[i as usize];
                let feature = self.features.get(r.feature);
                let by_kind = feature.starts_with("PCL") || feature == "CONT";
                let by_size = matches!(feature, "ADM1" | "PPLC") || r.population >= 100_000;
                by_kind || by_size && place_key(&r.name) == key
            })
        })
    }

    /// Number of places so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No place yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the compiled gazetteer.
    pub fn finish(mut self) -> Vec<u8> {
        let rows = std::mem::take(&mut self.rows);
        let (admin1, features) = (&self.admin1.list, &self.features.list);
        let importances: Vec<u32> =
            rows.iter().map(|r| importance(&features[usize::from(r.feature)], r.population)).collect();
        let rank = |i: &u32| std::cmp::Reverse(importances[*i as usize]);
        let mut strings = String::new();
        let mut out = Vec::with_capacity(rows.len() * 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut table = Vec::with_capacity(rows.len() * PLACE_SIZE);
        for r in &rows {
            let name_off = strings.len() as u32;
            strings.push_str(&r.name);
            table.extend_from_slice(&r.geonames_id.to_le_bytes());
            table.extend_from_slice(&r.lat.to_le_bytes());
            table.extend_from_slice(&r.lon.to_le_bytes());
            table.extend_from_slice(&r.population.to_le_bytes());
            table.extend_from_slice(&name_off.to_le_bytes());
            table.extend_from_slice(&(r.name.len() as u16).to_le_bytes());
            table.extend_from_slice(&r.country);
            table.extend_from_slice(&r.admin1.to_le_bytes());
            table.extend_from_slice(&r.feature.to_le_bytes());
        }
        drop(rows);
        out.extend_from_slice(&table);
        drop(table);
        for list in [admin1, features] {
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for s in list {
                let off = strings.len() as u32;
                strings.push_str(s);
                out.extend_from_slice(&off.to_le_bytes());
                out.extend_from_slice(&(s.len() as u16).to_le_bytes());
            }
        }
        out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
        out.extend_from_slice(strings.as_bytes());

        let mut cands: Vec<u32> = Vec::new();
        let mut exact_map = fst::MapBuilder::memory();
        let mut skel_map = fst::MapBuilder::memory();
        let pack = |mut list: Vec<u32>, flags: u8, cands: &mut Vec<u32>| {
            list.sort_by_key(rank);
            list.truncate(u16::MAX as usize);
            let v = (cands.len() as u64) | ((list.len() as u64) << 32) | (u64::from(flags) << 48);
            cands.extend_from_slice(&list);
            v
        };
        // Sorted and unique keys: insert cannot fail.
        let mut exact: Vec<(String, (u8, Places))> = std::mem::take(&mut self.exact).into_iter().collect();
        exact.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (k, (fl, list)) in exact {
            let _ = exact_map.insert(k, pack(list.iter().collect(), fl, &mut cands));
        }
        let mut skeletons: Vec<(String, Places)> = std::mem::take(&mut self.skeletons).into_iter().collect();
        skeletons.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (k, list) in skeletons {
            let _ = skel_map.insert(k, pack(list.iter().collect(), 0, &mut cands));
        }
        out.extend_from_slice(&(cands.len() as u32).to_le_bytes());
        for c in &cands {
            out.extend_from_slice(&c.to_le_bytes());
        }
        for map in [exact_map, skel_map] {
            let bytes = map.into_inner().unwrap_or_default();
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        out
    }
}

/// Bytes a gazetteer lives in: compiled in, or read from a file.
#[derive(Clone)]
pub(crate) enum Bytes {
    Static(&'static [u8]),
    Owned(Arc<Vec<u8>>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Owned(v) => v,
        }
    }
}

/// A window on shared bytes, for the fst maps.
#[derive(Clone)]
pub(crate) struct Window {
    bytes: Bytes,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for Window {
    fn as_ref(&self) -> &[u8] {
        &self.bytes.as_ref()[self.start..self.end]
    }
}

/// The next opened gazetteer's id.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A compiled gazetteer, read in place.
#[derive(Clone)]
pub struct Gazetteer {
    bytes: Bytes,
    n_places: usize,
    places_at: usize,
    /// The first-order division names and feature codes, decoded once at
    /// open: every place read refers to one of each, and these few thousand
    /// short strings would otherwise be checked as UTF-8 on every read.
    admin1: Arc<[Box<str>]>,
    features: Arc<[Box<str>]>,
    strings_at: usize,
    /// The compiled-in gazetteer's strings, checked as UTF-8 once at open:
    /// a name is then read by slicing them, not checked again at every
    /// read (resolution reads thousands of candidates a second). A file's
    /// are checked at each read: keeping them as a string would copy them.
    static_strings: Option<&'static str>,
    cands_at: usize,
    exact: fst::Map<Window>,
    skeletons: fst::Map<Window>,
    /// Unique per opened gazetteer: keys what is remembered per thread
    /// ([`Gazetteer::after_word`] and the like).
    id: u64,
}

/// A place read from a gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GazPlace<'a> {
    /// Index in its gazetteer.
    pub index: u32,
    /// GeoNames id (0 when not from GeoNames).
    pub geonames_id: u32,
    /// Canonical name.
    pub name: &'a str,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Country code ("" when none, as for continents).
    pub country: &'a str,
    /// First-order administrative unit.
    pub admin1: &'a str,
    /// GeoNames feature code.
    pub feature: &'a str,
    /// Population.
    pub population: u32,
}

/// Candidates for a name, with its flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    offset: u32,
    /// How many places bear the name.
    pub count: u16,
    /// See [`flags`].
    pub flags: u8,
}

impl Entry {
    fn unpack(v: u64) -> Entry {
        Entry { offset: v as u32, count: (v >> 32) as u16, flags: (v >> 48) as u8 }
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], GazetteerError> {
        let s = self.b.get(self.at..self.at + n).ok_or_else(|| GazetteerError::Format("truncated".into()))?;
        self.at += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, GazetteerError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, GazetteerError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, GazetteerError> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
}

/// Every pair of capital letters, in order ("AAABAC…ZZ"): a country code
/// is read by slicing it, not checked as UTF-8 at every read.
static CODES: &str = {
    const BYTES: [u8; 2 * 26 * 26] = {
        let mut t = [0; 2 * 26 * 26];
        let mut i = 0;
        while i < 26 * 26 {
            t[2 * i] = b'A' + (i / 26) as u8;
            t[2 * i + 1] = b'A' + (i % 26) as u8;
            i += 1;
        }
        t
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("capital letters are UTF-8"),
    }
};

fn le_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Gazetteer {
    /// Opens compiled-in bytes.
    pub fn from_static(bytes: &'static [u8]) -> Result<Gazetteer, GazetteerError> {
        Self::open(Bytes::Static(bytes))
    }

    /// Opens bytes read from a file.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Gazetteer, GazetteerError> {
        Self::open(Bytes::Owned(Arc::new(bytes)))
    }

    fn open(bytes: Bytes) -> Result<Gazetteer, GazetteerError> {
        let b = bytes.as_ref();
        if b.len() < 8 || &b[..8] != MAGIC {
            return Err(GazetteerError::Format("no SRGZ0001 header".into()));
        }
        let mut c = Cursor { b, at: 8 };
        let n_places = c.u32()? as usize;
        let places_at = c.at;
        c.take(n_places * PLACE_SIZE)?;
        let mut tables = [Vec::new(), Vec::new()];
        for t in &mut tables {
            let n = c.u32()? as usize;
            for _ in 0..n {
                t.push((c.u32()?, c.u16()?));
            }
        }
        let n_strings = c.u32()? as usize;
        let strings_at = c.at;
        c.take(n_strings)?;
        let not_utf8 = |_| GazetteerError::Format("strings are not UTF-8".into());
        let static_strings = match &bytes {
            Bytes::Static(all) => {
                Some(std::str::from_utf8(&all[strings_at..strings_at + n_strings]).map_err(not_utf8)?)
            }
            Bytes::Owned(_) => None,
        };
        let strings = match static_strings {
            Some(s) => s,
            None => std::str::from_utf8(&b[strings_at..strings_at + n_strings]).map_err(not_utf8)?,
        };
        // A slice that would cut a character reads as "", as `string` does.
        let decode = |t: &[(u32, u16)]| -> Result<Arc<[Box<str>]>, GazetteerError> {
            t.iter()
                .map(|&(o, l)| {
                    let (o, end) = (o as usize, o as usize + l as usize);
                    if end > n_strings {
                        return Err(GazetteerError::Format("a reference points outside the file".into()));
                    }
                    Ok(strings.get(o..end).unwrap_or("").into())
                })
                .collect()
        };
        let (admin1, features) = (decode(&tables[0])?, decode(&tables[1])?);
        let n_cands = c.u32()? as usize;
        let cands_at = c.at;
        c.take(n_cands * 4)?;
        let mut maps = Vec::new();
        for _ in 0..2 {
            let len = c.u64()? as usize;
            let start = c.at;
            c.take(len)?;
            let w = Window { bytes: bytes.clone(), start, end: start + len };
            maps.push(fst::Map::new(w).map_err(|e| GazetteerError::Format(e.to_string()))?);
        }
        let skeletons = maps.pop().ok_or_else(|| GazetteerError::Format("no skeleton map".into()))?;
        let exact = maps.pop().ok_or_else(|| GazetteerError::Format("no name map".into()))?;
        let g = Gazetteer {
            bytes,
            n_places,
            places_at,
            admin1,
            features,
            strings_at,
            static_strings,
            cands_at,
            exact,
            skeletons,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        // Check every reference once, so reads never go out of bounds.
        let ok = (0..g.n_places).all(|i| {
            let at = g.places_at + i * PLACE_SIZE;
            let p = &g.bytes.as_ref()[at..at + PLACE_SIZE];
            let name_end = le_u32(p, 16) as usize + u16::from_le_bytes([p[20], p[21]]) as usize;
            let a1 = u16::from_le_bytes([p[24], p[25]]) as usize;
            let feature = u16::from_le_bytes([p[26], p[27]]) as usize;
            name_end <= n_strings && a1 < g.admin1.len() && feature < g.features.len()
        }) && (0..n_cands).all(|i| (le_u32(g.bytes.as_ref(), cands_at + 4 * i) as usize) < n_places);
        if !ok {
            return Err(GazetteerError::Format("a reference points outside the file".into()));
        }
        Ok(g)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.n_places
    }

    /// No places.
    pub fn is_empty(&self) -> bool {
        self.n_places == 0
    }

    fn string(&self, off: u32, len: u16) -> &str {
        if let Some(all) = self.static_strings {
            // (A slice that would cut a character reads as "", as below.)
            return all.get(off as usize..off as usize + len as usize).unwrap_or("");
        }
        let b = self.bytes.as_ref();
        let s = self.strings_at + off as usize;
        // Checked at open: in bounds and UTF-8 as a whole; a slice that would
        // cut a character cannot occur since offsets come from whole strings.
        std::str::from_utf8(&b[s..s + len as usize]).unwrap_or("")
    }

    /// Place number `i`.
    pub fn place(&self, i: u32) -> GazPlace<'_> {
        let b = self.bytes.as_ref();
        let at = self.places_at + i as usize * PLACE_SIZE;
        let p = &b[at..at + PLACE_SIZE];
        let f32_at = |k: usize| f32::from_le_bytes([p[k], p[k + 1], p[k + 2], p[k + 3]]);
        GazPlace {
            index: i,
            geonames_id: le_u32(p, 0),
            lat: f32_at(4),
            lon: f32_at(8),
            population: le_u32(p, 12),
            name: self.string(le_u32(p, 16), u16::from_le_bytes([p[20], p[21]])),
            country: match p[22..24] {
                [b'?', b'?'] => "",
                [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
                    let i = 2 * (usize::from(a - b'A') * 26 + usize::from(b - b'A'));
                    &CODES[i..i + 2]
                }
                _ => std::str::from_utf8(&p[22..24]).unwrap_or(""),
            },
            admin1: &self.admin1[u16::from_le_bytes([p[24], p[25]]) as usize],
            feature: &self.features[u16::from_le_bytes([p[26], p[27]]) as usize],
        }
    }

    /// The feature code of place number `i`.
    pub fn feature(&self, i: u32) -> &str {
        let at = self.places_at + i as usize * PLACE_SIZE + 26;
        let b = self.bytes.as_ref();
        &self.features[u16::from_le_bytes([b[at], b[at + 1]]) as usize]
    }

    /// The population of place number `i` (read alone: no strings decoded).
    pub fn population(&self, i: u32) -> u32 {
        le_u32(self.bytes.as_ref(), self.places_at + i as usize * PLACE_SIZE + 12)
    }

    /// The GeoNames id of place number `i` (0 when not from GeoNames).
    pub fn geonames_id(&self, i: u32) -> u32 {
        le_u32(self.bytes.as_ref(), self.places_at + i as usize * PLACE_SIZE)
    }

    /// The place indices of an entry's candidates, most important first.
    pub fn candidate_indices(&self, e: Entry) -> impl Iterator<Item = u32> + '_ {
        let b = self.bytes.as_ref();
        (0..e.count as usize).map(move |k| le_u32(b, self.cands_at + 4 * (e.offset as usize + k)))
    }

    /// The candidates of an entry, most important first.
    pub fn candidates(&self, e: Entry) -> impl Iterator<Item = GazPlace<'_>> + '_ {
        let b = self.bytes.as_ref();
        (0..e.count as usize).map(move |k| self.place(le_u32(b, self.cands_at + 4 * (e.offset as usize + k))))
    }

    /// The entry for an exact key (see [`place_key`]).
    pub fn lookup(&self, key: &str) -> Option<Entry> {
        self.exact.get(key).map(Entry::unpack)
    }

    /// [`Gazetteer::lookup`] through the states remembered per thread (see
    /// [`Gazetteer::after_word`]), for callers that look up the words of
    /// every text: the same words come back, and a remembered state costs
    /// a hash lookup where the automaton costs a walk.
    pub(crate) fn lookup_word(&self, word: &str) -> Option<Entry> {
        self.after_word(word)?.entry()
    }

    /// The entry for a skeleton (see [`skeleton`]).
    pub fn lookup_skeleton(&self, skel: &str) -> Option<Entry> {
        self.skeletons.get(skel).map(Entry::unpack)
    }

    /// The name automaton's state (node address, output so far) after
    /// `bytes` from `state`, or `None` when no name goes on so.
    fn walk(
        &self,
        state: (fst::raw::CompiledAddr, u64),
        bytes: &[u8],
    ) -> Option<(fst::raw::CompiledAddr, u64)> {
        let fst = self.exact.as_fst();
        let mut node = fst.node(state.0);
        let mut out = fst::raw::Output::new(state.1);
        for &b in bytes {
            let t = node.transition(node.find_input(b)?);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        Some((node.addr(), out.value()))
    }

    /// A walk's state with its node's final output, and whether a space
    /// leaves it, read once.
    fn settle(&self, (addr, out): (fst::raw::CompiledAddr, u64)) -> NameState {
        let node = self.exact.as_fst().node(addr);
        NameState {
            addr,
            out,
            end: node.is_final().then(|| node.final_output().value()),
            goes_on: node.find_input(b' ').is_some(),
        }
    }

    /// The name automaton's state after `word` from its start, or `None`
    /// when no name starts so. Recognition walks from every word of a text,
    /// and the same words (function words above all) start most walks: the
    /// states are remembered per thread.
    pub(crate) fn after_word(&self, word: &str) -> Option<NameState> {
        thread_local! {
            static SEEN: PerGazetteer<Option<NameState>> = PerGazetteer::default();
        }
        memory(&SEEN, self.id, 50_000).get_or(word, || {
            self.walk((self.exact.as_fst().root().addr(), 0), word.as_bytes()).map(|s| self.settle(s))
        })
    }

    /// The name automaton's state after a space and `word` from `state`
    /// (the next word of a name), or `None` when no name goes on so. The
    /// same pairs come back in every document ("al" then "Raqqa", "New"
    /// then "York"), so the steps are remembered per thread ([`Steps`]), by
    /// word and node: a step does not depend on the output so far, which
    /// only adds up along the way. `hash` is the word's
    /// (`sitrep_text::word_hash`), which the text has already made.
    /// (Asked after most words that go on a name, and nearly always
    /// remembered: the hit is inlined, the miss is not.)
    #[inline(always)]
    pub(crate) fn after_next_word(
        &self,
        steps: &Steps,
        state: NameState,
        word: &[u8],
        hash: u64,
    ) -> Option<NameState> {
        // One map for every gazetteer, node and word, keyed by a mix of the
        // three; each entry keeps what it is for, so a mix that collides is
        // only a miss.
        let key = (hash ^ (state.addr as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).rotate_left(17)
            ^ self.id.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        let remembered = match steps.0.borrow().get(&key) {
            // Same gazetteer and node: the key was the word's hash, so a
            // short word needs no compare (`sitrep_text::word_hash_is_exact`).
            Some((id, addr, w, step))
                if *id == self.id
                    && *addr == state.addr
                    && (sitrep_text::word_hash_is_exact(word.len()) || same_word(w, word)) =>
            {
                Some(*step)
            }
            _ => None,
        };
        let step = remembered.unwrap_or_else(|| self.step_after(steps, key, state.addr, word));
        step.map(|step| NameState { out: add(state.out, step.out), ..step })
    }

    /// The step of [`Self::after_next_word`] from node `addr`, taken and
    /// remembered under `key`.
    #[cold]
    #[inline(never)]
    fn step_after(
        &self,
        steps: &Steps,
        key: u64,
        addr: fst::raw::CompiledAddr,
        word: &[u8],
    ) -> Option<NameState> {
        const MAX_SEEN: usize = 50_000;
        let step = self.walk((addr, 0), b" ").and_then(|s| self.walk(s, word)).map(|s| self.settle(s));
        let mut seen = steps.0.borrow_mut();
        if seen.len() >= MAX_SEEN {
            seen.clear();
        }
        seen.insert(key, (self.id, addr, word.into(), step));
        step
    }
}

/// Whether two words are the same. Words are short: up to 16 bytes they are
/// compared as two overlapping 4- or 8-byte numbers, in place, where `==`
/// would call the C library's memcmp, which costs them more.
#[inline]
pub(crate) fn same_word(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u32_at = |s: &[u8], at: usize| s[at..at + 4].try_into().map(u32::from_le_bytes).ok();
    let u64_at = |s: &[u8], at: usize| s[at..at + 8].try_into().map(u64::from_le_bytes).ok();
    match n {
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=8 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        9..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

/// A step of the name automaton, remembered: the gazetteer's id, the node
/// it starts from, the word, and where it leads.
type Step = (u64, fst::raw::CompiledAddr, Box<[u8]>, Option<NameState>);

/// This thread's memory of the name automaton's steps (see
/// [`Gazetteer::after_next_word`]), shared by every gazetteer. Taken once
/// per document: a walk takes many steps, and reaching a thread's memory
/// costs more than some lookups.
pub(crate) struct Steps(std::rc::Rc<std::cell::RefCell<sitrep_text::ByHash<Step>>>);

impl Steps {
    /// This thread's memory.
    pub(crate) fn of_thread() -> Steps {
        thread_local! {
            static SEEN: std::rc::Rc<std::cell::RefCell<sitrep_text::ByHash<Step>>> = Default::default();
        }
        Steps(SEEN.with(std::rc::Rc::clone))
    }
}

/// A thread's memories of answers about words, one per gazetteer or place
/// stage (a word means other things in another), by its id.
pub(crate) type PerGazetteer<V> =
    std::cell::RefCell<foldhash::HashMap<u64, std::rc::Rc<sitrep_text::WordMemo<V>>>>;

/// The memory of gazetteer (or stage) `id` in `seen`, of at most `max` words.
pub(crate) fn memory<V: Clone>(
    seen: &'static std::thread::LocalKey<PerGazetteer<V>>,
    id: u64,
    max: usize,
) -> std::rc::Rc<sitrep_text::WordMemo<V>> {
    seen.with(|seen| {
        seen.borrow_mut().entry(id).or_insert_with(|| sitrep_text::WordMemo::new(max).into()).clone()
    })
}

/// Where a walk of the name automaton stands after some words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameState {
    /// The node reached.
    addr: fst::raw::CompiledAddr,
    /// The output gathered on the way.
    out: u64,
    /// The node's final output, when a name ends there.
    end: Option<u64>,
    /// Some name goes on from here with another word (a space follows).
    goes_on: bool,
}

impl NameState {
    /// Can another word follow? When none can, [`Gazetteer::after_next_word`]
    /// would say `None` whatever the word: it need not be asked.
    pub(crate) fn goes_on(&self) -> bool {
        self.goes_on
    }

    /// The entry of the name that ends here, if one does.
    pub(crate) fn entry(&self) -> Option<Entry> {
        self.end.map(|end| Entry::unpack(add(self.out, end)))
    }
}

/// Two fst outputs one after the other.
fn add(a: u64, b: u64) -> u64 {
    fst::raw::Output::new(a).cat(fst::raw::Output::new(b)).value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_read_from_the_table() {
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let i = 2 * (usize::from(a - b'A') * 26 + usize::from(b - b'A'));
                assert_eq!(&CODES.as_bytes()[i..i + 2], [a, b]);
                assert_eq!(CODES[i..i + 2].len(), 2);
            }
        }
    }

    fn row(name: &str, country: &str, feature: &str, pop: u32) -> PlaceRow {
        PlaceRow {
            geonames_id: 1,
            name: name.into(),
            lat: 36.2,
            lon: 37.16,
            country: country.into(),
            admin1: "Aleppo".into(),
            feature: feature.into(),
            population: pop,
        }
    }

    #[test]
    fn round_trip() {
        let mut b = Builder::new();
        let small = b.add(row("Aleppo", "US", "PPL", 300), vec!["Alep".to_string()]);
        let big = b.add(row("Aleppo", "SY", "PPL", 2_000_000), vec!["Alep", "Halab", "حلب"]);
        b.add_name(big, "Ky.", flags::ABBREVIATION);
        b.flag_key("alep", flags::COMMON_WORD);
        let g = Gazetteer::from_vec(b.finish()).expect("reads back");
        assert_eq!(g.len(), 2);
        let e = g.lookup("alep").expect("alep");
        assert_eq!(e.count, 2);
        assert_eq!(e.flags, flags::COMMON_WORD);
        let c: Vec<_> = g.candidates(e).collect();
        assert_eq!((c[0].index, c[0].country), (big, "SY"), "most important first");
        assert_eq!(c[1].index, small);
        assert_eq!(g.lookup("حلب").map(|e| e.count), Some(1));
        assert!(g.lookup("ky.").is_some_and(|e| e.flags & flags::ABBREVIATION != 0));
        assert!(g.lookup_skeleton(&skeleton("Halab")).is_some());
        assert_eq!(c[0].admin1, "Aleppo");
        assert_eq!(c[0].feature, "PPL");
    }

    #[test]
    fn damaged_files_are_refused() {
        assert!(Gazetteer::from_vec(b"nope".to_vec()).is_err());
        let mut b = Builder::new();
        b.add(row("Alep", "SY", "PPL", 1), Vec::<String>::new());
        let mut bytes = b.finish();
        bytes.truncate(bytes.len() - 3);
        assert!(Gazetteer::from_vec(bytes).is_err());
    }
}
