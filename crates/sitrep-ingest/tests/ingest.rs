//! Every input kind, end to end, on small fixtures written for these tests
//! (`tests/fixtures/`) and WARC files built here: what is extracted, what is
//! left out, and every bad input named and counted.

mod common;

use std::path::{Path, PathBuf};

use common::{crawl, fixture, gzip, warc_gz};
use sitrep_ingest::{InputDoc, Item, Kind, Limits, Meta, ReadError, Reader, Stats, Warning};

/// A fresh directory under the target dir, for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ingest").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn read_paths(paths: &[PathBuf], limits: Limits) -> (Vec<Item>, Stats) {
    let mut reader = Reader::new(paths, Meta::default(), limits);
    let items: Vec<Item> = reader.by_ref().collect();
    (items, reader.stats())
}

fn read_one(path: PathBuf) -> (Vec<Item>, Stats) {
    read_paths(&[path], Limits::default())
}

fn read_bytes(name: &str, bytes: Vec<u8>, kind: Option<Kind>) -> (Vec<Item>, Stats) {
    let mut reader =
        Reader::from_reader(name, std::io::Cursor::new(bytes), kind, Meta::default(), Limits::default());
    let items: Vec<Item> = reader.by_ref().collect();
    (items, reader.stats())
}

fn doc(item: &Item) -> &InputDoc {
    match &item.doc {
        Some(Ok(d)) => d,
        other => panic!("{}: expected a document, got {other:?}", item.origin),
    }
}

fn text(item: &Item) -> &str {
    doc(item).text.as_deref().unwrap_or_default()
}

// --- HTML ---------------------------------------------------------------------------------------

#[test]
fn html_article_keeps_the_story_and_its_metadata_and_drops_the_boilerplate() {
    let path = fixture("article-fr.html");
    let (items, stats) = read_one(path.clone());
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item.origin.to_string(), path.display().to_string());
    assert!(item.warnings.is_empty(), "{:?}", item.warnings);
    let d = doc(item);
    assert_eq!(d.title.as_deref(), Some("Hama : l'armée reprend deux villages après de violents combats"));
    assert_eq!(d.published.as_deref(), Some("2017-03-22T14:05:00+01:00"));
    assert_eq!(d.outlet.as_deref(), Some("Le Courrier du Levant"));
    assert_eq!(d.language.as_deref(), Some("fr"));
    assert_eq!(d.url.as_deref(), Some("https://courrier-levant.example/monde/hama-villages-repris"));
    assert_eq!(d.html, None, "the text is given, not the page");
    let t = text(item);
    for kept in [
        "Les forces gouvernementales syriennes ont repris mercredi le contrôle de deux villages",
        "au moins douze combattants ont été tués",
        "« La situation reste très tendue, les habitants fuient vers le sud »",
        "« rétablir la sécurité » dans la région.",
    ] {
        assert!(t.contains(kept), "article text lacks {kept:?}:\n{t}");
    }
    assert!(
        t.contains("droits de l'homme.\n\nD'après l'ONG"),
        "paragraphs are separated by one blank line, lines inside them joined:\n{t}"
    );
    for boilerplate in [
        "Accueil",
        "S'abonner",
        "PUBLICITÉ",
        "Publicité",
        "smartphone",
        "À lire aussi",
        "dix plats",
        "Mentions légales",
        "dataLayer",
        "border:",
    ] {
        assert!(!t.contains(boilerplate), "boilerplate {boilerplate:?} left in:\n{t}");
    }
    assert_eq!(stats, Stats { documents: 1, ..Stats::default() });
}

