//! Plain-data queries over a [`Snapshot`], for editors: what an actor or a figure is (the
//! "cards" hovers show), where an actor is introduced, every mention of it, the symbols of an
//! article, and a fuzzy search over actor names. Byte offsets and article indices only: no
//! protocol types here (the language server converts).

use super::{Snapshot, Target};
use crate::actors::{ActorId, ActorKind, EntityRef};
use crate::figures::{FigureKind, Frame, Qualifier, QuantityKey};
use crate::findings::FigureRef;
use crate::text::Span;

/// A place in the corpus: article index and byte span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loc {
    pub article: usize,
    pub span: Span,
}

/// Who someone is, across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCard {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// Each distinct role and the articles that give it, in first-seen article order.
    pub roles: Vec<RoleUse>,
    /// Each spelling in use with the articles using it, most used first.
    pub spellings: Vec<Spelling>,
    /// Mentions per article, in article order (articles without mentions omitted).
    pub mentions: Vec<ArticleCount>,
    /// Why mentions were linked: across articles first, then within articles (deduplicated).
    pub reasons: Vec<String>,
    /// Quotes attributed to the actor, with the article quoting them.
    pub quotes: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleUse {
    pub role: String,
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spelling {
    pub text: String,
    pub articles: Vec<usize>,
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleCount {
    pub article: usize,
    pub count: usize,
}

/// What a figure says and how other outlets report the same quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureCard {
    pub at: Loc,
    pub text: String,
    pub kind: FigureKind,
    pub qualifier: Qualifier,
    /// The interval in words ("250,000", "290,000 or more").
    pub range: String,
    pub counts: Option<String>,
    pub predicate: Option<String>,
    pub place: Option<String>,
    pub key: Option<QuantityKey>,
    /// What the figure measures, when it is compared at all.
    pub frame: Option<Frame>,
    /// Figures of other outlets with the same quantity key, in article order: the first
    /// [`OTHERS_KEPT`] of them (a key can have thousands on a large story).
    pub others: Vec<OtherFigure>,
    /// How many such figures there are in all, and how many of them agree with this one.
    pub others_total: usize,
    pub others_agreeing: usize,
    /// Figures of other outlets that count the same thing or the same event but were not
    /// compared with this one, with why (at most [`NOT_COMPARED_KEPT`]).
    pub not_compared: Vec<NotCompared>,
}

/// A figure that looks alike but measures another quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct NotCompared {
    pub at: Loc,
    pub text: String,
    /// "another event (2003)", "one incident (convoy)", "another group (troops)".
    pub why: String,
}

/// How many look-alike figures a figure card lists as not compared.
pub const NOT_COMPARED_KEPT: usize = 5;

/// Why figures of keys `other` and `key` are not compared: the first essential slot that differs.
fn why_not_compared(key: &QuantityKey, other: &QuantityKey) -> String {
    if key.era != other.era {
        return match &other.era {
            Some(e) => format!("another event or time ({e})"),
            None => "the story's own event, while this one is background".to_string(),
        };
    }
    if key.incident != other.incident {
        return match &other.incident {
            Some(i) => format!("one incident ({i}), not the whole event"),
            None => "the whole event, while this one is one incident".to_string(),
        };
    }
    if key.counted != other.counted {
        return format!("another group or thing ({})", other.counted);
    }
    if key.event != other.event {
        return format!("another event ({})", other.event);
    }
    format!("another place ({})", other.place.as_deref().unwrap_or("none named"))
}

