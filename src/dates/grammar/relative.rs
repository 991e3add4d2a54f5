//! Rules for relative and vague expressions: weekdays, unit words
//! (`last week`, `three years ago`, `for months`), quarters and halves,
//! deictic words (`today`, `now`, `the future`), sets (`annual`) and parts
//! of the day (`this morning`).

use super::super::lexicon::{Unit, W};
use super::super::token::Kind;
use super::{Cand, G, Sem, WdRel, YearRef, duration};

const POD: [&str; 4] = ["MO", "AF", "EV", "NI"];

/// Words that make a following weekday a name (`Black Monday`).
const WEEKDAY_NAMES: &[&str] = &[
    "Black", "Bloody", "Good", "Holy", "Ash", "Easter", "Cyber", "Super", "Blue", "Palm", "Maundy",
    "Shrove", "Fat", "Whit", "Low", "Giving",
];

impl<'a> G<'a> {
    /// `Monday`, `last Friday`, `Thursday night`, `Monday, January 19`.
    pub(super) fn weekday(&self, i: usize) -> Option<Cand> {
        let (wd, abbr) = match self.w(i) {
            W::Weekday(d) => (d, false),
            W::WeekdayAbbr(d) => (d, true),
            _ => return None,
        };
        if !self.cap(i) {
            return None;
        }
        // Weekday, date
        let mut j = if abbr { self.skip_dot(i) } else { i + 1 };
        if self.punct(j, ',') {
            j += 1;
        }
        let inner = match self.t.get(j).map(|t| t.kind) {
            Some(Kind::Word) if matches!(self.w(j), W::Month(_) | W::MonthAbbr(_)) => self.month(j),
            Some(Kind::Num) => self.number(j),
            _ => None,
        };
        if let Some(mut c) = inner
            && c.s == j
            && matches!(c.sem, Sem::Date { d: Some(_), .. })
        {
            c.s = i;
            return Some(c);
        }
        if abbr {
            return None;
        }
        // Black Monday, Good Friday
        if i > 0 && self.cap(i - 1) && WEEKDAY_NAMES.iter().any(|x| self.word(i - 1) == *x) {
            return None;
        }
        let mut s = i;
        let mut rel = WdRel::Tense;
        if i > self.floor {
            let r = match self.w(i - 1) {
                W::Last | W::Past | W::Previous => Some(WdRel::Last),
                W::This => Some(WdRel::This),
                W::Next | W::Coming => Some(WdRel::Next),
                _ => None,
            };
            if let Some(r) = r {
                rel = r;
                s = i - 1;
            }
        }
        let sem = Sem::Weekday { wd, rel };
        if let W::PartOfDay(p) = self.w(i + 1) {
            return Some(self.cand(
                s,
                i + 2,
                Sem::Time {
                    day: Some(Box::new(sem)),
                    suffix: format!("T{}", POD[p as usize]),
                },
            ));
        }
        Some(self.cand(s, i + 1, sem))
    }

    /// Unit words: durations, relative periods and vague plurals.
    pub(super) fn unit(&self, i: usize) -> Option<Cand> {
        let (u, plural) = match self.w(i) {
            W::Unit(u) => (u, false),
            W::Units(u) => (u, true),
            _ => return None,
        };
        if u == Unit::Quarter && !plural {
            return self.quarter(i);
        }
        if u == Unit::Century
            && !plural
            && let Some(c) = self.century(i)
        {
            return Some(c);
        }
        // 27-year, five-year, 12-hour
        if i > self.floor + 1 && self.dash(i - 1) && self.glued(i) && self.glued(i - 1) {
            if self.dash(i + 1) && self.is_word(i + 2, "old") {
                return None;
            }
            if !self.timeml {
                return None;
            }
            if let Some((n, s)) = self.cardinal_before(i - 1) {
                return Some(self.cand(s, i + 1, Sem::Duration(duration(&n, u))));
            }
            if self.is_word(i - 2, "single") && u == Unit::Day {
                return Some(self.cand(i - 2, i + 1, Sem::Duration("P1D".into())));
            }
            return None;
        }
        // decades-long
        if plural
            && self.timeml
            && self.dash(i + 1)
            && self.glued(i + 1)
            && self.is_word(i + 2, "long")
        {
            return Some(self.cand(i, i + 3, Sem::Duration(duration("X", u))));
        }
        if u == Unit::Week
            && !plural
            && let Some(c) = self.week_of(i)
        {
            return Some(c);
        }
        if let Some(c) = self.counted(i, u, plural) {
            return Some(c);
        }
        if let Some(c) = self.relative_unit(i, u, plural) {
            return Some(c);
        }
        self.bare_unit(i, u, plural)
    }

