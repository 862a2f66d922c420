//! Saved web pages as articles, through the real binary: the five seeds saved as news pages
//! (`fixtures/html`, written by `scripts/seeds-to-html.py`) give exactly the findings, actors and
//! figures of the `.txt` seeds; every position lands on the page's own characters (an entity or
//! a tag inside a name shifts nothing); the language server's hover and diagnostics are in the
//! HTML document's coordinates, and an edit of an open page re-extracts it; pages without
//! article text are named with the reason and the rest of the folder is still served.

use crate::lsp_client;

use lsp_client::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(dir)
}

use crate::crosswire_on as run;

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

/// Every object of `v` that is a location (has `file` and `line`).
fn locations(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(o) => {
            if o.contains_key("file") && o.contains_key("line") {
                out.push(v.clone());
            }
            o.values().for_each(|x| locations(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| locations(x, out)),
        _ => {}
    }
}

/// The report with positions left out and file names without their folder and extension.
fn without_positions(v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "line" | "character" | "end_line" | "end_character")
                })
                .map(|(k, x)| (k.clone(), without_positions(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_positions).collect()),
        Value::String(s) => {
            let name = s.rsplit('/').next().unwrap_or(s);
            match name.rsplit_once('.') {
                Some((stem, "txt" | "html")) if s.contains("fixtures/") => {
                    Value::String(stem.into())
                }
                _ => Value::String(s.clone()),
            }
        }
        other => other.clone(),
    }
}

/// The byte offset of a 0-based line and UTF-16 column.
fn offset(text: &str, line: u64, character: u64) -> usize {
    offset_of(text, line, character)
}

