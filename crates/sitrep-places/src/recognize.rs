//! Finding toponyms in a text: names the gazetteers know (exactly, or by
//! their transliteration skeleton), aliases, demonyms, and unknown names that
//! a cue marks as places ("le quartier X", "the village of X").
//!
//! Capital letters alone do not make a place: a name that is also a frequent
//! word needs a locative cue or must be an important place when it opens a
//! sentence or sits in a headline; a title or a group word before it ("M.",
//! "Front") or a name word after it ("Post", "University") makes it part of
//! another name.

use std::ops::Range;

use sitrep_text::{Text, TokenKind, is_name_article};

use crate::cues::Cues;
use crate::curated::Curated;
use crate::gazetteer::{
    Entry, Gazetteer, NameState, PerGazetteer, Steps, flags, memory, place_key_cached, same_word,
    skeleton_cached, token_key,
};

/// A toponym found in the text, with its candidates.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub first: usize,
    pub last: usize,
    /// Candidates in the gazetteers (gazetteer, index), most important
    /// first: where they are in the list [`find`] gives with the mentions
    /// (one list for the document, not one allocated per mention).
    pub gaz: Range<usize>,
    /// Candidates among curated places.
    pub curated: Vec<u32>,
    /// The name is also a frequent word, and names no important place.
    pub common: bool,
    /// The name is one of the most frequent words ("Sur", "Selon").
    pub very_common: bool,
    /// A demonym: a mention of a country.
    pub demonym: bool,
    /// Found by skeleton only: needs context to be believed.
    pub fuzzy: bool,
    /// The feature a cue announces ("le quartier X" → PPLX).
    pub kind: Option<String>,
    /// A locative or directional cue precedes it.
    pub locative: bool,
    /// Where an organisation is based ("London-based", "basée à Londres").
    pub seat: bool,
    /// The name is also an ordinary geographic word ("Central", "Far North").
    pub generic: bool,
    /// The name's place key, when recognition has worked it out (resolution
    /// needs it too).
    pub key: Option<std::rc::Rc<str>>,
}

impl Mention {
    /// A mention of tokens `first..last` with no candidates and no flags.
    fn blank(first: usize, last: usize) -> Mention {
        Mention {
            first,
            last,
            gaz: 0..0,
            curated: Vec::new(),
            common: false,
            very_common: false,
            demonym: false,
            fuzzy: false,
            kind: None,
            locative: false,
            seat: false,
            generic: false,
            key: None,
        }
    }
}

/// What the recognizer reads.
pub(crate) struct Sources<'a> {
    /// Unique per place stage: keys what recognition remembers per thread.
    pub id: u64,
    /// The embedded gazetteer first, then any the user imported.
    pub gaz: &'a [Gazetteer],
    pub curated: &'a Curated,
    pub cues: &'a Cues,
    /// The language is French (demonyms are lower-case adjectives there).
    pub french: bool,
}

/// Per-sentence facts the filters need.
struct Layout<'t> {
    /// Token i opens its sentence (after any opening quote).
    opens: Vec<bool>,
    /// Sentence s is headline-like (most words capitalised), worked out
    /// when first asked ([`Layout::headline`]): few sentences are asked.
    headline: Vec<std::cell::Cell<Option<bool>>>,
    /// Words seen as the second part of a capitalised name ([`name_tails`]),
    /// worked out when first asked: many documents never ask.
    tails: std::cell::OnceCell<foldhash::HashSet<&'t str>>,
    /// Token ranges of temporal expressions ("Toronto Saturday").
    dates: Vec<Range<usize>>,
}

fn layout(text: &Text) -> Layout<'_> {
    let n = text.tokens().len();
    let mut opens = vec![false; n];
    for s in text.sentences() {
        let (a, b) = (s.first as usize, s.last as usize);
        let mut k = a;
        while k < b && text.tokens()[k].kind == TokenKind::Punct {
            k += 1;
        }
        if k < b {
            opens[k] = true;
        }
    }
    let headline = vec![Default::default(); text.sentences().len()];
    Layout { opens, headline, tails: Default::default(), dates: Vec::new() }
}

impl Layout<'_> {
    /// Is token `i` in a headline-like sentence (most words capitalised)?
    /// Asked only of the few words that pass the other tests: counting
    /// the words of every sentence up front cost more than all the asking.
    fn headline(&self, text: &Text, i: usize) -> bool {
        let at = text.sentence_of(i);
        let Some(s) = text.sentences().get(at).filter(|s| s.first as usize <= i) else {
            return false;
        };
        if let Some(known) = self.headline[at].get() {
            return known;
        }
        // Words of four bytes or more, and how many are capitalised.
        let (words, caps) = text.tokens()[s.first as usize..s.last as usize]
            .iter()
            .filter(|t| t.kind == TokenKind::Alpha && t.end - t.start >= 4)
            .fold((0, 0), |(n, caps), t| (n + 1, caps + usize::from(t.upper)));
        let is_headline = words >= 3 && caps * 10 >= words * 6;
        self.headline[at].set(Some(is_headline));
        is_headline
    }
}

