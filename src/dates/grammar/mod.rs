//! The date grammar: finds date expressions in the token stream and
//! describes each by an unresolved meaning (`Sem`). Rules are anchored at a
//! head token (a month, a number, a unit word, `today` ...) and extend left
//! over modifiers (`early`, `the end of`, `last`, `three`) and right over
//! complements (day, year, `of 2025`, `ago`). The scan goes left to right
//! and never lets a match reach back into the previous one.

mod absolute;
mod relative;

use super::lexicon::{Anchor, Unit, W};
use super::token::{CAP, Kind, SP, Tok, Tokens};

/// The year of an expression that names no year by itself.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum YearRef {
    /// Written in the text.
    Abs(i32),
    /// Not given: from the year in focus, else the tense and the DCT.
    Open,
    /// `the year`: the year in focus, else the DCT's year.
    Focus,
    /// `this year` (0), `last year` (-1), `next year` (+1): from the DCT.
    Dct(i32),
}

/// How a weekday is placed relative to the DCT.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum WdRel {
    /// By the tense of the clause.
    Tense,
    Last,
    This,
    Next,
}

/// Unresolved meaning of a date expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sem {
    /// A year, month or day (`2025`, `March`, `July 31`, `2026-01-19`).
    Date {
        y: YearRef,
        m: Option<u32>,
        d: Option<u32>,
    },
    /// Season 0..=3 (spring, summer, autumn, winter).
    Season {
        y: YearRef,
        s: u8,
    },
    /// `last summer` (-1), `this summer` (0), `next summer` (+1).
    RelSeason {
        s: u8,
        n: i32,
    },
    /// `last September`, `next March`.
    RelMonth {
        m: u32,
        n: i32,
    },
    Quarter {
        y: YearRef,
        q: u8,
    },
    Half {
        y: YearRef,
        h: u8,
    },
    Weekday {
        wd: u8,
        rel: WdRel,
    },
    /// DCT plus `n` units (`yesterday`, `last week`, `three years ago`).
    Rel {
        unit: Unit,
        n: i32,
    },
    /// Reference time plus `n` units (`the previous year`, `the same day`).
    RefRel {
        unit: Unit,
        n: i32,
    },
    /// The reference period a year earlier (`the same month a year ago`,
    /// `the same period last year`); `unit` is `None` for "period".
    RefYearAgo {
        unit: Option<Unit>,
    },
    /// `the first week of March` (`n` = 1..=5) or `the last week` (`n` = -1).
    WeekOf {
        y: YearRef,
        m: u32,
        n: i8,
    },
    /// First three digits of the decade's years (`199` for the 1990s).
    Decade(i32),
    /// Century prefix (`19` for the 20th century).
    Century(i32),
    Fiscal(i32),
    /// `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
    Refer(&'static str),
    /// Duration value (`P3Y`, `PXM`).
    Duration(String),
    /// Set value (`P1Y` for `annual`).
    Set(String),
    /// A time of day on a day: `suffix` is appended to the day's value
    /// (`T18:00Z`, `TMO`). `day` is `None` for "the day in context".
    Time {
        day: Option<Box<Sem>>,
        suffix: String,
    },
}

/// A matched expression: tokens `s..e` and its meaning.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub s: usize,
    pub e: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

/// Grammar state over one document's tokens.
pub(crate) struct G<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    /// First token a match may include.
    pub floor: usize,
    /// Full TimeML coverage (sets, zone-less clock times, duration
    /// adjectives, `soon`) instead of the brief annotation guide's.
    pub timeml: bool,
}

/// Finds all date expressions, left to right, non-overlapping.
/// Each line (paragraph) is scanned on its own: no expression crosses a
/// line break, but rules may look back at earlier lines for context.
/// Only head tokens are tried, in order; a head inside the previous match
/// is passed over.
pub(crate) fn scan(text: &str, tokens: &Tokens, timeml: bool) -> Vec<Cand> {
    let toks = &tokens.toks;
    let mut out: Vec<Cand> = Vec::new();
    // the line [a, b) holding the current head
    let mut next_line = 0;
    let mut b = 0;
    let mut g = G {
        text,
        t: &toks[..0],
        floor: 0,
        timeml,
    };
    for &h in &tokens.heads {
        let i = h as usize;
        if i >= b {
            while tokens
                .line_starts
                .get(next_line)
                .is_some_and(|&ls| ls as usize <= i)
            {
                next_line += 1;
            }
            let a = match next_line {
                0 => 0,
                k => tokens.line_starts[k - 1] as usize,
            };
            b = tokens
                .line_starts
                .get(next_line)
                .map_or(toks.len(), |&ls| ls as usize);
            g = G {
                text,
                t: &toks[..b],
                floor: a,
                timeml,
            };
        }
        if i < g.floor {
            continue;
        }
        if let Some(c) = g.at(i)
            && c.e > i
            && c.s >= g.floor
        {
            g.floor = c.e;
            out.push(c);
        }
    }
    out
}

