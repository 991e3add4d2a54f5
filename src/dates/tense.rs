//! Tense heuristic: the tense of the clause around a date expression, from
//! the nearest verb-form cue in its sentence (`will`, modals, `is expected
//! to`, `to be held`, `was`, `had`, `has` + participle, `-ed` forms,
//! irregular past forms, scheduling presents). Passive participles defer to
//! their auxiliary (`will be finalized` is future).

use super::lexicon::{Cue, W};
use super::token::{CAP, Kind, SP, Tok};

/// Tense of a clause, as far as the heuristic can tell.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tense {
    Past,
    /// Past from an `-ed` form only (may be an adjective: `remain closed`).
    PastWeak,
    /// Present perfect (`has withdrawn`): past, but open towards now.
    Perfect,
    /// Present simple or progressive: timetables and near references.
    Present,
    /// `will`, modals, `is expected to`, `to be held`.
    Future,
    /// No cue found.
    Unknown,
}

/// How far right of the expression a cue may be (tokens).
const RIGHT_WINDOW: usize = 10;

const NOT_ED_VERBS: &[&str] = &[
    "need", "indeed", "hundred", "red", "bed", "seed", "speed", "feed", "breed", "greed", "shed",
    "creed", "proceed", "exceed", "succeed", "embed", "bleed", "weed",
];

/// Tense of the clause holding tokens `s..e`.
pub(crate) fn tense_at(text: &str, toks: &[Tok], s: usize, e: usize) -> Tense {
    let sent = toks[s].sent;
    let mut best: Option<(usize, Tense)> = None;
    let mut j = s;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if t.sent != sent || t.is(';') {
            break;
        }
        if let Some(tense) = cue(text, toks, j) {
            best = Some((s - j, tense));
            break;
        }
    }
    // a cue after the expression wins only when clearly nearer
    let limit = best.map_or(RIGHT_WINDOW, |(d, _)| d.min(RIGHT_WINDOW));
    let mut j = e;
    while j < toks.len() {
        let t = &toks[j];
        if t.sent != sent || t.is(';') {
            break;
        }
        let dist = j - e + 2;
        if dist >= limit {
            break;
        }
        if let Some(tense) = cue(text, toks, j) {
            best = Some((dist, tense));
            break;
        }
        j += 1;
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.start as usize..t.end as usize]
}

fn w_at(toks: &[Tok], j: usize) -> W {
    toks.get(j).map_or(W::None, |t| t.w)
}

/// A form of `be` or `get` before a participle (passive).
fn passive_aux(text: &str, toks: &[Tok], j: usize) -> bool {
    match w_at(toks, j) {
        W::Tense(Cue::Be | Cue::PastAux | Cue::BeBase) => true,
        W::Being => true,
        _ => {
            let w = toks.get(j).map_or("", |t| word(text, t));
            ["been", "get", "gets", "got", "being"]
                .iter()
                .any(|x| x.eq_ignore_ascii_case(w))
        }
    }
}

/// An `-ed` word that can be a verb form.
fn ed_form(text: &str, toks: &[Tok], j: usize) -> bool {
    let t = &toks[j];
    // cheap tests on the token before the text
    if t.kind != Kind::Word || t.len() < 4 || !t.has(SP) {
        return false;
    }
    // the last two bytes before slicing the word out
    let end = t.end as usize;
    if &text.as_bytes()[end - 2..end] != b"ed" {
        return false;
    }
    let w = word(text, t);
    !NOT_ED_VERBS.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// A past participle at `j`, after optional adverbs.
fn participle_after(text: &str, toks: &[Tok], mut j: usize) -> bool {
    for _ in 0..2 {
        let Some(t) = toks.get(j) else { return false };
        let w = word(text, t);
        if t.kind != Kind::Word {
            return false;
        }
        let irregular = w.ends_with("en")
            || w.ends_with("wn")
            || [
                "done", "gone", "come", "become", "run", "put", "cut", "let", "shut", "spread",
            ]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w));
        if matches!(t.w, W::Tense(Cue::PastVerb) | W::Tense(Cue::Intent))
            || ed_form(text, toks, j)
            || irregular
        {
            return true;
        }
        let adverb = w.ends_with("ly")
            || [
                "not", "already", "also", "just", "never", "yet", "long", "since", "since",
            ]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w));
        if !adverb {
            return false;
        }
        j += 1;
    }
    false
}

