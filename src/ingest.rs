//! Inputs: list brief files, assign document ids, read and check text,
//! read JSON Lines documents from stdin.

use std::fmt;
use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::Date;

/// Where a document's date (DCT) came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DctSource {
    /// The brief's header line.
    Header,
    /// The `--dct` flag.
    Flag,
    /// The `dct` field of a stdin document.
    Stdin,
    /// No date found.
    None,
}

impl DctSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DctSource::Header => "header",
            DctSource::Flag => "flag",
            DctSource::Stdin => "stdin",
            DctSource::None => "none",
        }
    }
}

/// A document as read: the original text (BOM removed), owned once.
#[derive(Debug, Clone)]
pub struct Document {
    /// Document id: path relative to the folder given, without extension.
    pub id: String,
    /// The file it came from (`None` for stdin).
    pub path: Option<PathBuf>,
    pub text: String,
    /// A date given from outside (stdin `dct`); the header is read later.
    pub given_dct: Option<Date>,
}

/// One unit of work, in input order.
#[derive(Debug)]
pub enum Job {
    /// A file to read.
    File { path: PathBuf, id: String },
    /// A document already read (stdin).
    Inline(Document),
    /// An input that failed before processing (bad stdin line, unreadable folder).
    Failed(InputError),
}

/// An input that could not be processed, with the name a user recognizes.
#[derive(Debug, Clone)]
pub struct InputError {
    /// File path, or `stdin:LINE`.
    pub source: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

fn is_brief(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt") | Some("md")
    )
}

/// The jobs for one path argument: a file, or every `.txt`/`.md` below a
/// folder, sorted by path.
pub fn list_path(arg: &Path) -> Vec<Job> {
    let meta = match fs::metadata(arg) {
        Ok(m) => m,
        Err(e) => {
            return vec![Job::Failed(InputError {
                source: arg.display().to_string(),
                message: io_message(&e),
            })];
        }
    };
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        walk(arg, &mut files, &mut errors);
        files.sort();
        let mut jobs: Vec<Job> = files
            .into_iter()
            .map(|p| {
                let id = doc_id(arg, &p);
                Job::File { path: p, id }
            })
            .collect();
        jobs.extend(errors.into_iter().map(Job::Failed));
        jobs
    } else {
        let id = arg
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| arg.display().to_string());
        vec![Job::File {
            path: arg.to_path_buf(),
            id,
        }]
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError {
                source: dir.display().to_string(),
                message: io_message(&e),
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(InputError {
                    source: dir.display().to_string(),
                    message: io_message(&e),
                });
                continue;
            }
        };
        let path = entry.path();
        // Follow links: a dangling one is reported when read.
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, files, errors),
            _ if is_brief(&path) => files.push(path),
            _ => {}
        }
    }
}

/// `root/a/b.txt` → `a/b`.
fn doc_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "file not found (or a dangling link)".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Read a brief: UTF-8 text, BOM removed; binary and non-UTF-8 files are errors.
pub fn read_file(path: &Path, id: &str) -> Result<Document, InputError> {
    let err = |message: String| InputError {
        source: path.display().to_string(),
        message,
    };
    let bytes = fs::read(path).map_err(|e| err(io_message(&e)))?;
    let text = decode(bytes).map_err(err)?;
    Ok(Document {
        id: id.to_string(),
        path: Some(path.to_path_buf()),
        text,
        given_dct: None,
    })
}

/// Check and decode file bytes as UTF-8 text.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Err(format!(
            "binary file (NUL byte at offset {pos}), not a text brief"
        ));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        format!("not valid UTF-8 (line {line}, byte offset {at})")
    })
}

#[derive(Deserialize)]
struct StdinDoc {
    id: Option<String>,
    text: String,
    dct: Option<String>,
}

/// Stream JSON Lines documents `{"id", "text", "dct"}` from a reader,
/// one job per non-empty line, without holding more than one line.
pub fn stdin_jobs<R: BufRead>(reader: R) -> impl Iterator<Item = Job> {
    let mut failed = false;
    reader
        .lines()
        .enumerate()
        // A read error (stdin is a directory, say) ends the stream after one
        // report: the next read would fail the same way.
        .take_while(move |(_, line)| {
            let go = !failed;
            failed |= line.is_err();
            go
        })
        .filter_map(|(i, line)| {
            let n = i + 1;
            let source = format!("stdin:{n}");
            match line {
                Err(e) => Some(Job::Failed(InputError {
                    source,
                    message: format!("cannot read line: {e}"),
                })),
                Ok(l) if l.trim().is_empty() => None,
                Ok(l) => Some(parse_stdin_line(&l, n)),
            }
        })
}

fn parse_stdin_line(line: &str, n: usize) -> Job {
    let fail = |message: String| {
        Job::Failed(InputError {
            source: format!("stdin:{n}"),
            message,
        })
    };
    let doc: StdinDoc = match serde_json::from_str(line) {
        Ok(d) => d,
        Err(e) => return fail(format!("invalid JSON document: {e}")),
    };
    let given_dct = match doc.dct.as_deref() {
        None | Some("") => None,
        Some(s) => match Date::parse_iso(s) {
            Some(d) => Some(d),
            None => return fail(format!("dct {s:?} is not a YYYY-MM-DD date")),
        },
    };
    let mut text = doc.text;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Job::Inline(Document {
        id: doc.id.unwrap_or_else(|| format!("stdin-{n}")),
        path: None,
        text,
        given_dct,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_and_bad_utf8() {
        assert!(decode(b"ab\0cd".to_vec()).unwrap_err().contains("binary"));
        let e = decode(b"line one\nbad \xff here".to_vec()).unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        assert_eq!(decode(Vec::new()).unwrap(), "");
    }

    #[test]
    fn doc_ids_are_relative_and_slashed() {
        assert_eq!(doc_id(Path::new("c"), Path::new("c/a/b.txt")), "a/b");
        assert_eq!(doc_id(Path::new("c/"), Path::new("c/x.md")), "x");
    }

    #[test]
    fn stdin_lines() {
        let input = "{\"id\":\"a\",\"text\":\"Hi.\",\"dct\":\"2026-01-19\"}\n\nnot json\n{\"id\":\"b\",\"text\":\"x\",\"dct\":\"2026-13-01\"}\n";
        let jobs: Vec<Job> = stdin_jobs(input.as_bytes()).collect();
        assert_eq!(jobs.len(), 3);
        assert!(matches!(&jobs[0], Job::Inline(d) if d.id == "a" && d.given_dct.is_some()));
        assert!(matches!(&jobs[1], Job::Failed(e) if e.source == "stdin:3"));
        assert!(matches!(&jobs[2], Job::Failed(e) if e.message.contains("dct")));
    }
}
