//! `textDocument/codeAction`: every action is a `WorkspaceEdit` on `<root>/crosswire.json`
//! (`config_doc.rs`); the server never edits an article.
//!
//! - on a figure with a conflict or divergence (or its diagnostic): "Acknowledge this
//!   conflict" (adds `{quantity, figures, note: ""}` to `acknowledged`; for a stale
//!   acknowledgement, "Update the acknowledgement" refreshes its figures);
//! - on an actor mention: "Merge with …" (a `same` pair, one per likely candidate),
//!   "‘A’ is not the same as ‘B’" (a `different` pair, splitting one of the full names the
//!   articles give a linked actor), "Add ‘X’ as an alias of Y" (when the mention's spelling is
//!   not the canonical name and not yet listed);
//! - on a selection, a figure or a name: "Add a note…" (`note_action.rs`);

use super::on_article;
use crate::analysis::query;
use crate::analysis::{Snapshot, Target};
use crate::config::Acknowledgement;
use crate::config_edit::{ConfigChange, EditError};
use crate::findings::{self, Acknowledged, Code};
use crate::lsp::config_doc::{workspace_edit, ConfigDoc, EditCaps};
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use std::ops::Range;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::*;

pub(crate) async fn handle(
    state: &GlobalState,
    params: CodeActionParams,
) -> jsonrpc::Result<Option<CodeActionResponse>> {
    let doc = state.config_doc();
    let caps = state.caps().edit;
    let CodeActionParams { text_document, range, context, .. } = params;
    on_article(state, "codeAction", &text_document.uri, move |p, i| {
        let doc = doc?;
        let art = &p.snapshot.articles[i].article;
        let start = convert::offset(art, range.start, p.encoding)?;
        let end = convert::offset(art, range.end, p.encoding).unwrap_or(art.text.len()).max(start);
        let req = Request {
            article: i,
            span: start..end,
            diagnostics: &context.diagnostics,
            only: context.only.as_deref(),
            doc: &doc,
            caps,
            enc: p.encoding,
        };
        let v = code_actions(&p.snapshot, &req);
        (!v.is_empty()).then_some(v)
    })
    .await
}

/// At most this many "Merge with …" and "not the same as" actions each.
pub(crate) const MAX_CANDIDATES: usize = 4;

/// The action, or — when crosswire.json cannot be edited (invalid JSON) — the action disabled
/// with the reason, so the user learns why; `None` when the file already says so.
fn action(
    title: String,
    kind: CodeActionKind,
    edit: Result<WorkspaceEdit, EditError>,
    diagnostics: Vec<Diagnostic>,
    preferred: bool,
) -> Option<CodeActionOrCommand> {
    let (edit, disabled) = match edit {
        Ok(e) => (Some(e), None),
        Err(EditError::Unchanged) => return None,
        Err(e @ EditError::Invalid(_)) => {
            (None, Some(CodeActionDisabled { reason: e.to_string() }))
        }
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        is_preferred: (preferred && edit.is_some()).then_some(true),
        edit,
        command: None,
        disabled,
        data: None,
    }))
}

/// Everything a code action request needs besides the snapshot.
pub(crate) struct Request<'a> {
    pub(crate) article: usize,
    /// The requested range, in bytes of the article.
    pub(crate) span: Range<usize>,
    /// The diagnostics the client sent in the context.
    pub(crate) diagnostics: &'a [Diagnostic],
    /// `context.only`, if the client filters by kind.
    pub(crate) only: Option<&'a [CodeActionKind]>,
    pub(crate) doc: &'a ConfigDoc,
    pub(crate) caps: EditCaps,
    pub(crate) enc: Encoding,
}

fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|o| {
        o.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        })
    })
}

fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

pub(crate) fn code_actions(snap: &Snapshot, req: &Request<'_>) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if wanted(req.only, &CodeActionKind::QUICKFIX) {
        acknowledge_actions(snap, req, &mut out);
    }
    if wanted(req.only, &CodeActionKind::REFACTOR) {
        actor_actions(snap, req, &mut out);
        super::note_action::note_actions(snap, req, &mut out);
    }
    out
}

