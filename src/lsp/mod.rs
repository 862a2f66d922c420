//! The language server: a thin translator between LSP and the analysis core.
//!
//! - `backend.rs`: the `LanguageServer` implementation, one line per method;
//! - `handlers/`: one file per LSP method, `from_proto → analysis → to_proto` (the ordering
//!   of notifications is explained in `handlers/mod.rs`);
//! - `global_state.rs`: the mutable state in one place and the snapshots requests answer from;
//! - `documents.rs`: open documents, revisions, dirty articles;
//! - `worker.rs`: analysis on blocking threads, snapshots, diagnostics publication
//!   (`diagnostics.rs`), progress (`progress.rs`);
//! - `convert.rs`: every position/URI conversion (UTF-16 or UTF-8);
//! - `settings.rs`: the configuration in force (crosswire.json over the client's settings);
//!   `config_doc.rs`: edits to crosswire.json; `watch.rs`: file watching;
//! - around tower-lsp-server, each for a measured or known problem: `input_guard.rs` (a
//!   malformed message would end the server), `large_answers.rs` (answers too large for
//!   `Value` trees), `allocator.rs` (glibc arenas and free pages).
//!
//! [`serve`] runs the server over any byte streams (stdio in [`run_stdio`], in-memory pipes
//! in tests and the fuzz target); [`serve_sandboxed`] does the same without touching the file
//! system through workspace folders.

// Only `run_stdio`, `serve`, `serve_sandboxed` and `drive_sandboxed` are the library's
// interface: every other item is `pub(crate)` at most.
#![warn(unreachable_pub)]

mod allocator;
mod backend;
mod config_doc;
mod convert;
mod diagnostics;
mod documents;
mod global_state;
mod handlers;
mod input_guard;
mod large_answers;
mod progress;
mod settings;
mod watch;
mod worker;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// How many requests may run at once (the default of 4 lets slow requests starve the reader).
const CONCURRENCY: usize = 32;

/// Runs the language server over stdio until the client says exit. Returns the exit code:
/// 0 after shutdown then exit, 1 when the client exited (or vanished) without shutdown.
pub fn run_stdio() -> i32 {
    allocator::tune();
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

/// Drives a sandboxed server as a client would: `initialize` and `initialized` first (waiting
/// for the answer, as clients do), then `data` verbatim, then end of input. Returns everything
/// the server wrote. For the `lsp_messages` fuzz target and the tests of the message loop.
#[doc(hidden)]
pub async fn drive_sandboxed(data: &[u8]) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, mut from_server) = tokio::io::duplex(1 << 16);
    let server = tokio::spawn(serve_sandboxed(server_in, server_out));
    let mut out = Vec::new();
    let init = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true,"resourceOperations":["create"]}},"general":{"positionEncodings":["utf-16"]}}}}"#;
    let initialized = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let _ = to_server
        .write_all(format!("Content-Length: {}\r\n\r\n{init}", init.len()).as_bytes())
        .await;
    let mut buf = [0u8; 8192];
    while !String::from_utf8_lossy(&out).contains("\"capabilities\"") {
        match from_server.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    let _ = to_server
        .write_all(format!("Content-Length: {}\r\n\r\n{initialized}", initialized.len()).as_bytes())
        .await;
    // feed the bytes while reading (the output pipe must not fill up), then end of input
    let feed = async move {
        let _ = to_server.write_all(data).await;
        drop(to_server);
    };
    let read = async {
        let _ = from_server.read_to_end(&mut out).await;
    };
    tokio::join!(feed, read);
    let _ = server.await;
    out
}

