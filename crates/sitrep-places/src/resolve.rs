//! Choosing which place a name means, then grouping mentions into places.
//!
//! A candidate's score is its prior (countries and capitals over towns,
//! larger over smaller) plus what the document says: the countries and
//! first-order divisions it names, the cities it places itself in (a
//! neighbourhood near a city the text names wins), and the kind of place a
//! cue announces ("la province d'Idleb" is the governorate). A name found
//! only by its skeleton must be backed by the document.

use std::rc::Rc;

use foldhash::{HashMap, HashMapExt};
use sitrep_core::{Place, PlaceMention};

use crate::curated::CuratedPlace;
use crate::gazetteer::{GazPlace, place_key, place_key_cached};
use crate::recognize::{Mention, Sources};

/// A candidate place, from a gazetteer or the curated list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Ref {
    Gaz(u8, u32),
    Cur(u32),
    /// A place the gazetteers lack, known only to lie in a division or
    /// country ("Holliday, Mo."): that region's candidate, and the place's
    /// name as the n-th distinct name so placed.
    Within(u8, u32, u32),
}

/// What scoring needs to know of a candidate.
#[derive(Debug, Clone, Copy)]
struct Cand<'a> {
    r: Ref,
    name: &'a str,
    lat: f64,
    lon: f64,
    country: &'a str,
    admin1: &'a str,
    feature: &'a str,
    population: u32,
    geonames_id: u32,
    near: &'a str,
    /// The prior ([`classify`]), worked out once: plain-ness and preparing both ask it.
    prior: f64,
    /// What its feature code says, worked out once when it is read:
    /// scoring asks again and again, and each ask compared strings.
    class: Class,
}

/// A candidate's feature code, as the questions scoring asks of it.
#[derive(Debug, Clone, Copy, Default)]
struct Class {
    /// A country or territory ([`is_country`]).
    country: bool,
    /// A continent.
    cont: bool,
    /// A first-order division.
    adm1: bool,
    /// [`important`].
    important: bool,
    /// May other places lie near it: not a country, continent, region,
    /// sea, gulf, river or first-order division.
    anchor: bool,
}

/// A candidate's [`Class`] and prior (countries and capitals over towns,
/// larger over smaller), read from its feature code in
/// one match.
fn classify(c: &Cand) -> (Class, f64) {
    // Cities of 100,000 people are important whatever their code.
    let big = c.population >= 100_000;
    let (none, big_one) = (Class::default(), Class { important: big, anchor: true, ..Class::default() });
    match c.feature {
        "CONT" => (Class { cont: true, important: true, ..none }, 60.0),
        f if is_country(f) => (Class { country: true, important: true, ..none }, 58.0),
        "PPLC" => (Class { important: true, ..big_one }, 45.0),
        "RGN" | "SEA" | "GULF" | "STM" => (Class { important: true, ..none }, 40.0),
        "STRT" => (Class { important: true, ..big_one }, 40.0),
        "ADM1" => (Class { adm1: true, important: true, ..none }, 35.0),
        "ADM2" => (big_one, 15.0),
        _ if matches!(c.r, Ref::Cur(_)) => (big_one, 22.0),
        _ => (big_one, 8.0 + 4.0 * f64::from(c.population + 1).log10()),
    }
}

fn from_gaz(g: u8, p: GazPlace<'_>) -> Cand<'_> {
    with_prior(Cand {
        r: Ref::Gaz(g, p.index),
        name: p.name,
        lat: f64::from(p.lat),
        lon: f64::from(p.lon),
        country: p.country,
        admin1: p.admin1,
        feature: p.feature,
        population: p.population,
        geonames_id: p.geonames_id,
        near: "",
        prior: 0.0,
        class: Class::default(),
    })
}

fn from_cur(i: u32, p: &CuratedPlace) -> Cand<'_> {
    with_prior(Cand {
        r: Ref::Cur(i),
        name: &p.name,
        lat: p.lat,
        lon: p.lon,
        country: &p.country,
        admin1: &p.admin1,
        feature: &p.feature,
        population: 0,
        geonames_id: 0,
        near: &p.near,
        prior: 0.0,
        class: Class::default(),
    })
}

/// The candidate with its prior and [`Class`] filled in.
fn with_prior(c: Cand<'_>) -> Cand<'_> {
    let (class, prior) = classify(&c);
    Cand { prior, class, ..c }
}

/// Every mention's candidates in one list, each mention's a range of it (a
/// list per mention was an allocation each). A repeated name shares its
/// first mention's range; a mention whose candidates change is given a new
/// range at the end, so that the others do not change with it.
struct Cands<'a> {
    all: Vec<Cand<'a>>,
    of: Vec<std::ops::Range<usize>>,
}

