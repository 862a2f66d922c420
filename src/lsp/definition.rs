//! Go to definition: an actor's introduction in each outlet (current document first); a
//! figure's counterparts (the other outlets' figures for the same quantity).

use super::convert;
use crate::analysis::{query, Snapshot};
use crate::text::Encoding;
use tower_lsp_server::ls_types::Location;

pub fn definition(snap: &Snapshot, article: usize, offset: usize, enc: Encoding) -> Vec<Location> {
    let Some(target) = query::target_at(snap, article, offset) else { return Vec::new() };
    query::definitions(snap, article, target)
        .iter()
        .filter_map(|l| convert::location(snap, l, enc))
        .collect()
}
