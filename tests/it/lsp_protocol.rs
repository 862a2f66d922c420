//! The language server through the real binary over stdio: lifecycle, sync, ordering,
//! watching, configuration and protocol misuse. These tests do not depend on what the
//! analysis finds (they observe the index through `crosswire/articles`).

use crate::lsp_client;

use lsp_client::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

fn article<'a>(list: &'a Value, path: &Path) -> Option<&'a Value> {
    let u = uri(path);
    list["articles"].as_array()?.iter().find(|a| a["uri"] == json!(u))
}

fn names(list: &Value) -> Vec<String> {
    list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn initialize_indexes_every_article_with_progress_and_exits_cleanly() {
    let dir = copy_seeds();
    let mut c = LspClient::spawn_with(&["lsp", "--stdio"]);
    let init = c.initialize(dir.path(), caps_full());
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for p in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        assert!(caps.get(p).is_some_and(|v| v != &Value::Null), "{p} advertised");
    }
    let list = c.wait_articles("five seeds indexed", |a| {
        a["articles"].as_array().is_some_and(|v| v.len() == 5)
    });
    assert_eq!(names(&list), ["000", "001", "002", "003", "004"]);
    // work-done progress: created, begun, reported with a percentage, ended
    c.drain_for(Duration::from_millis(200));
    assert!(
        c.server_requests.iter().any(|r| r["method"] == "window/workDoneProgress/create"),
        "progress token created"
    );
    let progress: Vec<&Value> = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "$/progress")
        .map(|n| &n["params"]["value"])
        .collect();
    assert_eq!(progress.first().map(|v| v["kind"].clone()), Some(json!("begin")), "{progress:#?}");
    assert!(
        progress.iter().any(|v| v["kind"] == "report" && v["percentage"].is_u64()),
        "{progress:#?}"
    );
    assert_eq!(progress.last().map(|v| v["kind"].clone()), Some(json!("end")));
    // the watched-files registration was asked for
    assert!(c.server_requests.iter().any(|r| r["method"] == "client/registerCapability"
        && r["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"));
    let (status, took) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
    assert!(took < Duration::from_secs(3), "exit took {took:?}");
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let dir = copy_seeds();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_plain());
    let (status, took) = c.exit();
    assert_eq!(status.code(), Some(1));
    assert!(took < Duration::from_secs(3));
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let dir = copy_seeds();
    let mut c = LspClient::spawn();
    let mut caps = caps_plain();
    caps["general"] = json!({ "positionEncodings": ["utf-8", "utf-16"] });
    let init = c.initialize(dir.path(), caps);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.shutdown_and_exit();
}

#[test]
fn open_document_shadows_the_file_and_close_returns_to_disk() {
    let dir = copy_seeds();
    let p = seed(dir.path(), "001");
    let disk = std::fs::read_to_string(&p).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_plain());
    c.wait_indexed(5);
    let edited = format!("{disk}\nAn added line.\n");
    c.open(&p, &edited, 7);
    let list = c.request("crosswire/articles", Value::Null);
    let a = article(&list, &p).unwrap();
    assert_eq!(a["digest"], json!(digest(&edited)));
    assert_eq!(a["version"], 7);
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(&p) } }));
    let list = c.request("crosswire/articles", Value::Null);
    let a = article(&list, &p).unwrap();
    assert_eq!(a["digest"], json!(digest(&disk)), "back to the disk copy");
    assert_eq!(a["version"], Value::Null);
    c.shutdown_and_exit();
}

/// A tiny deterministic generator, so the test needs no extra dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Applies an LSP edit (UTF-16 positions) to a string, as the server should.
fn splice(text: &mut String, (l1, c1): (u32, u32), (l2, c2): (u32, u32), new: &str) {
    let to_byte = |text: &str, l: u32, c: u32| -> usize {
        let start = text.split_inclusive('\n').take(l as usize).map(str::len).sum::<usize>();
        let line = text[start..].split('\n').next().unwrap_or("");
        let mut units = 0;
        for (i, ch) in line.char_indices() {
            if units >= c as usize {
                return start + i;
            }
            units += ch.len_utf16();
        }
        start + line.len()
    };
    let a = to_byte(text, l1, c1);
    let b = to_byte(text, l2, c2);
    text.replace_range(a..b, new);
}

