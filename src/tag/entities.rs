//! Actor and place mentions: gazetteer hits, case rules, disambiguation by
//! the document's countries, actor or place by context, and the country of
//! ministries from the words before them.

use std::ops::Range;

use super::context::{self, Ctx, Role};
use super::words::Words;
use super::{Mention, MentionKind};
use crate::gazetteer::{Country, FnvMap, Gazetteer, Hit, Kind, StopMode};

fn possessive_len(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    for p in ["'s", "’s"] {
        if let Some(after) = rest.strip_prefix(p)
            && !after.starts_with(|c: char| c.is_alphanumeric())
        {
            return p.len();
        }
    }
    0
}

/// The capitalized word directly before `pos` (one space between), if any.
fn capitalized_word_before(text: &str, lo: usize, pos: usize) -> Option<Range<usize>> {
    let s = text[lo..pos].strip_suffix(' ')?;
    let start = s
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '\''))
        .map_or(0, |k| k + s[k..].chars().next().map_or(1, char::len_utf8));
    let w = &s[start..];
    w.chars().next().filter(|c| c.is_uppercase())?;
    Some(lo + start..lo + s.len())
}

/// The capitalized word directly after `pos` (one space between), if any.
fn capitalized_word_after(text: &str, pos: usize, hi: usize) -> Option<Range<usize>> {
    let s = text[pos..hi].strip_prefix(' ')?;
    s.chars().next().filter(|c| c.is_uppercase())?;
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(s.len());
    Some(pos + 1..pos + 1 + end)
}

fn sentence_of(sentences: &[Range<usize>], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.end <= pos)
        .min(sentences.len().saturating_sub(1))
}

fn is_sentence_initial(text: &str, sentence: &Range<usize>, pos: usize) -> bool {
    // backwards: the nearest letter or digit ends the scan
    !text[sentence.start..pos]
        .chars()
        .rev()
        .any(|c| c.is_alphanumeric())
}

/// How the text between two hits joins them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// `,` inside a list.
    Comma,
    /// `and`, `or`, `/`.
    Conj,
    /// `, and`: the end of a list (`Syria, Lebanon, and Iraq`) or a new clause.
    CommaConj,
    None,
}

fn join_of(between: &str) -> Join {
    // Most text between two names is longer than any join. When its second
    // and second-to-last bytes are visible ASCII, trimming takes at most one
    // byte off each end, so it stays too long: no need to trim it.
    const LONGEST: usize = ", and the".len();
    let b = between.as_bytes();
    if b.len() > LONGEST + 2 && b[1].is_ascii_graphic() && b[b.len() - 2].is_ascii_graphic() {
        return Join::None;
    }
    match between.trim() {
        "," | ", the" => Join::Comma,
        "and" | "or" | "and the" | "or the" | "/" | "and to" | "and in" | "and from" => Join::Conj,
        ", and" | ", or" | ", and the" => Join::CommaConj,
        _ => Join::None,
    }
}

/// How the text after a name continues a list (`, `, ` and `).
fn join_of_next(text: &str, pos: usize, hi: usize) -> Join {
    let rest = &text[pos.min(hi)..hi];
    if rest.starts_with(", and ") || rest.starts_with(", or ") {
        Join::CommaConj
    } else if rest.starts_with(',') {
        Join::Comma
    } else if rest.starts_with(" and ") || rest.starts_with(" or ") {
        Join::Conj
    } else {
        Join::None
    }
}

/// How often the document names each country unambiguously (a brief
/// names a few dozen: a map, not a list to scan).
type Votes = FnvMap<Country, usize>;

