//! Subject–action–object triples from tagged sentences.
//!
//! Per sentence: verb groups ([`chunk::verb_groups`]); for each, the subject
//! is the noun phrase before it (or, for a relative clause, the noun its
//! pronoun stands for; for a verb coordinated with an earlier one, that
//! one's subject), and the object is what follows up to the end of the
//! clause, with a linking preposition moved into the action (`traveled to` |
//! `Damascus`). Passives with a `by` agent are turned active. A triple is
//! kept when its subject or object holds an actor mention. Each rule that
//! produced a triple gives it a confidence.

pub mod chunk;
pub mod lemma;

use std::ops::Range;

use self::chunk::{Tok, VerbGroup, np_end, np_start, verb_groups};

/// A phrase of a triple: byte offsets in the normalized text.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
}

/// One extracted clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Triple {
    pub sentence: usize,
    pub subject: Phrase,
    pub action: Phrase,
    /// The content verb.
    pub action_head: Phrase,
    pub lemma: String,
    pub object: Option<Phrase>,
    pub negated: bool,
    pub modality: Option<String>,
    pub passive: bool,
    /// Index of the date mention that situates the clause (into the
    /// sentence's date list given to [`extract`]).
    pub date: Option<usize>,
    pub confidence: f32,
}

/// A mention as the extractor needs it.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Verbs whose object is a clause (`said that ...`).
const REPORTING: &[&str] = &[
    "say",
    "warn",
    "signal",
    "indicate",
    "insist",
    "argue",
    "note",
    "claim",
    "announce",
    "state",
    "declare",
    "suggest",
    "report",
    "tell",
    "confirm",
    "deny",
    "acknowledge",
    "admit",
    "assert",
    "fear",
    "believe",
    "expect",
    "hope",
    "caution",
    "stress",
    "emphasize",
    "add",
    "predict",
    "threaten",
    "promise",
    "pledge",
    "agree",
    "decide",
    "conclude",
    "show",
    "reveal",
    "hint",
];

/// Words that end an object: the start of another clause.
fn ends_clause(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if matches!(t.text, ";" | ":" | "—" | "(" | ")" | "–") {
        return true;
    }
    if matches!(t.tag, "WDT" | "WP" | "WP$" | "WRB") {
        return true;
    }
    if t.tag == "IN"
        && matches!(
            t.text,
            "while"
                | "because"
                | "although"
                | "though"
                | "whereas"
                | "if"
                | "unless"
                | "until"
                | "since"
                | "as"
        )
        && toks.get(i + 1).is_some_and(|n| !n.is_verb())
        && clause_follows(toks, i + 1)
    {
        return true;
    }
    if t.text == "," {
        // `, and`/`, but` + clause, `, which`, `, leaving ...`
        if let Some(n) = toks.get(i + 1)
            && (matches!(n.tag, "CC" | "WDT" | "WP" | "VBG" | "VBN") || clause_follows(toks, i + 1))
        {
            return true;
        }
    }
    if t.tag == "CC" && clause_follows(toks, i + 1) {
        return true;
    }
    if t.tag == "CC"
        && toks
            .get(i + 1)
            .is_some_and(|n| n.is_verb() || n.tag == "RB")
    {
        return true;
    }
    false
}

/// Does a clause (a noun phrase and a finite verb) start at `i`?
fn clause_follows(toks: &[Tok], i: usize) -> bool {
    let e = np_end(toks, i);
    e > i
        && toks
            .get(e)
            .is_some_and(|t| t.is_verb() && matches!(t.tag, "VBD" | "VBZ" | "VBP" | "MD"))
}

/// The head (last noun) of the noun phrase ending before `pos`, skipping
/// adverbs: returns the noun's index.
fn noun_before(toks: &[Tok], pos: usize) -> Option<usize> {
    let mut i = pos;
    while i > 0 && matches!(toks[i - 1].tag, "RB" | "RBR") && !toks[i - 1].is_negation() {
        i -= 1;
    }
    if i > 0 && toks[i - 1].is_noun() {
        return Some(i - 1);
    }
    // `Russia’s` as the last word: a possessive is not a subject
    None
}

/// Skip back over a parenthetical or appositive enclosed in commas before
/// `pos` (`Oman, which mediated ..., has`): returns the position before the
/// opening comma.
fn skip_parenthetical(toks: &[Tok], pos: usize) -> Option<usize> {
    if pos == 0 || toks[pos - 1].text != "," {
        return None;
    }
    let mut i = pos - 1;
    while i > 0 {
        i -= 1;
        if toks[i].text == "," {
            return Some(i);
        }
        if matches!(toks[i].text, ";" | ":" | ".") {
            return None;
        }
    }
    None
}