/// Figures of other outlets whose key shares what is counted or what happened with `key`.
fn look_alikes(snap: &Snapshot, article: usize, key: &QuantityKey) -> Vec<NotCompared> {
    let outlet = snap.articles[article].article.outlet();
    let mut keys: Vec<(&QuantityKey, &[FigureRef])> = snap
        .quantity_groups()
        .filter(|(k, _)| *k != key && (k.counted == key.counted || k.event == key.event))
        .collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    keys.into_iter()
        .flat_map(|(k, refs)| {
            refs.iter().filter(|r| snap.articles[r.article].article.outlet() != outlet).take(2).map(
                move |r| {
                    let o = &snap.articles[r.article].figures[r.figure];
                    NotCompared {
                        at: Loc { article: r.article, span: o.span.clone() },
                        text: o.text.clone(),
                        why: why_not_compared(key, k),
                    }
                },
            )
        })
        .take(NOT_COMPARED_KEPT)
        .collect()
}

/// How many figures of other outlets a figure card lists.
pub const OTHERS_KEPT: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct OtherFigure {
    pub at: Loc,
    pub text: String,
    pub range: String,
    /// Whether the two intervals share a value.
    pub agrees: bool,
}

/// One entry of an article's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub what: SymbolWhat,
    /// Where the symbol is introduced (first full mention, or the figure itself).
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolWhat {
    Actor(ActorKind),
    Figure,
}

/// A hit of [`search_actors`].
#[derive(Debug, Clone, PartialEq)]
pub struct ActorHit {
    pub actor: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// The name or alias that matched best.
    pub matched: String,
    pub score: u32,
    /// Where the actor is introduced first in the corpus.
    pub at: Option<Loc>,
}

/// The actor or figure at a byte offset of an article, if any.
pub fn target_at(snap: &Snapshot, article: usize, offset: usize) -> Option<Target> {
    snap.target_at(article, offset)
}

fn members(snap: &Snapshot, actor: ActorId) -> &[EntityRef] {
    snap.linked.actors.get(actor).map_or(&[], |a| a.members.as_slice())
}

/// The members of `actor` in `article`: a binary search, members being in (article, entity)
/// order (an actor named in every article of a large story has tens of thousands).
fn members_in(snap: &Snapshot, actor: ActorId, article: usize) -> &[EntityRef] {
    let all = members(snap, actor);
    let from = all.partition_point(|m| m.article < article);
    let to = from + all[from..].partition_point(|m| m.article <= article);
    &all[from..to]
}

/// How many quotes an actor card keeps.
const QUOTES_KEPT: usize = 10;

/// The card of actor `actor`, or `None` when the id is unknown. Cached in the snapshot.
pub fn actor_card(snap: &Snapshot, actor: ActorId) -> Option<std::sync::Arc<ActorCard>> {
    snap.actor_card(actor)
}

