//! Find references: every mention of an actor in every article (`includeDeclaration` decides
//! whether the introductions are listed); for a figure, the figures of the same quantity.

use super::{offset_in, on_article};
use crate::analysis::query::{self, Loc};
use crate::analysis::{Snapshot, Target};
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::lsp::large_answers::{self, Token};
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::ReferenceParams;

/// `textDocument/references`, answered with the text of the list (see `large_answers.rs`: the
/// list for the most-named actor of 10,000 articles took 200 MB as a `Value` tree).
pub async fn handle(state: &GlobalState, params: ReferenceParams) -> Result<Option<Token>> {
    let tp = params.text_document_position;
    let include = params.context.include_declaration;
    let text = on_article(state, "references", &tp.text_document.uri, move |p, i| {
        let off = offset_in(p, i, tp.position)?;
        references_json(&p.snapshot, i, off, include, p.encoding)
    })
    .await?;
    // kept only now that nothing can cancel the request (a cancelled one would leave it)
    Ok(text.map(|t| state.outbox.put(t)))
}

/// The locations as the JSON text of the list, `None` for an empty one: a `Location` is made
/// and serialised at a time (the list for an actor named in every article is a hundred thousand
/// locations; see `large_answers.rs`).
pub fn references_json(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    include_declaration: bool,
    enc: Encoding,
) -> Option<Vec<u8>> {
    let locs = locs(snap, article, offset, include_declaration);
    let (json, n) =
        large_answers::array_json(locs.iter().filter_map(|l| convert::location(snap, l, enc)));
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
