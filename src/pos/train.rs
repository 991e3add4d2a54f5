//! Averaged-perceptron training (greedy left-to-right, Honnibal-style).
//!
//! Steps: choose the label inventory (joint XPOS+UPOS pairs), build the lexicon and
//! tag dictionary from counts, run `iterations` epochs over the sentences in an order
//! shuffled by a seeded SplitMix64 generator, average the weights, prune small ones,
//! quantize to `i16` and build a [`Model`]. Everything is deterministic: the same data,
//! configuration and seed give the same model bytes.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::hash::IdHasher;

use super::Error;
use super::conllu::{AlignStats, GoldSentence, LabelledSentence, read_files};
use super::features::{
    LexEntry, MAX_CLASS, N_FEATS, NO_FEATURE, NO_LABEL, TokenInfo, context_features, dict_key,
    hash_bytes, normalize, token_info,
};
use super::model::{Label, MAX_LABELS, Model};
use super::tags::{Tag, Upos};

/// Training settings. [`TrainConfig::default`] gives the shipped model's settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Number of passes over the data.
    pub iterations: usize,
    /// Seed of the shuffling generator.
    pub seed: u64,
    /// Predict joint XPOS+UPOS labels (otherwise UPOS is the XPOS's default).
    pub joint_upos: bool,
    /// Keep an (XPOS, UPOS) pair as its own label only if seen this often.
    pub label_min_count: usize,
    /// Words seen this often enter the lexicon (most-frequent-label feature).
    pub lex_min_count: u32,
    /// Words seen at least this often ...
    pub dict_min_count: u32,
    /// ... with this share of one label are tagged by dictionary, without scoring.
    pub dict_min_ratio: f64,
    /// Averaged weights with a smaller magnitude are dropped.
    pub prune: f64,
    /// Also train on the gold (EWT) tokenization of sentences our tokenizer changes.
    pub add_gold_tokenization: bool,
    /// Folds for jackknifed lexicon features (1 = none).
    pub jackknife_folds: usize,
    /// A PTB tag belongs to a word's ambiguity class if it has this share of its uses.
    pub amb_min_share: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            iterations: 8,
            seed: 1,
            joint_upos: true,
            label_min_count: 20,
            lex_min_count: 1,
            dict_min_count: 20,
            dict_min_ratio: 0.98,
            prune: 0.05,
            add_gold_tokenization: true,
            jackknife_folds: 10,
            amb_min_share: 0.05,
        }
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// SplitMix64 generator (deterministic shuffling).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Reads CoNLL-U files and trains a model with default settings, the given number of
/// iterations and seed.
pub fn train<P: AsRef<std::path::Path>>(
    conllu_paths: &[P],
    iterations: usize,
    seed: u64,
) -> Result<Model, Error> {
    let gold = read_files(conllu_paths)?;
    let cfg = TrainConfig {
        iterations,
        seed,
        ..TrainConfig::default()
    };
    let (sents, _) = training_sentences(&gold, &cfg);
    train_sentences(&sents, &cfg)
}

/// Turns gold sentences into training sentences (retokenized, plus the gold
/// tokenization where it differs if so configured).
pub fn training_sentences(
    gold: &[GoldSentence],
    cfg: &TrainConfig,
) -> (Vec<LabelledSentence>, AlignStats) {
    let mut stats = AlignStats::default();
    let mut out = Vec::with_capacity(gold.len());
    for g in gold {
        let r = g.retokenized(&mut stats);
        if cfg.add_gold_tokenization {
            let gt = g.gold_tokens();
            if gt.forms != r.forms {
                out.push(gt);
            }
        }
        out.push(r);
    }
    (out, stats)
}

#[derive(Clone, Copy)]
struct Param {
    label: u8,
    w: i32,
    total: i64,
    stamp: u32,
}

/// Perceptron weights during training.
#[derive(Default)]
struct Weights {
    index: IdMap<u32>,
    params: Vec<Vec<Param>>,
}

