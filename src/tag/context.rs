//! Actor or place, by context: a table of rules over the words around a
//! gazetteer hit, tried in order; the first that applies decides.
//!
//! A name is an actor when it stands for a state, its government or people
//! acting, deciding or being a party (`Moscow began signaling`, `dialogue
//! with Damascus`), and a place when it names territory (`in Syria`,
//! `traveled to Damascus`, `southern Syria`); adjectivals and possessives
//! follow the noun they modify (`Syrian territory` place, `Syrian army`
//! actor, `Russia's bases` actor).

use super::words::{MAX_WORDS, Words};
use crate::gazetteer::{Form, Kind};

/// Actor or place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Actor,
    Place,
}

/// One hit and the words around it within its sentence.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub entry_kind: Option<Kind>,
    pub form: Option<Form>,
    /// Words before the hit, nearest first, a leading `the` skipped.
    pub prev: Words<'a>,
    /// Words after the hit (after a possessive `'s` when there is one).
    pub next: Words<'a>,
    /// Followed by `'s` / `’s`.
    pub possessive: bool,
    /// The role of the previous name when this one is coordinated with it
    /// (`Syria and Lebanon`, `Qatar, Oman`).
    pub coordinated_with: Option<Role>,
}

/// One rule: a name, what it says, and the test.
pub struct Rule {
    pub name: &'static str,
    pub apply: fn(&Ctx) -> Option<Role>,
}

/// Nouns of territory: an adjectival or possessive before one names a place.
pub const TERRITORY_NOUNS: &[&str] = &[
    "territory",
    "territories",
    "soil",
    "coast",
    "coastline",
    "coasts",
    "arena",
    "border",
    "borders",
    "airspace",
    "waters",
    "towns",
    "town",
    "villages",
    "village",
    "cities",
    "city",
    "countryside",
    "land",
    "lands",
    "frontier",
    "frontiers",
    "shore",
    "shores",
    "side",
    "interior",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "desert",
    "mountains",
    "highlands",
    "heartland",
    "hinterland",
    "provinces",
    "province",
    "regions",
    "region",
    "capital",
    "ports",
    "port",
    "islands",
    "island",
    "sea",
    "skies",
    "lake",
    "mainland",
    "border-crossing",
    "crossing",
    "crossings",
    "enclave",
    "exclusive",
    "littoral",
    "plain",
    "plains",
    "valley",
];

/// Prepositions that make the name after them a location.
const LOCATIVE: &[&str] = &[
    "in",
    "into",
    "inside",
    "within",
    "throughout",
    "across",
    "through",
    "to",
    "from",
    "near",
    "toward",
    "towards",
    "via",
    "around",
    "outside",
    "beyond",
    "off",
    "along",
    "over",
    "onto",
    "out",
];

/// Words before `to` that make `to NAME` a party, not a destination.
const TO_PARTY: &[&str] = &[
    "turned",
    "appealed",
    "sold",
    "supplied",
    "delivered",
    "offered",
    "ties",
    "relations",
    "message",
    "close",
    "closer",
    "committed",
    "loyal",
    "threat",
    "threats",
    "signal",
    "signals",
    "warning",
    "warnings",
    "ultimatum",
    "support",
    "aid",
    "assistance",
    "pledged",
    "promised",
    "conceded",
    "ceded",
    "handed",
    "transferred",
    "exports",
    "sales",
    "access",
    "due",
    "opposed",
    "belonged",
    "grateful",
    "envoy",
    "ambassador",
    "letter",
    "request",
    "appeal",
    "pivot",
    "lifeline",
    "concession",
    "concessions",
    "gift",
    "credit",
    "loans",
    "loan",
    "leverage",
    "answer",
    "reply",
    "response",
    "guarantee",
    "guarantees",
    "tribute",
    "deference",
    "allegiance",
    "according",
    "linked",
    "next",
    "similar",
    "according",
];

