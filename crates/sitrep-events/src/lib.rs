//! What happened: events typed with ACLED's six event types and 25
//! sub-event types (in ACLED's spelling; `data/acled-codebook.toml`), with
//! how (`mode`), who did it to whom, where, when, the figures and sources
//! that go with them, whether they happened as told (`status`: failed,
//! announced, past, denied), and the one event the report is mainly about.
//!
//! Triggers are words per language (`data/<lang>.toml`); a change of
//! territory is typed by who takes the ground ("les milices ont occupé" is
//! a non-state actor overtaking territory; "les forces gouvernementales ont
//! dû battre en retraite" too, from the other side); a failed attempt ("ne
//! sont pas parvenues à prendre") is a clash.
//!
//! ```
//! use sitrep_core::{Doc, InputDoc, Stage, SubEventType};
//!
//! let (doc, _) = Doc::new(InputDoc {
//!     text: Some("Hier, les terroristes ont exécuté quatre personnes à Alep.".into()),
//!     language: Some("fr".into()),
//!     published: Some("2016-08-01".into()),
//!     ..Default::default()
//! });
//! let mut record = doc.empty_record();
//! sitrep_events::EventStage::new().run(&doc, &mut record);
//! assert_eq!(record.events[0].sub_type, SubEventType::Attack);
//! assert!(record.events[0].lead);
//! ```

mod detect;
mod lexicon;

use sitrep_core::{Doc, Record, Stage};

use crate::lexicon::Lexicon;

/// The event stage: fills `events` (runs last: it ties every section together).
pub struct EventStage {
    lex: Vec<(&'static str, Lexicon)>,
}

impl Default for EventStage {
    fn default() -> Self {
        Self::new()
    }
}

impl EventStage {
    /// Loads every language's triggers.
    pub fn new() -> Self {
        EventStage { lex: Lexicon::load_all() }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &Doc, record: &mut Record) {
        let Some(lex) = sitrep_core::for_language(&self.lex, doc) else { return };
        detect::events(doc, lex, record);
    }
}