/// A valid UTF-16 column on `line` of `text` (at a character boundary).
fn boundary_col(text: &str, line: usize, rng: &mut Lcg) -> u32 {
    let l = text.split('\n').nth(line).unwrap_or("");
    let cols: Vec<u32> = std::iter::once(0)
        .chain(l.chars().scan(0u32, |acc, ch| {
            *acc += ch.len_utf16() as u32;
            Some(*acc)
        }))
        .collect();
    cols[rng.next(cols.len())]
}

#[test]
fn five_hundred_changes_without_waiting_end_like_a_fresh_server() {
    let dir = copy_seeds();
    let p = seed(dir.path(), "002");
    let mut text = std::fs::read_to_string(&p).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    c.open(&p, &text, 1);
    let mut rng = Lcg(42);
    let inserts = ["x", "’", "😀", " ", "\n", "275,000", "Lavrov", "é", ""];
    for v in 2..=501 {
        let lines = text.split('\n').count();
        let l1 = rng.next(lines);
        let c1 = boundary_col(&text, l1, &mut rng);
        let (l2, c2) = if rng.next(3) == 0 {
            // a deletion within the line (or a range reaching into the next line)
            let l2 = (l1 + rng.next(2)).min(lines - 1);
            let c2 = boundary_col(&text, l2, &mut rng);
            if (l2, c2) < (l1, c1) {
                (l1, c1)
            } else {
                (l2, c2)
            }
        } else {
            (l1, c1)
        };
        let ins = inserts[rng.next(inserts.len())];
        c.change(&p, v, json!([{ "range": { "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 } }, "text": ins }]));
        splice(&mut text, (l1 as u32, c1), (l2 as u32, c2), ins);
    }
    let list = c.request("crosswire/articles", Value::Null);
    let a = article(&list, &p).unwrap().clone();
    assert_eq!(a["version"], 501);
    assert_eq!(a["digest"], json!(digest(&text)), "the server's text is the client's text");
    let symbols =
        c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&p) } }));
    let hover = c.request("textDocument/hover", LspClient::at(&p, 3, 2));
    c.shutdown_and_exit();

    // a fresh server opened on the final text
    let mut f = LspClient::spawn();
    f.initialize(dir.path(), caps_full());
    f.open(&p, &text, 501);
    let list2 = f.request("crosswire/articles", Value::Null);
    let b = article(&list2, &p).unwrap().clone();
    for k in ["digest", "version", "mentions", "entities", "figures", "outlet", "title"] {
        assert_eq!(a[k], b[k], "{k}");
    }
    assert_eq!(list["findings"], list2["findings"]);
    assert_eq!(
        symbols,
        f.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&p) } }))
    );
    assert_eq!(hover, f.request("textDocument/hover", LspClient::at(&p, 3, 2)));
    f.shutdown_and_exit();
}

#[test]
fn full_text_changes_and_multiple_changes_in_one_message() {
    let dir = copy_seeds();
    let p = dir.path().join("010_new.md");
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_plain());
    c.open(&p, "---\ntitle: T\n---\nHello ’world’.\n", 1);
    c.change(&p, 2, json!([
        { "range": { "start": { "line": 3, "character": 6 }, "end": { "line": 3, "character": 13 } }, "text": "there" },
        { "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 0 } }, "text": "Oh. " },
    ]));
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(
        article(&list, &p).unwrap()["digest"],
        json!(digest("---\ntitle: T\n---\nOh. Hello there.\n"))
    );
    c.change(&p, 3, json!([{ "text": "replaced\r\nwhole" }]));
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(article(&list, &p).unwrap()["digest"], json!(digest("replaced\r\nwhole")));
    c.shutdown_and_exit();
}