impl<'a> G<'a> {
    /// Tries the rules whose head is token `i`.
    fn at(&self, i: usize) -> Option<Cand> {
        let t = &self.t[i];
        match t.kind {
            Kind::Num => self.number(i),
            Kind::Punct => {
                if t.is_apos() {
                    self.apostrophe_year(i)
                } else {
                    None
                }
            }
            Kind::Word => match (t.w, t.w.anchor()) {
                (W::None, _) => self.letter_code(i),
                (_, None) => None,
                (_, Some(rule)) => match rule {
                    Anchor::Month => self.month(i),
                    Anchor::Weekday => self.weekday(i),
                    Anchor::Season => self.season(i),
                    Anchor::Unit => self.unit(i),
                    Anchor::Half => self.half(i),
                    Anchor::Deictic => self.deictic(i),
                    Anchor::SetAdj => self.set_adj(i),
                    Anchor::DurationRange => self.duration_range(i),
                    Anchor::SamePeriod => self.same_period(i),
                    Anchor::PartOfDay => self.part_of_day(i),
                    Anchor::Fiscal => self.fiscal(i),
                },
            },
        }
    }

    // ---- token access -------------------------------------------------

    #[inline]
    pub fn w(&self, i: usize) -> W {
        self.t.get(i).map_or(W::None, |t| t.w)
    }

