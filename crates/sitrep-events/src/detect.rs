//! From triggers to events: typing, modality, arguments, merging, the lead
//! event, and the links from figures and sources back to their event.

use std::ops::Range;

use jiff::civil::Date;
use sitrep_core::{
    ActorKind, Doc, Event, EventType, Figure, Measure, Mode, Record, Span, Status, SubEventType, TimexType,
};
use sitrep_text::{Text, TokenKind};

use crate::lexicon::{Kind, Lexicon, Trigger};

fn token_range(text: &Text, start: usize, end: usize) -> Option<Range<usize>> {
    text.token_range(start, end)
}

/// A dateline: a city in capitals right before the outlet in brackets or a
/// dash ("BEIRUT (Reuters) -", "MOSCOW -") says where the story was filed,
/// not where anything happened.
fn dateline(text: &Text, written: &str, t: &Range<usize>) -> bool {
    // The bracket or dash first: most places have neither after them.
    if t.end >= text.tokens().len() || !matches!(text.token_str(t.end), "(" | "-" | "–" | "—") {
        return false;
    }
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && written.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Mentions of the record's items as token ranges.
struct Index {
    actors: Vec<(Range<usize>, usize)>,
    /// The mentions of state actors, in the same order: a trigger inside
    /// one ("Russian strikes") keeps that actor as agent.
    states: Vec<(Range<usize>, usize)>,
    places: Vec<(Range<usize>, usize)>,
    dates: Vec<(Range<usize>, usize)>,
    figures: Vec<(Range<usize>, usize)>,
    /// Spans of figures that count victims (killed, wounded, captured).
    victims: Vec<Range<usize>>,
    blocked: Vec<bool>,
}

impl Index {
    fn new(text: &Text, r: &Record) -> Index {
        let n = text.tokens().len();
        let mut blocked = vec![false; n];
        let mut actors = Vec::with_capacity(r.actors.iter().map(|a| a.mentions.len()).sum());
        let mut states = Vec::new();
        for (i, a) in r.actors.iter().enumerate() {
            let state = is_state(a.kind);
            for m in &a.mentions {
                if let Some(t) = token_range(text, m.start, m.end) {
                    if state {
                        states.push((t.clone(), i));
                    } else {
                        t.clone().for_each(|k| blocked[k] = true);
                    }
                    actors.push((t, i));
                }
            }
        }
        let mut places = Vec::with_capacity(r.places.iter().map(|p| p.mentions.len()).sum());
        for (i, p) in r.places.iter().enumerate() {
            for m in &p.mentions {
                if let Some(t) = token_range(text, m.start, m.end) {
                    t.clone().for_each(|k| blocked[k] = true);
                    // A demonym names a country, a seat where an organisation
                    // sits ("the London-based monitor"): neither is where
                    // anything happened.
                    if !m.demonym && !m.seat && !dateline(text, &m.text, &t) {
                        places.push((t, i));
                    }
                }
            }
        }
        // (The lists below sized for all they may hold, not grown from four.)
        let mut dates = Vec::with_capacity(r.dates.len());
        dates.extend(
            r.dates
                .iter()
                .enumerate()
                .filter(|(_, d)| matches!(d.kind, TimexType::Date | TimexType::Time) && d.date_prec.is_some())
                .filter_map(|(i, d)| token_range(text, d.start, d.end).map(|t| (t, i))),
        );
        let mut figures: Vec<(Range<usize>, usize)> = Vec::with_capacity(r.figures.len());
        figures.extend(
            r.figures
                .iter()
                .enumerate()
                .filter_map(|(i, f)| token_range(text, f.start, f.end).map(|t| (t, i))),
        );
        let mut victims = Vec::with_capacity(figures.len());
        victims.extend(
            figures
                .iter()
                .filter(|(_, i)| {
                    matches!(r.figures[*i].measure, Measure::Killed | Measure::Wounded | Measure::Captured)
                })
                .map(|(t, _)| t.clone()),
        );
        Index { actors, states, places, dates, figures, victims, blocked }
    }
}

/// A trigger in context, before merging.
#[derive(Debug, Clone)]
struct Cand {
    sent: usize,
    first: usize,
    last: usize,
    trig: Trigger,
    sub: Option<SubEventType>,
    mode: Option<Mode>,
    status: Option<Status>,
    /// The doer: one at most (a list of one would be a heap block a trigger).
    actors: Option<usize>,
    targets: Vec<usize>,
    place: Option<usize>,
    date: Option<usize>,
}

struct Cx<'a> {
    text: &'a Text,
    lex: &'a Lexicon,
    record: &'a Record,
    ix: &'a Index,
    /// Sixty days before publication: a date that ends before it is history.
    history_before: Option<Date>,
    /// Whether each of the record's dates is history, once asked.
    history: Vec<std::cell::OnceCell<bool>>,
    /// The document's [`main_place`], worked out once.
    main_place: Option<usize>,
}

/// Cues that hold for a whole sentence, looked up once for all the
/// sentence's triggers.
#[derive(Default)]
struct SentenceCues {
    /// Whether the sentence names the past, aircraft or firearms (found
    /// with its triggers, by [`scan_sentence`]).
    past: bool,
    aircraft: bool,
    firearms: bool,
    /// The words where a negation, failure or announcement may start
    /// ([`Lexicon::modal_starts`]), also found by [`scan_sentence`].
    modal_at: Vec<usize>,
    /// The actor mentions inside the sentence, in the index's order: the
    /// doer, subject, apposition and target rules only look at these.
    actors: std::cell::OnceCell<Vec<(Range<usize>, usize)>>,
}

fn sentence_range(text: &Text, s: usize) -> Range<usize> {
    let s = &text.sentences()[s];
    s.first as usize..s.last as usize
}

