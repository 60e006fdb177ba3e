//! The extraction pipeline: a document in, a sitrep/1 record out.
//!
//! The stages and their order are declared once, in [`STAGES`]; each reads
//! what the ones before it wrote (figures need sources, events need
//! everything). An [`Extractor`] builds every stage once and is shared by
//! all threads.
//!
//! ```
//! use sitrep_core::InputDoc;
//! use sitrep_extract::Extractor;
//!
//! let extractor = Extractor::new(&Default::default()).unwrap();
//! let input = InputDoc {
//!     text: Some("Hier, l'armée a repris le quartier.".into()),
//!     published: Some("2016-08-01".into()),
//!     language: Some("fr".into()),
//!     ..Default::default()
//! };
//! let (record, warnings) = extractor.extract(input);
//! assert!(warnings.is_empty());
//! assert_eq!(record.dates[0].value, "2016-07-31");
//! ```

use std::path::PathBuf;

use sitrep_actors::{ActorStage, SourceStage};
use sitrep_core::{Doc, DocWarning, InputDoc, Record, Stage};
use sitrep_dates::DateStage;
use sitrep_events::EventStage;
use sitrep_figures::FigureStage;
use sitrep_places::PlaceStage;

/// How to build the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Run only these stages (by name); all when `None`.
    pub only: Option<Vec<String>>,
    /// Gazetteers imported by the user, consulted after the embedded one.
    pub gazetteers: Vec<PathBuf>,
}

/// A stage constructor.
type Build = fn(&Config) -> Result<Box<dyn Stage>, ExtractError>;

/// The pipeline, in order. Adding an extractor is one line here.
pub const STAGES: &[(&str, Build)] = &[
    ("dates", |_| Ok(Box::new(DateStage::new()))),
    ("actors", |_| Ok(Box::new(ActorStage::new()))),
    ("places", |c| Ok(Box::new(PlaceStage::new(&c.gazetteers)?))),
    ("sources", |_| Ok(Box::new(SourceStage::new()))),
    ("figures", |_| Ok(Box::new(FigureStage::new()))),
    ("events", |_| Ok(Box::new(EventStage::new()))),
];

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// `--stages` named a stage that does not exist.
    #[error("unknown stage {0:?}; the stages are: {1}")]
    UnknownStage(String, String),
    /// The place stage could not load a gazetteer.
    #[error(transparent)]
    Places(#[from] sitrep_places::PlaceError),
}

/// The built pipeline.
pub struct Extractor {
    stages: Vec<Box<dyn Stage>>,
}

impl Extractor {
    /// Builds every stage (or those `config.only` names).
    pub fn new(config: &Config) -> Result<Self, ExtractError> {
        if let Some(only) = &config.only {
            for name in only {
                if !STAGES.iter().any(|(n, _)| n == name) {
                    let all: Vec<&str> = STAGES.iter().map(|(n, _)| *n).collect();
                    return Err(ExtractError::UnknownStage(name.clone(), all.join(", ")));
                }
            }
        }
        let stages = STAGES
            .iter()
            .filter(|(name, _)| config.only.as_ref().is_none_or(|o| o.iter().any(|n| n == name)))
            .map(|(_, build)| build(config))
            .collect::<Result<_, _>>()?;
        Ok(Extractor { stages })
    }

    /// Names of the stages this extractor runs, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Reads one input document.
    pub fn extract(&self, input: InputDoc) -> (Record, Vec<DocWarning>) {
        let (doc, warnings) = Doc::new(input);
        (self.extract_doc(&doc), warnings)
    }

    /// Runs every stage on an analysed document.
    pub fn extract_doc(&self, doc: &Doc) -> Record {
        let mut record = doc.empty_record();
        for stage in &self.stages {
            stage.run(doc, &mut record);
        }
        record
    }
}
