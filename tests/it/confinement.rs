//! Confinement through the real binary: `check` and the language server read only inside the
//! folders they were given. Globs reaching outside are refused with a message, symbolic links
//! leading outside are not followed, and client URIs outside the workspace are served from the
//! open document only, never read from disk.
//!
//! Every test puts a "secret" article outside the folder, with a figure and a name found
//! nowhere else (`987,654`, Zebulon Quartermaine): had it been read, they would show up.

#![cfg(unix)]

use crate::lsp_client;
use lsp_client::*;
use serde_json::{json, Value};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

const SECRET_FIGURE: &str = "987,654";
const SECRET_NAME: &str = "Quartermaine";

/// A folder to check (`ws`, one article) and, beside it, `secret/secret.txt` outside it.
struct Layout {
    _tmp: tempfile::TempDir,
    ws: PathBuf,
    secret_dir: PathBuf,
    secret: PathBuf,
}

fn layout() -> Layout {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().canonicalize().unwrap();
    let (ws, secret_dir) = (base.join("ws"), base.join("secret"));
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::create_dir_all(&secret_dir).unwrap();
    std::fs::write(
        ws.join("good.txt"),
        "The UN says 275,000 civilians still live in eastern Aleppo, said John Kerry.\n",
    )
    .unwrap();
    let secret = secret_dir.join("secret.txt");
    std::fs::write(&secret, format!("The UN says {SECRET_FIGURE} civilians still live in eastern Aleppo, said Zebulon {SECRET_NAME}.\n")).unwrap();
    Layout { _tmp: tmp, ws, secret_dir, secret }
}

use crate::crosswire_on as crosswire;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `check` and `figures` on `ws`: neither output holds anything of the secret article.
fn assert_secret_unread(ws: &Path) -> String {
    let check = crosswire(&["check", "--format", "json", "--fail-on", "never"], ws);
    let figures = crosswire(&["figures", "--format", "json"], ws);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    for out in [&check, &figures] {
        assert!(
            !stdout(out).contains(SECRET_FIGURE) && !stdout(out).contains("secret.txt"),
            "the outside article was read: {}",
            stdout(out)
        );
    }
    assert!(
        stdout(&figures).contains("275,000"),
        "the inside article is read: {}",
        stdout(&figures)
    );
    stderr(&check)
}

// --- the command line -------------------------------------------------------------------------

