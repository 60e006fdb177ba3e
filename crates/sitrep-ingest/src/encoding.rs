//! The character encoding of an HTML page, as a browser would pick it: a
//! byte order mark, else the HTTP header's charset, else the page's own
//! `<meta charset>` (or `http-equiv` Content-Type) in its first bytes, else
//! UTF-8 when the bytes are valid UTF-8, else a guess by chardetng. A
//! declared UTF-8 that the bytes contradict is replaced by the guess, with a
//! warning: legacy pages often lie about it.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use crate::error::Warning;
use crate::kind::find_ci;

/// How far into a page to look for `<meta charset>`: the HTML standard's
/// prescan looks at 1024 bytes; pages with long comments or scripts first
/// put it later, so look further.
const PRESCAN_BYTES: usize = 8192;

/// `bytes` decoded to text, with warnings for guesses and bad bytes.
/// `http_charset` is the charset of an HTTP Content-Type header (WARC);
/// `tld` helps the guess (`b"fr"`).
pub(crate) fn decode_html(
    bytes: &[u8],
    http_charset: Option<&str>,
    tld: Option<&[u8]>,
) -> (String, Vec<Warning>) {
    let mut warnings = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return (decode(enc, &bytes[bom_len..], &mut warnings), warnings);
    }
    let declared_label = http_charset.map(str::to_string).or_else(|| meta_charset(bytes));
    let declared = declared_label.as_deref().and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    let enc = match declared {
        // A page is never really UTF-16 when its bytes were readable ASCII
        // enough to find the declaration (the HTML standard says the same).
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => UTF_8,
        Some(enc) if enc == UTF_8 && std::str::from_utf8(bytes).is_err() => {
            let guess = guess(bytes, tld);
            warnings.push(Warning::GuessedEncoding {
                why: "the page says UTF-8 but is not".into(),
                used: guess.name(),
            });
            guess
        }
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => {
            let guess = guess(bytes, tld);
            let why = match &declared_label {
                Some(l) => format!("unknown charset {l:?}"),
                None => "no charset declared and not UTF-8".into(),
            };
            warnings.push(Warning::GuessedEncoding { why, used: guess.name() });
            guess
        }
    };
    (decode(enc, bytes, &mut warnings), warnings)
}

fn decode(enc: &'static Encoding, bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        if enc == UTF_8 {
            let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
            warnings.push(Warning::InvalidUtf8 { at });
        } else {
            warnings.push(Warning::BadBytes { encoding: enc.name() });
        }
    }
    text.into_owned()
}

fn guess(bytes: &[u8], tld: Option<&[u8]>) -> &'static Encoding {
    // ISO-2022-JP is an email encoding: not one a news page uses.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Called when the bytes are not UTF-8: do not guess it.
    detector.guess(tld, Utf8Detection::Deny)
}

/// The charset a page declares in its first bytes: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut rest = head;
    while let Some(i) = find_ci(rest, b"<meta") {
        rest = &rest[i + 5..];
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(c) = find_ci(tag, b"charset") {
            let after = trim(&tag[c + 7..]);
            if let Some(value) = after.strip_prefix(b"=") {
                let value = trim(value);
                let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
                let label: Vec<u8> = value
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                    .copied()
                    .collect();
                if !label.is_empty() {
                    return Some(String::from_utf8_lossy(&label).into_owned());
                }
            }
        }
        rest = &rest[end..];
    }
    None
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[start..]
}

/// The charset parameter of a Content-Type value (`text/html; charset=UTF-8`).
pub(crate) fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// The top-level domain of a URL, for the encoding guess.
pub(crate) fn tld(url: &str) -> Option<&str> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic())).then_some(tld)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_legacy_encodings_are_used() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>D\xe9j\xe0 \x80</body></html>";
        let (text, w) = decode_html(page, None, None);
        assert!(text.contains("Déjà €"), "{text}");
        assert!(w.is_empty(), "{w:?}");
        let (text, _) = decode_html(b"<meta charset='windows-1256'>\xc7\xe1\xe1\xe5", None, None);
        assert!(text.ends_with("الله"), "{text}");
    }

    #[test]
    fn undeclared_or_wrong_encodings_are_guessed_with_a_warning() {
        let body = "<p>Les forces gouvernementales ont repris la ville après des combats très violents, selon l'Observatoire.</p>";
        let latin1: Vec<u8> = body.chars().map(|c| c as u32 as u8).collect();
        let (text, w) = decode_html(&latin1, None, Some(b"fr"));
        assert!(text.contains("après des combats très violents"), "{text}");
        assert!(matches!(&w[..], [Warning::GuessedEncoding { used: "windows-1252", .. }]), "{w:?}");
        let mut lying = b"<meta charset=utf-8>".to_vec();
        lying.extend_from_slice(&latin1);
        let (text, w) = decode_html(&lying, None, Some(b"fr"));
        assert!(text.contains("très"), "{text}");
        assert!(w[0].to_string().contains("says UTF-8 but is not"), "{w:?}");
    }

    #[test]
    fn helpers() {
        assert_eq!(content_type_charset("text/html; Charset=\"ISO-8859-1\""), Some("ISO-8859-1"));
        assert_eq!(content_type_charset("text/html"), None);
        assert_eq!(tld("https://www.lemonde.fr/x/y.html"), Some("fr"));
        assert_eq!(tld("http://127.0.0.1:80/"), None);
    }
}
