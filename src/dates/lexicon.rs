//! Word lexicon: every word the date grammar or the tense heuristic looks at,
//! mapped to a small class (`W`). Lookup is one hash probe on the word's
//! lower-cased ASCII bytes packed into a `u128`, so classifying every word of
//! a document is cheap.

/// A calendar unit, from minutes to centuries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A tense cue: a word that tells the tense of its clause.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cue {
    /// `will`, `shall`, `'ll`.
    Will,
    /// `would`, `could`, `might` (future in the past: no direction).
    Would,
    /// `was`, `were`, `had`, `did`.
    PastAux,
    /// `has`, `have` (present perfect: past reference).
    Perfect,
    /// `is`, `are`, `am`.
    Be,
    /// An irregular past form (`said`, `began`, `withdrew` ...).
    PastVerb,
    /// A present third-person form that often carries a schedule (`opens`).
    PresVerb,
    /// Words that make a following `to` future (`expected`, `plans`, `set`).
    Intent,
    /// `going` (`going to`).
    Going,
    /// `be` (`to be held` is future).
    BeBase,
    /// `can`, `cannot`: present.
    Can,
}

/// Word class. Variants without data name one word (or a few synonyms).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum W {
    None,
    /// Full month name, 1..=12.
    Month(u8),
    /// Month abbreviation (`Jan`, `Sept`), 1..=12.
    MonthAbbr(u8),
    /// Full weekday name, 0 = Monday.
    Weekday(u8),
    /// Weekday abbreviation (`Mon`, `Thurs`), 0 = Monday.
    WeekdayAbbr(u8),
    /// Season: 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    /// `fall` (a season only in date context).
    Fall,
    /// Singular unit word.
    Unit(Unit),
    /// Plural unit word.
    Units(Unit),
    Half,
    /// Cardinal number word (`two`, `twenty`, `hundred`).
    Num(u16),
    /// Ordinal word 1..=12 (`first`, `second` ...).
    Ord(u8),
    /// `a`, `an`.
    A,
    /// `several`, `few`, `many`, `couple`, `dozens`.
    Fuzzy,
    The,
    This,
    That,
    These,
    /// Possessive determiners: `its`, `their`, `his`, `her`, `our`.
    Poss,
    Last,
    Next,
    Past,
    Previous,
    Following,
    Coming,
    Recent,
    Same,
    Current,
    Final,
    /// `entire`, `whole`, `full`.
    Entire,
    Early,
    Mid,
    Late,
    Earlier,
    Later,
    /// `beginning`, `start`, `outset`, `dawn`.
    Beginning,
    /// `end`, `close`.
    End,
    Middle,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Now,
    /// `currently`, `presently`, `nowadays`.
    Currently,
    /// `recently`, `lately`.
    Recently,
    Soon,
    Future,
    Ago,
    In,
    On,
    At,
    By,
    Since,
    /// `until`, `till`, `through`, `thru`, `throughout`.
    Until,
    From,
    To,
    During,
    Before,
    After,
    Of,
    For,
    Between,
    Within,
    Over,
    /// `about`, `around`, `approximately`, `roughly`, `circa`, `ca`.
    About,
    /// `nearly`, `almost`.
    Nearly,
    More,
    Less,
    Than,
    Least,
    Under,
    And,
    Or,
    Per,
    /// `every`, `each`.
    Every,
    As,
    Up,
    Very,
    Just,
    /// Part of day: 0 morning, 1 afternoon, 2 evening, 3 night.
    PartOfDay(u8),
    Noon,
    Midnight,
    /// `utc`, `gmt`.
    Utc,
    /// `annual` (Year), `weekly` (Week) ...
    SetAdj(Unit),
    Fiscal,
    Fy,
    Time,
    Being,
    Term,
    Near,
    Long,
    Short,
    Moment,
    Present,
    Trading,
    Period,
    /// Labels that make a following number an identifier (`No.`, `Resolution`).
    NumLabel,
    /// Nouns that make a preceding number a quantity (`km`, `troops`).
    CountNoun,
    /// Currency words and symbols spelled as words (`dollars`, `billion`).
    Money,
    Tense(Cue),
}

/// The grammar rule anchored at a word class: the one list both the scan's
/// head test ([`W::is_head`]) and the grammar's dispatch (`grammar::G::at`)
/// read, so they cannot drift apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    Month,
    Weekday,
    Season,
    Unit,
    Half,
    Deictic,
    SetAdj,
    DurationRange,
    SamePeriod,
    PartOfDay,
    Fiscal,
}

