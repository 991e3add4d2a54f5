//! Feature extraction shared by training and tagging.
//!
//! Every feature is a 64-bit hash of (template, values). Per-token string hashes
//! (normalized word, suffixes, prefix, shape) are computed once per token
//! ([`token_info`]); the per-position feature keys ([`context_features`]) combine them
//! with the neighbours' hashes and the two previous predicted labels. Hashes are
//! defined on little-endian bytes so that models are portable.
//!
//! The templates fall into three groups, which lets the tagger precompute most of
//! the work per word type:
//! - *role* features depend on one token only, in a fixed position relative to the
//!   tagged one ([`ROLES`]: the token itself, and the tokens at -1, -2, +1, +2);
//! - *pair* features combine two tokens ([`pair_features`]);
//! - *label* features involve the previous predicted labels ([`label_features`]):
//!   the *label pair* ones only the labels (and the constant bias), the others also
//!   the ambiguity classes.
//!
//! A key of [`NO_FEATURE`] (0) means the template does not fire at that position.
//!
//! | id | template | group |
//! | --- | --- | --- |
//! | 1 | word | role 0 |
//! | 2, 3, 4 | suffix of 1, 3, 4 characters | role 0 |
//! | 5 | first character | role 0 |
//! | 6 | shape | role 0 |
//! | 21 | ambiguity class | role 0 |
//! | 24 | word as written (case kept) | role 0 |
//! | 11, 12, 25, 27 | word, 3-suffix, shape, ambiguity class at -1 | role -1 |
//! | 13, 28 | word, shape at -2 | role -2 |
//! | 14, 16, 26, 30 | word, ambiguity class, shape, 3-suffix at +1 | role +1 |
//! | 15, 17, 29 | word, ambiguity class, shape at +2 | role +2 |
//! | 7 | shape, at the sentence start only | pair |
//! | 19 | word × word at +1 | pair |
//! | 20 | word at -1 × word | pair |
//! | 23 | ambiguity class × ambiguity class at +1 | pair |
//! | 0 | bias | label pair |
//! | 8, 9 | label at -1, label at -2 | label pair |
//! | 10 | labels at -1 and -2 | label pair |
//! | 18 | label at -1 × ambiguity class at +1 | label |
//! | 22 | ambiguity class × label at -1 | label |

/// Version of the feature set; stored in the model header and checked on load.
pub const FEATURE_VERSION: u32 = 6;

/// Number of feature keys produced per position by [`context_features`].
pub const N_FEATS: usize = 31;

/// Key meaning "no feature here"; never stored in a model.
pub const NO_FEATURE: u64 = 0;

/// Label value standing for "no label" (before the sentence start, or unknown word).
pub const NO_LABEL: u8 = u8::MAX;

const K0: u64 = 0x9E37_79B9_7F4A_7C15;
const K1: u64 = 0xA076_1D64_78BD_642F;
const K2: u64 = 0xE703_7ED1_A0B4_28DB;

/// 64x64 -> 128-bit multiply, folded (the wyhash "mum").
#[inline(always)]
fn mum(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

/// Hashes a byte string (fast for short strings; portable).
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = K0 ^ (b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = mum(h ^ v, K1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mum(h ^ load_tail(rest), K2);
    }
    mum(h, K1 ^ K2)
}

/// The bytes of `b` (1 to 7 of them) as a little-endian integer, zero-padded: the
/// same as copying them into a zeroed `[u8; 8]`, without the call to `memcpy`.
/// Overlapping loads put the same byte in the same place twice, which `|` keeps.
#[inline(always)]
pub(crate) fn load_tail(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().expect("4 bytes")) as u64;
        let hi = u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes")) as u64;
        lo | hi << (8 * (n - 4))
    } else {
        let (a, m, z) = (b[0] as u64, b[n / 2] as u64, b[n - 1] as u64);
        a | m << (8 * (n / 2)) | z << (8 * (n - 1))
    }
}

