//! From counts in the text to figures.
//!
//! A count is a number (digits, words, a round-number noun, an article that
//! counts one victim) with its qualifier and the noun it counts. It is a
//! figure when something says what happened to it: a noun that measures by
//! itself ("20 morts", "une soixantaine d'attaques-suicides"), a predicate
//! after it ("800 miliciens ont été éliminés") or before it ("ont exécuté
//! quatre personnes"), or, in a list or a subset, the predicate it shares
//! ("14 chars ont été détruits, ainsi que 10 véhicules…"; "324 civils, dont
//! 76 enfants, ont atteint…"). Numbers that count nothing that happened (a
//! front of 20 km, a year, an age, "72 sirènes") have no such word.

use std::cell::OnceCell;
use std::ops::Range;

use sitrep_core::{Bound, DateMention, Figure, Measure, Record, Source, TimexType};
use sitrep_text::{NumberForm, NumberOptions, NumberStarts, Text, TokenKind};

use crate::lexicon::{Lexicon, Noun};

/// A count in the text.
#[derive(Debug, Clone)]
struct Count {
    /// First token of the whole expression (qualifier included).
    first: usize,
    /// Token after the counted noun (or the number).
    last: usize,
    bound: Bound,
    low: Option<u64>,
    best: Option<u64>,
    high: Option<u64>,
    noun: Option<Noun>,
    /// The counted noun's tokens, as the source spells them: copied out
    /// only for the figures that keep it as a label.
    noun_tokens: Option<Range<usize>>,
    /// First token of the counted noun.
    noun_first: Option<usize>,
    /// "un enfant", "a woman": an article read as one.
    one: bool,
    /// "6 autres", "six others".
    others: bool,
    /// A subset cue ("dont", "including") introduces it.
    part_cue: bool,
    /// "hundreds", "des milliers": a plural round number of a hundred or more.
    vague: bool,
    /// "dozens", "scores", "hundreds": any plural round-number noun.
    round_plural: bool,
    /// "five of those killed", "cinq d'entre eux": a part of a toll told
    /// before, with the measure the phrase names, if any.
    anaphor: Option<Option<Measure>>,
}

/// A count that is a figure, before ids are given.
#[derive(Debug, Clone)]
struct Draft {
    c: Count,
    measure: Measure,
    /// Where the predicate is, for the evidence span.
    pred: Option<Range<usize>>,
    part_of: Option<usize>,
    subject: String,
    cumulative: bool,
    /// The tokens of the count's sentence (kept: looking it up again is a
    /// search over the sentences, asked several times a draft).
    sent: Range<usize>,
}

struct Cx<'a> {
    text: &'a Text,
    lex: &'a Lexicon,
    /// Tokens no count may use (dates, places).
    blocked: Vec<bool>,
    /// At each token, the token after the actor's name that starts there
    /// (0: none starts there). A slot a token, as `blocked` is: cheaper
    /// than sorting the names by where they start.
    actor_ends: Vec<u32>,
    /// The language's number words, picked once, not at every word.
    starts_number: NumberStarts,
}

impl Cx<'_> {
    fn w(&self, k: usize) -> &str {
        if k < self.text.tokens().len() { self.text.token_str(k) } else { "" }
    }

    fn sentence(&self, k: usize) -> Range<usize> {
        let s = &self.text.sentences()[self.text.sentence_of(k)];
        s.first as usize..s.last as usize
    }

    /// Does token `k` start with a capital in the text, as a page's labels do?
    fn capitalised(&self, k: usize) -> bool {
        self.text.tokens().get(k).is_some_and(|t| t.upper)
    }

    /// A page counter's number: "Get short URL 548", "Views 1430", "319 Related".
    fn page_counter(&self, first: usize, after: usize) -> bool {
        self.capitalised(after) && self.lex.counter_after.at(self.text, after).is_some()
            || self.lex.counter_before.before(self.text, first).is_some_and(|s| self.capitalised(s))
    }

    fn is_punct(&self, k: usize, p: &str) -> bool {
        self.text.tokens().get(k).is_some_and(|t| t.kind == TokenKind::Punct) && self.w(k) == p
    }
}

fn round(v: f64) -> u64 {
    v.round().max(0.0) as u64
}

/// The noun a count counts, from token `k`: directly, or after one or two
/// adjectives ("25 Syrian soldiers", "three young children").
fn noun_at(cx: &Cx, k: usize, limit: usize) -> Option<(Noun, usize, usize)> {
    noun_from(cx, k, limit).or_else(|| {
        // An armed group's name may stand between them too ("2 al-Nusra
        // Front commanders", "13 Daesh militants"): it is skipped whole.
        // (A name that ends where it starts has no noun after it but the one
        // just looked for.)
        let e = cx.actor_ends.get(k).map(|&e| e as usize).filter(|&e| e > k)?;
        noun_from(cx, e, limit).filter(|&(_, s, _)| s == e)
    })
}

fn noun_from(cx: &Cx, k: usize, limit: usize) -> Option<(Noun, usize, usize)> {
    for skip in 0..3 {
        let j = k + skip;
        if j >= limit || cx.text.tokens().get(j).is_none_or(|t| t.kind != TokenKind::Alpha) {
            return None;
        }
        // Adjectives may sit between a number and its noun, not links ("10 in camp for displaced")
        // nor a subset cue ("11 including children": the children are some of the 11).
        if skip > 0
            && (cx.lex.links.at(cx.text, j - 1).is_some() || cx.lex.part_of.at(cx.text, j - 1).is_some())
        {
            return None;
        }
        if let Some((n, e)) = cx.lex.nouns.value_at(cx.text, j) {
            return Some((n, j, e));
        }
        if cx.lex.measures.at(cx.text, j).is_some() {
            return None;
        }
    }
    None
}

