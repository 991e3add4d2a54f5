//! Scores of the annotation guide: sentence boundaries, mentions (exact and
//! overlap, per kind, kind/country/date-value accuracy) and triples (head
//! matching), with one-to-one greedy matching as the reference scorer does.

use std::collections::HashSet;

use crate::docformat::{Doc, Mention, Triple};

/// True and false positives and negatives.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    pub fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1; `None` when there is nothing to measure (no gold, no prediction).
    pub fn f1(&self) -> Option<f64> {
        if self.tp + self.fp + self.fn_ == 0 {
            return None;
        }
        let (p, r) = (self.precision(), self.recall());
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// An accuracy over matched items.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Accuracy {
    pub ok: usize,
    pub n: usize,
}

impl Accuracy {
    pub fn add(&mut self, ok: bool) {
        self.n += 1;
        self.ok += ok as usize;
    }

    pub fn merge(&mut self, o: Accuracy) {
        self.ok += o.ok;
        self.n += o.n;
    }

    /// `None` when nothing was matched.
    pub fn value(&self) -> Option<f64> {
        (self.n > 0).then(|| self.ok as f64 / self.n as f64)
    }
}

/// All scores of one document or of a whole set.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Scores {
    pub sentences: Tally,
    pub mentions: Tally,
    pub mentions_overlap: Tally,
    pub actors: Tally,
    pub places: Tally,
    pub dates: Tally,
    pub triples: Tally,
    pub kind: Accuracy,
    pub country: Accuracy,
    pub date_value: Accuracy,
    pub negation: Accuracy,
    pub modality: Accuracy,
    pub triple_date: Accuracy,
}

impl Scores {
    pub fn add(&mut self, o: &Scores) {
        self.sentences.add(o.sentences);
        self.mentions.add(o.mentions);
        self.mentions_overlap.add(o.mentions_overlap);
        self.actors.add(o.actors);
        self.places.add(o.places);
        self.dates.add(o.dates);
        self.triples.add(o.triples);
        self.kind.merge(o.kind);
        self.country.merge(o.country);
        self.date_value.merge(o.date_value);
        self.negation.merge(o.negation);
        self.modality.merge(o.modality);
        self.triple_date.merge(o.triple_date);
    }

    /// The named scores, in the order reports list them.
    pub fn metrics(&self) -> Vec<(&'static str, Option<f64>)> {
        vec![
            ("sentence_f1", self.sentences.f1()),
            ("mention_f1", self.mentions.f1()),
            ("mention_overlap_f1", self.mentions_overlap.f1()),
            ("actor_f1", self.actors.f1()),
            ("place_f1", self.places.f1()),
            ("date_f1", self.dates.f1()),
            ("date_value_acc", self.date_value.value()),
            ("country_acc", self.country.value()),
            ("kind_acc", self.kind.value()),
            ("triple_f1", self.triples.f1()),
            ("negation_acc", self.negation.value()),
            ("modality_acc", self.modality.value()),
            ("triple_date_acc", self.triple_date.value()),
        ]
    }
}

