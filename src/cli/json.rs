//! The JSON contract (documented in README.md). Lines and characters are 0-based, characters
//! in UTF-16 code units as in LSP; `text` is exactly the source text the range covers.

use crate::analysis::Snapshot;
use crate::figures::Qualifier;
use crate::findings::FigureRef;
use crate::json_splice::{split_at_hole, HOLE};
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
    let (start, end) = a.span_line_cols(span, Encoding::Utf16);
    Location {
        file: a.name.clone(),
        line: start.line,
        character: start.col,
        end_line: end.line,
        end_character: end.col,
        text: a.text[span.clone()].to_string(),
    }
}

fn figure_span(snap: &Snapshot, r: FigureRef) -> Span {
    snap.article(r.article).figures[r.figure].span.clone()
}

/// The report of `check --format json`. Serialised field by field as it is written (no
/// intermediate `Value` tree: at 10,000 articles the report is megabytes); fields are declared
/// in alphabetical order, the order of the contract's examples.
#[derive(Serialize)]
pub struct CheckReport<'a> {
    articles: usize,
    diagnostics: Vec<Diagnostic<'a>>,
    version: u32,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    acknowledged: Option<Acknowledgement<'a>>,
    character: u32,
    code: &'a str,
    end_character: u32,
    end_line: u32,
    file: String,
    line: u32,
    message: &'a str,
    /// The notes of crosswire.json on the finding's quantity or over one of its figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<super::notes::NoteBrief<'a>>,
    quantity: &'a str,
    related: Vec<Related<'a>>,
    severity: &'a str,
    text: String,
}

#[derive(Serialize)]
struct Related<'a> {
    character: u32,
    end_character: u32,
    end_line: u32,
    file: String,
    line: u32,
    message: &'a str,
    text: String,
}

#[derive(Serialize)]
struct Acknowledgement<'a> {
    note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    now: Option<&'a [String]>,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    was: Option<&'a [String]>,
}

pub fn check<'a>(snap: &'a Snapshot, findings: &[&'a crate::findings::Finding]) -> CheckReport<'a> {
    use rayon::prelude::*;
    let uses = crate::analysis::notes::resolve(snap);
    // locations on all cores (tens of thousands at 10,000 articles), in the findings' order
    let diagnostics = findings
        .par_iter()
        .map(|f| {
            let here = location(snap, f.at.article, &figure_span(snap, f.at));
            let related = f
                .related
                .iter()
                .map(|r| {
                    let l = location(snap, r.at.article, &figure_span(snap, r.at));
                    Related {
                        character: l.character,
                        end_character: l.end_character,
                        end_line: l.end_line,
                        file: l.file,
                        line: l.line,
                        message: &r.message,
                        text: l.text,
                    }
                })
                .collect();
            let acknowledged = f.acknowledged.as_ref().map(|a| match a {
                crate::findings::Acknowledged::Current { note } => {
                    Acknowledgement { note, now: None, status: "current", was: None }
                }
                crate::findings::Acknowledged::Stale { note, was, now } => {
                    Acknowledgement { note, now: Some(now), status: "stale", was: Some(was) }
                }
            });
            Diagnostic {
                acknowledged,
                character: here.character,
                code: f.code.as_str(),
                end_character: here.end_character,
                end_line: here.end_line,
                file: here.file,
                line: here.line,
                message: &f.message,
                notes: crate::analysis::notes::touching_finding(snap, &uses, f)
                    .into_iter()
                    .map(|i| super::notes::note_brief(snap, uses[i].index))
                    .collect(),
                quantity: &f.quantity,
                related,
                severity: f.severity.as_str(),
                text: here.text,
            }
        })
        .collect();
    CheckReport { articles: snap.articles.len(), diagnostics, version: VERSION }
}

/// Writes `report` byte for byte as `serde_json::to_writer_pretty` does (the tests compare
/// them), each diagnostic serialised on its own core: at 10,000 articles the report is 8 MB,
/// and one thread writing it was a tenth of the run.
pub fn write_check(report: &CheckReport, out: &mut impl std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let items = report
        .diagnostics
        .par_iter()
        .map(|d| pretty_at_depth(d, 2))
        .collect::<serde_json::Result<Vec<_>>>()?;
    write!(out, "{{\n  \"articles\": {},\n  \"diagnostics\": ", report.articles)?;
    write_pretty_array([Ok(items)], 1, out)?;
    write!(out, ",\n  \"version\": {}\n}}", report.version)
}

/// An array whose elements were pretty-printed by [`pretty_at_depth`] at `depth + 1`, as the
/// member of an object (or element of an array) `depth` levels deep: what serde_json writes.
/// The elements come in chunks, made and written one after the other, so that no more than a
/// chunk of a report larger than the corpus is held at once.
fn write_pretty_array(
    chunks: impl IntoIterator<Item = serde_json::Result<Vec<Vec<u8>>>>,
    depth: usize,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut written = 0usize;
    for chunk in chunks {
        for item in chunk? {
            out.write_all(if written == 0 { b"[\n" } else { b",\n" })?;
            out.write_all(&item)?;
            written += 1;
        }
    }
    if written == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"\n")?;
    out.write_all("  ".repeat(depth).as_bytes())?;
    out.write_all(b"]")
}