/// A count starting at token `i`.
fn count_at(cx: &Cx, i: usize, limit: usize) -> Option<Count> {
    let toks = cx.text.tokens();
    if cx.blocked.get(i).copied().unwrap_or(true) {
        return None;
    }
    let mut one = false;
    let one_end = cx.lex.one.at(cx.text, i);
    let (value, num_last, form, plural) = if let Some(e) = one_end.filter(|&e| {
        // "un enfant", "a woman", "a pregnant woman": only with a noun
        // right after, or after adjectives that describe people ("a key
        // rebel supply route" counts no rebel). So the word right after is
        // a noun or such an adjective: most are neither, and are turned
        // away before `noun_at` reads on.
        (cx.lex.nouns.at(cx.text, e).is_some() || cx.lex.one_adjectives.at(cx.text, e).is_some())
            && noun_at(cx, e, limit)
                .is_some_and(|(_, s, _)| (e..s).all(|t| cx.lex.one_adjectives.at(cx.text, t).is_some()))
    }) {
        one = true;
        (1.0, e, NumberForm::Words, false)
    } else {
        // A number in words goes on past its first word only through a
        // number word in the next two tokens ("un million", "one
        // hundred", "one-hundred", "vingt et un"): with none there, "a"/"un"
        // reads as itself alone, which counts nothing (see the lexicon).
        if one_end.is_some()
            && cx.lex.one_alone_counts_none
            && !cx.starts_number.at(cx.text, i + 1)
            && !cx.starts_number.at(cx.text, i + 2)
        {
            return None;
        }
        let n = sitrep_text::number_at(cx.text, i, NumberOptions { space_groups: true })?;
        if n.form == NumberForm::Ordinal || n.last > limit {
            return None;
        }
        if n.form == NumberForm::Words && n.value == 1.0 && one_end.is_some() {
            return None; // a bare "un"/"a" with no noun after
        }
        (n.value, n.last, n.form, n.plural)
    };
    if form == NumberForm::Digits {
        if cx.page_counter(i, num_last) {
            return None;
        }
        // Units and codes: "20 km", "15 %", "le projet 1070", "1er", phone numbers.
        let glued_alpha = toks.get(num_last).is_some_and(|t| t.kind == TokenKind::Alpha && !t.space_before);
        if glued_alpha || cx.lex.not_after.at(cx.text, num_last).is_some() {
            return None;
        }
        if i > 0 && cx.lex.not_before.before(cx.text, i).is_some() {
            return None;
        }
        let digits = cx.w(i);
        if digits.len() >= 7 && num_last == i + 1 {
            return None;
        }
        if cx.w(num_last) == "-" && cx.lex.not_after.at(cx.text, num_last + 1).is_some() {
            return None; // "22-year-old"
        }
        // A leading zero makes a code, not a count ("016", "007").
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        // A number glued by a hyphen to a word names a model ("Su-24", "F-16").
        if i >= 2
            && cx.w(i - 1) == "-"
            && !toks[i].space_before
            && !toks[i - 1].space_before
            && toks[i - 2].kind == TokenKind::Alpha
        {
            return None;
        }
    }
    // Qualifiers, before any article of a round-number noun ("a dépassé la centaine").
    let mut q = i;
    if form == NumberForm::Approx
        && i > 0
        && matches!(cx.w(i - 1), "la" | "une" | "un" | "des" | "les" | "a" | "the" | "some")
    {
        q = i - 1;
    }
    let (mut bound, mut first) = (Bound::Exact, q);
    let (mut low, mut best, mut high) = (Some(round(value)), Some(round(value)), None);
    if form == NumberForm::Approx {
        if plural {
            bound = Bound::AtLeast;
        } else {
            bound = Bound::About;
            low = Some(round(value * 0.9));
            high = Some(round(value * 1.1));
        }
    }
    if let Some(s) = cx.lex.at_least.before(cx.text, q) {
        bound = Bound::AtLeast;
        high = None;
        low = Some(round(value));
        first = s;
    } else if let Some(s) = cx.lex.at_most.before(cx.text, q) {
        bound = Bound::AtMost;
        low = None;
        high = Some(round(value));
        first = s;
    } else if let Some(s) = cx.lex.about.before(cx.text, q) {
        bound = Bound::About;
        low = Some(round(value * 0.9));
        high = Some(round(value * 1.1));
        first = s;
    }
    let mut num_last = num_last;
    let mut value = value;
    // "des centaines de milliers", "hundreds of thousands": units multiply.
    if plural {
        let k = if matches!(cx.w(num_last), "de" | "of") { num_last + 1 } else { num_last };
        if let Some(m) = sitrep_text::number_at(cx.text, k, NumberOptions::default())
            && m.form == NumberForm::Approx
            && m.plural
            && m.last <= limit
        {
            value *= m.value;
            num_last = m.last;
            low = Some(round(value));
            best = Some(round(value));
        }
    }
    // "entre 10 et 15", "between 10 and 15", "10 to 15"
    if let Some(e) = cx.lex.range_to.at(cx.text, num_last)
        && let Some(m) = sitrep_text::number_at(cx.text, e, NumberOptions { space_groups: true })
        && m.form == form
        && m.value > value
        && m.last <= limit
        && (cx.lex.range_from.before(cx.text, q).is_some()
            || cx.w(num_last) != "et" && cx.w(num_last) != "and")
    {
        bound = Bound::Range;
        low = Some(round(value));
        high = Some(round(m.value));
        best = None;
        num_last = m.last;
        if let Some(s) = cx.lex.range_from.before(cx.text, q) {
            first = s;
        }
    }
    // "at least five of those killed were suicide bombers", "cinq d'entre
    // eux étaient des enfants": a part of a toll told before; its noun, if
    // any, follows the copula.
    if let Some(e) = cx.lex.anaphoric.at(cx.text, num_last).filter(|&e| e <= limit) {
        let measure = (num_last..e)
            .find_map(|t| cx.lex.measures.value_at(cx.text, t).filter(|&(_, me)| me <= e).map(|(m, _)| m));
        let found = cx
            .lex
            .copula
            .at(cx.text, e)
            .and_then(|ce| noun_at(cx, ce, limit))
            .or_else(|| noun_at(cx, e, limit));
        return Some(Count {
            first,
            last: e,
            bound,
            low,
            best,
            high,
            noun_tokens: found.as_ref().map(|(_, s, ne)| *s..*ne),
            noun_first: found.as_ref().map(|(_, s, _)| *s),
            noun: found.map(|(n, _, _)| n),
            one,
            others: false,
            part_cue: false,
            vague: false,
            round_plural: false,
            anaphor: Some(measure),
        });
    }
    // "de", "d'", "of" before the noun; the noun at `k`, read once for
    // the tests below.
    let mut k = num_last;
    let noun_here = if let Some((e, n)) =
        cx.lex.partitive.at(cx.text, k).and_then(|e| noun_at(cx, e, limit).map(|n| (e, n)))
    {
        // "fourteen of the fighters", "quatorze des combattants"
        k = e;
        Some(n)
    } else {
        if matches!(cx.w(k), "de" | "of") {
            k += 1;
        } else if cx.w(k) == "d" && cx.w(k + 1) == "'" {
            k += 2;
        }
        noun_at(cx, k, limit)
    };
    // "seized three villages", "two more key regions": ground, not people
    // (the words between may be adjectives, not links).
    if noun_here.is_none()
        && (k..(k + 3).min(limit)).find(|&t| cx.lex.ground.at(cx.text, t).is_some()).is_some_and(|g| {
            (k..g).all(|t| {
                cx.text.tokens()[t].kind == TokenKind::Alpha
                    && cx.lex.links.at(cx.text, t).is_none()
                    && cx.lex.measures.at(cx.text, t).is_none()
            })
        })
    {
        return None;
    }
    let others = cx.lex.others.at(cx.text, k);
    let found = match others {
        Some(o) => noun_at(cx, o, limit),
        None => noun_here,
    };
    let (noun, noun_tokens, noun_first, last) = match found {
        Some((n, s, e)) => (Some(n), Some(s..e), Some(s), e),
        None => (None, None, None, others.unwrap_or(num_last)),
    };
    let part_cue = cx.lex.part_of.before(cx.text, first).is_some();
    Some(Count {
        first,
        last,
        bound,
        low,
        best,
        high,
        noun,
        noun_tokens,
        noun_first,
        one,
        others: others.is_some(),
        part_cue,
        vague: form == NumberForm::Approx && plural && value >= 100.0,
        round_plural: form == NumberForm::Approx && plural,
        anaphor: None,
    })
}