/// Builds the card of `actor` (O(mentions of the actor)), uncached; [`actor_card`] caches it.
/// Members come in (article, entity) order, so whatever is counted per article only ever
/// grows at its end; every card is built after each linking, so this is kept to one hash
/// lookup per mention.
pub fn build_actor_card(snap: &Snapshot, actor: ActorId) -> Option<ActorCard> {
    let a = snap.linked.actors.get(actor)?;
    let mut roles: Vec<RoleUse> = Vec::new();
    // spellings in first-seen order: text, articles, count; and where each one is
    let mut spellings: Vec<(&str, Vec<usize>, usize)> = Vec::new();
    let mut spelling_at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut counts: Vec<ArticleCount> = Vec::new();
    let mut quotes: Vec<(usize, String)> = Vec::new();
    // an actor named in thousands of articles has thousands of reasons: dedupe by hash
    let mut seen = std::collections::HashSet::new();
    let reasons: Vec<&str> =
        a.reasons.iter().map(String::as_str).filter(|r| seen.insert(*r)).collect();
    for m in &a.members {
        let Some(art) = snap.articles.get(m.article) else { continue };
        let Some(entity) = art.actors.entities.get(m.entity) else { continue };
        for role in &entity.roles {
            let text = role.text.trim();
            if text.is_empty() {
                continue;
            }
            match roles.iter_mut().find(|r| r.role.eq_ignore_ascii_case(text)) {
                Some(r) if r.articles.last() != Some(&m.article) => r.articles.push(m.article),
                Some(_) => {}
                None => roles.push(RoleUse { role: text.to_string(), articles: vec![m.article] }),
            }
        }
        for &mi in &entity.mentions {
            let Some(mention) = art.actors.mentions.get(mi) else { continue };
            match counts.last_mut() {
                Some(c) if c.article == m.article => c.count += 1,
                _ => counts.push(ArticleCount { article: m.article, count: 1 }),
            }
            let text = art.actors.text_of(mention);
            let at = *spelling_at.entry(text).or_insert_with(|| {
                spellings.push((text, Vec::new(), 0));
                spellings.len() - 1
            });
            let e = &mut spellings[at];
            if e.1.last() != Some(&m.article) {
                e.1.push(m.article);
            }
            e.2 += 1;
        }
        // the actor's reasons already hold each article's own, prefixed with its label
        // a card shows a few quotes; an actor quoted in thousands of articles keeps the first
        for q in entity.quotes.iter().take(QUOTES_KEPT.saturating_sub(quotes.len())) {
            quotes.push((m.article, q.text.clone()));
        }
    }
    // most used first, then first seen (a stable sort of the first-seen order)
    spellings.sort_by_key(|s| std::cmp::Reverse(s.2));
    let spellings = spellings
        .into_iter()
        .map(|(text, mut articles, count)| {
            articles.sort_unstable();
            Spelling { text: text.to_string(), articles, count }
        })
        .collect();
    Some(ActorCard {
        id: actor,
        name: a.name.clone(),
        kind: a.kind,
        roles,
        spellings,
        mentions: counts,
        reasons: crate::actors::reasons::summarise(&reasons),
        quotes,
    })
}

/// The card of figure `figure` of article `article`.
pub fn figure_card(snap: &Snapshot, article: usize, figure: usize) -> Option<FigureCard> {
    let art = snap.articles.get(article)?;
    let f = art.figures.get(figure)?;
    let mut others = Vec::new();
    let (mut others_total, mut others_agreeing) = (0, 0);
    for r in same_quantity_refs(snap, article, figure) {
        let o = &snap.articles[r.article].figures[r.figure];
        let agrees = f.overlaps(o);
        others_total += 1;
        others_agreeing += usize::from(agrees);
        if others.len() < OTHERS_KEPT {
            others.push(OtherFigure {
                text: o.text.clone(),
                range: o.describe_range(),
                agrees,
                at: Loc { article: r.article, span: o.span.clone() },
            });
        }
    }
    Some(FigureCard {
        at: Loc { article, span: f.span.clone() },
        text: f.text.clone(),
        kind: f.kind,
        qualifier: f.qualifier,
        range: f.describe_range(),
        counts: f.counts().map(str::to_string),
        predicate: f.predicate().map(str::to_string),
        place: f.place().map(str::to_string),
        key: f.key(),
        frame: f.frame().cloned(),
        not_compared: f.key().map(|k| look_alikes(snap, article, &k)).unwrap_or_default(),
        others,
        others_total,
        others_agreeing,
    })
}

/// Figures of other outlets with the same quantity key as figure `figure` of `article`, in
/// article and text order. Empty when the figure has no key.
pub fn same_quantity(snap: &Snapshot, article: usize, figure: usize) -> Vec<Loc> {
    same_quantity_refs(snap, article, figure)
        .into_iter()
        .map(|r| Loc {
            article: r.article,
            span: snap.articles[r.article].figures[r.figure].span.clone(),
        })
        .collect()
}

