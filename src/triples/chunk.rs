//! Chunks over tagged tokens: verb groups and noun-phrase extents.
//!
//! Tags are Penn Treebank tags. A token inside a gazetteer name counts as a
//! proper noun whatever its tag, so names fix noun phrases.

use crate::pos::Tag;

/// One token of a sentence.
#[derive(Clone, Copy, Debug)]
pub struct Tok<'a> {
    pub text: &'a str,
    /// Byte offsets in the normalized text.
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
    /// Inside an actor or place mention.
    pub in_name: bool,
    /// Inside a date mention.
    pub in_date: bool,
}

impl Tok<'_> {
    #[inline]
    pub fn lower_is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    /// `VB`, `VBD`, `VBG`, `VBN`, `VBP`, `VBZ` or `MD`, outside a name.
    #[inline]
    pub fn is_verb(&self) -> bool {
        !self.in_name
            && matches!(
                self.tag,
                Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ | Tag::MD
            )
    }

    pub fn is_noun(&self) -> bool {
        self.in_name
            || matches!(
                self.tag,
                Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS | Tag::PRP | Tag::CD | Tag::EX
            )
    }

    /// Can stand inside a noun phrase before its head.
    pub fn is_np_part(&self) -> bool {
        self.in_name
            || matches!(
                self.tag,
                Tag::DT
                    | Tag::PDT
                    | Tag::PRPS
                    | Tag::JJ
                    | Tag::JJR
                    | Tag::JJS
                    | Tag::CD
                    | Tag::NN
                    | Tag::NNS
                    | Tag::NNP
                    | Tag::NNPS
                    | Tag::POS
                    | Tag::HYPH
                    | Tag::PRP
                    | Tag::Dollar
                    | Tag::OpenQuote
                    | Tag::CloseQuote
            )
            || (self.tag == Tag::RB && matches!(self.text, "as" | "about" | "nearly" | "almost"))
    }

    pub fn is_negation(&self) -> bool {
        matches!(self.text, "not" | "n't" | "never" | "Never" | "Not" | "n’t")
    }
}

/// Words that join `be` to an infinitive in one verb chain (`is about to
/// restore`, `was unable to stop`, `are likely to resume`).
const BE_ADJ_TO: [&str; 9] = [
    "about", "able", "unable", "likely", "unlikely", "due", "ready", "willing", "eager",
];

/// Participles that work as prepositions (`following the fall`).
const PREPOSITION_PARTICIPLES: [&str; 8] = [
    "according",
    "following",
    "including",
    "regarding",
    "concerning",
    "excluding",
    "pending",
    "given",
];

/// Forms of `be` and `get` that make a passive with a past participle.
const BE_FORMS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "get", "got", "gets", "gotten",
];

/// Auxiliaries other than [`BE_FORMS`].
const AUX_FORMS: &[&str] = &[
    "have", "has", "had", "having", "do", "does", "did", "'ve", "'d",
];

/// Is `w` one of `forms`, ignoring ASCII case? (No lower-cased copy: this
/// runs for tokens of every verb group.)
fn is_one_of(w: &str, forms: &[&str]) -> bool {
    forms.iter().any(|f| w.eq_ignore_ascii_case(f))
}

/// Forms of `be` and `get` that make a passive with a past participle.
pub fn is_be(w: &str) -> bool {
    is_one_of(w, BE_FORMS)
}

/// Forms of `have`.
fn is_have(w: &str) -> bool {
    is_one_of(w, &["have", "has", "had", "having", "'ve", "'d"])
}

/// Auxiliaries (they may precede the content verb).
pub fn is_aux(w: &str) -> bool {
    is_be(w) || is_one_of(w, AUX_FORMS)
}

/// A verb group: modal, auxiliaries, negation, adverbs, the content verb, an
/// infinitival chain (`had to withdraw`, `chose to open`), a particle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbGroup {
    /// First and one-past-last token.
    pub start: usize,
    pub end: usize,
    /// The content verb (last verb of the group).
    pub head: usize,
    pub negated: bool,
    pub modal: Option<&'static str>,
    pub passive: bool,
    /// The group has a finite verb or modal (a clause of its own).
    pub finite: bool,
}

