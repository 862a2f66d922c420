//! Where each note of `crosswire.json` applies in a snapshot, and which can no longer be found
//! (stale), which callers report rather than drop. The notes themselves, and the search for a
//! quote after edits, are `crate::notes`.

use crate::analysis::query::{self, Loc};
use crate::analysis::Snapshot;
use crate::findings::Finding;
use crate::notes::{file_name, locate_within, Anchor, Found, Note, FUZZY_BUDGET};
use crate::text::fold;
use std::collections::HashMap;

/// Where one note of `crosswire.json` applies in a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteUse {
    /// The note's position in `notes`.
    pub index: usize,
    pub status: Status,
    /// Every place it applies, in article and text order (empty when stale or unchecked).
    pub places: Vec<Loc>,
    /// The actor an actor note found.
    pub actor: Option<crate::actors::ActorId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Found; for a text anchor, how.
    Found(Found),
    /// Can no longer be found: the note is kept in crosswire.json and reported.
    Stale(Stale),
    /// An actor note in a snapshot whose actors were not linked (`crosswire check` links none).
    Unchecked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stale {
    /// No article of that file name.
    NoArticle,
    /// The article is there, the quoted text is not.
    TextGone,
    /// No actor goes by that name.
    NoActor,
    /// No figure has that quantity key.
    NoQuantity,
}

impl Stale {
    pub fn as_str(self) -> &'static str {
        match self {
            Stale::NoArticle => "no-article",
            Stale::TextGone => "text-gone",
            Stale::NoActor => "no-actor",
            Stale::NoQuantity => "no-quantity",
        }
    }
}

impl Status {
    /// `exact`, `moved`, `rewritten`, `found`, `stale`, `unchecked`: the status word of the
    /// reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Found(Found::Exact) => "exact",
            Status::Found(Found::Moved) => "moved",
            Status::Found(Found::Rewritten) => "rewritten",
            Status::Stale(_) => "stale",
            Status::Unchecked => "unchecked",
        }
    }

    pub fn is_stale(self) -> bool {
        matches!(self, Status::Stale(_))
    }
}

impl NoteUse {
    /// A message for a note that can no longer be found, naming the note and where it was:
    /// "note 2 (“275,000 civilians” in 002_….txt) no longer found in 002_….txt".
    pub fn stale_message(&self, note: &Note) -> Option<String> {
        let Status::Stale(why) = self.status else { return None };
        let n = self.index + 1;
        let what = note.anchor.describe();
        Some(match (why, &note.anchor) {
            (Stale::TextGone, Anchor::Text(t)) => {
                format!("note {n} ({what}) no longer found in {}", t.article)
            }
            (Stale::NoArticle, Anchor::Text(t)) => {
                format!("note {n} ({what}): no article named {}", t.article)
            }
            (Stale::NoActor, _) => format!("note {n} ({what}): no actor goes by that name"),
            _ => format!("note {n} ({what}): no figure has that quantity key"),
        })
    }
}

/// Where every note of the snapshot's configuration applies (computed once per snapshot and
/// kept in it: [`Snapshot::notes`]).
pub fn resolve(snap: &Snapshot) -> std::sync::Arc<Vec<NoteUse>> {
    snap.notes()
}

/// Where every note applies, computed. Text anchors are searched in their article only, the
/// fuzzy searches of all notes within one budget ([`FUZZY_BUDGET`]); actor notes need linked
/// actors ([`Status::Unchecked`] otherwise).
pub fn compute(snap: &Snapshot) -> Vec<NoteUse> {
    let notes = &snap.config.notes;
    if notes.is_empty() {
        return Vec::new();
    }
    let by_file: HashMap<String, usize> = {
        let mut m = HashMap::new();
        // the first article of a file name wins, as articles are in name order
        for (i, a) in snap.articles.iter().enumerate().rev() {
            m.insert(file_name(&a.article.name).into_owned(), i);
        }
        m
    };
    let by_name = actor_names(snap);
    let mut budget = FUZZY_BUDGET;
    notes
        .iter()
        .enumerate()
        .map(|(index, note)| {
            let mut found_actor = None;
            let (status, places) = match &note.anchor {
                Anchor::Text(t) => match by_file.get(&t.article) {
                    None => (Status::Stale(Stale::NoArticle), Vec::new()),
                    Some(&article) => {
                        match locate_within(&snap.article(article).article.text, t, &mut budget) {
                            Some(l) => (Status::Found(l.how), vec![Loc { article, span: l.span }]),
                            None => (Status::Stale(Stale::TextGone), Vec::new()),
                        }
                    }
                },
                Anchor::Actor(_) if !snap.is_linked() => (Status::Unchecked, Vec::new()),
                Anchor::Actor(name) => match by_name.get(&fold(name)) {
                    Some(&actor) => {
                        found_actor = Some(actor);
                        (Status::Found(Found::Exact), query::references(snap, actor, true))
                    }
                    None => (Status::Stale(Stale::NoActor), Vec::new()),
                },
                Anchor::Quantity(key) => match snap.quantity_written(key) {
                    Some(refs) if !refs.is_empty() => {
                        let places = refs
                            .iter()
                            .map(|r| Loc {
                                article: r.article,
                                span: snap.article(r.article).figures[r.figure].span.clone(),
                            })
                            .collect();
                        (Status::Found(Found::Exact), places)
                    }
                    _ => (Status::Stale(Stale::NoQuantity), Vec::new()),
                },
            };
            NoteUse { index, status, places, actor: found_actor }
        })
        .collect()
}

/// Each actor by its folded names: display name and every spelling in use (the first actor,
/// the most mentioned, wins a name two share).
fn actor_names(snap: &Snapshot) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    if snap.config.notes.iter().all(|n| !matches!(n.anchor, Anchor::Actor(_))) {
        return m;
    }
    for a in snap.linked.actors.iter().rev() {
        for name in std::iter::once(&a.name).chain(&a.aliases) {
            m.insert(fold(name), a.id);
        }
    }
    m
}

/// Whether `place` lies over (or is) the stretch `at` of article `article`.
fn overlaps(place: &Loc, article: usize, at: &crate::text::Span) -> bool {
    place.article == article
        && place.span.start < at.end.max(at.start + 1)
        && at.start < place.span.end.max(place.span.start + 1)
}

/// The notes (indices into `uses`) that touch `finding`: a note on its quantity, or one whose
/// text overlaps a figure of it.
pub fn touching_finding(snap: &Snapshot, uses: &[NoteUse], finding: &Finding) -> Vec<usize> {
    let figures: Vec<(usize, crate::text::Span)> = std::iter::once(finding.at)
        .chain(finding.related.iter().map(|r| r.at))
        .map(|r| (r.article, snap.article(r.article).figures[r.figure].span.clone()))
        .collect();
    uses.iter()
        .enumerate()
        .filter(|(_, u)| match &snap.config.notes[u.index].anchor {
            Anchor::Quantity(key) => *key == finding.quantity && !u.status.is_stale(),
            Anchor::Text(_) => {
                u.places.iter().any(|p| figures.iter().any(|(a, s)| overlaps(p, *a, s)))
            }
            Anchor::Actor(_) => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// The notes (indices into `uses`) that apply over `span` of `article`.
pub fn touching(uses: &[NoteUse], article: usize, span: &crate::text::Span) -> Vec<usize> {
    uses.iter()
        .enumerate()
        .filter(|(_, u)| u.places.iter().any(|p| overlaps(p, article, span)))
        .map(|(i, _)| i)
        .collect()
}