/// [`same_quantity`], as references to the figures.
fn same_quantity_refs(snap: &Snapshot, article: usize, figure: usize) -> Vec<FigureRef> {
    let Some(art) = snap.articles.get(article) else { return Vec::new() };
    let Some(f) = art.figures.get(figure) else { return Vec::new() };
    let Some(key) = f.key() else { return Vec::new() };
    let outlet = art.article.outlet();
    let other_outlet = |i: usize| i != article && snap.articles[i].article.outlet() != outlet;
    if f.kind.is_compared() {
        // the snapshot's index by key: O(figures with this key), not a scan of the corpus
        return snap
            .quantity(&key)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|r| other_outlet(r.article))
            .collect();
    }
    (0..snap.articles.len())
        .filter(|&i| other_outlet(i))
        .flat_map(|i| {
            snap.articles[i]
                .figures
                .iter()
                .enumerate()
                .filter(|(_, g)| g.keyed && g.key().as_ref() == Some(&key))
                .map(move |(figure, _)| FigureRef { article: i, figure })
        })
        .collect()
}

/// The introduction of `actor` in one article: its first full-name mention, else its first
/// mention (over every entity of the article joined into the actor).
pub fn introduction_in(snap: &Snapshot, actor: ActorId, article: usize) -> Option<Loc> {
    let art = snap.articles.get(article)?;
    let mut first_full: Option<&Span> = None;
    let mut first_any: Option<&Span> = None;
    for m in members_in(snap, actor, article) {
        let Some(entity) = art.actors.entities.get(m.entity) else { continue };
        for &mi in &entity.mentions {
            let Some(mention) = art.actors.mentions.get(mi) else { continue };
            if first_any.is_none_or(|s| mention.span.start < s.start) {
                first_any = Some(&mention.span);
            }
            if mention.full && first_full.is_none_or(|s| mention.span.start < s.start) {
                first_full = Some(&mention.span);
            }
        }
    }
    first_full.or(first_any).map(|s| Loc { article, span: s.clone() })
}

/// The articles where `actor` is mentioned, in article order.
fn articles_of(snap: &Snapshot, actor: ActorId) -> Vec<usize> {
    let mut v: Vec<usize> = members(snap, actor).iter().map(|m| m.article).collect();
    v.dedup(); // members are in article order
    v
}

/// How each outlet introduces `actor`: its introduction in article `current` first, then in the
/// first article (in article order) of every other outlet that names it. One per outlet, not per
/// article: on a story of thousands of articles from a handful of outlets, a list of thousands
/// is no answer (every mention stays in [`references`]).
pub fn actor_definitions(snap: &Snapshot, actor: ActorId, current: usize) -> Vec<Loc> {
    let mut arts = articles_of(snap, actor);
    if let Some(i) = arts.iter().position(|&a| a == current) {
        arts.remove(i);
        arts.insert(0, current);
    }
    let mut outlets = std::collections::HashSet::new();
    arts.into_iter()
        .filter(|&a| snap.articles.get(a).is_some_and(|x| outlets.insert(x.article.outlet())))
        .filter_map(|a| introduction_in(snap, actor, a))
        .collect()
}

/// What "go to definition" gives for a target: an actor's introductions (current article
/// first), or the other outlets' figures for the same quantity.
pub fn definitions(snap: &Snapshot, article: usize, target: Target) -> Vec<Loc> {
    match target {
        Target::Mention { actor, .. } => actor_definitions(snap, actor, article),
        Target::Figure { figure } => same_quantity(snap, article, figure),
    }
}

/// Every mention of `actor` in every article, in article and text order. Without
/// `include_declaration`, the introductions ([`introduction_in`]) are left out.
pub fn references(snap: &Snapshot, actor: ActorId, include_declaration: bool) -> Vec<Loc> {
    let mut out = Vec::new();
    for article in articles_of(snap, actor) {
        let intro = if include_declaration { None } else { introduction_in(snap, actor, article) };
        let mut spans = mention_spans(snap, actor, article);
        spans.retain(|s| intro.as_ref().is_none_or(|i| i.span != *s));
        out.extend(spans.into_iter().map(|span| Loc { article, span }));
    }
    out
}

