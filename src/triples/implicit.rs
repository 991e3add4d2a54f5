//! Relations a sentence states without a verb (Open IE's "implicit"
//! relations), for `--all-clauses` only:
//!
//! - an appositive: `Cashel Byron, a prizefighter,` → `Cashel Byron | be |
//!   a prizefighter`;
//! - a possessive: `Italy's largest bank` → `Italy | have | largest bank`;
//! - a located name: `the Newton Foundation in Berlin` → `the Newton
//!   Foundation | be in | Berlin`.
//!
//! Such a triple has no verb in the text, so it does not invent one: its
//! action is the span of the word that signals the relation (the comma
//! before the appositive, the `'s`, the `in`), its lemma the relation it
//! stands for (`be`, `have`, `be in`), and it is marked `implicit`.
//!
//! Each pattern is one pass over the tokens with local, bounded walks
//! around the cue word, so the cost is linear in the sentence.

use std::ops::Range;

use super::chunk::{Tok, np_base_start, np_end};
use super::{Phrase, Triple};
use crate::pos::Tag;

/// Confidence of an implicit relation (below the verb-based rules).
const CONFIDENCE: f32 = 0.5;

/// Add the implicit relations of one sentence to `out`.
pub fn extract(sentence: usize, toks: &[Tok], out: &mut Vec<Triple>) {
    for i in 1..toks.len() {
        let found = match toks[i].text {
            "," => appositive(toks, i),
            "in" => located_in(toks, i),
            _ if toks[i].tag == Tag::POS => possessive(toks, i),
            _ => None,
        };
        if let Some(rel) = found {
            out.push(rel.triple(sentence, toks, i..i + 1));
        }
        if let Some((rel, phrase)) = titled_name(toks, i) {
            out.push(rel.triple(sentence, toks, phrase));
        }
    }
}

/// One implicit relation: subject, object and the relation's lemma; the
/// cue word is the action.
struct Implicit {
    subject: Range<usize>,
    object: Range<usize>,
    lemma: &'static str,
}

impl Implicit {
    fn triple(&self, sentence: usize, toks: &[Tok], cue: Range<usize>) -> Triple {
        let phrase = |r: &Range<usize>| Phrase {
            start: toks[r.start].start,
            end: toks[r.end - 1].end,
        };
        let action = phrase(&cue);
        Triple {
            sentence,
            subject: phrase(&self.subject),
            action: action.clone(),
            action_head: action,
            lemma: self.lemma.to_string(),
            object: Some(phrase(&self.object)),
            negated: false,
            modality: None,
            passive: false,
            date: None,
            confidence: CONFIDENCE,
            implicit: true,
        }
    }
}

/// The kind of head a noun phrase has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    /// A name (`Berlin`, `Cashel Byron`).
    Proper,
    /// A common noun (`a prizefighter`, `Italy's largest bank`).
    Common,
}

/// The head kind of the token at `i`, or `None` for what cannot head an
/// argument here (pronouns, numbers, dates, non-nouns).
fn head_kind(t: &Tok) -> Option<Head> {
    if t.in_date {
        return None;
    }
    match t.tag {
        Tag::NNP | Tag::NNPS => Some(Head::Proper),
        Tag::NN | Tag::NNS if t.in_name => Some(Head::Proper),
        Tag::NN | Tag::NNS => Some(Head::Common),
        _ if t.in_name => Some(Head::Proper),
        _ => None,
    }
}

/// A phrase whose head is a possessive or genitive (`Italy's largest
/// bank`, `the head of state`) is common whatever its last word.
fn phrase_kind(toks: &[Tok], r: &Range<usize>) -> Option<Head> {
    let head = head_kind(&toks[r.end - 1])?;
    let genitive = toks[r.clone()].iter().any(|t| t.tag == Tag::POS);
    Some(if genitive { Head::Common } else { head })
}

/// The noun phrase ending just before `end`: a base phrase, with `of`
/// chains (`the Academy of Tomorrow`), without quotes at its edges.
fn np_before(toks: &[Tok], end: usize) -> Option<Range<usize>> {
    let head = end.checked_sub(1)?;
    head_kind(&toks[head])?;
    let mut start = np_base_start(toks, head);
    while start >= 2 && toks[start - 1].text == "of" && head_kind(&toks[start - 2]).is_some() {
        start = np_base_start(toks, start - 2);
    }
    trim(toks, start..end)
}