fn is_state(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::StateForce | ActorKind::Government)
}

impl Cx<'_> {
    fn sentence(&self, s: usize) -> Range<usize> {
        sentence_range(self.text, s)
    }

    /// The actor mentions of sentence `sent` (kept in `cues`), in the
    /// index's order, so that first and nearest picks stay the same.
    fn actors_in<'c>(&self, sent: &Range<usize>, cues: &'c SentenceCues) -> &'c [(Range<usize>, usize)] {
        cues.actors.get_or_init(|| {
            self.ix
                .actors
                .iter()
                .filter(|(r, _)| r.start >= sent.start && r.end <= sent.end)
                .cloned()
                .collect()
        })
    }

    fn any_before(&self, words: &sitrep_text::Phrases, from: usize, to: usize) -> bool {
        (from..to).any(|k| words.at(self.text, k).is_some_and(|e| e <= to))
    }

    /// Actors that can do violence (not media, not people quoted, not "civilians").
    fn agent_like(&self, a: usize) -> bool {
        let actor = &self.record.actors[a];
        !matches!(
            actor.kind,
            ActorKind::Media | ActorKind::Person | ActorKind::Other | ActorKind::Organization
        )
    }

    fn modality(&self, c: &Cand, sent: &Range<usize>, cues: &SentenceCues) -> Option<Status> {
        let lo = c.first.saturating_sub(8).max(sent.start);
        let hi = (c.last + 6).min(sent.end);
        // The three cues below are looked for in `lo..hi` (or part of it):
        // where none may start, as at most triggers, none is looked up.
        if cues.modal_at.iter().any(|&k| lo <= k && k < hi) {
            if self.any_before(&self.lex.negation, c.first.saturating_sub(3).max(sent.start), c.first) {
                return Some(Status::Denied);
            }
            if self.any_before(&self.lex.failure, lo, hi) {
                return Some(Status::Failed);
            }
            // "considering air strikes after the chemical attack": the plan is
            // the strikes', not the attack's, which another clause tells.
            let same_clause =
                |e: usize| (e..c.first).all(|t| self.lex.clause_breaks.at(self.text, t).is_none());
            if (lo..c.first)
                .any(|k| self.lex.announced.at(self.text, k).is_some_and(|e| e <= c.first && same_clause(e)))
            {
                return Some(Status::Announced);
            }
        }
        if cues.past {
            return Some(Status::Past);
        }
        // A date in the sentence well before publication: history.
        let history = |d: usize| {
            *self.history[d].get_or_init(|| {
                self.history_before
                    .is_some_and(|limit| self.record.dates[d].period_end().is_some_and(|end| end < limit))
            })
        };
        if c.date.is_some_and(history) {
            return Some(Status::Past);
        }
        // "that attack" pointing back to a sentence dated long ago ("sarin was
        // used in Eastern Ghouta in 2013. … that attack, which killed …").
        if c.first > sent.start
            && self.lex.pointing_back.before(self.text, c.first).is_some()
            && let Some(s) = self.text.sentence_of(sent.start).checked_sub(1)
        {
            let prev = self.sentence(s);
            if self.ix.dates.iter().any(|(r, d)| r.start >= prev.start && r.end <= prev.end && history(*d)) {
                return Some(Status::Past);
            }
        }
        None
    }

    /// Who did it: the actor whose mention holds the trigger ("Russian
    /// strikes"); else one introduced as agent after it ("par l'aviation
    /// russe", "by regime warplanes"); else the first actor of the clause
    /// before it — the subject — that is neither a victim counted by a
    /// figure ("70 militants were killed") nor a target ("on IS positions").
    /// `doer` is [`Cx::named_doer`] for the candidate, which the caller
    /// needs again.
    fn agents(
        &self,
        c: &Cand,
        sent: &Range<usize>,
        cues: &SentenceCues,
        doer: Option<usize>,
    ) -> Option<usize> {
        doer.or_else(|| self.subject(c, sent, cues))
    }

    /// The doer named outright: the trigger's own actor, a modifier of it,
    /// or an agent after "by" (rather than a clause's subject, a weaker guess).
    fn named_doer(&self, c: &Cand, sent: &Range<usize>, cues: &SentenceCues) -> Option<usize> {
        // The state actor whose mention holds the trigger ("Russian
        // strikes") keeps it as agent (the last listed, if two do).
        if let Some(&(_, a)) = self.ix.states.iter().rev().find(|(r, _)| r.contains(&c.first)) {
            return Some(a);
        }
        // An actor that modifies the trigger names its doer ("U.S.-led
        // coalition air strikes", "rebel rocket fire", "the regime's
        // barrel bombs"), whoever the clause's subject is.
        let modifier = self.actors_in(sent, cues).iter().find(|(r, a)| {
            r.start >= sent.start
                && self.agent_like(*a)
                && (r.end == c.first
                    || r.end + 2 == c.first
                        && self.text.token_str(r.end) == "'"
                        && self.text.token_str(r.end + 1) == "s")
        });
        if let Some((r, a)) = modifier {
            return Some(self.appositive(r, *a, sent, cues));
        }
        let by = self.actors_in(sent, cues).iter().filter(|(r, a)| {
            r.start >= c.last
                && r.start <= c.last + 6
                && r.end <= sent.end
                && self.agent_like(*a)
                && (c.last..r.start)
                    .any(|k| self.lex.agent_before.at(self.text, k).is_some_and(|e| e <= r.start))
        });
        if let Some((r, a)) = by.min_by_key(|(r, _)| r.start) {
            return Some(self.appositive(r, *a, sent, cues));
        }
        // "the strikes on the town … were carried out by Russian planes"
        let far = self.actors_in(sent, cues).iter().filter(|(r, a)| {
            r.start >= c.last
                && r.end <= sent.end
                && self.agent_like(*a)
                && (c.last..r.start).any(|k| {
                    self.lex.agent_far.at(self.text, k).is_some_and(|e| e <= r.start && r.start <= e + 3)
                })
        });
        if let Some((r, a)) = far.min_by_key(|(r, _)| r.start) {
            return Some(self.appositive(r, *a, sent, cues));
        }
        None
    }

    /// The first actor of the clause before the trigger that is neither a
    /// victim counted by a figure nor a target.
    fn subject(&self, c: &Cand, sent: &Range<usize>, cues: &SentenceCues) -> Option<usize> {
        let victim = |r: &Range<usize>| self.ix.victims.iter().any(|v| v.start <= r.start && r.end <= v.end);
        self.actors_in(sent, cues)
            .iter()
            .filter(|(r, a)| r.end <= c.first && r.start >= sent.start && self.agent_like(*a))
            .filter(|(r, _)| !self.is_target(r.start) && !victim(r))
            .min_by_key(|(r, _)| r.start)
            .map(|(r, a)| self.appositive(r, *a, sent, cues))
    }

    /// "al-Qaeda's Syrian affiliate al-Nusra Front": an actor followed by a
    /// relational noun and another actor stands for that other one; not
    /// "al-Nusra Front, an affiliate of al-Qaeda", where "of" names the parent.
    fn appositive(&self, r: &Range<usize>, a: usize, sent: &Range<usize>, cues: &SentenceCues) -> usize {
        // The possessive and an adjective may come between: "al-Qaeda's Syrian affiliate".
        let Some(e) = (r.end..(r.end + 5).min(sent.end)).find_map(|k| self.lex.apposition.at(self.text, k))
        else {
            return a;
        };
        self.actors_in(sent, cues)
            .iter()
            .filter(|(r2, a2)| {
                r2.start >= e && r2.start <= e + 2 && r2.end <= sent.end && self.agent_like(*a2)
            })
            .filter(|(r2, _)| {
                (e..r2.start).all(|t| !matches!(self.text.token_str(t), "of" | "de" | "d" | "du" | "des"))
            })
            .min_by_key(|(r2, _)| r2.start)
            .map_or(a, |(_, a2)| *a2)
    }

    /// A target cue governs the actor: nothing but plain words between them
    /// (not "on Saturday as rebels", where the cue governs a date).
    fn is_target(&self, start: usize) -> bool {
        (start.saturating_sub(3)..start).any(|k| {
            self.lex.target_before.at(self.text, k).is_some_and(|e| {
                e <= start
                    && (e..start).all(|t| {
                        self.text.tokens()[t].kind == TokenKind::Alpha
                            && !self.ix.dates.iter().any(|(r, _)| r.contains(&t))
                    })
            })
        })
    }

    fn targets(&self, c: &Cand, sent: &Range<usize>, cues: &SentenceCues) -> Vec<usize> {
        self.actors_in(sent, cues)
            .iter()
            // The window first: `is_target` looks words up.
            .filter(|(r, _)| r.start >= sent.start && r.end <= sent.end)
            .filter(|(r, _)| r.start >= c.first.saturating_sub(12) && r.start <= c.last + 12)
            .filter(|(r, _)| self.is_target(r.start))
            .map(|(_, a)| *a)
            .collect()
    }

    /// The most specific place of the sentence, nearest the trigger; else
    /// of the sentences before it in its paragraph.
    fn place(&self, c: &Cand) -> Option<usize> {
        let pick_where = |range: Range<usize>, ok: &dyn Fn(usize) -> bool| {
            self.ix
                .places
                .iter()
                .filter(|(r, p)| r.start >= range.start && r.end <= range.end && ok(*p))
                .min_by_key(|(r, p)| {
                    // A town and a district are equally precise; a province less, a country least.
                    let prec = self.record.places[*p].where_prec.unwrap_or(9).max(2);
                    let dist =
                        if r.start >= c.last { r.start - c.last } else { c.first - r.end.min(c.first) + 1 };
                    (prec, dist)
                })
                .map(|(_, p)| *p)
        };
        let pick = |range: Range<usize>| pick_where(range, &|_| true);
        let sent = self.sentence(c.sent);
        let coarse = |p: usize| self.record.places[p].where_prec.is_none_or(|w| w >= 5);
        if let Some(p) = pick(sent) {
            // Only a country or a region: the report's own most named place
            // in that country (or anywhere, for a region of several
            // countries such as "the Middle East") says more.
            if coarse(p)
                && let Some(m) = self.main_place
                && (self.record.places[p].country.is_none()
                    || self.record.places[m].country == self.record.places[p].country)
                && !coarse(m)
            {
                return Some(m);
            }
            return Some(p);
        }
        // A sentence before may name a place abroad only as a side or a
        // venue ("the regime, accused by Washington of ...", "talks in
        // Geneva"): an event borrows only a place in the country the report
        // is about.
        let home = self.main_place.and_then(|m| self.record.places[m].country.as_deref());
        let at_home = |p: usize| home.is_none() || self.record.places[p].country.as_deref() == home;
        for back in 1..=3 {
            let Some(s) = c.sent.checked_sub(back) else { break };
            let r = self.sentence(s);
            if self.text.tokens()[r.end.min(self.text.tokens().len() - 1)].newlines_before >= 2 {
                break;
            }
            if let Some(p) = pick_where(r, &at_home) {
                return Some(p);
            }
        }
        None
    }

    fn date(&self, c: &Cand, sent: &Range<usize>) -> Option<usize> {
        self.ix
            .dates
            .iter()
            .filter(|(r, _)| r.start >= sent.start && r.end <= sent.end)
            .min_by_key(
                |(r, _)| if r.start >= c.last { r.start - c.last } else { c.first - r.end.min(c.first) },
            )
            .map(|(_, d)| *d)
    }
}

