//! Find references: every mention of an actor in every article (`includeDeclaration` decides
//! whether the introductions are listed); for a figure, the figures of the same quantity.

use super::convert;
use super::raw;
use crate::analysis::query::{self, Loc};
use crate::analysis::{Snapshot, Target};
use crate::text::Encoding;
use tower_lsp_server::ls_types::Location;

pub fn references(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    include_declaration: bool,
    enc: Encoding,
) -> Vec<Location> {
    locs(snap, article, offset, include_declaration)
        .iter()
        .filter_map(|l| convert::location(snap, l, enc))
        .collect()
}

/// [`references`] as the JSON text of the list, `None` for an empty one: a `Location` is made
/// and serialised at a time (the list for an actor named in every article is a hundred thousand
/// locations; see `raw.rs`).
pub fn references_json(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    include_declaration: bool,
    enc: Encoding,
) -> Option<Vec<u8>> {
    let locs = locs(snap, article, offset, include_declaration);
    let (json, n) = raw::array_json(locs.iter().filter_map(|l| convert::location(snap, l, enc)));
    (n > 0).then_some(json)
}

fn locs(snap: &Snapshot, article: usize, offset: usize, include_declaration: bool) -> Vec<Loc> {
    match query::target_at(snap, article, offset) {
        Some(Target::Mention { actor, .. }) => query::references(snap, actor, include_declaration),
        Some(Target::Figure { figure }) => {
            let mut v = Vec::new();
            if include_declaration {
                if let Some(f) = snap.articles[article].figures.get(figure) {
                    v.push(Loc { article, span: f.span.clone() });
                }
            }
            v.extend(query::same_quantity(snap, article, figure));
            v
        }
        None => Vec::new(),
    }
}
