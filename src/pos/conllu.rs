//! CoNLL-U reading and alignment of gold words to our tokenizer's tokens.
//!
//! Training and evaluation use the tokens that our tokenizer produces, so the
//! tagger learns the forms it will see. Each sentence's surface text is rebuilt from
//! its tokens and `SpaceAfter=No`, retokenized, and every token gets the label of the
//! gold word it covers; a token that covers several gold words (EWT splits
//! `al-Ani` into `al - Ani`) gets the label of the group's syntactic head, with
//! a prenominal `VBN`/`VBG` head (`well-known`, `Russian-backed`) relabelled `JJ`/`ADJ`.

use super::Error;
use super::model::Label;
use super::tags::{Tag, Upos};
use super::tokenize::tokenize;

/// A syntactic word of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldWord {
    /// Word form.
    pub form: String,
    /// PTB tag (XPOS column).
    pub xpos: Tag,
    /// UPOS tag.
    pub upos: Upos,
    /// Head word index (1-based; 0 for the root).
    pub head: usize,
    /// Whether the dependency relation is `amod`.
    pub amod: bool,
    /// Byte span in [`GoldSentence::text`].
    pub span: (usize, usize),
}

/// A sentence: rebuilt surface text and its syntactic words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldSentence {
    /// Surface text rebuilt from the tokens and `SpaceAfter=No`.
    pub text: String,
    /// Syntactic words (multiword-token lines and empty nodes skipped).
    pub words: Vec<GoldWord>,
}

/// A tokenized, labelled sentence ready for training or evaluation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelledSentence {
    /// Token forms.
    pub forms: Vec<String>,
    /// Gold labels, one per form.
    pub labels: Vec<Label>,
}

/// Counts of how retokenized tokens relate to gold words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AlignStats {
    /// Token equals one gold word.
    pub exact: usize,
    /// Token covers several gold words (labelled by the head).
    pub merged: usize,
    /// Token is a strict part of a gold word.
    pub partial: usize,
}

/// Parses CoNLL-U text into sentences.
pub fn parse(text: &str) -> Result<Vec<GoldSentence>, Error> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    // Pending multiword token: (last word id, surface span).
    let mut mwt: Option<(usize, usize, (usize, usize))> = None;
    for (ln, line) in text.lines().enumerate() {
        let bad = |what: &'static str| Error::Conllu { line: ln + 1, what };
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            mwt = None;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad("expected 10 columns"));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        let space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a.parse().map_err(|_| bad("bad range id"))?;
            let b: usize = b.parse().map_err(|_| bad("bad range id"))?;
            let s = cur.text.len();
            cur.text.push_str(cols[1]);
            let e = cur.text.len();
            if space_after {
                cur.text.push(' ');
            }
            mwt = Some((a, b, (s, e)));
            continue;
        }
        let idn: usize = id.parse().map_err(|_| bad("bad id"))?;
        let xpos = Tag::from_str(cols[4]).ok_or(bad("unknown XPOS"))?;
        let upos = Upos::from_str(cols[3]).ok_or(bad("unknown UPOS"))?;
        let head: usize = cols[6].parse().map_err(|_| bad("bad head"))?;
        let amod = cols[7] == "amod";
        let span = match mwt {
            Some((a, b, span)) if (a..=b).contains(&idn) => {
                if idn == b {
                    mwt = None;
                }
                span
            }
            _ => {
                let s = cur.text.len();
                cur.text.push_str(cols[1]);
                let e = cur.text.len();
                if space_after {
                    cur.text.push(' ');
                }
                (s, e)
            }
        };
        cur.words.push(GoldWord {
            form: cols[1].to_string(),
            xpos,
            upos,
            head,
            amod,
            span,
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        split_multiword_spans(s);
        let t = s.text.trim_end().len();
        s.text.truncate(t);
    }
    Ok(out)
}

/// Words of a multiword token share its surface span; where their forms spell the
/// surface form (`do` + `n't` = `don't`), give each word its own part.
fn split_multiword_spans(s: &mut GoldSentence) {
    let mut i = 0;
    while i < s.words.len() {
        let span = s.words[i].span;
        let mut j = i + 1;
        while j < s.words.len() && s.words[j].span == span {
            j += 1;
        }
        if j - i > 1 {
            let surface = &s.text[span.0..span.1];
            let joined: String = s.words[i..j].iter().map(|w| w.form.as_str()).collect();
            if joined.len() == surface.len() && joined.eq_ignore_ascii_case(surface) {
                let mut p = span.0;
                for w in &mut s.words[i..j] {
                    w.span = (p, p + w.form.len());
                    p += w.form.len();
                }
            }
        }
        i = j;
    }
}

