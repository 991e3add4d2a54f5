//! Table-driven tests of the whole tagger: each row is a sentence, a DCT
//! and the expected (span, value, mod) triples, in text order.

use super::{DateTagger, Dct, TimexType};

type Row = (
    &'static str,
    &'static [(&'static str, &'static str, Option<&'static str>)],
);

const DCT: &str = "2026-01-19"; // a Monday

fn run(
    tagger: &DateTagger,
    text: &str,
    dct: Option<&str>,
) -> Vec<(String, String, Option<&'static str>)> {
    let out = tagger.tag(text, dct.and_then(Dct::parse));
    let mut last_end = 0;
    for t in &out {
        assert!(
            t.start >= last_end && t.start < t.end,
            "unsorted or overlapping in {text:?}"
        );
        last_end = t.end;
    }
    out.into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.value, t.modifier))
        .collect()
}

fn check_with(tagger: &DateTagger, dct: Option<&str>, rows: &[Row]) {
    for (text, want) in rows {
        let got = run(tagger, text, dct);
        let want: Vec<(String, String, Option<&str>)> = want
            .iter()
            .map(|(s, v, m)| (s.to_string(), v.to_string(), *m))
            .collect();
        assert_eq!(got, want, "text: {text:?}");
    }
}

fn check(dct: Option<&str>, rows: &[Row]) {
    check_with(&DateTagger::new(), dct, rows);
}

#[test]
fn full_dates() {
    check(
        Some(DCT),
        &[
            (
                "Talks began on January 19, 2026.",
                &[("January 19, 2026", "2026-01-19", None)],
            ),
            (
                "Talks began on 19 January 2026.",
                &[("19 January 2026", "2026-01-19", None)],
            ),
            (
                "The file is dated 2026-01-19.",
                &[("2026-01-19", "2026-01-19", None)],
            ),
            (
                "Talks began on Jan. 12 in Geneva.",
                &[("Jan. 12", "2026-01-12", None)],
            ),
            (
                "Talks began Jan 12, 2026 in Geneva.",
                &[("Jan 12, 2026", "2026-01-12", None)],
            ),
            (
                "It happened on Sept. 11, 2001.",
                &[("Sept. 11, 2001", "2001-09-11", None)],
            ),
            (
                "They met on the 5th of May 2024.",
                &[("5th of May 2024", "2024-05-05", None)],
            ),
            (
                "On Monday, January 12, 2026, Iran fired.",
                &[("Monday, January 12, 2026", "2026-01-12", None)],
            ),
            (
                "The memo of 7/8/07 leaked.",
                &[("7/8/07", "2007-07-08", None)],
            ),
            (
                "Signed on 19.01.2025 in Minsk.",
                &[("19.01.2025", "2025-01-19", None)],
            ),
            (
                "Lior Segev | No. 2077 | January 19, 2026",
                &[("January 19, 2026", "2026-01-19", None)],
            ),
        ],
    );
}

#[test]
fn months_and_years() {
    check(
        Some(DCT),
        &[
            (
                "Israel struck in April 2025.",
                &[("April 2025", "2025-04", None)],
            ),
            (
                "The summit of March of 2025 failed.",
                &[("March of 2025", "2025-03", None)],
            ),
            ("Fighting resumed in 2024.", &[("2024", "2024", None)]),
            (
                "Ankara has kept them closed since 2011.",
                &[("2011", "2011", None)],
            ),
            (
                "2024's elections changed little.",
                &[("2024", "2024", None)],
            ),
            (
                "2024’s elections changed little.",
                &[("2024", "2024", None)],
            ),
            (
                "Damascus suspended the 2017 agreement.",
                &[("2017", "2017", None)],
            ),
            (
                "It rejected Haftar’s 2019 offensive.",
                &[("2019", "2019", None)],
            ),
            ("Riyadh wants a deal by 2030.", &[("2030", "2030", None)]),
            ("The data (2019) are old.", &[("2019", "2019", None)]),
            ("2024 was a bad year for Moscow.", &[("2024", "2024", None)]),
            ("The FY2025 budget grew.", &[("FY2025", "FY2025", None)]),
        ],
    );
}

