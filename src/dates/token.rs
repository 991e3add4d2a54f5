//! Tokenizer: splits text into words, digit runs and single punctuation
//! characters with byte offsets, classifies words with the lexicon, and
//! numbers the sentences (a cheap splitter: enough for tense and for "the
//! year most recently set", not a full segmenter).

use super::lexicon::{Lexicon, MASKS, W, pack, short_key};
use crate::wordkey::sorted_keys;

/// Token kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// Whitespace precedes the token.
pub(crate) const SP: u8 = 1;
/// A line break precedes the token.
pub(crate) const NL: u8 = 2;
/// The word starts with an upper-case letter.
pub(crate) const CAP: u8 = 4;
/// The word is all upper case (two to five letters).
pub(crate) const UPPER: u8 = 8;
/// A grammar rule may be anchored here (digits, apostrophes, lexicon heads,
/// one-letter capitals).
pub(crate) const HEAD: u8 = 16;

/// One token. Offsets are bytes into the document text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub w: W,
    pub kind: Kind,
    pub flags: u8,
    /// Value of a digit run (saturates at `u32::MAX`), or the code point of
    /// a punctuation character.
    pub val: u32,
    /// Sentence number.
    pub sent: u32,
}

impl Tok {
    /// A word token (its sentence is numbered later).
    #[inline(always)]
    fn word(start: usize, end: usize, w: W, flags: u8) -> Tok {
        Tok {
            start: start as u32,
            end: end as u32,
            w,
            kind: Kind::Word,
            flags,
            val: 0,
            sent: 0,
        }
    }

    /// Punctuation character (`'\0'` for words and numbers).
    #[inline]
    pub fn ch(&self) -> char {
        if self.kind == Kind::Punct {
            char::from_u32(self.val).unwrap_or('\0')
        } else {
            '\0'
        }
    }
    /// Number of bytes (digits, for a number).
    #[inline]
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    #[inline]
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
    /// Punctuation token equal to `c`.
    #[inline]
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.val == c as u32
    }
    /// A hyphen or dash of any kind.
    #[inline]
    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.ch(), '-' | '–' | '—' | '‐' | '‑')
    }
    /// An apostrophe, straight or curly.
    #[inline]
    pub fn is_apos(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.ch(), '\'' | '’' | '‘')
    }
    #[inline]
    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }
}

const C_SPACE: u8 = 0;
const C_NL: u8 = 1;
const C_DIGIT: u8 = 2;
const C_UPPER: u8 = 3;
const C_LOWER: u8 = 4;
const C_PUNCT: u8 = 5;
const C_HIGH: u8 = 6;

/// Byte classes for the tokenizer's main loop.
static CLASS: [u8; 256] = {
    let mut t = [C_PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c == b'\n' {
            C_NL
        } else if c.is_ascii_whitespace() {
            C_SPACE
        } else if c.is_ascii_digit() {
            C_DIGIT
        } else if c.is_ascii_uppercase() {
            C_UPPER
        } else if c.is_ascii_lowercase() {
            C_LOWER
        } else if c >= 0x80 {
            C_HIGH
        } else {
            C_PUNCT
        };
        b += 1;
    }
    t
};

/// ASCII letters.
static LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphabetic();
        b += 1;
    }
    t
};

const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `v` that is an ASCII letter.
#[inline(always)]
fn letter_bits(v: u64) -> u64 {
    // per byte: letter iff ASCII and (b | 0x20) in 0x61..=0x7a
    let x = v | 0x2020_2020_2020_2020;
    let ge_a = x.wrapping_add(0x1f1f_1f1f_1f1f_1f1f) & HI; // x >= 0x61
    let gt_z = x.wrapping_add(0x0505_0505_0505_0505) & HI; // x >= 0x7b
    ge_a & !gt_z & !(v & HI)
}

