//! The sitrep/1 record: one per document, as specified in
//! `spec/record-format.md` (the public contract). Field names here are the
//! contract's; sitrep may add fields, never rename or drop one.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The format tag every record carries.
pub const FORMAT: &str = "sitrep/1";

/// An item's id within its record: `prefix` then `n` in decimal ("d3",
/// "p12"). Written digit by digit: every mention, place, figure and event
/// gets one, and the formatting machinery costs ten times more.
pub fn item_id(prefix: char, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(prefix.len_utf8() + digits.len() - at);
    id.push(prefix);
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// A piece of evidence: character offsets (Unicode scalar values, end
/// exclusive) into the document's text, and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `text[start..end]`, counted in characters.
    pub text: String,
}

/// What sitrep read out of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Always `sitrep/1`.
    pub format: String,
    /// The document's id (given, or a hash of its content).
    pub id: String,
    /// ISO 639-1 code, given or detected; `null` when unknown.
    pub language: Option<String>,
    /// Publication date or time as given (ISO 8601 / RFC 3339).
    pub published: Option<String>,
    /// The outlet that published the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The document's title, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The document's address, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The text offsets refer to, included only when sitrep derived it (from HTML).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Named people, armed groups, state forces, institutions, media.
    pub actors: Vec<Actor>,
    /// Toponyms, resolved where possible.
    pub places: Vec<Place>,
    /// Temporal expressions, normalised against `published`.
    pub dates: Vec<DateMention>,
    /// Who asserts what.
    pub sources: Vec<Source>,
    /// Numbers that count something that happened.
    pub figures: Vec<Figure>,
    /// Figures about a whole war or period rather than the reported events
    /// ("the conflict has killed more than 280,000 people since 2011"): kept
    /// apart so they are not read as the toll of the day; ids `c1`, `c2`, …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context_figures: Vec<Figure>,
    /// What happened, typed like ACLED.
    pub events: Vec<Event>,
}

impl Record {
    /// An empty record for document `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Record {
            format: FORMAT.to_string(),
            id: id.into(),
            language: None,
            published: None,
            outlet: None,
            title: None,
            url: None,
            text: None,
            actors: Vec::new(),
            places: Vec::new(),
            dates: Vec::new(),
            sources: Vec::new(),
            figures: Vec::new(),
            context_figures: Vec::new(),
            events: Vec::new(),
        }
    }
}

/// What kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A named person.
    Person,
    /// A non-state armed group.
    ArmedGroup,
    /// Armed forces, police, security services of a state.
    StateForce,
    /// A government or one of its civil institutions.
    Government,
    /// A news outlet or agency.
    Media,
    /// Any other organisation (NGO, UN agency, party, company).
    Organization,
    /// Anything else.
    Other,
}

/// A named or generic actor, with every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// `a1`, `a2`, …
    pub id: String,
    /// Canonical English name, one per real-world actor.
    pub name: String,
    /// What kind of actor.
    pub kind: ActorKind,
    /// Other names it is known by.
    // Shared: a dictionary actor's list is the same in every record that
    // names it, and is not copied for each.
    #[serde(default)]
    pub aliases: Arc<[String]>,
    /// Wikidata id (`Q…`) where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Id of the actor this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Every place in the text that names it.
    pub mentions: Vec<Span>,
}

/// A mention of a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlaceMention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words in the text.
    pub text: String,
    /// A demonym ("syrien", "Russian"): a mention of the country, never an event's place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demonym: bool,
    /// Where an organisation is based ("the London-based monitor", "une ONG
    /// basée à Londres", "headquartered in Geneva"): a toponym, but never an
    /// event's place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seat: bool,
}

/// A toponym, resolved when sitrep can; an unresolved one has no coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// `p1`, `p2`, …
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// GeoNames id, where the place comes from GeoNames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Latitude (WGS84).
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    #[serde(default)]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First-order administrative unit (governorate, province, oblast).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// GeoNames feature code (PPL, PPLX, ADM1, PCLI, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    /// UCDP precision: 1 exact place … 7 sea or airspace.
    #[serde(default)]
    pub where_prec: Option<u8>,
    /// Every mention of it.
    pub mentions: Vec<PlaceMention>,
}