/// Does the candidate's own sentence name a place (rather than one before it)?
fn own_place(cx: &Cx, c: &Cand) -> bool {
    let r = cx.sentence(c.sent);
    cx.ix.places.iter().any(|(p, _)| p.start >= r.start && p.end <= r.end)
}

/// The most specific place the document names most, for events whose
/// sentence names none.
fn main_place(r: &Record) -> Option<usize> {
    r.places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lat.is_some()
                && p.where_prec.is_some_and(|w| w <= 4)
                && p.mentions.iter().any(|m| !m.demonym && !m.seat)
        })
        .max_by_key(|(i, p)| {
            (p.mentions.iter().filter(|m| !m.demonym && !m.seat).count(), std::cmp::Reverse(*i))
        })
        .map(|(i, _)| i)
}

/// One pass over the words of a sentence: its triggers that start on a
/// word no actor or place holds (first token, meaning, token after; the
/// words of one start no other), into `trigs`; whether it names the past,
/// aircraft or firearms; where a modality cue may start (into `modal_at`,
/// emptied first: the previous sentence's list, its heap block reused). A
/// word is asked one filter over all these phrases first. (Out of line: a
/// tight loop over every word of the document, its state kept in
/// registers.)
#[inline(never)]
fn scan_sentence(
    text: &Text,
    lex: &Lexicon,
    blocked: &[bool],
    sent: &Range<usize>,
    trigs: &mut Vec<(usize, Trigger, usize)>,
    mut modal_at: Vec<usize>,
) -> SentenceCues {
    trigs.clear();
    modal_at.clear();
    let toks = text.tokens();
    let mut cues = SentenceCues { modal_at, ..SentenceCues::default() };
    let mut from = sent.start;
    for k in sent.clone() {
        if !lex.sentence_starts.may_start(text, k) {
            continue;
        }
        if k >= from
            && !blocked[k]
            && toks[k].kind == TokenKind::Alpha
            && let Some((trig, e)) = lex.triggers.value_at(text, k).filter(|(_, e)| *e <= sent.end)
        {
            trigs.push((k, trig, e));
            from = e;
        }
        if lex.modal_starts.may_start(text, k) {
            cues.modal_at.push(k);
        }
        cues.past = cues.past || lex.past.at(text, k).is_some_and(|e| e <= sent.end);
        cues.aircraft = cues.aircraft || lex.aircraft.at(text, k).is_some();
        cues.firearms = cues.firearms || lex.firearms.at(text, k).is_some();
    }
    cues
}