#[test]
fn a_latin1_page_is_decoded_by_its_declared_charset() {
    let (items, _) = read_one(fixture("article-latin1.html"));
    let item = &items[0];
    assert!(item.warnings.is_empty(), "{:?}", item.warnings);
    let d = doc(item);
    assert_eq!(d.title.as_deref(), Some("Alep : nouvelle trêve annoncée dans les quartiers est"));
    assert_eq!(d.published.as_deref(), Some("2016-08-01"));
    assert_eq!(d.outlet, None);
    let t = text(item);
    assert!(t.contains("restent assiégés depuis près d'un mois"), "{t}");
    assert!(t.contains("« Nous opérons à la lumière des téléphones »"), "{t}");
    assert!(!t.contains('\u{FFFD}'), "{t}");
    assert!(!t.contains("Tous droits réservés"), "the footer is boilerplate: {t}");
}

#[test]
fn an_undeclared_legacy_charset_is_guessed_with_a_warning() {
    let page = std::fs::read(fixture("article-latin1.html")).expect("fixture");
    let declared = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\n";
    let at =
        page.windows(declared.len()).position(|w| w == declared).expect("the fixture declares its charset");
    let undeclared = [&page[..at], &page[at + declared.len()..]].concat();
    let (items, stats) = read_bytes("page", undeclared, None);
    let item = &items[0];
    assert!(text(item).contains("restent assiégés depuis près d'un mois"), "{}", text(item));
    assert!(
        matches!(&item.warnings[..], [Warning::GuessedEncoding { used: "windows-1252", .. }]),
        "{:?}",
        item.warnings
    );
    assert_eq!(stats.warnings, 1);
}

#[test]
fn broken_html_is_read_as_far_as_it_goes_and_each_problem_named() {
    let (items, stats) = read_one(fixture("broken.html"));
    let item = &items[0];
    let d = doc(item);
    assert_eq!(
        d.title.as_deref(),
        Some("Clashes reported near Deir ez-Zor"),
        "the JSON-LD is broken: <title>"
    );
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.published, None);
    let t = text(item);
    assert!(t.contains("Heavy clashes were reported on Sunday near Deir ez-Zor"), "{t}");
    assert!(t.contains("as shelling continued into the evening"), "{t}");
    assert!(t.contains("critical condition"), "{t}");
    let w = &item.warnings;
    assert!(w.contains(&Warning::UnclosedPage), "{w:?}");
    assert!(w.iter().any(|w| matches!(w, Warning::BadJsonLd(_))), "{w:?}");
    assert!(
        w.contains(&Warning::BadDate {
            field: "<meta article:published_time>".into(),
            value: "last Tuesday".into()
        }),
        "{w:?}"
    );
    assert_eq!(stats.warnings, w.len());
}

#[test]
fn a_page_over_the_limit_is_skipped_unread() {
    let (items, stats) = read_paths(&[fixture("article-fr.html")], Limits { max_doc_bytes: 1000 });
    assert!(matches!(items[0].doc, Some(Err(ReadError::FileTooLarge { limit: 1000 }))), "{items:?}");
    assert_eq!((stats.documents, stats.errors), (0, 1));
}

#[test]
fn metadata_flags_fill_what_a_page_lacks_and_name_a_single_page() {
    let meta = Meta {
        outlet: Some("Flag".into()),
        published: Some("2000-01-01".into()),
        id: Some("p1".into()),
        ..Meta::default()
    };
    let mut r = Reader::new(&[fixture("article-latin1.html")], meta, Limits::default());
    let item = r.next().expect("an item");
    let d = doc(&item);
    assert_eq!(d.outlet.as_deref(), Some("Flag"), "the page names no outlet");
    assert_eq!(d.published.as_deref(), Some("2016-08-01"), "the page's own date wins");
    assert_eq!(d.id.as_deref(), Some("p1"));
}

// --- Feeds --------------------------------------------------------------------------------------

