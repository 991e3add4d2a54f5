//! Gazetteers: entries for states, capitals, cities, subdivisions, places,
//! organizations, groups, forces, metonyms, ministries and people, and one
//! Aho-Corasick automaton over all their surface forms.
//!
//! The default gazetteers (the files under `gazetteers/` in the repository)
//! are embedded in the binary; `--gazetteers DIR` reads another folder.

pub mod iso;
pub mod load;

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

pub use load::{Country, Entry, Kind, LoadError, StopMode};

/// The embedded default gazetteers: (path under `gazetteers/`, text).
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

/// Is a surface form a noun (a name) or an adjectival (demonym, plural national)?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Noun,
    Adjectival,
}

/// One surface form in the automaton.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub form: Form,
    /// Entries it may name, best first (by kind, then population).
    pub candidates: Vec<u32>,
    pub stop: Option<StopMode>,
}

/// A raw automaton hit in a text (byte offsets), before context rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: u32,
}

/// Entries plus one leftmost-longest automaton over all their surface forms.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    /// Entries per file it was read from.
    pub files: Vec<(String, usize)>,
    ac: AhoCorasick,
    /// Bytes that some surface form starts with.
    first_bytes: [bool; 256],
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Gazetteer>();
};

/// Which entry an ambiguous surface form names first.
fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::Org => 1,
        Kind::Group => 2,
        Kind::Force => 3,
        Kind::Metonym => 4,
        Kind::Ministry => 5,
        Kind::Person => 6,
        Kind::Capital => 7,
        Kind::Place => 8,
        Kind::Admin1 => 9,
        Kind::City => 10,
    }
}

impl Gazetteer {
    /// The embedded default gazetteers.
    pub fn embedded() -> Result<Gazetteer, Vec<LoadError>> {
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

    /// Build the automaton over loaded entries.
    pub fn build(data: load::Data) -> Gazetteer {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut surfaces: Vec<(&str, Form, Vec<u32>)> = Vec::new();
        for (i, e) in data.entries.iter().enumerate() {
            let forms = e
                .aliases
                .iter()
                .map(|a| (a, Form::Noun))
                .chain(e.adjectivals.iter().map(|a| (a, Form::Adjectival)));
            for (s, form) in forms {
                if s.chars().count() < 2 || data.stoplist.get(s.as_str()) == Some(&StopMode::Never)
                {
                    continue;
                }
                match index.get(s.as_str()) {
                    Some(&k) => {
                        if !surfaces[k].2.contains(&(i as u32)) {
                            surfaces[k].2.push(i as u32);
                        }
                        // An adjectival reading wins (`Saudi` is both): the
                        // noun it modifies then decides actor or place.
                        if form == Form::Adjectival {
                            surfaces[k].1 = Form::Adjectival;
                        }
                    }
                    None => {
                        index.insert(s.as_str(), surfaces.len());
                        surfaces.push((s.as_str(), form, vec![i as u32]));
                    }
                }
            }
        }
        let entries = &data.entries;
        let patterns: Vec<Pattern> = surfaces
            .iter()
            .map(|(s, form, cands)| {
                let mut candidates = cands.clone();
                candidates.sort_by_key(|&c| {
                    let e = &entries[c as usize];
                    (kind_rank(e.kind), std::cmp::Reverse(e.population))
                });
                Pattern {
                    form: *form,
                    candidates,
                    stop: data.stoplist.get(*s).copied(),
                }
            })
            .collect();
        let mut first_bytes = [false; 256];
        for (s, _, _) in &surfaces {
            first_bytes[s.as_bytes()[0] as usize] = true;
        }
        // Searches start only at word starts, anchored, so the automaton
        // needs no unanchored start state.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(surfaces.iter().map(|s| s.0))
            .expect("gazetteer automaton");
        Gazetteer {
            entries: data.entries,
            patterns,
            files: data.files,
            ac,
            first_bytes,
        }
    }

    /// Whole-word hits in `text`, left to right, not overlapping: at each
    /// word start that some surface form begins with, the longest form
    /// starting there (an anchored leftmost-longest search) that also ends
    /// at a word boundary. A hyphen counts as a word boundary
    /// (`Russian-Syrian`, `UN-brokered`).
    pub fn find(&self, text: &str, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if !self.first_bytes[b as usize] || !is_boundary_before(text, bytes, at) {
                at += 1;
                continue;
            }
            let input = Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes);
            match self.ac.find(input) {
                Some(m) if is_boundary_after(text, bytes, m.end()) => {
                    out.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        pattern: m.pattern().as_u32(),
                    });
                    at = m.end();
                }
                _ => at += 1,
            }
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_boundary_before(text: &str, bytes: &[u8], s: usize) -> bool {
    if s == 0 {
        return true;
    }
    let b = bytes[s - 1];
    if b < 0x80 {
        return !(b.is_ascii_alphanumeric() || b == b'_');
    }
    !text[..s].chars().next_back().is_some_and(is_word_char)
}

fn is_boundary_after(text: &str, bytes: &[u8], e: usize) -> bool {
    if e >= bytes.len() {
        return true;
    }
    let b = bytes[e];
    if b < 0x80 {
        return !(b.is_ascii_alphanumeric() || b == b'_');
    }
    !text[e..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Gazetteer {
        let h =
            "id\tkind\tname\tcountry\taliases\tadjectivals\tlat\tlon\tpopulation\tvalid\tnote\n";
        let text = format!(
            "{h}country:SYR\tcountry\tSyria\tSYR\t\tSyrian|Syrians\t\t\t\t\t\n\
             country:RUS\tcountry\tRussia\tRUS\t\tRussian|Russians\t\t\t\t\t\n\
             country:USA\tcountry\tUnited States\tUSA\tU.S.|US\tAmerican\t\t\t\t\t\n\
             org:eu\torg\tEuropean Union\t\tEU\t\t\t\t\t\t\n\
             geo:1\tcity\tTripoli\tLBN\t\t\t\t\t200\t\t\n\
             geo:2\tcapital\tTripoli\tLBY\t\t\t\t\t1000\t\t\n\
             person:s\tperson\tAhmed al-Sharaa\tSYR\tal-Sharaa|Sharaa\t\t\t\t\t\t\n"
        );
        let data = load::read(
            &[load::Source {
                name: "t.tsv".into(),
                text: &text,
            }],
            None,
        )
        .unwrap();
        Gazetteer::build(data)
    }

    fn names(g: &Gazetteer, t: &str) -> Vec<String> {
        let mut hits = Vec::new();
        g.find(t, &mut hits);
        hits.iter().map(|h| t[h.start..h.end].to_string()).collect()
    }

    #[test]
    fn whole_words_leftmost_longest() {
        let g = small();
        assert_eq!(
            names(
                &g,
                "Russian-Syrian talks; the Russians, Syria's EU partners and al-Sharaa's aides"
            ),
            ["Russian", "Syrian", "Russians", "Syria", "EU", "al-Sharaa"]
        );
        assert_eq!(
            names(&g, "USAID and the US; the U.S.-led us"),
            ["US", "U.S."]
        );
        assert!(names(&g, "Syriana Russiagate EUR").is_empty());
    }

    #[test]
    fn ambiguous_names_rank_by_kind_then_population() {
        let g = small();
        let mut hits = Vec::new();
        g.find("Tripoli", &mut hits);
        let p = &g.patterns[hits[0].pattern as usize];
        assert_eq!(g.entries[p.candidates[0] as usize].id, "geo:2");
        assert_eq!(p.candidates.len(), 2);
    }
}
