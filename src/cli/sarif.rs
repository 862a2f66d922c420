//! SARIF 2.1.0 output for code-scanning dashboards. Columns are UTF-16 code units, declared with
//! `columnKind`; lines and columns are 1-based as SARIF requires. Validated in tests against the
//! official schema (tests/sarif-schema-2.1.0.json).

use super::json::{location, pretty_at_depth, write_spliced, Location};
use crate::analysis::Snapshot;
use crate::findings::{Acknowledged, Code, Finding, Severity};
use crate::json_splice::HOLE;
use serde_json::{json, Value};

const RULES: [Code; 2] = [Code::FigureConflict, Code::FigureDivergence];

/// Writes the report byte for byte as `serde_json::to_writer_pretty(report(..))` would (the
/// tests compare them), without holding it as one `Value` tree: at 10,000 articles that tree
/// took 250 MB, ten times the corpus. Each result is serialised on its own core.
pub fn write(
    snap: &Snapshot,
    findings: &[&Finding],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    // the results sit at root → "runs" → run → "results": their elements four levels deep
    const RESULTS_DEPTH: usize = 3;
    let uses = crate::analysis::notes::resolve(snap);
    let items = findings
        .par_iter()
        .map(|f| pretty_at_depth(&result(snap, f, &uses), RESULTS_DEPTH + 1))
        .collect::<serde_json::Result<Vec<_>>>()?;
    write_spliced(&report_with(json!(HOLE)), [Ok(items)], RESULTS_DEPTH, out)
}

/// The report as one `Value`: the reference [`write`] is tested against.
#[cfg(test)]
pub fn report(snap: &Snapshot, findings: &[&Finding]) -> Value {
    let uses = crate::analysis::notes::resolve(snap);
    report_with(Value::Array(findings.iter().map(|f| result(snap, f, &uses)).collect()))
}

fn report_with(results: Value) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": rule_name(*code),
                "shortDescription": {"text": short_description(*code)},
                "fullDescription": {"text": code.help()},
                "help": {"text": code.help(), "markdown": code.help()},
                "defaultConfiguration": {"level": if *code == Code::FigureConflict { "warning" } else { "note" }},
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crosswire",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/crosswire/crosswire",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn rule_name(code: Code) -> &'static str {
    match code {
        Code::FigureConflict => "FigureConflict",
        Code::FigureDivergence => "FigureDivergence",
    }
}

fn short_description(code: Code) -> &'static str {
    match code {
        Code::FigureConflict => "Outlets contradict each other on a figure",
        Code::FigureDivergence => "Outlets' figures for one quantity are far apart",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "note",
        Severity::Hint => "note",
    }
}

fn physical(loc: &Location) -> Value {
    json!({
        "artifactLocation": {"uri": uri_reference(&loc.file)},
        "region": {
            "startLine": loc.line + 1,
            "startColumn": loc.character + 1,
            "endLine": loc.end_line + 1,
            "endColumn": loc.end_character + 1,
            "snippet": {"text": loc.text},
        }
    })
}

/// A relative URI reference for a path: forward slashes, reserved characters percent-encoded.
fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn result(snap: &Snapshot, f: &Finding, uses: &[crate::analysis::notes::NoteUse]) -> Value {
    let span =
        |r: crate::findings::FigureRef| snap.article(r.article).figures[r.figure].span.clone();
    let here = location(snap, f.at.article, &span(f.at));
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = location(snap, r.at.article, &span(r.at));
            json!({"id": i + 1, "physicalLocation": physical(&loc), "message": {"text": r.message}})
        })
        .collect();
    let mut v = json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": RULES.iter().position(|c| *c == f.code).unwrap_or(0),
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical(&here)}],
        "relatedLocations": related,
        "partialFingerprints": {"crosswireQuantity/v1": format!("{}:{}", f.code.as_str(), f.quantity)},
        "properties": {"quantity": f.quantity, "notes": f.notes},
    });
    // the user's notes on the finding ("notes" already holds the finding's own explanations)
    let annotations: Vec<Value> = crate::analysis::notes::touching_finding(snap, uses, f)
        .into_iter()
        .map(|i| json!(super::notes::note_brief(snap, uses[i].index)))
        .collect();
    if !annotations.is_empty() {
        v["properties"]["annotations"] = Value::Array(annotations);
    }
    if let Some(Acknowledged::Current { note }) = &f.acknowledged {
        v["suppressions"] =
            json!([{"kind": "external", "status": "accepted", "justification": note}]);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_written_as_serde_json_writes_it() {
        for config in ["{}", crate::cli::json::tests::ACKNOWLEDGED] {
            let snap = crate::cli::json::tests::seeds_snapshot(config);
            let all: Vec<&Finding> = snap.findings.iter().collect();
            for findings in [&all[..], &all[..all.len().min(1)], &[]] {
                let mut out = Vec::new();
                write(&snap, findings, &mut out).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string_pretty(&report(&snap, findings)).unwrap()
                );
            }
        }
    }

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri_reference("./a b/c.txt"), "a%20b/c.txt");
        assert_eq!(uri_reference("dir\\x.md"), "dir/x.md");
    }
}
