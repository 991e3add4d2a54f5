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
    /// Automata over disjoint sets of surface forms, split by first byte so
    /// they build in parallel; each maps its pattern ids to ours.
    parts: Vec<(AhoCorasick, Vec<u32>)>,
    /// First byte of a word → the part holding the forms that start with
    /// it (`NONE` when no form does).
    route: [u8; 256],
}

const NONE: u8 = u8::MAX;

/// FNV-1a: a fast hash for the short keys of loading (ids, surface forms);
/// the keys come from our own files, so flooding is no concern.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A `HashMap` with [`Fnv`].
pub type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Split first bytes into `k` groups of about equal pattern bytes.
fn partition(surfaces: &[&str], k: usize) -> [u8; 256] {
    let mut weight = [0usize; 256];
    for s in surfaces {
        weight[s.as_bytes()[0] as usize] += s.len();
    }
    let mut bytes: Vec<usize> = (0..256).filter(|&b| weight[b] > 0).collect();
    bytes.sort_by_key(|&b| std::cmp::Reverse(weight[b]));
    let mut load = vec![0usize; k];
    let mut route = [NONE; 256];
    for b in bytes {
        let g = (0..k).min_by_key(|&g| load[g]).unwrap_or(0);
        load[g] += weight[b];
        route[b] = g as u8;
    }
    route
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
        let mut index: FnvMap<&str, usize> = FnvMap::default();
        index.reserve(1 << 17);
        let mut surfaces: Vec<(&str, Form, Vec<u32>)> = Vec::new();
        for (i, e) in data.entries.iter().enumerate() {
            let forms = e
                .aliases
                .iter()
                .map(|a| (a, Form::Noun))
                .chain(e.adjectivals.iter().map(|a| (a, Form::Adjectival)));
            for (s, form) in forms {
                if s.chars().count() < 2 || data.stoplist.get(*s) == Some(&StopMode::Never) {
                    continue;
                }
                match index.get(*s) {
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
                        index.insert(*s, surfaces.len());
                        surfaces.push((*s, form, vec![i as u32]));
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
        // Searches start only at word starts, anchored, so each automaton
        // needs no unanchored start state; forms are split by first byte
        // (every word start uses exactly one part), and the parts are built
        // on as many threads as the machine has, up to four.
        let forms: Vec<&str> = surfaces.iter().map(|s| s.0).collect();
        let k = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let route = partition(&forms, k);
        let mut ids: Vec<Vec<u32>> = vec![Vec::new(); k];
        for (i, f) in forms.iter().enumerate() {
            ids[route[f.as_bytes()[0] as usize] as usize].push(i as u32);
        }
        let build = |ids: Vec<u32>| {
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(ids.iter().map(|&i| forms[i as usize]))
                .expect("gazetteer automaton");
            (ac, ids)
        };
        let parts: Vec<(AhoCorasick, Vec<u32>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .into_iter()
                .map(|part| scope.spawn(move || build(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("automaton build thread"))
                .collect()
        });
        Gazetteer {
            entries: data.entries,
            patterns,
            files: data.files,
            parts,
            route,
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
            let part = self.route[bytes[at] as usize];
            if part == NONE || !is_boundary_before(text, bytes, at) {
                at += 1;
                continue;
            }
            let (ac, ids) = &self.parts[part as usize];
            let input = Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes);
            match ac.find(input) {
                Some(m) if is_boundary_after(text, bytes, m.end()) => {
                    out.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        pattern: ids[m.pattern().as_usize()],
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
                text: Box::leak(text.into_boxed_str()),
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
