//! Word tokenizer producing UD English EWT–compatible tokens as byte spans.
//!
//! Rules (see the unit tests for examples):
//! - words are runs of letters/digits (any Unicode alphanumeric);
//! - kept whole: hyphenated words (`al-Sharaa`, `S-400`, `mid-November`, `U.S.-led`),
//!   numbers with inner `,` `.` `:` `/` (`1,500`, `1.5`, `10:30`, `9/11`),
//!   dotted abbreviations (`U.S.`, `e.g.`) and known abbreviations (`Gen.`, `Mr.`, `etc.`),
//!   single-capital initials (`F.`), inner apostrophes (`O'Brien`), `AT&T`;
//! - split off as EWT does: clitics `'s 're 've 'll 'd 'm` (also with `’`), `n't`
//!   (`don't` → `do n't`, `can't` → `ca n't`), and `cannot` → `can not`,
//!   `gonna` → `gon na`, `wanna` → `wan na`, `gotta` → `got ta`;
//! - punctuation is one token per character, except runs of the same ASCII
//!   character among `. ! ? - * = _ ~ `` ` `` (`...`, `--`, `!!`).
//!
//! The scanner works on bytes with an ASCII fast path; non-ASCII characters are decoded
//! only where they occur.

use std::ops::Range;

/// A token as a byte span `start..end` into the tokenized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text.
    #[inline]
    pub fn as_str(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Tokenizes `text` into a new vector. See [`tokenize_into`] to reuse a buffer.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

const SP: u8 = 0; // whitespace
const WD: u8 = 1; // ASCII letter or digit
const PU: u8 = 2; // other ASCII punctuation or control
const RN: u8 = 3; // ASCII punctuation that forms runs: . ! ? - * = _ ~ `
const AP: u8 = 4; // ASCII apostrophe
const HI: u8 = 5; // non-ASCII lead/continuation byte

static CLASS: [u8; 256] = {
    let mut t = [PU; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            HI
        } else if c.is_ascii_alphanumeric() {
            WD
        } else if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' || c == 0x0b || c == 0x0c {
            SP
        } else if matches!(
            c,
            b'.' | b'!' | b'?' | b'-' | b'*' | b'=' | b'_' | b'~' | b'`'
        ) {
            RN
        } else if c == b'\'' {
            AP
        } else {
            PU
        };
        i += 1;
    }
    t
};

#[inline]
fn decode(text: &str, i: usize) -> (char, usize) {
    // `i` is always on a char boundary here.
    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// Whether `c` is a word character: alphanumeric, or a combining diacritic.
/// Common non-ASCII ranges are decided before the (slow) Unicode tables: Latin
/// letters, and the general punctuation block (curly quotes, dashes, spaces).
#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x300..=0x36F => true,
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

/// Byte length of the word character at `i`, or 0 when there is none.
#[inline]
fn word_char_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    if i >= b.len() {
        return 0;
    }
    match CLASS[b[i] as usize] {
        WD => 1,
        HI => {
            let (c, l) = decode(text, i);
            if is_word_char(c) { l } else { 0 }
        }
        _ => 0,
    }
}

/// Byte length of an apostrophe (`'` or `’`) at `i`, or 0.
#[inline]
fn apostrophe_len(b: &[u8], i: usize) -> usize {
    if i < b.len() && b[i] == b'\'' {
        1
    } else if i + 2 < b.len() && b[i] == 0xE2 && b[i + 1] == 0x80 && b[i + 2] == 0x99 {
        3
    } else {
        0
    }
}

/// Byte length of a non-ASCII hyphen (U+2010, U+2011) at `i`, or 0.
#[inline]
fn unicode_hyphen_len(b: &[u8], i: usize) -> usize {
    if i + 2 < b.len() && b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x90 || b[i + 2] == 0x91)
    {
        3
    } else {
        0
    }
}

/// Byte length of U+2018 (left single quotation mark) at `i`, or 0.
#[inline]
fn left_quote_len(b: &[u8], i: usize) -> usize {
    if i + 2 < b.len() && b[i] == 0xE2 && b[i + 1] == 0x80 && b[i + 2] == 0x98 {
        3
    } else {
        0
    }
}

