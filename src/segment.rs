//! Sentence segmentation over normalized text.
//!
//! Segments tile the text: every non-space byte belongs to exactly one
//! segment, segments are in order, and each runs from its first to its last
//! non-space byte. A `\n` in normalized text is a hard boundary (title,
//! header, headings, paragraphs, list lines); inside a line, boundaries come
//! from final punctuation with these rules:
//!
//! - no split after abbreviations that precede a name or number (`Gen.`,
//!   `Lt. Col.`, `Dr.`, `No. 2077`, `Jan. 19`), after initials (`Donald J.
//!   Trump`), inside decimals, or after `e.g.`/`i.e.`;
//! - after dotted acronyms (`U.S.`, `E.U.`) and `a.m.`, a split only when a
//!   typical sentence opener follows (`the U.S. The talks` splits, `the U.S.
//!   Government` does not);
//! - no split before a lower-case word or a digit, nor inside parentheses or
//!   brackets opened in the same sentence;
//! - closing quotes and brackets stay with the sentence they close (`."`,
//!   `.”`, `.)`), so `(Tehran denied any link.)` after a sentence is a
//!   sentence of its own;
//! - a short line without final punctuation (title, header, heading, editors
//!   line) is one segment;
//! - numbered and bulleted list items on one line are split apart.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use crate::wordkey::{pack_lower, sorted_keys};

/// Split normalized text into sentence ranges (byte offsets).
pub fn segment(text: &str) -> Vec<Range<usize>> {
    // about one sentence per 100 bytes in briefs; spares most regrowing
    let mut out = Vec::with_capacity(text.len() / 100 + 4);
    let mut cuts = Vec::new(); // reused line to line
    let mut ls = 0;
    let bytes = text.as_bytes();
    // one search for `…` over the document spares one per line when absent
    let ellipsis = ELLIPSIS.find(bytes).is_some();
    loop {
        let le = memchr::memchr(b'\n', &bytes[ls..]).map_or(text.len(), |i| ls + i);
        segment_line(text, ls, le, ellipsis, &mut cuts, &mut out);
        if le >= text.len() {
            break;
        }
        ls = le + 1;
    }
    out
}

/// Push the trimmed, non-empty part of `text[a..b]`.
fn push_trimmed(text: &str, a: usize, b: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[a..b];
    // the usual case: ASCII non-space at both ends, nothing to trim
    let solid = |c: u8| c < 0x80 && !ascii_space(c);
    if a < b && solid(s.as_bytes()[0]) && solid(s.as_bytes()[s.len() - 1]) {
        out.push(a..b);
        return;
    }
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if a + lead < b - trail {
        out.push(a + lead..b - trail);
    }
}

