//! Edits to the text of `crosswire.json`, computed, never written: the language server turns
//! them into `WorkspaceEdit`s that the editor applies.
//!
//! An edit is a list of byte-range replacements on the current text (usually one insertion),
//! found by a small scanner over the (already validated) JSON so that the user's formatting,
//! key order and comments-free layout are kept: a new array element goes after the last one, a
//! new member before the closing brace, at the indentation the file already uses. When the file
//! does not exist, the edit is its whole text. Every edit is checked by applying it and parsing
//! the result; if that ever failed, the fallback is the whole file re-serialised (pretty).

use crate::config::{Acknowledgement, Config};
use crate::notes::Note;
use crate::text::fold;
use serde_json::Value;
use std::ops::Range;

/// One change the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigChange {
    /// Records (or refreshes, when the quantity is already acknowledged) an acknowledgement.
    Acknowledge(Acknowledgement),
    /// Declares two names one actor (`same`).
    Same(String, String),
    /// Declares two names different actors (`different`).
    Different(String, String),
    /// Adds `alias` to `aliases[canonical]`.
    Alias { canonical: String, alias: String },
    /// Sets `labels[canonical] = label` (an existing key equal after folding is reused).
    Label { canonical: String, label: String },
    /// Appends a note to `notes`.
    AddNote(Note),
}

/// Replace `range` (bytes of the old text) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("crosswire.json is not valid ({0}); fix it first")]
    Invalid(String),
    #[error("nothing to change: crosswire.json already says so")]
    Unchanged,
}

/// Applies replacements (non-overlapping, any order) to a text.
pub fn apply(text: &str, edits: &[Replace]) -> String {
    let mut sorted: Vec<&Replace> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in sorted {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The edits that make `text` (`None`: the file does not exist) say `change`.
pub fn edit(text: Option<&str>, change: &ConfigChange) -> Result<Vec<Replace>, EditError> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        // a new file: the member inserted into "{}"
        let empty = "{}\n";
        let edits = scan_edit(empty, change)
            .ok_or_else(|| EditError::Invalid("cannot build the file".into()))?;
        return Ok(vec![Replace {
            range: 0..text.map_or(0, str::len),
            text: apply(empty, &edits),
        }]);
    };
    let before =
        Config::parse(text, "crosswire.json").map_err(|e| EditError::Invalid(e.to_string()))?;
    let mut wanted = before.clone();
    apply_to_config(&mut wanted, change);
    if wanted == before {
        return Err(EditError::Unchanged);
    }
    if let Some(edits) = scan_edit(text, change) {
        if Config::parse(&apply(text, &edits), "crosswire.json").ok().as_ref() == Some(&wanted) {
            return Ok(edits);
        }
    }
    // fallback: the whole file, re-serialised
    let mut v: Value = serde_json::from_str(text).map_err(|e| EditError::Invalid(e.to_string()))?;
    let mut w = serde_json::to_value(&wanted).unwrap_or(Value::Null);
    strip_defaults(&mut w);
    if let (Value::Object(m), Value::Object(n)) = (&mut v, w) {
        for (k, val) in n {
            m.insert(k, val);
        }
    }
    let body = serde_json::to_string_pretty(&v).unwrap_or_default();
    Ok(vec![Replace { range: 0..text.len(), text: body + "\n" }])
}

/// The change applied to a parsed configuration (what the edited file must parse to).
pub fn apply_to_config(c: &mut Config, change: &ConfigChange) {
    match change {
        ConfigChange::Acknowledge(a) => {
            match c.acknowledged.iter_mut().find(|x| x.quantity == a.quantity) {
                Some(x) => x.figures = a.figures.clone(),
                None => c.acknowledged.push(a.clone()),
            }
        }
        ConfigChange::Same(a, b) => {
            if !c.same.iter().any(|g| has_pair(g, a, b)) {
                c.same.push(vec![a.clone(), b.clone()]);
            }
        }
        ConfigChange::Different(a, b) => {
            if !c.different.iter().any(|g| has_pair(g, a, b)) {
                c.different.push(vec![a.clone(), b.clone()]);
            }
        }
        ConfigChange::Alias { canonical, alias } => {
            let v = c.aliases.entry(canonical.clone()).or_default();
            if !v.iter().any(|x| fold(x) == fold(alias)) {
                v.push(alias.clone());
            }
        }
        ConfigChange::Label { canonical, label } => {
            let key = c
                .labels
                .keys()
                .find(|k| fold(k) == fold(canonical))
                .cloned()
                .unwrap_or_else(|| canonical.clone());
            c.labels.insert(key, label.clone());
        }
        ConfigChange::AddNote(note) => c.notes.push(note.clone()),
    }
}

