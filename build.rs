//! Reads and builds the shipped gazetteers (`gazetteers/`) once, at build
//! time, and writes the result to `OUT_DIR` as the image that
//! `src/gazetteer/mod.rs` embeds (format: `src/gazetteer/image.rs`). A bad
//! line in a shipped file fails the build with its file:line error.
//!
//! The loader, matcher and trie are the crate's own modules, included
//! here; they depend on no other module but `crate::date`, also included.

use std::path::Path;

/// Calendar dates, for validity columns (the file has no dependencies).
#[allow(dead_code)]
#[path = "src/date.rs"]
mod date;

#[allow(dead_code, unused_imports)]
#[path = "src/gazetteer"]
mod gazetteer {
    pub mod image;
    pub mod iso;
    pub mod load;
    pub mod matcher;
    pub mod trie;

    pub use matcher::{Fnv, FnvMap, Gazetteer};
}

use gazetteer::{Gazetteer, image, load};

fn main() {
    for f in ["image", "iso", "load", "matcher", "trie"] {
        println!("cargo:rerun-if-changed=src/gazetteer/{f}.rs");
    }
    println!("cargo:rerun-if-changed=src/date.rs");
    let root = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let read = |name: &str| -> load::Source {
        println!("cargo:rerun-if-changed=gazetteers/{name}");
        let path = root.join("gazetteers").join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        load::Source {
            name: format!("gazetteers/{name}"),
            text: String::leak(text),
        }
    };
    let sources: Vec<load::Source> = image::EMBEDDED_FILES.iter().map(|n| read(n)).collect();
    let stoplist = read("stoplist.txt");
    let data = match load::read(&sources, Some(&stoplist)) {
        Ok(data) => data,
        Err(errors) => {
            eprintln!("gazetteer errors:");
            for e in &errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    };
    let image = image::encode(&Gazetteer::build(data));
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let write = |name: &str, bytes: &[u8]| {
        let path = out.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    };
    write("gazetteers.bin", &image.bytes());
    write("gazetteers.str", image.strings.as_bytes());
}