/// Words before `from` that make `from NAME` a party (`support from Moscow`).
const FROM_PARTY: &[&str] = &[
    "support",
    "pressure",
    "aid",
    "help",
    "assistance",
    "backing",
    "delegation",
    "delegations",
    "officials",
    "envoy",
    "envoys",
    "request",
    "offer",
    "offers",
    "signal",
    "signals",
    "message",
    "funding",
    "weapons",
    "arms",
    "recognition",
    "guarantees",
    "approval",
    "consent",
    "demands",
    "loans",
    "investment",
    "purchases",
    "imports",
    "orders",
    "threats",
    "objections",
    "protests",
    "criticism",
    "counterparts",
    "away",
    "distance",
    "apart",
    "independence",
    "concessions",
    "rescue",
    "drones",
    "missiles",
    "equipment",
    "supplies",
    "fuel",
    "oil",
    "gas",
    "grain",
    "visitors",
    "defectors",
    "lessons",
    "bailout",
    "deposit",
    "deposits",
];

/// Nouns before `of` that make `of NAME` a location (`the port of Tartus`).
const OF_PLACE: &[&str] = &[
    "port",
    "coast",
    "city",
    "north",
    "south",
    "east",
    "west",
    "outskirts",
    "capital",
    "heart",
    "parts",
    "part",
    "province",
    "territory",
    "center",
    "centre",
    "region",
    "map",
    "rest",
    "interior",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "suburbs",
    "shores",
    "waters",
    "airspace",
    "skies",
    "streets",
    "corner",
    "edge",
    "areas",
    "area",
    "towns",
    "villages",
    "governorate",
    "countryside",
    "soil",
    "borders",
    "border",
    "coastline",
    "mainland",
    "island",
    "islands",
    "gulf",
    "strait",
    "straits",
    "sea",
    "coasts",
    "ports",
    "siege",
    "gates",
    "way",
    "meter",
    "kilometer",
    "inch",
    "cities",
    "provinces",
    "regions",
    "districts",
    "district",
];

/// Nouns before `on` that make `on NAME` a target location (`strikes on Sanaa`).
const ON_PLACE: &[&str] = &[
    "strike",
    "strikes",
    "attack",
    "attacks",
    "raid",
    "raids",
    "bombing",
    "bombings",
    "assault",
    "offensive",
    "march",
    "advance",
    "fire",
    "shelling",
];

/// Modifiers of territory (`southern Syria`).
const COMPASS: &[&str] = &[
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "coastal",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "rural",
    "greater",
    "mainland",
    "occupied",
    "upper",
    "lower",
    "inner",
    "outer",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "downtown",
    "suburban",
    "western-held",
];

/// Verbs whose object is a destination (`visited Moscow`).
const MOTION: &[&str] = &[
    "visited",
    "visit",
    "visiting",
    "visits",
    "entered",
    "enter",
    "entering",
    "reached",
    "toured",
    "crossed",
    "overflew",
    "transited",
    "left",
    "flew",
    "returned",
    "take",
    "took",
    "taken",
    "capture",
    "captured",
    "seize",
    "seized",
    "besiege",
    "besieged",
    "past",
    "fled",
];

/// Words that end an adjectival's noun phrase.
const PHRASE_END: &[&str] = &[
    "in", "on", "of", "and", "or", "that", "which", "who", "to", "the", "a", "an", "with", "by",
    "for", "from", "at", "as", "is", "are", "was", "were", "has", "have", "had", "will", "would",
    "but", "while", "into", "after", "before", "since", "under",
];

/// Nouns that make a compound with a territory noun before them the name of
/// a body (`border guards`, `coast guard`), not of a place.
const COMPOUND_HEADS: &[&str] = &[
    "guard",
    "guards",
    "police",
    "patrol",
    "patrols",
    "forces",
    "troops",
    "units",
    "control",
    "agency",
    "authority",
    "authorities",
    "service",
    "command",
    "officials",
    "administration",
];

