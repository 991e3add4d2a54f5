//! The readable eval report: a table of scores, per-document F1s, errors.

use std::fmt::Write;

use super::Evaluation;
use super::score::{Accuracy, ErrorItem, Tally};

fn f(x: Option<f64>) -> String {
    x.map_or("  -  ".to_string(), |v| format!("{v:.3}"))
}

fn tally_row(out: &mut String, name: &str, t: Tally) {
    let _ = writeln!(
        out,
        "{name:<16} {:>6} {:>6} {:>6}   tp={} fp={} fn={}",
        format!("{:.3}", t.precision()),
        format!("{:.3}", t.recall()),
        f(t.f1()),
        t.tp,
        t.fp,
        t.fn_
    );
}

fn acc_row(out: &mut String, name: &str, a: Accuracy) {
    let _ = writeln!(out, "{name:<16} {:>20}   {}/{}", f(a.value()), a.ok, a.n);
}

/// Render the report.
pub fn table(ev: &Evaluation, show_errors: bool) -> String {
    let mut out = String::new();
    if show_errors {
        for d in &ev.docs {
            for e in &d.errors {
                let _ = writeln!(out, "{}: {}", d.doc, describe(e, d));
            }
        }
        if ev.docs.iter().any(|d| !d.errors.is_empty()) {
            out.push('\n');
        }
    }
    let t = &ev.total;
    let _ = writeln!(out, "{} documents", ev.docs.len());
    let _ = writeln!(out, "{:<16} {:>6} {:>6} {:>6}", "score", "P", "R", "F1");
    tally_row(&mut out, "sentences", t.sentences);
    tally_row(&mut out, "mentions", t.mentions);
    tally_row(&mut out, "mentions~overlap", t.mentions_overlap);
    tally_row(&mut out, "  actors", t.actors);
    tally_row(&mut out, "  places", t.places);
    tally_row(&mut out, "  dates", t.dates);
    tally_row(&mut out, "triples", t.triples);
    let _ = writeln!(out, "{:<16} {:>20}", "accuracy", "acc");
    acc_row(&mut out, "kind", t.kind);
    acc_row(&mut out, "country", t.country);
    acc_row(&mut out, "date value", t.date_value);
    acc_row(&mut out, "negation", t.negation);
    acc_row(&mut out, "modality", t.modality);
    acc_row(&mut out, "triple date", t.triple_date);
    let _ = writeln!(
        out,
        "\n{:<28} {:>9} {:>9} {:>9}",
        "document", "sent F1", "ment F1", "trip F1"
    );
    for d in &ev.docs {
        let s = &d.scores;
        let _ = writeln!(
            out,
            "{:<28} {:>9} {:>9} {:>9}",
            d.doc,
            f(s.sentences.f1()),
            f(s.mentions.f1()),
            f(s.triples.f1())
        );
    }
    out
}

fn sentence_of(d: &super::DocReport, start: usize) -> String {
    let chars: Vec<char> = d.gold.text.chars().collect();
    d.gold
        .doc
        .sentences
        .iter()
        .find(|s| s.start <= start && start < s.end)
        .map(|s| {
            let t: String = chars[s.start..s.end].iter().collect();
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .unwrap_or_default()
}

fn sentence_at(d: &super::DocReport, index: usize) -> String {
    d.gold
        .doc
        .sentences
        .get(index)
        .map(|s| sentence_of(d, s.start))
        .unwrap_or_default()
}

fn describe(e: &ErrorItem, d: &super::DocReport) -> String {
    match e {
        ErrorItem::SentenceMissed(a, b) => {
            format!("sentence missed {a}..{b}: {}", sentence_of(d, *a))
        }
        ErrorItem::SentenceSpurious(a, b) => {
            let chars: Vec<char> = d.gold.text.chars().collect();
            let t: String = chars[(*a).min(chars.len())..(*b).min(chars.len())]
                .iter()
                .collect();
            format!(
                "sentence spurious {a}..{b}: {}",
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        }
        ErrorItem::MentionMissed { kind, text, start } => {
            format!(
                "mention missed {kind} {text:?}@{start} in: {}",
                sentence_of(d, *start)
            )
        }
        ErrorItem::MentionSpurious { kind, text, start } => {
            format!(
                "mention spurious {kind} {text:?}@{start} in: {}",
                sentence_of(d, *start)
            )
        }
        ErrorItem::Kind {
            text,
            start,
            gold,
            pred,
        } => {
            format!("kind {text:?}@{start}: gold {gold}, predicted {pred}")
        }
        ErrorItem::Country {
            text,
            start,
            gold,
            pred,
        } => format!(
            "country {text:?}@{start}: gold {}, predicted {}",
            gold.as_deref().unwrap_or("null"),
            pred.as_deref().unwrap_or("null")
        ),
        ErrorItem::DateValue {
            text,
            start,
            gold,
            pred,
        } => {
            format!("date value {text:?}@{start}: gold {gold}, predicted {pred}")
        }
        ErrorItem::TripleMissed { sentence, text } => {
            format!(
                "triple missed s{sentence}: {text}\n    in: {}",
                sentence_at(d, *sentence)
            )
        }
        ErrorItem::TripleSpurious { sentence, text } => {
            format!("triple spurious s{sentence}: {text}")
        }
        ErrorItem::Negation {
            sentence,
            text,
            gold,
        } => {
            format!("negation s{sentence}: {text}: gold {gold}")
        }
        ErrorItem::Modality {
            sentence,
            text,
            gold,
            pred,
        } => format!(
            "modality s{sentence}: {text}: gold {}, predicted {}",
            gold.as_deref().unwrap_or("none"),
            pred.as_deref().unwrap_or("none")
        ),
        ErrorItem::TripleDate {
            sentence,
            text,
            gold,
            pred,
        } => format!(
            "triple date s{sentence}: {text}: gold {}, predicted {}",
            gold.as_deref().unwrap_or("none"),
            pred.as_deref().unwrap_or("none")
        ),
    }
}
