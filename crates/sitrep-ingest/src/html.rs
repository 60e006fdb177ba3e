//! HTML pages: the main text with boilerplate removed (dom_smoothie, a port
//! of Mozilla's Readability), and the metadata a page carries about itself.
//!
//! Metadata, first found wins:
//! - title: `og:title`, JSON-LD `headline`, `twitter:title`, Readability's
//!   title (from `<title>` or `<h1>`, site name trimmed);
//! - published: JSON-LD `datePublished`, `article:published_time`,
//!   `itemprop=datePublished`, then `date`, `pubdate`, Dublin Core and
//!   similar `<meta name>`s; an unreadable one is a warning;
//! - outlet: `og:site_name`, JSON-LD `publisher.name`, `application-name`;
//! - language: `<html lang>`, `Content-Language`, `og:locale`, reduced to
//!   the ISO 639 code (`fr-FR` → `fr`);
//! - url: `<link rel=canonical>`, `og:url`, else the address it came from.
//!
//! The text is the article's paragraphs separated by blank lines; offsets in
//! records refer to it.

use std::io::Read;
use std::panic::AssertUnwindSafe;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;
use sitrep_core::InputDoc;

use crate::date::first_date;
use crate::encoding::{decode_html, tld};
use crate::error::{ReadError, Warning};
use crate::item::{Item, Limits, Meta, Origin};
use crate::kind::find_ci;
use crate::text::read_whole;

/// `<meta>` names whose content is a publication date, after the
/// preferred JSON-LD and Open Graph ones.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
];

/// JSON-LD types whose `headline`/`datePublished` describe the page.
const ARTICLE_TYPES: &[&str] = &["Article", "BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting"];

/// Reads an HTML file: one page, read whole up to the size limit. What the
/// page says about itself wins over `meta`, except the id.
pub(crate) fn read(name: &str, reader: impl Read, meta: &Meta, limits: Limits) -> Item {
    let origin = Origin::file(name);
    let (bytes, mut warnings) = match read_whole(reader, limits) {
        Ok(read) => read,
        Err(e) => return Item::error(origin, e),
    };
    let (doc, page_warnings) = page_to_doc(&bytes, None, None);
    warnings.extend(page_warnings);
    let doc = doc.map(|mut doc| {
        meta.fill(&mut doc);
        doc.id.clone_from(&meta.id);
        doc
    });
    Item { origin, doc: Some(doc), warnings, text_derived: true }
}

/// Reads a page: decodes it, takes its metadata and main text. `url` is
/// where it came from (a WARC's target URI), if known; `http_charset` the
/// charset its HTTP response declared.
pub(crate) fn page_to_doc(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
) -> (Result<InputDoc, ReadError>, Vec<Warning>) {
    // The HTML parser and Readability are third-party code run on whatever
    // the web serves: a panic in them loses this page, not the run. Nothing
    // shared is left half-changed (everything is local to this call).
    let read = std::panic::catch_unwind(AssertUnwindSafe(|| read_page(bytes, http_charset, url)));
    read.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        (Err(ReadError::ParserFailed(why)), Vec::new())
    })
}

fn read_page(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
) -> (Result<InputDoc, ReadError>, Vec<Warning>) {
    let (html, mut warnings) = decode_html(bytes, http_charset, url.and_then(tld).map(str::as_bytes));
    if looks_unclosed(&html) {
        warnings.push(Warning::UnclosedPage);
    }
    let document = Document::from(html.as_str());
    let meta = PageMeta::read(&document, &mut warnings);
    let (text, readability_title) = main_text(document, &html, url, &mut warnings);
    if text.trim().is_empty() {
        return (Err(ReadError::EmptyPage), warnings);
    }
    let published = first_date(meta.dates.iter().map(|(f, v)| (f.as_str(), v.as_str())), &mut warnings);
    let doc = InputDoc {
        id: None,
        text: Some(text),
        html: None,
        title: meta.title.or(readability_title),
        url: meta.url.or_else(|| url.map(str::to_string)),
        outlet: meta.outlet,
        published,
        language: meta.language,
    };
    (Ok(doc), warnings)
}

/// A page that opens `<html>` or `<body>` but closes neither was probably
/// cut short (a truncated download, a size cap in a crawler).
fn looks_unclosed(html: &str) -> bool {
    let b = html.as_bytes();
    (find_ci(b, b"<html").is_some() || find_ci(b, b"<body").is_some())
        && find_ci(b, b"</body").is_none()
        && find_ci(b, b"</html").is_none()
}

/// The article's text by Readability, else the whole body's text with a
/// warning; and Readability's idea of the title.
fn main_text(
    document: Document,
    html: &str,
    url: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> (String, Option<String>) {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        // JSON-LD is read here, with our own order of preference.
        disable_json_ld: true,
        ..Config::default()
    };
    // Readability wants an absolute http(s) URL or none (it resolves links).
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let readability = Readability::with_document(document, url, Some(cfg.clone()))
        .or_else(|_| Readability::with_document(Document::from(html), None, Some(cfg)));
    let why = match readability.map(|mut r| r.parse()) {
        Ok(Ok(article)) => {
            let text = tidy(&article.text_content);
            let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
            if !text.is_empty() {
                return (text, title);
            }
            "the article found is empty".to_string()
        }
        Ok(Err(e)) | Err(e) => e.to_string(),
    };
    warnings.push(Warning::NoMainText(why));
    let whole = Document::from(html);
    whole.select("script, style, noscript, template").remove();
    let text = whole.body().map_or_else(|| whole.formatted_text(), |b| b.formatted_text());
    (tidy(&text), None)
}