    /// The count before a unit at `j`: (value, first token).
    fn count_before(&self, j: usize) -> Option<(String, usize)> {
        if j <= self.floor {
            return None;
        }
        // one and a half years
        if j >= self.floor + 4
            && self.w(j - 1) == W::Half
            && self.w(j - 2) == W::A
            && self.w(j - 3) == W::And
        {
            let (n, s) = self.cardinal_before(j - 3)?;
            return Some((format!("{n}.5"), s));
        }
        if let Some((n, s)) = self.cardinal_before(j) {
            if n.len() > 4 {
                return None;
            }
            return Some((n, s));
        }
        match self.w(j - 1) {
            W::A => Some(("1".into(), j - 1)),
            W::Fuzzy => {
                let mut s = j - 1;
                if s > self.floor && self.w(s - 1) == W::A {
                    s -= 1;
                }
                Some(("X".into(), s))
            }
            // a couple of weeks, dozens of years
            W::Of if j >= self.floor + 2 && self.w(j - 2) == W::Fuzzy => {
                let mut s = j - 2;
                if s > self.floor && self.w(s - 1) == W::A {
                    s -= 1;
                }
                let n = if self.is_word(j - 2, "couple") {
                    "2"
                } else {
                    "X"
                };
                Some((n.into(), s))
            }
            _ => None,
        }
    }