fn segment_line(
    text: &str,
    ls: usize,
    le: usize,
    ellipsis: bool,
    cuts: &mut Vec<usize>,
    out: &mut Vec<Range<usize>>,
) {
    let line = &text[ls..le];
    if line.trim().is_empty() {
        return;
    }
    cuts.clear();
    // Lists on one line start with their first marker (`1.) A 2.) B`).
    let protected = if starts_with_marker(line) {
        let (list_splits, protected) = list_items(text, ls, le);
        cuts.extend(list_splits);
        protected
    } else {
        Vec::new()
    };
    let short_unit = !line_ends_terminal(line) && count_words(line, 26) <= 25;
    if !short_unit {
        punctuation_cuts(text, ls, le, ellipsis, &protected, cuts);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut a = ls;
    for &c in cuts.iter() {
        if c > a && c < le {
            push_trimmed(text, a, c, out);
            a = c;
        }
    }
    push_trimmed(text, a, le, out);
}

/// The ASCII bytes that are whitespace for [`char::is_whitespace`].
fn ascii_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// `line.split_whitespace().count()`, counting no further than `max`.
fn count_words(line: &str, max: usize) -> usize {
    let bytes = line.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut k = 0;
    while k < bytes.len() {
        let (space, len) = match bytes[k] {
            c if c < 0x80 => (ascii_space(c), 1),
            _ => {
                let c = line[k..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if !space && !in_word {
            n += 1;
            if n >= max {
                return n;
            }
        }
        in_word = !space;
        k += len;
    }
    n
}

/// Does the line open with a list marker (`1.`, `2.)`, `a.`, `•`, `⁃`)?
fn starts_with_marker(line: &str) -> bool {
    let t = line.trim_start().as_bytes();
    if t.starts_with("•".as_bytes()) || t.starts_with("⁃".as_bytes()) {
        return true;
    }
    let digits = t.iter().take_while(|b| b.is_ascii_digit()).count();
    let n = if digits > 0 && digits <= 3 {
        digits
    } else if t.first().is_some_and(|b| b.is_ascii_lowercase()) {
        1
    } else {
        return false;
    };
    matches!(t.get(n), Some(b'.') | Some(b')'))
}

fn line_ends_terminal(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
    });
    matches!(t.chars().last(), Some('.' | '?' | '!' | '…'))
}

/// Abbreviations after which a sentence never ends when a capital or a
/// number follows: titles, `No.`, months, and the like (lower case, no dot).
const PRENOMINAL: &[&str] = &[
    "adm", "apr", "art", "aug", "brig", "ca", "capt", "cf", "ch", "cmdr", "col", "cpl", "dec",
    "dept", "dr", "feb", "fig", "fr", "ft", "gen", "gov", "hon", "jan", "jul", "jun", "lt", "maj",
    "mar", "messrs", "mme", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "op", "p", "pp",
    "pres", "prof", "pt", "pvt", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt",
    "v", "vol", "vs",
];

/// [`PRENOMINAL`] packed and sorted, for a binary search without case
/// folding copies.
static PRENOMINAL_KEYS: [u64; PRENOMINAL.len()] = sorted_keys(PRENOMINAL);

/// Is `w` (any ASCII case) one of [`PRENOMINAL`]?
fn is_prenominal(w: &str) -> bool {
    if w.len() > 6 {
        return false; // longer than any entry
    }
    match pack_lower(w.as_bytes()) {
        0 => false,
        k => PRENOMINAL_KEYS.binary_search(&k).is_ok(),
    }
}

/// Words that typically open a sentence; after `U.S.` or `a.m.` one of these
/// makes a boundary.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "But",
    "By",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Moreover",
    "Nor",
    "Now",
    "On",
    "Once",
    "Our",
    "She",
    "Since",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// Find the boundaries that final punctuation makes in `text[ls..le]`.
/// `ellipsis`: the text holds a `…` somewhere.
fn punctuation_cuts(
    text: &str,
    ls: usize,
    le: usize,
    ellipsis: bool,
    protected: &[usize],
    cuts: &mut Vec<usize>,
) {
    let bytes = text.as_bytes();
    // Only a bracket that closes later on the line holds a sentence open: a
    // stray `(` must not swallow the rest of the paragraph.
    let mut brackets = Brackets::new(bytes, ls, le);
    let mut finals = FinalPunct::new(text, le, ellipsis);
    let mut i = ls;
    while let Some(run_start) = finals.next(i) {
        // A run of final punctuation (`.`, `?!`, `...`, `…`).
        i = run_start;
        let mut has_qe = false;
        let mut dots = 0;
        while i < le {
            match bytes[i] {
                b'.' => {
                    dots += 1;
                    i += 1;
                }
                b'?' | b'!' => {
                    has_qe = true;
                    i += 1;
                }
                0xE2 if text[i..].starts_with('…') => {
                    dots += 3;
                    i += '…'.len_utf8();
                }
                _ => break,
            }
        }
        let run_end = i;
        // Closing quotes and brackets belong to this sentence.
        let mut j = run_end;
        while j < le {
            let c = text[j..].chars().next().unwrap_or(' ');
            if !is_closer(c) {
                break;
            }
            j += c.len_utf8();
        }
        i = j;
        if protected.contains(&run_start) {
            continue;
        }
        if j >= le {
            continue; // end of line: a boundary anyway
        }
        let next = text[j..].chars().next().unwrap_or(' ');
        if !next.is_whitespace() {
            if !has_qe && dots == 1 && j == run_end && glued_boundary(text, ls, run_start, le) {
                cuts.push(run_end);
            }
            continue;
        }
        if brackets.depth_before(j) > 0 {
            continue;
        }
        let q = skip_space(text, j, le);
        if q >= le {
            continue;
        }
        if boundary_before(text, ls, run_start, dots, has_qe, q, le) {
            cuts.push(j);
        }
    }
}

/// The searcher for `…`, built once.
static ELLIPSIS: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("…".as_bytes()));

/// Finds the final punctuation of a line (`.`, `?`, `!`, `…`) with memchr
/// instead of looking at every byte.
struct FinalPunct<'a> {
    text: &'a str,
    le: usize,
    /// The first `…` at or after the last search position (`le`: none).
    ellipsis: usize,
    /// Whether `ellipsis` is known (from the start when the text has no `…`).
    searched: bool,
}

