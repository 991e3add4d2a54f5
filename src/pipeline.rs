//! The pipeline: one document in, one [`DocResult`] out.
//!
//! Stages run in order on normalized text (byte offsets): normalize →
//! segment → (taggers, triples as they land). Offsets go back to the
//! original text once, here, when the result is built.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::date::Date;
use crate::dates::{DateTagger, Dct, Timex};
use crate::dct::DateFinder;
use crate::gazetteer::{Gazetteer, LoadError};
use crate::ingest::{DctSource, Document};
use crate::normalize::{Normalized, is_header_line, normalize};
use crate::pos::Tagger;
use crate::segment::segment;
use crate::tag::{self, Mention, MentionKind};
use crate::triples;

/// Everything extracted from one document, in original byte offsets.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub id: String,
    pub path: Option<PathBuf>,
    /// The original text (BOM removed).
    pub text: String,
    pub title: Option<String>,
    pub dct: Option<Date>,
    pub dct_source: DctSource,
    /// Sentence spans, byte offsets into `text`.
    pub sentences: Vec<Range<usize>>,
    /// Mentions in text order, byte offsets into `text`.
    pub mentions: Vec<Mention>,
    /// Triples in sentence order, byte offsets into `text`.
    pub triples: Vec<TripleResult>,
}

/// A phrase of a triple: original byte offsets, and its text with link
/// markup and line breaks cleaned away.
#[derive(Debug, Clone)]
pub struct PhraseResult {
    pub start: usize,
    pub end: usize,
    pub clean: String,
    /// Indexes into the document's mentions (actors and places inside).
    pub entities: Vec<usize>,
}

/// One triple with everything resolved (original offsets).
#[derive(Debug, Clone)]
pub struct TripleResult {
    pub sentence: usize,
    pub subject: PhraseResult,
    pub action: PhraseResult,
    pub action_head: String,
    pub lemma: String,
    pub object: Option<PhraseResult>,
    pub negated: bool,
    pub modality: Option<String>,
    pub passive: bool,
    /// The situating date's value.
    pub date: Option<String>,
    /// Place mentions of the clause (indexes into mentions).
    pub places: Vec<usize>,
    pub confidence: f32,
    /// The relation is stated by no verb (see `triples::Triple::implicit`).
    pub implicit: bool,
}

/// The embedded part-of-speech model, loaded once per process.
pub fn default_tagger() -> Arc<Tagger> {
    static T: OnceLock<Arc<Tagger>> = OnceLock::new();
    T.get_or_init(|| {
        Arc::new(
            Tagger::from_bytes(include_bytes!("pos/en_ewt.postag"))
                .expect("the embedded POS model loads (tested)"),
        )
    })
    .clone()
}

/// Settings that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--dct`: overrides the brief's own date.
    pub dct: Option<Date>,
    /// `--all-clauses`: keep triples without an actor.
    pub all_clauses: bool,
    /// Skip part-of-speech tagging and triples (and never load the model)
    /// when no output needs them: `--emit mentions`, `sentences`.
    pub no_triples: bool,
}

/// The built pipeline, shared read-only by all worker threads.
pub struct Pipeline {
    options: Options,
    dates: DateFinder,
    gazetteer: Arc<Gazetteer>,
    timex: DateTagger,
    /// `None` with [`Options::no_triples`].
    tagger: Option<Arc<Tagger>>,
}

/// The embedded gazetteers, loaded once per process.
pub fn default_gazetteer() -> Result<Arc<Gazetteer>, Vec<LoadError>> {
    static G: OnceLock<Result<Arc<Gazetteer>, Vec<LoadError>>> = OnceLock::new();
    G.get_or_init(|| Gazetteer::embedded().map(Arc::new))
        .clone()
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Pipeline>();
};

impl Pipeline {
    pub fn new(options: Options, gazetteer: Arc<Gazetteer>) -> Pipeline {
        let tagger = (!options.no_triples).then(default_tagger);
        Pipeline {
            options,
            dates: DateFinder::new(),
            gazetteer,
            timex: DateTagger::new(),
            tagger,
        }
    }

