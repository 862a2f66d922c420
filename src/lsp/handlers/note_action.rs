//! The "Add a note…" code actions: on a selection, a figure or a name, an entry in `notes` of
//! `crosswire.json` (a `WorkspaceEdit`, like every annotation), followed by the command
//! [`OPEN_NOTE`], which asks the editor (`window/showDocument`) to open crosswire.json with the
//! cursor in the new note's text, so that any editor can fill it in.

use super::code_action::Request;
use crate::analysis::{query, Snapshot, Target};
use crate::config_edit::{self, ConfigChange, EditError};
use crate::lsp::config_doc::workspace_edit;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::notes::{Anchor, Note, NoteDate, TextAnchor};
use crate::text::LineIndex;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::*;

/// The command that opens crosswire.json at a position: arguments `[uri, position]`.
pub(crate) const OPEN_NOTE: &str = "crosswire.openNote";

/// How much of a quote a title shows.
const TITLE_CHARS: usize = 40;

pub(crate) fn note_actions(snap: &Snapshot, req: &Request<'_>, out: &mut Vec<CodeActionOrCommand>) {
    let Some(art) = snap.articles.get(req.article) else { return };
    let text = &art.article.text;
    let name = &art.article.name;
    let mut anchors: Vec<(String, Anchor)> = Vec::new();
    let selection = req.span.clone();
    if selection.start < selection.end && !text[selection.clone()].trim().is_empty() {
        let anchor = TextAnchor::capture(name, text, selection.clone());
        anchors.push((format!("Add a note on “{}”…", short(&anchor.quote)), Anchor::Text(anchor)));
    }
    match query::target_at(snap, req.article, req.span.start) {
        Some(Target::Figure { figure }) => {
            let Some(f) = art.figures.get(figure) else { return };
            if selection.start == selection.end {
                let anchor = TextAnchor::capture(name, text, f.span.clone());
                anchors.push((
                    format!("Add a note on “{}”…", short(&anchor.quote)),
                    Anchor::Text(anchor),
                ));
            }
            if let Some(key) = f.key().filter(|k| snap.quantity(k).is_some()) {
                anchors.push((
                    format!(
                        "Add a note on {} (every outlet's figure)…",
                        crate::findings::describe_quantity(f)
                    ),
                    Anchor::Quantity(key.to_string()),
                ));
            }
        }
        Some(Target::Mention { mention, actor }) => {
            let Some(m) = art.actors.mentions.get(mention) else { return };
            if selection.start == selection.end {
                let anchor = TextAnchor::capture(name, text, m.span.clone());
                anchors.push((
                    format!("Add a note on “{}” here…", short(&anchor.quote)),
                    Anchor::Text(anchor),
                ));
            }
            if let Some(a) = snap.linked.actors.get(actor) {
                anchors.push((
                    format!("Add a note on {} (every mention)…", a.name),
                    Anchor::Actor(a.name.clone()),
                ));
            }
        }
        None => {}
    }
    for (title, anchor) in anchors {
        let note = Note {
            anchor,
            note: String::new(),
            verdict: None,
            sources: Vec::new(),
            author: None,
            date: today(),
        };
        let change = ConfigChange::AddNote(note);
        let edit = workspace_edit(req.doc, &change, req.caps, req.enc);
        let command = edit.as_ref().ok().and_then(|_| open_note_command(req, &change));
        let (edit, disabled) = match edit {
            Ok(e) => (Some(e), None),
            Err(EditError::Unchanged) => continue,
            Err(e) => (None, Some(CodeActionDisabled { reason: e.to_string() })),
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::REFACTOR),
            edit,
            command,
            disabled,
            ..Default::default()
        }));
    }
}

/// The command to run once the edit is applied: crosswire.json at the new note's text.
fn open_note_command(req: &Request<'_>, change: &ConfigChange) -> Option<Command> {
    let old = req.doc.text.as_deref();
    let edits = config_edit::edit(old, change).ok()?;
    let new = config_edit::apply(old.unwrap_or(""), &edits);
    let at = config_edit::new_note_text_at(&edits)?;
    let index = LineIndex::new(&new);
    let range = convert::text_range(&new, &index, &(at..at), req.enc);
    let uri = convert::uri_of_path(&req.doc.path)?;
    Some(Command {
        title: "Open the new note in crosswire.json".into(),
        command: OPEN_NOTE.into(),
        arguments: Some(vec![serde_json::json!(uri), serde_json::json!(range.start)]),
    })
}

fn short(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= TITLE_CHARS {
        return one_line;
    }
    one_line.chars().take(TITLE_CHARS - 1).collect::<String>() + "…"
}

/// Today's date (UTC), for the new note.
fn today() -> Option<NoteDate> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_days(chrono::Days::new(secs / 86_400)).map(NoteDate)
}

/// `workspace/executeCommand` for [`OPEN_NOTE`]: `window/showDocument` of crosswire.json with
/// the cursor at the given position.
pub(crate) async fn execute_command(
    state: &GlobalState,
    params: ExecuteCommandParams,
) -> jsonrpc::Result<Option<serde_json::Value>> {
    if params.command != OPEN_NOTE {
        return Err(jsonrpc::Error::invalid_params(format!("unknown command {}", params.command)));
    }
    let (Some(uri), Some(position)) = (
        params.arguments.first().and_then(|v| serde_json::from_value::<Uri>(v.clone()).ok()),
        params.arguments.get(1).and_then(|v| serde_json::from_value::<Position>(v.clone()).ok()),
    ) else {
        return Err(jsonrpc::Error::invalid_params("expected [uri, position]"));
    };
    let shown = state
        .client
        .show_document(ShowDocumentParams {
            uri,
            external: None,
            take_focus: Some(true),
            selection: Some(Range { start: position, end: position }),
        })
        .await;
    Ok(Some(serde_json::json!(shown.unwrap_or(false))))
}
