//! `initialized`: start indexing, then ask the client to watch the files (or watch them here).

use crate::lsp::global_state::GlobalState;
use crate::lsp::watch;
use std::sync::Arc;

pub(crate) async fn handle(state: &Arc<GlobalState>) {
    // index first: a client may be slow to answer (or never answer) the registration
    state.wake.notify_one();
    if state.sandbox {
        return;
    }
    let mut builtin = !state.caps().dynamic_watch;
    if !builtin {
        // a client that never answers (or a session that ends first) must not hold `exit` up
        tokio::select! {
            r = state.client.register_capability(vec![watch::registration()]) => builtin = r.is_err(),
            _ = state.exited() => return,
        }
    }
    if builtin {
        state.start_builtin_watcher();
    }
}