/// Where the text of the note an [`ConfigChange::AddNote`] edit adds begins, in the text after
/// `edits` are applied: just inside the quotes of its `"note"` member, where the user types.
pub fn new_note_text_at(edits: &[Replace]) -> Option<usize> {
    let edit = edits.iter().max_by_key(|e| e.text.len())?;
    // the edited text up to the end of the insertion: the new note is the last one in it
    let start = edits
        .iter()
        .filter(|e| e.range.start < edit.range.start)
        .fold(edit.range.start as isize, |at, e| {
            at + e.text.len() as isize - e.range.len() as isize
        }) as usize;
    let inserted = &edit.text;
    let member = inserted.rfind("\"note\":")?;
    let quote = inserted[member + "\"note\":".len()..].find('"')?;
    Some(start + member + "\"note\":".len() + quote + 1)
}

fn has_pair(g: &[String], a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    g.iter().any(|x| fold(x) == fa) && g.iter().any(|x| fold(x) == fb)
}

/// Drops members equal to their defaults (a new file says only what the user said).
fn strip_defaults(v: &mut Value) {
    let defaults = serde_json::to_value(Config::default()).unwrap_or(Value::Null);
    if let (Value::Object(m), Value::Object(d)) = (v, defaults) {
        m.retain(|k, val| d.get(k) != Some(val));
    }
}

// --- the scanner ---------------------------------------------------------------------------

/// A member of an object or an element of an array.
#[derive(Debug)]
struct Entry {
    key: Option<String>,
    value: Range<usize>,
}

/// An object or array in the text.
#[derive(Debug)]
struct Container {
    open: usize,
    close: usize,
    entries: Vec<Entry>,
    /// Whether the entries stand on their own lines.
    multiline: bool,
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the JSON value starting at `i` (valid JSON assumed; never panics).
fn value_end(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => string_end(b, i),
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            j
        }
    }
}

fn string_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

fn container(text: &str, open: usize) -> Option<Container> {
    let b = text.as_bytes();
    let is_object = match b.get(open)? {
        b'{' => true,
        b'[' => false,
        _ => return None,
    };
    let mut entries = Vec::new();
    let mut i = skip_ws(b, open + 1);
    let multiline = text[open + 1..i].contains('\n');
    loop {
        match b.get(i)? {
            b'}' | b']' => return Some(Container { open, close: i, entries, multiline }),
            b',' => {
                i = skip_ws(b, i + 1);
                continue;
            }
            _ => {}
        }
        let key = if is_object {
            let end = string_end(b, i);
            let k: String = serde_json::from_str(text.get(i..end)?).ok()?;
            i = skip_ws(b, end);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_ws(b, i + 1);
            Some(k)
        } else {
            None
        };
        let end = value_end(b, i);
        if end <= i {
            return None;
        }
        entries.push(Entry { key, value: i..end });
        i = skip_ws(b, end);
    }
}

/// The indentation unit of the file ("  " unless it shows another).
fn indent_unit(text: &str) -> String {
    for line in text.lines().skip(1) {
        let ws: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if !ws.is_empty() && line.len() > ws.len() {
            return ws;
        }
    }
    "  ".into()
}

/// Something to insert: typed values keep their field order (serde_json's `Value` sorts keys).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
enum Item {
    Ack(Acknowledgement),
    Note(Box<Note>),
    Val(Value),
    Arr(Vec<Item>),
    Obj(std::collections::BTreeMap<String, Item>),
}

