//! Finding actors in a text: dictionary names (longest first), generic
//! common nouns ("l'armée syrienne", "les milices", "Russian warplanes"),
//! people (after a title, with Arabic name particles, after a demonym noun),
//! groups after a group noun ("la milice Brigades des conquérants"), aliases
//! in parentheses, and later mentions of a person by surname.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use sitrep_core::ActorKind;
use sitrep_places::PlaceNames;
use sitrep_places::gazetteer::{place_key, skeleton_cached, token_key};
use sitrep_text::{HashBits, NameWords, Text, TokenKind, is_name_article, word_hash};

use crate::dict::{Case, Dict, Form, NO_PARENT, Prefix, chain};
use crate::lexicon::Lexicon;

/// Who a mention is. Roles and generic names are the lexicon's and the
/// gazetteer's words, borrowed (`'l`, the lexicon's life), not copied.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key<'l> {
    /// A dictionary entry.
    Dict(u32),
    /// A role of a country's state ("state_force", "air_force",
    /// "government"); country "" when the text does not say which.
    Role(&'l str, &'l str),
    /// A generic group kept generic ("Rebel groups").
    Generic(&'l str, ActorKind),
    /// A person in no dictionary, by name key.
    Person(String),
    /// A group in no dictionary, by name key.
    Group(String, ActorKind),
}

/// A mention of an actor.
#[derive(Debug, Clone)]
pub(crate) struct Found<'l> {
    pub first: usize,
    pub last: usize,
    pub key: Key<'l>,
}

fn opens_sentence(text: &Text, i: usize) -> bool {
    let s = &text.sentences()[text.sentence_of(i)];
    let mut k = s.first as usize;
    while k < i && text.tokens()[k].kind == TokenKind::Punct {
        k += 1;
    }
    k == i
}

/// The context lets a dictionary name match in lower case: after a media
/// noun ("le quotidien libanais assafir") or an attribution ("selon assafir").
fn lenient_before(text: &Text, lex: &Lexicon, i: usize) -> bool {
    (1..=4).any(|back| {
        i >= back
            && (lex.cues.media_nouns.at(text, i - back).is_some()
                || lex.cues.according_to.at(text, i - back) == Some(i))
    })
}

/// The longest dictionary name at token `i`. Inlined where it is asked:
/// most words are turned away by its first test.
#[inline(always)]
fn dict_at(text: &Text, dict: &Dict, lex: &Lexicon, i: usize) -> Option<Found<'static>> {
    dict_at_known(text, dict, lex, i, None)
}

/// [`dict_at`], told whether [`may_spell`] holds at `i` when that is
/// already known ([`begins`] works it out for some lower-case words).
#[inline(always)]
fn dict_at_known(
    text: &Text,
    dict: &Dict,
    lex: &Lexicon,
    i: usize,
    spells: Option<bool>,
) -> Option<Found<'static>> {
    // Punctuation starts no name's words, and so no name. Most words start
    // none either: neither a dictionary prefix (a word token is its own
    // key, and its hash's bits answer first) nor capitalised (the
    // abbreviation, the possessive and the transliteration below need a
    // capital) nor an article.
    let toks = text.tokens();
    if i >= toks.len() || toks[i].kind == TokenKind::Punct {
        return None;
    }
    let first = dict.prefix_bits.may_hold(chain(0, text.token_hash(i)));
    if !first && !text.capital(i) && !text.is_name_article_at(i) {
        return None;
    }
    dict_from(text, dict, lex, i, first, spells)
}