impl W {
    /// The rule anchored at a word of this class, if any.
    #[inline]
    pub(crate) fn anchor(self) -> Option<Anchor> {
        Some(match self {
            W::Month(_) | W::MonthAbbr(_) => Anchor::Month,
            W::Weekday(_) | W::WeekdayAbbr(_) => Anchor::Weekday,
            W::Season(_) | W::Fall => Anchor::Season,
            W::Unit(_) | W::Units(_) => Anchor::Unit,
            W::Half => Anchor::Half,
            W::Today
            | W::Tonight
            | W::Yesterday
            | W::Tomorrow
            | W::Now
            | W::Currently
            | W::Recently
            | W::Soon
            | W::Future
            | W::Past
            | W::Present
            | W::Term
            | W::Time
            | W::Moment => Anchor::Deictic,
            W::SetAdj(_) => Anchor::SetAdj,
            W::Num(_) => Anchor::DurationRange,
            W::Period => Anchor::SamePeriod,
            W::PartOfDay(_) => Anchor::PartOfDay,
            W::Fiscal | W::Fy => Anchor::Fiscal,
            _ => return None,
        })
    }

    /// Whether a grammar rule can be anchored at a word of this class.
    #[inline]
    pub(crate) fn is_head(self) -> bool {
        self.anchor().is_some()
    }
}