/// Per-token hashes used by the feature templates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenInfo {
    /// Hash of the normalized form (see [`normalize`]); also the lexicon key.
    pub word: u64,
    /// Hashes of the last 1, 3 and 4 characters of the normalized form.
    pub suffix: [u64; 3],
    /// Hash of the first character of the normalized form.
    pub prefix: u64,
    /// Hash of the word shape (`Xx`, `d,d`, `X.X.`, `x-Xx` ...).
    pub shape: u64,
    /// Hash of the word as written.
    pub raw: u64,
    /// Label given by the tag dictionary (frequent unambiguous words), or [`NO_LABEL`].
    pub dict: u8,
    /// Ambiguity class (id of the set of PTB tags seen with the word); 0 if unknown.
    pub amb: u16,
}

/// Largest ambiguity class id (two ids above it mark the sentence boundaries).
pub const MAX_CLASS: u16 = u16::MAX - 2;

/// Lexicon entry for a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LexEntry {
    /// Tag-dictionary label, or [`NO_LABEL`].
    pub dict: u8,
    /// Ambiguity class id (1..=[`MAX_CLASS`]), a feature value.
    pub amb: u16,
}

impl LexEntry {
    /// Entry of an unknown word.
    pub const UNKNOWN: LexEntry = LexEntry {
        dict: NO_LABEL,
        amb: 0,
    };

    /// Packs into a `u32` (`dict << 16 | amb`).
    pub fn pack(self) -> u32 {
        (self.dict as u32) << 16 | self.amb as u32
    }

    /// Inverse of [`LexEntry::pack`].
    pub fn unpack(v: u32) -> LexEntry {
        LexEntry {
            dict: (v >> 16) as u8,
            amb: v as u16,
        }
    }
}

/// Writes the normalized form of `word` into `buf` (cleared first): lower case,
/// every digit as `0`, curly quotes and apostrophes as ASCII (`"` and `'`), en and em
/// dashes as `--`, the ellipsis character as `...`.
pub fn normalize(word: &str, buf: &mut Vec<u8>) {
    buf.clear();
    let b = word.as_bytes();
    if b.is_ascii() {
        buf.extend(b.iter().map(|&c| {
            if c.is_ascii_digit() {
                b'0'
            } else {
                c.to_ascii_lowercase()
            }
        }));
        return;
    }
    let mut tmp = [0u8; 4];
    for c in word.chars() {
        match c {
            '’' | '‘' | '′' => buf.push(b'\''),
            '“' | '”' | '″' | '„' => buf.push(b'"'),
            '—' | '–' | '―' => buf.extend_from_slice(b"--"),
            '…' => buf.extend_from_slice(b"..."),
            c if c.is_ascii_digit() => buf.push(b'0'),
            c if c.is_ascii() => buf.push((c as u8).to_ascii_lowercase()),
            c if c.is_numeric() => buf.push(b'0'),
            c => {
                for l in c.to_lowercase() {
                    buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
                }
            }
        }
    }
}

/// Byte length of the last `k` characters of `b` (all of `b` if shorter).
#[inline]
fn suffix_start(b: &[u8], k: usize) -> usize {
    let mut i = b.len();
    let mut n = 0;
    while i > 0 && n < k {
        i -= 1;
        if b[i] & 0xC0 != 0x80 {
            n += 1;
        }
    }
    i
}

/// Byte length of the first `k` characters of `b` (all of `b` if shorter).
#[inline]
fn prefix_end(b: &[u8], k: usize) -> usize {
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c & 0xC0 != 0x80 {
            if n == k {
                return i;
            }
            n += 1;
        }
    }
    b.len()
}

/// Hash of the shape of `word`: upper case `X`, lower case `x`, digits `d`, other
/// characters as themselves (non-ASCII symbols as `~`), with runs of the same class
/// collapsed to one character.
#[inline]
pub fn shape_hash(word: &str) -> u64 {
    let mut buf = [0u8; 24];
    let mut n = 0;
    let mut last = 0u8;
    let mut push = |c: u8| {
        if c != last && n < buf.len() {
            buf[n] = c;
            n += 1;
            last = c;
        }
    };
    if word.is_ascii() {
        for &c in word.as_bytes() {
            push(match c {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                c => c,
            });
        }
    } else {
        for c in word.chars() {
            push(if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() || c.is_alphabetic() {
                b'x'
            } else if c.is_numeric() {
                b'd'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'~'
            });
        }
    }
    hash_bytes(&buf[..n])
}