/// Nouns that a state's name modifies as an actor (`UAE president`, `U.S. forces`).
pub const MODIFIED_NOUNS: &[&str] = &[
    "forces",
    "troops",
    "officials",
    "official",
    "president",
    "government",
    "army",
    "navy",
    "military",
    "authorities",
    "delegation",
    "delegations",
    "envoy",
    "envoys",
    "ambassador",
    "diplomats",
    "diplomat",
    "ministry",
    "minister",
    "ministers",
    "leaders",
    "leader",
    "leadership",
    "strikes",
    "aircraft",
    "jets",
    "drones",
    "vessels",
    "warships",
    "ships",
    "companies",
    "firms",
    "negotiators",
    "mediators",
    "mediation",
    "proposal",
    "plan",
    "policy",
    "sanctions",
    "support",
    "backing",
    "pressure",
    "administration",
    "partners",
    "allies",
    "commanders",
    "soldiers",
    "units",
    "advisers",
    "instructors",
    "contractors",
    "personnel",
    "intelligence",
    "embassy",
    "consortium",
    "weapons",
    "arms",
    "officers",
    "operators",
    "interests",
    "presence",
];

// One bit per word list (see [`classes`]).
pub const IN_TERRITORY_NOUNS: u16 = 1;
pub const IN_COMPOUND_HEADS: u16 = 2;
pub const IN_PHRASE_END: u16 = 4;
pub const IN_MODIFIED_NOUNS: u16 = 8;
pub const IN_ON_PLACE: u16 = 16;
pub const IN_LOCATIVE: u16 = 32;
pub const IN_COMPASS: u16 = 64;
pub const IN_OF_PLACE: u16 = 128;
pub const IN_TO_PARTY: u16 = 256;
pub const IN_FROM_PARTY: u16 = 512;
pub const IN_MOTION: u16 = 1024;

/// The lists a word is in, as bits: one lookup of the word lower-cased and
/// packed into a `u128` (no list word is longer than 16 bytes, see
/// [`key`]), instead of scanning the lists.
pub fn classes(w: &str) -> u16 {
    key(w).map_or(0, classes_of_key)
}

/// The lists of the word with this [`key`].
pub fn classes_of_key(key: u128) -> u16 {
    static MAP: std::sync::OnceLock<KeyMap> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = KeyMap::default();
        for (list, bit) in LISTS {
            for w in list.iter() {
                *m.entry(self::key(w).expect("list words fit in 16 bytes"))
                    .or_insert(0) |= bit;
            }
        }
        m
    });
    map.get(&key).copied().unwrap_or(0)
}

/// Each word list with its bit.
const LISTS: [(&[&str], u16); 11] = [
    (TERRITORY_NOUNS, IN_TERRITORY_NOUNS),
    (COMPOUND_HEADS, IN_COMPOUND_HEADS),
    (PHRASE_END, IN_PHRASE_END),
    (MODIFIED_NOUNS, IN_MODIFIED_NOUNS),
    (ON_PLACE, IN_ON_PLACE),
    (LOCATIVE, IN_LOCATIVE),
    (COMPASS, IN_COMPASS),
    (OF_PLACE, IN_OF_PLACE),
    (TO_PARTY, IN_TO_PARTY),
    (FROM_PARTY, IN_FROM_PARTY),
    (MOTION, IN_MOTION),
];

/// `w` lower-cased, packed little-endian into a `u128` and zero-padded,
/// when it is ASCII and has at most 16 bytes. Words have no NUL bytes, so
/// two words share a key only when they are equal lower-cased.
pub fn key(w: &str) -> Option<u128> {
    const ONES: u128 = u128::MAX / 0xFF;
    let b = w.as_bytes();
    let mut buf = [0u8; 16];
    buf.get_mut(..b.len())?.copy_from_slice(b);
    let k = u128::from_le_bytes(buf);
    if k & (ONES * 0x80) != 0 {
        return None; // not ASCII
    }
    // Lower-case all 16 bytes at once: an ASCII byte is upper case when
    // adding 0x3F takes it to 0x80 or more (it is at least `A`) and adding
    // 0x25 does not (it is at most `Z`); no sum carries into the next byte.
    let upper = (k + ONES * 0x3F) & !(k + ONES * 0x25) & (ONES * 0x80);
    Some(k | upper >> 2)
}

/// Word keys to list bits.
type KeyMap =
    std::collections::HashMap<u128, u16, std::hash::BuildHasherDefault<crate::hash::WordHasher>>;

