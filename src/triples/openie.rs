//! Open IE refinements of a sentence's triples, for `--all-clauses` only
//! (the guide's triples for briefs are left as they are):
//!
//! - verbs that found no subject before them get one from the sentence: a
//!   reporting verb after its quote (`"...," said the minister.`), an
//!   opening participle (`Having returned to X, they ...`), a verb after an
//!   adverb (`..., carefully measured the wall`);
//! - coordinated verbs share a following object: `traders buy and sell
//!   stocks` gives `traders | buy | stocks` too;
//! - an opening prepositional phrase with no comma leaves the subject
//!   (`In 1717 Lady Mary observed` → `Lady Mary`);
//! - adverbs, a predicate adjective and a preposition around the verb, and
//!   a `that` before a clause, belong to the relation: `often refers to`,
//!   `relies heavily on`, `is subject to`, `indicated that`;
//! - a reporting verb after its quote (`..., the minister said.`) takes the
//!   quote as its object;
//! - a clause without an object or complement is dropped, as in the
//!   guide's triples.
//!
//! The triples come in as byte spans; tokens are found back by binary
//! search, so each step is linear in the sentence (times a log).

use std::ops::Range;

use super::chunk::{Tok, VerbGroup, np_end};
use super::{Phrase, Triple, lemma};
use crate::pos::Tag;

/// Refine the triples `out[first..]` of one sentence, whose verb groups
/// are `groups`.
pub fn refine(toks: &[Tok], groups: &[VerbGroup], out: &mut Vec<Triple>, first: usize) {
    if toks.is_empty() {
        return;
    }
    orphan_verbs(toks, groups, out, first);
    share_objects(toks, &mut out[first..]);
    for t in &mut out[first..] {
        trim_trailing_adverbs(toks, t);
        drop_fronted_phrase(toks, t);
        extend_relation(toks, t);
        quote_object(toks, t);
    }
    // As for the guide's triples, a clause needs an object or complement:
    // CaRB's gold gives nearly every clause one, and a bare `X | was
    // developed` pairs with none of it.
    // (Only this sentence's triples are visited: `out` holds the whole
    // document's.)
    let mut w = first;
    for r in first..out.len() {
        if out[r].object.is_some() {
            out.swap(w, r);
            w += 1;
        }
    }
    out.truncate(w);
}

/// Verb groups that got no triple because no subject was found before
/// them, where the sentence gives one elsewhere:
///
/// - a reporting verb after its quote, with the speaker after it (`"...,"
///   said the minister.`);
/// - an opening participle (`Having returned to X, they gained ...`,
///   `Upon leaving X, the river enters ...`), whose subject is the main
///   clause's;
/// - a verb after a comma or `and` and an adverb (`..., carefully measured
///   the wall`), whose subject is the previous clause's.
fn orphan_verbs(toks: &[Tok], groups: &[VerbGroup], out: &mut Vec<Triple>, first: usize) {
    for (gi, g) in groups.iter().enumerate() {
        let at = toks[g.start].start;
        let existing = (first..out.len()).find(|&k| out[k].action.start == at);
        // `..., said the minister`: the main rules read the quote's subject
        // as a shared one and the speaker as the object; the speaker wins.
        let report = inverted_report(toks, g);
        if let Some((subject, object)) = report.clone() {
            if let Some(k) = existing {
                out[k].subject = phrase(toks, subject);
                out[k].action = phrase(toks, g.start..g.end);
                out[k].object = object.map(|o| phrase(toks, o));
                continue;
            }
        } else if existing.is_some() {
            continue;
        }
        let next = groups.get(gi + 1).map_or(toks.len(), |n| n.start);
        let found = report
            .or_else(|| opening_participle(toks, g, groups.get(gi + 1), &out[first..]))
            .or_else(|| after_adverb(toks, g, &out[first..]));
        let Some((subject, object)) = found else {
            continue;
        };
        let (a_end, object) = match object {
            Some(o) => (g.end, Some(o)),
            None => plain_object(toks, g.end, next),
        };
        out.push(Triple {
            sentence: out.get(first).map_or(0, |t| t.sentence),
            subject: phrase(toks, subject),
            action: phrase(toks, g.start..a_end),
            action_head: phrase(toks, g.head..g.head + 1),
            lemma: lemma::verb_lemma(toks[g.head].text),
            object: object.map(|o| phrase(toks, o)),
            negated: g.negated,
            modality: g.modal.map(String::from),
            passive: g.passive,
            date: None,
            confidence: 0.4,
            implicit: false,
        });
    }
}

