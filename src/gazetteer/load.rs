//! Reading gazetteer files: TSV entries and the stoplist, with errors that
//! name the file and line.
//!
//! Every `*.tsv` file has a header line
//! `id kind name country aliases adjectivals lat lon population valid note`
//! (tab-separated); `#` starts a comment line. `stoplist.txt` lists surface
//! forms that are also English words: `form<TAB>mode[<TAB>reason]` with mode
//! `cap`, `case` or `never`.

use std::borrow::Cow;
use std::fmt;
use std::fs;
use std::path::Path;

use crate::date::Date;

use super::iso::is_alpha3;

/// What an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Country,
    Capital,
    City,
    Admin1,
    Place,
    Org,
    Group,
    Force,
    Metonym,
    Ministry,
    Person,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Country,
        Kind::Capital,
        Kind::City,
        Kind::Admin1,
        Kind::Place,
        Kind::Org,
        Kind::Group,
        Kind::Force,
        Kind::Metonym,
        Kind::Ministry,
        Kind::Person,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Capital => "capital",
            Kind::City => "city",
            Kind::Admin1 => "admin1",
            Kind::Place => "place",
            Kind::Org => "org",
            Kind::Group => "group",
            Kind::Force => "force",
            Kind::Metonym => "metonym",
            Kind::Ministry => "ministry",
            Kind::Person => "person",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Names that are actors whatever the context.
    pub fn always_actor(self) -> bool {
        matches!(
            self,
            Kind::Org | Kind::Group | Kind::Force | Kind::Metonym | Kind::Ministry | Kind::Person
        )
    }
}

/// An ISO 3166-1 alpha-3 country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 3]);

impl Country {
    /// A checked code.
    pub fn parse(s: &str) -> Option<Country> {
        if !is_alpha3(s) {
            return None;
        }
        let b = s.as_bytes();
        Some(Country([b[0], b[1], b[2]]))
    }

    /// A code known to be good (read back from the embedded image).
    pub(super) fn from_checked(b: [u8; 3]) -> Country {
        debug_assert!(is_alpha3(std::str::from_utf8(&b).unwrap_or("")));
        Country(b)
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII code")
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entry's surface forms: owned when read from text at run time,
/// borrowed from one table for the embedded gazetteers (see
/// [`super::image`]), which saves an allocation per entry.
pub type Forms = Cow<'static, [&'static str]>;

/// A period of validity: `(from, to)`, either side open.
pub type Validity = (Option<Date>, Option<Date>);

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: &'static str,
    pub kind: Kind,
    pub name: &'static str,
    pub country: Option<Country>,
    /// Noun forms that name it.
    pub aliases: Forms,
    /// Demonyms, adjectivals and plural nationals.
    pub adjectivals: Forms,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    /// Time in office or existence: `(from, to)`, either side open.
    pub valid: Option<Validity>,
}

/// How a stoplisted surface form may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopMode {
    /// Only as written, and not as the first word of a sentence.
    Cap,
    /// Only as written (sentence-initial is fine).
    Case,
    /// Never.
    Never,
}

/// A loading error, as `file:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// Everything read from a gazetteer folder.
#[derive(Debug, Default)]
pub struct Data {
    pub entries: Vec<Entry>,
    pub stoplist: super::FnvMap<&'static str, StopMode>,
    /// Entries per file, for `gazetteers check`.
    pub files: Vec<(String, usize)>,
}

const HEADER: [&str; 11] = [
    "id",
    "kind",
    "name",
    "country",
    "aliases",
    "adjectivals",
    "lat",
    "lon",
    "population",
    "valid",
    "note",
];

/// One file to read: its display name and text.
///
/// Entries borrow their strings from the text, so loading allocates little;
/// texts read from disk are leaked once per process (see [`read_dir`]).
pub struct Source {
    pub name: String,
    pub text: &'static str,
}

/// `str::trim`, with a fast path for the usual column that needs none.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&b)) if a > b' ' && a < 0x80 && b > b' ' && b < 0x80 => s,
        (None, _) => s,
        _ => s.trim(),
    }
}

