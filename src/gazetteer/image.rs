//! The embedded gazetteers as a binary image, made at build time.
//!
//! Reading the shipped TSV files (5 MB, 55,000 entries) and building the
//! trie cost ~290 M instructions at every start. `build.rs` includes the
//! loader, the matcher and this module, reads the files once (a bad line
//! fails the build with its file:line error) and writes the built
//! [`Gazetteer`] to `OUT_DIR` in two parts: a string table (every id, name
//! and surface form; embedded with `include_str!`, so entries borrow
//! `&'static str` slices of it) and little-endian `u32` words for entries,
//! patterns, candidates and trie nodes. Decoding is a few linear passes.
//!
//! Word layout, in order: [`MAGIC`]; files (count, then name and entry
//! count each); surface forms (count, then each entry's aliases and
//! adjectivals); entries (count, then [`put_entry`] each); patterns (count,
//! then one word each); candidates and trie nodes (count, then the words);
//! trie labels (count, then the bytes, padded to a word). A string is one
//! word (offset and length, see [`Writer::put_ref`]).

use std::borrow::Cow;

use super::load::{Country, Entry, Kind, StopMode, Validity};
use super::matcher::{Form, Gazetteer, Pattern};
use super::trie::Trie;
use crate::date::Date;

/// The shipped files `build.rs` reads, under `gazetteers/`, in load order
/// (the order of [`super::EMBEDDED`], which a test checks).
pub const EMBEDDED_FILES: [&str; 10] = [
    "countries.tsv",
    "admin1.tsv",
    "cities.tsv",
    "curated/forces.tsv",
    "curated/groups.tsv",
    "curated/metonyms.tsv",
    "curated/ministries.tsv",
    "curated/orgs.tsv",
    "curated/people.tsv",
    "curated/places.tsv",
];

/// The first word: a format version, so a stale image cannot be misread.
const MAGIC: u32 = 0x4247_5a01;

// Flags in an entry's first word, above the 4-bit kind.
const HAS_COUNTRY: u32 = 1 << 4;
const HAS_LAT: u32 = 1 << 5;
const HAS_LON: u32 = 1 << 6;
const HAS_VALID: u32 = 1 << 7;
const HAS_FROM: u32 = 1 << 8;
const HAS_TO: u32 = 1 << 9;
/// The first alias is the name (most entries: it is their only alias).
const ALIAS_IS_NAME: u32 = 1 << 10;
/// Alias and adjectival counts sit above the flags, 10 bits each.
const ALIASES_SHIFT: u32 = 12;
const ADJECTIVALS_SHIFT: u32 = 22;
const COUNT_LIMIT: usize = 1 << 10;
/// Strings this long or longer keep their length in a word of its own.
const LONG: u32 = 255;

/// An image being written: its words and string table.
#[derive(Default)]
pub struct Writer {
    pub words: Vec<u32>,
    pub strings: String,
    /// Where each string already in the table starts (many aliases repeat
    /// the name).
    offsets: std::collections::HashMap<&'static str, usize>,
}

impl Writer {
    fn put(&mut self, w: u32) {
        self.words.push(w);
    }

    fn put_u64(&mut self, v: u64) {
        self.put(v as u32);
        self.put((v >> 32) as u32);
    }

    fn put_len(&mut self, n: usize) {
        self.put(u32::try_from(n).expect("image counts fit in 32 bits"));
    }

    /// A string as (offset, length) in the table.
    fn put_str(&mut self, s: &'static str) {
        let off = match self.offsets.get(s) {
            Some(&off) => off,
            None => {
                let off = self.strings.len();
                self.strings.push_str(s);
                self.offsets.insert(s, off);
                off
            }
        };
        self.put_ref(off, s.len());
    }

    /// A string appended to the table without looking for a copy.
    fn put_new_str(&mut self, s: &str) {
        self.put_ref(self.strings.len(), s.len());
        self.strings.push_str(s);
    }

    /// A string reference: offset and length in one word, or the length in
    /// a second word if it is [`LONG`] or more.
    fn put_ref(&mut self, off: usize, len: usize) {
        assert!(off < 1 << 24, "the string table outgrew the image format");
        let off = (off as u32) << 8;
        if len < LONG as usize {
            self.put(off | len as u32);
        } else {
            self.put(off | LONG);
            self.put_len(len);
        }
    }

    fn put_date(&mut self, d: Date) {
        self.put(d.year as u32);
        self.put(d.month << 5 | d.day);
    }

    /// The bytes of the word part, little-endian.
    pub fn bytes(&self) -> Vec<u8> {
        self.words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }
}