/// The object of a verb ending at `from`: a linking preposition joins the
/// action, then the words up to a comma, a clause end or the next verb.
/// Gives the action's end and the object.
fn plain_object(toks: &[Tok], from: usize, next: usize) -> (usize, Option<Range<usize>>) {
    let mut a_end = from;
    let mut s = from;
    if toks
        .get(s)
        .is_some_and(|t| matches!(t.tag, Tag::IN | Tag::TO) && t.text != "that")
    {
        a_end += 1;
        s += 1;
    }
    let mut e = s;
    while e < toks.len() && e < next && !matches!(toks[e].text, "," | ";" | ":" | "." | "--") {
        e += 1;
    }
    while e > s
        && matches!(
            toks[e - 1].tag,
            Tag::IN | Tag::TO | Tag::DT | Tag::CC | Tag::OpenQuote | Tag::CloseQuote
        )
    {
        e -= 1;
    }
    if e == s {
        return (from, None);
    }
    (a_end, Some(s..e))
}

/// `"QUOTE," said the minister.`: the speaker after the verb, the quote
/// before the comma.
fn inverted_report(toks: &[Tok], g: &VerbGroup) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let mut c = g.start;
    while c > 0 && matches!(toks[c - 1].tag, Tag::CloseQuote | Tag::OpenQuote) {
        c -= 1;
    }
    // the comma first: the lemma costs more
    if c < 2 || toks[c - 1].text != "," || !reports(&lemma::verb_lemma(toks[g.head].text)) {
        return None;
    }
    let mut e = np_end(toks, g.end);
    if e == g.end || !toks[e - 1].is_noun() {
        return None;
    }
    // `, president of the company,` after the name stays out
    while e + 1 < toks.len() && toks[e].text == "of" {
        let e2 = np_end(toks, e + 1);
        if e2 == e + 1 {
            break;
        }
        e = e2;
    }
    // the speaker ends the sentence or is followed by an appositive
    if toks
        .get(e)
        .is_some_and(|t| !matches!(t.text, "," | "." | "!" | "?"))
    {
        return None;
    }
    let quote = quote_before(toks, c - 1)?;
    Some((g.end..e, Some(quote)))
}

/// The sentence up to the comma at `comma`, without quotes at its edges.
fn quote_before(toks: &[Tok], comma: usize) -> Option<Range<usize>> {
    let mut start = 0;
    while start < comma && matches!(toks[start].tag, Tag::OpenQuote | Tag::CloseQuote) {
        start += 1;
    }
    let mut end = comma;
    while end > start
        && matches!(
            toks[end - 1].tag,
            Tag::CloseQuote | Tag::OpenQuote | Tag::Comma
        )
    {
        end -= 1;
    }
    (end > start).then_some(start..end)
}

/// Prepositions that open a participle clause (`Upon leaving X, ...`).
fn opens_participle(t: &Tok) -> bool {
    matches!(
        t.text.to_ascii_lowercase().as_str(),
        "after" | "before" | "upon" | "on" | "while" | "when" | "by" | "since" | "despite"
    )
}