/// Finds, types and merges the events of a document, and links figures
/// and sources to them.
pub(crate) fn events(doc: &Doc, lex: &Lexicon, record: &mut Record) {
    let text = &doc.text;
    let ix = Index::new(text, record);
    let cx = Cx {
        text,
        lex,
        record,
        ix: &ix,
        history_before: doc.published.map(|p| p.date.saturating_sub(jiff::Span::new().days(60))),
        history: vec![std::cell::OnceCell::new(); record.dates.len()],
        main_place: main_place(record),
    };
    // (Room for the triggers of most reports: the list is not grown and
    // copied three or four times.)
    let mut cands: Vec<Cand> = Vec::with_capacity(16);
    // (Lists kept from one sentence to the next.)
    let mut trigs: Vec<(usize, Trigger, usize)> = Vec::with_capacity(8);
    let mut modal_at: Vec<usize> = Vec::new();
    for (si, s) in text.sentences().iter().enumerate() {
        let sent = s.first as usize..s.last as usize;
        let cues = scan_sentence(text, lex, &ix.blocked, &sent, &mut trigs, modal_at);
        for &(first, trig, e) in &trigs {
            let mut c = Cand {
                sent: si,
                first,
                last: e,
                trig,
                sub: None,
                mode: trig.mode,
                status: None,
                actors: None,
                targets: Vec::new(),
                place: None,
                date: None,
            };
            c.date = cx.date(&c, &sent);
            c.status = cx.modality(&c, &sent, &cues);
            // The doer named outright depends on the trigger's tokens and
            // sentence only: found once, it serves the air-strike rule below.
            let doer = cx.named_doer(&c, &sent, &cues);
            c.actors = cx.agents(&c, &sent, &cues, doer);
            c.targets = cx.targets(&c, &sent, &cues);
            c.place = cx.place(&c);
            c.sub = match trig.kind {
                Kind::Sub(s) => Some(s),
                Kind::Territory { loss } => {
                    if c.status == Some(Status::Failed) {
                        // "ne sont pas parvenues à prendre": a clash, not a change of hands
                        Some(SubEventType::ArmedClash)
                    } else {
                        let subject = subject_of(&cx, &c, &sent);
                        subject.map(|a| {
                            let state = is_state(record.actors[a].kind);
                            if state != loss {
                                SubEventType::GovernmentRegainsTerritory
                            } else {
                                SubEventType::NonStateActorOvertakesTerritory
                            }
                        })
                    }
                }
            };
            // A bombing told near aircraft, or done by a state, came from the air.
            if trig.aerial_near
                && (cues.aircraft || c.actors.iter().any(|&a| is_state(record.actors[a].kind)))
            {
                c.sub = Some(SubEventType::AirDroneStrike);
                c.mode = Some(Mode::Aerial);
            }
            // Only states fly aircraft: a non-state group that is merely the
            // clause's subject of an air strike is what was hit ("IS
            // hideouts were destroyed in army air strikes"), not the doer.
            if c.mode == Some(Mode::Aerial) && doer.is_none() {
                c.actors = c.actors.filter(|&a| record.actors[a].kind != ActorKind::ArmedGroup);
            }
            if c.status == Some(Status::Failed) && c.sub != Some(SubEventType::ArmedClash) {
                // A failed attack or attempt still is fighting that happened.
                c.status = Some(Status::Failed);
            }
            if c.sub == Some(SubEventType::ArmedClash) && c.mode.is_none() && cues.firearms {
                c.mode = Some(Mode::Firearms);
            }
            if c.sub.is_some() {
                cands.push(c);
            }
        }
        modal_at = cues.modal_at;
    }
    // A report tells one bombing in several sentences: where one of them
    // came from the air, the others at agreeing places did too ("US-led
    // coalition's bombing of Raqqa" in the headline, "the coalition bombing
    // of Raqqa" with the toll).
    let from_air: Vec<Option<usize>> = cands
        .iter()
        .filter(|c| c.trig.aerial_near && c.sub == Some(SubEventType::AirDroneStrike))
        .map(|c| c.place)
        .collect();
    if !from_air.is_empty() {
        for c in
            cands.iter_mut().filter(|c| c.trig.aerial_near && c.sub != Some(SubEventType::AirDroneStrike))
        {
            if from_air.iter().any(|&p| places_agree(record, p, c.place)) {
                c.sub = Some(SubEventType::AirDroneStrike);
                c.mode = Some(Mode::Aerial);
            }
        }
    }
    // A generic word ("attaque") is a clash only when its sentence has no
    // more specific event.
    // (Sized for every candidate, most of which are specific: not grown.)
    let mut strong_in: Vec<usize> = Vec::with_capacity(cands.len());
    strong_in.extend(cands.iter().filter(|c| !c.trig.weak).map(|c| c.sent));
    cands.retain(|c| !c.trig.weak || !strong_in.contains(&c.sent));
    // A generic word the report uses again for a happening it has told
    // ("a barrel bomb attack … 'killed in the attack'") is that happening:
    // the latest specific attack before it (a strike, a bombing, fighting,
    // an attack on civilians — not a town changing hands), of the same
    // status, at an agreeing place.
    let attack_like = |s: Option<SubEventType>| {
        s.is_some_and(|s| {
            s == SubEventType::ArmedClash
                || s == SubEventType::Attack
                || s.event_type() == EventType::ExplosionsRemoteViolence
        })
    };
    // Its own place is one named right after it ("the attack on Saraqib");
    // one further on in the sentence belongs to another clause ("… after
    // rebels broke the siege on Aleppo"), and the happening keeps its place.
    // Those who judge it ("the White House condemned the attack") did not
    // do it: only a doer named outright stays.
    let named_with = |c: &Cand| {
        c.place.filter(|&p| {
            cx.ix.places.iter().any(|(r, q)| *q == p && r.start >= c.last && r.start <= c.last + 6)
        })
    };
    struct Retyped {
        i: usize,
        sub: Option<SubEventType>,
        mode: Option<Mode>,
        place: Option<usize>,
        actors: Option<Option<usize>>,
    }
    let retyped: Vec<Retyped> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.trig.weak && lex.told_again.before(text, c.last).is_some_and(|s| s < c.first))
        .filter_map(|(i, c)| {
            let own = named_with(c);
            let told = cands
                .iter()
                .filter(|s| {
                    !s.trig.weak
                        && attack_like(s.sub)
                        && s.first < c.first
                        && s.status == c.status
                        && places_agree(record, s.place, own)
                })
                .max_by_key(|s| s.first)?;
            let sent = cx.sentence(c.sent);
            let judged = (sent.start..c.first).any(|k| lex.judging.at(text, k).is_some());
            let actors = judged.then(|| cx.named_doer(c, &sent, &SentenceCues::default()));
            Some(Retyped { i, sub: told.sub, mode: told.mode, place: own.or(told.place), actors })
        })
        .collect();
    for r in retyped {
        let c = &mut cands[r.i];
        c.sub = r.sub;
        c.mode = r.mode;
        c.place = r.place;
        if let Some(actors) = r.actors {
            c.actors = actors;
        }
    }

    // One event per type, place and status (ACLED codes one a day a place).
    let fallback_place = cx.main_place;
    // (A document has a handful of groups: a list of their keys, not a map.)
    // (Lists sized for a group a candidate at most, not grown.)
    let mut groups: Vec<Vec<usize>> = Vec::with_capacity(cands.len());
    let mut keys: Vec<(SubEventType, Option<usize>, Option<Status>)> = Vec::with_capacity(cands.len());
    for (i, c) in cands.iter().enumerate() {
        let key = (c.sub.unwrap_or(SubEventType::Other), c.place.or(fallback_place), c.status);
        match keys.iter().position(|k| *k == key) {
            Some(g) => groups[g].push(i),
            None => {
                keys.push(key);
                groups.push(vec![i]);
            }
        }
    }

    // Groups of one type and status whose places agree (the same place, a
    // place inside the other's province or country, or one unplaced) are one
    // happening told in several sentences.
    let place_of = |g: &Vec<usize>| cands[g[0]].place.or(fallback_place);
    let mut merged: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    for g in groups {
        let c0 = &cands[g[0]];
        let target = merged.iter().position(|m| {
            let c1 = &cands[m[0]];
            c1.sub == c0.sub && c1.status == c0.status && places_agree(record, place_of(m), place_of(&g))
        });
        match target {
            Some(t) => merged[t].extend(g),
            None => merged.push(g),
        }
    }
    // A chemical attack is delivered by aircraft, rockets or shells: the
    // strike or the "attack" told at the same place (named in both
    // sentences) or in the same sentence, with the same status, is that chemical attack (ACLED
    // codes it by the weapon).
    let delivers = |s: Option<SubEventType>| {
        matches!(
            s,
            Some(
                SubEventType::AirDroneStrike
                    | SubEventType::ShellingArtilleryMissileAttack
                    | SubEventType::Attack
            )
        )
    };
    let mut taken = vec![false; merged.len()];
    let mut groups: Vec<Vec<usize>> = Vec::with_capacity(merged.len());
    for (i, g) in merged.iter().enumerate() {
        if taken[i] || cands[g[0]].sub != Some(SubEventType::ChemicalWeapon) {
            continue;
        }
        let mut g = g.clone();
        for (j, d) in merged.iter().enumerate() {
            // Both placed and agreeing, or told in one sentence.
            let placed = |x: &Vec<usize>| {
                x.iter().filter(|&&c| own_place(&cx, &cands[c])).find_map(|&c| cands[c].place)
            };
            let together = match (placed(&g), placed(d)) {
                (Some(a), Some(b)) => places_agree(record, Some(a), Some(b)),
                _ => d.iter().any(|&c| g.iter().any(|&k| cands[k].sent == cands[c].sent)),
            };
            if !taken[j] && delivers(cands[d[0]].sub) && cands[d[0]].status == cands[g[0]].status && together
            {
                taken[j] = true;
                g.extend(d.iter().copied());
            }
        }
        taken[i] = true;
        groups.push(g);
    }
    groups.extend(merged.into_iter().enumerate().filter(|(i, _)| !taken[*i]).map(|(_, g)| g));
    // In text order (of their first sentences; a stable sort): the groups
    // are put in order, not the events made of them.
    groups.sort_by_key(|g| g.iter().map(|&i| cands[i].sent).min().unwrap_or(usize::MAX));

    let mut events: Vec<Event> = Vec::with_capacity(groups.len());
    let mut event_sents: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    // Each event's place, as an index (its id would be looked up again).
    let mut event_places: Vec<Option<usize>> = Vec::with_capacity(groups.len());
    for g in &groups {
        // The group's candidates, walked again where needed rather than listed.
        let cs = || g.iter().map(|&i| &cands[i]);
        let first = &cands[g[0]];
        let sub = first.sub.unwrap_or(SubEventType::Other);
        let mut actors: Vec<String> = Vec::new();
        let mut targets: Vec<String> = Vec::new();
        // An id is copied only when it is listed, not to be looked up.
        for c in cs() {
            if let Some(a) = c.actors {
                let id = &record.actors[a].id;
                if !actors.contains(id) {
                    actors.push(id.clone());
                }
            }
            for a in &c.targets {
                let id = &record.actors[*a].id;
                if !targets.contains(id) && !actors.contains(id) {
                    targets.push(id.clone());
                }
            }
        }
        let mut sents: Vec<usize> = cs().map(|c| c.sent).collect();
        sents.sort_unstable();
        sents.dedup();
        let evidence: Vec<Span> = sents
            .iter()
            .map(|&s| {
                let r = cx.sentence(s);
                doc.span(r.start, r.end)
            })
            .collect();
        let mode = cs().find_map(|c| c.mode);
        // The most precise place the group names.
        let place_ix = cs()
            .filter_map(|c| c.place)
            .min_by_key(|&p| record.places[p].where_prec.unwrap_or(9).max(2))
            .or(fallback_place);
        event_places.push(place_ix);
        let place = place_ix.map(|p| record.places[p].id.clone());
        let date = cs().find_map(|c| c.date).map(|d| record.dates[d].id.clone());
        events.push(Event {
            id: String::new(),
            kind: sub.event_type(),
            sub_type: sub,
            mode,
            place,
            date,
            actors,
            targets,
            figures: Vec::new(),
            sources: Vec::new(),
            lead: false,
            status: first.status,
            incident: None,
            evidence,
        });
        event_sents.push(sents);
    }
    // With ids, in text order.
    for (i, e) in events.iter_mut().enumerate() {
        e.id = sitrep_core::item_id('e', i + 1);
    }

    let linked = link(text, &ix, record, &mut events, &event_sents);
    choose_lead(record, &mut events, &event_sents, &event_places, &linked);
    same_toll_mode(record, &mut events, &linked);
    same_kind_doer(&mut events);
    same_happening_doer(record, &mut events, &event_places);
    blamed_doer(text, lex, &ix, record, &mut events);
    branch_first(record, &mut events);
    record.events = events;
}

