//! Frequent French and English words from the PyPI wheel of `wordfreq`
//! (data CC BY-SA 4.0): only read to flag place names that are also
//! ordinary words; no list is stored.

use std::io::Read;
use std::path::Path;

use super::ImportError;
use crate::gazetteer::{FrequentWords, place_key};

impl FrequentWords {
    /// Reads the French and English lists of a wordfreq wheel
    /// (`wordfreq-3.1.1-py3-none-any.whl`).
    pub fn from_wordfreq_wheel(wheel: &Path) -> Result<FrequentWords, ImportError> {
        let mut w = FrequentWords::default();
        for lang in ["en", "fr"] {
            read_words(wheel, lang, 3.5, &mut w.common)?;
            read_words(wheel, lang, 5.0, &mut w.very_common)?;
        }
        Ok(w)
    }
}

/// Words of a wordfreq "cBpack" list (a header, then one list of words per
/// centibel) of Zipf frequency ≥ `zipf` (3.5 is about one word in 300,000;
/// 5.0 one in 10,000).
fn read_words(
    wheel: &Path,
    lang: &str,
    zipf: f64,
    out: &mut std::collections::HashSet<String>,
) -> Result<(), ImportError> {
    let bad = |why: String| ImportError::Wordfreq { path: wheel.to_path_buf(), why };
    let f = std::fs::File::open(wheel).map_err(|e| ImportError::io(wheel, e))?;
    let mut z = zip::ZipArchive::new(f).map_err(|e| bad(e.to_string()))?;
    let name = format!("wordfreq/data/small_{lang}.msgpack.gz");
    let mut gz = Vec::new();
    z.by_name(&name)
        .map_err(|_| bad(format!("no {name} in it")))?
        .read_to_end(&mut gz)
        .map_err(|e| bad(e.to_string()))?;
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut raw).map_err(|e| bad(e.to_string()))?;
    let v = rmpv::decode::read_value(&mut &raw[..]).map_err(|e| bad(e.to_string()))?;
    let rmpv::Value::Array(buckets) = v else { return Err(bad("unexpected list format".into())) };
    // Bucket i holds words of frequency 10^(-i/100): Zipf = 9 - i/100.
    for (i, bucket) in buckets.iter().enumerate().skip(1) {
        if 9.0 - (i as f64 - 1.0) / 100.0 < zipf {
            break;
        }
        if let rmpv::Value::Array(words) = bucket {
            out.extend(words.iter().filter_map(|w| w.as_str()).map(place_key));
        }
    }
    Ok(())
}
