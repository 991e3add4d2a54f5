//! Rules for calendar expressions: numeric dates, month names with or
//! without day and year, years in date context, decades, seasons, quarter
//! and half codes, fiscal years, clock times.

use super::super::calendar::valid_day;
use super::super::lexicon::{Unit, W};
use super::super::token::Kind;
use super::{Cand, G, Sem, YearRef};

/// Words before a bare year or month that make it a date.
fn date_prep(w: W) -> bool {
    matches!(
        w,
        W::In
            | W::Since
            | W::By
            | W::Until
            | W::From
            | W::During
            | W::Before
            | W::After
            | W::Of
            | W::Between
            | W::Early
            | W::Mid
            | W::Late
            | W::For
            | W::Than
            | W::Within
            | W::On
    )
}

impl<'a> G<'a> {
    /// Part-of-period modifier left of a core starting at `s`: `early`,
    /// `mid-`, `late`, `the beginning/end/middle of`. Returns the new start
    /// and the TIMEX3 mod. `allow_the` lets `the` precede `early/late`
    /// (`the early 1990s`).
    pub(super) fn part_of(&self, s: usize, allow_the: bool) -> (usize, Option<&'static str>) {
        if s <= self.floor {
            return (s, None);
        }
        let p = s - 1;
        // early / mid / late, spaced or hyphen-glued
        let q = if self.dash(p) && self.glued(s) && self.glued(p) && p > self.floor {
            Some(p - 1)
        } else if self.dash(p) {
            None
        } else {
            Some(p)
        };
        if let Some(q) = q {
            let m = match self.w(q) {
                W::Early => Some("START"),
                W::Mid => Some("MID"),
                W::Late => Some("END"),
                _ => None,
            };
            if let Some(m) = m {
                let mut start = q;
                if allow_the && q > self.floor && self.w(q - 1) == W::The {
                    start = q - 1;
                }
                return (start, Some(m));
            }
        }
        // the (very) beginning / end / middle of
        if self.w(p) == W::Of && p > self.floor {
            let k = p - 1;
            let m = match self.w(k) {
                W::Beginning => "START",
                W::End => "END",
                W::Middle => "MID",
                _ => return (s, None),
            };
            let mut start = k;
            if start > self.floor && self.w(start - 1) == W::Very {
                start -= 1;
            }
            if start > self.floor && self.w(start - 1) == W::The {
                start -= 1;
            }
            return (start, Some(m));
        }
        (s, None)
    }

    /// Number glued into an identifier or amount (`S-400`, `A330`, `$2024`,
    /// `1.5`), where no date can start.
    fn embedded(&self, i: usize) -> bool {
        if !self.glued(i) {
            return false;
        }
        let p = &self.t[i - 1];
        match p.kind {
            Kind::Word => true,
            Kind::Num => true,
            Kind::Punct => match p.ch() {
                '$' | '#' | '€' | '£' | '¥' | '№' | '+' | '/' | '%' => true,
                '.' | ',' | ':' => self.glued(i - 1) && i >= 2 && self.is_num(i - 2),
                '-' | '‐' | '‑' | '–' => {
                    self.glued(i - 1)
                        && i >= 2
                        && self.t[i - 2].kind == Kind::Word
                        && !matches!(self.w(i - 2), W::Mid | W::Early | W::Late | W::End)
                        && !["pre", "post"]
                            .iter()
                            .any(|x| self.word(i - 2).eq_ignore_ascii_case(x))
                }
                _ => false,
            },
        }
    }

    /// Rules headed by a digit run.
    pub(super) fn number(&self, i: usize) -> Option<Cand> {
        if self.embedded(i) {
            return None;
        }
        let (_, len) = self.num(i)?;
        if len == 4
            && let Some(c) = self.iso_date(i)
        {
            return Some(c);
        }
        if len <= 2
            && let Some(c) = self.slash_date(i)
        {
            return Some(c);
        }
        if let Some(c) = self.clock(i) {
            return Some(c);
        }
        if len <= 2
            && let Some(c) = self.day_month(i)
        {
            return Some(c);
        }
        if let Some(c) = self.decade_num(i) {
            return Some(c);
        }
        if len == 4
            && let Some(c) = self.year(i)
        {
            return Some(c);
        }
        self.duration_range(i)
    }