/// The subject of a verb group, as a token range.
fn subject_of(
    toks: &[Tok],
    g: &VerbGroup,
    prev: &[(VerbGroup, Option<Range<usize>>)],
) -> Option<(Range<usize>, f32)> {
    let s = g.start;
    // relative clause: `forces that fought`, `Oman, which mediated`
    if s > 0
        && (matches!(toks[s - 1].tag, "WDT" | "WP")
            || (toks[s - 1].lower_is("that") && s >= 2 && toks[s - 2].is_noun()))
    {
        let mut p = s - 1;
        if p > 0 && toks[p - 1].text == "," {
            p -= 1;
        }
        if let Some(n) = noun_before(toks, p) {
            return Some((np_start(toks, n)..n + 1, 0.6));
        }
        return None;
    }
    if let Some(n) = noun_before(toks, s) {
        let st = np_start(toks, n);
        // an appositive before: `His negotiator, Mohammed Abdulsalam, traveled`
        let mut start = st;
        if st >= 2
            && toks[st - 1].text == ","
            && let Some(n2) = noun_before(toks, st - 1)
        {
            let st2 = np_start(toks, n2);
            if st2 == 0 || matches!(toks[st2 - 1].text, "," | "and") {
                start = st2;
            }
        }
        return Some((start..n + 1, 0.8));
    }
    // `X, which ..., has`: skip the parenthetical
    if let Some(c) = skip_parenthetical(toks, s)
        && let Some(n) = noun_before(toks, c)
    {
        return Some((np_start(toks, n)..s - 1, 0.6));
    }
    // coordinated verb: `visited Russia and met with Putin`
    if s > 0
        && (toks[s - 1].tag == "CC"
            || (s > 1 && toks[s - 1].text == "," && toks[s - 2].tag != "CC"))
        && let Some((_, Some(subj))) = prev.last()
    {
        return Some((subj.clone(), 0.6));
    }
    None
}

/// Extract the triples of one sentence. `dates` are the date mentions of the
/// sentence; `actors` the actor mentions (byte spans in the same text).
pub fn extract(
    sentence: usize,
    toks: &[Tok],
    actors: &[Span],
    dates: &[Span],
    out: &mut Vec<Triple>,
) {
    let groups = verb_groups(toks);
    let mut done: Vec<(VerbGroup, Option<Range<usize>>)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let subj = subject_of(toks, g, &done);
        done.push((g.clone(), subj.as_ref().map(|(r, _)| r.clone())));
        let Some((subj, conf)) = subj else { continue };
        if !(g.finite || g.start > 0 && toks[g.start - 1].tag == "CC") {
            // a participle or infinitive without its own clause
            continue;
        }
        // what follows: a linking preposition, then the object up to the clause end
        let mut a_end = g.end;
        let mut o_start = g.end;
        if o_start < toks.len()
            && matches!(toks[o_start].tag, "IN" | "TO")
            && toks[o_start].text != "that"
        {
            if g.passive && toks[o_start].lower_is("by") {
                // handled below
            } else {
                a_end = o_start + 1;
                o_start += 1;
            }
        }
        let reporting = REPORTING.contains(&lemma::verb_lemma(toks[g.head].text).as_str());
        let next_start = groups.get(gi + 1).map_or(toks.len(), |n| n.start);
        let mut o_end = o_start;
        while o_end < toks.len() {
            if o_end > o_start
                && ends_clause(toks, o_end)
                && !(reporting && toks[o_start].lower_is("that"))
            {
                break;
            }
            if o_end >= next_start && !reporting && o_end > o_start {
                // another verb: the object ends unless it is a reduced clause inside it
                break;
            }
            if toks[o_end].text == "." && o_end + 1 == toks.len() {
                break;
            }
            o_end += 1;
        }
        while o_end > o_start && matches!(toks[o_end - 1].text, "," | "." | "”" | "\"") {
            o_end -= 1;
        }
        let mut subject = subj.clone();
        let mut object = (o_end > o_start).then_some(o_start..o_end);
        let mut confidence = conf;
        if g.passive {
            // `X was armed by Russia` → Russia | was armed | X
            let by = object
                .as_ref()
                .and_then(|o| (o.start..o.end).find(|&k| toks[k].lower_is("by")));
            match by {
                Some(k) => {
                    let agent_end = np_end(toks, k + 1);
                    if agent_end > k + 1 {
                        object = Some(subject.clone());
                        subject = k + 1..agent_end;
                        confidence = 0.7;
                    }
                }
                None => confidence *= 0.5,
            }
        }
        let Some(obj) = object else { continue };
        let has_actor = |r: &Range<usize>| {
            let (bs, be) = (toks[r.start].start, toks[r.end - 1].end);
            actors.iter().any(|a| a.start >= bs && a.end <= be)
        };
        if !has_actor(&subject) && !has_actor(&obj) {
            continue;
        }
        let date = situating_date(toks, g, &obj, dates);
        let phrase = |r: &Range<usize>| Phrase {
            start: toks[r.start].start,
            end: toks[r.end - 1].end,
        };
        out.push(Triple {
            sentence,
            subject: phrase(&subject),
            action: phrase(&(g.start..a_end)),
            action_head: phrase(&(g.head..g.head + 1)),
            lemma: lemma::verb_lemma(toks[g.head].text),
            object: Some(phrase(&obj)),
            negated: g.negated,
            modality: g.modal.clone(),
            passive: g.passive,
            date,
            confidence,
        });
    }
}