/// `Having returned to X, they gained ...`: the subject of the first
/// clause after the participle's comma.
fn opening_participle(
    toks: &[Tok],
    g: &VerbGroup,
    next: Option<&VerbGroup>,
    ts: &[Triple],
) -> Option<(Range<usize>, Option<Range<usize>>)> {
    if !matches!(toks[g.head].tag, Tag::VBG | Tag::VBN) || g.finite {
        return None;
    }
    if !(g.start == 0 || g.start == 1 && opens_participle(&toks[0])) {
        return None;
    }
    // participles that work as prepositions: `Following the war, ...`
    let head = toks[g.head].text.to_ascii_lowercase();
    if matches!(
        head.as_str(),
        "following" | "according" | "including" | "regarding" | "concerning" | "given" | "based"
    ) {
        return None;
    }
    // the participle's phrase ends at the first comma, before any other verb
    let comma = (g.end..toks.len()).find(|&k| toks[k].text == ",")?;
    if next.is_some_and(|n| n.start < comma) {
        return None;
    }
    let after = toks.get(comma + 1)?.start;
    let main = ts
        .iter()
        .find(|t| t.subject.start >= after && !t.implicit)?;
    let subject = span(toks, &main.subject)?;
    Some((subject, None))
}

/// `X showed up, carefully measured ...`: a verb after `,`/`and` and
/// adverbs takes the subject of the clause before.
fn after_adverb(
    toks: &[Tok],
    g: &VerbGroup,
    ts: &[Triple],
) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let mut s = g.start;
    while s > 0 && matches!(toks[s - 1].tag, Tag::RB | Tag::RBR) {
        s -= 1;
    }
    if s == g.start || s == 0 || !(toks[s - 1].tag == Tag::CC || toks[s - 1].text == ",") {
        return None;
    }
    let at = toks[s - 1].start;
    let prev = ts
        .iter()
        .rev()
        .find(|t| t.action.start < at && !t.implicit)?;
    Some((span(toks, &prev.subject)?, None))
}

/// The token that starts at byte `b`.
fn tok_starting(toks: &[Tok], b: usize) -> Option<usize> {
    toks.binary_search_by(|t| t.start.cmp(&b)).ok()
}

/// One past the token that ends at byte `b`.
fn tok_ending(toks: &[Tok], b: usize) -> Option<usize> {
    toks.binary_search_by(|t| t.end.cmp(&b)).ok().map(|i| i + 1)
}

fn span(toks: &[Tok], p: &Phrase) -> Option<Range<usize>> {
    Some(tok_starting(toks, p.start)?..tok_ending(toks, p.end)?)
}

fn phrase(toks: &[Tok], r: Range<usize>) -> Phrase {
    Phrase {
        start: toks[r.start].start,
        end: toks[r.end - 1].end,
    }
}

/// `visited the site, carefully measured ...`: adverbs after a comma at
/// the end of an object go with the next verb.
fn trim_trailing_adverbs(toks: &[Tok], t: &mut Triple) {
    let Some(o) = t.object.as_ref().and_then(|o| span(toks, o)) else {
        return;
    };
    let mut e = o.end;
    while e > o.start && matches!(toks[e - 1].tag, Tag::RB | Tag::RBR) {
        e -= 1;
    }
    if e < o.end && e > o.start + 1 && toks[e - 1].text == "," {
        t.object = Some(phrase(toks, o.start..e - 1));
    }
}

/// `X buy and sell stocks`: a verb with no object right before `and` +
/// a verb with one shares it.
fn share_objects(toks: &[Tok], ts: &mut [Triple]) {
    for k in 0..ts.len().saturating_sub(1) {
        if ts[k].object.is_some() || ts[k].implicit {
            continue;
        }
        let Some(a) = tok_ending(toks, ts[k].action.end) else {
            continue;
        };
        let coordinated = toks
            .get(a)
            .is_some_and(|t| t.tag == Tag::CC && matches!(t.text, "and" | "or"));
        if !coordinated {
            continue;
        }
        let next = toks.get(a + 1).map(|t| t.start);
        if let Some(m) = (k + 1..ts.len()).find(|&m| Some(ts[m].action.start) == next) {
            ts[k].object = ts[m].object.clone();
        }
    }
}

