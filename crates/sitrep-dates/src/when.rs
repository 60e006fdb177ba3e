//! What a temporal expression says, before it is anchored to a date.

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
    Weekend,
}

impl Unit {
    pub(crate) fn from_code(s: &str) -> Option<Unit> {
        Some(match s {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "WE" => Unit::Weekend,
            _ => return None,
        })
    }

    /// The letter TimeML durations use (`P2M`, `PT20M`), and whether it
    /// goes after the `T`.
    pub(crate) fn duration_code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week | Unit::Weekend => ("W", false),
            Unit::Month => ("M", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// Which way an expression without a year or week points in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// "lundi dernier", "last Monday": on or before the anchor.
    Past,
    /// "lundi prochain", "next Monday": after the anchor.
    Future,
    /// Nothing said: news convention (the most recent such day) unless the
    /// tense of the clause points ahead.
    Unsaid,
}

/// A year as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSpec {
    /// "2016", "98" (already expanded to 1998).
    Abs(i32),
    /// Not given: inferred from the anchor and the direction.
    Infer(Dir),
    /// Relative to the anchor's year: "l'an dernier" = -1.
    Rel(i32),
    /// Generic: "en été" (every summer), written `XXXX`.
    Generic,
}

/// What an expression means, relative or absolute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum When {
    /// A calendar date or a part of one: "1er août 2016", "août 2016",
    /// "le 6 mai dernier", "juin prochain". A weekday given with it helps
    /// choose the year when none is written.
    Calendar { year: YearSpec, month: Option<u8>, day: Option<u8>, weekday: Option<u8> },
    /// A day counted from the anchor: "hier" = -1.
    DayOffset(i32),
    /// A weekday: "lundi", "ce lundi", "last Monday".
    Weekday { day: u8, dir: Dir },
    /// A weekday of a week counted from the anchor's: "Thursday last week"
    /// (-1), "lundi de la semaine prochaine" (+1).
    WeekdayOfWeek { day: u8, weeks: i64 },
    /// The anchor shifted by whole units, at that unit's precision:
    /// "la semaine dernière" (-1 week), "il y a deux jours" (-2 days),
    /// "cette année" (0 years).
    Shift { n: i64, unit: Unit },
    /// "il y a quelques jours": some time back, at the unit's precision.
    ShiftUnknown { past: bool },
    /// A decade ("les années 60" = 196) or a century (19 = the 1900s).
    Decade(i32),
    /// A season: "l'été 2016", "cet été", "en hiver".
    Season { season: &'static str, year: YearSpec },
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// A length of time; `n` is `None` for an unstated amount (`PXD`).
    Duration { n: Option<f64>, unit: Unit },
    /// A recurrence, already in TimeML form (`P1D`, `XXXX-WXX-1`).
    Set(String),
    /// A time of day on some day: `day` is that day's expression, or `None`
    /// when the sentence or the document must supply it.
    Time { day: Option<Box<When>>, clock: Clock },
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clock {
    /// Hours and minutes.
    At(u8, u8),
    /// A TimeML part of day: MO, MI, AF, EV, NI.
    Part(&'static str),
}
