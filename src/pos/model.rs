//! The compact model: labels, lexicon and quantized feature weights, with the binary
//! file format.
//!
//! Both tables are open-addressing hash tables with linear probing, keyed by 64-bit
//! feature hashes: the low bits pick the home slot and the high 32 bits are the stored
//! fingerprint (0 marks an empty slot). In memory a slot is one `u64`
//! (`fingerprint << 32 | value`); for features the value packs an offset into the
//! entry array (24 bits) and the entry count (8 bits); an entry is a `u32` packing the
//! label (low 8 bits) and an `i16` weight (high 16 bits).
//!
//! File layout (all integers little-endian):
//!
//! ```text
//! magic "BXPOSTAG" | version u32 | feature version u32
//! n_labels u16 | n_labels x (len u8, "XPOS UPOS" bytes) | scale f32
//! lexicon table:  bits u8 | n u32 | occupancy bitmap (2^bits bits) | n x fp u32 | n x entry u32
//! feature table:  bits u8 | n u32 | occupancy bitmap | n x fp u32 | n x count u8 |
//!                 sparse entries x (label u8, weight i16) |
//!                 dense rows x (n_labels x weight i16)      (count 0xFF = dense row)
//! checksum u64 (hash of all preceding bytes)
//! ```
//!
//! Loading is a single pass over the bytes; no hashing is needed because the slot
//! positions are given by the occupancy bitmaps.

use super::features::{FEATURE_VERSION, LexEntry, MAX_CLASS, NO_FEATURE, hash_bytes};

/// Hints the CPU to load the cache line at `p` (no-op off x86-64).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching never faults, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
use super::Error;
use super::tags::{Tag, Upos};

/// File magic.
pub const MAGIC: &[u8; 8] = b"BXPOSTAG";
/// File format version.
pub const VERSION: u32 = 1;

const OFFSET_BITS: u32 = 24;
const EMPTY: u64 = 0;

#[inline(always)]
fn split_key(key: u64) -> (usize, u64) {
    let fp = key >> 32;
    (key as usize, if fp == 0 { 1 } else { fp })
}

/// An open-addressing hash table from 64-bit keys to `u32` values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    mask: usize,
    bits: u8,
    slots: Vec<u64>,
    len: usize,
}

impl Table {
    /// An empty table sized for `n` items at a load factor of at most 1/2.
    pub fn with_capacity(n: usize) -> Table {
        let mut bits = 4u8;
        while (1usize << bits) < n * 2 {
            bits += 1;
        }
        Table {
            mask: (1 << bits) - 1,
            bits,
            slots: vec![EMPTY; 1 << bits],
            len: 0,
        }
    }

    /// Number of stored items.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Inserts `key -> value`. Panics when the table is full. A key whose slot and
    /// fingerprint equal an existing key's is ignored (returns `false`).
    pub fn insert(&mut self, key: u64, value: u32) -> bool {
        assert!(self.len < self.slots.len(), "table full");
        let (mut i, fp) = split_key(key);
        loop {
            i &= self.mask;
            let s = self.slots[i];
            if s == EMPTY {
                self.slots[i] = fp << 32 | value as u64;
                self.len += 1;
                return true;
            }
            if s >> 32 == fp {
                return false;
            }
            i += 1;
        }
    }

    /// The value stored for `key`, if any.
    #[inline(always)]
    pub fn get(&self, key: u64) -> Option<u32> {
        let (mut i, fp) = split_key(key);
        loop {
            i &= self.mask;
            // SAFETY-free: index is masked to the slot count.
            let s = self.slots[i];
            if s >> 32 == fp {
                return Some(s as u32);
            }
            if s == EMPTY {
                return None;
            }
            i += 1;
        }
    }

    /// Stored items `(fingerprint, value)` in slot order.
    fn items(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots
            .iter()
            .filter(|&&s| s != EMPTY)
            .map(|&s| ((s >> 32) as u32, s as u32))
    }

    fn write_layout(&self, out: &mut Vec<u8>) {
        out.push(self.bits);
        out.extend_from_slice(&(self.len as u32).to_le_bytes());
        for chunk in self.slots.chunks(8) {
            let mut byte = 0u8;
            for (k, &s) in chunk.iter().enumerate() {
                if s != EMPTY {
                    byte |= 1 << k;
                }
            }
            out.push(byte);
        }
        for (fp, _) in self.items() {
            out.extend_from_slice(&fp.to_le_bytes());
        }
    }