#[test]
fn watched_files_created_and_deleted_update_the_index() {
    let dir = copy_seeds();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    c.wait_indexed(5);
    let new = dir.path().join("005_new.txt");
    std::fs::write(&new, "GENEVA — Sergei Lavrov met John Kerry. The UN says 275,000 civilians remain in eastern Aleppo.\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&new), "type": 1 }] }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert!(article(&list, &new).is_some(), "created file joins the index: {list:#}");
    let gone = seed(dir.path(), "001");
    std::fs::remove_file(&gone).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&gone), "type": 3 }] }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert!(article(&list, &gone).is_none(), "deleted file leaves the index");
    assert_eq!(list["articles"].as_array().unwrap().len(), 5);
    // a changed file is read again
    std::fs::write(&new, "Changed text about Aleppo.\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&new), "type": 2 }] }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(
        article(&list, &new).unwrap()["digest"],
        json!(digest("Changed text about Aleppo.\n"))
    );
    // files that are not articles are ignored
    let other = dir.path().join("notes.json");
    std::fs::write(&other, "{}").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&other), "type": 1 }] }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(list["articles"].as_array().unwrap().len(), 5);
    c.shutdown_and_exit();
}

#[test]
fn builtin_watcher_serves_clients_without_dynamic_registration() {
    let dir = copy_seeds();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_plain());
    c.wait_indexed(5);
    assert!(
        !c.server_requests.iter().any(|r| r["method"] == "client/registerCapability"),
        "no registration for this client"
    );
    let sub = dir.path().join("later");
    std::fs::create_dir(&sub).unwrap();
    let new = sub.join("006_new.txt");
    std::fs::write(&new, "Sergey Lavrov said 250,000 people live under siege in eastern Aleppo.\n")
        .unwrap();
    let new2 = new.clone();
    c.wait_articles("a file created on disk joins", move |a| article(a, &new2).is_some());
    let gone = seed(dir.path(), "003");
    std::fs::remove_file(&gone).unwrap();
    let gone2 = gone.clone();
    c.wait_articles("a deleted file leaves", move |a| article(a, &gone2).is_none());
    // ignored and hidden files stay out
    std::fs::write(dir.path().join(".gitignore"), "drafts/\n").unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/x.txt"), "Draft about Aleppo.\n").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "Hidden about Aleppo.\n").unwrap();
    c.drain_for(Duration::from_millis(600));
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(list["articles"].as_array().unwrap().len(), 5, "{list:#}");
    c.shutdown_and_exit();
}

/// A tree of folders copied in at once ("cp -r"): `notify` watches a new folder only after
/// reporting it, so files written into it at once can raise no event; each new folder is looked
/// at again once it is watched, and every file joins.
#[test]
fn builtin_watcher_finds_files_written_into_new_folders_at_once() {
    let dir = copy_seeds();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_plain());
    c.wait_indexed(5);
    let mut folder = dir.path().join("copied");
    let mut files = Vec::new();
    for i in 0..12 {
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join(format!("{i:03}_copy.txt"));
        std::fs::write(&file, format!("Report {i}: Sergey Lavrov met John Kerry in Lausanne.\n"))
            .unwrap();
        files.push(file);
        folder = folder.join(format!("deeper{i}"));
    }
    c.wait_articles("every file of the copied tree joins", move |a| {
        files.iter().all(|f| article(a, f).is_some())
    });
    c.shutdown_and_exit();
}