/// A predicate after a count, before the next count or a clause break.
fn measure_after(cx: &Cx, c: &Count, limit: usize) -> Option<(Measure, Range<usize>)> {
    let toks = cx.text.tokens();
    let mut k = c.last;
    let mut steps = 0;
    while k < limit && steps < 10 {
        if cx.lex.clause_breaks.at(cx.text, k).is_some() {
            return None;
        }
        if let Some((m, e)) = cx.lex.measures.value_at(cx.text, k) {
            // "… 15 women and injured 400 others": after a joiner, a predicate
            // right before the next count is that count's, a new clause.
            let next_count = e + 3 >= limit
                && limit < cx.text.tokens().len()
                && sitrep_text::number_at(cx.text, limit, NumberOptions::default()).is_some();
            if steps > 0 && next_count && cx.lex.list_joiners.before(cx.text, k).is_some_and(|s| s >= c.last)
            {
                return None;
            }
            return Some((m, k..e));
        }
        let t = &toks[k];
        // A comma, or a spaced dash around an aside ("11 civilians - among
        // them four women - were killed"), does not end the clause. (Only
        // punctuation is read for it: words need no string compare.)
        let aside = || cx.w(k) == "," || cx.w(k) == "-" && t.space_before;
        if t.kind == TokenKind::Digit || t.kind == TokenKind::Punct && !aside() {
            return None;
        }
        if let Some(e) = cx.lex.part_of.at(cx.text, k)
            && steps > 0
        {
            // "12 civilians including 3 children were killed": the subset has the predicate;
            // "20 civilians including children were treated": a bare noun, read on.
            if count_at(cx, e, limit).is_some() {
                return None;
            }
            k = e;
            steps += 1;
            continue;
        }
        k += 1;
        steps += 1;
    }
    None
}

/// A predicate just before a count ("ont exécuté quatre personnes",
/// "killed at least 72 people", "the death toll rose to 20").
fn measure_before(cx: &Cx, c: &Count, floor: usize) -> Option<(Measure, Range<usize>)> {
    let toks = cx.text.tokens();
    let lo = c.first.saturating_sub(6).max(floor);
    for k in (lo..c.first).rev() {
        if let Some((m, e)) = cx.lex.measures.value_at(cx.text, k)
            && e <= c.first
        {
            return Some((m, k..e));
        }
        if toks[k].kind == TokenKind::Digit || toks[k].kind == TokenKind::Punct {
            break;
        }
    }
    toll_before_count(cx, c, floor)
}

/// "raised the death toll from air strikes on the market to 61", "put the
/// toll at 50": a count right after "to"/"at" takes a toll noun said before
/// it in its clause, with no other count between.
fn toll_before_count(cx: &Cx, c: &Count, floor: usize) -> Option<(Measure, Range<usize>)> {
    cx.lex.toll_before.before(cx.text, c.first)?;
    (floor..c.first)
        .rev()
        .take(30)
        .find_map(|k| cx.lex.toll_nouns.at(cx.text, k).filter(|&e| e <= c.first).map(|e| k..e))
        .map(|r| (Measure::Killed, r))
}

/// The noun a bare count stands for: a measuring noun just before it
/// (across one comma), or the noun after "le nombre de" / "the number of"
/// earlier in the sentence.
fn elided_noun(cx: &Cx, c: &Count, floor: usize) -> Option<(Noun, Range<usize>)> {
    let toks = cx.text.tokens();
    let mut commas = 0;
    for k in (c.first.saturating_sub(6).max(floor)..c.first).rev() {
        if cx.is_punct(k, ",") {
            commas += 1;
            if commas > 1 {
                break;
            }
            continue;
        }
        if toks[k].kind != TokenKind::Alpha {
            // inside a compound ("attaques-suicides", "d'infanterie")
            if matches!(cx.w(k), "-" | "'") && !toks[k].space_before {
                continue;
            }
            break;
        }
        if let Some((n, e)) = cx.lex.nouns.value_at(cx.text, k)
            && n.measure.is_some()
            && e <= c.first
        {
            return Some((n, k..e));
        }
    }
    for k in (floor..c.first).rev() {
        if let Some(e) = cx.lex.number_of.at(cx.text, k)
            && let Some((n, s, ne)) = noun_at(cx, e, c.first)
        {
            return Some((n, s..ne));
        }
    }
    None
}