    /// `three years`, `a week ago`, `two weeks later`, `the past nine days`,
    /// `nearly five months`, `15 a year` (a set).
    fn counted(&self, i: usize, u: Unit, plural: bool) -> Option<Cand> {
        let mut j = i;
        if j > self.floor
            && [
                "consecutive",
                "straight",
                "successive",
                "more",
                "full",
                "long",
                "whole",
                "trading",
                "business",
                "working",
                "calendar",
            ]
            .iter()
            .any(|a| self.is_word(j - 1, a))
        {
            j -= 1;
        }
        let (mut n, mut s) = self.count_before(j)?;
        if u == Unit::Quarter && !plural {
            return None;
        }
        if n.parse::<u32>().is_ok_and(|v| v >= 1000)
            && matches!(u, Unit::Year | Unit::Decade | Unit::Century)
        {
            return None;
        }
        if self.w(s) == W::A {
            let next = self.t.get(i + 1);
            if next.is_some_and(|t| t.kind == Kind::Word && t.w == W::None && !self.cap(i + 1)) {
                return None;
            }
        }
        let mut e = i + 1;
        // a year and a half
        if self.w(e) == W::And && self.w(e + 1) == W::A && self.w(e + 2) == W::Half {
            n = format!("{n}.5");
            e += 3;
        }
        // sets: per/every/each, "15 a year", "twice a day"
        let follows = matches!(
            self.w(e),
            W::Ago | W::Later | W::Earlier | W::After | W::Before
        );
        if !follows {
            let before = if s > 0 { self.w(s - 1) } else { W::None };
            let set_prev = matches!(before, W::Per | W::Every)
                || (self.w(s) == W::A
                    && s > 0
                    && (self.is_num(s - 1)
                        || self.is_word(s - 1, "twice")
                        || self.is_word(s - 1, "once")
                        || self.w(s - 1) == W::CountNoun
                        || self.w(s - 1) == W::Money));
            if set_prev {
                let st = if matches!(before, W::Per | W::Every) && s > self.floor {
                    s - 1
                } else {
                    s
                };
                if !self.timeml {
                    return None;
                }
                return Some(self.cand(st, e, Sem::Set(duration(&n, u))));
            }
        }
        // right side
        let mut modifier = None;
        let sem = match self.w(e) {
            W::Ago => {
                e += 1;
                match n.parse::<i32>() {
                    Ok(v) if !n.contains('.') => match u {
                        Unit::Week => Sem::Rel {
                            unit: Unit::Day,
                            n: -7 * v,
                        },
                        Unit::Fortnight => Sem::Rel {
                            unit: Unit::Day,
                            n: -14 * v,
                        },
                        Unit::Decade => Sem::Rel {
                            unit: Unit::Year,
                            n: -10 * v,
                        },
                        Unit::Century => Sem::Rel {
                            unit: Unit::Year,
                            n: -100 * v,
                        },
                        _ => Sem::Rel { unit: u, n: -v },
                    },
                    _ => Sem::Refer("PAST_REF"),
                }
            }
            W::Later | W::Earlier => {
                e += 1;
                Sem::Duration(duration(&n, u))
            }
            _ => Sem::Duration(duration(&n, u)),
        };
        let is_ago = self.w(e - 1) == W::Ago;
        // left side: the past/next/last/first N; about/nearly/over/more than
        if s > self.floor {
            match self.w(s - 1) {
                W::Past
                | W::Last
                | W::Next
                | W::Coming
                | W::Previous
                | W::Following
                | W::Final
                | W::Ord(1) => {
                    s -= 1;
                    if s > self.floor && self.w(s - 1) == W::The {
                        s -= 1;
                    }
                }
                W::The => s -= 1,
                _ => {}
            }
        }
        if s > self.floor {
            let (m, st) = match self.w(s - 1) {
                W::About => (Some("APPROX"), s - 1),
                W::Nearly | W::Under => (Some(if is_ago { "AFTER" } else { "LESS_THAN" }), s - 1),
                W::Over if self.timeml => {
                    (Some(if is_ago { "BEFORE" } else { "MORE_THAN" }), s - 1)
                }
                W::Than if s >= self.floor + 2 => match self.w(s - 2) {
                    W::More => (Some(if is_ago { "BEFORE" } else { "MORE_THAN" }), s - 2),
                    W::Less => (Some(if is_ago { "AFTER" } else { "LESS_THAN" }), s - 2),
                    _ => (None, s),
                },
                W::Least if s >= self.floor + 2 && self.w(s - 2) == W::At => {
                    (Some("EQUAL_OR_MORE"), s - 2)
                }
                W::To if s >= self.floor + 2 && self.w(s - 2) == W::Up => {
                    (Some("EQUAL_OR_LESS"), s - 2)
                }
                _ => (None, s),
            };
            if m.is_some() {
                modifier = m;
                s = st;
                if s > self.floor && self.w(s - 1) == W::Just {
                    s -= 1;
                }
            }
        }
        let mut c = self.cand(s, e, sem);
        c.modifier = modifier;
        Some(c)
    }

