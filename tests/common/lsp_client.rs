//! A small LSP client for tests: spawns `crosswire lsp`, speaks Content-Length framed
//! JSON-RPC over its stdio, answers the server's requests, and keeps every notification so
//! tests can wait for the one they need. Every wait is bounded, so a hang fails the test.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

#[path = "framing.rs"]
mod framing;
use framing::{read_in_background, write_message};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Every notification received, in order.
    pub notifications: Vec<Value>,
    /// Every request the server sent us, in order.
    pub server_requests: Vec<Value>,
    /// Responses that arrived while waiting for something else.
    responses: Vec<Value>,
    /// Answers to give to server requests by method (default: null).
    pub answers: Vec<(String, Value)>,
}

/// Client capabilities for a modern editor: dynamic registration of watched files, work-done
/// progress, hierarchical symbols, UTF-16 positions.
pub fn caps_full() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "window": { "workDoneProgress": true },
        "workspace": {
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true,
            "configuration": true
        },
        "textDocument": {
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true }
        }
    })
}

/// A client that ignores registrations (like Neovim 0.7): the server must watch by itself.
pub fn caps_plain() -> Value {
    json!({ "textDocument": { "publishDiagnostics": { "relatedInformation": true } } })
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A temporary copy of `fixtures/seeds` (never modify the fixtures themselves).
pub fn copy_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    for entry in std::fs::read_dir(&src).expect("fixtures/seeds") {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// The path of the seed whose name starts with `prefix` ("002") in `dir`.
pub fn seed(dir: &Path, prefix: &str) -> PathBuf {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    v.sort();
    v.into_iter().next().unwrap_or_else(|| panic!("no seed {prefix} in {}", dir.display()))
}

/// Line (0-based) and UTF-16 column of the `nth` occurrence of `needle` in `text`.
pub fn utf16_pos(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let off = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not found"))
        .0;
    let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..off].matches('\n').count() as u32;
    let col = text[line_start..off].encode_utf16().count() as u32;
    (line, col)
}

/// Same, in UTF-8 bytes.
pub fn utf8_pos(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let off = text.match_indices(needle).nth(nth).unwrap().0;
    let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    (text[..off].matches('\n').count() as u32, (off - line_start) as u32)
}

/// FNV-1a 64, as the server's `crosswire/articles` digest.
pub fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

impl LspClient {
    pub fn spawn() -> LspClient {
        Self::spawn_with(&["lsp"])
    }

    pub fn spawn_with(args: &[&str]) -> LspClient {
        Self::spawn_env(args, &[])
    }

    /// Spawns with extra environment variables.
    pub fn spawn_env(args: &[&str], envs: &[(&str, &str)]) -> LspClient {
        let mut command = Command::new(env!("CARGO_BIN_EXE_crosswire"));
        command.args(args).envs(envs.iter().copied());
        Self::spawn_command(command)
    }

    /// Spawns `program args...` and speaks LSP over its stdio: the server run under another
    /// program (`strace -f ... crosswire lsp`).
    pub fn spawn_program(program: &str, args: &[&str]) -> LspClient {
        let mut command = Command::new(program);
        command.args(args);
        Self::spawn_command(command)
    }

    fn spawn_command(mut command: Command) -> LspClient {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn crosswire lsp");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let rx = read_in_background(stdout);
        LspClient {
            child,
            stdin,
            rx,
            next_id: 1,
            notifications: Vec::new(),
            server_requests: Vec::new(),
            responses: Vec::new(),
            answers: Vec::new(),
        }
    }

    pub fn send(&mut self, v: &Value) {
        write_message(self.stdin.as_mut().expect("stdin open"), v).unwrap();
    }

    /// Sends raw bytes (for malformed-input tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Handles one incoming message: answers server requests, files the rest.
    fn dispatch(&mut self, m: Value) {
        if m.get("method").is_some() && m.get("id").is_some() {
            let method = m["method"].as_str().unwrap_or("").to_string();
            let answer = self.answers.iter().find(|(k, _)| *k == method).map(|(_, v)| v.clone());
            let result = answer.unwrap_or_else(|| {
                if method == "workspace/configuration" {
                    let n = m["params"]["items"].as_array().map_or(1, |a| a.len());
                    Value::Array(vec![Value::Null; n])
                } else {
                    Value::Null
                }
            });
            let id = m["id"].clone();
            self.server_requests.push(m);
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
        } else if m.get("method").is_some() {
            self.notifications.push(m);
        } else {
            self.responses.push(m);
        }
    }

    /// Pumps messages until `deadline`; false on timeout or end of stream.
    fn pump(&mut self, deadline: Instant) -> bool {
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        match self.rx.recv_timeout(deadline - now) {
            Ok(m) => {
                self.dispatch(m);
                true
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => false,
        }
    }

    /// The full response (with `result` or `error`) to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.responses.iter().position(|r| r["id"] == json!(id)) {
                return self.responses.remove(i);
            }
            if !self.pump(deadline) {
                panic!("no response to request {id} within {TIMEOUT:?}");
            }
        }
    }

    /// Sends a request and waits for its full response.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(id)
    }

    /// Sends a request and returns its result (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_raw(method, params);
        if let Some(e) = r.get("error") {
            panic!("{method} failed: {e}");
        }
        r["result"].clone()
    }

    /// Waits for a notification satisfying `pred` received after index `from` of
    /// [`Self::notifications`]; returns it.
    pub fn wait_notification_from(
        &mut self,
        from: usize,
        what: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        let mut checked = from;
        loop {
            while checked < self.notifications.len() {
                if pred(&self.notifications[checked]) {
                    return self.notifications[checked].clone();
                }
                checked += 1;
            }
            if !self.pump(deadline) {
                panic!(
                    "timed out waiting for {what}; notifications: {:#?}",
                    self.notifications
                        .iter()
                        .skip(from)
                        .map(|n| n["method"].clone())
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    pub fn wait_notification(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_notification_from(0, what, pred)
    }

    /// Waits for diagnostics of `uri` satisfying `pred` (published after index `from`).
    pub fn wait_diagnostics_from(
        &mut self,
        from: usize,
        uri: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
        let u = uri.to_string();
        let n = self.wait_notification_from(from, &format!("diagnostics of {uri}"), move |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == json!(u)
                && pred(&n["params"])
        });
        n["params"].clone()
    }

    /// Reads whatever arrives for `d` (to let the server settle).
    pub fn drain_for(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while self.pump(deadline) {}
    }

    /// Polls `crosswire/articles` until it lists exactly `n` articles (the workspace indexed).
    pub fn wait_indexed(&mut self, n: usize) -> Value {
        self.wait_articles("indexed", |a| a["articles"].as_array().is_some_and(|v| v.len() == n))
    }

    /// Polls `crosswire/articles` until `pred` holds.
    pub fn wait_articles(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let a = self.request("crosswire/articles", Value::Null);
            if pred(&a) {
                return a;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; last: {a:#}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// initialize (with `root` as the one workspace folder) and initialized.
    pub fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        self.initialize_with(root, capabilities, Value::Null)
    }

    pub fn initialize_with(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let u = uri(root);
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": u,
                "workspaceFolders": [{ "uri": u, "name": "root" }],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, path: &Path, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "plaintext", "version": version, "text": text } }),
        );
    }

    pub fn change(&mut self, path: &Path, version: i32, changes: Value) {
        self.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri(path), "version": version }, "contentChanges": changes }));
    }

    pub fn at(path: &Path, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": uri(path) }, "position": { "line": line, "character": character } })
    }

    /// shutdown, then exit; returns the exit status (bounded wait).
    pub fn shutdown_and_exit(mut self) -> (ExitStatus, Duration) {
        self.request("shutdown", Value::Null);
        self.exit()
    }

    /// exit (without shutdown unless done before); returns the exit status and how long the
    /// server took to go.
    pub fn exit(mut self) -> (ExitStatus, Duration) {
        let start = Instant::now();
        self.notify("exit", Value::Null);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = self.child.kill();
                panic!("server did not exit within 10 s of `exit`");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the server process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Byte offset of an LSP position (UTF-16 columns) in `text`; clamped like the server does.
pub fn offset_of(text: &str, line: u64, character: u64) -> usize {
    let mut start = 0usize;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_text = text[start..end].trim_end_matches('\r');
    let mut units = 0u64;
    for (i, ch) in line_text.char_indices() {
        if units >= character {
            return start + i;
        }
        units += ch.len_utf16() as u64;
    }
    start + line_text.len()
}

/// Applies text edits (LSP `TextEdit`s, UTF-16) to a text.
pub fn apply_text_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let a = offset_of(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
            );
            let b = offset_of(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            );
            (a, b, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn path_of_uri(u: &str) -> PathBuf {
    PathBuf::from(u.strip_prefix("file://").expect("a file URI"))
}

/// Applies a `WorkspaceEdit` to the files on disk, as an editor would (`changes` or
/// `documentChanges` with create operations). Returns the files written.
pub fn apply_workspace_edit(edit: &Value) -> Vec<PathBuf> {
    let mut written = Vec::new();
    let mut edit_file = |uri: &str, edits: &[Value]| {
        let path = path_of_uri(uri);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("edit of {} which cannot be read: {e}", path.display()));
        std::fs::write(&path, apply_text_edits(&text, edits)).unwrap();
        written.push(path);
    };
    if let Some(ops) = edit["documentChanges"].as_array() {
        for op in ops {
            match op["kind"].as_str() {
                Some("create") => {
                    let path = path_of_uri(op["uri"].as_str().unwrap());
                    if !path.exists() || op["options"]["overwrite"] == json!(true) {
                        std::fs::write(&path, "").unwrap();
                    } else {
                        assert!(
                            op["options"]["ignoreIfExists"] == json!(true),
                            "create of an existing file"
                        );
                    }
                }
                Some(other) => panic!("unexpected resource operation {other}"),
                None => edit_file(
                    op["textDocument"]["uri"].as_str().unwrap(),
                    op["edits"].as_array().unwrap(),
                ),
            }
        }
    } else if let Some(changes) = edit["changes"].as_object() {
        for (uri, edits) in changes {
            edit_file(uri, edits.as_array().unwrap());
        }
    }
    written
}

/// FNV-1a of every file under `dir` (recursively), by relative path.
pub fn hash_tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let p = entry.path();
            let t = entry.file_type().unwrap();
            if t.is_dir() {
                stack.push(p);
            } else if t.is_file() {
                let bytes = std::fs::read(&p).unwrap();
                let mut h: u64 = 0xcbf29ce484222325;
                for &b in &bytes {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x100000001b3);
                }
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    format!("{h:016x}:{}", bytes.len()),
                );
            }
        }
    }
    out
}