fn default_subject(m: Measure) -> &'static str {
    match m {
        Measure::Attacks => "attacks",
        Measure::Destroyed => "items",
        _ => "people",
    }
}

/// The next token in `k..end` where a count may start. Most tokens start
/// none: neither a number nor "a"/"un"; nor does a blocked one (`count_at`
/// refuses it before any lookup). A word is first asked of one filter over
/// both. (Out of line: a tight loop over most of the document's words, its
/// state kept in registers rather than reread at every word.)
#[inline(never)]
fn next_count_start(cx: &Cx, starts_number: NumberStarts, mut k: usize, end: usize) -> Option<usize> {
    let text = cx.text;
    let (toks, blocked) = (&text.tokens()[..end], &cx.blocked[..end]);
    while k < end {
        if !blocked[k] {
            // A number starts at every digit token.
            if toks[k].kind == TokenKind::Digit {
                return Some(k);
            }
            if cx.lex.count_starts.may_hold(text.token_hash(k))
                && (starts_number.at(text, k) || cx.lex.one.at(text, k).is_some())
            {
                return Some(k);
            }
        }
        k += 1;
    }
    None
}

/// Every figure of the text (and the cumulative ones apart).
fn drafts(cx: &Cx) -> Vec<Draft> {
    let text = cx.text;
    // (Lists with room for most reports' counts, not grown and copied
    // from four.)
    let mut out: Vec<Draft> = Vec::with_capacity(8);
    // A sentence's counts and their predicates, in buffers kept from one
    // sentence to the next.
    let mut counts: Vec<Count> = Vec::with_capacity(8);
    let mut measures: Vec<Option<(Measure, Option<Range<usize>>)>> = Vec::with_capacity(8);
    let starts_number = cx.starts_number;
    for s in text.sentences() {
        let (a, b) = (s.first as usize, s.last as usize);
        // The counts of the sentence, left to right.
        counts.clear();
        let mut k = a;
        while let Some(i) = next_count_start(cx, starts_number, k, b) {
            match count_at(cx, i, b) {
                Some(c) => {
                    k = c.last.max(i + 1);
                    counts.push(c);
                }
                None => k = i + 1,
            }
        }
        // Links to other pages after a capitalised list label ("Related
        // News …", "Lire aussi …") run to the end of the sentence.
        // (A label after the last count's first token drops none: not looked for.)
        let last_first = counts.iter().map(|c| c.first).max();
        if let Some(lf) = last_first
            && let Some(f) =
                (a..(lf + 1).min(b)).find(|&k| cx.capitalised(k) && cx.lex.clutter.at(text, k).is_some())
        {
            counts.retain(|c| c.first < f);
        }
        if counts.is_empty() {
            continue;
        }
        // A clause about the whole war: a cue near the count; a toll in the
        // perfect ("have been killed", "ont été tués") counts up to now, and
        // its cue may close a longer clause ("… in the assault on the east
        // since it was launched").
        let cumulative_near = |c: &Count| {
            let perfect = (c.first.saturating_sub(3).max(a)..(c.last + 3).min(b))
                .any(|t| cx.lex.perfect.at(text, t).is_some());
            // "The group has reported hundreds of civilians killed":
            // hundreds or thousands in the perfect are a running toll.
            if perfect && c.vague {
                return true;
            }
            let reach = if perfect { 24 } else { 12 };
            // "the first deaths since the truce began", "the deadliest day
            // since the start of the war": a record, not a running toll.
            let record = |t: usize| (c.last..t).any(|k| cx.lex.superlative.at(text, k).is_some());
            (c.first.saturating_sub(12).max(a)..(c.last + reach).min(b))
                .any(|t| cx.lex.cumulative.at(text, t).is_some() && !record(t))
        };
        measures.clear();
        // A predicate after a count belongs to it: the next count may not
        // take it as its own "before" predicate.
        let mut floor = a;
        for (n, c) in counts.iter().enumerate() {
            let limit = counts.get(n + 1).map_or(b, |x| x.first);
            let floor_here = floor.max(if n == 0 { a } else { counts[n - 1].last });
            let m = match c.noun.as_ref().and_then(|x| x.measure).or(c.anaphor.flatten()) {
                Some(m) => Some((m, None)),
                None => {
                    // The nearer of the predicates after and before.
                    match (measure_after(cx, c, limit), measure_before(cx, c, floor_here)) {
                        // "kidnapped 900 executed 18": a predicate right
                        // before the next count is that count's; this one
                        // takes the one before it.
                        (Some(x), Some(y)) if counts.get(n + 1).is_some_and(|nx| x.1.end == nx.first) => {
                            Some(y)
                        }
                        (Some(x), Some(y)) => {
                            Some(if x.1.start - c.last <= c.first - y.1.end { x } else { y })
                        }
                        (x, y) => x.or(y),
                    }
                    .map(|(m, r)| (m, Some(r)))
                }
            };
            if let Some((_, Some(r))) = &m
                && r.start >= c.last
            {
                floor = r.end;
            }
            measures.push(m);
        }
        // A count with no noun and no predicate counts a noun said before:
        // "des attaques-suicides, une soixantaine selon …", "le nombre
        // d'attentats … a dépassé la centaine".
        for (n, c) in counts.iter_mut().enumerate() {
            if c.noun.is_some() || measures[n].is_some() {
                continue;
            }
            if let Some((noun, tokens)) = elided_noun(cx, c, a) {
                if let Some(m) = noun.measure {
                    measures[n] = Some((m, None));
                }
                c.noun = Some(noun);
                c.noun_tokens = Some(tokens);
            }
        }
        // Shared predicates: a list item or a subset takes its neighbour's;
        // a head with no predicate takes its subset's ("324 civils, dont 76
        // enfants, ont atteint…").
        for n in 0..counts.len() {
            if measures[n].is_some() {
                continue;
            }
            let c = &counts[n];
            let joined_to_prev = n > 0 && {
                let p = &counts[n - 1];
                (p.last..c.first).all(|t| cx.lex.list_joiners.at(text, t).is_some() || cx.is_punct(t, ","))
                    || cx.lex.list_joiners.before(text, c.first).is_some_and(|s| s >= p.last)
            };
            if (joined_to_prev || c.part_cue) && n > 0 {
                measures[n] = measures[n - 1].clone().map(|(m, _)| (m, None));
            }
            if measures[n].is_none()
                && let Some(next) = counts.get(n + 1).filter(|x| x.part_cue)
                && let Some((m, _)) =
                    measures[n + 1].clone().or_else(|| measure_after(cx, next, b).map(|(m, r)| (m, Some(r))))
            {
                measures[n] = Some((m, None));
            }
            // "a woman and a child were killed": the first of two coordinated
            // counts shares the predicate after the second.
            if measures[n].is_none()
                && let Some(next) = counts.get(n + 1)
                && c.last < next.first
                && (c.last..next.first)
                    .all(|t| cx.lex.list_joiners.at(text, t).is_some() || cx.is_punct(t, ","))
                && let Some((m, Some(r))) = measures[n + 1].clone()
                && r.start >= next.last
            {
                measures[n] = Some((m, Some(r)));
            }
        }
        // A count's qualifier may start before its sentence ("the" of a
        // round number at a sentence's start): then its first token's.
        let sentence_of = |c: &Count| if c.first >= a { a..b } else { cx.sentence(c.first) };
        let mut head: Option<usize> = None;
        let mut prev_was_part = false;
        for (n, c) in counts.iter().enumerate() {
            // A part of a toll told before: part of the last head figure, of
            // its measure and, unless the copula names one, its subject.
            if c.anaphor.is_some() {
                let told = out.iter().rposition(|x| {
                    x.part_of.is_none() && measures[n].as_ref().is_none_or(|(m, _)| *m == x.measure)
                });
                prev_was_part = false;
                let Some(h) = told else { continue };
                // With no measure of its own, only a toll of its sentence
                // lends one ("killing 86 people, 30 of them children").
                let Some((measure, pred)) = measures[n]
                    .clone()
                    .or_else(|| (out[h].sent.start == a).then_some((out[h].measure, None)))
                else {
                    continue;
                };
                let subject =
                    c.noun.as_ref().map_or_else(|| out[h].subject.clone(), |x| String::from(&*x.subject));
                let cumulative = out[h].cumulative;
                let sent = sentence_of(c);
                out.push(Draft { c: c.clone(), measure, pred, part_of: Some(h), subject, cumulative, sent });
                continue;
            }
            let Some((measure, pred)) = measures[n].clone() else {
                prev_was_part = false;
                continue;
            };
            // An article counts one only as a victim in a subset or with its own predicate.
            if c.one && !c.part_cue && pred.is_none() && c.noun.as_ref().is_none_or(|x| x.measure.is_none()) {
                continue;
            }
            let in_list_of_parts = prev_was_part
                && n > 0
                && (counts[n - 1].last..c.first)
                    .all(|t| cx.lex.list_joiners.at(text, t).is_some() || cx.is_punct(t, ","));
            let is_part = (c.part_cue || in_list_of_parts) && !c.others;
            let part_of = if is_part { head } else { None };
            let mut subject = c.noun.as_ref().map(|x| String::from(&*x.subject)).unwrap_or_default();
            if c.others || subject.is_empty() {
                let inherited = head.map(|h: usize| out[h].subject.clone());
                subject = match inherited.as_deref() {
                    Some("women" | "children") if c.others => "civilians".to_string(),
                    Some(s) if c.others => s.to_string(),
                    _ if subject.is_empty() => default_subject(measure).to_string(),
                    _ => subject,
                };
            }
            // The dead of fighting, counted with no word for who they were, are fighters.
            if measure == Measure::Killed && subject == "people" && fighting_clause(cx, &counts, n, a..b) {
                subject = "combatants".to_string();
            }
            out.push(Draft {
                c: c.clone(),
                measure,
                pred,
                part_of,
                subject,
                cumulative: cumulative_near(c),
                sent: sentence_of(c),
            });
            if !is_part {
                head = Some(out.len() - 1);
            }
            prev_was_part = is_part;
        }
    }
    out
}

