//! Hashers for `HashMap`s whose keys are integers: SipHash, the standard
//! default, costs more than the work some of these maps save. The keys come
//! from our own data and text, so flooding is no concern. (Byte strings use
//! [`crate::gazetteer::Fnv`].)

use std::hash::Hasher;

/// Passes a `u64` key through: for keys that are hashes already.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are expected; this serves any other input.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A multiply-rotate hash of machine words (as in rustc's `FxHasher`), for
/// keys made of a few integers: a few instructions a word, where a
/// byte-wise hash takes a round per byte.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl WordHasher {
    /// Mix one word into the hash.
    #[inline]
    pub fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // Fold the well-mixed high half into the low bits (a table's index).
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(b as u64);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}