type Entry = (&'static str, W);

const WORDS: &[Entry] = &[
    ("january", W::Month(1)),
    ("february", W::Month(2)),
    ("march", W::Month(3)),
    ("april", W::Month(4)),
    ("may", W::Month(5)),
    ("june", W::Month(6)),
    ("july", W::Month(7)),
    ("august", W::Month(8)),
    ("september", W::Month(9)),
    ("october", W::Month(10)),
    ("november", W::Month(11)),
    ("december", W::Month(12)),
    ("jan", W::MonthAbbr(1)),
    ("feb", W::MonthAbbr(2)),
    ("mar", W::MonthAbbr(3)),
    ("apr", W::MonthAbbr(4)),
    ("jun", W::MonthAbbr(6)),
    ("jul", W::MonthAbbr(7)),
    ("aug", W::MonthAbbr(8)),
    ("sep", W::MonthAbbr(9)),
    ("sept", W::MonthAbbr(9)),
    ("oct", W::MonthAbbr(10)),
    ("nov", W::MonthAbbr(11)),
    ("dec", W::MonthAbbr(12)),
    ("monday", W::Weekday(0)),
    ("tuesday", W::Weekday(1)),
    ("wednesday", W::Weekday(2)),
    ("thursday", W::Weekday(3)),
    ("friday", W::Weekday(4)),
    ("saturday", W::Weekday(5)),
    ("sunday", W::Weekday(6)),
    ("mon", W::WeekdayAbbr(0)),
    ("tue", W::WeekdayAbbr(1)),
    ("tues", W::WeekdayAbbr(1)),
    ("wed", W::WeekdayAbbr(2)),
    ("thu", W::WeekdayAbbr(3)),
    ("thur", W::WeekdayAbbr(3)),
    ("thurs", W::WeekdayAbbr(3)),
    ("fri", W::WeekdayAbbr(4)),
    ("sat", W::WeekdayAbbr(5)),
    ("sun", W::WeekdayAbbr(6)),
    ("spring", W::Season(0)),
    ("summer", W::Season(1)),
    ("autumn", W::Season(2)),
    ("winter", W::Season(3)),
    ("fall", W::Fall),
    ("minute", W::Unit(Unit::Minute)),
    ("minutes", W::Units(Unit::Minute)),
    ("hour", W::Unit(Unit::Hour)),
    ("hours", W::Units(Unit::Hour)),
    ("day", W::Unit(Unit::Day)),
    ("days", W::Units(Unit::Day)),
    ("week", W::Unit(Unit::Week)),
    ("weeks", W::Units(Unit::Week)),
    ("weekend", W::Unit(Unit::Weekend)),
    ("weekends", W::Units(Unit::Weekend)),
    ("fortnight", W::Unit(Unit::Fortnight)),
    ("month", W::Unit(Unit::Month)),
    ("months", W::Units(Unit::Month)),
    ("quarter", W::Unit(Unit::Quarter)),
    ("quarters", W::Units(Unit::Quarter)),
    ("year", W::Unit(Unit::Year)),
    ("years", W::Units(Unit::Year)),
    ("decade", W::Unit(Unit::Decade)),
    ("decades", W::Units(Unit::Decade)),
    ("century", W::Unit(Unit::Century)),
    ("centuries", W::Units(Unit::Century)),
    ("half", W::Half),
    ("one", W::Num(1)),
    ("two", W::Num(2)),
    ("three", W::Num(3)),
    ("four", W::Num(4)),
    ("five", W::Num(5)),
    ("six", W::Num(6)),
    ("seven", W::Num(7)),
    ("eight", W::Num(8)),
    ("nine", W::Num(9)),
    ("ten", W::Num(10)),
    ("eleven", W::Num(11)),
    ("twelve", W::Num(12)),
    ("thirteen", W::Num(13)),
    ("fourteen", W::Num(14)),
    ("fifteen", W::Num(15)),
    ("sixteen", W::Num(16)),
    ("seventeen", W::Num(17)),
    ("eighteen", W::Num(18)),
    ("nineteen", W::Num(19)),
    ("twenty", W::Num(20)),
    ("thirty", W::Num(30)),
    ("forty", W::Num(40)),
    ("fifty", W::Num(50)),
    ("sixty", W::Num(60)),
    ("seventy", W::Num(70)),
    ("eighty", W::Num(80)),
    ("ninety", W::Num(90)),
    ("hundred", W::Num(100)),
    ("dozen", W::Num(12)),
    ("first", W::Ord(1)),
    ("second", W::Ord(2)),
    ("third", W::Ord(3)),
    ("fourth", W::Ord(4)),
    ("fifth", W::Ord(5)),
    ("sixth", W::Ord(6)),
    ("seventh", W::Ord(7)),
    ("eighth", W::Ord(8)),
    ("ninth", W::Ord(9)),
    ("tenth", W::Ord(10)),
    ("eleventh", W::Ord(11)),
    ("twelfth", W::Ord(12)),
    ("a", W::A),
    ("an", W::A),
    ("several", W::Fuzzy),
    ("few", W::Fuzzy),
    ("many", W::Fuzzy),
    ("couple", W::Fuzzy),
    ("dozens", W::Fuzzy),
    ("the", W::The),
    ("this", W::This),
    ("that", W::That),
    ("these", W::These),
    ("its", W::Poss),
    ("their", W::Poss),
    ("his", W::Poss),
    ("her", W::Poss),
    ("our", W::Poss),
    ("last", W::Last),
    ("next", W::Next),
    ("past", W::Past),
    ("previous", W::Previous),
    ("preceding", W::Previous),
    ("prior", W::Previous),
    ("following", W::Following),
    ("subsequent", W::Following),
    ("coming", W::Coming),
    ("upcoming", W::Coming),
    ("recent", W::Recent),
    ("same", W::Same),
    ("current", W::Current),
    ("final", W::Final),
    ("entire", W::Entire),
    ("whole", W::Entire),
    ("full", W::Entire),
    ("early", W::Early),
    ("mid", W::Mid),
    ("late", W::Late),
    ("earlier", W::Earlier),
    ("later", W::Later),
    ("beginning", W::Beginning),
    ("start", W::Beginning),
    ("outset", W::Beginning),
    ("dawn", W::Beginning),
    ("end", W::End),
    ("close", W::End),
    ("middle", W::Middle),
    ("today", W::Today),
    ("tonight", W::Tonight),
    ("yesterday", W::Yesterday),
    ("tomorrow", W::Tomorrow),
    ("now", W::Now),
    ("currently", W::Currently),
    ("presently", W::Currently),
    ("nowadays", W::Currently),
    ("recently", W::Recently),
    ("lately", W::Recently),
    ("soon", W::Soon),
    ("future", W::Future),
    ("ago", W::Ago),
    ("in", W::In),
    ("on", W::On),
    ("at", W::At),
    ("by", W::By),
    ("since", W::Since),
    ("until", W::Until),
    ("till", W::Until),
    ("through", W::Until),
    ("thru", W::Until),
    ("throughout", W::Until),
    ("from", W::From),
    ("to", W::To),
    ("during", W::During),
    ("before", W::Before),
    ("after", W::After),
    ("of", W::Of),
    ("for", W::For),
    ("between", W::Between),
    ("within", W::Within),
    ("over", W::Over),
    ("about", W::About),
    ("around", W::About),
    ("approximately", W::About),
    ("roughly", W::About),
    ("circa", W::About),
    ("ca", W::About),
    ("some", W::About),
    ("nearly", W::Nearly),
    ("almost", W::Nearly),
    ("more", W::More),
    ("less", W::Less),
    ("than", W::Than),
    ("least", W::Least),
    ("under", W::Under),
    ("and", W::And),
    ("or", W::Or),
    ("per", W::Per),
    ("every", W::Every),
    ("each", W::Every),
    ("as", W::As),
    ("up", W::Up),
    ("very", W::Very),
    ("just", W::Just),
    ("morning", W::PartOfDay(0)),
    ("afternoon", W::PartOfDay(1)),
    ("evening", W::PartOfDay(2)),
    ("night", W::PartOfDay(3)),
    ("noon", W::Noon),
    ("midday", W::Noon),
    ("midnight", W::Midnight),
    ("utc", W::Utc),
    ("gmt", W::Utc),
    ("annual", W::SetAdj(Unit::Year)),
    ("annually", W::SetAdj(Unit::Year)),
    ("yearly", W::SetAdj(Unit::Year)),
    ("monthly", W::SetAdj(Unit::Month)),
    ("weekly", W::SetAdj(Unit::Week)),
    ("daily", W::SetAdj(Unit::Day)),
    ("quarterly", W::SetAdj(Unit::Quarter)),
    ("hourly", W::SetAdj(Unit::Hour)),
    ("fiscal", W::Fiscal),
    ("fy", W::Fy),
    ("time", W::Time),
    ("being", W::Being),
    ("term", W::Term),
    ("near", W::Near),
    ("long", W::Long),
    ("short", W::Short),
    ("moment", W::Moment),
    ("present", W::Present),
    ("trading", W::Trading),
    ("period", W::Period),
    // identifiers: a number after these is not a year
    ("no", W::NumLabel),
    ("nos", W::NumLabel),
    ("number", W::NumLabel),
    ("resolution", W::NumLabel),
    ("resolutions", W::NumLabel),
    ("res", W::NumLabel),
    ("article", W::NumLabel),
    ("art", W::NumLabel),
    ("section", W::NumLabel),
    ("paragraph", W::NumLabel),
    ("chapter", W::NumLabel),
    ("decree", W::NumLabel),
    ("law", W::NumLabel),
    ("order", W::NumLabel),
    ("flight", W::NumLabel),
    ("room", W::NumLabel),
    ("route", W::NumLabel),
    ("highway", W::NumLabel),
    ("item", W::NumLabel),
    ("page", W::NumLabel),
    ("pp", W::NumLabel),
    ("vol", W::NumLabel),
    ("volume", W::NumLabel),
    ("issue", W::NumLabel),
    ("unit", W::NumLabel),
    ("model", W::NumLabel),
    ("project", W::NumLabel),
    ("vision", W::NumLabel),
    ("agenda", W::NumLabel),
    ("code", W::NumLabel),
    ("box", W::NumLabel),
    ("tel", W::NumLabel),
    ("phone", W::NumLabel),
    ("id", W::NumLabel),
    ("ref", W::NumLabel),
    ("hill", W::NumLabel),
    ("height", W::NumLabel),
    ("altitude", W::NumLabel),
    ("elevation", W::NumLabel),
    ("total", W::NumLabel),
    // quantities: a number before these is not a year
    ("km", W::CountNoun),
    ("kms", W::CountNoun),
    ("kilometers", W::CountNoun),
    ("kilometres", W::CountNoun),
    ("kilometer", W::CountNoun),
    ("kilometre", W::CountNoun),
    ("miles", W::CountNoun),
    ("mi", W::CountNoun),
    ("meters", W::CountNoun),
    ("metres", W::CountNoun),
    ("m", W::CountNoun),
    ("feet", W::CountNoun),
    ("ft", W::CountNoun),
    ("kg", W::CountNoun),
    ("tons", W::CountNoun),
    ("tonnes", W::CountNoun),
    ("hectares", W::CountNoun),
    ("acres", W::CountNoun),
    ("sq", W::CountNoun),
    ("square", W::CountNoun),
    ("mw", W::CountNoun),
    ("gw", W::CountNoun),
    ("bpd", W::CountNoun),
    ("barrels", W::CountNoun),
    ("troops", W::CountNoun),
    ("soldiers", W::CountNoun),
    ("fighters", W::CountNoun),
    ("militants", W::CountNoun),
    ("personnel", W::CountNoun),
    ("people", W::CountNoun),
    ("persons", W::CountNoun),
    ("civilians", W::CountNoun),
    ("men", W::CountNoun),
    ("women", W::CountNoun),
    ("children", W::CountNoun),
    ("refugees", W::CountNoun),
    ("families", W::CountNoun),
    ("residents", W::CountNoun),
    ("prisoners", W::CountNoun),
    ("detainees", W::CountNoun),
    ("members", W::CountNoun),
    ("employees", W::CountNoun),
    ("workers", W::CountNoun),
    ("jobs", W::CountNoun),
    ("students", W::CountNoun),
    ("votes", W::CountNoun),
    ("seats", W::CountNoun),
    ("units", W::CountNoun),
    ("vehicles", W::CountNoun),
    ("tanks", W::CountNoun),
    ("aircraft", W::CountNoun),
    ("planes", W::CountNoun),
    ("jets", W::CountNoun),
    ("missiles", W::CountNoun),
    ("rockets", W::CountNoun),
    ("drones", W::CountNoun),
    ("shells", W::CountNoun),
    ("rounds", W::CountNoun),
    ("sorties", W::CountNoun),
    ("strikes", W::CountNoun),
    ("attacks", W::CountNoun),
    ("incidents", W::CountNoun),
    ("casualties", W::CountNoun),
    ("deaths", W::CountNoun),
    ("cases", W::CountNoun),
    ("points", W::CountNoun),
    ("percent", W::CountNoun),
    ("cent", W::CountNoun),
    ("times", W::CountNoun),
    ("pieces", W::CountNoun),
    ("items", W::CountNoun),
    ("copies", W::CountNoun),
    ("homes", W::CountNoun),
    ("houses", W::CountNoun),
    ("buildings", W::CountNoun),
    ("villages", W::CountNoun),
    ("dealers", W::CountNoun),
    ("stores", W::CountNoun),
    ("passengers", W::CountNoun),
    ("cars", W::CountNoun),
    ("ships", W::CountNoun),
    ("words", W::CountNoun),
    ("pages", W::CountNoun),
    ("dollars", W::Money),
    ("euros", W::Money),
    ("pounds", W::Money),
    ("rubles", W::Money),
    ("roubles", W::Money),
    ("yuan", W::Money),
    ("yen", W::Money),
    ("lira", W::Money),
    ("usd", W::Money),
    ("eur", W::Money),
    ("million", W::Money),
    ("billion", W::Money),
    ("trillion", W::Money),
    ("thousand", W::Money),
    ("bn", W::Money),
    ("mn", W::Money),
    // tense cues
    ("will", W::Tense(Cue::Will)),
    ("shall", W::Tense(Cue::Will)),
    ("ll", W::Tense(Cue::Will)),
    ("would", W::Tense(Cue::Would)),
    ("could", W::Tense(Cue::Would)),
    ("might", W::Tense(Cue::Would)),
    ("should", W::Tense(Cue::Would)),
    ("was", W::Tense(Cue::PastAux)),
    ("were", W::Tense(Cue::PastAux)),
    ("had", W::Tense(Cue::PastAux)),
    ("did", W::Tense(Cue::PastAux)),
    ("has", W::Tense(Cue::Perfect)),
    ("have", W::Tense(Cue::Perfect)),
    ("is", W::Tense(Cue::Be)),
    ("are", W::Tense(Cue::Be)),
    ("am", W::Tense(Cue::Be)),
    ("going", W::Tense(Cue::Going)),
    ("be", W::Tense(Cue::BeBase)),
    ("must", W::Tense(Cue::Would)),
    ("can", W::Tense(Cue::Can)),
    ("cannot", W::Tense(Cue::Can)),
    ("wants", W::Tense(Cue::Intent)),
    ("want", W::Tense(Cue::Intent)),
    ("seeks", W::Tense(Cue::Intent)),
    ("seek", W::Tense(Cue::Intent)),
    ("vows", W::Tense(Cue::Intent)),
    ("pledged", W::Tense(Cue::Intent)),
    ("promises", W::Tense(Cue::Intent)),
    ("threatens", W::Tense(Cue::Intent)),
    ("ready", W::Tense(Cue::Intent)),
    ("planned", W::Tense(Cue::Intent)),
    ("expected", W::Tense(Cue::Intent)),
    ("scheduled", W::Tense(Cue::Intent)),
    ("slated", W::Tense(Cue::Intent)),
    ("due", W::Tense(Cue::Intent)),
    ("set", W::Tense(Cue::Intent)),
    ("poised", W::Tense(Cue::Intent)),
    ("plans", W::Tense(Cue::Intent)),
    ("plan", W::Tense(Cue::Intent)),
    ("intends", W::Tense(Cue::Intent)),
    ("intend", W::Tense(Cue::Intent)),
    ("aims", W::Tense(Cue::Intent)),
    ("aim", W::Tense(Cue::Intent)),
    ("hopes", W::Tense(Cue::Intent)),
    ("expects", W::Tense(Cue::Intent)),
    ("expect", W::Tense(Cue::Intent)),
    ("likely", W::Tense(Cue::Intent)),
    ("unlikely", W::Tense(Cue::Intent)),
    ("says", W::Tense(Cue::PresVerb)),
    ("opens", W::Tense(Cue::PresVerb)),
    ("begins", W::Tense(Cue::PresVerb)),
    ("starts", W::Tense(Cue::PresVerb)),
    ("ends", W::Tense(Cue::PresVerb)),
    ("arrives", W::Tense(Cue::PresVerb)),
    ("expires", W::Tense(Cue::PresVerb)),
    ("meets", W::Tense(Cue::PresVerb)),
    ("takes", W::Tense(Cue::PresVerb)),
    ("holds", W::Tense(Cue::PresVerb)),
    ("visits", W::Tense(Cue::PresVerb)),
    ("launches", W::Tense(Cue::PresVerb)),
    ("comes", W::Tense(Cue::PresVerb)),
    ("goes", W::Tense(Cue::PresVerb)),
    ("runs", W::Tense(Cue::PresVerb)),
    ("remains", W::Tense(Cue::PresVerb)),
    ("faces", W::Tense(Cue::PresVerb)),
    ("said", W::Tense(Cue::PastVerb)),
    ("told", W::Tense(Cue::PastVerb)),
    ("began", W::Tense(Cue::PastVerb)),
    ("begun", W::Tense(Cue::PastVerb)),
    ("came", W::Tense(Cue::PastVerb)),
    ("went", W::Tense(Cue::PastVerb)),
    ("took", W::Tense(Cue::PastVerb)),
    ("made", W::Tense(Cue::PastVerb)),
    ("held", W::Tense(Cue::PastVerb)),
    ("met", W::Tense(Cue::PastVerb)),
    ("saw", W::Tense(Cue::PastVerb)),
    ("seen", W::Tense(Cue::PastVerb)),
    ("gave", W::Tense(Cue::PastVerb)),
    ("sent", W::Tense(Cue::PastVerb)),
    ("won", W::Tense(Cue::PastVerb)),
    ("lost", W::Tense(Cue::PastVerb)),
    ("left", W::Tense(Cue::PastVerb)),
    ("led", W::Tense(Cue::PastVerb)),
    ("became", W::Tense(Cue::PastVerb)),
    ("brought", W::Tense(Cue::PastVerb)),
    ("struck", W::Tense(Cue::PastVerb)),
    ("fought", W::Tense(Cue::PastVerb)),
    ("withdrew", W::Tense(Cue::PastVerb)),
    ("rose", W::Tense(Cue::PastVerb)),
    ("fell", W::Tense(Cue::PastVerb)),
    ("grew", W::Tense(Cue::PastVerb)),
    ("built", W::Tense(Cue::PastVerb)),
    ("sold", W::Tense(Cue::PastVerb)),
    ("paid", W::Tense(Cue::PastVerb)),
    ("spent", W::Tense(Cue::PastVerb)),
    ("ran", W::Tense(Cue::PastVerb)),
    ("shot", W::Tense(Cue::PastVerb)),
    ("fled", W::Tense(Cue::PastVerb)),
    ("knew", W::Tense(Cue::PastVerb)),
    ("thought", W::Tense(Cue::PastVerb)),
    ("found", W::Tense(Cue::PastVerb)),
    ("got", W::Tense(Cue::PastVerb)),
    ("kept", W::Tense(Cue::PastVerb)),
    ("broke", W::Tense(Cue::PastVerb)),
    ("chose", W::Tense(Cue::PastVerb)),
    ("drew", W::Tense(Cue::PastVerb)),
    ("drove", W::Tense(Cue::PastVerb)),
    ("flew", W::Tense(Cue::PastVerb)),
    ("spoke", W::Tense(Cue::PastVerb)),
    ("wrote", W::Tense(Cue::PastVerb)),
    ("sought", W::Tense(Cue::PastVerb)),
    ("caught", W::Tense(Cue::PastVerb)),
    ("bought", W::Tense(Cue::PastVerb)),
    ("felt", W::Tense(Cue::PastVerb)),
    ("heard", W::Tense(Cue::PastVerb)),
    ("meant", W::Tense(Cue::PastVerb)),
    ("stood", W::Tense(Cue::PastVerb)),
    ("oversaw", W::Tense(Cue::PastVerb)),
    ("overtook", W::Tense(Cue::PastVerb)),
    ("undertook", W::Tense(Cue::PastVerb)),
    ("arose", W::Tense(Cue::PastVerb)),
    ("dealt", W::Tense(Cue::PastVerb)),
    ("laid", W::Tense(Cue::PastVerb)),
    ("threw", W::Tense(Cue::PastVerb)),
    ("swept", W::Tense(Cue::PastVerb)),
    ("seized", W::Tense(Cue::PastVerb)),
    ("hit", W::Tense(Cue::PastVerb)),
    ("been", W::Tense(Cue::PastVerb)),
];

/// Open-addressing tables from packed lower-case words to classes: one
/// keyed by 64 bits for words of up to eight letters (nearly every lookup),
/// one keyed by 128 bits for longer words.
pub(crate) struct Lexicon {
    short: Box<[Slot<u64>; SHORT_SLOTS]>,
    long: Box<[Slot<u128>; LONG_SLOTS]>,
}

/// One table entry; `key` 0 marks an empty slot.
#[derive(Clone, Copy)]
struct Slot<K> {
    key: K,
    w: W,
    /// `w.is_head()`, stored to spare the match per word.
    head: bool,
}

const SHORT_BITS: u32 = 11; // 2048 slots, load factor ~0.25
const SHORT_SLOTS: usize = 1 << SHORT_BITS;
const LONG_BITS: u32 = 8; // 256 slots, load factor ~0.25
const LONG_SLOTS: usize = 1 << LONG_BITS;

/// Packs an ASCII word (at most 16 bytes) into a lower-cased `u128` key.
/// Returns 0 (never a key) for longer or non-ASCII-alphabetic words.
#[inline]
pub(crate) fn pack(word: &[u8]) -> u128 {
    if word.is_empty() || word.len() > 16 || !word.iter().all(|b| b.is_ascii_alphabetic()) {
        return 0;
    }
    pack_letters(word, 0, word.len())
}

/// Key of `bytes[start..end]`, known to be 1..=16 ASCII letters: loads
/// the word eight bytes at a time and lower-cases it with one OR.
#[inline]
pub(crate) fn pack_letters(bytes: &[u8], start: usize, end: usize) -> u128 {
    let len = end - start;
    let lo = load(bytes, start, len.min(8));
    let hi = if len > 8 {
        load(bytes, start + 8, len - 8)
    } else {
        0
    };
    (lo as u128) | ((hi as u128) << 64)
}

/// Masks keeping the low `len` bytes of a `u64`.
pub(crate) const MASKS: [u64; 9] = [
    0,
    0xff,
    0xffff,
    0xff_ffff,
    0xffff_ffff,
    0xff_ffff_ffff,
    0xffff_ffff_ffff,
    0xff_ffff_ffff_ffff,
    u64::MAX,
];

/// The key of a word of `len` (1..=8) ASCII letters whose bytes are the
/// low bytes of `v` (little-endian): lower-cased with one OR, the rest
/// masked off. Equals the low half of [`pack`].
#[inline(always)]
pub(crate) fn short_key(v: u64, len: usize) -> u64 {
    (v | 0x2020_2020_2020_2020) & MASKS[len.min(8)]
}

/// `len` (1..=8) bytes at `at`, little-endian, with 0x20 set in each byte.
#[inline]
fn load(bytes: &[u8], at: usize, len: usize) -> u64 {
    let v = match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or([0; 8])),
        None => {
            let mut buf = [0u8; 8];
            buf[..len].copy_from_slice(&bytes[at..at + len]);
            u64::from_le_bytes(buf)
        }
    };
    (v | 0x2020_2020_2020_2020) & MASKS[len.min(8)]
}

