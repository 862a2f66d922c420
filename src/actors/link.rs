//! Linking the entities of all articles into actors. Every join goes through a hash map of
//! normalised keys (never all pairs): the same known actor, the same folded full name, spelling
//! variants among names that share a surname skeleton, a lone surname to the one full name that
//! carries it, an acronym to the organisation with those initials. The user's `crosswire.json`
//! (`aliases`, `same`, `different`, `labels`) is honoured. Each join records its reason.

use super::lexicon;
use super::model::{Actor, ActorId, ActorKind, ArticleActors, EntityRef, LinkKey, Linked};
use crate::config::Config;
use crate::text::fold;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The most distinct full names of one surname bucket compared pair by pair (see `link`).
const MAX_DISTINCT_NAMES_COMPARED: usize = 4096;

struct Linker<'a> {
    parent: Vec<usize>,
    /// The `different` pairs present in each root's set: (pair index, side).
    apart: Vec<Vec<(usize, u8)>>,
    /// The reasons of each set that has any, by root (most entities are never joined).
    reasons: FxHashMap<usize, Vec<String>>,
    /// The hashes of the same reasons, to test a new reason without scanning the list (a set of
    /// thousands of entities, one per article, would make that quadratic); hashes rather than
    /// copies, which at 10,000 articles cost tens of megabytes while linking.
    reason_set: FxHashMap<usize, FxHashSet<u64>>,
    refs: Vec<EntityRef>,
    /// Entities joined to an actor as a shorter form of its name (a team's town: "Indianapolis"
    /// for the Indianapolis Colts): the fuller names decide the actor's kind (the town alone
    /// was read as a place), and the word alone joins no other lone word.
    follows: Vec<bool>,
    articles: &'a [&'a ArticleActors],
    labels: &'a [&'a str],
}

