//! A byte trie over the gazetteer's surface forms, searched anchored at
//! word starts.
//!
//! This is the goto function of an Aho-Corasick automaton. Every search
//! starts anchored at a word start, where an Aho-Corasick automaton never
//! follows a failure link, so none are built: the `aho-corasick` crate
//! always computes them, and over the 63,000 forms of the shipped
//! gazetteers that alone costs more than the whole loading budget. Built
//! from the sorted forms in one pass, each node's children sit next to each
//! other, so a step is a short scan of a few node records for its byte.

/// Append the row (see `Trie::rows`) of a node whose children are
/// `children` to `rows`: its `Node::row`.
fn add_row(rows: &mut Vec<u8>, children: &[Node]) -> u32 {
    let start = rows.len();
    rows.resize(start + 256, 0);
    for (k, c) in children.iter().enumerate() {
        rows[start + c.label as usize] = k as u8;
    }
    (start / 256 + 1) as u32
}

/// No pattern ends at this node.
const NONE: u32 = u32::MAX;

/// In `pairs`: no form starts with these two bytes, but the first byte
/// is a form (never a node index: the root is the only node 0 and
/// indices stay far below this).
const ONE_ONLY: u32 = u32::MAX;

/// Nodes with at least this many children get a row in `Trie::rows`.
const ROW_FROM: u32 = 8;

#[derive(Clone, Copy, Debug)]
struct Node {
    /// Index of the first child in `nodes` (children are contiguous).
    first: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// 1 + the index of this node's row in `Trie::rows`, or 0 (fewer
    /// than `ROW_FROM` children). Built at load, not stored.
    row: u32,
    /// Number of children (at most 256).
    count: u16,
    /// The byte on the edge into this node (in the node, so that a step
    /// down reads the children it looks at and nothing else).
    label: u8,
}

/// A trie over byte strings, each with a pattern id.
pub struct Trie {
    /// First byte → node (0: no form starts with it; node 0 is the root).
    root: Box<[u32; 256]>,
    /// First two bytes → node (0: no form starts with them; `ONE_ONLY`:
    /// none does, but the first byte alone is a form). Most word starts
    /// end here; a walk starts two levels down.
    pairs: Vec<u32>,
    /// First byte → the pattern of that one-byte form, or `NONE`: a word
    /// start whose pair has no node needs only this (and usually finds
    /// `NONE`: the gazetteer has no one-character forms).
    ones: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Per node with many children, byte → offset of its child on that
    /// byte among the node's children (0 for none: the label check tells
    /// it from the first child). One probe instead of a search.
    rows: Vec<u8>,
}

impl Trie {
    /// Build from `(form, pattern id)` pairs. Forms must be distinct and
    /// non-empty; they need not be sorted.
    pub fn new(mut forms: Vec<(&[u8], u32)>) -> Trie {
        forms.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Trie::from_sorted(forms)
    }

    /// Build from `(form, pattern id)` pairs sorted by form.
    pub fn from_sorted(forms: Vec<(&[u8], u32)>) -> Trie {
        debug_assert!(forms.windows(2).all(|w| w[0].0 < w[1].0));
        debug_assert!(forms.iter().all(|f| !f.0.is_empty()));
        let mut trie = Trie {
            root: Box::new([0; 256]),
            pairs: vec![0; 1 << 16],
            ones: Box::new([NONE; 256]),
            nodes: vec![Node {
                first: 1,
                count: 0,
                pattern: NONE,
                row: 0,
                label: 0,
            }],
            rows: Vec::new(),
        };
        trie.nodes
            .reserve(forms.iter().map(|f| f.0.len()).sum::<usize>() / 2);
        trie.fill(&forms, 0, 0);
        trie.index_first_levels();
        trie.index_wide_nodes();
        trie
    }

    /// Fill `root` and `pairs` from the first two levels of `nodes`.
    fn index_first_levels(&mut self) {
        let root = self.nodes[0];
        for c in root.first..root.first + root.count as u32 {
            let b0 = self.nodes[c as usize].label as usize;
            self.root[b0] = c;
            let n = self.nodes[c as usize];
            self.ones[b0] = n.pattern;
            if n.pattern != NONE {
                self.pairs[b0 << 8..(b0 + 1) << 8].fill(ONE_ONLY);
            }
            for d in n.first..n.first + n.count as u32 {
                self.pairs[b0 << 8 | self.nodes[d as usize].label as usize] = d;
            }
        }
    }

