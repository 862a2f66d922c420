//! The annotation workflow through the real binary over stdio: code actions and rename give
//! WorkspaceEdits on crosswire.json that this test client applies (as an editor would), after
//! which the diagnostics, hovers and `crosswire actors` change; reading aids (code lens, inlay
//! hints, semantic tokens); a panic in a request handler is answered as an error and the server
//! carries on; and a session exercising every request leaves every fixture byte unchanged.

use crate::lsp_client;

use lsp_client::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A modern editor that applies versioned document changes and can create files.
fn caps_edit() -> Value {
    let mut c = caps_full();
    c["workspace"]["workspaceEdit"] =
        json!({ "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] });
    c
}

fn start(dir: &Path, caps: Value) -> LspClient {
    let mut c = LspClient::spawn();
    c.initialize(dir, caps);
    c
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn conflict_at(params: &Value, range: &Value) -> Option<Value> {
    params["diagnostics"]
        .as_array()?
        .iter()
        .find(|d| d["code"] == "figure-conflict" && d["range"] == *range)
        .cloned()
}

fn range_of(text: &str, needle: &str, nth: usize) -> Value {
    let (l, c) = utf16_pos(text, needle, nth);
    json!({ "start": { "line": l, "character": c }, "end": { "line": l, "character": c + needle.encode_utf16().count() as u32 } })
}

fn code_actions(c: &mut LspClient, path: &Path, range: &Value, diagnostics: Value) -> Vec<Value> {
    let r = c.request("textDocument/codeAction", json!({ "textDocument": { "uri": uri(path) }, "range": range, "context": { "diagnostics": diagnostics } }));
    r.as_array().cloned().unwrap_or_default()
}

fn titled(actions: &[Value], prefix: &str) -> Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
        .unwrap_or_else(|| {
            panic!(
                "no action starting with {prefix:?} in {:#?}",
                actions.iter().map(|a| a["title"].clone()).collect::<Vec<_>>()
            )
        })
        .clone()
}

/// Applies the action's edit and tells the server, as an editor's file watcher would.
fn apply_and_announce(c: &mut LspClient, edit: &Value, created: bool) {
    let written = apply_workspace_edit(edit);
    assert_eq!(written.len(), 1, "one file edited: {written:?}");
    assert!(written[0].ends_with("crosswire.json"), "only crosswire.json is edited: {written:?}");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&written[0]), "type": if created { 1 } else { 2 } }] }),
    );
}