#[inline(always)]
fn hash_short(k: u64) -> usize {
    (k.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - SHORT_BITS)) as usize
}

#[inline(always)]
fn hash_long(k: u128) -> usize {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - LONG_BITS)) as usize
}

impl<K: Default> Slot<K> {
    fn empty() -> Self {
        Slot {
            key: K::default(),
            w: W::None,
            head: false,
        }
    }
}

/// Inserts `key` unless present (the first entry of a word wins).
fn insert<K: Copy + PartialEq + Default>(table: &mut [Slot<K>], mut i: usize, key: K, w: W) {
    let mask = table.len() - 1;
    while table[i].key != K::default() && table[i].key != key {
        i = (i + 1) & mask;
    }
    if table[i].key == K::default() {
        table[i] = Slot {
            key,
            w,
            head: w.is_head(),
        };
    }
}

impl Lexicon {
    /// Builds the tables from the word list.
    pub(crate) fn new() -> Lexicon {
        let mut short = vec![Slot::empty(); SHORT_SLOTS];
        let mut long = vec![Slot::empty(); LONG_SLOTS];
        for &(word, w) in WORDS {
            let k = pack(word.as_bytes());
            debug_assert!(k != 0, "bad lexicon word {word}");
            if word.len() <= 8 {
                insert(&mut short, hash_short(k as u64), k as u64, w);
            } else {
                insert(&mut long, hash_long(k), k, w);
            }
        }
        let short = short.into_boxed_slice().try_into();
        let long = long.into_boxed_slice().try_into();
        match (short, long) {
            (Ok(short), Ok(long)) => Lexicon { short, long },
            _ => unreachable!("tables are built at their fixed sizes"),
        }
    }