/// Does count `n` count anyone ("11 were killed", "40 dead", "20 people")
/// in a clause about fighting between armed sides ("in clashes", "les
/// combats ont fait")? Its clause runs from the count before it to the
/// count after it, a few words either way.
fn fighting_clause(cx: &Cx, counts: &[Count], n: usize, sent: Range<usize>) -> bool {
    let c = &counts[n];
    if c.noun_first.is_some_and(|k| cx.lex.anyone.at(cx.text, k).is_none()) {
        return false;
    }
    let lo = c.first.saturating_sub(10).max(sent.start).max(if n > 0 { counts[n - 1].last } else { 0 });
    let hi = (c.last + 12).min(sent.end).min(counts.get(n + 1).map_or(usize::MAX, |x| x.first));
    (lo..hi).any(|k| cx.lex.fighting.at(cx.text, k).is_some_and(|e| e <= hi))
}

fn token_range(text: &Text, start: usize, end: usize) -> Option<Range<usize>> {
    text.token_range(start, end)
}

/// The place a figure happened: one in its own clause (before the next
/// count), else its head's for a subset or "6 autres", else the next one in
/// the sentence (a coordination sharing it: "une femme … et 5 autres … dans
/// le quartier de Ramousseh"), else the last one before it; never a demonym.
fn place_for(
    places: &[(Range<usize>, usize)],
    c: &Count,
    sent: &Range<usize>,
    next: usize,
    inherited: Option<usize>,
) -> Option<usize> {
    let after = |until: usize| {
        places
            .iter()
            .filter(|(r, _)| r.start >= c.last && r.start < until)
            .min_by_key(|(r, _)| r.start)
            .map(|(_, p)| *p)
    };
    after(next.min(sent.end)).or(inherited).or_else(|| after(sent.end)).or_else(|| {
        places
            .iter()
            .filter(|(r, _)| r.end <= c.first && r.start >= sent.start)
            .max_by_key(|(r, _)| r.end)
            .map(|(_, p)| *p)
    })
}

