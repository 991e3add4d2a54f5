//! Accuracy evaluation.

use super::conllu::LabelledSentence;
use super::tagger::Tagger;

/// Token-level accuracy counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Tokens compared.
    pub tokens: usize,
    /// Tokens whose PTB tag is right.
    pub xpos: usize,
    /// Tokens whose UPOS tag is right.
    pub upos: usize,
}

impl Accuracy {
    /// XPOS accuracy in percent.
    pub fn xpos_pct(&self) -> f64 {
        100.0 * self.xpos as f64 / self.tokens.max(1) as f64
    }

    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        100.0 * self.upos as f64 / self.tokens.max(1) as f64
    }
}

/// Tags every sentence and compares with its gold labels.
pub fn evaluate(tagger: &Tagger, sents: &[LabelledSentence]) -> Accuracy {
    let mut acc = Accuracy::default();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for s in sents {
        words.clear();
        words.extend(s.forms.iter().map(String::as_str));
        tagger.tag_upos(&words, &mut out);
        for (p, g) in out.iter().zip(&s.labels) {
            acc.tokens += 1;
            acc.xpos += (p.0 == g.0) as usize;
            acc.upos += (p.1 == g.1) as usize;
        }
    }
    acc
}
