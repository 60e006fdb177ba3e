//! Who says so: attribution cues and their sources.
//!
//! Three kinds of cue: "selon X" / "according to X" (the source follows);
//! a reporting verb ("X a déclaré", "a déclaré X", "a-t-il précisé", "X
//! said", "said X"); and quotes, which belong to the cue next to them. The
//! source is an actor of the text, an unnamed one ("une source militaire
//! syrienne", kind `anonymous`), or, for "il"/"he", the last person who
//! spoke. A medium the statement was made to ("a assuré pour le quotidien
//! libanais assafir", "told Reuters") is the source's `via`. Each source
//! carries its claim: the words it asserts.

use std::ops::Range;

use sitrep_core::{ActorKind, Doc, Record, Source, SourceKind, Span};
use sitrep_text::{Text, TokenKind};

use crate::dict::Dict;
use crate::lexicon::{CueBits, Lexicon, Phrases};

/// An actor mention as a token range.
#[derive(Debug, Clone)]
struct Mention {
    first: usize,
    last: usize,
    actor: usize,
}

/// Who a cue points at.
#[derive(Debug, Clone)]
enum Speaker {
    Actor(usize),
    Anonymous(Range<usize>),
    /// "il", "he": the last person who spoke.
    Last,
}

struct Cue {
    cue: Range<usize>,
    speaker: Speaker,
    via: Option<usize>,
    claim: Range<usize>,
}

fn char_to_token(text: &Text, start: usize, end: usize) -> Option<Range<usize>> {
    text.token_range(start, end)
}