impl<'a> FinalPunct<'a> {
    /// `ellipsis`: the text holds a `…` somewhere.
    fn new(text: &'a str, le: usize, ellipsis: bool) -> Self {
        FinalPunct {
            text,
            le,
            ellipsis: le,
            searched: !ellipsis,
        }
    }

    /// The first final punctuation at or after `i`, before the line end.
    fn next(&mut self, i: usize) -> Option<usize> {
        if i >= self.le {
            return None;
        }
        let bytes = &self.text.as_bytes()[..self.le];
        let ascii = memchr::memchr3(b'.', b'?', b'!', &bytes[i..]).map_or(self.le, |k| i + k);
        // `i` only grows: the `…` found last stays the next one until passed
        if !self.searched || self.ellipsis < i {
            self.ellipsis = ELLIPSIS.find(&bytes[i..]).map_or(self.le, |k| i + k);
            self.searched = true;
        }
        let p = ascii.min(self.ellipsis);
        (p < self.le).then_some(p)
    }
}

/// Bracket nesting along one line. Only a `(` or `[` that a matching bracket
/// closes later on the line opens a level; every `)` or `]` closes one (never
/// below zero). Lines without an opening bracket stay at depth zero.
struct Brackets {
    /// Positions and bytes of the line's brackets, in order.
    events: Vec<(usize, u8)>,
    /// The openers that are closed later, in order.
    matched: Vec<usize>,
    /// Events applied so far, and the depth after them.
    applied: usize,
    next_matched: usize,
    depth: usize,
}

impl Brackets {
    fn new(bytes: &[u8], ls: usize, le: usize) -> Self {
        let line = &bytes[ls..le];
        let mut events = Vec::new();
        let mut matched = Vec::new();
        if memchr::memchr2(b'(', b'[', line).is_some() {
            events.extend(memchr::memchr3_iter(b'(', b')', b'[', line).map(|k| (ls + k, line[k])));
            let n = events.len();
            events.extend(memchr::memchr_iter(b']', line).map(|k| (ls + k, b']')));
            if events.len() > n {
                events.sort_unstable();
            }
            matched = matched_openers(&events);
        }
        Brackets {
            events,
            matched,
            applied: 0,
            next_matched: 0,
            depth: 0,
        }
    }

    /// Depth after all brackets before `pos` (calls must not go backwards).
    fn depth_before(&mut self, pos: usize) -> usize {
        while let Some(&(p, b)) = self.events.get(self.applied) {
            if p >= pos {
                break;
            }
            self.applied += 1;
            match b {
                b'(' | b'[' => {
                    while self.matched.get(self.next_matched).is_some_and(|&m| m < p) {
                        self.next_matched += 1;
                    }
                    if self.matched.get(self.next_matched) == Some(&p) {
                        self.depth += 1;
                    }
                }
                _ => self.depth = self.depth.saturating_sub(1),
            }
        }
        self.depth
    }
}

/// Positions of the `(` and `[` among `events` (a line's brackets, in
/// order) that a matching bracket closes later on the line, in order.
fn matched_openers(events: &[(usize, u8)]) -> Vec<usize> {
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut out = Vec::new();
    for &(pos, b) in events {
        match b {
            b'(' | b'[' => stack.push((b, pos)),
            _ => {
                let open = if b == b')' { b'(' } else { b'[' };
                if let Some(p) = stack.iter().rposition(|&(o, _)| o == open) {
                    out.push(stack[p].1);
                    stack.truncate(p);
                }
            }
        }
    }
    out.sort_unstable();
    out
}

