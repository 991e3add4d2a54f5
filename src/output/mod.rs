//! JSON Lines records. The only module that knows the output schema.
//!
//! Every record is one line with `type` and `doc`. Offsets are character
//! offsets (Unicode scalar values) into the original text, so that
//! `text[start:end]` in Python is the span's text.
//!
//! - `document`: `path`, `title`, `dct`, `dct_source` (`header`, `flag`,
//!   `stdin` or `none`), `chars`, and counts of `sentences`, `mentions`,
//!   `triples`;
//! - `sentence`: `index`, `start`, `end`, `text`.
//!
//! `--emit doc` writes instead one object per document in the gold format of
//! the annotation guide: `doc`, `dct`, `sentences`, `mentions`, `triples`
//! (plus `path`).
//!
//! The records are written by hand (`records`, with the small JSON writer
//! of `json`) rather than derived with serde: output is several times the
//! input, and this is most of its cost. They are tested to be the very bytes
//! `serde_json` writes from derived structs (`reference`, kept for that).

mod entities;
mod json;
mod records;
#[cfg(test)]
mod reference;

use std::ops::Range;
use std::str::FromStr;

use crate::docformat::{self, Doc, Sentence};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{DocResult, PhraseResult, TripleResult};
use records::DocWriter;

/// What `--emit` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Emit {
    pub documents: bool,
    pub sentences: bool,
    pub mentions: bool,
    pub triples: bool,
    /// One gold-format object per document (exclusive of the others).
    pub doc: bool,
}

impl FromStr for Emit {
    type Err = String;

    fn from_str(s: &str) -> Result<Emit, String> {
        let mut e = Emit::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "documents" | "document" => e.documents = true,
                "sentences" | "sentence" => e.sentences = true,
                "mentions" | "mention" => e.mentions = true,
                "triples" | "triple" => e.triples = true,
                "doc" => e.doc = true,
                other => {
                    return Err(format!(
                        "unknown record type {other:?} (expected sentences, mentions, triples, documents, or doc)"
                    ));
                }
            }
        }
        if e == Emit::default() {
            return Err("nothing to emit".into());
        }
        if e.doc && (e.documents || e.sentences || e.mentions || e.triples) {
            return Err(
                "`doc` writes whole documents and cannot be combined with other record types"
                    .into(),
            );
        }
        Ok(e)
    }
}

/// Byte offset → character offset for one text.
pub struct CharIndex {
    /// Byte positions of UTF-8 continuation bytes (empty for ASCII text).
    cont: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut cont = Vec::new();
        if text.is_ascii() {
            return CharIndex { cont };
        }
        let mut push_continuations = |at: usize, bytes: &[u8]| {
            let found = bytes.iter().enumerate().filter(|&(_, &b)| b & 0xC0 == 0x80);
            cont.extend(found.map(|(i, _)| (at + i) as u32));
        };
        // Mostly ASCII: skip a word at a time when no byte has its high bit.
        let mut words = text.as_bytes().chunks_exact(8);
        for (k, word) in words.by_ref().enumerate() {
            let word = u64::from_ne_bytes(word.try_into().expect("8 bytes"));
            if word & 0x8080_8080_8080_8080 != 0 {
                push_continuations(k * 8, &word.to_ne_bytes());
            }
        }
        let rest = words.remainder();
        push_continuations(text.len() - rest.len(), rest);
        CharIndex { cont }
    }

    /// The character offset of byte offset `b` (a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        b - self.cont.partition_point(|&p| (p as usize) < b)
    }

    /// [`CharIndex::char_of`] for offsets that mostly come in order (the
    /// mentions of a document): `at` is the number of continuation bytes
    /// before the last offset asked, and the search goes on from there.
    pub fn char_of_from(&self, b: usize, at: &mut usize) -> usize {
        let cont = &self.cont;
        let mut k = *at;
        if k > cont.len() || (k > 0 && cont[k - 1] as usize >= b) {
            // Backwards: search the whole index.
            k = cont.partition_point(|&p| (p as usize) < b);
        } else {
            while cont.get(k).is_some_and(|&p| (p as usize) < b) {
                k += 1;
            }
        }
        *at = k;
        b - k
    }

    /// The index narrowed to the offsets of `span` (a sentence): a search
    /// among the few multi-byte characters inside rather than the text's.
    pub fn span(&self, span: Range<usize>) -> CharSpan<'_> {
        let before = self.cont.partition_point(|&p| (p as usize) < span.start);
        let inside = self.cont[before..].partition_point(|&p| (p as usize) < span.end);
        CharSpan {
            cont: &self.cont[before..before + inside],
            before,
            span,
            index: self,
        }
    }
}

/// [`CharIndex::span`].
pub struct CharSpan<'a> {
    pub span: Range<usize>,
    /// Continuation bytes before the span.
    before: usize,
    /// Continuation bytes inside.
    cont: &'a [u32],
    index: &'a CharIndex,
}

impl CharSpan<'_> {
    pub fn contains(&self, r: &Range<usize>) -> bool {
        self.span.start <= r.start && r.end <= self.span.end
    }

    /// The character offset of byte offset `b` (a char boundary, anywhere).
    pub fn char_of(&self, b: usize) -> usize {
        if self.span.start <= b && b <= self.span.end {
            b - self.before - self.cont.partition_point(|&p| (p as usize) < b)
        } else {
            self.index.char_of(b)
        }
    }
}