/// If a clitic (`'s 're 've 'll 'd 'm`, either apostrophe) starts at `i` and ends at a
/// word boundary, its byte length.
#[inline]
fn clitic_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let a = apostrophe_len(b, i);
    if a == 0 {
        return 0;
    }
    let j = i + a;
    let lower = |k: usize| b.get(k).map(|c| c.to_ascii_lowercase());
    let k = match (lower(j), lower(j + 1)) {
        (Some(b's' | b'd' | b'm'), _) => 1,
        (Some(b'r'), Some(b'e')) | (Some(b'v'), Some(b'e')) | (Some(b'l'), Some(b'l')) => 2,
        _ => return 0,
    };
    if word_char_len(text, j + k) == 0 {
        a + k
    } else {
        0
    }
}

/// If `n't` (either apostrophe) with the `n` at `i` ends at a word boundary, its length.
#[inline]
fn nt_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    if i >= b.len() || (b[i] | 0x20) != b'n' {
        return 0;
    }
    let a = apostrophe_len(b, i + 1);
    if a == 0 {
        return 0;
    }
    let t = i + 1 + a;
    if t < b.len() && (b[t] | 0x20) == b't' && word_char_len(text, t + 1) == 0 {
        a + 2
    } else {
        0
    }
}

/// Known abbreviations that keep their final period (case-sensitive).
fn is_known_abbrev(w: &[u8]) -> bool {
    matches!(
        w,
        b"Mr"
            | b"Mrs"
            | b"Ms"
            | b"Dr"
            | b"Prof"
            | b"Gen"
            | b"Gens"
            | b"Lt"
            | b"Col"
            | b"Maj"
            | b"Capt"
            | b"Cpt"
            | b"Sgt"
            | b"Cpl"
            | b"Pvt"
            | b"Adm"
            | b"Cmdr"
            | b"Brig"
            | b"Gov"
            | b"Sen"
            | b"Sens"
            | b"Rep"
            | b"Reps"
            | b"Rev"
            | b"Hon"
            | b"Pres"
            | b"Amb"
            | b"Supt"
            | b"St"
            | b"Mt"
            | b"Ft"
            | b"Jr"
            | b"Sr"
            | b"Inc"
            | b"Corp"
            | b"Ltd"
            | b"Co"
            | b"Bros"
            | b"Dept"
            | b"Univ"
            | b"Assn"
            | b"Ave"
            | b"Blvd"
            | b"Jan"
            | b"Feb"
            | b"Mar"
            | b"Apr"
            | b"Jun"
            | b"Jul"
            | b"Aug"
            | b"Sep"
            | b"Sept"
            | b"Oct"
            | b"Nov"
            | b"Dec"
            | b"Mon"
            | b"Tue"
            | b"Tues"
            | b"Wed"
            | b"Thu"
            | b"Thur"
            | b"Thurs"
            | b"Fri"
            | b"Sat"
            | b"Sun"
            | b"No"
            | b"Nos"
            | b"Vol"
            | b"Fig"
            | b"Art"
            | b"Sec"
            | b"vs"
            | b"etc"
            | b"al"
            | b"approx"
            | b"cf"
            | b"viz"
            | b"pp"
            | b"est"
            | b"ca"
    )
}

/// [`is_abbrev`] for a word without periods.
#[inline]
fn is_undotted_abbrev(b: &[u8]) -> bool {
    match b.len() {
        1 => b[0].is_ascii_uppercase(),
        // Longer than any known abbreviation.
        7.. => false,
        _ => is_known_abbrev(b),
    }
}