    /// First count of a duration range: `between 60 and 90 days`, `two to
    /// three years` (the second count is then matched as a duration).
    pub(super) fn duration_range(&self, i: usize) -> Option<Cand> {
        let (n, s, j) = self.cardinal_at(i)?;
        if !(matches!(self.w(j), W::And | W::To | W::Or) || self.dash(j)) {
            return None;
        }
        let (_, _, k) = self.cardinal_at(j + 1)?;
        let W::Units(u) = self.w(k) else { return None };
        Some(self.cand(s, j, Sem::Duration(super::duration(&n, u))))
    }

    /// `2026-01-19`, `2026/01/19`, `2025-10`.
    fn iso_date(&self, i: usize) -> Option<Cand> {
        let y = self.year_at(i)?;
        let sep = self.t.get(i + 1)?;
        if !(self.glued(i + 1) && (sep.is('-') || sep.is('/')) && self.glued(i + 2)) {
            return None;
        }
        let (m, ml) = self.num(i + 2)?;
        if ml != 2 {
            return None;
        }
        if self.glued(i + 3) && self.t[i + 3].val == sep.val && self.glued(i + 4) {
            let (d, dl) = self.num(i + 4)?;
            if dl == 2 && valid_day(y, m, d) && !(self.glued(i + 5) && self.is_num(i + 6)) {
                return Some(self.cand(i, i + 5, Sem::date(YearRef::Abs(y), Some(m), Some(d))));
            }
            return None;
        }
        // YYYY-MM, unless it reads as a year range (2010-11)
        let as_year = (y / 100) * 100 + m as i32;
        if (1..=12).contains(&m) && as_year != y + 1 && !(self.glued(i + 3) && self.is_num(i + 4)) {
            return Some(self.cand(i, i + 3, Sem::date(YearRef::Abs(y), Some(m), None)));
        }
        None
    }

    /// `7/8/07`, `12/25/2025`, `19.01.2026` (month first unless impossible).
    fn slash_date(&self, i: usize) -> Option<Cand> {
        let (a, _) = self.num(i)?;
        let sep = self.t.get(i + 1)?;
        if !(self.glued(i + 1) && (sep.is('/') || sep.is('.')) && self.glued(i + 2)) {
            return None;
        }
        let (b, bl) = self.num(i + 2)?;
        if bl > 2 || !(self.glued(i + 3) && self.t[i + 3].val == sep.val && self.glued(i + 4)) {
            return None;
        }
        let (c, cl) = self.num(i + 4)?;
        if self.glued(i + 5) && (self.is_num(i + 6) || self.punct(i + 5, '/')) {
            return None;
        }
        let y = match cl {
            4 => c as i32,
            2 if sep.is('/') => {
                if c <= 50 {
                    2000 + c as i32
                } else {
                    1900 + c as i32
                }
            }
            _ => return None,
        };
        let (m, d) = if sep.is('.') || a > 12 {
            (b, a)
        } else {
            (a, b)
        };
        if !valid_day(y, m, d) {
            return None;
        }
        Some(self.cand(i, i + 5, Sem::date(YearRef::Abs(y), Some(m), Some(d))))
    }