/// TimeML TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2016-08-01`, `2016-W31`, `2016-08`, `2014`.
    Date,
    /// A time of day: `2016-08-01T04:00`, `2016-08-01TEV`.
    Time,
    /// A length of time: `P2M`, `PT20M`.
    Duration,
    /// A recurrence: `P1D` ("chaque jour"), `XXXX-WXX-1` ("tous les lundis").
    Set,
}

/// A temporal expression with its TimeML value and UCDP precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateMention {
    /// `d1`, `d2`, …
    pub id: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words in the text.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value; `X`s stand for what the text leaves open.
    pub value: String,
    /// TIMEX3 `mod`: `APPROX`, `START`, `MID`, `END`, `MORE_THAN`, `LESS_THAN`, …
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// UCDP precision: 1 day, 2 week, 3 month, 4 year, 5 more; only for
    /// resolved dates and times.
    #[serde(default)]
    pub date_prec: Option<u8>,
    /// The expression is relative and the document has no publication date,
    /// so its value is left open.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

impl DateMention {
    /// The last day of the period the value names (the day itself, the end
    /// of the month, of the year), for values with at least a known year.
    pub fn period_end(&self) -> Option<jiff::civil::Date> {
        self.period().map(|(_, end)| end)
    }

    /// The first and last day of the period the value names: a day
    /// (`2016-08-01`, also with a time), an ISO week (`2016-W31`), a month
    /// (`2016-08`) or a year (`2016`). Durations, seasons and
    /// `PRESENT_REF`-like values name no period: `None`.
    pub fn period(&self) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        use jiff::civil::{Date, ISOWeekDate, Weekday};
        let v = &self.value;
        let year: i16 = v.get(..4)?.parse().ok()?;
        let num = |r: std::ops::Range<usize>| v.get(r).and_then(|m| m.parse::<i8>().ok());
        if v.len() == 4 {
            return Some((Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?));
        }
        if v.as_bytes().get(4) != Some(&b'-') {
            return None;
        }
        if v.as_bytes().get(5) == Some(&b'W') {
            let week = num(6..8)?;
            let first = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
            let last = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
            return Some((first, last));
        }
        if v.len() == 7 {
            let first = Date::new(year, num(5..7)?, 1).ok()?;
            return Some((first, first.last_of_month()));
        }
        if v.len() >= 10 {
            // Most values are days written plainly ("2016-08-01"): their
            // digits are read without the date parser.
            let day = match plain_day(&v.as_bytes()[..10]) {
                Some(day) => day,
                None => v.get(..10)?.parse().ok()?,
            };
            return Some((day, day));
        }
        None
    }
}

/// The day `b` writes as `YYYY-MM-DD`, when it is one (else the date
/// parser decides).
fn plain_day(b: &[u8]) -> Option<jiff::civil::Date> {
    let digit = |k: usize| b.get(k).filter(|c| c.is_ascii_digit()).map(|c| i16::from(c - b'0'));
    let two = |k: usize| Some(digit(k)? * 10 + digit(k + 1)?);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = two(0)? * 100 + two(2)?;
    let month = i8::try_from(two(5)?).ok()?;
    let day = i8::try_from(two(8)?).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// What kind of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A named person.
    Person,
    /// A news outlet or agency.
    Media,
    /// A government body, army, NGO, UN agency.
    Institution,
    /// An unnamed source ("une source militaire syrienne").
    Anonymous,
    /// The document itself, when nobody else is cited.
    Document,
}

/// Who asserts what, with the words that attribute it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// `s1`, `s2`, …
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What kind of source.
    pub kind: SourceKind,
    /// The actor this source is, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The source that relays this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The attribution cue ("selon", "a-t-il précisé", "said").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    /// The attribution is hedged ("aurait", "reportedly").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
    /// What the source asserts: the attributed words (a quote, the clause
    /// after "selon X", what precedes "a déclaré X").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Span>,
    /// The event this attribution supports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// People killed.
    Killed,
    /// People wounded.
    Wounded,
    /// People missing.
    Missing,
    /// People captured, arrested, abducted.
    Captured,
    /// Fighters who surrendered.
    Surrendered,
    /// People evacuated or who reached safety.
    Evacuated,
    /// People displaced.
    Displaced,
    /// Things destroyed.
    Destroyed,
    /// Attacks, strikes, raids.
    Attacks,
    /// Anything else that happened.
    Other,
}

