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

use std::str::FromStr;

use serde::Serialize;

use crate::docformat::{self, Doc, Sentence};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{DocResult, PhraseResult, TripleResult};
use crate::tag::{Mention, MentionKind};

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
        let cont = if text.is_ascii() {
            Vec::new()
        } else {
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b & 0xC0 == 0x80)
                .map(|(i, _)| i as u32)
                .collect()
        };
        CharIndex { cont }
    }

    /// The character offset of byte offset `b` (a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        b - self.cont.partition_point(|&p| (p as usize) < b)
    }
}

#[derive(Serialize)]
struct DocumentRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    doc: &'a str,
    path: Option<String>,
    title: Option<&'a str>,
    dct: Option<String>,
    dct_source: &'static str,
    chars: usize,
    sentences: usize,
    mentions: usize,
    triples: usize,
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    doc: &'a str,
    index: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

fn line<T: Serialize>(out: &mut Vec<u8>, rec: &T) {
    serde_json::to_writer(&mut *out, rec).expect("serializing to memory cannot fail");
    out.push(b'\n');
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    doc: &'a str,
    sentence: usize,
    #[serde(rename = "kind")]
    mention_kind: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry_kind: Option<&'static str>,
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timex_type: Option<&'static str>,
    /// Relative or vague date (the guide makes these optional).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    vague: bool,
}

fn mention_record<'a>(
    r: &'a DocResult,
    m: &'a Mention,
    idx: &CharIndex,
    g: &'a Gazetteer,
) -> MentionRecord<'a> {
    let e = m.entry.map(|i| &g.entries[i as usize]);
    let place = m.kind == MentionKind::Place;
    MentionRecord {
        kind: "mention",
        doc: &r.id,
        sentence: m.sentence,
        mention_kind: m.kind.as_str(),
        start: idx.char_of(m.start),
        end: idx.char_of(m.end),
        text: &r.text[m.start..m.end],
        id: e.map(|e| e.id),
        name: e.map(|e| e.name),
        entry_kind: e.map(|e| e.kind.as_str()),
        country: m.country.as_ref().map(|c| c.as_str()),
        lat: e.filter(|_| place).and_then(|e| e.lat),
        lon: e.filter(|_| place).and_then(|e| e.lon),
        value: m.value.as_deref(),
        modifier: m.modifier,
        timex_type: m.timex_type,
        vague: m.vague,
    }
}

#[derive(Serialize)]
struct EntityRef<'a> {
    text: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    country: Option<&'a str>,
}

#[derive(Serialize)]
struct PhraseRecord<'a> {
    text: &'a str,
    /// The text without link markup and line breaks.
    clean: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lemma: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<EntityRef<'a>>>,
}

#[derive(Serialize)]
struct TripleRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    doc: &'a str,
    sentence: usize,
    sentence_text: &'a str,
    subject: PhraseRecord<'a>,
    action: PhraseRecord<'a>,
    object: Option<PhraseRecord<'a>>,
    negated: bool,
    modality: Option<&'a str>,
    voice: &'static str,
    date: Option<&'a str>,
    places: Vec<EntityRef<'a>>,
    confidence: f32,
    /// Only written when true (`--all-clauses`): no verb states the relation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    implicit: bool,
}

fn entity_ref<'a>(r: &'a DocResult, i: usize, g: &'a Gazetteer) -> EntityRef<'a> {
    let m = &r.mentions[i];
    let e = m.entry.map(|k| &g.entries[k as usize]);
    EntityRef {
        text: &r.text[m.start..m.end],
        kind: m.kind.as_str(),
        id: e.map(|e| e.id),
        name: e.map(|e| e.name),
        country: m.country.as_ref().map(|c| c.as_str()),
    }
}

fn phrase_record<'a>(
    r: &'a DocResult,
    p: &'a PhraseResult,
    idx: &CharIndex,
    g: &'a Gazetteer,
    with_entities: bool,
) -> PhraseRecord<'a> {
    PhraseRecord {
        text: &r.text[p.start..p.end],
        clean: &p.clean,
        start: idx.char_of(p.start),
        end: idx.char_of(p.end),
        head: None,
        lemma: None,
        entities: with_entities.then(|| p.entities.iter().map(|&i| entity_ref(r, i, g)).collect()),
    }
}

fn triple_record<'a>(
    r: &'a DocResult,
    t: &'a TripleResult,
    idx: &CharIndex,
    g: &'a Gazetteer,
) -> TripleRecord<'a> {
    let mut action = phrase_record(r, &t.action, idx, g, false);
    action.head = Some(&t.action_head);
    action.lemma = Some(&t.lemma);
    let s = &r.sentences[t.sentence];
    TripleRecord {
        kind: "triple",
        doc: &r.id,
        sentence: t.sentence,
        sentence_text: &r.text[s.clone()],
        subject: phrase_record(r, &t.subject, idx, g, true),
        action,
        object: t.object.as_ref().map(|o| phrase_record(r, o, idx, g, true)),
        negated: t.negated,
        modality: t.modality.as_deref(),
        voice: if t.passive { "passive" } else { "active" },
        date: t.date.as_deref(),
        places: t.places.iter().map(|&i| entity_ref(r, i, g)).collect(),
        confidence: t.confidence,
        implicit: t.implicit,
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
    let idx = CharIndex::new(&r.text);
    let path = r.path.as_ref().map(|p| p.display().to_string());
    let dct = r.dct.map(|d| d.to_string());
    if emit.doc {
        line(out, &to_doc(r, &idx));
        return;
    }
    if emit.documents {
        line(
            out,
            &DocumentRecord {
                kind: "document",
                doc: &r.id,
                path,
                title: r.title.as_deref(),
                dct,
                dct_source: r.dct_source.as_str(),
                chars: idx.char_of(r.text.len()),
                sentences: r.sentences.len(),
                mentions: r.mentions.len(),
                triples: r.triples.len(),
            },
        );
    }
    if emit.sentences {
        for (i, s) in r.sentences.iter().enumerate() {
            line(
                out,
                &SentenceRecord {
                    kind: "sentence",
                    doc: &r.id,
                    index: i,
                    start: idx.char_of(s.start),
                    end: idx.char_of(s.end),
                    text: &r.text[s.clone()],
                },
            );
        }
    }
    if emit.mentions {
        for m in &r.mentions {
            line(out, &mention_record(r, m, &idx, g));
        }
    }
    if emit.triples {
        for t in &r.triples {
            line(out, &triple_record(r, t, &idx, g));
        }
    }
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
    fn emit_parsing() {
        let e: Emit = "sentences,documents".parse().unwrap();
        assert!(e.sentences && e.documents && !e.doc);
        assert!("doc,sentences".parse::<Emit>().is_err());
        assert!("bogus".parse::<Emit>().is_err());
    }
}
