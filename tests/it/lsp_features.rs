//! The language server's features on the seed articles, through the real binary over stdio:
//! diagnostics with related information, hover after curly quotes (UTF-16 columns),
//! definition and references across outlets, highlights, symbols, and an incremental edit that
//! clears the 275,000 conflict and the undo that restores it.

use crate::lsp_client;

use lsp_client::*;
use serde_json::{json, Value};
use std::path::Path;

fn is_conflict(d: &Value) -> bool {
    d["code"] == "figure-conflict"
}

fn has_conflict(params: &Value) -> bool {
    params["diagnostics"].as_array().is_some_and(|v| v.iter().any(is_conflict))
}

fn uris(locs: &Value) -> Vec<String> {
    locs.as_array()
        .map(|v| v.iter().map(|l| l["uri"].as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn label_of(u: &str) -> String {
    u.rsplit('/').next().unwrap()[..3].to_string()
}

fn start(dir: &Path, caps: Value) -> LspClient {
    let mut c = LspClient::spawn();
    c.initialize(dir, caps);
    c
}

#[test]
fn conflict_is_published_with_related_information_at_the_other_outlets() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let text = std::fs::read_to_string(&p2).unwrap();
    let mut c = start(dir.path(), caps_full());
    let d = c.wait_diagnostics_from(0, &uri(&p2), has_conflict);
    let conflict =
        d["diagnostics"].as_array().unwrap().iter().find(|d| is_conflict(d)).unwrap().clone();
    let (line, col) = utf16_pos(&text, "275,000", 0);
    assert_eq!(conflict["range"]["start"], json!({ "line": line, "character": col }));
    assert_eq!(conflict["range"]["end"], json!({ "line": line, "character": col + 7 }));
    assert_eq!(conflict["severity"], 2);
    assert_eq!(conflict["source"], "crosswire");
    assert_eq!(d["version"], Value::Null, "not open: no version");
    let related = conflict["relatedInformation"].as_array().expect("related information");
    let mut labels: Vec<String> =
        related.iter().map(|r| label_of(r["location"]["uri"].as_str().unwrap())).collect();
    labels.sort();
    assert_eq!(labels, ["001", "004"]);
    for r in related {
        let path = r["location"]["uri"].as_str().unwrap().trim_start_matches("file://").to_string();
        let t = std::fs::read_to_string(&path).unwrap();
        let (l, ch) = utf16_pos(&t, "250,000", 0);
        let s = &r["location"]["range"]["start"];
        assert_eq!(s["line"], l, "{r}");
        // the related range covers the figure (with its qualifier, if any)
        let e = &r["location"]["range"]["end"];
        assert_eq!(e, &json!({ "line": l, "character": ch + 7 }), "{r}");
    }
    // the death toll is a divergence (information), not a warning
    let p0 = seed(dir.path(), "000");
    let d0 = c.wait_diagnostics_from(0, &uri(&p0), |p| {
        p["diagnostics"].as_array().is_some_and(|v| !v.is_empty())
    });
    assert!(
        d0["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] == 3 && d["code"] == "figure-divergence"),
        "{d0:#}"
    );
    c.shutdown_and_exit();
}

#[test]
fn hover_after_curly_quotes_uses_utf16_columns() {
    let dir = copy_seeds();
    let p1 = seed(dir.path(), "001");
    let text = std::fs::read_to_string(&p1).unwrap();
    let mut c = start(dir.path(), caps_full());
    // "Syria’s UN Ambassador Bashar Ja’afari": two curly apostrophes on the line
    let (line, col) = utf16_pos(&text, "afari rejected", 0);
    let (_, col8) = utf8_pos(&text, "afari rejected", 0);
    assert_ne!(col, col8, "the line has multi-byte characters before the name");
    let h = c.request("textDocument/hover", LspClient::at(&p1, line, col));
    let md = h["contents"]["value"].as_str().unwrap_or_else(|| panic!("hover on Ja’afari: {h}"));
    assert!(md.contains("Ja’afari") && md.contains("person"), "{md}");
    let (_, bashar) = utf16_pos(&text, "Bashar Ja’afari", 0);
    assert_eq!(h["range"]["start"], json!({ "line": line, "character": bashar }));
    assert_eq!(
        h["range"]["end"],
        json!({ "line": line, "character": bashar + "Bashar Ja’afari".encode_utf16().count() as u32 })
    );
    // "Russia’s decision ... President Bashar al-Assad": after a curly apostrophe
    let (line, col) = utf16_pos(&text, "al-Assad.", 0);
    let h = c.request("textDocument/hover", LspClient::at(&p1, line, col + 3));
    let md = h["contents"]["value"].as_str().unwrap_or_else(|| panic!("hover on al-Assad: {h}"));
    assert!(md.contains("Assad") && !md.contains("Ja’afari"), "two Bashars stay apart: {md}");
    // nothing on ordinary words
    let (line, col) = utf16_pos(&text, "rejected accusations", 0);
    assert_eq!(c.request("textDocument/hover", LspClient::at(&p1, line, col + 2)), Value::Null);
    c.shutdown_and_exit();
}

#[test]
fn hover_utf8_when_negotiated() {
    let dir = copy_seeds();
    let p1 = seed(dir.path(), "001");
    let text = std::fs::read_to_string(&p1).unwrap();
    let mut caps = caps_full();
    caps["general"]["positionEncodings"] = json!(["utf-8"]);
    let mut c = start(dir.path(), caps);
    let (line, col8) = utf8_pos(&text, "afari rejected", 0);
    let h = c.request("textDocument/hover", LspClient::at(&p1, line, col8));
    assert!(h["contents"]["value"].as_str().is_some_and(|m| m.contains("Ja’afari")), "{h}");
    let (_, bashar8) = utf8_pos(&text, "Bashar Ja’afari", 0);
    assert_eq!(h["range"]["start"]["character"], bashar8);
    c.shutdown_and_exit();
}

#[test]
fn hover_on_lavrov_shows_roles_spellings_mentions_and_links() {
    let dir = copy_seeds();
    let p3 = seed(dir.path(), "003");
    let text = std::fs::read_to_string(&p3).unwrap();
    let mut c = start(dir.path(), caps_full());
    let (line, col) = utf16_pos(&text, "Lavrov", 0);
    let h = c.request("textDocument/hover", LspClient::at(&p3, line, col + 2));
    assert_eq!(h["contents"]["kind"], "markdown");
    let md = h["contents"]["value"].as_str().unwrap();
    for want in [
        "Lavrov",
        "person",
        "Russian Foreign Minister",
        "Spellings:",
        "Sergey Lavrov",
        "Sergei Lavrov",
        "Mentions:",
        "000",
        "002",
        "003",
        "004",
        "Linked:",
    ] {
        assert!(md.contains(want), "{want:?} missing from {md}");
    }
    c.shutdown_and_exit();
}

#[test]
fn hover_and_definition_on_a_figure_show_the_other_outlets() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let text = std::fs::read_to_string(&p2).unwrap();
    let mut c = start(dir.path(), caps_full());
    let (line, col) = utf16_pos(&text, "275,000", 0);
    let h = c.request("textDocument/hover", LspClient::at(&p2, line, col + 1));
    let md = h["contents"]["value"].as_str().unwrap_or_else(|| panic!("{h}"));
    assert!(
        md.contains("275,000")
            && md.contains("250,000")
            && md.contains("001")
            && md.contains("(004)")
            && md.contains("disagrees"),
        "{md}"
    );
    let defs = c.request("textDocument/definition", LspClient::at(&p2, line, col + 1));
    let mut labels: Vec<String> = uris(&defs).iter().map(|u| label_of(u)).collect();
    labels.sort();
    assert_eq!(labels, ["001", "004"]);
    c.shutdown_and_exit();
}

#[test]
fn definition_and_references_span_outlets() {
    let dir = copy_seeds();
    let p3 = seed(dir.path(), "003");
    let text = std::fs::read_to_string(&p3).unwrap();
    let mut c = start(dir.path(), caps_full());
    // on the surname-only "Lavrov" later in 003
    let (line, col) = utf16_pos(&text, "Lavrov", 1);
    let defs = c.request("textDocument/definition", LspClient::at(&p3, line, col));
    let labels: Vec<String> = uris(&defs).iter().map(|u| label_of(u)).collect();
    assert_eq!(
        labels.first().map(String::as_str),
        Some("003"),
        "current document first: {labels:?}"
    );
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(sorted, ["000", "002", "003", "004"]);
    // in 003 the introduction is the full name "Sergei Lavrov"
    let (l0, c0) = utf16_pos(&text, "Sergei Lavrov", 0);
    assert_eq!(defs[0]["range"]["start"], json!({ "line": l0, "character": c0 }));
    // references: every mention in every article; without the declaration, the four
    // introductions are left out
    let with = c.request("textDocument/references", json!({ "textDocument": { "uri": uri(&p3) }, "position": { "line": line, "character": col }, "context": { "includeDeclaration": true } }));
    let without = c.request("textDocument/references", json!({ "textDocument": { "uri": uri(&p3) }, "position": { "line": line, "character": col }, "context": { "includeDeclaration": false } }));
    let n_with = with.as_array().unwrap().len();
    let n_without = without.as_array().map_or(0, |v| v.len());
    assert!(n_with >= 8, "{with:#}");
    assert_eq!(n_with - n_without, 4);
    let mut files: Vec<String> = uris(&with).iter().map(|u| label_of(u)).collect();
    files.dedup();
    assert_eq!(files, ["000", "002", "003", "004"]);
    // highlight within the file: both mentions in 003
    let hl = c.request("textDocument/documentHighlight", LspClient::at(&p3, line, col));
    assert_eq!(hl.as_array().unwrap().len(), text.matches("Lavrov").count(), "{hl:#}");
    c.shutdown_and_exit();
}

#[test]
fn symbols_of_an_article_and_of_the_workspace() {
    let dir = copy_seeds();
    let p4 = seed(dir.path(), "004");
    let mut c = start(dir.path(), caps_full());
    let syms =
        c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&p4) } }));
    let names: Vec<String> =
        syms.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect();
    assert!(names.iter().any(|n| n.contains("Lavrov")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("250,000")), "{names:?}");
    assert!(
        syms[0].get("selectionRange").is_some(),
        "hierarchical symbols for a client that supports them"
    );
    let ws = c.request("workspace/symbol", json!({ "query": "lavrv" }));
    let first = &ws.as_array().unwrap()[0];
    assert!(first["name"].as_str().unwrap().contains("Lavrov"), "{ws:#}");
    let ws = c.request("workspace/symbol", json!({ "query": "Sergei" }));
    assert!(
        ws.as_array().unwrap().iter().any(|s| s["name"].as_str().unwrap().contains("Lavrov")),
        "aliases are searched: {ws:#}"
    );
    c.shutdown_and_exit();
}