#[test]
fn negatives() {
    check(
        Some(DCT),
        &[
            ("Lior Segev | No. 2077 | Tel Aviv", &[]),
            ("Russia moved 1,500 troops and 2,024 tanks.", &[]),
            ("The road runs 2077 km to the border.", &[]),
            (
                "Iran paid $2024 and $10 billion, or 1.5 billion dollars.",
                &[],
            ),
            ("It deployed S-400 batteries and DF-17 missiles.", &[]),
            ("UN Resolution 2254 and number 2077 apply.", &[]),
            ("Iran may respond, and troops march on Tripoli.", &[]),
            ("The march on Tripoli stalled.", &[]),
            (
                "Sun Tzu wrote it; Sat images show it; Wed to the plan.",
                &[],
            ),
            ("He counted 2000 of them at the depot.", &[]),
            ("Theresa May and April Glaspie met.", &[]),
            ("The Arab Spring and Black Monday are names.", &[]),
            ("Since the fall of Assad, the route has been broken.", &[]),
            ("The A330 and F-2024 jets flew 2077 sorties.", &[]),
            ("A 49-year lease ended the Twelve-Day War.", &[]),
            (
                "The PMF receives $2.8 billion a year and strikes daily.",
                &[],
            ),
            ("At 4 a.m. the drones struck.", &[]),
            ("Forces would be expelled within weeks.", &[]),
            ("Call 713-654-1281 or (989)755-1109 about item 3-1663.", &[]),
            ("The board demanded Winter explain his actions.", &[]),
            ("Broke out the activities of 1179.", &[]),
            ("This is a difficult day and not a day anybody wanted.", &[]),
        ],
    );
}

#[test]
fn underspecified_months_and_days() {
    check(
        Some(DCT),
        &[
            ("Russia withdrew in March.", &[("March", "2025-03", None)]),
            (
                "On July 31, the minister visited Moscow.",
                &[("July 31", "2025-07-31", None)],
            ),
            (
                "Yevkurov visited Khmeimim in December.",
                &[("December", "2025-12", None)],
            ),
            ("Talks will resume in March.", &[("March", "2026-03", None)]),
            (
                "The vote is expected in March.",
                &[("March", "2026-03", None)],
            ),
            (
                "The deal will be finalized by June 10.",
                &[("June 10", "2026-06-10", None)],
            ),
            // a year written in the same sentence sets the year
            (
                "Armenia froze ties in early 2024, and in June Pashinyan spoke.",
                &[
                    ("early 2024", "2024", Some("START")),
                    ("June", "2024-06", None),
                ],
            ),
            // ... and in the previous one when the date opens the sentence
            (
                "Fighting resumed in 2024. In March, Iran struck.",
                &[("2024", "2024", None), ("March", "2024-03", None)],
            ),
            // but not otherwise
            (
                "Hezbollah lost the men who led it in 2024. A plan adopted in August failed.",
                &[("2024", "2024", None), ("August", "2025-08", None)],
            ),
            // "since 2011" bounds a span, it does not set the year
            (
                "Russia has been there since 2011, and in March it left.",
                &[("2011", "2011", None), ("March", "2025-03", None)],
            ),
            (
                "He negotiates under the March 10 agreement.",
                &[("March 10", "2025-03-10", None)],
            ),
            (
                "The ship arrives on February 2.",
                &[("February 2", "2026-02-02", None)],
            ),
        ],
    );
}

#[test]
fn weekdays() {
    // 2026-01-21 is a Wednesday
    check(
        Some("2026-01-21"),
        &[
            (
                "Iran fired missiles on Monday.",
                &[("Monday", "2026-01-19", None)],
            ),
            (
                "The envoys will meet on Friday.",
                &[("Friday", "2026-01-23", None)],
            ),
            (
                "The trial is set to begin on Wednesday.",
                &[("Wednesday", "2026-01-21", None)],
            ),
            (
                "Markets will stay closed until Friday.",
                &[("Friday", "2026-01-23", None)],
            ),
            (
                "It happened last Friday.",
                &[("last Friday", "2026-01-16", None)],
            ),
            (
                "They meet next Monday.",
                &[("next Monday", "2026-01-26", None)],
            ),
            (
                "Shelling resumed Thursday's night? No: on Thursday night.",
                &[
                    ("Thursday", "2026-01-15", None),
                    ("Thursday night", "2026-01-15TNI", None),
                ],
            ),
        ],
    );
}