/// [`dict_at`] past its first test; `first`: may token `i` begin a prefix?
/// `spells`: [`may_spell`] at `i`, if known.
#[inline(never)]
fn dict_from(
    text: &Text,
    dict: &Dict,
    lex: &Lexicon,
    i: usize,
    first: bool,
    spells: Option<bool>,
) -> Option<Found<'static>> {
    let toks = text.tokens();
    // "U.S. Air Force", "U.S.-led coalition", "U.N.": the letters with their
    // periods are the word the dictionary writes without them.
    if let Some((abbr_end, abbr)) = abbreviation_at(text, i) {
        let end = abbr_end;
        // Each exact key met: its forms, and the token after it.
        let mut found: Vec<(&[Form], usize)> = Vec::new();
        if dict.prefixes.contains(&abbr) {
            found.extend(dict.forms_of(&abbr).map(|forms| (forms, end)));
            // "-led": a hyphen glued on both sides joins the next word.
            let next = if end + 1 < toks.len()
                && text.token_str(end) == "-"
                && !toks[end].space_before
                && !toks[end + 1].space_before
            {
                end + 1
            } else {
                end
            };
            if next > end || toks.get(end).is_some_and(|t| t.kind == TokenKind::Alpha && t.space_before) {
                let more = NameWords::new(text, next, dict.max_words.saturating_sub(1));
                // Only exact keys can match below.
                let hash = chain(0, word_hash(&abbr));
                if let Some(p) = grown(dict, None, hash, &[&abbr]) {
                    let more = prefix_keys(text, dict, Some(p), hash, more);
                    found
                        .extend(more.exact.iter().map(|(forms, end)| (&dict.forms[forms as usize][..], end)));
                }
            }
        }
        // An alias written exactly ("UN") is met by its letters with periods.
        let undotted: String = text.tokens_raw(i, abbr_end).chars().filter(|&c| c != '.').collect();
        for (forms, end) in found.iter().rev() {
            let fits = |f: &&Form| f.case != Case::Exact || f.written == undotted;
            if let Some(f) = forms.iter().find(fits) {
                return Some(Found { first: i, last: *end, key: Key::Dict(f.entry) });
            }
        }
    }
    // Looked at only when a match needs it.
    let lenient_cell = std::cell::OnceCell::new();
    let lenient = || *lenient_cell.get_or_init(|| lenient_before(text, lex, i));
    let named = text.capital(i) || text.is_name_article_at(i);
    if spells.unwrap_or_else(|| may_spell(text, dict, i, first, named))
        && let Some(f) = spelled_at(text, dict, i, lenient)
    {
        return Some(f);
    }
    // Transliteration variants ("al-Maydeen" for al-Mayadeen): capitalised
    // names of four consonants or more, or three after a media noun.
    if !named {
        return None;
    }
    transliteration_at(text, dict, i, lenient)
}

/// A name the words from token `i` spell: an exact key, longest first, or
/// an English possessive.
fn spelled_at(text: &Text, dict: &Dict, i: usize, lenient: impl Fn() -> bool) -> Option<Found<'static>> {
    let spelled = prefix_keys(text, dict, None, 0, NameWords::new(text, i, dict.max_words));
    for (forms, end) in spelled.exact.iter().rev() {
        let forms = &dict.forms[forms as usize];
        let written = text.tokens_raw(i, end);
        let has_capital = (i..end).any(|k| text.tokens()[k].kind == TokenKind::Alpha && text.capital(k));
        let ok = forms.iter().find(|f| match f.case {
            Case::Exact => f.written == written,
            Case::Capital => has_capital || lenient(),
            Case::Any => true,
        });
        if let Some(f) = ok {
            return Some(Found { first: i, last: end, key: Key::Dict(f.entry) });
        }
    }
    // An English possessive whose apostrophe was lost in scraping ("Bashar
    // al-Assads rule", "Hezbollahs fighters"): the name without its final s,
    // if the name is capitalised and its s-less form is in the dictionary.
    if text.language() == Some("en")
        && let Some(w) = &spelled.next
        && text.capital(w.start)
    {
        let word = token_key(text, w.start);
        // The key is written only if the hash bits of the exact keys may
        // hold it: most capitalised words ending in s are no possessive.
        if word.len() > 3
            && let Some(stem) = word.strip_suffix('s')
            && dict.exact_bits.may_hold(chain(spelled.hash, word_hash(stem)))
        {
            let mut key = spelled.last.map(|(k, _)| format!("{k} ")).unwrap_or_default();
            key.push_str(stem);
            if let Some(f) =
                dict.forms_of(&key).and_then(|forms| forms.iter().find(|f| f.case != Case::Exact))
            {
                return Some(Found { first: i, last: w.end, key: Key::Dict(f.entry) });
            }
        }
    }
    None
}