#[test]
fn rss_items_become_documents_and_a_bad_date_is_a_warning_on_its_item() {
    let path = fixture("feed.rss");
    let (items, stats) = read_one(path.clone());
    let origins: Vec<String> = items.iter().map(|i| i.origin.to_string()).collect();
    let p = path.display();
    assert_eq!(origins, [1, 2, 3, 4].map(|n| format!("{p}#item {n}")));

    let first = doc(&items[0]);
    assert_eq!(first.title.as_deref(), Some("Idleb : des frappes font six morts"));
    assert_eq!(first.url.as_deref(), Some("https://fil-syrie.example/2017/04/idleb-frappes"));
    assert_eq!(
        first.published.as_deref(),
        Some("2017-04-05T00:30:00+03:00"),
        "the publisher's day, not UTC's"
    );
    assert_eq!(first.outlet.as_deref(), Some("Le Fil Syrie"), "the channel's title, not the image's");
    assert_eq!(first.language.as_deref(), Some("fr"));
    assert_eq!(
        text(&items[0]),
        "Des frappes aériennes ont fait au moins six morts mercredi à Idleb, selon la défense civile.\n\n\
         Plusieurs bâtiments se sont effondrés."
    );

    let second = doc(&items[1]);
    assert_eq!(second.title.as_deref(), Some("Raqqa : les FDS avancent & encerclent la ville"));
    assert_eq!(second.published.as_deref(), Some("2017-06-06T09:15:00+02:00"));
    assert_eq!(
        text(&items[1]),
        "Les Forces démocratiques syriennes ont annoncé mardi être entrées dans Raqqa.\n\n\
         Les combats se concentrent dans les quartiers est.",
        "content:encoded wins over the description; scripts are dropped"
    );

    assert_eq!(doc(&items[2]).published, None);
    assert_eq!(
        text(&items[2]),
        "Un nouveau convoi de combattants et de civils a quitté le quartier d'al-Waer samedi."
    );
    assert_eq!(
        items[2].warnings,
        [Warning::BadDate { field: "pubDate".into(), value: "jeudi dernier".into() }]
    );

    let last = doc(&items[3]);
    assert_eq!(last.text.as_deref(), Some("Dernière minute : explosion à Damas"), "a headline-only item");
    assert_eq!(last.published.as_deref(), Some("2017-03-11T10:00:00+00:00"));
    assert_eq!(last.url, None);

    assert_eq!(stats, Stats { documents: 4, warnings: 1, ..Stats::default() });
    assert!(items.iter().enumerate().all(|(i, it)| i == 2 || it.warnings.is_empty()));
}

#[test]
fn atom_entries_become_documents_and_a_bad_date_is_a_warning_on_its_entry() {
    let path = fixture("feed.atom");
    let (items, stats) = read_one(path.clone());
    assert_eq!(items.len(), 2);
    let first = doc(&items[0]);
    assert_eq!(first.title.as_deref(), Some("Shelling kills four in Daraa"));
    assert_eq!(first.url.as_deref(), Some("https://levant-monitor.example/2017/03/daraa"));
    assert_eq!(first.published.as_deref(), Some("2017-03-22T17:45:00+02:00"), "published wins over updated");
    assert_eq!(first.outlet.as_deref(), Some("Levant Monitor"));
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(
        text(&items[0]),
        "Shelling killed four civilians in Daraa on Wednesday, local activists said.\n\nTwo children were among the dead."
    );
    assert_eq!(items[1].origin.to_string(), format!("{}#item 2", path.display()));
    assert_eq!(doc(&items[1]).published, None);
    assert_eq!(text(&items[1]), "A convoy of 40 trucks entered the besieged town of Madaya on Thursday.");
    assert_eq!(
        items[1].warnings,
        [Warning::BadDate { field: "published".into(), value: "2017-13-45T25:00:00Z".into() }]
    );
    let message = format!("{}: {}", items[1].origin, items[1].warnings[0]);
    assert!(message.ends_with("feed.atom#item 2: published \"2017-13-45T25:00:00Z\" is not a date (RFC 3339, RFC 2822 or ISO 8601); the document is kept without it"), "{message}");
    assert_eq!(stats, Stats { documents: 2, warnings: 1, ..Stats::default() });
}

