//! `textDocument/codeLens`: on each article's title line, "N actors · M conflicts".

use super::on_article;
use crate::actors::EntityRef;
use crate::analysis::Snapshot;
use crate::findings::Code;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(crate) async fn handle(
    state: &GlobalState,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>> {
    on_article(state, "codeLens", &params.text_document.uri, move |p, i| {
        code_lens(&p.snapshot, i, p.encoding)
    })
    .await
}

/// The code lens of an article: on its title line (line 0 when the title is not in the text).
pub(crate) fn code_lens(snap: &Snapshot, article: usize, enc: Encoding) -> Option<Vec<CodeLens>> {
    let a = snap.articles.get(article)?;
    let at = a.article.meta.title_span.as_ref().map_or(0, |s| s.start);
    let pos = convert::position(&a.article, at, enc);
    let mut actors: Vec<usize> = (0..a.actors.entities.len())
        .filter_map(|e| snap.linked.actor_of(EntityRef { article, entity: e }))
        .collect();
    actors.sort_unstable();
    actors.dedup();
    let conflicts =
        snap.findings_in(article).filter(|f| f.is_open() && f.code == Code::FigureConflict).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let title = format!(
        "{} · {}",
        plural(actors.len(), "actor", "actors"),
        plural(conflicts, "conflict", "conflicts")
    );
    let range = tower_lsp_server::ls_types::Range {
        start: Position { line: pos.line, character: 0 },
        end: Position { line: pos.line, character: 0 },
    };
    Some(vec![CodeLens {
        range,
        command: Some(Command { title, command: String::new(), arguments: None }),
        data: None,
    }])
}