    /// Reads bits, count, bitmap and fingerprints; values are filled by `value(k)` for
    /// the k-th occupied slot.
    fn read_layout(r: &mut Reader<'_>) -> Result<(Table, Vec<usize>), Error> {
        let bits = r.u8()?;
        if bits > 30 {
            return Err(Error::Format("table too large"));
        }
        let n = r.u32()? as usize;
        let size = 1usize << bits;
        let bitmap = r.bytes(size.div_ceil(8))?;
        let fps = r.bytes(n * 4)?;
        let mut slots = vec![EMPTY; size];
        let mut positions = Vec::with_capacity(n);
        for (bi, &byte) in bitmap.iter().enumerate() {
            let mut b = byte;
            while b != 0 {
                let k = b.trailing_zeros() as usize;
                b &= b - 1;
                positions.push(bi * 8 + k);
            }
        }
        if positions.len() != n || positions.last().is_some_and(|&p| p >= size) {
            return Err(Error::Format("table bitmap does not match its count"));
        }
        // One branch-free pass; a zero fingerprint is reported after it.
        let mut zero = false;
        for (&p, fp) in positions.iter().zip(fps.chunks_exact(4)) {
            let fp = u32::from_le_bytes([fp[0], fp[1], fp[2], fp[3]]);
            zero |= fp == 0;
            slots[p] = (fp as u64) << 32;
        }
        if zero {
            return Err(Error::Format("zero fingerprint"));
        }
        Ok((
            Table {
                mask: size - 1,
                bits,
                slots,
                len: n,
            },
            positions,
        ))
    }
}

/// A joint label: the PTB tag and the UPOS tag.
pub type Label = (Tag, Upos);

/// Most labels a model may have; score vectors have this many lanes.
pub const MAX_LABELS: usize = 64;

/// A vector of label scores (lanes beyond the label count are unused).
pub type Scores = [i16; MAX_LABELS];

/// Features with at least this many non-zero weights are stored as dense rows.
pub const DENSE_MIN: usize = 12;
/// Slot count value marking a dense row.
const DENSE: u32 = 0xFF;

/// Adds `row` to `acc` lane by lane (wrapping; the quantization keeps real sums in
/// range).
#[inline(always)]
pub fn add_row(acc: &mut Scores, row: &Scores) {
    for k in 0..MAX_LABELS {
        acc[k] = acc[k].wrapping_add(row[k]);
    }
}

/// A trained, quantized tagging model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The label inventory; label indices in the tables refer to this list.
    pub labels: Vec<Label>,
    /// Quantization scale: stored weight = round(weight * scale).
    pub scale: f32,
    /// Word hash -> packed [`LexEntry`].
    pub(crate) lexicon: Table,
    /// Feature hash -> `offset << 8 | count` into `entries`, or `row << 8 | 0xFF`
    /// for a dense row.
    pub(crate) features: Table,
    /// Packed `(label, weight)` entries of sparse features.
    pub(crate) entries: Vec<u32>,
    /// Dense rows (lanes beyond the label count are 0).
    pub(crate) dense: Vec<Scores>,
}

/// Packs a `(label, weight)` entry.
#[inline]
pub fn pack_entry(label: u8, weight: i16) -> u32 {
    (weight as u16 as u32) << 16 | label as u32
}