/// "Al-Qaeda-affiliated al-Nusra Front fighters attacked ...": where an
/// event's doers are a group and its branch or member, the branch did it;
/// it goes before the group it belongs to.
fn branch_first(record: &Record, events: &mut [Event]) {
    let parent = |id: &str| record.actors.iter().find(|a| a.id == id).and_then(|a| a.affiliation.clone());
    for e in events.iter_mut() {
        for i in 1..e.actors.len() {
            if let Some(p) = parent(&e.actors[i])
                && let Some(j) = e.actors[..i].iter().position(|a| *a == p)
            {
                let branch = e.actors.remove(i);
                e.actors.insert(j, branch);
            }
        }
    }
}

/// A report may tell its lead happening first in general words ("57
/// civilians killed in continued attacks on Aleppo") and then how it was
/// done ("57 civilians were killed by rocket shells"): a lead event with no
/// mode takes the mode of another event of the report that happened and
/// counts one of the lead's tolls of the dead.
fn same_toll_mode(record: &Record, events: &mut [Event], linked: &[(usize, usize)]) {
    let Some(l) = events.iter().position(|e| e.lead) else { return };
    if events[l].mode.is_some() {
        return;
    }
    let tolls = |i: usize| -> Vec<u64> {
        figures_of(record, linked, i)
            .filter(|f| f.measure == Measure::Killed)
            .filter_map(|f| f.best.or(f.low))
            .collect()
    };
    let lead_tolls = tolls(l);
    let mode = events
        .iter()
        .enumerate()
        .filter(|(i, e)| *i != l && e.mode.is_some() && e.status.is_none())
        .find(|(i, _)| tolls(*i).iter().any(|t| lead_tolls.contains(t)))
        .and_then(|(_, e)| e.mode);
    if mode.is_some() {
        events[l].mode = mode;
    }
}

