//! The tagger: greedy left-to-right decoding with the compact model.
//!
//! Most features depend on a single token in a fixed position relative to the tagged
//! one (the *role* features of [`super::features`]). Their summed weights — five
//! score vectors per word type, one per role — are computed once per word type and
//! kept in a per-thread cache, so a cached word costs a few vector additions instead
//! of fourteen hash lookups. The bias and the features of the previous two labels
//! are precomputed for every label pair when the tagger is made. Only the pair
//! features and two label features are looked up per tagged position. The result is
//! exactly that of scoring every feature directly (integer sums).

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Error;
use super::features::{
    END, MAX_ROLE_FEATS, N_LABEL_PAIR, N_PAIR, NO_FEATURE, NO_LABEL, ROLES, START, TokenInfo,
    hash_bytes, label_amb_features, label_pair_features, normalize, pair_features, role_features,
    token_info_from,
};
use super::model::{MAX_LABELS, Model, Scores, add_row};
use super::tags::{Tag, Upos};

/// log2 of the number of cache sets (two word types per set).
const CACHE_SET_BITS: usize = 11;
const CACHE_SETS: usize = 1 << CACHE_SET_BITS;
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
    amb: u16,
    dict: u8,
}

/// Reusable buffers for tagging, including a cache of per-word-type scores; one per
/// thread. [`Tagger::tag`] uses a thread-local one; [`Tagger::tag_with`] takes one.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Id of the tagger whose scores are cached.
    owner: u64,
    /// Two-way set-associative cache of word types: entries `2 * set` and
    /// `2 * set + 1`; per entry the hash of the word as written (0 = empty), ...
    keys: Vec<u64>,
    /// ... the word's data ...
    meta: Vec<Meta>,
    /// ... and its summed role features, one score vector per role.
    rows: Vec<[Scores; N_ROLES]>,
    /// Per set: the way used most recently.
    recent: Vec<u8>,
    toks: Vec<TokenInfo>,
    /// Per position: cache index of the token.
    slots: Vec<u32>,
    /// Per position: cache key of the token.
    hashes: Vec<u64>,
    /// Pair feature lookups waiting for their batch: (position, feature key), then
    /// (position, weights handle).
    pending: Vec<(u32, u64)>,
    resolved: Vec<(u32, u32)>,
    /// Per position: summed static scores.
    stat: Vec<Scores>,
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

/// Score vectors precomputed from the model.
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
}