    /// Give each node with at least `ROW_FROM` children its row.
    fn index_wide_nodes(&mut self) {
        for i in 0..self.nodes.len() {
            let n = self.nodes[i];
            if n.count as u32 >= ROW_FROM {
                let children = &self.nodes[n.first as usize..][..n.count as usize];
                self.nodes[i].row = add_row(&mut self.rows, children);
            }
        }
    }

    /// The nodes as `(first child, child count, pattern)` words, and the
    /// label of each node: all [`Trie::from_parts`] needs (the embedded
    /// image stores these).
    pub fn parts(&self) -> (Vec<u32>, Vec<u8>) {
        let words = self
            .nodes
            .iter()
            .flat_map(|n| [n.first, n.count as u32, n.pattern])
            .collect();
        (words, self.nodes.iter().map(|n| n.label).collect())
    }

    /// The trie whose [`Trie::parts`] these are, with the node words as
    /// little-endian bytes (as the embedded image holds them).
    pub fn from_parts(words: &[u8], labels: &[u8]) -> Trie {
        let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let nodes: Vec<Node> = words
            .chunks_exact(12)
            .zip(labels)
            .map(|(w, &label)| Node {
                first: word(&w[0..4]),
                count: u16::try_from(word(&w[4..8])).expect("at most 256 children"),
                pattern: word(&w[8..12]),
                row: 0,
                label,
            })
            .collect();
        assert!(!labels.is_empty() && words.len() == 12 * labels.len());
        let mut trie = Trie {
            root: Box::new([0; 256]),
            pairs: vec![0; 1 << 16],
            ones: Box::new([NONE; 256]),
            nodes,
            rows: Vec::new(),
        };
        trie.index_first_levels();
        trie.index_wide_nodes();
        trie
    }

    /// Make the children of `node`, which stands for the common prefix of
    /// length `depth` of `forms` (sorted), and recurse into them.
    fn fill(&mut self, forms: &[(&[u8], u32)], node: usize, depth: usize) {
        let mut forms = forms;
        if let Some(&(f, id)) = forms.first()
            && f.len() == depth
        {
            self.nodes[node].pattern = id;
            forms = &forms[1..];
        }
        // One child per distinct byte at `depth` (forms are sorted, so
        // each byte's forms are a run), then the children's subtrees.
        let run_end = |lo: usize| {
            let b = forms[lo].0[depth];
            lo + forms[lo..].partition_point(|f| f.0[depth] == b)
        };
        let first = self.nodes.len();
        let mut lo = 0;
        while lo < forms.len() {
            self.nodes.push(Node {
                first: 0,
                count: 0,
                pattern: NONE,
                row: 0,
                label: forms[lo].0[depth],
            });
            lo = run_end(lo);
        }
        self.nodes[node].first = first as u32;
        self.nodes[node].count = (self.nodes.len() - first) as u16;
        let (mut lo, mut child) = (0, first);
        while lo < forms.len() {
            let hi = run_end(lo);
            self.fill(&forms[lo..hi], child, depth + 1);
            (lo, child) = (hi, child + 1);
        }
    }

    /// The child of `node` on byte `b`.
    #[inline]
    fn child(&self, n: Node, b: u8) -> Option<usize> {
        let lo = n.first as usize;
        if n.count <= 1 {
            // Deep in the trie most nodes have one child.
            return (n.count == 1 && self.nodes[lo].label == b).then_some(lo);
        }
        if n.row != 0 {
            let c = lo + self.rows[(n.row as usize - 1) << 8 | b as usize] as usize;
            return (self.nodes[c].label == b).then_some(c);
        }
        let children = &self.nodes[lo..lo + n.count as usize];
        children.iter().position(|c| c.label == b).map(|k| lo + k)
    }

    /// Can a form start with this byte?
    #[inline]
    pub fn starts(&self, b: u8) -> bool {
        self.root[b as usize] != 0
    }

    /// The longest form that is a prefix of `text[at..]` and whose end
    /// passes `accept`: `(end, pattern id)`.
    #[inline]
    pub fn longest(
        &self,
        text: &[u8],
        at: usize,
        accept: impl Fn(usize) -> bool,
    ) -> Option<(usize, u32)> {
        let &first = text.get(at)?;
        let one = self.ones[first as usize];
        let best = (one != NONE && accept(at + 1)).then_some((at + 1, one));
        let node = match text.get(at + 1) {
            Some(&second) => self.pairs[(first as usize) << 8 | second as usize],
            None => 0,
        };
        if node == 0 || node == ONE_ONLY {
            return best;
        }
        self.walk(&text[at + 2..], at + 2, node as usize, best, accept)
    }