fn hover_text(c: &mut LspClient, path: &Path, text: &str, needle: &str, nth: usize) -> String {
    let (l, ch) = utf16_pos(text, needle, nth);
    let h = c.request("textDocument/hover", LspClient::at(path, l, ch + 1));
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

fn actors_cli(dir: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosswire"))
        .arg("actors")
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn acknowledgement_round_trip_clears_the_warning_and_a_changed_figure_makes_it_stale() {
    let dir = copy_seeds();
    let before = hash_tree(&fixtures());
    let p2 = seed(dir.path(), "002");
    let text = std::fs::read_to_string(&p2).unwrap();
    let range = range_of(&text, "275,000", 0);
    let mut c = start(dir.path(), caps_edit());
    let d = c.wait_diagnostics_from(0, &uri(&p2), |p| conflict_at(p, &range).is_some());
    let diag = conflict_at(&d, &range).unwrap();
    let actions = code_actions(&mut c, &p2, &range, json!([diag]));
    let ack = titled(&actions, "Acknowledge this conflict");
    assert_eq!(ack["kind"], "quickfix");
    assert_eq!(ack["diagnostics"][0]["range"], range);
    let edit = &ack["edit"];
    // the file does not exist: created, then filled
    let ops = edit["documentChanges"].as_array().expect("documentChanges");
    assert_eq!(ops[0]["kind"], "create");
    assert!(ops[0]["uri"].as_str().unwrap().ends_with("/crosswire.json"));
    let cfg_path = dir.path().join("crosswire.json");
    assert!(!cfg_path.exists(), "the server never writes");
    let n = c.notifications.len();
    apply_and_announce(&mut c, edit, true);
    let cfg: Value = serde_json::from_str(&std::fs::read_to_string(&cfg_path).unwrap()).unwrap();
    let entry = &cfg["acknowledged"][0];
    let figs = entry["figures"].as_array().unwrap();
    assert!(figs.contains(&json!("275,000")) && figs.contains(&json!("250,000")), "{cfg:#}");
    assert_eq!(entry["note"], "");
    assert!(entry["quantity"].as_str().is_some_and(|q| !q.is_empty()));
    // the warning disappears
    c.wait_diagnostics_from(n, &uri(&p2), |p| conflict_at(p, &range).is_none());
    // the same quantity gives no more acknowledge action (nothing open there)
    let again = code_actions(&mut c, &p2, &range, json!([]));
    assert!(
        !again.iter().any(|a| a["title"].as_str().unwrap_or("").starts_with("Acknowledge")),
        "{again:#?}"
    );
    // `crosswire check` agrees
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_crosswire"))
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(check.status.success(), "check passes: {}", String::from_utf8_lossy(&check.stdout));

    // 275,000 → 280,000 in the editor: the acknowledgement is stale, the warning is back
    c.open(&p2, &text, 1);
    let n = c.notifications.len();
    c.change(&p2, 2, json!([{ "range": range, "text": "280,000" }]));
    let d = c.wait_diagnostics_from(n, &uri(&p2), |p| conflict_at(p, &range).is_some());
    let stale = conflict_at(&d, &range).unwrap();
    let msg = stale["message"].as_str().unwrap();
    assert!(msg.contains("stale") && msg.contains("275,000") && msg.contains("280,000"), "{msg}");
    assert_eq!(stale["severity"], 2);
    // and the quick fix now refreshes the existing entry
    let actions = code_actions(&mut c, &p2, &range, json!([stale]));
    let update = titled(&actions, "Update the acknowledgement");
    let n = c.notifications.len();
    apply_and_announce(&mut c, &update["edit"], false);
    let cfg: Value = serde_json::from_str(&std::fs::read_to_string(&cfg_path).unwrap()).unwrap();
    assert_eq!(cfg["acknowledged"].as_array().unwrap().len(), 1);
    let figs = cfg["acknowledged"][0]["figures"].as_array().unwrap().clone();
    assert!(figs.contains(&json!("280,000")) && !figs.contains(&json!("275,000")), "{figs:?}");
    c.wait_diagnostics_from(n, &uri(&p2), |p| conflict_at(p, &range).is_none());
    c.shutdown_and_exit();
    assert_eq!(before, hash_tree(&fixtures()), "fixtures unchanged");
}

#[test]
fn merge_not_same_and_alias_edits_change_actors_and_hovers() {
    let dir = copy_seeds();
    let (p3, p4) = (seed(dir.path(), "003"), seed(dir.path(), "004"));
    let (t3, t4) = (std::fs::read_to_string(&p3).unwrap(), std::fs::read_to_string(&p4).unwrap());
    // an editor without documentChanges gets `changes`; the file exists (empty object)
    std::fs::write(dir.path().join("crosswire.json"), "{\n  \"outlets\": {}\n}\n").unwrap();
    let mut c = start(dir.path(), caps_full());
    c.wait_indexed(5);

    // Merge: "Abu Omar Sarakeb" and "Abu Omar" are two actors
    assert!(actors_cli(dir.path()).contains("\nAbu Omar · person"));
    let actions = code_actions(&mut c, &p3, &range_of(&t3, "Abu Omar Sarakeb", 0), json!([]));
    let merge = titled(&actions, "Merge Abu Omar Sarakeb with Abu Omar");
    assert_eq!(merge["kind"], "refactor");
    assert!(merge["edit"]["changes"].is_object(), "plain changes for this client");
    let n = c.notifications.len();
    apply_and_announce(&mut c, &merge["edit"], false);
    c.drain_for(Duration::from_millis(10));
    let _ = n;
    let h = wait_hover(&mut c, &p3, &t3, "Abu Omar said", |h| h.contains("Abu Omar Sarakeb"));
    assert!(h.contains("declared one actor"), "{h}");
    assert!(!actors_cli(dir.path()).contains("\nAbu Omar · person"), "merged in the CLI too");

    // Not the same: split "Sergey Lavrov" (004) from "Sergei Lavrov"
    let actions = code_actions(&mut c, &p4, &range_of(&t4, "Sergey Lavrov", 0), json!([]));
    let split = titled(&actions, "‘Sergey Lavrov’ is not the same as ‘Sergei Lavrov’");
    apply_and_announce(&mut c, &split["edit"], false);
    wait_hover(&mut c, &p4, &t4, "Sergey Lavrov", |h| {
        h.starts_with("**Sergey Lavrov**") && !h.contains("Sergei Lavrov")
    });
    let cli = actors_cli(dir.path());
    assert!(cli.contains("\nSergey Lavrov · person"), "{cli}");

    // Alias: "Mr Lavrov" (004) listed as a spelling of the actor's canonical name
    let actions = code_actions(&mut c, &p4, &range_of(&t4, "Mr Lavrov", 0), json!([]));
    let alias = titled(&actions, "Add ‘Mr Lavrov’ as an alias of");
    apply_and_announce(&mut c, &alias["edit"], false);
    wait_hover(&mut c, &p4, &t4, "Mr Lavrov", |h| h.contains("listed as spellings of"));
    let cfg: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("crosswire.json")).unwrap())
            .unwrap();
    assert_eq!(cfg["same"].as_array().unwrap().len(), 1);
    assert_eq!(cfg["different"][0], json!(["Sergey Lavrov", "Sergei Lavrov"]));
    assert!(
        cfg["aliases"].as_object().unwrap().values().any(|v| v == &json!(["Mr Lavrov"])),
        "{cfg:#}"
    );
    assert!(cfg["outlets"].is_object(), "the user's members are kept");
    c.shutdown_and_exit();
}