/// End of the run of ASCII letters starting at `i`, eight bytes at a time.
#[inline]
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let v = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
        let letters = letter_bits(v);
        if letters == HI {
            i += 8;
        } else {
            let stop = !letters & HI;
            return i + (stop.trailing_zeros() / 8) as usize;
        }
    }
    while i < bytes.len() && LETTER[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// The run of ASCII letters at `start` (an ASCII letter): its end and,
/// when it is shorter than eight letters, its lexicon key from the same
/// load (0 otherwise).
#[inline(always)]
fn ascii_word(bytes: &[u8], start: usize) -> (usize, u64) {
    if let Some(chunk) = bytes.get(start..start + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let letters = letter_bits(v);
        if letters != HI {
            let len = ((!letters & HI).trailing_zeros() / 8) as usize;
            return (start + len, short_key(v, len));
        }
        return (letters_end(bytes, start + 8), 0);
    }
    (letters_end(bytes, start + 1), 0)
}

/// Eight bytes at `at`, little-endian, if the text has them.
#[inline(always)]
fn load8(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])))
}

/// Where the run of ASCII letters in `v` stops (0..=7 bytes), if it stops
/// within `v` at an ASCII byte: `Err(())` when the run continues past `v`
/// (`Ok(None)` when the stop byte is not ASCII).
#[inline(always)]
fn stop_in(v: u64) -> Result<Option<usize>, ()> {
    let stop = !letter_bits(v) & HI;
    if stop == 0 {
        return Err(());
    }
    // the lowest stop bit marks the first non-letter; its high bit must
    // be clear (an ASCII byte) for the word to end there
    if v & stop & stop.wrapping_neg() != 0 {
        return Ok(None);
    }
    Ok(Some((stop.trailing_zeros() / 8) as usize))
}

/// The common word: at most fifteen ASCII letters at `start` (an ASCII
/// letter), followed by an ASCII byte, all within two eight-byte loads.
/// Returns its end, the first load and the word's lexicon key halves (see
/// [`Lexicon::classify_key`]); `None` sends the word to the general path.
#[inline(always)]
fn fast_ascii_word(bytes: &[u8], start: usize) -> Option<(usize, u64, u64, u64)> {
    let v = load8(bytes, start)?;
    match stop_in(v) {
        Ok(Some(len)) => Some((start + len, v, short_key(v, len), 0)),
        Ok(None) => None,
        Err(()) => {
            let v2 = load8(bytes, start + 8)?;
            let len2 = stop_in(v2).ok()??;
            Some((start + 8 + len2, v, short_key(v, 8), short_key(v2, len2)))
        }
    }
}

/// The token of a word found by [`fast_ascii_word`]: `v` holds its first
/// bytes from one load, which gives its case without another look at the
/// text.
#[inline(always)]
fn fast_word_tok(
    lx: &Lexicon,
    start: usize,
    end: usize,
    v: u64,
    key: (u64, u64),
    pending: u8,
) -> Tok {
    let len = end - start;
    let (w, head) = lx.classify_key(key.0, key.1);
    let mut flags = pending;
    // ASCII letters: upper case iff bit 0x20 is clear
    if v & 0x20 == 0 {
        flags |= CAP;
        if len > 1 && len < 6 && v & 0x2020_2020_2020_2020 & MASKS[len] == 0 {
            flags |= UPPER;
        }
        if len == 1 {
            flags |= HEAD;
        }
    }
    if head {
        flags |= HEAD;
    }
    Tok::word(start, end, w, flags)
}

/// Non-ASCII characters that are surely not letters (general punctuation,
/// quotes, dashes, spaces), checked before the Unicode tables.
#[inline]
fn surely_not_letter(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0xA0 | 0xAB | 0xBB | 0x3000..=0x303F)
}

/// A document's tokens, with the indices the grammar scan walks.
pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
    /// Indices of the tokens flagged [`HEAD`], in order: the scan visits
    /// only these.
    pub heads: Vec<u32>,
    /// Indices (from 1) of the tokens that open a line ([`NL`]), in order.
    pub line_starts: Vec<u32>,
}

