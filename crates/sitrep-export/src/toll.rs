//! An event's death toll from its killed figures, source by source, never
//! averaged: the rules ACLED's `fatalities` and UCDP's `low`/`best`/`high`
//! are filled by.

use sitrep_core::{Bound, Figure, Measure};

/// What one source says was killed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceToll {
    /// The asserting source's id (`None`: figures the text gives no source for).
    pub source: Option<String>,
    pub low: u64,
    pub best: u64,
    pub high: u64,
    /// ACLED's count: a range's low end, else the best value.
    pub conservative: u64,
    /// Best values by subject (`civilians`, `soldiers`, …), summing to `best`.
    pub by_subject: Vec<(String, u64)>,
}

/// An event's killed figures, one total per source, the lead source first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Toll {
    pub per_source: Vec<SourceToll>,
}

impl Toll {
    /// Tallies `figures` (an event's), ordering sources as `event_sources`
    /// lists them, then in the order their figures come.
    ///
    /// Only `killed` figures count. A figure that is a subset of another
    /// killed figure of the event ("3 civilians, including a woman") is not
    /// counted again. One source naming the same subject twice is counted
    /// once, with its larger figure (a repeated mention, not a second toll).
    pub fn new(figures: &[&Figure], event_sources: &[String]) -> Self {
        let killed: Vec<&Figure> = figures.iter().copied().filter(|f| f.measure == Measure::Killed).collect();
        let counted = killed
            .iter()
            .filter(|f| f.part_of.as_deref().is_none_or(|parent| !killed.iter().any(|k| k.id == parent)));
        // (source, subject) → (low, best, high, conservative), the larger best kept.
        let mut cells: Vec<(Option<String>, String, [u64; 4])> = Vec::new();
        for f in counted {
            let Some(v) = values(f) else { continue };
            match cells.iter_mut().find(|(s, subj, _)| *s == f.source && *subj == f.subject) {
                Some(cell) if cell.2[1] < v[1] => cell.2 = v,
                Some(_) => {}
                None => cells.push((f.source.clone(), f.subject.clone(), v)),
            }
        }
        let mut per_source: Vec<SourceToll> = Vec::new();
        for (source, subject, [low, best, high, conservative]) in cells {
            let t = match per_source.iter_mut().find(|t| t.source == source) {
                Some(t) => t,
                None => {
                    per_source.push(SourceToll {
                        source,
                        low: 0,
                        best: 0,
                        high: 0,
                        conservative: 0,
                        by_subject: Vec::new(),
                    });
                    let last = per_source.len() - 1;
                    &mut per_source[last]
                }
            };
            t.low += low;
            t.best += best;
            t.high += high;
            t.conservative += conservative;
            t.by_subject.push((subject, best));
        }
        // Sources the event lists come first, in its order; the sort is stable.
        let rank = |s: &Option<String>| {
            s.as_ref().and_then(|s| event_sources.iter().position(|e| e == s)).unwrap_or(usize::MAX)
        };
        per_source.sort_by_key(|t| rank(&t.source));
        Toll { per_source }
    }

    /// The source whose figures give `best`.
    pub fn lead(&self) -> Option<&SourceToll> {
        self.per_source.first()
    }

    /// The lowest low any source gives.
    pub fn low(&self) -> Option<u64> {
        self.per_source.iter().map(|t| t.low).min()
    }

    /// The lead source's best.
    pub fn best(&self) -> Option<u64> {
        self.lead().map(|t| t.best)
    }

    /// The highest high any source gives.
    pub fn high(&self) -> Option<u64> {
        self.per_source.iter().map(|t| t.high).max()
    }

    /// ACLED's `fatalities`: the most conservative source's count, 0 when
    /// no source reports deaths.
    pub fn acled_fatalities(&self) -> u64 {
        self.per_source.iter().map(|t| t.conservative).min().unwrap_or(0)
    }
}

/// `[low, best, high, conservative]` of a figure, with `low ≤ best ≤ high`;
/// `None` when it holds no number.
fn values(f: &Figure) -> Option<[u64; 4]> {
    let best = f.best.or(f.low).or(f.high)?;
    let low = f.low.unwrap_or(best).min(best);
    let high = f.high.unwrap_or(best).max(best);
    let conservative = if f.bound == Bound::Range { low } else { best };
    Some([low, best, high, conservative])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(id: &str, subject: &str, low: u64, best: u64, high: Option<u64>, source: &str) -> Figure {
        Figure {
            id: id.into(),
            measure: Measure::Killed,
            subject: subject.into(),
            label: None,
            low: Some(low),
            best: Some(best),
            high,
            bound: if high.is_some() { Bound::Range } else { Bound::Exact },
            part_of: None,
            place: None,
            date: None,
            source: Some(source.into()),
            event: None,
            start: 0,
            end: 0,
            text: String::new(),
        }
    }

    #[test]
    fn several_sources_are_never_averaged() {
        let a = fig("f1", "civilians", 18, 18, None, "s1");
        let b = fig("f2", "civilians", 20, 25, Some(30), "s2");
        let mut child = fig("f3", "children", 6, 6, None, "s2");
        child.part_of = Some("f2".into());
        let soldiers = fig("f4", "soldiers", 4, 4, None, "s2");
        let figs = [&a, &b, &child, &soldiers];
        // s2 listed first by the event: it leads.
        let t = Toll::new(&figs, &["s2".into(), "s1".into()]);
        assert_eq!((t.low(), t.best(), t.high()), (Some(18), Some(29), Some(34)));
        assert_eq!(t.acled_fatalities(), 18); // s1's 18 against s2's 20 + 4
        let lead = t.lead().expect("a lead source");
        assert_eq!(lead.by_subject, vec![("civilians".to_string(), 25), ("soldiers".to_string(), 4)]);
        // s1 first: its best leads, the range still spans both.
        let t = Toll::new(&figs, &["s1".into()]);
        assert_eq!((t.low(), t.best(), t.high()), (Some(18), Some(18), Some(34)));
    }

    #[test]
    fn repeated_mentions_and_other_measures() {
        let a = fig("f1", "civilians", 12, 12, None, "s1");
        let again = fig("f2", "civilians", 12, 12, None, "s1");
        let mut wounded = fig("f3", "civilians", 40, 40, None, "s1");
        wounded.measure = Measure::Wounded;
        let t = Toll::new(&[&a, &again, &wounded], &[]);
        assert_eq!((t.low(), t.best(), t.high()), (Some(12), Some(12), Some(12)));
        assert_eq!(Toll::new(&[&wounded], &[]).best(), None);
        assert_eq!(Toll::new(&[&wounded], &[]).acled_fatalities(), 0);
    }
}
