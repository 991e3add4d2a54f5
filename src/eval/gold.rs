//! Loading and validating gold files against the briefs they label.

use std::fs;
use std::path::{Path, PathBuf};

use crate::docformat::Doc;
use crate::ingest;

/// A gold file that failed to load, naming the file and the field.
#[derive(Debug, Clone)]
pub struct GoldError {
    pub file: PathBuf,
    pub message: String,
}

impl std::fmt::Display for GoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

/// A gold document with the brief it labels.
#[derive(Debug, Clone)]
pub struct Gold {
    pub doc: Doc,
    /// The brief file.
    pub brief: PathBuf,
    /// The brief's text (BOM removed).
    pub text: String,
}

/// `DIR/*.json`, sorted.
pub fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// The brief a gold document labels: `BRIEFS/DOC.txt` or `.md`.
pub fn find_brief(briefs: &Path, doc: &str) -> Option<PathBuf> {
    ["txt", "md"]
        .iter()
        .map(|ext| briefs.join(format!("{doc}.{ext}")))
        .find(|p| p.is_file())
}

/// Load one gold file and check it against its brief.
pub fn load(file: &Path, briefs: &Path) -> Result<Gold, GoldError> {
    let err = |message: String| GoldError {
        file: file.to_path_buf(),
        message,
    };
    let raw = fs::read_to_string(file).map_err(|e| err(e.to_string()))?;
    let doc: Doc =
        serde_json::from_str(&raw).map_err(|e| err(format!("invalid gold JSON: {e}")))?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if doc.doc != stem {
        return Err(err(format!(
            "doc: {:?} differs from the file name {stem:?}",
            doc.doc
        )));
    }
    let brief = find_brief(briefs, &doc.doc).ok_or_else(|| {
        err(format!(
            "doc: no brief {}.txt or .md in {}",
            doc.doc,
            briefs.display()
        ))
    })?;
    let bytes = fs::read(&brief).map_err(|e| err(format!("{}: {e}", brief.display())))?;
    let text = ingest::decode(bytes).map_err(|e| err(format!("{}: {e}", brief.display())))?;
    validate(&doc, &text).map_err(err)?;
    Ok(Gold { doc, brief, text })
}

fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

/// Check offsets, texts, order, kinds and keys; the error names the field.
pub fn validate(doc: &Doc, text: &str) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if let Some(d) = &doc.dct
        && crate::date::Date::parse_iso(d).is_none()
    {
        return Err(format!("dct: {d:?} is not a YYYY-MM-DD date"));
    }
    let mut last_end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.start >= s.end || s.end > n {
            return Err(format!(
                "sentences[{i}]: span {}..{} is empty or outside the text ({n} characters)",
                s.start, s.end
            ));
        }
        if s.start < last_end {
            return Err(format!(
                "sentences[{i}]: starts at {} before the previous sentence ends ({last_end}): sentences must be in order and not overlap",
                s.start
            ));
        }
        if let Some(t) = &s.text
            && *t != slice(&chars, s.start, s.end)
        {
            return Err(format!(
                "sentences[{i}].text does not match the brief at {}..{}",
                s.start, s.end
            ));
        }
        last_end = s.end;
    }
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.start >= m.end || m.end > n {
            return Err(format!(
                "mentions[{i}]: span {}..{} is empty or outside the text",
                m.start, m.end
            ));
        }
        let surface = slice(&chars, m.start, m.end);
        if m.text != surface {
            return Err(format!(
                "mentions[{i}].text: {:?} but the brief has {surface:?} at {}..{}",
                m.text, m.start, m.end
            ));
        }
        match m.kind.as_str() {
            "actor" | "place" => {}
            "date" => {
                if m.value.is_none() {
                    return Err(format!("mentions[{i}].value: a date needs a value"));
                }
            }
            k => {
                return Err(format!(
                    "mentions[{i}].kind: {k:?} is not actor, place or date"
                ));
            }
        }
        if let Some(c) = &m.country
            && (c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(format!(
                "mentions[{i}].country: {c:?} is not an ISO 3166-1 alpha-3 code"
            ));
        }
    }
    for (i, t) in doc.triples.iter().enumerate() {
        if t.sentence >= doc.sentences.len() {
            return Err(format!(
                "triples[{i}].sentence: {} but there are {} sentences",
                t.sentence,
                doc.sentences.len()
            ));
        }
        if t.subject_head.as_deref().is_none_or(str::is_empty) {
            return Err(format!("triples[{i}].subject_head: missing"));
        }
        if t.action_head.as_deref().is_none_or(str::is_empty) {
            return Err(format!("triples[{i}].action_head: missing"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docformat::{Mention, Sentence, Triple};

    fn doc() -> Doc {
        Doc {
            doc: "x".into(),
            dct: Some("2026-01-19".into()),
            path: None,
            sentences: vec![Sentence {
                start: 0,
                end: 16,
                text: None,
            }],
            mentions: vec![Mention {
                start: 0,
                end: 6,
                text: "Moscow".into(),
                kind: "actor".into(),
                country: Some("RUS".into()),
                value: None,
                modifier: None,
                optional: false,
            }],
            triples: vec![],
        }
    }

    #[test]
    fn valid_gold_passes() {
        assert!(validate(&doc(), "Moscow signaled.").is_ok());
    }

    #[test]
    fn errors_name_the_field() {
        let t = "Moscow signaled.";
        let mut d = doc();
        d.mentions[0].text = "Moskva".into();
        assert!(validate(&d, t).unwrap_err().starts_with("mentions[0].text"));
        let mut d = doc();
        d.mentions[0].kind = "person".into();
        assert!(validate(&d, t).unwrap_err().starts_with("mentions[0].kind"));
        let mut d = doc();
        d.mentions[0].country = Some("ru".into());
        assert!(
            validate(&d, t)
                .unwrap_err()
                .starts_with("mentions[0].country")
        );
        let mut d = doc();
        d.sentences[0].end = 99;
        assert!(validate(&d, t).unwrap_err().starts_with("sentences[0]"));
        let mut d = doc();
        d.sentences.push(Sentence {
            start: 3,
            end: 5,
            text: None,
        });
        assert!(validate(&d, t).unwrap_err().starts_with("sentences[1]"));
        let mut d = doc();
        d.triples.push(Triple {
            sentence: 4,
            subject: None,
            subject_head: Some("Moscow".into()),
            action: None,
            action_head: Some("signaled".into()),
            object: None,
            object_head: None,
            negated: false,
            modality: None,
            date: None,
            optional: false,
        });
        assert!(
            validate(&d, t)
                .unwrap_err()
                .starts_with("triples[0].sentence")
        );
        let mut d = doc();
        d.dct = Some("19 Jan".into());
        assert!(validate(&d, t).unwrap_err().starts_with("dct"));
    }
}