    /// Clock times: `18:00 UTC`, `6:40 p.m.`, `0800 GMT`, `6 pm`, with an
    /// optional following day word (`12:00 UTC Monday`).
    fn clock(&self, i: usize) -> Option<Cand> {
        let (h0, hl) = self.num(i)?;
        let mut j = i + 1;
        let mut mi = 0;
        let mut h = h0;
        let mut strong = false;
        if hl <= 2 && self.punct(j, ':') && self.glued(j) && self.glued(j + 1) {
            let (m, ml) = self.num(j + 1)?;
            if ml != 2 || m > 59 || h > 24 {
                return None;
            }
            mi = m;
            j += 2;
            if self.punct(j, ':') && self.glued(j) && self.num(j + 1).is_some_and(|(_, l)| l == 2) {
                j += 2;
            }
            strong = true;
        } else if hl == 4 {
            h = h0 / 100;
            mi = h0 % 100;
            if h > 23 || mi > 59 {
                return None;
            }
        } else if hl > 2 || h > 12 {
            return None;
        }
        // am / pm: "pm", "p.m.", "PM"
        let mut pm = None;
        let w = self.word(j).to_ascii_lowercase();
        if w == "am" || w == "pm" {
            pm = Some(w == "pm");
            j += 1;
        } else if (w == "a" || w == "p")
            && self.punct(j + 1, '.')
            && self.glued(j + 1)
            && self.is_word(j + 2, "m")
            && self.glued(j + 2)
        {
            pm = Some(w == "p");
            j += 3;
            if self.punct(j, '.') && self.glued(j) {
                j += 1;
            }
        }
        let mut utc = false;
        if self.w(j) == W::Utc || (self.word(j) == "Z" && self.glued(j)) {
            utc = true;
            j += 1;
        } else if pm.is_none() && (self.is_word(j, "hours") || self.is_word(j, "hrs")) && hl == 4 {
            j += 1;
            strong = true;
        }
        // "(GMT +8)" after the time
        if !utc && self.punct(j, '(') && self.w(j + 1) == W::Utc {
            utc = true;
        }
        // a four-digit time needs a zone or "hours"; others need any cue
        if !(strong || utc || (pm.is_some() && hl != 4)) {
            return None;
        }
        // the brief guide tags no clock times without a time zone
        if !utc && !self.timeml {
            return None;
        }
        if let Some(p) = pm {
            if h > 12 {
                return None;
            }
            if p && h < 12 {
                h += 12;
            } else if !p && h == 12 {
                h = 0;
            }
        }
        let suffix = format!("T{:02}:{:02}{}", h, mi, if utc { "Z" } else { "" });
        // optional day word right after
        let day = match self.w(j) {
            W::Today => Some((
                Sem::Rel {
                    unit: Unit::Day,
                    n: 0,
                },
                j + 1,
            )),
            W::Yesterday => Some((
                Sem::Rel {
                    unit: Unit::Day,
                    n: -1,
                },
                j + 1,
            )),
            W::Tomorrow => Some((
                Sem::Rel {
                    unit: Unit::Day,
                    n: 1,
                },
                j + 1,
            )),
            W::Weekday(wd) if self.cap(j) => Some((
                Sem::Weekday {
                    wd,
                    rel: super::WdRel::Tense,
                },
                j + 1,
            )),
            _ => None,
        };
        let (day, e) = match day {
            Some((d, e)) => (Some(Box::new(d)), e),
            None => {
                // "at 16:15 UTC, June 1st": the date that follows
                let k = if self.punct(j, ',') { j + 1 } else { j };
                let next = match self.w(k) {
                    W::Month(_) | W::MonthAbbr(_) => self.month(k),
                    _ => None,
                };
                match next {
                    Some(c) if c.s == k && matches!(c.sem, Sem::Date { d: Some(_), .. }) => {
                        (Some(Box::new(c.sem)), j)
                    }
                    _ => (None, j),
                }
            }
        };
        Some(self.cand(i, e, Sem::Time { day, suffix }))
    }