/// How a figure bounds the true number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The number as stated.
    Exact,
    /// "plus de", "at least".
    AtLeast,
    /// "jusqu'à", "up to".
    AtMost,
    /// "une soixantaine", "dozens", "environ".
    About,
    /// "between 10 and 15".
    Range,
}

/// A number that counts something that happened, with who claims it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    /// `f1`, `f2`, …
    pub id: String,
    /// What happened to what is counted.
    pub measure: Measure,
    /// Who or what is counted: `civilians`, `children`, `women`, `combatants`,
    /// `soldiers`, `people`, or for `destroyed` the thing in English singular.
    pub subject: String,
    /// The source's own word for the subject ("terroristes", "martyrs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Lowest value the text allows.
    pub low: Option<u64>,
    /// Best single value.
    pub best: Option<u64>,
    /// Highest value the text allows.
    pub high: Option<u64>,
    /// How the text bounds it.
    pub bound: Bound,
    /// The figure this one is a subset of.
    pub part_of: Option<String>,
    /// Where (a place id).
    pub place: Option<String>,
    /// When (a date id).
    pub date: Option<String>,
    /// Who claims it (a source id); absent only where the text gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The event it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// First character of the evidence.
    pub start: usize,
    /// One past the last character of the evidence.
    pub end: usize,
    /// The evidence.
    pub text: String,
}

/// ACLED's six event types, in ACLED's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum EventType {
    /// Battles.
    #[serde(rename = "Battles")]
    Battles,
    /// Explosions/Remote violence.
    #[serde(rename = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    /// Violence against civilians.
    #[serde(rename = "Violence against civilians")]
    ViolenceAgainstCivilians,
    /// Protests.
    #[serde(rename = "Protests")]
    Protests,
    /// Riots.
    #[serde(rename = "Riots")]
    Riots,
    /// Strategic developments.
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

/// ACLED's 25 sub-event types, in ACLED's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)] // each variant is ACLED's own name, given by its rename
pub enum SubEventType {
    #[serde(rename = "Armed clash")]
    ArmedClash,
    #[serde(rename = "Government regains territory")]
    GovernmentRegainsTerritory,
    #[serde(rename = "Non-state actor overtakes territory")]
    NonStateActorOvertakesTerritory,
    #[serde(rename = "Chemical weapon")]
    ChemicalWeapon,
    #[serde(rename = "Air/drone strike")]
    AirDroneStrike,
    #[serde(rename = "Suicide bomb")]
    SuicideBomb,
    #[serde(rename = "Shelling/artillery/missile attack")]
    ShellingArtilleryMissileAttack,
    #[serde(rename = "Remote explosive/landmine/IED")]
    RemoteExplosiveLandmineIed,
    #[serde(rename = "Grenade")]
    Grenade,
    #[serde(rename = "Sexual violence")]
    SexualViolence,
    #[serde(rename = "Attack")]
    Attack,
    #[serde(rename = "Abduction/forced disappearance")]
    AbductionForcedDisappearance,
    #[serde(rename = "Peaceful protest")]
    PeacefulProtest,
    #[serde(rename = "Protest with intervention")]
    ProtestWithIntervention,
    #[serde(rename = "Excessive force against protesters")]
    ExcessiveForceAgainstProtesters,
    #[serde(rename = "Violent demonstration")]
    ViolentDemonstration,
    #[serde(rename = "Mob violence")]
    MobViolence,
    #[serde(rename = "Agreement")]
    Agreement,
    #[serde(rename = "Arrests")]
    Arrests,
    #[serde(rename = "Change to group/activity")]
    ChangeToGroupActivity,
    #[serde(rename = "Disrupted weapons use")]
    DisruptedWeaponsUse,
    #[serde(rename = "Headquarters or base established")]
    HeadquartersOrBaseEstablished,
    #[serde(rename = "Looting/property destruction")]
    LootingPropertyDestruction,
    #[serde(rename = "Non-violent transfer of territory")]
    NonViolentTransferOfTerritory,
    #[serde(rename = "Other")]
    Other,
}