/// The noun phrase starting at `start`, with `of`/`for`/`with`/`at`
/// complements (`a school for gifted children`, `an analyst with Nomura`)
/// when `complements`.
fn np_after(toks: &[Tok], start: usize, complements: bool) -> Option<Range<usize>> {
    let mut end = np_end(toks, start);
    head_kind(&toks[end.checked_sub(1).filter(|&e| e >= start)?])?;
    while complements
        && end + 1 < toks.len()
        && matches!(toks[end].text, "of" | "for" | "with" | "at" | "in")
    {
        let e = np_end(toks, end + 1);
        if e == end + 1 || head_kind(&toks[e - 1]).is_none() {
            break;
        }
        end = e;
    }
    trim(toks, start..end)
}

/// Drop quotes and a possessive at the edges of a phrase.
fn trim(toks: &[Tok], mut r: Range<usize>) -> Option<Range<usize>> {
    while r.start < r.end
        && matches!(
            toks[r.start].tag,
            Tag::OpenQuote | Tag::CloseQuote | Tag::POS
        )
    {
        r.start += 1;
    }
    while r.end > r.start && matches!(toks[r.end - 1].tag, Tag::OpenQuote | Tag::CloseQuote) {
        r.end -= 1;
    }
    (r.start < r.end).then_some(r)
}

/// Does token `i` end an appositive (`, a prizefighter, as he` or `... .`)?
fn closes_appositive(toks: &[Tok], i: usize) -> bool {
    match toks.get(i) {
        None => true,
        Some(t) => matches!(t.text, "," | "." | ";" | ":" | ")" | "--" | "—" | "–"),
    }
}

/// `NAME, DESCRIPTION,` or `DESCRIPTION, NAME,` at the comma `c`: the
/// name is the subject. Lists (`Paris, Lyon, Lille`) are two names or two
/// descriptions and give nothing.
fn appositive(toks: &[Tok], c: usize) -> Option<Implicit> {
    let left = np_before(toks, c)?;
    let right = np_after(toks, c + 1, true)?;
    if !closes_appositive(toks, right.end) {
        return None;
    }
    // `A, B and C`: the phrase after is a list item.
    if toks.get(right.end + 1).is_some_and(|t| t.tag == Tag::CC) && toks[right.end].text == "," {
        return None;
    }
    // `..., A, B` where A follows a comma too: a list.
    if left.start > 0 && matches!(toks[left.start - 1].tag, Tag::Comma | Tag::CC) {
        return None;
    }
    let (l, r) = (phrase_kind(toks, &left)?, phrase_kind(toks, &right)?);
    match (l, r) {
        (Head::Proper, Head::Common) => Some(Implicit {
            subject: left,
            object: right,
            lemma: "be",
        }),
        (Head::Common, Head::Proper) => Some(Implicit {
            subject: right,
            object: left,
            lemma: "be",
        }),
        // `Montgomery County, Pennsylvania`: a place in a larger one
        (Head::Proper, Head::Proper) if right.len() <= 3 && !list_follows(toks, right.end) => {
            Some(Implicit {
                subject: left,
                object: right,
                lemma: "be in",
            })
        }
        _ => None,
    }
}

/// Does a list go on at `k` (`, B, C and D`, `and D`)? Looks a few items
/// ahead only.
fn list_follows(toks: &[Tok], mut k: usize) -> bool {
    for _ in 0..4 {
        match toks.get(k) {
            Some(t) if t.tag == Tag::CC => return true,
            Some(t) if t.text == "," => match np_after(toks, k + 1, false) {
                Some(r) => k = r.end,
                None => return toks.get(k + 1).is_some_and(|t| t.tag == Tag::CC),
            },
            _ => return false,
        }
    }
    true
}

/// `the tanker Sea Harmony`, `author Bill Bryson`: a common noun (with
/// its modifiers) right before a name is what the name is. No single word
/// states it, so the cue is the whole phrase. Gives the relation and that
/// phrase, for the name starting at `i`.
fn titled_name(toks: &[Tok], i: usize) -> Option<(Implicit, Range<usize>)> {
    let name = |t: &Tok| matches!(t.tag, Tag::NNP | Tag::NNPS) && !t.in_date;
    let lower_noun = |t: &Tok| {
        matches!(t.tag, Tag::NN | Tag::NNS)
            && !t.in_name
            && !t.in_date
            && t.text.starts_with(|c: char| c.is_ascii_lowercase())
    };
    if !name(&toks[i]) || !lower_noun(&toks[i - 1]) {
        return None;
    }
    let mut end = i;
    while end < toks.len() && name(&toks[end]) {
        end += 1;
    }
    // `Russia's` or `the oil company Rosneft's` is an owner, not a name
    if toks
        .get(end)
        .is_some_and(|t| t.tag == Tag::POS || t.is_noun())
    {
        return None;
    }
    let mut start = i - 1;
    while start > 0
        && (lower_noun(&toks[start - 1])
            || matches!(toks[start - 1].tag, Tag::JJ | Tag::DT | Tag::PRPS)
                && !toks[start - 1].in_name)
    {
        start -= 1;
    }
    Some((
        Implicit {
            subject: i..end,
            object: start..i,
            lemma: "be",
        },
        start..end,
    ))
}