impl<'a> Cands<'a> {
    /// Mention `j`'s candidates become those that `keep` keeps (it is given
    /// their place in the list and the candidate), in order.
    fn retain(&mut self, j: usize, mut keep: impl FnMut(usize, &Cand<'a>) -> bool) {
        let (from, old) = (self.all.len(), self.of[j].clone());
        for k in old.clone() {
            let c = self.all[k];
            if keep(k - old.start, &c) {
                self.all.push(c);
            }
        }
        self.of[j] = from..self.all.len();
    }

    /// Mention `j`'s candidates become `c` alone.
    fn set(&mut self, j: usize, c: Cand<'a>) {
        self.all.push(c);
        self.of[j] = self.all.len() - 1..self.all.len();
    }

    /// Each mention's candidates, in order.
    fn lists(&self) -> impl Iterator<Item = &[Cand<'a>]> {
        self.of.iter().map(|r| &self.all[r.clone()])
    }
}

impl<'a> std::ops::Index<usize> for Cands<'a> {
    type Output = [Cand<'a>];

    fn index(&self, j: usize) -> &[Cand<'a>] {
        &self.all[self.of[j].clone()]
    }
}

/// Are two points within `limit` km? Points further apart in latitude alone
/// are rejected before the haversine (a degree of latitude is 111.2 km),
/// and so are points further apart in longitude alone ([`far_in_longitude`]:
/// four in ten of those that pass the first test).
/// `cos_a` is the cosine of `a`'s latitude ([`cos_lat`]); `cos_b`, `b`'s,
/// is worked out here when first needed: a point is compared with many.
fn within_km(a: (f64, f64), cos_a: f64, b: (f64, f64), cos_b: &mut Option<f64>, limit: f64) -> bool {
    let near_in_latitude = (a.0 - b.0).abs() * (6371.0 * std::f64::consts::PI / 180.0) <= limit;
    if !near_in_latitude {
        return false;
    }
    let cos_b = *cos_b.get_or_insert_with(|| cos_lat(b));
    !far_in_longitude(a, cos_a, b, cos_b, limit) && km(a, cos_a, b, cos_b) <= limit
}

/// Is the haversine of two points sure to exceed `limit` km by their
/// longitudes alone? Its `h` is at least `cos_a * cos_b * sin²(x)`, `x` half
/// the difference in longitude, and `sin x >= x - x³/6` for `x` in
/// [0, π/2]; the distance is at most `limit` only when `h <=
/// sin²(limit / 2R) <= (limit / 2R)²`. A margin of a millionth leaves the
/// doubtful cases, and every rounding, to the haversine itself.
fn far_in_longitude(a: (f64, f64), cos_a: f64, b: (f64, f64), cos_b: f64, limit: f64) -> bool {
    let x = (a.1 - b.1).abs().to_radians() / 2.0;
    let sin_at_least = x - x * x * x / 6.0;
    let y = limit / (2.0 * 6371.0);
    x <= std::f64::consts::FRAC_PI_2 && cos_a * cos_b * sin_at_least * sin_at_least > y * y * (1.0 + 1e-6)
}

/// The cosine of a point's latitude, which the haversine asks.
fn cos_lat(p: (f64, f64)) -> f64 {
    p.0.to_radians().cos()
}

/// Kilometres between two points (haversine), given the cosines of their
/// latitudes.
fn km(a: (f64, f64), cos_a: f64, b: (f64, f64), cos_b: f64) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + cos_a * cos_b * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.min(1.0).sqrt().asin()
}

fn is_country(feature: &str) -> bool {
    feature.starts_with("PCL") || feature == "TERR"
}

/// UCDP's where_prec for a feature.
pub fn where_prec(feature: &str) -> u8 {
    match feature {
        f if is_country(f) => 6,
        "ADM1" => 4,
        "ADM2" => 3,
        "CONT" | "RGN" | "STM" => 5,
        "SEA" | "GULF" | "STRT" | "OCN" | "BAY" => 7,
        _ => 1,
    }
}

/// Does a cue's kind fit a candidate's feature?
fn kind_fits(kind: &str, feature: &str) -> bool {
    match kind {
        "ADM1" => feature == "ADM1",
        "ADM2" => feature == "ADM2",
        "PPL" => feature.starts_with("PPL") && feature != "PPLX",
        "PPLX" => feature == "PPLX",
        "CMP" | "CMPRF" => feature.starts_with("CMP"),
        "AIRB" | "AIRP" => matches!(feature, "AIRB" | "AIRP" | "AIRF" | "MILB"),
        "RD" => matches!(feature, "RD" | "RDJCT" | "RDA"),
        k => k == feature,
    }
}

/// A resolved place that others may lie near: its ref, canonical key,
/// point, and the cosine of its latitude (which every haversine to it asks).
type Anchor = (Ref, Rc<str>, (f64, f64), f64);

/// What the document says about where it is. Each country keeps the names
/// (keys) of the mentions that named it: a name does not make its own
/// country the report's (a plain "London" does not make itself British in
/// a report on Canada), only other names do. A division named like a city
/// still backs that city ("Aleppo" the city, in Aleppo governorate).
///
/// Its strings are the candidates' own, borrowed from the gazetteers and
/// the curated list: nothing is copied.
#[derive(Default)]
struct Context<'a> {
    /// The countries named, each with the key of a name that named it, one
    /// pair per country and key: a few per document, looked through rather
    /// than hashed.
    countries: Vec<(&'a str, Rc<str>)>,
    /// (country, admin1) of the first-order divisions named: a handful.
    admin1s: Vec<(&'a str, &'a str)>,
    /// Resolved places that others may lie near.
    anchors: Vec<Anchor>,
}

impl<'a> Context<'a> {
    /// Does a mention other than one of `key` name this country?
    #[inline]
    fn names_country(&self, country: &str, key: &str) -> bool {
        self.countries.iter().any(|(c, k)| same_code(c, country) && **k != *key)
    }

