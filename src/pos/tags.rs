//! Tag sets: Penn Treebank XPOS tags (with the EWT additions) and UD UPOS tags.

use std::fmt;

macro_rules! tag_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $s:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// All values, in declaration order (`ALL[t as usize] == t`).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The tag as written in CoNLL-U / the Penn Treebank.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }

            /// Parses the tag as written in CoNLL-U; `None` for an unknown string.
            #[allow(clippy::should_implement_trait)]
            pub fn from_str(s: &str) -> Option<$name> {
                match s {
                    $($s => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The tag from its index (`t as u8`); `None` when out of range.
            pub fn from_index(i: u8) -> Option<$name> {
                Self::ALL.get(i as usize).copied()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tag_enum! {
    /// A Penn Treebank part-of-speech tag (the XPOS column of UD English EWT).
    ///
    /// Includes the EWT additions `ADD` (address), `AFX` (affix), `GW` (goes-with),
    /// `HYPH` (hyphen) and `NFP` (non-final punctuation).
    Tag {
        /// Coordinating conjunction.
        CC => "CC",
        /// Cardinal number.
        CD => "CD",
        /// Determiner.
        DT => "DT",
        /// Existential *there*.
        EX => "EX",
        /// Foreign word.
        FW => "FW",
        /// Preposition or subordinating conjunction.
        IN => "IN",
        /// Adjective.
        JJ => "JJ",
        /// Adjective, comparative.
        JJR => "JJR",
        /// Adjective, superlative.
        JJS => "JJS",
        /// List item marker.
        LS => "LS",
        /// Modal.
        MD => "MD",
        /// Noun, singular or mass.
        NN => "NN",
        /// Noun, plural.
        NNS => "NNS",
        /// Proper noun, singular.
        NNP => "NNP",
        /// Proper noun, plural.
        NNPS => "NNPS",
        /// Predeterminer.
        PDT => "PDT",
        /// Possessive ending (`'s`).
        POS => "POS",
        /// Personal pronoun.
        PRP => "PRP",
        /// Possessive pronoun.
        PRPS => "PRP$",
        /// Adverb.
        RB => "RB",
        /// Adverb, comparative.
        RBR => "RBR",
        /// Adverb, superlative.
        RBS => "RBS",
        /// Particle.
        RP => "RP",
        /// Symbol.
        SYM => "SYM",
        /// *to*.
        TO => "TO",
        /// Interjection.
        UH => "UH",
        /// Verb, base form.
        VB => "VB",
        /// Verb, past tense.
        VBD => "VBD",
        /// Verb, gerund or present participle.
        VBG => "VBG",
        /// Verb, past participle.
        VBN => "VBN",
        /// Verb, non-3rd person singular present.
        VBP => "VBP",
        /// Verb, 3rd person singular present.
        VBZ => "VBZ",
        /// Wh-determiner.
        WDT => "WDT",
        /// Wh-pronoun.
        WP => "WP",
        /// Possessive wh-pronoun.
        WPS => "WP$",
        /// Wh-adverb.
        WRB => "WRB",
        /// Dollar sign and other currency symbols.
        Dollar => "$",
        /// Pound sign `#`.
        Hash => "#",
        /// Opening quotation mark.
        OpenQuote => "``",
        /// Closing quotation mark.
        CloseQuote => "''",
        /// Opening bracket.
        Lrb => "-LRB-",
        /// Closing bracket.
        Rrb => "-RRB-",
        /// Comma (also dashes used like commas).
        Comma => ",",
        /// Sentence-final punctuation.
        Period => ".",
        /// Colon, semicolon, dashes, ellipsis.
        Colon => ":",
        /// Web or e-mail address (EWT).
        ADD => "ADD",
        /// Affix written apart (EWT).
        AFX => "AFX",
        /// "Goes with": part of a word split by a typo (EWT).
        GW => "GW",
        /// Hyphen (EWT).
        HYPH => "HYPH",
        /// Non-final punctuation such as emoticons (EWT).
        NFP => "NFP",
        /// Other (unused by EWT, kept for completeness).
        XX => "XX",
    }
}

tag_enum! {
    /// A Universal Dependencies universal part-of-speech tag.
    Upos {
        /// Adjective.
        ADJ => "ADJ",
        /// Adposition.
        ADP => "ADP",
        /// Adverb.
        ADV => "ADV",
        /// Auxiliary (including copula *be* and modals).
        AUX => "AUX",
        /// Coordinating conjunction.
        CCONJ => "CCONJ",
        /// Determiner.
        DET => "DET",
        /// Interjection.
        INTJ => "INTJ",
        /// Noun.
        NOUN => "NOUN",
        /// Numeral.
        NUM => "NUM",
        /// Particle (`'s`, `not`, infinitival `to`).
        PART => "PART",
        /// Pronoun.
        PRON => "PRON",
        /// Proper noun.
        PROPN => "PROPN",
        /// Punctuation.
        PUNCT => "PUNCT",
        /// Subordinating conjunction.
        SCONJ => "SCONJ",
        /// Symbol.
        SYM => "SYM",
        /// Verb.
        VERB => "VERB",
        /// Other.
        X => "X",
    }
}

impl Tag {
    /// True for the verb tags `VB`, `VBD`, `VBG`, `VBN`, `VBP`, `VBZ`.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ
        )
    }

    /// True for the noun tags `NN`, `NNS`, `NNP`, `NNPS`.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS)
    }

    /// The most frequent UPOS for this XPOS in EWT (a fallback when no joint label is known).
    pub fn default_upos(self) -> Upos {
        use Tag::*;
        match self {
            CC => Upos::CCONJ,
            CD | LS => Upos::NUM,
            DT | PDT => Upos::DET,
            EX | PRP | PRPS | WDT | WP | WPS => Upos::PRON,
            FW | GW | AFX | XX => Upos::X,
            IN => Upos::ADP,
            JJ | JJR | JJS => Upos::ADJ,
            MD => Upos::AUX,
            NN | NNS => Upos::NOUN,
            NNP | NNPS | ADD => Upos::PROPN,
            POS | TO => Upos::PART,
            RB | RBR | RBS | WRB => Upos::ADV,
            RP => Upos::ADP,
            SYM | Dollar | Hash => Upos::SYM,
            UH => Upos::INTJ,
            VB | VBD | VBG | VBN | VBP | VBZ => Upos::VERB,
            OpenQuote | CloseQuote | Lrb | Rrb | Comma | Period | Colon | HYPH | NFP => Upos::PUNCT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_strings() {
        for &t in Tag::ALL {
            assert_eq!(Tag::from_str(t.as_str()), Some(t));
            assert_eq!(Tag::from_index(t as u8), Some(t));
        }
        for &u in Upos::ALL {
            assert_eq!(Upos::from_str(u.as_str()), Some(u));
        }
        assert_eq!(Tag::from_str("PRP$"), Some(Tag::PRPS));
        assert_eq!(Tag::from_str("nope"), None);
    }
}
