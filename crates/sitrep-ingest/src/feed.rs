//! RSS (0.9x, 1.0, 2.0) and Atom feeds: one document per item or entry,
//! read as the XML streams by (quick-xml), so a feed of any length takes the
//! memory of one item.
//!
//! Per item: the title; the link (`<link>`, or Atom's `rel="alternate"`
//! `href`); the date (`published`, `pubDate`, `dc:date`, else `updated`),
//! kept in the publisher's offset; the text from `content:encoded` or Atom
//! `content`, else `description` or `summary`, HTML made into paragraphs
//! separated by blank lines (a headline-only item's text is its title); the
//! outlet is the feed's title, the language the feed's `<language>` or
//! `xml:lang`. An unreadable date is a warning on that item, which is kept
//! without it.
//!
//! Why not feed-rs: it builds the whole feed in memory, turns dates into
//! UTC (moving the publisher's day), and drops an unreadable date without a
//! word, where we must say which item had it.

use std::io::BufRead;

use quick_xml::encoding::Decoder;
use quick_xml::escape::{escape, resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::{BytesRef, BytesStart, Event};
use sitrep_core::InputDoc;

use crate::date::first_date;
use crate::error::{ReadError, Warning};
use crate::html::{fragment_to_text, tidy};
use crate::item::{Item, Limits, Meta, Origin, Position};
use crate::reader::{Source, Stats};

pub(crate) struct Feed {
    name: String,
    xml: quick_xml::Reader<Box<dyn BufRead + Send>>,
    buf: Vec<u8>,
    state: State,
    meta: Meta,
    done: bool,
}

impl Feed {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>, meta: Meta, limits: Limits) -> Feed {
        let mut xml = quick_xml::Reader::from_reader(reader);
        // Feeds in the wild close what they open but not always by the
        // right name; a mismatch is still an error worth reporting.
        xml.config_mut().check_end_names = true;
        Feed {
            name,
            xml,
            buf: Vec::with_capacity(1 << 14),
            state: State { max_bytes: limits.max_doc_bytes, ..State::default() },
            meta,
            done: false,
        }
    }

    /// Where the reader is: inside item N, or after the last item read.
    fn here(&self) -> Origin {
        match &self.state.item {
            Some(_) => Origin::at(&self.name, Position::Item(self.state.items)),
            None => Origin::file(&self.name),
        }
    }
}

impl Source for Feed {
    fn next_item(&mut self, _stats: &mut Stats) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            let decoder = self.xml.decoder();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(e) => e,
                Err(e) => {
                    self.done = true;
                    let origin = self.here();
                    if let quick_xml::Error::Io(io) = &e
                        && io.kind() == std::io::ErrorKind::UnexpectedEof
                    {
                        return Some(Item::warning(origin, Warning::Truncated(io.to_string())));
                    }
                    let at = self.xml.error_position();
                    return Some(Item::error(origin, ReadError::BadXml(format!("{e}, at byte {at}"))));
                }
            };
            match self.state.handle(event, decoder) {
                Step::Continue => {}
                Step::NotAFeed(root) => {
                    self.done = true;
                    return Some(Item::error(Origin::file(&self.name), ReadError::NotAFeed(root)));
                }
                Step::Eof => {
                    self.done = true;
                    if !self.state.root_seen {
                        let e = ReadError::BadXml("no root element; the file is empty".into());
                        return Some(Item::error(Origin::file(&self.name), e));
                    }
                    if !self.state.stack.is_empty() {
                        let open = self.state.stack.join(" > ");
                        let w = Warning::Truncated(format!("end of file inside <{open}>"));
                        return Some(Item::warning(self.here(), w));
                    }
                }
                Step::ItemDone(built) => {
                    let origin = Origin::at(&self.name, Position::Item(self.state.items));
                    return Some(self.state.finish(*built, origin, &self.meta));
                }
            }
        }
        None
    }
}

enum Step {
    Continue,
    NotAFeed(String),
    Eof,
    ItemDone(Box<Built>),
}

/// What is kept of a field being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    FeedTitle,
    FeedLanguage,
    Title,
    Link,
    Date(&'static str),
    Description,
    Content,
}

/// How a field's content is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Plain text.
    Text,
    /// HTML, escaped or in CDATA (RSS description, Atom `type="html"`).
    Html,
    /// XHTML as child elements (Atom `type="xhtml"`).
    Xhtml,
}

/// A field being read: its text so far.
#[derive(Debug)]
struct Capture {
    field: Field,
    mode: Mode,
    /// The stack depth of the field's element.
    depth: usize,
    text: String,
    /// Bytes that did not fit under the limit.
    overflow: u64,
}