fn wait_hover(
    c: &mut LspClient,
    path: &Path,
    text: &str,
    needle: &str,
    pred: impl Fn(&str) -> bool,
) -> String {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let h = hover_text(c, path, text, needle, 0);
        if pred(&h) {
            return h;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "hover on {needle:?} never changed as expected; last: {h}"
        );
        c.drain_for(Duration::from_millis(100));
    }
}

#[test]
fn rename_writes_a_label_and_never_touches_articles() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let t2 = std::fs::read_to_string(&p2).unwrap();
    let articles_before = hash_tree(dir.path());
    let mut c = start(dir.path(), caps_edit());
    c.wait_indexed(5);
    let (l, ch) = utf16_pos(&t2, "Lavrov", 0);
    let prep = c.request("textDocument/prepareRename", LspClient::at(&p2, l, ch + 1));
    assert_eq!(prep["placeholder"], "Sergei Lavrov");
    assert_eq!(prep["range"]["start"]["line"], l);
    // nothing to rename on a figure
    let (fl, fc) = utf16_pos(&t2, "275,000", 0);
    assert_eq!(
        c.request("textDocument/prepareRename", LspClient::at(&p2, fl, fc + 1)),
        Value::Null
    );
    let edit = c.request("textDocument/rename", json!({ "textDocument": { "uri": uri(&p2) }, "position": { "line": l, "character": ch + 1 }, "newName": "Foreign Minister Lavrov" }));
    let uris: Vec<&str> = edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["uri"].as_str().or(o["textDocument"]["uri"].as_str()))
        .collect();
    assert!(uris.iter().all(|u| u.ends_with("/crosswire.json")), "only crosswire.json: {uris:?}");
    apply_and_announce(&mut c, &edit, true);
    let cfg: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("crosswire.json")).unwrap())
            .unwrap();
    assert_eq!(cfg["labels"], json!({ "Sergei Lavrov": "Foreign Minister Lavrov" }));
    wait_hover(&mut c, &p2, &t2, "Lavrov", |h| h.starts_with("**Foreign Minister Lavrov**"));
    // renaming again updates the same label (the key stays the canonical name)
    let edit = c.request("textDocument/rename", json!({ "textDocument": { "uri": uri(&p2) }, "position": { "line": l, "character": ch + 1 }, "newName": "S. Lavrov" }));
    apply_and_announce(&mut c, &edit, false);
    let cfg: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("crosswire.json")).unwrap())
            .unwrap();
    assert_eq!(cfg["labels"], json!({ "Sergei Lavrov": "S. Lavrov" }));
    // an empty name is refused
    let r = c.request_raw("textDocument/rename", json!({ "textDocument": { "uri": uri(&p2) }, "position": { "line": l, "character": ch + 1 }, "newName": "  " }));
    assert_eq!(r["error"]["code"], -32602);
    c.shutdown_and_exit();
    let mut after = hash_tree(dir.path());
    after.remove(Path::new("crosswire.json"));
    assert_eq!(articles_before, after, "articles unchanged");
}

/// Decodes semantic tokens into (line, start, length, type).
fn decode(data: &[Value]) -> Vec<(u64, u64, u64, u64)> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0u64, 0u64);
    for t in data.chunks(5) {
        let (dl, ds, len, ty) = (
            t[0].as_u64().unwrap(),
            t[1].as_u64().unwrap(),
            t[2].as_u64().unwrap(),
            t[3].as_u64().unwrap(),
        );
        line += dl;
        col = if dl == 0 { col + ds } else { ds };
        out.push((line, col, len, ty));
    }
    out
}