/// Adverbs before the verb (`often refers`), and adverbs or an adjective
/// and then a preposition after it (`relies heavily on`, `is subject to`,
/// `were located close to`), move into the relation.
fn extend_relation(toks: &[Tok], t: &mut Triple) {
    let (Some(a), Some(subj_end)) = (
        tok_starting(toks, t.action.start),
        tok_ending(toks, t.subject.end),
    ) else {
        return;
    };
    let mut s = a;
    while s > subj_end && matches!(toks[s - 1].tag, Tag::RB | Tag::RBR) && !toks[s - 1].in_name {
        s -= 1;
    }
    if s < a {
        t.action.start = toks[s].start;
    }
    let Some(o) = t.object.as_ref().and_then(|o| span(toks, o)) else {
        return;
    };
    let Some(a_end) = tok_ending(toks, t.action.end) else {
        return;
    };
    if o.start != a_end || toks[a_end - 1].tag == Tag::IN {
        return;
    }
    // `indicated that | X ...`: the complementizer joins the relation
    if toks[o.start].lower_is("that") && toks[o.start].tag == Tag::IN && o.start + 1 < o.end {
        t.action.end = toks[o.start].end;
        t.object = Some(phrase(toks, o.start + 1..o.end));
        return;
    }
    let mut k = o.start;
    while k < o.end && matches!(toks[k].tag, Tag::RB | Tag::RBR) {
        k += 1;
    }
    // a predicate adjective only after a form of be
    let copula = super::chunk::is_be(toks[a_end - 1].text) || toks[a_end - 1].tag == Tag::VBN;
    if k < o.end && copula && matches!(toks[k].tag, Tag::JJ | Tag::JJR) && k == o.start {
        k += 1;
    }
    let prep = toks
        .get(k)
        .is_some_and(|p| matches!(p.tag, Tag::IN | Tag::TO) && p.text != "that");
    if k > o.start && k + 1 < o.end && prep && np_end(toks, k + 1) > k + 1 {
        t.action.end = toks[k].end;
        t.object = Some(phrase(toks, k + 1..o.end));
    }
}

/// `In 1717 Lady Mary observed ...`, `During the 1730s Britain's trade
/// declined`: with no comma after an opening prepositional phrase, the
/// subject phrase runs into it. The subject starts where a new noun phrase
/// does: a name after a number or a common noun, or a determiner after a
/// noun.
fn drop_fronted_phrase(toks: &[Tok], t: &mut Triple) {
    let Some(s) = span(toks, &t.subject) else {
        return;
    };
    let opener = s.start > 0 && toks[s.start - 1].tag == Tag::IN && {
        let p = s.start - 1;
        p == 0 || (p == 1 && toks[0].tag == Tag::RB)
    };
    if !opener {
        return;
    }
    let starts_np = |k: usize| {
        let (a, b) = (&toks[k - 1], &toks[k]);
        let name = |t: &Tok| matches!(t.tag, Tag::NNP | Tag::NNPS);
        (name(b) && !name(a) && matches!(a.tag, Tag::CD | Tag::NN | Tag::NNS))
            || (matches!(b.tag, Tag::DT | Tag::PDT | Tag::PRPS) && a.is_noun())
    };
    if let Some(k) = (s.start + 1..s.end).find(|&k| starts_np(k)) {
        t.subject = phrase(toks, k..s.end);
    }
}

/// Verbs that report speech or thought.
fn reports(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "add"
            | "note"
            | "warn"
            | "explain"
            | "argue"
            | "report"
            | "write"
            | "insist"
            | "claim"
            | "assert"
            | "think"
            | "believe"
            | "predict"
            | "caution"
            | "promise"
            | "acknowledge"
            | "concede"
            | "observe"
    )
}