    /// `last week`, `this year`, `the previous month`, `the past decade`,
    /// `recent months`, `these days`, `the end of last year`.
    fn relative_unit(&self, i: usize, u: Unit, plural: bool) -> Option<Cand> {
        if i <= self.floor {
            return None;
        }
        let p = i - 1;
        let pw = self.w(p);
        let the = p > self.floor && self.w(p - 1) == W::The;
        let mut s = if the { p - 1 } else { p };
        let sem = if plural {
            match pw {
                W::Recent | W::Last | W::Past | W::Previous => Sem::Refer("PAST_REF"),
                W::Coming | W::Next | W::Following => Sem::Refer("FUTURE_REF"),
                W::These if u == Unit::Day => Sem::Refer("PRESENT_REF"),
                _ => return None,
            }
        } else {
            let dct_unit = !matches!(u, Unit::Day | Unit::Hour | Unit::Minute | Unit::Fortnight);
            match pw {
                W::Last if dct_unit => Sem::Rel { unit: u, n: -1 },
                W::Next | W::Following if u == Unit::Day => Sem::RefRel { unit: u, n: 1 },
                W::Next | W::Coming if dct_unit => Sem::Rel { unit: u, n: 1 },
                W::This | W::Current if dct_unit => Sem::Rel { unit: u, n: 0 },
                W::Past if u != Unit::Weekend => Sem::Duration(duration("1", u)),
                W::Previous if dct_unit || u == Unit::Day => Sem::RefRel { unit: u, n: -1 },
                W::Following if dct_unit => Sem::RefRel { unit: u, n: 1 },
                W::Same => Sem::RefRel { unit: u, n: 0 },
                W::That if dct_unit || u == Unit::Day => Sem::RefRel { unit: u, n: 0 },
                W::Entire if u == Unit::Year && the => Sem::RefRel { unit: u, n: 0 },
                _ => return None,
            }
        };
        let mut e = i + 1;
        let mut sem = sem;
        if pw == W::Same
            && let Some(k) = self.year_ago_after(e)
        {
            sem = Sem::RefYearAgo { unit: Some(u) };
            e = k;
        }
        if matches!(sem, Sem::RefRel { .. }) && pw == W::That {
            s = p;
        }
        // earlier this year / later this month
        let mut modifier = None;
        if matches!(pw, W::This | W::That)
            && s > self.floor
            && matches!(self.w(s - 1), W::Earlier | W::Later)
        {
            s -= 1;
        } else if matches!(sem, Sem::Rel { .. } | Sem::RefRel { .. }) {
            let (st, m) = self.part_of(s, false);
            s = st;
            modifier = m;
        }
        let mut c = self.cand(s, e, sem);
        c.modifier = modifier;
        Some(c)
    }