/// A transliteration variant of a dictionary name at token `i`: the
/// longest span of name-like words, up to four, whose skeleton is one
/// entry's.
#[inline(never)]
fn transliteration_at(
    text: &Text,
    dict: &Dict,
    i: usize,
    lenient: impl Fn() -> bool,
) -> Option<Found<'static>> {
    // The ends of its first four words at most, as far as they are
    // name-like (capitalised words and glued articles, "al-"), kept
    // without an allocation.
    let name_like = |w: &Range<usize>| {
        let art = text.is_name_article_at(w.start);
        text.capital(w.start) && !art
            || art && text.tokens().get(w.start + 1).is_some_and(|t| !t.space_before)
    };
    let mut ends = [0; 4];
    let mut spans = 0;
    for w in NameWords::new(text, i, dict.max_words.min(4)) {
        if !name_like(&w) {
            break;
        }
        ends[spans] = w.end;
        spans += 1;
    }
    for len in (1..=spans).rev() {
        let end = ends[len - 1];
        let written = text.tokens_raw(i, end);
        // The skeleton of an ASCII name is never longer than the name: one
        // of two letters ("Le", "Il") is too short, and is not looked up.
        if written.len() < 3 && written.is_ascii() {
            continue;
        }
        // The context is read only for a skeleton of an entry's: most are
        // none.
        let (n, entry) = skeleton_match(dict, written);
        if let Some(e) = entry
            && (n > 3 || n == 3 && lenient())
        {
            return Some(Found { first: i, last: end, key: Key::Dict(e) });
        }
    }
    None
}

/// What the skeleton of a written name says: its length in characters,
/// and the one entry of that skeleton whose shape it has. Remembered per
/// thread: the same capitalised names are asked over and over, and the
/// skeleton, its lookup and the shape test cost hundreds of instructions.
/// Keyed by the name alone: there is one dictionary, the embedded one
/// ([`Dict::shared`]; `Dict::load` reads nothing else).
fn skeleton_match(dict: &Dict, written: &str) -> (usize, Option<u32>) {
    thread_local! {
        static SEEN: sitrep_text::WordMemo<(usize, Option<u32>)> = sitrep_text::WordMemo::new(20_000);
    }
    SEEN.with(|seen| {
        seen.get_or(written, || {
            let s = skeleton_cached(written);
            let entry = dict
                .skeletons
                .get(&*s)
                .filter(|list| list.len() == 1 && same_shape(dict, list[0], &s, written))
                .map(|list| list[0]);
            (s.chars().count(), entry)
        })
    })
}

/// Can the words from token `i` spell an exact key, or a possessive whose
/// apostrophe was lost (English, "Assads")? Answered from the hashes'
/// bits, with no table probed: a "no" is sure, and most words get one at
/// their first word or the next (function words that begin names, "the",
/// "de", "al", then a word that continues none). What [`spelled_at`] reads
/// of [`prefix_keys`] needs a "yes": an exact key, or a word that may be
/// such a possessive. `first`: may token `i` begin a prefix? `named`: is
/// it capitalised or an article? (If not, no name starts there unless its
/// word begins a prefix.)
#[inline(always)]
fn may_spell(text: &Text, dict: &Dict, i: usize, first: bool, named: bool) -> bool {
    let en = text.language() == Some("en");
    if en && lost_possessive(text, i) {
        let word = text.token_str(i);
        return named || first && grown(dict, None, chain(0, text.token_hash(i)), &[word]).is_some();
    }
    let h = chain(0, text.token_hash(i));
    first && (dict.exact_bits.may_hold(h) || may_spell_on(text, dict, i, h, en))
}

/// May word token `i` be an English possessive whose apostrophe was lost,
/// or meet one's split key ("assads", "assad s")? What [`prefix_keys`] and
/// [`spelled_at`] try. Read from the folded bytes: no `str` is sliced.
#[inline]
fn lost_possessive(text: &Text, i: usize) -> bool {
    let word = text.token_bytes(i);
    word.len() > 3 && word.last() == Some(&b's')
}

/// [`may_spell`] past the first word, whose chained hash is `h`. Out of
/// line: most words are answered by their first word's bits.
#[inline(never)]
fn may_spell_on(text: &Text, dict: &Dict, i: usize, mut h: u64, en: bool) -> bool {
    let mut words = NameWords::new(text, i, dict.max_words);
    words.next();
    for w in words {
        if en && lost_possessive(text, w.start) {
            return true;
        }
        h = chain(h, text.token_hash(w.start));
        if !dict.prefix_bits.may_hold(h) {
            return false;
        }
        if dict.exact_bits.may_hold(h) {
            return true;
        }
    }
    false
}

/// Exact keys, each as its forms ([`Dict::forms`]) and the token after
/// it, in order: the first few kept in
/// place (a walk meets three exact keys at most in today's dictionary),
/// any more in a vector, so that a walk allocates nothing. Two numbers
/// each, not the key too: less to fill and to move.
#[derive(Default)]
struct Steps {
    few: [(u32, u32); 4],
    n: usize,
    more: Vec<(u32, u32)>,
}