/// Does a name whose first word starts at token `first` start the way names
/// do? `second` gives where its second word starts: only asked after a
/// lower-case first word (most names have a capital and are not read on).
fn starts_like_a_name(text: &Text, first: usize, second: impl FnOnce() -> Option<usize>) -> bool {
    if text.capital(first) {
        return true;
    }
    // "al-Hamdaniyah": a lower-case article glued to a capitalised word
    is_name_article(text.token_str(first)) && second().is_some_and(|second| text.capital(second))
}

/// The toponyms of a text, in order, and the list of gazetteer candidates
/// their `gaz` ranges point into.
pub(crate) fn find(
    text: &Text,
    src: &Sources,
    blocked: &[Range<usize>],
    dates: &[Range<usize>],
) -> (Vec<Mention>, Vec<(u8, u32)>) {
    let toks = text.tokens();
    let mut lay = layout(text);
    lay.dates = dates.to_vec();
    // One flag per token, set once: a name is blocked when one of its
    // tokens is (the ranges are never empty, nor are the names).
    let mut blocked_at = vec![false; toks.len()];
    for r in blocked {
        blocked_at[r.start.min(toks.len())..r.end.min(toks.len())].fill(true);
    }
    let is_blocked = |a: usize, b: usize| blocked_at[a..b].contains(&true);
    let max_words = src.curated.max_words.max(7);
    // (Room for a mention in sixteen words and a capitalised word in
    // four, so that the lists seldom grow.)
    let mut out: Vec<Mention> = Vec::with_capacity(toks.len() / 16);
    let mut words = Vec::with_capacity(max_words);
    let mut key_buf = KeyBuf::default();
    let mut parts = Vec::with_capacity(4);
    // The candidates of every mention kept, and those of the match being
    // weighed (kept only with it). (Room for a few hundred from the start:
    // a common name has as many, and the lists grew about ten times per
    // document.)
    let mut all_gaz = Vec::with_capacity(256);
    let mut gaz = Vec::with_capacity(256);
    let memo =
        Memories { starts: Start::memory(src), steps: Steps::of_thread(), skeletons: Skeletal::memory(src) };
    // The capitalised words this walk does not skip (see [`unknown_with_cues`]).
    let mut capitals = Vec::with_capacity(toks.len() / 4);
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Alpha {
            i += 1;
            continue;
        }
        if toks[i].upper {
            capitals.push(i);
        }
        let m = match_at(text, src, &memo, i, (max_words, &mut words), &mut key_buf, &mut parts);
        let Some(mut m) = m else {
            i += 1;
            continue;
        };
        let m_first = m.first;
        // Names inside dates and actors are not places ("Front al-Nosra"),
        // but a demonym still says which country the report concerns
        // ("the Turkish government", "l'aviation russe"), and an
        // organisation's seat is still a toponym ("the Britain-based
        // Syrian Observatory"), flagged so that no event happens there.
        m.seat = !m.demonym
            && (src.cues.seat_after.value_at(text, m.last).is_some()
                || src.cues.seat_before.value_before(text, m.first).is_some());
        // The filters that need no candidates first: most matches fail them
        // (lower-case words that are also names), and their candidates
        // are never read.
        let has_gaz = parts.iter().any(GazCands::any);
        let n_words = if !m.demonym && !m.seat && is_blocked(m.first, m.last) {
            None
        } else {
            acceptable(text, src, &mut m, has_gaz)
        };
        let Some(n_words) = n_words else {
            i += 1;
            continue;
        };
        gaz.clear();
        for p in parts.drain(..) {
            p.read_into(src, &mut gaz);
        }
        if !acceptable_with_candidates(text, src, &lay, &m, &gaz, n_words) {
            i += 1;
            continue;
        }
        m.gaz = all_gaz.len()..all_gaz.len() + gaz.len();
        all_gaz.extend_from_slice(&gaz);
        i = m.last;
        trim_kind_word(text, src, &mut m);
        // The words a kind word trimmed off ("Camp" of "Camp de X") are not
        // inside the name: they are walked over all the same.
        let walked = |k: &usize| toks[*k].kind == TokenKind::Alpha && toks[*k].upper;
        capitals.extend((m_first + 1..m.first).filter(walked));
        out.push(m);
    }
    // Unknown names a cue marks as places, and names listed after them
    // ("les axes Rachidine et Sabakiyyeh").
    unknown_with_cues(text, src, &lay, &mut out, &is_blocked, &capitals);
    out.sort_by_key(|m| m.first);
    (out, all_gaz)
}

/// The words of the name at a token ([`sitrep_text::NameWords`]), read only
/// as far as they are asked for: most words are not the start of a name,
/// and one lookup of the first word says so.
struct Words<'a, 'b> {
    iter: sitrep_text::NameWords<'a>,
    got: &'b mut Vec<Range<usize>>,
}

impl<'a, 'b> Words<'a, 'b> {
    fn new(text: &'a Text, i: usize, max: usize, buf: &'b mut Vec<Range<usize>>) -> Self {
        buf.clear();
        Words { iter: sitrep_text::NameWords::new(text, i, max), got: buf }
    }

    /// Word `n` of the name, if it has that many. (Asked at every word:
    /// inlined, which the compiler does not always choose.)
    #[inline(always)]
    fn get(&mut self, n: usize) -> Option<Range<usize>> {
        while self.got.len() <= n {
            self.got.push(self.iter.next()?);
        }
        Some(self.got[n].clone())
    }