/// Write a built gazetteer (at build time; the tests check the result).
pub fn encode(g: &Gazetteer) -> Writer {
    let mut w = Writer::default();
    w.put(MAGIC);
    w.put_len(g.files.len());
    for (name, n) in &g.files {
        w.put_new_str(name);
        w.put_len(*n);
    }
    let forms = g
        .entries
        .iter()
        .flat_map(|e| e.aliases.iter().chain(&*e.adjectivals));
    w.put_len(forms.clone().count());
    for &s in forms {
        w.put_str(s);
    }
    w.put_len(g.entries.len());
    for e in &g.entries {
        put_entry(&mut w, e);
    }
    w.put_len(g.patterns.len());
    for p in &g.patterns {
        w.put(pattern_word(p));
    }
    w.put_len(g.candidates.len());
    w.words.extend_from_slice(&g.candidates);
    let (nodes, labels) = g.trie.parts();
    w.put_len(nodes.len());
    w.words.extend_from_slice(&nodes);
    w.put_len(labels.len());
    w.words.extend(
        labels
            .chunks(4)
            .map(|c| c.iter().rev().fold(0, |acc, &b| acc << 8 | b as u32)),
    );
    w
}

/// One entry: a word of kind, flags and form counts; the id; the name
/// unless it is the first alias; then the country, lat, lon and validity
/// dates that are present; the population. Its forms are the next ones in
/// the table of forms.
fn put_entry(w: &mut Writer, e: &Entry) {
    assert!(
        e.aliases.len() < COUNT_LIMIT && e.adjectivals.len() < COUNT_LIMIT,
        "{}: too many forms for the image",
        e.id
    );
    let mut head = kind_index(e.kind) as u32
        | (e.aliases.len() as u32) << ALIASES_SHIFT
        | (e.adjectivals.len() as u32) << ADJECTIVALS_SHIFT;
    let flags = [
        (e.country.is_some(), HAS_COUNTRY),
        (e.lat.is_some(), HAS_LAT),
        (e.lon.is_some(), HAS_LON),
        (e.valid.is_some(), HAS_VALID),
        (e.valid.is_some_and(|v| v.0.is_some()), HAS_FROM),
        (e.valid.is_some_and(|v| v.1.is_some()), HAS_TO),
        (e.aliases.first() == Some(&e.name), ALIAS_IS_NAME),
    ];
    for (set, flag) in flags {
        if set {
            head |= flag;
        }
    }
    w.put(head);
    w.put_str(e.id);
    if head & ALIAS_IS_NAME == 0 {
        w.put_str(e.name);
    }
    if let Some(c) = e.country {
        let b = c.as_str().as_bytes();
        w.put(u32::from_le_bytes([b[0], b[1], b[2], 0]));
    }
    for v in [e.lat, e.lon].into_iter().flatten() {
        w.put_u64(v.to_bits());
    }
    if let Some((from, to)) = e.valid {
        for d in [from, to].into_iter().flatten() {
            w.put_date(d);
        }
    }
    w.put_u64(e.population);
}

/// Candidate count, stop mode and form of a pattern in one word.
fn pattern_word(p: &Pattern) -> u32 {
    let stop = match p.stop {
        None => 0,
        Some(StopMode::Cap) => 1,
        Some(StopMode::Case) => 2,
        Some(StopMode::Never) => 3,
    };
    p.count << 3 | stop << 1 | (p.form == Form::Adjectival) as u32
}

fn kind_index(k: Kind) -> usize {
    Kind::ALL
        .iter()
        .position(|&x| x == k)
        .expect("every kind is in ALL")
}

/// Reads an image back: words from the byte part, strings from the table.
struct Reader {
    bytes: &'static [u8],
    at: usize,
    strings: &'static str,
}

impl Reader {
    fn word(&mut self) -> u32 {
        let b = &self.bytes[self.at..self.at + 4];
        self.at += 4;
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    fn u64(&mut self) -> u64 {
        let lo = self.word() as u64;
        lo | (self.word() as u64) << 32
    }

    fn len(&mut self) -> usize {
        self.word() as usize
    }

    // Inlined (as is `get_entry`): calls cost more than the work here.
    #[inline(always)]
    fn str(&mut self) -> &'static str {
        let w = self.word();
        let off = (w >> 8) as usize;
        let len = match w & LONG {
            LONG => self.len(),
            short => short as usize,
        };
        &self.strings[off..off + len]
    }

    fn date(&mut self) -> Date {
        let year = self.word() as i32;
        let md = self.word();
        Date {
            year,
            month: md >> 5,
            day: md & 31,
        }
    }

