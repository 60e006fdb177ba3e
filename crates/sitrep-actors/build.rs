//! Lists the actor dictionary files (`data/actors/*.toml`) so a new file
//! needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("data/actors");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut list = String::from("&[\n");
    for p in files {
        println!("cargo::rerun-if-changed={}", p.display());
        let abs = std::fs::canonicalize(&p).expect("actor file path");
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(list, "    ({name:?}, include_str!({:?})),", abs.display().to_string());
    }
    list.push(']');
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("actor_files.rs");
    std::fs::write(out, list).expect("OUT_DIR is writable");
}
