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
mod implicit;
pub mod lemma;
mod openie;
mod repair;

use std::ops::Range;
use std::sync::OnceLock;

use self::chunk::{Tok, VerbGroup, np_end, np_start, verb_groups};
use crate::pos::Tag;

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
    /// The date mention that situates the clause: an index into the
    /// sentence's dates from [`extract`], into the document's mentions from
    /// [`extract_doc`].
    pub date: Option<usize>,
    pub confidence: f32,
    /// No verb in the text states the relation (an appositive, a
    /// possessive; `--all-clauses` only): the action is the span of the
    /// word that signals it and `lemma` the relation (see [`implicit`]).
    pub implicit: bool,
}

/// A mention as the extractor needs it.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The first of `dates` inside bytes `start..end`.
fn date_within(dates: &[Span], start: usize, end: usize) -> Option<usize> {
    dates.iter().position(|d| d.start >= start && d.end <= end)
}

/// Is token `k` a participle right after a noun (`roads leading`,
/// `weapons bound`)?
fn participle_after_noun(toks: &[Tok], k: usize) -> bool {
    k > 0
        && matches!(toks[k].tag, Tag::VBG | Tag::VBN)
        && matches!(toks[k - 1].tag, Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS)
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

/// Is `lemma` one of [`REPORTING`]? (A set: it is asked for every verb group.)
fn is_reporting(lemma: &str) -> bool {
    static SET: OnceLock<lemma::WordSet> = OnceLock::new();
    SET.get_or_init(|| lemma::WordSet::new(REPORTING))
        .contains(lemma)
}

/// Words that end an object: the start of another clause.
fn ends_clause(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    // words first (most tokens): no punctuation comparisons for them
    let word = t
        .text
        .as_bytes()
        .first()
        .is_none_or(|b| b.is_ascii_alphanumeric());
    if !word && matches!(t.text, ";" | ":" | "—" | "(" | ")" | "–") {
        return true;
    }
    match t.tag {
        Tag::WDT | Tag::WP | Tag::WPS | Tag::WRB => true,
        Tag::IN => {
            matches!(
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
                    | "after"
                    | "before"
                    | "once"
            ) && toks.get(i + 1).is_some_and(|n| !n.is_verb())
                && clause_follows(toks, i + 1)
        }
        Tag::CC => {
            clause_follows(toks, i + 1)
                || toks
                    .get(i + 1)
                    .is_some_and(|n| n.is_verb() || n.tag == Tag::RB)
        }
        // `, and`/`, but` + clause, `, which`, `, leaving ...`
        _ if t.text == "," => toks.get(i + 1).is_some_and(|n| {
            matches!(n.tag, Tag::CC | Tag::WDT | Tag::WP | Tag::VBG | Tag::VBN)
                || clause_follows(toks, i + 1)
        }),
        _ => false,
    }
}

/// Does a clause (a noun phrase and a finite verb) start at `i`?
fn clause_follows(toks: &[Tok], i: usize) -> bool {
    let mut e = np_end(toks, i);
    if e == i {
        return false;
    }
    // `the street grid north of Yesler does ...`
    while e + 1 < toks.len()
        && toks[e].tag == Tag::IN
        && matches!(toks[e].text, "of" | "in" | "from" | "on" | "at")
    {
        let e2 = np_end(toks, e + 1);
        if e2 == e + 1 {
            break;
        }
        e = e2;
    }
    toks.get(e)
        .is_some_and(|t| t.is_verb() && matches!(t.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD))
}

/// The head (last noun) of the noun phrase ending before `pos`, skipping
/// adverbs: returns the noun's index.
fn noun_before(toks: &[Tok], pos: usize) -> Option<usize> {
    let mut i = pos;
    while i > 0
        && ((matches!(toks[i - 1].tag, Tag::RB | Tag::RBR) && !toks[i - 1].is_negation())
            || matches!(
                toks[i - 1].text,
                "each" | "both" | "all" | "themselves" | "itself"
            ))
    {
        i -= 1;
    }
    if i > 0 && toks[i - 1].is_noun() {
        return Some(i - 1);
    }
    // `Russia’s` as the last word: a possessive is not a subject
    None
}

/// For `N that/which SUBJ VERB`, the noun phrase of `N` (the verb's object),
/// when the verb has no object of its own after it.
fn object_antecedent(toks: &[Tok], subj: &Range<usize>, g: &VerbGroup) -> Option<Range<usize>> {
    if subj.end != g.start || subj.start < 2 {
        return None;
    }
    let rel = &toks[subj.start - 1];
    if !(matches!(rel.tag, Tag::WDT) || rel.lower_is("that") || rel.lower_is("which")) {
        return None;
    }
    if toks.get(g.end).is_some_and(|t| {
        matches!(
            t.tag,
            Tag::DT | Tag::PRPS | Tag::PRP | Tag::NN | Tag::NNS | Tag::NNP | Tag::CD | Tag::JJ
        )
    }) {
        return None;
    }
    let n = subj.start - 2;
    if !toks[n].is_noun() {
        return None;
    }
    let start = chunk::np_start(toks, n);
    // `so many targets that Hezbollah retreated`: a result, not a relative
    if start > 0 && (toks[start - 1].lower_is("so") || toks[start].lower_is("such")) {
        return None;
    }
    Some(start..n + 1)
}

/// A head tagged as a past participle (`VBN`) with no auxiliary, right
/// after a subject that opens its clause, and followed by an object or a
/// preposition, is a past tense the tagger misread (`Ukrainian forces used
/// ...`, `the envoys met in Kars`), not a reduced relative.
fn past_tense_misread(toks: &[Tok], g: &VerbGroup, subj: &Range<usize>) -> bool {
    if toks[g.head].tag != Tag::VBN || g.start != g.head {
        return false;
    }
    // before the subject, past a fronted date (`and last week the embassy`)
    let mut b = subj.start;
    if b > 0 && toks[b - 1].in_date {
        while b > 0 && toks[b - 1].in_date {
            b -= 1;
        }
        if b > 0 && toks[b - 1].tag == Tag::IN {
            b -= 1;
        }
    }
    let opens = b == 0
        || matches!(toks[b - 1].text, "," | ";" | "and" | "but" | "that")
        || toks[b - 1].tag == Tag::WRB
        || CLAUSE_OPENERS.iter().any(|w| toks[b - 1].lower_is(w));
    let follows = toks
        .get(g.end)
        .is_some_and(|t| t.is_np_part() || matches!(t.tag, Tag::IN | Tag::TO));
    opens && follows && subj.end == g.start
}

/// A participle right after a noun, with no auxiliary or comma: a reduced
/// relative clause inside a noun phrase (`the roads leading into Mordor`).
/// A past participle with a noun phrase right after it is a past tense the
/// tagger misread (`Ukrainian forces used/VBN Western missiles`), not one.
fn reduced_relative(toks: &[Tok], g: &VerbGroup) -> bool {
    let misread = toks[g.head].tag == Tag::VBN
        && toks.get(g.end).is_some_and(|n| {
            matches!(
                n.tag,
                Tag::DT | Tag::PRPS | Tag::JJ | Tag::CD | Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS
            )
        });
    g.start == g.head && !g.finite && !misread && participle_after_noun(toks, g.head)
}

/// Verbs that link a subject to a predicate (lemmas).
const COPULAS: [&str; 6] = ["be", "remain", "stay", "seem", "appear", "become"];

/// Conjunctions that open a clause with its own subject (`when the IRGC
/// armed`, `after Russia deployed`).
const CLAUSE_OPENERS: [&str; 11] = [
    "because", "although", "though", "while", "whereas", "after", "before", "since", "until",
    "once", "unless",
];

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
    wide: bool,
    toks: &[Tok],
    g: &VerbGroup,
    prev: &[(VerbGroup, Option<Range<usize>>)],
) -> Option<(Range<usize>, f32)> {
    let s = g.start;
    // relative clause: `forces that fought`, `Oman, which mediated`
    if s > 0
        && (matches!(toks[s - 1].tag, Tag::WDT | Tag::WP)
            || (toks[s - 1].lower_is("that") && s >= 2 && toks[s - 2].is_noun()))
    {
        let mut p = s - 1;
        if p > 0 && toks[p - 1].text == "," {
            p -= 1;
        }
        if let Some(n) = noun_before(toks, p) {
            // the nearest noun phrase, not the `of` chain before it
            let st = np_start(toks, n).max(chunk::np_base_start(toks, n));
            return Some((if wide { np_start(toks, n) } else { st }..n + 1, 0.6));
        }
        return None;
    }
    let coordinated = |at: usize| {
        let joined = at > 0
            && (toks[at - 1].tag == Tag::CC
                || (at > 1 && toks[at - 1].text == "," && toks[at - 2].tag != Tag::CC));
        // the subject of the last clause, not of a participle inside it
        // (`founded X, a confederation built on ..., and left Y`)
        let last = prev.iter().rev().find(|(g, _)| g.finite).or(prev.last());
        match last {
            Some((_, Some(subj))) if joined => Some((subj.clone(), 0.6)),
            _ => None,
        }
    };
    if let Some(mut n) = noun_before(toks, s) {
        if toks[n].in_date {
            // A date is no subject: `and on 29 January formally left` shares
            // the subject before it; `a strike in the summer months killed`
            // has the noun before the date's preposition.
            let mut p = n;
            while p > 0 && toks[p - 1].in_date {
                p -= 1;
            }
            let q = if p > 0 && toks[p - 1].tag == Tag::IN {
                p - 1
            } else {
                p
            };
            if let Some(shared) = coordinated(q) {
                return Some(shared);
            }
            match noun_before(toks, q) {
                Some(n2) if q < p && !toks[n2].in_date => n = n2,
                _ => return None,
            }
        }
        let st = np_start(toks, n);
        // an appositive before: `His negotiator, Mohammed Abdulsalam, traveled`
        let mut start = st;
        if st >= 2
            && toks[st - 1].text == ","
            && let Some(n2) = noun_before(toks, st - 1)
            && !toks[n2].in_date
        {
            let st2 = np_start(toks, n2);
            if st2 == 0 || matches!(toks[st2 - 1].text, "," | "and") {
                start = st2;
            }
        }
        // a fronted date is no part of the subject: `on February 3 the LNA`
        let date_end = (start..n).find(|&k| !toks[k].in_date).unwrap_or(n);
        if date_end > start
            && matches!(
                toks[date_end].tag,
                Tag::DT | Tag::PRPS | Tag::NNP | Tag::NNPS
            )
        {
            start = date_end;
        }
        return Some((start..n + 1, 0.8));
    }
    // `X, which ..., has`: skip the parenthetical
    if let Some(c) = skip_parenthetical(toks, s)
        && let Some(n) = noun_before(toks, c)
    {
        // Briefs keep the parenthetical in the subject (`Oman, which
        // mediated ..., has`): an appositive there may hold the head.
        let end = if wide { s - 1 } else { n + 1 };
        return Some((np_start(toks, n)..end, 0.6));
    }
    // coordinated verb: `visited Russia and met with Putin`
    coordinated(s)
}

