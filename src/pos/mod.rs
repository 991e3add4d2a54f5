//! Part-of-speech tagging for briefx: an EWT-compatible tokenizer and a fast
//! averaged-perceptron tagger producing Penn Treebank tags (and UD UPOS tags).
//!
//! ```ignore
//! static MODEL: &[u8] = include_bytes!("en_ewt.postag");
//! let tagger = pos::Tagger::from_bytes(MODEL)?;
//! let text = "The deal was brokered by Oman in early October.";
//! let tokens = pos::tokenize(text);
//! let words: Vec<&str> = tokens.iter().map(|t| t.as_str(text)).collect();
//! let mut tags = Vec::new();
//! tagger.tag(&words, &mut tags); // DT NN VBD VBN IN NNP IN JJ NNP .
//! ```
//!
//! Modules: [`tokenize`] (tokenizer, sentence splitting), [`features`] (feature
//! hashing), [`model`] (weights and file format), [`train`] (perceptron training),
//! [`conllu`] (CoNLL-U reading and alignment), [`tagger`] (decoding), [`eval`]
//! (accuracy), [`tags`] (tag sets).
//!
//! # Data and attribution
//!
//! The model `en_ewt.postag` is trained on the Universal Dependencies English Web
//! Treebank (UD English EWT, release 2.16), licensed under CC BY-SA 4.0
//! (<https://creativecommons.org/licenses/by-sa/4.0/>). Universal Dependencies English
//! Web Treebank annotations © 2013-2021 by The Board of Trustees of The Leland Stanford
//! Junior University; the UD English EWT team (Silveira, Dozat, Manning, Schuster, Chi,
//! Bauer, Connor, de Marneffe, Schneider, Bowman, Zhu, Galbraith). The underlying texts
//! are from the LDC English Web Treebank (LDC2012T13). Cite: Natalia Silveira, Timothy
//! Dozat, Marie-Catherine de Marneffe, Samuel Bowman, Miriam Connor, John Bauer and
//! Christopher D. Manning. 2014. *A Gold Standard Dependency Corpus for English.*
//! LREC 2014. Keep this attribution with the model file.

pub mod conllu;
pub mod eval;
pub mod features;
pub mod model;
pub mod tagger;
pub mod tags;
pub mod tokenize;
pub mod train;

pub use model::{Label, Model};
pub use tagger::{Scratch, Tagger};
pub use tags::{Tag, Upos};
pub use tokenize::{Token, sentence_ranges, tokenize, tokenize_into};
pub use train::{TrainConfig, train};

use std::fmt;

/// Errors from loading models and reading training data.
#[derive(Debug)]
pub enum Error {
    /// A malformed or incompatible model file.
    Format(&'static str),
    /// A malformed CoNLL-U line.
    Conllu {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        what: &'static str,
    },
    /// An I/O error.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Format(w) => write!(f, "bad POS model: {w}"),
            Error::Conllu { line, what } => write!(f, "CoNLL-U line {line}: {what}"),
            Error::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}