/// An item being read.
#[derive(Debug, Default)]
struct Built {
    /// The stack depth of the item's element.
    depth: usize,
    title: Option<(String, Mode)>,
    link: Option<String>,
    /// (field, value, rank: 0 for publication dates, 1 for updates).
    dates: Vec<(&'static str, String, u8)>,
    description: Option<(String, Mode)>,
    content: Option<(String, Mode)>,
    language: Option<String>,
    /// The length of a field over the limit, if any.
    overflow: u64,
}

#[derive(Debug, Default)]
struct State {
    max_bytes: usize,
    /// Local names of the open elements.
    stack: Vec<String>,
    root_seen: bool,
    feed_title: Option<String>,
    feed_language: Option<String>,
    /// Items and entries begun so far.
    items: u64,
    item: Option<Built>,
    capture: Option<Capture>,
}

impl State {
    fn handle(&mut self, event: Event<'_>, decoder: Decoder) -> Step {
        match event {
            Event::Start(e) => {
                let name = local_name(&e);
                if let Some(step) = self.root(&name, &e, decoder) {
                    return step;
                }
                self.open(&name, &e, decoder);
                self.stack.push(name);
            }
            Event::Empty(e) => {
                let name = local_name(&e);
                if let Some(step) = self.root(&name, &e, decoder) {
                    return step;
                }
                if let Some(c) = &mut self.capture {
                    if c.mode != Mode::Text {
                        push_limited(c, &format!("<{name}/>"), self.max_bytes);
                    }
                } else if name == "link" && self.stack.len() == self.item.as_ref().map_or(0, |i| i.depth) {
                    self.atom_link(&e, decoder);
                }
            }
            Event::End(_) => {
                let name = self.stack.pop().unwrap_or_default();
                let depth = self.stack.len() + 1;
                if let Some(c) = &mut self.capture {
                    if depth > c.depth {
                        if c.mode != Mode::Text {
                            push_limited(c, &format!("</{name}>"), self.max_bytes);
                        }
                        return Step::Continue;
                    }
                    if let Some(c) = self.capture.take() {
                        self.keep(c);
                    }
                    return Step::Continue;
                }
                if self.item.as_ref().is_some_and(|i| i.depth == depth)
                    && let Some(built) = self.item.take()
                {
                    return Step::ItemDone(Box::new(built));
                }
            }
            Event::Text(t) => {
                if let Some(c) = &mut self.capture {
                    let s = t.decode().unwrap_or_default();
                    let s = if c.mode == Mode::Xhtml { escape(s) } else { s };
                    push_limited(c, &s, self.max_bytes);
                }
            }
            Event::CData(t) => {
                if let Some(c) = &mut self.capture {
                    let s = t.decode().unwrap_or_default();
                    let s = if c.mode == Mode::Xhtml { escape(s) } else { s };
                    push_limited(c, &s, self.max_bytes);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = &mut self.capture {
                    let s = resolve_ref(&r);
                    // XHTML is rebuilt as markup: keep a `<` in its text escaped.
                    // Escaped HTML (`&lt;p&gt;`) is markup once resolved.
                    let s = if c.mode == Mode::Xhtml { escape(s).into_owned() } else { s };
                    push_limited(c, &s, self.max_bytes);
                }
            }
            Event::Eof => return Step::Eof,
            Event::Decl(_) | Event::PI(_) | Event::DocType(_) | Event::Comment(_) => {}
        }
        Step::Continue
    }

    /// Checks the root element; `Some` stops the feed.
    fn root(&mut self, name: &str, e: &BytesStart<'_>, decoder: Decoder) -> Option<Step> {
        if self.root_seen {
            return None;
        }
        self.root_seen = true;
        if !matches!(name, "rss" | "feed" | "RDF") {
            return Some(Step::NotAFeed(String::from_utf8_lossy(e.name().as_ref()).into_owned()));
        }
        self.feed_language = attr(e, "xml:lang", decoder).and_then(|l| language(&l));
        None
    }

    /// An element opens: an item, a field, or markup inside a field.
    fn open(&mut self, name: &str, e: &BytesStart<'_>, decoder: Decoder) {
        let depth = self.stack.len() + 1;
        if let Some(c) = &mut self.capture {
            if c.mode != Mode::Text {
                push_limited(c, &format!("<{name}>"), self.max_bytes);
            }
            return;
        }
        let Some(item) = &mut self.item else {
            if matches!(name, "item" | "entry") {
                self.items += 1;
                let language = attr(e, "xml:lang", decoder).and_then(|l| language(&l));
                self.item = Some(Built { depth, language, ..Built::default() });
                return;
            }
            // The feed's own title and language: children of <channel> or <feed>.
            let parent = self.stack.last().map(String::as_str);
            let field = match (parent, name) {
                (Some("channel" | "feed"), "title") if self.feed_title.is_none() => Field::FeedTitle,
                (Some("channel"), "language") => Field::FeedLanguage,
                _ => return,
            };
            self.capture = Some(Capture { field, mode: Mode::Text, depth, text: String::new(), overflow: 0 });
            return;
        };
        if depth != item.depth + 1 {
            return;
        }
        let typed = || match attr(e, "type", decoder).as_deref().map(str::trim) {
            Some("html" | "text/html") => Some(Mode::Html),
            Some("xhtml" | "application/xhtml+xml") => Some(Mode::Xhtml),
            Some("text" | "text/plain") | None => Some(Mode::Text),
            // Atom content of another media type (an image, a PDF): no text.
            Some(_) => None,
        };
        let (field, mode) = match name {
            "title" => (Field::Title, typed().unwrap_or(Mode::Text)),
            "link" => {
                if attr(e, "href", decoder).is_some() {
                    self.atom_link(e, decoder);
                    return;
                }
                (Field::Link, Mode::Text)
            }
            "pubDate" => (Field::Date("pubDate"), Mode::Text),
            // dc:date (RSS 1.0, some RSS 2.0) and Atom 0.3's issued.
            "date" => (Field::Date("dc:date"), Mode::Text),
            "issued" => (Field::Date("issued"), Mode::Text),
            "published" => (Field::Date("published"), Mode::Text),
            "updated" => (Field::Date("updated"), Mode::Text),
            "modified" => (Field::Date("modified"), Mode::Text),
            "description" => (Field::Description, Mode::Html),
            "summary" => match typed() {
                Some(mode) => (Field::Description, mode),
                None => return,
            },
            "encoded" => (Field::Content, Mode::Html),
            "content" => match typed() {
                Some(mode) => (Field::Content, mode),
                None => return,
            },
            _ => return,
        };
        self.capture = Some(Capture { field, mode, depth, text: String::new(), overflow: 0 });
    }

    /// Atom's `<link rel="alternate" href="…"/>` (no `rel` means alternate).
    fn atom_link(&mut self, e: &BytesStart<'_>, decoder: Decoder) {
        let Some(item) = &mut self.item else { return };
        let rel = attr(e, "rel", decoder);
        if item.link.is_none() && rel.as_deref().is_none_or(|r| r == "alternate") {
            item.link = attr(e, "href", decoder).map(|h| h.trim().to_string());
        }
    }

    /// A field is complete: keep it where it belongs.
    fn keep(&mut self, c: Capture) {
        match c.field {
            Field::FeedTitle => self.feed_title = Some(tidy(&c.text)).filter(|t| !t.is_empty()),
            Field::FeedLanguage => self.feed_language = language(&c.text),
            _ => {
                let Some(item) = &mut self.item else { return };
                if c.overflow > 0 {
                    item.overflow = item.overflow.max(c.text.len() as u64 + c.overflow);
                }
                match c.field {
                    Field::Title => item.title = Some((c.text, c.mode)),
                    Field::Link => item.link = Some(c.text.trim().to_string()).filter(|l| !l.is_empty()),
                    Field::Date(name) => {
                        let rank = u8::from(matches!(name, "updated" | "modified"));
                        item.dates.push((name, c.text.trim().to_string(), rank));
                    }
                    Field::Description => item.description = Some((c.text, c.mode)),
                    Field::Content => item.content = Some((c.text, c.mode)),
                    Field::FeedTitle | Field::FeedLanguage => {}
                }
            }
        }
    }

    /// An item is complete: make it a document.
    fn finish(&self, mut built: Built, origin: Origin, meta: &Meta) -> Item {
        if built.overflow > 0 {
            let e = ReadError::PartTooLarge {
                what: "the item's text",
                len: built.overflow,
                limit: self.max_bytes,
            };
            return Item::error(origin, e);
        }
        let text_of = |(t, mode): (String, Mode)| match mode {
            Mode::Text => tidy(&t),
            Mode::Html | Mode::Xhtml => fragment_to_text(&t),
        };
        let title = built.title.take().map(text_of).map(|t| t.replace('\n', " ")).filter(|t| !t.is_empty());
        let text = [built.content.take(), built.description.take()]
            .into_iter()
            .flatten()
            .map(text_of)
            .find(|t| !t.is_empty())
            .or_else(|| title.clone());
        let Some(text) = text else {
            return Item::error(origin, ReadError::EmptyItem);
        };
        let mut warnings = Vec::new();
        built.dates.sort_by_key(|d| d.2);
        let published = first_date(built.dates.iter().map(|(f, v, _)| (*f, v.as_str())), &mut warnings);
        let mut doc = InputDoc {
            text: Some(text),
            title,
            url: built.link.take(),
            outlet: self.feed_title.clone(),
            published,
            language: built.language.take().or_else(|| self.feed_language.clone()),
            ..InputDoc::default()
        };
        meta.fill(&mut doc);
        Item::doc(origin, doc, warnings).derived()
    }
}

fn push_limited(c: &mut Capture, s: &str, max: usize) {
    if c.overflow > 0 || c.text.len() + s.len() > max {
        c.overflow += s.len() as u64;
    } else {
        c.text.push_str(s);
    }
}

fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attr(e: &BytesStart<'_>, name: &str, decoder: Decoder) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    a.decode_and_unescape_value(decoder).ok().map(|v| v.into_owned())
}

/// `&amp;`, `&#233;`, and HTML's `&nbsp;` (not XML, but feeds use it). An
/// unknown entity stays as written.
fn resolve_ref(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    resolve_predefined_entity(&name)
        .or_else(|| resolve_html5_entity(&name))
        .map_or_else(|| format!("&{name};"), str::to_string)
}

/// `fr-fr` → `fr`.
fn language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (matches!(primary.len(), 2 | 3) && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Vec<Item> {
        let mut feed = Feed::new(
            "f.xml".into(),
            Box::new(std::io::Cursor::new(xml.to_string().into_bytes())),
            Meta::default(),
            Limits::default(),
        );
        let mut stats = Stats::default();
        std::iter::from_fn(|| feed.next_item(&mut stats)).collect()
    }

    #[test]
    fn xhtml_content_and_entities() {
        let items = read(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>F &amp; G</title>
            <entry><title type="html">A &lt;b&gt;gras&lt;/b&gt;</title><link rel="self" href="s"/><link href="https://x/a"/>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Un &lt; deux</p><p>Trois&#233;</p></div></content>
            <updated>2017-03-22T10:00:00Z</updated></entry></feed>"#,
        );
        assert_eq!(items.len(), 1);
        let Some(Ok(doc)) = &items[0].doc else { panic!("{items:?}") };
        assert_eq!(doc.title.as_deref(), Some("A gras"));
        assert_eq!(doc.outlet.as_deref(), Some("F & G"));
        assert_eq!(doc.url.as_deref(), Some("https://x/a"));
        assert_eq!(doc.language.as_deref(), Some("fr"));
        assert_eq!(doc.text.as_deref(), Some("Un < deux\n\nTroisé"));
        assert_eq!(doc.published.as_deref(), Some("2017-03-22T10:00:00Z"));
    }

    #[test]
    fn not_a_feed_and_broken_xml() {
        let items = read("<?xml version=\"1.0\"?><urlset><url/></urlset>");
        assert!(matches!(&items[..], [Item { doc: Some(Err(ReadError::NotAFeed(r))), .. }] if r == "urlset"));
        let items =
            read("<rss><channel><item><title>A</title></item><item><title>B</wrong></item></channel></rss>");
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(matches!(&items[0].doc, Some(Ok(d)) if d.text.as_deref() == Some("A")));
        assert_eq!(items[1].origin.to_string(), "f.xml#item 2");
        assert!(matches!(&items[1].doc, Some(Err(ReadError::BadXml(_)))), "{items:?}");
        let items = read("<rss><channel><item><title>A</title></item><item><title>B</title>");
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[1].origin.to_string(), "f.xml#item 2");
        assert!(items[1].doc.is_none());
        assert!(matches!(&items[1].warnings[..], [Warning::Truncated(_)]), "{items:?}");
    }

    #[test]
    fn oversized_items_are_skipped() {
        let mut feed = Feed::new(
            "f.rss".into(),
            Box::new(std::io::Cursor::new(
                format!("<rss><channel><item><description>{}</description></item><item><title>ok</title></item></channel></rss>", "x".repeat(200)).into_bytes(),
            )),
            Meta::default(),
            Limits { max_doc_bytes: 100 },
        );
        let mut stats = Stats::default();
        let items: Vec<Item> = std::iter::from_fn(|| feed.next_item(&mut stats)).collect();
        assert!(matches!(&items[0].doc, Some(Err(ReadError::PartTooLarge { len: 200, .. }))), "{items:?}");
        assert!(matches!(&items[1].doc, Some(Ok(_))));
    }
}
