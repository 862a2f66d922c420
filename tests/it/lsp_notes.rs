//! Notes through the real language server over stdio: "Add a note…" writes the entry through a
//! WorkspaceEdit and opens crosswire.json at the new note's text (window/showDocument); notes
//! show in the hover of the anchored text and of every mention of the actor, as `hint`
//! diagnostics, as inlay hints with the verdict; a note whose text was removed is reported on
//! crosswire.json, never dropped.

use crate::lsp_client;

use lsp_client::*;
use serde_json::{json, Value};
use std::path::Path;

fn caps_edit() -> Value {
    let mut c = caps_full();
    c["workspace"]["workspaceEdit"] =
        json!({ "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] });
    c["window"] = json!({ "showDocument": { "support": true } });
    c
}

fn range_of(text: &str, needle: &str, nth: usize) -> Value {
    let (l, c) = utf16_pos(text, needle, nth);
    json!({ "start": { "line": l, "character": c }, "end": { "line": l, "character": c + needle.encode_utf16().count() as u32 } })
}

fn hover_at(c: &mut LspClient, path: &Path, text: &str, needle: &str, nth: usize) -> String {
    let (l, ch) = utf16_pos(text, needle, nth);
    let h = c.request("textDocument/hover", LspClient::at(path, l, ch + 1));
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

fn notes_config(dir: &Path) {
    std::fs::write(
        dir.join("crosswire.json"),
        r#"{
  "notes": [
    {"anchor": {"article": "002_142ef9cbeb2672f9.txt", "quote": "275,000 civilians", "before": "where the United Nations says ", "after": " still live"},
     "note": "OCHA gave 250,000 on 14 October.", "verdict": "misleading", "author": "A. Checker", "date": "2016-10-21"},
    {"anchor": {"actor": "Lavrov"}, "note": "Foreign Minister since 2004."}
  ]
}
"#,
    )
    .unwrap();
}

#[test]
fn notes_show_in_hover_hints_and_problems_and_a_removed_text_is_reported_stale() {
    let dir = copy_seeds();
    notes_config(dir.path());
    let p2 = seed(dir.path(), "002");
    let p4 = seed(dir.path(), "004");
    let text2 = std::fs::read_to_string(&p2).unwrap();
    let text4 = std::fs::read_to_string(&p4).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_edit());
    // the Problems panel: a hint on the anchored text, with the verdict
    let quote = range_of(&text2, "275,000 civilians", 0);
    let d = c.wait_diagnostics_from(0, &uri(&p2), |p| {
        p["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "note")
    });
    let hint = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "note" && d["range"] == quote)
        .unwrap_or_else(|| panic!("a note hint on the quote: {d:#}"))
        .clone();
    assert_eq!(hint["severity"], 4, "hint");
    assert_eq!(hint["message"], "Note 1 [misleading]: OCHA gave 250,000 on 14 October.");
    // the conflict warning is still there beside it
    assert!(d["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "figure-conflict"));
    // the actor note: a hint at the actor's first mention in each article, once the actors are
    // linked (the first diagnostics come before the linking)
    let d = c.wait_diagnostics_from(0, &uri(&p4), |p| {
        p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"] == "Note 2: Foreign Minister since 2004.")
    });
    let actor_hints: Vec<&Value> = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"] == "Note 2: Foreign Minister since 2004.")
        .collect();
    assert_eq!(actor_hints.len(), 1, "once per article: {actor_hints:#?}");
    assert_eq!(actor_hints[0]["range"], range_of(&text4, "Lavrov", 0));

    // hover over the figure inside the quote: the figure card and the note
    let h = hover_at(&mut c, &p2, &text2, "275,000", 0);
    assert!(h.contains("Other outlets"), "{h}");
    assert!(h.contains("**Note 1** · **misleading**"), "{h}");
    assert!(h.contains("OCHA gave 250,000 on 14 October."), "{h}");
    // hover over anchored text that is neither a name nor a figure: the note alone
    let h = hover_at(&mut c, &p2, &text2, "civilians still live", 0);
    assert!(h.contains("Note 1") && !h.contains("Other outlets"), "{h}");
    // the actor note in the hover of every mention, in every outlet, whatever the spelling
    for (path, text, spelling) in
        [(&p2, &text2, "Sergei Lavrov"), (&p2, &text2, "Lavrov"), (&p4, &text4, "Mr Lavrov")]
    {
        let h = hover_at(&mut c, path, text, spelling, 0);
        assert!(
            h.contains("**Note 2**") && h.contains("Foreign Minister since 2004."),
            "{spelling}: {h}"
        );
    }
    // the verdict as an inlay hint after the anchored text
    let hints = c.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri(&p2) }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 200, "character": 0 } } }),
    );
    let verdict = hints
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["label"] == "⚑ misleading")
        .unwrap_or_else(|| panic!("a verdict hint: {hints:#}"));
    assert_eq!(verdict["position"], quote["end"]);

    // the sentence removed in the editor: one warning on crosswire.json names the note
    let cfg = dir.path().join("crosswire.json");
    c.open(&p2, &text2, 1);
    let n = c.notifications.len();
    let (l, _) = utf16_pos(&text2, "275,000 civilians", 0);
    c.change(
        &p2,
        2,
        json!([{ "range": { "start": { "line": l, "character": 0 }, "end": { "line": l + 1, "character": 0 } }, "text": "" }]),
    );
    let d = c.wait_diagnostics_from(n, &uri(&cfg), |p| {
        p["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "note-stale")
    });
    let stale = &d["diagnostics"].as_array().unwrap()[0];
    assert_eq!(
        stale["message"],
        "note 1 (“275,000 civilians” in 002_142ef9cbeb2672f9.txt) no longer found in 002_142ef9cbeb2672f9.txt"
    );
    let cfg_text = std::fs::read_to_string(&cfg).unwrap();
    assert_eq!(stale["range"], range_of(&cfg_text, "\"275,000 civilians\"", 0));
    // the text back: the warning goes
    let n = c.notifications.len();
    c.change(&p2, 3, json!([{ "text": text2 }]));
    c.wait_diagnostics_from(n, &uri(&cfg), |p| p["diagnostics"].as_array().unwrap().is_empty());
    c.shutdown_and_exit();
}

