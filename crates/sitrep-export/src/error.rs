//! What can go wrong, each message saying what to do about it.

/// Writing an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output could not be written.
    #[error("cannot write the export: {0} (check that the output is writable and the disk is not full)")]
    Io(#[from] std::io::Error),
    /// A CSV row could not be written.
    #[error("cannot write a CSV row: {0} (check that the output is writable and the disk is not full)")]
    Csv(#[from] csv::Error),
    /// A record or feature could not be serialised as JSON.
    #[error("cannot write record {id} as JSON: {source} (the record holds a value JSON cannot carry)")]
    Json {
        /// The record's id.
        id: String,
        /// What serde_json said.
        source: serde_json::Error,
    },
}

/// A filter argument could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// A bounding box that is not four numbers in range.
    #[error(
        "bounding box {input:?}: {why}; give min_lon,min_lat,max_lon,max_lat in degrees, e.g. \"35,36,38,37\""
    )]
    Bbox {
        /// What was given.
        input: String,
        /// What is wrong with it.
        why: String,
    },
    /// A date that is not a calendar date.
    #[error("date {input:?}: {why}; give a calendar date as YYYY-MM-DD, e.g. 2016-08-01")]
    Date {
        /// What was given.
        input: String,
        /// What is wrong with it.
        why: String,
    },
    /// A country that is not an ISO 3166-1 alpha-2 code.
    #[error(
        "country {0:?} is not an ISO 3166-1 alpha-2 code; give two letters, e.g. SY for Syria, UA for Ukraine"
    )]
    Country(String),
    /// A sub-event type that is not one of ACLED's.
    #[error("{input:?} is not an ACLED sub-event type; give one of: {known}")]
    SubType {
        /// What was given.
        input: String,
        /// The accepted names.
        known: String,
    },
}

/// An export format name that is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}; give one of: jsonl, acled-csv, ucdp-csv, geojson")]
pub struct FormatError(pub String);
