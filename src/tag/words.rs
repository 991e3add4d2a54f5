//! The words around a hit, read lazily.
//!
//! Most hits are decided by a rule that looks at one word on one side (the
//! noun after an adjectival, the preposition before a name), and many need
//! none (organizations, coordinated names). So the words on each side are
//! read only when a rule first asks for them, nearest first, and each word
//! is looked up in the rule's word lists once, when it is read.

use std::cell::Cell;

use super::context;

/// Most words read on one side of a hit.
pub const MAX_WORDS: usize = 3;

/// One word near a hit, as written, with the word lists it is in.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    text: &'a str,
    ascii: bool,
    /// The word lists of [`context`] that hold the word, lower-cased.
    classes: u16,
}

/// The empty word: what [`Words::get`] gives past the last word.
impl Default for Word<'_> {
    fn default() -> Self {
        Word {
            text: "",
            ascii: true,
            classes: 0,
        }
    }
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Self {
        match context::key(text) {
            // short and ASCII: most words
            Some(key) => Word {
                text,
                ascii: true,
                classes: context::classes_of_key(key),
            },
            None => {
                let ascii = text.is_ascii();
                // A non-ASCII word is in no list unless it lower-cases to
                // ASCII (the Kelvin sign does); a long one is in none.
                let classes = if ascii {
                    0
                } else {
                    context::classes(&text.to_lowercase())
                };
                Word {
                    text,
                    ascii,
                    classes,
                }
            }
        }
    }

    /// Is the word, lower-cased, `lower` (given in lower case)?
    pub fn is(&self, lower: &str) -> bool {
        if self.ascii {
            self.text.eq_ignore_ascii_case(lower)
        } else {
            self.text.to_lowercase() == lower
        }
    }

    /// Does the word, lower-cased, start with `lower` (given in lower case)?
    pub fn starts_with(&self, lower: &str) -> bool {
        if self.ascii {
            self.text
                .as_bytes()
                .get(..lower.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(lower.as_bytes()))
        } else {
            self.text.to_lowercase().starts_with(lower)
        }
    }

    /// Is the word in the word list with this bit (see [`context::classes`])?
    pub fn in_list(&self, bit: u16) -> bool {
        self.classes & bit != 0
    }

    /// The word lower-cased (for tests and debugging).
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Which side of the hit a [`Words`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Backwards from the end of the text, a leading article skipped.
    Before,
    /// Forwards from the start, up to punctuation that ends a phrase.
    After,
}

/// Up to [`MAX_WORDS`] words on one side of a hit, read on demand.
#[derive(Debug)]
pub struct Words<'a> {
    text: &'a str,
    side: Side,
    /// Where reading goes on: an end (before) or a start (after) in `text`.
    pos: Cell<usize>,
    words: [Cell<Word<'a>>; MAX_WORDS],
    /// Words read so far.
    n: Cell<usize>,
    /// No more words on this side.
    done: Cell<bool>,
    /// A leading `the`, `a` or `an` was skipped (before only).
    skipped_article: Cell<bool>,
}

impl<'a> Words<'a> {
    /// The words before a hit, nearest first, with `text` everything before
    /// it in its sentence. Words are letters, digits, `-`, `'` and `’`; a
    /// leading `the`, `a` or `an` is skipped.
    pub fn before(text: &'a str) -> Self {
        Self::new(text, Side::Before, text.len())
    }

    /// The words after a hit, with `text` everything after it (and after a
    /// possessive `'s`) in its sentence. Words are letters, digits and `-`;
    /// `, ; : . ( ) — “ ” "` end the phrase.
    pub fn after(text: &'a str) -> Self {
        Self::new(text, Side::After, 0)
    }

    fn new(text: &'a str, side: Side, pos: usize) -> Self {
        Words {
            text,
            side,
            pos: Cell::new(pos),
            words: Default::default(),
            n: Cell::new(0),
            done: Cell::new(false),
            skipped_article: Cell::new(false),
        }
    }

    /// The `i`th word, nearest first; an empty word (in no list, equal to
    /// nothing but "") when there are not that many.
    #[inline]
    pub fn get(&self, i: usize) -> Word<'a> {
        if i >= self.n.get() && !self.done.get() {
            self.read_up_to(i);
        }
        self.words.get(i).map_or_else(Word::default, Cell::get)
    }

    /// Read words until there are `i + 1` or no more.
    #[inline(never)]
    fn read_up_to(&self, i: usize) {
        while self.n.get() <= i && !self.done.get() {
            let word = match self.side {
                Side::Before => self.read_before(),
                Side::After => self.read_after(),
            };
            match word {
                Some(w) => {
                    let n = self.n.get();
                    self.words[n].set(Word::new(w));
                    self.n.set(n + 1);
                    self.done.set(n + 1 == MAX_WORDS);
                }
                None => self.done.set(true),
            }
        }
    }

    /// How many words there are (reads them all).
    pub fn len(&self) -> usize {
        self.get(MAX_WORDS - 1);
        self.n.get()
    }

    /// Are there no words?
    pub fn is_empty(&self) -> bool {
        self.get(0);
        self.n.get() == 0
    }

    /// The next word backwards, skipping separators and (once, before any
    /// word) an article.
    fn read_before(&self) -> Option<&'a str> {
        let s = self.text;
        let mut end = self.pos.get();
        loop {
            while end > 0 {
                let (is_word, len) = word_char_before(s, end);
                if is_word {
                    break;
                }
                end -= len;
            }
            if end == 0 {
                self.pos.set(0);
                return None;
            }
            let mut start = end;
            while start > 0 {
                let (is_word, len) = word_char_before(s, start);
                if !is_word {
                    break;
                }
                start -= len;
            }
            let w = &s[start..end];
            end = start;
            if self.n.get() == 0
                && !self.skipped_article.get()
                && (w.eq_ignore_ascii_case("the")
                    || w.eq_ignore_ascii_case("a")
                    || w.eq_ignore_ascii_case("an"))
            {
                self.skipped_article.set(true);
                continue;
            }
            self.pos.set(end);
            return Some(w);
        }
    }

    /// The next word forwards; `None` at the end of the text or at
    /// punctuation that ends the phrase.
    fn read_after(&self) -> Option<&'a str> {
        let s = self.text;
        let bytes = s.as_bytes();
        let mut i = self.pos.get();
        let mut start = None;
        while i < bytes.len() {
            let (c, len) = char_at(s, i);
            if is_word_char_after(c) {
                start.get_or_insert(i);
                i += len;
                continue;
            }
            if let Some(st) = start {
                // Go on from this separator next time: it may end the phrase.
                self.pos.set(i);
                return Some(&s[st..i]);
            }
            if matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '—' | '“' | '”' | '"') {
                return None;
            }
            i += len;
        }
        self.pos.set(i);
        start.map(|st| &s[st..])
    }
}