impl Model {
    /// Builds a model from its parts. `lexicon` is `(word hash, entry)`,
    /// `features` is `(feature hash, [(label, weight)])` with distinct labels per
    /// feature; both are inserted in the given order, so sort them first for
    /// reproducible files.
    pub fn build(
        labels: Vec<Label>,
        scale: f32,
        lexicon: &[(u64, LexEntry)],
        features: &[(u64, Vec<(u8, i16)>)],
    ) -> Result<Model, Error> {
        let nl = labels.len();
        if nl == 0 || nl > MAX_LABELS {
            return Err(Error::Format("label count out of range"));
        }
        if lexicon
            .iter()
            .any(|e| e.1.amb > MAX_CLASS || (e.1.dict as usize >= nl && e.1.dict != u8::MAX))
        {
            return Err(Error::Format("bad lexicon entry"));
        }
        let mut lex = Table::with_capacity(lexicon.len());
        for &(k, e) in lexicon {
            lex.insert(k, e.pack());
        }
        let mut feats = Table::with_capacity(features.len());
        for (i, (k, es)) in features.iter().enumerate() {
            if *k == NO_FEATURE
                || es.is_empty()
                || es.len() > nl
                || es.iter().any(|e| e.0 as usize >= nl)
            {
                return Err(Error::Format("bad feature weights"));
            }
            feats.insert(*k, i as u32);
        }
        // Lay the weights out in slot order, so that the file needs no offsets.
        let (mut entries, mut dense) = (Vec::new(), Vec::new());
        for s in feats.slots.iter_mut() {
            if *s == EMPTY {
                continue;
            }
            let es = &features[*s as u32 as usize].1;
            let v = if es.len() >= DENSE_MIN.min(nl) {
                let mut row = [0i16; MAX_LABELS];
                for &(l, w) in es {
                    row[l as usize] = w;
                }
                dense.push(row);
                ((dense.len() - 1) as u32) << 8 | DENSE
            } else {
                let off = entries.len() as u32;
                entries.extend(es.iter().map(|&(l, w)| pack_entry(l, w)));
                off << 8 | es.len() as u32
            };
            if entries.len() >= 1 << OFFSET_BITS || dense.len() >= 1 << OFFSET_BITS {
                return Err(Error::Format("too many weights"));
            }
            *s = (*s >> 32) << 32 | v as u64;
        }
        Ok(Model {
            labels,
            scale,
            lexicon: lex,
            features: feats,
            entries,
            dense,
        })
    }

    /// Lexicon lookup for a word hash.
    #[inline(always)]
    pub fn lex(&self, word: u64) -> Option<LexEntry> {
        self.lexicon.get(word).map(LexEntry::unpack)
    }

    /// The largest ambiguity class id in the lexicon (0 if it is empty).
    pub fn max_class(&self) -> u16 {
        self.lexicon
            .items()
            .map(|(_, v)| LexEntry::unpack(v).amb)
            .max()
            .unwrap_or(0)
    }

    /// The weights handle of feature `key` (see [`Model::lookup`]), or 0 for none.
    #[inline(always)]
    pub fn handle(&self, key: u64) -> u32 {
        self.lookup(key).unwrap_or(0)
    }

    /// Prefetches the table slot of feature `key` (see [`Model::lookup`]).
    #[inline(always)]
    pub fn prefetch_key(&self, key: u64) {
        let t = &self.features;
        prefetch(t.slots.as_ptr().wrapping_add(key as usize & t.mask));
    }

    /// The weights handle of feature `key`, for [`Model::add_value`]; `None` for
    /// unknown features and [`NO_FEATURE`]. Handles are never 0.
    #[inline(always)]
    pub fn lookup(&self, key: u64) -> Option<u32> {
        if key == NO_FEATURE {
            None
        } else {
            self.features.get(key)
        }
    }

    /// Prefetches the weights behind handle `v`.
    #[inline(always)]
    pub fn prefetch_value(&self, v: u32) {
        let off = (v >> 8) as usize;
        if v & 0xff == DENSE {
            let p = self.dense.as_ptr().wrapping_add(off) as *const u8;
            prefetch(p);
            prefetch(p.wrapping_add(64));
        } else {
            prefetch(self.entries.as_ptr().wrapping_add(off));
        }
    }

    /// Adds the weights behind handle `v` (from [`Model::lookup`]) to `scores`.
    #[inline(always)]
    pub fn add_value(&self, v: u32, scores: &mut Scores) {
        let off = (v >> 8) as usize;
        let cnt = v & 0xff;
        if cnt == DENSE {
            add_row(scores, &self.dense[off]);
        } else {
            for &e in &self.entries[off..off + cnt as usize] {
                // Labels are < MAX_LABELS (checked when building and loading).
                let a = &mut scores[(e as usize) & (MAX_LABELS - 1)];
                *a = a.wrapping_add((e >> 16) as u16 as i16);
            }
        }
    }

    /// Adds the weights of feature `key` to `scores`; [`NO_FEATURE`] adds nothing.
    #[inline(always)]
    pub fn add_scores(&self, key: u64, scores: &mut Scores) {
        if key == NO_FEATURE {
            return;
        }
        if let Some(v) = self.features.get(key) {
            self.add_value(v, scores);
        }
    }