#[test]
fn decades_centuries_seasons() {
    check(
        Some(DCT),
        &[
            (
                "Since the 1990s Russia has armed Syria.",
                &[("the 1990s", "199", None)],
            ),
            (
                "In the early 2000s it changed.",
                &[("the early 2000s", "200", Some("START"))],
            ),
            (
                "Cars of the 70s and 80s were boxy.",
                &[("the 70s", "197", None), ("80s", "198", None)],
            ),
            ("Music of the '90s returned.", &[("the '90s", "199", None)]),
            (
                "In the 20th century it was a port.",
                &[("the 20th century", "19", None)],
            ),
            (
                "The thaw came in the summer months.",
                &[("the summer months", "2025-SU", None)],
            ),
            (
                "The batteries left in spring 2025.",
                &[("spring 2025", "2025-SP", None)],
            ),
            ("It froze last winter.", &[("last winter", "2024-WI", None)]),
            (
                "Talks resume this spring.",
                &[("this spring", "2026-SP", None)],
            ),
            (
                "It fell in the fall of 2024.",
                &[("the fall of 2024", "2024-FA", None)],
            ),
            (
                "Fighting stopped in the winter.",
                &[("the winter", "2025-WI", None)],
            ),
            (
                "Troops left in Spring 2025.",
                &[("Spring 2025", "2025-SP", None)],
            ),
            ("Winter came early.", &[("Winter", "2025-WI", None)]),
            (
                "In 1812 it burned; the 1969-1970 season was calm.",
                &[
                    ("1812", "1812", None),
                    ("1969", "1969", None),
                    ("1970", "1970", None),
                ],
            ),
        ],
    );
}

#[test]
fn quarters_and_halves() {
    check(
        Some(DCT),
        &[
            (
                "A pact signed in the second quarter of 2025.",
                &[("the second quarter of 2025", "2025-Q2", None)],
            ),
            (
                "Growth slowed in the first half of the year.",
                &[("the first half of the year", "2026-H1", None)],
            ),
            (
                "In 2024, payrolls grew in the first half of the year.",
                &[
                    ("2024", "2024", None),
                    ("the first half of the year", "2024-H1", None),
                ],
            ),
            ("Output fell in Q3 2025.", &[("Q3 2025", "2025-Q3", None)]),
            ("Output fell in H1 2025.", &[("H1 2025", "2025-H1", None)]),
            (
                "Belousov is expected before the end of the first quarter.",
                &[("the end of the first quarter", "2026-Q1", Some("END"))],
            ),
            (
                "Losses grew in the fourth quarter of last year.",
                &[("the fourth quarter of last year", "2025-Q4", None)],
            ),
            (
                "Profits doubled during the last quarter.",
                &[("the last quarter", "2025-Q4", None)],
            ),
            (
                "Our third-quarter results improved.",
                &[("third-quarter", "2025-Q3", None)],
            ),
            ("About a quarter of the dealers closed.", &[]),
        ],
    );
}

#[test]
fn part_of_period() {
    check(
        Some(DCT),
        &[
            (
                "Russia withdrew in early October.",
                &[("early October", "2025-10", Some("START"))],
            ),
            (
                "Al-Sharaa traveled in mid-November.",
                &[("mid-November", "2025-11", Some("MID"))],
            ),
            (
                "The expectation, widespread in late 2024, faded.",
                &[("late 2024", "2024", Some("END"))],
            ),
            (
                "As of the beginning of 2026 it holds.",
                &[("the beginning of 2026", "2026", Some("START"))],
            ),
            (
                "By the start of 2026 it held.",
                &[("the start of 2026", "2026", Some("START"))],
            ),
            (
                "Troops left in late October.",
                &[("late October", "2025-10", Some("END"))],
            ),
            (
                "The plan ends by the end of the year.",
                &[("the end of the year", "2026", Some("END"))],
            ),
            (
                "They left in late January 2025.",
                &[("late January 2025", "2025-01", Some("END"))],
            ),
            (
                "It rose late last year.",
                &[("late last year", "2025", Some("END"))],
            ),
            (
                "It ends at the end of this month.",
                &[("the end of this month", "2026-01", Some("END"))],
            ),
            (
                "The goal for the end of the decade.",
                &[("the end of the decade", "202", Some("END"))],
            ),
            (
                "Prices peaked in mid-2011.",
                &[("mid-2011", "2011", Some("MID"))],
            ),
            (
                "It was built around 2015.",
                &[("around 2015", "2015", Some("APPROX"))],
            ),
            (
                "And in mid-November Beijing retaliated.",
                &[("mid-November", "2025-11", Some("MID"))],
            ),
            (
                "By mid-October queues stretched for kilometers.",
                &[("mid-October", "2025-10", Some("MID"))],
            ),
        ],
    );
}