/// How many days a TIMEX3 duration lasts at least (`P7D` 7, `P1W` 7, `PXM`
/// 28, `PT48H` 2); `None` for what is not a duration value.
fn duration_days(v: &str) -> Option<u64> {
    let rest = v.strip_prefix('P')?;
    let (time, body) = match rest.strip_prefix('T') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let unit = body.chars().last()?;
    let n = &body[..body.len() - unit.len_utf8()];
    // "X": a number the text leaves open ("several days", "months") is at least two.
    let n: u64 = if n == "X" { 2 } else { n.parse().ok()? };
    Some(match (time, unit) {
        (false, 'D') => n,
        (false, 'W') => n * 7,
        (false, 'M') => n * 28,
        (false, 'Y') => n * 365,
        (true, 'H') => n / 24,
        _ => 0,
    })
}

/// A toll counted over a period rather than one happening: the count's
/// clause (a dozen words before it, a score after, in its sentence) names a calendar
/// month or year ("this month", "in early October", "in 2013"), or a length
/// of time over two days that a word makes the counting period ("in the
/// past seven days", "over the past two days", "during the past month").
fn period_toll(cx: &Cx, c: &Count, sent: &Range<usize>, periods: &[(Range<usize>, bool)]) -> bool {
    // The period may close a long clause: "took to 89 the number of civilians
    // killed in air strikes on the province in the past seven days".
    let lo = c.first.saturating_sub(12).max(sent.start);
    let hi = (c.last + 20).min(sent.end);
    // A calendar month or year that opens the sentence ("In early October a
    // double bombing at a school … killed 52") dates all of it.
    if periods.iter().any(|(r, duration)| !duration && r.start <= sent.start + 2 && r.start >= sent.start) {
        return true;
    }
    // A month or year after the count but past "after"/"before" dates another
    // clause ("17 dead as the group attacks the town after the militia
    // expelled it last month"); a length of time still counts the toll.
    let sequenced = |r: &Range<usize>, duration: bool| {
        !duration && r.start > c.last && (c.last..r.start).any(|k| cx.lex.sequence.at(cx.text, k).is_some())
    };
    periods.iter().filter(|(r, d)| r.start >= lo && r.end <= hi && !sequenced(r, *d)).any(|(r, duration)| {
        !duration
            || (r.start.saturating_sub(3).max(sent.start)..r.end)
                .any(|k| cx.lex.period_before.at(cx.text, k).is_some_and(|e| e <= r.end))
    })
}

/// A count after a cue that recalls an earlier happening, in the second
/// part of its sentence ("four medics were killed … just days after dozens
/// of aid workers were killed"); a sentence that opens on the cue ("days
/// after …, strikes killed 20") tells its own happening after the comma.
fn after_background_cue(cx: &Cx, c: &Count, sent: &Range<usize>) -> bool {
    // (One pass over the words before the count for both cues.)
    (sent.start..c.first).any(|k| {
        cx.lex.background_starts.may_start(cx.text, k)
            && (k >= sent.start + 3 && cx.lex.background.at(cx.text, k).is_some_and(|e| e <= c.first)
            // "Later that month an air strike killed 31": an adverbial of an
            // earlier or later month or year dates its whole sentence, wherever it stands.
            || cx.lex.background_time.at(cx.text, k).is_some_and(|e| e <= c.first))
    })
}

/// A toll a later one replaced: the first count after a cue ("It had
/// initially given a death toll of 22", "updating an earlier toll on Sunday
/// evening of 15", "un précédent bilan faisait état de 15 morts"), a few
/// words on in its sentence with no number between.
fn superseded(cx: &Cx, c: &Count, sent: &Range<usize>) -> bool {
    (c.first.saturating_sub(8).max(sent.start)..c.first).any(|k| {
        cx.lex.superseded.at(cx.text, k).is_some_and(|e| {
            e <= c.first && (e..c.first).all(|t| cx.text.tokens()[t].kind != TokenKind::Digit)
        })
    })
}