#[test]
fn check_refuses_a_glob_with_dot_dot_and_names_it() {
    let l = layout();
    std::fs::write(l.ws.join("crosswire.json"), r#"{"articles": ["*.txt", "../secret/*.txt"]}"#)
        .unwrap();
    let err = assert_secret_unread(&l.ws);
    assert!(err.contains(r#"crosswire.json: articles[1] "../secret/*.txt" reaches outside the workspace folder (it has a .. component); ignored"#), "{err}");
}

#[test]
fn check_refuses_absolute_globs_in_articles_and_outlets() {
    let l = layout();
    let glob = format!("{}/*.txt", l.secret_dir.display());
    let cfg = json!({ "articles": [glob, "*.txt"], "outlets": { "~/news/*.txt": "Home" } });
    std::fs::write(l.ws.join("crosswire.json"), cfg.to_string()).unwrap();
    let err = assert_secret_unread(&l.ws);
    assert!(err.contains(&format!("articles[0] {glob:?} reaches outside the workspace folder (it is an absolute path); ignored")), "{err}");
    assert!(err.contains(r#"outlets key "~/news/*.txt" reaches outside the workspace folder (it starts in a home folder (~)); ignored"#), "{err}");
    // with every glob refused nothing matches (as in the editor): no article at all, and still
    // nothing read outside
    std::fs::write(l.ws.join("crosswire.json"), json!({ "articles": [glob] }).to_string()).unwrap();
    let out = crosswire(&["check", "--format", "json"], &l.ws);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no articles") && !stdout(&out).contains(SECRET_FIGURE),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_skips_links_to_a_file_or_folder_outside_and_follows_links_inside() {
    let l = layout();
    symlink(&l.secret, l.ws.join("to-file.txt")).unwrap();
    symlink(&l.secret_dir, l.ws.join("to-folder")).unwrap();
    std::fs::create_dir(l.ws.join("inside")).unwrap();
    std::fs::write(l.ws.join("inside/real.txt"), "Some 8,000 rebels are holding out in Aleppo.\n")
        .unwrap();
    symlink(l.ws.join("inside/real.txt"), l.ws.join("inside-link.txt")).unwrap();
    symlink(l.ws.join("inside"), l.ws.join("inside-folder-link")).unwrap();
    let err = assert_secret_unread(&l.ws);
    for link in ["to-file.txt", "to-folder"] {
        let line = err
            .lines()
            .find(|s| s.contains(link))
            .unwrap_or_else(|| panic!("{link} is reported: {err}"));
        assert!(
            line.contains("symbolic link leads outside the folder (to ")
                && line.contains("secret")
                && line.ends_with("; skipped"),
            "{line}"
        );
    }
    let figures = stdout(&crosswire(&["figures", "--format", "json"], &l.ws));
    for file in ["inside-link.txt", "inside-folder-link/real.txt", "inside/real.txt"] {
        assert!(
            figures.contains(file),
            "a link inside the folder is followed: {file} in {figures}"
        );
    }
}

#[test]
fn check_refuses_a_crosswire_json_that_is_a_link_outside() {
    let l = layout();
    std::fs::write(l.secret_dir.join("crosswire.json"), r#"{"outlets": {"good.txt": "Leaked"}}"#)
        .unwrap();
    symlink(l.secret_dir.join("crosswire.json"), l.ws.join("crosswire.json")).unwrap();
    let out = crosswire(&["check"], &l.ws);
    assert_eq!(out.status.code(), Some(2), "as a broken crosswire.json is: {}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("crosswire.json is a symbolic link that leads outside its folder (to "),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("Leaked"));
}

#[test]
fn a_file_named_on_the_command_line_is_read_wherever_it_is() {
    // the user named it: that is not the folder speaking
    let l = layout();
    symlink(&l.secret, l.ws.join("named.txt")).unwrap();
    for path in [l.secret.clone(), l.ws.join("named.txt")] {
        let out = crosswire(&["figures", "--format", "json"], &path);
        assert!(stdout(&out).contains(SECRET_FIGURE), "{}", stderr(&out));
    }
}

// --- the language server ----------------------------------------------------------------------

/// Asserts that nothing the server sent (notifications and the answers below) holds anything
/// of the secret article, and that it is not indexed.
fn assert_server_never_read_secret(c: &mut LspClient) {
    let list = c.request("crosswire/articles", Value::Null);
    let names: Vec<&str> =
        list["articles"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.iter().all(|n| !n.contains("secret") && !n.contains("to-")), "{names:?}");
    let symbols = c.request("workspace/symbol", json!({ "query": SECRET_NAME }));
    assert!(symbols.as_array().is_none_or(|a| a.is_empty()), "{symbols}");
    for n in &c.notifications {
        let s = n.to_string();
        assert!(
            !s.contains(SECRET_FIGURE) && !s.contains(SECRET_NAME),
            "the outside article was read: {s}"
        );
    }
}

fn warning_containing(c: &mut LspClient, what: &str) -> String {
    let w = what.to_string();
    let n = c.wait_notification(&format!("a showMessage containing {what}"), move |n| {
        n["method"] == "window/showMessage"
            && n["params"]["message"].as_str().is_some_and(|m| m.contains(&w))
    });
    n["params"]["message"].as_str().unwrap().to_string()
}

#[test]
fn a_config_warning_after_non_ascii_text_is_placed_in_utf16_columns() {
    let l = layout();
    // before the refused glob: é (2 bytes, 1 UTF-16 unit) and 😀 (4 bytes, 2 units)
    let line = r#"  "articles": ["é/*.txt", "😀/*.md", "../secret/*.txt"]"#;
    std::fs::write(l.ws.join("crosswire.json"), format!("{{\n{line}\n}}\n")).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(&l.ws, caps_full()); // a UTF-16 session
    let diags = c.wait_diagnostics_from(0, &uri(&l.ws.join("crosswire.json")), |p| {
        p["diagnostics"].as_array().is_some_and(|a| !a.is_empty())
    });
    let d = &diags["diagnostics"][0];
    assert_eq!(d["code"], "config-outside");
    let glob = "\"../secret/*.txt\"";
    let start = line[..line.find(glob).unwrap()].encode_utf16().count();
    assert_eq!(start, 37, "3 units fewer than the 40 bytes before it");
    assert_eq!(
        d["range"],
        json!({
            "start": { "line": 1, "character": start },
            "end": { "line": 1, "character": start + glob.len() }
        }),
        "underlines the glob string exactly"
    );
    c.shutdown_and_exit();
}

#[test]
fn server_refuses_globs_reaching_outside_from_crosswire_json_and_initialization_options() {
    let l = layout();
    std::fs::write(
        l.ws.join("crosswire.json"),
        "{\n  \"articles\": [\"*.txt\", \"../secret/*.txt\"]\n}\n",
    )
    .unwrap();
    let absolute = format!("{}/*.txt", l.secret_dir.display());
    let mut c = LspClient::spawn();
    c.initialize_with(
        &l.ws,
        caps_full(),
        json!({ "crosswire": { "articles": ["*.txt", absolute] } }),
    );
    let diags = c.wait_diagnostics_from(0, &uri(&l.ws.join("crosswire.json")), |p| {
        p["diagnostics"].as_array().is_some_and(|a| !a.is_empty())
    });
    let d = &diags["diagnostics"][0];
    assert_eq!(d["code"], "config-outside");
    assert_eq!(d["severity"], 2, "a warning: the rest of the file is in force");
    assert_eq!(d["range"]["start"], json!({ "line": 1, "character": 24 }), "on the glob itself");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains(r#"articles[1] "../secret/*.txt" reaches outside the workspace folder"#),
        "{d}"
    );
    let shown = warning_containing(&mut c, "reaches outside");
    assert!(shown.contains("../secret/*.txt") && shown.contains("1 more refused glob"), "{shown}");
    let log = c.wait_notification("the settings' glob in the log", |n| {
        n["method"] == "window/logMessage"
            && n["params"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("the editor's crosswire settings: articles[1]"))
    });
    assert!(log["params"]["message"].as_str().unwrap().contains("it is an absolute path"), "{log}");
    c.wait_articles("the inside article", |a| {
        a["articles"].as_array().is_some_and(|v| v.len() == 1)
    });
    assert_server_never_read_secret(&mut c);
    c.shutdown_and_exit();
}

#[test]
fn server_skips_links_leading_outside_and_follows_links_inside() {
    let l = layout();
    symlink(&l.secret, l.ws.join("to-file.txt")).unwrap();
    symlink(&l.secret_dir, l.ws.join("to-folder")).unwrap();
    symlink(l.ws.join("good.txt"), l.ws.join("inside-link.txt")).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(&l.ws, caps_full());
    let list = c.wait_articles("good.txt and the inside link", |a| {
        a["articles"].as_array().is_some_and(|v| v.len() >= 2)
    });
    assert!(list.to_string().contains("inside-link.txt"), "{list}");
    assert_server_never_read_secret(&mut c);
    let shown = warning_containing(&mut c, "symbolic link leads outside");
    assert!(shown.contains("to-file.txt") || shown.contains("to-folder"), "{shown}");
    c.shutdown_and_exit();
}

#[test]
fn server_ignores_disk_events_outside_the_workspace_or_leading_outside() {
    let l = layout();
    let mut c = LspClient::spawn();
    c.initialize(&l.ws, caps_full());
    c.wait_indexed(1);
    // a link created inside after indexing, then reported; a path outside; one spelled with ..
    symlink(&l.secret, l.ws.join("to-file.txt")).unwrap();
    let dotdot = format!("{}/../secret/secret.txt", uri(&l.ws));
    let changes: Vec<Value> =
        [uri(&l.ws.join("to-file.txt")), uri(&l.secret), dotdot, uri(&l.secret_dir)]
            .into_iter()
            .map(|u| json!({ "uri": u, "type": 1 }))
            .collect();
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": changes }));
    assert_server_never_read_secret(&mut c);
    let shown = warning_containing(&mut c, "to-file.txt");
    assert!(
        shown.contains("symbolic link leads outside the workspace folders (to ")
            && shown.contains("not read"),
        "{shown}"
    );
    c.shutdown_and_exit();
}

#[test]
fn server_serves_an_outside_document_only_while_open_and_never_reads_its_file() {
    let l = layout();
    symlink(&l.secret, l.ws.join("to-file.txt")).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(&l.ws, caps_full());
    c.wait_indexed(1);
    // the editor's text is served, whatever the URI
    let (outside, link) = (l.secret.clone(), l.ws.join("to-file.txt"));
    c.open(&outside, "The UN says 111,111 civilians still live in eastern Aleppo.\n", 1);
    c.open(&link, "The UN says 222,222 civilians still live in eastern Aleppo.\n", 1);
    c.wait_articles("both open documents", |a| {
        a["articles"].as_array().is_some_and(|v| v.len() == 3)
    });
    // closed: dropped, not re-read from disk (where the secret is)
    for p in [&outside, &link] {
        c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(p) } }));
    }
    assert_server_never_read_secret(&mut c);
    c.wait_articles("both dropped", |a| a["articles"].as_array().is_some_and(|v| v.len() == 1));
    let shown = warning_containing(&mut c, "leads outside the workspace folders");
    assert!(shown.contains("to-file.txt"), "{shown}");
    c.shutdown_and_exit();
}

#[test]
fn server_without_a_workspace_folder_reads_nothing_from_disk() {
    let l = layout();
    let mut c = LspClient::spawn();
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": caps_full() }),
    );
    c.notify("initialized", json!({}));
    c.open(
        &l.ws.join("good.txt"),
        "The UN says 250,000 civilians still live in eastern Aleppo.\n",
        1,
    );
    c.wait_articles("the open document", |a| {
        a["articles"].as_array().is_some_and(|v| v.len() == 1)
    });
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&l.secret), "type": 1 }] }),
    );
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri(&l.ws.join("good.txt")) } }),
    );
    c.wait_articles("closed: nothing left", |a| {
        a["articles"].as_array().is_some_and(|v| v.is_empty())
    });
    assert_server_never_read_secret(&mut c);
    c.shutdown_and_exit();
}