/// Splits `text` into tokens, numbering sentences on the way.
pub(crate) fn tokenize(text: &str, lx: &Lexicon) -> Tokens {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Out {
        text,
        toks: Vec::with_capacity(n / 4 + 8),
        heads: Vec::new(),
        line_starts: Vec::new(),
        sent: 0,
    };
    let mut i = 0usize;
    let mut pending = 0u8;
    while i < n {
        let b = bytes[i];
        let start = i;
        // words first, without the dispatch: most tokens are words
        if (b | 0x20).wrapping_sub(b'a') < 26 {
            if let Some((end, v, lo, hi)) = fast_ascii_word(bytes, start) {
                out.push(fast_word_tok(lx, start, end, v, (lo, hi), pending));
                i = end;
                pending = out.space_after(bytes, &mut i);
                continue;
            }
            let key;
            (i, key) = ascii_word(bytes, start);
            let mut ascii = true;
            if i < n && bytes[i] >= 0x80 {
                i = letters_end_unicode(text, i, &mut ascii);
            }
            // the key stands for the word unless non-ASCII letters
            // followed, which leave it out of the lexicon anyway
            let (w, head) = if !ascii || i - start > 16 {
                (W::None, false)
            } else if key != 0 {
                lx.classify_short(key)
            } else {
                lx.classify(bytes, start, i)
            };
            out.push(word_tok(bytes, start, i, w, head, pending));
            pending = out.space_after(bytes, &mut i);
            continue;
        }
        match CLASS[b as usize] {
            C_SPACE => {
                pending |= SP;
                i += 1;
            }
            C_NL => {
                pending |= SP | NL;
                i += 1;
            }
            C_DIGIT => {
                let mut v: u64 = 0;
                while i < n && bytes[i].is_ascii_digit() {
                    v = (v * 10 + (bytes[i] - b'0') as u64).min(u32::MAX as u64);
                    i += 1;
                }
                out.push(Tok {
                    start: start as u32,
                    end: i as u32,
                    w: W::None,
                    kind: Kind::Num,
                    flags: pending | HEAD,
                    val: v as u32,
                    sent: 0,
                });
                pending = out.space_after(bytes, &mut i);
            }
            C_UPPER | C_LOWER => unreachable!("words are taken above"),
            C_PUNCT => {
                i += 1;
                out.push(punct(start, i, b as char, pending));
                pending = out.space_after(bytes, &mut i);
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if c.is_whitespace() {
                    pending |= SP;
                } else if !surely_not_letter(c) && c.is_alphabetic() {
                    let mut ascii = false;
                    i = letters_end_unicode(text, i, &mut ascii);
                    out.push(word_tok(bytes, start, i, W::None, false, pending));
                    pending = 0;
                } else {
                    out.push(punct(start, i, c, pending));
                    pending = 0;
                }
            }
        }
    }
    Tokens {
        toks: out.toks,
        heads: out.heads,
        line_starts: out.line_starts,
    }
}

/// Token sink that numbers sentences as tokens arrive.
struct Out<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    heads: Vec<u32>,
    line_starts: Vec<u32>,
    sent: u32,
}

impl Out<'_> {
    #[inline(always)]
    fn push(&mut self, mut t: Tok) {
        let idx = self.toks.len() as u32;
        // a word opens a sentence only after a line break or with a capital
        let may_open = t.kind != Kind::Word || t.flags & (NL | CAP) != 0;
        if idx > 0 && may_open && starts_sentence(self.text, &self.toks, &t) {
            self.sent += 1;
            if t.has(NL) {
                self.line_starts.push(idx);
            }
        }
        if t.has(HEAD) {
            self.heads.push(idx);
        }
        t.sent = self.sent;
        self.toks.push(t);
    }

    /// After a token: skips one plain space, the usual separator, without
    /// a trip through the main dispatch. Returns the pending flags.
    #[inline(always)]
    fn space_after(&self, bytes: &[u8], i: &mut usize) -> u8 {
        if bytes.get(*i) == Some(&b' ') {
            *i += 1;
            SP
        } else {
            0
        }
    }
}

