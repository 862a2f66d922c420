//! Protocol latency of `crosswire lsp` over stdio, driven like an editor would:
//!
//!     cargo run --release --example lsp-bench -- --bin target/release/crosswire --dir /tmp/corpus [--article 00000.txt] [--requests 200] [--edits 9] [--settle-ms 0] [--relink]
//!
//! Measures: initialize → first publishDiagnostics (the whole folder indexed, linked and
//! compared); didOpen → publishDiagnostics of the article (`00000.txt` of a gen-corpus folder
//! by default; any article with a figure in digits, e.g. a seed), median of several opens, each
//! after a didClose; hover, definition and references round trips (p50/p99) on actor mentions
//! of the article; and didChange → publishDiagnostics of that article (the edit changes the
//! article's displaced-families figure, or its first figure in digits elsewhere, alternating
//! between `1` and the original value), median of several edits.
//!
//! On Linux it also prints the server process's resident memory (VmRSS, and the peak VmHWM)
//! after each phase, read from /proc/PID/status: the figure the 10×-the-corpus target is about.
//! With `--relink`, every edit also adds or removes a person's name, so that the corpus is linked
//! again after each one; a references request after each edit waits for the new links, and the
//! memory is printed after every edit (it must not grow from edit to edit).

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

#[path = "../tests/common/framing.rs"]
mod framing;
use framing::{read_in_background, write_message};

struct Client {
    stdin: std::process::ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    child: std::process::Child,
}

impl Client {
    fn send(&mut self, v: &Value) {
        write_message(&mut self.stdin, v).unwrap();
    }
    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }
    fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }
    /// Next message, answering server requests on the way (null, or nulls for configuration).
    fn next(&mut self) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(600))
                .expect("server silent for 10 minutes");
            if m.get("method").is_some() && m.get("id").is_some() {
                let n = m["params"]["items"].as_array().map_or(1, |a| a.len());
                let result = if m["method"] == "workspace/configuration" {
                    Value::Array(vec![Value::Null; n])
                } else {
                    Value::Null
                };
                self.send(&json!({"jsonrpc": "2.0", "id": m["id"], "result": result}));
                continue;
            }
            return m;
        }
    }
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        loop {
            let m = self.next();
            if m.get("id") == Some(&json!(id)) {
                return m;
            }
        }
    }
    fn wait_diagnostics(&mut self, uri: Option<&str>, version: Option<i64>) -> Value {
        loop {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics"
                && uri.is_none_or(|u| m["params"]["uri"] == json!(u))
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
            {
                return m;
            }
        }
    }
}

fn pos(text: &str, off: usize) -> Value {
    let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..off].matches('\n').count();
    json!({"line": line, "character": text[line_start..off].encode_utf16().count()})
}

/// VmRSS and VmHWM of a process in MB (None where /proc is not there).
fn memory(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb = |field: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
    };
    Some((kb("VmRSS:")? / 1e3, kb("VmHWM:")? / 1e3))
}

