//! `crosswire/articles`: the indexed articles (for editors' views and for tests). Sent as text
//! (`large_answers.rs`): the list of 10,000 articles is 40 MB as a `Value` tree.

use super::guarded;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::lsp::large_answers::{self, Token};
use serde_json::json;
use tower_lsp_server::jsonrpc::Result;

pub(crate) async fn handle(state: &GlobalState) -> Result<Token> {
    let p = state.current().await;
    let text = guarded(state, "crosswire/articles", move || {
        let (list, _) = large_answers::array_json(p.snapshot.articles.iter().map(|a| {
            let art = &a.article;
            json!({
                "uri": convert::uri_of(&art.name).map(|u| u.as_str().to_string()),
                "name": art.name,
                "outlet": art.outlet(),
                "label": art.meta.label,
                "title": art.meta.title,
                "date": art.meta.date.map(|d| d.to_string()),
                "version": p.versions.get(&art.name),
                "mentions": a.actors.mentions.len(),
                "entities": a.actors.entities.len(),
                "figures": a.figures.len(),
                // of the document (for a web page, its HTML, not the text taken from it)
                "bytes": art.file_text().len(),
                "digest": format!("{:016x}", fnv1a(art.file_text().as_bytes())),
            })
        }));
        let answer = json!({
            "revision": p.revision,
            "articles": crate::json_splice::HOLE,
            "actors": p.snapshot.linked.actors.len(),
            "findings": p.snapshot.findings.len(),
        });
        large_answers::fill(&answer, &list)
    })
    .await?;
    // kept only now that nothing can cancel the request (a cancelled one would leave it)
    Ok(state.outbox.put(text))
}

/// A digest of an article's text, so that tests can tell which text was analysed.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