impl Steps {
    fn push(&mut self, step: (u32, u32)) {
        if self.n < self.few.len() {
            self.few[self.n] = step;
            self.n += 1;
        } else {
            self.more.push(step);
        }
    }

    /// Each key's forms and the token after it.
    fn iter(&self) -> impl DoubleEndedIterator<Item = (u32, usize)> {
        self.few[..self.n].iter().chain(&self.more).map(|&(forms, end)| (forms, end as usize))
    }
}

/// The dictionary prefixes that words spell on from a key.
struct Spelled<'d> {
    /// The longest prefix, and the token after it.
    last: Option<(&'d str, usize)>,
    /// The [`chain`] hash of the longest prefix (the key walked from if
    /// none).
    hash: u64,
    /// The prefixes that are exact keys, shortest first, each with the
    /// token after it.
    exact: Steps,
    /// The word that spelled no prefix, if one stopped the key.
    next: Option<Range<usize>>,
}

/// The dictionary prefixes that `words` spell on from the prefix `from`
/// (`None`: from nothing) whose [`chain`] hash is `hash`. No key is written:
/// the words' hashes find the candidate prefixes, and their words are
/// compared. Inlined: its answer is large, and a caller reads little of it.
#[inline(always)]
fn prefix_keys<'d>(
    text: &Text,
    dict: &'d Dict,
    mut from: Option<&'d Prefix>,
    mut hash: u64,
    words: impl IntoIterator<Item = Range<usize>>,
) -> Spelled<'d> {
    // English possessives whose apostrophe was lost in scraping ("Assads
    // forces", "Russias air force") meet the alias written with it, whose
    // key splits at the apostrophe ("assad s forces").
    let lost_apostrophes = text.language() == Some("en");
    let mut out = Spelled { last: None, hash, exact: Steps::default(), next: None };
    for w in words {
        // A name's words are word tokens: each is its own key, with no space
        // inside, and comes hashed.
        let word = text.token_str(w.start);
        let mut h = chain(hash, text.token_hash(w.start));
        let mut grown = grown(dict, from, h, &[word]);
        if grown.is_none()
            && let Some(stem) = word.strip_suffix('s').filter(|s| lost_apostrophes && s.len() >= 3)
        {
            h = chain(chain(hash, word_hash(stem)), dict.s_hash);
            grown = self::grown(dict, from, h, &[stem, "s"]);
        }
        let Some(p) = grown else {
            out.next = Some(w);
            break;
        };
        hash = h;
        from = Some(p);
        let key = &p.key;
        out.last = Some((key, w.end));
        out.hash = h;
        if let Some(forms) = p.forms {
            out.exact.push((forms, w.end as u32));
        }
    }
    out
}

/// The dictionary prefix that is the prefix `from` (`None`: nothing)
/// grown by `words`, whose hash is `hash` (`from`'s hash [`chain`]ed with
/// the words'). Most words grow none, and the hash's bits say so where
/// this is inlined; the table is probed out of line.
#[inline(always)]
fn grown<'d>(dict: &'d Dict, from: Option<&'d Prefix>, hash: u64, words: &[&str]) -> Option<&'d Prefix> {
    if !dict.prefix_bits.may_hold(hash) {
        return None;
    }
    probe(dict, from, hash, words)
}

/// [`grown`] past its bits. A prefix of this hash grown from `from` by one
/// word has a word of the same [`word_hash`] (a [`chain`] from one hash
/// maps different word hashes to different hashes): the same word if that
/// is short ([`sitrep_text::word_hash_is_exact`]), and compared otherwise.
#[inline(never)]
fn probe<'d>(dict: &'d Dict, from: Option<&'d Prefix>, hash: u64, words: &[&str]) -> Option<&'d Prefix> {
    let list = dict.prefixes_of(hash)?;
    let parent = from.map_or(NO_PARENT, |f| f.id);
    if let [word] = words {
        let len = from.map_or(0, |f| f.key.len() + 1) + word.len();
        return list.iter().find(|p| {
            p.parent == parent
                && (sitrep_text::word_hash_is_exact(word.len())
                    || p.key.len() == len && p.key.ends_with(word))
        });
    }
    let key = from.map_or("", |f| &f.key);
    list.iter().find(|p| p.extends(key, words))
}