/// Only states fly aircraft, and a report names the air forces at work
/// where it names any ("Idlib is regularly hit by Syrian government air
/// strikes"): an air strike told as the lead event with no doer takes the
/// doer of the nearest other air strike of the report that happened. (Not
/// for ground fire, which any side can shoot.)
fn same_kind_doer(events: &mut [Event]) {
    let Some(l) = events.iter().position(|e| e.lead) else { return };
    if !events[l].actors.is_empty() || events[l].mode != Some(Mode::Aerial) {
        return;
    }
    let (sub, mode) = (events[l].sub_type, events[l].mode);
    let doer = events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            *i != l && e.sub_type == sub && e.mode == mode && !e.actors.is_empty() && e.status.is_none()
        })
        .min_by_key(|(i, _)| i.abs_diff(l))
        .map(|(_, e)| e.actors.clone());
    if let Some(a) = doer {
        events[l].actors = a;
    }
}

/// A report tells its lead happening more than once, naming the doer in
/// one telling only ("a suspected toxic gas attack killed 72 people" … "a
/// chemical attack carried out by government warplanes"): a lead event with
/// no doer takes the doer of another event of its sub-event type that
/// happened at an agreeing place or in the same province.
fn same_happening_doer(record: &Record, events: &mut [Event], places: &[Option<usize>]) {
    let Some(l) = events.iter().position(|e| e.lead) else { return };
    if !events[l].actors.is_empty() {
        return;
    }
    let lead_place = places[l];
    let doer = events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            *i != l
                && e.sub_type == events[l].sub_type
                && !e.actors.is_empty()
                && e.status.is_none()
                && (places_agree(record, lead_place, places[*i])
                    || same_province(record, lead_place, places[*i]))
        })
        .min_by_key(|(i, _)| i.abs_diff(l))
        .map(|(_, e)| e.actors.clone());
    if let Some(a) = doer {
        events[l].actors = a;
    }
}