fn skip_space(text: &str, mut j: usize, le: usize) -> usize {
    let bytes = text.as_bytes();
    while j < le {
        if bytes[j] == b' ' || bytes[j] == b'\t' {
            j += 1;
        } else if bytes[j] >= 0x80 {
            let c = text[j..].chars().next().unwrap();
            if c.is_whitespace() {
                j += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    j
}

/// The word just before `pos` (back to a space or an opening bracket/quote).
fn word_before(text: &str, ls: usize, pos: usize) -> &str {
    let s = &text[ls..pos];
    // ASCII fast path: walk back to the first stop byte
    for (k, &b) in s.as_bytes().iter().enumerate().rev() {
        match b {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'"' | b'\'' | b'(' | b'[' | b'/' => {
                return &s[k + 1..];
            }
            0x80.. => return word_before_unicode(s),
            _ => {}
        }
    }
    s
}

/// [`word_before`] over any characters.
fn word_before_unicode(s: &str) -> &str {
    let start = s
        .rfind(|c: char| c.is_whitespace() || is_opener_punct(c) || c == '—' || c == '/')
        .map_or(0, |k| k + s[k..].chars().next().map_or(1, |c| c.len_utf8()));
    &s[start..]
}

/// A character that ends a word for [`word_at`].
fn ends_word(c: char) -> bool {
    c.is_whitespace() || (c.is_ascii_punctuation() && c != '-' && c != '\'')
}

/// The word starting at `q`, without leading quotes or brackets.
fn word_at(text: &str, q: usize, le: usize) -> &str {
    let s = &text[q..le];
    let s = s.trim_start_matches(is_opener_punct);
    // ASCII fast path up to the first non-ASCII byte
    for (k, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            let end = s[k..].find(ends_word).map_or(s.len(), |e| k + e);
            return &s[..end];
        }
        if ends_word(b as char) {
            return &s[..k];
        }
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn boundary_before(
    text: &str,
    ls: usize,
    run_start: usize,
    dots: usize,
    has_qe: bool,
    q: usize,
    le: usize,
) -> bool {
    // the first character of the next word (`word_at`), without reading
    // the rest of the word
    let first = match text[q..le]
        .trim_start_matches(is_opener_punct)
        .chars()
        .next()
    {
        Some(c) if !ends_word(c) => c,
        _ => {
            // Next token is punctuation: `. . .` continues an ellipsis.
            return false;
        }
    };
    if first.is_lowercase() || first.is_ascii_digit() {
        return false;
    }
    if !first.is_uppercase() {
        return false;
    }
    if has_qe {
        return true;
    }
    let word = word_before(text, ls, run_start);
    if dots > 1 {
        // `that.... She` splits; a spaced three-dot ellipsis `is . . . I` does not.
        return !(dots == 3 && word.is_empty());
    }
    if word.is_empty() {
        // The last dot of a spaced ellipsis: `is . . . I` goes on, the
        // four-dot `period . . . . Next` ends the sentence.
        return spaced_dots(text, ls, run_start) >= 4;
    }
    let bare = word.trim_end_matches('.');
    let last = bare
        .bytes()
        .rposition(|b| b == b'.')
        .map_or(bare, |k| &bare[k + 1..]);
    if is_prenominal(bare) || (last.len() < bare.len() && is_prenominal(last)) {
        return false;
    }
    if word.contains('.') {
        // Dotted: U.S, E.U, e.g, i.e, a.m, p.m, Jane.Doe@example.com
        if word.contains('@') || word.contains('/') || word.contains(':') {
            return true;
        }
        if ["e.g", "i.e", "viz"]
            .iter()
            .any(|x| word.eq_ignore_ascii_case(x))
        {
            return false;
        }
        if word.split('.').all(|p| p.chars().count() <= 2) {
            return OPENERS.contains(&word_at(text, q, le));
        }
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            // `you and I. Did` splits; `Albert I. Jones`, `Jonas E. Smith` do not.
            let prev = text[ls..run_start - word.len()].trim_end();
            let prev_word = prev.rsplit(' ').next().unwrap_or("");
            let prev_cap = prev_word.chars().next().is_some_and(|c| c.is_uppercase());
            return c == 'I' && !prev_cap && !prev_word.is_empty();
        }
        if c.is_lowercase() {
            return false;
        }
    }
    // Any other word, `co.` and `etc.` included, ends a sentence before a capital.
    true
}

/// Count the dots of a spaced ellipsis (`. . .`) that ends at `dot`.
fn spaced_dots(text: &str, ls: usize, dot: usize) -> usize {
    let b = text.as_bytes();
    let mut n = 1;
    let mut i = dot;
    while i >= ls + 2 && b[i - 1] == b' ' && b[i - 2] == b'.' {
        n += 1;
        i -= 2;
    }
    n
}

/// `world.Today`: a sentence glued to the next without a space.
fn glued_boundary(text: &str, ls: usize, dot: usize, le: usize) -> bool {
    let after = &text[dot + 1..le];
    let mut it = after.chars();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let word = word_before(text, ls, dot);
    if word.chars().count() < 2 || word.contains('.') {
        return false;
    }
    let token_end = after.find(char::is_whitespace).unwrap_or(after.len());
    let token = &after[..token_end];
    if token.contains('@') || token.contains('/') || word.contains('@') || word.contains('/') {
        return false;
    }
    if is_prenominal(word) {
        return false;
    }
    word.chars().last().is_some_and(|c| c.is_alphanumeric())
}

/// List items on one line: `1.) A 2.) B`, `a. A b. B`, `• A • B`.
/// Returns the cut positions (before each item after the first) and the
/// positions of the periods that belong to item markers.
fn list_items(text: &str, ls: usize, le: usize) -> (Vec<usize>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut markers: Vec<(usize, u32, Option<usize>)> = Vec::new(); // (start, value, period pos)
    let mut bullets = Vec::new();
    let mut i = ls;
    while i < le {
        let at_start = i == ls || bytes[i - 1] == b' ';
        if !at_start {
            i += 1;
            continue;
        }
        let rest = &text[i..le];
        let mut k = i;
        if rest.starts_with('•') || rest.starts_with('⁃') {
            bullets.push(i);
            k += 3;
            while k < le && bytes[k] == b' ' {
                k += 1;
            }
        }
        let digits = bytes[k..le]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let (val, after) = if digits > 0 && digits <= 3 {
            let v: u32 = text[k..k + digits].parse().unwrap_or(0);
            (Some(v), k + digits)
        } else if k < le && bytes[k].is_ascii_lowercase() {
            (Some((bytes[k] - b'a' + 1) as u32), k + 1)
        } else {
            (None, k)
        };
        if let Some(v) = val {
            let tail = &text[after..le];
            let (period, len) = if tail.starts_with(".)") {
                (Some(after), 2)
            } else if tail.starts_with(')') {
                (None, 1)
            } else if tail.starts_with('.') {
                (Some(after), 1)
            } else {
                (None, 0)
            };
            let m_end = after + len;
            if len > 0
                && text[m_end..le].starts_with(' ')
                && text[m_end + 1..le]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase())
            {
                let is_letter = digits == 0;
                markers.push((i, v + if is_letter { 1000 } else { 0 }, period));
            }
        }
        i = if val.is_some() {
            after + 1
        } else {
            k.max(i + 1)
        };
    }
    let mut cuts = Vec::new();
    let mut protected = Vec::new();
    for (n, &(start, v, period)) in markers.iter().enumerate() {
        let consecutive = (n > 0 && markers[n - 1].1 + 1 == v)
            || (n + 1 < markers.len() && markers[n + 1].1 == v + 1);
        if consecutive || bullets.contains(&start) {
            if start > ls {
                cuts.push(start);
            }
            if let Some(p) = period {
                protected.push(p);
            }
        }
    }
    for b in bullets {
        if b > ls {
            cuts.push(b);
        }
    }
    (cuts, protected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(t: &str) -> Vec<&str> {
        segment(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            seg("Hello World. My name is Jonas."),
            ["Hello World.", "My name is Jonas."]
        );
        assert_eq!(seg("What? No! Yes."), ["What?", "No!", "Yes."]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        for t in [
            "Gen. Mazloum Abdi met Lt. Col. Ahmad Khalil on Jan. 19 in Damascus.",
            "The brief, No. 2077, was written by Dr. Smith.",
            "Donald J. Trump spoke to the U.S. Congress at 4 a.m. local time.",
            "Several states, e.g. Qatar and Oman, i.e. the mediators, agreed.",
            "The deal cost 1.5 billion dollars.",
        ] {
            assert_eq!(seg(t), [t], "{t}");
        }
    }

    #[test]
    fn acronym_then_opener_splits() {
        assert_eq!(
            seg("Talks stalled in the U.S. The envoy left."),
            ["Talks stalled in the U.S.", "The envoy left."]
        );
        assert_eq!(
            seg("I work for the U.S. Government in Virginia."),
            ["I work for the U.S. Government in Virginia."]
        );
    }

    #[test]
    fn quotes_and_parentheses() {
        assert_eq!(
            seg("He called them “hubs.” Moscow disagreed."),
            ["He called them “hubs.”", "Moscow disagreed."]
        );
        assert_eq!(
            seg("She said, \"This is great.\" she said."),
            ["She said, \"This is great.\" she said."]
        );
        assert_eq!(
            seg("Israel struck the depot. (Tehran denied any link.) The strike was the third."),
            [
                "Israel struck the depot.",
                "(Tehran denied any link.)",
                "The strike was the third."
            ]
        );
        assert_eq!(
            seg("He teaches science (He worked as an engineer.) at the local University."),
            ["He teaches science (He worked as an engineer.) at the local University."]
        );
    }

    #[test]
    fn a_stray_bracket_does_not_hold_the_sentence_open() {
        assert_eq!(
            seg("Russia struck Syria (a point made earlier. Iran armed Hezbollah. Turkey helped."),
            [
                "Russia struck Syria (a point made earlier.",
                "Iran armed Hezbollah.",
                "Turkey helped."
            ]
        );
        assert_eq!(seg(":( again. Then more."), [":( again.", "Then more."]);
    }

    #[test]
    fn lines_are_hard_boundaries() {
        assert_eq!(
            seg("Russia in Syria\nDana Kolar | No. 2077 | January 19, 2026\nBody. More."),
            [
                "Russia in Syria",
                "Dana Kolar | No. 2077 | January 19, 2026",
                "Body.",
                "More."
            ]
        );
    }

    #[test]
    fn short_unterminated_line_is_one_segment() {
        assert_eq!(
            seg("Is Russia Leaving? What Comes Next"),
            ["Is Russia Leaving? What Comes Next"]
        );
    }

    #[test]
    fn list_items() {
        assert_eq!(
            seg("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            seg("1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            seg("a. The first item b. The second item"),
            ["a. The first item", "b. The second item"]
        );
        assert_eq!(
            seg("• 9. The first item • 10. The second item"),
            ["• 9. The first item", "• 10. The second item"]
        );
    }

    #[test]
    fn glued_and_ellipsis() {
        assert_eq!(
            seg("Hello world.Today is Tuesday."),
            ["Hello world.", "Today is Tuesday."]
        );
        assert_eq!(
            seg("Her email is Jane.Doe@example.com. I sent it."),
            ["Her email is Jane.Doe@example.com.", "I sent it."]
        );
        assert_eq!(
            seg("I never meant that.... She left."),
            ["I never meant that....", "She left."]
        );
        assert_eq!(
            seg("the thing is . . . I didn’t mean it."),
            ["the thing is . . . I didn’t mean it."]
        );
    }

    #[test]
    fn ellipsis_character_and_brackets() {
        assert_eq!(
            seg("He paused… Then he left. (It rained… He stayed.) Later (it [was] late. He slept."),
            [
                "He paused…",
                "Then he left.",
                "(It rained… He stayed.)",
                "Later (it [was] late.",
                "He slept."
            ]
        );
        assert_eq!(
            seg("Talks (in Doha. Then Cairo) ended. Gen. Abdi left."),
            ["Talks (in Doha. Then Cairo) ended.", "Gen. Abdi left."]
        );
        assert_eq!(
            seg("It ended in the U.S.) The end. GEN. Abdi came."),
            ["It ended in the U.S.)", "The end.", "GEN. Abdi came."]
        );
    }

    #[test]
    fn short_line_word_count() {
        assert_eq!(count_words("  a b\u{a0}c\u{2003} d ", 26), 4);
        assert_eq!(count_words("", 26), 0);
        assert_eq!(count_words("a b c d e", 3), 3);
        let long = "word ".repeat(30);
        assert_eq!(count_words(&long, 26), 26);
        // a long line without final punctuation is still split
        let line = format!(
            "{}end. The end of it {}",
            "word ".repeat(20),
            "word ".repeat(10)
        );
        assert_eq!(segment(&line).len(), 2);
    }

    #[test]
    fn segments_tile_the_text() {
        let t = "A b c. D e f? (G h.) I j “k.” L m\nN o p.";
        let segs = segment(t);
        let mut last = 0;
        for r in &segs {
            assert!(r.start >= last);
            assert!(t[last..r.start].trim().is_empty());
            last = r.end;
        }
        assert!(t[last..].trim().is_empty());
    }
}