/// Tag actor and place mentions in normalized `text`.
pub fn tag(g: &Gazetteer, text: &str, sentences: &[Range<usize>], out: &mut Vec<Mention>) {
    // Briefs have about one hit per 60 bytes: the scan seldom has to regrow.
    let mut hits: Vec<Hit> = Vec::with_capacity(text.len() / 32);
    g.find(text, &mut hits);
    drop_stopwords_at_sentence_start(g, text, sentences, &mut hits);
    drop_parts_of_longer_names(g, text, sentences, &mut hits);
    let votes = votes(g, &hits);
    // Room for the dates merged in next too (about one per four names), so
    // that adding them does not copy every mention to a larger buffer.
    out.reserve(hits.len() + hits.len() / 2);

    let mut prev: Option<(usize, Role, Option<Country>)> = None; // (end, role, country)
    let mut prev_join = Join::None;
    let mut last_country: Option<Country> = None;
    let mut si = 0;
    for h in &hits {
        let p = &g.patterns[h.pattern as usize];
        let entry_idx = choose(g, g.candidates(p), &votes);
        let entry = g.entry(entry_idx);
        // Hits are sorted and sentences tile the text: the sentence of a
        // hit is at or after that of the hit before it.
        while si + 1 < sentences.len() && sentences[si].end <= h.start {
            si += 1;
        }
        let sent = &sentences[si];
        let hi = sent.end.max(h.end);
        let poss = possessive_len(text, h.end);
        let join = prev
            .filter(|&(e, _, _)| e <= h.start && e >= sent.start)
            .map_or(Join::None, |(e, _, _)| join_of(&text[e..h.start]));
        // A comma joins list items only when the list goes on after this
        // name (`Syria, Lebanon and Iraq`, not `in Syria, Moscow shifted`);
        // `, and` continues a comma list; after `X and Y` it starts a new clause.
        let coordinated = match join {
            Join::Conj => true,
            Join::Comma => matches!(
                join_of_next(text, h.end + poss, hi),
                Join::Comma | Join::Conj | Join::CommaConj
            ),
            Join::CommaConj => prev_join == Join::Comma,
            Join::None => false,
        };
        prev_join = join;
        let coordinated_with = prev.filter(|_| coordinated).map(|(_, r, _)| r);
        // The words around the hit are read only if a rule asks for them.
        let ctx = Ctx {
            entry_kind: Some(entry.kind),
            form: Some(p.form),
            prev: Words::before(&text[sent.start..h.start]),
            next: Words::after(&text[(h.end + poss).min(hi)..hi]),
            possessive: poss > 0,
            coordinated_with,
        };
        let (role, _rule) = context::decide(&ctx);
        let country = match (entry.kind, entry.country) {
            (Kind::Ministry, None) => prev
                .filter(|&(e, _, _)| e >= sent.start && h.start.saturating_sub(e) <= 4)
                .and_then(|(_, _, c)| c)
                .or(last_country),
            (_, c) => c,
        };
        if country.is_some() {
            last_country = country;
        }
        prev = Some((h.end, role, country));
        out.push(Mention {
            start: h.start,
            end: h.end,
            kind: match role {
                Role::Actor => MentionKind::Actor,
                Role::Place => MentionKind::Place,
            },
            entry: Some(entry_idx),
            country,
            value: None,
            modifier: None,
            timex_type: None,
            vague: false,
            sentence: si,
        });
    }
}

/// Case rules: a stoplisted city or subdivision name that is also an
/// English word does not match as a sentence's first word.
fn drop_stopwords_at_sentence_start(
    g: &Gazetteer,
    text: &str,
    sentences: &[Range<usize>],
    hits: &mut Vec<Hit>,
) {
    hits.retain(|h| {
        let p = &g.patterns[h.pattern as usize];
        if p.stop != Some(StopMode::Cap) {
            return true;
        }
        let best = g.entry(g.candidates(p)[0]);
        if matches!(best.kind, Kind::City | Kind::Admin1 | Kind::Place) {
            let s = &sentences[sentence_of(sentences, h.start)];
            return !is_sentence_initial(text, s, h.start);
        }
        true
    });
}

/// A city or subdivision name next to another capitalized word that no
/// hit explains is part of a longer name (`Lai Ching-te`, `Hanna Weber`).
fn drop_parts_of_longer_names(
    g: &Gazetteer,
    text: &str,
    sentences: &[Range<usize>],
    hits: &mut Vec<Hit>,
) {
    // Few hits go: find them first, then remove them, so that every
    // decision sees all the hits (no copy of the list needed).
    let parts: Vec<usize> = (0..hits.len())
        .filter(|&i| is_part_of_longer_name(g, text, sentences, hits, i))
        .collect();
    if parts.is_empty() {
        return;
    }
    let mut i = 0;
    hits.retain(|_| {
        i += 1;
        parts.binary_search(&(i - 1)).is_err()
    });
}