    /// A pipeline with the embedded gazetteers.
    pub fn with_defaults(options: Options) -> Pipeline {
        let g = default_gazetteer().expect("the embedded gazetteers load (tested)");
        Pipeline::new(options, g)
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Run every stage on one document.
    pub fn process(&self, doc: Document) -> DocResult {
        let norm = normalize(&doc.text);
        let segs = segment(&norm.text);
        let lines = first_lines(&norm.text, 4);
        let header = lines.iter().find(|l| is_header_line(l));
        let header_dct = header.and_then(|h| self.dates.find(h));
        let (dct, dct_source) = if let Some(d) = self.options.dct {
            (Some(d), DctSource::Flag)
        } else if let Some(d) = doc.given_dct {
            (Some(d), DctSource::Stdin)
        } else if let Some(d) = header_dct {
            (Some(d), DctSource::Header)
        } else {
            (None, DctSource::None)
        };
        let title = lines
            .first()
            .filter(|l| !is_header_line(l) && segs.len() > 1)
            .map(|l| l.trim().to_string());
        let mut mentions = Vec::new();
        tag::entities::tag(&self.gazetteer, &norm.text, &segs, &mut mentions);
        let dct_arg = dct.map(|d| Dct {
            year: d.year,
            month: d.month,
            day: d.day,
        });
        let timexes = self.timex.tag(&norm.text, dct_arg);
        merge_dates(&mut mentions, &timexes, &segs);
        let clauses = match &self.tagger {
            Some(tagger) => triples::extract_doc(
                tagger,
                &norm.text,
                &segs,
                &mentions,
                self.options.all_clauses,
            ),
            None => Vec::new(),
        };
        let index = MentionIndex::new(&mentions);
        let triples = clauses
            .into_iter()
            .map(|t| resolve_triple(&norm, &index, t))
            .collect();
        for m in &mut mentions {
            m.start = norm.to_original(m.start);
            m.end = norm.to_original_end(m.end);
        }
        let sentences = segs
            .iter()
            .map(|r| segment_to_original(&norm, &doc.text, r.clone()))
            .collect();
        DocResult {
            id: doc.id,
            path: doc.path,
            text: doc.text,
            title,
            dct,
            dct_source,
            sentences,
            mentions,
            triples,
        }
    }
}

/// The mentions of a document, for queries by byte range.
struct MentionIndex<'a> {
    mentions: &'a [Mention],
    /// Sorted by start (as the taggers leave them): a range query then
    /// looks only at mentions starting inside the range, not at all of them
    /// for every phrase.
    sorted: bool,
}

impl<'a> MentionIndex<'a> {
    fn new(mentions: &'a [Mention]) -> Self {
        MentionIndex {
            mentions,
            sorted: mentions.is_sorted_by_key(|m| m.start),
        }
    }

    /// The indexes of the mentions that may lie within `s..e`: those
    /// starting inside it (all of them when not sorted).
    fn candidates(&self, s: usize, e: usize) -> Range<usize> {
        let ms = self.mentions;
        if !self.sorted {
            return 0..ms.len();
        }
        let lo = ms.partition_point(|m| m.start < s);
        // a mention starting after `e` cannot end by `e`
        lo..lo + ms[lo..].partition_point(|m| m.start <= e)
    }

    /// Indexes of the mentions of `kind` (any but dates when `None`) that
    /// lie within `s..e`, in order, looked for among `candidates` (which
    /// must hold all the mentions starting inside `s..e`).
    fn within(
        &self,
        candidates: Range<usize>,
        s: usize,
        e: usize,
        kind: Option<MentionKind>,
    ) -> Vec<usize> {
        candidates
            .filter(|&i| {
                let m = &self.mentions[i];
                m.start >= s
                    && m.end <= e
                    && match kind {
                        Some(k) => m.kind == k,
                        None => m.kind != MentionKind::Date,
                    }
            })
            .collect()
    }
}

/// `s` with every run of whitespace made one space, and none at the ends.
fn clean_text(s: &str) -> String {
    if is_clean_ascii(s.as_bytes()) && (s.is_ascii() || !has_unicode_space(s)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    if !s.is_ascii() {
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        return out;
    }
    // ASCII: the same words as `split_whitespace` (`char::is_whitespace`
    // on ASCII), found a byte at a time and copied a word at a time
    let b = s.as_bytes();
    let is_space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let word = i;
        while i < b.len() && !is_space(b[i]) {
            i += 1;
        }
        if word < i {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[word..i]);
        }
    }
    out
}

