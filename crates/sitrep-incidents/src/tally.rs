//! What each source claims about an incident, figure by figure.
//!
//! For each measure and subject ("killed", "civilians") an incident keeps
//! every source's claim and the range they span: `low` is the smallest
//! number any source gives, `high` the largest. `best` is given only when
//! every source that counts agrees; when they disagree it is absent and the
//! claims say who says what. Nothing is averaged, no source silently wins.

use serde::Serialize;
use sitrep_core::{Bound, Measure, Record};

/// One source's number in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Who says so: the figure's source, or the outlet when the report
    /// gives none (the outlet then asserts it itself).
    pub source: String,
    /// The document's key.
    pub doc: String,
    /// The outlet that published the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The figure's id in the document's record.
    pub figure: String,
    /// Smallest value the claim allows.
    pub low: Option<u64>,
    /// The claimed number.
    pub best: Option<u64>,
    /// Largest value the claim allows.
    pub high: Option<u64>,
    /// How the number bounds the truth.
    pub bound: Bound,
    /// The words of the figure.
    pub text: String,
}

/// Every claim about one measure and subject of an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    /// What happened to those counted.
    pub measure: Measure,
    /// Who is counted.
    pub subject: String,
    /// The smallest number any source gives.
    pub low: Option<u64>,
    /// The number, when all sources agree on it.
    pub best: Option<u64>,
    /// The largest number any source gives.
    pub high: Option<u64>,
    /// Sources give different numbers.
    pub disputed: bool,
    /// The claims, in the order of their documents.
    pub claims: Vec<Claim>,
}

/// The claims of one event of a record (its figures that are not context).
pub fn claims_of(record: &Record, doc: &str, event: &str) -> Vec<(Measure, String, Claim)> {
    let Some(e) = record.events.iter().find(|e| e.id == event) else { return vec![] };
    let mut out = Vec::new();
    for f in record.figures.iter().filter(|f| e.figures.contains(&f.id)) {
        let source = f
            .source
            .as_ref()
            .and_then(|id| record.sources.iter().find(|s| &s.id == id))
            .map(|s| s.name.clone())
            .or_else(|| record.outlet.clone())
            .unwrap_or_else(|| "the report".to_string());
        out.push((
            f.measure,
            f.subject.clone(),
            Claim {
                source,
                doc: doc.to_string(),
                outlet: record.outlet.clone(),
                figure: f.id.clone(),
                low: f.low,
                best: f.best,
                high: f.high,
                bound: f.bound,
                text: f.text.clone(),
            },
        ));
    }
    out
}

/// Groups claims by measure and subject, in first-seen order. The same
/// numbers from the same source in the same document count once.
pub fn tally(claims: impl IntoIterator<Item = (Measure, String, Claim)>) -> Vec<Tally> {
    let mut out: Vec<Tally> = Vec::new();
    for (measure, subject, claim) in claims {
        let i = match out.iter().position(|t| t.measure == measure && t.subject == subject) {
            Some(i) => i,
            None => {
                out.push(Tally {
                    measure,
                    subject,
                    low: None,
                    best: None,
                    high: None,
                    disputed: false,
                    claims: vec![],
                });
                out.len() - 1
            }
        };
        // A headline repeating the body's number is one claim, not two.
        let repeated = out[i].claims.iter().any(|c| {
            c.source == claim.source
                && c.doc == claim.doc
                && (c.low, c.best, c.high) == (claim.low, claim.best, claim.high)
        });
        if !repeated {
            out[i].claims.push(claim);
        }
    }
    for t in &mut out {
        let lows = t.claims.iter().filter_map(|c| c.low.or(c.best).or(c.high));
        let highs = t.claims.iter().filter_map(|c| c.high.or(c.best).or(c.low));
        t.low = lows.min();
        t.high = highs.max();
        let mut bests = t.claims.iter().filter_map(|c| c.best);
        let first = bests.next();
        t.disputed = bests.any(|b| Some(b) != first);
        t.best = if t.disputed { None } else { first };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(source: &str, best: u64, bound: Bound) -> Claim {
        Claim {
            source: source.into(),
            doc: format!("doc-{source}"),
            outlet: None,
            figure: "f1".into(),
            low: (bound == Bound::AtLeast).then_some(best),
            best: Some(best),
            high: None,
            bound,
            text: best.to_string(),
        }
    }

    #[test]
    fn disagreement_is_kept_not_averaged() {
        let t = tally(vec![
            (Measure::Killed, "civilians".to_string(), claim("SOHR", 10, Bound::AtLeast)),
            (Measure::Killed, "civilians".to_string(), claim("SANA", 4, Bound::Exact)),
            (Measure::Wounded, "people".to_string(), claim("SOHR", 30, Bound::Exact)),
        ]);
        assert_eq!(t.len(), 2);
        let killed = &t[0];
        assert_eq!((killed.low, killed.best, killed.high), (Some(4), None, Some(10)));
        assert!(killed.disputed);
        assert_eq!(killed.claims.len(), 2);
        let wounded = &t[1];
        assert_eq!((wounded.low, wounded.best, wounded.high), (Some(30), Some(30), Some(30)));
        assert!(!wounded.disputed);
    }

    #[test]
    fn a_repeated_number_is_one_claim() {
        let mut headline = claim("AFP", 14, Bound::Exact);
        headline.figure = "f1".into();
        let mut body = claim("AFP", 14, Bound::Exact);
        body.figure = "f2".into();
        let t = tally(vec![
            (Measure::Killed, "people".to_string(), headline),
            (Measure::Killed, "people".to_string(), body),
        ]);
        assert_eq!(t[0].claims.len(), 1);
        assert_eq!(t[0].claims[0].figure, "f1");
    }

    #[test]
    fn agreement_gives_a_best() {
        let t = tally(vec![
            (Measure::Killed, "people".to_string(), claim("AFP", 14, Bound::Exact)),
            (Measure::Killed, "people".to_string(), claim("Reuters", 14, Bound::Exact)),
        ]);
        assert_eq!(t[0].best, Some(14));
        assert!(!t[0].disputed);
    }
}
