//! Stage benchmarks: `cargo bench --bench stages [-- MB] [-- NAME]`: a
//! number sets the corpus size in MB, a word runs only the stages whose
//! name contains it (`-- 2 tag`).
//!
//! Builds a corpus of about 20 MB (or the size given) from the bundled
//! briefs: paragraphs are shuffled across briefs with a fixed seed, so the
//! text is varied rather than one file repeated, while keeping the briefs'
//! markup (titles, headers, links, page breaks). Each stage runs over the
//! whole corpus several times; the median MB/s (input bytes per second, one
//! thread) is reported.

use std::fs;
use std::hint::black_box;
use std::time::Instant;

use briefx::gazetteer::{self, Gazetteer};
use briefx::normalize::normalize;
use briefx::segment::segment;

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

fn corpus(target: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut heads = Vec::new();
    let mut entries: Vec<_> = fs::read_dir("corpus/briefs")
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

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The stage-name filter given on the command line, if any.
fn selected(name: &str) -> bool {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a.parse::<usize>().is_err() && !a.starts_with('-'))
        .collect();
    filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()))
}

fn bench(name: &str, docs: &[String], runs: usize, f: impl Fn(&str) -> usize) {
    if !selected(name) {
        return;
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut rates = Vec::new();
    let mut units = 0;
    for _ in 0..runs {
        let t = Instant::now();
        units = docs.iter().map(|d| f(black_box(d))).sum::<usize>();
        rates.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    let min = rates.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = rates.iter().cloned().fold(0.0, f64::max);
    println!(
        "{name:<22} median {:>7.1} MB/s  (min {min:.1}, max {max:.1}, {runs} runs, {units} units)",
        median(rates.clone())
    );
}

fn time_load() {
    let mut read = Vec::new();
    let mut build = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
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
        let data = gazetteer::load::read(&sources, Some(&stop)).unwrap();
        read.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let g = Gazetteer::build(data);
        build.push(t.elapsed().as_secs_f64() * 1e3);
        black_box(g);
    }
    let mut decode = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        black_box(Gazetteer::embedded().unwrap());
        decode.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "gazetteer load: embedded image {:.1} ms (start-up); from text (--gazetteers DIR) read {:.1} ms + build {:.1} ms (medians of 5)",
        median(decode),
        median(read),
        median(build)
    );
}

fn main() {
    if selected("gazetteer load") {
        time_load();
    }
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let docs = corpus(mb * 1_000_000);
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "corpus: {} documents, {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6
    );
    bench("normalize", &docs, 7, |d| normalize(d).text.len());
    let normed: Vec<String> = docs.iter().map(|d| normalize(d).text).collect();
    bench("segment (normalized)", &normed, 7, |d| segment(d).len());
    bench("normalize+segment", &docs, 7, |d| {
        segment(&normalize(d).text).len()
    });
    let dates = briefx::dates::DateTagger::new();
    let dct = Some(briefx::dates::Dct {
        year: 2026,
        month: 1,
        day: 19,
    });
    bench("date tagging", &normed, 7, |d| dates.tag(d, dct).len());
    let g = Gazetteer::embedded().unwrap();
    bench("gazetteer scan", &normed, 7, |d| {
        let mut hits = Vec::new();
        g.find(d, &mut hits);
        hits.len()
    });
    if selected("tag actors+places") {
        let segs: Vec<_> = normed.iter().map(|d| segment(d)).collect();
        let bytes: usize = normed.iter().map(String::len).sum();
        let mut rates = Vec::new();
        let mut n = 0;
        for _ in 0..7 {
            let t = Instant::now();
            n = 0;
            for (d, s) in normed.iter().zip(&segs) {
                let mut out = Vec::new();
                briefx::tag::entities::tag(&g, d, s, &mut out);
                n += out.len();
            }
            rates.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
        }
        println!(
            "{:<22} median {:>7.1} MB/s  ({n} mentions)",
            "tag actors+places",
            median(rates)
        );
    }
    let tagger = briefx::pipeline::default_tagger();
    bench("pos tokenize+tag", &normed, 5, |d| {
        let mut n = 0;
        let mut tags = Vec::new();
        for s in segment(d) {
            let slice = &d[s];
            let toks = briefx::pos::tokenize(slice);
            let words: Vec<&str> = toks.iter().map(|t| t.as_str(slice)).collect();
            tagger.tag(&words, &mut tags);
            n += tags.len();
        }
        n
    });
    let pipeline = briefx::pipeline::Pipeline::with_defaults(Default::default());
    bench("whole pipeline", &docs, 5, |d| {
        let r = pipeline.process(briefx::ingest::Document {
            id: "b".into(),
            path: None,
            text: d.to_string(),
            given_dct: None,
        });
        r.triples.len()
    });
}
