//! The records of one document, written straight into its output buffer.
//!
//! Pieces that several records repeat are rendered once per document: the
//! document id and each sentence's text (on every triple of the sentence);
//! entity objects once per thread ([`EntityCache`]).

use super::entities::EntityCache;
use super::json::{Object, write_array, write_float, write_plain, write_str, write_uint};
use super::{CharIndex, CharSpan};
use crate::gazetteer::Gazetteer;
use crate::pipeline::{DocResult, PhraseResult, TripleResult};
use crate::tag::Mention;

/// JSON fragments rendered on first use and copied on later uses, by index.
struct Memo {
    json: Vec<u8>,
    spans: Vec<Option<(usize, usize)>>,
}

impl Memo {
    /// A memo of `n` fragments, taking about `bytes` in all.
    fn new(n: usize, bytes: usize) -> Memo {
        Memo {
            json: Vec::with_capacity(bytes),
            spans: vec![None; n],
        }
    }

    /// Append fragment `i` to `out`, rendering it with `render` the first
    /// time, and return it.
    fn write(&mut self, out: &mut Vec<u8>, i: usize, render: impl FnOnce(&mut Vec<u8>)) -> &[u8] {
        let (start, end) = *self.spans[i].get_or_insert_with(|| {
            let start = self.json.len();
            render(&mut self.json);
            (start, self.json.len())
        });
        let json = &self.json[start..end];
        out.extend_from_slice(json);
        json
    }
}

/// What a phrase object has besides its text and offsets.
enum PhraseExtra<'t> {
    /// Subjects and objects: the actors and places inside.
    Entities,
    /// The action: its head and lemma.
    HeadLemma(&'t str, &'t str),
}

/// What the phrases of a triple share from their sentence.
struct SentenceFacts<'i> {
    /// The sentence's text needs no escapes, nor does any span inside.
    plain: bool,
    chars: CharSpan<'i>,
}

/// Writes the records of one document.
pub(super) struct DocWriter<'a> {
    r: &'a DocResult,
    g: &'a Gazetteer,
    idx: &'a CharIndex,
    /// The document id as a JSON string.
    id: Vec<u8>,
    /// Sentence texts as JSON strings, by sentence index.
    sentence_texts: Memo,
    /// The start of every triple record, up to its sentence index.
    triple_head: Vec<u8>,
    /// The start of every mention record, up to its sentence index.
    mention_head: Vec<u8>,
    /// Continuation bytes before the last mention's end: mentions come
    /// in order, so the next one's offsets are found from there.
    cont_seen: usize,
    /// The character index of the last triple's sentence (the triples of a
    /// sentence come together), by its index.
    last_sentence: Option<(usize, CharSpan<'a>)>,
    /// Confidences as JSON, by their bits: a handful of values, one per
    /// rule, and a float is dear to format.
    confidences: Vec<(u32, Vec<u8>)>,
    /// Entity objects, by mention index: spans in `cache`.
    entities: Vec<Option<(u32, u32)>>,
    /// Entity objects, by what they are made of (taken from the thread for
    /// the document's time).
    cache: EntityCache,
}

impl Drop for DocWriter<'_> {
    fn drop(&mut self) {
        std::mem::take(&mut self.cache).give_back();
    }
}

/// End a record: its line break.
fn end_line(out: &mut Vec<u8>) {
    out.push(b'\n');
}

/// Start a record of type `kind` in document `id` (JSON, quoted) and
/// sentence `sentence` on `out`, from `head`: the per-document template of
/// its first fields, written on first use. The rest of the record follows
/// in the returned object.
fn open_record<'o>(
    out: &'o mut Vec<u8>,
    head: &mut Vec<u8>,
    kind: &str,
    id: &[u8],
    sentence: usize,
) -> Object<'o> {
    if head.is_empty() {
        let mut o = Object::open(head);
        o.plain("type", kind);
        o.raw("doc", id);
        o.key("sentence");
    }
    out.extend_from_slice(head);
    let mut o = Object::reopen(out);
    write_uint(o.value(), sentence as u64);
    o
}

