//! The language server: a thin translator between LSP and the analysis core.
//!
//! - `server.rs`: the `LanguageServer` glue, shared state, and the ordering layer;
//! - `state.rs`: the single owner of document state (ropes, revisions, dirty articles);
//! - `worker.rs`: debounced analysis on blocking threads, snapshots, diagnostics publication;
//! - `convert.rs`: every position/URI conversion (UTF-16 or UTF-8);
//! - one file per feature: `diagnostics.rs`, `hover.rs`, `definition.rs`, `references.rs`,
//!   `highlight.rs`, `symbols.rs`, `watch.rs`, `progress.rs`, `config.rs`.

mod config;
pub mod convert;
mod definition;
mod diagnostics;
mod highlight;
mod hover;
mod progress;
mod references;
mod server;
mod state;
mod symbols;
mod transport;
mod watch;
mod worker;

use std::sync::atomic::Ordering;
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
    let code = rt.block_on(async {
        let (service, socket) = LspService::build(server::Backend::new)
            .custom_method("crosswire/articles", server::Backend::articles)
            .custom_method(transport::INVALID_METHOD, server::Backend::invalid_message)
            .finish();
        let shared = service.inner().shared.clone();
        let ordered = server::Ordered { inner: service, shared: shared.clone() };
        // stdin goes through the guard that keeps malformed messages from ending the server
        let (guarded, guard_out) = tokio::io::duplex(1 << 16);
        tokio::spawn(transport::filter(tokio::io::BufReader::new(tokio::io::stdin()), guard_out));
        Server::new(guarded, tokio::io::stdout(), socket).concurrency_level(CONCURRENCY).serve(ordered).await;
        if shared.shutdown.load(Ordering::SeqCst) { 0 } else { 1 }
    });
    rt.shutdown_background();
    code
}
