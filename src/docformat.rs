//! The per-document format of the annotation guide ("gold format"): what
//! `--emit doc` writes and what `briefx eval` reads, for gold and predictions
//! alike. Offsets are character offsets into the original text.
//!
//! `--emit doc` does not serialize these structs but writes the same bytes by
//! hand (`output::records`, tested against them): a field added here must be
//! added there too.

use serde::{Deserialize, Serialize};

/// One document: its sentences, mentions and triples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub doc: String,
    #[serde(default)]
    pub dct: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub triples: Vec<Triple>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub text: String,
    /// `actor`, `place` or `date`.
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default, rename = "mod")]
    pub modifier: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triple {
    /// Index into the document's `sentences`.
    pub sentence: usize,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub subject_head: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub action_head: Option<String>,
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub object_head: Option<String>,
    #[serde(default)]
    pub negated: bool,
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub optional: bool,
}
