//! Part-of-speech tagging for briefx: an EWT-compatible tokenizer and a fast
//! averaged-perceptron tagger giving Penn Treebank tags (and UD UPOS tags).
//!
//! ```ignore
//! static MODEL: &[u8] = include_bytes!("en_ewt.postag");
//! let tagger = pos::Tagger::from_bytes(MODEL)?; // ~3 ms; share it (Send + Sync, cheap Clone)
//! let text = "The deal was brokered by Oman in early October.";
//! let tokens = pos::tokenize(text); // byte spans
//! let mut sentences = Vec::new();
//! pos::sentence_ranges(text, &tokens, &mut sentences);
//! let mut tags = Vec::new();
//! for r in sentences {
//!     let words: Vec<&str> = tokens[r].iter().map(|t| t.as_str(text)).collect();
//!     tagger.tag(&words, &mut tags); // DT NN VBD VBN IN NNP IN JJ NNP .
//! }
//! ```
//!
//! Modules, one job each: [`tokenize`](mod@tokenize) (tokenizer, sentence splitting), [`tags`]
//! (tag sets), [`features`] (feature templates and hashing), [`model`] (weights and
//! the `.postag` file format), [`tagger`] (decoding), [`train`](mod@train) (perceptron
//! training), [`conllu`] (CoNLL-U reading and alignment to our tokens), [`eval`]
//! (accuracy).
//!
//! Tagging keeps per-thread caches of scores per word type and of word pair
//! features (about 3.4 MB per thread, allocated on first use); results do not
//! depend on them.
//!
//! # Data and attribution
//!
//! The model `en_ewt.postag` is trained on the Universal Dependencies English Web
//! Treebank (UD English EWT, release 2.16), licensed under CC BY-SA 4.0
//! (<https://creativecommons.org/licenses/by-sa/4.0/>). Universal Dependencies English
//! Web Treebank annotations © 2013-2021 by The Board of Trustees of The Leland Stanford
//! Junior University; the UD English EWT team (Silveira, Dozat, Manning, Schuster, Chi,
//! Bauer, Connor, de Marneffe, Schneider, Bowman, Zhu, Galbraith). The underlying texts
//! are from the LDC English Web Treebank (LDC2012T13); some are public domain, parts
//! may be © 2012 Google Inc., © 2011 Yahoo! Inc., © 2012 Trustees of the University of
//! Pennsylvania and/or other original authors. Cite: Natalia Silveira, Timothy Dozat,
//! Marie-Catherine de Marneffe, Samuel Bowman, Miriam Connor, John Bauer and
//! Christopher D. Manning. 2014. *A Gold Standard Dependency Corpus for English.*
//! LREC 2014. Whether a trained model is an adapted work under BY-SA is unsettled;
//! keep this attribution with the model file.

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