/// `QUOTE, the minister said.` / `QUOTE, says the minister.`: a reporting
/// verb at the end of its sentence, with no object, takes the quote before
/// the comma as its object.
fn quote_object(toks: &[Tok], t: &mut Triple) {
    if t.object.is_some() || !reports(&t.lemma) {
        return;
    }
    let (Some(s), Some(a), Some(a_end)) = (
        tok_starting(toks, t.subject.start),
        tok_starting(toks, t.action.start),
        tok_ending(toks, t.action.end),
    ) else {
        return;
    };
    let ends_sentence = |k: usize| {
        toks.get(k)
            .is_none_or(|t| matches!(t.text, "." | "!" | "?"))
    };
    // the quote ends at the comma before the clause: `, the minister said`
    // or, inverted, `, says the minister`
    let comma = if s < a && ends_sentence(a_end) {
        s
    } else if a < s && ends_sentence(tok_ending(toks, t.subject.end).unwrap_or(0)) {
        a
    } else {
        return;
    };
    let mut c = comma;
    while c > 0 && matches!(toks[c - 1].tag, Tag::CloseQuote | Tag::OpenQuote) {
        c -= 1;
    }
    if c == 0 || toks[c - 1].text != "," {
        return;
    }
    let mut start = 0;
    while start < c && matches!(toks[start].tag, Tag::OpenQuote | Tag::CloseQuote) {
        start += 1;
    }
    let mut end = c - 1;
    while end > start
        && matches!(
            toks[end - 1].tag,
            Tag::CloseQuote | Tag::OpenQuote | Tag::Comma
        )
    {
        end -= 1;
    }
    if end > start {
        t.object = Some(phrase(toks, start..end));
    }
}

#[cfg(test)]
mod tests {
    use super::super::chunk::tests::toks;
    use super::super::extract;

    fn run(s: &str) -> Vec<String> {
        let (text, t) = toks(s);
        let mut out = Vec::new();
        extract(0, &t, &[], &[], true, &mut out);
        out.iter()
            .map(|tr| {
                let o = tr.object.as_ref().map_or("-", |o| &text[o.start..o.end]);
                format!(
                    "{} | {} | {}",
                    &text[tr.subject.start..tr.subject.end],
                    &text[tr.action.start..tr.action.end],
                    o
                )
            })
            .collect()
    }

    #[test]
    fn coordinated_verbs_share_the_object() {
        assert_eq!(
            run("Traders/NNS buy/VBP and/CC sell/VBP bonds/NNS ./."),
            ["Traders | buy | bonds", "Traders | sell | bonds"]
        );
    }

    #[test]
    fn adverbs_and_prepositions_join_the_relation() {
        assert_eq!(
            run("The/DT plan/NN often/RB relies/VBZ heavily/RB on/IN loans/NNS ./."),
            ["The plan | often relies heavily on | loans"]
        );
        assert_eq!(
            run("The/DT sale/NN is/VBZ subject/JJ to/TO approval/NN ./."),
            ["The sale | is subject to | approval"]
        );
    }

    #[test]
    fn reporting_verb_after_the_quote() {
        assert_eq!(
            run("Prices/NNS will/MD rise/VB ,/, the/DT minister/NN said/VBD ./."),
            ["the minister | said | Prices will rise"]
        );
        assert_eq!(
            run("Prices/NNS will/MD rise/VB ,/, said/VBD the/DT minister/NN ./."),
            ["the minister | said | Prices will rise"]
        );
    }

    #[test]
    fn opening_participle_takes_the_main_subject() {
        assert_eq!(
            run("Having/VBG left/VBN Kabul/NNP ,/, the/DT envoys/NNS flew/VBD to/IN Doha/NNP ./."),
            [
                "the envoys | flew to | Doha",
                "the envoys | Having left | Kabul"
            ]
        );
    }

    #[test]
    fn verb_after_an_adverb_takes_the_previous_subject() {
        assert_eq!(
            run(
                "Inspectors/NNS visited/VBD the/DT site/NN ,/, carefully/RB measured/VBD the/DT walls/NNS ./."
            ),
            [
                "Inspectors | visited | the site",
                "Inspectors | carefully measured | the walls"
            ]
        );
    }

    #[test]
    fn opening_phrase_without_comma_leaves_the_subject() {
        assert_eq!(
            run("In/IN 1990/CD Acme/NNP Corp./NNP bought/VBD the/DT mill/NN ./."),
            ["Acme Corp. | bought | the mill"]
        );
    }

    #[test]
    fn that_before_a_clause_joins_the_relation() {
        assert_eq!(
            run("Tests/NNS indicated/VBD that/IN the/DT dam/NN leaks/VBZ ./."),
            ["Tests | indicated that | the dam leaks"]
        );
    }

    #[test]
    fn clauses_without_an_object_are_dropped() {
        assert!(run("The/DT dam/NN collapsed/VBD ./.").is_empty());
    }
}