impl Item {
    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// `v` serialised at nesting `depth` (pretty when `multiline`, else compact).
fn render(v: &Item, unit: &str, depth: usize, multiline: bool) -> String {
    if !multiline {
        return compact(&serde_json::to_value(v).unwrap_or(Value::Null));
    }
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if serde::Serialize::serialize(v, &mut ser).is_err() {
        return v.to_json();
    }
    let s = String::from_utf8(buf).unwrap_or_default();
    s.replace('\n', &format!("\n{}", unit.repeat(depth)))
}

/// One-line JSON with a space after commas and colons (`["a", "b"]`).
fn compact(v: &Value) -> String {
    match v {
        Value::Array(a) => format!("[{}]", a.iter().map(compact).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// An insertion of `item` (already rendered) as the last entry of container `c` at `depth`.
fn append(text: &str, c: &Container, item: &str, unit: &str, depth: usize) -> Replace {
    let inner = unit.repeat(depth + 1);
    match c.entries.last() {
        Some(last) if c.multiline => {
            Replace { range: last.value.end..last.value.end, text: format!(",\n{inner}{item}") }
        }
        Some(last) => Replace { range: last.value.end..last.value.end, text: format!(", {item}") },
        None => {
            let _ = text;
            Replace {
                range: c.open + 1..c.close,
                text: format!("\n{inner}{item}\n{}", unit.repeat(depth)),
            }
        }
    }
}

fn member(key: &str, v: &Item, unit: &str, depth: usize) -> String {
    format!("{}: {}", Value::String(key.to_string()), render(v, unit, depth, true))
}

fn scan_edit(text: &str, change: &ConfigChange) -> Option<Vec<Replace>> {
    let b = text.as_bytes();
    let start = skip_ws(b, text.strip_prefix('\u{feff}').map_or(0, |_| 3));
    let top = container(text, start)?;
    let unit = indent_unit(text);
    let find = |key: &str| top.entries.iter().find(|e| e.key.as_deref() == Some(key));
    // (top-level member, what to add inside it)
    let (name, inner_key, item): (&str, Option<String>, Item) = match change {
        ConfigChange::Acknowledge(a) => {
            let item = Item::Ack(a.clone());
            if let Some(e) = find("acknowledged") {
                let arr = container(text, e.value.start)?;
                // refreshing an existing acknowledgement: replace its `figures`
                for el in &arr.entries {
                    let obj = container(text, el.value.start)?;
                    let q = obj.entries.iter().find(|x| x.key.as_deref() == Some("quantity"))?;
                    if serde_json::from_str::<String>(&text[q.value.clone()]).ok()? != a.quantity {
                        continue;
                    }
                    let figs = serde_json::to_value(&a.figures).ok()?;
                    return Some(vec![match obj
                        .entries
                        .iter()
                        .find(|x| x.key.as_deref() == Some("figures"))
                    {
                        Some(f) => Replace { range: f.value.clone(), text: compact(&figs) },
                        None => append(
                            text,
                            &obj,
                            &format!("\"figures\": {}", compact(&figs)),
                            &unit,
                            2,
                        ),
                    }]);
                }
            }
            ("acknowledged", None, item)
        }
        ConfigChange::AddNote(note) => ("notes", None, Item::Note(Box::new(note.clone()))),
        ConfigChange::Same(x, y) => ("same", None, Item::Val(serde_json::json!([x, y]))),
        ConfigChange::Different(x, y) => ("different", None, Item::Val(serde_json::json!([x, y]))),
        ConfigChange::Alias { canonical, alias } => {
            ("aliases", Some(canonical.clone()), Item::Val(Value::String(alias.clone())))
        }
        ConfigChange::Label { canonical, label } => {
            ("labels", Some(canonical.clone()), Item::Val(Value::String(label.clone())))
        }
    };
    let Some(e) = find(name) else {
        // a new top-level member
        let value = match &inner_key {
            None => Item::Arr(vec![item]),
            Some(k) if name == "aliases" => {
                Item::Obj(std::iter::once((k.clone(), Item::Arr(vec![item]))).collect())
            }
            Some(k) => Item::Obj(std::iter::once((k.clone(), item)).collect()),
        };
        return Some(vec![append(text, &top, &member(name, &value, &unit, 1), &unit, 0)]);
    };
    let c = container(text, e.value.start)?;
    match (name, inner_key) {
        (_, None) => {
            let multiline = c.multiline || c.entries.is_empty();
            Some(vec![append(
                text,
                &c,
                &render(&item, &unit, 2, multiline && !matches!(item, Item::Val(Value::Array(_)))),
                &unit,
                1,
            )])
        }
        ("labels", Some(k)) => match c
            .entries
            .iter()
            .find(|x| x.key.as_deref().is_some_and(|key| fold(key) == fold(&k)))
        {
            Some(x) => Some(vec![Replace { range: x.value.clone(), text: item.to_json() }]),
            None => Some(vec![append(text, &c, &member(&k, &item, &unit, 2), &unit, 1)]),
        },
        (_, Some(k)) => match c.entries.iter().find(|x| x.key.as_deref() == Some(k.as_str())) {
            Some(x) => {
                let arr = container(text, x.value.start)?;
                Some(vec![append(text, &arr, &item.to_json(), &unit, 2)])
            }
            None => Some(vec![append(
                text,
                &c,
                &member(&k, &Item::Arr(vec![item]), &unit, 2),
                &unit,
                1,
            )]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ack(q: &str, figs: &[&str]) -> ConfigChange {
        ConfigChange::Acknowledge(Acknowledgement {
            quantity: q.into(),
            figures: figs.iter().map(|s| s.to_string()).collect(),
            note: String::new(),
        })
    }

    fn run(text: Option<&str>, change: &ConfigChange) -> String {
        let edits = edit(text, change).unwrap();
        apply(text.unwrap_or(""), &edits)
    }

    #[test]
    fn creates_a_minimal_file() {
        let out = run(None, &ack("people|killed", &["250,000", "275,000"]));
        assert_eq!(out, "{\n  \"acknowledged\": [\n    {\n      \"quantity\": \"people|killed\",\n      \"figures\": [\n        \"250,000\",\n        \"275,000\"\n      ],\n      \"note\": \"\"\n    }\n  ]\n}\n");
        let c = Config::parse(&out, "x").unwrap();
        assert_eq!(c.acknowledged.len(), 1);
    }

    #[test]
    fn keeps_the_users_formatting_and_order() {
        let text = "{\n    \"outlets\": {\"002_*.txt\": \"USPA\"},\n    \"acknowledged\": [\n        {\"quantity\": \"a\", \"figures\": [\"1\"], \"note\": \"why\"}\n    ]\n}\n";
        let edits = edit(Some(text), &ack("b", &["2", "3"])).unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].range.start, edits[0].range.end, "an insertion");
        let out = apply(text, &edits);
        assert!(out.starts_with("{\n    \"outlets\": {\"002_*.txt\": \"USPA\"},\n    \"acknowledged\": [\n        {\"quantity\": \"a\""), "{out}");
        assert!(out.contains(",\n        {\n            \"quantity\": \"b\""), "{out}");
        let c = Config::parse(&out, "x").unwrap();
        assert_eq!(c.acknowledged[1].figures, ["2", "3"]);
        // refreshing: only the figures of the existing entry change, the note stays
        let out2 = run(Some(&out), &ack("a", &["1", "9"]));
        let c2 = Config::parse(&out2, "x").unwrap();
        assert_eq!(c2.acknowledged[0].figures, ["1", "9"]);
        assert_eq!(c2.acknowledged[0].note, "why");
    }

    #[test]
    fn new_members_pairs_aliases_and_labels() {
        let text = "{\"outlets\": {}}";
        let out = run(Some(text), &ConfigChange::Same("A B".into(), "C B".into()));
        assert_eq!(Config::parse(&out, "x").unwrap().same, [["A B", "C B"]]);
        let out = run(Some(&out), &ConfigChange::Different("X".into(), "Y".into()));
        let out = run(Some(&out), &ConfigChange::Different("P".into(), "Q".into()));
        assert_eq!(Config::parse(&out, "x").unwrap().different, [["X", "Y"], ["P", "Q"]]);
        let out = run(
            Some(&out),
            &ConfigChange::Alias { canonical: "Sergei Lavrov".into(), alias: "Lavrov".into() },
        );
        let out = run(
            Some(&out),
            &ConfigChange::Alias { canonical: "Sergei Lavrov".into(), alias: "S. Lavrov".into() },
        );
        assert_eq!(
            Config::parse(&out, "x").unwrap().aliases["Sergei Lavrov"],
            ["Lavrov", "S. Lavrov"]
        );
        let out = run(
            Some(&out),
            &ConfigChange::Label { canonical: "Sergei Lavrov".into(), label: "Lavrov".into() },
        );
        let out = run(
            Some(&out),
            &ConfigChange::Label {
                canonical: "sergei lavrov".into(),
                label: "S. V. Lavrov".into(),
            },
        );
        let c = Config::parse(&out, "x").unwrap();
        assert_eq!(c.labels.len(), 1);
        assert_eq!(c.labels["Sergei Lavrov"], "S. V. Lavrov");
        assert_eq!(
            edit(Some(&out), &ConfigChange::Different("X".into(), "Y".into())),
            Err(EditError::Unchanged)
        );
        assert!(matches!(
            edit(Some("{\"outlets\": 3}"), &ConfigChange::Different("X".into(), "Y".into())),
            Err(EditError::Invalid(_))
        ));
    }

    #[test]
    fn a_note_is_appended_and_its_text_located() {
        let note: Note = serde_json::from_str(
            r#"{"anchor": {"article": "002.txt", "quote": "275,000", "before": "says ", "after": " civilians"}, "note": ""}"#,
        )
        .unwrap();
        for text in [
            None,
            Some("{\n  \"outlets\": {}\n}\n"),
            Some("{\"notes\": [{\"anchor\": {\"actor\": \"X\"}, \"note\": \"old\"}]}"),
        ] {
            let edits = edit(text, &ConfigChange::AddNote(note.clone())).unwrap();
            let out = apply(text.unwrap_or(""), &edits);
            let c = Config::parse(&out, "x").unwrap();
            assert_eq!(c.notes.last(), Some(&note), "{out}");
            let at = new_note_text_at(&edits).unwrap();
            assert_eq!(&out[at - 1..at + 1], "\"\"", "{out}");
            assert!(out[..at].ends_with("\"note\": \""), "{out}");
        }
    }

    #[test]
    fn escapes_and_tabs() {
        let text = "{\n\t\"labels\": {\n\t\t\"a\\\"}\": \"b]\"\n\t}\n}";
        let out =
            run(Some(text), &ConfigChange::Label { canonical: "Q".into(), label: "x\"y".into() });
        assert!(out.contains("\n\t\t\"Q\": \"x\\\"y\""), "{out}");
        let c = Config::parse(&out, "x").unwrap();
        assert_eq!(c.labels["a\"}"], "b]");
    }
}
