//! The shipped part-of-speech model on sentences in the brief genre (training
//! is not run here).

use briefx::pos::{Tag, Tagger, sentence_ranges, tokenize};

fn tagger() -> Option<Tagger> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pos/en_ewt.postag");
    let bytes = std::fs::read(path).expect("the shipped model is in the repository");
    Some(Tagger::from_bytes(&bytes).expect("model loads"))
}

/// Tags `text` and returns (word, tag) pairs.
fn tag(t: &Tagger, text: &str) -> Vec<(String, Tag)> {
    let toks = tokenize(text);
    let mut sents = Vec::new();
    sentence_ranges(text, &toks, &mut sents);
    let mut out = Vec::new();
    let mut tags = Vec::new();
    for r in sents {
        let words: Vec<&str> = toks[r].iter().map(|t| t.as_str(text)).collect();
        t.tag(&words, &mut tags);
        out.extend(
            words
                .iter()
                .map(|w| w.to_string())
                .zip(tags.iter().copied()),
        );
    }
    out
}

fn tag_of(tagged: &[(String, Tag)], word: &str) -> Tag {
    tagged
        .iter()
        .find(|(w, _)| w == word)
        .unwrap_or_else(|| panic!("{word} not in {tagged:?}"))
        .1
}

#[test]
fn brief_genre_sentences() {
    let Some(t) = tagger() else {
        eprintln!("model/en_ewt.postag missing; skipped");
        return;
    };
    let s = tag(
        &t,
        "Moscow signaled its readiness to withdraw from Khmeimim air base.",
    );
    assert_eq!(tag_of(&s, "signaled"), Tag::VBD);
    assert_eq!(tag_of(&s, "its"), Tag::PRPS);
    assert_eq!(tag_of(&s, "withdraw"), Tag::VB);

    let s = tag(&t, "The deal was brokered by Oman in early October.");
    assert_eq!(tag_of(&s, "was"), Tag::VBD);
    assert_eq!(tag_of(&s, "brokered"), Tag::VBN);
    assert_eq!(tag_of(&s, "Oman"), Tag::NNP);

    let s = tag(
        &t,
        "Sanctions imposed on Tehran were eased after the deal was signed.",
    );
    assert_eq!(tag_of(&s, "eased"), Tag::VBN);
    assert_eq!(tag_of(&s, "signed"), Tag::VBN);

    let s = tag(&t, "Russian forces may withdraw by May, officials said.");
    assert_eq!(tag_of(&s, "may"), Tag::MD);
    assert_eq!(tag_of(&s, "May"), Tag::NNP);

    let s = tag(&t, "Protesters will march on the capital in March.");
    assert_eq!(tag_of(&s, "march"), Tag::VB);
    assert_eq!(tag_of(&s, "March"), Tag::NNP);

    let s = tag(
        &t,
        "Iran’s foreign minister said the agreement wasn’t binding.",
    );
    assert_eq!(tag_of(&s, "’s"), Tag::POS);
    assert_eq!(tag_of(&s, "n’t"), Tag::RB);
}
