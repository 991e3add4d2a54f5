//! Normalization: clean text for the taggers, with a map back to the original.
//!
//! The normalized text is the original with some bytes deleted and some
//! whitespace rewritten; nothing is ever inserted. What changes:
//!
//! - `\r\n` and lone `\r` become `\n`;
//! - link markup `[text](target)` keeps only `text`;
//! - Markdown heading marks (`## `) at the start of a line are dropped;
//! - a hard-wrapped line inside a paragraph is joined to the previous one
//!   with a single space;
//! - a page break inside a sentence (a blank line after text without final
//!   punctuation, followed by a lower-case continuation) becomes a single
//!   space;
//! - any other line or paragraph break becomes a single `\n`, which the
//!   segmenter treats as a hard boundary.
//!
//! Curly quotes, dashes and accented letters are kept as they are.
//!
//! Every normalized byte comes from one original byte position, recorded in
//! runs; [`Normalized::to_original`] and [`Normalized::to_original_end`] map
//! offsets back (byte offsets in both frames).

use std::ops::Range;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

/// Normalized text with its alignment to the original text.
#[derive(Debug)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Runs `(normalized start, original start)`: from one run's normalized
    /// start to the next, normalized bytes map one to one onto original bytes.
    runs: Vec<(usize, usize)>,
    /// The run of the last lookup. Offsets are mapped mostly in text order
    /// (mentions, sentences, the phrases of each triple), so the next one is
    /// nearly always in that run or the next, and a binary search over all
    /// runs can wait. (Atomic only to keep the type `Sync`; relaxed loads
    /// and stores are plain moves.)
    hint: AtomicUsize,
}

impl Clone for Normalized {
    fn clone(&self) -> Normalized {
        Normalized {
            text: self.text.clone(),
            runs: self.runs.clone(),
            hint: AtomicUsize::new(self.hint.load(Relaxed)),
        }
    }
}

impl Normalized {
    /// The original byte offset of the normalized byte at `pos`
    /// (`pos == text.len()` maps to the end of the last run).
    #[inline]
    pub fn to_original(&self, pos: usize) -> usize {
        let Some(i) = self.run_of(pos) else {
            return pos;
        };
        let (n, o) = self.runs[i];
        o + (pos - n)
    }

    /// The index of the last run starting at or before `pos`, if any.
    fn run_of(&self, pos: usize) -> Option<usize> {
        let runs = &self.runs;
        // does run `i` hold `pos`?
        let holds = |i: usize| {
            runs.get(i).is_some_and(|r| r.0 <= pos) && runs.get(i + 1).is_none_or(|r| r.0 > pos)
        };
        let hint = self.hint.load(Relaxed);
        let i = if holds(hint) {
            hint
        } else if holds(hint + 1) {
            hint + 1
        } else {
            runs.partition_point(|r| r.0 <= pos).checked_sub(1)?
        };
        self.hint.store(i, Relaxed);
        Some(i)
    }

    /// The original offset just after the normalized byte before `end`:
    /// the right way to map the exclusive end of a span.
    #[inline]
    pub fn to_original_end(&self, end: usize) -> usize {
        if end == 0 {
            return self.to_original(0);
        }
        self.to_original(end - 1) + 1
    }
}

/// Builds normalized text while recording where each byte came from.
struct Builder<'a> {
    orig: &'a str,
    text: String,
    runs: Vec<(usize, usize)>,
    /// Original offset that the next byte would have if it continued the run.
    next_orig: usize,
}

impl<'a> Builder<'a> {
    fn new(orig: &'a str) -> Self {
        Builder {
            orig,
            text: String::with_capacity(orig.len()),
            // about a run per line (see `split_lines`)
            runs: Vec::with_capacity(orig.len() / 64 + 4),
            next_orig: usize::MAX,
        }
    }

    fn mark(&mut self, orig_pos: usize, len: usize) {
        if orig_pos != self.next_orig {
            self.runs.push((self.text.len(), orig_pos));
        }
        self.next_orig = orig_pos + len;
    }

    /// Copy `orig[a..b]` unchanged.
    fn copy(&mut self, a: usize, b: usize) {
        if a < b {
            self.mark(a, b - a);
            self.text.push_str(&self.orig[a..b]);
        }
    }

