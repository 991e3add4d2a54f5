//! Present-tense verbs the part-of-speech tagger reads as nouns, adverbs or
//! adjectives in briefs' prose (`Bahrain hosts/NNS the headquarters`, `Oman
//! and Qatar occupy/RB a niche`, `his government still buys/JJ wheat`): the
//! tagger learned from web text, where such verbs after a name are rarer.
//!
//! A word is retagged as a verb only when everything around it says so: it
//! is a verb form in the lexicon (`verbs.tsv`, from lemminflect), a subject
//! that agrees with it ends right before it (past adverbs such as `still`),
//! an object follows, and its clause has no other finite verb.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::chunk::{Tok, np_start};
use crate::gazetteer::Fnv;
use crate::pos::Tag;

/// A present-tense form of a verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// `host`: with a plural subject (VBP).
    Base,
    /// `hosts`: with a singular subject (VBZ).
    Third,
}

/// Verb forms by word, from `verbs.tsv` (`base TAB third person`).
fn lexicon() -> &'static HashMap<&'static str, Form, BuildHasherDefault<Fnv>> {
    static L: OnceLock<HashMap<&'static str, Form, BuildHasherDefault<Fnv>>> = OnceLock::new();
    L.get_or_init(|| {
        let mut m = HashMap::default();
        for line in include_str!("verbs.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((base, third)) = line.split_once('\t') {
                m.entry(base).or_insert(Form::Base);
                m.entry(third).or_insert(Form::Third);
            }
        }
        m
    })
}

/// Adverbs and particles that are also verbs in the lexicon (`still`,
/// `further`, `near`): as adverbs they are far more frequent, so an
/// adverb-tagged one is left alone.
const ADVERBS: [&str; 30] = [
    "about", "again", "along", "around", "back", "better", "close", "down", "early", "even", "far",
    "fast", "forward", "further", "hard", "high", "home", "just", "late", "long", "low", "near",
    "off", "out", "over", "right", "round", "still", "through", "up",
];

/// Does a clause end (or start) at token `t`?
fn boundary(t: &Tok) -> bool {
    matches!(
        t.text,
        "," | ";" | ":" | "(" | ")" | "—" | "–" | "\"" | "“" | "”"
    ) || matches!(t.tag, Tag::WDT | Tag::WP | Tag::WRB)
        || [
            "that", "if", "because", "although", "though", "while", "whereas", "unless",
        ]
        .iter()
        .any(|w| t.lower_is(w))
}

fn finite(t: &Tok) -> bool {
    matches!(t.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD)
}

/// Whether the clause around tokens `from..=to` has another verb: a finite
/// one before them, any after them (`border guards exchanged/VBN fire`: the
/// tagger's participle may be the clause's verb).
fn clause_has_verb(toks: &[Tok], from: usize, to: usize) -> bool {
    let mut before = toks[..from].iter().rev().take_while(|t| !boundary(t));
    // (up to a coordination: `man checkpoints ... and dominate the trades`)
    let mut after = toks[to + 1..]
        .iter()
        .take_while(|t| !boundary(t) && t.tag != Tag::CC);
    before.any(finite) || after.any(|t| t.is_verb())
}