/// The spans of every mention of `actor` in `article`, in text order.
pub fn mention_spans(snap: &Snapshot, actor: ActorId, article: usize) -> Vec<Span> {
    let Some(art) = snap.articles.get(article) else { return Vec::new() };
    let mut spans: Vec<Span> = members_in(snap, actor, article)
        .iter()
        .filter_map(|m| art.actors.entities.get(m.entity))
        .flat_map(|e| {
            e.mentions.iter().filter_map(|&mi| art.actors.mentions.get(mi)).map(|m| m.span.clone())
        })
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    spans
}

/// The outline of an article: each actor it mentions (at its introduction), then each figure,
/// both in text order.
pub fn article_symbols(snap: &Snapshot, article: usize) -> Vec<ArticleSymbol> {
    let Some(art) = snap.articles.get(article) else { return Vec::new() };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for entity_index in 0..art.actors.entities.len() {
        let Some(actor) = snap.linked.actor_of(EntityRef { article, entity: entity_index }) else {
            continue;
        };
        if !seen.insert(actor) {
            continue;
        }
        let Some(a) = snap.linked.actors.get(actor) else { continue };
        let Some(intro) = introduction_in(snap, actor, article) else { continue };
        let role = art.actors.entities[entity_index].roles.first().map(|r| r.text.clone());
        let detail = Some(match role {
            Some(r) => format!("{} · {}", a.kind.as_str(), r),
            None => a.kind.as_str().to_string(),
        });
        out.push(ArticleSymbol {
            name: a.name.clone(),
            detail,
            what: SymbolWhat::Actor(a.kind),
            span: intro.span,
        });
    }
    out.sort_by_key(|s| s.span.start);
    for f in &art.figures {
        let mut detail = f.describe_range();
        if let Some(c) = f.counts() {
            detail.push(' ');
            detail.push_str(c);
        }
        out.push(ArticleSymbol {
            name: f.text.clone(),
            detail: Some(detail),
            what: SymbolWhat::Figure,
            span: f.span.clone(),
        });
    }
    out
}

/// Actors whose name or an alias matches `query` fuzzily, best first (at most `limit`).
/// An empty query lists every actor by name.
pub fn search_actors(snap: &Snapshot, query: &str, limit: usize) -> Vec<ActorHit> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config as MatcherConfig, Matcher, Utf32Str};
    let first_intro = |actor: ActorId| {
        articles_of(snap, actor).into_iter().find_map(|a| introduction_in(snap, actor, a))
    };
    let query = query.trim();
    let mut hits: Vec<ActorHit> = Vec::new();
    if query.is_empty() {
        for a in &snap.linked.actors {
            hits.push(ActorHit {
                actor: a.id,
                name: a.name.clone(),
                kind: a.kind,
                matched: a.name.clone(),
                score: 0,
                at: first_intro(a.id),
            });
        }
        hits.sort_by(|x, y| x.name.cmp(&y.name));
        hits.truncate(limit);
        return hits;
    }
    let mut matcher = Matcher::new(MatcherConfig::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    for a in &snap.linked.actors {
        let mut best: Option<(u32, &str)> = None;
        for candidate in std::iter::once(&a.name).chain(a.aliases.iter()) {
            let hay = Utf32Str::new(candidate, &mut buf);
            if let Some(score) = pattern.score(hay, &mut matcher) {
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, candidate));
                }
            }
        }
        if let Some((score, matched)) = best {
            hits.push(ActorHit {
                actor: a.id,
                name: a.name.clone(),
                kind: a.kind,
                matched: matched.to_string(),
                score,
                at: first_intro(a.id),
            });
        }
    }
    hits.sort_by(|x, y| y.score.cmp(&x.score).then(x.name.cmp(&y.name)));
    hits.truncate(limit);
    hits
}