#[test]
fn configuration_is_reloaded_and_a_broken_file_keeps_the_last_good_one() {
    let dir = copy_seeds();
    let cfg = dir.path().join("crosswire.json");
    std::fs::write(&cfg, r#"{"outlets": {"002_*.txt": "Outlet From Config"}}"#).unwrap();
    let p2 = seed(dir.path(), "002");
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    let p = p2.clone();
    c.wait_articles("configured outlet", move |a| {
        article(a, &p).is_some_and(|x| x["outlet"] == "Outlet From Config")
    });
    // broken: reported, last good configuration stays
    let from = c.notifications.len();
    std::fs::write(&cfg, "{\n  \"outlets\": 3\n}").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&cfg), "type": 2 }] }),
    );
    let d = c.wait_diagnostics_from(from, &uri(&cfg), |p| {
        p["diagnostics"].as_array().is_some_and(|d| d.len() == 1)
    });
    assert_eq!(d["diagnostics"][0]["range"]["start"]["line"], 1);
    assert_eq!(d["diagnostics"][0]["severity"], 1);
    c.wait_notification_from(from, "showMessage", |n| {
        n["method"] == "window/showMessage" && n["params"]["type"] == 1
    });
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(article(&list, &p2).unwrap()["outlet"], "Outlet From Config");
    // fixed: diagnostic cleared, new configuration in force
    let from = c.notifications.len();
    std::fs::write(&cfg, r#"{"outlets": {"002_*.txt": "Renamed Outlet"}}"#).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&cfg), "type": 2 }] }),
    );
    c.wait_diagnostics_from(from, &uri(&cfg), |p| {
        p["diagnostics"].as_array().is_some_and(|d| d.is_empty())
    });
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(article(&list, &p2).unwrap()["outlet"], "Renamed Outlet");
    // settings from the client apply under the file
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "crosswire": { "outlets": { "004_*.txt": "From Settings" } } } }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(article(&list, &seed(dir.path(), "004")).unwrap()["outlet"], "From Settings");
    c.shutdown_and_exit();
}

#[test]
fn initialization_options_configure_outlets_and_article_globs() {
    let dir = copy_seeds();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    std::fs::write(dir.path().join("notes/todo.txt"), "Not an article.\n").unwrap();
    let mut c = LspClient::spawn();
    c.initialize_with(dir.path(), caps_plain(), json!({ "articles": ["0*.txt"], "outlets": { "003_*.txt": "Init Outlet" }, "someEditorOption": true }));
    let list = c.wait_indexed(5);
    assert_eq!(article(&list, &seed(dir.path(), "003")).unwrap()["outlet"], "Init Outlet");
    c.shutdown_and_exit();
}

#[test]
fn workspace_folders_added_and_removed() {
    let dir = copy_seeds();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("100_other.txt"), "Sergei Lavrov spoke in Geneva.\n").unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    c.wait_indexed(5);
    let f = json!({ "uri": uri(other.path()), "name": "other" });
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [f], "removed": [] } }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(list["articles"].as_array().unwrap().len(), 6);
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [], "removed": [f] } }),
    );
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(list["articles"].as_array().unwrap().len(), 5);
    c.shutdown_and_exit();
}