    /// Notes that the mention of key `key` names this country.
    fn name_country(&mut self, country: &'a str, key: &Rc<str>) {
        // (The same name is most often the same shared key.)
        if !self.countries.iter().any(|(c, k)| same_code(c, country) && (Rc::ptr_eq(k, key) || k == key)) {
            self.countries.push((country, key.clone()));
        }
    }

    /// Is this first-order division named in the document?
    #[inline]
    fn names_admin1(&self, country: &str, admin1: &str) -> bool {
        self.admin1s.iter().any(|(c, a)| same_code(c, country) && same_code(a, admin1))
    }
}

/// Whether two country or division codes are the same. Most are two
/// letters or digits (ISO, GeoNames), compared as such: `==` would call the
/// C library's memcmp, which costs more than the compare for two bytes.
#[inline]
fn same_code(a: &str, b: &str) -> bool {
    match (a.as_bytes(), b.as_bytes()) {
        ([a0, a1], [b0, b1]) => a0 == b0 && a1 == b1,
        (a, b) => a == b,
    }
}

/// The places of a text's mentions; `gaz` is the list of gazetteer
/// candidates their ranges point into (see [`crate::recognize::find`]).
pub(crate) fn resolve(
    text: &sitrep_text::Text,
    src: &Sources,
    mentions: &[Mention],
    gaz: &[(u8, u32)],
) -> Vec<Place> {
    // A repeated name shares its first mention's candidates, not read from
    // the gazetteer again.
    let mut read: Vec<usize> = Vec::with_capacity(mentions.len());
    let room = gaz.len() + mentions.iter().map(|m| m.curated.len()).sum::<usize>();
    let mut cands = Cands { all: Vec::with_capacity(room), of: Vec::with_capacity(mentions.len()) };
    for (j, m) in mentions.iter().enumerate() {
        let same = |i: &usize| {
            let e = &mentions[*i];
            // (The lengths first: most names differ in them.)
            e.gaz.len() == m.gaz.len()
                && e.demonym == m.demonym
                && gaz[e.gaz.clone()] == gaz[m.gaz.clone()]
                && e.curated == m.curated
        };
        if let Some(i) = read.iter().find(|i| same(i)) {
            cands.of.push(cands.of[*i].clone());
            continue;
        }
        read.push(j);
        let from = cands.all.len();
        cands.all.extend(gaz[m.gaz.clone()].iter().map(|&(g, i)| from_gaz(g, src.gaz[g as usize].place(i))));
        cands.all.extend(m.curated.iter().map(|&i| from_cur(i, &src.curated.places[i as usize])));
        if m.demonym {
            // A demonym names a country or a continent (of this mention's
            // candidates, the last ones).
            let mut at = 0;
            cands.all.retain(|c| {
                at += 1;
                at <= from || c.class.country || c.class.cont
            });
        }
        cands.of.push(from..cands.all.len());
    }
    let paired = pair_with_region(text, mentions, &mut cands);
    // A country's name means the country, not a town named after it
    // ("Lebanon", not Lebanon, Pennsylvania), unless the text places it
    // ("Lebanon, Pa.", handled above).
    for (j, m) in mentions.iter().enumerate() {
        if !paired[j] && !m.demonym && cands[j].iter().any(|c| c.class.country) {
            cands.retain(j, |_, c| !c.feature.starts_with("PPL") && c.feature != "ADM2");
        }
    }

    // First pass: the countries and divisions the document names outright
    // (by name or demonym), and the places that are plain without context
    // (one candidate, or one far more important than the others).
    // (A few countries: room for them at once.)
    let mut cx = Context { countries: Vec::with_capacity(8), ..Context::default() };
    // (Most were worked out by recognition; the same names come back in
    // every document: their keys are remembered.)
    let keys: Vec<Rc<str>> = mentions
        .iter()
        .map(|m| m.key.clone().unwrap_or_else(|| place_key_cached(text.tokens_raw(m.first, m.last))))
        .collect();
    // An organisation's seat ("London-based") says nothing of where the
    // report is.
    for ((m, cs), k) in mentions.iter().zip(cands.lists()).zip(&keys) {
        if m.fuzzy || m.seat {
            continue;
        }
        if let Some(c) = cs.first() {
            if c.class.country {
                cx.name_country(c.country, k);
            }
            if c.class.adm1 && !cx.names_admin1(c.country, c.admin1) {
                cx.admin1s.push((c.country, c.admin1));
            }
        }
    }
    // (Picking asks too, every round.)
    let plain_cands: Vec<bool> = cands.lists().map(is_plain).collect();
    let plain: Vec<bool> =
        mentions.iter().zip(&plain_cands).map(|(m, &p)| !m.fuzzy && !m.seat && p).collect();
    for ((cs, _), k) in cands.lists().zip(&plain).zip(&keys).filter(|((_, p), _)| **p) {
        // A capital counts by its people too: Montserrat's empty Plymouth
        // says nothing of where a report is.
        let important = |c: &&Cand| c.population >= 100_000 || c.class.adm1;
        if let Some(c) = cs.first().filter(|c| !c.country.is_empty() && important(c)) {
            cx.name_country(c.country, k);
        }
    }
    // A document repeats names, mostly read alike each time: a mention
    // with an earlier one's key, candidates, pairing and the flags that
    // preparing and picking read is prepared and picked as that one was.
    let alike = |i: usize, j: usize| {
        let (a, b) = (&mentions[i], &mentions[j]);
        keys[i] == keys[j]
            && paired[i] == paired[j]
            && (a.fuzzy, a.locative, a.common, a.generic) == (b.fuzzy, b.locative, b.common, b.generic)
            && a.kind == b.kind
            && (cands.of[i] == cands.of[j]
                || cands[i].len() == cands[j].len()
                    && cands[i].iter().zip(&cands[j]).all(|(x, y)| x.r == y.r))
    };
    let mut firsts: Vec<usize> = Vec::with_capacity(mentions.len());
    let same_as: Vec<Option<usize>> = (0..mentions.len())
        .map(|j| {
            let i = firsts.iter().copied().find(|&i| alike(i, j));
            if i.is_none() {
                firsts.push(j);
            }
            i
        })
        .collect();
    // What picking knows before the anchors, once for every round (and
    // once for mentions read alike): one list for all, each mention's a
    // range of it.
    let mut prepared: Vec<Prepared> = Vec::with_capacity(cands.lists().map(<[Cand]>::len).sum());
    let prepared_at: Vec<std::ops::Range<usize>> = (0..mentions.len())
        .map(|j| {
            let from = prepared.len();
            if same_as[j].is_none() {
                prepare(&mentions[j], &keys[j], &cands[j], &cx, paired[j], &mut prepared);
            }
            from..prepared.len()
        })
        .collect();
    // "la province d'Idleb": a mention a cue calls a division means the
    // governorate that bears the name of the city it picks. Worked out for
    // each candidate such a mention may pick, once, not in every round.
    let governorates: Vec<(usize, usize, Cand)> = (0..mentions.len())
        .filter(|&j| same_as[j].is_none() && mentions[j].kind.as_deref() == Some("ADM1"))
        .flat_map(|j| cands[j].iter().enumerate().map(move |(i, c)| (j, i, c)))
        .filter(|(_, _, c)| !c.class.adm1)
        .filter_map(|(j, i, c)| Some((j, i, governorate(c, src)?)))
        .collect();
    // (The picks borrow the candidates: nothing is copied.)
    let pick_all = |cx: &Context| {
        let mut chosen: Vec<Option<&Cand>> = Vec::with_capacity(mentions.len());
        for j in 0..mentions.len() {
            let c = match same_as[j] {
                Some(i) => chosen[i],
                None => {
                    let (cs, prepared) = (&cands[j], &prepared[prepared_at[j].clone()]);
                    pick(&mentions[j], cs, plain_cands[j], prepared, cx)
                        .map(|i| governorates.iter().find(|g| g.0 == j && g.1 == i).map_or(&cs[i], |g| &g.2))
                }
            };
            chosen.push(c);
        }
        chosen
    };
    let mut chosen = pick_all(&cx);
    // Then again with the places chosen as anchors: neighbourhoods find
    // their city, towns their region. Picking depends on nothing else that
    // changes: when the anchors are those of the last round (none, often),
    // it would choose the same places again.
    for _ in 0..2 {
        // (Their keys are worked out once the list is known to differ.)
        let mut anchors: Vec<(Ref, &str, (f64, f64))> = Vec::with_capacity(mentions.len());
        for (m, c) in mentions.iter().zip(&chosen) {
            let Some(c) = c.filter(|_| !m.seat) else { continue };
            // A place named again is the same anchor: picking only asks
            // whether any anchor is near, and each is one haversine more.
            if c.class.anchor && !anchors.iter().any(|(r, _, _)| *r == c.r) {
                anchors.push((c.r, c.name, (c.lat, c.lon)));
            }
        }
        // (A place is its ref: the lists are the same when their refs are.)
        if anchors.len() == cx.anchors.len() && anchors.iter().zip(&cx.anchors).all(|(a, b)| a.0 == b.0) {
            break;
        }
        let keyed = anchors
            .into_iter()
            .map(|(r, name, point)| {
                let known = cx.anchors.iter().find(|a| a.0 == r).map(|a| a.1.clone());
                (r, known.unwrap_or_else(|| place_key_cached(name)), point, cos_lat(point))
            })
            .collect();
        cx.anchors = keyed;
        chosen = pick_all(&cx);
    }

    // Group mentions by place, in order of first mention.
    let mut places: Vec<Place> = Vec::with_capacity(mentions.len());
    // (A document names a few places, a handful of times each: looked
    // through, not hashed.)
    let mut by_ref: Vec<(Ref, usize)> = Vec::with_capacity(mentions.len());
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (m, c) in mentions.iter().zip(chosen) {
        let (s, e) = text.char_span(m.first, m.last);
        let mention = PlaceMention {
            start: s,
            end: e,
            text: text.tokens_raw(m.first, m.last).to_string(),
            demonym: m.demonym,
            seat: m.seat,
        };
        match c {
            Some(c) => {
                let within = matches!(c.r, Ref::Within(..));
                let known = by_ref.iter().find(|(r, _)| *r == c.r).map(|&(_, ix)| ix);
                let ix = known.unwrap_or_else(|| {
                    by_ref.push((c.r, places.len()));
                    places.push(Place {
                        id: String::new(),
                        name: if within { mention.text.clone() } else { c.name.to_string() },
                        geonames_id: (c.geonames_id > 0).then_some(u64::from(c.geonames_id)),
                        lat: Some((c.lat * 1e5).round() / 1e5),
                        lon: Some((c.lon * 1e5).round() / 1e5),
                        country: (!c.country.is_empty()).then(|| c.country.to_string()),
                        admin1: (!c.admin1.is_empty()).then(|| c.admin1.to_string()),
                        feature: (!within).then(|| c.feature.to_string()),
                        where_prec: Some(where_prec(c.feature)),
                        // (The room a first push would make, without its slow path.)
                        mentions: Vec::with_capacity(4),
                    });
                    places.len() - 1
                });
                places[ix].mentions.push(mention);
            }
            None if m.gaz.is_empty() && m.curated.is_empty() => {
                // Unknown: listed without coordinates, one entry per spelling skeleton.
                let key = crate::gazetteer::skeleton(&mention.text);
                let ix = *by_name.entry(key).or_insert_with(|| {
                    places.push(Place {
                        id: String::new(),
                        name: mention.text.clone(),
                        geonames_id: None,
                        lat: None,
                        lon: None,
                        country: None,
                        admin1: None,
                        feature: m.kind.clone(),
                        where_prec: None,
                        // (The room a first push would make, without its slow path.)
                        mentions: Vec::with_capacity(4),
                    });
                    places.len() - 1
                });
                places[ix].mentions.push(mention);
            }
            None => {} // a fuzzy match the document does not back: not a place
        }
    }
    for (k, p) in places.iter_mut().enumerate() {
        p.id = sitrep_core::item_id('p', k + 1);
    }
    places
}

/// "Paris, Texas", "Kayseri, Turkey": a place, a comma, then the
/// first-order division or the country it lies in. When some reading of
/// the pair fits (the place inside that division or country), only such
/// readings remain, and the place needs no other backing. When none does
/// and the place is a minor one ("Holliday, Mo.", a village cities500
/// lacks), it is placed in the region, at the region's precision. A list
/// of cities that are also divisions ("Homs, Hama, Idlib") is no such
/// pair.
fn pair_with_region(text: &sitrep_text::Text, mentions: &[Mention], cands: &mut Cands) -> Vec<bool> {
    let mut paired = vec![false; mentions.len()];
    let region = |y: &Cand| y.class.country || y.class.adm1;
    let fits = |x: &Cand, y: &Cand| {
        x.r != y.r
            && !x.country.is_empty()
            && x.country == y.country
            && !x.class.country
            && (y.class.country || (y.class.adm1 && !x.class.adm1 && x.admin1 == y.admin1))
    };
    let city = |c: &Cand| c.feature.starts_with("PPL") && (c.population >= 100_000 || c.feature == "PPLC");
    let minor = |c: &Cand| c.feature.starts_with("PPL") && c.feature != "PPLC" && c.population < 100_000;
    let key = |m: &Mention| place_key(text.tokens_raw(m.first, m.last));
    let mut within_names: Vec<String> = Vec::new();
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        if a.demonym || b.demonym || a.fuzzy || b.first != a.last + 1 || text.token_str(a.last) != "," {
            continue;
        }
        let (xs, ys) = (&cands[i - 1], &cands[i]);
        let keep_x: Vec<bool> = xs.iter().map(|x| ys.iter().any(|y| fits(x, y))).collect();
        if !keep_x.contains(&true) {
            // Placed in a region by the text, unknown to the gazetteers.
            let Some(y) = ys.iter().find(|y| region(y) && matches!(y.r, Ref::Gaz(..))) else { continue };
            if xs.is_empty() || !xs.iter().all(minor) || paired[i - 1] {
                continue;
            }
            let k = key(a);
            let n = within_names.iter().position(|w| *w == k).unwrap_or_else(|| {
                within_names.push(k);
                within_names.len() - 1
            });
            let Ref::Gaz(g, ix) = y.r else { continue };
            let mut w = *y;
            w.r = Ref::Within(g, ix, n as u32);
            w.geonames_id = 0;
            let y = *y;
            cands.set(i - 1, w);
            cands.set(i, y);
            paired[i - 1] = true;
            paired[i] = true;
            continue;
        }
        let list_of_cities =
            xs.iter().any(|x| city(x) && ys.iter().any(|y| city(y) && y.country == x.country));
        if list_of_cities {
            continue;
        }
        let keep_y: Vec<bool> = ys.iter().map(|y| xs.iter().any(|x| fits(x, y))).collect();
        cands.retain(i - 1, |k, _| keep_x[k]);
        cands.retain(i, |k, _| keep_y[k]);
        paired[i - 1] = true;
        paired[i] = true;
    }
    paired
}

