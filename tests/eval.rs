//! `briefx eval` on the bundled corpus and on broken gold folders.

use std::fs;
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn briefx() -> Command {
    Command::cargo_bin("briefx").unwrap()
}

/// The regression gate: scores on the labeled corpus must not fall below
/// `corpus/baseline.json`.
#[test]
fn corpus_scores_hold_the_baseline() {
    let out = briefx()
        .args(["eval", "--baseline", "corpus/baseline.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "eval failed or regressed:\n{stderr}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn corpus_is_large_enough_and_every_gold_file_loads() {
    let briefs: Vec<_> = fs::read_dir("corpus/briefs")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(briefs.len() >= 10);
    let words: usize = briefs
        .iter()
        .map(|p| fs::read_to_string(p).unwrap().split_whitespace().count())
        .sum();
    assert!(words >= 8000, "{words} words");
    for p in &briefs {
        let gold = Path::new("corpus/gold")
            .join(p.file_stem().unwrap())
            .with_extension("json");
        assert!(gold.exists(), "no gold for {}", p.display());
    }
    let out = briefx().args(["eval", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "sentence_f1",
        "mention_f1",
        "actor_f1",
        "place_f1",
        "date_f1",
        "date_value_acc",
        "country_acc",
        "kind_acc",
        "triple_f1",
        "negation_acc",
        "modality_acc",
        "triple_date_acc",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
}

fn copy_corpus_subset(dir: &Path, names: &[&str]) {
    fs::create_dir_all(dir.join("gold")).unwrap();
    fs::create_dir_all(dir.join("briefs")).unwrap();
    for n in names {
        fs::copy(
            format!("corpus/gold/{n}.json"),
            dir.join(format!("gold/{n}.json")),
        )
        .unwrap();
        fs::copy(
            format!("corpus/briefs/{n}.txt"),
            dir.join(format!("briefs/{n}.txt")),
        )
        .unwrap();
    }
}

#[test]
fn a_bad_gold_file_is_named_and_the_others_scored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_corpus_subset(d, &["syria-russia-bases", "red-sea-houthis"]);
    // Corrupt one mention's text in one gold file.
    let path = d.join("gold/red-sea-houthis.json");
    let mut g: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    g["mentions"][2]["text"] = Value::from("Atlantis");
    fs::write(&path, serde_json::to_string(&g).unwrap()).unwrap();
    fs::write(d.join("gold/broken.json"), "{not json").unwrap();

    let out = briefx()
        .args(["eval", "--json", "--gold"])
        .arg(d.join("gold"))
        .arg("--briefs")
        .arg(d.join("briefs"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("red-sea-houthis.json") && stderr.contains("mentions[2].text"),
        "{stderr}"
    );
    assert!(stderr.contains("broken.json"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["sentence_f1"].as_f64().unwrap() > 0.9,
        "the good file is still scored"
    );
}

#[test]
fn baseline_gate_names_each_regression() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_corpus_subset(d, &["syria-russia-bases"]);
    let base = d.join("base.json");
    let args = |extra: &[&str]| {
        let mut c = briefx();
        c.args(["eval", "--gold"])
            .arg(d.join("gold"))
            .arg("--briefs")
            .arg(d.join("briefs"));
        c.args(extra);
        c.output().unwrap()
    };
    let out = args(&["--write-baseline", base.to_str().unwrap()]);
    assert!(out.status.success());
    let written: Value = serde_json::from_str(&fs::read_to_string(&base).unwrap()).unwrap();
    assert!(written["sentence_f1"].is_number());
    // The same scores pass their own baseline.
    assert!(
        args(&["--baseline", base.to_str().unwrap()])
            .status
            .success()
    );
    // An impossible baseline fails, naming the scores.
    fs::write(
        &base,
        r#"{"sentence_f1": 1.0, "mention_f1": 1.0, "triple_f1": 1.0}"#,
    )
    .unwrap();
    let out = args(&["--baseline", base.to_str().unwrap(), "--tolerance", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("mention_f1") && stderr.contains("triple_f1"),
        "{stderr}"
    );
    assert!(!stderr.contains("sentence_f1"), "{stderr}");
}

#[test]
fn scores_an_existing_prediction_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_corpus_subset(d, &["syria-russia-bases", "iraq-militias"]);
    // The gold itself, as a prediction file, scores 1.0; a missing document scores empty.
    let gold = fs::read_to_string(d.join("gold/syria-russia-bases.json")).unwrap();
    let one_line: Value = serde_json::from_str(&gold).unwrap();
    let pred = d.join("pred.jsonl");
    fs::write(
        &pred,
        format!("{}\n", serde_json::to_string(&one_line).unwrap()),
    )
    .unwrap();
    let out = briefx()
        .args(["eval", "--json", "--gold"])
        .arg(d.join("gold"))
        .arg("--briefs")
        .arg(d.join("briefs"))
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = v["mention_f1"].as_f64().unwrap();
    assert!(
        p > 0.3 && p < 1.0,
        "half the documents are predicted perfectly: {p}"
    );
    assert_eq!(v["kind_acc"].as_f64(), Some(1.0));
}

#[test]
fn show_errors_lists_misses_with_their_sentence() {
    let out = briefx().args(["eval", "--show-errors"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("mention missed"),
        "{}",
        &stdout[..stdout.len().min(500)]
    );
    assert!(stdout.lines().any(|l| l.contains("triple missed")));
}