/// Single capitals each followed by a period, two or more ("U.S.", "U.N."):
/// the token after the last period and the letters as one folded word.
fn abbreviation_at(text: &Text, i: usize) -> Option<(usize, String)> {
    let toks = text.tokens();
    // Most capitals are no single letter before a period: the period is
    // looked at first, the characters counted last.
    let letter = |k: usize| k < toks.len() && toks[k].kind == TokenKind::Alpha && toks[k].upper;
    let single = |k: usize| {
        let mut chars = text.tokens_raw(k, k + 1).chars();
        chars.next().is_some() && chars.next().is_none()
    };
    // A period's folded text is that one byte: no `str` is sliced.
    let dot = |k: usize| k < toks.len() && !toks[k].space_before && text.token_bytes(k) == b".";
    let mut k = i;
    let mut key = String::new();
    while letter(k) && (k == i || !toks[k].space_before) && dot(k + 1) && single(k) {
        key.push_str(text.token_str(k));
        k += 2;
    }
    (!key.is_empty() && key.chars().count() >= 2).then_some((k, key))
}

/// A transliteration variant keeps the shape of the name: as many words
/// (articles aside) as an alias with the same skeleton, each at least two
/// letters. "Ayman al-Aasmi" shares MINUSMA's consonants, but is two words.
fn same_shape(dict: &Dict, entry: u32, skel: &str, written: &str) -> bool {
    let words = |s: &str| -> Option<usize> {
        let key = place_key(s);
        let ws: Vec<&str> = key.split(' ').filter(|w| !is_name_article(w)).collect();
        ws.iter().all(|w| w.chars().count() >= 2).then_some(ws.len())
    };
    let Some(n) = words(written) else { return false };
    let e = &dict.entries[entry as usize];
    std::iter::once(&e.name).chain(&e.aliases).any(|a| *skeleton_cached(a) == *skel && words(a) == Some(n))
}

/// A demonym at token `k`: the country it names.
fn demonym(text: &Text, k: usize) -> Option<&'static str> {
    if k >= text.tokens().len() || text.tokens()[k].kind != TokenKind::Alpha {
        return None;
    }
    // A word token's folded text is its place key. The gazetteer lookup
    // costs a thousand instructions, and the same few words are asked.
    thread_local! {
        static SEEN: sitrep_text::WordMemo<Option<&'static str>> = sitrep_text::WordMemo::new(20_000);
    }
    SEEN.with(|seen| {
        seen.get_or_token(text, k, || PlaceNames::get().demonym_country_of_key(text.token_str(k)))
    })
}

/// A generic actor phrase at token `i`, with the country a demonym gives it
/// ("forces gouvernementales syriennes", "Russian warplanes").
fn generic_at<'l>(text: &Text, lex: &'l Lexicon, i: usize) -> Option<Found<'l>> {
    // A phrase starts at `i`, or after a demonym at `i`, or not at all.
    let here = lex.generic_starts.may_start(text, i);
    let next = lex.generic_starts.may_start(text, i + 1);
    if !here && !next {
        return None;
    }
    // When no phrase may follow it, a demonym at `i` leaves no phrase: it
    // is looked up only if one is found at `i` (most words begin none).
    if !next {
        let found = generic_from(text, lex, i, i, None)?;
        return demonym(text, i).is_none().then_some(found);
    }
    // English order: demonym first.
    let (country_before, start) = match demonym(text, i) {
        Some(c) => (Some(c), i + 1),
        None => (None, i),
    };
    if start == i && !here {
        return None;
    }
    generic_from(text, lex, i, start, country_before)
}

/// [`generic_at`] once its start is known: a generic phrase at `start`,
/// after the demonym at `i` naming `country_before` if there is one.
fn generic_from<'l>(
    text: &Text,
    lex: &'l Lexicon,
    i: usize,
    start: usize,
    country_before: Option<&'static str>,
) -> Option<Found<'l>> {
    for g in &lex.generics {
        let Some(end) = g.phrases.at(text, start) else { continue };
        let after = if g.nationality && country_before.is_none() { demonym(text, end) } else { None };
        let country = country_before.filter(|_| g.nationality).or(after);
        let last = if after.is_some() { end + 1 } else { end };
        let first = if country_before.is_some() && g.nationality { i } else { start };
        match (&country, g.name.as_ref()) {
            (Some(c), _) => {
                return Some(Found { first, last, key: Key::Role(&g.role, c) });
            }
            (None, name) if g.bare.at(text, start) == Some(end) => {
                let key = match name {
                    Some(n) => Key::Generic(n, g.kind),
                    None => Key::Role(&g.role, ""),
                };
                return Some(Found { first: start, last: end, key });
            }
            _ => {}
        }
    }
    None
}

