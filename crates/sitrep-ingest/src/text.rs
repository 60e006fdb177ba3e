//! Plain text and Markdown: one document per file, read whole up to the
//! size limit, its metadata from [`Meta`].

use std::io::Read;

use sitrep_core::InputDoc;

use crate::error::{ReadError, Warning};
use crate::item::{Item, Limits, Meta, Origin};

/// Reads one text document from `reader`.
pub(crate) fn read(name: &str, reader: impl Read, meta: &Meta, limits: Limits) -> Item {
    let origin = Origin::file(name);
    let (bytes, mut warnings) = match read_whole(reader, limits) {
        Ok(read) => read,
        Err(e) => return Item::error(origin, e),
    };
    let text = decode_utf8(bytes, &mut warnings);
    let doc = InputDoc {
        id: meta.id.clone(),
        text: Some(text),
        published: meta.published.clone(),
        language: meta.language.clone(),
        outlet: meta.outlet.clone(),
        ..Default::default()
    };
    Item::doc(origin, doc, warnings)
}

/// Reads a whole-file document, refusing one over the limit without loading
/// it. A stream cut short (a truncated gzip file) keeps what was read, with
/// a warning.
pub(crate) fn read_whole(reader: impl Read, limits: Limits) -> Result<(Vec<u8>, Vec<Warning>), ReadError> {
    let mut bytes = Vec::new();
    let limit = limits.max_doc_bytes as u64;
    let mut warnings = Vec::new();
    // One byte over the limit tells an over-long file from one just at it.
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        if e.kind() != std::io::ErrorKind::UnexpectedEof || bytes.is_empty() {
            return Err(ReadError::Io(e));
        }
        warnings.push(Warning::Truncated(e.to_string()));
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::FileTooLarge { limit: limits.max_doc_bytes });
    }
    Ok((bytes, warnings))
}

/// UTF-8, with bad bytes replaced and a warning saying where the first was.
pub(crate) fn decode_utf8(bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(Warning::InvalidUtf8 { at });
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}