/// Extract the triples of one sentence. `dates` are the date mentions of the
/// sentence; `actors` the actor mentions (byte spans in the same text).
/// With `all_clauses`, clauses without an actor are kept too (as Open IE
/// systems do).
pub fn extract(
    sentence: usize,
    toks: &[Tok],
    actors: &[Span],
    dates: &[Span],
    all_clauses: bool,
    out: &mut Vec<Triple>,
) {
    let first = out.len();
    let groups = verb_groups(toks);
    let mut done: Vec<(VerbGroup, Option<Range<usize>>)> = Vec::with_capacity(groups.len());
    for (gi, g) in groups.iter().enumerate() {
        let subj = subject_of(!all_clauses, toks, g, &done);
        done.push((g.clone(), subj.as_ref().map(|(r, _)| r.clone())));
        let Some((subj, conf)) = subj else { continue };
        let own_clause = g.finite
            || g.start > 0 && toks[g.start - 1].tag == Tag::CC
            || past_tense_misread(toks, g, &subj);
        if !own_clause && !all_clauses {
            // a participle or infinitive without its own clause
            continue;
        }
        // what follows: a linking preposition, then the object up to the clause end
        let mut a_end = g.end;
        let mut o_start = g.end;
        if o_start < toks.len()
            && matches!(toks[o_start].tag, Tag::IN | Tag::TO)
            && toks[o_start].text != "that"
        {
            if g.passive && toks[o_start].lower_is("by") {
                // handled below
            } else {
                a_end = o_start + 1;
                o_start += 1;
            }
        }
        // A date right after the verb, with or without a preposition, is the
        // clause's date and no object (`formed in January 2024`, `renewed
        // last month`, `vowed on Thursday to wage war`): the object, if any,
        // follows it. (Open IE keeps it: `was born in | 1950`.)
        // A duration skipped the same way only after a preposition (`has
        // backed for decades the regime`): without one it is the object
        // (`has spent two years rebuilding`). What follows the date stays as
        // it is: `seized last month by the US Navy`, `withdrew on Sunday from
        // Wad Madani`.
        let mut verb_date = None;
        let mut date_skipped = false;
        if !all_clauses && o_start < toks.len() && toks[o_start].in_date {
            let mut k = o_start;
            while k < toks.len() && toks[k].in_date {
                k += 1;
            }
            let span = toks[o_start].start..toks[k - 1].end;
            let situating = date_within(dates, span.start, span.end).is_some();
            if situating || a_end > g.end {
                verb_date = situating.then_some(span);
                date_skipped = true;
                a_end = g.end;
                o_start = k;
            }
        }
        // A reporting verb with a clause as its object: `said (in May) that
        // X ...` or `stated it no longer produces ...`.
        let lemma = lemma::verb_lemma(toks[g.head].text);
        let reporting = is_reporting(&lemma)
            && ((o_start..(o_start + 6).min(toks.len()))
                .take_while(|&k| toks[k].text != ",")
                .any(|k| toks[k].lower_is("that"))
                || clause_follows(toks, o_start));
        let mut next_group = gi + 1;
        let mut next_start = groups.get(next_group).map_or(toks.len(), |n| n.start);
        let mut o_end = o_start;
        // after a date, another clause may start at once (`formed in
        // January 2024 has cleared`, `two weeks later because ...`)
        let after_date_clause = date_skipped
            && toks
                .get(o_start)
                .is_some_and(|t| t.is_verb() || !reporting && ends_clause(toks, o_start));
        while o_end < toks.len() && !after_date_clause {
            if o_end > o_start
                && ends_clause(toks, o_end)
                && !(reporting && toks[o_end].text != ";")
            {
                break;
            }
            if o_end >= next_start && !reporting && o_end > o_start {
                // another verb: the object ends unless it is a reduced
                // relative clause inside it (`the roads leading into Mordor`,
                // `weapons bound for Lebanon`)
                match groups.get(next_group) {
                    Some(n) if reduced_relative(toks, n) => {
                        next_group += 1;
                        next_start = groups.get(next_group).map_or(toks.len(), |n| n.start);
                    }
                    _ => break,
                }
            }
            if toks[o_end].text == "." && o_end + 1 == toks.len() {
                break;
            }
            o_end += 1;
        }
        // no dangling punctuation, preposition, article or conjunction at the end
        while o_end > o_start
            && (matches!(toks[o_end - 1].text, "," | "." | "”" | "\"" | ";" | ":")
                || matches!(toks[o_end - 1].tag, Tag::IN | Tag::TO | Tag::DT | Tag::CC))
        {
            o_end -= 1;
        }
        // (`do so`, `say so`: `so` stands for a clause, no object)
        let starts_badly = toks.get(o_start).is_some_and(|t| {
            t.tag == Tag::CC
                || matches!(t.text, "," | ";" | ":" | "." | "—" | "(" | ")")
                || t.tag == Tag::RB
                    && t.lower_is("so")
                    && !toks
                        .get(o_start + 1)
                        .is_some_and(|n| matches!(n.tag, Tag::JJ | Tag::RB))
        });
        if starts_badly {
            o_end = o_start;
            a_end = g.end;
        }
        // an object holds a noun, a pronoun, a number or a name, or a
        // determiner before something (`its offensive`); `will strike
        // again`, `would act alone` have none (a reported clause is one)
        let nominal = |k: usize| {
            let t = &toks[k];
            t.is_noun()
                || t.in_name
                || matches!(t.tag, Tag::PRP | Tag::CD)
                || matches!(t.tag, Tag::DT | Tag::PRPS) && k + 1 < o_end
        };
        if !all_clauses && !reporting && !(o_start..o_end).any(nominal) {
            o_end = o_start;
        }
        let mut subject = subj.clone();
        let mut object = (o_end > o_start).then_some(o_start..o_end);
        // An object relative: `the minehunters that Kyiv bought` → Kyiv |
        // bought | the minehunters.
        if let Some(ante) = object_antecedent(toks, &subj, g) {
            object = Some(ante);
            a_end = g.end;
        }
        let obj_orig = object.clone().unwrap_or(o_start..o_start);
        let mut confidence = conf;
        if g.passive {
            // `X was armed by Russia` → Russia | was armed | X
            let by = object
                .as_ref()
                .and_then(|o| (o.start..o.end).find(|&k| toks[k].lower_is("by")));
            match by {
                Some(k) if all_clauses => {
                    // Open IE keeps the passive: `truce | was brokered by | Oman`
                    let agent_end = np_end(toks, k + 1);
                    if agent_end > k + 1 {
                        object = Some(k + 1..agent_end);
                        a_end = k + 1;
                        confidence = 0.7;
                    }
                }
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
        let has_actor = |r: &Range<usize>| {
            let (bs, be) = (toks[r.start].start, toks[r.end - 1].end);
            actors.iter().any(|a| a.start >= bs && a.end <= be)
        };
        if !all_clauses {
            // The guide's triples: an object or complement, and an actor.
            // An actor inside a reported clause is that clause's (`Reports
            // indicated that Moscow ...` gives Moscow's triple, not this
            // one); one before it counts (`signal to Xi Jinping that ...`).
            let Some(obj) = &object else { continue };
            let reported = if reporting {
                // after `that`, or after a name the report is addressed to
                // (`told Hamas the offer was final`; not the reported clause's
                // subject: `indicated Moscow had withdrawn`)
                let mut name_end = (obj.start..obj.end)
                    .find(|&k| !toks[k].in_name)
                    .unwrap_or(obj.end);
                if !toks
                    .get(name_end)
                    .is_some_and(|t| matches!(t.tag, Tag::DT | Tag::PRPS | Tag::PRP | Tag::CD))
                {
                    // (`said Russian troops had withdrawn`: the name is part
                    // of the reported clause's subject)
                    name_end = obj.start;
                }
                (obj.start..obj.end)
                    .find(|&k| toks[k].lower_is("that"))
                    .unwrap_or(name_end)
            } else {
                obj.end
            };
            if !(has_actor(&subject) || reported > obj.start && has_actor(&(obj.start..reported))) {
                continue;
            }
        }
        // `X is visible`, `remains open`: an adjective is no object or
        // complement (a noun is: `Russia was the guarantor`)
        if !all_clauses
            && COPULAS.contains(&lemma.as_str())
            && let Some(o) = &object
            && let Some(first) =
                (o.start..o.end).find(|&k| !matches!(toks[k].tag, Tag::RB | Tag::RBR))
            && matches!(toks[first].tag, Tag::JJ | Tag::JJR | Tag::JJS)
            && !(first + 1 < o.end && toks[first + 1].is_noun())
            // a prepositional complement is one: `is responsible for the
            // attack`, `remains wary of Russian influence`
            && !(first + 1..o.end)
                .any(|k| matches!(toks[k].tag, Tag::IN | Tag::TO) && !toks[k].lower_is("than"))
        {
            continue;
        }
        if !own_clause {
            confidence *= 0.6;
        }
        // a date right after the verb, or inside its group (`has since
        // January blocked`), else the rules of `situating_date`
        let (gs, ge) = (toks[g.start].start, toks[g.end - 1].end);
        let date = verb_date
            .and_then(|r| date_within(dates, r.start, r.end))
            .or_else(|| date_within(dates, gs, ge))
            .or_else(|| situating_date(toks, &groups, gi, &subj, &obj_orig, dates));
        let phrase = |r: &Range<usize>| Phrase {
            start: toks[r.start].start,
            end: toks[r.end - 1].end,
        };
        out.push(Triple {
            sentence,
            subject: phrase(&subject),
            action: phrase(&(g.start..a_end)),
            action_head: phrase(&(g.head..g.head + 1)),
            lemma,
            object: object.as_ref().map(phrase),
            negated: g.negated,
            modality: g.modal.map(String::from),
            passive: g.passive,
            date,
            confidence,
            implicit: false,
        });
    }
    if all_clauses {
        openie::refine(toks, &groups, out, first);
        implicit::extract(sentence, toks, out);
    }
}

/// Words that open a clause of their own (besides wh-words): a date before
/// one does not reach the verb after it (`two weeks later because Moscow
/// demanded`). Not `while`: `In recent weeks, A struck X, while B ...`
/// dates both.
const SUBORDINATORS: [&str; 6] = ["that", "because", "although", "though", "unless", "if"];

/// The date of a clause: one inside its object (before any clause nested
/// in it), else one between the clause's start and its verb (outside the
/// subject phrase), else a date fronted before the sentence's first verb,
/// which covers the main clauses after it but not relative or `that`
/// clauses.
fn situating_date(
    toks: &[Tok],
    groups: &[VerbGroup],
    gi: usize,
    subject: &Range<usize>,
    obj: &Range<usize>,
    dates: &[Span],
) -> Option<usize> {
    if dates.is_empty() {
        return None;
    }
    let g = &groups[gi];
    let nested = |k: usize| {
        let t = &toks[k];
        // (the subordinators start with a, b, i, t or u: one test for
        // most words)
        matches!(t.tag, Tag::WDT | Tag::WP | Tag::WRB)
            || t.text
                .as_bytes()
                .first()
                .is_some_and(|b| matches!(b | 0x20, b'a' | b'b' | b'i' | b't' | b'u'))
                && SUBORDINATORS.iter().any(|w| t.lower_is(w))
    };
    // inside the object, up to a nested clause
    // (a reduced relative `weapons bound for Lebanon in May` counts as one)
    let limit = (obj.start..obj.end)
        .find(|&k| k > obj.start && (nested(k) || participle_after_noun(toks, k)))
        .unwrap_or(obj.end);
    if limit > obj.start {
        let (os, oe) = (toks[obj.start].start, toks[limit - 1].end);
        if let Some(i) = date_within(dates, os, oe) {
            return Some(i);
        }
    }
    let vs = toks[g.start].start;
    let (ss, se) = (toks[subject.start].start, toks[subject.end - 1].end);
    let prev_end = gi.checked_sub(1).map_or(0, |p| toks[groups[p].end - 1].end);
    // a nested clause word among the tokens from byte `from` to the verb
    // (tokens are in text order: those tokens are one run of them)
    let until_verb = toks.partition_point(|t| t.end <= vs);
    let between_has_nested = |from: usize| {
        let first = toks.partition_point(|t| t.start < from);
        (first..until_verb).any(nested)
    };
    // a clause boundary between byte `from` and the subject: `, and`,
    // `, but`, `;` (a date before it ends the previous clause:
    // `closed the straits in February 2022, and Ankara has kept them`)
    let boundary_before_subject = |from: usize| {
        let first = toks.partition_point(|t| t.start < from);
        (first..subject.start).any(|k| {
            toks[k].text == ";" || toks[k].tag == Tag::CC && k > 0 && toks[k - 1].text == ","
        })
    };
    // in the clause before the verb: `In early October, Russia withdrew`
    if let Some(i) = dates.iter().rposition(|d| {
        d.end <= vs
            && d.start >= prev_end
            && !(d.start >= ss && d.end <= se)
            && !between_has_nested(d.end)
            && !boundary_before_subject(d.end)
    }) {
        return Some(i);
    }
    // fronted before the first verb of the sentence
    let first_verb = toks[groups[0].start].start;
    let own_clause = g.start > 0 && !nested(g.start - 1) && !between_has_nested(first_verb);
    if own_clause
        && let Some(i) = dates
            .iter()
            .rposition(|d| d.end <= first_verb && !(d.start >= ss && d.end <= se))
    {
        return Some(i);
    }
    // else one inside the subject's own phrase (no clause or apposition
    // before it) of a clause in the past: `the 2017 agreement granted`,
    // `strikes on June 13 killed` (not `the 1994 memorandum guarantees`)
    if !toks[g.start..g.end]
        .iter()
        .any(|t| matches!(t.tag, Tag::VBD | Tag::VBN))
    {
        return None;
    }
    let open = (subject.start..subject.end)
        .find(|&k| nested(k) || toks[k].text == ",")
        .map_or(se, |k| toks[k].start);
    date_within(dates, ss, open)
}

/// Whether a TIMEX3 value is a duration (`P2W`, `PT5H`, `PXY`): not the
/// references `PAST_REF`, `PRESENT_REF` and `FUTURE_REF`.
fn is_duration(value: &str) -> bool {
    value.starts_with('P') && !value.ends_with("_REF")
}

/// Text tokenized the Penn Treebank way writes clitics apart (`Italy 's`,
/// `it 's`, `they 're`) and closing quotes as `''`, and the tokenizer cuts
/// such a detached `'s` into a quote and `s` (and `''` into two quotes).
/// Join each pair back into one token, tagged as the clitic is (a
/// possessive, a verb, a modal, a quote), so that noun phrases and verb
/// groups run through it. Attached clitics (`Italy's`) never take this path.
fn join_split_clitics<'a>(text: &'a str, toks: &mut Vec<Tok<'a>>) {
    // most sentences have no lone quote: leave them untouched
    let Some(first) = toks.iter().position(|t| t.text == "'") else {
        return;
    };
    let mut w = first;
    for r in first..toks.len() {
        let t = toks[r];
        if w > 0 {
            let q = toks[w - 1];
            let detached =
                q.text == "'" && q.end == t.start && (w < 2 || toks[w - 2].end < q.start);
            let after_pronoun = w >= 2
                && matches!(
                    toks[w - 2].tag,
                    Tag::PRP | Tag::EX | Tag::WP | Tag::WDT | Tag::DT
                );
            if detached && let Some(tag) = clitic_tag(t, after_pronoun) {
                toks[w - 1] = Tok {
                    text: &text[q.start..t.end],
                    end: t.end,
                    tag,
                    ..q
                };
                continue;
            }
        }
        toks[w] = t;
        w += 1;
    }
    toks.truncate(w);
}

/// The tag of a clitic written apart after a quote, `None` for any other
/// word. `'s` is a verb only after a pronoun (`it 's`), else a possessive
/// (the tagger, seeing a lone `s`, often reads one as the other).
fn clitic_tag(t: Tok, after_pronoun: bool) -> Option<Tag> {
    Some(match t.text {
        "s" | "S" if after_pronoun => Tag::VBZ,
        "s" | "S" => Tag::POS,
        "m" | "re" | "ve" => Tag::VBP,
        "d" | "ll" => Tag::MD,
        "'" => Tag::CloseQuote,
        _ => return None,
    })
}

/// Sentences longer than this get no triples (see [`extract_doc`]).
pub const MAX_SENTENCE_BYTES: usize = 4000;

/// Tag every sentence of a document and extract its triples (normalized
/// byte offsets; `mentions` sorted, in the same frame).
pub fn extract_doc(
    tagger: &crate::pos::Tagger,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[crate::tag::Mention],
    all_clauses: bool,
) -> Vec<Triple> {
    use crate::tag::MentionKind;
    // about one triple per sentence: one allocation for most documents
    let mut out = Vec::with_capacity(sentences.len());
    let mut tags = Vec::new();
    let mut raw = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut actors: Vec<Span> = Vec::new();
    let mut names: Vec<Span> = Vec::new();
    let mut dates: Vec<Span> = Vec::new();
    let mut all_dates: Vec<Span> = Vec::new();
    let mut m = 0;
    for (si, s) in sentences.iter().enumerate() {
        actors.clear();
        names.clear();
        dates.clear();
        all_dates.clear();
        while m < mentions.len() && mentions[m].start < s.start {
            m += 1;
        }
        let mut k = m;
        while k < mentions.len() && mentions[k].start < s.end {
            let sp = Span {
                start: mentions[k].start,
                end: mentions[k].end,
            };
            match mentions[k].kind {
                MentionKind::Actor => {
                    actors.push(sp);
                    names.push(sp);
                }
                MentionKind::Place => names.push(sp),
                // A bare duration (`for 99 years`) does not situate a
                // clause; `two weeks later` does, and so do `recently`
                // (PAST_REF) and `now` (PRESENT_REF).
                MentionKind::Date => {
                    all_dates.push(sp);
                    let duration = mentions[k].value.as_deref().is_some_and(is_duration);
                    let anchored = || {
                        ["later", "after", "earlier", "ago"]
                            .iter()
                            .any(|w| text[sp.start..sp.end].contains(w))
                    };
                    if !duration || anchored() {
                        dates.push(sp);
                    }
                }
            }
            k += 1;
        }
        if actors.is_empty() && !all_clauses {
            continue;
        }
        // A "sentence" this long is a run-on without punctuation (a table,
        // a list pasted as one line): clause rules do not apply, and the
        // per-clause work would grow with the square of its length.
        if s.len() > MAX_SENTENCE_BYTES {
            continue;
        }
        let slice = &text[s.clone()];
        raw.clear();
        crate::pos::tokenize_into(slice, &mut raw);
        words.clear();
        words.extend(raw.iter().map(|t| t.as_str(slice)));
        tagger.tag(&words, &mut tags);
        toks.clear();
        let (mut ni, mut di) = (0, 0);
        for ((t, tag), &word) in raw.iter().zip(&tags).zip(&words) {
            let (start, end) = (s.start + t.start, s.start + t.end);
            // mentions and tokens are both in text order
            while ni < names.len() && names[ni].end <= start {
                ni += 1;
            }
            while di < all_dates.len() && all_dates[di].end <= start {
                di += 1;
            }
            let in_name = names.get(ni).is_some_and(|n| n.start < end);
            let in_date = all_dates.get(di).is_some_and(|n| n.start < end);
            toks.push(Tok {
                text: word,
                start,
                end,
                tag: *tag,
                in_name,
                in_date,
            });
        }
        join_split_clitics(text, &mut toks);
        repair::repair_present_tense(&mut toks);
        let first = out.len();
        extract(si, &toks, &actors, &dates, all_clauses, &mut out);
        // `date` indexes this sentence's dates: make it a mention index.
        for t in &mut out[first..] {
            if let Some(d) = t.date {
                let target = dates[d];
                // mentions before `m` start before the sentence
                t.date = mentions[m..]
                    .iter()
                    .position(|x| x.start == target.start && x.end == target.end)
                    .map(|i| m + i);
            }
        }
    }
    out
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
        extract(0, &t, &actors, &[], false, &mut out);
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
        // the actor of a reported clause makes its own triple, not the report's
        assert_eq!(
            run("Reports/NNS indicated/VBD that/IN @Iran/NNP supplied/VBD the/DT missiles/NNS ./."),
            ["Iran | supplied | the missiles"]
        );
        assert_eq!(
            run("@Turkey/NNP said/VBD that/IN @Iran/NNP supplied/VBD the/DT missiles/NNS ./."),
            [
                "Turkey | said | that Iran supplied the missiles",
                "Iran | supplied | the missiles"
            ]
        );
        // an actor before the reported clause counts
        assert_eq!(
            run(
                "It/PRP would/MD signal/VB to/IN @Xi/NNP that/IN coercion/NN has/VBZ a/DT price/NN ./."
            ),
            ["It | would signal to | Xi that coercion has a price [would]"]
        );
    }

    #[test]
    fn detached_clitics_are_joined() {
        // as the tokenizer leaves `Egypt 's port`, `it 's`: quote and
        // letter adjacent, a space before the quote
        let text: &'static str = "Egypt 's port it 's";
        let tok = |start: usize, end: usize, tag: &'static str| Tok {
            text: &text[start..end],
            start,
            end,
            tag: Tag::from_str(tag).expect("a Penn Treebank tag"),
            in_name: false,
            in_date: false,
        };
        let mut t = vec![
            tok(0, 5, "NNP"),
            tok(6, 7, "``"),
            tok(7, 8, "VBZ"),
            tok(9, 13, "NN"),
            tok(14, 16, "PRP"),
            tok(17, 18, "''"),
            tok(18, 19, "POS"),
        ];
        join_split_clitics(text, &mut t);
        let got: Vec<(&str, &str)> = t.iter().map(|x| (x.text, x.tag.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Egypt", "NNP"),
                ("'s", "POS"),
                ("port", "NN"),
                ("it", "PRP"),
                ("'s", "VBZ")
            ]
        );
    }

    #[test]
    fn clauses_without_an_actor_are_dropped() {
        assert!(run("The/DT deal/NN covered/VBD wheat/NN ./.").is_empty());
    }

    #[test]
    fn an_adjective_is_no_object_of_a_copula() {
        assert!(run("@Iran/NNP 's/POS hand/NN is/VBZ visible/JJ ./.").is_empty());
        assert!(run("@Israeli/JJ officials/NNS remain/VBP unconvinced/JJ ./.").is_empty());
        // a noun complement is one
        assert_eq!(
            run("@Russia/NNP was/VBD the/DT guarantor/NN ./."),
            ["Russia | was | the guarantor"]
        );
        assert_eq!(
            run("@Georgia/NNP is/VBZ a/DT key/JJ link/NN ./."),
            ["Georgia | is | a key link"]
        );
    }

    #[test]
    fn lists_of_names_make_one_subject() {
        assert_eq!(
            run("@Romania/NNP ,/, @Bulgaria/NNP and/CC @Turkey/NNP formed/VBD a/DT group/NN ./."),
            ["Romania , Bulgaria and Turkey | formed | a group"]
        );
        // not the end of a fronted clause
        assert_eq!(
            run("When/WRB @Russia/NNP invaded/VBD @Ukraine/NNP ,/, @Poland/NNP and/CC @Romania/NNP raised/VBD taxes/NNS ./.")
                .last()
                .map(String::as_str),
            Some("Poland and Romania | raised | taxes")
        );
        // not a fronted phrase
        assert_eq!(
            run(
                "In/IN @Syria/NNP ,/, @Russia/NNP and/CC @Turkey/NNP agreed/VBD on/IN a/DT truce/NN ./."
            ),
            ["Russia and Turkey | agreed on | a truce"]
        );
    }

    #[test]
    fn an_adverb_is_no_object() {
        assert!(run("@Israel/NNP will/MD strike/VB again/RB ./.").is_empty());
        assert!(run("@Israel/NNP would/MD act/VB alone/RB ./.").is_empty());
        assert_eq!(
            run("@HTS/NNP launched/VBD its/PRP$ offensive/JJ ./."),
            ["HTS | launched | its offensive"]
        );
    }

    #[test]
    fn along_joins_a_noun_phrase() {
        assert_eq!(
            run(
                "Saudi/JJ forces/NNS along/IN the/DT border/NN fired/VBD on/IN the/DT @Houthis/NNPS ./."
            ),
            ["Saudi forces along the border | fired on | the Houthis"]
        );
    }

    #[test]
    fn since_between_auxiliary_and_participle() {
        assert_eq!(
            run("@Moscow/NNP has/VBZ since/IN kept/VBN its/PRP$ side/NN ./."),
            ["Moscow | has since kept | its side"]
        );
    }
}
