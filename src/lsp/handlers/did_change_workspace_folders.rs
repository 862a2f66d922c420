//! `workspace/didChangeWorkspaceFolders`: folders added (walked) or removed (their articles
//! leave the index).

use crate::lsp::convert;
use crate::lsp::documents::Change;
use crate::lsp::global_state::GlobalState;
use std::path::PathBuf;
use tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams;

/// Synchronous on purpose: see the ordering notes in `handlers/mod.rs`.
pub(crate) fn handle(state: &GlobalState, params: DidChangeWorkspaceFoldersParams) {
    if !state.takes_notifications() || state.sandbox {
        return;
    }
    let paths = |fs: &[tower_lsp_server::ls_types::WorkspaceFolder]| -> Vec<PathBuf> {
        fs.iter().filter_map(|f| convert::path_of(&f.uri)).collect()
    };
    let (added, removed) = (paths(&params.event.added), paths(&params.event.removed));
    state.rewatch(&added, &removed);
    state.apply(Change::Folders { added, removed });
}
