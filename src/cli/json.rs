//! The JSON contract (documented in README.md). Lines and characters are 0-based, characters
//! in UTF-16 code units as in LSP; `text` is exactly the source text the range covers.

use crate::analysis::Snapshot;
use crate::findings::FigureRef;
use crate::text::{Encoding, Span};
use serde::Serialize;
use serde_json::{json, Value};

pub const VERSION: u32 = 1;

/// A range in one article, in the contract's shape.
#[derive(Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub character: u32,
    pub end_line: u32,
    pub end_character: u32,
    pub text: String,
}

pub fn location(snap: &Snapshot, article: usize, span: &Span) -> Location {
    let a = &snap.article(article).article;
    let start = a.lines.line_col(&a.text, span.start, Encoding::Utf16);
    let end = a.lines.line_col(&a.text, span.end, Encoding::Utf16);
    Location { file: a.name.clone(), line: start.line, character: start.col, end_line: end.line, end_character: end.col, text: a.text[span.clone()].to_string() }
}

fn figure_span(snap: &Snapshot, r: FigureRef) -> Span {
    snap.article(r.article).figures[r.figure].span.clone()
}

pub fn check(snap: &Snapshot, findings: &[&crate::findings::Finding]) -> Value {
    let diagnostics: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut d = serde_json::to_value(location(snap, f.at.article, &figure_span(snap, f.at))).unwrap_or_default();
            let related: Vec<Value> = f
                .related
                .iter()
                .map(|r| {
                    let mut v = serde_json::to_value(location(snap, r.at.article, &figure_span(snap, r.at))).unwrap_or_default();
                    v["message"] = json!(r.message);
                    v
                })
                .collect();
            d["severity"] = json!(f.severity.as_str());
            d["code"] = json!(f.code.as_str());
            d["message"] = json!(f.message);
            d["quantity"] = json!(f.quantity);
            d["related"] = json!(related);
            d["acknowledged"] = match &f.acknowledged {
                None => Value::Null,
                Some(crate::findings::Acknowledged::Current { note }) => json!({"status": "current", "note": note}),
                Some(crate::findings::Acknowledged::Stale { note, was, now }) => json!({"status": "stale", "note": note, "was": was, "now": now}),
            };
            d
        })
        .collect();
    json!({"version": VERSION, "articles": snap.articles.len(), "diagnostics": diagnostics})
}

pub fn actors(snap: &Snapshot) -> Value {
    let actors: Vec<Value> = snap
        .linked
        .actors
        .iter()
        .map(|actor| {
            let mut roles = Vec::new();
            let mut mentions = Vec::new();
            for m in &actor.members {
                let art = snap.article(m.article);
                let entity = &art.actors.entities[m.entity];
                for role in &entity.roles {
                    roles.push(json!({"file": art.article.name, "role": role.text}));
                }
                for &mi in &entity.mentions {
                    let mention = &art.actors.mentions[mi];
                    mentions.push(serde_json::to_value(location(snap, m.article, &mention.span)).unwrap_or_default());
                }
            }
            json!({"id": actor.id, "name": actor.name, "kind": actor.kind.as_str(), "roles": roles,
                   "aliases": actor.aliases, "reasons": actor.reasons, "mentions": mentions})
        })
        .collect();
    json!({"version": VERSION, "actors": actors})
}

pub fn figures(snap: &Snapshot) -> Value {
    let mut out = Vec::new();
    for (ai, a) in snap.articles.iter().enumerate() {
        for f in &a.figures {
            let mut v = serde_json::to_value(location(snap, ai, &f.span)).unwrap_or_default();
            v["kind"] = json!(f.kind);
            v["low"] = number(f.low);
            v["high"] = number(f.high);
            v["qualifier"] = json!(f.qualifier.as_str());
            v["counts"] = json!(f.counts);
            v["predicate"] = json!(f.predicate);
            v["place"] = json!(f.place);
            v["quantity"] = json!(f.key);
            out.push(v);
        }
    }
    json!({"version": VERSION, "figures": out})
}

/// JSON has no infinity: an unbounded end is `null`.
fn number(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}
