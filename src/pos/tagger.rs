//! The tagger: greedy left-to-right decoding with the compact model.
//!
//! Most features depend on a single token in a fixed position relative to the tagged
//! one (the *role* features of [`super::features`]). Their summed weights — five
//! score vectors per word type, one per role — are computed once per word type and
//! kept in a per-thread cache (16-way set-associative, least recently used out),
//! so a cached word costs a few vector additions instead of fourteen hash lookups.
//! The bias and the features of the previous two labels are precomputed for every
//! label pair when the tagger is made. The other features need no hashing per
//! position either: the word pair features come from a per-thread cache of word
//! pairs; the features of ambiguity classes (alone or with the previous label) from
//! tables shared by all threads, filled on first use (there are a few hundred
//! classes), and their sum per position from a per-thread cache of class rows. The result is exactly that of scoring every feature directly (integer
//! sums); `Tagger::decode_direct` does that, and is used when the cache cannot
//! hold all the words of a sentence at once.
//!
//! Memory: about 3.4 MB of caches per thread, 0.7 MB of class tables per tagger.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use super::Error;
use super::features::{
    END, MAX_ROLE_FEATS, N_FEATS, N_LABEL_PAIR, N_PAIR, NO_FEATURE, NO_LABEL, ROLES, START,
    TokenInfo, context_features, hash_bytes, label_amb_keys, label_pair_features, load_tail,
    normalize, pair_keys, role_features, token_info, token_info_from, word_pair_keys,
};
use super::model::{MAX_LABELS, Model, Scores};
use super::tags::{Tag, Upos};

/// log2 of the number of cache sets.
const CACHE_SET_BITS: usize = 8;
const CACHE_SETS: usize = 1 << CACHE_SET_BITS;
/// Entries per cache set.
const WAYS: usize = 16;
/// Cache entries for word types; two more follow them for the boundary pseudo-tokens.
const CACHE_ENTRIES: usize = WAYS * CACHE_SETS;
/// Cache entry of the START pseudo-token (role rows at -1 and -2, zero otherwise).
const START_SLOT: u32 = CACHE_ENTRIES as u32;
/// Cache entry of the END pseudo-token (role rows at +1 and +2, zero otherwise).
const END_SLOT: u32 = CACHE_ENTRIES as u32 + 1;
/// Pseudo-tokens on each side of a sentence in [`Scratch::toks`], so that every
/// position has a full window of [`ROLES`].
const PAD: usize = 2;
const N_ROLES: usize = ROLES.len();
const ZERO: Scores = [0; MAX_LABELS];

/// Source of unique tagger ids (for cache invalidation).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// What the cache keeps of a word type besides its role rows.
#[derive(Clone, Copy, Debug, Default)]
struct Meta {
    /// Hash of the normalized form.
    word: u64,
    shape: u64,
    /// Index of the ambiguity class (see [`Tables::class_index`]).
    class: u16,
    /// Tag-dictionary label (the curly double quotes included), or [`NO_LABEL`].
    dict: u8,
}

/// A token of the sentence being tagged, as the decoder sees it.
#[derive(Clone, Copy, Debug, Default)]
struct Tok {
    /// Hash of the normalized form.
    word: u64,
    /// Cache entry holding the token's role rows.
    slot: u32,
    /// Index of the ambiguity class.
    class: u16,
    dict: u8,
}

/// Keys and rows of the cache of class rows.
type ClassRows = (Vec<u64>, Vec<Scores>);

/// An entry of the cache of word pairs.
#[derive(Clone, Copy, Debug, Default)]
struct WordPair {
    /// [`word_pair_key`] of the two words (0 = empty).
    key: u64,
    /// Weights handles of [`word_pair_keys`].
    handles: [u32; 2],
}

/// log2 of the number of entries of the cache of word pairs.
const WORD_PAIR_BITS: usize = 13;

/// Key of the word pair `(a, b)` (normalized word hashes) in the cache of word
/// pairs; never 0. Like the word cache for long words, this relies on 64-bit hashes
/// not colliding.
#[inline(always)]
fn word_pair_key(a: u64, b: u64) -> u64 {
    let r = (a ^ 0x243F_6A88_85A3_08D3) as u128 * (b ^ 0x1319_8A2E_0370_7344) as u128;
    ((r as u64) ^ (r >> 64) as u64) | 1
}