/// Builds `figures` (and `context_figures`) from the text and the record.
pub(crate) fn figures(text: &Text, lex: &Lexicon, record: &Record) -> (Vec<Figure>, Vec<Figure>) {
    let n = text.tokens().len();
    let mut blocked = vec![false; n];
    let mut places: Vec<(Range<usize>, usize)> =
        Vec::with_capacity(record.places.iter().map(|p| p.mentions.len()).sum());
    // Each date's tokens, mapped once for the three uses below.
    let date_tokens: Vec<Option<Range<usize>>> =
        record.dates.iter().map(|d| token_range(text, d.start, d.end)).collect();
    for r in date_tokens.iter().flatten() {
        // Durations keep their numbers' meaning as durations: never counts either.
        r.clone().for_each(|t| blocked[t] = true);
    }
    for (pi, p) in record.places.iter().enumerate() {
        for m in &p.mentions {
            if let Some(r) = token_range(text, m.start, m.end) {
                r.clone().for_each(|t| blocked[t] = true);
                // Nor an organisation's seat ("the London-based monitor").
                if !m.demonym && !m.seat {
                    places.push((r, pi));
                }
            }
        }
    }
    // Of two names that start at one token, the later listed counts.
    let mut actor_ends = vec![0u32; n];
    for a in &record.actors {
        for m in &a.mentions {
            if let Some(r) = token_range(text, m.start, m.end)
                && let Some(slot) = actor_ends.get_mut(r.start)
            {
                *slot = r.end as u32;
            }
        }
    }
    let cx = Cx { text, lex, blocked, actor_ends, starts_number: NumberStarts::of(text.language()) };
    let drafts = drafts(&cx);
    // (With no figure, nothing below has anything to do.)
    if drafts.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // (This list and the next sized for all they may hold, not grown from four.)
    let mut dates: Vec<(Range<usize>, &DateMention)> = Vec::with_capacity(record.dates.len());
    dates.extend(
        record
            .dates
            .iter()
            .zip(&date_tokens)
            .filter(|(d, _)| matches!(d.kind, TimexType::Date | TimexType::Time) && d.date_prec.is_some())
            .filter_map(|(d, r)| r.clone().map(|r| (r, d))),
    );

    // Lengths of time over two days and calendar months or years: the
    // periods a toll can be counted over.
    let mut periods: Vec<(Range<usize>, bool)> = Vec::with_capacity(record.dates.len());
    periods.extend(
        record
            .dates
            .iter()
            .zip(&date_tokens)
            .filter(|(d, _)| match d.kind {
                TimexType::Duration => duration_days(&d.value).is_some_and(|n| n >= 2),
                TimexType::Date => d.date_prec.is_some_and(|p| p >= 3),
                _ => false,
            })
            .filter_map(|(d, r)| r.clone().map(|r| (r, d.kind == TimexType::Duration))),
    );

    // Figures about history or a whole war go apart: a clause cue (done in
    // `drafts`), a toll no single day reaches, a date in the sentence long
    // before publication, a toll over a period, or a clause recalling an
    // earlier happening.
    let published: Option<jiff::civil::Date> =
        record.published.as_deref().and_then(|p| p.get(..10)).and_then(|p| p.parse().ok());
    // When each of `dates` ends (with no publication date, nothing is far
    // or old), worked out when first asked: only the dates after "since" and
    // in the sentences of figures are.
    let ends: Vec<OnceCell<Option<jiff::civil::Date>>> = vec![OnceCell::new(); dates.len()];
    let end_of = |i: usize| *ends[i].get_or_init(|| published.and_then(|_| dates[i].1.period_end()));
    let before_publication = |days: i64| published.map(|p| p.saturating_sub(jiff::Span::new().days(days)));
    let (three_days_before, sixty_days_before) = (before_publication(3), before_publication(60));
    // "since Thursday" three days or more before publication: a sentence with
    // it counts over those days.
    let since_days: Vec<Range<usize>> = dates
        .iter()
        .enumerate()
        .filter(|(i, (r, dm))| {
            // Three days at least: "since Monday" in a Wednesday report may
            // still be one operation's toll.
            let far = || {
                three_days_before
                    .zip(end_of(*i))
                    .is_some_and(|(limit, end)| dm.date_prec == Some(1) && end <= limit)
            };
            (r.start.saturating_sub(2)..r.start)
                .any(|k| cx.lex.since.at(text, k).is_some_and(|e| e <= r.start))
                && far()
        })
        .map(|(_, (r, _))| r.clone())
        .collect();
    // Does date `i` end over sixty days before publication?
    let old = |i: usize| sixty_days_before.zip(end_of(i)).is_some_and(|(limit, end)| end < limit);
    let mut drafts = drafts;
    for d in drafts.iter_mut() {
        // Each test below can only make a draft context, and none has side
        // effects: once one does, the rest (the scans first) are not asked.
        let human = matches!(d.measure, Measure::Killed | Measure::Wounded | Measure::Missing);
        let sent = d.sent.clone();
        let dated_old = |r: &Range<usize>| {
            dates.iter().enumerate().any(|(i, (d, _))| d.start >= r.start && d.end <= r.end && old(i))
        };
        // "… used in the town in 2014. Rights groups blamed the army for that
        // attack, which killed 300": the old attack's toll.
        // (The sentence before asked first: its few dates are read faster
        // than the words before the count.)
        let recalled = || {
            sent.start > 0
                && dated_old(&cx.sentence(sent.start - 1))
                && (sent.start..d.c.first)
                    .any(|k| cx.lex.recalled.at(text, k).is_some_and(|e| e <= d.c.first))
        };
        d.cumulative = d.cumulative
            || human && d.c.low.max(d.c.best).unwrap_or(0) >= 10_000
            || dated_old(&sent)
            || since_days.iter().any(|r| r.start >= sent.start && r.end <= sent.end)
            || recalled()
            || period_toll(&cx, &d.c, &sent, &periods)
            || after_background_cue(&cx, &d.c, &sent);
    }
    // A part of a toll that is context is context too ("since Thursday …
    // 44 civilians, including 11 women").
    for i in 0..drafts.len() {
        if let Some(h) = drafts[i].part_of
            && drafts[h].cumulative
        {
            drafts[i].cumulative = true;
        }
    }
    // A toll said to be replaced is context where the report gives another
    // of the same measure (the one that replaced it); alone, it is the toll.
    let replaced: Vec<bool> =
        drafts.iter().map(|d| !d.cumulative && superseded(&cx, &d.c, &d.sent)).collect();
    for i in 0..drafts.len() {
        if replaced[i]
            && drafts
                .iter()
                .enumerate()
                .any(|(j, x)| j != i && !replaced[j] && !x.cumulative && x.measure == drafts[i].measure)
        {
            drafts[i].cumulative = true;
        }
    }
    // "killing scores of civilians" beside "12 civilians were killed": a
    // round plural of people killed is context where the report counts its
    // dead exactly; the exact count is its toll.
    // So do fighters ("scores of terrorists" beside "50 gunmen were killed").
    for group in [&["civilians", "people"][..], &["combatants", "soldiers"][..]] {
        let toll = |d: &Draft| {
            !d.cumulative
                && d.part_of.is_none()
                && d.measure == Measure::Killed
                && group.contains(&d.subject.as_str())
        };
        if drafts.iter().any(|d| toll(d) && !d.c.round_plural) {
            for d in drafts.iter_mut() {
                if toll(d) && d.c.round_plural {
                    d.cumulative = true;
                }
            }
        }
    }
    // Where each draft's figure went (context or not, and its place in
    // that list): a part reads its whole's id there, not from a copy of
    // every id.
    let mut placed: Vec<(bool, usize)> = Vec::with_capacity(drafts.len());
    let mut chosen_places: Vec<Option<usize>> = Vec::with_capacity(drafts.len());
    // Each list sized as it will be (main with room for the civilians' toll below).
    let n_context = drafts.iter().filter(|d| d.cumulative).count();
    let (mut main, mut context): (Vec<Figure>, Vec<Figure>) =
        (Vec::with_capacity(drafts.len() - n_context + 1), Vec::with_capacity(n_context));
    // The sentence and byte span of each main figure, for the civilians a
    // list of women and children adds up to.
    let mut main_at: Vec<(usize, usize, usize)> = Vec::with_capacity(drafts.len());
    let (mut nm, mut nc) = (0, 0);
    for i in 0..drafts.len() {
        // The draft's subject moves into its figure (no other draft reads it).
        let subject = std::mem::take(&mut drafts[i].subject);
        let d = &drafts[i];
        let id = if d.cumulative {
            nc += 1;
            sitrep_core::item_id('c', nc)
        } else {
            nm += 1;
            sitrep_core::item_id('f', nm)
        };
        let c = &d.c;
        let sent = d.sent.clone();
        let next = drafts.get(i + 1).filter(|x| x.sent == sent).map_or(sent.end, |x| x.c.first);
        let (mut first, mut last) = (c.first, c.last);
        if let Some(p) = &d.pred {
            first = first.min(p.start);
            last = last.max(p.end);
        }
        let span_start = text.char_offset(text.tokens()[first].start as usize);
        let span_end = text.char_offset(text.tokens()[last - 1].end as usize);
        let evidence =
            text.raw()[text.tokens()[first].start as usize..text.tokens()[last - 1].end as usize].to_string();
        // (The count's first character, where the evidence starts unless a
        // predicate comes before it.)
        let offset = if first == c.first {
            span_start
        } else {
            text.char_offset(text.tokens()[c.first].start as usize)
        };
        let source: Option<&Source> = sitrep_actors::source_at(&record.sources, offset);
        let head = d
            .part_of
            .or_else(|| if c.others { drafts[..i].iter().rposition(|x| x.part_of.is_none()) } else { None });
        let inherited = head.and_then(|h| chosen_places[h]);
        let place_ix = place_for(&places, c, &sent, next, inherited);
        chosen_places.push(place_ix);
        let place = place_ix.map(|p| record.places[p].id.clone());
        let date = dates
            .iter()
            .filter(|(r, _)| r.start >= sent.start && r.end <= sent.end)
            .min_by_key(
                |(r, _)| if r.start >= c.last { r.start - c.last } else { c.first.saturating_sub(r.end) },
            )
            .map(|(_, dm)| dm.id.clone());
        let label = c
            .noun
            .as_ref()
            .filter(|x| x.label)
            .and(c.noun_tokens.as_ref())
            .map(|r| text.tokens_raw(r.start, r.end).to_string());
        let f = Figure {
            id,
            measure: d.measure,
            subject,
            label,
            low: c.low,
            best: c.best,
            high: c.high,
            bound: c.bound,
            // A whole comes before its parts: its figure is made already.
            part_of: d.part_of.map(|h| match placed[h] {
                (true, j) => context[j].id.clone(),
                (false, j) => main[j].id.clone(),
            }),
            place,
            date,
            source: source.map(|s| s.id.clone()),
            event: None,
            start: span_start,
            end: span_end,
            text: evidence,
        };
        if d.cumulative {
            placed.push((true, context.len()));
            context.push(f)
        } else {
            placed.push((false, main.len()));
            main_at.push((
                sent.start,
                text.tokens()[first].start as usize,
                text.tokens()[last - 1].end as usize,
            ));
            main.push(f)
        }
    }
    civilians_of_parts(text, &mut main, &main_at);
    (main, context)
}