/// The date of a clause: one inside its object, else the nearest date of
/// the sentence before the verb (a fronted date covers the clauses after it),
/// else the only date of the sentence.
fn situating_date(
    toks: &[Tok],
    g: &VerbGroup,
    obj: &Range<usize>,
    dates: &[Span],
) -> Option<usize> {
    if dates.is_empty() {
        return None;
    }
    let (os, oe) = (toks[obj.start].start, toks[obj.end - 1].end);
    if let Some(i) = dates.iter().position(|d| d.start >= os && d.end <= oe) {
        return Some(i);
    }
    let vs = toks[g.start].start;
    if let Some(i) = dates.iter().rposition(|d| d.end <= vs) {
        return Some(i);
    }
    (dates.len() == 1).then_some(0)
}

#[cfg(test)]
mod tests {
    use super::chunk::tests::toks;
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let (text, t) = toks(s);
        let actors: Vec<Span> = t
            .iter()
            .filter(|x| x.in_name)
            .map(|x| Span {
                start: x.start,
                end: x.end,
            })
            .collect();
        let mut out = Vec::new();
        extract(0, &t, &actors, &[], &mut out);
        out.iter()
            .map(|tr| {
                let o = tr.object.as_ref().map_or("-", |o| &text[o.start..o.end]);
                let mut s = format!(
                    "{} | {} | {}",
                    &text[tr.subject.start..tr.subject.end],
                    &text[tr.action.start..tr.action.end],
                    o
                );
                if tr.negated {
                    s.push_str(" [neg]");
                }
                if let Some(m) = &tr.modality {
                    s.push_str(&format!(" [{m}]"));
                }
                s
            })
            .collect()
    }

    #[test]
    fn transitive_and_prepositional() {
        assert_eq!(
            run("@Russia/NNP withdrew/VBD its/PRP$ last/JJ frigates/NNS ./."),
            ["Russia | withdrew | its last frigates"]
        );
        assert_eq!(
            run("The/DT envoy/NN traveled/VBD to/IN @Damascus/NNP ./."),
            ["The envoy | traveled to | Damascus"]
        );
    }

    #[test]
    fn shared_subject_over_coordinated_verbs() {
        assert_eq!(
            run("@Sharaa/NNP visited/VBD @Russia/NNP and/CC met/VBD with/IN @Putin/NNP ./."),
            ["Sharaa | visited | Russia", "Sharaa | met with | Putin"]
        );
    }

    #[test]
    fn passive_with_agent_is_turned_active() {
        assert_eq!(
            run("The/DT truce/NN was/VBD brokered/VBN by/IN @Oman/NNP ./."),
            ["Oman | was brokered | The truce"]
        );
    }

    #[test]
    fn negation_modality_light_verbs_chains() {
        assert_eq!(
            run("@Israel/NNP could/MD not/RB carry/VB out/RP a/DT strike/NN ./."),
            ["Israel | could not carry out | a strike [neg] [could]"]
        );
        assert_eq!(
            run("@Moscow/NNP chose/VBD to/TO open/VB a/DT channel/NN ./."),
            ["Moscow | chose to open | a channel"]
        );
    }

    #[test]
    fn relative_clauses_and_reporting() {
        assert_eq!(
            run(
                "@Turkey/NNP armed/VBD fighters/NNS that/WDT fought/VBD alongside/IN @Russia/NNP ./."
            ),
            [
                "Turkey | armed | fighters",
                "fighters | fought alongside | Russia"
            ]
        );
        assert_eq!(
            run("Reports/NNS indicated/VBD that/IN @Iran/NNP supplied/VBD the/DT missiles/NNS ./."),
            [
                "Reports | indicated | that Iran supplied the missiles",
                "Iran | supplied | the missiles"
            ]
        );
    }

    #[test]
    fn clauses_without_an_actor_are_dropped() {
        assert!(run("The/DT deal/NN covered/VBD wheat/NN ./.").is_empty());
    }
}
