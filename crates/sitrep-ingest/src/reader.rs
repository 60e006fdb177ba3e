//! The reader: paths (files, directories, `-`) or a stream in, items out,
//! one source at a time, each opened only when the one before is done.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::MultiGzDecoder;

use crate::error::ReadError;
use crate::feed::Feed;
use crate::item::{Item, Limits, Meta, Origin};
use crate::jsonl::Jsonl;
use crate::kind::{ByName, Kind, by_name, is_gzip, root_name};
use crate::warc::Warc;
use crate::{html, text};

/// How much of an input is looked at to tell its kind.
const SNIFF_BYTES: u64 = 1024;
/// Read buffer per input.
const BUFFER_BYTES: usize = 1 << 16;

/// One input's documents, in order: a file of many (JSONL, feed, WARC) or
/// of one (text, page).
pub(crate) trait Source: Send {
    /// The next item, or `None` when the input is exhausted.
    fn next_item(&mut self, stats: &mut Stats) -> Option<Item>;
}

/// A source of a single item, read when it was opened.
struct Once(Option<Item>);

impl Source for Once {
    fn next_item(&mut self, _stats: &mut Stats) -> Option<Item> {
        self.0.take()
    }
}

/// What a reader has met so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents read.
    pub documents: usize,
    /// Documents that could not be read (items with an error).
    pub errors: usize,
    /// Warnings, on documents or on inputs.
    pub warnings: usize,
    /// Files in the directories walked that are of no kind we read (by
    /// extension, or `.xml` that is not a feed); not read.
    pub files_passed_over: usize,
    /// WARC records that are not HTML pages (requests, metadata, images,
    /// redirects…); skipped.
    pub records_skipped: usize,
}

/// Reads every document from its inputs, in order: an iterator of
/// [`Item`]s. Directories are walked recursively in name order, for files
/// of the kinds [`Kind`] lists, plain or `.gz`.
pub struct Reader {
    pending: std::vec::IntoIter<Input>,
    current: Option<Box<dyn Source>>,
    meta: Meta,
    limits: Limits,
    stats: Stats,
    total_bytes: Option<u64>,
    progress: Progress,
}

/// How far a [`Reader`] has got: bytes read from its files so far (as
/// stored: compressed bytes for gzip), shared so that a progress display can
/// read it while the reader is being iterated.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    /// Bytes read from the input files so far.
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A file that counts what is read from it into a [`Progress`].
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

enum Input {
    Stdin,
    File { path: PathBuf, walked: bool },
    Missing(PathBuf, String),
    Stream { name: String, reader: Box<dyn Read + Send>, kind: Option<Kind> },
}