    /// Emit one ASCII byte standing for the original byte at `orig_pos`.
    fn put(&mut self, c: char, orig_pos: usize) {
        debug_assert!(c.is_ascii());
        self.mark(orig_pos, 1);
        self.text.push(c);
    }

    fn finish(self) -> Normalized {
        Normalized {
            text: self.text,
            runs: self.runs,
            hint: AtomicUsize::new(0),
        }
    }
}

/// One physical line of the original: `[start, end)` without its line ending.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
}

fn split_lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    // sized for lines of 64 bytes and more: no regrowing in the usual case
    let mut lines = Vec::with_capacity(text.len() / 64 + 4);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if i < start {
            continue; // the `\n` of a `\r\n` already taken
        }
        lines.push(Line { start, end: i });
        start = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < b.len() {
        lines.push(Line {
            start,
            end: b.len(),
        });
    }
    lines
}

/// The line without surrounding whitespace; an all-whitespace line gives an
/// empty range at its start.
fn trim_range(text: &str, l: Line) -> (usize, usize) {
    let s = &text[l.start..l.end];
    let lead = s.len() - s.trim_start().len();
    if lead == s.len() {
        return (l.start, l.start);
    }
    let trail = s.len() - s.trim_end().len();
    (l.start + lead, l.end - trail)
}

/// Does the line start a block of its own (Markdown heading, list item, quote)?
fn starts_block(s: &str) -> bool {
    let t = s.trim_start();
    if t.starts_with('#') || t.starts_with("> ") || t.starts_with('•') || t.starts_with('⁃') {
        return true;
    }
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    digits > 0
        && digits < 4
        && matches!(t.as_bytes().get(digits), Some(b'.') | Some(b')'))
        && t.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Is this the byline/header line (`Author | No. 2077 | January 19, 2026`)?
pub fn is_header_line(s: &str) -> bool {
    s.len() < 200 && s.contains(" | ") && s.bytes().any(|b| b.is_ascii_digit())
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Does the text end like a finished sentence or a heading-like unit?
fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_')
    });
    matches!(
        t.chars().last(),
        Some('.' | '?' | '!' | ':' | ';' | '…' | '|')
    )
}

fn starts_lower(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '[' | '(' | '"' | '“' | '‘' | '*' | '_')
    });
    t.chars().next().is_some_and(|c| c.is_lowercase())
}

/// How two consecutive non-empty lines are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// Same sentence flow: one space.
    Space,
    /// A hard boundary: one `\n`.
    Break,
}

fn join_lines(prev: &str, next: &str, blank_between: bool, prev_is_first: bool) -> Join {
    if starts_block(next) || starts_block(prev) || is_header_line(prev) || is_header_line(next) {
        return Join::Break;
    }
    if prev_is_first && !starts_lower(next) {
        return Join::Break;
    }
    if blank_between {
        // A page break cuts a sentence: no final punctuation before, lower case after.
        if !ends_terminal(prev) && starts_lower(next) {
            return Join::Space;
        }
        return Join::Break;
    }
    if starts_lower(next) {
        // A wrapped line (more than a short list-like fragment) continues.
        return if word_count(prev) >= 3 {
            Join::Space
        } else {
            Join::Break
        };
    }
    // Upper case or other start after a single newline: a hard wrap when the
    // previous line is long, a new unit when it is short (a heading).
    if prev.trim().chars().count() >= 40 {
        Join::Space
    } else {
        Join::Break
    }
}

/// Normalize a document (BOM already removed).
pub fn normalize(orig: &str) -> Normalized {
    let mut b = Builder::new(orig);
    let lines = split_lines(orig);
    let mut prev: Option<(usize, usize)> = None; // trimmed range of previous non-empty line
    let mut blank_between = false;
    let mut first = true;
    let mut gap_start = 0usize; // original offset where the whitespace before this line starts
    let markup = link_markup(orig);
    let mut next_markup = 0;
    for l in lines {
        let (s, e) = trim_range(orig, l);
        if s == e {
            if prev.is_some() {
                blank_between = true;
            }
            continue;
        }
        if let Some((ps, pe)) = prev {
            let join = join_lines(&orig[ps..pe], &orig[s..e], blank_between, first);
            first = false;
            match join {
                Join::Space => b.put(' ', gap_start),
                Join::Break => b.put('\n', gap_start),
            }
        }
        let content_start = strip_heading_marks(orig, s, e);
        copy_inline(&mut b, content_start, e, &markup, &mut next_markup);
        gap_start = e;
        prev = Some((s, e));
        blank_between = false;
    }
    b.finish()
}

