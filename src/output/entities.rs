//! Entity objects (`{"text":…,"kind":…,"id":…,"name":…,"country":…}`),
//! rendered once per thread rather than once per document.
//!
//! Triples repeat the entity objects of their phrases and places, and a
//! corpus names the same few hundred actors and places over and over: of
//! the entity objects a run writes, nearly all were written before, in an
//! earlier document. The cache keeps each rendered object and copies it.
//!
//! Mention records likewise end in fields that only their gazetteer entry
//! and country decide (`id`, `name`, `entry_kind`, `country`, `lat`,
//! `lon`): the cache keeps those too ([`EntityCache::mention_tail`]).

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::json::{Object, write_str};
use crate::gazetteer::{Country, Entry, Gazetteer};
use crate::hash::{IdHasher, WordHasher};
use crate::tag::{Mention, MentionKind};

/// Everything an entity object is made of besides its text: the entry by
/// its index (the cache belongs to one gazetteer at a time, see
/// [`EntityCache::take`]), so a cached object costs no look at the entry.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    /// Index of the entry (`u32::MAX` without one).
    entry: u32,
    kind: MentionKind,
    country: Option<Country>,
}

impl Key {
    fn new(m: &Mention) -> Key {
        Key {
            entry: m.entry.unwrap_or(u32::MAX),
            kind: m.kind,
            country: m.country,
        }
    }

    /// A hash of the key and the mention's text length. The text and the
    /// country are compared in the slot only: an entry has few spellings,
    /// and nearly always one country.
    fn hash(&self, text_len: usize) -> u64 {
        let mut h = WordHasher::default();
        h.add(self.entry as u64 | (self.kind as u64) << 32);
        h.add(text_len as u64);
        h.finish()
    }
}

/// A rendered entity object.
struct Slot {
    key: Key,
    text: Box<str>,
    /// Its bytes in [`EntityCache::json`].
    json: (u32, u32),
    /// The next slot with the same hash (`u32::MAX`: none).
    next: u32,
}

/// Everything the tail of a mention record is made of (see
/// [`EntityCache::mention_tail`]), in one word: the entry's index, whether
/// the mention is a place (places carry coordinates) and its country.
fn tail_key(m: &Mention, entry: u32) -> u64 {
    let country = m.country.map_or(0, |c| {
        let b = c.as_str().as_bytes();
        1 << 24 | (b[0] as u64) << 16 | (b[1] as u64) << 8 | b[2] as u64
    });
    (entry as u64) << 32 | ((m.kind == MentionKind::Place) as u64) << 31 | country
}

/// Rendered entity objects and mention tails, kept by the thread between
/// documents.
#[derive(Default)]
pub(super) struct EntityCache {
    json: Vec<u8>,
    /// Hash → first slot of its chain.
    heads: HashMap<u64, u32, BuildHasherDefault<IdHasher>>,
    slots: Vec<Slot>,
    /// Mention tails, by [`tail_key`]: spans in `json`.
    tails: HashMap<u64, (u32, u32), BuildHasherDefault<WordHasher>>,
    /// The [`Gazetteer::id`] whose entry indexes the keys hold.
    gazetteer: u64,
}

/// Past this many bytes, the cache starts over (input from stdin may name
/// entities without end).
const MAX_BYTES: usize = 16 << 20;

thread_local! {
    static CACHE: Cell<EntityCache> = Cell::new(EntityCache::default());
}

impl EntityCache {
    /// The thread's cache for gazetteer `g` (an empty one if another
    /// writer holds it, or it was filled for another gazetteer).
    pub fn take(g: &Gazetteer) -> EntityCache {
        let mut c = CACHE.with(Cell::take);
        if c.json.len() > MAX_BYTES || c.gazetteer != g.id() {
            c = EntityCache {
                gazetteer: g.id(),
                ..EntityCache::default()
            };
        }
        c
    }

    /// Hand the cache back to the thread, for its next document.
    pub fn give_back(self) {
        CACHE.with(|c| c.set(self));
    }

    /// The bytes of a span from [`EntityCache::get`].
    pub fn json(&self, span: (u32, u32)) -> &[u8] {
        &self.json[span.0 as usize..span.1 as usize]
    }

    /// The entity object of mention `m` (whose text is `text`), rendered
    /// now if no earlier one was the same.
    pub fn get(&mut self, m: &Mention, text: &str, entry: Option<&Entry>) -> (u32, u32) {
        debug_assert_eq!(m.entry.is_some(), entry.is_some());
        let key = Key::new(m);
        let hash = key.hash(text.len());
        let head = self.heads.get(&hash).copied();
        let mut at = head.unwrap_or(u32::MAX);
        while let Some(s) = self.slots.get(at as usize) {
            if s.key == key && *s.text == *text {
                return s.json;
            }
            at = s.next;
        }
        let start = self.json.len();
        render(&mut self.json, m, text, entry);
        let json = (start as u32, self.json.len() as u32);
        self.heads.insert(hash, self.slots.len() as u32);
        self.slots.push(Slot {
            key,
            text: text.into(),
            json,
            next: head.unwrap_or(u32::MAX),
        });
        json
    }
}