impl GoldSentence {
    /// The sentence with gold tokenization (syntactic words as given).
    pub fn gold_tokens(&self) -> LabelledSentence {
        LabelledSentence {
            forms: self.words.iter().map(|w| w.form.clone()).collect(),
            labels: self.words.iter().map(|w| (w.xpos, w.upos)).collect(),
        }
    }

    /// The label for a group of words `g`: its syntactic head's label.
    fn group_label(&self, g: std::ops::Range<usize>) -> Label {
        let inside = |h: usize| h > g.start && h <= g.end;
        let w = g
            .clone()
            .find(|&k| !inside(self.words[k].head) && self.words[k].upos != Upos::PUNCT)
            .or_else(|| g.clone().find(|&k| !inside(self.words[k].head)))
            .unwrap_or(g.end - 1);
        let w = &self.words[w];
        if g.len() > 1 && w.amod && matches!(w.xpos, Tag::VBN | Tag::VBG) {
            (Tag::JJ, Upos::ADJ)
        } else {
            (w.xpos, w.upos)
        }
    }

    /// The sentence as our tokenizer splits it, with labels aligned to the gold words.
    pub fn retokenized(&self, stats: &mut AlignStats) -> LabelledSentence {
        let toks = tokenize(&self.text);
        let mut out = LabelledSentence::default();
        let n = self.words.len();
        let mut w = 0;
        for t in toks {
            while w < n && self.words[w].span.1 <= t.start {
                w += 1;
            }
            let mut k = w;
            while k < n && self.words[k].span.0 < t.end {
                k += 1;
            }
            let label = if k == w {
                // No overlap (cannot happen for text rebuilt from the words); use nearest.
                stats.partial += 1;
                self.words[w.min(n - 1)].label()
            } else if k - w == 1 {
                let ws = self.words[w].span;
                if ws == (t.start, t.end) {
                    stats.exact += 1;
                } else {
                    stats.partial += 1;
                }
                self.words[w].label()
            } else {
                stats.merged += 1;
                self.group_label(w..k)
            };
            out.forms.push(self.text[t.start..t.end].to_string());
            out.labels.push(label);
        }
        out
    }
}

impl GoldWord {
    fn label(&self) -> Label {
        (self.xpos, self.upos)
    }
}

/// Reads and parses CoNLL-U files.
pub fn read_files<P: AsRef<std::path::Path>>(paths: &[P]) -> Result<Vec<GoldSentence>, Error> {
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(Error::Io)?;
        out.extend(parse(&text)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Al-Ani's men don't fight.
1-2\tAl-Ani's\t_\t_\t_\t_\t_\t_\t_\t_
1\tAl-Ani\tAl-Ani\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tmen\tman\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
4-5\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdo\tdo\tAUX\tVBP\t_\t6\taux\t_\t_
5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_
6\tfight\tfight\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_

1\twell\twell\tADV\tRB\t_\t3\tadvmod\t_\tSpaceAfter=No
2\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t_\tSpaceAfter=No
3\tknown\tknow\tVERB\tVBN\t_\t4\tamod\t_\t_
4\tfacts\tfact\tNOUN\tNNS\t_\t0\troot\t_\t_
";

    #[test]
    fn parse_and_align() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Al-Ani's men don't fight.");
        assert_eq!(s[0].words[1].span, (6, 8));
        let g = s[0].gold_tokens();
        assert_eq!(g.forms, ["Al-Ani", "'s", "men", "do", "n't", "fight", "."]);
        let mut st = AlignStats::default();
        let r = s[0].retokenized(&mut st);
        assert_eq!(r, g);
        assert_eq!(st.exact, 7);
        let r = s[1].retokenized(&mut st);
        assert_eq!(r.forms, ["well-known", "facts"]);
        assert_eq!(r.labels[0], (Tag::JJ, Upos::ADJ));
        assert_eq!(st.merged, 1);
    }

    #[test]
    fn bad_input() {
        assert!(parse("1\tx\n").is_err());
        assert!(parse("1\tx\tx\tNOPE\tNN\t_\t0\troot\t_\t_\n").is_err());
    }
}
