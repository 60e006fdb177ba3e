//! Gazetteers: the compiled format, its keys, and the one compiled into the
//! binary (GeoNames cities500, countries, first- and second-order divisions,
//! continents; see `data/GAZETTEER.md`).

mod format;
mod keys;
mod names;

pub use format::{Builder, Entry, GazPlace, Gazetteer, GazetteerError, PlaceRow, flags, importance};
pub(crate) use format::{NameState, PerGazetteer, Steps, memory, same_word};
#[cfg(test)]
pub(crate) use keys::ascii_key;
pub(crate) use keys::place_key_cached;
pub use keys::{place_key, skeleton, skeleton_cached, token_key};
pub use names::{
    Flagged, FrequentWords, TRANSLITERATED, division_variants, flag_frequent_words, keep_alternate,
};

/// The gazetteer compiled into the binary, decompressed at build time from
/// `data/gazetteer.bin.gz`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// The embedded gazetteer (opening it reads nothing but its header).
pub fn embedded() -> Result<Gazetteer, GazetteerError> {
    Gazetteer::from_static(EMBEDDED)
}