    /// The name's first words that `named` keeps, at most `max`: read up to
    /// the first it does not keep.
    fn leading(&mut self, max: usize, named: impl Fn(&Range<usize>) -> bool) -> &[Range<usize>] {
        let mut n = 0;
        while n < max && self.get(n).is_some_and(|w| named(&w)) {
            n += 1;
        }
        &self.got[..n]
    }
}

/// The curated key being built at a token, kept from token to token so
/// that its room is made once per document.
#[derive(Default)]
struct KeyBuf {
    key: String,
    /// After each word that ends a key: the key's length, and the token after the word.
    ends: Vec<(usize, usize)>,
}

/// Gazetteer candidates of a match, not read yet: a match is kept or
/// dropped mostly on what needs no candidates, and a common word can name
/// hundreds of places.
enum GazCands {
    /// An alias's places (in the first gazetteer).
    Alias(Vec<(u8, u32)>),
    /// A name's entry in gazetteer `g`.
    Entry(u8, Entry),
}

impl GazCands {
    /// Is there any candidate?
    fn any(&self) -> bool {
        match self {
            GazCands::Alias(hits) => !hits.is_empty(),
            GazCands::Entry(_, e) => e.count > 0,
        }
    }

    /// Adds the candidates to a match's, as [`merge_candidates`] does.
    fn read_into(self, src: &Sources, list: &mut Vec<(u8, u32)>) {
        match self {
            GazCands::Alias(hits) => merge_candidates(src, list, hits),
            GazCands::Entry(g, e) => {
                merge_candidates(src, list, src.gaz[g as usize].candidate_indices(e).map(|i| (g, i)))
            }
        }
    }
}

/// This thread's memories that recognition asks at every word, taken once
/// per document.
struct Memories {
    starts: std::rc::Rc<Starts>,
    steps: Steps,
    skeletons: std::rc::Rc<sitrep_text::WordMemo<Option<std::rc::Rc<Skeletal>>>>,
}

/// What the transliteration skeleton of a name, as written, finds:
/// remembered per thread with the name, since the same capitalised names
/// that nothing knows as written (people's names above all) come back in
/// every document. Remembered as `None` when there is nothing to find
/// (most names): the answer is then read without reaching a shared copy.
#[derive(Debug)]
struct Skeletal {
    /// The skeleton's consonants.
    consonants: usize,
    /// Curated places of that skeleton.
    curated: Vec<u32>,
    /// The skeleton's entry in each gazetteer: none below four consonants,
    /// which meet too many unrelated names in a world gazetteer.
    gaz: Vec<Option<Entry>>,
}

impl Skeletal {
    /// What the skeleton of `written` finds; `None` below five letters (too
    /// short to be read by its skeleton) or when it finds nothing.
    fn of(src: &Sources, written: &str) -> Option<Skeletal> {
        if written.chars().filter(|c| c.is_alphabetic()).count() < 5 {
            return None;
        }
        let s = skeleton_cached(written);
        let consonants = s.chars().count();
        let curated = src.curated.skeletons.get(&*s).cloned().unwrap_or_default();
        let gaz = if consonants >= 4 {
            src.gaz.iter().map(|g| g.lookup_skeleton(&s)).collect()
        } else {
            Vec::new()
        };
        let found = !curated.is_empty() || gaz.iter().any(Option::is_some);
        found.then_some(Skeletal { consonants, curated, gaz })
    }

    /// This thread's memory for this place stage, taken once per document.
    fn memory(src: &Sources) -> std::rc::Rc<sitrep_text::WordMemo<Option<std::rc::Rc<Skeletal>>>> {
        thread_local! {
            static SEEN: PerGazetteer<Option<std::rc::Rc<Skeletal>>> = PerGazetteer::default();
        }
        memory(&SEEN, src.id, 20_000)
    }
}

/// What a word that may start a name leads to, remembered per thread: the
/// same words start most names, in every document, and one lookup answers
/// three questions.
#[derive(Debug, Clone, Copy)]
struct Start {
    /// The word begins an alias ("U.S.").
    alias: bool,
    /// The word is an alias.
    alias_whole: bool,
    /// An alias goes on after the word and a space ("Great Britain").
    alias_spaced: bool,
    /// An alias goes on after the word ("U" of "U.K.").
    alias_longer: bool,
    /// The word begins a curated name.
    curated: bool,
    /// The word is a curated name's key.
    curated_whole: bool,
    /// The first gazetteer's automaton state after the word.
    gaz: Option<NameState>,
    /// The word is a name article ([`is_name_article`]).
    article: bool,
}

/// This thread's memory of starts for one place stage, by the word's hash
/// (see [`Start::of`]), at most [`Starts::MAX`] words. Not a
/// `sitrep_text::WordMemo`: it is asked at nearly every token, and its hit
/// is inlined here with an in-place word compare; `WordMemo`'s out-of-line
/// hit cost 7 M more instructions on the benchmark (docs/performance.md).
#[derive(Default)]
struct Starts(std::cell::RefCell<sitrep_text::ByHash<(Box<str>, Start)>>);

impl Starts {
    const MAX: usize = 50_000;
}

impl Start {
    /// This thread's memory of starts for this place stage (one per
    /// stage: their sources differ), taken once per document.
    fn memory(src: &Sources) -> std::rc::Rc<Starts> {
        thread_local! {
            static SEEN: std::cell::RefCell<foldhash::HashMap<u64, std::rc::Rc<Starts>>> = Default::default();
        }
        SEEN.with(|seen| seen.borrow_mut().entry(src.id).or_default().clone())
    }