/// Does the first noun after an adjectival or possessive name territory
/// (`Syrian coastal waters`, not `Syrian border guards`)?
fn first_noun_is_territory(words: &Words) -> bool {
    for i in 0..MAX_WORDS {
        let w = words.get(i);
        if w.in_list(IN_TERRITORY_NOUNS) {
            return !words.get(i + 1).in_list(IN_COMPOUND_HEADS);
        }
        if w.in_list(IN_PHRASE_END) {
            return false;
        }
    }
    false
}

/// The rules, in the order they are tried.
pub const RULES: &[Rule] = &[
    Rule {
        name: "organizations, groups, forces, metonyms, ministries and people are actors",
        apply: |c| {
            c.entry_kind
                .filter(|k| k.always_actor())
                .map(|_| Role::Actor)
        },
    },
    Rule {
        name: "an adjectival follows the noun it modifies (Syrian territory / Syrian army)",
        apply: |c| {
            (c.form == Some(Form::Adjectival)).then(|| {
                if first_noun_is_territory(&c.next) {
                    Role::Place
                } else {
                    Role::Actor
                }
            })
        },
    },
    Rule {
        name: "a possessive follows its noun (Syria's coast / Russia's bases)",
        apply: |c| {
            c.possessive.then(|| {
                if first_noun_is_territory(&c.next) {
                    Role::Place
                } else {
                    Role::Actor
                }
            })
        },
    },
    Rule {
        name: "a coordinated name takes the role of the name before it (in Syria and Lebanon)",
        apply: |c| c.coordinated_with,
    },
    Rule {
        name: "a name that modifies an actor noun is an actor (the UAE president, U.S. forces)",
        apply: |c| {
            c.next
                .get(0)
                .in_list(IN_MODIFIED_NOUNS)
                .then_some(Role::Actor)
        },
    },
    Rule {
        name: "the target of a strike is a place (strikes on Sanaa)",
        apply: |c| {
            (c.prev.get(0).is("on") && c.prev.get(1).in_list(IN_ON_PLACE)).then_some(Role::Place)
        },
    },
    Rule {
        name: "a pre-/post- qualified name after a locative preposition is a place (in Post-Assad Syria)",
        apply: |c| {
            let q = c.prev.get(0);
            ((q.starts_with("post-") || q.starts_with("pre-"))
                && c.prev.get(1).in_list(IN_LOCATIVE))
            .then_some(Role::Place)
        },
    },
    Rule {
        name: "a compass or territorial modifier makes a place (southern Syria)",
        apply: |c| c.prev.get(0).in_list(IN_COMPASS).then_some(Role::Place),
    },
    Rule {
        name: "of after a noun of territory makes a place (the port of Tartus)",
        apply: |c| {
            (c.prev.get(0).is("of") && c.prev.get(1).in_list(IN_OF_PLACE)).then_some(Role::Place)
        },
    },
    Rule {
        name: "to/from a party is an actor (turned to Moscow, support from Tehran)",
        apply: |c| {
            let p = c.prev.get(0);
            ((p.is("to") && c.prev.get(1).in_list(IN_TO_PARTY))
                || (p.is("from") && c.prev.get(1).in_list(IN_FROM_PARTY)))
            .then_some(Role::Actor)
        },
    },
    Rule {
        name: "a locative preposition makes a place (in Syria, to Damascus)",
        apply: |c| c.prev.get(0).in_list(IN_LOCATIVE).then_some(Role::Place),
    },
    Rule {
        name: "the object of a verb of motion is a place (visited Moscow)",
        apply: |c| c.prev.get(0).in_list(IN_MOTION).then_some(Role::Place),
    },
    Rule {
        name: "cities, subdivisions and geographic places are places",
        apply: |c| {
            matches!(c.entry_kind, Some(Kind::City | Kind::Admin1 | Kind::Place))
                .then_some(Role::Place)
        },
    },
    Rule {
        name: "otherwise a state or capital stands for its government: an actor",
        apply: |_| Some(Role::Actor),
    },
];