/// Modal forms (ASCII case ignored) and the modality they give.
const MODALS: &[(&str, &str)] = &[
    ("can", "can"),
    ("ca", "can"),
    ("could", "could"),
    ("may", "may"),
    ("might", "might"),
    ("must", "must"),
    ("should", "should"),
    ("would", "would"),
    ("'d", "would"),
    ("will", "will"),
    ("'ll", "will"),
    ("wo", "will"),
    ("shall", "will"),
];

fn modal_of(t: &Tok) -> Option<&'static str> {
    MODALS
        .iter()
        .find(|(form, _)| t.text.eq_ignore_ascii_case(form))
        .map(|&(_, m)| m)
}

fn is_adverb_in_group(t: &Tok) -> bool {
    t.tag == Tag::RB || t.tag == Tag::RBR || t.is_negation()
}

/// Find the verb groups of a sentence, left to right.
pub fn verb_groups(toks: &[Tok]) -> Vec<VerbGroup> {
    // about one group in eight tokens: one allocation for most sentences
    let mut out = Vec::with_capacity(toks.len() / 8 + 2);
    let mut i = 0;
    while i < toks.len() {
        // a group may open with its negation: `never implemented`, `no longer flows`
        let opens = toks[i].is_verb()
            || starts_with_no_longer(toks, i) && next_verb(toks, i + 2)
            || toks[i].lower_is("never") && next_finite_verb(toks, i + 1);
        if !opens || adjectival_participle(toks, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut head = None;
        let mut negated = false;
        let mut modal = None;
        let mut finite = false;
        loop {
            if j >= toks.len() {
                break;
            }
            let t = &toks[j];
            if starts_with_no_longer(toks, j) {
                negated = true;
                j += 2;
                continue;
            }
            let after_modal =
                modal.is_some() && head.is_some_and(|h: usize| toks[h].tag == Tag::MD);
            if after_modal && !t.in_name && matches!(t.tag, Tag::NN | Tag::JJ | Tag::NNP) {
                // `can no longer blockade`: a base verb the tagger read as a noun
                head = Some(j);
                j += 1;
                continue;
            }
            if t.is_verb() {
                if t.tag == Tag::MD {
                    modal = modal.or_else(|| modal_of(t));
                    finite = true;
                } else if matches!(t.tag, Tag::VBD | Tag::VBZ | Tag::VBP) {
                    finite = true;
                }
                head = Some(j);
                j += 1;
                continue;
            }
            // `has since January blocked`, `has in recent months expanded`: a
            // date between an auxiliary and its participle
            let date_next =
                t.in_date || t.tag == Tag::IN && toks.get(j + 1).is_some_and(|n| n.in_date);
            if date_next && head.is_some_and(|h| is_aux(toks[h].text)) {
                // past the preposition, then the date
                let mut k = if t.in_date { j } else { j + 1 };
                while k < toks.len() && toks[k].in_date {
                    k += 1;
                }
                // (not `was in January following the fall`: a participle
                // used as a preposition)
                if toks.get(k).is_some_and(|n| {
                    matches!(n.tag, Tag::VBN | Tag::VBD)
                        || n.tag == Tag::VBG
                            && !PREPOSITION_PARTICIPLES.iter().any(|w| n.lower_is(w))
                }) {
                    j = k;
                    continue;
                }
            }
            // `has since kept`: `since` as an adverb between have and a participle
            let since = t.lower_is("since")
                && toks.get(j + 1).is_some_and(|n| n.tag == Tag::VBN)
                && head.is_some_and(|h| is_have(toks[h].text));
            if (is_adverb_in_group(t) || since)
                && j + 1 < toks.len()
                && (toks[j + 1].is_verb()
                    || is_adverb_in_group(&toks[j + 1])
                    || starts_with_no_longer(toks, j + 1))
            {
                negated |= t.is_negation();
                j += 1;
                continue;
            }
            if t.is_negation() {
                negated = true;
                j += 1;
                continue;
            }
            // `is about to restore`, `was unable to stop`: an adjective
            // between `be` and an infinitive joins the chain.
            if toks.get(j + 1).is_some_and(|n| n.tag == Tag::TO)
                && toks.get(j + 2).is_some_and(|n| n.tag == Tag::VB)
                && BE_ADJ_TO.iter().any(|w| t.lower_is(w))
                && head.is_some_and(|h| is_be(toks[h].text))
            {
                j += 1;
                continue;
            }
            // An infinitival chain: `to` + base verb continues the group.
            if t.tag == Tag::TO
                && head.is_some()
                && j + 1 < toks.len()
                && toks[j + 1].tag == Tag::VB
            {
                j += 1;
                continue;
            }
            break;
        }
        let Some(h) = head else {
            i = j.max(i + 1);
            continue;
        };
        // A particle (`carried out`, `handed over`).
        let mut end = h + 1;
        if end < toks.len() && toks[end].tag == Tag::RP {
            end += 1;
        }
        let passive =
            toks[h].tag == Tag::VBN && toks[start..h].iter().any(|t| t.is_verb() && is_be(t.text));
        out.push(VerbGroup {
            start,
            end,
            head: h,
            negated,
            modal,
            passive,
            finite,
        });
        i = end.max(j);
    }
    out
}

/// A participle between a determiner or adjective and a noun modifies the
/// noun: `a revised constitution`, `a barnstorming professional team`.
fn adjectival_participle(toks: &[Tok], i: usize) -> bool {
    matches!(toks[i].tag, Tag::VBN | Tag::VBG)
        && i > 0
        && matches!(
            toks[i - 1].tag,
            Tag::DT | Tag::PRPS | Tag::JJ | Tag::JJS | Tag::CD
        )
        && toks
            .get(i + 1)
            .is_some_and(|n| matches!(n.tag, Tag::NN | Tag::NNS | Tag::JJ | Tag::NNP | Tag::NNPS))
}

#[inline]
fn starts_with_no_longer(toks: &[Tok], i: usize) -> bool {
    i + 1 < toks.len() && toks[i].lower_is("no") && toks[i + 1].lower_is("longer")
}

fn next_verb(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.is_verb())
}

