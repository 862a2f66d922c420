//! `crosswire.json` as the editor sees it, and the `WorkspaceEdit`s that change it (code
//! actions and rename): computed by [`crate::config_edit`] against the file's current text (the
//! open document's, if the editor has it open, else the disk's), created with `CreateFile` when
//! missing. The server never writes a file: the editor applies the edit, and the watcher (or
//! didChangeWatchedFiles) reloads the configuration.

use super::convert;
use crate::config_edit::{self, ConfigChange, EditError};
use crate::text::{Encoding, LineIndex};
use std::collections::HashMap;
use std::path::PathBuf;
use tower_lsp_server::ls_types::*;

/// `crosswire.json` as the editor sees it.
#[derive(Debug, Clone)]
pub(crate) struct ConfigDoc {
    pub(crate) path: PathBuf,
    /// `None` when the file does not exist.
    pub(crate) text: Option<String>,
    /// The document version when the editor has it open.
    pub(crate) version: Option<i32>,
    /// Why the file on disk was not read (a symbolic link leading outside the folder): every
    /// edit is then disabled with this reason rather than proposed blind.
    pub(crate) refused: Option<String>,
}

impl ConfigDoc {
    /// Reads the file of the first workspace folder, preferring the open document's text; on
    /// disk, only if it really is in the folder (`config::read_in`).
    pub(crate) fn load(root: Option<PathBuf>, open: Option<(String, i32)>) -> Option<ConfigDoc> {
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
pub(crate) struct EditCaps {
    pub(crate) document_changes: bool,
    pub(crate) create_file: bool,
}

impl EditCaps {
    pub(crate) fn from_client(caps: &ClientCapabilities) -> EditCaps {
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
pub(crate) fn workspace_edit(
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
    let edits: Vec<TextEdit> = replaces
        .iter()
        .map(|r| TextEdit {
            range: convert::text_range(text, &index, &r.range, enc),
            new_text: r.text.clone(),
        })
        .collect();
    let Some(uri) = convert::uri_of_path(&doc.path) else {
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