/// A person's name from token `j`: capitalised words, with particles
/// ("Abou", "ibn") and articles ("al-") inside. Returns its end and the
/// number of capitalised words.
fn name_from(text: &Text, lex: &Lexicon, j: usize, max: usize) -> (usize, usize, bool) {
    let mut end = j;
    let mut caps = 0;
    let mut particle = false;
    // One word at a time, looking one ahead: no list of words is built.
    let mut words = NameWords::new(text, j, max + 2).peekable();
    while caps < max {
        let Some(w) = words.next() else { break };
        let s = text.token_str(w.start);
        if text.capital(w.start) && text.tokens()[w.start].kind == TokenKind::Alpha {
            if lex.cues.particles.contains_token(text, w.start) {
                particle = true;
            }
            caps += 1;
            end = w.end;
        } else if (is_name_article(s) || lex.cues.particles.contains_token(text, w.start))
            && words.peek().is_some_and(|n| text.capital(n.start))
        {
            particle |= lex.cues.particles.contains_token(text, w.start);
        } else {
            break;
        }
    }
    (end, caps, particle)
}

/// The name key of a person or a group written `name`, unless the name is
/// a place's ([`PlaceNames::is_place`]). Remembered per thread: the
/// gazetteer lookup and the key cost thousands of instructions, and a
/// name is met again in later reports. Keyed by the name alone: there is
/// one gazetteer, the embedded one.
fn key_unless_place(places: &PlaceNames, name: &str) -> Option<String> {
    thread_local! {
        static SEEN: sitrep_text::WordMemo<Option<String>> = sitrep_text::WordMemo::new(20_000);
    }
    SEEN.with(|seen| seen.get_or(name, || (!places.is_place(name)).then(|| place_key(name))))
}

/// Where the next name particle ("Abou", "ibn") is, for asks that only
/// move forward: a name with none is no Arabic name, and most have none.
/// Only the tokens an ask covers are looked at, each once: long stretches
/// with no capital in them are never asked about.
struct Particles {
    /// The first particle at or after the token last asked from, if it is
    /// before `upto`; `None`: none there.
    next: Option<usize>,
    /// Where the tokens looked at end.
    upto: usize,
}

impl Particles {
    fn new() -> Self {
        Particles { next: None, upto: 0 }
    }

    /// Is a particle among tokens `i..end`? `i` never decreases from one
    /// ask to the next.
    fn within(&mut self, text: &Text, lex: &Lexicon, i: usize, end: usize) -> bool {
        match self.next {
            Some(n) if n >= i => return n < end,
            // Passed: it was the last token looked at.
            Some(_) => self.next = None,
            None => {}
        }
        let end = end.min(text.tokens().len());
        let mut k = self.upto.max(i);
        while k < end {
            if lex.cues.particles.contains_token(text, k) {
                self.next = Some(k);
                self.upto = k + 1;
                return true;
            }
            k += 1;
        }
        self.upto = self.upto.max(end);
        false
    }
}