/// Is token `i` a verb of a finite clause (past or present tense, or a
/// modal)? (`never implemented`, but not `never seen before`.)
fn next_finite_verb(toks: &[Tok], i: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| matches!(t.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD))
}

/// Prepositions that may join noun phrases into a longer one (`the commander
/// of the army`).
const NP_PREPS: &[&str] = &[
    "of", "in", "from", "for", "on", "at", "with", "between", "near", "under", "over", "along",
];

/// The start of the noun phrase ending at token `end` (inclusive), walking
/// left over modifiers, possessives, coordination inside the phrase
/// (`foreign and defense ministers`, `Turkey and Qatar`) and `of` chains.
pub fn np_start(toks: &[Tok], end: usize) -> usize {
    let mut s = end;
    let mut coordinated = false;
    loop {
        while s > 0 && toks[s - 1].is_np_part() {
            s -= 1;
        }
        // coordination: `X and Y` (not `X, and Y`: in briefs that joins
        // clauses far more often than names)
        if s >= 2
            && toks[s - 1].tag == Tag::CC
            && matches!(toks[s - 1].text, "and" | "or")
            && toks[s - 2].is_np_part()
        {
            s -= 1;
            coordinated = true;
            continue;
        }
        // a list of names before the coordination: `Romania, Bulgaria and
        // Turkey`, `the ministers of Russia, Iran and Turkey`; the list must
        // open where a phrase can (not the end of a fronted phrase or clause:
        // `In Syria, Russia and Turkey`, `When Russia invaded Ukraine,
        // Poland and Romania`, `Under pressure from Washington, Cairo and
        // Amman`)
        if coordinated
            && s >= 2
            && toks[s - 1].text == ","
            && matches!(toks[s - 2].tag, Tag::NNP | Tag::NNPS)
        {
            let mut u = s - 1;
            while u > 0 && toks[u - 1].is_np_part() {
                u -= 1;
            }
            let opens = u == 0
                || matches!(toks[u - 1].text, "," | ";" | ":" | "(" | "“" | "\"")
                || matches!(toks[u - 1].tag, Tag::CC | Tag::WDT | Tag::WP | Tag::WRB)
                || ["that", "because", "although", "though", "while", "if"]
                    .iter()
                    .any(|w| toks[u - 1].lower_is(w))
                || (u >= 2 && toks[u - 1].text == "of" && toks[u - 2].is_noun());
            if opens {
                s = u;
                continue;
            }
        }
        // `the commander of the army`
        if s >= 2
            && toks[s - 1].tag == Tag::IN
            && NP_PREPS.contains(&toks[s - 1].text)
            && toks[s - 2].is_noun()
        {
            s -= 1;
            continue;
        }
        break;
    }
    s
}

