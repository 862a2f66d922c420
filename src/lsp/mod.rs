//! The language server: a thin translator between LSP and the analysis core.
//!
//! - `server.rs`: the `LanguageServer` glue, shared state, and the ordering layer;
//! - `state.rs`: the single owner of document state (ropes, revisions, dirty articles);
//! - `worker.rs`: debounced analysis on blocking threads, snapshots, diagnostics publication;
//! - `convert.rs`: every position/URI conversion (UTF-16 or UTF-8);
//! - one file per feature: `diagnostics.rs`, `hover.rs`, `definition.rs`, `references.rs`,
//!   `highlight.rs`, `symbols.rs`, `watch.rs`, `progress.rs`, `config.rs`;
//!   `code_actions.rs` (code actions and rename: WorkspaceEdits on crosswire.json),
//!   `reading.rs` (code lens, inlay hints, semantic tokens).
//!
//! [`serve`] runs the server over any byte streams (stdio in [`run_stdio`], in-memory pipes
//! in tests and the fuzz target); [`serve_sandboxed`] does the same without touching the file
//! system through workspace folders.

mod code_actions;
mod config;
pub mod convert;
mod definition;
mod diagnostics;
mod highlight;
mod hover;
mod progress;
mod reading;
mod references;
mod server;
mod state;
mod symbols;
mod transport;
mod watch;
mod worker;

use std::sync::atomic::Ordering;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// How many requests may run at once (the default of 4 lets slow requests starve the reader).
const CONCURRENCY: usize = 32;

/// Runs the language server over stdio until the client says exit. Returns the exit code:
/// 0 after shutdown then exit, 1 when the client exited (or vanished) without shutdown.
pub fn run_stdio() -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("crosswire lsp: cannot start: {e}");
            return 2;
        }
    };
    let code = rt.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    rt.shutdown_background();
    code
}

/// Serves one client over `input`/`output` until exit or the end of `input`. Returns 0 after
/// shutdown then exit, else 1. Needs a tokio runtime with time enabled.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    serve_with(input, output, false).await
}

/// [`serve`] without file-system access through workspace folders (no walking, no watcher,
/// no crosswire.json): for fuzzing the message loop with arbitrary bytes.
pub async fn serve_sandboxed<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    serve_with(input, output, true).await
}

async fn serve_with<I, O>(input: I, output: O, sandbox: bool) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    let build = if sandbox { server::Backend::sandboxed } else { server::Backend::new };
    let (service, socket) = LspService::build(build)
        .custom_method("crosswire/articles", server::Backend::articles)
        .custom_method("crosswire/debugPanic", server::Backend::debug_panic)
        .custom_method(transport::INVALID_METHOD, server::Backend::invalid_message)
        .finish();
    let shared = service.inner().shared.clone();
    let ordered = server::Ordered { inner: service, shared: shared.clone() };
    // the input goes through the guard that keeps malformed messages from ending the server
    let (guarded, guard_out) = tokio::io::duplex(1 << 16);
    let filter = tokio::spawn(transport::filter(tokio::io::BufReader::new(input), guard_out));
    Server::new(guarded, output, socket).concurrency_level(CONCURRENCY).serve(ordered).await;
    filter.abort();
    // stop the worker (it exits when woken while exiting)
    shared.mark_exiting();
    if shared.shutdown.load(Ordering::SeqCst) { 0 } else { 1 }
}