impl Weights {
    fn score(&self, feats: &[u64; N_FEATS], scores: &mut [i64]) {
        scores.fill(0);
        for f in feats {
            if *f == NO_FEATURE {
                continue;
            }
            if let Some(&k) = self.index.get(f) {
                for p in &self.params[k as usize] {
                    scores[p.label as usize] += p.w as i64;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64; N_FEATS], truth: u8, guess: u8, now: u32) {
        for &f in feats {
            if f == NO_FEATURE {
                continue;
            }
            let next = self.params.len() as u32;
            let k = *self.index.entry(f).or_insert(next) as usize;
            if k == self.params.len() {
                self.params.push(Vec::new());
            }
            let ps = &mut self.params[k];
            for (label, delta) in [(truth, 1), (guess, -1)] {
                let p = match ps.iter().position(|p| p.label == label) {
                    Some(i) => &mut ps[i],
                    None => {
                        ps.push(Param {
                            label,
                            w: 0,
                            total: 0,
                            stamp: now,
                        });
                        ps.last_mut().expect("just pushed")
                    }
                };
                p.total += (now - p.stamp) as i64 * p.w as i64;
                p.stamp = now;
                p.w += delta;
            }
        }
    }

    /// Averaged weights per feature, sorted by feature key.
    fn averaged(&self, now: u32) -> Vec<(u64, Vec<(u8, f64)>)> {
        let mut out: Vec<(u64, Vec<(u8, f64)>)> = self
            .index
            .iter()
            .map(|(&key, &k)| {
                let mut ws: Vec<(u8, f64)> = self.params[k as usize]
                    .iter()
                    .map(|p| {
                        let total = p.total + (now - p.stamp) as i64 * p.w as i64;
                        (p.label, total as f64 / now.max(1) as f64)
                    })
                    .collect();
                ws.sort_by_key(|&(l, _)| l);
                (key, ws)
            })
            .collect();
        out.sort_unstable_by_key(|&(k, _)| k);
        out
    }
}

/// Chooses the label inventory and maps every gold pair to a label index.
fn label_inventory(
    sents: &[LabelledSentence],
    cfg: &TrainConfig,
) -> (Vec<Label>, HashMap<Label, u8>) {
    let mut counts: HashMap<Label, usize> = HashMap::new();
    for s in sents {
        for &l in &s.labels {
            *counts.entry(l).or_default() += 1;
        }
    }
    let mut pairs: Vec<(Label, usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Best UPOS per XPOS.
    let mut best: HashMap<Tag, Upos> = HashMap::new();
    for &((x, u), _) in &pairs {
        best.entry(x).or_insert(u);
    }
    let mut labels: Vec<Label> = Vec::new();
    for &((x, u), c) in &pairs {
        let keep = if cfg.joint_upos {
            c >= cfg.label_min_count || best[&x] == u
        } else {
            best[&x] == u
        };
        if keep {
            labels.push((x, u));
        }
    }
    // At most MAX_LABELS labels: drop the rarest pairs that are not an XPOS's best.
    while labels.len() > MAX_LABELS {
        let k = labels
            .iter()
            .rposition(|&(x, u)| best[&x] != u)
            .expect("fewer XPOS tags than MAX_LABELS");
        labels.remove(k);
    }
    let index: HashMap<Label, u8> = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| (l, i as u8))
        .collect();
    let mut map = index.clone();
    for &(l, _) in &pairs {
        map.entry(l).or_insert(index[&(l.0, best[&l.0])]);
    }
    (labels, map)
}

/// Lexicon entries: (key, entry).
type Lexicon = Vec<(u64, LexEntry)>;

/// A lexicon entry before class ids are assigned.
#[derive(Clone, Copy)]
struct RawEntry {
    /// Set of PTB tags (bit = `Tag as u8`).
    amb: u64,
}

fn best(c: &[u32]) -> (usize, u32) {
    let (i, &n) = c
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .expect("labels");
    (i, n)
}

/// Tag-dictionary label from the label counts of a word as written, if it is
/// frequent and unambiguous enough.
fn dict_from_counts(c: &[u32], cfg: &TrainConfig) -> Option<u8> {
    let total: u32 = c.iter().sum();
    let (top, n) = best(c);
    (total >= cfg.dict_min_count && n as f64 / total as f64 >= cfg.dict_min_ratio)
        .then_some(top as u8)
}

/// Lexicon entry (ambiguity class) from the label counts `c` of a normalized form.
fn entry_from_counts(c: &[u32], labels: &[Label], cfg: &TrainConfig) -> Option<RawEntry> {
    let total: u32 = c.iter().sum();
    if total < cfg.lex_min_count.max(1) {
        return None;
    }
    let mut amb = 0u64;
    for (l, &n) in c.iter().enumerate() {
        if n > 0 && n as f64 >= cfg.amb_min_share * total as f64 {
            amb |= 1 << (labels[l].0 as u64);
        }
    }
    Some(RawEntry { amb })
}

/// Builds the model's lexicon (from all training counts) and
/// the training tokens' features (lexicon information jackknifed: taken from the
/// other folds' counts, so that rare training words look as unknown as rare test
/// words do).
fn build_lexicon(
    sents: &[LabelledSentence],
    gold: &[Vec<u8>],
    nl: usize,
    labels: &[Label],
    cfg: &TrainConfig,
) -> Result<(Lexicon, Vec<Vec<TokenInfo>>), Error> {
    let folds = cfg.jackknife_folds.max(1);
    let mut buf = Vec::new();
    let hashes: Vec<Vec<u64>> = sents
        .iter()
        .map(|s| {
            s.forms
                .iter()
                .map(|w| {
                    normalize(w, &mut buf);
                    hash_bytes(&buf)
                })
                .collect()
        })
        .collect();
    let mut total: IdMap<Vec<u32>> = IdMap::default();
    let mut per_fold: Vec<IdMap<Vec<u32>>> = (0..folds).map(|_| IdMap::default()).collect();
    for (si, (hs, g)) in hashes.iter().zip(gold).enumerate() {
        for (&h, &l) in hs.iter().zip(g) {
            total.entry(h).or_insert_with(|| vec![0; nl])[l as usize] += 1;
            if folds > 1 {
                per_fold[si % folds].entry(h).or_insert_with(|| vec![0; nl])[l as usize] += 1;
            }
        }
    }
    let mut keys: Vec<u64> = total.keys().copied().collect();
    keys.sort_unstable();
    let full: Vec<(u64, RawEntry)> = keys
        .iter()
        .filter_map(|&h| entry_from_counts(&total[&h], labels, cfg).map(|e| (h, e)))
        .collect();
    // Jackknifed entries per fold.
    let mut fold_maps: Vec<IdMap<RawEntry>> = Vec::new();
    if folds > 1 {
        for fc in &per_fold {
            let mut m = IdMap::default();
            let mut c = vec![0u32; nl];
            for &h in &keys {
                let t = &total[&h];
                c.copy_from_slice(t);
                if let Some(f) = fc.get(&h) {
                    for (a, b) in c.iter_mut().zip(f) {
                        *a -= b;
                    }
                }
                if let Some(e) = entry_from_counts(&c, labels, cfg) {
                    m.insert(h, e);
                }
            }
            fold_maps.push(m);
        }
    }
    // Class ids: canonical (sorted) order of all sets that occur.
    let mut ambs: Vec<u64> = full.iter().map(|e| e.1.amb).collect();
    for m in &fold_maps {
        ambs.extend(m.values().map(|e| e.amb));
    }
    ambs.sort_unstable();
    ambs.dedup();
    if ambs.len() > MAX_CLASS as usize {
        return Err(Error::Format("too many word classes"));
    }
    let to_entry = |e: RawEntry| LexEntry {
        dict: NO_LABEL,
        amb: (ambs.binary_search(&e.amb).expect("known set") + 1) as u16,
    };
    let mut lexicon: Vec<(u64, LexEntry)> = full.iter().map(|&(h, e)| (h, to_entry(e))).collect();

    // The tag dictionary, keyed by the word as written (so that `march` is not
    // tagged like `March`), from all training counts.
    let mut raw_counts: IdMap<Vec<u32>> = IdMap::default();
    for (s, g) in sents.iter().zip(gold) {
        for (w, &l) in s.forms.iter().zip(g) {
            let k = dict_key(hash_bytes(w.as_bytes()));
            raw_counts.entry(k).or_insert_with(|| vec![0; nl])[l as usize] += 1;
        }
    }
    let mut dict: Vec<(u64, LexEntry)> = raw_counts
        .iter()
        .filter_map(|(&k, c)| dict_from_counts(c, cfg).map(|d| (k, LexEntry { dict: d, amb: 0 })))
        .collect();
    dict.sort_unstable_by_key(|e| e.0);
    let dict_map: IdMap<LexEntry> = dict.iter().copied().collect();
    lexicon.extend(dict);
    let full_map: IdMap<LexEntry> = lexicon.iter().copied().collect();
    let infos = sents
        .iter()
        .enumerate()
        .map(|(si, s)| {
            s.forms
                .iter()
                .map(|w| {
                    if folds > 1 {
                        let m = &fold_maps[si % folds];
                        token_info(w, &mut buf, &|h| {
                            m.get(&h)
                                .map(|&e| to_entry(e))
                                .or_else(|| dict_map.get(&h).copied())
                        })
                    } else {
                        token_info(w, &mut buf, &|h| full_map.get(&h).copied())
                    }
                })
                .collect()
        })
        .collect();
    Ok((lexicon, infos))
}

/// Trains a model on labelled sentences.
pub fn train_sentences(sents: &[LabelledSentence], cfg: &TrainConfig) -> Result<Model, Error> {
    if sents.iter().all(|s| s.forms.is_empty()) {
        return Err(Error::Format("no training data"));
    }
    let (labels, map) = label_inventory(sents, cfg);
    let nl = labels.len();
    if nl > MAX_LABELS {
        return Err(Error::Format("too many labels"));
    }
    let gold: Vec<Vec<u8>> = sents
        .iter()
        .map(|s| s.labels.iter().map(|l| map[l]).collect())
        .collect();

    let (lexicon, infos) = build_lexicon(sents, &gold, nl, &labels, cfg)?;

    let mut weights = Weights::default();
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = SplitMix(cfg.seed);
    let mut now: u32 = 0;
    let mut feats = [0u64; N_FEATS];
    let mut scores = vec![0i64; nl];
    for _ in 0..cfg.iterations {
        rng.shuffle(&mut order);
        for &si in &order {
            let toks = &infos[si];
            let (mut p1, mut p2) = (NO_LABEL, NO_LABEL);
            for i in 0..toks.len() {
                now += 1;
                let truth = gold[si][i];
                let guess = if toks[i].dict != NO_LABEL {
                    toks[i].dict
                } else {
                    context_features(toks, i, p1, p2, &mut feats);
                    weights.score(&feats, &mut scores);
                    let guess = argmax(&scores);
                    if guess != truth {
                        weights.update(&feats, truth, guess, now);
                    }
                    guess
                };
                p2 = p1;
                p1 = guess;
            }
        }
    }

    let averaged = weights.averaged(now.max(1));
    let max = averaged
        .iter()
        .flat_map(|(_, ws)| ws.iter().map(|w| w.1.abs()))
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let scale = (i16::MAX as usize / N_FEATS) as f64 / max;
    let features: Vec<(u64, Vec<(u8, i16)>)> = averaged
        .into_iter()
        .map(|(k, ws)| {
            let q: Vec<(u8, i16)> = ws
                .into_iter()
                .filter(|w| w.1.abs() >= cfg.prune)
                .map(|(l, w)| (l, (w * scale).round() as i16))
                .filter(|w| w.1 != 0)
                .collect();
            (k, q)
        })
        .filter(|(_, q)| !q.is_empty())
        .collect();
    Model::build(labels, scale as f32, &lexicon, &features)
}

/// Index of the highest score (the lowest index among ties).
#[inline]
pub(crate) fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> u8 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = i;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use super::super::tagger::Tagger;
    use super::*;

    fn sent(pairs: &[(&str, Tag, Upos)]) -> LabelledSentence {
        LabelledSentence {
            forms: pairs.iter().map(|p| p.0.to_string()).collect(),
            labels: pairs.iter().map(|p| (p.1, p.2)).collect(),
        }
    }

    fn tiny() -> Vec<LabelledSentence> {
        use Tag::*;
        use Upos as U;
        let mut v = Vec::new();
        for _ in 0..5 {
            v.push(sent(&[
                ("the", DT, U::DET),
                ("dog", NN, U::NOUN),
                ("barks", VBZ, U::VERB),
            ]));
            v.push(sent(&[
                ("a", DT, U::DET),
                ("cat", NN, U::NOUN),
                ("sleeps", VBZ, U::VERB),
            ]));
            v.push(sent(&[("dogs", NNS, U::NOUN), ("bark", VBP, U::VERB)]));
            v.push(sent(&[
                ("the", DT, U::DET),
                ("bark", NN, U::NOUN),
                ("fell", VBD, U::VERB),
            ]));
        }
        v
    }

    #[test]
    fn tiny_training_learns_the_data() {
        let cfg = TrainConfig {
            iterations: 5,
            label_min_count: 1,
            dict_min_count: 3,
            prune: 0.0,
            ..TrainConfig::default()
        };
        let model = train_sentences(&tiny(), &cfg).unwrap();
        let tagger = Tagger::new(model);
        let mut out = Vec::new();
        tagger.tag(&["the", "dog", "barks"], &mut out);
        assert_eq!(out, [Tag::DT, Tag::NN, Tag::VBZ]);
        tagger.tag(&["dogs", "bark"], &mut out);
        assert_eq!(out, [Tag::NNS, Tag::VBP]);
        tagger.tag(&["the", "bark", "fell"], &mut out);
        assert_eq!(out, [Tag::DT, Tag::NN, Tag::VBD]);
        // Generalizes by context: an unseen noun after "the".
        tagger.tag(&["the", "cow", "sleeps"], &mut out);
        assert_eq!(out[1], Tag::NN);
    }

    #[test]
    fn training_is_deterministic() {
        let cfg = TrainConfig {
            iterations: 3,
            label_min_count: 1,
            ..TrainConfig::default()
        };
        let a = train_sentences(&tiny(), &cfg).unwrap().to_bytes();
        let b = train_sentences(&tiny(), &cfg).unwrap().to_bytes();
        assert_eq!(a, b);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<usize> = (0..50).collect();
        SplitMix(7).shuffle(&mut v);
        let mut s = v.clone();
        s.sort_unstable();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
        assert_ne!(v, s);
    }
}