#[test]
fn server_refuses_a_crosswire_json_that_is_a_link_outside() {
    let l = layout();
    std::fs::write(l.secret_dir.join("crosswire.json"), r#"{"outlets": {"good.txt": "Leaked"}}"#)
        .unwrap();
    symlink(l.secret_dir.join("crosswire.json"), l.ws.join("crosswire.json")).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(&l.ws, caps_full());
    let shown = warning_containing(&mut c, "invalid configuration");
    assert!(shown.contains("is a symbolic link that leads outside its folder (to "), "{shown}");
    let list = c.wait_indexed(1);
    assert_ne!(list["articles"][0]["outlet"], "Leaked", "{list}");
    // edits to it are refused with the reason, not proposed over a file that was not read
    let good = l.ws.join("good.txt");
    let (line, col) = utf16_pos(&std::fs::read_to_string(&good).unwrap(), "Kerry", 0);
    let mut params = LspClient::at(&good, line, col + 1);
    params["newName"] = json!("Kerry (US)");
    let r = c.request_raw("textDocument/rename", params);
    assert!(
        r["error"]["message"].as_str().is_some_and(|m| m.contains("leads outside its folder")),
        "{r}"
    );
    c.shutdown_and_exit();
}

#[test]
fn server_follows_a_link_in_a_new_folder_to_elsewhere_in_the_workspace() {
    // a folder created after indexing is walked on its own; its links are judged against the
    // workspace folder, not the new folder
    let l = layout();
    let mut c = LspClient::spawn();
    c.initialize(&l.ws, caps_full());
    c.wait_indexed(1);
    std::fs::create_dir(l.ws.join("new")).unwrap();
    symlink(l.ws.join("good.txt"), l.ws.join("new/link.txt")).unwrap();
    symlink(&l.secret, l.ws.join("new/to-file.txt")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&l.ws.join("new")), "type": 1 }] }),
    );
    let list = c.wait_articles("the link in the new folder", |a| {
        a["articles"].as_array().is_some_and(|v| v.len() == 2)
    });
    assert!(list.to_string().contains("new/link.txt"), "{list}");
    assert_server_never_read_secret(&mut c);
    c.shutdown_and_exit();
}
