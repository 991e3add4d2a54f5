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
    /// Read through [`Gazetteer::entries`]: caches keyed by entry index
    /// rely on entries not changing under a gazetteer's id.
    pub(super) entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    /// Each pattern's candidate entries, one run per pattern.
    pub(super) candidates: Vec<u32>,
    /// Entries per file it was read from.
    pub files: Vec<(String, usize)>,
    /// Surface form → index into `patterns`.
    pub(super) trie: Trie,
    /// Unique among the gazetteers of the process (see [`Gazetteer::id`]).
    pub(super) id: u64,
}

/// Source of [`Gazetteer::id`]s.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A new [`Gazetteer::id`].
pub(super) fn new_id() -> u64 {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
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
            id: new_id(),
        }
    }

    /// The entries, in the order pattern candidates and mentions index them.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entry `i` (an index from [`Gazetteer::candidates`] or a mention).
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// A number no other gazetteer of this process has: caches keyed by
    /// entry index (which mean nothing in another gazetteer) check it.
    pub fn id(&self) -> u64 {
        self.id
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
        // `at` is always a word start: the text begins there or the
        // character before it is not a word character.
        let mut at = 0;
        while at < bytes.len() {
            if let Some((end, pattern)) = self.trie.longest_at(bytes, at)
                && is_boundary_after(text, end)
            {
                out.push(Hit {
                    start: at,
                    end,
                    pattern,
                });
                // A form may end in a non-word character (`U.S.`): then a
                // word starts right after it.
                at = if ends_in_word_char(text, end) {
                    past_word(text, end)
                } else {
                    end
                };
            } else {
                at = past_char(text, at);
            }
        }
    }
}

/// Per byte: is it an ASCII word character (letter, digit, `_`: the
/// word characters of `\w`)? Bytes of non-ASCII characters are not.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// Is `c` a word character (`\w`: alphanumeric or `_`)?
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// [`is_word_char`], without Unicode table searches for the non-ASCII
/// characters briefs are full of: typographic quotes and dashes (General
/// Punctuation, never word characters) and Latin letters. A test checks it
/// against [`is_word_char`] for every character.
#[inline]
fn is_word_char_fast(c: char) -> bool {
    match c as u32 {
        0..=0x7f => ASCII_WORD[c as usize],
        0xc0..=0x24f => c != '×' && c != '÷',
        0x2000..=0x206f => false,
        _ => is_word_char(c),
    }
}

/// The character starting at byte `at` (a char boundary, before the end).
#[inline]
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("at is a char boundary")
}

/// The word start after the character at `at`: right after it if it is
/// not a word character, else after the rest of its word and the
/// non-word character ending it.
#[inline]
fn past_char(text: &str, at: usize) -> usize {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        if ASCII_WORD[b as usize] {
            past_word(text, at + 1)
        } else {
            at + 1
        }
    } else {
        let c = char_at(text, at);
        if is_word_char_fast(c) {
            past_word(text, at + c.len_utf8())
        } else {
            at + c.len_utf8()
        }
    }
}

/// The word start after the word that goes on at `at` (the character
/// before `at` is a word character): past its remaining word characters
/// and the non-word character after them, or the end of the text.
#[inline(always)]
fn past_word(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    // Most words are ASCII to their end, and most end in ASCII.
    let mut end = at;
    while end < bytes.len() && ASCII_WORD[bytes[end] as usize] {
        end += 1;
    }
    match bytes.get(end) {
        None => end,
        Some(&b) if b < 0x80 => end + 1,
        Some(_) => past_word_unicode(text, end),
    }
}

/// [`past_word`] from a non-ASCII character.
#[inline(never)]
fn past_word_unicode(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        let c = char_at(text, at);
        at += c.len_utf8();
        if !is_word_char_fast(c) {
            return at;
        }
        while at < bytes.len() && ASCII_WORD[bytes[at] as usize] {
            at += 1;
        }
        match bytes.get(at) {
            None => return at,
            Some(&b) if b < 0x80 => return at + 1,
            Some(_) => {}
        }
    }
}

/// Does the text before `end` (> 0) end in a word character?
#[inline]
fn ends_in_word_char(text: &str, end: usize) -> bool {
    let b = text.as_bytes()[end - 1];
    if b < 0x80 {
        ASCII_WORD[b as usize]
    } else {
        text[..end]
            .chars()
            .next_back()
            .is_some_and(is_word_char_fast)
    }
}

