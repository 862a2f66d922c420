//! `textDocument/didOpen`: the editor's text shadows the file on disk until closed.

use crate::lsp::convert;
use crate::lsp::documents::Change;
use crate::lsp::global_state::GlobalState;
use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

/// Synchronous on purpose: see the ordering notes in `handlers/mod.rs`.
pub(crate) fn handle(state: &GlobalState, params: DidOpenTextDocumentParams) {
    if !state.takes_notifications() {
        return;
    }
    let d = params.text_document;
    state.apply(Change::Open {
        key: convert::key_of(&d.uri),
        text: d.text,
        version: d.version,
        language_id: d.language_id,
    });
}