/// Retags present-tense verbs misread as NN, NNS, RB or JJ (see the module
/// documentation).
pub fn repair_present_tense(toks: &mut [Tok]) {
    for i in 1..toks.len() {
        let t = &toks[i];
        if !matches!(t.tag, Tag::NN | Tag::NNS | Tag::RB | Tag::JJ)
            || t.in_name
            || t.in_date
            || !t.text.bytes().all(|b| b.is_ascii_lowercase())
        {
            continue;
        }
        let object_follows = toks
            .get(i + 1)
            .is_some_and(|n| n.is_np_part() || n.tag == Tag::IN && n.lower_is("that"));
        if !object_follows {
            continue;
        }
        // the subject's head, past adverbs (`still hosts`)
        let mut j = i;
        while j > 0 && toks[j - 1].tag == Tag::RB && !toks[j - 1].is_negation() {
            j -= 1;
        }
        let Some(h) = j.checked_sub(1) else { continue };
        let head = &toks[h];
        if !matches!(
            head.tag,
            Tag::NNS | Tag::NNPS | Tag::NN | Tag::NNP | Tag::PRP
        ) {
            continue;
        }
        // the lexicon last: it is the dearest test
        if t.tag == Tag::RB && ADVERBS.contains(&t.text) {
            continue;
        }
        let Some(&form) = lexicon().get(t.text) else {
            continue;
        };
        let plural = match head.tag {
            Tag::NNS | Tag::NNPS => true,
            Tag::NN | Tag::NNP => (np_start(toks, h)..h).any(|k| toks[k].lower_is("and")),
            Tag::PRP if ["they", "we"].iter().any(|w| head.lower_is(w)) => true,
            Tag::PRP if ["he", "she", "it"].iter().any(|w| head.lower_is(w)) => false,
            _ => continue,
        };
        // a common noun before a plural noun is most often a compound
        // (`stock markets`); after a name it is a verb (`Bahrain hosts`)
        let compound = toks[i].tag == Tag::NNS && matches!(head.tag, Tag::NN | Tag::NNS);
        if plural != (form == Form::Base) || compound || clause_has_verb(toks, h, i) {
            continue;
        }
        toks[i].tag = if plural { Tag::VBP } else { Tag::VBZ };
    }
}

#[cfg(test)]
mod tests {
    use super::super::chunk::tests::toks;
    use super::*;

    fn repaired(s: &str) -> Vec<String> {
        let (_, mut t) = toks(s);
        repair_present_tense(&mut t);
        t.iter().map(|x| format!("{}/{}", x.text, x.tag)).collect()
    }

    #[test]
    fn misread_present_tense_verbs_are_repaired() {
        assert_eq!(
            repaired("Bahrain/NNP hosts/NNS the/DT headquarters/NN"),
            ["Bahrain/NNP", "hosts/VBZ", "the/DT", "headquarters/NN"]
        );
        assert_eq!(
            repaired("Oman/NNP and/CC Qatar/NNP occupy/RB a/DT niche/NN"),
            [
                "Oman/NNP",
                "and/CC",
                "Qatar/NNP",
                "occupy/VBP",
                "a/DT",
                "niche/NN"
            ]
        );
        assert_eq!(
            repaired("his/PRP$ government/NN still/RB buys/JJ Russian/JJ wheat/NN"),
            [
                "his/PRP$",
                "government/NN",
                "still/RB",
                "buys/VBZ",
                "Russian/JJ",
                "wheat/NN"
            ]
        );
    }

    #[test]
    fn nouns_stay_nouns() {
        // the clause has its verb
        assert_eq!(
            repaired("US/NNP strikes/NNS hit/VBD the/DT port/NN"),
            ["US/NNP", "strikes/NNS", "hit/VBD", "the/DT", "port/NN"]
        );
        // no object after it
        assert_eq!(
            repaired("the/DT US/NNP strikes/NNS on/IN Iran/NNP"),
            ["the/DT", "US/NNP", "strikes/NNS", "on/IN", "Iran/NNP"]
        );
        // a compound: `stock markets worldwide`
        assert_eq!(
            repaired("Stock/NN markets/NNS worldwide/JJ rise/NN"),
            ["Stock/NN", "markets/NNS", "worldwide/JJ", "rise/NN"]
        );
        // the subject does not agree: `the Houthis attacks ...` is no clause
        assert_eq!(
            repaired("Houthi/NNP fighters/NNS strikes/NNS the/DT port/NN"),
            [
                "Houthi/NNP",
                "fighters/NNS",
                "strikes/NNS",
                "the/DT",
                "port/NN"
            ]
        );
    }
}