/// People and groups in no dictionary, at token `i`.
fn person_or_group_at(
    text: &Text,
    lex: &Lexicon,
    places: &PlaceNames,
    particles: &mut Particles,
    i: usize,
) -> Option<Found<'static>> {
    let toks = text.tokens();
    // After a title: "M. Roudskoï", "le général Igor Konachenkov", "spokesman Ahmed Issa".
    if let Some(mut e) = lex.cues.titles.at(text, i) {
        if e < toks.len() && text.token_str(e) == "." && !toks[e].space_before {
            e += 1;
        }
        if e < toks.len() && text.capital(e) {
            let (end, caps, _) = name_from(text, lex, e, 4);
            if caps >= 1
                && let Some(key) = key_unless_place(places, text.tokens_raw(e, end))
            {
                return Some(Found { first: e, last: end, key: Key::Person(key) });
            }
        }
    }
    // After a demonym noun: "le Saoudien Abdallah al-Muhaycini". The name
    // after it begins with a capital, an article or a particle: most
    // capitalised words are followed by none, and need no demonym lookup.
    let name_next = |k: usize| {
        k < toks.len()
            && (text.capital(k) || text.is_name_article_at(k) || lex.cues.particles.contains_token(text, k))
    };
    if lex.cues.demonym_nouns
        && text.capital(i)
        && name_next(i + 1)
        && !opens_sentence(text, i)
        && demonym(text, i).is_some()
    {
        let (end, caps, _) = name_from(text, lex, i + 1, 4);
        if caps >= 2 {
            return Some(Found {
                first: i + 1,
                last: end,
                key: Key::Person(place_key(text.tokens_raw(i + 1, end))),
            });
        }
    }
    // After a group noun: "la milice Brigades des conquérants", "le groupe Jaysh al-Islam".
    if let Some((kind, e)) = lex.cues.group_nouns.value_at(text, i)
        && e < toks.len()
        && text.capital(e)
    {
        let mut end = e;
        let mut after_link = false;
        for w in NameWords::new(text, e, 6) {
            let lower_link =
                matches!(text.token_str(w.start), "des" | "de" | "du" | "of" | "the" | "al" | "el");
            if text.capital(w.start) || after_link && !lower_link {
                end = w.end;
                after_link = false;
            } else if lower_link {
                after_link = true;
            } else {
                break;
            }
        }
        if end > e
            && let Some(key) = key_unless_place(places, text.tokens_raw(e, end))
        {
            return Some(Found { first: e, last: end, key: Key::Group(key, kind) });
        }
    }
    // Arabic names: "Abou Youssef al-Mouhajer", "Hammoudah Abou Yazine".
    // The name's words, seven at most, start within fourteen tokens (a
    // hyphen or an apostrophe between two): one of them must be a particle.
    let starts = text.capital(i) || lex.cues.particles.contains_token(text, i);
    if starts && toks[i].kind == TokenKind::Alpha && particles.within(text, lex, i, i + 2 * (5 + 2)) {
        let (end, caps, particle) = name_from(text, lex, i, 5);
        if particle
            && caps >= 2
            && let Some(key) = key_unless_place(places, text.tokens_raw(i, end))
        {
            return Some(Found { first: i, last: end, key: Key::Person(key) });
        }
    }
    None
}

/// May word token `i` begin a mention? `None`: it surely begins none.
/// Otherwise whether [`may_spell`] holds there, if that was worked out on
/// the way (for [`dict_at_known`]). Most words are in lower
/// case and begin nothing: no title, group noun, particle, generic phrase
/// or dictionary name (function words begin many, "the", "de", "al": the
/// words after them say at once that none is spelled), no generic phrase
/// after them, and they are no article. A capital (a name, a demonym, a
/// transliteration) needs the full look.
#[inline(always)]
fn begins(text: &Text, dict: &Dict, lex: &Lexicon, i: usize) -> Option<Option<bool>> {
    if text.capital(i) || text.token_hash_at(i + 1).is_some_and(|h| lex.generic_starts.may_begin_with(h)) {
        return Some(None);
    }
    // The name articles are among the lower-case cue words' bits: a word
    // the bits turn away is no article, and its text is not read.
    let h = text.token_hash(i);
    if !lex.lower_starts.may_hold(h) {
        return None;
    }
    if lex.lower_cues.may_hold(h) {
        return Some(None);
    }
    // Not capitalised, not an article: a dictionary name starts here only
    // if its words may spell one.
    let first = dict.prefix_bits.may_hold(chain(0, h));
    (first && may_spell(text, dict, i, true, false)).then_some(Some(true))
}

/// Every actor mention in the text, left to right, longest first.
pub(crate) fn find<'l>(
    text: &Text,
    dict: &Dict,
    lex: &'l Lexicon,
    blocked: &[Range<usize>],
) -> Vec<Found<'l>> {
    let toks = text.tokens();
    // Asked at every word: one flag per token rather than every range.
    let mut is_blocked = vec![false; toks.len()];
    for r in blocked {
        for b in &mut is_blocked[r.start.min(toks.len())..r.end.min(toks.len())] {
            *b = true;
        }
    }
    let places = PlaceNames::get();
    let mut particles = Particles::new();
    // About one mention in sixteen tokens: room made once, not grown.
    let mut out: Vec<Found<'l>> = Vec::with_capacity(toks.len() / 16);
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Alpha || is_blocked[i] {
            i += 1;
            continue;
        }
        let Some(spells) = begins(text, dict, lex, i) else {
            i += 1;
            continue;
        };
        // A name found after a title may still be in the dictionary ("M. Roudskoï").
        // A name found after a title or a group noun may still be in the
        // dictionary ("M. Roudskoï", "la chaîne TV al-Mayadeen").
        let person = person_or_group_at(text, lex, places, &mut particles, i).map(|f| {
            (f.first..f.last)
                .find_map(|k| dict_at(text, dict, lex, k).filter(|d| d.last >= f.last))
                .unwrap_or(f)
        });
        let dict_found = dict_at_known(text, dict, lex, i, spells);
        let generic = generic_at(text, lex, i);
        // Most words start nothing.
        if dict_found.is_none() && generic.is_none() && person.is_none() {
            i += 1;
            continue;
        }
        match longer(longer(dict_found, generic), person) {
            Some(f) => {
                i = f.last;
                out.push(f);
            }
            None => i += 1,
        }
    }
    aliases_in_parentheses(text, &mut out);
    surnames(text, &mut out, &is_blocked);
    out.sort_by_key(|f| f.first);
    out
}

