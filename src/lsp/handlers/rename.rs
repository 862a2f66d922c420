//! `textDocument/prepareRename` and `textDocument/rename` on an actor mention:
//! `labels[canonical] = new name` in crosswire.json. Articles are never edited.

use super::{offset_in, on_article};
use crate::analysis::query;
use crate::analysis::{Snapshot, Target};
use crate::config_edit::{ConfigChange, EditError};
use crate::lsp::config_doc::{workspace_edit, ConfigDoc, EditCaps};
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::{self, Error, ErrorCode};
use tower_lsp_server::ls_types::*;

pub(crate) async fn prepare(
    state: &GlobalState,
    params: TextDocumentPositionParams,
) -> jsonrpc::Result<Option<PrepareRenameResponse>> {
    on_article(state, "prepareRename", &params.text_document.uri, move |p, i| {
        let off = offset_in(p, i, params.position)?;
        prepare_rename(&p.snapshot, i, off, p.encoding)
    })
    .await
}

pub(crate) async fn handle(
    state: &GlobalState,
    params: RenameParams,
) -> jsonrpc::Result<Option<WorkspaceEdit>> {
    let doc = state.config_doc();
    let caps = state.caps().edit;
    let tp = params.text_document_position;
    let new_name = params.new_name;
    let r = on_article(state, "rename", &tp.text_document.uri, move |p, i| {
        let Some(doc) = doc else {
            return Some(Err("no workspace folder to hold crosswire.json".to_string()));
        };
        let off = offset_in(p, i, tp.position)?;
        Some(match rename(&p.snapshot, i, off, &new_name, &doc, caps, p.encoding) {
            Ok(edit) => Ok(Some(edit)),
            Err(RenameError::NotAnActor) => Ok(None),
            Err(RenameError::EmptyName) => Err("the new name is empty".to_string()),
            Err(RenameError::Edit(e)) => Err(e.to_string()),
        })
    })
    .await?;
    match r {
        None => Ok(None),
        Some(Ok(edit)) => Ok(edit),
        Some(Err(message)) => {
            Err(Error { code: ErrorCode::InvalidParams, message: message.into(), data: None })
        }
    }
}

/// prepareRename: the mention under the cursor and the actor's display name.
pub(crate) fn prepare_rename(
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
        range: convert::range(&art.article, &m.span, enc),
        placeholder: a.name.clone(),
    })
}

/// Why a rename cannot be done.
#[derive(Debug)]
pub(crate) enum RenameError {
    NotAnActor,
    EmptyName,
    Edit(EditError),
}

/// rename: `labels[canonical] = new_name` in crosswire.json. Articles are never edited.
pub(crate) fn rename(
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