/// Is `e` the end of the text or not followed by a word character?
#[inline]
fn is_boundary_after(text: &str, e: usize) -> bool {
    match text.as_bytes().get(e) {
        None => true,
        Some(&b) if b < 0x80 => !ASCII_WORD[b as usize],
        Some(_) => !is_word_char_fast(char_at(text, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gazetteer of the given TSV rows (the header is added).
    fn gazetteer_of(rows: &str) -> Gazetteer {
        let h =
            "id\tkind\tname\tcountry\taliases\tadjectivals\tlat\tlon\tpopulation\tvalid\tnote\n";
        let text = format!("{h}{rows}");
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

    fn small() -> Gazetteer {
        gazetteer_of(
            "country:SYR\tcountry\tSyria\tSYR\t\tSyrian|Syrians\t\t\t\t\t\n\
             country:RUS\tcountry\tRussia\tRUS\t\tRussian|Russians\t\t\t\t\t\n\
             country:USA\tcountry\tUnited States\tUSA\tU.S.|US\tAmerican\t\t\t\t\t\n\
             org:eu\torg\tEuropean Union\t\tEU\t\t\t\t\t\t\n\
             geo:1\tcity\tTripoli\tLBN\t\t\t\t\t200\t\t\n\
             geo:2\tcapital\tTripoli\tLBY\t\t\t\t\t1000\t\t\n\
             person:s\tperson\tAhmed al-Sharaa\tSYR\tal-Sharaa|Sharaa\t\t\t\t\t\t\n",
        )
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

    /// The scan as first written: char by char, tracking whether the
    /// previous character is a word character. [`Gazetteer::find`] must
    /// give the same hits.
    fn reference_find(g: &Gazetteer, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut after_word = false;
        while at < bytes.len() {
            let c = text[at..].chars().next().unwrap();
            if !after_word
                && g.trie.starts(bytes[at])
                && let Some((end, pattern)) = g.trie.longest(bytes, at, |_| true)
                && text[end..].chars().next().is_none_or(|c| !is_word_char(c))
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
            after_word = is_word_char(c);
            at += c.len_utf8();
        }
        out
    }

    fn tricky() -> Gazetteer {
        gazetteer_of(
            "country:USA\tcountry\tUnited States\tUSA\tU.S.|US|U.S.A.\tAmerican\t\t\t\t\t\n\
             country:CIV\tcountry\tCôte d'Ivoire\tCIV\tIvory Coast\tIvorian\t\t\t\t\t\n\
             country:TUR\tcountry\tTürkiye\tTUR\tTurkey\tTurkish\t\t\t\t\t\n\
             geo:1\tcity\tSão Paulo\tBRA\tSão\t\t\t\t\t\t\n\
             geo:2\tcity\tİzmir\tTUR\t\t\t\t\t\t\t\n\
             org:g7\torg\tG7\t\tG-7|G7+\t\t\t\t\t\t\n\
             org:x\torg\t'Ndrangheta\t\t(ISIS)|«ISIS»|_un_\t\t\t\t\t\t\n\
             person:s\tperson\tAhmed al-Sharaa\tSYR\tal-Sharaa|Sharaa|al-\t\t\t\t\t\t\n",
        )
    }

    #[test]
    fn agrees_with_the_reference_scan() {
        let g = tricky();
        let texts = [
            "U.S.A. and U.S.-led U.S.S.R. US's USAID U.S.",
            "Côte d'Ivoire’s Ivorian-born Türkiye, Türkiyeli, İzmir İzmirli Turkish",
            "São Paulo; SãoPaulo São_Paulo São-Paulo «ISIS» (ISIS) (ISIS)x x(ISIS)",
            "G7 G7+ G7+x G-7 G-70 G77 2G7 _G7 G7_ é G7 éG7 G7é —G7— “G7” ’G7’",
            "'Ndrangheta x'Ndrangheta ''Ndrangheta al-Sharaa al-Sharaa’s al- al-x al-",
            "Ahmed al-Sharaa, Sharaa1 Sharaa_ ×Sharaa÷ ²Sharaa ªSharaa _un_ __un__",
            "AmericanAmerican American",
            "Am",
            "A",
            "",
            "é",
            "U.S",
            "G7",
        ];
        let mut total = 0;
        for t in texts {
            let mut hits = Vec::new();
            g.find(t, &mut hits);
            assert_eq!(hits, reference_find(&g, t), "{t}");
            total += hits.len();
        }
        assert!(total > 30, "{total}");
        // Every suffix of the texts joined, so that each scan starts
        // mid-word, on punctuation and on multi-byte characters.
        let all = texts.join(" \u{2014}");
        for (at, _) in all.char_indices() {
            let mut hits = Vec::new();
            g.find(&all[at..], &mut hits);
            assert_eq!(hits, reference_find(&g, &all[at..]), "{}", &all[at..]);
        }
    }

    #[test]
    fn fast_word_test_agrees_for_every_char() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char_fast(c), is_word_char(c), "{c:?}");
        }
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