/// Skip Markdown heading marks (`## `) at a line start.
fn strip_heading_marks(orig: &str, s: usize, e: usize) -> usize {
    let line = &orig[s..e];
    let hashes = line.bytes().take_while(|&c| c == b'#').count();
    if hashes > 0 && hashes <= 6 && line.as_bytes().get(hashes) == Some(&b' ') {
        let rest = &line[hashes..];
        s + hashes + (rest.len() - rest.trim_start().len())
    } else {
        s
    }
}

/// Copy one line, leaving out the link markup that falls in it.
fn copy_inline(b: &mut Builder, s: usize, e: usize, markup: &[Range<usize>], next: &mut usize) {
    let mut at = s;
    while *next < markup.len() && markup[*next].end <= s {
        *next += 1;
    }
    while *next < markup.len() && markup[*next].start < e {
        let m = &markup[*next];
        b.copy(at, m.start.max(at));
        at = m.end.min(e).max(at);
        if m.end > e {
            break; // the markup goes on past this line
        }
        *next += 1;
    }
    b.copy(at, e);
}

/// Byte ranges of link markup to leave out: the `[` and the `](target)` of
/// every link `[text](target)`. The text may run over single line breaks
/// (a hard-wrapped link), not over a blank line; the target has no spaces.
fn link_markup(orig: &str) -> Vec<Range<usize>> {
    let bytes = orig.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'[', &bytes[i..]) {
        let open = i + off;
        match link_at(bytes, open) {
            Some((text_end, link_end)) => {
                out.push(open..open + 1);
                out.push(text_end..link_end);
                i = link_end;
            }
            None => i = open + 1,
        }
    }
    out
}