/// One candidate, or a first one far more important than the next.
fn is_plain(cs: &[Cand]) -> bool {
    match cs {
        [] => false,
        [_] => true,
        [a, b, ..] => a.prior >= b.prior + 12.0,
    }
}

/// Is a candidate worth believing without the document's support? Countries,
/// divisions, capitals, regions and cities of 100,000 people are; a village
/// abroad that happens to share a name with a word of the text is not,
/// unless a locative cue ("à", "in") introduces it.
fn stands_alone(m: &Mention, c: &Cand) -> bool {
    important(c) || (m.locative && !m.common && !m.fuzzy)
}

/// Countries, divisions, capitals, regions and cities of 100,000 people
/// (worked out when the candidate is read: [`Class`]).
fn important(c: &Cand) -> bool {
    c.class.important
}

/// Whether `name`'s place key is `key` (a key: folded, lowercase). Most
/// gazetteer names are ASCII, compared with the key as their key is read
/// ([`ascii_key_is`]); the keys of the rest are remembered.
fn key_is(name: &str, key: &str) -> bool {
    // Most names are one word of ASCII letters, whose key is the name in
    // lower case: compared as it is read, without a first pass to ask
    // whether it is ASCII.
    let (n, k) = (name.as_bytes(), key.as_bytes());
    let (mut i, common) = (0, n.len().min(k.len()));
    while i < common && KEY_BYTE[n[i] as usize] != 0 && KEY_BYTE[n[i] as usize] == k[i] {
        i += 1;
    }
    if i == n.len() {
        return k.len() == n.len();
    }
    if KEY_BYTE[n[i] as usize] != 0 {
        // A letter or digit the key lacks: an ASCII name's key starts with
        // its first word in lower case.
        return if n[i..].is_ascii() { false } else { *place_key_cached(name) == *key };
    }
    if name.is_ascii() {
        ascii_key_is(name.as_bytes(), key.as_bytes())
    } else {
        *place_key_cached(name) == *key
    }
}