fn split_list(s: &'static str) -> Vec<&'static str> {
    if s.is_empty() {
        return Vec::new();
    }
    s.split('|').map(trim).filter(|x| !x.is_empty()).collect()
}

fn parse_valid(s: &str) -> Result<Option<Validity>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("valid {s:?} is not FROM..TO"))?;
    let side = |x: &str| -> Result<Option<Date>, String> {
        if x.is_empty() {
            Ok(None)
        } else {
            Date::parse_iso(x)
                .map(Some)
                .ok_or_else(|| format!("valid {s:?}: {x:?} is not a YYYY-MM-DD date"))
        }
    };
    let (from, to) = (side(a)?, side(b)?);
    if from.is_none() && to.is_none() {
        return Err(format!("valid {s:?} gives neither FROM nor TO"));
    }
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(format!("valid {s:?} ends before it starts"));
    }
    Ok(Some((from, to)))
}

/// A coordinate within ±`limit` degrees.
fn in_range(v: Option<f64>, limit: f64, what: &str) -> Result<Option<f64>, String> {
    match v {
        Some(x) if !(x.is_finite() && x.abs() <= limit) => {
            Err(format!("{what} {x} is not within ±{limit} degrees"))
        }
        _ => Ok(v),
    }
}

fn parse_entry(cols: &[&'static str]) -> Result<Entry, String> {
    let kind = Kind::parse(cols[1]).ok_or_else(|| {
        format!(
            "unknown kind {:?} (expected one of {})",
            cols[1],
            Kind::ALL.map(Kind::as_str).join(", ")
        )
    })?;
    if cols[0].is_empty() {
        return Err("empty id".into());
    }
    if cols[2].is_empty() {
        return Err("empty name".into());
    }
    let country = match cols[3] {
        "" => None,
        c => Some(
            Country::parse(c)
                .ok_or_else(|| format!("bad country code {c:?} (ISO 3166-1 alpha-3 expected)"))?,
        ),
    };
    let num = |i: usize, what: &str| -> Result<Option<f64>, String> {
        if cols[i].is_empty() {
            Ok(None)
        } else {
            cols[i]
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("{what} {:?} is not a number", cols[i]))
        }
    };
    let population = if cols[8].is_empty() {
        0
    } else {
        cols[8]
            .parse::<u64>()
            .map_err(|_| format!("population {:?} is not a whole number", cols[8]))?
    };
    let mut aliases = split_list(cols[4]);
    if !aliases.contains(&cols[2]) {
        aliases.insert(0, cols[2]);
    }
    Ok(Entry {
        id: cols[0],
        kind,
        name: cols[2],
        country,
        aliases: aliases.into(),
        adjectivals: split_list(cols[5]).into(),
        lat: in_range(num(6, "lat")?, 90.0, "lat")?,
        lon: in_range(num(7, "lon")?, 180.0, "lon")?,
        population,
        valid: parse_valid(cols[9])?,
    })
}

/// Read TSV entry files and the stoplist. All errors are collected.
pub fn read(tsv: &[Source], stoplist: Option<&Source>) -> Result<Data, Vec<LoadError>> {
    let mut data = Data::default();
    let mut errors = Vec::new();
    // Find each file's header, then parse the lines after it in chunks on
    // parallel threads; ids are checked for duplicates afterwards, in order.
    let mut chunks: Vec<(usize, usize, &'static str)> = Vec::new(); // (file, first line no, text)
    for (file_no, src) in tsv.iter().enumerate() {
        match body_after_header(src.text) {
            Ok((line_no, body)) => {
                for (first, text) in split_lines(body, line_no, 1 << 18) {
                    chunks.push((file_no, first, text));
                }
            }
            Err((line, message)) => errors.push(LoadError {
                file: src.name.clone(),
                line,
                message,
            }),
        }
    }
    let parsed: Vec<Vec<(usize, Result<Entry, String>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|&(_, first, text)| scope.spawn(move || parse_lines(text, first)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("gazetteer parsing thread"))
            .collect()
    });
    let mut seen: super::FnvMap<&'static str, (usize, usize)> = super::FnvMap::default();
    seen.reserve(1 << 16);
    let mut counts = vec![0usize; tsv.len()];
    for (&(file_no, _, _), lines) in chunks.iter().zip(parsed) {
        let src = &tsv[file_no];
        for (n, r) in lines {
            let err = |message: String| LoadError {
                file: src.name.clone(),
                line: n,
                message,
            };
            match r {
                Ok(e) => {
                    if let Some(&(f, l)) = seen.get(&e.id) {
                        let first = &tsv[f].name;
                        errors.push(err(format!(
                            "duplicate id {:?} (first at {first}:{l})",
                            e.id
                        )));
                        continue;
                    }
                    seen.insert(e.id, (file_no, n));
                    data.entries.push(e);
                    counts[file_no] += 1;
                }
                Err(m) => errors.push(err(m)),
            }
        }
    }
    data.files = tsv.iter().map(|s| s.name.clone()).zip(counts).collect();
    if let Some(src) = stoplist {
        for (i, line) in src.text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let mode = match cols.get(1).map(|s| s.trim()) {
                Some("cap") => StopMode::Cap,
                Some("case") => StopMode::Case,
                Some("never") => StopMode::Never,
                other => {
                    errors.push(LoadError {
                        file: src.name.clone(),
                        line: i + 1,
                        message: format!(
                            "mode {:?} is not cap, case or never",
                            other.unwrap_or("")
                        ),
                    });
                    continue;
                }
            };
            data.stoplist.insert(cols[0].trim(), mode);
        }
    }
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(errors)
    }
}