impl EntityCache {
    /// The fields of mention `m`'s record that its entry and country decide,
    /// each with its leading comma: `,"id":…,"name":…,"entry_kind":…`,
    /// `,"country":…`, then `,"lat":…,"lon":…` (places with coordinates).
    /// Rendered now if no earlier mention had the same.
    pub fn mention_tail(&mut self, m: &Mention, index: u32, entry: &Entry) -> (u32, u32) {
        let key = tail_key(m, index);
        if let Some(&span) = self.tails.get(&key) {
            return span;
        }
        let start = self.json.len();
        render_tail(&mut self.json, m, entry);
        let span = (start as u32, self.json.len() as u32);
        self.tails.insert(key, span);
        span
    }
}

/// Write the tail of a mention record ([`EntityCache::mention_tail`]).
fn render_tail(out: &mut Vec<u8>, m: &Mention, e: &Entry) {
    // The record's first fields come before.
    let mut o = Object::reopen(out);
    o.str("id", e.id);
    o.str("name", e.name);
    o.plain("entry_kind", e.kind.as_str());
    o.opt_str("country", m.country.as_ref().map(|c| c.as_str()));
    if m.kind == MentionKind::Place {
        if let Some(lat) = e.lat {
            o.float("lat", lat);
        }
        if let Some(lon) = e.lon {
            o.float("lon", lon);
        }
    }
}

/// Write the entity object of mention `m` (in phrases and `places` of
/// triples).
fn render(out: &mut Vec<u8>, m: &Mention, text: &str, entry: Option<&Entry>) {
    let mut o = Object::open(out);
    let value = o.key("text");
    let from = value.len();
    write_str(value, text);
    let to = value.len();
    o.plain("kind", m.kind.as_str());
    if let Some(e) = entry {
        o.str("id", e.id);
        if e.name == text {
            // Often the same: copy the escaped text.
            o.key("name").extend_from_within(from..to);
        } else {
            o.str("name", e.name);
        }
    }
    o.opt_str("country", m.country.as_ref().map(|c| c.as_str()));
    o.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(kind: MentionKind, country: Option<&str>) -> Mention {
        Mention {
            start: 0,
            end: 0,
            kind,
            entry: None,
            country: country.and_then(Country::parse),
            value: None,
            modifier: None,
            timex_type: None,
            vague: false,
            sentence: 0,
        }
    }

    #[test]
    fn same_inputs_same_object_and_different_inputs_apart() {
        let mut c = EntityCache::default();
        let a = mention(MentionKind::Actor, Some("RUS"));
        let p = mention(MentionKind::Place, Some("RUS"));
        let n = mention(MentionKind::Actor, None);
        let first = c.get(&a, "Russia", None);
        assert_eq!(c.get(&a, "Russia", None), first);
        let spans = [
            first,
            c.get(&a, "Moscow", None),
            c.get(&p, "Russia", None),
            c.get(&n, "Russia", None),
            c.get(&a, "Russia\"", None),
        ];
        let texts: Vec<&str> = spans
            .iter()
            .map(|&s| std::str::from_utf8(c.json(s)).unwrap())
            .collect();
        assert_eq!(
            texts,
            [
                r#"{"text":"Russia","kind":"actor","country":"RUS"}"#,
                r#"{"text":"Moscow","kind":"actor","country":"RUS"}"#,
                r#"{"text":"Russia","kind":"place","country":"RUS"}"#,
                r#"{"text":"Russia","kind":"actor","country":null}"#,
                r#"{"text":"Russia\"","kind":"actor","country":"RUS"}"#,
            ]
        );
    }

    #[test]
    fn a_cache_serves_one_gazetteer_at_a_time() {
        // Keys hold entry indexes: another gazetteer's entry 0 is another
        // entry, so its cache starts empty.
        let g = Gazetteer::embedded().unwrap();
        let other = Gazetteer::embedded().unwrap();
        assert_ne!(g.id(), other.id());
        let mut m = mention(MentionKind::Actor, Some("RUS"));
        m.entry = Some(0);
        let mut c = EntityCache::take(&g);
        c.mention_tail(&m, 0, &g.entries()[0]);
        c.get(&m, "Russia", Some(&g.entries()[0]));
        c.give_back();
        let c = EntityCache::take(&g);
        assert_eq!((c.tails.len(), c.slots.len()), (1, 1));
        c.give_back();
        let c = EntityCache::take(&other);
        assert_eq!((c.tails.len(), c.slots.len()), (0, 0));
        assert!(c.json.is_empty());
    }
}
