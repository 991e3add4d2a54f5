//! Integration tests: drive the `briefx` binary as a user would.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn briefx() -> Command {
    Command::cargo_bin("briefx").unwrap()
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

const BRIEF: &str = "tests/data/briefs/moscow-recalibrates.txt";

#[test]
fn sentences_of_a_brief_in_the_genre() {
    let out = briefx()
        .args(["extract", BRIEF, "--emit", "sentences", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = fs::read_to_string(BRIEF).unwrap();
    let recs = records(&out.stdout);
    let got: Vec<String> = recs
        .iter()
        .map(|r| {
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            let t = char_slice(&text, s, e);
            assert_eq!(
                t,
                r["text"].as_str().unwrap(),
                "offsets must slice the original"
            );
            t
        })
        .collect();
    let want = [
        "Moscow Recalibrates in Syria",
        "Ilana Brandt | No. 2077 | January 19, 2026",
        "In early October, Russia began withdrawing equipment from [Khmeimim air base](#), and the\nU.S. Central Command reported that two Il-76 transports left on Oct. 9.",
        "Lt. Col. Hassan\nDarwish, a Syrian officer, said the move was “routine.”",
        "Moscow disagreed.",
        "The drawdown, which Gen. Ivanov had denied in the summer, occurred only from the\n\nautumn onward (after talks in Damascus had stalled).",
        "(Damascus denied any link.)",
        "Analysts, e.g. Dr. Weiss, put the cost at 1.5 billion dollars.",
        "Implications for Israel",
        "Israel may gain freedom of action—particularly in southern Syria—if the Russians leave the U.S.",
        "The question is when.",
        "Editors: Tomer Adler and Ruth Sela",
    ];
    assert_eq!(got, want);
    assert!(
        recs.iter()
            .all(|r| r["type"] == "sentence" && r["doc"] == "moscow-recalibrates")
    );
}

#[test]
fn folder_ids_documents_and_crlf() {
    let out = briefx()
        .args([
            "extract",
            "tests/data/briefs",
            "--emit",
            "documents",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(ids, ["moscow-recalibrates", "sub/crlf-note"]);
    assert_eq!(recs[0]["dct"], "2026-01-19");
    assert_eq!(recs[0]["dct_source"], "header");
    assert_eq!(recs[0]["title"], "Moscow Recalibrates in Syria");
    assert_eq!(recs[1]["dct"], "2025-03-03");
    assert_eq!(recs[1]["sentences"], 4);
}

#[test]
fn dct_flag_overrides() {
    let out = briefx()
        .args([
            "extract",
            BRIEF,
            "--emit",
            "documents",
            "--dct",
            "2024-12-08",
            "-q",
        ])
        .output()
        .unwrap();
    let recs = records(&out.stdout);
    assert_eq!(recs[0]["dct"], "2024-12-08");
    assert_eq!(recs[0]["dct_source"], "flag");
    let bad = briefx()
        .args(["extract", BRIEF, "--dct", "2024-13-08"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--dct"));
}

#[test]
fn bad_inputs_cost_one_line_each_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(BRIEF, d.join("a-good.txt")).unwrap();
    fs::write(d.join("b-latin1.txt"), b"Caf\xe9 au lait.\n").unwrap();
    fs::write(d.join("c-empty.txt"), b"").unwrap();
    fs::write(d.join("d-binary.md"), b"\x7fELF\x02\x01\x01\0\0\0binary").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("missing-target"), d.join("e-unreadable.txt")).unwrap();
    fs::write(d.join("f-ignored.pdf"), b"not a brief").unwrap();

    let out = briefx()
        .args(["extract", "--emit", "documents,sentences", "-q"])
        .arg(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let recs = records(&out.stdout);
    let good: Vec<&Value> = recs.iter().filter(|r| r["doc"] == "a-good").collect();
    assert_eq!(
        good.len(),
        13,
        "document record and 12 sentences of the good brief"
    );
    let empty: Vec<&Value> = recs.iter().filter(|r| r["doc"] == "c-empty").collect();
    assert_eq!(
        empty.len(),
        1,
        "an empty brief is a document with no sentences"
    );
    assert_eq!(empty[0]["sentences"], 0);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per bad file: {stderr}");
    assert!(
        lines[0].contains("b-latin1.txt")
            && lines[0].contains("UTF-8")
            && lines[0].contains("line 1")
    );
    assert!(lines[1].contains("d-binary.md") && lines[1].contains("binary"));
    assert!(lines[2].contains("e-unreadable.txt"));
    assert!(!stderr.contains("f-ignored"));
}

#[test]
fn missing_path_is_reported_and_others_processed() {
    let out = briefx()
        .args([
            "extract",
            "no/such/folder",
            BRIEF,
            "--emit",
            "documents",
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(records(&out.stdout).len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder"));
}

#[test]
fn stdin_documents_stream_and_bad_lines_are_named() {
    let input = concat!(
        "{\"id\": \"one\", \"text\": \"Moscow signaled its readiness. Damascus agreed.\", \"dct\": \"2026-01-19\"}\n",
        "{\"id\": \"two\", \"text\": broken}\n",
        "{\"id\": \"three\", \"text\": \"Ankara said nothing.\"}\n",
    );
    let (code, recs, stderr) = stdin_run(
        &["extract", "-", "--emit", "documents,sentences", "-q"],
        input,
    );
    assert_eq!(code, 2);
    let docs: Vec<&str> = recs
        .iter()
        .filter(|r| r["type"] == "document")
        .map(|r| r["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["one", "three"]);
    assert_eq!(recs[0]["dct_source"], "stdin");
    assert_eq!(recs.iter().filter(|r| r["type"] == "sentence").count(), 3);
    assert!(stderr.contains("stdin:2"), "{stderr}");
}

/// A consumer that sends one document and waits for its records gets them
/// while stdin is still open (a pipeline of tools, or an interactive client).
#[test]
fn each_stdin_document_is_written_before_the_next_arrives() {
    for jobs in ["1", "2"] {
        let mut child = briefx()
            .args(["extract", "-", "--emit", "documents", "-q", "-j", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                tx.send(line.unwrap()).unwrap();
            }
        });
        for id in ["first", "second"] {
            writeln!(
                stdin,
                "{{\"id\": \"{id}\", \"text\": \"Moscow signaled.\"}}"
            )
            .unwrap();
            stdin.flush().unwrap();
            // Generous: this waits for output, it does not time it.
            let line = rx
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no record for {id} while stdin is open (-j {jobs})"));
            let rec: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(rec["doc"], id);
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
        reader.join().unwrap();
    }
}

fn corpus_of_copies(dir: &Path, n: usize) {
    let base = fs::read_to_string(BRIEF).unwrap();
    for i in 0..n {
        let text = base
            .replace("Russia", &format!("Russia{i}"))
            .repeat(1 + i % 3);
        fs::write(dir.join(format!("brief-{i:03}.txt")), text).unwrap();
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    corpus_of_copies(dir.path(), 150);
    let run = |jobs: &str| {
        let out = briefx()
            .args(["extract", "--emit", "documents,sentences", "-q", "-j", jobs])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn output_file_and_doc_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    let out = briefx()
        .args(["extract", BRIEF, "--emit", "doc", "-q", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let recs = records(&fs::read(&path).unwrap());
    assert_eq!(recs.len(), 1);
    let d = &recs[0];
    assert_eq!(d["doc"], "moscow-recalibrates");
    assert_eq!(d["dct"], "2026-01-19");
    assert_eq!(d["sentences"].as_array().unwrap().len(), 12);
    assert!(d["mentions"].is_array() && d["triples"].is_array());
}

#[test]
fn unknown_emit_is_a_usage_error() {
    let out = briefx()
        .args(["extract", BRIEF, "--emit", "everything"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--emit"));
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    corpus_of_copies(dir.path(), 300);
    let mut child = briefx()
        .args(["extract", "-q", "-j", "1"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn mentions_of_actors_places_and_dates_slice_the_original() {
    let out = briefx()
        .args(["extract", BRIEF, "--emit", "mentions", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = fs::read_to_string(BRIEF).unwrap();
    let recs = records(&out.stdout);
    for r in &recs {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(char_slice(&text, s, e), r["text"].as_str().unwrap());
    }
    let find = |t: &str| {
        recs.iter()
            .find(|r| r["text"] == t)
            .unwrap_or_else(|| panic!("no {t}"))
    };
    assert_eq!(find("Moscow")["kind"], "actor");
    assert_eq!(find("Russia")["country"], "RUS");
    let oct = find("early October");
    assert_eq!(
        (
            oct["kind"].as_str(),
            oct["value"].as_str(),
            oct["mod"].as_str()
        ),
        (Some("date"), Some("2025-10"), Some("START"))
    );
    assert_eq!(find("Oct. 9")["value"], "2025-10-09");
    assert_eq!(find("January 19, 2026")["value"], "2026-01-19");
    // numbers that are not dates
    assert!(
        recs.iter()
            .all(|r| r["text"] != "2077" && r["text"] != "1.5")
    );
    // a name inside link markup maps back inside the brackets
    let k = find("Khmeimim");
    let s = k["start"].as_u64().unwrap() as usize;
    assert_eq!(char_slice(&text, s - 1, s), "[");
}

fn stdin_run(args: &[&str], input: &str) -> (i32, Vec<Value>, String) {
    let mut child = briefx()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        records(&out.stdout),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn triples_are_self_contained_lines() {
    let text = "Damascus was armed by Russia in March 2025. Turkey did not help Russia. \
                Moscow could withdraw its last frigates from Tartus. \
                Al-Sharaa visited Moscow and met with Putin. The weather was mild.";
    let doc = serde_json::json!({"id": "t", "text": text, "dct": "2026-01-19"});
    let (code, recs, _) = stdin_run(&["extract", "-", "-q"], &format!("{doc}\n"));
    assert_eq!(code, 0);
    let show: Vec<String> = recs
        .iter()
        .map(|t| {
            format!(
                "{} | {} | {} | neg={} mod={} voice={} date={}",
                t["subject"]["clean"].as_str().unwrap(),
                t["action"]["clean"].as_str().unwrap(),
                t["object"]["clean"].as_str().unwrap_or("-"),
                t["negated"],
                t["modality"].as_str().unwrap_or("-"),
                t["voice"].as_str().unwrap(),
                t["date"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        show,
        [
            "Russia | was armed | Damascus | neg=false mod=- voice=passive date=2025-03",
            "Turkey | did not help | Russia | neg=true mod=- voice=active date=-",
            "Moscow | could withdraw | its last frigates from Tartus | neg=false mod=could voice=active date=-",
            "Al-Sharaa | visited | Moscow | neg=false mod=- voice=active date=-",
            "Al-Sharaa | met with | Putin | neg=false mod=- voice=active date=-",
        ]
    );
    for t in &recs {
        assert_eq!(t["type"], "triple");
        assert!(t["sentence_text"].is_string());
        for part in ["subject", "action", "object"] {
            let p = &t[part];
            let (s, e) = (
                p["start"].as_u64().unwrap() as usize,
                p["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(char_slice(text, s, e), p["text"].as_str().unwrap());
        }
    }
    assert_eq!(recs[0]["subject"]["entities"][0]["country"], "RUS");
    assert_eq!(recs[1]["action"]["lemma"], "help");
    assert_eq!(recs[2]["places"][0]["text"], "Tartus");
}

/// A stdin document (one JSON line).
fn doc_line(id: &str, text: &str, dct: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "text": text, "dct": dct})
    )
}

/// The triples `briefx extract -` writes for stdin `input`, one line each:
/// `subject | action | object | date=VALUE` (`-` for none), ` [neg]` when
/// negated, behind the document id when `with_doc`.
fn triples_shown(input: &str, with_doc: bool) -> Vec<String> {
    let (code, recs, _) = stdin_run(&["extract", "-", "-q"], input);
    assert_eq!(code, 0);
    recs.iter()
        .map(|t| {
            let mut s = format!(
                "{} | {} | {} | date={}",
                t["subject"]["clean"].as_str().unwrap(),
                t["action"]["clean"].as_str().unwrap(),
                t["object"]["clean"].as_str().unwrap_or("-"),
                t["date"].as_str().unwrap_or("-")
            );
            if t["negated"] == true {
                s.push_str(" [neg]");
            }
            if with_doc {
                s = format!("{}: {s}", t["doc"].as_str().unwrap());
            }
            s
        })
        .collect()
}

#[test]
fn triple_dates_follow_the_clause() {
    let text = "In recent weeks, Israel has struck convoys in Syria. \
                The truce collapsed two weeks later because Moscow demanded new terms. \
                Tunisia closed its ports on October 27, and last week the U.S. embassy \
                ordered staff to leave. On February 3 the LNA deployed armored units near Sirte. \
                The 2017 agreement granted Russia a lease on Tartus. \
                Moscow now keeps only submarines in Sevastopol.";
    assert_eq!(
        triples_shown(&doc_line("d", text, "2026-02-10"), false),
        [
            // a vague reference situates the clause (not a duration)
            "Israel | has struck | convoys in Syria | date=PAST_REF",
            // a date before `because` stays out of the clause it opens
            "Moscow | demanded | new terms | date=-",
            "Tunisia | closed | its ports on October 27 | date=2025-10-27",
            // a fronted date is not part of the subject, and dates it
            "the U.S. embassy | ordered | staff | date=2026-W06",
            "the LNA | deployed | armored units near Sirte | date=2026-02-03",
            // a date inside the subject's own phrase
            "The 2017 agreement | granted | Russia a lease on Tartus | date=2017",
            "Moscow | keeps | only submarines in Sevastopol | date=PRESENT_REF",
        ]
    );
}

#[test]
fn a_date_before_the_verb_is_no_subject() {
    let text = "In July 2024 the juntas of Mali and Niger founded the Alliance of Sahel States, \
                a confederation built on their 2023 security pact, and on 29 January 2025 \
                formally left ECOWAS. Israeli strikes on Sanaa in the summer months killed \
                Prime Minister Ahmed al-Rahawi.";
    assert_eq!(
        triples_shown(&doc_line("d", text, "2025-11-10"), false),
        [
            "the juntas of Mali and Niger | founded | the Alliance of Sahel States, \
             a confederation built on their 2023 security pact | date=2024-07",
            // the subject of the last clause, not of the participle `built`
            "the juntas of Mali and Niger | left | ECOWAS | date=2025-01-29",
            // the noun before the date's preposition
            "Israeli strikes on Sanaa | killed | Prime Minister Ahmed al-Rahawi | date=2025-SU",
        ]
    );
}

#[test]
fn negated_verbs_and_subordinate_clauses() {
    let text = "Kyiv did not object to the truce; the Kremlin never implemented it. \
                The ties date to the 1980s, when the IRGC armed Iraqi exiles. \
                Traffic rose again, although insurers raised premiums after Russian missiles \
                hit grain silos.";
    assert_eq!(
        triples_shown(&doc_line("d", text, "2025-11-10"), false),
        [
            "Kyiv | did not object to | the truce | date=- [neg]",
            // a group opens with `never`, and its subject is found before it
            "the Kremlin | never implemented | it | date=- [neg]",
            // a verb the tagger read as a participle opens a `when` clause
            "the IRGC | armed | Iraqi exiles | date=198",
            // `after` + clause ends the object: no `premiums after Russian
            // missiles` to make the insurers' clause an actor's
            "Russian missiles | hit | grain silos | date=-",
        ]
    );
}

#[test]
fn a_date_after_the_verb_dates_the_clause_and_is_no_object() {
    let text = "The group that Romania and Turkey formed in January 2024 has cleared dozens \
                of mines. The EU renewed last month the mandate of Aspides.";
    let input = doc_line("d", text, "2025-11-10");
    assert_eq!(
        triples_shown(&input, false),
        [
            // not `formed in | January 2024`: the object is the antecedent
            "Romania and Turkey | formed | The group | date=2024-01",
            "The EU | renewed | the mandate of Aspides | date=2025-10",
        ]
    );
    // Open IE (`--all-clauses`) keeps the date in the argument
    let (_, open, _) = stdin_run(&["extract", "-", "-q", "--all-clauses"], &input);
    assert!(open.iter().any(|t| t["action"]["clean"] == "renewed"
        && t["object"]["clean"] == "last month the mandate of Aspides"));
}

#[test]
fn reduced_relatives_and_be_about_to() {
    let text = "Russian soldiers have cordoned off the roads leading into Idlib. \
                Russia is about to restore full diplomatic ties with Libya. \
                Al-Sudani is unlikely to do so before the vote.";
    assert_eq!(
        triples_shown(&doc_line("d", text, "2025-11-10"), false),
        [
            // a participle after a noun stays in the object
            "Russian soldiers | have cordoned off | the roads leading into Idlib | date=-",
            // `be about to` + verb is one chain
            "Russia | is about to restore | full diplomatic ties with Libya | date=-",
            // `do so` has no object: no triple
        ]
    );
}

/// Sentences a review found the clause rules mishandled (one per line).
#[test]
fn clause_rules_on_ordinary_sentences() {
    let lines = [
        "Iran is responsible for the attack on the tanker.",
        "The port was closed since seized by the Houthis in 2023.",
        "Israel struck so many targets that Hezbollah retreated.",
        "Russia has spent two years rebuilding its Black Sea fleet.",
        "Turkey has since January blocked Russian warships.",
        "Russia has in recent months expanded its presence in Libya.",
        "Israel met on Tuesday with Hamas negotiators in Cairo.",
        "Mediators told Hamas the offer was final.",
        "The 1994 Budapest Memorandum guarantees Ukraine's borders.",
        "In 2024 Russia withdrew its forces from Syria.",
        "Under pressure from Washington, Cairo and Amman reopened the crossing.",
        "The juntas had expelled French forces by the end of 2023, and Niger ordered U.S. \
         troops out of Agadez.",
        // from a second review
        "The RSF withdrew on Sunday from Wad Madani.",
        "Analysts said Russian troops had withdrawn from Kherson.",
        "Since January, Poland and Romania have increased their purchases of artillery.",
        "The Russian withdrawal from Tartus was in January following the fall of Assad.",
        "The talks collapsed, and in April 2024 (days after the strike on its consulate), \
         Iran launched drones at Israel.",
        "Moscow has backed for decades the Assad regime.",
    ];
    let input: String = lines
        .iter()
        .enumerate()
        .map(|(i, t)| doc_line(&i.to_string(), t, "2025-11-10"))
        .collect();
    assert_eq!(
        triples_shown(&input, true),
        [
            // an adjective with a prepositional complement is one
            "0: Iran | is | responsible for the attack on the tanker | date=-",
            // (1: `since` joins only have + participle: nothing)
            // `so many targets` is an object, and no relative clause
            "2: Israel | struck | so many targets | date=-",
            // a duration after the verb is no date and stays in the object
            "3: Russia | has spent | two years rebuilding its Black Sea fleet | date=-",
            // a date inside the verb group dates the clause
            "4: Turkey | has since January blocked | Russian warships | date=2025-01",
            "5: Russia | has in recent months expanded | its presence in Libya | date=PAST_REF",
            // what follows a date after the verb stays as it is
            "6: Israel | met | with Hamas negotiators in Cairo | date=2025-11-04",
            // a name the report is addressed to counts as the object's actor
            "7: Mediators | told | Hamas the offer was final | date=-",
            // a date in the subject dates only a clause in the past
            "8: The 1994 Budapest Memorandum | guarantees | Ukraine's borders | date=-",
            // a fronted date before a name is no part of the subject
            "9: Russia | withdrew | its forces from Syria | date=2024",
            // a list of names does not open inside a fronted phrase
            "10: Cairo and Amman | reopened | the crossing | date=-",
            "11: The juntas | had expelled | French forces by the end of 2023 | date=2023",
            // a date at the end of the previous clause does not date the next
            "11: Niger | ordered | U.S. troops out of Agadez | date=-",
            // the preposition after a skipped date stays with its object
            "12: The RSF | withdrew | from Wad Madani | date=2025-11-09",
            // a name inside the reported clause's subject is no addressee:
            // no `Analysts | said | ...`
            "13: Russian troops | had withdrawn from | Kherson | date=-",
            // `Since January,` is a fronted phrase, not a list item
            "14: Poland and Romania | have increased | their purchases of artillery | date=2025-01",
            // (15: `following` is no participle of the verb group: nothing)
            // a parenthesis is no clause boundary
            "16: Iran | launched | drones at Israel | date=2024-04",
            // a duration after a preposition is skipped too, and no date
            "17: Moscow | has backed | the Assad regime | date=-",
        ]
    );
}

#[test]
fn run_on_text_stays_linear() {
    // Some 380 KB without sentence punctuation: no quadratic work, no panic.
    let text = "Russia sent troops to Syria and Turkey helped Moscow in Split ".repeat(6_000);
    let doc = serde_json::json!({"id": "runon", "text": text});
    let (code, recs, _) = stdin_run(
        &["extract", "-", "-q", "--emit", "documents,mentions"],
        &format!("{doc}\n"),
    );
    assert_eq!(code, 0);
    assert_eq!(recs[0]["sentences"], 1);
    assert!(recs.len() > 6_000);
}

#[test]
fn whitespace_only_lines_and_stray_brackets() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ws.txt"),
        "Text.\n \t\nMore (a stray bracket. Then more.\n\u{a0}\n",
    )
    .unwrap();
    let out = briefx()
        .args(["extract", "--emit", "sentences", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts: Vec<String> = records(&out.stdout)
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["Text.", "More (a stray bracket.", "Then more."]);
}

/// Errors go to stderr; when nobody reads it any more, the batch still
/// runs to its end and exits 2 for the failed inputs (no panic, no hang).
#[test]
fn a_closed_stderr_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    corpus_of_copies(dir.path(), 6);
    for i in 0..6 {
        fs::write(
            dir.path().join(format!("bad-{i}.txt")),
            b"\xff\xfe not text",
        )
        .unwrap();
    }
    for jobs in ["1", "2", "4"] {
        let mut child = briefx()
            .args(["extract", "--emit", "documents", "-q", "-j", jobs])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end of stderr before anything is written to it.
        drop(child.stderr.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "-j {jobs}");
        assert_eq!(records(&out.stdout).len(), 6, "-j {jobs}");
    }
}