/// The line number of the header and the text after it, or an error.
fn body_after_header(text: &'static str) -> Result<(usize, &'static str), (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pos = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        pos += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        if cols != HEADER {
            return Err((i + 1, format!("header must be: {}", HEADER.join("<TAB>"))));
        }
        return Ok((i + 2, &text[pos..]));
    }
    Err((0, "no header line".into()))
}

/// Split `text` (whose first line is line `first`) into pieces of about
/// `size` bytes at line ends: (first line number, text).
fn split_lines(text: &'static str, first: usize, size: usize) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut line = first;
    while !rest.is_empty() {
        let cut = if rest.len() <= size {
            rest.len()
        } else {
            rest[size..].find('\n').map_or(rest.len(), |k| size + k + 1)
        };
        let (piece, tail) = rest.split_at(cut);
        out.push((line, piece));
        line += piece.bytes().filter(|&b| b == b'\n').count();
        rest = tail;
    }
    out
}

/// Parse data lines (after the header) into entries, with line numbers.
fn parse_lines(text: &'static str, first: usize) -> Vec<(usize, Result<Entry, String>)> {
    let mut out = Vec::with_capacity(text.len() / 80);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if trim(line).is_empty() || line.starts_with('#') {
            continue;
        }
        // Columns by a byte loop: short fields make `split` (a memchr
        // call per field) the slower way.
        let mut cols = [""; HEADER.len()];
        let mut n = 0;
        let mut start = 0;
        for (i, &b) in line.as_bytes().iter().enumerate() {
            if b == b'\t' {
                if let Some(slot) = cols.get_mut(n) {
                    *slot = trim(&line[start..i]);
                }
                n += 1;
                start = i + 1;
            }
        }
        if let Some(slot) = cols.get_mut(n) {
            *slot = trim(&line[start..]);
        }
        n += 1;
        let r = if n != HEADER.len() {
            Err(format!(
                "{n} columns, expected {} ({})",
                HEADER.len(),
                HEADER.join(", ")
            ))
        } else {
            parse_entry(&cols)
        };
        out.push((first + i, r));
    }
    out
}