#[test]
fn ranges() {
    check(
        Some(DCT),
        &[
            (
                "Between March and May 2025 it grew.",
                &[("March", "2025-03", None), ("May 2025", "2025-05", None)],
            ),
            (
                "The war of 2023–2024 ended.",
                &[("2023", "2023", None), ("2024", "2024", None)],
            ),
            (
                "Jets arrive from 2009 to 2011.",
                &[("2009", "2009", None), ("2011", "2011", None)],
            ),
            (
                "The plan for 2014-16 failed.",
                &[("2014", "2014", None), ("16", "2016", None)],
            ),
            (
                "Talks ran 3–5 March 2025.",
                &[
                    ("3", "2025-03-03", None),
                    ("5 March 2025", "2025-03-05", None),
                ],
            ),
            (
                "From October to December, prices rose.",
                &[("October", "2025-10", None), ("December", "2025-12", None)],
            ),
        ],
    );
}

#[test]
fn relative_expressions() {
    check(
        Some(DCT),
        &[
            (
                "Last week, Moscow signaled.",
                &[("Last week", "2026-W03", None)],
            ),
            (
                "Prices rose the previous month.",
                &[("the previous month", "2025-12", None)],
            ),
            (
                "A year ago, few believed it.",
                &[("A year ago", "2025", None)],
            ),
            (
                "Three days ago it fell.",
                &[("Three days ago", "2026-01-16", None)],
            ),
            ("The vote is next year.", &[("next year", "2027", None)]),
            (
                "The envoy visited twice this year.",
                &[("this year", "2026", None)],
            ),
            (
                "Prices fell last month.",
                &[("last month", "2025-12", None)],
            ),
            (
                "Two weeks later, a delegation followed.",
                &[("Two weeks later", "P2W", None)],
            ),
            (
                "He has raised it in recent months.",
                &[("recent months", "PAST_REF", None)],
            ),
            (
                "Kyiv may strike in the coming weeks.",
                &[("the coming weeks", "FUTURE_REF", None)],
            ),
            (
                "Moscow now keeps two submarines.",
                &[("now", "PRESENT_REF", None)],
            ),
            (
                "It is currently stalled.",
                &[("currently", "PRESENT_REF", None)],
            ),
            (
                "Much depends on the future.",
                &[("the future", "FUTURE_REF", None)],
            ),
            ("It signed today.", &[("today", "2026-01-19", None)]),
            (
                "It signed yesterday, and talks resume tomorrow.",
                &[
                    ("yesterday", "2026-01-18", None),
                    ("tomorrow", "2026-01-20", None),
                ],
            ),
            (
                "Today, Russia depends on al-Sharaa.",
                &[("Today", "2026-01-19", None)],
            ),
            (
                "It met on August 8. Earlier that month, Velayati spoke.",
                &[
                    ("August 8", "2025-08-08", None),
                    ("Earlier that month", "2025-08", None),
                ],
            ),
            (
                "In 2024 prices rose; the following year they fell.",
                &[("2024", "2024", None), ("the following year", "2025", None)],
            ),
            (
                "Sales rose in February compared to the same period last year.",
                &[
                    ("February", "2025-02", None),
                    ("the same period last year", "2024-02", None),
                ],
            ),
            (
                "It was an issue in the past.",
                &[("the past", "PAST_REF", None)],
            ),
        ],
    );
}

#[test]
fn durations() {
    check(
        Some(DCT),
        &[
            ("Talks dragged on for months.", &[("months", "PXM", None)]),
            (
                "The siege lasted three years.",
                &[("three years", "P3Y", None)],
            ),
            (
                "A year after the war, it changed.",
                &[("A year", "P1Y", None)],
            ),
            (
                "More than a year after the fall, it stays.",
                &[("More than a year", "P1Y", Some("MORE_THAN"))],
            ),
            (
                "The index fell in the past nine days.",
                &[("the past nine days", "P9D", None)],
            ),
            (
                "The delay was almost two and a half years.",
                &[("almost two and a half years", "P2.5Y", Some("LESS_THAN"))],
            ),
            (
                "It took a couple of weeks.",
                &[("a couple of weeks", "P2W", None)],
            ),
            ("It took several years.", &[("several years", "PXY", None)]),
            (
                "The talks took between 60 and 90 days.",
                &[("60", "P60D", None), ("90 days", "P90D", None)],
            ),
            (
                "It shipped arms for a decade.",
                &[("a decade", "P10Y", None)],
            ),
            (
                "Over three days, jets flew.",
                &[("three days", "P3D", None)],
            ),
            (
                "The past year taught a lesson.",
                &[("The past year", "P1Y", None)],
            ),
        ],
    );
}