    /// The start at token `i`, remembered by the token's hash. Asked at
    /// nearly every word, and nearly always remembered: the hit is inlined.
    /// A short word found by its hash is the word
    /// (`sitrep_text::word_hash_is_exact`); a longer one is compared in
    /// place ([`same_word`]), where libc's memcmp cost more than the rest
    /// of the lookup.
    #[inline(always)]
    fn of(memo: &Starts, src: &Sources, text: &Text, i: usize) -> Start {
        let h = text.token_hash(i);
        let word = text.token_bytes(i);
        if let Some((w, start)) = memo.0.borrow().get(&h)
            && (sitrep_text::word_hash_is_exact(word.len()) || same_word(w.as_bytes(), word))
        {
            return *start;
        }
        Start::remember(memo, src, h, text.token_str(i))
    }

    /// The start of `word` (hash `h`), worked out and remembered: a full
    /// memory starts afresh, and of two words with one hash the later is kept.
    #[cold]
    #[inline(never)]
    fn remember(memo: &Starts, src: &Sources, h: u64, word: &str) -> Start {
        let alias = src.curated.alias_prefixes.contains(word);
        let curated = src.curated.exact_prefixes.get(word);
        let start = Start {
            alias,
            alias_whole: alias && src.curated.aliases.contains_key(word),
            alias_spaced: alias && src.curated.alias_prefixes.contains(&format!("{word} ")),
            alias_longer: alias && src.curated.alias_proper_prefixes.contains(word),
            curated: curated.is_some(),
            curated_whole: curated == Some(&true),
            gaz: src.gaz.first().and_then(|g| g.after_word(word)),
            article: is_name_article(word),
        };
        let mut seen = memo.0.borrow_mut();
        if seen.len() >= Starts::MAX {
            seen.clear();
        }
        seen.insert(h, (word.into(), start));
        start
    }
}

/// A match at a token, as [`match_at`] weighs it against the others: where
/// it ends and what it is.
struct Longest {
    last: usize,
    curated: Vec<u32>,
    common: bool,
    very_common: bool,
    demonym: bool,
}

impl Longest {
    /// A match ending before token `last`, with nothing known of it yet.
    fn at(last: usize) -> Longest {
        Longest { last, curated: Vec::new(), common: false, very_common: false, demonym: false }
    }

    /// Weighs this match against `best`, the longest so far, whose
    /// candidates are `parts`: a longer one takes its place, one as long
    /// adds to it. (Asked at every name found on the way: inlined.)
    #[inline(always)]
    fn weigh(self, best: &mut Option<Longest>, parts: &mut Vec<GazCands>, cands: Option<GazCands>) {
        if best.as_ref().is_none_or(|b| self.last > b.last) {
            *best = Some(self);
            parts.clear();
            parts.extend(cands);
        } else if let Some(b) = best.as_mut().filter(|b| b.last == self.last) {
            parts.extend(cands);
            b.curated.extend(self.curated);
            b.common &= self.common;
            b.very_common &= self.very_common;
            b.demonym |= self.demonym;
        }
    }

    /// The mention of the match, from token `first`.
    fn into_mention(self, first: usize) -> Mention {
        Mention {
            curated: self.curated,
            common: self.common,
            very_common: self.very_common,
            demonym: self.demonym,
            ..Mention::blank(first, self.last)
        }
    }
}