/// Read every `*.tsv` below `dir` (sorted) and `dir/stoplist.txt` if present.
/// The texts live as long as the process (entries borrow from them).
pub fn read_dir(dir: &Path) -> Result<Data, Vec<LoadError>> {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|e| {
        vec![LoadError {
            file: dir.display().to_string(),
            line: 0,
            message: e.to_string(),
        }]
    })?;
    files.sort();
    if files.is_empty() {
        return Err(vec![LoadError {
            file: dir.display().to_string(),
            line: 0,
            message: "no gazetteer files (*.tsv)".into(),
        }]);
    }
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for f in &files {
        match fs::read_to_string(f) {
            Ok(t) => texts.push((f.display().to_string(), &*Box::leak(t.into_boxed_str()))),
            Err(e) => errors.push(LoadError {
                file: f.display().to_string(),
                line: 0,
                message: e.to_string(),
            }),
        }
    }
    let stop_path = dir.join("stoplist.txt");
    let stop_text: Option<&'static str> = if stop_path.exists() {
        match fs::read_to_string(&stop_path) {
            Ok(t) => Some(&*Box::leak(t.into_boxed_str())),
            Err(e) => {
                errors.push(LoadError {
                    file: stop_path.display().to_string(),
                    line: 0,
                    message: e.to_string(),
                });
                None
            }
        }
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let sources: Vec<Source> = texts
        .iter()
        .map(|&(ref n, t)| Source {
            name: n.clone(),
            text: t,
        })
        .collect();
    let stop = stop_text.map(|t| Source {
        name: stop_path.display().to_string(),
        text: t,
    });
    read(&sources, stop.as_ref())
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tsv") {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str =
        "id\tkind\tname\tcountry\taliases\tadjectivals\tlat\tlon\tpopulation\tvalid\tnote\n";

    fn one(body: &str) -> Result<Data, Vec<LoadError>> {
        let text = format!("# comment\n{H}{body}");
        read(
            &[Source {
                name: "g.tsv".into(),
                text: Box::leak(text.into_boxed_str()),
            }],
            None,
        )
    }

    #[test]
    fn reads_entries() {
        let d = one("country:SYR\tcountry\tSyria\tSYR\tSyrian Arab Republic\tSyrian|Syrians\t35\t38\t100\t\tx\n\
                     person:assad\tperson\tBashar al-Assad\tSYR\tAssad\t\t\t\t\t2000-07-17..2024-12-08\tpresident\n")
            .unwrap();
        assert_eq!(d.entries.len(), 2);
        assert_eq!(*d.entries[0].aliases, ["Syria", "Syrian Arab Republic"]);
        assert_eq!(*d.entries[0].adjectivals, ["Syrian", "Syrians"]);
        assert_eq!(d.entries[0].country.unwrap().as_str(), "SYR");
        assert_eq!(d.entries[1].valid.unwrap().1, Date::new(2024, 12, 8));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = one("a\tcountry\tA\tSYR\n").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "g.tsv:3: 4 columns, expected 11 (id, kind, name, country, aliases, adjectivals, lat, lon, population, valid, note)"
        );
        let e = one("a\tplanet\tA\t\t\t\t\t\t\t\t\n").unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("g.tsv:3: unknown kind \"planet\"")
        );
        let e = one("a\tcity\tA\tXYZ\t\t\t\t\t\t\t\n").unwrap_err();
        assert!(e[0].to_string().contains("bad country code \"XYZ\""));
        let e = one("a\tcity\tA\t\t\t\t\t\t\t\t\na\tcity\tB\t\t\t\t\t\t\t\t\n").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "g.tsv:4: duplicate id \"a\" (first at g.tsv:3)"
        );
        let e = one("a\tcity\tA\t\tx\t\tnorth\t\t\t\t\n").unwrap_err();
        assert!(e[0].message.contains("lat"));
        let e = one("a\tperson\tA\t\t\t\t\t\t\t2024..\t\n").unwrap_err();
        assert!(e[0].message.contains("valid"));
        let e = one("a\tperson\tA\t\t\t\t\t\t\t2025-01-01..2024-01-01\t\n").unwrap_err();
        assert!(e[0].message.contains("ends before"));
        let e = one("a\tperson\tA\t\t\t\t\t\t\t..\t\n").unwrap_err();
        assert!(e[0].message.contains("neither"));
        let e = one("a\tcity\tA\t\t\t\t999\t0\t\t\t\n").unwrap_err();
        assert!(e[0].message.starts_with("lat 999"));
        let e = one("a\tcity\tA\t\t\t\t0\tNaN\t\t\t\n").unwrap_err();
        assert!(e[0].message.starts_with("lon NaN"));
        let bad = read(
            &[Source {
                name: "h.tsv".into(),
                text: "id\tkind\n",
            }],
            None,
        )
        .unwrap_err();
        assert!(bad[0].message.starts_with("header must be"));
    }

    #[test]
    fn stoplist_modes() {
        let text = H.to_string();
        let stop = Source {
            name: "stoplist.txt".into(),
            text: "# c\nChad\tcap\tword\nOf\tnever\nX\tsometimes\n",
        };
        let e = read(
            &[Source {
                name: "g.tsv".into(),
                text: Box::leak(text.into_boxed_str()),
            }],
            Some(&stop),
        )
        .unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "stoplist.txt:4: mode \"sometimes\" is not cap, case or never"
        );
    }
}