fn print_memory(pid: u32, after: &str, corpus: f64) {
    if let Some((rss, hwm)) = memory(pid) {
        println!(
            "server memory after {after}: RSS {rss:.1} MB, peak {hwm:.1} MB ({:.1}× the corpus)",
            hwm * 1e6 / corpus
        );
    }
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let mut bin = PathBuf::from("target/release/crosswire");
    let mut dir = PathBuf::from("corpus");
    let (mut requests, mut edits, mut settle_ms, mut relink) = (200usize, 9usize, 0u64, false);
    let mut article = String::from("00000.txt");
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a == "--relink" {
            relink = true;
            continue;
        }
        let v = it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--bin" => bin = v.into(),
            "--dir" => dir = v.into(),
            "--article" => article = v,
            "--requests" => requests = v.parse().unwrap(),
            "--edits" => edits = v.parse().unwrap(),
            // a pause after opening the article, before the requests (background work settles)
            "--settle-ms" => settle_ms = v.parse().unwrap(),
            o => panic!("unknown argument {o}"),
        }
    }
    let dir = std::fs::canonicalize(&dir).expect("corpus folder");
    // the articles' bytes (the top level of the folder, as gen-corpus writes it)
    let corpus = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .filter(|e| crosswire::corpus::is_article_name(&e.file_name().to_string_lossy()))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>()
        .max(1) as f64;
    let mut child = Command::new(&bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let stdout = child.stdout.take().unwrap();
    let stdin = child.stdin.take().unwrap();
    let rx = read_in_background(stdout);
    let pid = child.id();
    let mut c = Client { stdin, rx, next_id: 1, child };
    let root = format!("file://{}", dir.display());
    let t0 = Instant::now();
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "workspaceFolders": [{"uri": root, "name": "bench"}],
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}, "textDocument": {"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}}}}),
    );
    c.notify("initialized", json!({}));
    c.wait_diagnostics(None, None);
    let first_diag = t0.elapsed().as_secs_f64() * 1e3;
    // let indexing settle: the articles request answers from the published snapshot
    let articles = c.request("crosswire/articles", Value::Null);
    println!(
        "articles indexed: {}",
        articles["result"]["articles"].as_array().map_or(0, |a| a.len())
    );
    println!("initialize -> first diagnostics: {first_diag:.0} ms");
    print_memory(pid, "indexing", corpus);

    let path = dir.join(&article);
    let uri = format!("file://{}", path.display());
    let text = std::fs::read_to_string(&path).expect("the article (--article, in --dir)");
    // opens: each after a close (which goes back to the disk copy, publishing nothing new)
    let mut opens = Vec::new();
    let opened = |c: &mut Client, version: i64| {
        let t = Instant::now();
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}));
        c.wait_diagnostics(Some(&uri), Some(version));
        t.elapsed().as_secs_f64() * 1e3
    };
    for k in 0..edits.max(1) {
        if k > 0 {
            c.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
            std::thread::sleep(Duration::from_millis(300));
        }
        opens.push(opened(&mut c, 1 + 100 * k as i64));
    }
    let n_opens = opens.len();
    let open_med = pct(&mut opens, 0.5);
    println!("didOpen -> publishDiagnostics: median {open_med:.1} ms of {n_opens} (min {:.1}, max {:.1})", opens[0], opens[n_opens - 1]);
    std::thread::sleep(Duration::from_millis(settle_ms));

    // positions: starts of capitalised words (mentions, mostly) of the article
    let offsets: Vec<usize> = text
        .char_indices()
        .filter(|&(i, ch)| {
            ch.is_uppercase()
                && (i == 0 || !text[..i].chars().next_back().unwrap().is_alphanumeric())
        })
        .map(|(i, _)| i + 1)
        .collect();
    for method in ["textDocument/hover", "textDocument/definition", "textDocument/references"] {
        let mut times = Vec::with_capacity(requests);
        let mut non_null = 0;
        for k in 0..requests {
            let off = offsets[k % offsets.len()];
            let mut params = json!({"textDocument": {"uri": uri}, "position": pos(&text, off)});
            if method.ends_with("references") {
                params["context"] = json!({"includeDeclaration": true});
            }
            let t = Instant::now();
            let r = c.request(method, params);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            non_null += usize::from(!r["result"].is_null());
        }
        let (p50, p99) = (pct(&mut times, 0.5), pct(&mut times, 0.99));
        println!("{method}: {requests} requests ({non_null} non-empty): p50 {p50:.2} ms, p99 {p99:.2} ms");
        print_memory(pid, method.trim_start_matches("textDocument/"), corpus);
    }

    // edits: the displaced-families figure of a generated article, else the first figure in
    // digits (a run of digits and commas), alternating
    let (figure_start, figure_end) = match text.find("Local officials said ") {
        Some(line) => {
            let s = line + "Local officials said ".len();
            (s, s + text[s..].find(' ').unwrap())
        }
        None => {
            let s = text.find(|c: char| c.is_ascii_digit()).expect("a figure in digits");
            let len = text[s..].find(|c: char| !c.is_ascii_digit() && c != ',').unwrap_or(0);
            (s, s + len.max(1))
        }
    };
    let original = text[figure_start..figure_end].to_string();
    let start = pos(&text, figure_start);
    let mut current = original.clone();
    let mut times = Vec::new();
    for e in 0..edits {
        let next = match (e % 2 == 0, relink) {
            (true, false) => "1",
            (true, true) => "1 (a count Zebulon Quartermaine disputes)",
            (false, _) => original.as_str(),
        };
        let end = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + current.encode_utf16().count() as u64});
        let version = 100 * edits.max(1) as i64 + e as i64;
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": start, "end": end}, "text": next}]}),
        );
        let d = c.wait_diagnostics(Some(&uri), Some(version));
        times.push(t.elapsed().as_secs_f64() * 1e3);
        eprintln!(
            "edit {e}: {:.1} ms, {} diagnostics",
            times.last().unwrap(),
            d["params"]["diagnostics"].as_array().map_or(0, |a| a.len())
        );
        current = next.to_string();
        if relink {
            // waits for the corpus linked again, and gets a large answer from it
            let r = c.request("textDocument/references", json!({"textDocument": {"uri": uri}, "position": pos(&text, offsets[0]), "context": {"includeDeclaration": true}}));
            eprintln!(
                "  references after it: {} locations",
                r["result"].as_array().map_or(0, |a| a.len())
            );
            print_memory(pid, &format!("edit {e}"), corpus);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let med = pct(&mut times, 0.5);
    print_memory(pid, "the edits", corpus);
    println!(
        "didChange -> publishDiagnostics: median {med:.1} ms of {edits} (min {:.1}, max {:.1})",
        times[0],
        times[times.len() - 1]
    );
    let _ = c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    let _ = c.child.wait();
}
