//! Gazetteers: entries for states, capitals, cities, subdivisions, places,
//! organizations, groups, forces, metonyms, ministries and people, and one
//! automaton (an Aho-Corasick goto trie, see [`trie`]) over all their
//! surface forms.
//!
//! The default gazetteers (the files under `gazetteers/` in the repository)
//! are embedded in the binary, already read and built by `build.rs` (see
//! [`image`]); `--gazetteers DIR` reads another folder at run time.

// The writing half of the image is for `build.rs` and the tests.
#[cfg_attr(not(test), allow(dead_code))]
mod image;
pub mod iso;
pub mod load;
mod matcher;
pub mod trie;

use std::path::Path;

pub use load::{Country, Entry, Kind, LoadError, StopMode};
pub use matcher::{Fnv, FnvMap, Form, Gazetteer, Hit, Pattern};

/// The image of the embedded gazetteers that `build.rs` wrote: words...
static IMAGE_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteers.bin"));
/// ... and string table.
static IMAGE_STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteers.str"));

/// The embedded default gazetteers as text: (path under `gazetteers/`,
/// text). The binary embeds them built (see [`image`]); the texts are for
/// the tests and benches that read them at run time.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    ("admin1.tsv", include_str!("../../gazetteers/admin1.tsv")),
    ("cities.tsv", include_str!("../../gazetteers/cities.tsv")),
    (
        "curated/forces.tsv",
        include_str!("../../gazetteers/curated/forces.tsv"),
    ),
    (
        "curated/groups.tsv",
        include_str!("../../gazetteers/curated/groups.tsv"),
    ),
    (
        "curated/metonyms.tsv",
        include_str!("../../gazetteers/curated/metonyms.tsv"),
    ),
    (
        "curated/ministries.tsv",
        include_str!("../../gazetteers/curated/ministries.tsv"),
    ),
    (
        "curated/orgs.tsv",
        include_str!("../../gazetteers/curated/orgs.tsv"),
    ),
    (
        "curated/people.tsv",
        include_str!("../../gazetteers/curated/people.tsv"),
    ),
    (
        "curated/places.tsv",
        include_str!("../../gazetteers/curated/places.tsv"),
    ),
];

/// The embedded stoplist.
pub const EMBEDDED_STOPLIST: &str = include_str!("../../gazetteers/stoplist.txt");

impl Gazetteer {
    /// The embedded default gazetteers, decoded from the image `build.rs`
    /// made of them (they were checked then: this cannot fail).
    pub fn embedded() -> Result<Gazetteer, Vec<LoadError>> {
        Ok(image::decode(IMAGE_WORDS, IMAGE_STRINGS))
    }

    /// The embedded default gazetteers, read and built from their text at
    /// run time (what `build.rs` does; for the tests).
    pub fn embedded_from_text() -> Result<Gazetteer, Vec<LoadError>> {
        let sources: Vec<load::Source> = EMBEDDED
            .iter()
            .map(|(n, t)| load::Source {
                name: format!("gazetteers/{n}"),
                text: t,
            })
            .collect();
        let stop = load::Source {
            name: "gazetteers/stoplist.txt".into(),
            text: EMBEDDED_STOPLIST,
        };
        Ok(Gazetteer::build(load::read(&sources, Some(&stop))?))
    }

    /// Every `*.tsv` below `dir` and its `stoplist.txt`.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer, Vec<LoadError>> {
        Ok(Gazetteer::build(load::read_dir(dir)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_lists_the_embedded_files() {
        let names: Vec<&str> = EMBEDDED.iter().map(|f| f.0).collect();
        assert_eq!(names, image::EMBEDDED_FILES);
    }

    /// The image `build.rs` wrote is what reading the texts at run time
    /// gives: the two paths cannot drift apart.
    #[test]
    fn the_image_decodes_to_the_gazetteer_read_from_text() {
        let from_text = Gazetteer::embedded_from_text().unwrap();
        let g = Gazetteer::embedded().unwrap();
        assert_eq!(g.files, from_text.files);
        assert_eq!(g.entries, from_text.entries);
        assert_eq!(g.patterns, from_text.patterns);
        assert_eq!(g.candidates, from_text.candidates);
        assert_eq!(g.trie.parts(), from_text.trie.parts());
        let w = image::encode(&from_text);
        assert_eq!(w.bytes(), IMAGE_WORDS);
        assert_eq!(w.strings, IMAGE_STRINGS);
        let text = "The U.S. and Russian envoys met in Damascus, Aleppo and Tripoli; \
                    the EU, Hezbollah and the Kremlin said São Paulo's mayor, Ahmed al-Sharaa \
                    and the Syrian Democratic Forces in Idlib Governorate talked with NATO.";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        g.find(text, &mut a);
        from_text.find(text, &mut b);
        assert!(a.len() > 10, "{a:?}");
        assert_eq!(a, b);
    }
}
