//! `initialize`: the client's capabilities and workspace folders in, the server's out.

use super::{note_action, semantic_tokens};
use crate::lsp::config_doc::EditCaps;
use crate::lsp::convert;
use crate::lsp::documents::Change;
use crate::lsp::global_state::{Caps, GlobalState, Published};
use crate::lsp::settings::Settings;
use crate::lsp::worker;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(crate) async fn handle(
    state: &Arc<GlobalState>,
    params: InitializeParams,
) -> Result<InitializeResult> {
    let caps = &params.capabilities;
    let enc = convert::negotiate(caps);
    let c = Caps {
        work_done_progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        dynamic_watch: caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        hierarchical_symbols: caps
            .text_document
            .as_ref()
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false),
        pull_configuration: caps.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false),
        edit: EditCaps::from_client(caps),
    };
    state.set_caps(c);
    let folders = if state.sandbox { Vec::new() } else { folders_of(&params) };
    {
        let mut st = state.documents();
        st.encoding = enc;
        st.init_settings = Settings::from_client(params.initialization_options.clone());
        st.apply(Change::Folders { added: folders, removed: Vec::new() });
    }
    state.published.send_modify(|p| {
        if p.encoding != enc {
            *p = Arc::new(Published::empty(enc));
        }
    });
    tokio::spawn(worker::run(state.clone()));
    state.mark_initialized();
    Ok(InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(convert::encoding_kind(enc)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR]),
                work_done_progress_options: Default::default(),
                resolve_provider: None,
            })),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
            inlay_hint_provider: Some(OneOf::Left(true)),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![note_action::OPEN_NOTE.to_string()],
                work_done_progress_options: Default::default(),
            }),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    work_done_progress_options: Default::default(),
                    legend: semantic_tokens::legend(),
                    range: Some(true),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                }),
            ),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "crosswire".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    })
}

fn folders_of(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(fs) = params.workspace_folders.as_ref().filter(|f| !f.is_empty()) {
        return fs.iter().filter_map(|f| convert::path_of(&f.uri)).collect();
    }
    #[allow(deprecated)]
    if let Some(uri) = &params.root_uri {
        return convert::path_of(uri).into_iter().collect();
    }
    #[allow(deprecated)]
    if let Some(p) = &params.root_path {
        let p = PathBuf::from(p);
        if p.is_absolute() {
            return vec![p];
        }
    }
    Vec::new()
}