impl SubEventType {
    /// Every sub-event type, in ACLED's codebook order.
    pub const ALL: [SubEventType; 25] = {
        use SubEventType::*;
        [
            ArmedClash,
            GovernmentRegainsTerritory,
            NonStateActorOvertakesTerritory,
            ChemicalWeapon,
            AirDroneStrike,
            SuicideBomb,
            ShellingArtilleryMissileAttack,
            RemoteExplosiveLandmineIed,
            Grenade,
            SexualViolence,
            Attack,
            AbductionForcedDisappearance,
            PeacefulProtest,
            ProtestWithIntervention,
            ExcessiveForceAgainstProtesters,
            ViolentDemonstration,
            MobViolence,
            Agreement,
            Arrests,
            ChangeToGroupActivity,
            DisruptedWeaponsUse,
            HeadquartersOrBaseEstablished,
            LootingPropertyDestruction,
            NonViolentTransferOfTerritory,
            Other,
        ]
    };

    /// The event type this sub-event type belongs to.
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => EventType::Battles,
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => EventType::ViolenceAgainstCivilians,
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => {
                EventType::Protests
            }
            ViolentDemonstration | MobViolence => EventType::Riots,
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }
}

/// How violence was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the names say it
pub enum Mode {
    Aerial,
    Shelling,
    SuicideAttack,
    Explosive,
    Chemical,
    Firearms,
    Execution,
    Abduction,
    Siege,
    Evacuation,
    Surrender,
    Other,
}

/// Whether the event happened as told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It happened (the default).
    Happened,
    /// It was attempted and failed ("ne sont pas parvenues à prendre").
    Failed,
    /// Announced, threatened or promised, not (yet) happened.
    Announced,
    /// History recalled, not the news of the day.
    Past,
    /// Denied by the text.
    Denied,
}

/// What happened, typed like ACLED, with its arguments and evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// `e1`, `e2`, …
    pub id: String,
    /// ACLED event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// ACLED sub-event type.
    pub sub_type: SubEventType,
    /// How.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Where (a place id).
    pub place: Option<String>,
    /// When (a date id).
    pub date: Option<String>,
    /// Who did it (actor ids).
    #[serde(default)]
    pub actors: Vec<String>,
    /// Who it was done to (actor ids).
    #[serde(default)]
    pub targets: Vec<String>,
    /// Its figures (figure ids).
    #[serde(default)]
    pub figures: Vec<String>,
    /// Who reports it (source ids).
    #[serde(default)]
    pub sources: Vec<String>,
    /// The one event the report is mainly about.
    #[serde(default)]
    pub lead: bool,
    /// Whether it happened as told; absent means it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Across documents: events that describe the same happening share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    /// The words that tell it.
    pub evidence: Vec<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(value: &str) -> DateMention {
        DateMention {
            id: "d1".into(),
            start: 0,
            end: 1,
            text: "x".into(),
            kind: TimexType::Date,
            value: value.into(),
            modifier: None,
            date_prec: None,
            unresolved: false,
        }
    }

    fn period(value: &str) -> Option<(String, String)> {
        mention(value).period().map(|(a, b)| (a.to_string(), b.to_string()))
    }

    #[test]
    fn periods_of_values() {
        let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(period("2016-08-01"), p("2016-08-01", "2016-08-01"));
        assert_eq!(period("2016-08-01T04:00"), p("2016-08-01", "2016-08-01"));
        assert_eq!(period("2016-02"), p("2016-02-01", "2016-02-29"));
        assert_eq!(period("2016"), p("2016-01-01", "2016-12-31"));
        assert_eq!(period("2016-W31"), p("2016-08-01", "2016-08-07"));
        assert_eq!(period("P2M"), None);
        assert_eq!(period("PRESENT_REF"), None);
        assert_eq!(period("2016-SU"), None);
    }

    #[test]
    fn plain_days_read_as_parsed() {
        for v in
            ["2016-08-01", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2016-13-01", "2016-00-10"]
        {
            assert_eq!(super::plain_day(v.as_bytes()), v.parse().ok(), "{v}");
        }
        for v in ["2016-8-01x", "2016/08/01", "20160801TM"] {
            assert_eq!(super::plain_day(v.as_bytes()), None, "{v}");
        }
    }

    #[test]
    fn item_ids_are_the_formatted_ones() {
        for n in [0, 1, 9, 10, 12, 99, 100, 4_096, usize::MAX] {
            assert_eq!(super::item_id('x', n), format!("x{n}"));
        }
        assert_eq!(super::item_id('é', 7), "é7");
    }
}
