//! The baseline for end-to-end figures: a bare Aho-Corasick scan of files
//! over the same gazetteer's surface forms (standard unanchored
//! leftmost-longest automaton, no word boundaries, no context).
//!
//! `cargo bench --bench scan -- DIR [RUNS]` prints one JSON line with the
//! median MB/s over the files (read once into memory; the automaton is built
//! before timing).

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use briefx::gazetteer::Gazetteer;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = PathBuf::from(args.first().map_or("corpus/briefs", String::as_str));
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let g = Gazetteer::embedded().unwrap();
    let forms: Vec<&str> = g
        .entries()
        .iter()
        .flat_map(|e| e.aliases.iter().chain(e.adjectivals.iter()).copied())
        .filter(|f| f.len() >= 2)
        .collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&forms)
        .unwrap();
    let mut rates = Vec::new();
    let mut hits = 0;
    for _ in 0..runs {
        let t = Instant::now();
        hits = texts
            .iter()
            .map(|t| ac.find_iter(black_box(t.as_str())).count())
            .sum::<usize>();
        rates.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{{\"files\": {}, \"mb\": {:.2}, \"forms\": {}, \"hits\": {hits}, \"scan_mb_s\": {:.1}}}",
        texts.len(),
        bytes as f64 / 1e6,
        forms.len(),
        rates[rates.len() / 2]
    );
}