/// What went wrong, for `--show-errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorItem {
    SentenceMissed(usize, usize),
    SentenceSpurious(usize, usize),
    MentionMissed {
        kind: String,
        text: String,
        start: usize,
    },
    MentionSpurious {
        kind: String,
        text: String,
        start: usize,
    },
    Kind {
        text: String,
        start: usize,
        gold: String,
        pred: String,
    },
    Country {
        text: String,
        start: usize,
        gold: Option<String>,
        pred: Option<String>,
    },
    DateValue {
        text: String,
        start: usize,
        gold: String,
        pred: String,
    },
    TripleMissed {
        sentence: usize,
        text: String,
    },
    TripleSpurious {
        sentence: usize,
        text: String,
    },
    Negation {
        sentence: usize,
        text: String,
        gold: bool,
    },
    Modality {
        sentence: usize,
        text: String,
        gold: Option<String>,
        pred: Option<String>,
    },
    TripleDate {
        sentence: usize,
        text: String,
        gold: Option<String>,
        pred: Option<String>,
    },
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Greedy one-to-one matching: each gold item takes the first unused
/// prediction that `same` accepts. Returns the pairs (gold index, pred index).
fn match_greedy<G, P>(
    gold: &[G],
    pred: &[P],
    same: impl Fn(&G, &P) -> bool,
) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && same(g, &pred[pi])) {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

fn mention_tally(
    gold: &[&Mention],
    pred: &[&Mention],
    pairs: &[(usize, usize)],
    all_gold: &[Mention],
) -> Tally {
    let matched_pred: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    let matched_gold: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let opt_pairs = pairs.iter().filter(|(g, _)| gold[*g].optional).count();
    // A prediction that matches an optional gold span (of any kind) exactly is not penalized.
    let fp = (0..pred.len())
        .filter(|i| !matched_pred.contains(i))
        .filter(|&i| {
            !all_gold
                .iter()
                .any(|g| g.optional && g.start == pred[i].start && g.end == pred[i].end)
        })
        .count();
    let fn_ = (0..gold.len())
        .filter(|i| !matched_gold.contains(i) && !gold[*i].optional)
        .count();
    Tally {
        tp: pairs.len() - opt_pairs,
        fp,
        fn_,
    }
}

/// The lower-cased words of a phrase, as the guide's matching rule reads them.
pub fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '\'' | '’' | '-') {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Does `hay` contain `needle` as whole words (case-insensitive)?
pub fn contains(hay: Option<&str>, needle: Option<&str>) -> bool {
    let Some(needle) = needle else { return true };
    let n = words(needle);
    if n.is_empty() {
        return true;
    }
    let h = words(hay.unwrap_or(""));
    h.windows(n.len()).any(|w| w == n.as_slice())
}

fn triple_text(t: &Triple) -> String {
    format!(
        "{} | {} | {}",
        t.subject.as_deref().unwrap_or("-"),
        t.action.as_deref().unwrap_or("-"),
        t.object.as_deref().unwrap_or("-")
    )
}

/// Score one predicted document against its gold.
pub fn score_doc(gold: &Doc, pred: &Doc, errors: &mut Vec<ErrorItem>) -> Scores {
    let mut s = Scores::default();

    let gs: HashSet<(usize, usize)> = gold.sentences.iter().map(|x| (x.start, x.end)).collect();
    let ps: HashSet<(usize, usize)> = pred.sentences.iter().map(|x| (x.start, x.end)).collect();
    s.sentences = Tally {
        tp: gs.intersection(&ps).count(),
        fp: ps.difference(&gs).count(),
        fn_: gs.difference(&ps).count(),
    };
    let mut missed: Vec<_> = gs.difference(&ps).copied().collect();
    missed.sort_unstable();
    errors.extend(
        missed
            .into_iter()
            .map(|(a, b)| ErrorItem::SentenceMissed(a, b)),
    );
    let mut spurious: Vec<_> = ps.difference(&gs).copied().collect();
    spurious.sort_unstable();
    errors.extend(
        spurious
            .into_iter()
            .map(|(a, b)| ErrorItem::SentenceSpurious(a, b)),
    );

    // Mentions, all kinds together.
    let gm: Vec<&Mention> = gold.mentions.iter().collect();
    let pm: Vec<&Mention> = pred.mentions.iter().collect();
    let exact = |g: &&Mention, p: &&Mention| g.start == p.start && g.end == p.end;
    let pairs = match_greedy(&gm, &pm, exact);
    s.mentions = plain_tally(&gm, &pm, &pairs);
    let opairs = match_greedy(&gm, &pm, |g, p| overlap((g.start, g.end), (p.start, p.end)));
    s.mentions_overlap = plain_tally(&gm, &pm, &opairs);
    for &(gi, pi) in &pairs {
        let (g, p) = (gm[gi], pm[pi]);
        if g.optional {
            continue;
        }
        s.kind.add(g.kind == p.kind);
        if g.kind != p.kind {
            errors.push(ErrorItem::Kind {
                text: g.text.clone(),
                start: g.start,
                gold: g.kind.clone(),
                pred: p.kind.clone(),
            });
        }
        if g.kind != "date" && p.kind != "date" {
            s.country.add(g.country == p.country);
            if g.country != p.country {
                errors.push(ErrorItem::Country {
                    text: g.text.clone(),
                    start: g.start,
                    gold: g.country.clone(),
                    pred: p.country.clone(),
                });
            }
        }
        if g.kind == "date" && p.kind == "date" {
            let ok = g.value == p.value && g.modifier == p.modifier;
            s.date_value.add(ok);
            if !ok {
                let show = |m: &Mention| {
                    format!(
                        "{}/{}",
                        m.value.as_deref().unwrap_or("-"),
                        m.modifier.as_deref().unwrap_or("-")
                    )
                };
                errors.push(ErrorItem::DateValue {
                    text: g.text.clone(),
                    start: g.start,
                    gold: show(g),
                    pred: show(p),
                });
            }
        }
    }
    let matched_p: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    let matched_g: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    for (i, p) in pm.iter().enumerate() {
        if !matched_p.contains(&i) {
            errors.push(ErrorItem::MentionSpurious {
                kind: p.kind.clone(),
                text: p.text.clone(),
                start: p.start,
            });
        }
    }
    for (i, g) in gm.iter().enumerate() {
        if !matched_g.contains(&i) && !g.optional {
            errors.push(ErrorItem::MentionMissed {
                kind: g.kind.clone(),
                text: g.text.clone(),
                start: g.start,
            });
        }
    }
    for (kind, slot) in [
        ("actor", &mut s.actors),
        ("place", &mut s.places),
        ("date", &mut s.dates),
    ] {
        let g: Vec<&Mention> = gold.mentions.iter().filter(|m| m.kind == kind).collect();
        let p: Vec<&Mention> = pred.mentions.iter().filter(|m| m.kind == kind).collect();
        let pairs = match_greedy(&g, &p, exact);
        *slot = mention_tally(&g, &p, &pairs, &gold.mentions);
    }

    // Triples: same sentence (by span overlap), heads inside the phrases.
    let mut used = vec![false; pred.triples.len()];
    let mut matched = 0;
    let mut required = 0;
    for g in &gold.triples {
        let gspan = gold
            .sentences
            .get(g.sentence)
            .map(|x| (x.start, x.end))
            .unwrap_or((0, 0));
        let hit = (0..pred.triples.len()).find(|&j| {
            if used[j] {
                return false;
            }
            let p = &pred.triples[j];
            let Some(ps) = pred.sentences.get(p.sentence) else {
                return false;
            };
            overlap(gspan, (ps.start, ps.end))
                && contains(p.subject.as_deref(), g.subject_head.as_deref())
                && contains(p.action.as_deref(), g.action_head.as_deref())
                && (g.object_head.is_none()
                    || contains(p.object.as_deref(), g.object_head.as_deref()))
        });
        if !g.optional {
            required += 1;
        }
        match hit {
            Some(j) => {
                used[j] = true;
                if g.optional {
                    continue;
                }
                matched += 1;
                let p = &pred.triples[j];
                let text = triple_text(g);
                s.negation.add(p.negated == g.negated);
                if p.negated != g.negated {
                    errors.push(ErrorItem::Negation {
                        sentence: g.sentence,
                        text: text.clone(),
                        gold: g.negated,
                    });
                }
                let (gm, pm) = (nonempty(&g.modality), nonempty(&p.modality));
                s.modality.add(gm == pm);
                if gm != pm {
                    errors.push(ErrorItem::Modality {
                        sentence: g.sentence,
                        text: text.clone(),
                        gold: gm.clone(),
                        pred: pm.clone(),
                    });
                }
                let (gd, pd) = (nonempty(&g.date), nonempty(&p.date));
                s.triple_date.add(gd == pd);
                if gd != pd {
                    errors.push(ErrorItem::TripleDate {
                        sentence: g.sentence,
                        text,
                        gold: gd,
                        pred: pd,
                    });
                }
            }
            None if !g.optional => errors.push(ErrorItem::TripleMissed {
                sentence: g.sentence,
                text: triple_text(g),
            }),
            None => {}
        }
    }
    for (j, p) in pred.triples.iter().enumerate() {
        if !used[j] {
            errors.push(ErrorItem::TripleSpurious {
                sentence: p.sentence,
                text: triple_text(p),
            });
        }
    }
    s.triples = Tally {
        tp: matched,
        fp: used.iter().filter(|u| !**u).count(),
        fn_: required - matched,
    };
    s
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_ref().filter(|s| !s.is_empty()).cloned()
}

fn plain_tally(gold: &[&Mention], pred: &[&Mention], pairs: &[(usize, usize)]) -> Tally {
    let opt_pairs = pairs.iter().filter(|(g, _)| gold[*g].optional).count();
    let matched_g: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    Tally {
        tp: pairs.len() - opt_pairs,
        fp: pred.len() - pairs.len(),
        fn_: (0..gold.len())
            .filter(|i| !matched_g.contains(i) && !gold[*i].optional)
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docformat::Sentence;

    fn m(start: usize, end: usize, kind: &str, country: Option<&str>) -> Mention {
        Mention {
            start,
            end,
            text: format!("m{start}"),
            kind: kind.into(),
            country: country.map(Into::into),
            value: None,
            modifier: None,
            optional: false,
        }
    }

    fn date(start: usize, end: usize, value: &str, modifier: Option<&str>) -> Mention {
        Mention {
            value: Some(value.into()),
            modifier: modifier.map(Into::into),
            ..m(start, end, "date", None)
        }
    }

    fn t(sentence: usize, s: &str, a: &str, o: Option<&str>) -> Triple {
        Triple {
            sentence,
            subject: Some(s.into()),
            subject_head: Some(s.split(' ').next_back().unwrap().into()),
            action: Some(a.into()),
            action_head: Some(a.split(' ').next_back().unwrap().into()),
            object: o.map(Into::into),
            object_head: o.map(|o| o.split(' ').next_back().unwrap().into()),
            negated: false,
            modality: None,
            date: None,
            optional: false,
        }
    }

    fn doc(sentences: &[(usize, usize)], mentions: Vec<Mention>, triples: Vec<Triple>) -> Doc {
        Doc {
            doc: "d".into(),
            sentences: sentences
                .iter()
                .map(|&(start, end)| Sentence {
                    start,
                    end,
                    text: None,
                })
                .collect(),
            mentions,
            triples,
            ..Doc::default()
        }
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let g = doc(
            &[(0, 10), (11, 20)],
            vec![
                m(0, 3, "actor", Some("RUS")),
                date(5, 9, "2025-10", Some("START")),
            ],
            vec![t(0, "Russia", "withdrew", Some("its frigates"))],
        );
        let s = score_doc(&g, &g.clone(), &mut Vec::new());
        for (name, v) in s.metrics() {
            if name != "place_f1" {
                assert_eq!(v, Some(1.0), "{name}");
            }
        }
        assert_eq!(s.places.f1(), None, "nothing to measure");
    }

    #[test]
    fn empty_prediction_scores_zero_recall() {
        let g = doc(
            &[(0, 10)],
            vec![m(0, 3, "actor", Some("RUS"))],
            vec![t(0, "Russia", "left", None)],
        );
        let s = score_doc(&g, &doc(&[], vec![], vec![]), &mut Vec::new());
        assert_eq!(
            s.sentences,
            Tally {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(s.mentions.f1(), Some(0.0));
        assert_eq!(
            s.triples,
            Tally {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(s.kind.value(), None);
    }

    #[test]
    fn exact_and_overlap_matching() {
        // gold 0..6 and 10..16; pred 0..6 exact, 8..12 overlaps the second only
        let g = doc(
            &[],
            vec![m(0, 6, "actor", None), m(10, 16, "place", Some("SYR"))],
            vec![],
        );
        let p = doc(
            &[],
            vec![m(0, 6, "actor", None), m(8, 12, "place", Some("SYR"))],
            vec![],
        );
        let s = score_doc(&g, &p, &mut Vec::new());
        assert_eq!(
            s.mentions,
            Tally {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.mentions_overlap,
            Tally {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(s.mentions.f1(), Some(0.5));
    }

    #[test]
    fn optional_gold_neither_credits_nor_penalizes() {
        let mut opt = m(10, 14, "actor", None);
        opt.optional = true;
        let g = doc(&[], vec![m(0, 6, "actor", Some("RUS")), opt], vec![]);
        // predicting the optional one: no credit, no false positive
        let p = doc(
            &[],
            vec![m(0, 6, "actor", Some("RUS")), m(10, 14, "actor", None)],
            vec![],
        );
        let s = score_doc(&g, &p, &mut Vec::new());
        assert_eq!(
            s.mentions,
            Tally {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.actors,
            Tally {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        // missing it: no false negative
        let p = doc(&[], vec![m(0, 6, "actor", Some("RUS"))], vec![]);
        assert_eq!(
            score_doc(&g, &p, &mut Vec::new()).mentions,
            Tally {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        // a place prediction on an optional actor span is not a place false positive
        let p = doc(
            &[],
            vec![m(0, 6, "actor", Some("RUS")), m(10, 14, "place", None)],
            vec![],
        );
        assert_eq!(
            score_doc(&g, &p, &mut Vec::new()).places,
            Tally {
                tp: 0,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn kind_country_and_date_value_accuracy() {
        let g = doc(
            &[],
            vec![
                m(0, 6, "actor", Some("RUS")),
                m(10, 16, "place", Some("SYR")),
                date(20, 30, "2025-10", Some("START")),
                date(40, 44, "2025", None),
            ],
            vec![],
        );
        let p = doc(
            &[],
            vec![
                m(0, 6, "place", Some("RUS")),
                m(10, 16, "place", Some("LBN")),
                date(20, 30, "2025-10", None),
                date(40, 44, "2025", None),
            ],
            vec![],
        );
        let s = score_doc(&g, &p, &mut Vec::new());
        assert_eq!(s.kind, Accuracy { ok: 3, n: 4 });
        assert_eq!(s.country, Accuracy { ok: 1, n: 2 });
        assert_eq!(s.date_value, Accuracy { ok: 1, n: 2 }, "mod must match too");
        assert_eq!(
            s.actors,
            Tally {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            s.places,
            Tally {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
    }

    #[test]
    fn one_to_one_matching() {
        // two gold mentions on the same span cannot both take one prediction
        let g = doc(
            &[],
            vec![m(0, 6, "actor", None), m(0, 6, "actor", None)],
            vec![],
        );
        let p = doc(&[], vec![m(0, 6, "actor", None)], vec![]);
        assert_eq!(
            score_doc(&g, &p, &mut Vec::new()).mentions,
            Tally {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
    }

    #[test]
    fn triple_head_matching() {
        let mut gt = t(
            0,
            "Syria's foreign and defense ministers",
            "traveled to",
            Some("Moscow"),
        );
        gt.subject_head = Some("ministers".into());
        gt.action_head = Some("traveled".into());
        gt.negated = true;
        gt.modality = Some("could".into());
        gt.date = Some("2025-10".into());
        let g = doc(&[(0, 50)], vec![], vec![gt]);
        // longer phrases containing the heads match; sentence matched by overlap
        let mut pt = t(
            0,
            "Syria's foreign and defense ministers",
            "had not traveled to",
            Some("Moscow in October"),
        );
        pt.negated = true;
        pt.modality = Some("could".into());
        let p = doc(&[(0, 49)], vec![], vec![pt.clone()]);
        let s = score_doc(&g, &p, &mut Vec::new());
        assert_eq!(
            s.triples,
            Tally {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(s.negation, Accuracy { ok: 1, n: 1 });
        assert_eq!(s.modality, Accuracy { ok: 1, n: 1 });
        assert_eq!(s.triple_date, Accuracy { ok: 0, n: 1 });
        // a head must be whole words: "minister" is not "ministers"
        let mut bad = pt.clone();
        bad.subject = Some("the minister".into());
        let s = score_doc(&g, &doc(&[(0, 49)], vec![], vec![bad]), &mut Vec::new());
        assert_eq!(
            s.triples,
            Tally {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        // a triple in a sentence that does not overlap does not match
        let s = score_doc(&g, &doc(&[(60, 70)], vec![], vec![pt]), &mut Vec::new());
        assert_eq!(
            s.triples,
            Tally {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
    }

    #[test]
    fn words_split_like_the_guide() {
        assert_eq!(
            words("Russia’s al-Sharaa, U.S.-Israeli"),
            ["russia’s", "al-sharaa", "u", "s", "-israeli"]
        );
        assert!(contains(Some("met with Putin"), Some("met")));
        assert!(!contains(Some("met with Putin"), Some("me")));
        assert!(contains(None, None));
    }
}
