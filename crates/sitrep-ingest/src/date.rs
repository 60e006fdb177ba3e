//! Publication dates as pages and feeds write them, made into what
//! `InputDoc.published` takes (an ISO date or an RFC 3339 time), keeping the
//! publisher's own offset: "Wed, 22 Mar 2017 00:30:00 +0200" is the 22nd,
//! not the 21st in UTC, and relative dates in the text count from that day.

use jiff::fmt::rfc2822;
use sitrep_core::Published;

use crate::error::Warning;

/// `raw` as an ISO date or RFC 3339 time, or `None` if it is not a date.
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    // ISO 8601 / RFC 3339 as written: "2017-03-22", "2017-03-22T10:30:00+02:00".
    if Published::parse(s).is_some() {
        return Some(s.to_string());
    }
    // RFC 2822 (RSS): "Wed, 22 Mar 2017 10:30:00 +0200". Feeds often get the
    // weekday wrong, which the format makes an error: retry without it.
    let zoned = rfc2822::parse(s).ok().or_else(|| {
        let (_, rest) = s.split_once(", ")?;
        rfc2822::parse(rest.trim()).ok()
    })?;
    let out = zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    Published::parse(&out).map(|_| out)
}

/// The first readable date among `candidates` (field name, value as
/// written), with a warning for each unreadable one met on the way.
pub(crate) fn first_date<'a>(
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    for (field, value) in candidates {
        if value.trim().is_empty() {
            continue;
        }
        match normalize(value) {
            Some(d) => return Some(d),
            None => warnings.push(Warning::BadDate { field: field.to_string(), value: value.to_string() }),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_the_publishers_day() {
        assert_eq!(normalize(" 2017-03-22 ").as_deref(), Some("2017-03-22"));
        assert_eq!(normalize("2017-03-22T10:30:00.000Z").as_deref(), Some("2017-03-22T10:30:00.000Z"));
        assert_eq!(
            normalize("Wed, 22 Mar 2017 00:30:00 +0200").as_deref(),
            Some("2017-03-22T00:30:00+02:00")
        );
        assert_eq!(normalize("22 Mar 2017 10:30:00 GMT").as_deref(), Some("2017-03-22T10:30:00+00:00"));
        // Wrong weekday (the 22nd was a Wednesday).
        assert_eq!(
            normalize("Mon, 22 Mar 2017 10:30:00 +0000").as_deref(),
            Some("2017-03-22T10:30:00+00:00")
        );
        assert_eq!(normalize("hier soir"), None);
        assert_eq!(normalize("2017-02-30"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn bad_dates_are_named() {
        let mut w = Vec::new();
        let d = first_date([("pubDate", "demain"), ("updated", "2017-03-23")], &mut w);
        assert_eq!(d.as_deref(), Some("2017-03-23"));
        assert_eq!(w, [Warning::BadDate { field: "pubDate".into(), value: "demain".into() }]);
    }
}