/// Is `hits[i]` a city or subdivision name inside a longer name?
fn is_part_of_longer_name(
    g: &Gazetteer,
    text: &str,
    sentences: &[Range<usize>],
    hits: &[Hit],
    i: usize,
) -> bool {
    let h = &hits[i];
    let p = &g.patterns[h.pattern as usize];
    let best = g.entry(g.candidates(p)[0]);
    if !matches!(best.kind, Kind::City | Kind::Admin1) {
        return false;
    }
    let s = &sentences[sentence_of(sentences, h.start)];
    let before = capitalized_word_before(text, s.start, h.start);
    let after = capitalized_word_after(text, h.end, s.end.max(h.end));
    let explained = |r: Option<Range<usize>>| {
        r.is_none_or(|r| {
            // hits are sorted and disjoint: only the last one starting
            // at or before `r` can cover it
            let k = hits.partition_point(|o| o.start <= r.start);
            k > 0 && hits[k - 1].end >= r.end
        })
    };
    let initial = |r: &Option<Range<usize>>| {
        r.as_ref()
            .is_some_and(|r| is_sentence_initial(text, s, r.start))
    };
    !((explained(before.clone()) || initial(&before)) && explained(after))
}

/// Countries named without ambiguity vote for the readings of ambiguous names.
fn votes(g: &Gazetteer, hits: &[Hit]) -> Votes {
    // Room for the few dozen countries a brief names, without rehashing.
    let mut votes = Votes::with_capacity_and_hasher(64, Default::default());
    for h in hits {
        let p = &g.patterns[h.pattern as usize];
        let mut cs = g.candidates(p).iter().filter_map(|&c| g.entry(c).country);
        if let Some(first) = cs.next()
            && cs.all(|c| c == first)
        {
            *votes.entry(first).or_insert(0) += 1;
        }
    }
    votes
}

