//! Proleptic Gregorian calendar arithmetic (day numbers, weekdays, ISO
//! weeks) and TIMEX3 value formatting. No external date library is needed
//! for the few operations the resolver uses.

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Ymd {
    pub fn new(y: i32, m: u32, d: u32) -> Ymd {
        Ymd { y, m, d }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = self.y as i64 - if self.m <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Ymd::to_days`].
    pub fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400) as i32 + if m <= 2 { 1 } else { 0 };
        Ymd { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.to_days() + n)
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u32
    }

    /// ISO 8601 (year, week).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(3 - self.weekday() as i64);
        let jan1 = Ymd::new(thursday.y, 1, 1);
        let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
        (thursday.y, week as u32)
    }

    /// `YYYY-MM-DD`.
    pub fn fmt(self) -> String {
        let mut s = fmt_year(self.y);
        push2(&mut s, '-', self.m);
        push2(&mut s, '-', self.d);
        s
    }
}

/// Whether `y-m-d` is a real calendar day.
pub(crate) fn valid_day(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// Four-digit year.
pub(crate) fn fmt_year(y: i32) -> String {
    let mut s = String::with_capacity(16);
    if (0..=9999).contains(&y) {
        let y = y as u32;
        for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
            s.push((b'0' + d as u8) as char);
        }
    } else {
        s.push_str(&y.to_string());
    }
    s
}

/// Appends `sep` and a two-digit number.
fn push2(s: &mut String, sep: char, v: u32) {
    s.push(sep);
    s.push((b'0' + (v / 10 % 10) as u8) as char);
    s.push((b'0' + (v % 10) as u8) as char);
}

/// `YYYY-MM`.
pub(crate) fn fmt_month(y: i32, m: u32) -> String {
    let mut s = fmt_year(y);
    push2(&mut s, '-', m);
    s
}

/// `YYYY-Www` of the week holding `day`.
pub(crate) fn fmt_week(day: Ymd) -> String {
    let (y, w) = day.iso_week();
    format!("{:04}-W{:02}", y, w)
}

/// Adds `n` months to (y, m).
pub(crate) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for (y, m, d, days) in [(1970, 1, 1, 0), (2000, 3, 1, 11_017), (2026, 1, 19, 20_472)] {
            let ymd = Ymd::new(y, m, d);
            assert_eq!(ymd.to_days(), days);
            assert_eq!(Ymd::from_days(days), ymd);
        }
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        let table = [
            ((2026, 1, 19), 0, (2026, 4)),
            ((2026, 1, 12), 0, (2026, 3)),
            ((2004, 11, 17), 2, (2004, 47)),
            ((2010, 1, 3), 6, (2009, 53)),
            ((2008, 12, 29), 0, (2009, 1)),
        ];
        for ((y, m, d), wd, wk) in table {
            let day = Ymd::new(y, m, d);
            assert_eq!(day.weekday(), wd, "{y}-{m}-{d}");
            assert_eq!(day.iso_week(), wk, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn months_and_validity() {
        assert_eq!(add_months(2026, 1, -1), (2025, 12));
        assert_eq!(add_months(2025, 12, 1), (2026, 1));
        assert_eq!(add_months(2025, 6, -18), (2023, 12));
        assert!(valid_day(2024, 2, 29));
        assert!(!valid_day(2025, 2, 29));
        assert!(!valid_day(2025, 13, 1));
        assert_eq!(fmt_week(Ymd::new(2026, 1, 12)), "2026-W03");
        assert_eq!(Ymd::new(987, 3, 4).fmt(), "0987-03-04");
        assert_eq!(fmt_month(2025, 11), "2025-11");
    }
}