/// Whether the word before a final `.` is an abbreviation that keeps the period.
fn is_abbrev(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() == 1 {
        return b[0].is_ascii_uppercase();
    }
    if !b.contains(&b'.') {
        return is_undotted_abbrev(b);
    }
    // Dotted letters: U.S, e.g, i.e, a.m, Ph.D, U.S.A
    w.split('.')
        .all(|s| !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// Splits of fused forms that EWT writes as two words.
#[inline(always)]
fn fused_split(w: &[u8]) -> usize {
    if !matches!(w.first().map(|c| c | 0x20), Some(b'c' | b'g' | b'w')) {
        return 0;
    }
    let fused = match w.len() {
        6 => w.eq_ignore_ascii_case(b"cannot"),
        5 => [b"gonna", b"wanna", b"gotta"]
            .iter()
            .any(|f| w.eq_ignore_ascii_case(*f)),
        _ => false,
    };
    if fused { 3 } else { 0 }
}

/// Length of the run of ASCII letters and digits that `b` starts with.
#[inline(always)]
fn ascii_alnum_run(b: &[u8]) -> usize {
    let mut j = 0;
    while let Some(chunk) = b.get(j..j + 8) {
        let m = non_alnum_bytes(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        if m != 0 {
            return j + (m.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < b.len() && CLASS[b[j] as usize] == WD {
        j += 1;
    }
    j
}

/// The bytes of `v` that are not ASCII letters or digits, as bit 7 of each byte
/// (SWAR: each byte is compared by an addition that carries into bit 7, and no
/// addition carries out of its byte).
#[inline(always)]
fn non_alnum_bytes(v: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    // Bit 7 of each byte of the result: that byte of `x` (below 0x80) is >= `lo`.
    let at_least = |x: u64, lo: u8| (x + splat(0x80 - lo)) & HIGH;
    let low = v & !HIGH;
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let folded = low | splat(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    (!(digit | letter) & HIGH) | (v & HIGH)
}

/// Bytes that end a word whatever follows them: ASCII bytes that are not letters or
/// digits and that no rule of [`scan_word_slow`] looks at after a run of letters and
/// digits (not `- . , : / & '`).
static ENDS_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = !c.is_ascii_alphanumeric()
            && !matches!(c, b'-' | b'.' | b',' | b':' | b'/' | b'&' | b'\'');
        i += 1;
    }
    t
};

/// Scans a word starting at `s` (a word character or `'` before a digit); pushes it
/// (and a following `n't`) and returns the end of what was consumed.
///
/// Most words are a run of ASCII letters and digits followed by a space or a
/// punctuation mark that cannot extend them: those take the fast path here, as do
/// such runs before a period that ends them (with the period if it is an
/// abbreviation's).
#[inline(always)]
fn scan_word(text: &str, s: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let j = s + ascii_alnum_run(&b[s..]);
    if j > s {
        let end = match b.get(j) {
            None => Some(j),
            Some(&c) if ENDS_WORD[c as usize] => Some(j),
            // The rules of `scan_word_slow` for these need a digit or a capital
            // before them.
            Some(b',' | b':' | b'/') if !b[j - 1].is_ascii_digit() => Some(j),
            Some(b'&') if !b[j - 1].is_ascii_uppercase() => Some(j),
            // A period followed by nothing that continues the word.
            Some(b'.')
                if b.get(j + 1)
                    .is_none_or(|&d| ENDS_WORD[d as usize] || d == b'.') =>
            {
                let abbrev = b.get(j + 1) != Some(&b'.') && is_undotted_abbrev(&b[s..j]);
                Some(j + abbrev as usize)
            }
            _ => None,
        };
        if let Some(e) = end {
            push_word(text, s, e, out);
            return e;
        }
    }
    scan_word_slow(text, s, out)
}

/// [`scan_word`] for words with inner punctuation, clitics, a final period or
/// non-ASCII characters.
#[inline(never)]
fn scan_word_slow(text: &str, s: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut j = s;
    loop {
        // Run of word characters: ASCII letters and digits eight at a time, other
        // characters one by one.
        loop {
            j += ascii_alnum_run(&b[j..]);
            let l = if j < n && b[j] >= 0x80 {
                word_char_len(text, j)
            } else {
                0
            };
            if l == 0 {
                break;
            }
            j += l;
        }
        if j >= n || j == s {
            break;
        }
        let c = b[j];
        let prev = b[j - 1];
        match c {
            b'-' | b'.' if word_char_len(text, j + 1) > 0 => {
                j += 1;
                continue;
            }
            // `U.S.-led`
            b'.' if j + 2 < n
                && b[j + 1] == b'-'
                && word_char_len(text, j + 2) > 0
                && is_abbrev(&text[s..j]) =>
            {
                j += 2;
                continue;
            }
            // "1,500", "12,000,000" (exactly three digits per group), not "3,4,5"
            b',' if prev.is_ascii_digit()
                && j + 4 <= n
                && b[j + 1..j + 4].iter().all(|c| c.is_ascii_digit())
                && b.get(j + 4).is_none_or(|c| !c.is_ascii_digit()) =>
            {
                j += 1;
                continue;
            }
            b':' | b'/' if prev.is_ascii_digit() && j + 1 < n && b[j + 1].is_ascii_digit() => {
                j += 1;
                continue;
            }
            b'&' if prev.is_ascii_uppercase() && j + 1 < n && b[j + 1].is_ascii_uppercase() => {
                j += 1;
                continue;
            }
            b'\'' | 0xE2 => {
                let a = apostrophe_len(b, j);
                if a > 0 {
                    // don't -> do n't ; the `n` is at j-1
                    if j - 1 > s && nt_len(text, j - 1) > 0 {
                        let e = j - 1;
                        push_word(text, s, e, out);
                        let l = nt_len(text, e);
                        out.push(Token {
                            start: e,
                            end: e + l,
                        });
                        return e + l;
                    }
                    if clitic_len(text, j) == 0 && word_char_len(text, j + a) > 0 {
                        // O'Brien, Qur’an
                        j += a;
                        continue;
                    }
                } else {
                    // U+2010/U+2011 hyphens, and U+2018 inside transliterations (al-Shar‘a)
                    let h = unicode_hyphen_len(b, j).max(left_quote_len(b, j));
                    if h > 0 && word_char_len(text, j + h) > 0 {
                        j += h;
                        continue;
                    }
                }
            }
            _ => {}
        }
        break;
    }
    // Final period of an abbreviation (but not the first dot of an ellipsis).
    if j < n && b[j] == b'.' && b.get(j + 1) != Some(&b'.') && is_abbrev(&text[s..j]) {
        j += 1;
    }
    push_word(text, s, j, out);
    j
}

#[inline(always)]
fn push_word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let k = fused_split(&text.as_bytes()[s..e]);
    if k > 0 {
        out.push(Token {
            start: s,
            end: s + k,
        });
        out.push(Token {
            start: s + k,
            end: e,
        });
    } else {
        out.push(Token { start: s, end: e });
    }
}

/// Tokenizes `text`, appending tokens to `out` (which is not cleared).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut prev_end = usize::MAX;
    while i < n {
        let c = b[i];
        let start = i;
        match CLASS[c as usize] {
            SP => {
                i += 1;
                continue;
            }
            WD => {
                i = scan_word(text, i, out);
                // A single space after a word, without another turn of the loop.
                prev_end = i;
                if b.get(i) == Some(&b' ') {
                    i += 1;
                }
                continue;
            }
            RN => {
                i += 1;
                while i < n && b[i] == c {
                    i += 1;
                }
                out.push(Token { start, end: i });
            }
            AP => i = apostrophe(text, i, prev_end, out),
            PU => {
                i += 1;
                out.push(Token { start, end: i });
            }
            _ => {
                let (ch, l) = decode(text, i);
                if ch.is_whitespace() {
                    i += l;
                    continue;
                }
                if is_word_char(ch) {
                    i = scan_word(text, i, out);
                } else if ch == '’' {
                    i = apostrophe(text, i, prev_end, out);
                } else {
                    i += l;
                    out.push(Token { start, end: i });
                }
            }
        }
        prev_end = i;
    }
}

/// Handles an apostrophe at the start of a token.
fn apostrophe(text: &str, i: usize, prev_end: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let a = apostrophe_len(b, i);
    if prev_end == i {
        let l = clitic_len(text, i);
        if l > 0 {
            out.push(Token {
                start: i,
                end: i + l,
            });
            return i + l;
        }
    }
    if b.get(i + a).is_some_and(|c| c.is_ascii_digit()) {
        // '90s
        let e = scan_word(text, i + a, out);
        out.last_mut().expect("scan_word pushes").start = i;
        return e;
    }
    out.push(Token {
        start: i,
        end: i + a,
    });
    i + a
}

/// Splits a tokenized text into sentences, appending token-index ranges to `out`.
///
/// A sentence ends after a token made only of `.` `!` `?` or `…` (plus any closing
/// quotes or brackets directly after it), and before a paragraph break (a gap between
/// tokens that holds two or more newlines). A period kept inside an abbreviation
/// (`U.S.`) never ends a sentence.
pub fn sentence_ranges(text: &str, tokens: &[Token], out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let w = &b[t.start..t.end];
        let terminal =
            w.iter().all(|&c| c == b'.' || c == b'!' || c == b'?') || w == "…".as_bytes();
        let mut end = i + 1;
        if terminal {
            while end < tokens.len() && is_closer(&b[tokens[end].start..tokens[end].end]) {
                end += 1;
            }
        } else if end < tokens.len() {
            let gap = &b[t.end..tokens[end].start];
            if gap.iter().filter(|&&c| c == b'\n').count() < 2 {
                i += 1;
                continue;
            }
        } else {
            i += 1;
            continue;
        }
        out.push(start..end);
        start = end;
        i = end;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
}

fn is_closer(w: &[u8]) -> bool {
    matches!(w, b"\"" | b"'" | b")" | b"]" | b"}") || w == "”".as_bytes() || w == "’".as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_runs_match_the_byte_classes() {
        // Every byte value at every position of an 8-byte chunk, and runs that
        // end in the scalar tail.
        let fill = b"aZ09zA9x";
        for c in 0..=255u8 {
            for pos in 0..10 {
                let mut b = fill.repeat(2)[..10].to_vec();
                b[pos] = c;
                let want = b.iter().take_while(|&&c| CLASS[c as usize] == WD).count();
                assert_eq!(ascii_alnum_run(&b), want, "byte {c:#x} at {pos}");
            }
        }
        assert_eq!(ascii_alnum_run(b""), 0);
        assert_eq!(ascii_alnum_run(b"abc"), 3);
        assert_eq!(ascii_alnum_run(b"abcdefghijklmnopq-r"), 17);
    }

    #[test]
    fn word_char_shortcuts_agree_with_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c);
            assert_eq!(is_word_char(c), want, "{:#x}", c as u32);
        }
    }

    #[test]
    fn words_end_where_the_slow_path_ends_them() {
        // Every ASCII byte after a word: the fast path of `scan_word` must agree
        // with the rules of `scan_word_slow`.
        let tails = [
            "", "x", "X", "1", ".", "-", " ", ",", "'", "&", "é", "’", "..", ". ",
        ];
        for word in [
            "word", "AT", "12", "Mr", "etc", "F", "x", "approx", "Thursday",
        ] {
            for c in 0u8..128 {
                for tail in tails {
                    let text = format!("{word}{}{tail}", c as char);
                    let (mut fast, mut slow) = (Vec::new(), Vec::new());
                    let e = scan_word(&text, 0, &mut fast);
                    assert_eq!(e, scan_word_slow(&text, 0, &mut slow), "{text:?}");
                    assert_eq!(fast, slow, "{text:?}");
                }
            }
        }
    }

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.as_str(s)).collect()
    }

    #[test]
    fn basic_words_and_punct() {
        assert_eq!(
            toks("Moscow signaled its readiness to withdraw."),
            [
                "Moscow",
                "signaled",
                "its",
                "readiness",
                "to",
                "withdraw",
                "."
            ]
        );
        assert_eq!(toks("  "), Vec::<&str>::new());
        assert_eq!(toks("a,b;c"), ["a", ",", "b", ";", "c"]);
        assert_eq!(toks("(see below)"), ["(", "see", "below", ")"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("1,500 troops, 1.5 km, 10:30, 9/11 and 12,000,000."),
            [
                "1,500",
                "troops",
                ",",
                "1.5",
                "km",
                ",",
                "10:30",
                ",",
                "9/11",
                "and",
                "12,000,000",
                "."
            ]
        );
        assert_eq!(toks("$5.2bn (3%)"), ["$", "5.2bn", "(", "3", "%", ")"]);
        assert_eq!(toks("in 2024, 3"), ["in", "2024", ",", "3"]);
        assert_eq!(toks("the '90s"), ["the", "'90s"]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("U.S. and Gen. Smith, e.g. this, i.e. that etc."),
            [
                "U.S.", "and", "Gen.", "Smith", ",", "e.g.", "this", ",", "i.e.", "that", "etc."
            ]
        );
        assert_eq!(toks("John F. Kennedy"), ["John", "F.", "Kennedy"]);
        assert_eq!(
            toks("the U.S.-led coalition"),
            ["the", "U.S.-led", "coalition"]
        );
        assert_eq!(toks("It ended."), ["It", "ended", "."]);
        assert_eq!(toks("Wait..."), ["Wait", "..."]);
        assert_eq!(
            toks("visit www.state.gov."),
            ["visit", "www.state.gov", "."]
        );
        assert_eq!(toks("in 1.5."), ["in", "1.5", "."]);
    }

    #[test]
    fn hyphens() {
        assert_eq!(
            toks("al-Sharaa's S-400 in mid-November — a well-known -- issue"),
            [
                "al-Sharaa",
                "'s",
                "S-400",
                "in",
                "mid-November",
                "—",
                "a",
                "well-known",
                "--",
                "issue"
            ]
        );
        assert_eq!(toks("pro- and anti-war"), ["pro", "-", "and", "anti-war"]);
    }

    #[test]
    fn clitics() {
        assert_eq!(toks("don't"), ["do", "n't"]);
        assert_eq!(toks("Don’t"), ["Do", "n’t"]);
        assert_eq!(toks("can't won't"), ["ca", "n't", "wo", "n't"]);
        assert_eq!(toks("Russia’s army"), ["Russia", "’s", "army"]);
        assert_eq!(toks("Iran's"), ["Iran", "'s"]);
        assert_eq!(
            toks("they're we've I'll he'd I'm"),
            [
                "they", "'re", "we", "'ve", "I", "'ll", "he", "'d", "I", "'m"
            ]
        );
        assert_eq!(toks("the states' rights"), ["the", "states", "'", "rights"]);
        assert_eq!(toks("O'Brien's"), ["O'Brien", "'s"]);
        assert_eq!(toks("U.S.'s"), ["U.S.", "'s"]);
        assert_eq!(toks("cannot gonna"), ["can", "not", "gon", "na"]);
        assert_eq!(toks("'s"), ["'", "s"]);
        assert_eq!(toks("isn't."), ["is", "n't", "."]);
        assert_eq!(toks("sons’"), ["sons", "’"]);
    }

    #[test]
    fn quotes_and_unicode() {
        assert_eq!(
            toks("“Never,” said Ahmad al-Shar‘a."),
            ["“", "Never", ",", "”", "said", "Ahmad", "al-Shar‘a", "."]
        );
        assert_eq!(toks("Erdoğan’s café"), ["Erdoğan", "’s", "café"]);
        assert_eq!(toks("a\u{00A0}b"), ["a", "b"]);
        assert_eq!(toks("“quoted”"), ["“", "quoted", "”"]);
    }

    #[test]
    fn offsets_are_byte_offsets() {
        let s = "“Hi”—ok";
        let t = tokenize(s);
        assert_eq!(t[0], Token { start: 0, end: 3 });
        assert_eq!(t[1], Token { start: 3, end: 5 });
        assert_eq!(t[3].as_str(s), "—");
        assert_eq!(t[4].as_str(s), "ok");
    }

    #[test]
    fn sentences() {
        let s = "It rained. “Why?” he asked. The U.S. left\n\nNext para";
        let t = tokenize(s);
        let mut r = Vec::new();
        sentence_ranges(s, &t, &mut r);
        let sents: Vec<Vec<&str>> = r
            .iter()
            .map(|r| t[r.clone()].iter().map(|t| t.as_str(s)).collect())
            .collect();
        assert_eq!(sents.len(), 5, "{sents:?}");
        assert_eq!(sents[1], ["“", "Why", "?", "”"]);
        assert_eq!(sents[3], ["The", "U.S.", "left"]);
        assert_eq!(sents[4], ["Next", "para"]);
    }
}
