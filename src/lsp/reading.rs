//! Reading aids: a code lens on each article's title line ("N actors · M conflicts"), inlay
//! hints after hedged figures giving their normalised range, and semantic tokens for actor
//! mentions (by kind) and figures.
//!
//! Semantic token legend (standard types, so default themes colour them):
//!
//! | crosswire | token type | |
//! | --- | --- | --- |
//! | person | `class` | |
//! | organization | `struct` | |
//! | state | `namespace` | |
//! | place | `enum` | |
//! | group | `interface` | |
//! | figure | `number` | |
//!
//! Modifier `declaration` marks a full-name mention (the form that introduces an actor);
//! `readonly` marks a figure that is part of an open conflict.

use super::convert;
use crate::actors::{ActorKind, EntityRef};
use crate::analysis::Snapshot;
use crate::figures::Qualifier;
use crate::findings::Code;
use crate::text::Encoding;
use std::ops::Range;
use tower_lsp_server::ls_types::*;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::CLASS,
            SemanticTokenType::STRUCT,
            SemanticTokenType::NAMESPACE,
            SemanticTokenType::ENUM,
            SemanticTokenType::INTERFACE,
            SemanticTokenType::NUMBER,
        ],
        token_modifiers: vec![SemanticTokenModifier::DECLARATION, SemanticTokenModifier::READONLY],
    }
}

fn kind_index(k: ActorKind) -> u32 {
    match k {
        ActorKind::Person => 0,
        ActorKind::Organization => 1,
        ActorKind::State => 2,
        ActorKind::Place => 3,
        ActorKind::Group => 4,
    }
}
const NUMBER: u32 = 5;
const DECLARATION: u32 = 1;
const READONLY: u32 = 2;

/// The code lens of an article: on its title line (line 0 when the title is not in the text).
pub fn code_lens(snap: &Snapshot, article: usize, enc: Encoding) -> Option<Vec<CodeLens>> {
    let a = snap.articles.get(article)?;
    let at = a.article.meta.title_span.as_ref().map_or(0, |s| s.start);
    let pos = convert::position(&a.article, at, enc);
    let mut actors: Vec<usize> = (0..a.actors.entities.len())
        .filter_map(|e| snap.linked.actor_of(EntityRef { article, entity: e }))
        .collect();
    actors.sort_unstable();
    actors.dedup();
    let conflicts =
        snap.findings_in(article).filter(|f| f.is_open() && f.code == Code::FigureConflict).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let title = format!(
        "{} · {}",
        plural(actors.len(), "actor", "actors"),
        plural(conflicts, "conflict", "conflicts")
    );
    let range = tower_lsp_server::ls_types::Range {
        start: Position { line: pos.line, character: 0 },
        end: Position { line: pos.line, character: 0 },
    };
    Some(vec![CodeLens {
        range,
        command: Some(Command { title, command: String::new(), arguments: None }),
        data: None,
    }])
}

/// Inlay hints after hedged figures (not exact) whose text is not already their range.
pub fn inlay_hints(
    snap: &Snapshot,
    article: usize,
    span: Range<usize>,
    enc: Encoding,
) -> Option<Vec<InlayHint>> {
    let a = snap.articles.get(article)?;
    let hints = a
        .figures
        .iter()
        .filter(|f| f.span.end >= span.start && f.span.start <= span.end)
        .filter(|f| f.qualifier != Qualifier::Exact)
        .filter_map(|f| {
            let range = f.describe_range();
            if range == f.text || f.text.ends_with(&range) && f.qualifier == Qualifier::Range {
                return None;
            }
            Some(InlayHint {
                position: convert::position(&a.article, f.span.end, enc),
                label: InlayHintLabel::String(format!("≈ {range}")),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "“{}” read as {range} ({})",
                    f.text,
                    f.qualifier.as_str().replace('_', " ")
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect();
    Some(hints)
}

/// Semantic tokens of an article (all of it, or the part overlapping `span`).
pub fn semantic_tokens(
    snap: &Snapshot,
    article: usize,
    span: Option<Range<usize>>,
    enc: Encoding,
) -> Option<SemanticTokens> {
    let a = snap.articles.get(article)?;
    let conflicted: std::collections::HashSet<usize> = snap
        .findings_in(article)
        .filter(|f| f.is_open() && f.code == Code::FigureConflict)
        .map(|f| f.at.figure)
        .collect();
    // (span, type, modifiers)
    let mut raw: Vec<(Range<usize>, u32, u32)> =
        Vec::with_capacity(a.actors.mentions.len() + a.figures.len());
    for m in &a.actors.mentions {
        let kind = snap
            .linked
            .actor_of(EntityRef { article, entity: m.entity })
            .and_then(|id| snap.linked.actors.get(id))
            .map(|x| x.kind)
            .or_else(|| a.actors.entities.get(m.entity).map(|e| e.kind));
        let Some(kind) = kind else { continue };
        raw.push((m.span.clone(), kind_index(kind), if m.full { DECLARATION } else { 0 }));
    }
    for (i, f) in a.figures.iter().enumerate() {
        raw.push((f.span.clone(), NUMBER, if conflicted.contains(&i) { READONLY } else { 0 }));
    }
    if let Some(s) = &span {
        raw.retain(|(r, _, _)| r.end > s.start && r.start < s.end);
    }
    raw.sort_by_key(|(r, _, _)| (r.start, std::cmp::Reverse(r.end)));
    let text = &a.article.text;
    let lines = &a.article.lines;
    let mut data = Vec::with_capacity(raw.len());
    let (mut prev_line, mut prev_col, mut covered) = (0u32, 0u32, 0usize);
    for (r, ty, mods) in raw {
        if r.start < covered || r.end <= r.start || r.end > text.len() {
            continue; // overlapping tokens are not allowed: the first (longest) wins
        }
        covered = r.end;
        // one token per line the span covers
        let (first, last) = (lines.line_of(r.start), lines.line_of(r.end));
        for line in first..=last {
            let Some(ls) = lines.line_span(text, line) else { continue };
            let (s, e) = (r.start.max(ls.start), r.end.min(ls.end));
            if e <= s {
                continue;
            }
            let tower_lsp_server::ls_types::Range { start: ps, end: pe } =
                convert::range(&a.article, &(s..e), enc);
            let length = pe.character.saturating_sub(ps.character);
            if length == 0 || pe.line != ps.line {
                continue;
            }
            let delta_line = ps.line - prev_line;
            let delta_start = if delta_line == 0 { ps.character - prev_col } else { ps.character };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type: ty,
                token_modifiers_bitset: mods,
            });
            prev_line = ps.line;
            prev_col = ps.character;
        }
    }
    Some(SemanticTokens { result_id: None, data })
}
