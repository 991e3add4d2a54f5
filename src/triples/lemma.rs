//! Verb lemmas: an irregular-verb table and suffix rules (`traveled` →
//! `travel`, `brokered` → `broker`, `met` → `meet`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::gazetteer::Fnv;

/// Irregular past and participle forms (and a few others) → lemma.
const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("are", "be"),
    ("is", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("does", "do"),
    ("did", "do"),
    ("done", "do"),
    ("went", "go"),
    ("gone", "go"),
    ("goes", "go"),
    ("made", "make"),
    ("met", "meet"),
    ("sent", "send"),
    ("spent", "spend"),
    ("lent", "lend"),
    ("built", "build"),
    ("left", "leave"),
    ("kept", "keep"),
    ("held", "hold"),
    ("told", "tell"),
    ("sold", "sell"),
    ("said", "say"),
    ("says", "say"),
    ("paid", "pay"),
    ("laid", "lay"),
    ("led", "lead"),
    ("fled", "flee"),
    ("fed", "feed"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("fought", "fight"),
    ("sought", "seek"),
    ("thought", "think"),
    ("caught", "catch"),
    ("taught", "teach"),
    ("took", "take"),
    ("taken", "take"),
    ("gave", "give"),
    ("given", "give"),
    ("got", "get"),
    ("gotten", "get"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("shown", "show"),
    ("owed", "owe"),
    ("owing", "owe"),
    ("began", "begin"),
    ("begun", "begin"),
    ("ran", "run"),
    ("came", "come"),
    ("became", "become"),
    ("wrote", "write"),
    ("written", "write"),
    ("rode", "ride"),
    ("broke", "break"),
    ("broken", "break"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("woke", "wake"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("struck", "strike"),
    ("stuck", "stick"),
    ("hung", "hang"),
    ("won", "win"),
    ("found", "find"),
    ("bound", "bind"),
    ("ground", "grind"),
    ("stood", "stand"),
    ("understood", "understand"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("overtook", "overtake"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("forgave", "forgive"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("lost", "lose"),
    ("meant", "mean"),
    ("heard", "hear"),
    ("felt", "feel"),
    ("dealt", "deal"),
    ("slept", "sleep"),
    ("swept", "sweep"),
    ("wept", "weep"),
    ("shot", "shoot"),
    ("lit", "light"),
    ("slid", "slide"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("bit", "bite"),
    ("bitten", "bite"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("lay", "lie"),
    ("lain", "lie"),
    ("sat", "sit"),
    ("sank", "sink"),
    ("sunk", "sink"),
    ("swam", "swim"),
    ("rang", "ring"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("drank", "drink"),
    ("shrank", "shrink"),
    ("shrunk", "shrink"),
    ("sprang", "spring"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("bore", "bear"),
    ("borne", "bear"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("upheld", "uphold"),
    ("withheld", "withhold"),
    ("foresaw", "foresee"),
    ("foreseen", "foresee"),
    ("oversaw", "oversee"),
    ("overseen", "oversee"),
    ("mistook", "mistake"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("woven", "weave"),
    ("wove", "weave"),
    ("dug", "dig"),
    ("spun", "spin"),
    ("stung", "sting"),
    ("swung", "swing"),
    ("clung", "cling"),
    ("fled", "flee"),
    ("sped", "speed"),
    ("bled", "bleed"),
    ("bred", "breed"),
    ("misled", "mislead"),
    ("overrode", "override"),
    ("overridden", "override"),
    ("outran", "outrun"),
    ("rebuilt", "rebuild"),
    ("resent", "resend"),
    ("reran", "rerun"),
    ("retook", "retake"),
    ("retaken", "retake"),
    ("reopened", "reopen"),
    ("redrew", "redraw"),
    ("redrawn", "redraw"),
    ("withstood", "withstand"),
    ("sought", "seek"),
    ("wound", "wind"),
];

/// Verbs whose past ends in a doubled consonant (`planned`), where the lemma
/// keeps one (`plan`): decided by a list of common ones, since `-lled` also
/// has single-l lemmas in American spelling (`traveled`).
const DOUBLED: &[&str] = &[
    "plan",
    "stop",
    "drop",
    "ship",
    "step",
    "ban",
    "bar",
    "commit",
    "submit",
    "admit",
    "permit",
    "omit",
    "emit",
    "regret",
    "occur",
    "refer",
    "prefer",
    "defer",
    "confer",
    "deter",
    "transfer",
    "tap",
    "grab",
    "rob",
    "strip",
    "trip",
    "slip",
    "scrap",
    "map",
    "cap",
    "trap",
    "wrap",
    "chop",
    "shop",
    "spot",
    "plot",
    "rub",
    "hug",
    "beg",
    "tag",
    "flag",
    "lag",
    "nod",
    "pin",
    "skip",
    "stab",
    "star",
    "scar",
    "equip",
    "control",
    "patrol",
    "compel",
    "expel",
    "propel",
    "repel",
    "dispel",
    "excel",
    "annul",
    "rebel",
    "format",
    "kidnap",
    "outstrip",
    "overlap",
    "backtrack",
];

/// Endings after which a stem takes back its `e` (`mediat` → `mediate`).
const E_ENDINGS: &[&str] = &[
    "at", "iz", "is", "ut", "ot", "us", "iv", "ov", "av", "ev", "ag", "ud", "ad", "id", "ib", "ur",
    "ir", "ar", "ac", "uc", "ic", "ng", "rg", "dg", "lv", "rv", "ok", "ak", "uk", "ak", "os", "as",
    "ap", "op", "ip", "ev", "ns", "rs", "ls", "ys", "ys", "om", "im", "am", "eiz", "um",
];

/// Stems with such an ending that keep it bare (`visited` → `visit`).
const NO_E: &[&str] = &[
    "visit",
    "limit",
    "exit",
    "edit",
    "credit",
    "deposit",
    "inhabit",
    "exhibit",
    "prohibit",
    "inherit",
    "audit",
    "benefit",
    "profit",
    "solicit",
    "elicit",
    "posit",
    "vomit",
    "orbit",
    "attack",
    "back",
    "block",
    "check",
    "lock",
    "pick",
    "track",
    "knock",
    "mock",
    "stock",
    "shock",
    "crack",
    "hack",
    "pack",
    "rock",
    "sack",
    "kick",
    "tick",
    "lick",
    "stick",
    "suck",
    "talk",
    "walk",
    "ask",
    "risk",
    "mask",
    "task",
    "bask",
    "pledg",
    "warn",
    "turn",
    "learn",
    "earn",
    "burn",
    "mourn",
    "concern",
    "govern",
    "return",
    "sign",
    "align",
    "design",
    "resign",
    "assign",
    "campaign",
    "reign",
    "feign",
    "head",
    "lead",
    "read",
    "plead",
    "spread",
    "thread",
    "tread",
    "need",
    "seed",
    "weed",
    "heed",
    "feed",
    "bleed",
    "wound",
    "sound",
    "found",
    "round",
    "ground",
    "pound",
    "fund",
    "refund",
    "land",
    "stand",
    "band",
    "brand",
    "demand",
    "command",
    "expand",
    "hand",
    "mend",
    "tend",
    "lend",
    "bend",
    "send",
    "spend",
    "end",
    "attend",
    "defend",
    "intend",
    "pretend",
    "extend",
    "suspend",
    "depend",
    "offend",
    "fold",
    "hold",
    "mold",
    "scold",
    "field",
    "yield",
    "shield",
    "build",
    "gild",
    "claim",
    "aim",
    "maim",
    "deem",
    "seem",
    "redeem",
    "arm",
    "disarm",
    "alarm",
    "harm",
    "farm",
    "form",
    "inform",
    "perform",
    "reform",
    "transform",
    "conform",
    "storm",
    "confirm",
    "affirm",
    "doom",
    "loom",
    "zoom",
    "bloom",
    "groom",
    "boom",
    "roam",
    "foam",
    "slam",
    "jam",
    "ram",
    "cram",
    "spam",
    "dam",
    "slim",
    "trim",
    "swim",
    "brim",
    "film",
    "help",
    "develop",
    "gallop",
    "envelop",
    "gossip",
    "worship",
    "warship",
    "leap",
    "reap",
    "heap",
    "cheap",
    "sleep",
    "keep",
    "sweep",
    "weep",
    "peep",
    "creep",
    "deep",
    "steep",
    "loop",
    "hoop",
    "troop",
    "stoop",
    "swoop",
    "scoop",
    "droop",
    "bust",
    "adjust",
    "trust",
    "thrust",
    "insist",
    "assist",
    "consist",
    "persist",
    "resist",
    "exist",
    "list",
    "enlist",
    "twist",
    "boost",
    "host",
    "post",
    "cost",
    "boast",
    "coast",
    "roast",
    "toast",
    "blast",
    "cast",
    "last",
    "fast",
    "forecast",
    "broadcast",
    "contrast",
    "test",
    "protest",
    "contest",
    "detest",
    "rest",
    "arrest",
    "wrest",
    "invest",
    "suggest",
    "request",
    "attest",
    "manifest",
    "harvest",
    "ingest",
    "digest",
    "accept",
    "adopt",
    "adapt",
    "abrupt",
    "interrupt",
    "erupt",
    "corrupt",
    "tempt",
    "attempt",
    "exempt",
    "prompt",
    "opt",
    "crypt",
    "script",
    "depict",
    "restrict",
    "predict",
    "evict",
    "convict",
    "inflict",
    "conflict",
    "afflict",
    "act",
    "enact",
    "react",
    "exact",
    "impact",
    "extract",
    "attract",
    "contract",
    "distract",
    "subtract",
    "detract",
    "retract",
    "protract",
    "elect",
    "select",
    "collect",
    "reflect",
    "deflect",
    "neglect",
    "expect",
    "inspect",
    "respect",
    "suspect",
    "detect",
    "protect",
    "direct",
    "correct",
    "connect",
    "affect",
    "effect",
    "infect",
    "perfect",
    "object",
    "reject",
    "inject",
    "project",
    "eject",
    "deject",
    "subject",
    "conduct",
    "deduct",
    "induct",
    "abduct",
    "instruct",
    "construct",
    "obstruct",
    "destruct",
    "shift",
    "lift",
    "drift",
    "gift",
    "sift",
    "draft",
    "craft",
    "graft",
    "raft",
    "start",
    "part",
    "depart",
    "chart",
    "impart",
    "thwart",
    "alert",
    "assert",
    "convert",
    "divert",
    "exert",
    "insert",
    "invert",
    "revert",
    "subvert",
    "avert",
    "desert",
    "comfort",
    "escort",
    "export",
    "import",
    "report",
    "support",
    "transport",
    "deport",
    "exhort",
    "sort",
    "resort",
    "distort",
    "extort",
    "halt",
    "exalt",
    "consult",
    "insult",
    "result",
    "assault",
    "default",
    "vault",
    "melt",
    "pelt",
    "belt",
    "want",
    "grant",
    "plant",
    "hunt",
    "mount",
    "count",
    "account",
    "discount",
    "amount",
    "paint",
    "faint",
    "point",
    "appoint",
    "disappoint",
    "anoint",
    "print",
    "hint",
    "mint",
    "sprint",
    "tint",
    "stunt",
    "shunt",
    "punt",
    "print",
    "rent",
    "lament",
    "cement",
    "ferment",
    "torment",
    "augment",
    "comment",
    "implement",
    "document",
    "experiment",
    "supplement",
    "complement",
    "fragment",
    "segment",
    "invent",
    "prevent",
    "present",
    "represent",
    "resent",
    "consent",
    "dissent",
    "orient",
    "relent",
    "repent",
    "vent",
    "frequent",
    "absent",
    "accent",
    "ascent",
    "descent",
    "assent",
    "content",
    "intent",
    "foment",
];

/// FNV-1a (the gazetteer's hasher): the tables are keyed by short words,
/// where SipHash's per-lookup setup would cost more than the hashing itself.
type FnvBuild = BuildHasherDefault<Fnv>;

/// A set of words with a cheap hash, for word lists consulted once per
/// verb group (a linear scan compares against every entry).
pub struct WordSet(HashSet<&'static str, FnvBuild>);

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        WordSet(words.iter().copied().collect())
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// The word lists as hash tables, built once per process: a lemma is looked
/// up for every verb group, and linear scans of these lists dominated.
struct Tables {
    irregular: HashMap<&'static str, &'static str, FnvBuild>,
    doubled: HashSet<&'static str, FnvBuild>,
    e_endings: HashSet<&'static [u8], FnvBuild>,
    no_e: HashSet<&'static str, FnvBuild>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut irregular = HashMap::default();
        for &(form, lemma) in IRREGULAR {
            // the first entry wins, as a scan of the list would find it
            irregular.entry(form).or_insert(lemma);
        }
        Tables {
            irregular,
            doubled: DOUBLED.iter().copied().collect(),
            e_endings: E_ENDINGS.iter().map(|e| e.as_bytes()).collect(),
            no_e: NO_E.iter().copied().collect(),
        }
    })
}

/// Does `stem` end with one of [`E_ENDINGS`] (all two or three bytes long)?
fn has_e_ending(t: &Tables, stem: &str) -> bool {
    let b = stem.as_bytes();
    (2..=3).any(|k| b.len() >= k && t.e_endings.contains(&b[b.len() - k..]))
}

/// Words whose final `e` is dropped before `-ed`/`-ing` (a short list of
/// frequent endings decides the rest).
fn restore_e(t: &Tables, stem: &str) -> bool {
    // the list of exceptions last: it is the dearest lookup
    has_e_ending(t, stem) && !stem.ends_with("ss") && !t.no_e.contains(stem)
}

/// A lemma: a fixed word, or a prefix of the form (its length in bytes)
/// plus a suffix, so that it can be built in the form's own buffer.
enum Lemma {
    Fixed(&'static str),
    Prefix(usize, &'static str),
}

/// The lemma of a lower-cased verb form.
fn lemma_of(w: &str) -> Lemma {
    let t = tables();
    if let Some(&l) = t.irregular.get(w) {
        return Lemma::Fixed(l);
    }
    if w.len() > 4 && (w.ends_with("ied") || w.ends_with("ies")) {
        return Lemma::Prefix(w.len() - 3, "y");
    }
    for suffix in ["ed", "ing"] {
        if w.len() >= suffix.len() + 2 && w.ends_with(suffix) {
            let stem = &w[..w.len() - suffix.len()];
            let b = stem.as_bytes();
            let n = b.len();
            // `planned` → `plan`: a doubled last letter over a listed lemma
            if n >= 2
                && b[n - 1] == b[n - 2]
                && let Some(single) = stem.get(..n - 1)
                && t.doubled.contains(single)
            {
                return Lemma::Prefix(single.len(), "");
            }
            if stem.ends_with('e') || stem.ends_with('y') && suffix == "ing" {
                return Lemma::Prefix(stem.len(), "");
            }
            if restore_e(t, stem) {
                return Lemma::Prefix(stem.len(), "e");
            }
            return Lemma::Prefix(stem.len(), "");
        }
    }
    if w.len() > 3
        && (w.ends_with("ches")
            || w.ends_with("shes")
            || w.ends_with("sses")
            || w.ends_with("xes")
            || w.ends_with("zes"))
    {
        return Lemma::Prefix(w.len() - 2, "");
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return Lemma::Prefix(w.len() - 1, "");
    }
    Lemma::Prefix(w.len(), "")
}

/// Forms whose lemma a thread remembers, at most: a corpus uses a few
/// thousand verb forms, and input from stdin may run without end.
const REMEMBERED: usize = 1 << 14;

/// The lemma of a verb form (lower-cased).
///
/// Remembered per thread by form: the same verbs come back in every brief
/// (`said`, `has`, `struck`), and one lookup by the form as written costs a
/// fraction of lower-casing it and looking it up in up to four tables.
pub fn verb_lemma(word: &str) -> String {
    thread_local! {
        static SEEN: RefCell<HashMap<Box<str>, Box<str>, FnvBuild>> = RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(lemma) = seen.get(word) {
            return String::from(&**lemma);
        }
        let lemma = find_verb_lemma(word);
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(word.into(), lemma.as_str().into());
        lemma
    })
}

/// [`verb_lemma`] without memory.
fn find_verb_lemma(word: &str) -> String {
    // One buffer: the lower-cased form, then cut to the lemma in place.
    let mut w = if word.is_ascii() {
        let mut w = String::with_capacity(word.len() + 2);
        w.push_str(word);
        w.make_ascii_lowercase();
        w
    } else {
        word.to_lowercase()
    };
    match lemma_of(&w) {
        Lemma::Fixed(l) => {
            w.clear();
            w.push_str(l);
        }
        Lemma::Prefix(len, suffix) => {
            w.truncate(len);
            w.push_str(suffix);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas() {
        for (form, lemma) in [
            ("traveled", "travel"),
            ("brokered", "broker"),
            ("met", "meet"),
            ("withdrew", "withdraw"),
            ("signaled", "signal"),
            ("planned", "plan"),
            ("carried", "carry"),
            ("carries", "carry"),
            ("struck", "strike"),
            ("visited", "visit"),
            ("mediated", "mediate"),
            ("resumed", "resume"),
            ("armed", "arm"),
            ("opened", "open"),
            ("launched", "launch"),
            ("pushes", "push"),
            ("warns", "warn"),
            ("expelled", "expel"),
            ("deployed", "deploy"),
            ("attacked", "attack"),
            ("seized", "seize"),
            ("stopped", "stop"),
            ("killed", "kill"),
            ("signing", "sign"),
            ("using", "use"),
            ("hosted", "host"),
            ("closed", "close"),
        ] {
            assert_eq!(verb_lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn every_irregular_form_maps_to_its_first_listed_lemma() {
        for &(form, _) in IRREGULAR {
            let first = IRREGULAR.iter().find(|(f, _)| *f == form).unwrap().1;
            assert_eq!(verb_lemma(form), first, "{form}");
        }
        // capitals and non-ASCII fall back to the same table
        assert_eq!(verb_lemma("Withdrew"), "withdraw");
        assert_eq!(verb_lemma("SOUGHT"), "seek");
        assert_eq!(verb_lemma("Übertook"), "übertook");
    }

    #[test]
    fn regular_past_of_show_and_friends() {
        for (form, lemma) in [
            ("showed", "show"),
            ("showing", "show"),
            ("allowed", "allow"),
            ("followed", "follow"),
        ] {
            assert_eq!(verb_lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn doubled_consonants() {
        for d in DOUBLED {
            let last = &d[d.len() - 1..];
            assert_eq!(verb_lemma(&format!("{d}{last}ed")), *d, "{d}");
            assert_eq!(verb_lemma(&format!("{d}{last}ing")), *d, "{d}");
        }
        // `-lled` is doubled only for listed verbs (American `traveled`)
        assert_eq!(verb_lemma("controlled"), "control");
        assert_eq!(verb_lemma("cancelled"), "cancell");
        assert_eq!(verb_lemma("planning"), "plan");
        assert_eq!(verb_lemma("Planned"), "plan");
        assert_eq!(verb_lemma("added"), "add");
    }

    #[test]
    fn ied_ies_and_s_forms() {
        for (form, lemma) in [
            ("carried", "carry"),
            ("applies", "apply"),
            ("denied", "deny"),
            ("tied", "ti"),
            ("dies", "die"),
            ("watches", "watch"),
            ("passes", "pass"),
            ("fixes", "fix"),
            ("seizes", "seiz"),
            ("presses", "press"),
            ("press", "press"),
            ("bus", "bus"),
        ] {
            assert_eq!(verb_lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn e_restored_after_listed_endings_only() {
        for (form, lemma) in [
            ("mediated", "mediate"),
            ("visited", "visit"),
            ("organized", "organize"),
            ("seized", "seize"),
            ("solving", "solve"),
            ("moving", "move"),
            ("saying", "say"),
            ("trying", "try"),
            ("missed", "miss"),
            ("hosting", "host"),
            ("improvising", "improvise"),
        ] {
            assert_eq!(verb_lemma(form), lemma, "{form}");
        }
        assert!(E_ENDINGS.iter().all(|e| matches!(e.len(), 2 | 3)));
    }

    #[test]
    fn word_sets() {
        let set = WordSet::new(&["say", "warn", "signal"]);
        assert!(set.contains("say") && set.contains("signal"));
        assert!(!set.contains("Say") && !set.contains("sa") && !set.contains(""));
    }

    #[test]
    fn long_and_non_ascii_words() {
        let long = "a".repeat(40) + "ed";
        assert_eq!(verb_lemma(&long), "a".repeat(40));
        assert_eq!(verb_lemma("rÉsumed"), "résume");
    }

    /// The lemmatizer as it was before the hash tables: linear scans of
    /// the same lists.
    fn reference(word: &str) -> String {
        let w = word.to_lowercase();
        if let Some((_, l)) = IRREGULAR.iter().find(|(f, _)| *f == w) {
            return (*l).to_string();
        }
        if w.len() > 4 && (w.ends_with("ied") || w.ends_with("ies")) {
            return format!("{}y", &w[..w.len() - 3]);
        }
        for suffix in ["ed", "ing"] {
            if w.len() >= suffix.len() + 2 && w.ends_with(suffix) {
                let stem = &w[..w.len() - suffix.len()];
                let b = stem.as_bytes();
                let n = b.len();
                if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f')
                {
                    let single = &stem[..n - 1];
                    if DOUBLED.contains(&single) {
                        return single.to_string();
                    }
                }
                if DOUBLED.iter().any(|d| {
                    stem.len() == d.len() + 1
                        && stem.starts_with(d)
                        && stem.ends_with(&d[d.len() - 1..])
                }) {
                    return stem[..n - 1].to_string();
                }
                if stem.ends_with('e') || stem.ends_with('y') && suffix == "ing" {
                    return stem.to_string();
                }
                let restore = !NO_E.contains(&stem)
                    && E_ENDINGS.iter().any(|e| stem.ends_with(e))
                    && !stem.ends_with("ss");
                if restore {
                    return format!("{stem}e");
                }
                return stem.to_string();
            }
        }
        if w.len() > 3
            && (w.ends_with("ches")
                || w.ends_with("shes")
                || w.ends_with("sses")
                || w.ends_with("xes")
                || w.ends_with("zes"))
        {
            return w[..w.len() - 2].to_string();
        }
        if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            return w[..w.len() - 1].to_string();
        }
        w
    }

    #[test]
    fn remembered_lemmas_are_the_same() {
        let words = [
            "Said", "said", "SAID", "struck", "Planned", "planned", "Über", "met",
        ];
        for _ in 0..2 {
            for w in words {
                assert_eq!(verb_lemma(w), find_verb_lemma(w), "{w}");
            }
        }
    }

    #[test]
    fn same_lemmas_as_the_linear_scans() {
        let mut stems: Vec<String> = Vec::new();
        stems.extend(
            IRREGULAR
                .iter()
                .flat_map(|(f, l)| [f.to_string(), l.to_string()]),
        );
        stems.extend(DOUBLED.iter().map(|d| d.to_string()));
        stems.extend(DOUBLED.iter().map(|d| format!("{d}{}", &d[d.len() - 1..])));
        stems.extend(NO_E.iter().map(|d| d.to_string()));
        for e in E_ENDINGS {
            for p in ["", "b", "ab", "lab", "s", "mis", "e"] {
                stems.push(format!("{p}{e}"));
                stems.push(format!("{p}{e}e"));
                stems.push(format!("{p}{e}s"));
            }
        }
        for w in [
            "carr", "appl", "t", "di", "watch", "pass", "fix", "x", "y", "press", "ü",
        ] {
            stems.push(w.to_string());
        }
        for stem in &stems {
            for suffix in [
                "", "ed", "ing", "s", "es", "ies", "ied", "ded", "lled", "ss",
            ] {
                for form in [
                    format!("{stem}{suffix}"),
                    format!("{stem}{suffix}").to_uppercase(),
                ] {
                    assert_eq!(verb_lemma(&form), reference(&form), "{form}");
                }
            }
        }
    }
}