/// ASCII bytes that are word characters: letters, digits, `-` and, before
/// a hit, `'` (one table lookup per byte).
const fn ascii_word_bytes(apostrophe: bool) -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-' || (apostrophe && c == b'\'');
        b += 1;
    }
    t
}

const WORD_BEFORE: [bool; 128] = ascii_word_bytes(true);
const WORD_AFTER: [bool; 128] = ascii_word_bytes(false);

fn is_word_char(c: char) -> bool {
    c == '’' || c.is_alphanumeric() || c == '-' || c == '\''
}

/// Is `c` part of a word after a hit? The common non-ASCII punctuation is
/// told apart first: it is not alphanumeric, and the Unicode tables are slow.
fn is_word_char_after(c: char) -> bool {
    if c.is_ascii() {
        return WORD_AFTER[c as usize];
    }
    !matches!(c, '’' | '—' | '“' | '”' | '–') && c.is_alphanumeric()
}

/// Is the character ending at byte `end` of `s` a word character (for the
/// words before a hit), and how long is it? ASCII needs no decoding.
fn word_char_before(s: &str, end: usize) -> (bool, usize) {
    let b = s.as_bytes()[end - 1];
    if b < 0x80 {
        return (WORD_BEFORE[b as usize], 1);
    }
    let c = s[..end].chars().next_back().expect("a char before end");
    (is_word_char(c), c.len_utf8())
}

/// The character at byte `i` of `s` and its length; ASCII needs no decoding.
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[i..].chars().next().expect("a char at i");
    (c, c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(w: &Words) -> Vec<String> {
        (0..w.len()).map(|i| w.get(i).lower()).collect()
    }

    #[test]
    fn words_before_are_lower_cased_nearest_first() {
        let w = Words::before("After THE Élysée’s long-delayed talks in the ");
        assert_eq!(all(&w), ["in", "talks", "long-delayed"]);
        // Only the first article is skipped, and only before any word.
        let w = Words::before("with the the ");
        assert_eq!(all(&w), ["the", "with"]);
        let w = Words::before("the dialogue with an ");
        assert_eq!(all(&w), ["with", "dialogue", "the"]);
        assert!(Words::before("  , ").is_empty());
    }

    #[test]
    fn words_after_stop_at_phrase_ends() {
        assert_eq!(Words::after(", then").len(), 0);
        let w = Words::after(" VERY-LONG-COMPOUND-WORD-BEYOND-INLINE Ärmy troops.");
        assert_eq!(
            all(&w),
            ["very-long-compound-word-beyond-inline", "ärmy", "troops"]
        );
        let w = Words::after(" forces, then more");
        assert_eq!(all(&w), ["forces"]);
        // An apostrophe separates words after a hit.
        let w = Words::after(" army's bases");
        assert_eq!(all(&w), ["army", "s", "bases"]);
        assert_eq!(all(&Words::after(" on")), ["on"]);
    }

    #[test]
    fn ascii_word_tables_match_the_char_tests() {
        for b in 0..128u8 {
            let c = b as char;
            assert_eq!(WORD_BEFORE[b as usize], is_word_char(c), "{c:?}");
            assert_eq!(
                WORD_AFTER[b as usize],
                c.is_alphanumeric() || c == '-',
                "{c:?}"
            );
        }
        for c in ['’', '—', '“', '”', '–'] {
            assert!(!c.is_alphanumeric());
        }
    }

    #[test]
    fn words_are_read_only_when_asked_for() {
        let w = Words::after(" forces in towns and more");
        assert!(w.get(0).is("forces"));
        assert_eq!(w.n.get(), 1);
        assert!(w.get(2).is("towns"));
        assert!(w.get(3).is(""));
        assert_eq!(w.n.get(), 3);
    }

    #[test]
    fn comparisons_lower_case_the_word() {
        let w = Words::before("Post-Assad ");
        assert!(w.get(0).starts_with("post-"));
        assert!(!w.get(0).starts_with("pre-"));
        assert!(!w.get(1).starts_with("p"));
        let w = Words::before("ON ");
        assert!(w.get(0).is("on"));
        // The Kelvin sign lower-cases to an ASCII `k`.
        let w = Words::after(" \u{212A}ilometer");
        assert!(w.get(0).is("kilometer"));
        assert!(w.get(0).in_list(context::IN_OF_PLACE));
    }
}
