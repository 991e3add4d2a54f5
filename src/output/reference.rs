//! The records as `serde_json` writes them from derived `Serialize` structs:
//! the schema as it was before the hand-written writer, kept as the
//! reference its bytes are tested against. A change to the schema changes
//! both.

use serde::Serialize;

use super::{CharIndex, Emit, to_doc};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{DocResult, PhraseResult, TripleResult};
use crate::tag::{Mention, MentionKind};

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
    let e = m.entry.map(|i| g.entry(i));
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
    let e = m.entry.map(|k| g.entry(k));
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

/// The records of one document as the serde derives write them.
pub fn write_doc_serde(out: &mut Vec<u8>, r: &DocResult, emit: Emit, g: &Gazetteer) {
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
    use crate::ingest::Document;
    use crate::output::write_doc;
    use crate::pipeline::{Options, Pipeline};

    fn documents() -> Vec<Document> {
        let mut docs: Vec<Document> = std::fs::read_dir("corpus/briefs")
            .expect("the corpus is there")
            .map(|e| e.expect("readable folder").path())
            .map(|path| Document {
                id: path.file_stem().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(&path).expect("UTF-8 brief"),
                path: Some(path),
                given_dct: None,
            })
            .collect();
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        let odd = [
            "Russia \u{1} said \"no\" \\ to Syria.\u{2028} Iran 😀 met Turkey in Ankara on 3 May 2024.",
            "Tab\there: [Israel](https://x/y) struck \u{1f}Hezbollah\u{7f} positions.\r\nEgypt\u{c} did not.",
            "",
        ];
        docs.extend(odd.iter().enumerate().map(|(i, t)| Document {
            id: format!("odd\"{i}\\/\u{8}é"),
            path: None,
            text: t.to_string(),
            given_dct: None,
        }));
        docs
    }

    #[test]
    fn records_are_the_bytes_serde_writes() {
        let emits = [
            "triples",
            "doc",
            "documents",
            "sentences,mentions,triples,documents",
            "mentions",
        ];
        for all_clauses in [false, true] {
            let options = Options {
                all_clauses,
                ..Options::default()
            };
            let pipeline = Pipeline::with_defaults(options);
            for doc in documents() {
                let id = doc.id.clone();
                let r = pipeline.process(doc);
                for emit in emits {
                    let emit: Emit = emit.parse().unwrap();
                    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                    write_doc(&mut ours, &r, emit, pipeline.gazetteer());
                    write_doc_serde(&mut theirs, &r, emit, pipeline.gazetteer());
                    assert_eq!(
                        String::from_utf8(ours).unwrap(),
                        String::from_utf8(theirs).unwrap(),
                        "{id} {emit:?}"
                    );
                }
            }
        }
    }
}