    /// The next `n` words as a vector.
    fn words(&mut self, n: usize) -> Vec<u32> {
        let mut out = vec![0; n];
        // A zip over two slices compiles to a plain copy loop.
        for (w, c) in out.iter_mut().zip(self.word_bytes(n).chunks_exact(4)) {
            *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        out
    }

    /// The bytes of the next `n` words.
    fn word_bytes(&mut self, n: usize) -> &'static [u8] {
        let b = &self.bytes[self.at..self.at + 4 * n];
        self.at += 4 * n;
        b
    }

    /// The next `n` bytes, and the padding to a word after them.
    fn byte_run(&mut self, n: usize) -> &'static [u8] {
        let b = &self.bytes[self.at..self.at + n];
        self.at += n.div_ceil(4) * 4;
        b
    }
}

/// Decode an image written by [`encode`].
///
/// Panics on a malformed image: it was written by this crate's own build
/// script, so one cannot reach a user.
pub fn decode(bytes: &'static [u8], strings: &'static str) -> Gazetteer {
    let mut r = Reader {
        bytes,
        at: 0,
        strings,
    };
    assert_eq!(r.word(), MAGIC, "the gazetteer image has another format");
    let files = (0..r.len())
        .map(|_| (r.str().to_string(), r.len()))
        .collect();
    let n = r.len();
    let mut forms = Vec::with_capacity(n);
    forms.extend((0..n).map(|_| r.str()));
    // One table for the process: the embedded gazetteer is decoded once.
    let mut forms: &'static [&'static str] = forms.leak();
    let n = r.len();
    // `extend` over a counted range writes each entry in place.
    let mut entries = Vec::with_capacity(n);
    entries.extend((0..n).map(|_| get_entry(&mut r, &mut forms)));
    assert!(forms.is_empty(), "the gazetteer image has forms left over");
    let n = r.len();
    let mut patterns = Vec::with_capacity(n);
    let mut first = 0;
    for w in r.words(n) {
        let count = w >> 3;
        patterns.push(Pattern {
            form: if w & 1 == 1 {
                Form::Adjectival
            } else {
                Form::Noun
            },
            first,
            count,
            stop: [
                None,
                Some(StopMode::Cap),
                Some(StopMode::Case),
                Some(StopMode::Never),
            ][(w >> 1 & 3) as usize],
        });
        first += count;
    }
    let n = r.len();
    let candidates = r.words(n);
    let n = r.len();
    let nodes = r.word_bytes(n);
    let n = r.len();
    let labels = r.byte_run(n);
    assert_eq!(r.at, bytes.len(), "the gazetteer image has trailing bytes");
    Gazetteer {
        entries,
        patterns,
        candidates,
        files,
        trie: Trie::from_parts(nodes, labels),
        id: super::matcher::new_id(),
    }
}

/// One entry, as [`put_entry`] wrote it, with its forms taken from the
/// front of `forms`. Inlined into the loop of [`decode`], it writes the
/// entry in place instead of copying it there.
#[inline(always)]
fn get_entry(r: &mut Reader, forms: &mut &'static [&'static str]) -> Entry {
    let head = r.word();
    let kind = Kind::ALL[(head & 15) as usize];
    let id = r.str();
    let n_aliases = (head >> ALIASES_SHIFT) as usize & (COUNT_LIMIT - 1);
    let n_adjectivals = (head >> ADJECTIVALS_SHIFT) as usize & (COUNT_LIMIT - 1);
    let (aliases, rest) = forms.split_at(n_aliases);
    let (adjectivals, rest) = rest.split_at(n_adjectivals);
    *forms = rest;
    let name = if head & ALIAS_IS_NAME != 0 {
        aliases[0]
    } else {
        r.str()
    };
    let country = (head & HAS_COUNTRY != 0).then(|| {
        let [a, b, c, _] = r.word().to_le_bytes();
        Country::from_checked([a, b, c])
    });
    let lat = (head & HAS_LAT != 0).then(|| f64::from_bits(r.u64()));
    let lon = (head & HAS_LON != 0).then(|| f64::from_bits(r.u64()));
    let valid: Option<Validity> = (head & HAS_VALID != 0).then(|| {
        let from = (head & HAS_FROM != 0).then(|| r.date());
        let to = (head & HAS_TO != 0).then(|| r.date());
        (from, to)
    });
    Entry {
        id,
        kind,
        name,
        country,
        aliases: Cow::Borrowed(aliases),
        adjectivals: Cow::Borrowed(adjectivals),
        lat,
        lon,
        population: r.u64(),
        valid,
    }
}
