//! The built gazetteer: its entries, one pattern per surface form, and the
//! trie over all forms that finds them in a text.
//!
//! This module and those it uses ([`super::load`], [`super::trie`],
//! [`super::iso`], [`super::image`]) depend on no other module of the crate
//! but `crate::date`: `build.rs` includes them to build the embedded image.

use std::collections::HashMap;

use super::load::{self, Entry, Kind, StopMode};
use super::trie::Trie;
/// Is a surface form a noun (a name) or an adjectival (demonym, plural national)?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Noun,
    Adjectival,
}

/// One surface form in the automaton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub form: Form,
    /// Where its candidates sit in [`Gazetteer::candidates`].
    pub(super) first: u32,
    pub(super) count: u32,
    pub stop: Option<StopMode>,
}

/// A raw automaton hit in a text (byte offsets), before context rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: u32,
}

/// Entries plus one trie over all their surface forms.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    /// Each pattern's candidate entries, one run per pattern.
    pub(super) candidates: Vec<u32>,
    /// Entries per file it was read from.
    pub files: Vec<(String, usize)>,
    /// Surface form → index into `patterns`.
    pub(super) trie: Trie,
}

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

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Gazetteer>();
};

/// One (surface form, entry) pair while building.
struct Item {
    /// The form's first eight bytes, big-endian: most comparisons end here.
    key: u64,
    form: &'static str,
    rank: u8,
    population: u64,
    entry: u32,
    adjectival: bool,
}

fn prefix_key(s: &str) -> u64 {
    let mut k = [0u8; 8];
    let n = s.len().min(8);
    k[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(k)
}

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
    /// Build the automaton over loaded entries.
    ///
    /// Every (surface form, entry) pair is sorted by form, then by which
    /// entry the form names first (kind, then population, then file
    /// order); each run of one form becomes a pattern, and the sorted
    /// forms go straight into the trie.
    pub fn build(data: load::Data) -> Gazetteer {
        let mut items: Vec<Item> = Vec::with_capacity(data.entries.len() * 2);
        for (i, e) in data.entries.iter().enumerate() {
            let forms = e
                .aliases
                .iter()
                .map(|a| (a, Form::Noun))
                .chain(e.adjectivals.iter().map(|a| (a, Form::Adjectival)));
            for (s, form) in forms {
                if s.chars().nth(1).is_none() || data.stoplist.get(*s) == Some(&StopMode::Never) {
                    continue;
                }
                items.push(Item {
                    key: prefix_key(s),
                    form: s,
                    rank: kind_rank(e.kind),
                    population: e.population,
                    entry: i as u32,
                    adjectival: form == Form::Adjectival,
                });
            }
        }
        items.sort_unstable_by(|a, b| {
            (a.key, a.form.as_bytes(), a.rank, b.population, a.entry).cmp(&(
                b.key,
                b.form.as_bytes(),
                b.rank,
                a.population,
                b.entry,
            ))
        });
        let mut patterns = Vec::new();
        let mut candidates = Vec::with_capacity(items.len());
        let mut forms: Vec<(&[u8], u32)> = Vec::new();
        for run in items.chunk_by(|a, b| a.form == b.form) {
            let first = candidates.len();
            for it in run {
                if candidates.last() != Some(&it.entry) || candidates.len() == first {
                    candidates.push(it.entry);
                }
            }
            // An adjectival reading wins (`Saudi` is both): the noun it
            // modifies then decides actor or place.
            let adjectival = run.iter().any(|it| it.adjectival);
            forms.push((run[0].form.as_bytes(), patterns.len() as u32));
            patterns.push(Pattern {
                form: if adjectival {
                    Form::Adjectival
                } else {
                    Form::Noun
                },
                first: first as u32,
                count: (candidates.len() - first) as u32,
                stop: data.stoplist.get(run[0].form).copied(),
            });
        }
        Gazetteer {
            entries: data.entries,
            patterns,
            candidates,
            files: data.files,
            trie: Trie::from_sorted(forms),
        }
    }

    /// The entries a pattern may name, best first (by kind, then
    /// population).
    pub fn candidates(&self, p: &Pattern) -> &[u32] {
        &self.candidates[p.first as usize..(p.first + p.count) as usize]
    }

    /// Whole-word hits in `text`, left to right, not overlapping: at each
    /// word start that some surface form begins with, the longest form
    /// starting there (an anchored leftmost-longest search) that also ends
    /// at a word boundary. A hyphen counts as a word boundary
    /// (`Russian-Syrian`, `UN-brokered`).
    pub fn find(&self, text: &str, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        let mut at = 0;
        // Whether the character before `at` is a word character.
        let mut after_word = false;
        while at < bytes.len() {
            if after_word {
                // Inside a word no form can start: skip its ASCII letters.
                while at < bytes.len() && bytes[at] < 0x80 && ASCII_WORD[bytes[at] as usize] {
                    at += 1;
                }
                if at == bytes.len() {
                    break;
                }
            }
            let b = bytes[at];
            let (is_word, len) = if b < 0x80 {
                (ASCII_WORD[b as usize], 1)
            } else {
                let c = text[at..].chars().next().expect("at is a char boundary");
                (is_word_char(c), c.len_utf8())
            };
            if !after_word && self.trie.starts(b) {
                let found = self.trie.longest(bytes, at, |_| true);
                if let Some((end, pattern)) = found
                    && is_boundary_after(text, bytes, end)
                {
                    out.push(Hit {
                        start: at,
                        end,
                        pattern,
                    });
                    after_word = text[..end].chars().next_back().is_some_and(is_word_char);
                    at = end;
                    continue;
                }
            }
            after_word = is_word;
            at += len;
        }
    }
}

/// ASCII letters, digits and `_`: the word characters of `\w`.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
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
        assert_eq!(g.entries[g.candidates(p)[0] as usize].id, "geo:2");
        assert_eq!(g.candidates(p).len(), 2);
    }
}