impl Reader {
    /// Reads `paths`: files, directories, or `-` for standard input. Walks
    /// directories now; opens nothing yet.
    pub fn new(paths: &[PathBuf], meta: Meta, limits: Limits) -> Reader {
        let mut inputs = Vec::new();
        let mut stats = Stats::default();
        for p in paths {
            if p.as_os_str() == "-" {
                inputs.push(Input::Stdin);
            } else if p.is_dir() {
                walk(p, &mut inputs, &mut stats);
            } else if p.exists() {
                inputs.push(Input::File { path: p.clone(), walked: false });
            } else {
                inputs.push(Input::Missing(p.clone(), "no such file or directory".into()));
            }
        }
        // The total is known when every input is a file.
        let total_bytes = inputs
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
                Input::Missing(..) => Some(0),
                Input::Stdin | Input::Stream { .. } => None,
            })
            .sum::<Option<u64>>();
        Reader {
            pending: inputs.into_iter(),
            current: None,
            meta,
            limits,
            stats,
            total_bytes,
            progress: Progress::default(),
        }
    }

    /// Reads one stream, named `name` in origins; `kind` `None` sniffs it.
    /// Gzip is undone either way.
    pub fn from_reader(
        name: &str,
        reader: impl Read + Send + 'static,
        kind: Option<Kind>,
        meta: Meta,
        limits: Limits,
    ) -> Reader {
        let input = Input::Stream { name: name.to_string(), reader: Box::new(reader), kind };
        Reader {
            pending: vec![input].into_iter(),
            current: None,
            meta,
            limits,
            stats: Stats::default(),
            total_bytes: None,
            progress: Progress::default(),
        }
    }

    /// What has been read so far; complete once the iterator is exhausted.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// The size of all input files, when every input is a file (not stdin
    /// or a stream): with [`Reader::progress`], what a progress bar needs.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    /// A handle on how many bytes of the input files have been read.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// Opens an input: `None` when it turns out to be of no kind we read
    /// and was only met in a directory walk.
    fn open(&mut self, input: Input) -> Option<Box<dyn Source>> {
        let once = |item| Some(Box::new(Once(Some(item))) as Box<dyn Source>);
        let (name, raw, named, walked): (String, Box<dyn Read + Send>, ByName, bool) = match input {
            Input::Stdin => ("<stdin>".into(), Box::new(io::stdin()), ByName::Unknown, false),
            Input::Missing(p, why) => {
                return once(Item::error(Origin::file(&p.display().to_string()), ReadError::Open(why)));
            }
            Input::File { path, walked } => {
                let name = path.display().to_string();
                match File::open(&path) {
                    Ok(f) => {
                        let counted = Counting { inner: f, count: Arc::clone(&self.progress.0) };
                        (name, Box::new(counted), by_name(&path), walked)
                    }
                    Err(e) => return once(Item::error(Origin::file(&name), ReadError::Open(e.to_string()))),
                }
            }
            Input::Stream { name, reader, kind } => {
                (name, reader, kind.map_or(ByName::Unknown, ByName::Known), false)
            }
        };
        let mut buffered = BufReader::with_capacity(BUFFER_BYTES, raw);
        let gz = match buffered.fill_buf() {
            Ok(head) => is_gzip(head),
            Err(e) => return once(Item::error(Origin::file(&name), ReadError::Io(e))),
        };
        let mut r: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(BUFFER_BYTES, MultiGzDecoder::new(buffered)))
        } else {
            Box::new(buffered)
        };
        let kind = match named {
            ByName::Known(kind) => kind,
            ByName::Sniff | ByName::Unknown => {
                let mut head = Vec::new();
                if let Err(e) = r.by_ref().take(SNIFF_BYTES).read_to_end(&mut head) {
                    return once(Item::error(Origin::file(&name), ReadError::Io(e)));
                }
                let kind = Kind::sniff(&head);
                let root = root_name(&head);
                r = Box::new(io::Cursor::new(head).chain(r));
                match kind {
                    // In a walk, a name that says nothing (`x.gz`, `x.xml`) must
                    // be backed by a recognisable content: plain text is what
                    // any unknown bytes sniff as (a `.tar.gz`, a sitemap).
                    None | Some(Kind::Text) if walked => {
                        self.stats.files_passed_over += 1;
                        return None;
                    }
                    Some(kind) => kind,
                    None => return once(Item::error(Origin::file(&name), ReadError::NotAFeed(root))),
                }
            }
        };
        let (meta, limits) = (self.meta.clone(), self.limits);
        Some(match kind {
            Kind::Jsonl => Box::new(Jsonl::new(name, r, meta, limits)),
            Kind::Text => Box::new(Once(Some(text::read(&name, r, &meta, limits)))),
            Kind::Html => Box::new(Once(Some(html::read(&name, r, &meta, limits)))),
            Kind::Feed => Box::new(Feed::new(name, r, meta, limits)),
            Kind::Warc => Box::new(Warc::new(name, r, meta, limits)),
        })
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(source) = &mut self.current {
                if let Some(item) = source.next_item(&mut self.stats) {
                    match &item.doc {
                        Some(Ok(_)) => self.stats.documents += 1,
                        Some(Err(_)) => self.stats.errors += 1,
                        None => {}
                    }
                    self.stats.warnings += item.warnings.len();
                    return Some(item);
                }
                self.current = None;
            }
            let input = self.pending.next()?;
            self.current = self.open(input);
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<Input>, stats: &mut Stats) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Input::Missing(dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, stats);
        } else if by_name(&p) == ByName::Unknown {
            stats.files_passed_over += 1;
        } else {
            out.push(Input::File { path: p, walked: true });
        }
    }
}
