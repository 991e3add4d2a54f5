//! Short ASCII words packed into a `u64` (first byte lowest), so that a
//! word list is searched by comparing integers, without case-folding copies.

/// A word of up to eight ASCII bytes, lower-cased and packed into a `u64`
/// (first byte lowest); 0 for anything else.
pub const fn pack_lower(w: &[u8]) -> u64 {
    if w.is_empty() || w.len() > 8 {
        return 0;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() {
        if w[i] >= 0x80 || w[i] == 0 {
            return 0; // never in a list; a 0 byte would alias a shorter word
        }
        k |= (w[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    k
}

/// The words of a list packed with [`pack_lower`] and sorted, for a binary
/// search (built at compile time: an insertion sort of a few dozen keys).
pub const fn sorted_keys<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut keys = [0u64; N];
    let mut i = 0;
    while i < N {
        keys[i] = pack_lower(words[i].as_bytes());
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_lower_case_and_rejects_what_no_list_holds() {
        assert_eq!(pack_lower(b"Mr"), pack_lower(b"mr"));
        assert_eq!(pack_lower(b"mr"), u64::from(b'm') | u64::from(b'r') << 8);
        assert_eq!(pack_lower(b""), 0);
        assert_eq!(pack_lower(b"abcdefghi"), 0);
        assert_eq!(pack_lower("é".as_bytes()), 0);
        let keys: [u64; 3] = sorted_keys(&["sept", "Dr", "a"]);
        assert!(keys.is_sorted());
        assert!(keys.binary_search(&pack_lower(b"DR")).is_ok());
    }
}
