//! One handler per LSP method, each `from_proto → analysis → to_proto`: the parameters are
//! turned into byte offsets and article indices (`convert.rs`), the plain-data query runs on a
//! snapshot (`analysis::query`), and its answer is turned into LSP types.
//!
//! Ordering. tower-lsp-server runs every message's handler concurrently, notifications
//! included (tower-lsp #284), so an `.await` before a state update could reorder two
//! didChange. The handlers of state-changing notifications are therefore synchronous: they
//! apply the change to [`GlobalState`] before they return, holding no lock across an `.await`
//! (they contain none). The transport polls each handler's future for the first time in the
//! order the messages were read (one `FuturesUnordered`, whose queue of futures to poll is
//! first in, first out), so changes are applied in arrival order; and a request handler, whose
//! first step reads the current revision ([`GlobalState::current`]), sees every change sent
//! before it. `tests/it/lsp_protocol.rs` checks both through the real binary.
//!
//! Request handlers run their query on a blocking thread ([`guarded`]): a panic inside becomes
//! an internal error, never a dead server, and CPU work stays off the tokio workers that read
//! and write the messages.

pub(crate) mod articles;
pub(crate) mod code_action;
pub(crate) mod code_lens;
#[cfg(feature = "test-hooks")]
pub(crate) mod debug_panic;
pub(crate) mod definition;
pub(crate) mod did_change;
pub(crate) mod did_change_configuration;
pub(crate) mod did_change_watched_files;
pub(crate) mod did_change_workspace_folders;
pub(crate) mod did_close;
pub(crate) mod did_open;
pub(crate) mod document_highlight;
pub(crate) mod document_symbol;
pub(crate) mod hover;
pub(crate) mod initialize;
pub(crate) mod initialized;
pub(crate) mod inlay_hint;
pub(crate) mod note_action;
pub(crate) mod references;
pub(crate) mod rename;
pub(crate) mod semantic_tokens;
pub(crate) mod workspace_symbol;

use super::convert;
use super::global_state::{GlobalState, Published};
use crate::corpus::Article;
use crate::text::Encoding;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{MessageType, Position, Uri};

/// Runs `f` on a blocking thread. A panic inside is caught, logged (window/logMessage) and
/// answered as an InternalError; the server carries on.
pub(crate) async fn guarded<T: Send + 'static>(
    state: &GlobalState,
    what: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let outcome = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(f))).await;
    let msg = match outcome {
        Ok(Ok(v)) => return Ok(v),
        Ok(Err(panic)) => panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into()),
        Err(e) => e.to_string(),
    };
    let msg = format!("{what} failed (a bug in crosswire; please report it): {msg}");
    state.client.log_message(MessageType::ERROR, format!("crosswire: {msg}")).await;
    Err(Error {
        code: ErrorCode::InternalError,
        message: format!("crosswire: internal error: {msg}").into(),
        data: None,
    })
}

/// Runs a query about one article against the current snapshot on a blocking thread (see
/// [`guarded`]). Unknown documents answer `None`.
pub(crate) async fn on_article<T: Send + 'static>(
    state: &GlobalState,
    what: &'static str,
    uri: &Uri,
    f: impl FnOnce(&Published, usize) -> Option<T> + Send + 'static,
) -> Result<Option<T>> {
    let key = convert::key_of(uri);
    let p = state.current().await;
    guarded(state, what, move || {
        let i = p.snapshot.article_index(&key)?;
        f(&p, i)
    })
    .await
}

/// The byte offset of a client position in article `i` of the snapshot.
fn offset_in(p: &Published, i: usize, pos: Position) -> Option<usize> {
    convert::offset(&p.snapshot.articles[i].article, pos, p.encoding)
}

/// The bytes of an article a client range covers: positions past the end clamp to the end.
fn span_of(
    article: &Article,
    range: tower_lsp_server::ls_types::Range,
    enc: Encoding,
) -> Range<usize> {
    let start = convert::offset(article, range.start, enc).unwrap_or(article.text.len());
    let end = convert::offset(article, range.end, enc).unwrap_or(article.text.len()).max(start);
    start..end
}
