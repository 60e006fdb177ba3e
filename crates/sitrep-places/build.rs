//! Build-time data:
//! - decompresses the embedded gazetteer into OUT_DIR, so the binary holds it
//!   uncompressed and reads it in place (no work at start-up) while the
//!   repository holds it compressed;
//! - lists the curated place files (`data/conflict-places/*.toml`) so that a
//!   new file needs no code change.

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);

    let src = Path::new("data/gazetteer.bin.gz");
    println!("cargo::rerun-if-changed={}", src.display());
    let mut bytes = Vec::new();
    if src.exists() {
        let f = std::fs::File::open(src).expect("data/gazetteer.bin.gz is readable");
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut bytes)
            .expect("data/gazetteer.bin.gz is a gzip file");
    }
    // Without the data file (before `cargo xtask gazetteer` first ran) the
    // embedded gazetteer is empty and opening it reports a clear error.
    std::fs::write(out_dir.join("gazetteer.bin"), bytes).expect("OUT_DIR is writable");

    let dir = Path::new("data/conflict-places");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut list = String::from("&[\n");
    for p in files {
        println!("cargo::rerun-if-changed={}", p.display());
        let abs = std::fs::canonicalize(&p).expect("curated file path");
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(list, "    ({name:?}, include_str!({:?})),", abs.display().to_string());
    }
    list.push(']');
    std::fs::write(out_dir.join("curated_files.rs"), list).expect("OUT_DIR is writable");
}