/// The longer of two candidates; of two as long, the dictionary's, then
/// a generic actor's, a group's, a person's; of two alike, `b` (as
/// `max_by_key` over `a`, `b` would pick). Picked in place: iterator
/// adapters over a list of candidates moved each several times.
fn longer<'l>(a: Option<Found<'l>>, b: Option<Found<'l>>) -> Option<Found<'l>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let order = |f: &Found| (f.last, std::cmp::Reverse(rank(&f.key)));
            Some(if order(&b) >= order(&a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

fn rank(k: &Key) -> u8 {
    match k {
        Key::Dict(_) => 0,
        Key::Role(..) | Key::Generic(..) => 1,
        Key::Group(..) => 2,
        Key::Person(_) => 3,
    }
}

/// "Brigades des conquérants (Liwa al-Fatihine)": the name in parentheses
/// right after a mention is another name of the same actor.
fn aliases_in_parentheses(text: &Text, out: &mut Vec<Found>) {
    let toks = text.tokens();
    let mut extra = Vec::new();
    for f in out.iter() {
        let open = f.last;
        if open + 2 < toks.len() && text.token_str(open) == "(" && text.capital(open + 1) {
            let end = NameWords::new(text, open + 1, 6).last().map_or(open + 1, |w| w.end);
            if end < toks.len() && text.token_str(end) == ")" {
                extra.push(Found { first: open + 1, last: end, key: f.key.clone() });
            }
        }
    }
    // The name in parentheses replaces whatever was read there.
    if extra.is_empty() {
        return;
    }
    out.retain(|o| !extra.iter().any(|x| x.first < o.last && o.first < x.last));
    out.extend(extra);
}

/// A person named in full is later named by surname alone ("Roudskoï",
/// "al-Mouhajer"): those mentions are the same person.
fn surnames(text: &Text, out: &mut Vec<Found>, is_blocked: &[bool]) {
    let toks = text.tokens();
    // Borrowed from the text and the mentions: nothing is copied.
    let mut by_surname: HashMap<&str, &Key> = HashMap::new();
    for f in out.iter() {
        if let Key::Person(_) = f.key {
            // Its words inside the mention: how many, and the last.
            let (count, last) = NameWords::new(text, f.first, 8)
                .filter(|w| w.end <= f.last)
                .fold((0, None), |(n, _), w| (n + 1, Some(w)));
            if count >= 2
                && let Some(last) = last
            {
                by_surname.insert(text.token_str(last.start), &f.key);
            }
        }
    }
    if by_surname.is_empty() {
        return;
    }
    // The surnames' hashes as bits: most capitalised words are none, and
    // their text is not hashed again to say so.
    let surname_bits: HashBits<4> = HashBits::new(by_surname.keys().map(|s| word_hash(s)));
    // Tokens inside a mention, as flags: asked of every capitalised word.
    let mut taken = vec![false; toks.len()];
    for f in out.iter() {
        for t in &mut taken[f.first.min(toks.len())..f.last.min(toks.len())] {
            *t = true;
        }
    }
    let mut extra = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Alpha
            || !t.upper
            || !surname_bits.may_hold(text.token_hash(k))
            || taken[k]
            || is_blocked[k]
        {
            continue;
        }
        if let Some(key) = by_surname.get(text.token_str(k)) {
            // "al-Mouhajer": take the article with it
            let first = if k >= 2 && text.token_str(k - 1) == "-" && is_name_article(text.token_str(k - 2)) {
                k - 2
            } else {
                k
            };
            extra.push(Found { first, last: k + 1, key: (*key).clone() });
        }
    }
    out.extend(extra);
}