/// The name under which `crosswire.json` knows an actor: the key of its label when the user
/// labelled it (the display name is then the label), else its display name. `aliases`, `same`,
/// `different` and `labels` entries written under this name reach the actor.
pub fn canonical_name(snap: &Snapshot, actor: ActorId) -> Option<String> {
    use crate::text::fold;
    let a = snap.linked.actors.get(actor)?;
    let mut forms: Vec<String> = a.aliases.iter().map(|s| fold(s)).collect();
    forms.extend(entity_names(snap, actor).iter().map(|s| fold(s)));
    let labelled =
        snap.config.labels.iter().find(|(k, v)| **v == a.name && forms.contains(&fold(k)));
    Some(labelled.map_or_else(|| a.name.clone(), |(k, _)| k.clone()))
}

/// The distinct full names the articles give an actor (one per article entity joined into it),
/// most used first.
pub fn entity_names(snap: &Snapshot, actor: ActorId) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in members(snap, actor) {
        let Some(e) = snap.articles.get(m.article).and_then(|a| a.actors.entities.get(m.entity))
        else {
            continue;
        };
        match counts.iter_mut().find(|(n, _)| *n == e.name) {
            Some(c) => c.1 += e.mentions.len(),
            None => counts.push((e.name.clone(), e.mentions.len())),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(n, _)| n).collect()
}