    /// `19 January 2026`, `11 December`, `5th of May`, `3–5 March 2025`.
    fn day_month(&self, i: usize) -> Option<Cand> {
        let (d, _) = self.num(i)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.ord_suffix(j) {
            j += 1;
        }
        let day_end = j;
        // range: "3–5 March 2025" / "3 and 5 March": borrow the second part
        if (self.dash(j) || self.w(j) == W::And || self.w(j) == W::To)
            && self.is_num(j + 1)
            && let Some(c) = self.day_month(j + 1)
            && let Sem::Date { y, m, .. } = c.sem
            && c.s == j + 1
        {
            return Some(self.cand(i, day_end, Sem::date(y, m, Some(d))));
        }
        if self.w(j) == W::Of {
            j += 1;
        }
        let m = match self.w(j) {
            W::Month(m) | W::MonthAbbr(m) if self.cap(j) => m as u32,
            _ => return None,
        };
        let mut e = if matches!(self.w(j), W::MonthAbbr(_)) {
            self.skip_dot(j)
        } else {
            j + 1
        };
        let mut y = YearRef::Open;
        let k = if self.punct(e, ',') { e + 1 } else { e };
        if let Some(yy) = self.year_at(k).filter(|_| self.spaced(k)) {
            y = YearRef::Abs(yy);
            e = k + 1;
        }
        let year = if let YearRef::Abs(v) = y { v } else { 2000 };
        if !valid_day(year, m, d) {
            return None;
        }
        let mut c = self.cand(i, e, Sem::date(y, Some(m), Some(d)));
        if y == YearRef::Open {
            c.sem = Sem::date(self.month_year_hint(e), Some(m), Some(d));
        }
        Some(c)
    }

    /// The year a bare month takes from what follows it: `October of next
    /// year`, `March and May 2025` (range), `March last year`.
    fn month_year_hint(&self, e: usize) -> YearRef {
        let mut k = e;
        if self.w(k) == W::Of || self.punct(k, ',') {
            k += 1;
        }
        let n = match self.w(k) {
            W::Last => Some(-1),
            W::This => Some(0),
            W::Next => Some(1),
            _ => None,
        };
        if let Some(n) = n
            && self.w(k + 1) == W::Unit(Unit::Year)
        {
            return YearRef::Dct(n);
        }
        // range: (and|to|through|or|–) Month [day] [,] YYYY
        let k = e;
        if matches!(self.w(k), W::And | W::To | W::Until | W::Or) || self.dash(k) {
            let mut j = k + 1;
            if let W::Month(_) | W::MonthAbbr(_) = self.w(j) {
                j = self.skip_dot(j);
                if self
                    .num(j)
                    .is_some_and(|(v, l)| l <= 2 && (1..=31).contains(&v))
                {
                    j += 1;
                    if self.ord_suffix(j) {
                        j += 1;
                    }
                }
                if self.punct(j, ',') {
                    j += 1;
                }
                if let Some(y) = self.year_at(j) {
                    return YearRef::Abs(y);
                }
            }
        }
        YearRef::Open
    }