#[test]
fn a_gzipped_feed_on_a_stream_is_sniffed() {
    let rss = std::fs::read(fixture("feed.rss")).expect("fixture");
    let (items, stats) = read_bytes("<stdin>", gzip(&rss), None);
    assert_eq!(stats.documents, 4);
    assert_eq!(items[2].origin.to_string(), "<stdin>#item 3");
}

#[test]
fn a_truncated_feed_keeps_its_items_and_says_where_it_ends() {
    let rss = std::fs::read(fixture("feed.rss")).expect("fixture");
    let cut = rss.windows(8).position(|w| w == b"al-Waer ").expect("item 3's title");
    let (items, stats) = read_bytes("cut.rss", rss[..cut].to_vec(), Some(Kind::Feed));
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[2].origin.to_string(), "cut.rss#item 3");
    assert!(items[2].doc.is_none());
    assert!(matches!(&items[2].warnings[..], [Warning::Truncated(_)]), "{:?}", items[2].warnings);
    assert_eq!((stats.documents, stats.warnings), (2, 1));
}

// --- WARC ---------------------------------------------------------------------------------------

fn check_crawl(items: &[Item], stats: Stats, name: &str) {
    let origins: Vec<String> = items.iter().map(|i| i.origin.to_string()).collect();
    assert_eq!(origins, [format!("{name}#record 3"), format!("{name}#record 7")]);
    let article = doc(&items[0]);
    assert_eq!(
        article.url.as_deref(),
        Some("https://courrier-levant.example/monde/hama-villages-repris?utm_source=flux"),
        "the URL is the record's WARC-Target-URI"
    );
    assert_eq!(
        article.published.as_deref(),
        Some("2017-03-22T14:05:00+01:00"),
        "the page's date, not the crawl's"
    );
    assert_eq!(article.outlet.as_deref(), Some("Le Courrier du Levant"));
    assert!(text(&items[0]).contains("au moins douze combattants ont été tués"));
    assert!(!text(&items[0]).contains("PUBLICITÉ"));
    let page = doc(&items[1]);
    assert_eq!(page.published.as_deref(), Some("2016-08-02T06:00:00Z"), "no date in the page: the WARC-Date");
    assert_eq!(page.url.as_deref(), Some("http://echo-oronte.example/alep/treve.html"));
    assert!(text(&items[1]).contains("restent assiégés depuis près d'un mois"), "{}", text(&items[1]));
    assert!(items.iter().all(|i| i.warnings.is_empty()), "{items:?}");
    assert_eq!(stats, Stats { documents: 2, records_skipped: 5, ..Stats::default() });
}

#[test]
fn warc_responses_with_html_become_documents_and_other_records_are_counted() {
    let dir = scratch("warc");
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, warc_gz(&crawl())).expect("writes");
    let (items, stats) = read_one(path.clone());
    check_crawl(&items, stats, &path.display().to_string());
}

#[test]
fn an_uncompressed_warc_on_a_stream_is_sniffed() {
    let (items, stats) = read_bytes("<stdin>", crawl().concat(), None);
    check_crawl(&items, stats, "<stdin>");
}

#[test]
fn a_truncated_warc_gz_keeps_the_records_before_the_cut_and_names_the_record() {
    let records = crawl();
    let whole = warc_gz(&records[..6]);
    let seventh = gzip(&records[6]);
    let cut = [whole, seventh[..seventh.len() / 2].to_vec()].concat();
    let dir = scratch("truncated");
    let path = dir.join("truncated.warc.gz");
    std::fs::write(&path, &cut).expect("writes");
    let (items, stats) = read_one(path.clone());
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].origin.to_string(), format!("{}#record 3", path.display()));
    assert!(text(&items[0]).contains("douze combattants"));
    assert_eq!(items[1].origin.to_string(), format!("{}#record 7", path.display()));
    assert!(items[1].doc.is_none(), "{items:?}");
    assert!(matches!(&items[1].warnings[..], [Warning::Truncated(_)]), "{:?}", items[1].warnings);
    assert_eq!(stats, Stats { documents: 1, warnings: 1, records_skipped: 5, ..Stats::default() });
}

