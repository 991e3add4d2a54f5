//! `briefx eval`: score extraction against hand-labeled gold files, print a
//! report, and gate regressions against a baseline.
//!
//! Scores follow the "Scores" section of the annotation guide (see
//! [`score`]); gold files are validated on load (see [`gold`]).

pub mod gold;
pub mod report;
pub mod score;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::Outcome;
use crate::docformat::Doc;
use crate::ingest::Document;
use crate::output::{CharIndex, to_doc};
use crate::pipeline::{Options, Pipeline};

use self::score::{ErrorItem, Scores};

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder of gold files (NAME.json, the annotation guide's format).
    #[arg(long, default_value = "corpus/gold")]
    pub gold: PathBuf,
    /// Folder of the briefs the gold files label (NAME.txt or NAME.md).
    #[arg(long, default_value = "corpus/briefs")]
    pub briefs: PathBuf,
    /// Score an existing `briefx extract --emit doc` output instead of running the pipeline.
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// List each miss and false alarm with its sentence.
    #[arg(long)]
    pub show_errors: bool,
    /// Print one JSON object with the scores instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when a score falls below this baseline (a JSON object of scores) minus the tolerance.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// How far below the baseline a score may fall.
    #[arg(long, default_value_t = 0.005)]
    pub tolerance: f64,
    /// Write the current scores to this file as the new baseline.
    #[arg(long)]
    pub write_baseline: Option<PathBuf>,
    /// Gazetteer folder to use instead of the embedded one.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,
}

/// Scores of one evaluated document.
pub struct DocReport {
    pub doc: String,
    pub scores: Scores,
    pub errors: Vec<ErrorItem>,
    pub gold: gold::Gold,
}

/// The result of evaluating a gold folder.
pub struct Evaluation {
    pub total: Scores,
    pub docs: Vec<DocReport>,
    /// Gold files that could not be loaded (named, with the reason).
    pub bad_gold: Vec<gold::GoldError>,
}

/// Run the pipeline on every brief of the gold folder (or read predictions)
/// and score them.
pub fn evaluate(
    gold_dir: &Path,
    briefs: &Path,
    pred: Option<&Path>,
    pipeline: &Pipeline,
) -> Result<Evaluation, String> {
    let files = gold::gold_files(gold_dir)?;
    if files.is_empty() {
        return Err(format!("{}: no gold files (*.json)", gold_dir.display()));
    }
    let mut preds: Option<HashMap<String, Doc>> = match pred {
        Some(p) => Some(read_predictions(p)?),
        None => None,
    };
    let mut total = Scores::default();
    let mut docs = Vec::new();
    let mut bad_gold = Vec::new();
    for f in files {
        let g = match gold::load(&f, briefs) {
            Ok(g) => g,
            Err(e) => {
                bad_gold.push(e);
                continue;
            }
        };
        let p = match preds.as_mut() {
            Some(map) => map.remove(&g.doc.doc).unwrap_or_else(|| Doc {
                doc: g.doc.doc.clone(),
                ..Doc::default()
            }),
            None => {
                let result = pipeline.process(Document {
                    id: g.doc.doc.clone(),
                    path: Some(g.brief.clone()),
                    text: g.text.clone(),
                    given_dct: None,
                });
                to_doc(&result, &CharIndex::new(&result.text))
            }
        };
        let mut errors = Vec::new();
        let scores = score::score_doc(&g.doc, &p, &mut errors);
        total.add(&scores);
        docs.push(DocReport {
            doc: g.doc.doc.clone(),
            scores,
            errors,
            gold: g,
        });
    }
    Ok(Evaluation {
        total,
        docs,
        bad_gold,
    })
}

fn read_predictions(path: &Path) -> Result<HashMap<String, Doc>, String> {
    let f = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut map = HashMap::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let d: Doc = serde_json::from_str(&line).map_err(|e| {
            format!(
                "{}:{}: not a document in the gold format: {e}",
                path.display(),
                i + 1
            )
        })?;
        map.insert(d.doc.clone(), d);
    }
    Ok(map)
}

/// The scores as a JSON object (numbers from 0 to 1, null when nothing to measure).
pub fn scores_json(s: &Scores) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = s
        .metrics()
        .into_iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                v.map_or(serde_json::Value::Null, |x| round(x).into()),
            )
        })
        .collect();
    serde_json::Value::Object(map)
}

fn round(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Scores that fell below `baseline - tolerance`: (name, current, baseline).
pub fn regressions(
    s: &Scores,
    baseline: &serde_json::Value,
    tolerance: f64,
) -> Result<Vec<(String, Option<f64>, f64)>, String> {
    let obj = baseline
        .as_object()
        .ok_or("the baseline is not a JSON object of scores")?;
    let current: BTreeMap<&str, Option<f64>> = s.metrics().into_iter().collect();
    let mut out = Vec::new();
    for (k, v) in obj {
        let Some(base) = v.as_f64() else { continue };
        let Some(cur) = current.get(k.as_str()) else {
            return Err(format!("the baseline names an unknown score {k:?}"));
        };
        if cur.is_none_or(|c| round(c) < base - tolerance) {
            out.push((k.clone(), *cur, base));
        }
    }
    Ok(out)
}

pub fn run(a: EvalArgs) -> Result<Outcome, Box<dyn std::error::Error>> {
    let pipeline = Pipeline::new(
        Options::default(),
        crate::cli::load_gazetteer(a.gazetteers.as_deref())?,
    );
    let ev = evaluate(&a.gold, &a.briefs, a.pred.as_deref(), &pipeline)?;
    for e in &ev.bad_gold {
        eprintln!("briefx: {e}");
    }
    if a.json {
        crate::cli::write_stdout(&format!("{}\n", scores_json(&ev.total)))?;
    } else {
        crate::cli::write_stdout(&report::table(&ev, a.show_errors))?;
    }
    if let Some(path) = &a.write_baseline {
        let mut text = serde_json::to_string_pretty(&scores_json(&ev.total))?;
        text.push('\n');
        fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut failed = false;
    if let Some(path) = &a.baseline {
        let raw = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let base: serde_json::Value =
            serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        let regs = regressions(&ev.total, &base, a.tolerance)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for (k, cur, b) in &regs {
            let cur = cur.map_or("none".to_string(), |c| format!("{c:.4}"));
            eprintln!(
                "briefx: regression: {k} = {cur}, below the baseline {b:.4} - {}",
                a.tolerance
            );
        }
        failed = !regs.is_empty();
    }
    if failed {
        return Ok(Outcome::Failed(1));
    }
    if !ev.bad_gold.is_empty() {
        return Ok(Outcome::Failed(2));
    }
    Ok(Outcome::Ok)
}