    /// Month names: `January 19, 2026`, `Jan. 19`, `March 2025`, `in May`.
    pub(super) fn month(&self, i: usize) -> Option<Cand> {
        let (m, abbr) = match self.w(i) {
            W::Month(m) => (m as u32, false),
            W::MonthAbbr(m) => (m as u32, true),
            _ => return None,
        };
        if !self.cap(i) {
            return None;
        }
        let j = if abbr { self.skip_dot(i) } else { i + 1 };
        // day
        let mut day = None;
        let mut e = i + 1;
        if let Some((d, dl)) = self.num(j) {
            let time_like = self.punct(j + 1, ':') && self.glued(j + 1);
            let glued_more = self.glued(j + 1)
                && (self.punct(j + 1, ',') || self.punct(j + 1, '.'))
                && self.is_num(j + 2)
                && self.glued(j + 2);
            if dl <= 2 && (1..=31).contains(&d) && !time_like && !glued_more {
                day = Some(d);
                e = j + 1;
                if self.ord_suffix(e) {
                    e += 1;
                }
            }
        }
        let mut y = YearRef::Open;
        {
            let mut k = if day.is_some() { e } else { j };
            if self.punct(k, ',') || (day.is_none() && self.w(k) == W::Of) {
                k += 1;
            }
            if let Some(yy) = self.year_at(k).filter(|_| self.spaced(k))
                && !matches!(self.w(k + 1), W::CountNoun | W::Money | W::Units(_))
            {
                y = YearRef::Abs(yy);
                e = k + 1;
            }
        }
        if let Some(d) = day {
            let year = if let YearRef::Abs(v) = y { v } else { 2000 };
            if !valid_day(year, m, d) {
                return None;
            }
        }
        if abbr && day.is_none() && y == YearRef::Open {
            return None;
        }
        let bare = day.is_none() && y == YearRef::Open;
        let prev = if i > 0 { self.w(i - 1) } else { W::None };
        if bare {
            let prev_month = i >= 2
                && (matches!(prev, W::And | W::Or | W::To) || self.dash(i - 1))
                && matches!(self.w(i - 2), W::Month(_));
            let (ps, pm) = self.part_of(i, false);
            let ctx = date_prep(prev)
                || prev_month
                || pm.is_some()
                || matches!(prev, W::Last | W::Next | W::This);
            if (m == 3 || m == 5) && !ctx {
                return None;
            }
            // names: "April Glaspie", "Theresa May" (a preceding month in a
            // range is no evidence here)
            if !(date_prep(prev) || pm.is_some() || matches!(prev, W::Last | W::Next | W::This)) {
                let next_name = self.t.get(i + 1).is_some_and(|t| {
                    t.kind == Kind::Word && self.cap(i + 1) && t.w == W::None && self.spaced(i + 1)
                });
                let prev_name = i > 0
                    && !self.sent_start(i)
                    && self.t[i - 1].kind == Kind::Word
                    && self.cap(i - 1)
                    && self.t[i - 1].w == W::None;
                if next_name || prev_name {
                    return None;
                }
            }
            // last/next/this March
            if i > self.floor {
                let n = match prev {
                    W::Last | W::Past => Some(-1),
                    W::Next | W::Coming => Some(1),
                    W::This => Some(0),
                    _ => None,
                };
                if let Some(n) = n {
                    let (s2, pm2) = self.part_of(i - 1, false);
                    let mut c = self.cand(s2, e, Sem::RelMonth { m, n });
                    c.modifier = pm2;
                    return Some(c);
                }
            }
            let y = self.month_year_hint(e);
            let mut c = self.cand(ps, e, Sem::date(y, Some(m), None));
            c.modifier = pm;
            return Some(c);
        }
        let (s, modifier) = if day.is_none() {
            self.part_of(i, false)
        } else {
            (i, None)
        };
        let s = self.approx_left(s).unwrap_or(s);
        let mut c = self.cand(s, e, Sem::date(y, Some(m), day));
        c.modifier = modifier.or_else(|| (s < i && modifier.is_none()).then_some("APPROX"));
        if day.is_some() && y == YearRef::Open {
            c.sem = Sem::date(self.month_year_hint(e), Some(m), day);
        }
        Some(c)
    }

    /// `around`/`circa` left of a point expression starting at `s`.
    fn approx_left(&self, s: usize) -> Option<usize> {
        if s > self.floor && (self.is_word(s - 1, "around") || self.is_word(s - 1, "circa")) {
            Some(s - 1)
        } else {
            None
        }
    }