/// Each byte as it is in a key when it is an ASCII letter or digit (lower
/// case), 0 when it is not.
static KEY_BYTE: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Whether the key of an ASCII name ([`place_key`]) is `key`: its runs of letters and
/// digits, lower-cased, one space apart, compared as they are read, so that
/// most names stop at their first letters.
fn ascii_key_is(name: &[u8], key: &[u8]) -> bool {
    let mut k = 0;
    // A word was read, and something else than a letter or digit after it.
    let (mut in_key, mut gap) = (false, false);
    for &b in name {
        if !b.is_ascii_alphanumeric() {
            gap = in_key;
            continue;
        }
        if gap {
            if key.get(k) != Some(&b' ') {
                return false;
            }
            k += 1;
            gap = false;
        }
        if key.get(k) != Some(&b.to_ascii_lowercase()) {
            return false;
        }
        k += 1;
        in_key = true;
    }
    k == key.len()
}

/// A candidate still in the running before the anchors are known: its
/// index, its score so far, and whether the document already backs or
/// places it. What `pick` adds each round depends on the anchors alone.
#[derive(Debug, Clone, Copy)]
struct Prepared {
    i: usize,
    s: f64,
    backed: bool,
    placed: bool,
    /// The kind a cue announces fits (its points come after the anchors',
    /// as they always have: the sum is the same to the last bit).
    kind: bool,
}