/// What a reader sees of an HTML fragment: tags dropped, entities decoded, white space as one
/// space (html5gum's tokenizer, as the extractor uses).
fn reader_text(fragment: &str) -> String {
    let mut out = Vec::new();
    for token in html5gum::Tokenizer::new(fragment) {
        if let Ok(html5gum::Token::String(s)) = token {
            out.extend_from_slice(&s);
        }
    }
    String::from_utf8(out).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn seeds_as_pages_give_the_findings_actors_and_figures_of_the_text_seeds() {
    for command in ["check", "actors", "figures"] {
        let args = [command, "--format", "json"];
        let pages = run(&args, &fixtures("html"));
        let texts = run(&args, &fixtures("seeds"));
        assert_eq!(pages.status.code(), texts.status.code(), "{command}");
        assert!(pages.stderr.is_empty(), "{}", String::from_utf8_lossy(&pages.stderr));
        assert_eq!(
            without_positions(&json_of(&pages)),
            without_positions(&json_of(&texts)),
            "{command}: the pages must give what the text seeds give"
        );
    }
}

#[test]
fn every_position_lands_on_the_pages_own_characters() {
    let mut checked = 0;
    for command in ["check", "actors", "figures"] {
        let out = run(&[command, "--format", "json"], &fixtures("html"));
        let mut locs = Vec::new();
        locations(&json_of(&out), &mut locs);
        for loc in locs {
            let file = loc["file"].as_str().unwrap();
            assert!(file.ends_with(".html"), "{file}");
            let page = std::fs::read_to_string(file).unwrap();
            let n = |k: &str| loc[k].as_u64().unwrap();
            let start = offset(&page, n("line"), n("character"));
            let end = offset(&page, n("end_line"), n("end_character"));
            let want =
                loc["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(reader_text(&page[start..end]), want, "{loc}: {:?}", &page[start..end]);
            // the range starts and ends on the text, never inside markup
            assert!(
                !page[start..end].starts_with('<') && !page[start..end].ends_with('>'),
                "{loc}"
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} locations");
}

#[test]
fn check_quotes_the_extracted_text_under_the_pages_line_and_column() {
    let out = run(&["check", "--fail-on", "never"], &fixtures("html"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let page = std::fs::read_to_string(fixtures("html").join("002_142ef9cbeb2672f9.html")).unwrap();
    let (line, col) = utf16_pos(&page, "275,000", 0);
    let locus = format!("002_142ef9cbeb2672f9.html:{}:{}", line + 1, col + 1);
    assert!(stdout.contains(&locus), "{locus} not in {stdout}");
    // the snippet is the reader's text: no markup, entities decoded
    let snippet = stdout.lines().find(|l| l.contains("275,000 civilians")).unwrap();
    assert!(!snippet.contains('<') && !snippet.contains("&amp;"), "{snippet}");
    assert!(snippet.trim_start().starts_with(&format!("{} │", line + 1)), "{snippet}");
}

fn copy_pages() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixtures("html")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn is_conflict(d: &Value) -> bool {
    d["code"] == "figure-conflict"
}

fn has_conflict(params: &Value) -> bool {
    params["diagnostics"].as_array().is_some_and(|v| v.iter().any(is_conflict))
}

#[test]
fn server_hover_and_diagnostics_are_in_the_html_documents_coordinates() {
    let dir = copy_pages();
    let p2 = seed(dir.path(), "002");
    let page = std::fs::read_to_string(&p2).unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());

    // the conflict on 275,000, at its characters in the HTML, related to 001 and 004
    let d = c.wait_diagnostics_from(0, &uri(&p2), has_conflict);
    let conflict =
        d["diagnostics"].as_array().unwrap().iter().find(|d| is_conflict(d)).unwrap().clone();
    let (line, col) = utf16_pos(&page, "275,000", 0);
    assert_eq!(conflict["range"]["start"], json!({ "line": line, "character": col }));
    assert_eq!(conflict["range"]["end"], json!({ "line": line, "character": col + 7 }));
    for r in conflict["relatedInformation"].as_array().unwrap() {
        let path = r["location"]["uri"].as_str().unwrap().trim_start_matches("file://").to_string();
        assert!(path.ends_with(".html"), "{path}");
        let other = std::fs::read_to_string(&path).unwrap();
        let range = &r["location"]["range"];
        let at = |p: &Value| {
            offset(&other, p["line"].as_u64().unwrap(), p["character"].as_u64().unwrap())
        };
        let covered = reader_text(&other[at(&range["start"])..at(&range["end"])]);
        assert!(covered.ends_with("250,000"), "{r}: {covered:?}");
    }

    // "Sergei <b>Lavrov</b>": a hover on the surname inside <b> gives the person, and the
    // range spans the whole name across the tag
    let (line, col) = utf16_pos(&page, "Lavrov</b>", 0);
    let h = c.request("textDocument/hover", LspClient::at(&p2, line, col + 2));
    let md = h["contents"]["value"].as_str().unwrap_or_else(|| panic!("hover on Lavrov: {h}"));
    assert!(md.contains("Lavrov") && md.contains("person"), "{md}");
    let (_, name) = utf16_pos(&page, "Sergei <b>Lavrov</b>", 0);
    assert_eq!(h["range"]["start"], json!({ "line": line, "character": name }));
    assert_eq!(h["range"]["end"], json!({ "line": line, "character": col + 6 }));
    // markup holds no actor
    let (line, col) = utf16_pos(&page, "<b>Lavrov", 0);
    let markup = c.request("textDocument/hover", LspClient::at(&p2, line, col + 1));
    assert!(
        markup.is_null()
            || markup["contents"]["value"].as_str().is_some_and(|m| m.contains("Lavrov")),
        "{markup}"
    );

    // an edit in the open page (275,000 → 250,000 in the HTML) clears the conflict: the page
    // is extracted again
    let from = c.notifications.len();
    c.open(&p2, &page, 1);
    let (line, col) = utf16_pos(&page, "275,000", 0);
    c.change(
        &p2,
        2,
        json!([{ "range": { "start": { "line": line, "character": col }, "end": { "line": line, "character": col + 7 } }, "text": "250,000" }]),
    );
    c.wait_diagnostics_from(from, &uri(&p2), |p| !has_conflict(p) && p["version"] == 2);
    c.shutdown_and_exit();
}

#[test]
fn pages_without_article_text_are_named_and_the_rest_is_served() {
    let dir = copy_pages();
    let nav_only = dir.path().join("nav-only.html");
    std::fs::write(
        &nav_only,
        "<html><body><nav><a href=/>Home</a> <a href=/world>World</a></nav></body></html>",
    )
    .unwrap();
    let app = dir.path().join("app.html");
    let script = format!(
        "<html><head><script>{}</script></head><body><div id=root></div></body></html>",
        "render(1);".repeat(500)
    );
    std::fs::write(&app, script).unwrap();
    std::fs::write(
        dir.path().join("broken.htm"),
        "<p>Unclosed <b>tags <i>everywhere &amp &#xZZ; &bogus; <",
    )
    .unwrap();
    // a page in the legacy encoding it declares is read; one declaring an unknown one is named
    let mut latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>".to_vec();
    latin.extend_from_slice(b"Fran\xe7ois Hollande told reporters in Paris that the talks had failed, and that 250,000 people were trapped.</p></body></html>");
    std::fs::write(dir.path().join("latin.html"), &latin).unwrap();
    std::fs::write(dir.path().join("klingon.html"), b"<meta charset=klingon><p>caf\xe9</p>")
        .unwrap();
    let actors = run(&["actors", "--format", "json"], &dir.path().join("latin.html"));
    assert!(
        String::from_utf8_lossy(&actors.stdout).contains("Fran\u{e7}ois Hollande"),
        "{}",
        String::from_utf8_lossy(&actors.stderr)
    );
    let out = run(&["check", "--format", "json"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("klingon.html: not valid UTF-8, and the charset it declares"),
        "{stderr}"
    );
    assert!(!stderr.contains("latin.html"), "{stderr}");
    assert!(stderr.contains("nav-only.html: no article text found"), "{stderr}");
    assert!(
        stderr.contains("app.html: this web page is") && stderr.contains("% script"),
        "{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the conflict of the other pages still fails the run: {stderr}"
    );
    let v = json_of(&out);
    // the five seeds, the Latin-1 page, and the broken page (one paragraph of text in it)
    assert_eq!(v["articles"], 7, "{v}");
}

mod properties {
    use crosswire::corpus::html;
    use proptest::prelude::*;

    /// Pieces of pages, malformed ones included, that random pages are built from.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"content\">",
        "<div class=comments>",
        "</div>",
        "<b>",
        "</b>",
        "<a href=x>",
        "</a>",
        "<h1>",
        "</h1>",
        "<br>",
        "<li>",
        "<ul>",
        "</ul>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<style>",
        "<title>",
        "</title>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<meta property=\"og:site_name\" content=\"X&amp;Y\">",
        "<time datetime=2016-10-15>",
        "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"publisher\":{\"name\":",
        "&amp;",
        "&nbsp;",
        "&#x41;",
        "&#0;",
        "&#xD800;",
        "&notin",
        "&rsquo;",
        "&",
        ";",
        "<",
        ">",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r\n",
        "\t",
        "é",
        "日本",
        "🙂",
        "\u{feff}",
        "\u{2028}",
        "The talks in Lausanne ended, officials said, and the fighting went on. ",
        "275,000 people live in Aleppo, the United Nations says. ",
        "Sergei Lavrov",
        "John Kerry",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn any_page_extracts_without_panicking_and_maps_inside_the_page(
            picks in proptest::collection::vec(0..PIECES.len(), 0..120)
        ) {
            let source: String = picks.iter().map(|&i| PIECES[i]).collect();
            if let Ok(page) = html::extract(&source) {
                prop_assert_eq!(page.map.text_len(), page.text.len());
                let mut last = 0;
                let ends = page.text.char_indices().map(|(i, _)| i).chain([page.text.len()]);
                for i in ends {
                    let s = page.map.to_source_start(i);
                    prop_assert!(s <= source.len() && source.is_char_boundary(s));
                    prop_assert!(s >= last, "source offsets follow the text's order");
                    last = s;
                    let back = page.map.to_text(s);
                    prop_assert!(back <= page.text.len() && page.text.is_char_boundary(back));
                    let span = page.map.to_source(&(0..i));
                    prop_assert!(span.start <= span.end && span.end <= source.len());
                }
            }
        }
    }
}

/// Words of a text, lower-cased, as a multiset.
fn word_counts(text: &str) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn real_news_pages_give_the_article_readability_gives() {
    for (name, outlet, date) in
        [("bbc-1", Some("BBC News"), Some("2015-07-24")), ("nytimes-1", None, None)]
    {
        let dir = fixtures("html-readability").join(name);
        let source = std::fs::read_to_string(dir.join("source.html")).unwrap();
        let page = crosswire::corpus::html::extract(&source).unwrap();
        let expected = reader_text(&std::fs::read_to_string(dir.join("expected.html")).unwrap());
        let (want, got) = (word_counts(&expected), word_counts(&page.text));
        let overlap: usize =
            want.iter().map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0))).sum();
        let precision = overlap as f64 / got.values().sum::<usize>() as f64;
        let recall = overlap as f64 / want.values().sum::<usize>() as f64;
        assert!(
            precision > 0.9 && recall > 0.95,
            "{name}: precision {precision:.3}, recall {recall:.3}"
        );
        let meta: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        if let Some(outlet) = outlet {
            assert_eq!(page.meta.outlet.as_deref(), Some(outlet));
            assert_eq!(meta["siteName"], outlet);
        }
        if let Some(date) = date {
            assert!(
                page.meta.published.as_deref().is_some_and(|d| d.starts_with(date)),
                "{:?}",
                page.meta
            );
        }
        if let Some(byline) = meta["byline"].as_str().filter(|b| Some(*b) != outlet) {
            assert_eq!(page.meta.author.as_deref(), Some(byline));
        }
        // through the binary: served, and every position inside the page
        let out = run(&["figures", "--format", "json"], &dir.join("source.html"));
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut locs = Vec::new();
        locations(&json_of(&out), &mut locs);
        assert!(!locs.is_empty(), "{name}: figures found");
        for loc in locs {
            let n = |k: &str| loc[k].as_u64().unwrap();
            let (start, end) = (
                offset(&source, n("line"), n("character")),
                offset(&source, n("end_line"), n("end_character")),
            );
            let want =
                loc["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(reader_text(&source[start..end]), want, "{loc}");
        }
    }
}

/// Page shapes that would make a careless extractor quadratic (an end tag searching every open
/// element, text re-scanned per entity, a score walked up a deep tree per paragraph) are
/// extracted in full: a watchdog fails the test after two minutes, far beyond what the linear
/// code takes in a debug build.
#[test]
fn hostile_page_shapes_are_extracted_in_linear_time() {
    let prose = "The talks ended, officials said, in Lausanne. ";
    let shapes: Vec<(&str, String)> = vec![
        (
            "deep nesting",
            format!(
                "{}<p>{}</p>{}",
                "<div>".repeat(50_000),
                prose.repeat(5),
                "</div>".repeat(50_000)
            ),
        ),
        (
            "unmatched end tags",
            format!(
                "{}<p>{}</p>{}",
                "<div>".repeat(300),
                prose.repeat(5),
                "</span>".repeat(200_000)
            ),
        ),
        ("entities", format!("<p>{}</p>", "A &amp; B &nbsp; &#x41; &bogus ".repeat(50_000))),
        (
            "deep inline",
            format!("<p>{}{}{}</p>", "<b>".repeat(50_000), prose.repeat(3), "</b>".repeat(50_000)),
        ),
        (
            "many paragraphs",
            format!("<div class=content>{}</div>", format!("<p>{prose}").repeat(50_000)),
        ),
        ("unclosed everything", "<p><div><li><span><b>".repeat(20_000) + prose),
    ];
    for (name, page) in shapes {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(crosswire::corpus::html::extract(&page).map(|p| p.text.len()));
        });
        match rx.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(result) => assert!(result.is_ok_and(|len| len > 0), "{name}: no text"),
            Err(_) => {
                panic!("{name}: still extracting after two minutes; some step is no longer linear")
            }
        }
    }
}

