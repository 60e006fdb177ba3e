//! From mentions to `actors` entries: one per real-world actor, with its
//! canonical name, kind, aliases, affiliation and every mention.

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};
use serde::Deserialize;
use sitrep_core::{Actor, ActorKind, Doc, Span};
use sitrep_places::PlaceNames;
use sitrep_text::Text;

use crate::detect::{Found, Key};
use crate::dict::Dict;
use crate::lexicon::Lexicon;

/// Which dictionary actor stands for a country's state forces, air force or
/// government (`data/generic/roles.toml`).
#[derive(Deserialize, Default)]
pub(crate) struct Roles {
    state_force: HashMap<String, String>,
    air_force: HashMap<String, String>,
    government: HashMap<String, String>,
}

impl Roles {
    pub(crate) fn load() -> Roles {
        toml::from_str(include_str!("../data/generic/roles.toml"))
            .unwrap_or_else(|e| panic!("data/generic/roles.toml: {e}"))
    }

    fn get(&self, role: &str, country: &str) -> Option<&String> {
        match role {
            "state_force" => self.state_force.get(country),
            "air_force" => self.air_force.get(country),
            "government" => self.government.get(country),
            _ => None,
        }
    }
}

fn kind_of(dict: &Dict, key: &Key) -> ActorKind {
    match key {
        Key::Dict(e) => dict.entries[*e as usize].kind,
        Key::Role(r, _) if *r == "government" => ActorKind::Government,
        Key::Role(..) => ActorKind::StateForce,
        Key::Generic(_, k) | Key::Group(_, k) => *k,
        Key::Person(_) => ActorKind::Person,
    }
}

/// The country the report is about, for "les forces gouvernementales": the
/// most named country among the actors and demonyms found. An outlet says
/// where it is published, not what it reports on ("Al-Monitor", "AFP"
/// reporting from Aleppo): media do not vote.
fn doc_country<'a>(dict: &'a Dict, found: &[Found<'a>]) -> Option<&'a str> {
    let voter = |e: &u32| dict.entries[*e as usize].kind != ActorKind::Media;
    // A report names a few countries: a short list, not a map.
    let mut votes: Vec<(&str, usize)> = Vec::new();
    let mut vote = |c: &'a str| match votes.iter_mut().find(|(v, _)| *v == c) {
        Some((_, n)) => *n += 1,
        None => votes.push((c, 1)),
    };
    for f in found {
        match &f.key {
            Key::Dict(e) if voter(e) => {
                if let Some(c) = &dict.entries[*e as usize].country {
                    vote(c.as_str());
                }
            }
            Key::Role(_, c) if !c.is_empty() => vote(c),
            _ => {}
        }
    }
    let first_seen = |c: &str| {
        found.iter().position(|f| match &f.key {
            Key::Dict(e) => voter(e) && dict.entries[*e as usize].country.as_deref() == Some(c),
            Key::Role(_, x) => *x == c,
            _ => false,
        })
    };
    votes.into_iter().max_by_key(|(c, n)| (*n, std::cmp::Reverse(first_seen(c)))).map(|(c, _)| c)
}

/// Ties roles to actors: the dictionary's where it has one, else a generic
/// national actor.
pub(crate) fn resolve_roles<'a>(dict: &'a Dict, roles: &Roles, found: &mut [Found<'a>]) {
    // The report's country is asked only for roles the text gives none.
    let unsaid = found.iter().any(|f| matches!(f.key, Key::Role(_, "")));
    let country = if unsaid { doc_country(dict, found) } else { None };
    for f in found.iter_mut() {
        if let Key::Role(role, c) = f.key {
            let c = if c.is_empty() { country.unwrap_or_default() } else { c };
            f.key = match roles.get(role, c).and_then(|n| dict.by_name.get(n)) {
                Some(&e) => Key::Dict(e),
                None => Key::Role(role, c),
            };
        }
    }
}

fn role_name(role: &str, country: &str) -> String {
    let names = PlaceNames::get();
    match (role, names.country_name(country)) {
        ("government", Some(c)) => format!("Government of {c}"),
        ("air_force", Some(c)) => format!("{c} air force"),
        (_, Some(c)) => format!("{c} armed forces"),
        ("government", None) => "Government".to_string(),
        ("air_force", None) => "Air force".to_string(),
        (_, None) => "Government forces".to_string(),
    }
}

/// An affiliation told by apposition: "le chef religieux du Front al-Nosra,
/// le Saoudien Abdallah al-Muhaycini" — a role word, then a group, then the
/// person, in one sentence.
fn apposed_group<'f, 'l>(
    text: &Text,
    lex: &Lexicon,
    dict: &Dict,
    found: &'f [Found<'l>],
    person: &Found,
) -> Option<&'f Key<'l>> {
    let sent = text.sentence_of(person.first);
    found
        .iter()
        .filter(|g| {
            g.last <= person.first && person.first - g.last <= 25 && text.sentence_of(g.first) == sent
        })
        .filter(|g| {
            matches!(
                kind_of(dict, &g.key),
                ActorKind::ArmedGroup
                    | ActorKind::StateForce
                    | ActorKind::Government
                    | ActorKind::Organization
            )
        })
        .filter(|g| (g.first.saturating_sub(8)..g.first).any(|k| lex.cues.titles.at(text, k).is_some()))
        .max_by_key(|g| g.last)
        .map(|g| &g.key)
}