#[test]
fn a_warc_cut_inside_a_record_or_not_a_warc_at_all_is_named() {
    let records = crawl();
    let plain = records[..3].concat();
    let (items, stats) = read_bytes("cut.warc", plain[..plain.len() - 100].to_vec(), Some(Kind::Warc));
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].origin.to_string(), "cut.warc#record 3");
    assert!(matches!(&items[0].warnings[..], [Warning::Truncated(_)]));
    assert_eq!((stats.documents, stats.records_skipped, stats.warnings), (0, 2, 1));

    let (items, _) = read_bytes("x.warc", b"GIF89a not a warc".to_vec(), Some(Kind::Warc));
    assert_eq!(items[0].origin.to_string(), "x.warc#record 1");
    assert!(matches!(&items[0].doc, Some(Err(ReadError::BadWarc(_)))), "{items:?}");
}

#[test]
fn an_oversized_payload_is_skipped_and_the_next_record_read() {
    let records = crawl();
    let mut r = Reader::from_reader(
        "big.warc",
        std::io::Cursor::new(records.concat()),
        Some(Kind::Warc),
        Meta::default(),
        Limits { max_doc_bytes: 2500 },
    );
    let items: Vec<Item> = r.by_ref().collect();
    assert_eq!(items.len(), 2);
    assert!(
        matches!(&items[0].doc, Some(Err(ReadError::PartTooLarge { what: "the HTTP payload", .. }))),
        "{items:?}"
    );
    assert!(doc(&items[1]).text.is_some(), "the Latin-1 page fits");
}

// --- JSON Lines, text, directories ----------------------------------------------------------

#[test]
fn jsonl_lines_bad_and_good_and_a_truncated_gzip() {
    let mut lines = Vec::new();
    lines.extend_from_slice(b"{\"id\": \"a\", \"text\": \"Hier.\"}\n");
    lines.extend_from_slice(b"{\"id\": \"b\", \"text\": \n");
    lines.extend_from_slice(b"{\"id\": \"c\", \"text\": \"caf\xe9\"}\n");
    for n in 0..200 {
        lines.extend_from_slice(
            format!("{{\"id\": \"n{n}\", \"text\": \"Ligne {n} {}\"}}\n", "x".repeat(n)).as_bytes(),
        );
    }
    let gz = gzip(&lines);
    let (items, stats) = read_bytes("docs.jsonl.gz", gz.clone(), Some(Kind::Jsonl));
    assert_eq!(stats, Stats { documents: 202, errors: 1, warnings: 1, ..Stats::default() });
    assert_eq!(items[1].origin.to_string(), "docs.jsonl.gz:2");
    assert!(matches!(&items[1].doc, Some(Err(ReadError::Json(_)))));
    assert_eq!(items[2].warnings, [Warning::InvalidUtf8 { at: 24 }]);

    let (items, stats) = read_bytes("docs.jsonl.gz", gz[..gz.len() * 2 / 3].to_vec(), None);
    let last = items.last().expect("items");
    assert!(last.doc.is_none() && matches!(&last.warnings[..], [Warning::Truncated(_)]), "{last:?}");
    assert!(last.origin.to_string().starts_with("docs.jsonl.gz:"));
    assert!(stats.documents > 50 && stats.documents < 202, "{stats:?}");
    assert_eq!(stats.warnings, 2);
}

