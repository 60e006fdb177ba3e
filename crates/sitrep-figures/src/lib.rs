//! How many: every number that counts something that happened, with what
//! happened (`measure`), to whom or what (`subject`, and the source's own
//! word as `label`), its bounds, the figure it is a subset of, and where,
//! when and who claims it.
//!
//! Approximations follow one documented convention: a round-number noun
//! ("une soixantaine", "about 60") is `about` with low and high at ±10 %;
//! its plural ("des dizaines", "dozens", "hundreds") is `at_least` the unit
//! (10, 12, 100), as ACLED reads "dozens" as 12.
//!
//! ```
//! use sitrep_core::{Doc, InputDoc, Measure, Stage};
//!
//! let (doc, _) = Doc::new(InputDoc {
//!     text: Some("Plus de 800 terroristes ont été éliminés et 14 chars ont été détruits.".into()),
//!     language: Some("fr".into()),
//!     ..Default::default()
//! });
//! let mut record = doc.empty_record();
//! sitrep_figures::FigureStage::new().run(&doc, &mut record);
//! let f = &record.figures[0];
//! assert_eq!((f.measure, f.subject.as_str(), f.low), (Measure::Killed, "combatants", Some(800)));
//! assert_eq!(record.figures[1].subject, "tank");
//! ```

mod extract;
mod lexicon;

use sitrep_core::{Doc, Record, Stage};

use crate::lexicon::Lexicon;

/// The figure stage: fills `figures` and `context_figures` (runs after
/// dates, places and sources, which it ties figures to).
pub struct FigureStage {
    lex: Vec<(&'static str, Lexicon)>,
}

impl Default for FigureStage {
    fn default() -> Self {
        Self::new()
    }
}

impl FigureStage {
    /// Loads every language's words.
    pub fn new() -> Self {
        FigureStage { lex: Lexicon::load_all() }
    }
}

impl Stage for FigureStage {
    fn name(&self) -> &'static str {
        "figures"
    }

    fn run(&self, doc: &Doc, record: &mut Record) {
        let Some(lex) = sitrep_core::for_language(&self.lex, doc) else { return };
        let (main, context) = extract::figures(&doc.text, lex, record);
        record.figures = main;
        record.context_figures = context;
    }
}
