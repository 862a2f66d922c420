//! Code actions and rename: every one is a `WorkspaceEdit` on `<root>/crosswire.json`, computed
//! by [`crate::config_edit`] against the file's current text (the open document's, if the editor
//! has it open, else the disk's), created with `CreateFile` when missing. The server never
//! writes a file and never edits an article: the editor applies the edit, and the watcher (or
//! didSave/didChangeWatchedFiles) reloads the configuration.
//!
//! - on a figure with a conflict or divergence (or its diagnostic): "Acknowledge this
//!   conflict" (adds `{quantity, figures, note: ""}` to `acknowledged`; for a stale
//!   acknowledgement, "Update the acknowledgement" refreshes its figures);
//! - on an actor mention: "Merge with …" (a `same` pair, one per likely candidate),
//!   "‘A’ is not the same as ‘B’" (a `different` pair, splitting one of the full names the
//!   articles give a linked actor), "Add ‘X’ as an alias of Y" (when the mention's spelling is
//!   not the canonical name and not yet listed);
//! - rename on an actor mention: `labels[canonical] = new name`.

use crate::analysis::query;
use crate::analysis::{Snapshot, Target};
use crate::config::Acknowledgement;
use crate::config_edit::{self, ConfigChange, EditError};
use crate::findings::{self, Acknowledged, Code};
use crate::text::{Encoding, LineIndex};
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use tower_lsp_server::ls_types::*;

/// At most this many "Merge with …" and "not the same as" actions each.
pub const MAX_CANDIDATES: usize = 4;

/// `crosswire.json` as the editor sees it.
#[derive(Debug, Clone)]
pub struct ConfigDoc {
    pub path: PathBuf,
    /// `None` when the file does not exist.
    pub text: Option<String>,
    /// The document version when the editor has it open.
    pub version: Option<i32>,
    /// Why the file on disk was not read (a symbolic link leading outside the folder): every
    /// edit is then disabled with this reason rather than proposed blind.
    pub refused: Option<String>,
}

impl ConfigDoc {
    /// Reads the file of the first workspace folder, preferring the open document's text; on
    /// disk, only if it really is in the folder (`config::read_in`).
    pub fn load(root: Option<PathBuf>, open: Option<(String, i32)>) -> Option<ConfigDoc> {
        let root = root?;
        let path = root.join(crate::config::FILE_NAME);
        if let Some((text, version)) = open {
            return Some(ConfigDoc {
                path,
                text: Some(text),
                version: Some(version),
                refused: None,
            });
        }
        let (text, refused) = match crate::config::read_in(&root) {
            Ok(text) => (text, None),
            Err(e @ crate::config::ConfigError::Outside { .. }) => (None, Some(e.to_string())),
            Err(_) => (None, None),
        };
        Some(ConfigDoc { path, text, version: None, refused })
    }
}

/// What the client accepts in a `WorkspaceEdit`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditCaps {
    pub document_changes: bool,
    pub create_file: bool,
}

impl EditCaps {
    pub fn from_client(caps: &ClientCapabilities) -> EditCaps {
        let we = caps.workspace.as_ref().and_then(|w| w.workspace_edit.as_ref());
        EditCaps {
            document_changes: we.and_then(|w| w.document_changes).unwrap_or(false),
            create_file: we
                .and_then(|w| w.resource_operations.as_ref())
                .is_some_and(|r| r.contains(&ResourceOperationKind::Create)),
        }
    }
}

/// The `WorkspaceEdit` that makes `crosswire.json` say `change`.
pub fn workspace_edit(
    doc: &ConfigDoc,
    change: &ConfigChange,
    caps: EditCaps,
    enc: Encoding,
) -> Result<WorkspaceEdit, EditError> {
    if let Some(reason) = &doc.refused {
        return Err(EditError::Invalid(reason.clone()));
    }
    let replaces = config_edit::edit(doc.text.as_deref(), change)?;
    let text = doc.text.as_deref().unwrap_or("");
    let index = LineIndex::new(text);
    let pos = |off: usize| {
        let lc = index.line_col(text, off, enc);
        Position { line: lc.line, character: lc.col }
    };
    let edits: Vec<TextEdit> = replaces
        .iter()
        .map(|r| TextEdit {
            range: Range_(pos(r.range.start), pos(r.range.end)),
            new_text: r.text.clone(),
        })
        .collect();
    let Some(uri) = super::convert::uri_of_path(&doc.path) else {
        return Err(EditError::Invalid("no URI for the workspace folder".into()));
    };
    if caps.document_changes {
        let tde = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: doc.version,
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        };
        let changes = if doc.text.is_none() && caps.create_file {
            DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri,
                    options: Some(CreateFileOptions {
                        overwrite: None,
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(tde),
            ])
        } else {
            DocumentChanges::Edits(vec![tde])
        };
        return Ok(WorkspaceEdit {
            changes: None,
            document_changes: Some(changes),
            change_annotations: None,
        });
    }
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from([(uri, edits)])),
        document_changes: None,
        change_annotations: None,
    })
}

#[allow(non_snake_case)]
fn Range_(start: Position, end: Position) -> tower_lsp_server::ls_types::Range {
    tower_lsp_server::ls_types::Range { start, end }
}

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
pub struct Request<'a> {
    pub article: usize,
    /// The requested range, in bytes of the article.
    pub span: Range<usize>,
    /// The diagnostics the client sent in the context.
    pub diagnostics: &'a [Diagnostic],
    /// `context.only`, if the client filters by kind.
    pub only: Option<&'a [CodeActionKind]>,
    pub doc: &'a ConfigDoc,
    pub caps: EditCaps,
    pub enc: Encoding,
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

pub fn code_actions(snap: &Snapshot, req: &Request<'_>) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if wanted(req.only, &CodeActionKind::QUICKFIX) {
        acknowledge_actions(snap, req, &mut out);
    }
    if wanted(req.only, &CodeActionKind::REFACTOR) {
        actor_actions(snap, req, &mut out);
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
        let range = super::convert::range(&art.article, &fig.span, req.enc);
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

/// prepareRename: the mention under the cursor and the actor's display name.
pub fn prepare_rename(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    enc: Encoding,
) -> Option<PrepareRenameResponse> {
    let Target::Mention { mention, actor } = query::target_at(snap, article, offset)? else {
        return None;
    };
    let art = snap.articles.get(article)?;
    let m = art.actors.mentions.get(mention)?;
    let a = snap.linked.actors.get(actor)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: super::convert::range(&art.article, &m.span, enc),
        placeholder: a.name.clone(),
    })
}

/// Why a rename cannot be done.
#[derive(Debug)]
pub enum RenameError {
    NotAnActor,
    EmptyName,
    Edit(EditError),
}

/// rename: `labels[canonical] = new_name` in crosswire.json. Articles are never edited.
pub fn rename(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    new_name: &str,
    doc: &ConfigDoc,
    caps: EditCaps,
    enc: Encoding,
) -> Result<WorkspaceEdit, RenameError> {
    let Some(Target::Mention { actor, .. }) = query::target_at(snap, article, offset) else {
        return Err(RenameError::NotAnActor);
    };
    let label = new_name.trim();
    if label.is_empty() {
        return Err(RenameError::EmptyName);
    }
    let canonical = query::canonical_name(snap, actor).ok_or(RenameError::NotAnActor)?;
    workspace_edit(doc, &ConfigChange::Label { canonical, label: label.to_string() }, caps, enc)
        .map_err(RenameError::Edit)
}