    /// [`Trie::longest`] accepting every end, for the scan over word
    /// starts: most of them (`the`, `and`) stop at one probe of the pair
    /// table.
    #[inline]
    pub fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, u32)> {
        let Some(&[first, second]) = text.get(at..at + 2) else {
            return self.longest(text, at, |_| true);
        };
        match self.pairs[(first as usize) << 8 | second as usize] {
            0 => None,
            ONE_ONLY => Some((at + 1, self.ones[first as usize])),
            node => {
                let one = self.ones[first as usize];
                let best = (one != NONE).then_some((at + 1, one));
                self.walk(&text[at + 2..], at + 2, node as usize, best, |_| true)
            }
        }
    }

    /// Go on from `node`, reached at text offset `offset`, over `rest`
    /// (the text from there): the longest accepted form, else `best`.
    #[inline]
    fn walk(
        &self,
        rest: &[u8],
        offset: usize,
        mut node: usize,
        mut best: Option<(usize, u32)>,
        accept: impl Fn(usize) -> bool,
    ) -> Option<(usize, u32)> {
        let mut k = 0;
        loop {
            let n = self.nodes[node];
            if n.pattern != NONE && accept(offset + k) {
                best = Some((offset + k, n.pattern));
            }
            let Some(&b) = rest.get(k) else {
                return best;
            };
            match self.child(n, b) {
                Some(c) => {
                    node = c;
                    k += 1;
                }
                None => return best,
            }
        }
    }

    /// Number of nodes (for tests and reports).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(forms: &[&str]) -> Trie {
        Trie::new(
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.as_bytes(), i as u32))
                .collect(),
        )
    }

    #[test]
    fn longest_prefix_with_its_pattern_id() {
        let t = trie(&["Syria", "Syrian", "Sy", "Russia", "Al Qaim"]);
        let s = b"Syrians and Russia";
        assert_eq!(t.longest(s, 0, |_| true), Some((6, 1)));
        assert_eq!(t.longest(s, 12, |_| true), Some((18, 3)));
        assert_eq!(t.longest(s, 1, |_| true), None);
        assert_eq!(t.longest(b"Al Qa", 0, |_| true), None);
        assert!(t.starts(b'R') && !t.starts(b'x'));
        assert!(!t.is_empty());
    }

    #[test]
    fn accept_picks_the_longest_allowed_end() {
        let t = trie(&["Syria", "Syrian", "Sy"]);
        // Only ends at 2 or 5 accepted.
        assert_eq!(t.longest(b"Syrian", 0, |e| e == 2 || e == 5), Some((5, 0)));
        assert_eq!(t.longest(b"Syrian", 0, |e| e == 2), Some((2, 2)));
        assert_eq!(t.longest(b"Syrian", 0, |_| false), None);
    }

    #[test]
    fn rebuilds_from_its_parts() {
        let t = trie(&["Syria", "Syrian", "Sy", "Russia", "S", "é"]);
        let (words, labels) = t.parts();
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let u = Trie::from_parts(&bytes, &labels);
        for s in ["Syrians", "Russia", "S", "é", "x"] {
            assert_eq!(
                u.longest(s.as_bytes(), 0, |_| true),
                t.longest(s.as_bytes(), 0, |_| true)
            );
        }
        assert_eq!(u.parts().0, words);
        assert_eq!((u.root, u.pairs, u.ones), (t.root, t.pairs, t.ones));
        assert_eq!(u.rows, t.rows);
    }

    #[test]
    fn wide_nodes_are_searched_too() {
        // A node with more children than the linear-scan limit.
        let forms: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let t = trie(&refs);
        for (i, f) in refs.iter().enumerate() {
            assert_eq!(t.longest(f.as_bytes(), 0, |_| true), Some((2, i as u32)));
        }
        assert_eq!(t.longest(b"x!", 0, |_| true), None);
        assert_eq!(t.len(), 1 + 1 + 26);
    }

    #[test]
    fn agrees_with_a_naive_longest_prefix_search() {
        let forms = [
            "a", "ab", "abc", "abd", "b", "ba", "bab", "c", "ca", "cab", "é", "éa",
        ];
        let t = trie(&forms);
        let text = "abcabdbabécabéaab";
        let bytes = text.as_bytes();
        for at in 0..bytes.len() {
            let naive = forms
                .iter()
                .enumerate()
                .filter(|(_, f)| bytes[at..].starts_with(f.as_bytes()))
                .max_by_key(|(_, f)| f.len())
                .map(|(i, f)| (at + f.len(), i as u32));
            assert_eq!(t.longest(bytes, at, |_| true), naive, "at {at}");
            assert_eq!(t.longest_at(bytes, at), naive, "at {at}");
        }
    }
}
