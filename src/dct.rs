//! The brief's own date (DCT): a full date written out in its header line.

use regex::Regex;

use crate::date::{Date, month_number};

/// Finds a full date written out in a header line.
pub struct DateFinder {
    re: Regex,
}

impl Default for DateFinder {
    fn default() -> Self {
        Self::new()
    }
}

impl DateFinder {
    pub fn new() -> DateFinder {
        let month = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        let re = Regex::new(&format!(
            r"\b(?:{month}\s+([0-9]{{1,2}}),?\s+([0-9]{{4}})|([0-9]{{1,2}})\s+{month},?\s+([0-9]{{4}})|([0-9]{{4}})-([0-9]{{2}})-([0-9]{{2}}))\b"
        ))
        .expect("valid date regex");
        DateFinder { re }
    }

    /// The first full date in `s`.
    pub fn find(&self, s: &str) -> Option<Date> {
        for c in self.re.captures_iter(s) {
            let date = if let Some(m) = c.get(1) {
                Date::new(
                    c[3].parse().ok()?,
                    month_number(m.as_str())?,
                    c[2].parse().ok()?,
                )
            } else if let Some(m) = c.get(5) {
                Date::new(
                    c[6].parse().ok()?,
                    month_number(m.as_str())?,
                    c[4].parse().ok()?,
                )
            } else {
                Date::new(c[7].parse().ok()?, c[8].parse().ok()?, c[9].parse().ok()?)
            };
            if date.is_some() {
                return date;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_header_dates() {
        let f = DateFinder::new();
        let d = |y, m, dd| Some(Date::new(y, m, dd).unwrap());
        assert_eq!(
            f.find("Dana Kolar | No. 2077 | January 19, 2026"),
            d(2026, 1, 19)
        );
        assert_eq!(f.find("A B | No. 12 | 3 March 2025"), d(2025, 3, 3));
        assert_eq!(f.find("A B | 2025-11-04"), d(2025, 11, 4));
        assert_eq!(f.find("A B | Sept. 9, 2024"), d(2024, 9, 9));
        assert_eq!(f.find("A B | No. 2077"), None);
        assert_eq!(f.find("February 30, 2026"), None);
    }
}