    /// `a year ago`, `last year`, `a year earlier`, `the previous year`,
    /// `of the last year` after `the same month`: the end token.
    pub(super) fn year_ago_after(&self, e: usize) -> Option<usize> {
        let mut k = e;
        if self.w(k) == W::Of {
            k += 1;
        }
        let y = W::Unit(Unit::Year);
        match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            (W::A, w, W::Ago | W::Earlier | W::Before) if w == y => Some(k + 3),
            (W::Last, w, _) if w == y => Some(k + 2),
            (W::The, W::Last | W::Previous, w) if w == y => Some(k + 3),
            (W::The, w, W::Before | W::Previous) if w == y => Some(k + 3),
            _ => None,
        }
    }

    /// `the same period last year`.
    pub(super) fn same_period(&self, i: usize) -> Option<Cand> {
        if i < self.floor + 2 || self.w(i - 1) != W::Same || self.w(i - 2) != W::The {
            return None;
        }
        let e = self.year_ago_after(i + 1)?;
        Some(self.cand(i - 2, e, Sem::RefYearAgo { unit: None }))
    }

    /// `the first week of March`, `the last week of December 2025`.
    fn week_of(&self, i: usize) -> Option<Cand> {
        if i <= self.floor || self.w(i + 1) != W::Of {
            return None;
        }
        let n = match self.w(i - 1) {
            W::Ord(k) if k <= 5 => k as i8,
            W::Last | W::Final => -1,
            _ => return None,
        };
        let k = i + 2;
        let W::Month(m) = self.w(k) else { return None };
        if !self.cap(k) {
            return None;
        }
        let (y, e) = match self.year_at(k + 1) {
            Some(y) => (YearRef::Abs(y), k + 2),
            None => (YearRef::Open, k + 1),
        };
        let mut s = i - 1;
        if s > self.floor && self.w(s - 1) == W::The {
            s -= 1;
        }
        Some(self.cand(s, e, Sem::WeekOf { y, m: m as u32, n }))
    }

    /// Unit words without count or relative word: `for months`, `over the
    /// years`, `every year`, `the end of the year`, `year-end`, `the day`.
    fn bare_unit(&self, i: usize, u: Unit, plural: bool) -> Option<Cand> {
        let pw = self.wb(i);
        if plural {
            if i > 0 && matches!(pw, W::For | W::In | W::Over | W::During) {
                return Some(self.cand(i, i + 1, Sem::Duration(duration("X", u))));
            }
            if i > 1 && pw == W::Just && self.w(i - 2) == W::In {
                return Some(self.cand(i - 1, i + 1, Sem::Duration(duration("X", u))));
            }
            if i > self.floor + 1 && pw == W::The && matches!(self.w(i - 2), W::Over | W::Until) {
                return Some(self.cand(i - 1, i + 1, Sem::Duration(duration("X", u))));
            }
            return None;
        }
        if i > self.floor && matches!(pw, W::Per | W::Every) {
            if !self.timeml {
                return None;
            }
            return Some(self.cand(i - 1, i + 1, Sem::Set(duration("1", u))));
        }
        // year-end
        if u == Unit::Year && self.dash(i + 1) && self.glued(i + 1) && self.is_word(i + 2, "end") {
            let mut c = self.cand(i, i + 3, Sem::date(YearRef::Focus, None, None));
            c.modifier = Some("END");
            return Some(c);
        }
        if i <= self.floor || pw != W::The {
            return None;
        }
        let the = i - 1;
        if u == Unit::Weekend {
            return Some(self.cand(the, i + 1, Sem::Rel { unit: u, n: 0 }));
        }
        // the year before / the year previous / the day before
        if matches!(self.w(i + 1), W::Before | W::Previous)
            && !self
                .t
                .get(i + 2)
                .is_some_and(|t| t.kind == Kind::Word && t.w == W::The)
        {
            return Some(self.cand(the, i + 2, Sem::RefRel { unit: u, n: -1 }));
        }
        // the end of the year / month
        let (s, modifier) = self.part_of(the, false);
        if modifier.is_some() {
            let sem = match u {
                Unit::Year => Sem::date(YearRef::Focus, None, None),
                Unit::Month | Unit::Week | Unit::Day | Unit::Decade => {
                    Sem::RefRel { unit: u, n: 0 }
                }
                _ => return None,
            };
            let mut c = self.cand(s, i + 1, sem);
            c.modifier = modifier;
            return Some(c);
        }
        // end the day, for the day, late in the day
        if u == Unit::Day && the > 0 {
            let pp = self.word(the - 1).to_ascii_lowercase();
            let idiom = matches!(
                pp.as_str(),
                "end"
                    | "ended"
                    | "ending"
                    | "ends"
                    | "close"
                    | "closed"
                    | "closing"
                    | "finish"
                    | "finished"
                    | "for"
            ) || (self.w(the - 1) == W::In
                && the >= 2
                && matches!(self.w(the - 2), W::Late | W::Later | W::Earlier | W::Early));
            if idiom {
                return Some(self.cand(the, i + 1, Sem::RefRel { unit: u, n: 0 }));
            }
        }
        None
    }

    /// `the first quarter of 2025`, `third-quarter`, `the last quarter`,
    /// `the fourth quarter last year`, `this quarter`.
    fn quarter(&self, i: usize) -> Option<Cand> {
        if i <= self.floor {
            return None;
        }
        let mut p = i - 1;
        // third-quarter
        if self.dash(p) && self.glued(p) && self.glued(i) && p > self.floor {
            p -= 1;
        }
        let yr = self.period_year(i + 1);
        let (sem, e) = match self.w(p) {
            W::Ord(q) if (1..=4).contains(&q) => {
                let (y, e) = yr.unwrap_or((YearRef::Open, i + 1));
                (Sem::Quarter { y, q }, e)
            }
            W::Last | W::Final if yr.is_some() => {
                let (y, e) = yr?;
                (Sem::Quarter { y, q: 4 }, e)
            }
            W::Last | W::Past | W::Previous => (
                Sem::Rel {
                    unit: Unit::Quarter,
                    n: -1,
                },
                i + 1,
            ),
            W::This | W::Current => (
                Sem::Rel {
                    unit: Unit::Quarter,
                    n: 0,
                },
                i + 1,
            ),
            W::Next | W::Coming => (
                Sem::Rel {
                    unit: Unit::Quarter,
                    n: 1,
                },
                i + 1,
            ),
            _ => return None,
        };
        let mut s = p;
        if s > self.floor && self.w(s - 1) == W::The {
            s -= 1;
        }
        let (s, modifier) = self.part_of(s, false);
        let mut c = self.cand(s, e, sem);
        c.modifier = modifier;
        Some(c)
    }

    /// `the 20th century`, `the twenty-first century`.
    fn century(&self, i: usize) -> Option<Cand> {
        if i < self.floor + 2 {
            return None;
        }
        let p = i - 1;
        let (n, mut s) = if self.ord_suffix(p) {
            let (v, l) = self.num(p - 1)?;
            if l > 2 {
                return None;
            }
            (v as i32, p - 1)
        } else if let W::Ord(k) = self.w(p) {
            if p >= self.floor + 2 && self.dash(p - 1) && self.w(p - 2) == W::Num(20) {
                (20 + k as i32, p - 2)
            } else {
                (k as i32, p)
            }
        } else {
            return None;
        };
        if !(1..=30).contains(&n) {
            return None;
        }
        let (st, modifier) = self.part_of(s, true);
        s = st;
        if modifier.is_none() && s > self.floor && self.w(s - 1) == W::The {
            s -= 1;
        }
        let mut c = self.cand(s, i + 1, Sem::Century(n - 1));
        c.modifier = modifier;
        Some(c)
    }

    /// `the first half of 2025`, `the second half of the year`.
    pub(super) fn half(&self, i: usize) -> Option<Cand> {
        if i <= self.floor {
            return None;
        }
        let mut p = i - 1;
        if self.dash(p) && self.glued(p) && self.glued(i) && p > self.floor {
            p -= 1;
        }
        let h = match self.w(p) {
            W::Ord(h) if (1..=2).contains(&h) => h,
            W::Last | W::Late if self.w(i + 1) == W::Of => 2,
            _ => return None,
        };
        let (y, e) = self.period_year(i + 1)?;
        let mut s = p;
        if s > self.floor && self.w(s - 1) == W::The {
            s -= 1;
        }
        Some(self.cand(s, e, Sem::Half { y, h }))
    }

    /// Single deictic words and fixed phrases: `today`, `yesterday
    /// morning`, `now`, `currently`, `recently`, `soon`, `the future`,
    /// `the past`, `at present`, `the long term`, `the time being`.
    pub(super) fn deictic(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let day_rel = match w {
            W::Today => Some(0),
            W::Yesterday => Some(-1),
            W::Tomorrow => Some(1),
            _ => None,
        };
        if let Some(n) = day_rel {
            let day = Sem::Rel { unit: Unit::Day, n };
            let mut s = i;
            if i > self.floor && matches!(self.w(i - 1), W::Earlier | W::Later) {
                s = i - 1;
            }
            if let W::PartOfDay(p) = self.w(i + 1) {
                return Some(self.cand(
                    s,
                    i + 2,
                    Sem::Time {
                        day: Some(Box::new(day)),
                        suffix: format!("T{}", POD[p as usize]),
                    },
                ));
            }
            return Some(self.cand(s, i + 1, day));
        }
        let glued_dash = self.dash(i + 1) && self.glued(i + 1);
        match w {
            W::Tonight => Some(self.cand(
                i,
                i + 1,
                Sem::Time {
                    day: Some(Box::new(Sem::Rel {
                        unit: Unit::Day,
                        n: 0,
                    })),
                    suffix: "TNI".into(),
                },
            )),
            W::Now if !(glued_dash || (self.glued(i) && self.dash(i.wrapping_sub(1)))) => {
                Some(self.cand(i, i + 1, Sem::Refer("PRESENT_REF")))
            }
            W::Currently => Some(self.cand(i, i + 1, Sem::Refer("PRESENT_REF"))),
            W::Recently => {
                let s = if i > self.floor && self.w(i - 1) == W::More {
                    i - 1
                } else {
                    i
                };
                Some(self.cand(s, i + 1, Sem::Refer("PAST_REF")))
            }
            W::Soon => {
                if !self.timeml || self.w(i + 1) == W::As || self.wb(i) == W::As {
                    return None;
                }
                let s = if i > self.floor && self.w(i - 1) == W::Very {
                    i - 1
                } else {
                    i
                };
                Some(self.cand(s, i + 1, Sem::Refer("FUTURE_REF")))
            }
            W::Future => {
                let mut s = i;
                if s > self.floor
                    && (matches!(self.w(s - 1), W::Near)
                        || ["distant", "foreseeable", "immediate"]
                            .iter()
                            .any(|a| self.is_word(s - 1, a)))
                {
                    s -= 1;
                }
                if s > self.floor && self.w(s - 1) == W::The {
                    Some(self.cand(s - 1, i + 1, Sem::Refer("FUTURE_REF")))
                } else {
                    None
                }
            }
            W::Past => {
                if !(i > self.floor && self.w(i - 1) == W::The) {
                    return None;
                }
                let next = self.t.get(i + 1);
                let ok = match next {
                    None => true,
                    Some(t) => {
                        t.kind == Kind::Punct
                            || self.cap(i + 1)
                            || (t.w != W::None
                                && !matches!(
                                    t.w,
                                    W::Unit(_)
                                        | W::Units(_)
                                        | W::Num(_)
                                        | W::Fuzzy
                                        | W::Ord(_)
                                        | W::A
                                        | W::Season(_)
                                        | W::Weekday(_)
                                        | W::Month(_)
                                ))
                    }
                };
                if ok && !self.is_num(i + 1) {
                    Some(self.cand(i - 1, i + 1, Sem::Refer("PAST_REF")))
                } else {
                    None
                }
            }
            W::Present => {
                if i > 0 && self.w(i - 1) == W::At && !(self.w(i + 1) == W::Unit(Unit::Day)) {
                    Some(self.cand(i, i + 1, Sem::Refer("PRESENT_REF")))
                } else {
                    None
                }
            }
            W::Term => {
                if i <= self.floor + 1 {
                    return None;
                }
                let a = i - 1;
                let adj = matches!(self.w(a), W::Near | W::Long | W::Short)
                    || ["medium", "longer", "shorter"]
                        .iter()
                        .any(|x| self.is_word(a, x));
                if adj && self.spaced(i) && self.w(a - 1) == W::The {
                    Some(self.cand(a - 1, i + 1, Sem::Refer("FUTURE_REF")))
                } else {
                    None
                }
            }
            W::Time => {
                if self.w(i + 1) == W::Being && i > self.floor && self.w(i - 1) == W::The {
                    Some(self.cand(i - 1, i + 2, Sem::Refer("PRESENT_REF")))
                } else {
                    None
                }
            }
            W::Moment => {
                if i >= 2
                    && matches!(self.w(i - 1), W::The | W::This)
                    && self.w(i - 2) == W::At
                    && i > self.floor
                {
                    Some(self.cand(i - 1, i + 1, Sem::Refer("PRESENT_REF")))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// `annual`, `weekly`, `daily` ... (sets).
    pub(super) fn set_adj(&self, i: usize) -> Option<Cand> {
        let W::SetAdj(u) = self.w(i) else { return None };
        if !self.timeml {
            return None;
        }
        if self.glued(i) && self.dash(i - 1) {
            return None;
        }
        Some(self.cand(i, i + 1, Sem::Set(duration("1", u))))
    }

    /// `this morning`, `last night`.
    pub(super) fn part_of_day(&self, i: usize) -> Option<Cand> {
        let W::PartOfDay(p) = self.w(i) else {
            return None;
        };
        if i <= self.floor {
            return None;
        }
        let n = match self.w(i - 1) {
            W::This => 0,
            W::Last if p == 3 => -1,
            _ => return None,
        };
        Some(self.cand(
            i - 1,
            i + 1,
            Sem::Time {
                day: Some(Box::new(Sem::Rel { unit: Unit::Day, n })),
                suffix: format!("T{}", POD[p as usize]),
            },
        ))
    }
}