/// Other actors that may be the same as `actor`, best first (at most `limit`): same surname
/// (last word), a similar name (Jaro–Winkler ≥ 0.88 on folded names), or an acronym of it;
/// only actors of the same kind, or a person/group pair. Actors mentioned in the same article
/// rank first (an outlet rarely names one actor two ways in one story without a reason, but a
/// shared article makes a confusion visible).
pub fn merge_candidates(snap: &Snapshot, actor: ActorId, limit: usize) -> Vec<ActorId> {
    use crate::text::fold;
    let Some(a) = snap.linked.actors.get(actor) else { return Vec::new() };
    let name = fold(&a.name);
    let last = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    let acronym = |s: &str| s.split(' ').filter_map(|w| w.chars().next()).collect::<String>();
    let arts = articles_of(snap, actor);
    let mut scored: Vec<(u32, ActorId)> = Vec::new();
    for b in &snap.linked.actors {
        if b.id == actor {
            continue;
        }
        let kinds_ok = a.kind == b.kind
            || matches!(
                (a.kind, b.kind),
                (ActorKind::Organization, ActorKind::Group)
                    | (ActorKind::Group, ActorKind::Organization)
            );
        if !kinds_ok {
            continue;
        }
        let other = fold(&b.name);
        let mut score = 0u32;
        if last(&name).len() > 2 && last(&name) == last(&other) {
            score += 3;
        }
        let sim = strsim::jaro_winkler(&name, &other);
        if sim >= 0.88 {
            score += 2 + ((sim - 0.88) * 20.0) as u32;
        }
        if name.split(' ').count() > 1 && acronym(&name) == other.replace(['.', ' '], "")
            || other.split(' ').count() > 1 && acronym(&other) == name.replace(['.', ' '], "")
        {
            score += 3;
        }
        if score == 0 {
            continue;
        }
        if articles_of(snap, b.id).iter().any(|x| arts.contains(x)) {
            score += 1;
        }
        scored.push((score, b.id));
    }
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.into_iter().take(limit).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Workspace;
    use crate::config::Config;
    use crate::corpus::SourceFile;
    use std::path::PathBuf;

    fn seeds() -> Snapshot {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        let loaded = crate::corpus::load(&[dir], &crate::corpus::ArticleFilter::default(), 1 << 24);
        Workspace::from_files(loaded.files, Config::default()).snapshot()
    }

    fn lavrov(snap: &Snapshot) -> ActorId {
        snap.linked.actors.iter().find(|a| a.name.contains("Lavrov")).expect("Lavrov").id
    }

    fn label(snap: &Snapshot, l: &Loc) -> String {
        snap.articles[l.article].article.meta.label.clone()
    }

    #[test]
    fn definitions_list_each_outlets_introduction_current_first() {
        let snap = seeds();
        let id = lavrov(&snap);
        let three = snap.articles.iter().position(|a| a.article.meta.label == "003").unwrap();
        let defs = actor_definitions(&snap, id, three);
        let labels: Vec<String> = defs.iter().map(|l| label(&snap, l)).collect();
        assert_eq!(labels, ["003", "000", "002", "004"]);
        let a = &snap.articles[three].article;
        assert_eq!(&a.text[defs[0].span.clone()], "Sergei Lavrov");
    }

    #[test]
    fn definitions_give_one_introduction_per_outlet() {
        let mut files: Vec<SourceFile> = Vec::new();
        for (name, text) in [
            (
                "a.md",
                "---\noutlet: Reuters\n---\nForeign Minister Sergei Lavrov spoke. Lavrov left.\n",
            ),
            ("b.md", "---\noutlet: Reuters\n---\nLater, Sergei Lavrov spoke again.\n"),
            ("c.md", "---\noutlet: AP\n---\nRussia's Sergey Lavrov declined to comment.\n"),
        ] {
            files.push(SourceFile { path: name.into(), display: name.into(), text: text.into() });
        }
        let snap = Workspace::from_files(files, Config::default()).snapshot();
        let id = lavrov(&snap);
        let labels = |current: usize| {
            actor_definitions(&snap, id, current)
                .iter()
                .map(|l| snap.articles[l.article].article.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(0), ["a.md", "c.md"]);
        assert_eq!(
            labels(1),
            ["b.md", "c.md"],
            "the current article first, then one per other outlet"
        );
        assert_eq!(references(&snap, id, true).len(), 4, "references keep every mention");
    }

    #[test]
    fn references_honour_include_declaration() {
        let snap = seeds();
        let id = lavrov(&snap);
        let all = references(&snap, id, true);
        let without = references(&snap, id, false);
        assert_eq!(all.len() - without.len(), 4, "one introduction per article");
        let card = actor_card(&snap, id).unwrap();
        assert_eq!(card.mentions.iter().map(|c| c.count).sum::<usize>(), all.len());
        assert!(
            card.spellings.iter().any(|s| s.text == "Sergey Lavrov")
                && card.spellings.iter().any(|s| s.text == "Sergei Lavrov")
        );
    }

    #[test]
    fn figure_card_compares_with_other_outlets_and_search_is_fuzzy() {
        let snap = seeds();
        let two = snap.articles.iter().position(|a| a.article.meta.label == "002").unwrap();
        let f =
            snap.articles[two].figures.iter().position(|f| f.text == "275,000").expect("275,000");
        let card = figure_card(&snap, two, f).unwrap();
        assert_eq!(card.others.len(), 2);
        assert!(card.others.iter().all(|o| !o.agrees));
        let frame = card.frame.as_ref().expect("a compared figure has a frame");
        assert_eq!(frame.event.as_deref(), Some("living"));
        let hits = search_actors(&snap, "lavrv", 5);
        assert!(hits[0].name.contains("Lavrov"));
        assert!(search_actors(&snap, "", 1000).len() == snap.linked.actors.len());
    }

    #[test]
    fn a_figure_card_says_which_look_alikes_were_not_compared_and_why() {
        let snap = seeds();
        // the war's death toll and the convoy's: both count people killed, one is an incident
        let (article, figure) = snap
            .articles
            .iter()
            .enumerate()
            .find_map(|(a, art)| {
                let f = art.figures.iter().position(|f| {
                    f.key().is_some_and(|k| k.to_string() == "people:killed:convoy")
                })?;
                Some((a, f))
            })
            .expect("a convoy toll in the seeds");
        let card = figure_card(&snap, article, figure).unwrap();
        assert!(!card.not_compared.is_empty(), "{card:#?}");
        assert!(
            card.not_compared.iter().all(|n| n.why.contains("whole event")),
            "the war's toll is the whole event, the convoy's one incident: {:#?}",
            card.not_compared
        );
    }
}