/// Lines trimmed, at most one blank line between paragraphs.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// HTML fragment (a feed item's description) to text, paragraphs separated
/// by blank lines.
pub(crate) fn fragment_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return tidy(html);
    }
    let doc = Document::fragment(html);
    doc.select("script, style, noscript, template").remove();
    tidy(&doc.formatted_text())
}

/// What a page says about itself.
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    /// Publication date candidates in order of preference: (where, value).
    dates: Vec<(String, String)>,
    outlet: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

impl PageMeta {
    fn read(doc: &Document, warnings: &mut Vec<Warning>) -> PageMeta {
        let mut metas: Vec<(String, String)> = Vec::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content") else { continue };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = node.attr(key) {
                    metas.push((k.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
        }
        let get = |key: &str| metas.iter().find(|(k, _)| k == key).map(|(_, v)| clean(v));
        let ld = JsonLd::read(doc, warnings);

        let mut dates = Vec::new();
        if let Some(d) = &ld.date_published {
            dates.push(("JSON-LD datePublished".to_string(), d.clone()));
        }
        for name in DATE_META {
            if let Some((k, v)) = metas.iter().find(|(k, _)| k == name) {
                dates.push((format!("<meta {k}>"), v.clone()));
            }
        }
        let lang_attr = doc.select("html").attr("lang").map(|l| l.to_string());
        let language = [lang_attr, get("content-language"), get("og:locale")]
            .into_iter()
            .flatten()
            .find_map(|l| iso_639(&l));
        let canonical = doc
            .select("link[rel]")
            .nodes()
            .iter()
            .find(|n| {
                n.attr("rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
            })
            .and_then(|n| n.attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
        PageMeta {
            title: get("og:title").or(ld.headline).or_else(|| get("twitter:title")).filter(|t| !t.is_empty()),
            dates,
            outlet: get("og:site_name").or(ld.publisher).or_else(|| get("application-name")),
            language,
            url: canonical.or_else(|| get("og:url").filter(|u| u.starts_with("http"))),
        }
    }
}

/// White space collapsed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `fr`, `fr-FR`, `fr_FR` → `fr`; anything else → `None`.
fn iso_639(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (matches!(primary.len(), 2 | 3) && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// The article metadata of a page's JSON-LD blocks.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    date_published: Option<String>,
    publisher: Option<String>,
}

impl JsonLd {
    fn read(doc: &Document, warnings: &mut Vec<Warning>) -> JsonLd {
        let mut out = JsonLd::default();
        for node in doc.select("script[type]").nodes() {
            let is_ld =
                node.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if !is_ld {
                continue;
            }
            let raw = node.text();
            let raw = raw.trim();
            let raw = raw.strip_prefix("<![CDATA[").and_then(|r| r.strip_suffix("]]>")).unwrap_or(raw);
            let value: Value = match serde_json::from_str(raw.trim()) {
                Ok(v) => v,
                Err(e) => {
                    warnings.push(Warning::BadJsonLd(e.to_string()));
                    continue;
                }
            };
            if let Some(article) = find_article(&value) {
                let s = |v: &Value| v.as_str().map(clean).filter(|s| !s.is_empty());
                out.headline = out.headline.or_else(|| article.get("headline").and_then(s));
                out.date_published = out.date_published.or_else(|| article.get("datePublished").and_then(s));
                out.publisher = out.publisher.or_else(|| article.get("publisher").and_then(publisher_name));
            }
        }
        out
    }
}

/// The first object describing an article: the value itself, an element of
/// an array, or of an `@graph`.
fn find_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if is_article {
                return Some(v);
            }
            map.get("@graph").and_then(find_article)
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    ARTICLE_TYPES.iter().any(|a| t.ends_with(a))
}

fn publisher_name(p: &Value) -> Option<String> {
    match p {
        Value::String(s) => Some(clean(s)),
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(clean),
        Value::Array(items) => items.iter().find_map(publisher_name),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_order_of_preference() {
        let page = r#"<html lang="en-GB"><head><title>T | Site</title>
          <meta name="date" content="2017-03-20">
          <meta property="article:published_time" content="not a date">
          <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"x"},
            {"@type":["NewsArticle"],"headline":"From JSON-LD","datePublished":"2017-03-21T08:00:00+01:00",
             "publisher":[{"@type":"Organization","name":"The Daily"}]}]}</script>
          <script type="application/ld+json">{not json</script>
          <link rel="canonical" href="https://daily.example/a">
          </head><body><p>Body text long enough.</p></body></html>"#;
        let mut w = Vec::new();
        let m = PageMeta::read(&Document::from(page), &mut w);
        assert_eq!(m.title.as_deref(), Some("From JSON-LD"));
        assert_eq!(m.outlet.as_deref(), Some("The Daily"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.url.as_deref(), Some("https://daily.example/a"));
        assert_eq!(m.dates[0].1, "2017-03-21T08:00:00+01:00");
        assert!(matches!(&w[..], [Warning::BadJsonLd(_)]), "{w:?}");
    }

    #[test]
    fn fragments_become_paragraphs() {
        let t = fragment_to_text("<p>Un.</p><p>Deux <b>gras</b>&nbsp;!</p><script>x()</script>Trois");
        // A no-break space is white space like any other in the text.
        assert_eq!(t, "Un.\n\nDeux gras !\n\nTrois");
        assert_eq!(fragment_to_text("  plain  text "), "plain  text");
    }

    #[test]
    fn languages() {
        assert_eq!(iso_639("fr_FR").as_deref(), Some("fr"));
        assert_eq!(iso_639("x-klingon"), None);
        assert_eq!(iso_639(""), None);
    }
}