/// The part of picking that does not change between rounds (see [`pick`]),
/// added to `out`. `key` is the mention's own name: a country it names
/// itself does not back it.
fn prepare(m: &Mention, key: &str, cs: &[Cand], cx: &Context, paired: bool, out: &mut Vec<Prepared>) {
    // A name far more important in one reading ("Paris") keeps it against a
    // minor namesake that only lies in a country the report names (a
    // Russian village "Paris" in a report on Russia); a namesake placed more
    // closely (in a division the report names, near a place it names, by a
    // cue) or itself important (London, Ontario) may still win.
    //
    // A minor place known by this name only as an alternate (Piqua, Ohio,
    // once "Washington") does not take the name from an important place
    // whose own name it is and whose country the report names, unless the
    // text pairs it with its region, a cue announces its kind, or it is the
    // town a division of that name is named after (Dar'a, "Daraa", in
    // Daraa governorate).
    let own_name = |c: &Cand| key_is(c.name, key);
    // (Only asked when the text neither pairs the name with its region nor
    // announces its kind.)
    let rivals: Vec<&Cand> = if paired || m.kind.is_some() {
        Vec::new()
    } else {
        cs.iter().filter(|r| important(r) && own_name(r) && cx.names_country(r.country, key)).collect()
    };
    let inside = |c: &Cand, r: &Cand| r.class.adm1 && r.country == c.country && r.admin1 == c.admin1;
    for (i, c) in cs.iter().enumerate() {
        if !paired
            && m.kind.is_none()
            && !rivals.is_empty()
            && !important(c)
            && !own_name(c)
            && rivals.iter().any(|r| !inside(c, r))
        {
            continue;
        }
        // (Asked once: the names are looked through, and compared.)
        let names_country = cx.names_country(c.country, key);
        // "Central", "Lakes": only a division of a country the report names.
        if m.generic && !names_country {
            continue;
        }
        let mut backed = paired;
        let mut placed = paired || i == 0 || important(c);
        let mut s = c.prior;
        if !c.country.is_empty() && names_country {
            s += 30.0;
            backed = true;
        }
        if !c.class.adm1 && cx.names_admin1(c.country, c.admin1) {
            s += 12.0;
            backed = true;
            placed = true;
        }
        let kind = m.kind.as_ref().is_some_and(|k| kind_fits(k, c.feature));
        out.push(Prepared { i, s, backed, placed, kind });
    }
}