/// At `open` (a `[`), a link `[text](target)`: returns (end of text, end of link).
fn link_at(bytes: &[u8], open: usize) -> Option<(usize, usize)> {
    const MAX_TEXT: usize = 400;
    const MAX_TARGET: usize = 2000;
    let mut j = open + 1;
    while j < bytes.len() && bytes[j] != b']' {
        match bytes[j] {
            b'[' => return None,
            b'\n' => {
                // a blank line ends the paragraph: no link across it
                let rest = &bytes[j + 1..];
                let line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                if rest[..line_end].iter().all(|c| c.is_ascii_whitespace()) {
                    return None;
                }
            }
            _ => {}
        }
        if j - open > MAX_TEXT {
            return None;
        }
        j += 1;
    }
    if j + 1 >= bytes.len() || bytes[j + 1] != b'(' || j == open + 1 {
        return None;
    }
    let text_end = j;
    let mut k = j + 2;
    while k < bytes.len() && bytes[k] != b')' {
        if bytes[k].is_ascii_whitespace() || k - j > MAX_TARGET {
            return None;
        }
        k += 1;
    }
    if k >= bytes.len() {
        return None;
    }
    Some((text_end, k + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(orig: &str, n: &Normalized) {
        // Every normalized non-space byte maps to the same byte in the original.
        for (i, c) in n.text.char_indices() {
            if c == ' ' || c == '\n' {
                continue;
            }
            let o = n.to_original(i);
            assert!(orig[o..].starts_with(c), "byte {i} {c:?} maps to {o}");
        }
    }

    #[test]
    fn offsets_map_the_same_in_any_order() {
        let orig = "## Head\r\n\n[Russia](#) and\n[Iran](x) met\n\nin Doha. Then  \r\nmore.";
        let n = normalize(orig);
        assert!(n.runs.len() > 4, "{:?}", n.runs);
        // the mapping as a search over all runs, without the hint
        let plain = |pos: usize| match n.runs.partition_point(|r| r.0 <= pos) {
            0 => pos,
            k => n.runs[k - 1].1 + (pos - n.runs[k - 1].0),
        };
        let len = n.text.len();
        let mut state = 7usize;
        let orders = [
            (0..=len).collect::<Vec<_>>(),
            (0..=len).rev().collect(),
            (0..200)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 33) % (len + 1)
                })
                .collect(),
        ];
        for order in orders {
            for pos in order {
                assert_eq!(n.to_original(pos), plain(pos), "{pos}");
            }
        }
    }

    #[test]
    fn links_lose_markup_and_map_back() {
        let orig = "Moscow [signaled its readiness](https://x.org/a) to leave.";
        let n = normalize(orig);
        assert_eq!(n.text, "Moscow signaled its readiness to leave.");
        check_map(orig, &n);
        let s = n.text.find("readiness").unwrap();
        let e = s + "readiness".len();
        assert_eq!(&orig[n.to_original(s)..n.to_original_end(e)], "readiness");
        // a span ending at the end of the link text ends before `](`
        let e2 = n.text.find(" to").unwrap();
        assert_eq!(
            &orig[n.to_original(7)..n.to_original_end(e2)],
            "signaled its readiness"
        );
    }

    #[test]
    fn a_link_wrapped_over_a_line_break_loses_its_markup() {
        let orig = "The mint [state\nmint](#) and [Ahmed\r\nal-Sharaa](https://x.org/a) met.";
        let n = normalize(orig);
        assert_eq!(n.text, "The mint state mint and Ahmed al-Sharaa met.");
        check_map(orig, &n);
        // not across a blank line
        let n = normalize("A long [link text\n\nthat stops](#) here.");
        assert!(n.text.contains('['));
    }

    #[test]
    fn brackets_that_are_not_links_stay() {
        let n = normalize("Hayat Tahrir al-Sham [HTS] said [sic] (no).");
        assert_eq!(n.text, "Hayat Tahrir al-Sham [HTS] said [sic] (no).");
    }

    #[test]
    fn page_break_inside_a_sentence_is_joined() {
        let orig = "Title\n\nIt occurred only from the\n\nsummer months onward. Then more.\n\nNew paragraph.";
        let n = normalize(orig);
        assert_eq!(
            n.text,
            "Title\nIt occurred only from the summer months onward. Then more.\nNew paragraph."
        );
        check_map(orig, &n);
    }

    #[test]
    fn hard_wraps_are_joined_and_crlf_handled() {
        let orig = "Title line\r\n\r\nThe Kremlin has spent a decade building its position in\r\nSyria, and now it is\r\nleaving.\r\n";
        let n = normalize(orig);
        assert_eq!(
            n.text,
            "Title line\nThe Kremlin has spent a decade building its position in Syria, and now it is leaving."
        );
        check_map(orig, &n);
    }

    #[test]
    fn header_heading_and_editors_stay_apart() {
        let orig = "Russia in Syria\nDana Kolar | No. 2077 | January 19, 2026\n\nBody text ends.\n\nImplications for Israel\n\nMore text.\n\nEditors: A B and C D";
        let n = normalize(orig);
        assert_eq!(
            n.text,
            "Russia in Syria\nDana Kolar | No. 2077 | January 19, 2026\nBody text ends.\nImplications for Israel\nMore text.\nEditors: A B and C D"
        );
    }

    #[test]
    fn markdown_headings_lose_marks() {
        let orig = "# Title\n\n## A Heading\n\nText.";
        let n = normalize(orig);
        assert_eq!(n.text, "Title\nA Heading\nText.");
        check_map(orig, &n);
    }

    #[test]
    fn accents_quotes_dashes_kept() {
        let orig = "Syria—particularly the protégé’s “hubs.”";
        let n = normalize(orig);
        assert_eq!(n.text, orig);
        check_map(orig, &n);
    }

    #[test]
    fn whitespace_only_lines_are_blank_lines() {
        for orig in [
            "Text.\n   \nMore.\n",
            "Text.\n\t\nMore.",
            "Text.\n\u{a0}\nMore.",
            "  \u{3000} \n",
            " \nText.",
        ] {
            let n = normalize(orig);
            check_map(orig, &n);
            assert!(!n.text.contains("  "), "{orig:?} -> {:?}", n.text);
        }
        assert_eq!(normalize("Text.\n   \nMore.").text, "Text.\nMore.");
    }

    #[test]
    fn lines_split_on_every_line_ending() {
        let text = "a\r\nb\rc\n\nd\r\r\ne";
        let got: Vec<&str> = split_lines(text)
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect();
        assert_eq!(got, ["a", "b", "c", "", "d", "", "e"]);
        let text = "x\r\n";
        assert_eq!(split_lines(text).len(), 1);
    }

    #[test]
    fn short_lines_stay_apart() {
        let n = normalize("features\ncontact manager\nevents, activities\n");
        assert_eq!(n.text, "features\ncontact manager\nevents, activities");
    }
}