/// `X's Y` at the possessive `p`: `X | have | Y`.
fn possessive(toks: &[Tok], p: usize) -> Option<Implicit> {
    let owner = np_before(toks, p)?;
    let owned = np_after(toks, p + 1, false)?;
    // `the city's population`: CaRB-style gold and readers rarely want a
    // `have` relation for a common-noun owner, so only names own.
    if head_kind(&toks[owner.end - 1])? != Head::Proper {
        return None;
    }
    Some(Implicit {
        subject: owner,
        object: owned,
        lemma: "have",
    })
}

/// `NAME in PLACE` at `in`: `NAME | be in | PLACE`, both names.
fn located_in(toks: &[Tok], i: usize) -> Option<Implicit> {
    if toks[i].tag != Tag::IN {
        return None;
    }
    let left = np_before(toks, i)?;
    let right = np_after(toks, i + 1, false)?;
    if head_kind(&toks[left.end - 1])? != Head::Proper || phrase_kind(toks, &right)? != Head::Proper
    {
        return None;
    }
    Some(Implicit {
        subject: left,
        object: right,
        lemma: "be in",
    })
}

#[cfg(test)]
mod tests {
    use super::super::chunk::tests::toks;
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let (text, t) = toks(s);
        let mut out = Vec::new();
        extract(0, &t, &mut out);
        out.iter()
            .map(|tr| {
                let o = tr.object.as_ref().unwrap();
                format!(
                    "{} | {} [{}] | {}",
                    &text[tr.subject.start..tr.subject.end],
                    tr.lemma,
                    &text[tr.action.start..tr.action.end],
                    &text[o.start..o.end]
                )
            })
            .collect()
    }

    #[test]
    fn appositive_name_then_description() {
        assert_eq!(
            run("Sergei/NNP Lavrov/NNP ,/, the/DT foreign/JJ minister/NN ,/, arrived/VBD ./."),
            ["Sergei Lavrov | be [,] | the foreign minister"]
        );
    }

    #[test]
    fn appositive_description_then_name() {
        assert_eq!(
            run(
                "His/PRP$ deputy/NN ,/, Ali/NNP Hassan/NNP ,/, met/VBD an/DT analyst/NN with/IN Nomura/NNP ./."
            ),
            ["Ali Hassan | be [,] | His deputy"]
        );
    }

    #[test]
    fn lists_are_not_appositives() {
        assert!(run("They/PRP visited/VBD Paris/NNP ,/, Lyon/NNP and/CC Lille/NNP ./.").is_empty());
        assert!(run("It/PRP sells/VBZ tea/NN ,/, coffee/NN ,/, and/CC sugar/NN ./.").is_empty());
    }

    #[test]
    fn place_in_a_larger_place() {
        assert_eq!(
            run("Talks/NNS resumed/VBD in/IN Lyon/NNP ,/, France/NNP ./."),
            ["Lyon | be in [,] | France"]
        );
    }

    #[test]
    fn title_before_a_name() {
        assert_eq!(
            run("The/DT tanker/NN Sea/NNP Harmony/NNP sank/VBD ./."),
            ["Sea Harmony | be [The tanker Sea Harmony] | The tanker"]
        );
    }

    #[test]
    fn possessive_is_have() {
        assert_eq!(
            run("Egypt/NNP 's/POS largest/JJS port/NN reopened/VBD ./."),
            ["Egypt | have ['s] | largest port"]
        );
        // only names own: `the city's port` gives nothing
        assert!(run("The/DT city/NN 's/POS port/NN reopened/VBD ./.").is_empty());
    }

    #[test]
    fn name_in_place_is_be_in() {
        assert_eq!(
            run("The/DT Hermitage/NNP Museum/NNP in/IN Saint/NNP Petersburg/NNP reopened/VBD ./."),
            ["The Hermitage Museum | be in [in] | Saint Petersburg"]
        );
        // a verb's complement, not a located name
        assert!(run("Talks/NNS began/VBD in/IN Geneva/NNP ./.").is_empty());
    }
}