/// The best candidate of a mention in a context (its index in `cs`); `None`
/// when nothing in the document backs a fuzzy match or a minor place.
/// `plain` is [`is_plain`] of the candidates, `prepared` what [`prepare`]
/// made of them.
fn pick(m: &Mention, cs: &[Cand], plain: bool, prepared: &[Prepared], cx: &Context) -> Option<usize> {
    if cs.is_empty() {
        return None;
    }
    let mut best: Option<(f64, usize)> = None;
    for p in prepared {
        let c = &cs[p.i];
        let (mut s, mut backed, mut placed) = (p.s, p.backed, p.placed);
        // (Nothing to ask before the first anchors: the first round.)
        let anchored = !cx.anchors.is_empty();
        if anchored && !c.class.country && !c.class.cont {
            // Not a place's own copy in another gazetteer: a place does not
            // back itself. (Its key is only needed near an anchor.)
            let mut cos_c = None;
            let near_anchor = cx.anchors.iter().any(|(r, k, p, cos_p)| {
                *r != c.r && within_km(*p, *cos_p, (c.lat, c.lon), &mut cos_c, 40.0) && !key_is(c.name, k)
            });
            if near_anchor {
                s += 35.0;
                backed = true;
                placed = true;
            }
        }
        if anchored && !c.near.is_empty() {
            let near = place_key_cached(c.near);
            if cx.anchors.iter().any(|(_, k, _, _)| **k == *near) {
                s += 25.0;
                backed = true;
                placed = true;
            }
        }
        if p.kind {
            s += 40.0;
            placed = true;
        }
        if !backed && (m.fuzzy || !stands_alone(m, c)) {
            continue;
        }
        if plain && !placed {
            continue;
        }
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, p.i));
        }
    }
    best.map(|(_, i)| i)
}

