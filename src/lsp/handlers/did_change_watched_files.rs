//! `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk (the built-in
//! watcher of `watch.rs` feeds the same changes for clients that cannot watch).

use crate::lsp::convert;
use crate::lsp::documents::{Change, DiskEvent};
use crate::lsp::global_state::GlobalState;
use tower_lsp_server::ls_types::{DidChangeWatchedFilesParams, FileChangeType};

/// Synchronous on purpose: see the ordering notes in `handlers/mod.rs`.
pub(crate) fn handle(state: &GlobalState, params: DidChangeWatchedFilesParams) {
    if !state.takes_notifications() {
        return;
    }
    for c in params.changes {
        let Some(path) = convert::path_of(&c.uri) else { continue };
        let event =
            if c.typ == FileChangeType::DELETED { DiskEvent::Deleted } else { DiskEvent::Changed };
        state.apply(Change::Disk { path, event });
    }
}
