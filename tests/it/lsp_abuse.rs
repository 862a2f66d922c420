//! Protocol abuse through the real binary: a storm of changes and cancellations, a wrong
//! Content-Length, garbage between messages. The server answers properly and its state stays
//! that of the client's final text.

use crate::lsp_client;
use lsp_client::*;
use serde_json::{json, Value};

fn article<'a>(list: &'a Value, uri_of: &str) -> Option<&'a Value> {
    list["articles"].as_array()?.iter().find(|a| a["uri"] == uri_of)
}

#[test]
fn ten_thousand_changes_and_a_cancellation_storm_end_in_the_final_text() {
    let dir = copy_seeds();
    let p = seed(dir.path(), "002");
    let text = std::fs::read_to_string(&p).unwrap();
    let (line, col) = utf16_pos(&text, "275,000", 0);
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    c.open(&p, &text, 1);
    // 10,000 edits without waiting, each retyping the figure's last digit, with hovers that are
    // cancelled at once in between
    let mut ids = Vec::new();
    for v in 2..=10_001 {
        let digit = (v % 10).to_string();
        c.change(&p, v, json!([{ "range": { "start": { "line": line, "character": col + 6 }, "end": { "line": line, "character": col + 7 } }, "text": digit }]));
        if v % 50 == 0 {
            let id = c.request_async("textDocument/hover", LspClient::at(&p, line, col + 1));
            c.notify("$/cancelRequest", json!({ "id": id }));
            ids.push(id);
        }
    }
    // every request gets an answer: a result or a RequestCancelled error
    for id in ids {
        let r = c.response(id);
        assert!(r.get("result").is_some() || r["error"]["code"] == -32800, "{r}");
    }
    let final_text = {
        let mut t = text.clone();
        let start = t.find("275,000").unwrap();
        t.replace_range(start + 6..start + 7, "1"); // version 10,001 wrote "1"
        t
    };
    let list = c.request("crosswire/articles", Value::Null);
    let a = article(&list, &uri(&p)).expect("the article is indexed").clone();
    assert_eq!(a["version"], 10_001);
    assert_eq!(a["digest"], json!(digest(&final_text)));
    let hover = c.request("textDocument/hover", LspClient::at(&p, line, col + 1));
    c.shutdown_and_exit();

    let mut fresh = LspClient::spawn();
    fresh.initialize(dir.path(), caps_full());
    fresh.open(&p, &final_text, 10_001);
    assert_eq!(hover, fresh.request("textDocument/hover", LspClient::at(&p, line, col + 1)));
    fresh.shutdown_and_exit();
}

/// Sends `raw` bytes after initialize, then checks the server still answers a hover and shuts
/// down cleanly.
fn serves_after(raw: &[&[u8]], what: &str) {
    let dir = copy_seeds();
    let p = seed(dir.path(), "003");
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    for bytes in raw {
        c.send_raw(bytes);
    }
    assert!(c.alive(), "the server survives {what}");
    let hover = c.request("textDocument/hover", LspClient::at(&p, 4, 60));
    assert!(hover.is_null() || hover.is_object(), "{hover}");
    let (status, _) = c.shutdown_and_exit();
    assert!(status.success());
}

#[test]
fn a_wrong_content_length_and_garbage_do_not_end_the_server() {
    // a header that announces fewer bytes than follow, then stray bytes, then a good message
    serves_after(
        &[
            b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
            b"\r\n\r\nthis is not a header\r\n\r\n",
            b"Content-Length: abc\r\n\r\n",
        ],
        "malformed framing",
    );
}

#[test]
fn a_header_line_of_sixteen_megabytes_is_read_past_not_buffered() {
    // no line break for 16 MB, then the end of that "header" and a good message
    serves_after(&[&vec![b'x'; 16 * 1024 * 1024], b"\r\n\r\n"], "an endless header line");
}

#[test]
fn unusable_files_get_one_notice_and_the_rest_is_served() {
    let dir = copy_seeds();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 250,000 people\n").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x7fELF\0\0\0\x01").unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    let notice = c.wait_notification("a window/showMessage about unusable files", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"].as_str().is_some_and(|t| t.contains(".txt"))
    });
    let text = notice["params"]["message"].as_str().unwrap();
    assert!(text.contains("latin1.txt") || text.contains("binary.txt"), "{text}");
    assert!(text.contains("1 more file"), "the second file is counted, not shown again: {text}");
    // the seeds are still served
    let p = seed(dir.path(), "002");
    let t = std::fs::read_to_string(&p).unwrap();
    let (line, col) = utf16_pos(&t, "275,000", 0);
    c.wait_diagnostics_from(0, &uri(&p), |params| {
        params["diagnostics"].as_array().is_some_and(|a| !a.is_empty())
    });
    let hover = c.request("textDocument/hover", LspClient::at(&p, line, col + 1));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("275,000"), "{hover}");
    c.shutdown_and_exit();
}