/// The longest known name at token `i`: alias, gazetteer or curated. Its
/// gazetteer candidates are left in `parts`, in the order they are to be
/// merged (see [`GazCands`]). The name's words, at most `max_words`, are
/// read into `words` only once a name may start there. (Asked at every
/// word, and most words are turned away at once: inlined, which the
/// compiler does not always choose; a call costs about 70 instructions.)
#[inline(always)]
fn match_at(
    text: &Text,
    src: &Sources,
    memo: &Memories,
    i: usize,
    (max_words, words): (usize, &mut Vec<Range<usize>>),
    key_buf: &mut KeyBuf,
    parts: &mut Vec<GazCands>,
) -> Option<Mention> {
    let toks = text.tokens();
    parts.clear();
    // A name that starts with a lower-case word that is no article is
    // dropped (see [`acceptable`]) unless it is a demonym in French
    // ("syrien") or a curated name that opens with a common noun ("projet
    // 1070"): in other languages, a word that starts no curated name need
    // not be looked up. (Its skeleton is not read either: see below.)
    // The cheap tests first: the first words' filter, not their set, whose
    // answer the start gives next (a word begins a curated key exactly when
    // it is one of their first words); after that, the start says whether
    // the word is an article.
    let capital = text.capital(i);
    if !capital
        && !src.french
        && !src.curated.exact_first_words.may_hold_token(text, i)
        && !text.is_name_article_at(i)
    {
        return None;
    }
    let start = Start::of(&memo.starts, src, text, i);
    if !capital && !src.french && !start.curated && !start.article {
        return None;
    }
    let lower = !capital && !start.article;
    // Nor need it be read on as below when it starts no alias and no
    // curated name: only a demonym of the gazetteer can come of it.
    if lower && !start.alias && !start.curated && src.gaz.len() <= 1 {
        return lower_demonym(text, &src.gaz[0], &memo.steps, start.gaz?, (i, max_words), parts);
    }
    // The name's words, read only from here on.
    let words = &mut Words::new(text, i, max_words, words);
    // The longest match so far; a match as long adds to it.
    let mut best: Option<Longest> = None;

    // Aliases, written with their periods and capitals: "U.S.", "Ky.", "UAE".
    // (In the buffer the curated keys use below: no allocation per word.)
    let key = &mut key_buf.key;
    key.clear();
    // (Most words start no alias: one lookup of the word itself says so.)
    let alias_ends = if start.alias { (i + 8).min(toks.len()) } else { i };
    for k in i..alias_ends {
        if k == i {
            // The word itself: an alias's beginning, the start says, and
            // whether it is one. (Written into the key only when asked.)
            if !start.alias_whole {
                continue;
            }
            key.push_str(text.token_str(k));
        } else {
            let t = text.token_str(k);
            let spaced = toks[k].space_before || toks[k].newlines_before > 0;
            // Whether any alias goes on after the first word, and how, the
            // start says too: most words that begin one ("a", "in") are
            // followed by no alias.
            let goes_on = if spaced { start.alias_spaced } else { start.alias_longer || t.is_empty() };
            if k == i + 1 && !goes_on {
                break;
            }
            if key.is_empty() {
                key.push_str(text.token_str(i));
            }
            if spaced {
                key.push(' ');
            }
            key.push_str(t);
            if !src.curated.alias_prefixes.contains(key.as_str()) {
                break;
            }
        }
        if let Some(list) = src.curated.aliases.get(key.as_str()) {
            let written = text.tokens_raw(i, k + 1);
            let next_glued_word =
                toks.get(k + 1).is_some_and(|t| !t.space_before && t.kind == TokenKind::Alpha);
            let ok: Vec<_> = list
                .iter()
                .filter(|a| !a.exact_case || a.written == written)
                .filter(|a| a.exact_case || text.capital(i) || (a.demonym && src.french))
                .collect();
            if !ok.is_empty() && !next_glued_word {
                let demonym = ok.iter().any(|a| a.demonym);
                let hits = ok.iter().map(|a| (0, a.place)).collect();
                Longest { demonym, ..Longest::at(k + 1) }.weigh(
                    &mut best,
                    parts,
                    Some(GazCands::Alias(hits)),
                );
            }
        }
    }

    if words.get(0).is_none() {
        return best.map(|b| b.into_mention(i));
    }
    // The gazetteers: walk each automaton word by word.
    for (g, gaz) in src.gaz.iter().enumerate() {
        let mut state = None;
        let mut n = 0;
        while let Some(r) = words.get(n) {
            n += 1;
            // The first word from the start (remembered), the others after a space.
            // (The word's text is read only where the start does not answer.)
            state = match state {
                None if g == 0 && r.start == i => start.gaz,
                None => gaz.after_word(text.token_str(r.start)),
                Some(s) => {
                    gaz.after_next_word(&memo.steps, s, text.token_bytes(r.start), text.token_hash(r.start))
                }
            };
            let Some(s) = state else { break };
            if let Some(e) = s.entry() {
                let m = Longest {
                    common: e.flags & flags::COMMON_WORD != 0,
                    very_common: e.flags & flags::VERY_COMMON != 0,
                    demonym: e.flags & flags::DEMONYM != 0,
                    ..Longest::at(r.end)
                };
                m.weigh(&mut best, parts, Some(GazCands::Entry(g as u8, e)));
            }
            if !s.goes_on() {
                break;
            }
        }
    }
    // Curated places: the longest key first. Each key is the one before it
    // and a word: the keys are kept as the lengths of one growing string,
    // in a buffer kept from token to token. (Most words start no curated
    // name: the start says so, and nothing here is read.)
    if start.curated {
        let KeyBuf { key: k, ends: keys } = key_buf;
        k.clear();
        keys.clear();
        let mut n = 0;
        while let Some(r) = words.get(n) {
            n += 1;
            // Whether the key so far is itself a key: only those are kept.
            let whole = if n == 1 {
                // The word itself (a name's first word is its token): the
                // start says whether it is a key. (Written into the key
                // only then: most first words are no key and go on no
                // further.)
                if start.curated_whole {
                    k.push_str(&token_key(text, r.start));
                }
                start.curated_whole
            } else {
                // A word that goes on no key ends the name: its hash says so
                // before the key grows and is looked up, and for the second
                // word, the pair's two bits first (most pairs are none). (A
                // name's words are word tokens: each is its own key.)
                if n == 2
                    && !src
                        .curated
                        .exact_pair_bits
                        .may_hold(sitrep_text::pair_hash(text.token_hash(i), text.token_hash(r.start)))
                {
                    break;
                }
                if !src.curated.exact_later_words.contains_token(text, r.start) {
                    break;
                }
                if k.is_empty() {
                    k.push_str(&token_key(text, i));
                }
                k.push(' ');
                k.push_str(&token_key(text, r.start));
                let Some(&whole) = src.curated.exact_prefixes.get(k.as_str()) else { break };
                whole
            };
            if whole {
                keys.push((k.len(), r.end));
            }
        }
        for &(len, end) in keys.iter().rev() {
            if let Some(list) = src.curated.exact.get(&k[..len]) {
                Longest { curated: list.clone(), ..Longest::at(end) }.weigh(&mut best, parts, None);
                break;
            }
        }
    }
    if let Some(b) = best {
        // Only as a demonym or a curated name alone is a name that opens
        // with a lower-case word that is no article kept (see above).
        if lower && !b.demonym && (b.curated.is_empty() || parts.iter().any(GazCands::any)) {
            return None;
        }
        return Some(b.into_mention(i));
    }
    // Not known as written: try the transliteration skeleton of capitalised
    // words (curated places first, then the gazetteer). Whether the name
    // starts like one needs its first two words only: most words do not,
    // and the rest of the name is read only for those that do.
    let first = words.get(0)?.start;
    if !starts_like_a_name(text, first, || words.get(1).map(|w| w.start)) {
        return None;
    }
    // Only the leading words that are capitalised or articles make a name
    // to try, at most four: the words after them are not read.
    let words = words.leading(4, |w| text.capital(w.start) || text.is_name_article_at(w.start));
    for len in (1..=words.len()).rev() {
        let r = &words[..len];
        let written = text.tokens_raw(i, r[len - 1].end);
        // Under five bytes, under five letters: too short for a skeleton
        // (see [`Skeletal::of`]), known without asking the memory.
        if written.len() < 5 {
            continue;
        }
        // A skeleton that finds nothing is done with before its last word
        // and its cue are read: so are most capitalised names (people's).
        let found = memo.skeletons.get_or(written, || Skeletal::of(src, written).map(std::rc::Rc::new));
        let Some(sk) = found else { continue };
        // Ordinary words of the language ("Kurdish", "Islamic") are no transliterations.
        let last = text.token_str(r[len - 1].start);
        if src.cues.has_ordinary_ending(last) {
            continue;
        }
        // Three consonants meet too many words: only after a cue ("le quartier X").
        let cued = || src.cues.kinds.value_before(text, i).is_some();
        if sk.consonants < 3 || sk.consonants == 3 && !cued() {
            continue;
        }
        // The gazetteers' candidates are left in `parts`, as a known
        // name's are (no other match is there: see above).
        let found = !sk.curated.is_empty() || sk.gaz.iter().flatten().any(|e| e.count > 0);
        if found {
            parts
                .extend(sk.gaz.iter().enumerate().filter_map(|(g, e)| Some(GazCands::Entry(g as u8, (*e)?))));
            let curated = sk.curated.clone();
            return Some(Mention { curated, fuzzy: true, ..Mention::blank(i, r[len - 1].end) });
        }
    }
    None
}

