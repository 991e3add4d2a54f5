//! Resolution of matched expressions against the DCT: picks the year of
//! underspecified months, days, seasons and quarters (year in focus, else
//! tense of the clause), places weekdays and relative periods, and formats
//! TIMEX3 values. Keeps the discourse state (year in focus, last point in
//! time) as the document is read left to right.

use super::TimexType;
use super::calendar::{Ymd, add_months, days_in_month, fmt_month, fmt_week, fmt_year};
use super::grammar::{Cand, Sem, WdRel, YearRef};
use super::lexicon::{Unit, W};
use super::tense::{Tense, tense_at};
use super::token::Tok;

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// A period that repeats every year, for choosing its year.
#[derive(Clone, Copy, Debug)]
enum Period {
    Month(u32),
    Day(u32, u32),
    Season(u8),
    Quarter(u8),
    Half(u8),
}

impl Period {
    /// First and last day of the period's occurrence in year `y`.
    fn bounds(self, y: i32) -> (Ymd, Ymd) {
        match self {
            Period::Month(m) => (Ymd::new(y, m, 1), Ymd::new(y, m, days_in_month(y, m))),
            Period::Day(m, d) => {
                let d = d.min(days_in_month(y, m));
                (Ymd::new(y, m, d), Ymd::new(y, m, d))
            }
            Period::Season(s) => match s {
                0 => (Ymd::new(y, 3, 1), Ymd::new(y, 5, 31)),
                1 => (Ymd::new(y, 6, 1), Ymd::new(y, 8, 31)),
                2 => (Ymd::new(y, 9, 1), Ymd::new(y, 11, 30)),
                _ => (
                    Ymd::new(y, 12, 1),
                    Ymd::new(y + 1, 2, days_in_month(y + 1, 2)),
                ),
            },
            Period::Quarter(q) => {
                let m = (q as u32 - 1) * 3 + 1;
                (
                    Ymd::new(y, m, 1),
                    Ymd::new(y, m + 2, days_in_month(y, m + 2)),
                )
            }
            Period::Half(h) => {
                let m = (h as u32 - 1) * 6 + 1;
                (
                    Ymd::new(y, m, 1),
                    Ymd::new(y, m + 5, days_in_month(y, m + 5)),
                )
            }
        }
    }
}

/// A resolved point in time (as precise as known).
#[derive(Clone, Copy, Debug)]
struct Point {
    y: i32,
    m: Option<u32>,
    d: Option<u32>,
}

impl Point {
    /// A whole year.
    fn year(y: i32) -> Point {
        Point {
            y,
            m: None,
            d: None,
        }
    }
}

/// Left-to-right resolver for one document.
pub(crate) struct Resolver<'a> {
    text: &'a str,
    toks: &'a [Tok],
    dct: Option<Ymd>,
    /// Year last written in the text, and its sentence.
    focus: Option<(i32, u32)>,
    /// Last resolved point, and its sentence.
    refp: Option<(Point, u32)>,
    /// Last resolved day, anywhere before (for `the day`, `the same day`).
    last_day: Option<Point>,
}

/// A resolved value with its type and vagueness.
pub(crate) struct Resolved {
    pub value: String,
    pub kind: TimexType,
    pub vague: bool,
}