/// Cache key of a word: the hash of its bytes as written (never 0).
#[inline(always)]
fn raw_hash(word: &str) -> u64 {
    hash_bytes(word.as_bytes()) | 1
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

impl Tagger {
    /// Loads a tagger from model bytes (e.g. `include_bytes!("en_ewt.postag")`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        Ok(Tagger::new(Model::from_bytes(bytes)?))
    }

    /// Wraps a model.
    pub fn new(model: Model) -> Tagger {
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
        let tables = Tables {
            xpos: model.labels.iter().map(|l| l.0).collect(),
            upos: model.labels.iter().map(|l| l.1).collect(),
            open_quote: find(Tag::OpenQuote),
            close_quote: find(Tag::CloseQuote),
            boundary,
            label_pairs,
        };
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

    /// Looks `word` (with cache key `h`) up in the cache, filling an entry on a miss,
    /// and returns the entry's index. The cache is keyed by the word as written,
    /// since features see its case.
    #[inline(always)]
    fn cached(&self, word: &str, h: u64, s: &mut Scratch) -> usize {
        let set = (h >> 1) as usize & (CACHE_SETS - 1);
        let (a, b) = (2 * set, 2 * set + 1);
        if s.keys[a] == h {
            s.recent[set] = 0;
            return a;
        }
        if s.keys[b] == h {
            s.recent[set] = 1;
            return b;
        }
        // Miss: replace the way not used most recently.
        let way = 1 - s.recent[set] as usize;
        s.recent[set] = way as u8;
        let idx = 2 * set + way;
        let m = &*self.model;
        normalize(word, &mut s.buf);
        let t = token_info_from(word, &s.buf, hash_bytes(&s.buf), &|k| m.lex(k));
        s.keys[idx] = h;
        s.meta[idx] = Meta {
            word: t.word,
            shape: t.shape,
            amb: t.amb,
            dict: t.dict,
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
        idx
    }

    /// Resolves the feature keys in `s.pending` in two batches (table slots, then
    /// weights; each prefetched ahead, so that cache misses overlap) and adds their
    /// weights to the scores of their positions.
    #[inline(always)]
    fn flush_pending(&self, s: &mut Scratch) {
        let m = &*self.model;
        s.resolved.clear();
        for &(i, k) in &s.pending {
            if let Some(v) = m.lookup(k) {
                m.prefetch_value(v);
                s.resolved.push((i, v));
            }
        }
        s.pending.clear();
        for &(i, v) in &s.resolved {
            m.add_value(v, &mut s.stat[i as usize]);
        }
    }

    #[inline(always)]
    fn decode_impl(&self, words: &[&str], s: &mut Scratch) {
        let m = &*self.model;
        let t = &*self.tables;
        if s.owner != self.id || s.keys.len() != 2 * CACHE_SETS {
            s.owner = self.id;
            s.keys.clear();
            s.keys.resize(2 * CACHE_SETS, 0);
            s.meta.clear();
            s.meta.resize(2 * CACHE_SETS, Meta::default());
            s.rows.clear();
            s.rows.resize(2 * CACHE_SETS, [ZERO; N_ROLES]);
            s.recent.clear();
            s.recent.resize(CACHE_SETS, 0);
        }
        let n = words.len();
        s.toks.clear();
        s.slots.clear();
        s.labels.clear();
        s.stat.clear();
        s.stat.resize(n, ZERO);
        if n == 0 {
            return;
        }

        // Look every token up, filling the cache.
        s.hashes.clear();
        for w in words {
            let h = raw_hash(w);
            let idx = self.cached(w, h, s);
            let e = &s.meta[idx];
            let dict = match *w {
                "“" => t.open_quote,
                "”" => t.close_quote,
                _ => e.dict,
            };
            s.hashes.push(h);
            s.slots.push(idx as u32);
            s.toks.push(TokenInfo {
                word: e.word,
                shape: e.shape,
                dict,
                amb: e.amb,
                ..TokenInfo::default()
            });
        }

        // Each token adds its role rows to the positions it is a neighbour of, where
        // that position needs scoring.
        for (j, w) in words.iter().enumerate() {
            let mut idx = s.slots[j] as usize;
            let h = s.hashes[j];
            if s.keys[idx] != h {
                // Taken over by a later word of this sentence; compute it again.
                idx = self.cached(w, h, s);
            }
            let rows = &s.rows[idx];
            for (r, &off) in ROLES.iter().enumerate() {
                // The token at j is at offset `off` from position j - off.
                let p = j as isize - off;
                if p >= 0 && (p as usize) < n && s.toks[p as usize].dict == NO_LABEL {
                    add_row(&mut s.stat[p as usize], &rows[r]);
                }
            }
        }
        add_row(&mut s.stat[0], &t.boundary[0]);
        for p in 0..n.min(2) {
            add_row(&mut s.stat[p], &t.boundary[1]);
        }
        add_row(&mut s.stat[n - 1], &t.boundary[2]);
        for p in n.saturating_sub(2)..n {
            add_row(&mut s.stat[p], &t.boundary[3]);
        }

        // Pair features of the positions that need scoring, in one batch.
        let mut pk = [0u64; N_PAIR];
        for i in 0..n {
            if s.toks[i].dict == NO_LABEL {
                pair_features(&s.toks, i, &mut pk);
                for &k in pk.iter().filter(|&&k| k != NO_FEATURE) {
                    m.prefetch_key(k);
                    s.pending.push((i as u32, k));
                }
            }
        }
        self.flush_pending(s);

        // Greedy decoding with the label features.
        let nl = m.labels.len();
        let idx = |l: u8| if l == NO_LABEL { nl } else { l as usize };
        let mut lk = [0u64; 2];
        let (mut p1, mut p2) = (NO_LABEL, NO_LABEL);
        for i in 0..n {
            let l = if s.toks[i].dict != NO_LABEL {
                s.toks[i].dict
            } else {
                let mut sc = s.stat[i];
                add_row(&mut sc, &t.label_pairs[idx(p1) * (nl + 1) + idx(p2)]);
                label_amb_features(&s.toks, i, p1, &mut lk);
                m.add_keys(&lk, &mut sc);
                argmax(&sc)
            };
            s.labels.push(l);
            p2 = p1;
            p1 = l;
        }
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
        // A sentence with more distinct words than the cache holds: words evict
        // each other within the sentence.
        let long: Vec<String> = (0..3 * 2 * CACHE_SETS)
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