#[test]
fn add_a_note_writes_the_entry_and_opens_crosswire_json_at_its_text() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let text2 = std::fs::read_to_string(&p2).unwrap();
    let mut c = LspClient::spawn();
    c.answers.push(("window/showDocument".into(), json!({ "success": true })));
    c.initialize(dir.path(), caps_edit());
    c.wait_diagnostics_from(0, &uri(&p2), |p| !p["diagnostics"].as_array().unwrap().is_empty());
    // a selection
    let selection = range_of(&text2, "United Nations says 275,000 civilians still live", 0);
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&p2) }, "range": selection, "context": { "diagnostics": [] } }),
    );
    let titles: Vec<&str> =
        actions.as_array().unwrap().iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.contains(&"Add a note on “United Nations says 275,000 civilians s…”…"),
        "{titles:#?}"
    );
    // and on the name the selection starts with, wherever it is mentioned
    assert!(
        titles.iter().any(|t| t.starts_with("Add a note on United Nations (every mention)")),
        "{titles:#?}"
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Add a note on “United Nations"))
        .unwrap()
        .clone();
    let cfg = dir.path().join("crosswire.json");
    assert!(!cfg.exists(), "the server never writes");
    let written = apply_workspace_edit(&add["edit"]);
    assert_eq!(written, std::slice::from_ref(&cfg));
    let text = std::fs::read_to_string(&cfg).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let note = &v["notes"][0];
    assert_eq!(note["anchor"]["article"], "002_142ef9cbeb2672f9.txt");
    assert_eq!(note["anchor"]["quote"], "United Nations says 275,000 civilians still live");
    assert!(note["anchor"]["before"].as_str().unwrap().ends_with("the city of Aleppo, where the "));
    assert!(note["anchor"]["after"].as_str().unwrap().starts_with(" and 8,000 rebels"));
    assert_eq!(note["note"], "");
    // then the command: crosswire.json opened with the cursor in the note's text
    let command = &add["command"];
    assert_eq!(command["command"], "crosswire.openNote");
    let n = c.server_requests.len();
    c.request(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    let show = c.server_requests[n..]
        .iter()
        .find(|r| r["method"] == "window/showDocument")
        .expect("window/showDocument")
        .clone();
    assert_eq!(show["params"]["uri"], json!(uri(&cfg)));
    assert_eq!(show["params"]["takeFocus"], true);
    let at = &show["params"]["selection"]["start"];
    let offset = offset_of(&text, at["line"].as_u64().unwrap(), at["character"].as_u64().unwrap());
    assert!(text[..offset].ends_with("\"note\": \""), "cursor inside the note's quotes: {text}");
    assert!(text[offset..].starts_with('"'));
    // the editor saves crosswire.json: the new note is a hint on the selection (the articles
    // are not analysed again for it: only the notes differ)
    let n = c.notifications.len();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&cfg), "type": 1 }] }),
    );
    let d = c.wait_diagnostics_from(n, &uri(&p2), |p| {
        p["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "note")
    });
    let hint = d["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "note").unwrap();
    assert_eq!(hint["range"], selection);
    assert_eq!(hint["message"], "Note 1: (no text yet)");
    // on a figure: the figure, and its quantity across outlets
    let (l, ch) = utf16_pos(&text2, "275,000", 0);
    let at = json!({ "start": { "line": l, "character": ch + 1 }, "end": { "line": l, "character": ch + 1 } });
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&p2) }, "range": at, "context": { "diagnostics": [] } }),
    );
    let titles: Vec<&str> =
        actions.as_array().unwrap().iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.contains(&"Add a note on “275,000”…"), "{titles:#?}");
    assert!(
        titles.contains(
            &"Add a note on people living in Aleppo, whole event (every outlet's figure)…"
        ),
        "{titles:#?}"
    );
    c.shutdown_and_exit();
}