/// Does `s` hold whitespace outside ASCII (a no-break space, a thin
/// space, ...)? Those all start with one of four lead bytes; other
/// characters (curly quotes, dashes, accents) are told apart without
/// decoding every character.
fn has_unicode_space(s: &str) -> bool {
    s.bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3))
        .any(|(i, _)| s[i..].chars().next().is_some_and(char::is_whitespace))
}

/// Are the ASCII bytes of `b` already clean: no whitespace but single
/// spaces between words? (Most phrases are; the checks run over all bytes
/// without early exits, so that they compile to vector code. Bytes of
/// other characters are never ASCII whitespace.)
fn is_clean_ascii(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    let other_space = b
        .iter()
        .fold(false, |acc, &c| acc | matches!(c, b'\t'..=b'\r'));
    let double_space = b
        .iter()
        .zip(&b[1..])
        .fold(false, |acc, (&x, &y)| acc | ((x == b' ') & (y == b' ')));
    first != b' ' && last != b' ' && !other_space && !double_space
}

/// Map a triple to original offsets, with clean texts and the mentions
/// inside its phrases.
fn resolve_triple(norm: &Normalized, index: &MentionIndex, t: triples::Triple) -> TripleResult {
    let (lo, hi) = (
        t.subject.start.min(t.action.start),
        t.object
            .as_ref()
            .map_or(t.action.end, |o| o.end.max(t.action.end)),
    );
    // One search for the mentions near the whole clause; each phrase then
    // scans only those.
    let mut near = (lo.min(t.subject.start), hi.max(t.subject.end));
    if let Some(o) = &t.object {
        near = (near.0.min(o.start), near.1.max(o.end));
    }
    let near = index.candidates(near.0, near.1);
    let phrase = |p: &triples::Phrase| PhraseResult {
        start: norm.to_original(p.start),
        end: norm.to_original_end(p.end),
        clean: clean_text(&norm.text[p.start..p.end]),
        entities: index.within(near.clone(), p.start, p.end, None),
    };
    TripleResult {
        sentence: t.sentence,
        subject: phrase(&t.subject),
        action: phrase(&t.action),
        action_head: norm.text[t.action_head.start..t.action_head.end].to_string(),
        lemma: t.lemma,
        object: t.object.as_ref().map(phrase),
        negated: t.negated,
        modality: t.modality,
        passive: t.passive,
        date: t.date.and_then(|i| index.mentions[i].value.clone()),
        places: index.within(near.clone(), lo, hi, Some(MentionKind::Place)),
        confidence: t.confidence,
        implicit: t.implicit,
    }
}

