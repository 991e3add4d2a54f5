//! A small JSON writer into a byte buffer, for the records of [`super`].
//!
//! It writes the same bytes as `serde_json::to_writer` for the same values
//! (tested below): strings escape `"`, `\` and control characters only, with
//! the short forms `\b \t \n \f \r` and `\u00xx` (lowercase hex) for the
//! rest; non-ASCII, `/` and U+2028/U+2029 pass through. Floats go through
//! `serde_json` itself, so their digits cannot drift from it.
//!
//! Writing straight into the output buffer saves serde's per-field dispatch,
//! and lets the caller escape a string once and copy the escaped bytes into
//! every record that repeats it.

/// How byte `b` is escaped in a JSON string: `b'u'` for `\u00xx`, another
/// byte `c` for the two-byte escape `\c`, 0 for not at all.
const fn escape_of(b: u8) -> u8 {
    match b {
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0C => b'f',
        b'\r' => b'r',
        0x00..=0x1F => b'u',
        b'"' => b'"',
        b'\\' => b'\\',
        _ => 0,
    }
}

/// [`escape_of`] for every byte.
static ESCAPE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = escape_of(b as u8);
        b += 1;
    }
    table
};

/// Bytes 0x01 repeated in a word.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// Bytes 0x80 repeated in a word.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit set in (at least) the lowest byte of `w` below `n` (n <= 0x80).
///
/// Borrows only carry towards higher bytes, so bytes above the first flagged
/// one may be flagged wrongly, but the lowest flag is exact.
fn bytes_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * n as u64) & !w & HIGHS
}

/// The high bit set in (at least) the lowest byte of `w` equal to `b`.
fn bytes_equal(w: u64, b: u8) -> u64 {
    bytes_below(w ^ (ONES * b as u64), 1)
}

/// The offset of the first byte of `chunk` that needs escaping.
fn first_escape_in_word(chunk: &[u8]) -> Option<usize> {
    let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
    let flags = bytes_below(w, 0x20) | bytes_equal(w, b'"') | bytes_equal(w, b'\\');
    // Little-endian: the lowest byte is the first in the text.
    (flags != 0).then(|| (flags.trailing_zeros() / 8) as usize)
}

/// The position of the first byte at or after `from` that needs escaping.
fn find_escape(bytes: &[u8], from: usize) -> Option<usize> {
    // Eight bytes at a time: text is mostly plain, and a word test costs
    // about as much as one byte through the table.
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        if let Some(k) = first_escape_in_word(chunk) {
            return Some(i + k);
        }
        i += 8;
    }
    if i == bytes.len() {
        return None;
    }
    match bytes.len().checked_sub(8) {
        // The last eight bytes, if they start at or after `from`: those
        // before `i` are known plain, so the first flagged byte is the one.
        Some(last) if last >= from => first_escape_in_word(&bytes[last..]).map(|k| last + k),
        _ => (i..bytes.len()).find(|&k| ESCAPE[bytes[k] as usize] != 0),
    }
}

fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match ESCAPE[b as usize] {
        b'u' => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[(b >> 4) as usize],
            HEX[(b & 0xF) as usize],
        ]),
        c => out.extend_from_slice(&[b'\\', c]),
    }
}

