//! The coverage of a story side by side, as the report (`crosswire report`) shows it: outlets
//! as columns, actors as rows (who each outlet names, how, how often), and each compared
//! quantity with every outlet's figures, the ones in a finding marked. Plain data: byte spans
//! and article indices; the CLI renders it as HTML or JSON.

use super::query::Loc;
use super::Snapshot;
use crate::actors::{ActorId, ActorKind};
use crate::corpus::Date;
use crate::findings::{Code, FigureRef, Severity};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// The columns, in the order of their first article.
    pub outlets: Vec<Outlet>,
    /// The most mentioned actors, most mentioned first (at most [`ACTOR_ROWS`]).
    pub actors: Vec<ActorRow>,
    /// How many actors were left out of `actors`.
    pub actors_left_out: usize,
    /// The quantities two outlets or more give a figure for: those in a finding first.
    pub quantities: Vec<QuantityRow>,
}

/// How many actors the report lists.
pub const ACTOR_ROWS: usize = 40;

#[derive(Debug, Clone, PartialEq)]
pub struct Outlet {
    pub name: String,
    /// Its articles, in name order.
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    pub actor: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// One per outlet, in the order of [`Coverage::outlets`].
    pub cells: Vec<ActorCell>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActorCell {
    pub mentions: usize,
    /// The spellings the outlet uses, most used first.
    pub spellings: Vec<Spelling>,
    /// How the outlet describes the actor (its roles), in text order, without repeats.
    pub roles: Vec<String>,
    /// The first mention.
    pub first: Option<Loc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spelling {
    pub text: String,
    pub count: usize,
    /// Where the outlet first writes it.
    pub first: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuantityRow {
    pub key: String,
    /// "people living in Aleppo".
    pub description: String,
    /// The most severe finding on the quantity, if any.
    pub finding: Option<(Code, Severity)>,
    /// One list per outlet, in the order of [`Coverage::outlets`].
    pub cells: Vec<Vec<FigureEntry>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FigureEntry {
    pub figure: FigureRef,
    pub at: Loc,
    pub text: String,
    /// The interval the text asserts (`high` infinite when open).
    pub low: f64,
    pub high: f64,
    /// The publication date of its article.
    pub date: Option<Date>,
    /// The code of the finding it is part of (as the figure a finding is on, or a related one).
    pub in_finding: Option<Code>,
}

/// The coverage of a linked snapshot (actors are empty in an unlinked one).
pub fn coverage(snap: &Snapshot) -> Coverage {
    let mut outlet_of: Vec<usize> = Vec::with_capacity(snap.articles.len());
    let mut outlets: Vec<Outlet> = Vec::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, a) in snap.articles.iter().enumerate() {
        let o = *by_name.entry(a.article.outlet()).or_insert_with(|| {
            outlets.push(Outlet { name: a.article.outlet().to_string(), articles: Vec::new() });
            outlets.len() - 1
        });
        outlets[o].articles.push(i);
        outlet_of.push(o);
    }
    let actors = snap
        .linked
        .actors
        .iter()
        .take(ACTOR_ROWS)
        .map(|actor| {
            let mut cells = vec![ActorCell::default(); outlets.len()];
            for m in &actor.members {
                let art = snap.article(m.article);
                let Some(entity) = art.actors.entities.get(m.entity) else { continue };
                let cell = &mut cells[outlet_of[m.article]];
                for role in &entity.roles {
                    let role = role.text.trim();
                    if !role.is_empty() && !cell.roles.iter().any(|r| r.eq_ignore_ascii_case(role))
                    {
                        cell.roles.push(role.to_string());
                    }
                }
                for &mi in &entity.mentions {
                    let Some(mention) = art.actors.mentions.get(mi) else { continue };
                    cell.mentions += 1;
                    let text = art.actors.text_of(mention);
                    let here = Loc { article: m.article, span: mention.span.clone() };
                    let earlier =
                        |a: &Loc, b: &Loc| (a.article, a.span.start) < (b.article, b.span.start);
                    match cell.spellings.iter_mut().find(|s| s.text == text) {
                        Some(s) => {
                            s.count += 1;
                            if earlier(&here, &s.first) {
                                s.first = here.clone();
                            }
                        }
                        None => cell.spellings.push(Spelling {
                            text: text.to_string(),
                            count: 1,
                            first: here.clone(),
                        }),
                    }
                    if cell
                        .first
                        .as_ref()
                        .is_none_or(|f| (f.article, f.span.start) > (here.article, here.span.start))
                    {
                        cell.first = Some(here);
                    }
                }
            }
            for cell in &mut cells {
                cell.spellings.sort_by_key(|s| std::cmp::Reverse(s.count));
            }
            ActorRow { actor: actor.id, name: actor.name.clone(), kind: actor.kind, cells }
        })
        .collect();
    let mut in_finding: HashMap<FigureRef, Code> = HashMap::new();
    let mut finding_of: HashMap<&str, (Code, Severity)> = HashMap::new();
    for f in &snap.findings {
        for r in std::iter::once(f.at).chain(f.related.iter().map(|r| r.at)) {
            // a conflict outranks a divergence
            let e = in_finding.entry(r).or_insert(f.code);
            if f.code == Code::FigureConflict {
                *e = f.code;
            }
        }
        let e = finding_of.entry(f.quantity.as_str()).or_insert((f.code, f.severity));
        if f.severity > e.1 {
            *e = (f.code, f.severity);
        }
    }
    let mut quantities: Vec<QuantityRow> = snap
        .quantity_keys()
        .filter_map(|key| {
            let refs = snap.quantity(key)?;
            let mut cells: Vec<Vec<FigureEntry>> = vec![Vec::new(); outlets.len()];
            for &r in refs {
                let art = snap.article(r.article);
                let f = &art.figures[r.figure];
                cells[outlet_of[r.article]].push(FigureEntry {
                    figure: r,
                    at: Loc { article: r.article, span: f.span.clone() },
                    text: f.text.clone(),
                    low: f.low,
                    high: f.high,
                    date: art.article.meta.date,
                    in_finding: in_finding.get(&r).copied(),
                });
            }
            if cells.iter().filter(|c| !c.is_empty()).count() < 2 {
                return None;
            }
            let first = refs.first()?;
            let description = crate::findings::describe_quantity(
                &snap.article(first.article).figures[first.figure],
            );
            let key = key.to_string();
            Some(QuantityRow {
                finding: finding_of.get(key.as_str()).copied(),
                key,
                description,
                cells,
            })
        })
        .collect();
    // findings first (the most severe first), then the most outlets, then by key
    quantities.sort_by(|a, b| {
        let outlets = |q: &QuantityRow| q.cells.iter().filter(|c| !c.is_empty()).count();
        b.finding
            .map(|f| f.1)
            .cmp(&a.finding.map(|f| f.1))
            .then(outlets(b).cmp(&outlets(a)))
            .then(a.key.cmp(&b.key))
    });
    Coverage {
        outlets,
        actors_left_out: snap.linked.actors.len().saturating_sub(ACTOR_ROWS),
        actors,
        quantities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_show_their_conflict_first_and_lavrov_in_every_outlet() {
        let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds"));
        let loaded =
            crate::corpus::load(&[dir], &crate::corpus::ArticleFilter::default(), u64::MAX);
        let snap =
            crate::analysis::Workspace::from_files(loaded.files, Default::default()).snapshot();
        let c = coverage(&snap);
        assert_eq!(c.outlets.len(), 5);
        let first = &c.quantities[0];
        assert_eq!(first.key, "people:living:aleppo");
        assert_eq!(first.finding.map(|f| f.0), Some(Code::FigureConflict));
        let texts: Vec<&str> = first.cells.iter().flatten().map(|f| f.text.as_str()).collect();
        assert!(texts.contains(&"275,000"), "{texts:?}");
        let lavrov = c.actors.iter().find(|a| a.name.contains("Lavrov")).expect("Lavrov");
        assert!(lavrov.cells.iter().filter(|c| c.mentions > 0).count() >= 4);
    }
}
