//! Stage benchmarks (divan): `cargo bench --bench stages [-- NAME]`, where
//! NAME runs only the stages whose name contains it (`-- tag`).
//! `BRIEFX_BENCH_MB=50` sets the corpus size (default 20 MB).
//!
//! Builds the corpus from the bundled briefs: paragraphs are shuffled
//! across briefs with a fixed seed, so the text is varied rather than one
//! file repeated, while keeping the briefs' markup (titles, headers, links,
//! page breaks). Each sample runs a stage over the whole corpus on one
//! thread; divan reports the time per sample and the throughput in input
//! bytes per second (read the median).

use std::fs;
use std::hint::black_box;
use std::ops::Range;
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;

use briefx::gazetteer::{self, Gazetteer};
use briefx::normalize::normalize;
use briefx::segment::segment;

fn main() {
    let c = corpus();
    println!(
        "corpus: {} documents, {:.1} MB (BRIEFX_BENCH_MB sets the size)",
        c.docs.len(),
        c.bytes as f64 / 1e6
    );
    divan::main();
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The corpus, and what later stages start from.
struct Corpus {
    docs: Vec<String>,
    /// Input bytes (of `docs`).
    bytes: usize,
    /// Each document normalized, and its sentences.
    normed: Vec<String>,
    segs: Vec<Vec<Range<usize>>>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mb: usize = std::env::var("BRIEFX_BENCH_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20);
        let docs = build(mb * 1_000_000);
        let normed: Vec<String> = docs.iter().map(|d| normalize(d).text).collect();
        Corpus {
            bytes: docs.iter().map(String::len).sum(),
            segs: normed.iter().map(|d| segment(d)).collect(),
            normed,
            docs,
        }
    })
}

fn build(target: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut heads = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/briefs");
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let text = fs::read_to_string(p).unwrap();
        let parts: Vec<&str> = text.split("\n\n").collect();
        heads.push(parts[..2].join("\n\n"));
        paragraphs.extend(parts[2..].iter().map(|s| s.to_string()));
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < target {
        let mut doc = heads[rng.next() as usize % heads.len()].clone();
        for _ in 0..12 {
            doc.push_str("\n\n");
            doc.push_str(&paragraphs[rng.next() as usize % paragraphs.len()]);
        }
        doc.push('\n');
        total += doc.len();
        docs.push(doc);
    }
    docs
}

/// Run `f` over every document of `docs` (whose bytes are `bytes`) per
/// sample, counting its input bytes.
fn over<T: Sync>(b: Bencher, docs: &[T], bytes: usize, f: impl Fn(&T) -> usize + Sync) {
    b.counter(BytesCount::new(bytes))
        .bench(|| docs.iter().map(|d| f(black_box(d))).sum::<usize>());
}

/// The normalized documents' bytes (what stages after normalization read).
fn normed_bytes() -> usize {
    corpus().normed.iter().map(String::len).sum()
}

#[divan::bench(sample_count = 7)]
fn normalize_only(b: Bencher) {
    let c = corpus();
    over(b, &c.docs, c.bytes, |d| normalize(d).text.len());
}

#[divan::bench(sample_count = 7)]
fn segment_normalized(b: Bencher) {
    over(b, &corpus().normed, normed_bytes(), |d| segment(d).len());
}

#[divan::bench(sample_count = 7)]
fn normalize_and_segment(b: Bencher) {
    let c = corpus();
    over(b, &c.docs, c.bytes, |d| segment(&normalize(d).text).len());
}

#[divan::bench(sample_count = 7)]
fn date_tagging(b: Bencher) {
    let dates = briefx::dates::DateTagger::new();
    let dct = Some(briefx::dates::Dct {
        year: 2026,
        month: 1,
        day: 19,
    });
    over(b, &corpus().normed, normed_bytes(), |d| {
        dates.tag(d, dct).len()
    });
}

#[divan::bench(sample_count = 7)]
fn gazetteer_scan(b: Bencher) {
    let g = Gazetteer::embedded().unwrap();
    over(b, &corpus().normed, normed_bytes(), |d| {
        let mut hits = Vec::new();
        g.find(d, &mut hits);
        hits.len()
    });
}

/// The scan plus the context rules: actor or place, country.
#[divan::bench(sample_count = 7)]
fn tag_actors_and_places(b: Bencher) {
    let g = Gazetteer::embedded().unwrap();
    let c = corpus();
    let docs: Vec<(&String, &Vec<Range<usize>>)> = c.normed.iter().zip(&c.segs).collect();
    over(b, &docs, normed_bytes(), |(d, s)| {
        let mut out = Vec::new();
        briefx::tag::entities::tag(&g, d, s, &mut out);
        out.len()
    });
}

#[divan::bench(sample_count = 5)]
fn pos_tokenize_and_tag(b: Bencher) {
    let tagger = briefx::pipeline::default_tagger();
    let c = corpus();
    let docs: Vec<(&String, &Vec<Range<usize>>)> = c.normed.iter().zip(&c.segs).collect();
    over(b, &docs, normed_bytes(), |(d, segs)| {
        let mut n = 0;
        let mut tags = Vec::new();
        for s in segs.iter() {
            let slice = &d[s.clone()];
            let toks = briefx::pos::tokenize(slice);
            let words: Vec<&str> = toks.iter().map(|t| t.as_str(slice)).collect();
            tagger.tag(&words, &mut tags);
            n += tags.len();
        }
        n
    });
}

/// Everything `briefx extract` does to a brief but reading and writing.
#[divan::bench(sample_count = 5)]
fn whole_pipeline(b: Bencher) {
    let pipeline = briefx::pipeline::Pipeline::with_defaults(Default::default());
    let c = corpus();
    over(b, &c.docs, c.bytes, |d| {
        let r = pipeline.process(briefx::ingest::Document {
            id: "b".into(),
            path: None,
            text: d.to_string(),
            given_dct: None,
        });
        r.triples.len()
    });
}

/// Start-up: decoding the gazetteer image embedded in the binary.
#[divan::bench(sample_count = 10)]
fn gazetteer_load_embedded() -> Gazetteer {
    Gazetteer::embedded().unwrap()
}

/// `--gazetteers DIR`: reading the TSV text and building the matcher (the
/// shipped files, from memory).
#[divan::bench(sample_count = 5)]
fn gazetteer_load_from_text() -> Gazetteer {
    let sources: Vec<gazetteer::load::Source> = gazetteer::EMBEDDED
        .iter()
        .map(|(n, t)| gazetteer::load::Source {
            name: n.to_string(),
            text: t,
        })
        .collect();
    let stop = gazetteer::load::Source {
        name: "stoplist.txt".into(),
        text: gazetteer::EMBEDDED_STOPLIST,
    };
    Gazetteer::build(gazetteer::load::read(&sources, Some(&stop)).unwrap())
}