/// The name at lower-case word `i` (no article) that starts no alias and no
/// curated name, from the gazetteer's `state` after it: the longest name of
/// the gazetteer there, kept (as [`match_at`] would keep it) only when it is a
/// demonym, its candidates left in `parts`. Most such words are function
/// words that go on no name ("de", "la"): one step after them says so.
fn lower_demonym(
    text: &Text,
    gaz: &Gazetteer,
    steps: &Steps,
    mut state: NameState,
    (i, max_words): (usize, usize),
    parts: &mut Vec<GazCands>,
) -> Option<Mention> {
    let mut words = sitrep_text::NameWords::new(text, i, max_words);
    let mut longest = state.entry().zip(words.next().map(|w| w.end));
    while state.goes_on() {
        let Some(r) = words.next() else { break };
        let Some(s) = gaz.after_next_word(steps, state, text.token_bytes(r.start), text.token_hash(r.start))
        else {
            break;
        };
        state = s;
        if let Some(e) = s.entry() {
            longest = Some((e, r.end));
        }
    }
    let (e, last) = longest.filter(|(e, _)| e.flags & flags::DEMONYM != 0)?;
    parts.push(GazCands::Entry(0, e));
    let m = Longest {
        common: e.flags & flags::COMMON_WORD != 0,
        very_common: e.flags & flags::VERY_COMMON != 0,
        demonym: true,
        ..Longest::at(last)
    };
    Some(m.into_mention(i))
}

/// Adds the candidates of another gazetteer, less the places already there:
/// an imported gazetteer repeats places of the embedded one (same GeoNames
/// id), and one place is one candidate, the first gazetteer's.
fn merge_candidates(src: &Sources, list: &mut Vec<(u8, u32)>, more: impl IntoIterator<Item = (u8, u32)>) {
    let id = |(g, i): (u8, u32)| src.gaz[g as usize].geonames_id(i);
    if list.is_empty() {
        list.extend(more);
        return;
    }
    let seen: std::collections::HashSet<u32> = list.iter().map(|&c| id(c)).filter(|&i| i != 0).collect();
    list.extend(more.into_iter().filter(|&c| {
        let i = id(c);
        i == 0 || !seen.contains(&i)
    }));
}