/// Append `s` escaped as the inside of a JSON string (without quotes).
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    while let Some(at) = find_escape(bytes, copied) {
        out.extend_from_slice(&bytes[copied..at]);
        push_escape(out, bytes[at]);
        copied = at + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Append `s` as a JSON string.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// Append `s`, known to need no escapes, as a JSON string.
pub fn write_plain(out: &mut Vec<u8>, s: &str) {
    debug_assert!(
        find_escape(s.as_bytes(), 0).is_none(),
        "{s:?} needs escapes"
    );
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// Append `s` as a JSON string, or `null`.
pub fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Append an unsigned integer.
pub fn write_uint(out: &mut Vec<u8>, mut n: u64) {
    // Two digits per division: offsets have four to six.
    const PAIRS: &[u8; 200] = b"\
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    let width = digits.len() - at;
    if width <= 8 {
        // The last eight bytes, the digits shifted to the front: a copy of
        // fixed size is a store, one of `width` bytes a call to `memcpy`.
        let last: [u8; 8] = digits[digits.len() - 8..].try_into().expect("8 bytes");
        let word = u64::from_le_bytes(last) >> (8 * (8 - width));
        out.extend_from_slice(&word.to_le_bytes());
        out.truncate(out.len() - (8 - width));
    } else {
        out.extend_from_slice(&digits[at..]);
    }
}

/// Append a float exactly as `serde_json` writes it (`null` if not finite).
pub fn write_float<F: serde::Serialize>(out: &mut Vec<u8>, x: F) {
    serde_json::to_writer(&mut *out, &x).expect("writing to memory cannot fail");
}

/// Append a JSON array of `items`, each written by `write`.
pub fn write_array<T>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut Vec<u8>, T),
) {
    out.push(b'[');
    for (k, item) in items.into_iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// A JSON object being written: `{` when opened, a comma before each field
/// but the first, `}` when closed. Keys are written as they are, so they
/// must be plain ASCII (they are all literals of the schema).
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    #[inline]
    pub fn open(out: &'a mut Vec<u8>) -> Object<'a> {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// An object whose `{` and first fields are already in `out` (copied
    /// from a template), the last of them waiting for its value.
    #[inline]
    pub fn reopen(out: &'a mut Vec<u8>) -> Object<'a> {
        Object { out, empty: false }
    }

    /// The buffer, for the value of the field whose key was written last.
    #[inline]
    pub fn value(&mut self) -> &mut Vec<u8> {
        self.out
    }

    /// Write the key of the next field (at most 28 bytes), and return the
    /// buffer for its value.
    #[inline]
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        debug_assert!(key.is_ascii() && find_escape(key.as_bytes(), 0).is_none());
        // `,"key":` assembled on the stack and appended in one copy rather
        // than four: keys are literals, so after inlining this folds into a
        // constant, and the buffer's capacity is checked once.
        let mut field = [0u8; 32];
        let n = key.len();
        field[0] = b',';
        field[1] = b'"';
        field[2..2 + n].copy_from_slice(key.as_bytes());
        field[2 + n] = b'"';
        field[3 + n] = b':';
        let skip = usize::from(self.empty);
        self.empty = false;
        self.out.extend_from_slice(&field[skip..4 + n]);
        self.out
    }

    #[inline]
    pub fn str(&mut self, key: &str, value: &str) {
        write_str(self.key(key), value);
    }

    /// A string field whose value needs no escapes (names of the schema).
    #[inline]
    pub fn plain(&mut self, key: &str, value: &str) {
        write_plain(self.key(key), value);
    }

    #[inline]
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) {
        write_opt_str(self.key(key), value);
    }

    /// A field whose value is already JSON.
    #[inline]
    pub fn raw(&mut self, key: &str, json: &[u8]) {
        self.key(key).extend_from_slice(json);
    }

    #[inline]
    pub fn uint(&mut self, key: &str, value: usize) {
        write_uint(self.key(key), value as u64);
    }

    #[inline]
    pub fn bool(&mut self, key: &str, value: bool) {
        let json: &[u8] = if value { b"true" } else { b"false" };
        self.raw(key, json);
    }

    #[inline]
    pub fn float<F: serde::Serialize>(&mut self, key: &str, value: F) {
        write_float(self.key(key), value);
    }

    #[inline]
    pub fn close(self) {
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    fn check(s: &str) {
        assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "for {s:?}");
    }

    #[test]
    fn escapes_like_serde_json() {
        for s in [
            "",
            "plain",
            "say \"no\"",
            "back\\slash",
            "a/b",
            "line\nbreak\r\ttab",
            "\u{8}\u{c}\u{0}\u{1}\u{1f}\u{7f}",
            "é — ’ 😀",
            "sep\u{2028}and\u{2029}",
            "\"\"\"\"\"\"\"\"\"\"",
            "exactly8",
            "sixteen bytes!!!",
            "x\u{1}",
        ] {
            check(s);
        }
    }

    #[test]
    fn escapes_like_serde_json_at_every_position() {
        // Each special byte at each offset of a two-word window, so both the
        // word test and the byte tail see it, next to multi-byte characters.
        let specials = [
            '"', '\\', '\n', '\u{0}', '\u{1f}', ' ', '\u{7f}', 'é', '\u{2028}',
        ];
        for len in 0..20 {
            for at in 0..len {
                for c in specials {
                    let s: String = (0..len).map(|i| if i == at { c } else { 'a' }).collect();
                    check(&s);
                }
            }
        }
    }

    #[test]
    fn escapes_like_serde_json_for_every_pair_of_positions() {
        // The search for the next escape restarts after each one, and may
        // look at a last word that overlaps bytes already written.
        for len in 2..20 {
            for a in 0..len {
                for b in a + 1..len {
                    for (x, y) in [('"', '\\'), ('\n', '\n'), ('\u{1}', 'é')] {
                        let s: String = (0..len)
                            .map(|i| match i {
                                _ if i == a => x,
                                _ if i == b => y,
                                _ => 'a',
                            })
                            .collect();
                        check(&s);
                    }
                }
            }
        }
    }

    #[test]
    fn escapes_like_serde_json_on_generated_strings() {
        // A fixed pseudo-random sequence (xorshift), drawing characters that
        // are mostly plain with a fair share of every kind of escape.
        let pool: Vec<char> =
            "ab /\"\\\n\r\t\u{0}\u{8}\u{b}\u{c}\u{1b}\u{1f}\u{7f}é—😀\u{2028}\u{2029}\u{feff}"
                .chars()
                .collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5000 {
            let len = (next() % 40) as usize;
            let s: String = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 3 == 0 {
                        pool[(r >> 8) as usize % pool.len()]
                    } else {
                        'x'
                    }
                })
                .collect();
            check(&s);
        }
    }

    #[test]
    fn integers_and_floats_like_serde_json() {
        for n in [
            0u64,
            7,
            10,
            42,
            99,
            100,
            101,
            999,
            1000,
            12345,
            100000,
            u32::MAX as u64,
            u64::MAX,
            9999,
            10_000,
            99_999,
            99_999_999,
            100_000_000,
        ] {
            let mut out = Vec::new();
            write_uint(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
        for k in 0..20 {
            for n in [10u64.pow(k) - 1, 10u64.pow(k)] {
                let mut out = b"x".to_vec();
                write_uint(&mut out, n);
                assert_eq!(out[1..], *serde_json::to_vec(&n).unwrap(), "{n}");
            }
        }
        let mut out = Vec::new();
        write_float(&mut out, f32::NAN);
        write_float(&mut out, 0.6f32);
        write_float(&mut out, -33.51f64);
        assert_eq!(out, b"null0.6-33.51");
    }

    #[test]
    fn objects() {
        let mut out = Vec::new();
        let mut o = Object::open(&mut out);
        o.str("a", "x\"y");
        o.plain("p", "q");
        o.opt_str("b", None);
        o.uint("c", 3);
        o.bool("d", false);
        {
            let mut inner = Object::open(o.key("e"));
            inner.raw("f", b"[]");
            inner.close();
        }
        o.close();
        assert_eq!(
            out,
            br#"{"a":"x\"y","p":"q","b":null,"c":3,"d":false,"e":{"f":[]}}"#
        );
        let mut out = Vec::new();
        Object::open(&mut out).close();
        write_array(&mut out, [1u64, 2], write_uint);
        write_array(&mut out, Vec::<u64>::new(), write_uint);
        assert_eq!(out, b"{}[1,2][]");
    }
}