impl<'a> DocWriter<'a> {
    pub fn new(r: &'a DocResult, g: &'a Gazetteer, idx: &'a CharIndex) -> DocWriter<'a> {
        let mut id = Vec::with_capacity(r.id.len() + 2);
        write_str(&mut id, &r.id);
        DocWriter {
            r,
            g,
            idx,
            id,
            sentence_texts: Memo::new(r.sentences.len(), r.text.len() + 2 * r.sentences.len()),
            triple_head: Vec::new(),
            mention_head: Vec::new(),
            cont_seen: 0,
            last_sentence: None,
            confidences: Vec::new(),
            entities: vec![None; r.mentions.len()],
            cache: EntityCache::take(g),
        }
    }

    fn chars(&self, byte: usize) -> usize {
        self.idx.char_of(byte)
    }

    /// The `document` record.
    pub fn document(&self, out: &mut Vec<u8>) {
        let r = self.r;
        let mut o = Object::open(out);
        o.plain("type", "document");
        o.raw("doc", &self.id);
        let path = r.path.as_ref().map(|p| p.display().to_string());
        o.opt_str("path", path.as_deref());
        o.opt_str("title", r.title.as_deref());
        o.opt_str("dct", r.dct.map(|d| d.to_string()).as_deref());
        o.plain("dct_source", r.dct_source.as_str());
        o.uint("chars", self.chars(r.text.len()));
        o.uint("sentences", r.sentences.len());
        o.uint("mentions", r.mentions.len());
        o.uint("triples", r.triples.len());
        o.close();
        end_line(out);
    }

    /// Append sentence `i`'s text as a JSON string. Whether it needed no
    /// escapes: then neither do the phrases inside.
    fn sentence_text(&mut self, out: &mut Vec<u8>, i: usize) -> bool {
        let text = &self.r.text[self.r.sentences[i].clone()];
        let json = self
            .sentence_texts
            .write(out, i, |json| write_str(json, text));
        json.len() == text.len() + 2
    }

    /// The `sentence` record of sentence `i`.
    pub fn sentence(&mut self, out: &mut Vec<u8>, i: usize) {
        let s = self.r.sentences[i].clone();
        let mut o = Object::open(out);
        o.plain("type", "sentence");
        o.raw("doc", &self.id);
        o.uint("index", i);
        o.uint("start", self.chars(s.start));
        o.uint("end", self.chars(s.end));
        self.sentence_text(o.key("text"), i);
        o.close();
        end_line(out);
    }

    /// A `mention` record. It starts from a per-document template and ends
    /// with the fields of its entry (if it has one) from the thread's cache.
    pub fn mention(&mut self, out: &mut Vec<u8>, m: &Mention) {
        let text = &self.r.text[m.start..m.end];
        let mut o = open_record(out, &mut self.mention_head, "mention", &self.id, m.sentence);
        o.plain("kind", m.kind.as_str());
        o.uint("start", self.idx.char_of_from(m.start, &mut self.cont_seen));
        o.uint("end", self.idx.char_of_from(m.end, &mut self.cont_seen));
        o.str("text", text);
        match m.entry {
            Some(i) => {
                let tail = self.cache.mention_tail(m, i, self.g.entry(i));
                o.value().extend_from_slice(self.cache.json(tail));
            }
            // Dates, mostly: no entry and no country.
            None => o.opt_str("country", m.country.as_ref().map(|c| c.as_str())),
        }
        if let Some(value) = &m.value {
            o.str("value", value);
        }
        if let Some(modifier) = m.modifier {
            o.plain("mod", modifier);
        }
        if let Some(timex_type) = m.timex_type {
            o.plain("timex_type", timex_type);
        }
        if m.vague {
            o.bool("vague", true);
        }
        o.close();
        end_line(out);
    }

    /// A JSON array of the entity objects of mentions `indexes`.
    fn entity_list(&mut self, out: &mut Vec<u8>, indexes: &[usize]) {
        write_array(out, indexes, |out, &i| {
            let span = match self.entities[i] {
                Some(span) => span,
                None => {
                    let m = &self.r.mentions[i];
                    let entry = m.entry.map(|k| self.g.entry(k));
                    let span = self.cache.get(m, &self.r.text[m.start..m.end], entry);
                    *self.entities.get_mut(i).expect("a mention index") = Some(span);
                    span
                }
            };
            out.extend_from_slice(self.cache.json(span));
        });
    }

    /// A phrase object of a triple, in sentence `sentence`.
    fn phrase(
        &mut self,
        out: &mut Vec<u8>,
        p: &PhraseResult,
        sentence: &SentenceFacts,
        extra: PhraseExtra,
    ) {
        let text = &self.r.text[p.start..p.end];
        let mut o = Object::open(out);
        let value = o.key("text");
        let from = value.len();
        if sentence.plain && sentence.chars.contains(&(p.start..p.end)) {
            write_plain(value, text);
        } else {
            write_str(value, text);
        }
        let to = value.len();
        if p.clean == text {
            // Mostly the same: copy the escaped text.
            o.key("clean").extend_from_within(from..to);
        } else {
            o.str("clean", &p.clean);
        }
        o.uint("start", sentence.chars.char_of(p.start));
        o.uint("end", sentence.chars.char_of(p.end));
        match extra {
            PhraseExtra::HeadLemma(head, lemma) => {
                o.str("head", head);
                o.str("lemma", lemma);
            }
            PhraseExtra::Entities => self.entity_list(o.key("entities"), &p.entities),
        }
        o.close();
    }

    /// Append `x` as `serde_json` writes it, formatted once per document.
    fn confidence(&mut self, out: &mut Vec<u8>, x: f32) {
        let bits = x.to_bits();
        let json = match self.confidences.iter().position(|(b, _)| *b == bits) {
            Some(k) => &self.confidences[k].1,
            None => {
                let mut json = Vec::new();
                write_float(&mut json, x);
                self.confidences.push((bits, json));
                &self.confidences.last().expect("just pushed").1
            }
        };
        out.extend_from_slice(json);
    }

    /// A `triple` record.
    pub fn triple(&mut self, out: &mut Vec<u8>, t: &TripleResult) {
        let mut o = open_record(out, &mut self.triple_head, "triple", &self.id, t.sentence);
        let chars = match self.last_sentence.take() {
            Some((i, chars)) if i == t.sentence => chars,
            _ => self.idx.span(self.r.sentences[t.sentence].clone()),
        };
        let sentence = SentenceFacts {
            plain: self.sentence_text(o.key("sentence_text"), t.sentence),
            chars,
        };
        self.phrase(
            o.key("subject"),
            &t.subject,
            &sentence,
            PhraseExtra::Entities,
        );
        let head_lemma = PhraseExtra::HeadLemma(&t.action_head, &t.lemma);
        self.phrase(o.key("action"), &t.action, &sentence, head_lemma);
        match &t.object {
            Some(p) => self.phrase(o.key("object"), p, &sentence, PhraseExtra::Entities),
            None => o.raw("object", b"null"),
        }
        o.bool("negated", t.negated);
        o.opt_str("modality", t.modality.as_deref());
        o.plain("voice", if t.passive { "passive" } else { "active" });
        o.opt_str("date", t.date.as_deref());
        self.entity_list(o.key("places"), &t.places);
        self.confidence(o.key("confidence"), t.confidence);
        // Only in `--all-clauses` output: no verb states the relation.
        if t.implicit {
            o.bool("implicit", true);
        }
        o.close();
        end_line(out);
        self.last_sentence = Some((t.sentence, sentence.chars));
    }

    /// The whole document in the gold format ([`crate::docformat::Doc`]).
    pub fn gold_doc(&mut self, out: &mut Vec<u8>) {
        let r = self.r;
        let mut o = Object::open(out);
        o.raw("doc", &self.id);
        o.opt_str("dct", r.dct.map(|d| d.to_string()).as_deref());
        if let Some(path) = &r.path {
            o.str("path", &path.display().to_string());
        }
        write_array(o.key("sentences"), 0..r.sentences.len(), |out, i| {
            let s = r.sentences[i].clone();
            let mut o = Object::open(out);
            o.uint("start", self.idx.char_of(s.start));
            o.uint("end", self.idx.char_of(s.end));
            self.sentence_text(o.key("text"), i);
            o.close();
        });
        write_array(o.key("mentions"), &r.mentions, |out, m| {
            let mut o = Object::open(out);
            o.uint("start", self.idx.char_of(m.start));
            o.uint("end", self.idx.char_of(m.end));
            o.str("text", &r.text[m.start..m.end]);
            o.plain("kind", m.kind.as_str());
            o.opt_str("country", m.country.as_ref().map(|c| c.as_str()));
            o.opt_str("value", m.value.as_deref());
            o.opt_str("mod", m.modifier);
            o.bool("optional", false);
            o.close();
        });
        write_array(o.key("triples"), &r.triples, |out, t| {
            let mut o = Object::open(out);
            o.uint("sentence", t.sentence);
            o.str("subject", &t.subject.clean);
            o.raw("subject_head", b"null");
            o.str("action", &t.action.clean);
            o.str("action_head", &t.action_head);
            o.opt_str("object", t.object.as_ref().map(|p| p.clean.as_str()));
            o.raw("object_head", b"null");
            o.bool("negated", t.negated);
            o.opt_str("modality", t.modality.as_deref());
            o.opt_str("date", t.date.as_deref());
            o.bool("optional", false);
            o.close();
        });
        o.close();
        end_line(out);
    }
}