async fn serve_with<I, O>(input: I, output: O, sandbox: bool) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    let build = if sandbox { backend::Backend::sandboxed } else { backend::Backend::new };
    let builder = LspService::build(build)
        .custom_method("crosswire/articles", backend::Backend::articles)
        .custom_method(large_answers::REFERENCES_AS_TEXT, backend::Backend::references_as_text)
        .custom_method(input_guard::INVALID_METHOD, backend::Backend::invalid_message);
    #[cfg(feature = "test-hooks")]
    let builder = builder.custom_method("crosswire/debugPanic", backend::Backend::debug_panic);
    let (service, socket) = builder.finish();
    let state = service.inner().state.clone();
    // the input goes through the guard that keeps malformed messages from ending the server,
    // and that tells the state when `exit` comes (which tower-lsp-server handles itself)
    let (guarded, guard_out) = tokio::io::duplex(1 << 16);
    let on_exit = {
        let state = state.clone();
        move || state.mark_exiting()
    };
    let guard =
        tokio::spawn(input_guard::filter(tokio::io::BufReader::new(input), guard_out, on_exit));
    // large answers go out as text (`large_answers.rs`)
    let output = large_answers::Writer::new(output, state.outbox.clone());
    Server::new(guarded, output, socket)
        .concurrency_level(CONCURRENCY)
        .serve(large_answers::TextReferences(service))
        .await;
    guard.abort();
    // stop the worker (it exits when woken while exiting)
    state.mark_exiting();
    if state.was_shut_down() {
        0
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    //! The in-process message loop (what the `lsp_messages` fuzz target drives): arbitrary
    //! bytes then end of input must end the loop, without a panic. Crash inputs found by
    //! fuzzing are kept here as regression cases.
    use super::serve_sandboxed;
    use std::time::Duration;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
    }

    /// A well-formed session touching every request the server answers.
    fn session() -> Vec<u8> {
        let uri = "untitled:a.txt";
        let text = "Sergei Lavrov met John Kerry.\nLavrov said hundreds of thousands of people fled; 275,000 people live in Aleppo.\n";
        let pos = r#"{"line":1,"character":2}"#;
        let td = format!(r#"{{"uri":"{uri}"}}"#);
        let mut v = Vec::new();
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///","capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true,"resourceOperations":["create"]}}}}}"#.to_string(),
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.to_string(),
            format!(r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":1,"text":{}}}}}}}"#, serde_json::to_string(text).unwrap()),
            format!(r#"{{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{{"textDocument":{td},"position":{pos}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{{"textDocument":{td},"range":{{"start":{pos},"end":{pos}}},"context":{{"diagnostics":[]}}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":4,"method":"textDocument/rename","params":{{"textDocument":{td},"position":{pos},"newName":"X"}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":5,"method":"textDocument/prepareRename","params":{{"textDocument":{td},"position":{pos}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":6,"method":"textDocument/codeLens","params":{{"textDocument":{td}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":7,"method":"textDocument/inlayHint","params":{{"textDocument":{td},"range":{{"start":{{"line":0,"character":0}},"end":{{"line":99,"character":0}}}}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":8,"method":"textDocument/semanticTokens/full","params":{{"textDocument":{td}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":9,"method":"textDocument/semanticTokens/range","params":{{"textDocument":{td},"range":{{"start":{{"line":1,"character":0}},"end":{{"line":1,"character":9}}}}}}}}"#),
            format!(r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":1,"character":0}},"end":{{"line":9,"character":0}}}},"text":"x"}}]}}}}"#),
            r#"{"jsonrpc":"2.0","id":10,"method":"crosswire/articles"}"#.to_string(),
            r#"{"jsonrpc":"2.0","id":11,"method":"crosswire/debugPanic"}"#.to_string(),
        ] {
            v.extend(frame(&body));
        }
        v
    }

    fn run(input: Vec<u8>) -> Vec<u8> {
        let bare = input.clone();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let out = rt.block_on(async move {
            let r =
                tokio::time::timeout(Duration::from_secs(30), super::drive_sandboxed(&input)).await;
            r.expect("the message loop did not end")
        });
        rt.shutdown_timeout(Duration::from_secs(1));
        // the bare loop too (requests before initialize)
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let r = tokio::time::timeout(
                Duration::from_secs(30),
                serve_sandboxed(std::io::Cursor::new(bare), tokio::io::sink()),
            )
            .await;
            assert!(r.is_ok(), "the message loop did not end");
        });
        rt.shutdown_timeout(Duration::from_secs(1));
        out
    }

    #[test]
    fn a_whole_session_then_eof_ends_and_answers_every_request() {
        let out = String::from_utf8_lossy(&run(session())).into_owned();
        for id in 1..=11 {
            assert!(out.contains(&format!("\"id\":{id}")), "no answer to {id}: {out}");
        }
        assert!(out.contains("semanticTokens") || out.contains("\"data\""), "{out}");
    }

    #[test]
    fn garbage_truncations_and_hostile_frames_end_cleanly() {
        let s = session();
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"\r\n\r\n".to_vec(),
            b"Content-Length: 99999999999999999999\r\n\r\n{}".to_vec(),
            b"Content-Length: 5\r\n\r\n{\"a\":".to_vec(),
            b"Content-Length: -1\r\n\r\n".to_vec(),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#),
            frame(r#"{"jsonrpc":"2.0","id":[],"method":"initialize","params":null}"#),
            // regression inputs found by fuzzing go here
        ];
        for cut in [1, 17, s.len() / 3, s.len() / 2, s.len() - 1] {
            cases.push(s[..cut].to_vec());
        }
        let mut positions = s.clone();
        // absurd positions everywhere
        let text = String::from_utf8_lossy(&positions)
            .replace("\"line\":1", "\"line\":4294967295")
            .replace("\"character\":2", "\"character\":4294967295");
        positions = text.into_bytes();
        cases.push(positions);
        for c in cases {
            run(c);
        }
    }
}
