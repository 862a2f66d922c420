//! The `LanguageServer` implementation: every method hands its typed parameters to its handler
//! in `handlers/` and nothing else.

use super::global_state::GlobalState;
use super::handlers::*;
use super::large_answers::Token;
use serde_json::Value;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Backend {
    pub state: Arc<GlobalState>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend { state: Arc::new(GlobalState::new(client, false)) }
    }

    pub fn sandboxed(client: Client) -> Backend {
        Backend { state: Arc::new(GlobalState::new(client, true)) }
    }

    pub async fn articles(&self) -> Result<Token> {
        articles::handle(&self.state).await
    }

    pub async fn references_as_text(&self, params: ReferenceParams) -> Result<Option<Token>> {
        references::handle(&self.state, params).await
    }

    #[cfg(feature = "test-hooks")]
    pub async fn debug_panic(&self) -> Result<Value> {
        debug_panic::handle(&self.state).await
    }

    /// The answer to a message the input guard could not decode (see `input_guard.rs`).
    pub async fn invalid_message(&self) -> Result<Value> {
        Err(Error::invalid_request())
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        initialize::handle(&self.state, params).await
    }

    async fn initialized(&self, _: InitializedParams) {
        initialized::handle(&self.state).await
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.mark_shutdown();
        Ok(())
    }

    // The state-changing notifications: synchronous handlers, so that they run in arrival order
    // (see `handlers/mod.rs`).
    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        did_open::handle(&self.state, params)
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        did_change::handle(&self.state, params)
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        did_close::handle(&self.state, params)
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        did_change_watched_files::handle(&self.state, params)
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        did_change_configuration::handle(&self.state, params)
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        did_change_workspace_folders::handle(&self.state, params)
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::handle(&self.state, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        definition::handle(&self.state, params).await
    }

    // `textDocument/references` never reaches the trait's method: `large_answers::TextReferences`
    // routes it to `references_as_text` above.

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        document_highlight::handle(&self.state, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        document_symbol::handle(&self.state, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        workspace_symbol::handle(&self.state, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_action::handle(&self.state, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        note_action::execute_command(&self.state, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        rename::prepare(&self.state, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        rename::handle(&self.state, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        code_lens::handle(&self.state, params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        inlay_hint::handle(&self.state, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        semantic_tokens::full(&self.state, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        semantic_tokens::range(&self.state, params).await
    }
}