/// Computes the per-token hashes of `word`. `lexicon` maps a word hash to its
/// lexicon entry; `buf` is scratch space.
#[inline]
pub fn token_info<L: Fn(u64) -> Option<LexEntry>>(
    word: &str,
    buf: &mut Vec<u8>,
    lexicon: &L,
) -> TokenInfo {
    normalize(word, buf);
    token_info_from(word, buf, hash_bytes(buf), lexicon)
}

/// Lexicon key of the tag-dictionary entry of a word, from the hash of the word as
/// written (the dictionary is case-sensitive; ambiguity classes are not).
#[inline(always)]
pub fn dict_key(raw: u64) -> u64 {
    raw ^ 0x6469_6374_6469_6374
}

/// Like [`token_info`], given the normalized form `norm` of `word` and its hash.
/// The lexicon is asked twice: for the normalized form (ambiguity class) and for
/// [`dict_key`] (tag dictionary).
#[inline]
pub fn token_info_from<L: Fn(u64) -> Option<LexEntry>>(
    word: &str,
    norm: &[u8],
    hash: u64,
    lexicon: &L,
) -> TokenInfo {
    let b = norm;
    let e = lexicon(hash).unwrap_or(LexEntry::UNKNOWN);
    let raw = hash_bytes(word.as_bytes());
    let dict = lexicon(dict_key(raw)).map_or(NO_LABEL, |d| d.dict);
    TokenInfo {
        word: hash,
        suffix: [
            hash_bytes(&b[suffix_start(b, 1)..]),
            hash_bytes(&b[suffix_start(b, 3)..]),
            hash_bytes(&b[suffix_start(b, 4)..]),
        ],
        prefix: hash_bytes(&b[..prefix_end(b, 1)]),
        shape: shape_hash(word),
        raw,
        dict,
        amb: e.amb,
    }
}

/// Pseudo-token used for positions before the sentence start.
pub const START: TokenInfo = TokenInfo {
    word: 0x5354_4152_5400_0001,
    suffix: [0x5354_4152_5400_0002; 3],
    prefix: 0x5354_4152_5400_0003,
    shape: 0x5354_4152_5400_0004,
    raw: 0x5354_4152_5400_0005,
    dict: NO_LABEL,
    amb: u16::MAX,
};

/// Pseudo-token used for positions after the sentence end.
pub const END: TokenInfo = TokenInfo {
    word: 0x454E_4400_0000_0001,
    suffix: [0x454E_4400_0000_0002; 3],
    prefix: 0x454E_4400_0000_0003,
    shape: 0x454E_4400_0000_0004,
    raw: 0x454E_4400_0000_0005,
    dict: NO_LABEL,
    amb: u16::MAX - 1,
};

/// Per-template seeds (random 64-bit constants).
const SEEDS: [u64; N_FEATS] = {
    let mut s = [0u64; N_FEATS];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut i = 0;
    while i < N_FEATS {
        // splitmix64
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        s[i] = z ^ (z >> 31);
        i += 1;
    }
    s
};

#[inline(always)]
fn f1(t: usize, a: u64) -> u64 {
    mum(a ^ SEEDS[t], K1 ^ SEEDS[(t + 7) % N_FEATS])
}

#[inline(always)]
fn f2(t: usize, a: u64, b: u64) -> u64 {
    mum(a ^ SEEDS[t], b ^ K2 ^ SEEDS[(t + 7) % N_FEATS]) ^ a.rotate_left(17)
}

#[inline(always)]
fn amb(a: u16) -> u64 {
    (a as u64 + 0x1_0000).wrapping_mul(K2)
}

#[inline(always)]
fn lab(l: u8) -> u64 {
    (l as u64 + 1).wrapping_mul(K0)
}

/// Relative positions of the role groups: role `r` features of the token at
/// `i + ROLES[r]` are features of position `i`.
pub const ROLES: [isize; 5] = [0, -1, -2, 1, 2];

/// Most role features a token has in one role.
pub const MAX_ROLE_FEATS: usize = 8;

/// Number of pair features per position.
pub const N_PAIR: usize = 4;

/// Number of label features per position (the first four are the label pair ones).
pub const N_LABEL: usize = 6;