/// "A woman and a child were killed", "three children died": where a report
/// counts its dead only as women and children, with no toll of civilians or
/// people, those are the civilians killed. The sentence whose women and
/// children add up to most gives a civilians toll, with them as its parts.
fn civilians_of_parts(text: &Text, main: &mut Vec<Figure>, at: &[(usize, usize, usize)]) {
    let killed = |f: &Figure| f.measure == Measure::Killed;
    if main.iter().any(|f| killed(f) && matches!(f.subject.as_str(), "civilians" | "people")) {
        return;
    }
    let part =
        |f: &Figure| killed(f) && f.part_of.is_none() && matches!(f.subject.as_str(), "women" | "children");
    let mut best: Option<(u64, Vec<usize>)> = None;
    for i in 0..main.len() {
        if !part(&main[i]) || (0..i).any(|j| part(&main[j]) && at[j].0 == at[i].0) {
            continue;
        }
        let parts: Vec<usize> = (i..main.len()).filter(|&j| part(&main[j]) && at[j].0 == at[i].0).collect();
        let sum: u64 = parts.iter().map(|&j| main[j].best.or(main[j].low).unwrap_or(0)).sum();
        if sum > 0 && best.as_ref().is_none_or(|(b, _)| sum > *b) {
            best = Some((sum, parts));
        }
    }
    let Some((sum, parts)) = best else { return };
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let low: u64 = parts.iter().map(|&j| main[j].low.or(main[j].best).unwrap_or(0)).sum();
    let bound =
        if parts.iter().all(|&j| main[j].bound == Bound::Exact) { Bound::Exact } else { Bound::AtLeast };
    let id = sitrep_core::item_id('f', main.len() + 1);
    let (b0, b1) = (at[first].1, at[last].2.max(at[first].2));
    let total = Figure {
        id: id.clone(),
        measure: Measure::Killed,
        subject: "civilians".to_string(),
        label: None,
        low: Some(low),
        best: Some(sum),
        high: None,
        bound,
        part_of: None,
        place: main[first].place.clone(),
        date: main[first].date.clone(),
        source: main[first].source.clone(),
        event: None,
        start: text.char_offset(b0),
        end: text.char_offset(b1),
        text: text.raw()[b0..b1].to_string(),
    };
    for &j in &parts {
        main[j].part_of = Some(id.clone());
    }
    main.push(total);
}

#[cfg(test)]
mod tests {
    use super::duration_days;

    #[test]
    fn durations_in_days() {
        assert_eq!(duration_days("P7D"), Some(7));
        assert_eq!(duration_days("P1W"), Some(7));
        assert_eq!(duration_days("PXM"), Some(56));
        assert_eq!(duration_days("PT24H"), Some(1));
        assert_eq!(duration_days("PT48H"), Some(2));
        assert_eq!(duration_days("2016-08"), None);
    }
}