#[test]
fn editing_275000_to_250000_clears_the_conflict_and_undo_restores_it() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let text = std::fs::read_to_string(&p2).unwrap();
    let mut c = start(dir.path(), caps_full());
    c.wait_diagnostics_from(0, &uri(&p2), has_conflict);
    c.open(&p2, &text, 1);
    let (line, col) = utf16_pos(&text, "275,000", 0);
    let from = c.notifications.len();
    // 275,000 -> 25,000 -> 250,000 in two keystrokes
    c.change(&p2, 2, json!([{ "range": { "start": { "line": line, "character": col + 1 }, "end": { "line": line, "character": col + 2 } }, "text": "" }]));
    c.change(&p2, 3, json!([{ "range": { "start": { "line": line, "character": col + 2 }, "end": { "line": line, "character": col + 2 } }, "text": "0" }]));
    let d = c.wait_diagnostics_from(from, &uri(&p2), |p| p["version"] == 3);
    assert!(!has_conflict(&d), "conflict cleared: {d:#}");
    // undo
    let from = c.notifications.len();
    c.change(&p2, 4, json!([{ "range": { "start": { "line": line, "character": col }, "end": { "line": line, "character": col + 7 } }, "text": "275,000" }]));
    let d = c.wait_diagnostics_from(from, &uri(&p2), |p| p["version"] == 4);
    assert!(has_conflict(&d), "conflict restored: {d:#}");
    c.shutdown_and_exit();
}

