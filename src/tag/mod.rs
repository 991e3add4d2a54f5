//! Taggers: names from the gazetteers ([`entities`], with actor or place
//! decided by [`context`]) and, as they land, dates. Offsets are bytes in the
//! normalized text.

pub mod context;
pub mod entities;
pub mod words;

use crate::gazetteer::Country;

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    Actor,
    Place,
    Date,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Actor => "actor",
            MentionKind::Place => "place",
            MentionKind::Date => "date",
        }
    }
}

/// One tagged mention (normalized byte offsets).
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// The gazetteer entry (actors and places).
    pub entry: Option<u32>,
    pub country: Option<Country>,
    /// TIMEX3 value (dates).
    pub value: Option<String>,
    /// TIMEX3 mod (dates).
    pub modifier: Option<&'static str>,
    /// TIMEX3 type (dates): DATE, TIME, DURATION, SET.
    pub timex_type: Option<&'static str>,
    /// Relative or vague (dates): the guide makes these optional.
    pub vague: bool,
    /// Index of the sentence it is in.
    pub sentence: usize,
}