/// The best reading of an ambiguous name: the document's most named
/// country among the candidates, else the first by kind and population.
fn choose(g: &Gazetteer, candidates: &[u32], votes: &Votes) -> u32 {
    let first = candidates[0];
    if candidates.len() == 1 || g.entry(first).kind == Kind::Country {
        return first;
    }
    let score = |c: u32| {
        g.entry(c)
            .country
            .and_then(|k| votes.get(&k))
            .map_or(0, |n| *n)
    };
    // Another reading wins only when the first one's country is not named
    // at all in the document (Tripoli in a brief on Lebanon).
    if score(first) > 0 {
        return first;
    }
    candidates
        .iter()
        .copied()
        .find(|&c| score(c) > 0)
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::load;

    fn gaz() -> Gazetteer {
        let h =
            "id\tkind\tname\tcountry\taliases\tadjectivals\tlat\tlon\tpopulation\tvalid\tnote\n";
        let text = format!(
            "{h}country:SYR\tcountry\tSyria\tSYR\t\tSyrian|Syrians\t\t\t\t\t\n\
             country:RUS\tcountry\tRussia\tRUS\t\tRussian|Russians\t\t\t\t\t\n\
             country:TCD\tcountry\tChad\tTCD\t\t\t\t\t\t\t\n\
             geo:damascus\tcapital\tDamascus\tSYR\t\t\t33.5\t36.3\t2000000\t\t\n\
             geo:moscow\tcapital\tMoscow\tRUS\t\t\t\t\t\t\t\n\
             geo:lai\tcity\tLai\tTCD\t\t\t\t\t20000\t\t\n\
             geo:split\tcity\tSplit\tHRV\t\t\t\t\t170000\t\t\n\
             geo:t1\tcity\tTripoli\tLBN\t\t\t\t\t200000\t\t\n\
             geo:t2\tcapital\tTripoli\tLBY\t\t\t\t\t1000000\t\t\n\
             country:LBN\tcountry\tLebanon\tLBN\t\t\t\t\t\t\t\n\
             min:fm\tministry\tForeign Ministry\t\t\t\t\t\t\t\t\n"
        );
        let stop = load::Source {
            name: "stoplist.txt".into(),
            text: "Split\tcap\tword\n",
        };
        let data = load::read(
            &[load::Source {
                name: "t.tsv".into(),
                text: Box::leak(text.into_boxed_str()),
            }],
            Some(&stop),
        )
        .unwrap();
        Gazetteer::build(data)
    }

    fn tag_text(t: &str) -> Vec<(String, &'static str, Option<String>)> {
        let g = gaz();
        let sents = crate::segment::segment(t);
        let mut out = Vec::new();
        tag(&g, t, &sents, &mut out);
        out.iter()
            .map(|m| {
                (
                    t[m.start..m.end].to_string(),
                    m.kind.as_str(),
                    m.country.map(|c| c.to_string()),
                )
            })
            .collect()
    }

    fn kinds(t: &str) -> Vec<(String, &'static str)> {
        tag_text(t).into_iter().map(|(a, b, _)| (a, b)).collect()
    }

    fn pairs(v: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        v.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    }

    #[test]
    fn actor_or_place_in_context() {
        assert_eq!(
            kinds("Moscow began signaling a dialogue with Damascus."),
            pairs(&[("Moscow", "actor"), ("Damascus", "actor")])
        );
        assert_eq!(
            kinds("Officials traveled to Damascus and stayed in southern Syria."),
            pairs(&[("Damascus", "place"), ("Syria", "place")])
        );
        assert_eq!(
            kinds("Syrian forces entered Syrian territory; Russia's bases and Syria's coast."),
            pairs(&[
                ("Syrian", "actor"),
                ("Syrian", "place"),
                ("Russia", "actor"),
                ("Syria", "place")
            ])
        );
        assert_eq!(
            kinds("Strikes hit targets in Syria and Lebanon, and Russia and Syria protested."),
            pairs(&[
                ("Syria", "place"),
                ("Lebanon", "place"),
                ("Russia", "actor"),
                ("Syria", "actor")
            ])
        );
        assert_eq!(kinds("The Russians left."), pairs(&[("Russians", "actor")]));
    }

    #[test]
    fn hyphenated_compounds_and_possessives() {
        assert_eq!(
            kinds("Russian-Syrian talks resumed after Russia’s offer."),
            pairs(&[
                ("Russian", "actor"),
                ("Syrian", "actor"),
                ("Russia", "actor")
            ])
        );
    }

    #[test]
    fn case_rules_and_longer_names() {
        // A stoplisted English word does not match at a sentence start or in lower case.
        assert!(kinds("Split decisions followed. The split widened.").is_empty());
        assert_eq!(
            kinds("Talks were held in Split."),
            pairs(&[("Split", "place")])
        );
        // A small city's name next to an unexplained capitalized word is part of a longer name.
        assert_eq!(
            kinds("President Lai Ching-te spoke."),
            Vec::<(String, &str)>::new()
        );
        assert_eq!(kinds("Rebels attacked Lai."), pairs(&[("Lai", "place")]));
    }

    #[test]
    fn ambiguous_names_follow_the_document() {
        let v = tag_text("Lebanon's army deployed. Fighting spread to Tripoli.");
        assert_eq!(
            v[1],
            ("Tripoli".to_string(), "place", Some("LBN".to_string()))
        );
        let v = tag_text("Fighting spread to Tripoli.");
        assert_eq!(v[0].2.as_deref(), Some("LBY"));
        // A country is never overridden by a city reading.
        let v = tag_text("Chad and Russia.");
        assert_eq!(v[0].2.as_deref(), Some("TCD"));
    }

    #[test]
    fn ministries_take_the_country_of_their_context() {
        let v =
            tag_text("The Russian Foreign Ministry protested. Syria's Foreign Ministry agreed.");
        assert_eq!(
            v[1],
            (
                "Foreign Ministry".to_string(),
                "actor",
                Some("RUS".to_string())
            )
        );
        assert_eq!(
            v[3],
            (
                "Foreign Ministry".to_string(),
                "actor",
                Some("SYR".to_string())
            )
        );
    }
}
