//! Which reader reads an input: by extension, else by its first bytes.

use std::path::Path;

/// The kinds of input, each read by its own module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JSON Lines of input documents (`.jsonl`, `.ndjson`; sniffed: starts
    /// with `{`).
    Jsonl,
    /// One plain text or Markdown document (`.txt`, `.md`; sniffed: anything
    /// no other kind claims).
    Text,
    /// One HTML page (`.html`, `.htm`, `.xhtml`; sniffed: `<!doctype html`,
    /// `<html`, `<head` or `<body` near the start).
    Html,
    /// An RSS 0.9x/1.0/2.0 or Atom feed (`.rss`, `.atom`; `.xml` and others
    /// sniffed: the root element is `<rss>`, `<feed>` or `<rdf:RDF>`).
    Feed,
    /// A WARC file (`.warc`; sniffed: starts with `WARC/`).
    Warc,
}

/// Extensions, after any `.gz`, and what they mean; `None`: sniff the
/// content (`.xml` may be a feed, a page or neither). Adding a kind is a
/// variant of `Kind`, its extensions here, its module, and one line in
/// `Reader::open`.
const EXTENSIONS: &[(&str, Option<Kind>)] = &[
    ("jsonl", Some(Kind::Jsonl)),
    ("ndjson", Some(Kind::Jsonl)),
    ("txt", Some(Kind::Text)),
    ("md", Some(Kind::Text)),
    ("html", Some(Kind::Html)),
    ("htm", Some(Kind::Html)),
    ("xhtml", Some(Kind::Html)),
    ("rss", Some(Kind::Feed)),
    ("atom", Some(Kind::Feed)),
    ("xml", None),
    ("warc", Some(Kind::Warc)),
];

/// What a path's name says about its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByName {
    /// The extension names the kind.
    Known(Kind),
    /// A kind we read, but which one needs a look (`.xml`, a bare `.gz`).
    Sniff,
    /// Not an extension we know: read when given explicitly (sniffed),
    /// passed over in a directory walk.
    Unknown,
}

impl Kind {
    /// The kind a file name names (`a.warc.gz` → `Warc`), if it names one.
    pub fn from_path(path: &Path) -> Option<Kind> {
        match by_name(path) {
            ByName::Known(k) => Some(k),
            ByName::Sniff | ByName::Unknown => None,
        }
    }

    /// The kind of an input from its first bytes (after gunzip), or `None`
    /// for XML (with an `<?xml` declaration) that is neither a feed nor a
    /// page. Markup without a declaration is taken for HTML. A UTF-8 byte order mark and
    /// leading white space are skipped.
    pub fn sniff(head: &[u8]) -> Option<Kind> {
        let s = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let s = trim_start(s);
        if s.starts_with(b"WARC/") {
            return Some(Kind::Warc);
        }
        if s.starts_with(b"{") {
            return Some(Kind::Jsonl);
        }
        if !s.starts_with(b"<") {
            return Some(Kind::Text);
        }
        // Skip the XML declaration, processing instructions, comments and
        // a doctype to the root element.
        let mut rest = s;
        let xml_declared = s.starts_with(b"<?xml");
        loop {
            rest = trim_start(rest);
            if starts_with_ci(rest, b"<!doctype") {
                let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
                if find_ci(&rest[..end], b"html").is_some() {
                    return Some(Kind::Html);
                }
                rest = rest.get(end + 1..).unwrap_or_default();
            } else if rest.starts_with(b"<!--") {
                rest = find_ci(rest, b"-->").map_or(&[][..], |e| &rest[e + 3..]);
            } else if rest.starts_with(b"<?") {
                rest = find_ci(rest, b"?>").map_or(&[][..], |e| &rest[e + 2..]);
            } else {
                break;
            }
        }
        let name: Vec<u8> = rest
            .get(1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
            .map(u8::to_ascii_lowercase)
            .collect();
        match name.as_slice() {
            b"rss" | b"feed" | b"rdf:rdf" => Some(Kind::Feed),
            b"html" | b"head" | b"body" | b"meta" | b"title" => Some(Kind::Html),
            _ if find_ci(s, b"<html").is_some() || find_ci(s, b"<body").is_some() => Some(Kind::Html),
            // XML with a root element we cannot read (a sitemap, an SVG, …).
            _ if xml_declared => None,
            // Markup without a declaration: an HTML fragment (`<p>…`).
            _ => Some(Kind::Html),
        }
    }
}

/// The name of the root element, for the message about an XML file that is
/// not a feed.
pub(crate) fn root_name(head: &[u8]) -> String {
    let mut rest = trim_start(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
    while rest.starts_with(b"<?") || rest.starts_with(b"<!") {
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        rest = trim_start(rest.get(end + 1..).unwrap_or_default());
    }
    let name: Vec<u8> = rest
        .get(1..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/'))
        .copied()
        .collect();
    String::from_utf8_lossy(&name).into_owned()
}

pub(crate) fn by_name(path: &Path) -> ByName {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let gz = name.len() < path.file_name().map_or(0, |n| n.len());
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
    match EXTENSIONS.iter().find(|(e, _)| *e == ext) {
        Some((_, Some(kind))) => ByName::Known(*kind),
        Some((_, None)) => ByName::Sniff,
        // `x.gz`: a compressed something, worth a look in a directory too.
        None if gz => ByName::Sniff,
        None => ByName::Unknown,
    }
}

/// Gzip's magic bytes.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Position of `needle` in `hay`, ASCII case-insensitive.
pub(crate) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let k = |p: &str| by_name(Path::new(p));
        assert_eq!(k("a/CC-NEWS-1.warc.gz"), ByName::Known(Kind::Warc));
        assert_eq!(k("x.HTML"), ByName::Known(Kind::Html));
        assert_eq!(k("f.rss"), ByName::Known(Kind::Feed));
        assert_eq!(k("f.xml.gz"), ByName::Sniff);
        assert_eq!(k("f.gz"), ByName::Sniff);
        assert_eq!(k("f.pdf"), ByName::Unknown);
        assert_eq!(k("README"), ByName::Unknown);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Kind::sniff(b"WARC/1.1\r\n"), Some(Kind::Warc));
        assert_eq!(Kind::sniff(b"  {\"id\": 1}"), Some(Kind::Jsonl));
        assert_eq!(Kind::sniff(b"\xEF\xBB\xBF<!DOCTYPE html><p>x"), Some(Kind::Html));
        assert_eq!(Kind::sniff(b"<html lang=fr>"), Some(Kind::Html));
        assert_eq!(
            Kind::sniff(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"),
            Some(Kind::Feed)
        );
        assert_eq!(
            Kind::sniff(b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Some(Kind::Feed)
        );
        assert_eq!(Kind::sniff(b"<rdf:RDF xmlns:rdf=\"x\">"), Some(Kind::Feed));
        assert_eq!(Kind::sniff(b"<?xml version=\"1.0\"?><urlset>"), None);
        assert_eq!(Kind::sniff(b"<p>Hier, a Alep.</p>"), Some(Kind::Html));
        assert_eq!(Kind::sniff(b"Hier, a Alep."), Some(Kind::Text));
        assert_eq!(Kind::sniff(b""), Some(Kind::Text));
        assert_eq!(root_name(b"<?xml version=\"1.0\"?>\n<urlset xmlns=\"y\">"), "urlset");
    }
}