/// End of a word that continues with non-ASCII letters (rare path).
fn letters_end_unicode(text: &str, mut i: usize, ascii: &mut bool) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        if LETTER[c as usize] {
            i += 1;
        } else if c >= 0x80 {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if surely_not_letter(ch) || !ch.is_alphabetic() {
                break;
            }
            *ascii = false;
            i += ch.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// A word token of class `w` (`head`: a rule can be anchored at it).
#[inline(always)]
fn word_tok(bytes: &[u8], start: usize, end: usize, w: W, head: bool, pending: u8) -> Tok {
    let len = end - start;
    let mut flags = pending;
    if bytes[start].is_ascii_uppercase() {
        flags |= CAP;
        if len > 1 && len < 6 && bytes[start..end].iter().all(|c| c.is_ascii_uppercase()) {
            flags |= UPPER;
        }
    }
    if head || (len == 1 && flags & CAP != 0) {
        flags |= HEAD;
    }
    Tok::word(start, end, w, flags)
}

fn punct(start: usize, end: usize, c: char, flags: u8) -> Tok {
    let head = if matches!(c, '\'' | '’' | '‘') {
        HEAD
    } else {
        0
    };
    Tok {
        start: start as u32,
        end: end as u32,
        w: W::None,
        kind: Kind::Punct,
        flags: flags | head,
        val: c as u32,
        sent: 0,
    }
}

const ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep",
    "st", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "prof", "vs", "approx", "est", "dept",
    "art", "vol", "fig", "pres", "rev", "amb", "brig", "cmdr", "sec", "e", "i", "al",
];

/// [`ABBREVS`] as lower-case keys (the bytes packed little-endian, as
/// the low half of [`pack`]; no entry is longer than six letters), sorted
/// at compile time for a binary search.
static ABBREV_KEYS: [u64; ABBREVS.len()] = sorted_keys(ABBREVS);

fn is_abbrev(word: &str) -> bool {
    // `pack` is 0 (never a key) unless the word is all ASCII letters, which
    // is exactly when a case-insensitive match with a list entry is possible;
    // up to six letters it fits the low half
    word.len() == 1
        || (word.len() <= 6
            && ABBREV_KEYS
                .binary_search(&(pack(word.as_bytes()) as u64))
                .is_ok())
}

/// Whether `t` (about to follow `toks`) starts a new sentence: after a line
/// break, or after `.`/`!`/`?` (optionally followed by a closing quote or
/// bracket) when `t` is spaced and starts upper case, a digit or a quote,
/// and the period does not end an abbreviation.
#[inline(always)]
fn starts_sentence(text: &str, toks: &[Tok], t: &Tok) -> bool {
    if t.has(NL) {
        return true;
    }
    // most tokens follow a word, or are glued: done
    if toks[toks.len() - 1].kind != Kind::Punct || !t.has(SP) {
        return false;
    }
    sentence_punct(text, toks, t)
}