/// Number of label pair features (with the bias).
pub const N_LABEL_PAIR: usize = 4;

/// Writes the features of token `t` in role `r` (an index into [`ROLES`]) and returns
/// how many were written.
#[inline]
pub fn role_features(t: &TokenInfo, r: usize, out: &mut [u64; MAX_ROLE_FEATS]) -> usize {
    match r {
        0 => {
            out[0] = f1(1, t.word);
            out[1] = f1(2, t.suffix[0]);
            out[2] = f1(3, t.suffix[1]);
            out[3] = f1(4, t.suffix[2]);
            out[4] = f1(5, t.prefix);
            out[5] = f1(6, t.shape);
            out[6] = f1(21, amb(t.amb));
            out[7] = f1(24, t.raw);
            8
        }
        1 => {
            out[0] = f1(11, t.word);
            out[1] = f1(12, t.suffix[1]);
            out[2] = f1(25, t.shape);
            out[3] = f1(27, amb(t.amb));
            4
        }
        2 => {
            out[0] = f1(13, t.word);
            out[1] = f1(28, t.shape);
            2
        }
        3 => {
            out[0] = f1(14, t.word);
            out[1] = f1(16, amb(t.amb));
            out[2] = f1(26, t.shape);
            out[3] = f1(30, t.suffix[1]);
            4
        }
        _ => {
            out[0] = f1(15, t.word);
            out[1] = f1(17, amb(t.amb));
            out[2] = f1(29, t.shape);
            3
        }
    }
}

#[inline(always)]
fn at(toks: &[TokenInfo], i: usize, k: isize) -> &TokenInfo {
    let j = i as isize + k;
    if j < 0 {
        &START
    } else if j as usize >= toks.len() {
        &END
    } else {
        &toks[j as usize]
    }
}

/// Writes the pair features of position `i`. Uses only the `word`, `shape` and
/// `amb` fields of the tokens.
#[inline]
pub fn pair_features(toks: &[TokenInfo], i: usize, out: &mut [u64; N_PAIR]) {
    let t = &toks[i];
    let (m1, n1) = (at(toks, i, -1), at(toks, i, 1));
    let first_shape = if i == 0 { Some(t.shape) } else { None };
    pair_keys(
        [m1.word, t.word, n1.word],
        [t.amb, n1.amb],
        first_shape,
        out,
    );
}

/// Writes the pair features of a position from the word hashes at -1, 0 and +1, the
/// ambiguity classes at 0 and +1, and the shape of the token if it is the first of
/// its sentence.
#[inline(always)]
pub fn pair_keys(
    words: [u64; 3],
    ambs: [u16; 2],
    first_shape: Option<u64>,
    out: &mut [u64; N_PAIR],
) {
    out[0] = first_shape.map_or(NO_FEATURE, |sh| f1(7, sh));
    out[1] = word_pair_keys(words[1], words[2])[0];
    out[2] = word_pair_keys(words[0], words[1])[1];
    out[3] = f2(23, amb(ambs[0]), amb(ambs[1]));
}

/// The two pair features of adjacent words with (normalized) hashes `a` and `b`:
/// the one of `a`'s position (word × word at +1), then the one of `b`'s position
/// (word at -1 × word).
#[inline(always)]
pub fn word_pair_keys(a: u64, b: u64) -> [u64; 2] {
    [f2(19, a, b), f2(20, a, b)]
}

/// Writes the label pair features (and the bias) for previous labels `p1` (at `i-1`)
/// and `p2` (at `i-2`; [`NO_LABEL`] before the start).
#[inline]
pub fn label_pair_features(p1: u8, p2: u8, out: &mut [u64; N_LABEL_PAIR]) {
    out[0] = SEEDS[0];
    out[1] = f1(8, lab(p1));
    out[2] = f1(9, lab(p2));
    out[3] = f2(10, lab(p1), lab(p2));
}

/// Writes the label features of position `i` that involve ambiguity classes, given
/// the previous label `p1`. Uses only the `amb` field of the tokens.
#[inline]
pub fn label_amb_features(toks: &[TokenInfo], i: usize, p1: u8, out: &mut [u64; 2]) {
    label_amb_keys(toks[i].amb, at(toks, i, 1).amb, p1, out);
}