fn acknowledge_actions(snap: &Snapshot, req: &Request<'_>, out: &mut Vec<CodeActionOrCommand>) {
    let Some(art) = snap.articles.get(req.article) else { return };
    let text_of = |r: findings::FigureRef| {
        snap.articles
            .get(r.article)
            .and_then(|a| a.figures.get(r.figure))
            .map_or_else(String::new, |f| f.text.clone())
    };
    let mut done: Vec<&str> = Vec::new();
    for f in snap.findings_in(req.article) {
        if !f.is_open() || done.contains(&f.quantity.as_str()) {
            continue;
        }
        let Some(fig) = art.figures.get(f.at.figure) else { continue };
        let range = convert::range(&art.article, &fig.span, req.enc);
        let code = f.code.as_str();
        let diags: Vec<Diagnostic> = req
            .diagnostics
            .iter()
            .filter(|d| d.range == range && d.code == Some(NumberOrString::String(code.into())))
            .cloned()
            .collect();
        if !touches(&fig.span, &req.span) && diags.is_empty() {
            continue;
        }
        done.push(&f.quantity);
        let figures = findings::figure_texts(f, &text_of);
        let what = if f.code == Code::FigureConflict { "conflict" } else { "divergence" };
        let title = match &f.acknowledged {
            Some(Acknowledged::Stale { .. }) => format!(
                "Update the acknowledgement of this {what} in crosswire.json ({})",
                figures.join(", ")
            ),
            _ => format!("Acknowledge this {what} in crosswire.json ({})", figures.join(" vs ")),
        };
        let change = ConfigChange::Acknowledge(Acknowledgement {
            quantity: f.quantity.clone(),
            figures,
            note: String::new(),
        });
        out.extend(action(
            title,
            CodeActionKind::QUICKFIX,
            workspace_edit(req.doc, &change, req.caps, req.enc),
            diags,
            true,
        ));
    }
}

fn actor_actions(snap: &Snapshot, req: &Request<'_>, out: &mut Vec<CodeActionOrCommand>) {
    let Some(Target::Mention { mention, actor }) =
        query::target_at(snap, req.article, req.span.start)
    else {
        return;
    };
    let Some(art) = snap.articles.get(req.article) else { return };
    let Some(m) = art.actors.mentions.get(mention) else { return };
    let Some(a) = snap.linked.actors.get(actor) else { return };
    let Some(canonical) = query::canonical_name(snap, actor) else { return };
    let fold = crate::text::fold;
    let mut push = |title: String, change: ConfigChange| {
        out.extend(action(
            title,
            CodeActionKind::REFACTOR,
            workspace_edit(req.doc, &change, req.caps, req.enc),
            Vec::new(),
            false,
        ));
    };
    // Merge with …
    for other in query::merge_candidates(snap, actor, MAX_CANDIDATES) {
        let (Some(b), Some(bc)) =
            (snap.linked.actors.get(other), query::canonical_name(snap, other))
        else {
            continue;
        };
        push(
            format!("Merge {} with {} ({})", a.name, b.name, b.kind.as_str()),
            ConfigChange::Same(canonical.clone(), bc),
        );
    }
    // Not the same as …: split this article's full name from the other full names of the actor
    let text = art.actors.text_of(m);
    let here = art
        .actors
        .entities
        .get(m.entity)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| text.to_string());
    let names = query::entity_names(snap, actor);
    for other in names.iter().filter(|n| fold(n) != fold(&here)).take(MAX_CANDIDATES) {
        push(
            format!("‘{here}’ is not the same as ‘{other}’"),
            ConfigChange::Different(here.clone(), other.clone()),
        );
    }
    // Add alias
    if fold(text) != fold(&canonical) {
        let listed = snap
            .config
            .aliases
            .get(&canonical)
            .is_some_and(|v| v.iter().any(|x| fold(x) == fold(text)));
        if !listed {
            push(
                format!("Add ‘{text}’ as an alias of {canonical}"),
                ConfigChange::Alias { canonical: canonical.clone(), alias: text.to_string() },
            );
        }
    }
}