#[test]
fn directories_are_walked_for_every_kind_and_the_rest_counted() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("feeds")).expect("mkdir");
    std::fs::copy(fixture("article-fr.html"), dir.join("a.html")).expect("copy");
    std::fs::write(dir.join("b.jsonl.gz"), gzip(b"{\"id\": \"j1\", \"text\": \"x\"}\n")).expect("write");
    std::fs::write(dir.join("c.warc.gz"), warc_gz(&crawl())).expect("write");
    std::fs::copy(fixture("feed.atom"), dir.join("feeds/d.atom")).expect("copy");
    std::fs::copy(fixture("feed.rss"), dir.join("feeds/e.xml")).expect("copy");
    std::fs::write(dir.join("feeds/sitemap.xml"), "<?xml version=\"1.0\"?><urlset><url/></urlset>")
        .expect("w");
    std::fs::write(dir.join("notes.pdf"), "%PDF-1.4").expect("write");
    std::fs::write(dir.join("backup.gz"), gzip(b"\x00\x01 binary, not a document")).expect("write");
    std::fs::write(dir.join("z.txt"), "Un texte.").expect("write");
    let (items, stats) = read_paths(std::slice::from_ref(&dir), Limits::default());
    let origins: Vec<String> =
        items.iter().map(|i| i.origin.to_string().replace(&format!("{}/", dir.display()), "")).collect();
    assert_eq!(
        origins,
        [
            "a.html",
            "b.jsonl.gz:1",
            "c.warc.gz#record 3",
            "c.warc.gz#record 7",
            "feeds/d.atom#item 1",
            "feeds/d.atom#item 2",
            "feeds/e.xml#item 1",
            "feeds/e.xml#item 2",
            "feeds/e.xml#item 3",
            "feeds/e.xml#item 4",
            "z.txt",
        ]
    );
    assert_eq!(
        stats,
        Stats { documents: 11, errors: 0, warnings: 2, files_passed_over: 3, records_skipped: 5 },
        "notes.pdf, backup.gz and sitemap.xml passed over"
    );
}

#[test]
fn an_xml_file_that_is_not_a_feed_is_an_error_when_named() {
    let dir = scratch("notfeed");
    let path = dir.join("sitemap.xml");
    std::fs::write(&path, "<?xml version=\"1.0\"?>\n<urlset><url/></urlset>").expect("w");
    let (items, stats) = read_one(path);
    assert!(matches!(&items[0].doc, Some(Err(ReadError::NotAFeed(r))) if r == "urlset"), "{items:?}");
    assert_eq!(
        items[0].doc.as_ref().and_then(|d| d.as_ref().err()).map(ToString::to_string).as_deref(),
        Some("an XML file whose root element is <urlset>, not an RSS or Atom feed; not read")
    );
    assert_eq!(stats.errors, 1);
}

#[test]
fn progress_counts_the_bytes_of_the_files_read() {
    let dir = scratch("progress");
    let a = dir.join("a.jsonl");
    let b = dir.join("b.txt.gz");
    std::fs::write(&a, "{\"id\": \"1\", \"text\": \"Un.\"}\n{\"id\": \"2\", \"text\": \"Deux.\"}\n")
        .expect("writes");
    std::fs::write(&b, gzip(b"Three blasts in Aleppo.")).expect("writes");
    let size = |p: &Path| std::fs::metadata(p).expect("exists").len();
    let mut reader = Reader::new(&[a.clone(), b.clone()], Meta::default(), Limits::default());
    assert_eq!(reader.total_bytes(), Some(size(&a) + size(&b)));
    let progress = reader.progress();
    assert_eq!(progress.bytes(), 0);
    let first = reader.next().expect("a document");
    assert!(first.doc.is_some());
    assert!(progress.bytes() > 0);
    let rest: Vec<Item> = reader.by_ref().collect();
    assert_eq!(rest.len(), 2);
    // Compressed bytes, as stored: the total is reached exactly.
    assert_eq!(progress.bytes(), size(&a) + size(&b));
    // Standard input has no known size.
    assert_eq!(Reader::new(&[PathBuf::from("-")], Meta::default(), Limits::default()).total_bytes(), None);
}
