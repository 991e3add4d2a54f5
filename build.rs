//! Reads and builds the shipped gazetteers (`gazetteers/`) once, at build
//! time, and writes the result to `OUT_DIR` as the image that
//! `src/gazetteer/mod.rs` embeds (format: `src/gazetteer/image.rs`). A bad
//! line in a shipped file fails the build with its file:line error.
//!
//! The loader, matcher and trie are the crate's own modules, included
//! here; they depend on no other module but `crate::date`, whose part they
//! use is copied below.

use std::path::Path;

/// What the gazetteer loader uses of `src/date.rs` (that file also holds
/// regex-based date finders, and the build script has no dependencies).
/// The test `the_image_decodes_to_the_gazetteer_read_from_text` checks that
/// build-time and run-time reading agree.
#[allow(dead_code)]
mod date {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Date {
        pub year: i32,
        pub month: u32,
        pub day: u32,
    }

    impl Date {
        pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
            let days = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
                2 => 28,
                _ => 0,
            };
            (day >= 1 && day <= days).then_some(Date { year, month, day })
        }

        pub fn parse_iso(s: &str) -> Option<Date> {
            let b = s.as_bytes();
            if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
                return None;
            }
            let y = s[0..4].parse().ok()?;
            let m = s[5..7].parse().ok()?;
            let d = s[8..10].parse().ok()?;
            Date::new(y, m, d)
        }
    }
}

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