    /// Class of the word with [`short_key`] `k`, and whether a rule can be
    /// anchored there.
    #[inline(always)]
    pub(crate) fn classify_short(&self, k: u64) -> (W, bool) {
        let mut i = hash_short(k);
        loop {
            let slot = &self.short[i];
            if slot.key == k {
                return (slot.w, slot.head);
            }
            if slot.key == 0 {
                return (W::None, false);
            }
            i = (i + 1) & (SHORT_SLOTS - 1);
        }
    }

    /// Class of `bytes[start..end]`, 1..=16 ASCII letters (any case), and
    /// whether a rule can be anchored there.
    #[inline(always)]
    pub(crate) fn classify(&self, bytes: &[u8], start: usize, end: usize) -> (W, bool) {
        let len = end - start;
        if len <= 8 {
            return self.classify_short(load(bytes, start, len));
        }
        self.classify_long(pack_letters(bytes, start, end))
    }

    /// Class of the word with key halves `lo` (the first eight letters, as
    /// [`short_key`]) and `hi` (the rest, 0 for words of at most eight
    /// letters), and whether a rule can be anchored there.
    #[inline(always)]
    pub(crate) fn classify_key(&self, lo: u64, hi: u64) -> (W, bool) {
        if hi == 0 {
            self.classify_short(lo)
        } else {
            self.classify_long(lo as u128 | (hi as u128) << 64)
        }
    }

