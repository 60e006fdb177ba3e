//! Reading documents for sitrep from every input kind it accepts: JSON
//! Lines, plain text and Markdown, HTML pages, RSS and Atom feeds, and WARC
//! files (Common Crawl's CC-NEWS among them), each plain or gzipped, from
//! files, directories or standard input.
//!
//! [`Reader`] is an iterator of [`Item`]s: one per document read, each with
//! its [`Origin`] (`file.jsonl:12`, `feed.xml#item 3`, `crawl.warc.gz#record
//! 17`), the [`InputDoc`] or the [`ReadError`] that stopped it, and the
//! [`Warning`]s that did not. Every reader streams: a 1 GB JSONL file, feed
//! or WARC is read one line, item or record at a time; only a single page or
//! text file is read whole, and never past [`Limits::max_doc_bytes`]. Bad
//! input is reported and counted, never dropped in silence, never a panic.
//!
//! How a kind is chosen (see [`Kind`]): by the file's extension, after
//! removing `.gz`; where the extension says nothing (standard input, `.xml`,
//! a bare `.gz`, an unknown extension), by sniffing the first bytes. Gzip is
//! recognised by its magic bytes, whatever the name. A directory walk reads
//! the files whose extension names a kind, and `.xml` or bare `.gz` files
//! whose content is recognised as JSONL, HTML, a feed or WARC; it counts the
//! others in [`Stats::files_passed_over`].
//!
//! ```
//! use sitrep_ingest::{Kind, Limits, Meta, Reader};
//!
//! let page = r#"<!doctype html><html lang="fr"><head>
//!   <meta property="og:title" content="Combats à Hama">
//!   <meta property="og:site_name" content="Le Quotidien">
//!   <meta property="article:published_time" content="2017-03-22T10:30:00+02:00">
//!   </head><body><nav>Accueil | Monde</nav><article>
//!   <p>Les combats se poursuivaient mercredi au nord de Hama, selon plusieurs sources locales
//!   jointes par téléphone, qui font état de dizaines de blessés.</p>
//!   <p>Une deuxième vague d'assauts a été lancée dans la nuit contre les positions de l'armée,
//!   à quelques kilomètres de la ville.</p></article></body></html>"#;
//! let reader = Reader::from_reader("page.html", page.as_bytes(), Some(Kind::Html), Meta::default(), Limits::default());
//! let items: Vec<_> = reader.collect();
//! assert_eq!(items.len(), 1);
//! let Some(Ok(doc)) = &items[0].doc else { panic!("a document") };
//! assert_eq!(doc.title.as_deref(), Some("Combats à Hama"));
//! assert_eq!(doc.outlet.as_deref(), Some("Le Quotidien"));
//! assert_eq!(doc.published.as_deref(), Some("2017-03-22T10:30:00+02:00"));
//! assert_eq!(doc.language.as_deref(), Some("fr"));
//! let text = doc.text.as_deref().unwrap_or_default();
//! assert!(text.starts_with("Les combats se poursuivaient"));
//! assert!(text.contains("\n\nUne deuxième vague"), "paragraphs are separated by a blank line");
//! assert!(!text.contains("Accueil"), "navigation is boilerplate");
//! ```

mod date;
mod encoding;
mod error;
mod feed;
mod html;
mod item;
mod jsonl;
mod kind;
mod reader;
mod text;
mod warc;

pub use error::{ReadError, Warning};
pub use item::{Item, Limits, Meta, Origin, Position};
pub use kind::Kind;
pub use reader::{Progress, Reader, Stats};
pub use sitrep_core::InputDoc;