#[test]
fn times() {
    check(
        Some("2009-12-16"),
        &[
            (
                "It flew Tuesday at 18:00 UTC.",
                &[
                    ("Tuesday", "2009-12-15", None),
                    ("18:00 UTC", "2009-12-15T18:00Z", None),
                ],
            ),
            (
                "It filed at 12:00 UTC Monday.",
                &[("12:00 UTC Monday", "2009-12-14T12:00Z", None)],
            ),
            (
                "Stocks fell this morning.",
                &[("this morning", "2009-12-16TMO", None)],
            ),
        ],
    );
    check_with(
        &DateTagger::timeml(),
        Some("2009-12-16"),
        &[
            (
                "At 4 a.m. the drones struck.",
                &[("4 a.m.", "2009-12-16T04:00", None)],
            ),
            (
                "A 49-year lease and annual talks.",
                &[("49-year", "P49Y", None), ("annual", "P1Y", None)],
            ),
        ],
    );
}

#[test]
fn without_dct() {
    check(
        None,
        &[
            ("Russia withdrew in March.", &[("March", "XXXX-03", None)]),
            (
                "In 2024, Russia withdrew in March.",
                &[("2024", "2024", None), ("March", "2024-03", None)],
            ),
            (
                "Last week, Moscow signaled.",
                &[("Last week", "XXXX-WXX", None)],
            ),
            ("Iran fired on Monday.", &[("Monday", "XXXX-WXX-1", None)]),
            ("It ends next year.", &[("next year", "XXXX", None)]),
            (
                "It signed on January 19, 2026.",
                &[("January 19, 2026", "2026-01-19", None)],
            ),
        ],
    );
}

#[test]
fn tagger_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<DateTagger>();
}

#[test]
fn byte_offsets_types_and_vagueness() {
    let tagger = DateTagger::new();
    let text = "Erdoğan’s envoy came in “late 2024” — and again two weeks later.\n\nNow it is spring 2025.";
    let out = tagger.tag(text, Dct::parse(DCT));
    let spans: Vec<&str> = out.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(
        spans,
        ["late 2024", "two weeks later", "Now", "spring 2025"]
    );
    let kinds: Vec<TimexType> = out.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TimexType::Date,
            TimexType::Duration,
            TimexType::Date,
            TimexType::Date
        ]
    );
    let vague: Vec<bool> = out.iter().map(|t| t.vague).collect();
    assert_eq!(vague, [false, true, true, false]);
    // no expression crosses a paragraph break
    let out = tagger.tag(
        "markets closed until Friday\n\nSeptember 18, 2008",
        Dct::parse("2008-09-18"),
    );
    assert_eq!(out.len(), 2);
    assert_eq!(Dct::parse("2025-02-29"), None);
    assert_eq!(
        Dct::parse("2024-02-29"),
        Some(Dct {
            year: 2024,
            month: 2,
            day: 29
        })
    );
}

/// The scan visits only head tokens, line by line: expressions at the very
/// start and end of the text, right after non-ASCII text, in upper case, and
/// on consecutive lines are all found, and a year still carries over to the
/// next sentence.
#[test]
fn heads_anywhere() {
    check(
        Some(DCT),
        &[
            ("March 2025", &[("March 2025", "2025-03", None)]),
            ("It ended in 2024", &[("2024", "2024", None)]),
            (
                "Café déjà vu: März, then SEPTEMBER 2025 and Ünïcödé in 2023.",
                &[("SEPTEMBER 2025", "2025-09", None), ("2023", "2023", None)],
            ),
            (
                "Title\nIn 2024\nTalks in March. Three weeks later\n\nyesterday",
                &[
                    ("2024", "2024", None),
                    ("March", "2025-03", None),
                    ("Three weeks later", "P3W", None),
                    ("yesterday", "2026-01-18", None),
                ],
            ),
            (
                "In 2024, talks stalled. In March, they resumed.",
                &[("2024", "2024", None), ("March", "2024-03", None)],
            ),
        ],
    );
}
