//! `jsonl`: the records themselves, one per line, unchanged.

use std::io::Write;

use sitrep_core::Record;

use crate::error::ExportError;

/// Writes records as JSON Lines, byte for byte `serde_json::to_string(&record)`.
pub(crate) struct JsonlWriter<W: Write> {
    out: W,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out }
    }

    pub fn write(&mut self, r: &Record) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, r)
            .map_err(|source| ExportError::Json { id: r.id.clone(), source })?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), ExportError> {
        self.out.flush()?;
        Ok(())
    }
}