/// The weights handles of the pair features of adjacent words `a` and `b` (see
/// [`word_pair_keys`]), through `cache`.
#[inline(always)]
fn word_pair(m: &Model, cache: &mut [WordPair], a: u64, b: u64) -> [u32; 2] {
    let key = word_pair_key(a, b);
    let e = &mut cache[(key >> 32) as usize & ((1 << WORD_PAIR_BITS) - 1)];
    if e.key != key {
        let k = word_pair_keys(a, b);
        *e = WordPair {
            key,
            handles: [m.handle(k[0]), m.handle(k[1])],
        };
    }
    e.handles
}

/// Reusable buffers for tagging, including a cache of per-word-type scores; one per
/// thread. [`Tagger::tag`] uses a thread-local one; [`Tagger::tag_with`] takes one.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Id of the tagger whose scores are cached.
    owner: u64,
    /// Set-associative cache of word types: entries `WAYS * set ..`; per entry the
    /// [`cache_key`] of the word as written (0 = empty), ...
    keys: Vec<u64>,
    /// ... the word's data ...
    meta: Vec<Meta>,
    /// ... its summed role features, one score vector per role (two more entries at
    /// the end: [`START_SLOT`] and [`END_SLOT`]) ...
    rows: Vec<[Scores; N_ROLES]>,
    /// ... and when it was used last (a token count; 0 = never).
    used: Vec<u32>,
    /// Tokens looked up so far (the clock of `used`).
    clock: u32,
    /// `clock` at the start of the current sentence.
    sentence_start: u32,
    /// Whether an entry used by the current sentence was evicted by a later word of it.
    evicted: bool,
    /// The sentence's tokens, with [`PAD`] pseudo-tokens on each side.
    toks: Vec<Tok>,
    /// Direct-mapped cache of the summed weights of the features with classes (see
    /// [`Tagger::class_row`]): keys ([`class_row_key`], 0 = empty) and rows.
    class_rows: ClassRows,
    /// Direct-mapped cache of the pair features of adjacent words.
    word_pairs: Vec<WordPair>,
    labels: Vec<u8>,
    buf: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A part-of-speech tagger. Cheap to clone (the model is shared), `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Arc<Model>,
    tables: Arc<Tables>,
    id: u64,
    avx2: bool,
}

/// Score vectors and weights handles precomputed from the model.
#[derive(Debug)]
struct Tables {
    xpos: Vec<Tag>,
    upos: Vec<Upos>,
    open_quote: u8,
    close_quote: u8,
    /// Role rows of the boundary pseudo-tokens: START at -1, START at -2, END at +1,
    /// END at +2.
    boundary: [Scores; 4],
    /// Bias and label pair features for every `(p1, p2)`, label index `n_labels`
    /// standing for [`NO_LABEL`]: row `p1 * (n_labels + 1) + p2`. Lanes of
    /// non-existent labels hold `i16::MIN / 2`, so they never win.
    label_pairs: Vec<Scores>,
    /// Largest ambiguity class id of the model's lexicon.
    max_class: u16,
    /// Number of class indices: the class ids `0..=max_class`, then the classes of
    /// START and END.
    n_classes: usize,
    /// Handle of the class pair feature for class indices `(a, b)`:
    /// `class_pairs[a * n_classes + b]`, [`UNSET`] until first used.
    class_pairs: Vec<AtomicU32>,
    /// Handles of the two label features with classes, for class index `c` and
    /// previous label index `p` ([`NO_LABEL`] as `n_labels`):
    /// `class_labels[2 * (c * (n_labels + 1) + p) + k]`, `k` = 0 with `c` at +1,
    /// `k` = 1 with `c` at 0; [`UNSET`] until first used.
    class_labels: Vec<AtomicU32>,
}

/// A handle not computed yet (never a real handle: dense row numbers are below
/// 2^24 - 1).
const UNSET: u32 = u32::MAX;

impl Tables {
    /// The index of ambiguity class `amb` in the class tables.
    fn class_index(&self, amb: u16) -> u16 {
        match amb {
            a if a == START.amb => self.max_class + 1,
            a if a == END.amb => self.max_class + 2,
            a => a.min(self.max_class),
        }
    }

    /// The ambiguity class of class index `c` (inverse of [`Tables::class_index`]).
    fn class_of(&self, c: u16) -> u16 {
        match c {
            c if c == self.max_class + 1 => START.amb,
            c if c == self.max_class + 2 => END.amb,
            c => c,
        }
    }
}

/// Cache key of a word as written (never 0). A word of 1 to 7 bytes is its bytes,
/// with the length in the top byte: exact, and cheaper than a hash. A longer one is
/// the hash of its bytes with the top bit set, so that the two kinds never meet.
#[inline(always)]
fn cache_key(word: &str) -> u64 {
    let b = word.as_bytes();
    if (1..8).contains(&b.len()) {
        load_tail(b) | (b.len() as u64) << 56
    } else {
        hash_bytes(b) | 1 << 63
    }
}

/// The cache set of cache key `h` (a multiplicative hash: short keys are not
/// hashes).
#[inline(always)]
fn cache_set(h: u64) -> usize {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CACHE_SET_BITS)) as usize
}

/// Index of the highest score (the lowest index among ties), as in training.
/// Branch-free: each lane is packed with its inverted index into an `i32`, so one
/// (vectorized) maximum finds both.
#[inline(always)]
fn argmax(scores: &Scores) -> u8 {
    let mut best = i32::MIN;
    for (k, &x) in scores.iter().enumerate() {
        best = best.max((x as i32) << 8 | (255 - k as i32));
    }
    (255 - (best & 255)) as u8
}

/// Sum of the five role rows of a window and two more rows (one pass, so that
/// the sum can stay in registers).
#[inline(always)]
fn sum_rows(r: [&Scores; N_ROLES], extra: [&Scores; 2]) -> Scores {
    std::array::from_fn(|k| {
        r[0][k]
            .wrapping_add(r[1][k])
            .wrapping_add(r[2][k])
            .wrapping_add(r[3][k])
            .wrapping_add(r[4][k])
            .wrapping_add(extra[0][k])
            .wrapping_add(extra[1][k])
    })
}

/// log2 of the number of entries of the cache of class rows.
const CLASS_ROW_BITS: usize = 12;

/// Key of the class row of class indices `c0` (at 0), `c1` (at +1) and previous
/// label index `p` in the cache of class rows; never 0.
#[inline(always)]
fn class_row_key(c0: u16, c1: u16, p: usize) -> u64 {
    ((c0 as u64) << 24 | (c1 as u64) << 8 | p as u64) + 1
}

impl Tagger {
    /// Loads a tagger from model bytes (e.g. `include_bytes!("en_ewt.postag")`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        Ok(Tagger::new(Model::from_bytes(bytes)?))
    }

    /// Wraps a model.
    pub fn new(model: Model) -> Tagger {
        let tables = Tables::new(&model);
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Tagger {
            model: Arc::new(model),
            tables: Arc::new(tables),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            avx2,
        }
    }

    /// The underlying model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence of tokens, replacing the contents of `out` with one PTB tag
    /// per word. Uses a thread-local [`Scratch`].
    pub fn tag(&self, words: &[&str], out: &mut Vec<Tag>) {
        SCRATCH.with(|s| self.tag_with(words, &mut s.borrow_mut(), out))
    }

    /// Like [`Tagger::tag`] but gives `(PTB tag, UPOS tag)` pairs.
    pub fn tag_upos(&self, words: &[&str], out: &mut Vec<(Tag, Upos)>) {
        SCRATCH.with(|s| {
            let s = &mut s.borrow_mut();
            self.decode(words, s);
            let t = &*self.tables;
            out.clear();
            out.extend(
                s.labels
                    .iter()
                    .map(|&l| (t.xpos[l as usize], t.upos[l as usize])),
            );
        })
    }

    /// Like [`Tagger::tag`] with caller-owned scratch buffers.
    pub fn tag_with(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<Tag>) {
        self.decode(words, scratch);
        out.clear();
        out.extend(scratch.labels.iter().map(|&l| self.tables.xpos[l as usize]));
    }

    /// Fills `s.labels` with label indices for `words`, using AVX2 where available.
    fn decode(&self, words: &[&str], s: &mut Scratch) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: the CPU supports AVX2 (checked when the tagger was made).
            unsafe { self.decode_avx2(words, s) };
            return;
        }
        self.decode_impl(words, s);
    }

    /// [`Tagger::decode_impl`] compiled for AVX2: the score-vector additions are the
    /// hot loop, and 256-bit vectors halve their cost.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn decode_avx2(&self, words: &[&str], s: &mut Scratch) {
        self.decode_impl(words, s);
    }

    /// Empties the cache of `s` if it holds another tagger's scores (or none, or its
    /// clock is about to wrap), and writes the rows of the boundary pseudo-tokens.
    fn claim(&self, s: &mut Scratch, n: usize) {
        let fresh = s.owner == self.id && s.keys.len() == CACHE_ENTRIES;
        if fresh && (s.clock as usize) < u32::MAX as usize - n {
            return;
        }
        s.owner = self.id;
        s.keys.clear();
        s.keys.resize(CACHE_ENTRIES, 0);
        s.meta.clear();
        s.meta.resize(CACHE_ENTRIES, Meta::default());
        s.used.clear();
        s.used.resize(CACHE_ENTRIES, 0);
        s.class_rows.0.clear();
        s.class_rows.0.resize(1 << CLASS_ROW_BITS, 0);
        s.class_rows.1.clear();
        s.class_rows.1.resize(1 << CLASS_ROW_BITS, ZERO);
        s.word_pairs.clear();
        s.word_pairs
            .resize(1 << WORD_PAIR_BITS, WordPair::default());
        s.rows.clear();
        s.rows.resize(CACHE_ENTRIES + 2, [ZERO; N_ROLES]);
        let b = &self.tables.boundary;
        s.rows[START_SLOT as usize] = [ZERO, b[0], b[1], ZERO, ZERO];
        s.rows[END_SLOT as usize] = [ZERO, ZERO, ZERO, b[2], b[3]];
        // Times of use start at 1, so that 0 marks entries never used.
        s.clock = 1;
    }

    /// Looks `word` up in the cache, filling an entry on a miss, and returns the
    /// entry's index. The cache is keyed by the word as written, since features see
    /// its case. A miss replaces the entry of the set used least recently, and sets
    /// `s.evicted` if that entry was used by the current sentence.
    #[inline(always)]
    fn cached(&self, word: &str, s: &mut Scratch) -> usize {
        let h = cache_key(word);
        let base = WAYS * cache_set(h);
        let ways = &s.keys[base..base + WAYS];
        let idx = match ways.iter().position(|&k| k == h) {
            Some(w) => base + w,
            None => {
                let used = &s.used[base..base + WAYS];
                let (w, &last) = used
                    .iter()
                    .enumerate()
                    .min_by_key(|&(_, &u)| u)
                    .expect("WAYS > 0");
                s.evicted |= last >= s.sentence_start;
                self.fill(word, h, base + w, s);
                base + w
            }
        };
        s.used[idx] = s.clock;
        s.clock += 1;
        idx
    }

    /// Fills cache entry `idx` with `word` (cache key `h`), using AVX2 where
    /// available (words not seen before cost more than all other tagging work).
    #[inline(never)]
    fn fill(&self, word: &str, h: u64, idx: usize, s: &mut Scratch) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: the CPU supports AVX2 (checked when the tagger was made).
            unsafe { self.fill_avx2(word, h, idx, s) };
            return;
        }
        self.fill_impl(word, h, idx, s);
    }

    /// [`Tagger::fill_impl`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn fill_avx2(&self, word: &str, h: u64, idx: usize, s: &mut Scratch) {
        self.fill_impl(word, h, idx, s);
    }

    #[inline(always)]
    fn fill_impl(&self, word: &str, h: u64, idx: usize, s: &mut Scratch) {
        let m = &*self.model;
        normalize(word, &mut s.buf);
        let t = token_info_from(word, &s.buf, hash_bytes(&s.buf), &|k| m.lex(k));
        s.keys[idx] = h;
        s.meta[idx] = Meta {
            word: t.word,
            shape: t.shape,
            class: self.tables.class_index(t.amb),
            dict: self.dict_label(word, t.dict),
        };
        let rows = &mut s.rows[idx];
        rows.as_flattened_mut().fill(0);
        // All keys first (prefetching their slots), then the lookups.
        let mut keys = [[0u64; MAX_ROLE_FEATS]; N_ROLES];
        let mut counts = [0usize; N_ROLES];
        for r in 0..N_ROLES {
            counts[r] = role_features(&t, r, &mut keys[r]);
            for &k in &keys[r][..counts[r]] {
                m.prefetch_key(k);
            }
        }
        for (r, row) in rows.iter_mut().enumerate() {
            for &k in &keys[r][..counts[r]] {
                m.add_scores(k, row);
            }
        }
    }

    /// The label `word` gets without scoring: the curly double quotes are always
    /// quotes (the training data has only straight ones), other words get their
    /// tag-dictionary label `dict` ([`NO_LABEL`] for none).
    fn dict_label(&self, word: &str, dict: u8) -> u8 {
        match word {
            "“" => self.tables.open_quote,
            "”" => self.tables.close_quote,
            _ => dict,
        }
    }

    #[inline(always)]
    fn decode_impl(&self, words: &[&str], s: &mut Scratch) {
        let n = words.len();
        self.claim(s, n);
        s.labels.clear();
        if n == 0 {
            return;
        }
        s.sentence_start = s.clock;
        s.evicted = false;
        self.lookup_tokens(words, s);
        if s.evicted {
            // A word's cached rows were replaced by a later word of the sentence
            // (rare: more than `WAYS` words of one sentence in one set).
            self.decode_direct(words, s);
            return;
        }
        self.greedy(s);
    }

    /// Looks every token up in the cache and fills `s.toks` (with the padding).
    #[inline(never)]
    fn lookup_tokens(&self, words: &[&str], s: &mut Scratch) {
        let t = &*self.tables;
        let pad = |tok: &TokenInfo, slot| Tok {
            word: tok.word,
            slot,
            class: t.class_index(tok.amb),
            dict: NO_LABEL,
        };
        s.toks.clear();
        s.toks.extend([pad(&START, START_SLOT); PAD]);
        for w in words {
            let idx = self.cached(w, s);
            let e = &s.meta[idx];
            s.toks.push(Tok {
                word: e.word,
                slot: idx as u32,
                class: e.class,
                dict: e.dict,
            });
        }
        s.toks.extend([pad(&END, END_SLOT); PAD]);
    }

    /// Greedy left-to-right decoding. A position that needs scoring adds the role
    /// rows of its window, the label pair row, its pair features (the word pairs
    /// through the cache of word pairs, the class pair from its table) and the label
    /// features with classes.
    #[inline(always)]
    fn greedy(&self, s: &mut Scratch) {
        let m = &*self.model;
        let t = &*self.tables;
        let nl = m.labels.len();
        let idx = |l: u8| if l == NO_LABEL { nl } else { l as usize };
        let n = s.toks.len() - 2 * PAD;
        let (mut p1, mut p2) = (NO_LABEL, NO_LABEL);
        // The shape feature of the first position.
        let first = &s.toks[PAD];
        let mut shape = 0;
        if first.dict == NO_LABEL {
            let mut keys = [NO_FEATURE; N_PAIR];
            pair_keys(
                [0; 3],
                [0; 2],
                Some(s.meta[first.slot as usize].shape),
                &mut keys,
            );
            shape = m.handle(keys[0]);
        }
        // Handle of the word pair feature of position i with the word at i - 1.
        let mut left = 0;
        if first.dict == NO_LABEL {
            left = word_pair(m, &mut s.word_pairs, s.toks[PAD - 1].word, first.word)[1];
        }
        for i in 0..n {
            let w = &s.toks[i..i + 2 * PAD + 1];
            let (here, next) = (&w[PAD], &w[PAD + 1]);
            let needed = here.dict == NO_LABEL;
            let next_needed = i + 1 < n && next.dict == NO_LABEL;
            let [right, next_left] = if needed || next_needed {
                word_pair(m, &mut s.word_pairs, here.word, next.word)
            } else {
                [0, 0]
            };
            let l = if !needed {
                here.dict
            } else {
                let cr = self.class_row(&mut s.class_rows, here.class, next.class, p1);
                let row = |k: usize, r: usize| &s.rows[w[k].slot as usize][r];
                let lp = &t.label_pairs[idx(p1) * (nl + 1) + idx(p2)];
                let roles = [row(2, 0), row(1, 1), row(0, 2), row(3, 3), row(4, 4)];
                let mut sc = sum_rows(roles, [lp, &s.class_rows.1[cr]]);
                for v in [shape, right, left] {
                    if v != 0 {
                        m.add_value(v, &mut sc);
                    }
                }
                shape = 0;
                argmax(&sc)
            };
            left = next_left;
            s.labels.push(l);
            p2 = p1;
            p1 = l;
        }
    }

    /// The index in `cache` of the summed weights of the features with ambiguity
    /// classes of a position: the class pair (class indices `c0` at 0, `c1` at +1)
    /// and the two label features with the previous label `p1`. Computed on a miss.
    #[inline(always)]
    fn class_row(&self, cache: &mut ClassRows, c0: u16, c1: u16, p1: u8) -> usize {
        let m = &*self.model;
        let t = &*self.tables;
        let p = if p1 == NO_LABEL {
            t.xpos.len()
        } else {
            p1 as usize
        };
        let key = class_row_key(c0, c1, p);
        let i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CLASS_ROW_BITS)) as usize;
        if cache.0[i] != key {
            cache.0[i] = key;
            let row = &mut cache.1[i];
            *row = ZERO;
            let handles = [
                t.class_pair(m, c0, c1),
                t.class_label(m, c1, p1, 0),
                t.class_label(m, c0, p1, 1),
            ];
            for v in handles {
                if v != 0 {
                    m.add_value(v, row);
                }
            }
        }
        i
    }

    /// Decodes by scoring every feature key directly, without the cache: the
    /// reference the cached decoding must equal, and the fallback when the cache
    /// cannot hold a sentence's words at once.
    fn decode_direct(&self, words: &[&str], s: &mut Scratch) {
        let m = &*self.model;
        let toks: Vec<TokenInfo> = words
            .iter()
            .map(|w| {
                let t = token_info(w, &mut s.buf, &|h| m.lex(h));
                TokenInfo {
                    dict: self.dict_label(w, t.dict),
                    ..t
                }
            })
            .collect();
        let nl = m.labels.len();
        let (mut p1, mut p2) = (NO_LABEL, NO_LABEL);
        let mut f = [0u64; N_FEATS];
        s.labels.clear();
        for i in 0..toks.len() {
            let l = if toks[i].dict != NO_LABEL {
                toks[i].dict
            } else {
                context_features(&toks, i, p1, p2, &mut f);
                let mut sc = ZERO;
                m.add_keys(&f, &mut sc);
                (0..nl).fold(0, |b, k| if sc[k] > sc[b] { k } else { b }) as u8
            };
            s.labels.push(l);
            p2 = p1;
            p1 = l;
        }
    }
}

impl Tables {
    fn new(model: &Model) -> Tables {
        let find = |t: Tag| {
            model
                .labels
                .iter()
                .position(|&(x, u)| x == t && u == Upos::PUNCT)
                .map_or(NO_LABEL, |p| p as u8)
        };
        let mut boundary = [ZERO; 4];
        let mut keys = [0u64; MAX_ROLE_FEATS];
        for (row, (tok, role)) in
            boundary
                .iter_mut()
                .zip([(&START, 1), (&START, 2), (&END, 3), (&END, 4)])
        {
            let c = role_features(tok, role, &mut keys);
            model.add_keys(&keys[..c], row);
        }
        let nl = model.labels.len();
        let lab = |k: usize| if k == nl { NO_LABEL } else { k as u8 };
        let mut label_pairs = vec![ZERO; (nl + 1) * (nl + 1)];
        let mut pk = [0u64; N_LABEL_PAIR];
        for (k, row) in label_pairs.iter_mut().enumerate() {
            label_pair_features(lab(k / (nl + 1)), lab(k % (nl + 1)), &mut pk);
            model.add_keys(&pk, row);
            // Sums of the other features stay within +-(i16::MAX / 2) (see the
            // quantization in training), so these lanes stay below any real score.
            row[nl..].fill(i16::MIN / 2);
        }
        let max_class = model.max_class();
        let n_classes = max_class as usize + 3;
        let unset = |n| (0..n).map(|_| AtomicU32::new(UNSET)).collect();
        Tables {
            xpos: model.labels.iter().map(|l| l.0).collect(),
            upos: model.labels.iter().map(|l| l.1).collect(),
            open_quote: find(Tag::OpenQuote),
            close_quote: find(Tag::CloseQuote),
            boundary,
            label_pairs,
            max_class,
            n_classes,
            class_pairs: unset(n_classes * n_classes),
            class_labels: unset(2 * n_classes * (nl + 1)),
        }
    }

    /// Handle of the class pair feature for class indices `a` (at 0) and `b` (at +1).
    /// Computed on first use; threads that race store the same value.
    #[inline(always)]
    fn class_pair(&self, m: &Model, a: u16, b: u16) -> u32 {
        let cell = &self.class_pairs[a as usize * self.n_classes + b as usize];
        let v = cell.load(Ordering::Relaxed);
        if v != UNSET {
            return v;
        }
        let mut k = [0u64; N_PAIR];
        pair_keys([0; 3], [self.class_of(a), self.class_of(b)], None, &mut k);
        let v = m.handle(k[3]);
        cell.store(v, Ordering::Relaxed);
        v
    }

    /// Handle of the label feature with class index `c` and previous label `p1`:
    /// with `c` at +1 if `k` is 0, at 0 if `k` is 1. Computed on first use.
    #[inline(always)]
    fn class_label(&self, m: &Model, c: u16, p1: u8, k: usize) -> u32 {
        let nl = self.xpos.len();
        let p = if p1 == NO_LABEL { nl } else { p1 as usize };
        let cell = &self.class_labels[2 * (c as usize * (nl + 1) + p) + k];
        let v = cell.load(Ordering::Relaxed);
        if v != UNSET {
            return v;
        }
        let amb = self.class_of(c);
        let mut lk = [0u64; 2];
        if k == 0 {
            label_amb_keys(0, amb, p1, &mut lk);
        } else {
            label_amb_keys(amb, 0, p1, &mut lk);
        }
        let v = m.handle(lk[k]);
        cell.store(v, Ordering::Relaxed);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::super::conllu::LabelledSentence;
    use super::super::features::{N_FEATS, context_features, token_info};
    use super::super::train::{TrainConfig, train_sentences};
    use super::*;

    #[test]
    fn tagger_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tagger>();
    }

    #[test]
    fn rejects_garbage() {
        assert!(Tagger::from_bytes(b"garbage").is_err());
    }

    /// Pseudo-random words and a toy grammar, to get a model with many features.
    fn toy_data() -> Vec<LabelledSentence> {
        let mut x: u64 = 42;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut out = Vec::new();
        for _ in 0..300 {
            let mut s = LabelledSentence::default();
            for _ in 0..(3 + next() % 12) {
                let r = next();
                let (w, l) = match r % 5 {
                    0 => ("the".to_string(), (Tag::DT, Upos::DET)),
                    1 => (format!("w{}s", r % 40), (Tag::NNS, Upos::NOUN)),
                    2 => (format!("V{}ed", r % 30), (Tag::VBD, Upos::VERB)),
                    3 => (format!("n{}", r % 50), (Tag::NN, Upos::NOUN)),
                    _ => (",".to_string(), (Tag::Comma, Upos::PUNCT)),
                };
                s.forms.push(w);
                s.labels.push(l);
            }
            out.push(s);
        }
        out
    }

    /// Decodes by scoring every feature key directly (no caches, no precomputation).
    fn direct(m: &Model, words: &[&str]) -> Vec<u8> {
        let mut buf = Vec::new();
        let toks: Vec<TokenInfo> = words
            .iter()
            .map(|w| token_info(w, &mut buf, &|h| m.lex(h)))
            .collect();
        let (mut p1, mut p2) = (NO_LABEL, NO_LABEL);
        let mut f = [0u64; N_FEATS];
        let mut out = Vec::new();
        for i in 0..toks.len() {
            let l = if toks[i].dict != NO_LABEL {
                toks[i].dict
            } else {
                context_features(&toks, i, p1, p2, &mut f);
                let mut sc = ZERO;
                m.add_keys(&f, &mut sc);
                let nl = m.labels.len();
                (0..nl).fold(0, |b, k| if sc[k] > sc[b] { k } else { b }) as u8
            };
            out.push(l);
            p2 = p1;
            p1 = l;
        }
        out
    }

    #[test]
    fn cached_decoding_equals_direct_scoring() {
        let cfg = TrainConfig {
            iterations: 3,
            label_min_count: 1,
            dict_min_count: 10,
            prune: 0.0,
            ..TrainConfig::default()
        };
        let data = toy_data();
        let model = train_sentences(&data, &cfg).unwrap();
        let tagger = Tagger::new(model.clone());
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let label = |t: (Tag, Upos)| model.labels.iter().position(|&l| l == t).unwrap() as u8;
        for s in data.iter().take(50) {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            tagger.tag_upos(&words, &mut out);
            let got: Vec<u8> = out.iter().map(|&t| label(t)).collect();
            assert_eq!(got, direct(&model, &words));
            let mut tags = Vec::new();
            tagger.tag_with(&words, &mut scratch, &mut tags);
            assert_eq!(tags, out.iter().map(|t| t.0).collect::<Vec<_>>());
        }
        // More distinct words than the cache holds, over many sentences: entries
        // and word pairs are replaced between sentences.
        let many: Vec<String> = (0..3 * CACHE_ENTRIES)
            .map(|k| format!("y{k}{}", ["ed", "s", ""][k % 3]))
            .collect();
        for (k, chunk) in many.chunks(7).enumerate() {
            let mut words: Vec<&str> = chunk.iter().map(String::as_str).collect();
            words.insert(k % (words.len() + 1), "the");
            let got = out_labels(&tagger, &words, &mut scratch);
            assert_eq!(got, direct(&model, &words), "sentence {k}");
        }
        // A sentence with more distinct words than the cache holds: words evict
        // each other within the sentence.
        let long: Vec<String> = (0..3 * CACHE_ENTRIES)
            .map(|k| format!("x{k}{}", if k % 3 == 0 { "ed" } else { "s" }))
            .collect();
        let words: Vec<&str> = long.iter().map(String::as_str).collect();
        tagger.tag_upos(&words, &mut out);
        let got: Vec<u8> = out.iter().map(|&t| label(t)).collect();
        assert_eq!(got, direct(&model, &words));
        // Edge cases.
        tagger.tag(&[], &mut Vec::new());
        let mut one = Vec::new();
        tagger.tag(&["the"], &mut one);
        assert_eq!(one, [Tag::DT]);
    }

    /// The label indices `tagger` gives `words`, with caller-owned scratch.
    fn out_labels(tagger: &Tagger, words: &[&str], scratch: &mut Scratch) -> Vec<u8> {
        tagger.decode(words, scratch);
        scratch.labels.clone()
    }

    fn toy_tagger() -> (Model, Tagger) {
        let cfg = TrainConfig {
            iterations: 2,
            label_min_count: 1,
            prune: 0.0,
            ..TrainConfig::default()
        };
        let model = train_sentences(&toy_data(), &cfg).unwrap();
        (model.clone(), Tagger::new(model))
    }

    #[test]
    fn eviction_within_a_sentence_falls_back_to_direct_scoring() {
        let (model, tagger) = toy_tagger();
        // WAYS + 1 words of one cache set, in one sentence.
        let set = |w: &str| cache_set(cache_key(w));
        let same: Vec<String> = (0..)
            .map(|k| format!("z{k}s"))
            .filter(|w| set(w) == 7)
            .take(WAYS + 1)
            .collect();
        let mut words: Vec<&str> = vec!["the"];
        words.extend(same.iter().map(String::as_str));
        words.push(",");
        let mut scratch = Scratch::default();
        let got = out_labels(&tagger, &words, &mut scratch);
        assert!(scratch.evicted);
        assert_eq!(got, direct(&model, &words));
        // Fewer words of the set fit; the next sentence uses the cache again.
        let got = out_labels(&tagger, &words[..WAYS], &mut scratch);
        assert!(!scratch.evicted);
        assert_eq!(got, direct(&model, &words[..WAYS]));
    }

    #[test]
    fn class_rows_sum_their_features() {
        let (model, tagger) = toy_tagger();
        let t = &*tagger.tables;
        assert!(t.n_classes > 5, "the toy lexicon has several classes");
        let mut s = Scratch::default();
        tagger.claim(&mut s, 0);
        let labels = (0..model.labels.len() as u8).chain([NO_LABEL]);
        let (mut k, mut lk) = ([0u64; N_PAIR], [0u64; 2]);
        // Twice, so that the second round finds some rows cached, others replaced.
        for _ in 0..2 {
            for p1 in labels.clone() {
                for c0 in 0..t.n_classes as u16 {
                    for c1 in 0..t.n_classes as u16 {
                        let (a0, a1) = (t.class_of(c0), t.class_of(c1));
                        let mut want = ZERO;
                        pair_keys([0; 3], [a0, a1], None, &mut k);
                        model.add_scores(k[3], &mut want);
                        label_amb_keys(a0, a1, p1, &mut lk);
                        model.add_keys(&lk, &mut want);
                        let i = tagger.class_row(&mut s.class_rows, c0, c1, p1);
                        assert_eq!(s.class_rows.1[i], want, "{c0} {c1} {p1}");
                    }
                }
            }
        }
    }

    #[test]
    fn cache_is_reset_before_its_clock_wraps() {
        let (model, tagger) = toy_tagger();
        let words = ["the", "w3s", "V4ed", "n7", ",", "the", "n8"];
        let mut scratch = Scratch::default();
        let want = direct(&model, &words);
        assert_eq!(out_labels(&tagger, &words, &mut scratch), want);
        scratch.clock = u32::MAX - 3;
        assert_eq!(out_labels(&tagger, &words, &mut scratch), want);
        assert!(scratch.clock < 100);
        // Another tagger's scratch is claimed, not reused.
        let (_, other) = toy_tagger();
        assert_eq!(out_labels(&other, &words, &mut scratch), want);
        assert_eq!(scratch.owner, other.id);
    }

    #[test]
    fn curly_double_quotes_get_quote_tags() {
        let mut data = toy_data();
        for s in data.iter_mut().take(40) {
            s.forms.insert(0, "\"".into());
            s.labels.insert(0, (Tag::OpenQuote, Upos::PUNCT));
            s.forms.push("\"".into());
            s.labels.push((Tag::CloseQuote, Upos::PUNCT));
        }
        let cfg = TrainConfig {
            iterations: 2,
            label_min_count: 1,
            ..TrainConfig::default()
        };
        let tagger = Tagger::new(train_sentences(&data, &cfg).unwrap());
        let mut out = Vec::new();
        tagger.tag(&["“", "the", "n1", "”"], &mut out);
        assert_eq!(out[0], Tag::OpenQuote);
        assert_eq!(out[3], Tag::CloseQuote);
    }
}