/// Quoted-printable encoding as Chrome writes it in an .mhtml file: `=XX` for `=` and every
/// byte outside ASCII, lines broken at 76 characters with a soft break (`=` CRLF).
fn quoted_printable(html: &str) -> String {
    let mut out = String::new();
    for line in html.split('\n') {
        let mut width = 0;
        for &b in line.as_bytes() {
            let piece =
                if b == b'=' || b >= 0x80 { format!("={b:02X}") } else { (b as char).to_string() };
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            width += piece.len();
            out.push_str(&piece);
        }
        out.push_str("\r\n");
    }
    out
}

fn qp_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        if b[i] == b'=' && b[i + 1..].starts_with(b"\r\n") {
            i += 3;
        } else if b[i] == b'=' && i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn a_single_file_page_gives_what_the_page_gives_with_positions_in_the_archive() {
    let dir = copy_pages();
    let p2 = seed(dir.path(), "002");
    let html = std::fs::read_to_string(&p2).unwrap();
    std::fs::remove_file(&p2).unwrap();
    let archive = format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/002\r\n\
         Subject: =?utf-8?Q?U.S._broadens_Syria_talks?=\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x1--\"\r\n\r\n\
         ------MultipartBoundary--x1--\r\nContent-Type: text/html\r\nContent-ID: <frame-7@mhtml.blink>\r\n\
         Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://news.example/002\r\n\r\n{}\
         ------MultipartBoundary--x1--\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\np {{ color: red; }}\r\n\
         ------MultipartBoundary--x1----\r\n",
        quoted_printable(&html)
    );
    let mhtml = dir.path().join("002_142ef9cbeb2672f9.mhtml");
    std::fs::write(&mhtml, &archive).unwrap();
    let with_archive = run(&["check", "--format", "json"], dir.path());
    assert!(with_archive.stderr.is_empty(), "{}", String::from_utf8_lossy(&with_archive.stderr));
    let pages = run(&["check", "--format", "json"], &fixtures("html"));
    fn stems(v: &Value) -> Value {
        match v {
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| match (k.as_str(), x.as_str()) {
                        ("file", Some(f)) => {
                            (k.clone(), json!(Path::new(f).file_stem().unwrap().to_string_lossy()))
                        }
                        _ => (k.clone(), stems(x)),
                    })
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(stems).collect()),
            other => other.clone(),
        }
    }
    assert_eq!(
        stems(&without_positions(&json_of(&with_archive))),
        stems(&without_positions(&json_of(&pages)))
    );
    let mut locs = Vec::new();
    locations(&json_of(&with_archive), &mut locs);
    let in_archive: Vec<&Value> =
        locs.iter().filter(|l| l["file"].as_str().unwrap().ends_with(".mhtml")).collect();
    assert!(!in_archive.is_empty());
    for loc in in_archive {
        let n = |k: &str| loc[k].as_u64().unwrap();
        let (start, end) = (
            offset(&archive, n("line"), n("character")),
            offset(&archive, n("end_line"), n("end_character")),
        );
        assert_eq!(
            reader_text(&qp_decoded(&archive[start..end])),
            loc["text"].as_str().unwrap(),
            "{loc}"
        );
    }
}