/// The id of the actor numbered `n` (from 0) in order of first mention:
/// "a1", "a2", ….
fn actor_id(n: usize) -> String {
    sitrep_core::item_id('a', n + 1)
}

/// Keys numbered in order of first sight. A report names a few actors:
/// their keys are compared one by one, which costs less than hashing each
/// mention's key; past [`Numbers::FEW`] they are hashed.
struct Numbers<'f, 'l> {
    /// The keys, by number.
    order: Vec<&'f Key<'l>>,
    /// Each key's number, once there are more than a few.
    map: HashMap<&'f Key<'l>, usize>,
}

impl<'f, 'l> Numbers<'f, 'l> {
    const FEW: usize = 16;

    fn with_capacity(n: usize) -> Self {
        Numbers { order: Vec::with_capacity(n), map: HashMap::new() }
    }

    /// The number of `key`, if it has one.
    fn get(&self, key: &Key) -> Option<usize> {
        if self.order.len() <= Self::FEW {
            self.order.iter().position(|k| *k == key)
        } else {
            self.map.get(key).copied()
        }
    }

    /// The number of `key`, given it now if it has none.
    fn of(&mut self, key: &'f Key<'l>) -> usize {
        if let Some(n) = self.get(key) {
            return n;
        }
        let n = self.order.len();
        self.order.push(key);
        if n == Self::FEW {
            // From now on the map is asked: it gets every key so far.
            self.map.extend(self.order.iter().enumerate().map(|(n, k)| (*k, n)));
        } else if n > Self::FEW {
            self.map.insert(key, n);
        }
        n
    }
}

/// Builds the `actors` section: one actor per key, numbered in order of
/// first mention. Each mention's key is looked up once, and nothing is
/// copied per mention but its span.
pub(crate) fn actors(doc: &Doc, dict: &Dict, lex: &Lexicon, found: &[Found]) -> Vec<Actor> {
    let text = &doc.text;
    // Each key's number, and by number: the key, its mentions, and for a
    // person or a group its longest mention (its name).
    let mut number = Numbers::with_capacity(found.len());
    let mut mentions: Vec<Vec<Span>> = Vec::with_capacity(found.len());
    let mut longest: Vec<String> = Vec::with_capacity(found.len());
    // Each mention's number, and how many mentions each key has: each
    // key's list is allocated once, at its size.
    let mut numbers: Vec<usize> = Vec::with_capacity(found.len());
    let mut counts: Vec<usize> = Vec::with_capacity(found.len());
    for f in found {
        let n = number.of(&f.key);
        if n == counts.len() {
            counts.push(0);
            longest.push(String::new());
        }
        counts[n] += 1;
        numbers.push(n);
    }
    let order = &number.order;
    mentions.extend(counts.iter().map(|&c| Vec::with_capacity(c)));
    for (f, &n) in found.iter().zip(&numbers) {
        let span = doc.span(f.first, f.last);
        if matches!(f.key, Key::Person(_) | Key::Group(..))
            && span.text.chars().count() > longest[n].chars().count()
        {
            longest[n] = span.text.clone();
        }
        mentions[n].push(span);
    }
    let id_of = |key: &Key| number.get(key).map(actor_id);
    // A person's affiliation: the group apposed to its first mention that
    // has one.
    let mut affiliations: Vec<Option<&Key>> = vec![None; order.len()];
    for (f, &n) in found.iter().zip(&numbers) {
        if matches!(f.key, Key::Person(_)) && affiliations[n].is_none() {
            affiliations[n] = apposed_group(text, lex, dict, found, f);
        }
    }
    let mut out = Vec::with_capacity(order.len());
    for (n, (key, mut m)) in order.iter().zip(mentions).enumerate() {
        m.sort_by_key(|s| s.start);
        let (name, aliases, wikidata, affiliation) = match key {
            Key::Dict(e) => {
                let entry = &dict.entries[*e as usize];
                let aliases = entry.shown_aliases.clone();
                let aff = entry
                    .affiliation
                    .as_ref()
                    .and_then(|n| dict.by_name.get(n))
                    .and_then(|e| id_of(&Key::Dict(*e)));
                (entry.name.clone(), aliases, entry.wikidata.clone(), aff)
            }
            Key::Role(role, country) => (role_name(role, country), Arc::default(), None, None),
            Key::Generic(name, _) => (name.to_string(), Arc::default(), None, None),
            Key::Person(_) | Key::Group(..) => {
                let aff = affiliations[n].and_then(id_of);
                (std::mem::take(&mut longest[n]), Arc::default(), None, aff)
            }
        };
        out.push(Actor {
            id: actor_id(n),
            name,
            kind: kind_of(dict, key),
            aliases,
            wikidata,
            affiliation,
            mentions: m,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_order_of_first_sight() {
        let keys: Vec<Key> = (0..40).map(|e| Key::Dict(e % 20)).collect();
        let mut number = Numbers::with_capacity(keys.len());
        let numbers: Vec<usize> = keys.iter().map(|k| number.of(k)).collect();
        assert_eq!(numbers, (0..40).map(|n| n % 20).collect::<Vec<_>>());
        assert_eq!(number.get(&Key::Dict(19)), Some(19));
        assert_eq!(number.get(&Key::Dict(20)), None);
        assert_eq!(number.get(&Key::Person("x".into())), None);
    }

    #[test]
    fn ids_count_from_one() {
        assert_eq!(actor_id(0), "a1");
        assert_eq!(actor_id(9), "a10");
        assert_eq!(actor_id(1234), "a1235");
    }
}