/// The filters of the module doc that need no candidates (`has_gaz`: some
/// gazetteer candidate there is); also records the cues around the name.
/// `None` when the name fails them, else how many words it has, for the
/// other filters ([`acceptable_with_candidates`]).
fn acceptable(text: &Text, src: &Sources, m: &mut Mention, has_gaz: bool) -> Option<usize> {
    let toks = text.tokens();
    let (i, e) = (m.first, m.last);
    // The name's words up to its end (they come in order: none after the
    // first that goes past the end is inside it), at most eight: how many,
    // and where the first, second and last start (all that is asked).
    let mut count = 0;
    let (mut first, mut second, mut last) = (0, None, 0);
    for w in sitrep_text::NameWords::new(text, i, 8).take_while(|w| w.end <= e) {
        match count {
            0 => first = w.start,
            1 => second = Some(w.start),
            _ => {}
        }
        last = w.start;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    // Names neither end with an article ("Jaïsh al") nor consist of one, and
    // a group or person word ("Front", "Liwa", "Abou") opening or closing the
    // match makes it part of another name.
    if is_name_article(text.token_str(last)) {
        return None;
    }
    if !m.demonym
        && (src.cues.not_before.contains_token(text, first) || src.cues.not_before.contains_token(text, last))
    {
        return None;
    }
    if m.demonym {
        if !(src.french || text.capital(i)) {
            return None;
        }
    } else if m.curated.is_empty() || has_gaz {
        if !starts_like_a_name(text, first, || second) {
            return None;
        }
    } else {
        // Curated names may open with a common noun ("projet 1070"): some
        // word must still be a name or a number.
        let any = (i..e).any(|k| text.capital(k) || toks[k].kind == TokenKind::Digit);
        if !any {
            return None;
        }
    }
    // A title or group word before: "M. Alep", "Front al-Nosra", "Abou Youssef".
    let mut p = i;
    while p > 0 && text.token_str(p - 1) == "." {
        p -= 1;
    }
    if p > 0 && src.cues.not_before.contains_token(text, p - 1) && !m.demonym {
        return None;
    }
    // A name word after: "Alep News Network", "Washington Post".
    if let Some(n) = toks.get(e)
        && n.kind == TokenKind::Alpha
        && n.upper
        && n.newlines_before == 0
        && src.cues.part_of_name.contains_token(text, e)
        && !m.demonym
    {
        return None;
    }
    // Cues before and after.
    if let Some((kind, _)) = src.cues.kinds.value_before(text, i) {
        m.kind = Some(kind);
        m.locative = true;
    }
    if let Some((kind, _)) = src.cues.kinds_after.value_at(text, e) {
        m.kind = Some(kind);
    }
    // (Not asked again of a name a kind cue already marks so.)
    if !m.locative
        && (src.cues.locative.value_before(text, i).is_some()
            || src.cues.directional.value_before(text, i).is_some())
    {
        m.locative = true;
    }
    // A frequent word that names no important place needs a cue ("Secretary", "Une").
    if !m.demonym && !m.locative && m.common {
        return None;
    }
    // "Central Anatolia", "South Pacific", "North London": a generic word
    // opening a longer name is no place of its own. (Asked last: the key is
    // worked out only for names that pass the rest.)
    let key = place_key_cached(text.tokens_raw(i, e));
    m.generic = src.cues.generic_names.contains(&*key);
    m.key = Some(key);
    if m.generic
        && let Some(n) = toks.get(e)
        && n.kind == TokenKind::Alpha
        && n.upper
        && n.newlines_before == 0
    {
        return None;
    }
    Some(count)
}

/// The filters of the module doc that read the candidates, after
/// [`acceptable`].
fn acceptable_with_candidates<'t>(
    text: &'t Text,
    src: &Sources,
    lay: &Layout<'t>,
    m: &Mention,
    gaz: &[(u8, u32)],
    words: usize,
) -> bool {
    let toks = text.tokens();
    let (i, e) = (m.first, m.last);
    // A minor place name next to another capitalised word is a piece of a
    // longer name: "Bashar al-Assad", "Donald Trump", "Steele" after "Michael
    // Steele". Countries, capitals and big cities keep their name
    // ("CBC Toronto", "Toronto General Hospital").
    if !m.demonym && !important(src, m, gaz) && !lay.headline(text, i) {
        // (The cues are looked up only next to a capitalised word.)
        if i > 0 && !m.locative {
            let t = &toks[i - 1];
            if t.kind == TokenKind::Alpha
                && t.upper
                && !lay.opens[i - 1]
                && t.newlines_before == 0
                && src.cues.directional.value_before(text, i).is_none()
            {
                return false;
            }
        }
        if let Some(n) = toks.get(e)
            && n.kind == TokenKind::Alpha
            && n.upper
            && n.newlines_before == 0
            && !lay.dates.iter().any(|r| r.contains(&e))
            && src.cues.kinds_after.value_at(text, e).is_none()
        {
            return false;
        }
        if words == 1 && lay.tails.get_or_init(|| name_tails(text, src)).contains(text.token_str(i)) {
            return false;
        }
    }
    // Frequent words (those that need a cue: see [`acceptable`]): one of
    // the most frequent ("Sur", "Selon") needs one to open a sentence or
    // stand in a headline, unless it is a country, a capital or a continent.
    if !m.demonym && !m.locative {
        let risky = || lay.opens[i] || lay.headline(text, i) || is_all_caps(text, i);
        if m.very_common && risky() {
            let plain = gaz.iter().any(|&(g, ix)| {
                let feature = src.gaz[g as usize].feature(ix);
                feature.starts_with("PCL") || matches!(feature, "PPLC" | "CONT")
            });
            if !plain {
                return false;
            }
        }
    }
    // A fuzzy match must not be a sentence's first word without a cue.
    if m.fuzzy && lay.opens[i] && !m.locative {
        return false;
    }
    true
}

