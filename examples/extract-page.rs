//! Prints what crosswire takes from saved web pages, one JSON object a line: the extracted
//! text and the page's metadata, or why nothing could be taken. For scoring the extraction
//! against other extractors' expected output (`scripts/score-pages.py`) and for looking at a
//! page by hand:
//!
//!     cargo run --release --example extract-page -- page.html [more.html…]

use crosswire::corpus::html;
use serde_json::json;
use std::io::Write;

fn main() {
    let mut out = std::io::stdout().lock();
    for path in std::env::args().skip(1) {
        let line = match std::fs::read(&path) {
            Err(e) => json!({"file": path, "error": e.to_string()}),
            Ok(bytes) => match crosswire::corpus::decode(&bytes) {
                Err(e) => json!({"file": path, "error": e}),
                Ok(source) => match html::extract(&source) {
                    Err(e) => json!({"file": path, "error": e.to_string()}),
                    Ok(page) => json!({
                        "file": path,
                        "text": page.text,
                        "outlet": page.meta.outlet,
                        "published": page.meta.published,
                        "headline": page.meta.headline,
                        "author": page.meta.author,
                        "url": page.meta.url,
                    }),
                },
            },
        };
        if writeln!(out, "{line}").is_err() {
            return; // the reader went away (a pipe into head)
        }
    }
}