#[test]
fn code_lens_inlay_hints_and_semantic_tokens() {
    let dir = copy_seeds();
    let p1 = seed(dir.path(), "001");
    let t1 = std::fs::read_to_string(&p1).unwrap();
    let mut c = start(dir.path(), caps_full());
    let init_caps = {
        let mut d = LspClient::spawn();
        let r = d.initialize(dir.path(), caps_full());
        d.shutdown_and_exit();
        r["capabilities"].clone()
    };
    let legend =
        init_caps["semanticTokensProvider"]["legend"]["tokenTypes"].as_array().unwrap().clone();
    assert!(legend.contains(&json!("class")) && legend.contains(&json!("number")));
    c.wait_indexed(5);
    let doc = json!({ "textDocument": { "uri": uri(&p1) } });

    let lens = c.request("textDocument/codeLens", doc.clone());
    let title = lens[0]["command"]["title"].as_str().unwrap();
    assert!(title.contains(" actors · ") && title.contains("conflict"), "{title}");

    let lines: Vec<&str> = t1.split('\n').collect();
    let end = json!({ "line": lines.len(), "character": 0 });
    let hints = c.request("textDocument/inlayHint", json!({ "textDocument": { "uri": uri(&p1) }, "range": { "start": { "line": 0, "character": 0 }, "end": end } }));
    let (l, ch) = utf16_pos(&t1, "hundreds of thousands", 0);
    let hint = hints
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            h["position"]["line"] == l && h["position"]["character"].as_u64().unwrap() >= ch as u64
        })
        .unwrap_or_else(|| panic!("no hint after ‘hundreds of thousands’: {hints:#}"));
    assert!(hint["label"].as_str().unwrap().contains("200,000–999,999"), "{hint}");
    // no hint repeats the text it follows
    for h in hints.as_array().unwrap() {
        let label = h["label"].as_str().unwrap().trim_start_matches("≈ ");
        let line: Vec<u16> =
            lines[h["position"]["line"].as_u64().unwrap() as usize].encode_utf16().collect();
        let col = h["position"]["character"].as_u64().unwrap() as usize;
        let before = String::from_utf16_lossy(&line[..col]);
        assert!(!label.is_empty() && !before.ends_with(label), "{h}");
    }

    let tokens = c.request("textDocument/semanticTokens/full", doc.clone());
    let data = tokens["data"].as_array().unwrap();
    assert!(!data.is_empty() && data.len().is_multiple_of(5));
    let decoded = decode(data);
    let mut prev = (0u64, 0u64);
    for &(line, col, len, ty) in &decoded {
        let l =
            lines.get(line as usize).unwrap_or_else(|| panic!("token on line {line} past the end"));
        let width = l.trim_end_matches('\r').encode_utf16().count() as u64;
        assert!(
            len > 0 && col + len <= width,
            "token {line}:{col}+{len} past the line's end ({width})"
        );
        assert!((line, col) >= prev, "sorted");
        prev = (line, col + len);
        assert!((ty as usize) < legend.len());
    }
    // Lavrov is a person (class), 275,000-like figures are numbers
    let person = legend.iter().position(|t| t == "class").unwrap() as u64;
    let number = legend.iter().position(|t| t == "number").unwrap() as u64;
    assert!(decoded.iter().any(|t| t.3 == person));
    assert!(decoded.iter().any(|t| t.3 == number && t.0 == l as u64));
    // range: a subset
    let r = c.request("textDocument/semanticTokens/range", json!({ "textDocument": { "uri": uri(&p1) }, "range": { "start": { "line": l, "character": 0 }, "end": { "line": l + 1, "character": 0 } } }));
    let part = decode(r["data"].as_array().unwrap());
    assert!(!part.is_empty() && part.iter().all(|t| t.0 == l as u64), "{part:?}");
    c.shutdown_and_exit();
}