    /// Whether the four-digit number at `i` stands in year context.
    fn year_context(&self, i: usize) -> bool {
        let next = self.w(i + 1);
        if matches!(next, W::CountNoun | W::Money | W::Units(_) | W::Unit(_))
            || (self.punct(i + 1, '%'))
        {
            return false;
        }
        if i > 0 {
            let p = self.wb(i);
            if p == W::NumLabel
                || (self.punct(i - 1, '.') && i >= 2 && self.w(i - 2) == W::NumLabel)
                || (i >= 2 && self.punct(i - 1, '#'))
            {
                return false;
            }
        }
        // year after a preposition or modifier
        let p = self.wb(i);
        // years before 1900 only right after a preposition ("in 1648")
        let old = self.year_at(i).is_some_and(|y| y < 1900);
        if old
            && !matches!(
                p,
                W::In | W::Since | W::By | W::Until | W::From | W::During | W::Before | W::After
            )
        {
            return false;
        }
        if date_prep(p) || matches!(p, W::Unit(Unit::Year) | W::Season(_) | W::Fall) {
            if p == W::Of && i >= 2 && matches!(self.w(i - 2), W::NumLabel | W::Units(_)) {
                return false;
            }
            return true;
        }
        if self.is_word(i.wrapping_sub(1), "circa") || self.is_word(i.wrapping_sub(1), "around") {
            return true;
        }
        // mid-2011, pre-2011 (other words glued by a dash are refused by
        // `embedded`; a number before the dash is a range or a phone number)
        if self.glued(i) && self.dash(i - 1) && i >= 2 && self.t[i - 2].kind == Kind::Word {
            return true;
        }
        // possessive 2024's
        if self.t.get(i + 1).is_some_and(|t| t.is_apos())
            && self.glued(i + 1)
            && self.is_word(i + 2, "s")
        {
            return true;
        }
        // ranges and lists of years
        if (self.dash(i + 1) || self.punct(i + 1, '/') || matches!(next, W::To | W::And | W::Or))
            && (self.year_at(i + 2).is_some()
                || (self.num(i + 2).is_some_and(|(_, l)| l == 2) && self.glued(i + 2)))
        {
            return true;
        }
        if i >= 2
            && (self.dash(i - 1) || self.punct(i - 1, ',') || matches!(p, W::To | W::And | W::Or))
            && self.year_at(i - 2).is_some()
        {
            return true;
        }
        // (2019)
        if self.punct(i.wrapping_sub(1), '(') && self.punct(i + 1, ')') {
            return true;
        }
        // the 2024 elections, its 2025 budget, Haftar's 2019 offensive
        let possessive =
            i >= 2 && self.is_word(i - 1, "s") && self.glued(i - 1) && self.t[i - 2].is_apos();
        if matches!(p, W::The | W::Poss | W::A | W::This | W::That) || possessive {
            return self.t.get(i + 1).is_some_and(|t| t.kind == Kind::Word);
        }
        // sentence-initial: "2024 was ..." / "2024, however"
        if self.sent_start(i) || self.punct(i.wrapping_sub(1), '"') {
            return matches!(next, W::Tense(_)) || self.punct(i + 1, ',');
        }
        false
    }

    /// A four-digit year in date context, with `early/mid/late` or
    /// `the beginning of`; also the two-digit end of a range (`2014-16`).
    fn year(&self, i: usize) -> Option<Cand> {
        let y = self.year_at(i)?;
        if !self.year_context(i) {
            return None;
        }
        let (mut s, mut modifier) = self.part_of(i, false);
        if modifier.is_none()
            && let Some(a) = self.approx_left(s)
        {
            s = a;
            modifier = Some("APPROX");
        }
        let mut c = self.cand(s, i + 1, Sem::date(YearRef::Abs(y), None, None));
        c.modifier = modifier;
        Some(c)
    }

    /// Two-digit year at the end of a range (`2014-16`, `2023/24`).
    fn short_range_year(&self, i: usize) -> Option<Cand> {
        let (v, l) = self.num(i)?;
        if l != 2 || !self.glued(i) || !(self.dash(i - 1) || self.punct(i - 1, '/')) {
            return None;
        }
        let first = self.year_at(i.checked_sub(2)?)?;
        let y = first / 100 * 100 + v as i32;
        if y <= first || y > first + 10 {
            return None;
        }
        Some(self.cand(i, i + 1, Sem::date(YearRef::Abs(y), None, None)))
    }

    /// Decades written with digits: `1990s`, `the 1990’s`, `70s`,
    /// `the mid-1990s`.
    fn decade_num(&self, i: usize) -> Option<Cand> {
        if let Some(c) = self.short_range_year(i) {
            return Some(c);
        }
        let (v, l) = self.num(i)?;
        let mut e = i + 1;
        if self.is_word(e, "s") && self.glued(e) {
            e += 1;
        } else if self.t.get(e).is_some_and(|t| t.is_apos())
            && self.glued(e)
            && self.is_word(e + 1, "s")
            && self.glued(e + 1)
            && l == 4
            && self.wb(i) == W::The
        {
            e += 2;
        } else {
            return None;
        }
        if v % 10 != 0 {
            return None;
        }
        let prefix = match l {
            4 if (1000..=2090).contains(&v) => (v / 10) as i32,
            2 => {
                let p = self.wb(i);
                let ctx = matches!(p, W::The | W::And | W::Or | W::Early | W::Mid | W::Late)
                    || (self.glued(i) && self.dash(i - 1));
                if !ctx {
                    return None;
                }
                if v >= 30 {
                    190 + (v / 10) as i32
                } else {
                    200 + (v / 10) as i32
                }
            }
            _ => return None,
        };
        let (mut s, modifier) = self.part_of(i, true);
        if modifier.is_none() && s > self.floor && self.w(s - 1) == W::The {
            s -= 1;
        }
        let mut c = self.cand(s, e, Sem::Decade(prefix));
        c.modifier = modifier;
        Some(c)
    }