/// A report that cannot say who did its lead happening may say whom
/// someone blames ("blaming the Islamic State group for the attack", "the
/// opposition accused Russia"): a lead event with no doer takes the first
/// actor that can do violence named right after a blame word (an article
/// and a group noun may come between: "accused the group ...").
fn blamed_doer(text: &Text, lex: &Lexicon, ix: &Index, record: &Record, events: &mut [Event]) {
    let Some(l) = events.iter().position(|e| e.lead) else { return };
    if !events[l].actors.is_empty() {
        return;
    }
    let violent = |a: usize| {
        !matches!(
            record.actors[a].kind,
            ActorKind::Media | ActorKind::Person | ActorKind::Other | ActorKind::Organization
        )
    };
    let blamed = ix
        .actors
        .iter()
        .filter(|(r, a)| {
            violent(*a)
                && (r.start.saturating_sub(5)..r.start).any(|k| {
                    lex.blame.at(text, k).is_some_and(|e| {
                        e <= r.start && r.start - e <= 2 && text.sentence_of(k) == text.sentence_of(r.start)
                    })
                })
        })
        .min_by_key(|(r, _)| r.start);
    if let Some((_, a)) = blamed {
        events[l].actors = vec![record.actors[*a].id.clone()];
    }
}

/// Are two places in one first-order division of one country?
fn same_province(r: &Record, a: Option<usize>, b: Option<usize>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let (pa, pb) = (&r.places[a], &r.places[b]);
    pa.country.is_some() && pa.country == pb.country && pa.admin1.is_some() && pa.admin1 == pb.admin1
}

/// Do two places allow one happening? The same place; one missing; one
/// inside the other's first-order division or country; or two points
/// within 50 km.
fn places_agree(r: &Record, a: Option<usize>, b: Option<usize>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return true };
    if a == b {
        return true;
    }
    let (pa, pb) = (&r.places[a], &r.places[b]);
    let wa = pa.where_prec.unwrap_or(9);
    let wb = pb.where_prec.unwrap_or(9);
    let same_country = pa.country.is_some() && pa.country == pb.country;
    if same_country && (wa >= 6 || wb >= 6) {
        return true;
    }
    if same_country && (wa == 4 || wb == 4) && pa.admin1.is_some() && pa.admin1 == pb.admin1 {
        return true;
    }
    match (pa.lat, pa.lon, pb.lat, pb.lon) {
        (Some(la), Some(lo), Some(lb), Some(lob)) => {
            let (la, lo, lb, lob) = (la.to_radians(), lo.to_radians(), lb.to_radians(), lob.to_radians());
            // Two points are at least as far apart as their latitudes (51 km
            // leaves room for rounding): most pairs are told apart here,
            // before the trigonometry.
            if 6371.0 * (lb - la).abs() > 51.0 {
                return false;
            }
            let h = ((lb - la) / 2.0).sin().powi(2) + la.cos() * lb.cos() * ((lob - lo) / 2.0).sin().powi(2);
            2.0 * 6371.0 * h.min(1.0).sqrt().asin() <= 50.0
        }
        _ => false,
    }
}