    /// Class of a word of nine to sixteen letters by its [`pack`] key.
    #[inline(always)]
    fn classify_long(&self, k: u128) -> (W, bool) {
        let mut i = hash_long(k);
        loop {
            let slot = &self.long[i];
            if slot.key == k {
                return (slot.w, slot.head);
            }
            if slot.key == 0 {
                return (W::None, false);
            }
            i = (i + 1) & (LONG_SLOTS - 1);
        }
    }

    /// Class of a word (any case).
    #[cfg(test)]
    pub(crate) fn get(&self, word: &str) -> W {
        let b = word.as_bytes();
        match pack(b) {
            0 => W::None,
            _ => self.classify(b, 0, b.len()).0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let lx = Lexicon::new();
        let table = [
            ("January", W::Month(1)),
            ("MAY", W::Month(5)),
            ("Sept", W::MonthAbbr(9)),
            ("thurs", W::WeekdayAbbr(3)),
            ("years", W::Units(Unit::Year)),
            ("twenty", W::Num(20)),
            ("Resolution", W::NumLabel),
            ("APPROXIMATELY", W::About),
            ("september", W::Month(9)),
            ("septembe", W::None),
            ("Fortnight", W::Unit(Unit::Fortnight)),
            ("fortnights", W::None),
            ("withdrew", W::Tense(Cue::PastVerb)),
            ("troop", W::None),
            ("", W::None),
            ("protégé", W::None),
            ("abcdefghijklmnopq", W::None),
        ];
        for (word, want) in table {
            assert_eq!(lx.get(word), want, "{word}");
        }
    }

    #[test]
    fn every_word_found_in_any_case() {
        let lx = Lexicon::new();
        for &(word, w) in WORDS {
            let upper = word.to_ascii_uppercase();
            for form in [word, upper.as_str()] {
                let b = form.as_bytes();
                assert_eq!(lx.classify(b, 0, b.len()), (w, w.is_head()), "{form}");
            }
        }
    }

    #[test]
    fn no_duplicate_words() {
        let mut seen = std::collections::HashSet::new();
        for (w, _) in WORDS {
            assert!(seen.insert(*w), "duplicate lexicon word {w}");
        }
    }
}
