//! The shipped gazetteers load; broken folders are reported line by line.

use std::fs;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn briefx() -> Command {
    Command::cargo_bin("briefx").unwrap()
}

const HEADER: &str =
    "id\tkind\tname\tcountry\taliases\tadjectivals\tlat\tlon\tpopulation\tvalid\tnote\n";

#[test]
fn shipped_gazetteers_load_with_every_kind() {
    let out = briefx().args(["gazetteers", "check"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    for kind in ["country", "capital", "city", "admin1"] {
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("no {kind} in {stdout}"));
        let n: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(n > 0, "{line}");
    }
    // The folder in the repository checks too, and every file there is embedded.
    let out = briefx()
        .args(["gazetteers", "check", "gazetteers"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir_total = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert_eq!(
        dir_total,
        stdout.lines().last().unwrap(),
        "the embedded list misses a file"
    );
}

#[test]
fn a_broken_folder_names_file_and_line_for_each_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("a.tsv"),
        format!(
            "# test\n{HEADER}x:1\tcountry\tSyria\tSYR\t\tSyrian\t\t\t\t\t\nx:2\tplanet\tMars\t\t\t\t\t\t\t\t\nx:3\tcity\tHoms\tSYX\t\t\t\t\t\t\t\nx:4\tcity\tHama\n"
        ),
    )
    .unwrap();
    fs::write(
        d.join("b.tsv"),
        format!("{HEADER}x:1\tcity\tAleppo\tSYR\t\t\t\t\t\t\t\n"),
    )
    .unwrap();
    let out = briefx()
        .args(["gazetteers", "check"])
        .arg(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let a = d.join("a.tsv").display().to_string();
    let b = d.join("b.tsv").display().to_string();
    assert!(
        stderr.contains(&format!("{a}:4: unknown kind \"planet\"")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{a}:5: bad country code \"SYX\"")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{a}:6: 3 columns, expected 11")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{b}:2: duplicate id \"x:1\" (first at {a}:3)")),
        "{stderr}"
    );
}

#[test]
fn extract_uses_another_gazetteer_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("g.tsv"),
        format!("{HEADER}t:1\tgroup\tBlue Lantern Front\tSYR\tBLF\t\t\t\t\t\ttest group\n"),
    )
    .unwrap();
    let brief = d.join("b.txt");
    fs::write(&brief, "The Blue Lantern Front [BLF] attacked Homs.\n").unwrap();
    let out = briefx()
        .args(["extract", "--emit", "mentions", "-q", "--gazetteers"])
        .arg(d)
        .arg(&brief)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let texts: Vec<&str> = recs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["Blue Lantern Front", "BLF"],
        "Homs is not in this gazetteer"
    );
    assert_eq!(recs[0]["kind"], "actor");
    assert_eq!(recs[0]["country"], "SYR");
    assert_eq!(recs[0]["id"], "t:1");
}