impl<'a> Linker<'a> {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b` unless the user said they differ. True when joined now.
    fn union(&mut self, a: usize, b: usize, reason: impl FnOnce() -> String) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        // (`apart` is empty when crosswire.json lists no `different` pairs)
        let conflict = !self.apart.is_empty()
            && self.apart[ra].iter().any(|&(p, s)| self.apart[rb].contains(&(p, 1 - s)));
        if conflict {
            return false;
        }
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
        if !self.apart.is_empty() {
            let moved = std::mem::take(&mut self.apart[hi]);
            self.apart[lo].extend(moved);
        }
        if let Some(mut r) = self.reasons.remove(&hi) {
            self.reasons.entry(lo).or_default().append(&mut r);
        }
        let mut set = self.reason_set.remove(&hi).unwrap_or_default();
        let kept = self.reason_set.entry(lo).or_default();
        if set.len() > kept.len() {
            std::mem::swap(&mut set, kept); // merge the smaller into the larger
        }
        kept.extend(set);
        let mut reason = reason();
        if kept.insert(hash_of(&reason)) {
            reason.shrink_to_fit(); // kept as long as the links: without `format!`'s slack
            self.reasons.entry(lo).or_default().push(reason);
        }
        true
    }

    /// The entity of node `g`, borrowed from the articles (not from the linker, which the
    /// caller may go on changing).
    fn entity<'e>(&self, g: usize) -> &'e super::model::Entity
    where
        'a: 'e,
    {
        let r = self.refs[g];
        let articles: &'a [&'a ArticleActors] = self.articles;
        &articles[r.article].entities[r.entity]
    }

    fn label(&self, g: usize) -> &str {
        self.labels.get(self.refs[g].article).copied().unwrap_or("?")
    }
}

/// Folded forms under which the user may name an entity in `crosswire.json`.
fn forms(a: &ArticleActors, e: &super::model::Entity) -> Vec<String> {
    let mut out: Vec<String> = std::iter::once(fold(&e.name))
        .chain(
            e.mentions
                .iter()
                .filter(|&&m| !a.mentions[m].stand_in)
                .map(|&m| fold(a.text_of(&a.mentions[m]))),
        )
        .collect();
    out.sort();
    out.dedup();
    out
}

pub(super) fn link(articles: &[&ArticleActors], labels: &[&str], config: &Config) -> Linked {
    let refs: Vec<EntityRef> = articles
        .iter()
        .enumerate()
        .flat_map(|(article, a)| {
            (0..a.entities.len()).map(move |entity| EntityRef { article, entity })
        })
        .collect();
    let n = refs.len();
    // user groups (`aliases`, `same`) become extra nodes after the entities
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (canon, extra) in &config.aliases {
        groups.push((
            format!("listed as spellings of {canon} in crosswire.json"),
            std::iter::once(canon.clone()).chain(extra.iter().cloned()).collect(),
        ));
    }
    for same in &config.same {
        groups.push((
            format!("declared one actor in crosswire.json ({})", same.join(", ")),
            same.clone(),
        ));
    }
    let total = n + groups.len();
    let apart = if config.different.is_empty() { Vec::new() } else { vec![Vec::new(); total] };
    let mut l = Linker {
        parent: (0..total).collect(),
        apart,
        reasons: FxHashMap::default(),
        reason_set: FxHashMap::default(),
        refs,
        follows: vec![false; n],
        articles,
        labels,
    };
    // the folded forms matter only when crosswire.json names entities (aliases, same, different)
    let named = !groups.is_empty() || !config.different.is_empty();
    let entity_forms: Vec<Vec<String>> = if named {
        (0..n).map(|g| forms(articles[l.refs[g].article], l.entity(g))).collect()
    } else {
        Vec::new()
    };
    // form → entities, so that a long `different` list costs one lookup per name, not a scan
    let mut entities_of_form: HashMap<&str, Vec<usize>> = HashMap::new();
    for (g, forms) in entity_forms.iter().enumerate() {
        for f in forms {
            let list = entities_of_form.entry(f.as_str()).or_default();
            if list.last() != Some(&g) {
                list.push(g);
            }
        }
    }
    for (p, pair) in config.different.iter().enumerate() {
        for (side, name) in pair.iter().take(2).enumerate() {
            for &g in entities_of_form.get(fold(name).as_str()).into_iter().flatten() {
                l.apart[g].push((p, side as u8));
            }
        }
    }
    let mut group_of_form: HashMap<String, usize> = HashMap::new();
    for (gi, (_, names)) in groups.iter().enumerate() {
        for name in names {
            group_of_form.insert(fold(name), n + gi);
        }
    }
    for (g, forms) in entity_forms.iter().enumerate() {
        for f in forms {
            if let Some(&node) = group_of_form.get(f) {
                let reason = groups[node - n].0.clone();
                l.union(node, g, || reason);
            }
        }
    }

    drop(entities_of_form);
    drop(entity_forms);

    // exact keys: known actors, full names, other names, acronyms
    // (maps below borrow their keys from the articles' entities: no copy of 300,000 keys)
    let mut first_with: HashMap<&LinkKey, usize> = HashMap::new();
    // in a story with a team of a town, the reports that write the town's name as the town
    // ("in San Diego") join each other, not the reports that write it for the team
    let team_towns: HashSet<&str> =
        (0..n).flat_map(|g| l.entity(g).keys.iter().filter_map(team_prefix)).collect();
    let mut first_town: HashMap<&str, usize> = HashMap::new();
    for g in 0..n {
        let keys = &l.entity(g).keys;
        let has_person = keys.iter().any(is_full_name);
        let town = l.entity(g).written_as_town;
        for key in keys {
            // an acronym is a person's initials where the entity is a person's full name
            let exact = match key {
                LinkKey::Known(_)
                | LinkKey::FullName(_)
                | LinkKey::Name(_)
                | LinkKey::Singular(_) => true,
                LinkKey::Acronym(_) => !has_person,
                _ => false,
            };
            if !exact {
                continue;
            }
            let town_name = match key {
                LinkKey::Name(name) if town && team_towns.contains(name.as_str()) => Some(name),
                _ => None,
            };
            let first = match town_name {
                Some(name) => *first_town.entry(name.as_str()).or_insert(g),
                None => *first_with.entry(key).or_insert(g),
            };
            if first != g {
                let (a, b) = (l.entity(first).name.clone(), l.entity(g).name.clone());
                let (la, lb) = (l.label(first).to_string(), l.label(g).to_string());
                l.union(first, g, || {
                    if matches!(key, LinkKey::Known(_)) && a != b {
                        format!("‘{b}’ ({lb}) and ‘{a}’ ({la}) are known spellings of one actor")
                    } else if a != b {
                        format!("‘{b}’ ({lb}) and ‘{a}’ ({la}) are one name written two ways")
                    } else {
                        format!("same name ‘{a}’ in {la} and {lb}")
                    }
                });
            }
        }
    }

    drop(first_with);
    drop(first_town);

    // spelling variants of full names sharing a surname skeleton: "Sergey Lavrov" ~ "Sergei Lavrov"
    let mut by_skeleton: BTreeMap<String, Vec<(usize, Vec<&str>)>> = BTreeMap::new();
    for g in 0..n {
        for key in &l.entity(g).keys {
            if let LinkKey::FullName(name) = key {
                let words: Vec<&str> = name.split(' ').collect();
                let bucket: String = words.last().unwrap().chars().take(2).collect();
                by_skeleton.entry(bucket).or_default().push((g, words));
            }
        }
    }
    // Spellings are compared pair by pair inside a bucket. A bucket of more distinct names than
    // any story has (a crafted article of 400,000 invented names) would make that quadratic:
    // there, only names whose surnames share a consonant skeleton are compared.
    let mut buckets: Vec<Vec<(usize, Vec<&str>)>> = Vec::with_capacity(by_skeleton.len());
    for bucket in by_skeleton.into_values() {
        let distinct: HashSet<&[&str]> = bucket.iter().map(|(_, w)| &w[..]).collect();
        if distinct.len() <= MAX_DISTINCT_NAMES_COMPARED {
            buckets.push(bucket);
            continue;
        }
        let mut by_exact_skeleton: BTreeMap<String, Vec<(usize, Vec<&str>)>> = BTreeMap::new();
        for entry in bucket {
            by_exact_skeleton
                .entry(lexicon::skeleton(entry.1.last().unwrap()))
                .or_default()
                .push(entry);
        }
        buckets.extend(by_exact_skeleton.into_values());
    }
    for bucket in &buckets {
        // given names of each surname in the bucket: a short form ("Mo") joins its long form
        // ("Maurice") across articles only where the story names no third person so
        let mut given_of_surname: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (_, w) in bucket {
            if let [given, .., surname] = &w[..] {
                given_of_surname.entry(surname).or_default().insert(given);
            }
        }
        // An entry whose name (word for word) was already tried, from the set it is in now, has
        // nothing left to join: every later compatible entry was joined then, or refused for
        // good (`different` only grows as sets merge). Skipping it makes a bucket of n entries
        // with d spellings cost O(d·n), not O(n²) (thousands of "Lavrov" at 10,000 articles).
        let mut tried: HashMap<&[&str], Vec<usize>> = HashMap::new();
        for (x, (a, wa)) in bucket.iter().enumerate() {
            let seen = tried.entry(&wa[..]).or_default();
            let root = l.find(*a);
            if seen.iter().any(|&t| l.find(t) == root) {
                continue;
            }
            seen.push(*a);
            for (b, wb) in &bucket[x + 1..] {
                if l.find(*a) == l.find(*b) {
                    continue;
                }
                if !lexicon::compatible_names(wa, wb) {
                    let two_given = |w: &[&str]| {
                        given_of_surname.get(w[w.len() - 1]).is_some_and(|g| g.len() == 2)
                    };
                    let short = super::entities::short_form_of_given_name(wa, wb)
                        .filter(|_| two_given(wa) && two_given(wb));
                    if let Some((short, long)) = short {
                        let (na, nb) = (l.entity(*a).name.clone(), l.entity(*b).name.clone());
                        let (short, long) = (title_case(short), title_case(long));
                        l.union(*a, *b, || {
                            format!(
                                "{short}/{long}: ‘{short}’ may be a short form of ‘{long}’, the \
                                 only two given names of the surname in the story ({na}, {nb})"
                            )
                        });
                    }
                    continue;
                }
                let pair = wa.iter().zip(wb).find(|(p, q)| p != q).map(|(p, q)| (*p, *q));
                let (na, nb) = (l.entity(*a).name.clone(), l.entity(*b).name.clone());
                let (a, b) = (*a, *b);
                l.union(a, b, || match pair {
                    Some((p, q)) if wa.len() == wb.len() && lexicon::same_name_variant(p, q) => {
                        format!(
                            "{}/{}: spellings of one name ({na}, {nb})",
                            title_case(p),
                            title_case(q)
                        )
                    }
                    Some((p, q)) if wa.len() == wb.len() => format!(
                        "{}/{}: one given name in a short and a long form ({na}, {nb})",
                        title_case(p),
                        title_case(q)
                    ),
                    _ => format!(
                        "{na} and {nb}: one name, with and without a middle name or initial"
                    ),
                });
            }
        }
    }

    // lone words: a surname joins the one full name that carries it; otherwise lone words with
    // one spelling join each other; an organisation's last word joins the organisation
    let mut full_by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut org_by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut org_by_initials: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut full_by_given: HashMap<&str, Vec<usize>> = HashMap::new();
    for g in 0..n {
        let e = l.entity(g);
        let is_full = e.keys.iter().any(is_full_name);
        for key in &e.keys {
            match key {
                LinkKey::GivenName(s) if is_full => full_by_given.entry(s).or_default().push(g),
                LinkKey::Surname(s) if is_full => full_by_surname.entry(s).or_default().push(g),
                LinkKey::HeadWord(s) => org_by_last.entry(s).or_default().push(g),
                LinkKey::Initials(s) => org_by_initials.entry(s).or_default().push(g),
                _ => {}
            }
        }
    }
    join_team_short_names(&mut l, n, &full_by_surname);
    let mut lone_by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut roots_of_initials = Roots::default();
    for g in 0..n {
        let e = l.entity(g);
        if e.keys.iter().any(|k| matches!(k, LinkKey::FullName(_) | LinkKey::Known(_))) {
            continue;
        }
        // a team's town already joined to its team is not the same word elsewhere; a title
        // alone is joined by `join_titles_alone`
        let title_alone = e.keys.iter().any(|k| matches!(k, LinkKey::TitleAlone(_)));
        if let Some(word) = e
            .keys
            .iter()
            .find_map(|k| match k {
                LinkKey::Word(w) => Some(w.as_str()),
                _ => None,
            })
            .filter(|_| !l.follows[g] && !title_alone)
        {
            lone_by_word.entry(word).or_default().push(g);
        }
        let abbr = e
            .keys
            .iter()
            .find_map(|k| match k {
                LinkKey::Acronym(a) => Some(a.clone()),
                _ => None,
            })
            .filter(|_| e.name.chars().all(|c| !c.is_lowercase()));
        let nb = e.name.clone();
        if let Some(abbr) = abbr {
            if let Some(orgs) = org_by_initials.get(abbr.as_str()) {
                if let Some(o) = roots_of_initials.unique(&mut l, &abbr, orgs) {
                    let (na, lb) = (l.entity(o).name.clone(), l.label(o).to_string());
                    // the initials may take in a "The" the text wrote before the name
                    let bare = na.split_whitespace().collect::<Vec<_>>();
                    let the = if super::entities::acronym_fits(&abbr, &bare, false) {
                        ""
                    } else {
                        "The "
                    };
                    l.union(o, g, || format!("{nb} are the initials of {the}{na} ({lb})"));
                }
            }
        }
    }
    for (word, lone) in &lone_by_word {
        let fulls = full_by_surname.get(word).cloned().unwrap_or_default();
        let target = unique_root(&mut l, &fulls)
            .map(|t| (t, Lone::Surname))
            .or_else(|| {
                let orgs = org_by_last.get(word).cloned()?;
                unique_root(&mut l, &orgs).map(|t| (t, Lone::LastWord))
            })
            .or_else(|| {
                // a given name alone ("Lindsay") joins the one person named in full with it,
                // when no one carries it as a surname and the lone word was read as a person
                if !fulls.is_empty() || !lone.iter().all(|&g| l.entity(g).kind == ActorKind::Person)
                {
                    return None;
                }
                let people = full_by_given.get(word).cloned()?;
                unique_root(&mut l, &people).map(|t| (t, Lone::GivenName))
            });
        match target {
            Some((t, how)) => {
                let candidates = match how {
                    Lone::Surname => fulls.clone(),
                    Lone::GivenName => full_by_given.get(word).cloned().unwrap_or_default(),
                    Lone::LastWord => Vec::new(),
                };
                let first = first_of_root(&mut l, t, &candidates);
                let (full_name, where_) =
                    (l.entity(first).name.clone(), l.label(first).to_string());
                for &g in lone {
                    let short = l.entity(g).name.clone();
                    l.union(t, g, || match how {
                        Lone::Surname => format!(
                            "‘{short}’: same surname as the full name {full_name} introduced in \
                             {where_}"
                        ),
                        Lone::GivenName => format!(
                            "‘{short}’ is the given name of {full_name} ({where_}), the only \
                             person named in full with it"
                        ),
                        Lone::LastWord => format!("‘{short}’ is short for {full_name} ({where_})"),
                    });
                }
            }
            None if fulls.is_empty() => {
                for &g in &lone[1..] {
                    let (w, la, lb) = (
                        l.entity(g).name.clone(),
                        l.label(lone[0]).to_string(),
                        l.label(g).to_string(),
                    );
                    l.union(lone[0], g, || format!("the name ‘{w}’ alone in {la} and {lb}"));
                }
            }
            None => {} // several people carry this surname: leave it alone
        }
    }
    join_titles_alone(&mut l, n);
    join_described(&mut l, n);
    // what only the joining needed goes before the actors are built (the peak of linking)
    drop((buckets, full_by_surname, org_by_last, org_by_initials, lone_by_word, roots_of_initials));
    drop(full_by_given);
    l.apart = Vec::new();
    l.reason_set = FxHashMap::default();
    build(&mut l, n, config)
}

/// Joins the entities named by a team's place or school alone ("Indianapolis") to the one team
/// of the corpus whose name opens with it ("Indianapolis Colts"), unless someone in the corpus
/// carries the word as a surname or the entity is a person's full name or a known actor.
fn join_team_short_names(
    l: &mut Linker<'_>,
    n: usize,
    full_by_surname: &HashMap<&str, Vec<usize>>,
) {
    let mut team_by_prefix: HashMap<&str, Vec<usize>> = HashMap::new();
    for g in 0..n {
        for key in &l.entity(g).keys {
            if let Some(p) = team_prefix(key) {
                team_by_prefix.entry(p).or_default().push(g);
            }
        }
    }
    if team_by_prefix.is_empty() {
        return;
    }
    let mut roots = Roots::default();
    for g in 0..n {
        let e = l.entity(g);
        let fuller = |k: &LinkKey| {
            matches!(k, LinkKey::FullName(_) | LinkKey::Known(_) | LinkKey::TeamPrefix(_))
        };
        // a name written after a preposition of place in most of its mentions ("in
        // Jacksonville"), or in some and never as a side of a game, is the town, not its team
        if e.placed || e.written_as_town || e.keys.iter().any(fuller) {
            continue;
        }
        let Some((word, teams)) = e.keys.iter().find_map(|k| {
            let (LinkKey::Name(w) | LinkKey::Word(w)) = k else { return None };
            let w = w.as_str();
            team_by_prefix.get(w).map(|t| (w, t))
        }) else {
            continue;
        };
        if full_by_surname.contains_key(word) {
            continue;
        }
        if let Some(t) = roots.unique(l, word, teams) {
            let (short, team, label) =
                (e.name.clone(), l.entity(t).name.clone(), l.label(t).to_string());
            if l.union(t, g, || format!("‘{short}’ is short for {team} ({label})")) {
                l.follows[g] = true;
            }
        }
    }
}

/// Joins an entity named by a title alone ("The President announced ...": key `title:`) to the
/// one person the articles write with that title before the name ("President Barack Obama": key
/// `titled:`): the one of its own article if there is one, else the one written so in the most
/// articles (in two at least, and twice as many as anyone else). Otherwise, and where several
/// people of its article carry the title, the title alone is left as it is. Titles alone are
/// not joined to each other by their word (two articles' "President" may be two people).
fn join_titles_alone(l: &mut Linker<'_>, n: usize) {
    let mut titled: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut alone: Vec<(usize, &str)> = Vec::new();
    for g in 0..n {
        for key in &l.entity(g).keys {
            match key {
                LinkKey::Titled(t) => titled.entry(t).or_default().push(g),
                LinkKey::TitleAlone(t) => alone.push((g, t)),
                _ => {}
            }
        }
    }
    if titled.is_empty() || alone.is_empty() {
        return;
    }
    // per title, the person written with it in the most articles, when in two at least and in
    // twice as many as anyone else (one story's president, beside a predecessor named once)
    let mut dominant: HashMap<&str, Option<usize>> = HashMap::new();
    for (g, title) in alone {
        let Some(people) = titled.get(title) else { continue };
        let article = l.refs[g].article;
        let here: Vec<usize> =
            people.iter().copied().filter(|&p| l.refs[p].article == article).collect();
        let (target, scope) = if here.is_empty() {
            let t = *dominant.entry(title).or_insert_with(|| {
                let mut articles: HashMap<usize, (HashSet<usize>, usize)> = HashMap::new();
                for &p in people {
                    let r = l.find(p);
                    let entry = articles.entry(r).or_insert_with(|| (HashSet::new(), p));
                    entry.0.insert(l.refs[p].article);
                }
                let mut counts: Vec<(usize, usize)> =
                    articles.values().map(|(a, p)| (a.len(), *p)).collect();
                counts.sort_unstable_by(|a, b| b.cmp(a));
                let second = counts.get(1).map_or(0, |c| c.0);
                counts.first().filter(|c| c.0 >= 2 && c.0 >= 2 * second).map(|c| c.1)
            });
            (t, "most often in these articles")
        } else {
            (unique_root(l, &here), "in its article")
        };
        let Some(t) = target else { continue };
        let (written, person, label) =
            (l.entity(g).name.clone(), l.entity(t).name.clone(), l.label(t).to_string());
        l.union(t, g, || {
            format!(
                "‘{written}’ alone is read as {person} ({label}), the person written with that \
                 title {scope}"
            )
        });
    }
}

/// Joins each headline noun for a person its article does not name ("Driver Charged") to the
/// person other reports tie that noun to, where they tie it to one; else to the person the
/// articles are about (the most mentions, twice anyone else's); else to the same noun of the
/// other reports.
fn join_described(l: &mut Linker<'_>, n: usize) {
    let described: Vec<(usize, String)> = (0..n)
        .filter_map(|g| {
            l.entity(g).keys.iter().find_map(|k| match k {
                LinkKey::Described(w) => Some((g, w.clone())),
                _ => None,
            })
        })
        .collect();
    if described.is_empty() {
        return;
    }
    // the nouns other reports' people are written as, and every person's mentions
    let mut tied: HashMap<String, Vec<usize>> = HashMap::new();
    let mut people: Vec<usize> = Vec::new();
    for g in 0..n {
        let e = l.entity(g);
        if e.kind != ActorKind::Person || e.keys.iter().any(|k| matches!(k, LinkKey::Described(_)))
        {
            continue;
        }
        people.push(g);
        let a = l.articles[l.refs[g].article];
        for &m in e.mentions.iter().filter(|&&m| a.mentions[m].stand_in) {
            let w = fold(a.text_of(&a.mentions[m]));
            if described.iter().any(|(_, d)| *d == w) {
                tied.entry(w).or_default().push(g);
            }
        }
    }
    let mut weight: HashMap<usize, usize> = HashMap::new();
    for &g in &people {
        let r = l.find(g);
        *weight.entry(r).or_default() += l.entity(g).mentions.len();
    }
    let mut ranked: Vec<(usize, usize)> = weight.into_iter().map(|(r, w)| (w, r)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let main = match ranked.as_slice() {
        [(w, r), rest @ ..] if rest.first().is_none_or(|(v, _)| *w >= 2 * v) => Some(*r),
        _ => None,
    };
    let mut first_of: HashMap<String, usize> = HashMap::new();
    for (g, w) in described {
        let (target, why) = match tied.get(&w).and_then(|t| unique_root(l, t)) {
            Some(t) => (Some(t), "the person other reports write that noun for"),
            None => (main, "the person these reports are about"),
        };
        let written = l.entity(g).name.clone();
        match target {
            Some(t) => {
                let (person, label) = (l.entity(t).name.clone(), l.label(t).to_string());
                l.union(t, g, || format!("‘{written}’ is read as {person} ({label}), {why}"));
            }
            None => {
                let first = *first_of.entry(w).or_insert(g);
                if first != g {
                    let (la, lb) = (l.label(first).to_string(), l.label(g).to_string());
                    l.union(first, g, || format!("the noun ‘{written}’ in {la} and {lb}"));
                }
            }
        }
    }
}

/// What a lone word was joined to a fuller name as.
#[derive(Clone, Copy)]
enum Lone {
    Surname,
    LastWord,
    GivenName,
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The single set that `members` belong to, if they all belong to one.
fn unique_root(l: &mut Linker<'_>, members: &[usize]) -> Option<usize> {
    let mut roots: Vec<usize> = members.iter().map(|&m| l.find(m)).collect();
    roots.sort_unstable();
    roots.dedup();
    (roots.len() == 1).then(|| members[0])
}

/// [`unique_root`] for the same member lists asked again and again (every lone "UN" against
/// every "United Nations"): the distinct roots are remembered, and sets only ever merge, so the
/// roots now are the current roots of those remembered, a handful instead of all members.
#[derive(Default)]
struct Roots {
    by_key: HashMap<String, Vec<usize>>,
}

impl Roots {
    fn unique(&mut self, l: &mut Linker<'_>, key: &str, members: &[usize]) -> Option<usize> {
        let known = self.by_key.get(key).map(Vec::as_slice).unwrap_or(members);
        let mut roots: Vec<usize> = known.iter().map(|&m| l.find(m)).collect();
        roots.sort_unstable();
        roots.dedup();
        let unique = roots.len() == 1;
        self.by_key.insert(key.to_string(), roots);
        unique.then(|| members[0])
    }
}

fn first_of_root(l: &mut Linker<'_>, t: usize, candidates: &[usize]) -> usize {
    let root = l.find(t);
    candidates.iter().copied().filter(|&c| l.find(c) == root).min().unwrap_or(t)
}

/// Turns the sets into actors: name, kind, members, spellings, reasons; sorted by number of
/// mentions (most first), then name, then first appearance.
fn build(l: &mut Linker<'_>, n: usize, config: &Config) -> Linked {
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for g in 0..n {
        let r = l.find(g);
        sets.entry(r).or_default().push(g);
    }
    let labels: HashMap<String, &String> =
        config.labels.iter().map(|(k, v)| (fold(k), v)).collect();
    let mut actors: Vec<(Actor, usize, usize)> = Vec::new(); // actor, mention count, first member
    for (root, members) in sets {
        // a headline's noun for a person no report names, that no report ties to anyone and
        // that is no one the story is about, is not reported: whom it means is unknown
        let unnamed =
            |g: usize| l.entity(g).keys.iter().any(|k| matches!(k, LinkKey::Described(_)));
        if members.len() == 1 && unnamed(members[0]) {
            continue;
        }
        let mut spellings: HashMap<&str, usize> = HashMap::new();
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut kinds: HashMap<ActorKind, usize> = HashMap::new();
        let mut person = false;
        let (mut people, mut placed) = (0, 0);
        let mut guessed_person = false;
        let mut other_evidence = false;
        let (mut teams, mut places) = (0, 0);
        let mut mentions = 0;
        let mut reasons = Vec::new();
        let leaders = members.iter().any(|&g| !l.follows[g]);
        for &g in &members {
            let r = l.refs[g];
            let a = l.articles[r.article];
            let e = l.entity(g);
            // "I" in a quotation is its speaker, but no spelling of the name
            for &m in e.mentions.iter().filter(|&&m| !a.mentions[m].stand_in) {
                *spellings.entry(a.text_of(&a.mentions[m])).or_default() += 1;
            }
            mentions += e.mentions.len();
            *names.entry(e.name.as_str()).or_default() +=
                e.mentions.iter().filter(|&&m| a.mentions[m].full).count().max(1);
            for reason in &e.reasons {
                reasons.push(format!("{}: {reason}", l.label(g)));
            }
            if leaders && l.follows[g] {
                continue; // the fuller names decide the kind
            }
            // an entity whose kind the rules read in its text outweighs three mentions whose
            // kind is only the recogniser's vote or a default
            let weight = if e.kind_evidence { 3 } else { 1 };
            *kinds.entry(e.kind).or_default() += weight * e.mentions.len();
            // a person's full name in one article makes the actor a person (a lone word the
            // recogniser took for a person does not), unless the name was only taken for a
            // person's for want of other evidence and another article has evidence of another
            // kind ("Key Biscayne" guessed a person's name; "in Key Biscayne" elsewhere)
            if e.kind == ActorKind::Person && e.keys.iter().any(is_full_name) {
                if e.kind_evidence {
                    person = true;
                    people += 1;
                } else {
                    guessed_person = true;
                }
            }
            other_evidence |= e.kind != ActorKind::Person && e.kind_evidence;
            teams += usize::from(e.team);
            placed += usize::from(e.placed && e.kind == ActorKind::Place);
            // a place only by its name or the recogniser's vote ("North Carolina's scoring
            // record") is no evidence against the team
            places += usize::from(e.placed);
        }
        reasons.append(&mut l.reasons.remove(&root).unwrap_or_default());
        reasons.shrink_to_fit();
        // a name the story's reports write mostly as a place ("at Betty Ford", "into Betty
        // Ford") is that place, named after a person, in more reports than it is the person
        let person = person && people >= placed;
        let kind = if person || guessed_person && !other_evidence {
            ActorKind::Person
        } else if teams > 0 && teams >= places {
            // the story's reports that write the name as a side of a game outvote those that
            // write it as the place ("in Evansville"): one town is one team in one story
            ActorKind::Organization
        } else {
            let mut k: Vec<(ActorKind, usize)> = kinds.into_iter().collect();
            k.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            k[0].0
        };
        let known = members.iter().find_map(|&g| {
            l.entity(g)
                .keys
                .iter()
                .find(|k| matches!(k, LinkKey::Known(_)))
                .map(|_| l.entity(g).name.clone())
        });
        let name = known.unwrap_or_else(|| {
            most_common(&names, |a, b| {
                b.split_whitespace().count().cmp(&a.split_whitespace().count())
            })
        });
        let mut aliases: Vec<(&str, usize)> = spellings.into_iter().collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let aliases: Vec<String> = aliases.into_iter().map(|(s, _)| s.to_string()).collect();
        let label = std::iter::once(&name)
            .chain(&aliases)
            .find_map(|s| labels.get(&fold(s)).map(|l| (*l).clone()));
        let members_refs: Vec<EntityRef> = members.iter().map(|&g| l.refs[g]).collect();
        actors.push((
            Actor {
                id: 0,
                name: label.unwrap_or(name),
                kind,
                members: members_refs,
                aliases,
                reasons,
            },
            mentions,
            members[0],
        ));
    }
    actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)).then(a.2.cmp(&b.2)));
    let mut of_entity: Vec<Vec<Option<ActorId>>> =
        l.articles.iter().map(|a| vec![None; a.entities.len()]).collect();
    let actors: Vec<Actor> = actors
        .into_iter()
        .enumerate()
        .map(|(id, (mut a, _, _))| {
            a.id = id;
            for r in &a.members {
                of_entity[r.article][r.entity] = Some(id);
            }
            a
        })
        .collect();
    Linked { actors, of_entity }
}

/// The most frequent key; ties broken by `tie` then alphabetically.
fn most_common(
    counts: &HashMap<&str, usize>,
    tie: impl Fn(&str, &str) -> std::cmp::Ordering,
) -> String {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(s, n)| (*s, *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| tie(a.0, b.0)).then(a.0.cmp(b.0)));
    v.first().map(|(s, _)| s.to_string()).unwrap_or_default()
}

fn hash_of(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(s)
}

/// Whether a key is a person's full name.
fn is_full_name(key: &LinkKey) -> bool {
    matches!(key, LinkKey::FullName(_))
}

/// The town or school a team's key opens with.
fn team_prefix(key: &LinkKey) -> Option<&str> {
    match key {
        LinkKey::TeamPrefix(p) => Some(p),
        _ => None,
    }
}