/// `value` pretty-printed as an element nested `depth` levels deep: every line indented by two
/// spaces a level (a JSON string holds no raw line break, so lines are the printer's own).
pub(super) fn pretty_at_depth(value: &impl Serialize, depth: usize) -> serde_json::Result<Vec<u8>> {
    let flat = serde_json::to_vec_pretty(value)?;
    let pad = "  ".repeat(depth).into_bytes();
    let mut out = Vec::with_capacity(flat.len() + pad.len() * (1 + flat.len() / 16));
    for (i, line) in flat.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(&pad);
        out.extend_from_slice(line);
    }
    Ok(out)
}

/// Writes `skeleton` as `serde_json::to_writer_pretty` does, with an array in place of the
/// [`HOLE`] in it (see `json_splice`): the array of `chunks`' items, each printed by
/// [`pretty_at_depth`] at `depth + 1`, where the hole is a member `depth` levels deep. Items are
/// serialised on all cores by the callers.
pub(super) fn write_spliced(
    skeleton: &Value,
    chunks: impl IntoIterator<Item = serde_json::Result<Vec<Vec<u8>>>>,
    depth: usize,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let skeleton = serde_json::to_vec_pretty(skeleton)?;
    let (before, after) = split_at_hole(&skeleton)
        .ok_or_else(|| std::io::Error::other("a report skeleton without its hole"))?;
    out.write_all(before)?;
    write_pretty_array(chunks, depth, out)?;
    out.write_all(after)
}

pub fn write_actors(snap: &Snapshot, out: &mut impl std::io::Write) -> std::io::Result<()> {
    // the report is several times the corpus (a location per mention): made a few thousand
    // mentions at a time (the first actors hold most of them)
    write_actors_in_chunks(snap, 4096, out)
}

fn write_actors_in_chunks(
    snap: &Snapshot,
    mentions: usize,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let chunks = mention_chunks(snap, mentions).map(|chunk| {
        chunk.par_iter().map(|a| pretty_at_depth(&ActorOut::of(snap, a), 2)).collect()
    });
    write_spliced(&actors_report(json!(HOLE)), chunks, 1, out)
}

/// The actors in runs of at least one actor and about `mentions` mentions at most.
fn mention_chunks(
    snap: &Snapshot,
    mentions: usize,
) -> impl Iterator<Item = &[crate::actors::Actor]> {
    let actors = &snap.linked.actors[..];
    let count = |a: &crate::actors::Actor| {
        a.members
            .iter()
            .map(|m| snap.article(m.article).actors.entities[m.entity].mentions.len())
            .sum::<usize>()
    };
    let mut start = 0;
    std::iter::from_fn(move || {
        if start == actors.len() {
            return None;
        }
        let (mut end, mut held) = (start, 0);
        while end < actors.len() {
            let more = count(&actors[end]);
            if end > start && held + more > mentions {
                break;
            }
            held += more;
            end += 1;
        }
        let chunk = &actors[start..end];
        start = end;
        Some(chunk)
    })
}