#[test]
fn protocol_misuse_gets_errors_or_empty_answers_never_a_crash() {
    let dir = copy_seeds();
    let p = seed(dir.path(), "002");
    let mut c = LspClient::spawn();
    // a request before initialize
    let r = c.request_raw("textDocument/hover", LspClient::at(&p, 0, 0));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    // a notification before initialize is dropped
    c.change(&p, 5, json!([{ "text": "ignored" }]));
    c.initialize(dir.path(), caps_plain());
    c.wait_indexed(5);
    let unknown = dir.path().join("nope.txt");
    // didChange and didClose for documents never opened
    c.change(&unknown, 2, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }]));
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(&unknown) } }));
    // unknown documents and positions past the end
    assert_eq!(c.request("textDocument/hover", LspClient::at(&unknown, 0, 0)), Value::Null);
    assert_eq!(c.request("textDocument/hover", LspClient::at(&p, 9999, 0)), Value::Null);
    assert_eq!(c.request("textDocument/hover", LspClient::at(&p, 0, 99999)), Value::Null);
    assert_eq!(c.request("textDocument/definition", LspClient::at(&p, 9999, 9999)), Value::Null);
    let r = c.request("textDocument/references", json!({ "textDocument": { "uri": uri(&p) }, "position": { "line": 4000000000u32, "character": 4000000000u32 }, "context": { "includeDeclaration": true } }));
    assert_eq!(r, Value::Null);
    assert_eq!(
        c.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri(&unknown) } })
        ),
        Value::Null
    );
    assert_eq!(
        c.request("textDocument/documentHighlight", LspClient::at(&unknown, 1, 1)),
        Value::Null
    );
    // edits past the end of an open document clamp
    c.open(&p, "short\n", 1);
    c.change(&p, 2, json!([{ "range": { "start": { "line": 50, "character": 3 }, "end": { "line": 99, "character": 0 } }, "text": "tail" }]));
    c.change(&p, 3, json!([{ "range": { "start": { "line": 0, "character": 99 }, "end": { "line": 0, "character": 2 } }, "text": "" }]));
    let list = c.request("crosswire/articles", Value::Null);
    let a =
        list["articles"].as_array().unwrap().iter().find(|a| a["uri"] == json!(uri(&p))).unwrap();
    assert_eq!(a["digest"], json!(digest("sh\ntail")));
    // malformed params, unknown methods, garbage
    let r = c.request_raw("textDocument/hover", json!({ "textDocument": 3 }));
    assert!(r.get("error").is_some(), "{r}");
    let r = c.request_raw("crosswire/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    c.notify("textDocument/didChange", json!({ "bogus": true }));
    c.notify("$/someExtension", json!({}));
    // a second initialize is refused
    let r = c.request_raw("initialize", json!({ "capabilities": {} }));
    assert!(r.get("error").is_some(), "{r}");
    c.send_raw(b"Content-Length: 9\r\n\r\nnot json!");
    c.send_raw(b"Content-Length: 10\r\n\r\n{\"foo\": 1}");
    c.send_raw(b"X-Nonsense: 1\r\n\r\n");
    let r = c.request_raw(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri(&p) } , "position": { "line": "one" } }),
    );
    assert!(r.get("error").is_some(), "{r}");
    c.send_raw(b"Content-Length: 28\r\n\r\n{\"id\": 777, \"method\": false}");
    let r = c.response(777);
    assert_eq!(r["error"]["code"], -32600, "{r}");
    // still alive and answering
    assert!(c.alive());
    let list = c.request("crosswire/articles", Value::Null);
    assert_eq!(list["articles"].as_array().unwrap().len(), 5);
    let ws = c.request("workspace/symbol", json!({ "query": "" }));
    assert!(ws.is_array());
    // requests after shutdown are refused; exit is prompt
    c.request("shutdown", Value::Null);
    let r = c.request_raw("textDocument/hover", LspClient::at(&p, 0, 0));
    assert!(r.get("error").is_some(), "{r}");
    let (status, took) = c.exit();
    assert_eq!(status.code(), Some(0));
    assert!(took < Duration::from_secs(3));
}

#[test]
fn requests_interleaved_with_changes_all_answer_and_see_the_changes_before_them() {
    let dir = copy_seeds();
    let p = dir.path().join("020_typing.txt");
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    c.open(&p, "", 1);
    let mut text = String::new();
    let mut ids = Vec::new();
    for v in 2..=60 {
        let piece = if v % 7 == 0 { "’\n" } else { "ab " };
        let (line, col) = (
            text.matches('\n').count() as u32,
            text.rsplit('\n').next().unwrap().encode_utf16().count() as u32,
        );
        c.change(&p, v, json!([{ "range": { "start": { "line": line, "character": col }, "end": { "line": line, "character": col } }, "text": piece }]));
        text.push_str(piece);
        // requests sent without waiting, between changes
        ids.push((v, text.clone(), c.request_async("crosswire/articles", Value::Null)));
        c.request_async("textDocument/hover", LspClient::at(&p, 0, 1));
        c.request_async("workspace/symbol", json!({ "query": "a" }));
    }
    for (v, t, id) in ids {
        let r = c.response(id);
        let a = article(&r["result"], &p).unwrap_or_else(|| panic!("{r}"));
        // each answer reflects at least every change sent before the request
        let version = a["version"].as_i64().unwrap();
        assert!(version >= v as i64, "request after v{v} answered from v{version}");
        if version == v as i64 {
            assert_eq!(a["digest"], json!(digest(&t)));
        }
    }
    c.shutdown_and_exit();
}