/// Who takes or loses ground: the nearest actor before the trigger in its
/// clause; a pronoun ("elles", "they") stands for the last armed actor named.
fn subject_of(cx: &Cx, c: &Cand, sent: &Range<usize>) -> Option<usize> {
    let before = cx
        .ix
        .actors
        .iter()
        .filter(|(r, a)| r.end <= c.first && r.start >= sent.start && cx.agent_like(*a))
        .filter(|(r, _)| !r.contains(&c.first))
        .max_by_key(|(r, _)| r.end)
        .map(|(_, a)| *a);
    before.or_else(|| {
        cx.ix
            .actors
            .iter()
            .filter(|(r, a)| r.end <= c.first && cx.agent_like(*a))
            .max_by_key(|(r, _)| r.end)
            .map(|(_, a)| *a)
    })
}

/// The figures of event `e`, from what [`link`] linked (rather than by
/// looking their ids up in the record's figures).
fn figures_of<'r>(
    record: &'r Record,
    linked: &[(usize, usize)],
    e: usize,
) -> impl Iterator<Item = &'r Figure> {
    linked.iter().filter(move |&&(ev, _)| ev == e).map(|&(_, f)| &record.figures[f])
}

/// Figures and sources point to their event, and events list them.
/// Returns the (event, figure index) pairs linked, in the order of the
/// events' `figures` lists.
fn link(
    text: &Text,
    ix: &Index,
    record: &mut Record,
    events: &mut [Event],
    sents: &[Vec<usize>],
) -> Vec<(usize, usize)> {
    let mut linked = Vec::with_capacity(ix.figures.len());
    for (r, fi) in &ix.figures {
        let s = text.sentence_of(r.start);
        // Of the events its sentence tells, specific violence before generic
        // fighting ("killed in clashes, suicide bombings and air strikes").
        let in_sentence = || sents.iter().enumerate().filter(|(_, ss)| ss.contains(&s)).map(|(i, _)| i);
        let hit = in_sentence()
            .find(|&i| events[i].sub_type != SubEventType::ArmedClash)
            .or_else(|| in_sentence().next())
            .or_else(|| {
                // A figure in a sentence with no trigger belongs to the event just before.
                (1..=2)
                    .filter_map(|b| s.checked_sub(b))
                    .find_map(|p| sents.iter().position(|ss| ss.contains(&p)))
            });
        if let Some(e) = hit {
            let f = &mut record.figures[*fi];
            f.event = Some(events[e].id.clone());
            events[e].figures.push(f.id.clone());
            linked.push((e, *fi));
        }
    }
    let doc_source =
        record.sources.iter().find(|s| s.kind == sitrep_core::SourceKind::Document).map(|s| s.id.clone());
    // Each source's claim as tokens, mapped once rather than once an event.
    let claims: Vec<Option<Range<usize>>> = record
        .sources
        .iter()
        .map(|src| src.claim.as_ref().and_then(|claim| token_range(text, claim.start, claim.end)))
        .collect();
    for (e, ev) in events.iter_mut().enumerate() {
        for (src, cr) in record.sources.iter_mut().zip(&claims) {
            let Some(cr) = cr.clone() else { continue };
            let covers = sents[e].iter().any(|&s| {
                let r = sentence_range(text, s);
                cr.start < r.end && r.start < cr.end
            });
            if covers {
                if !ev.sources.contains(&src.id) {
                    ev.sources.push(src.id.clone());
                }
                if src.event.is_none() {
                    src.event = Some(ev.id.clone());
                }
            }
        }
        if ev.sources.is_empty()
            && let Some(d) = &doc_source
        {
            ev.sources.push(d.clone());
        }
    }
    linked
}

/// The event the report is mainly about: in its opening sentences, with
/// the most people killed, that happened, at a precise place.
fn choose_lead(
    record: &Record,
    events: &mut [Event],
    sents: &[Vec<usize>],
    places: &[Option<usize>],
    linked: &[(usize, usize)],
) {
    if events.is_empty() {
        return;
    }
    let killed = |i: usize, e: &Event| -> u64 {
        figures_of(record, linked, i)
            // A part counts where its whole is another event's ("fifteen of
            // the dead came in the barrel bomb attack").
            .filter(|f| {
                f.measure == Measure::Killed && f.part_of.as_ref().is_none_or(|h| !e.figures.contains(h))
            })
            .filter_map(|f| f.best.or(f.low))
            .max()
            .unwrap_or(0)
    };
    let score = |i: usize, e: &Event| -> f64 {
        let mut s = 0.0;
        let first = sents[i].first().copied().unwrap_or(usize::MAX);
        if first <= 1 {
            s += 4.0;
        } else if first <= 3 {
            s += 2.0;
        }
        s += (1.0 + killed(i, e) as f64).log10() * 2.0;
        match e.status {
            None => s += 2.0,
            Some(Status::Failed) => s += 0.5,
            _ => s -= 5.0,
        }
        if e.kind != EventType::StrategicDevelopments {
            s += 1.5;
        }
        if e.sub_type == SubEventType::ArmedClash {
            s -= 1.0; // specific violence outranks generic fighting
        }
        if let Some(p) = places[i].map(|p| &record.places[p])
            && p.where_prec.is_some_and(|w| w <= 4)
        {
            s += 1.0;
        }
        s += sents[i].len() as f64 * 0.3;
        s - first as f64 * 0.01
    };
    // Each event scored once (the comparisons would score it again and again).
    let scores: Vec<f64> = events.iter().enumerate().map(|(i, e)| score(i, e)).collect();
    let best = (0..events.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap_or(0);
    events[best].lead = true;
}