pub fn write_figures(snap: &Snapshot, out: &mut impl std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let per_article: Vec<serde_json::Result<Vec<Vec<u8>>>> = snap
        .articles
        .par_iter()
        .enumerate()
        .map(|(ai, a)| a.figures.iter().map(|f| pretty_at_depth(&figure(snap, ai, f), 2)).collect())
        .collect();
    write_spliced(&figures_report(json!(HOLE)), per_article, 1, out)
}

fn actors_report(actors: Value) -> Value {
    json!({"version": VERSION, "actors": actors})
}

fn figures_report(figures: Value) -> Value {
    json!({"version": VERSION, "figures": figures})
}

/// An actor as the report gives it: the members of the `Value` [`actor`] makes, in the order
/// serde_json's map sorts them, with the mentions serialised one by one, never held as `Value`s
/// (the most-named actor of a large story has a hundred thousand).
#[derive(Serialize)]
struct ActorOut<'a> {
    aliases: &'a [String],
    id: crate::actors::ActorId,
    kind: &'static str,
    mentions: Mentions<'a>,
    name: &'a str,
    reasons: &'a [String],
    roles: Vec<Value>,
}

impl<'a> ActorOut<'a> {
    fn of(snap: &'a Snapshot, actor: &'a crate::actors::Actor) -> Self {
        let mut roles = Vec::new();
        for m in &actor.members {
            let art = snap.article(m.article);
            for role in &art.actors.entities[m.entity].roles {
                roles.push(json!({"file": art.article.name, "role": role.text}));
            }
        }
        ActorOut {
            aliases: &actor.aliases,
            id: actor.id,
            kind: actor.kind.as_str(),
            mentions: Mentions { snap, actor },
            name: &actor.name,
            reasons: &actor.reasons,
            roles,
        }
    }
}

struct Mentions<'a> {
    snap: &'a Snapshot,
    actor: &'a crate::actors::Actor,
}

impl Serialize for Mentions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for m in &self.actor.members {
            let art = self.snap.article(m.article);
            for &mi in &art.actors.entities[m.entity].mentions {
                // through a Value, for its members in the same (sorted) order as the reference
                let location = serde_json::to_value(location(
                    self.snap,
                    m.article,
                    &art.actors.mentions[mi].span,
                ))
                .map_err(serde::ser::Error::custom)?;
                seq.serialize_element(&location)?;
            }
        }
        seq.end()
    }
}

/// The reference [`ActorOut`] is tested against.
#[cfg(test)]
fn actor(snap: &Snapshot, actor: &crate::actors::Actor) -> Value {
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
            mentions.push(
                serde_json::to_value(location(snap, m.article, &mention.span)).unwrap_or_default(),
            );
        }
    }
    json!({"id": actor.id, "name": actor.name, "kind": actor.kind.as_str(), "roles": roles,
           "aliases": actor.aliases, "reasons": actor.reasons, "mentions": mentions})
}

fn figure(snap: &Snapshot, ai: usize, f: &crate::figures::Figure) -> Value {
    let mut v = serde_json::to_value(location(snap, ai, &f.span)).unwrap_or_default();
    v["kind"] = json!(f.kind);
    v["low"] = number(f.low);
    v["high"] = number(f.high);
    v["qualifier"] = json!(f.qualifier.as_str());
    v["counts"] = json!(f.counts());
    v["predicate"] = json!(f.predicate());
    v["place"] = json!(f.place());
    v["quantity"] = json!(f.key());
    v["value"] = match f.qualifier {
        Qualifier::Range | Qualifier::Vague if f.kind.is_compared() => {
            json!([number(f.low), number(f.high)])
        }
        _ if f.kind.is_compared() => number(f.value),
        _ => Value::Null,
    };
    v["frame"] = json!(f.frame());
    // the unit `low` and `high` are in when a length or duration is compared across units
    v["compared_in"] = json!(f.conversion.map(|c| c.dimension.base_unit()));
    v
}