/// Writes the label features that involve ambiguity classes from the classes at 0
/// and +1 and the previous label `p1`.
#[inline(always)]
pub fn label_amb_keys(amb0: u16, amb1: u16, p1: u8, out: &mut [u64; 2]) {
    out[0] = f2(18, lab(p1), amb(amb1));
    out[1] = f2(22, amb(amb0), lab(p1));
}

/// Writes all label features of position `i`, given the previous two labels.
#[inline]
pub fn label_features(toks: &[TokenInfo], i: usize, p1: u8, p2: u8, out: &mut [u64; N_LABEL]) {
    let (a, b) = out.split_at_mut(N_LABEL_PAIR);
    label_pair_features(p1, p2, a.try_into().expect("N_LABEL_PAIR"));
    label_amb_features(toks, i, p1, b.try_into().expect("2"));
}

/// Writes all [`N_FEATS`] feature keys of position `i` of `toks` (role features of
/// the window, then pair and label features).
#[inline]
pub fn context_features(toks: &[TokenInfo], i: usize, p1: u8, p2: u8, out: &mut [u64; N_FEATS]) {
    let mut n = 0;
    let mut buf = [0u64; MAX_ROLE_FEATS];
    for (r, &k) in ROLES.iter().enumerate() {
        let c = role_features(at(toks, i, k), r, &mut buf);
        out[n..n + c].copy_from_slice(&buf[..c]);
        n += c;
    }
    let mut pair = [0u64; N_PAIR];
    pair_features(toks, i, &mut pair);
    out[n..n + N_PAIR].copy_from_slice(&pair);
    n += N_PAIR;
    let mut labf = [0u64; N_LABEL];
    label_features(toks, i, p1, p2, &mut labf);
    out[n..n + N_LABEL].copy_from_slice(&labf);
    debug_assert_eq!(n + N_LABEL, N_FEATS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        let mut b = Vec::new();
        normalize("Russia’s", &mut b);
        assert_eq!(b, b"russia's");
        normalize("1,500", &mut b);
        assert_eq!(b, b"0,000");
        normalize("—", &mut b);
        assert_eq!(b, b"--");
        normalize("Erdoğan", &mut b);
        assert_eq!(std::str::from_utf8(&b).unwrap(), "erdoğan");
    }

    #[test]
    fn suffixes_and_prefixes_respect_chars() {
        let b = "xcafé".as_bytes();
        assert_eq!(&b[suffix_start(b, 2)..], "fé".as_bytes());
        assert_eq!(&b[..prefix_end(b, 1)], b"x");
        assert_eq!(suffix_start(b"ab", 4), 0);
        assert_eq!(prefix_end(b"ab", 3), 2);
    }

    #[test]
    fn tail_loads_equal_zero_padding() {
        let b: Vec<u8> = (1..=7u8).map(|k| k.wrapping_mul(0x9D)).collect();
        for n in 1..8 {
            let mut tail = [0u8; 8];
            tail[..n].copy_from_slice(&b[..n]);
            assert_eq!(load_tail(&b[..n]), u64::from_le_bytes(tail), "{n} bytes");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_hash("Moscow"), shape_hash("Ab"));
        assert_eq!(shape_hash("S-400"), shape_hash("X-1"));
        assert_ne!(shape_hash("U.S."), shape_hash("US"));
    }

    #[test]
    fn hashes_are_stable() {
        // Guards the model format: changing the hash invalidates trained models.
        assert_eq!(hash_bytes(b""), hash_bytes(b""));
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"b"));
        assert_ne!(hash_bytes(b"abcdefgh"), hash_bytes(b"abcdefgh\0"));
        let toks = [token_info("the", &mut Vec::new(), &|_| None)];
        let mut f = [0u64; N_FEATS];
        context_features(&toks, 0, NO_LABEL, NO_LABEL, &mut f);
        let mut g = f.to_vec();
        g.sort_unstable();
        g.dedup();
        assert_eq!(g.len(), N_FEATS, "feature keys should be distinct");
        let toks = [toks[0], toks[0]];
        context_features(&toks, 1, 3, 4, &mut f);
        assert_eq!(f.iter().filter(|&&k| k == NO_FEATURE).count(), 1);
    }
}