/// Add date mentions; a name that overlaps a date gives way to it.
fn merge_dates(mentions: &mut Vec<Mention>, timexes: &[Timex], segs: &[Range<usize>]) {
    if timexes.is_empty() {
        return;
    }
    let dates = Spans::new(timexes.iter().map(|t| (t.start, t.end)));
    mentions.retain(|m| !dates.overlap(m.start, m.end));
    for t in timexes {
        let sentence = segs
            .partition_point(|s| s.end <= t.start)
            .min(segs.len().saturating_sub(1));
        mentions.push(Mention {
            start: t.start,
            end: t.end,
            kind: MentionKind::Date,
            entry: None,
            country: None,
            value: Some(t.value.clone()),
            modifier: t.modifier,
            timex_type: Some(t.kind.as_str()),
            vague: t.vague,
            sentence,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// Spans sorted by start, each with the largest end up to it: whether a
/// range overlaps any of them is one binary search, not a scan of them all.
struct Spans {
    /// `(start, largest end of this and all earlier spans)`.
    spans: Vec<(usize, usize)>,
}

impl Spans {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let mut max_end = 0;
        for (_, end) in &mut spans {
            max_end = max_end.max(*end);
            *end = max_end;
        }
        Spans { spans }
    }

    /// Does some span overlap `start..end`? Those starting before `end` are
    /// a prefix; one of them overlaps iff the largest end among them is
    /// after `start`.
    fn overlap(&self, start: usize, end: usize) -> bool {
        let k = self.spans.partition_point(|&(s, _)| s < end);
        k > 0 && self.spans[k - 1].1 > start
    }
}

fn first_lines(text: &str, n: usize) -> Vec<&str> {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .collect()
}

/// Map a segment to the original, widening it over link markup at its edges
/// (`[Russia](#) said ... [Tartus](#)`: the brackets belong to the sentence).
fn segment_to_original(norm: &Normalized, orig: &str, r: Range<usize>) -> Range<usize> {
    let mut s = norm.to_original(r.start);
    let mut e = norm.to_original_end(r.end);
    let b = orig.as_bytes();
    while s > 0 && b[s - 1] == b'[' {
        s -= 1;
    }
    while orig[e..].starts_with("](") {
        match orig[e..].find(')') {
            Some(k) => e += k + 1,
            None => break,
        }
    }
    s..e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            id: "t".into(),
            path: None,
            text: text.into(),
            given_dct: None,
        }
    }

    #[test]
    fn span_overlap_matches_a_scan() {
        let raw = [(30, 34), (5, 12), (10, 11), (40, 60), (41, 42)];
        let spans = Spans::new(raw.iter().copied());
        for start in 0..65 {
            for end in start + 1..66 {
                let scan = raw.iter().any(|&(s, e)| s < end && start < e);
                assert_eq!(spans.overlap(start, end), scan, "{start}..{end}");
            }
        }
        assert!(!Spans::new(std::iter::empty()).overlap(0, 9));
    }

    #[test]
    fn clean_text_collapses_whitespace_like_split_whitespace() {
        for s in [
            "",
            " ",
            "a",
            "Oman and Qatar",
            " leading",
            "trailing ",
            "two  spaces",
            "line\nbreak",
            "tab\t and\r\n crlf",
            "vertical\x0btab\x0cfeed",
            "wrapped over a\n\nparagraph",
            "non\u{a0}breaking and\u{2009}thin",
            "caf\u{e9}  au lait",
            "Russia\u{2019}s \u{201c}forces\u{201d} \u{2014} caf\u{e9}",
            "next\u{85}line",
            "ogham\u{1680}space",
            "narrow\u{202f}no-break",
            "math\u{205f}space",
            "line\u{2028}separator",
            "ideographic\u{3000}space",
            "\u{3000}edges\u{a0}",
        ] {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(clean_text(s), expected, "{s:?}");
        }
    }

    #[test]
    fn unicode_spaces_are_found_by_their_lead_bytes() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(has_unicode_space(&s), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn header_gives_dct_and_title() {
        let p = Pipeline::with_defaults(Options::default());
        let r = p.process(doc(
            "Russia in Syria\n\nDana Kolar | No. 2077 | January 19, 2026\n\nText here. More text.",
        ));
        assert_eq!(r.dct, Date::new(2026, 1, 19));
        assert_eq!(r.dct_source, DctSource::Header);
        assert_eq!(r.title.as_deref(), Some("Russia in Syria"));
        let texts: Vec<&str> = r.sentences.iter().map(|s| &r.text[s.clone()]).collect();
        assert_eq!(
            texts,
            [
                "Russia in Syria",
                "Dana Kolar | No. 2077 | January 19, 2026",
                "Text here.",
                "More text."
            ]
        );
    }

    #[test]
    fn no_triples_keeps_everything_else() {
        let t =
            "T\n\nA B | No. 1 | March 3, 2026\n\nRussia struck Idlib on Monday. Iran met Turkey.";
        let full = Pipeline::with_defaults(Options::default()).process(doc(t));
        let lean = Pipeline::with_defaults(Options {
            no_triples: true,
            ..Options::default()
        })
        .process(doc(t));
        assert!(!full.triples.is_empty());
        assert!(lean.triples.is_empty());
        assert_eq!(lean.sentences, full.sentences);
        assert_eq!(lean.mentions, full.mentions);
        assert_eq!(lean.dct, full.dct);
    }

    #[test]
    fn flag_overrides_header() {
        let p = Pipeline::with_defaults(Options {
            dct: Date::new(2020, 5, 1),
            ..Options::default()
        });
        let r = p.process(doc("T\n\nA B | No. 1 | March 3, 2026\n\nX."));
        assert_eq!(r.dct, Date::new(2020, 5, 1));
        assert_eq!(r.dct_source, DctSource::Flag);
    }

    #[test]
    fn spans_cover_link_markup_and_page_breaks() {
        let p = Pipeline::with_defaults(Options::default());
        let t = "[Russia](#) left [Tartus](#). It came back in the\n\nsummer months.";
        let r = p.process(doc(t));
        let texts: Vec<&str> = r.sentences.iter().map(|s| &t[s.clone()]).collect();
        assert_eq!(
            texts,
            [
                "[Russia](#) left [Tartus](#).",
                "It came back in the\n\nsummer months."
            ]
        );
    }
}