    /// `'82` (a year) and `'90s` (a decade).
    pub(super) fn apostrophe_year(&self, i: usize) -> Option<Cand> {
        let (v, l) = self.num(i + 1)?;
        if l != 2
            || !self.glued(i + 1)
            || (i > 0 && self.glued(i) && self.t[i - 1].kind != Kind::Punct)
        {
            return None;
        }
        let full = if v >= 30 {
            1900 + v as i32
        } else {
            2000 + v as i32
        };
        if self.is_word(i + 2, "s") && self.glued(i + 2) {
            if v % 10 != 0 {
                return None;
            }
            let (mut s, modifier) = self.part_of(i, true);
            if modifier.is_none() && s > self.floor && self.w(s - 1) == W::The {
                s -= 1;
            }
            let mut c = self.cand(s, i + 3, Sem::Decade(full / 10));
            c.modifier = modifier;
            return Some(c);
        }
        if self.glued(i + 2) && self.t.get(i + 2).is_some_and(|t| t.kind != Kind::Punct) {
            return None;
        }
        let p = self.wb(i);
        if !(date_prep(p) || matches!(p, W::Month(_) | W::Season(_))) {
            return None;
        }
        Some(self.cand(i, i + 2, Sem::date(YearRef::Abs(full), None, None)))
    }

    /// `Q2 2025`, `H1 2025`, `Q3`.
    pub(super) fn letter_code(&self, i: usize) -> Option<Cand> {
        let t = &self.t[i];
        if t.len() != 1 || !self.glued(i + 1) {
            return None;
        }
        let c = self.word(i);
        let (v, l) = self.num(i + 1)?;
        if l != 1 || (self.glued(i + 2) && self.t[i + 2].kind != Kind::Punct) {
            return None;
        }
        let (y, e) = self.period_year(i + 2).unwrap_or((YearRef::Open, i + 2));
        let sem = match c {
            "Q" if (1..=4).contains(&v) => Sem::Quarter { y, q: v as u8 },
            "H" if (1..=2).contains(&v) => Sem::Half { y, h: v as u8 },
            _ => return None,
        };
        if y == YearRef::Open && !self.spaced(i) {
            return None;
        }
        Some(self.cand(i, e, sem))
    }

    /// The year complement of a period: `of 2025`, `2025`, `of the year`,
    /// `of last year`, `this year`. Returns the year and the end token.
    pub(super) fn period_year(&self, j: usize) -> Option<(YearRef, usize)> {
        let mut k = j;
        if self.w(k) == W::Of || self.punct(k, ',') {
            k += 1;
        }
        if let Some(y) = self
            .year_at(k)
            .filter(|_| self.spaced(k) || self.dash(k - 1))
            && !matches!(self.w(k + 1), W::CountNoun | W::Money | W::Units(_))
        {
            return Some((YearRef::Abs(y), k + 1));
        }
        if (self.w(k) == W::Fiscal || self.w(k) == W::Fy) && self.year_at(k + 1).is_some() {
            return Some((YearRef::Abs(self.year_at(k + 1)?), k + 2));
        }
        if self.w(k + 1) == W::Unit(Unit::Year) {
            let y = match self.w(k) {
                W::The if self.w(j) == W::Of => YearRef::Focus,
                W::This | W::Current => YearRef::Dct(0),
                W::Last => YearRef::Dct(-1),
                W::Next => YearRef::Dct(1),
                _ => return None,
            };
            return Some((y, k + 2));
        }
        if self.w(k) == W::The
            && self.w(k + 1) == W::Current
            && self.w(k + 2) == W::Unit(Unit::Year)
        {
            return Some((YearRef::Dct(0), k + 3));
        }
        None
    }

