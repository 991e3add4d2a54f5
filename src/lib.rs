//! briefx turns policy briefs into structured data.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`ingest`]: list files, assign document ids, read and check text;
//!    or read JSON Lines documents from stdin.
//! 2. [`normalize`]: drop link markup, join hard wraps and page breaks,
//!    keeping a map back to the original text.
//! 3. [`segment`]: sentences that tile the document.
//!    Then taggers: names from gazetteers ([`gazetteer`], [`tag`]) and
//!    dates ([`dates`]).
//! 4. [`pipeline`]: runs the stages on one document and maps every span back
//!    to the original text.
//! 5. [`output`]: JSON Lines records with character offsets.
//! 6. [`batch`]: many documents on a thread pool, written in input order.
//!
//! [`eval`] scores the output against hand-labeled gold files.
//!
//! ```
//! use briefx::ingest::Document;
//! use briefx::pipeline::{Options, Pipeline};
//!
//! let pipeline = Pipeline::with_defaults(Options::default());
//! let doc = Document {
//!     id: "demo".into(),
//!     path: None,
//!     text: "Moscow Recalibrates\n\nA. Author | No. 1 | January 19, 2026\n\n\
//!            Gen. Ivanov met [Syrian officials](#). They agreed.".into(),
//!     given_dct: None,
//! };
//! let result = pipeline.process(doc);
//! let sentences: Vec<&str> = result.sentences.iter().map(|s| &result.text[s.clone()]).collect();
//! assert_eq!(sentences[2], "Gen. Ivanov met [Syrian officials](#).");
//! assert_eq!(result.dct.unwrap().to_string(), "2026-01-19");
//! ```

pub mod batch;
pub mod cli;
pub mod date;
pub mod dates;
pub mod dct;
pub mod docformat;
pub mod eval;
pub mod gazetteer;
pub mod hash;
pub mod ingest;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod pos;
pub mod segment;
pub mod tag;
pub mod triples;
pub mod wordkey;