/// Decide actor or place; also returns the rule's name.
pub fn decide(c: &Ctx) -> (Role, &'static str) {
    for r in RULES {
        if let Some(role) = (r.apply)(c) {
            return (role, r.name);
        }
    }
    (Role::Actor, "default")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hit with words `prev` (nearest first) before it and `next` after.
    fn ctx(kind: Kind, form: Form, prev: &[&str], next: &[&str], possessive: bool) -> Ctx<'static> {
        let before: String = prev.iter().rev().map(|w| format!("{w} ")).collect();
        let after: String = next.iter().map(|w| format!(" {w}")).collect();
        Ctx {
            entry_kind: Some(kind),
            form: Some(form),
            prev: Words::before(Box::leak(before.into_boxed_str())),
            next: Words::after(Box::leak(after.into_boxed_str())),
            possessive,
            coordinated_with: None,
        }
    }

    fn role(c: &Ctx) -> Role {
        decide(c).0
    }

    #[test]
    fn list_words_have_keys() {
        for (list, bit) in LISTS {
            for w in list.iter() {
                assert!(key(w).is_some(), "{w} is longer than 16 bytes");
                assert_eq!(*w, w.to_lowercase(), "{w} is not lower case");
                assert!(classes(w) & bit != 0);
                assert!(classes(&w.to_uppercase()) & bit != 0);
            }
        }
        assert_eq!(classes("territory-wide"), 0);
        assert_eq!(key("@AZ[`az{09-'"), key("@az[`az{09-'"));
        assert_ne!(key("on"), key("On "));
        assert_eq!(key("été"), None);
        assert_eq!(classes("a-very-long-compound-word"), 0);
    }

    #[test]
    fn each_rule() {
        use Form::*;
        use Kind::{Capital, City, Country, Org};
        use Role::*;
        // organizations etc.
        assert_eq!(role(&ctx(Org, Noun, &["in"], &[], false)), Actor);
        // adjectivals
        assert_eq!(
            role(&ctx(Country, Adjectival, &["on"], &["territory"], false)),
            Place
        );
        assert_eq!(
            role(&ctx(Country, Adjectival, &[], &["army"], false)),
            Actor
        );
        assert_eq!(
            role(&ctx(
                Country,
                Adjectival,
                &[],
                &["coastal", "waters"],
                false
            )),
            Place
        );
        assert_eq!(
            role(&ctx(
                Country,
                Adjectival,
                &[],
                &["forces", "in", "towns"],
                false
            )),
            Actor
        );
        // possessives
        assert_eq!(role(&ctx(Country, Noun, &[], &["coast"], true)), Place);
        assert_eq!(
            role(&ctx(Country, Noun, &["in"], &["coastal", "bases"], true)),
            Actor
        );
        // coordination
        let mut c = ctx(Country, Noun, &["and"], &[], false);
        c.coordinated_with = Some(Place);
        assert_eq!(role(&c), Place);
        // compass
        assert_eq!(role(&ctx(Country, Noun, &["southern"], &[], false)), Place);
        // of
        assert_eq!(
            role(&ctx(Capital, Noun, &["of", "port"], &[], false)),
            Place
        );
        assert_eq!(
            role(&ctx(Country, Noun, &["of", "government"], &[], false)),
            Actor
        );
        // to/from a party
        assert_eq!(
            role(&ctx(Capital, Noun, &["to", "turned"], &[], false)),
            Actor
        );
        assert_eq!(
            role(&ctx(Capital, Noun, &["from", "support"], &[], false)),
            Actor
        );
        // locative
        assert_eq!(role(&ctx(Country, Noun, &["in"], &[], false)), Place);
        assert_eq!(
            role(&ctx(Capital, Noun, &["to", "traveled"], &[], false)),
            Place
        );
        // motion
        assert_eq!(role(&ctx(Capital, Noun, &["visited"], &[], false)), Place);
        // geographic kinds
        assert_eq!(role(&ctx(City, Noun, &["with"], &[], false)), Place);
        // default
        assert_eq!(
            role(&ctx(Capital, Noun, &["with", "dialogue"], &[], false)),
            Actor
        );
        assert_eq!(role(&ctx(Country, Noun, &[], &["began"], false)), Actor);
    }
}