impl<'a> Resolver<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok], dct: Option<Ymd>) -> Resolver<'a> {
        Resolver {
            text,
            toks,
            dct,
            focus: None,
            refp: None,
            last_day: None,
        }
    }

    /// Resolves one candidate (candidates must come in text order).
    pub fn resolve(&mut self, c: &Cand) -> Resolved {
        let sent = self.toks[c.s].sent;
        let value = self.value(&c.sem, c, sent);
        let kind = match c.sem {
            Sem::Duration(_) => TimexType::Duration,
            Sem::Set(_) => TimexType::Set,
            Sem::Time { .. } => TimexType::Time,
            _ => TimexType::Date,
        };
        let vague = matches!(
            c.sem,
            Sem::Duration(_)
                | Sem::Set(_)
                | Sem::Refer(_)
                | Sem::Rel { .. }
                | Sem::RefRel { .. }
                | Sem::RefYearAgo { .. }
        ) || value.contains('X');
        Resolved { value, kind, vague }
    }

    /// Tense of the candidate's clause; `until`/`by` push an open clause
    /// towards the future (`closed until Friday`), a present perfect
    /// otherwise counts as past.
    fn tense(&self, c: &Cand) -> Tense {
        let t = tense_at(self.text, self.toks, c.s, c.e);
        let prev = if c.s > 0 {
            let p = &self.toks[c.s - 1];
            &self.text[p.start as usize..p.end as usize]
        } else {
            ""
        };
        let until = ["until", "till"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(prev));
        let by = prev.eq_ignore_ascii_case("by");
        match t {
            Tense::PastWeak if until => Tense::Future,
            Tense::Perfect | Tense::Present | Tense::Unknown if until || by => Tense::Future,
            Tense::Perfect | Tense::PastWeak => Tense::Past,
            t => t,
        }
    }

    /// The year in focus: set earlier in the same sentence, or in the
    /// previous one when the expression opens its sentence (`In 2024, ...
    /// In March, ...`).
    fn focus_year(&self, c: &Cand, sent: u32) -> Option<i32> {
        self.focus
            .filter(|&(_, s)| s == sent || (s + 1 == sent && self.opens_sentence(c)))
            .map(|(y, _)| y)
    }

    /// The candidate stands at the start of its sentence, after at most two
    /// function words (`In March`, `And in March`).
    fn opens_sentence(&self, c: &Cand) -> bool {
        let sent = self.toks[c.s].sent;
        let mut k = c.s;
        let mut n = 0;
        while k > 0 && self.toks[k - 1].sent == sent {
            k -= 1;
            n += 1;
            let w = self.toks[k].w;
            let func = matches!(
                w,
                W::In
                    | W::On
                    | W::By
                    | W::During
                    | W::Since
                    | W::Until
                    | W::After
                    | W::Before
                    | W::At
                    | W::And
                    | W::From
            );
            if n > 2 || !func {
                return false;
            }
        }
        true
    }

    fn ref_point(&self, sent: u32) -> Option<Point> {
        self.refp.filter(|&(_, s)| sent <= s + 1).map(|(p, _)| p)
    }

    /// Records a resolved point; a year written in the text also becomes
    /// the year in focus, unless it only bounds a span (`since 2011`,
    /// `by 2030`) or is the DCT itself (a dateline).
    fn note_point(&mut self, p: Point, sent: u32, explicit_year: bool, c: &Cand) {
        self.refp = Some((p, sent));
        if p.d.is_some() {
            self.last_day = Some(p);
        }
        let bounding = c.s > 0
            && matches!(
                self.toks[c.s - 1].w,
                W::Since
                    | W::By
                    | W::Until
                    | W::Before
                    | W::After
                    | W::Than
                    | W::From
                    | W::To
                    | W::Between
                    | W::For
            );
        if explicit_year && !bounding {
            let is_dct = self
                .dct
                .is_some_and(|d| p.m == Some(d.m) && p.d == Some(d.d) && p.y == d.y);
            if !is_dct {
                self.focus = Some((p.y, sent));
            }
        }
    }

    /// The year of an occurrence of `per` not fixed by the text.
    fn open_year(&mut self, per: Period, c: &Cand, sent: u32) -> Option<i32> {
        let dct = self.dct;
        let mut tense = None;
        if let Some(fy) = self.focus_year(c, sent) {
            // a past-tense clause cannot put the date after the DCT, and a
            // present or future one does not go back to an earlier year
            let contradicts = dct.is_some_and(|d| {
                let t = self.tense(c);
                tense = Some(t);
                (per.bounds(fy).0 > d && t == Tense::Past)
                    || (fy < d.y && matches!(t, Tense::Present | Tense::Future))
            });
            if !contradicts {
                self.focus = Some((fy, sent));
                return Some(fy);
            }
        }
        let d = dct?;
        let tense = tense.unwrap_or_else(|| self.tense(c));
        let past = if per.bounds(d.y).0 <= d { d.y } else { d.y - 1 };
        let future = if per.bounds(d.y).1 >= d { d.y } else { d.y + 1 };
        Some(match tense {
            Tense::Future => future,
            // a present tense reaches only into the next month or so
            // ("it arrives on November 11"; "under the March 10 agreement")
            Tense::Present => {
                let df = per.bounds(future).0.to_days() - d.to_days();
                if past == future || df > 31 {
                    past
                } else {
                    future
                }
            }
            Tense::Past | Tense::PastWeak | Tense::Perfect | Tense::Unknown => past,
        })
    }

    /// A part of a year (`2026-Q3`, `XXXX-H1`): its year resolved for the
    /// period and noted as the point in focus.
    fn year_part(&mut self, y: YearRef, per: Period, part: &str, c: &Cand, sent: u32) -> String {
        match self.year_ref(y, Some(per), c, sent) {
            Some(yy) => {
                self.note_point(Point::year(yy), sent, matches!(y, YearRef::Abs(_)), c);
                format!("{}-{part}", fmt_year(yy))
            }
            None => format!("XXXX-{part}"),
        }
    }

    fn year_ref(&mut self, y: YearRef, per: Option<Period>, c: &Cand, sent: u32) -> Option<i32> {
        match y {
            YearRef::Abs(v) => Some(v),
            YearRef::Dct(n) => self.dct.map(|d| d.y + n),
            YearRef::Focus => self.focus_year(c, sent).or(self.dct.map(|d| d.y)),
            YearRef::Open => match per {
                Some(p) => self.open_year(p, c, sent),
                None => self.focus_year(c, sent).or(self.dct.map(|d| d.y)),
            },
        }
    }

    fn value(&mut self, sem: &Sem, c: &Cand, sent: u32) -> String {
        match *sem {
            Sem::Date { y, m, d } => {
                let per = match (m, d) {
                    (Some(m), Some(d)) => Some(Period::Day(m, d)),
                    (Some(m), None) => Some(Period::Month(m)),
                    _ => None,
                };
                let year = self.year_ref(y, per, c, sent);
                let explicit = matches!(y, YearRef::Abs(_));
                match year {
                    Some(yy) => {
                        self.note_point(Point { y: yy, m, d }, sent, explicit, c);
                        match (m, d) {
                            (Some(m), Some(d)) => Ymd::new(yy, m, d).fmt(),
                            (Some(m), None) => fmt_month(yy, m),
                            _ => fmt_year(yy),
                        }
                    }
                    None => match (m, d) {
                        (Some(m), Some(d)) => format!("XXXX-{:02}-{:02}", m, d),
                        (Some(m), None) => format!("XXXX-{:02}", m),
                        _ => "XXXX".into(),
                    },
                }
            }
            Sem::Season { y, s } => {
                let explicit = matches!(y, YearRef::Abs(_));
                match self.year_ref(y, Some(Period::Season(s)), c, sent) {
                    Some(yy) => {
                        if explicit {
                            self.note_point(Point::year(yy), sent, true, c);
                        }
                        format!("{}-{}", fmt_year(yy), SEASONS[s as usize])
                    }
                    None => format!("XXXX-{}", SEASONS[s as usize]),
                }
            }
            Sem::RelSeason { s, n } => match self.dct {
                Some(d) => {
                    let per = Period::Season(s);
                    let inside = (d.y - 1..=d.y).find(|&y| {
                        let (a, b) = per.bounds(y);
                        a <= d && d <= b
                    });
                    let y = match n {
                        0 => inside.unwrap_or(d.y),
                        n if n < 0 => (d.y - 2..=d.y)
                            .rev()
                            .find(|&y| per.bounds(y).1 < d)
                            .unwrap_or(d.y - 1),
                        _ => (d.y - 1..=d.y + 1)
                            .find(|&y| per.bounds(y).0 > d)
                            .unwrap_or(d.y + 1),
                    };
                    format!("{}-{}", fmt_year(y), SEASONS[s as usize])
                }
                None => format!("XXXX-{}", SEASONS[s as usize]),
            },
            Sem::RelMonth { m, n } => match self.dct {
                Some(d) => {
                    let y = match n {
                        0 => d.y,
                        n if n < 0 => {
                            if m < d.m {
                                d.y
                            } else {
                                d.y - 1
                            }
                        }
                        _ => {
                            if m > d.m {
                                d.y
                            } else {
                                d.y + 1
                            }
                        }
                    };
                    self.note_point(
                        Point {
                            y,
                            m: Some(m),
                            d: None,
                        },
                        sent,
                        false,
                        c,
                    );
                    fmt_month(y, m)
                }
                None => format!("XXXX-{:02}", m),
            },
            Sem::Quarter { y, q } => {
                self.year_part(y, Period::Quarter(q), &format!("Q{q}"), c, sent)
            }
            Sem::Half { y, h } => self.year_part(y, Period::Half(h), &format!("H{h}"), c, sent),
            Sem::Weekday { wd, rel } => match self.dct {
                Some(d) => {
                    let dw = d.weekday() as i64;
                    let wd = wd as i64;
                    let back = (dw - wd).rem_euclid(7);
                    let fwd = (wd - dw).rem_euclid(7);
                    let delta = match rel {
                        WdRel::Last => -(if back == 0 { 7 } else { back }),
                        WdRel::Next => {
                            if fwd == 0 {
                                7
                            } else {
                                fwd
                            }
                        }
                        WdRel::This => wd - dw,
                        WdRel::Tense => match self.tense(c) {
                            Tense::Future | Tense::Present => fwd,
                            _ => -back,
                        },
                    };
                    let day = d.add_days(delta);
                    self.note_point(
                        Point {
                            y: day.y,
                            m: Some(day.m),
                            d: Some(day.d),
                        },
                        sent,
                        false,
                        c,
                    );
                    day.fmt()
                }
                None => format!("XXXX-WXX-{}", wd + 1),
            },
            Sem::Rel { unit, n } => match self.dct {
                Some(d) => {
                    let (v, p) = rel_value(d, unit, n);
                    if let Some(p) = p {
                        self.note_point(p, sent, false, c);
                    }
                    v
                }
                None => unknown(unit),
            },
            Sem::RefYearAgo { unit } => {
                let base = self.ref_point(sent).or(self.dct.map(|d| Point {
                    y: d.y,
                    m: Some(d.m),
                    d: None,
                }));
                match base {
                    Some(p) => match (unit, p.m) {
                        (Some(Unit::Year), _) | (None, None) | (Some(_), None) => fmt_year(p.y - 1),
                        (Some(Unit::Day), Some(m)) | (None, Some(m))
                            if p.d.is_some() && unit.is_some() =>
                        {
                            Ymd::new(p.y - 1, m, p.d.unwrap_or(1).min(days_in_month(p.y - 1, m)))
                                .fmt()
                        }
                        (_, Some(m)) => fmt_month(p.y - 1, m),
                    },
                    None => "XXXX".into(),
                }
            }
            Sem::WeekOf { y, m, n } => match self.year_ref(y, Some(Period::Month(m)), c, sent) {
                Some(yy) => {
                    let day = if n < 0 {
                        days_in_month(yy, m) - 3
                    } else {
                        (1 + 7 * (n as u32 - 1) + 3).min(days_in_month(yy, m))
                    };
                    fmt_week(Ymd::new(yy, m, day))
                }
                None => "XXXX-WXX".into(),
            },
            Sem::RefRel { unit, n } => {
                let base = if unit == Unit::Day {
                    self.last_day
                } else {
                    self.ref_point(sent)
                };
                let dct = self.dct;
                let anchor = match (unit, base) {
                    (Unit::Year | Unit::Decade | Unit::Century, Some(p)) => {
                        Some(Ymd::new(p.y, p.m.unwrap_or(7), 1))
                    }
                    (Unit::Month | Unit::Quarter, Some(Point { y, m: Some(m), .. })) => {
                        Some(Ymd::new(y, m, 1))
                    }
                    (
                        _,
                        Some(Point {
                            y,
                            m: Some(m),
                            d: Some(dd),
                        }),
                    ) => Some(Ymd::new(y, m, dd)),
                    _ => dct,
                };
                match anchor {
                    Some(a) => {
                        let (v, p) = rel_value(a, unit, n);
                        if let Some(p) = p {
                            self.note_point(p, sent, false, c);
                        }
                        v
                    }
                    None => unknown(unit),
                }
            }
            Sem::Decade(p) => format!("{}", p),
            Sem::Century(p) => format!("{:02}", p),
            Sem::Fiscal(y) => format!("FY{}", y),
            Sem::Refer(r) => r.to_string(),
            Sem::Duration(ref v) | Sem::Set(ref v) => v.clone(),
            Sem::Time {
                ref day,
                ref suffix,
            } => {
                let day_value = match day {
                    Some(s) => self.value(s, c, sent),
                    None => match (self.ref_point(sent), self.dct) {
                        (
                            Some(Point {
                                y,
                                m: Some(m),
                                d: Some(d),
                            }),
                            _,
                        ) => Ymd::new(y, m, d).fmt(),
                        (_, Some(d)) => d.fmt(),
                        _ => "XXXX-XX-XX".into(),
                    },
                };
                format!("{}{}", day_value, suffix)
            }
        }
    }
}