/// Quotes as token ranges of their content.
fn quotes(text: &Text) -> Vec<Range<usize>> {
    let toks = text.tokens();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // A quote token's folded text is one '"': the folded text is searched
    // for that byte (a fast search), not every token looked at, and the
    // token that starts there is found by its offset.
    let at = |off: usize| toks.partition_point(|t| (t.fstart as usize) < off);
    for off in text.folded().match_indices('"').map(|(off, _)| off) {
        let k = at(off);
        let Some(t) = toks.get(k).filter(|t| t.fstart as usize == off) else { continue };
        if t.kind != TokenKind::Punct || text.token_str(k) != "\"" {
            continue;
        }
        let c = text.raw()[t.start as usize..].chars().next().unwrap_or('"');
        let opening = match c {
            '«' | '“' | '„' => true,
            '»' | '”' => false,
            // A straight quote opens after a space, closes otherwise.
            _ => open.is_none() && (t.space_before || k == 0),
        };
        match (opening, open) {
            (true, None) => open = Some(k + 1),
            (false, Some(o)) => {
                if k > o {
                    out.push(o..k);
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

// The word lists below are matches on bytes: rustc compares a short
// string to each listed word with a call to memcmp, a byte pattern with
// no call.

/// Auxiliaries and inversions around a reporting verb, French or English.
fn auxiliary(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"a" | b"ont"
            | b"avait"
            | b"avaient"
            | b"aurait"
            | b"auraient"
            | b"eut"
            | b"ayant"
            | b"has"
            | b"have"
            | b"had"
            | b"was"
            | b"were"
            | b"is"
            | b"are"
            | b"would"
            | b"will"
    )
}

/// Words between which and a reporting verb no subject stands.
fn not_subject(w: &str) -> bool {
    // Dates may sit between ("the army on Monday said"): not "on", "in", "le".
    matches!(
        w.as_bytes(),
        b"it"
            | b"they"
            | b"we"
            | b"i"
            | b"you"
            | b"and"
            | b"or"
            | b"but"
            | b"with"
            | b"of"
            | b"for"
            | b"from"
            | b"by"
            | b"et"
            | b"ou"
            | b"mais"
            | b"avec"
            | b"pour"
            | b"par"
            | b"nous"
            | b"ils"
            | b"elles"
    )
}

/// Auxiliaries that make a participle passive.
fn passive_be(w: &str) -> bool {
    matches!(w.as_bytes(), b"was" | b"were" | b"is" | b"are")
}

struct Ctx<'a> {
    text: &'a Text,
    lex: &'a Lexicon,
    mentions: Vec<Mention>,
    kinds: Vec<ActorKind>,
}

impl Ctx<'_> {
    fn w(&self, k: usize) -> &str {
        if k < self.text.tokens().len() { self.text.token_str(k) } else { "" }
    }

    fn sentence(&self, k: usize) -> Range<usize> {
        let s = &self.text.sentences()[self.text.sentence_of(k)];
        s.first as usize..s.last as usize
    }

    /// The first actor mention from token `k` on, before `limit`, not past
    /// a comma once a word was skipped; persons preferred when a role word
    /// introduces them ("le chef ... Sergueï Roudskoï").
    fn mention_after(&self, k: usize, limit: usize) -> Option<&Mention> {
        // The earliest, the first listed of those that start together, and
        // the earliest person likewise, in one pass (no list is gathered and
        // sorted).
        let mut first: Option<&Mention> = None;
        let mut person: Option<&Mention> = None;
        for m in self.mentions.iter().filter(|m| m.first >= k && m.last <= limit) {
            if first.is_none_or(|f| m.first < f.first) {
                first = Some(m);
            }
            if self.kinds[m.actor] == ActorKind::Person && person.is_none_or(|p| m.first < p.first) {
                person = Some(m);
            }
        }
        let first = first?;
        if self.kinds[first.actor] != ActorKind::Person
            && let Some(p) = person
        {
            let role_before = (k..first.first).any(|t| self.lex.cues.titles.at(self.text, t).is_some());
            if role_before {
                return Some(p);
            }
        }
        Some(first)
    }

    /// An unnamed source starting at or after `k`: "une source militaire
    /// syrienne", "des témoins", "a police officer". Its token range.
    fn anonymous_at(&self, k: usize, limit: usize) -> Option<Range<usize>> {
        let toks = self.text.tokens();
        let mut j = k;
        let mut seen = 0;
        while j < limit && seen < 4 {
            if self.lex.cues.anonymous.contains_token(self.text, j) {
                // The phrase runs to the next punctuation or verb-like word.
                let mut end = j + 1;
                while end < limit
                    && end - k < 8
                    && toks[end].kind == TokenKind::Alpha
                    && self.lex.cues.verbs.at(self.text, end).is_none()
                    && !auxiliary(self.w(end))
                    && !matches!(self.w(end), "que" | "qui" | "that" | "who")
                {
                    end += 1;
                }
                return Some(k..end);
            }
            if toks[j].kind != TokenKind::Alpha {
                return None;
            }
            j += 1;
            seen += 1;
        }
        None
    }

    /// An unnamed source ending just before `first`: "Une source militaire
    /// syrienne", "a police officer", "witnesses".
    fn anonymous_before(&self, first: usize, floor: usize) -> Option<Range<usize>> {
        let lo = first.saturating_sub(5).max(floor);
        let noun = (lo..first).rev().find(|&p| self.lex.cues.anonymous.contains_token(self.text, p))?;
        if (noun + 1..first).any(|p| self.text.tokens()[p].kind != TokenKind::Alpha) {
            return None;
        }
        // Back to its determiner over a few words ("A police officer").
        let det = |w: &str| {
            matches!(
                w,
                "une"
                    | "un"
                    | "des"
                    | "les"
                    | "la"
                    | "le"
                    | "l"
                    | "a"
                    | "an"
                    | "the"
                    | "two"
                    | "deux"
                    | "several"
                    | "plusieurs"
            )
        };
        let start = (noun.saturating_sub(3).max(floor)..noun)
            .rev()
            .take_while(|&p| self.text.tokens()[p].kind == TokenKind::Alpha)
            .find(|&p| det(self.w(p)))
            .unwrap_or(noun);
        Some(start..first)
    }

    /// The token after a medium the statement was made to: "pour le
    /// quotidien libanais assafir", "à la chaîne X", "told Reuters".
    fn via_after(&self, k: usize, limit: usize) -> Option<usize> {
        let start = match self.w(k).as_bytes() {
            b"pour" | b"a" | b"au" | b"aux" | b"to" | b"told" => k + 1,
            _ => return None,
        };
        let m = self.mention_after(start, limit.min(start + 8))?;
        (self.kinds[m.actor] == ActorKind::Media).then_some(m.actor)
    }
}

/// Finds every attribution cue of the text.
fn cues(cx: &Ctx, quotes: &[Range<usize>]) -> Vec<Cue> {
    let text = cx.text;
    let toks = text.tokens();
    // A report has a few: room made once for as many as most have.
    let mut out = Vec::with_capacity(8);
    let mut k = 0;
    while let Some(start) = next_cue_start(text, &cx.lex.cues.cue_starts, k) {
        k = start;
        // "selon X", "according to X"
        if let Some(e) = cx.lex.cues.according_to.at(text, k) {
            let sent = cx.sentence(k);
            // The source opens the phrase after the cue, behind at most a
            // few words ("selon la chaîne de télévision al-Alam"), not past
            // a number or a comma ("according to the Observatory at least
            // 112 civilians…": not the civilians).
            let speaker = cx
                .mention_after(e, sent.end)
                .filter(|m| {
                    m.first <= e + 6
                        && (e..m.first)
                            .all(|t| toks[t].kind == TokenKind::Alpha || matches!(cx.w(t), "'" | "-"))
                })
                .map(|m| Speaker::Actor(m.actor))
                .or_else(|| cx.anonymous_at(e, sent.end).map(Speaker::Anonymous));
            if let Some(speaker) = speaker {
                let np_end = match &speaker {
                    Speaker::Actor(a) => {
                        cx.mentions.iter().find(|m| m.actor == *a && m.first >= e).map_or(e, |m| m.last)
                    }
                    Speaker::Anonymous(r) => r.end,
                    Speaker::Last => e,
                };
                // "Selon X, …" and "Il est question selon X de …": what
                // follows. "…, selon X." and "…, une soixantaine selon X,
                // au moment où …": the clause before it.
                let opens = (sent.start..k).all(|t| text.tokens()[t].kind == TokenKind::Punct);
                let closes = np_end >= sent.end || matches!(cx.w(np_end), "," | "." | ";" | ")");
                let claim = if opens {
                    let after = if cx.w(np_end) == "," { np_end + 1 } else { np_end };
                    after..sent.end
                } else if !closes {
                    np_end..sent.end
                } else if k > sent.start && cx.w(k - 1) == "," {
                    sent.start..k - 1
                } else {
                    let from = (sent.start..k).rev().find(|&t| cx.w(t) == ",").map_or(sent.start, |t| t + 1);
                    from..k
                };
                out.push(Cue { cue: k..e, speaker, via: None, claim });
                k = np_end.max(k + 1);
                continue;
            }
        }
        // Reporting verbs ("poursuit" only as "poursuit-il").
        let verb = cx
            .lex
            .cues
            .verbs
            .at(text, k)
            .map(|e| (e, false))
            .or_else(|| cx.lex.cues.inversion_only.at(text, k).map(|e| (e, true)));
        // "continued to bomb": aspect, not speech.
        let aspect = verb.is_some_and(|(e, _)| {
            cx.lex.cues.aspectual.contains_token(cx.text, k) && e < toks.len() && cx.w(e) == "to"
        });
        if let Some((e, inversion_only)) = verb.filter(|_| !aspect)
            && let Some(c) = verb_cue(cx, k, e, &cx.sentence(k), quotes)
            && (!inversion_only || matches!(c.speaker, Speaker::Last) && c.cue.end > e)
        {
            k = c.cue.end.max(k + 1);
            out.push(c);
            continue;
        }
        k += 1;
    }
    out
}

/// The first token from `k` on that may begin a cue: most words begin none
/// of any kind. Out of line: inside [`cues`] the loop reloaded its state at
/// every word.
#[inline(never)]
fn next_cue_start(text: &Text, starts: &CueBits, mut k: usize) -> Option<usize> {
    while k < text.tokens().len() {
        if starts.may_hold(text.token_hash(k)) {
            return Some(k);
        }
        k += 1;
    }
    None
}

/// Does the claim after a reporting verb begin after token `t`: is it
/// "que", "qu" or "that"? Asked of the words up to the end of a sentence:
/// their hashes answer, and no text is read (words this short have hashes
/// of their own, [`sitrep_text::word_hash_is_exact`]).
fn opens_claim(text: &Text, t: usize) -> bool {
    static OPENERS: std::sync::LazyLock<[u64; 3]> = std::sync::LazyLock::new(|| {
        ["que", "qu", "that"].map(|w| {
            debug_assert!(sitrep_text::word_hash_is_exact(w.len()));
            sitrep_text::word_hash(w)
        })
    });
    OPENERS.contains(&text.token_hash(t))
}

/// Does a hedge ("reportedly", "aurait") stand among tokens `sent`? Out of
/// line: a small loop over a whole sentence.
#[inline(never)]
fn hedged(text: &Text, hedges: &Phrases, sent: Range<usize>) -> bool {
    sent.into_iter().any(|t| hedges.at(text, t).is_some())
}

/// A reporting verb at `k..e`: its auxiliary, subject, via and claim.
fn verb_cue(cx: &Ctx, k: usize, e: usize, sent: &Range<usize>, quotes: &[Range<usize>]) -> Option<Cue> {
    let text = cx.text;
    let toks = text.tokens();
    // The cue: "a déclaré", "a-t-il précisé", "ajoute-t-il", "said".
    let mut first = k;
    let mut inverted_pronoun = false;
    let mut aux = false;
    if k >= 1 && auxiliary(cx.w(k - 1)) && cx.raw_is_not_preposition(k - 1) {
        first = k - 1;
        aux = true;
    }
    // "a-t-il précisé": a - t - il before the participle
    if k >= 5
        && cx.lex.cues.pronouns.contains_token(cx.text, k - 1)
        && cx.w(k - 2) == "-"
        && cx.w(k - 3) == "t"
        && cx.w(k - 4) == "-"
    {
        first = k - 5;
        inverted_pronoun = true;
        aux = true;
    }
    let mut last = e;
    // "ajoute-t-il", "précise-t-elle"
    if cx.w(e) == "-"
        && cx.w(e + 1) == "t"
        && cx.w(e + 2) == "-"
        && cx.lex.cues.pronouns.contains_token(cx.text, e + 3)
    {
        last = e + 4;
        inverted_pronoun = true;
    } else if cx.w(e) == "-" && cx.lex.cues.pronouns.contains_token(cx.text, e + 1) {
        last = e + 2;
        inverted_pronoun = true;
    }
    // The passive: "was accused by Washington", "a été démenti par le
    // ministère": the agent after by/par speaks, not the subject; without
    // an agent ("Assad was accused") nobody is named as speaking. "was
    // quoted as saying" keeps its subject.
    if matches!(cx.w(last), "by" | "par") {
        let agent = cx.mention_after(last + 1, (last + 8).min(sent.end))?;
        let claim = sent.start..first;
        return Some(Cue { cue: first..last, speaker: Speaker::Actor(agent.actor), via: None, claim });
    }
    if aux && passive_be(cx.w(first)) && cx.w(last) != "as" {
        return None;
    }
    let quote_before = quotes
        .iter()
        .find(|q| q.end + 2 >= first && q.end <= first && q.start >= sent.start.saturating_sub(40));
    // "…, en annonçant", "…, ajoutant que", "saying": a participle whose
    // subject stands before the comma.
    let participle = cx.w(k.wrapping_sub(1)) == "en" || cx.w(k).ends_with("ant") || cx.w(k).ends_with("ing");
    if participle && cx.w(k.wrapping_sub(1)) == "en" {
        first = k - 1;
    }
    // Subject before: an actor, an unnamed source or a pronoun, just before
    // the cue (dates and adverbs may sit between).
    let mut subject: Option<Speaker> = None;
    let mut j = first;
    let mut skipped = 0;
    while j > sent.start && skipped < 4 {
        let p = j - 1;
        if let Some(m) = cx.mentions.iter().find(|m| m.last == j) {
            subject = Some(Speaker::Actor(m.actor));
            break;
        }
        if cx.lex.cues.pronouns.contains_token(cx.text, p) && matches!(cx.w(p), "il" | "elle" | "he" | "she")
        {
            subject = Some(Speaker::Last);
            break;
        }
        // The subject is not before these: another pronoun ("…were mostly
        // civilians, it said"), a coordination ("SANA said all were
        // civilians and described…"), a preposition ("…for civilians with
        // daily reports").
        if not_subject(cx.w(p)) {
            break;
        }
        if toks[p].kind == TokenKind::Punct {
            if participle && text.token_str(p) == "," && skipped == 0 {
                j = p;
                continue;
            }
            break;
        }
        j = p;
        skipped += 1;
    }
    if subject.is_none() && !inverted_pronoun && quote_before.is_none() {
        // "Une source militaire syrienne a assuré": an unnamed subject just before.
        subject = cx.anonymous_before(first, sent.start).map(Speaker::Anonymous);
    }
    if subject.is_none() && participle {
        // "X, …, a pris la parole en annonçant": the subject of the clause.
        subject = cx
            .mentions
            .iter()
            .filter(|m| m.last <= first && m.first >= sent.start)
            .filter(|m| {
                matches!(cx.kinds[m.actor], ActorKind::Person | ActorKind::Media | ActorKind::Organization)
            })
            .max_by_key(|m| m.last)
            .map(|m| Speaker::Actor(m.actor));
    }
    let subject_after = subject.is_none() && !inverted_pronoun;
    // "He added", "Elle précise": a subject pronoun makes a verb of the cue.
    let pronoun_subject = matches!(subject, Some(Speaker::Last));
    let speaker = if inverted_pronoun {
        Speaker::Last
    } else if let Some(s) = subject {
        s
    } else {
        // Inverted subject: «…», a déclaré lundi aux journalistes le chef … X;
        // only for a reporting clause after a comma or a quote.
        let after_comma = first > 0 && (text.token_str(first - 1) == "," || quote_before.is_some());
        if !(aux || cx.w(k) == "said" || cx.w(k) == "says") || !after_comma {
            return None;
        }
        let m = cx.mention_after(last, sent.end)?;
        Speaker::Actor(m.actor)
    };
    // Bare verb forms that could be nouns ("note", "juge") need more than a subject.
    let strong = aux
        || inverted_pronoun
        || pronoun_subject
        || quote_before.is_some()
        || matches!(speaker, Speaker::Actor(_) | Speaker::Anonymous(_));
    if !strong {
        return None;
    }
    // "told Reuters": the verb itself introduces the medium; "a déclaré à
    // l'AFP", "said to Reuters": a preposition after it does.
    // "a assuré pour le quotidien": the medium may follow an adverb or a
    // date. (Each token asked once: `last` is the first of those after it.)
    let via =
        (last - 1..=last).chain(last + 1..(last + 4).min(sent.end)).find_map(|t| cx.via_after(t, sent.end));
    let quote_after = quotes.iter().find(|q| q.start >= last && q.start <= last + 3);
    let inverted = !matches!(speaker, Speaker::Anonymous(_)) && subject_after;
    let claim = if let Some(q) = quote_before.or(quote_after) {
        q.clone()
    } else if let Some(que) = (last..sent.end).find(|&t| opens_claim(text, t)) {
        que + 1..sent.end
    } else if inverted && first > sent.start + 2 {
        // "…, a déclaré X": what precedes
        sent.start..first
    } else {
        // "X a annoncé le lancement de …": what follows
        last..sent.end
    };
    Some(Cue { cue: first..last, speaker, via, claim })
}

impl Ctx<'_> {
    /// French "a" the verb, not "à" the preposition (folded alike).
    fn raw_is_not_preposition(&self, k: usize) -> bool {
        let t = &self.text.tokens()[k];
        !self.text.raw()[t.start as usize..t.end as usize].starts_with('à')
    }
}

fn source_kind(kind: ActorKind) -> SourceKind {
    match kind {
        ActorKind::Person => SourceKind::Person,
        ActorKind::Media => SourceKind::Media,
        _ => SourceKind::Institution,
    }
}

/// Fills `sources`: first the document itself, then one source per cue.
pub(crate) fn sources(doc: &Doc, record: &Record, lex: &Lexicon, dict: &Dict) -> Vec<Source> {
    let text = &doc.text;
    let mut mentions = Vec::with_capacity(record.actors.iter().map(|a| a.mentions.len()).sum());
    for (i, a) in record.actors.iter().enumerate() {
        for m in &a.mentions {
            if let Some(r) = char_to_token(text, m.start, m.end) {
                mentions.push(Mention { first: r.start, last: r.end, actor: i });
            }
        }
    }
    let kinds: Vec<ActorKind> = record.actors.iter().map(|a| a.kind).collect();
    let cx = Ctx { text, lex, mentions, kinds };
    let quotes = quotes(text);
    let found = cues(&cx, &quotes);

    // The document, then at most two sources a cue (it and its medium).
    let mut out = Vec::with_capacity(1 + 2 * found.len());
    out.push(Source {
        id: "s1".into(),
        name: doc.outlet.clone().unwrap_or_else(|| "the document".into()),
        kind: SourceKind::Document,
        actor: None,
        via: None,
        cue: None,
        hedged: false,
        claim: None,
        event: None,
    });
    let mut last_person: Option<usize> = None;
    let mut via_ids: Vec<(usize, String)> = Vec::new();
    let mut hedged_sentence: Option<(usize, bool)> = None;
    for c in found {
        let actor = match &c.speaker {
            Speaker::Actor(a) => Some(*a),
            Speaker::Last => last_person.or_else(|| {
                // No one spoke yet: the last person named before the cue.
                cx.mentions
                    .iter()
                    .filter(|m| m.last <= c.cue.start && cx.kinds[m.actor] == ActorKind::Person)
                    .max_by_key(|m| m.last)
                    .map(|m| m.actor)
            }),
            // "the monitor", "l'ONG": the actor named before that the
            // dictionary describes so.
            Speaker::Anonymous(r) => described(&cx, record, dict, r),
        };
        let (name, kind) = match (&c.speaker, actor) {
            (Speaker::Anonymous(r), None) => {
                (text.tokens_raw(r.start, r.end).to_string(), SourceKind::Anonymous)
            }
            (_, Some(a)) => (record.actors[a].name.clone(), source_kind(record.actors[a].kind)),
            (_, None) => continue,
        };
        if kind == SourceKind::Person {
            last_person = actor;
        }
        // The medium relaying it is a source too (once).
        let via = c.via.map(|v| {
            if let Some((_, id)) = via_ids.iter().find(|(a, _)| *a == v) {
                return id.clone();
            }
            let id = sitrep_core::item_id('s', out.len() + 1);
            out.push(Source {
                id: id.clone(),
                name: record.actors[v].name.clone(),
                kind: SourceKind::Media,
                actor: Some(record.actors[v].id.clone()),
                via: None,
                cue: None,
                hedged: false,
                claim: None,
                event: None,
            });
            via_ids.push((v, id.clone()));
            id
        });
        // Cues come in order, and a sentence often holds several.
        let sent = cx.sentence(c.cue.start);
        let hedged = match hedged_sentence {
            Some((start, h)) if start == sent.start => h,
            _ => {
                let h = hedged(text, &lex.cues.hedges, sent.clone());
                hedged_sentence = Some((sent.start, h));
                h
            }
        };
        let claim = (c.claim.start < c.claim.end).then(|| doc.span(c.claim.start, c.claim.end));
        out.push(Source {
            id: sitrep_core::item_id('s', out.len() + 1),
            name,
            kind,
            actor: actor.map(|a| record.actors[a].id.clone()),
            via,
            cue: Some(doc.span(c.cue.start, c.cue.end)),
            hedged,
            claim,
            event: None,
        });
    }
    out
}

/// Articles that make a noun phrase definite: "the monitor" points back.
const DEFINITE: &[&str] = &["the", "le", "la", "l", "les"];

/// The actor an unnamed definite source refers back to: "the monitor"
/// after the Syrian Observatory was named. The nearest actor mentioned
/// before whose dictionary descriptions hold the noun phrase.
fn described(cx: &Ctx, record: &Record, dict: &Dict, r: &Range<usize>) -> Option<usize> {
    // "the monitor" (the article inside the phrase) or "l'ONG" (elided, before it).
    let from = if DEFINITE.contains(&cx.w(r.start)) && r.end > r.start + 1 {
        r.start + 1
    } else if r.start >= 2 && cx.w(r.start - 1) == "'" && DEFINITE.contains(&cx.w(r.start - 2)) {
        r.start
    } else {
        return None;
    };
    let mut words = Vec::new();
    for t in from..r.end {
        if cx.text.tokens()[t].kind != TokenKind::Punct {
            words.push(cx.w(t));
        }
    }
    let phrase = words.join(" ");
    cx.mentions
        .iter()
        .filter(|m| m.last <= r.start)
        .filter(|m| dict.descriptions_of(&record.actors[m.actor].name).contains(&phrase))
        .max_by_key(|m| m.last)
        .map(|m| m.actor)
}

/// The source in force at a character offset: the innermost claim that
/// holds it, else the document (`s1`).
pub fn source_at(sources: &[Source], offset: usize) -> Option<&Source> {
    sources
        .iter()
        .filter(|s| s.claim.as_ref().is_some_and(|c: &Span| c.start <= offset && offset < c.end))
        .min_by_key(|s| s.claim.as_ref().map_or(usize::MAX, |c| c.end - c.start))
        .or_else(|| sources.iter().find(|s| s.kind == SourceKind::Document))
}