/// The start of the base noun phrase ending at `end` (modifiers only, no
/// coordination or `of` chains).
pub fn np_base_start(toks: &[Tok], end: usize) -> usize {
    let mut s = end;
    while s > 0 && toks[s - 1].is_np_part() {
        s -= 1;
    }
    s
}

/// The end (exclusive) of the noun phrase starting at `start`: modifiers up
/// to a head, with possessives and coordination inside.
pub fn np_end(toks: &[Tok], start: usize) -> usize {
    let mut e = start;
    while e < toks.len() && toks[e].is_np_part() {
        e += 1;
    }
    e
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Tokens from `word/TAG` pairs (names marked with a leading `@`).
    pub fn toks(s: &str) -> (String, Vec<Tok<'static>>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        for wt in s.split(' ') {
            let (w, t) = wt.rsplit_once('/').unwrap();
            let (name, w) = match w.strip_prefix('@') {
                Some(w) => (true, w),
                None => (false, w),
            };
            if !text.is_empty() {
                text.push(' ');
            }
            let st = text.len();
            text.push_str(w);
            let tag = Tag::from_str(t).expect("a Penn Treebank tag");
            spans.push((st, text.len(), tag, name));
        }
        let leaked: &'static str = Box::leak(text.clone().into_boxed_str());
        let v = spans
            .into_iter()
            .map(|(a, b, tag, in_name)| Tok {
                text: &leaked[a..b],
                start: a,
                end: b,
                tag,
                in_name,
                in_date: false,
            })
            .collect();
        (text, v)
    }

    fn groups(s: &str) -> Vec<(String, bool, Option<String>, bool)> {
        let (_, t) = toks(s);
        verb_groups(&t)
            .into_iter()
            .map(|g| {
                let words: Vec<&str> = t[g.start..g.end].iter().map(|x| x.text).collect();
                (
                    words.join(" "),
                    g.negated,
                    g.modal.map(String::from),
                    g.passive,
                )
            })
            .collect()
    }

    #[test]
    fn verb_groups_with_aux_negation_modals_chains() {
        assert_eq!(
            groups("Moscow/NNP could/MD not/RB have/VB withdrawn/VBN its/PRP$ ships/NNS"),
            [(
                "could not have withdrawn".into(),
                true,
                Some("could".into()),
                false
            )]
        );
        assert_eq!(
            groups("Russia/NNP had/VBD to/TO withdraw/VB"),
            [("had to withdraw".into(), false, None, false)]
        );
        assert_eq!(
            groups("The/DT deal/NN was/VBD brokered/VBN by/IN Oman/NNP"),
            [("was brokered".into(), false, None, true)]
        );
        assert_eq!(
            groups("Israel/NNP carried/VBD out/RP a/DT strike/NN"),
            [("carried out".into(), false, None, false)]
        );
        assert_eq!(
            groups("Egypt/NNP no/DT longer/RB expects/VBZ aid/NN"),
            [("no longer expects".into(), true, None, false)]
        );
    }

    #[test]
    fn participles_inside_a_noun_phrase_are_not_verbs() {
        assert_eq!(
            groups("Kyiv/NNP adopted/VBD a/DT revised/VBN defense/NN plan/NN"),
            [("adopted".into(), false, None, false)]
        );
        assert_eq!(
            groups("They/PRP were/VBD a/DT barnstorming/VBG professional/JJ team/NN"),
            [("were".into(), false, None, false)]
        );
    }

    #[test]
    fn noun_phrase_extents() {
        let (_, t) =
            toks("Syria/NNP 's/POS foreign/JJ and/CC defense/NN ministers/NNS traveled/VBD");
        assert_eq!(np_start(&t, 5), 0);
        let (_, t) =
            toks("the/DT commander/NN of/IN the/DT @Libyan/NNP @National/NNP @Army/NNP offers/VBZ");
        assert_eq!(np_start(&t, 6), 0);
        assert_eq!(np_end(&t, 3), 7);
    }
}