/// The actors report as one `Value`: the reference [`write_actors`] is tested against.
#[cfg(test)]
pub fn actors(snap: &Snapshot) -> Value {
    actors_report(Value::Array(snap.linked.actors.iter().map(|a| actor(snap, a)).collect()))
}

/// The figures report as one `Value`: the reference [`write_figures`] is tested against.
#[cfg(test)]
pub fn figures(snap: &Snapshot) -> Value {
    let all = snap
        .articles
        .iter()
        .enumerate()
        .flat_map(|(ai, a)| a.figures.iter().map(move |f| figure(snap, ai, f)));
    figures_report(Value::Array(all.collect()))
}

/// JSON has no infinity: an unbounded end is `null`.
fn number(x: f64) -> Value {
    if x.is_finite() {
        json!(x)
    } else {
        Value::Null
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::analysis::Workspace;
    use crate::config::Config;

    /// One acknowledgement that still holds and one that no longer does, beside the open finding.
    pub const ACKNOWLEDGED: &str = r#"{"acknowledged": [
            {"quantity": "people:living:aleppo", "figures": ["250,000", "275,000", "an estimated 250,000"], "note": "different dates"},
            {"quantity": "people:killed", "figures": ["1"], "note": "a \"quoted\" note\nover two lines"}]}"#;

    pub fn seeds_snapshot(config: &str) -> Snapshot {
        let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds"));
        let loaded =
            crate::corpus::load(&[dir], &crate::corpus::ArticleFilter::default(), u64::MAX);
        Workspace::from_files(loaded.files, Config::parse(config, "crosswire.json").unwrap())
            .snapshot()
    }

    fn written(report: &CheckReport) -> String {
        let mut out = Vec::new();
        write_check(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn actors_and_figures_are_written_as_serde_json_writes_them() {
        let snap = seeds_snapshot("{}");
        let reference = serde_json::to_string_pretty(&actors(&snap)).unwrap();
        let mut out = Vec::new();
        write_actors(&snap, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), reference);
        // in chunks of every size: each actor once, in order
        for limit in [0, 1, 2, 5, 40, usize::MAX] {
            assert_eq!(
                mention_chunks(&snap, limit).map(<[_]>::len).sum::<usize>(),
                snap.linked.actors.len()
            );
            assert!(mention_chunks(&snap, limit).all(|c| !c.is_empty()));
            let mut out = Vec::new();
            write_actors_in_chunks(&snap, limit, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), reference, "chunks of {limit} mentions");
        }
        let mut out = Vec::new();
        write_figures(&snap, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&figures(&snap)).unwrap()
        );
        // and with nothing to list
        let empty = Workspace::from_files(Vec::new(), Config::default()).snapshot();
        for (write, reference) in [
            (
                write_actors as fn(&Snapshot, &mut Vec<u8>) -> std::io::Result<()>,
                actors as fn(&Snapshot) -> Value,
            ),
            (write_figures, figures),
        ] {
            let mut out = Vec::new();
            write(&empty, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&reference(&empty)).unwrap()
            );
        }
    }

    #[test]
    fn the_report_is_written_as_serde_json_writes_it() {
        for config in ["{}", ACKNOWLEDGED] {
            let snap = seeds_snapshot(config);
            let all: Vec<&crate::findings::Finding> = snap.findings.iter().collect();
            assert_eq!(
                all.iter().filter(|f| f.acknowledged.is_some()).count(),
                if config == "{}" { 0 } else { 2 }
            );
            for findings in [&all[..], &all[..all.len().min(1)], &[]] {
                let report = check(&snap, findings);
                assert_eq!(written(&report), serde_json::to_string_pretty(&report).unwrap());
            }
        }
    }
}