#[test]
fn the_server_says_why_a_page_gives_no_text_and_serves_the_rest() {
    let dir = copy_pages();
    let nav_only = dir.path().join("nav-only.html");
    std::fs::write(&nav_only, "<html><body><nav><a href=/>Home</a></nav></body></html>").unwrap();
    let mut c = LspClient::spawn();
    c.initialize(dir.path(), caps_full());
    let d = c.wait_diagnostics_from(0, &uri(&nav_only), |p| {
        p["diagnostics"].as_array().is_some_and(|v| !v.is_empty())
    });
    let warning = &d["diagnostics"][0];
    assert_eq!(warning["code"], "page-without-text", "{d}");
    assert!(warning["message"].as_str().unwrap().contains("no article text found"), "{d}");
    assert_eq!(warning["range"]["start"], json!({ "line": 0, "character": 0 }));
    // the other pages are still served
    c.wait_diagnostics_from(0, &uri(&seed(dir.path(), "002")), has_conflict);
    c.shutdown_and_exit();
}

#[test]
fn crosswire_json_outlets_still_override_what_the_page_says() {
    let dir = copy_pages();
    std::fs::write(
        dir.path().join("crosswire.json"),
        r#"{"outlets": {"002_*.html": "Agence Example"}}"#,
    )
    .unwrap();
    let out = run(&["check", "--format", "json"], dir.path());
    let conflict = json_of(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "figure-conflict")
        .cloned()
        .unwrap();
    // the page says USPA News (og:site_name); the project file says otherwise
    let message = conflict["message"].as_str().unwrap();
    assert!(
        message.contains("275,000 (Agence Example, ") && !message.contains("USPA"),
        "{message}"
    );
}