    /// Class of the token before `i` (no floor check).
    #[inline]
    pub fn wb(&self, i: usize) -> W {
        if i == 0 { W::None } else { self.t[i - 1].w }
    }

    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        self.t
            .get(i)
            .map_or("", |t| &self.text[t.start as usize..t.end as usize])
    }

    /// Token `i` exists and follows token `i-1` with no space between.
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i].start == self.t[i - 1].end
    }

    #[inline]
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is(c))
    }

    #[inline]
    pub fn dash(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.is_dash())
    }

    #[inline]
    pub fn is_num(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.is_num())
    }

    /// Digit run at `i`: (value, digit count).
    #[inline]
    pub fn num(&self, i: usize) -> Option<(u32, usize)> {
        self.t
            .get(i)
            .filter(|t| t.is_num())
            .map(|t| (t.val, t.len()))
    }

    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.has(CAP))
    }

    #[inline]
    pub fn spaced(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.has(SP))
    }

    /// Token `i` starts its sentence.
    #[inline]
    pub fn sent_start(&self, i: usize) -> bool {
        i == 0 || self.t[i - 1].sent != self.t[i].sent
    }

    /// Word `i` equals `s` (ASCII case-insensitive).
    #[inline]
    pub fn is_word(&self, i: usize, s: &str) -> bool {
        // lengths first, then bytes: no string slicing for the many misses
        self.t.get(i).is_some_and(|t| {
            t.kind == Kind::Word
                && t.len() == s.len()
                && self.text.as_bytes()[t.start as usize..t.end as usize]
                    .eq_ignore_ascii_case(s.as_bytes())
        })
    }

    /// Token `i` is an English ordinal suffix glued to the number before it.
    pub fn ord_suffix(&self, i: usize) -> bool {
        self.glued(i)
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| self.word(i).eq_ignore_ascii_case(s))
    }

    /// A four-digit year 1000..=2099 at `i`, not part of a larger number.
    pub fn year_at(&self, i: usize) -> Option<i32> {
        let (v, len) = self.num(i)?;
        if len != 4 || !(1000..=2099).contains(&v) {
            return None;
        }
        // 2,024 / 2024.5 / 12:2024
        if self.glued(i)
            && i >= 2
            && matches!(self.t[i - 1].ch(), ',' | '.' | ':' | '/')
            && self.is_num(i - 2)
            && self.glued(i - 1)
        {
            return None;
        }
        if self.glued(i + 1)
            && matches!(self.t[i + 1].ch(), ',' | '.' | ':')
            && self.glued(i + 2)
            && self.is_num(i + 2)
        {
            return None;
        }
        // glued to letters: A2024, 2024km
        if self.glued(i) && self.t[i - 1].kind == Kind::Word {
            return None;
        }
        if self.glued(i + 1) && self.t[i + 1].kind == Kind::Word && !self.is_word(i + 1, "s") {
            return None;
        }
        Some(v as i32)
    }

    /// Skips an optional glued period (`Jan.`) after token `i`; returns the
    /// index of the next token.
    pub fn skip_dot(&self, i: usize) -> usize {
        if self.punct(i + 1, '.') && self.glued(i + 1) {
            i + 2
        } else {
            i + 1
        }
    }

    /// A cardinal at `i`: digits or a number word (`twenty-five`,
    /// `1,500`, `2.5`). Returns (value text, first token, next token).
    pub fn cardinal_at(&self, i: usize) -> Option<(String, usize, usize)> {
        let t = self.t.get(i)?;
        match t.kind {
            Kind::Num => {
                if t.len() > 7 {
                    return None;
                }
                let mut s = self.word(i).to_string();
                let mut j = i + 1;
                // 1,500 and 2.5
                while self.glued(j)
                    && (self.punct(j, ',') || self.punct(j, '.'))
                    && self.glued(j + 1)
                    && self.is_num(j + 1)
                {
                    if self.punct(j, '.') {
                        s.push('.');
                    }
                    s.push_str(self.word(j + 1));
                    j += 2;
                }
                Some((s, i, j))
            }
            Kind::Word => match t.w {
                W::Num(v) => {
                    // twenty-five
                    if (20..100).contains(&v)
                        && self.dash(i + 1)
                        && self.glued(i + 1)
                        && self.glued(i + 2)
                        && let W::Num(u) = self.w(i + 2)
                        && u < 10
                    {
                        return Some(((v + u).to_string(), i, i + 3));
                    }
                    Some((v.to_string(), i, i + 1))
                }
                _ => None,
            },
            Kind::Punct => None,
        }
    }

    /// The first token of a cardinal that ends right before `j`
    /// (`1,500`, `twenty-five`), for left extension.
    pub fn cardinal_before(&self, j: usize) -> Option<(String, usize)> {
        if j == 0 || j <= self.floor {
            return None;
        }
        let mut k = j - 1;
        // walk back over 1,500 / 2.5 / twenty-five
        loop {
            if k >= self.floor + 2
                && self.glued(k)
                && self.glued(k - 1)
                && ((self.is_num(k) && (self.punct(k - 1, ',') || self.punct(k - 1, '.')))
                    || (matches!(self.w(k), W::Num(_)) && self.dash(k - 1)))
                && (self.is_num(k - 2) || matches!(self.w(k - 2), W::Num(_)))
            {
                k -= 2;
            } else {
                break;
            }
        }
        let (val, s, e) = self.cardinal_at(k)?;
        if e == j { Some((val, s)) } else { None }
    }
}

/// TIMEX3 unit letter for durations.
pub(crate) fn unit_code(u: Unit) -> &'static str {
    match u {
        Unit::Minute => "M",
        Unit::Hour => "H",
        Unit::Day => "D",
        Unit::Week | Unit::Weekend | Unit::Fortnight => "W",
        Unit::Month => "M",
        Unit::Quarter => "Q",
        Unit::Year => "Y",
        Unit::Decade => "DE",
        Unit::Century => "CE",
    }
}

/// A duration value: `n` units (`n` may be `X` or a decimal).
pub(crate) fn duration(n: &str, u: Unit) -> String {
    let time = matches!(u, Unit::Minute | Unit::Hour);
    let (n, code) = match u {
        Unit::Fortnight => (mul(n, 2), "W"),
        Unit::Decade if n != "X" => (mul(n, 10), "Y"),
        Unit::Century if n != "X" => (mul(n, 100), "Y"),
        _ => (n.to_string(), unit_code(u)),
    };
    format!("P{}{}{}", if time { "T" } else { "" }, n, code)
}

fn mul(n: &str, k: u32) -> String {
    match n.parse::<f64>() {
        Ok(v) => {
            let r = v * k as f64;
            if r.fract() == 0.0 {
                format!("{}", r as u64)
            } else {
                format!("{}", r)
            }
        }
        Err(_) => n.to_string(),
    }
}