/// A result in the gold format of the annotation guide.
pub fn to_doc(r: &DocResult, idx: &CharIndex) -> Doc {
    Doc {
        doc: r.id.clone(),
        dct: r.dct.map(|d| d.to_string()),
        path: r.path.as_ref().map(|p| p.display().to_string()),
        sentences: r
            .sentences
            .iter()
            .map(|s| Sentence {
                start: idx.char_of(s.start),
                end: idx.char_of(s.end),
                text: Some(r.text[s.clone()].to_string()),
            })
            .collect(),
        mentions: r
            .mentions
            .iter()
            .map(|m| docformat::Mention {
                start: idx.char_of(m.start),
                end: idx.char_of(m.end),
                text: r.text[m.start..m.end].to_string(),
                kind: m.kind.as_str().to_string(),
                country: m.country.map(|c| c.as_str().to_string()),
                value: m.value.clone(),
                modifier: m.modifier.map(String::from),
                optional: false,
            })
            .collect(),
        triples: r
            .triples
            .iter()
            .map(|t| docformat::Triple {
                sentence: t.sentence,
                subject: Some(t.subject.clean.clone()),
                subject_head: None,
                action: Some(t.action.clean.clone()),
                action_head: Some(t.action_head.clone()),
                object: t.object.as_ref().map(|o| o.clean.clone()),
                object_head: None,
                negated: t.negated,
                modality: t.modality.clone(),
                date: t.date.clone(),
                optional: false,
            })
            .collect(),
    }
}

/// Append the records of one document to `out`.
pub fn write_doc(out: &mut Vec<u8>, r: &DocResult, emit: Emit, g: &Gazetteer) {
    // Records are several times the text (each triple repeats its
    // sentence); growing the buffer by doubling would copy it over and over.
    out.reserve(size_hint(r, emit));
    let idx = CharIndex::new(&r.text);
    let mut w = DocWriter::new(r, g, &idx);
    if emit.doc {
        w.gold_doc(out);
        return;
    }
    if emit.documents {
        w.document(out);
    }
    if emit.sentences {
        for i in 0..r.sentences.len() {
            w.sentence(out, i);
        }
    }
    if emit.mentions {
        for m in &r.mentions {
            w.mention(out, m);
        }
    }
    if emit.triples {
        for t in &r.triples {
            w.triple(out, t);
        }
    }
}

/// Roughly the bytes of an entity object.
const ENTITY: usize = 128;

/// Roughly the bytes the records of `r` take: each kind of record is a
/// fixed part of keys and numbers plus the texts it has.
fn size_hint(r: &DocResult, emit: Emit) -> usize {
    let mut n = 0;
    if emit.documents {
        n += 512;
    }
    if emit.sentences || emit.doc {
        n += r.text.len() + 96 * r.sentences.len();
    }
    if emit.mentions || emit.doc {
        n += 240 * r.mentions.len();
    }
    if emit.doc {
        n += 320 * r.triples.len();
    }
    if emit.triples {
        n += r
            .triples
            .iter()
            .map(|t| triple_size_hint(r, t))
            .sum::<usize>();
    }
    n
}

fn triple_size_hint(r: &DocResult, t: &TripleResult) -> usize {
    let phrase = |p: &PhraseResult| 2 * (p.end - p.start) + 64 + ENTITY * p.entities.len();
    let sentence = &r.sentences[t.sentence];
    384 + (sentence.end - sentence.start)
        + phrase(&t.subject)
        + phrase(&t.action)
        + t.object.as_ref().map_or(0, phrase)
        + ENTITY * t.places.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        let t = "aé—b";
        let idx = CharIndex::new(t);
        assert_eq!(idx.char_of(0), 0);
        assert_eq!(idx.char_of(1), 1);
        assert_eq!(idx.char_of(3), 2);
        assert_eq!(idx.char_of(6), 3);
        assert_eq!(idx.char_of(7), 4);
    }

    #[test]
    fn char_offsets_within_a_span() {
        let t = "é. aé—b. c’d";
        let idx = CharIndex::new(t);
        let char_offsets: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        for (c, &b) in char_offsets.iter().enumerate() {
            assert_eq!(idx.char_of(b), c);
            let mut at = 0;
            assert_eq!(idx.char_of_from(b, &mut at), c);
            for from in 0..=idx.cont.len() {
                let mut at = from;
                assert_eq!(idx.char_of_from(b, &mut at), c, "{b} after {from}");
            }
            for span in [0..3, 3..11, 11..t.len(), 4..4] {
                assert_eq!(idx.span(span).char_of(b), c, "{b}");
            }
        }
        let long = "plain ascii then é and more — and then ’ at the end";
        let idx = CharIndex::new(long);
        for (c, (b, _)) in long.char_indices().enumerate() {
            assert_eq!(idx.char_of(b), c);
        }
    }

    #[test]
    fn emit_parsing() {
        let e: Emit = "sentences,documents".parse().unwrap();
        assert!(e.sentences && e.documents && !e.doc);
        assert!("doc,sentences".parse::<Emit>().is_err());
        assert!("bogus".parse::<Emit>().is_err());
    }
}