#[test]
fn deleting_a_conflicting_article_clears_its_diagnostics_and_a_new_one_joins() {
    let dir = copy_seeds();
    let p2 = seed(dir.path(), "002");
    let mut c = start(dir.path(), caps_full());
    c.wait_diagnostics_from(0, &uri(&p2), has_conflict);
    let from = c.notifications.len();
    std::fs::remove_file(&p2).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&p2), "type": 3 }] }),
    );
    c.wait_diagnostics_from(from, &uri(&p2), |p| {
        p["diagnostics"].as_array().is_some_and(|v| v.is_empty())
    });
    // a new article on disk reports the same disagreement, and mentions Lavrov
    let new = dir.path().join("005_new.txt");
    std::fs::write(&new, "USPA NEWS - Geneva\n\nRussian Foreign Minister Sergei Lavrov met John Kerry. The United Nations says 275,000 civilians still live in eastern Aleppo.\n").unwrap();
    let from = c.notifications.len();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&new), "type": 1 }] }),
    );
    c.wait_diagnostics_from(from, &uri(&new), has_conflict);
    let p3 = seed(dir.path(), "003");
    let t3 = std::fs::read_to_string(&p3).unwrap();
    let (line, col) = utf16_pos(&t3, "Lavrov", 0);
    let refs = c.request("textDocument/references", json!({ "textDocument": { "uri": uri(&p3) }, "position": { "line": line, "character": col }, "context": { "includeDeclaration": true } }));
    assert!(uris(&refs).contains(&uri(&new)), "{refs:#}");
    c.shutdown_and_exit();
}

#[test]
fn builtin_watcher_brings_a_new_conflicting_article_in() {
    let dir = copy_seeds();
    let mut c = start(dir.path(), caps_plain());
    let p2 = seed(dir.path(), "002");
    c.wait_diagnostics_from(0, &uri(&p2), has_conflict);
    let new = dir.path().join("005_new.txt");
    let from = c.notifications.len();
    std::fs::write(&new, "USPA NEWS - Geneva\n\nThe United Nations says 275,000 civilians still live in eastern Aleppo.\n").unwrap();
    c.wait_diagnostics_from(from, &uri(&new), has_conflict);
    let from = c.notifications.len();
    std::fs::remove_file(&new).unwrap();
    c.wait_diagnostics_from(from, &uri(&new), |p| {
        p["diagnostics"].as_array().is_some_and(|v| v.is_empty())
    });
    c.shutdown_and_exit();
}