    /// Seasons: `spring 2025`, `the summer months`, `last winter`,
    /// `the fall of 2024`, `early spring`.
    pub(super) fn season(&self, i: usize) -> Option<Cand> {
        let s = match self.w(i) {
            W::Season(s) => s,
            W::Fall => 2,
            _ => return None,
        };
        let fall = self.w(i) == W::Fall;
        let prev = self.wb(i);
        // Arab Spring, Summer Olympics, Mr. Winter: a capitalized season
        // inside a sentence needs date context
        if self.cap(i) && !self.sent_start(i) && !self.t[i].has(super::super::token::UPPER) {
            let ctx = date_prep(prev)
                || matches!(
                    prev,
                    W::The
                        | W::Poss
                        | W::This
                        | W::Last
                        | W::Next
                        | W::Past
                        | W::Coming
                        | W::Early
                        | W::Late
                        | W::Mid
                )
                || self.year_at(i + 1).is_some()
                || (self.w(i + 1) == W::Of && self.year_at(i + 2).is_some());
            let prev_name = i > 0 && self.cap(i - 1) && self.t[i - 1].w == W::None;
            let next_name = self.cap(i + 1) && self.w(i + 1) == W::None;
            if !ctx || prev_name || next_name {
                return None;
            }
        }
        let mut e = i + 1;
        if self.w(e) == W::Units(Unit::Month) {
            e += 1;
        }
        let mut y = YearRef::Open;
        if let Some((yy, ye)) = self.period_year(e)
            && !matches!(yy, YearRef::Focus)
        {
            y = yy;
            e = ye;
        }
        // last/this/next/past summer
        let rel = if i > self.floor {
            match prev {
                W::Last | W::Past | W::Previous => Some(-1),
                W::This | W::Current => Some(0),
                W::Next | W::Coming => Some(1),
                _ => None,
            }
        } else {
            None
        };
        if let Some(n) = rel {
            let mut st = i - 1;
            if st > self.floor && self.w(st - 1) == W::The {
                st -= 1;
            }
            let (st, modifier) = self.part_of(st, false);
            let mut c = self.cand(st, e, Sem::RelSeason { s, n });
            c.modifier = modifier;
            return Some(c);
        }
        let (mut st, modifier) = self.part_of(i, true);
        let had_the = st > self.floor && self.w(st - 1) == W::The;
        if modifier.is_none() && had_the {
            st -= 1;
        }
        if fall {
            let ok = matches!(y, YearRef::Abs(_))
                || modifier.is_some()
                || (had_the
                    && matches!(self.wb(st), W::In | W::During | W::By | W::Until | W::Since)
                    && self.w(i + 1) != W::Of)
                || e > i + 1;
            if !ok {
                return None;
            }
        }
        let mut c = self.cand(st, e, Sem::Season { y, s });
        c.modifier = modifier;
        Some(c)
    }

    /// `FY2025`, `FY 2025`, `fiscal 2025`, `fiscal year 2025`.
    pub(super) fn fiscal(&self, i: usize) -> Option<Cand> {
        let mut j = i + 1;
        if self.w(i) == W::Fiscal && self.w(j) == W::Unit(Unit::Year) {
            j += 1;
        }
        let (v, l) = self.num(j)?;
        let y = match l {
            4 if (1900..=2099).contains(&v) => v as i32,
            2 if self.w(i) == W::Fy => 2000 + v as i32,
            _ => return None,
        };
        Some(self.cand(i, j + 1, Sem::Fiscal(y)))
    }

    pub(super) fn cand(&self, s: usize, e: usize, sem: Sem) -> Cand {
        Cand {
            s,
            e,
            sem,
            modifier: None,
        }
    }
}

impl Sem {
    pub(crate) fn date(y: YearRef, m: Option<u32>, d: Option<u32>) -> Sem {
        Sem::Date { y, m, d }
    }
}