/// Is any candidate a place that stands on its own (country, first-order
/// division, capital, continent, a city of 100,000, or a curated place)?
/// `gaz` are its gazetteer candidates.
fn important(src: &Sources, m: &Mention, gaz: &[(u8, u32)]) -> bool {
    !m.curated.is_empty()
        || gaz.iter().any(|&(g, ix)| {
            // Two fields of the place: read alone, no strings decoded.
            let gaz = &src.gaz[g as usize];
            let feature = gaz.feature(ix);
            feature.starts_with("PCL")
                || matches!(feature, "ADM1" | "ADM2" | "PPLC" | "CONT")
                || gaz.population(ix) >= 100_000
        })
}

/// Surnames and second names: capitalised words that follow another
/// capitalised word in the text ("Andrew Brunson", "Recep Tayyip Erdogan",
/// "Bashar al-Assad"). A later "Brunson" alone is the same person.
fn name_tails<'t>(text: &'t Text, src: &Sources) -> foldhash::HashSet<&'t str> {
    let toks = text.tokens();
    let mut tails = foldhash::HashSet::default();
    for k in 1..toks.len() {
        let (a, b) = (&toks[k - 1], &toks[k]);
        // Only a capitalised word is a tail: most tokens stop here.
        if b.kind != TokenKind::Alpha || !b.upper {
            continue;
        }
        let joined_by_article = k >= 3
            && is_name_article(text.token_str(k - 2))
            && text.token_str(k - 1) == "-"
            && toks[k - 3].kind == TokenKind::Alpha
            && toks[k - 3].upper;
        let opens = || text.sentences()[text.sentence_of(k - 1)].first as usize == k - 1;
        let pair =
            a.kind == TokenKind::Alpha && a.upper && b.newlines_before == 0 && b.space_before && !opens();
        if pair || joined_by_article {
            let w = text.token_str(k);
            if !src.cues.part_of_name.contains_token(text, k)
                && src.cues.kinds_after.value_at(text, k).is_none()
            {
                tails.insert(w);
            }
        }
    }
    tails
}

/// A curated name that opens with a kind word ("camp de Handarate", "route
/// de Ramousseh") is mentioned by its proper part; the kind word is the cue.
fn trim_kind_word(text: &Text, src: &Sources, m: &mut Mention) {
    if let Some((kind, e)) = src.cues.kinds.value_at(text, m.first)
        && e < m.last
        && (text.capital(e) || is_name_article(text.token_str(e)))
    {
        m.first = e;
        m.key = None;
        m.kind = Some(kind);
        m.locative = true;
    }
}

fn is_all_caps(text: &Text, i: usize) -> bool {
    let t = &text.tokens()[i];
    text.raw()[t.start as usize..t.end as usize].chars().all(|c| !c.is_lowercase())
}

/// Capitalised names after a kind cue that nothing knows: "le quartier
/// Sabakiyyeh" → a place without coordinates. A name coordinated with a
/// cued place ("axes Rachidine et Sabakiyyeh") shares its cue.
fn unknown_with_cues(
    text: &Text,
    src: &Sources,
    lay: &Layout,
    out: &mut Vec<Mention>,
    is_blocked: &impl Fn(usize, usize) -> bool,
    capitals: &[usize],
) {
    let toks = text.tokens();
    let taken = |out: &Vec<Mention>, a: usize, b: usize| out.iter().any(|m| m.first < b && a < m.last);
    let mut found = Vec::new();
    // A word inside a name found is taken whatever follows it, and one
    // that is blocked blocks any name it opens: both are skipped before
    // their cue is looked for.
    let mut inside = vec![false; toks.len()];
    for m in out.iter() {
        inside[m.first..m.last].fill(true);
    }
    // Only capitalised words start such a name: those recognition walked
    // over (`capitals`, in order; a name found skips the rest of its words).
    for &i in capitals {
        // (Whether it stands in a headline is asked once a cue is found:
        // most capitals have none.)
        if i == 0 || lay.opens[i] || inside[i] || is_blocked(i, i + 1) {
            continue;
        }
        let cue = src.cues.kinds.value_before(text, i).map(|(k, _)| k).or_else(|| {
            // "Rachidine et Sabakiyyeh": the same cue as the place before
            let j = i - 1;
            let joined = matches!(text.token_str(j), "et" | "and" | "," | "ou" | "or");
            joined.then(|| out.iter().find(|m| m.last == j).and_then(|m| m.kind.clone())).flatten()
        });
        let Some(kind) = cue else { continue };
        if lay.headline(text, i) {
            continue;
        }
        let words = sitrep_text::name_words(text, i, 3);
        let mut end = i;
        for w in &words {
            if text.capital(w.start) || is_name_article(text.token_str(w.start)) {
                end = w.end;
            } else {
                break;
            }
        }
        if end == i || taken(out, i, end) || taken(&found, i, end) || is_blocked(i, end) {
            continue;
        }
        if src.cues.part_of_name.contains_token(text, end.saturating_sub(1)) {
            continue;
        }
        found.push(Mention { kind: Some(kind), locative: true, ..Mention::blank(i, end) });
    }
    out.extend(found);
}