/// The first-order division that bears a place's name, in its country
/// ("la province d'Idleb": the governorate, not the city).
fn governorate<'a>(c: &Cand, src: &Sources<'a>) -> Option<Cand<'a>> {
    for gaz in src.gaz {
        if let Some(e) = gaz.lookup(&place_key(c.name)) {
            let g = src.gaz.iter().position(|x| std::ptr::eq(x, gaz)).unwrap_or(0) as u8;
            if let Some(p) = gaz.candidates(e).find(|p| p.feature == "ADM1" && p.country == c.country) {
                return Some(from_gaz(g, p));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::ascii_key;

    #[test]
    fn longitude_test_rejects_only_far_points() {
        // Around the limit, at all latitudes, across the antimeridian.
        let mut rejected = 0;
        for lat in (-89..=89).step_by(7).map(|l| f64::from(l) + 0.37) {
            for dlat in [0.0, 0.05, -0.2, 0.3] {
                for dlon in (0..400).map(|k| f64::from(k) * 0.003).chain([179.9, 180.0, 359.9, -359.9]) {
                    let (a, b) = ((lat, 36.1), (lat + dlat, 36.1 + dlon));
                    let (cos_a, cos_b) = (cos_lat(a), cos_lat(b));
                    for limit in [5.0, 40.0] {
                        if far_in_longitude(a, cos_a, b, cos_b, limit) {
                            rejected += 1;
                            assert!(km(a, cos_a, b, cos_b) > limit, "{a:?} {b:?} {limit}");
                        }
                    }
                }
            }
        }
        assert!(rejected > 1000, "{rejected}");
    }

    #[test]
    fn ascii_keys_compared_as_read() {
        let names = [
            "Aleppo",
            "Deir ez Zor",
            "Deir ez-Zor",
            "",
            " ",
            "  ",
            " Alep",
            "Alep ",
            "Deir  ez",
            "Ar-Raqqa",
            "a",
            "1 2",
            "Ma'arrat al-Nu'man",
            "--Ky.--",
        ];
        for name in names {
            for key in names.iter().map(|n| ascii_key(n).map(char::from).collect::<String>()) {
                let same = ascii_key(name).eq(key.bytes());
                assert_eq!(ascii_key_is(name.as_bytes(), key.as_bytes()), same, "{name:?} {key:?}");
            }
            for key in ["aleppo", "alep", "aleppo ", " aleppo", "deir ez", "deir ez zor", "deir ez zorr", ""]
            {
                let same = ascii_key(name).eq(key.bytes());
                assert_eq!(ascii_key_is(name.as_bytes(), key.as_bytes()), same, "{name:?} {key:?}");
            }
        }
        // The whole of `key_is`, its one-word fast path included, against
        // the key itself.
        let more = [
            "Ḩalab",
            "Alep",
            "ALEP",
            "Aleppo2",
            "Homs-Hama",
            "Ma\u{2bf}arrat",
            "Zürich",
            "Zu",
            "É",
            "a\u{301}b",
        ];
        for name in names.iter().chain(&more) {
            for key in names.iter().chain(&more).map(|n| place_key(n)).chain(["alep".into(), "al".into()]) {
                assert_eq!(key_is(name, &key), place_key(name) == key, "{name:?} {key:?}");
            }
        }
        assert!(key_is("Deir ez-Zor", "deir ez zor"));
        assert!(key_is("Aleppo", "aleppo"));
        assert!(!key_is("Aleppo", "alep"));
    }
}
