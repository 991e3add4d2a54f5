//! DATE tagger: finds calendar dates, periods, relative and vague time
//! expressions in a brief and normalizes them to TIMEX3 values.
//!
//! Pipeline (one job per submodule):
//! - `lexicon`: word classes (months, weekdays, seasons, units, number
//!   words, tense cues ...), one hash probe per word;
//! - `token`: words, digit runs and punctuation with byte offsets,
//!   classified, with sentence numbers; tokens where a rule can start are
//!   flagged, which is the prefilter: the grammar never looks at the others;
//! - `grammar`: rules anchored at head tokens produce spans with an
//!   unresolved meaning;
//! - `tense`: the tense of a clause from nearby verb forms;
//! - `resolve`: values against the DCT, the year in focus and the tense;
//! - `calendar`: day arithmetic, weekdays, ISO weeks.
//!
//! Conventions (those of the brief annotation guide):
//! - spans hold the expression and its modifier, not the preposition
//!   (`in late October` → `late October`); `after`/`before` stay outside
//!   (`More than a year` after ...), `later`/`ago` inside;
//! - a month, day, season, quarter or half without a year takes the year
//!   written earlier in the same sentence (or in the previous one when the
//!   expression opens its sentence: `In 2024, ... In March, ...`), unless
//!   the tense contradicts it; otherwise the occurrence closest before or
//!   at the DCT, or the next one in a future clause (`will`, modals, `is
//!   expected to`, `to be held`), or within a month ahead in a present
//!   clause; years that only bound a span (`since 2011`, `by 2030`) set no
//!   focus;
//! - [`Timex::vague`] marks what the gold marks optional: durations,
//!   `*_REF`, expressions relative to the DCT or to another date (`last
//!   week`, `a year ago`, `the same day`), and partly unknown values;
//! - [`DateTagger::new`] follows the brief guide (no sets, no zone-less
//!   clock times, no `49-year`-style adjectives); [`DateTagger::timeml`]
//!   adds those for TimeML-style evaluation.
//!
//! Without a DCT, relative expressions still get spans; values use `X` for
//! what cannot be known (`XXXX-10`, `XXXX-WXX-1` for a Monday, `XXXX` for
//! `next year`), and a year written shortly before still places a bare
//! month (`In 2024 ... in March` → `2024-03`).

mod calendar;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod token;

#[cfg(test)]
mod tests;

use calendar::Ymd;
use lexicon::Lexicon;

/// The brief's own date (document creation time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dct {
    /// Four-digit year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month, 1..=31.
    pub day: u32,
}

impl Dct {
    /// Parses `YYYY-MM-DD`; `None` unless it is a real calendar day.
    pub fn parse(s: &str) -> Option<Dct> {
        let mut it = s.trim().splitn(3, '-');
        let year = it.next()?.parse().ok()?;
        let month = it.next()?.parse().ok()?;
        let day = it.next()?.parse().ok()?;
        calendar::valid_day(year, month, day).then_some(Dct { year, month, day })
    }
}

/// TIMEX3 type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexType {
    /// A calendar date or period, or a `*_REF` reference.
    Date,
    /// A time of day (`18:00 UTC`, `this morning`).
    Time,
    /// A length of time (`three years`).
    Duration,
    /// A recurrence (`annual`; only with [`DateTagger::timeml`]).
    Set,
}

impl TimexType {
    /// Upper-case TIMEX3 name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One tagged time expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// TIMEX3 value: `2026-01-19`, `2025-10`, `2025`, `2025-Q2`, `2025-H1`,
    /// `2025-SU`, `199`, `P2W`, `PXY`, `PAST_REF`, `2026-W02`,
    /// `2025-10-03T04:00` ...
    pub value: String,
    /// TIMEX3 mod: `START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`,
    /// `LESS_THAN`, `MORE_THAN`, `EQUAL_OR_MORE`, `EQUAL_OR_LESS`.
    pub modifier: Option<&'static str>,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// Duration, set, `*_REF`, relative to the DCT or to another date
    /// (`last week`, `a year ago`, `the same day`), or partly unknown value:
    /// the gold marks such expressions optional.
    pub vague: bool,
}

/// The date tagger. Build once, share freely (`Send + Sync`).
pub struct DateTagger {
    lexicon: Lexicon,
    timeml: bool,
}

impl Default for DateTagger {
    fn default() -> Self {
        DateTagger::new()
    }
}

impl DateTagger {
    /// A tagger following the brief annotation guide (ANNOTATION.md):
    /// calendar dates and periods, relative and vague references and
    /// durations, but no sets (`annual`, `per day`), no clock times without
    /// a time zone (`4 a.m.`), no duration adjectives (`a 49-year lease`).
    pub fn new() -> DateTagger {
        DateTagger {
            lexicon: Lexicon::new(),
            timeml: false,
        }
    }

    /// A tagger with full TimeML coverage: [`DateTagger::new`] plus sets,
    /// zone-less clock times, duration adjectives and `soon`.
    pub fn timeml() -> DateTagger {
        DateTagger {
            lexicon: Lexicon::new(),
            timeml: true,
        }
    }

    /// Tags one document (normalized text). Returns expressions sorted by
    /// position and non-overlapping; offsets are bytes into `text`.
    pub fn tag(&self, text: &str, dct: Option<Dct>) -> Vec<Timex> {
        let tokens = token::tokenize(text, &self.lexicon);
        let cands = grammar::scan(text, &tokens, self.timeml);
        let toks = &tokens.toks;
        let dct = dct.map(|d| Ymd::new(d.year, d.month, d.day));
        let mut res = resolve::Resolver::new(text, toks, dct);
        let mut out = Vec::with_capacity(cands.len());
        for c in &cands {
            let r = res.resolve(c);
            out.push(Timex {
                start: toks[c.s].start as usize,
                end: toks[c.e - 1].end as usize,
                value: r.value,
                modifier: c.modifier,
                kind: r.kind,
                vague: r.vague,
            });
        }
        out
    }
}
