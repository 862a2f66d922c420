//! `textDocument/semanticTokens/full` and `/range`: actor mentions (by kind) and figures.
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

use super::{on_article, span_of};
use crate::actors::{ActorKind, EntityRef};
use crate::analysis::Snapshot;
use crate::findings::Code;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use std::ops::Range;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(crate) async fn full(
    state: &GlobalState,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    on_article(state, "semanticTokens/full", &params.text_document.uri, move |p, i| {
        semantic_tokens(&p.snapshot, i, None, p.encoding).map(SemanticTokensResult::Tokens)
    })
    .await
}

pub(crate) async fn range(
    state: &GlobalState,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let range = params.range;
    on_article(state, "semanticTokens/range", &params.text_document.uri, move |p, i| {
        let span = span_of(&p.snapshot.articles[i].article, range, p.encoding);
        semantic_tokens(&p.snapshot, i, Some(span), p.encoding)
            .map(SemanticTokensRangeResult::Tokens)
    })
    .await
}

pub(crate) fn legend() -> SemanticTokensLegend {
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

/// Semantic tokens of an article (all of it, or the part overlapping `span`).
pub(crate) fn semantic_tokens(
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