#[test]
#[cfg_attr(not(feature = "test-hooks"), ignore = "the hook is built with --features test-hooks")]
fn a_panic_in_a_handler_is_an_error_and_the_server_carries_on() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let t2 = std::fs::read_to_string(&p2).unwrap();
    let mut c = LspClient::spawn_env(&["lsp"], &[("CROSSWIRE_TEST_PANIC", "1")]);
    c.initialize(dir.path(), caps_full());
    c.wait_indexed(5);
    for _ in 0..3 {
        let r = c.request_raw("crosswire/debugPanic", Value::Null);
        assert_eq!(r["error"]["code"], -32603, "{r}");
    }
    let log = c.wait_notification("a log line about the panic", |n| {
        n["method"] == "window/logMessage"
            && n["params"]["message"].as_str().is_some_and(|m| m.contains("debugPanic"))
    });
    assert_eq!(log["params"]["type"], 1);
    let h = hover_text(&mut c, &p2, &t2, "Lavrov", 0);
    assert!(h.contains("Sergei Lavrov"), "hover still works: {h}");
    assert!(c.alive());
    c.shutdown_and_exit();
    // without the variable the method does not exist
    let mut d = start(dir.path(), caps_full());
    let r = d.request_raw("crosswire/debugPanic", Value::Null);
    assert_eq!(r["error"]["code"], -32601, "{r}");
    d.shutdown_and_exit();
}

#[test]
fn a_session_exercising_every_request_leaves_every_fixture_byte_unchanged() {
    // run on the fixtures themselves: the server must not write anything, anywhere
    let root = fixtures().join("seeds");
    let before = hash_tree(&fixtures());
    let p2 = seed(&root, "002");
    let t2 = std::fs::read_to_string(&p2).unwrap();
    let mut c = start(&root, caps_edit());
    let d = c.wait_diagnostics_from(0, &uri(&p2), |p| {
        p["diagnostics"].as_array().is_some_and(|v| !v.is_empty())
    });
    c.open(&p2, &t2, 1);
    let (l, ch) = utf16_pos(&t2, "Lavrov", 0);
    let at = LspClient::at(&p2, l, ch + 1);
    let doc = json!({ "textDocument": { "uri": uri(&p2) } });
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 999, "character": 0 } });
    for (method, params) in [
        ("textDocument/hover", at.clone()),
        ("textDocument/definition", at.clone()),
        (
            "textDocument/references",
            json!({ "textDocument": { "uri": uri(&p2) }, "position": at["position"], "context": { "includeDeclaration": true } }),
        ),
        ("textDocument/documentHighlight", at.clone()),
        ("textDocument/documentSymbol", doc.clone()),
        ("workspace/symbol", json!({ "query": "lav" })),
        (
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri(&p2) }, "range": range_of(&t2, "275,000", 0), "context": { "diagnostics": d["diagnostics"] } }),
        ),
        (
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri(&p2) }, "range": { "start": at["position"], "end": at["position"] }, "context": { "diagnostics": [] } }),
        ),
        ("textDocument/prepareRename", at.clone()),
        (
            "textDocument/rename",
            json!({ "textDocument": { "uri": uri(&p2) }, "position": at["position"], "newName": "X" }),
        ),
        ("textDocument/codeLens", doc.clone()),
        ("textDocument/inlayHint", json!({ "textDocument": { "uri": uri(&p2) }, "range": whole })),
        ("textDocument/semanticTokens/full", doc.clone()),
        (
            "textDocument/semanticTokens/range",
            json!({ "textDocument": { "uri": uri(&p2) }, "range": whole }),
        ),
        ("crosswire/articles", Value::Null),
    ] {
        let r = c.request_raw(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        assert!(
            !r["result"].is_null() || method == "textDocument/definition",
            "{method} answered null"
        );
    }
    c.change(&p2, 2, json!([{ "range": range_of(&t2, "275,000", 0), "text": "280,000" }]));
    c.request("textDocument/hover", at.clone());
    c.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri(&p2) } }));
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(&p2) } }));
    c.shutdown_and_exit();
    assert!(!root.join("crosswire.json").exists(), "no crosswire.json written");
    assert_eq!(before, hash_tree(&fixtures()), "fixture bytes unchanged");
}

#[test]
fn an_invalid_crosswire_json_disables_the_actions_with_the_reason() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let text = std::fs::read_to_string(&p2).unwrap();
    let cfg = dir.path().join("crosswire.json");
    std::fs::write(&cfg, "{\n  \"acknowledged\": [\n").unwrap();
    let range = range_of(&text, "275,000", 0);
    let mut c = start(dir.path(), caps_edit());
    c.wait_diagnostics_from(0, &uri(&p2), |p| conflict_at(p, &range).is_some());
    let actions = code_actions(&mut c, &p2, &range, json!([]));
    let ack = titled(&actions, "Acknowledge this conflict");
    assert!(ack["edit"].is_null(), "{ack:#}");
    assert!(ack["disabled"]["reason"].as_str().unwrap().contains("not valid"), "{ack:#}");
    c.shutdown_and_exit();
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), "{\n  \"acknowledged\": [\n", "untouched");
}