/// The slow half of [`starts_sentence`]: `t` is spaced and follows
/// punctuation.
fn sentence_punct(text: &str, toks: &[Tok], t: &Tok) -> bool {
    let opener = t.kind == Kind::Punct && matches!(t.ch(), '"' | '“' | '\'' | '‘' | '(' | '[');
    if !(t.has(CAP) || t.kind == Kind::Num || opener) {
        return false;
    }
    let mut j = toks.len() - 1;
    while j > 0
        && toks[j].kind == Kind::Punct
        && matches!(toks[j].ch(), '"' | '”' | '’' | ')' | ']')
    {
        j -= 1;
    }
    let p = &toks[j];
    if p.kind != Kind::Punct {
        return false;
    }
    match p.ch() {
        '!' | '?' => true,
        '.' => {
            if j == 0 {
                return true;
            }
            let w = &toks[j - 1];
            if w.kind == Kind::Word && w.end == p.start {
                !is_abbrev(&text[w.start as usize..w.end as usize])
            } else {
                true
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, u32)> {
        let lx = Lexicon::new();
        tokenize(s, &lx)
            .toks
            .iter()
            .map(|t| (s[t.start as usize..t.end as usize].to_string(), t.sent))
            .collect()
    }

    #[test]
    fn letter_runs() {
        let s = b"abcdefghXYZ1 wordsandmorewords_x";
        assert_eq!(letters_end(s, 0), 11);
        assert_eq!(letters_end(s, 13), 30);
        assert_eq!(letters_end(b"a@[`{z", 0), 1);
        assert_eq!(letters_end("caf\u{e9}".as_bytes(), 0), 3);
        for b in 0u8..=255 {
            let buf = [b'a', b'a', b, b'a', b'a', b'a', b'a', b'a', b'a'];
            let want = if b.is_ascii_alphabetic() { 9 } else { 2 };
            assert_eq!(letters_end(&buf, 0), want, "byte {b}");
        }
    }

    #[test]
    fn splits_words_numbers_punct() {
        let got: Vec<String> = toks("On Jan. 19, 2026—Russia’s S-400s (1,500).")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let want = [
            "On", "Jan", ".", "19", ",", "2026", "—", "Russia", "’", "s", "S", "-", "400", "s",
            "(", "1", ",", "500", ")", ".",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn numbers_sentences() {
        let table = [
            ("It ended. Then it began.", vec![0, 0, 0, 1, 1, 1, 1]),
            (
                "Gen. Abdi met No. 2077 staff.",
                vec![0, 0, 0, 0, 0, 0, 0, 0, 0],
            ),
            ("Title\nBody text", vec![0, 1, 1]),
            (
                "U.S. forces left. “We stay.”",
                vec![0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
            ),
        ];
        for (text, want) in table {
            let got: Vec<u32> = toks(text).into_iter().map(|(_, s)| s).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// The fast word path (two eight-byte loads) and the general one (near
    /// the end of the text) agree on every token.
    #[test]
    fn fast_and_general_word_paths_agree() {
        let lx = Lexicon::new();
        let words = [
            "a",
            "I",
            "Q",
            "may",
            "May",
            "MAY",
            "NATO",
            "UNSC",
            "US",
            "year",
            "Years",
            "september",
            "SEPTEMBER",
            "December",
            "approximately",
            "APPROXIMATELY",
            "fortnight",
            "Resolution",
            "withdrew",
            "wordsandmorewords",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "caf",
            "x",
        ];
        let followers = ["", " ", ".", "é", "’", "1", "\n", "-x"];
        let key = |text: &str| -> Vec<(u32, u32, W, u8, u32)> {
            tokenize(text, &lx)
                .toks
                .iter()
                .map(|t| (t.start, t.end, t.w, t.flags, t.sent))
                .collect()
        };
        for w in words {
            for f in followers {
                let bare = format!("{w}{f}");
                let padded = format!("{bare}                ");
                let want = key(&bare);
                let got = key(&padded);
                assert_eq!(got[..want.len()], want[..], "{bare:?}");
            }
        }
    }

    #[test]
    fn abbreviations_in_any_case() {
        for a in ABBREVS {
            assert!(is_abbrev(a) && is_abbrev(&a.to_ascii_uppercase()), "{a}");
        }
        for w in ["mrs.", "inco", "Sept1", "x y", "approxi", "", "sé"] {
            assert_eq!(is_abbrev(w), w.len() == 1, "{w}");
        }
        assert!(ABBREV_KEYS.windows(2).all(|p| p[0] < p[1]));
    }

    #[test]
    fn non_ascii_letters_join_words() {
        let got: Vec<String> = toks("protégé café").into_iter().map(|(s, _)| s).collect();
        assert_eq!(got, ["protégé", "café"]);
    }
}