/// The tense cue at token `j`, if any.
fn cue(text: &str, toks: &[Tok], j: usize) -> Option<Tense> {
    let t = &toks[j];
    // most words are no cue: only these classes reach an arm below
    if t.kind != Kind::Word || !matches!(t.w, W::None | W::Tense(_) | W::Month(5)) {
        return None;
    }
    let prev = if j > 0 { toks[j - 1].w } else { W::None };
    let next = w_at(toks, j + 1);
    let modal = |toks: &[Tok]| {
        if toks
            .get(j + 1)
            .is_some_and(|n| word(text, n).eq_ignore_ascii_case("have"))
        {
            Some(Tense::Past)
        } else {
            Some(Tense::Future)
        }
    };
    match t.w {
        // lower-case "may" is the modal
        W::Month(5) if !t.has(CAP) => modal(toks),
        W::Tense(c) => match c {
            Cue::Will => {
                if matches!(prev, W::The | W::Poss | W::Of | W::A) {
                    None
                } else {
                    modal(toks)
                }
            }
            Cue::Would => modal(toks),
            Cue::Can => Some(Tense::Present),
            Cue::PastAux => Some(Tense::Past),
            Cue::Perfect => {
                if next == W::To {
                    Some(Tense::Present)
                } else if participle_after(text, toks, j + 1) {
                    Some(Tense::Perfect)
                } else {
                    Some(Tense::Present)
                }
            }
            Cue::Be => {
                // "that is," introduces an apposition
                if prev == W::That && toks.get(j + 1).is_some_and(|n| n.is(',')) {
                    return None;
                }
                let n2 = w_at(toks, j + 2);
                match (next, n2) {
                    (W::To, _) => Some(Tense::Future),
                    (W::Tense(Cue::Intent | Cue::Going), W::To) => Some(Tense::Future),
                    _ => Some(Tense::Present),
                }
            }
            Cue::BeBase => {
                if prev == W::To {
                    Some(Tense::Future)
                } else {
                    None
                }
            }
            Cue::Intent | Cue::Going => {
                // "is expected to", "has been scheduled for"
                if next == W::To || (j > 0 && passive_aux(text, toks, j - 1)) {
                    Some(Tense::Future)
                } else if word(text, t).eq_ignore_ascii_case("set")
                    && !passive_aux(text, toks, j.wrapping_sub(1))
                {
                    Some(Tense::Past)
                } else {
                    None
                }
            }
            Cue::PastVerb => {
                let w = word(text, t);
                if w.eq_ignore_ascii_case("won")
                    && toks
                        .get(j + 1)
                        .is_some_and(|a| a.is_apos() && a.start == t.end)
                {
                    Some(Tense::Future)
                } else if j > 0
                    && (passive_aux(text, toks, j - 1) || matches!(prev, W::Tense(Cue::Perfect)))
                {
                    None // participle: the auxiliary tells
                } else {
                    Some(Tense::Past)
                }
            }
            Cue::PresVerb => Some(Tense::Present),
        },
        W::None => {
            if ed_form(text, toks, j)
                && (!t.has(CAP) || j == 0 || toks[j - 1].sent != t.sent)
                && !matches!(prev, W::The | W::A | W::Poss | W::This | W::That | W::These)
                && !(j > 0
                    && (passive_aux(text, toks, j - 1) || matches!(prev, W::Tense(Cue::Perfect))))
            {
                Some(Tense::PastWeak)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::super::token::tokenize;
    use super::*;

    /// Tense at the first occurrence of `target` in `text`.
    fn tense_of(text: &str, target: &str) -> Tense {
        let lx = Lexicon::new();
        let toks = tokenize(text, &lx).toks;
        let at = text.find(target).unwrap() as u32;
        let s = toks.iter().position(|t| t.start == at).unwrap();
        tense_at(text, &toks, s, s + 1)
    }

    #[test]
    fn tense_table() {
        let table = [
            ("Russia withdrew its ships in March.", "March", Tense::Past),
            ("In March, Russia withdrew its ships.", "March", Tense::Past),
            ("Talks will resume in March.", "March", Tense::Future),
            (
                "The trial is set to begin on Wednesday.",
                "Wednesday",
                Tense::Future,
            ),
            (
                "Turkey is expected to vote in March.",
                "March",
                Tense::Future,
            ),
            ("The deal was signed in March.", "March", Tense::Past),
            ("Iran attacked the base in March.", "March", Tense::PastWeak),
            ("It arrives on November 11.", "November", Tense::Present),
            ("The summit in March.", "March", Tense::Unknown),
            (
                "The armed groups met. Talks in March.",
                "March",
                Tense::Unknown,
            ),
            ("Moscow won't return before March.", "March", Tense::Future),
            ("The plan has to change by March.", "March", Tense::Present),
            (
                "The deal will be finalized by June 10.",
                "June",
                Tense::Future,
            ),
            (
                "The contract may be signed on September 12.",
                "September",
                Tense::Future,
            ),
            (
                "An event to be held on October 12.",
                "October",
                Tense::Future,
            ),
            (
                "The sale should be completed in October.",
                "October",
                Tense::Future,
            ),
            ("GM has a June 1 deadline.", "June", Tense::Present),
            (
                "Russia has withdrawn its ships since March.",
                "March",
                Tense::Perfect,
            ),
            (
                "A hearing has been scheduled for June 3.",
                "June",
                Tense::Future,
            ),
            (
                "Markets will remain closed until Friday.",
                "Friday",
                Tense::PastWeak,
            ),
            (
                "On Sunday, the states that is, had agreed.",
                "Sunday",
                Tense::Past,
            ),
        ];
        for (text, target, want) in table {
            assert_eq!(tense_of(text, target), want, "{text}");
        }
    }
}