/// Value of `anchor` moved by `n` units, at the unit's granularity, and the
/// point it names.
fn rel_value(a: Ymd, unit: Unit, n: i32) -> (String, Option<Point>) {
    match unit {
        Unit::Day => {
            let d = a.add_days(n as i64);
            (
                d.fmt(),
                Some(Point {
                    y: d.y,
                    m: Some(d.m),
                    d: Some(d.d),
                }),
            )
        }
        Unit::Week | Unit::Fortnight => (fmt_week(a.add_days(7 * n as i64)), None),
        Unit::Weekend => (format!("{}-WE", fmt_week(a.add_days(7 * n as i64))), None),
        Unit::Month => {
            let (y, m) = add_months(a.y, a.m, n);
            (
                fmt_month(y, m),
                Some(Point {
                    y,
                    m: Some(m),
                    d: None,
                }),
            )
        }
        Unit::Quarter => {
            let idx = a.y * 4 + (a.m as i32 - 1) / 3 + n;
            (
                format!("{}-Q{}", fmt_year(idx.div_euclid(4)), idx.rem_euclid(4) + 1),
                None,
            )
        }
        Unit::Year => {
            let y = a.y + n;
            (fmt_year(y), Some(Point::year(y)))
        }
        Unit::Decade => (format!("{}", a.y.div_euclid(10) + n), None),
        Unit::Century => (format!("{:02}", a.y.div_euclid(100) + n), None),
        Unit::Hour | Unit::Minute => ("PRESENT_REF".into(), None),
    }
}

/// Value of a relative expression when there is no DCT.
fn unknown(unit: Unit) -> String {
    match unit {
        Unit::Day | Unit::Hour | Unit::Minute => "XXXX-XX-XX",
        Unit::Week | Unit::Fortnight => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
    .into()
}