    /// Adds the summed weights of `keys` to `scores`; [`NO_FEATURE`] keys are skipped.
    ///
    /// Weights are quantized so that the sum of `N_FEATS` of them cannot overflow an
    /// `i16`. All home slots are prefetched first, so that the cache misses of the
    /// different features overlap.
    #[inline(always)]
    pub fn add_keys(&self, keys: &[u64], scores: &mut Scores) {
        let t = &self.features;
        for &k in keys {
            prefetch(t.slots.as_ptr().wrapping_add(k as usize & t.mask));
        }
        for &k in keys {
            self.add_scores(k, scores);
        }
    }

    /// Number of features, dense rows, lexicon entries and sparse weights.
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.features.len(),
            self.dense.len(),
            self.lexicon.len(),
            self.entries.len(),
        )
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let nl = self.labels.len();
        let mut out = Vec::with_capacity(
            64 + self.entries.len() * 3 + self.features.len() * 5 + self.dense.len() * nl * 2,
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(nl as u16).to_le_bytes());
        for (x, u) in &self.labels {
            let s = format!("{} {}", x.as_str(), u.as_str());
            out.push(s.len() as u8);
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        self.lexicon.write_layout(&mut out);
        for (_, v) in self.lexicon.items() {
            out.extend_from_slice(&v.to_le_bytes());
        }
        self.features.write_layout(&mut out);
        for (_, v) in self.features.items() {
            out.push(v as u8);
        }
        for &e in &self.entries {
            out.push(e as u8);
            out.extend_from_slice(&((e >> 16) as u16).to_le_bytes());
        }
        for row in &self.dense {
            for &w in &row[..nl] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Writes the model to a file.
    pub fn save(&self, path: impl AsRef<std::path::Path>) -> Result<(), Error> {
        std::fs::write(path, self.to_bytes()).map_err(Error::Io)
    }

    /// Reads a model from a file.
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Model, Error> {
        let b = std::fs::read(path).map_err(Error::Io)?;
        Model::from_bytes(&b)
    }

    /// Parses a serialized model, validating header, sizes, labels and checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        if bytes.len() < 8 + 8 + 8 || &bytes[..8] != MAGIC {
            return Err(Error::Format("not a briefx POS model (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if hash_bytes(body).to_le_bytes() != sum {
            return Err(Error::Format("checksum mismatch"));
        }
        let mut r = Reader { b: body, pos: 8 };
        if r.u32()? != VERSION {
            return Err(Error::Format("unsupported model version"));
        }
        if r.u32()? != FEATURE_VERSION {
            return Err(Error::Format("model built for another feature set"));
        }
        let nl = r.u16()? as usize;
        if nl == 0 || nl > MAX_LABELS {
            return Err(Error::Format("label count out of range"));
        }
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let len = r.u8()? as usize;
            let s = std::str::from_utf8(r.bytes(len)?).map_err(|_| Error::Format("label"))?;
            let (x, u) = s.split_once(' ').ok_or(Error::Format("label"))?;
            let x = Tag::from_str(x).ok_or(Error::Format("unknown XPOS tag"))?;
            let u = Upos::from_str(u).ok_or(Error::Format("unknown UPOS tag"))?;
            labels.push((x, u));
        }
        let scale = f32::from_le_bytes(r.bytes(4)?.try_into().expect("4 bytes"));

        let (mut lexicon, pos) = Table::read_layout(&mut r)?;
        let vals = r.bytes(pos.len() * 4)?;
        for (v, &p) in vals.chunks_exact(4).zip(&pos) {
            let v = u32::from_le_bytes(v.try_into().expect("4 bytes"));
            let e = LexEntry::unpack(v);
            if (e.dict as usize >= nl && e.dict != u8::MAX) || e.amb > MAX_CLASS {
                return Err(Error::Format("bad lexicon entry"));
            }
            lexicon.slots[p] |= v as u64;
        }

        let (mut features, pos) = Table::read_layout(&mut r)?;
        let counts = r.bytes(pos.len())?;
        let (mut n_sparse, mut n_dense) = (0usize, 0usize);
        for (&p, &c) in pos.iter().zip(counts) {
            let v = if c as u32 == DENSE {
                n_dense += 1;
                ((n_dense - 1) as u32) << 8 | DENSE
            } else {
                if c == 0 || c as usize > nl {
                    return Err(Error::Format("bad weight count"));
                }
                n_sparse += c as usize;
                ((n_sparse - c as usize) as u32) << 8 | c as u32
            };
            if n_sparse >= 1 << OFFSET_BITS || n_dense >= 1 << OFFSET_BITS {
                return Err(Error::Format("too many weights"));
            }
            features.slots[p] |= v as u64;
        }
        let raw = r.bytes(n_sparse * 3)?;
        // A zip into a zeroed vector, without a branch per entry: a tight
        // loop. A bad label is reported after it.
        let mut entries = vec![0u32; n_sparse];
        let mut max_label = 0;
        for (d, e) in entries.iter_mut().zip(raw.chunks_exact(3)) {
            max_label = max_label.max(e[0]);
            *d = pack_entry(e[0], i16::from_le_bytes([e[1], e[2]]));
        }
        if max_label as usize >= nl {
            return Err(Error::Format("weight label out of range"));
        }
        let raw = r.bytes(n_dense * nl * 2)?;
        let mut dense = vec![[0i16; MAX_LABELS]; n_dense];
        for (row, ws) in dense.iter_mut().zip(raw.chunks_exact(nl * 2)) {
            for (d, w) in row.iter_mut().zip(ws.chunks_exact(2)) {
                *d = i16::from_le_bytes([w[0], w[1]]);
            }
        }
        if r.pos != body.len() {
            return Err(Error::Format("trailing bytes"));
        }
        Ok(Model {
            labels,
            scale,
            lexicon,
            features,
            entries,
            dense,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).ok_or(Error::Format("truncated"))?;
        let s = self
            .b
            .get(self.pos..end)
            .ok_or(Error::Format("truncated"))?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.bytes(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, Error> {
        Ok(u16::from_le_bytes(self.bytes(2)?.try_into().expect("2")))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().expect("4")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        let labels = vec![(Tag::NN, Upos::NOUN), (Tag::VBD, Upos::VERB)];
        // With two labels, two-entry features are dense and one-entry ones sparse.
        let e = |dict, amb| LexEntry { dict, amb };
        let lex = [(11u64, e(255, 3)), (0xFFFF_0000_0000_0022, e(1, 1))];
        let mut feats: Vec<(u64, Vec<(u8, i16)>)> = (1..100u64)
            .map(|k| {
                (
                    k.wrapping_mul(0x9E37_79B9_7F4A_7C15),
                    vec![(0, k as i16), (1, -(k as i16))],
                )
            })
            .collect();
        feats[5].1.truncate(1);
        Model::build(labels, 2.5, &lex, &feats).unwrap()
    }

    #[test]
    fn table_get_insert() {
        let mut t = Table::with_capacity(10);
        for k in 0..10u64 {
            assert!(t.insert(k << 40 | k, k as u32 + 100));
        }
        for k in 0..10u64 {
            assert_eq!(t.get(k << 40 | k), Some(k as u32 + 100));
        }
        assert_eq!(t.get(12345 << 40), None);
        assert_eq!(t.len(), 10);
    }

    #[test]
    fn save_load_round_trip() {
        let m = sample();
        let bytes = m.to_bytes();
        let m2 = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m, m2);
        assert_eq!(m2.to_bytes(), bytes);
        assert_eq!(m2.sizes(), (99, 98, 2, 1));
        let mut s = [0i16; MAX_LABELS];
        m2.add_scores(7u64.wrapping_mul(0x9E37_79B9_7F4A_7C15), &mut s);
        assert_eq!(s[..2], [7, -7]);
        m2.add_scores(6u64.wrapping_mul(0x9E37_79B9_7F4A_7C15), &mut s);
        assert_eq!(s[..2], [13, -7]);
        let keys = [1u64, 2, 12345].map(|k: u64| k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut t = [0i16; MAX_LABELS];
        m2.add_keys(&keys, &mut t);
        assert_eq!(t[..2], [3, -3]);
        assert_eq!(m2.lex(11), Some(LexEntry { dict: 255, amb: 3 }));
        assert_eq!(m2.lex(12), None);

        let dir = std::env::temp_dir().join(format!("pos-model-test-{}", std::process::id()));
        m.save(&dir).unwrap();
        assert_eq!(Model::load(&dir).unwrap(), m);
        let _ = std::fs::remove_file(&dir);
    }

    #[test]
    fn corrupt_input_is_rejected() {
        let bytes = sample().to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        let mut b = bytes.clone();
        b[30] ^= 1;
        assert!(Model::from_bytes(&b).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
