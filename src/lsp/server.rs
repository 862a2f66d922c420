//! Glue: the `LanguageServer` implementation, the shared server state, and the ordering layer.
//!
//! Ordering. tower-lsp(-server) polls every message's handler concurrently, notifications
//! included, so an `.await` before a state update could reorder two didChange. Here the
//! state-changing notifications never reach an async handler: [`Ordered`] wraps the service and,
//! in `Service::call` (which the transport invokes for one message at a time, in the order they
//! were read), hands them synchronously to the state owner ([`Shared::apply`]). Requests go on
//! to the async handlers, which first note the current revision, then wait (bounded) for a
//! snapshot at least that new, so a request sees every change sent before it.

use super::code_actions::{self, ConfigDoc, EditCaps};
use super::config::Settings;
use super::convert;
use super::raw::{self, Outbox, Token};
use super::state::{Change, DiskEvent, State};
use super::watch::{self, Builtin};
use super::worker::{self, Published};
use super::{definition, highlight, hover, reading, references, symbols};
use crate::text::Encoding;
use serde_json::{json, Value};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{watch as tokio_watch, Notify};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ExitedError, LanguageServer, LspService};

/// How long a request waits for the analysis of the changes sent before it.
const REQUEST_WAIT: Duration = Duration::from_secs(10);

/// `textDocument/references` as [`Ordered`] passes it on: answered with the list's JSON text
/// through the outbox (`raw.rs`), not as a `serde_json::Value` tree.
pub const REFERENCES_AS_TEXT: &str = "crosswire/referencesAsText";

/// The notifications that change state, applied in arrival order by [`Ordered`].
pub const STATE_CHANGING: &[&str] = &[
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWorkspaceFolders",
];

/// What the client can do, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Caps {
    pub work_done_progress: bool,
    pub dynamic_watch: bool,
    pub hierarchical_symbols: bool,
    pub pull_configuration: bool,
    pub edit: EditCaps,
}

/// State shared by the handlers, the worker and the watcher.
pub struct Shared {
    pub client: Client,
    state: Mutex<State>,
    /// Wakes the worker after a change.
    pub wake: Notify,
    /// The latest published snapshot.
    pub published: tokio_watch::Sender<Arc<Published>>,
    caps: Mutex<Caps>,
    initialized: AtomicBool,
    pub shutdown: AtomicBool,
    exiting: AtomicBool,
    /// Flips to true at `exit`: handlers waiting on the client give up (the transport waits
    /// for every handler before it returns, so one waiting forever would keep the server alive).
    exit_signal: tokio_watch::Sender<bool>,
    builtin: Mutex<Option<Builtin>>,
    /// No file-system access from workspace folders (the fuzz target's in-process server):
    /// folders from the client are ignored and no watcher is started.
    pub sandbox: bool,
    /// Large answers and notifications on their way out as text (`raw.rs`).
    pub outbox: Arc<Outbox>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new(client: Client, sandbox: bool) -> Shared {
        let (published, _) = tokio_watch::channel(Arc::new(Published::empty(Encoding::Utf16)));
        Shared {
            client,
            state: Mutex::new(State::new(Encoding::Utf16)),
            wake: Notify::new(),
            published,
            caps: Mutex::new(Caps::default()),
            initialized: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            exiting: AtomicBool::new(false),
            exit_signal: tokio_watch::channel(false).0,
            builtin: Mutex::new(None),
            sandbox,
            outbox: Arc::default(),
        }
    }

    /// The document-state owner. Never hold the guard across an `.await`.
    pub fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    pub fn caps(&self) -> Caps {
        *lock(&self.caps)
    }

    pub fn encoding(&self) -> Encoding {
        self.state().encoding
    }

    /// Tells the worker to stop (the message loop has ended).
    pub fn mark_exiting(&self) {
        self.exiting.store(true, Ordering::SeqCst);
        self.exit_signal.send_replace(true);
        self.wake.notify_one();
    }

    pub fn is_exiting(&self) -> bool {
        self.exiting.load(Ordering::SeqCst)
    }

    /// Applies a change synchronously and wakes the worker if it scheduled work.
    pub fn apply(&self, change: Change) {
        let scheduled = self.state().apply(change);
        if scheduled {
            self.wake.notify_one();
        }
    }

    /// The snapshot a request should answer from: at least as new as every change applied
    /// before the request arrived (waiting at most [`REQUEST_WAIT`]).
    pub async fn current(&self) -> Arc<Published> {
        let wanted = self.state().revision;
        let mut rx = self.published.subscribe();
        let _ = tokio::time::timeout(REQUEST_WAIT, rx.wait_for(|p| p.revision >= wanted)).await;
        let p = rx.borrow().clone();
        p
    }

    /// The synchronous door for state-changing notifications (see the module docs).
    pub fn handle_notification(self: &Arc<Self>, method: &str, params: Option<&Value>) {
        if !self.initialized.load(Ordering::SeqCst) || self.shutdown.load(Ordering::SeqCst) {
            return; // before initialize (or after shutdown) notifications are dropped
        }
        let params = params.cloned().unwrap_or(Value::Null);
        fn parse<T: serde::de::DeserializeOwned>(method: &str, v: Value) -> Option<T> {
            match serde_json::from_value(v) {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!("crosswire lsp: ignoring malformed {method}: {e}");
                    None
                }
            }
        }
        match method {
            "textDocument/didOpen" => {
                if let Some(p) = parse::<DidOpenTextDocumentParams>(method, params) {
                    let d = p.text_document;
                    self.apply(Change::Open {
                        key: convert::key_of(&d.uri),
                        text: d.text,
                        version: d.version,
                        language_id: d.language_id,
                    });
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = parse::<DidChangeTextDocumentParams>(method, params) {
                    let key = convert::key_of(&p.text_document.uri);
                    self.apply(Change::Edit {
                        key,
                        version: p.text_document.version,
                        changes: p.content_changes,
                    });
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = parse::<DidCloseTextDocumentParams>(method, params) {
                    self.apply(Change::Close { key: convert::key_of(&p.text_document.uri) });
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Some(p) = parse::<DidChangeWatchedFilesParams>(method, params) {
                    for c in p.changes {
                        let Some(path) = convert::path_of(&c.uri) else { continue };
                        let event = if c.typ == FileChangeType::DELETED {
                            DiskEvent::Deleted
                        } else {
                            DiskEvent::Changed
                        };
                        self.apply(Change::Disk { path, event });
                    }
                }
            }
            "workspace/didChangeConfiguration" => {
                if let Some(p) = parse::<DidChangeConfigurationParams>(method, params) {
                    let empty = match &p.settings {
                        Value::Null => true,
                        Value::Object(m) => m.is_empty(),
                        _ => false,
                    };
                    if empty && self.caps().pull_configuration {
                        self.pull_configuration();
                    } else {
                        self.apply(Change::Settings(Settings::from_client(Some(p.settings))));
                    }
                }
            }
            "workspace/didChangeWorkspaceFolders" if !self.sandbox => {
                if let Some(p) = parse::<DidChangeWorkspaceFoldersParams>(method, params) {
                    let added: Vec<PathBuf> =
                        p.event.added.iter().filter_map(|f| convert::path_of(&f.uri)).collect();
                    let removed: Vec<PathBuf> =
                        p.event.removed.iter().filter_map(|f| convert::path_of(&f.uri)).collect();
                    if let Some(b) = lock(&self.builtin).as_mut() {
                        for f in &removed {
                            b.unwatch(f);
                        }
                        for f in &added {
                            b.watch(f);
                        }
                    }
                    self.apply(Change::Folders { added, removed });
                }
            }
            _ => {}
        }
    }

    /// Asks the client for the `crosswire` settings section (pull model).
    fn pull_configuration(self: &Arc<Self>) {
        let shared = self.clone();
        tokio::spawn(async move {
            let items =
                vec![ConfigurationItem { scope_uri: None, section: Some("crosswire".to_string()) }];
            if let Ok(mut values) = shared.client.configuration(items).await {
                let v = values.pop().filter(|v| v.is_object()).map(|v| json!({ "crosswire": v }));
                shared.apply(Change::Settings(Settings::from_client(v)));
            }
        });
    }

    fn start_builtin_watcher(self: &Arc<Self>) {
        let folders = self.state().folders.clone();
        match Builtin::start(self) {
            Ok(mut b) => {
                for f in &folders {
                    b.watch(f);
                }
                *lock(&self.builtin) = Some(b);
            }
            Err(e) => eprintln!("crosswire lsp: cannot watch the workspace folders: {e}"),
        }
    }
}

pub struct Backend {
    pub shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend { shared: Arc::new(Shared::new(client, false)) }
    }

    pub fn sandboxed(client: Client) -> Backend {
        Backend { shared: Arc::new(Shared::new(client, true)) }
    }

    /// Runs `f` on a blocking thread. A panic inside is caught, logged (window/logMessage) and
    /// answered as an InternalError; the server carries on.
    async fn guarded<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
        let outcome = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(f))).await;
        let msg = match outcome {
            Ok(Ok(v)) => return Ok(v),
            Ok(Err(panic)) => panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into()),
            Err(e) => e.to_string(),
        };
        let msg = format!("{what} failed (a bug in crosswire; please report it): {msg}");
        self.shared.client.log_message(MessageType::ERROR, format!("crosswire: {msg}")).await;
        Err(internal(msg))
    }

    /// Runs a query against the current snapshot on a blocking thread; a panic becomes an
    /// internal error, never a dead server. Unknown documents answer `None`.
    async fn on_article<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: &Uri,
        f: impl FnOnce(&Published, usize) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let key = convert::key_of(uri);
        let p = self.shared.current().await;
        self.guarded(what, move || {
            let i = p.snapshot.article_index(&key)?;
            f(&p, i)
        })
        .await
    }

    /// `crosswire.json` of the first workspace folder, as the editor sees it.
    fn config_doc(&self) -> Option<ConfigDoc> {
        let st = self.shared.state();
        let root = st.folders.first().cloned()?;
        let key = convert::key_of_path(&root.join(crate::config::FILE_NAME));
        let open = st.open_text(&key);
        drop(st);
        ConfigDoc::load(Some(root), open)
    }

    /// A request that panics, for tests of the panic guard: only when the environment variable
    /// `CROSSWIRE_TEST_PANIC=1` is set, else "method not found".
    pub async fn debug_panic(&self) -> Result<Value> {
        if std::env::var_os("CROSSWIRE_TEST_PANIC").is_none_or(|v| v != "1") {
            return Err(Error::method_not_found());
        }
        self.guarded("crosswire/debugPanic", || -> Value {
            panic!("crosswire/debugPanic: a panic on purpose")
        })
        .await
    }

    /// The answer to a message the transport guard could not decode (see `transport.rs`).
    pub async fn invalid_message(&self) -> Result<Value> {
        Err(Error::invalid_request())
    }

    /// Lists the indexed articles (for editors' views and for tests). Sent as text (`raw.rs`):
    /// the list of 10,000 articles is 40 MB as a `Value` tree.
    pub async fn articles(&self) -> Result<Token> {
        let p = self.shared.current().await;
        let text = self
            .guarded("crosswire/articles", move || {
                let (list, _) = raw::array_json(p.snapshot.articles.iter().map(|a| {
                    let art = &a.article;
                    json!({
                        "uri": convert::uri_of(&art.name).map(|u| u.as_str().to_string()),
                        "name": art.name,
                        "outlet": art.outlet(),
                        "label": art.meta.label,
                        "title": art.meta.title,
                        "date": art.meta.date.map(|d| d.to_string()),
                        "version": p.versions.get(&art.name),
                        "mentions": a.actors.mentions.len(),
                        "entities": a.actors.entities.len(),
                        "figures": a.figures.len(),
                        // of the document (for a web page, its HTML, not the text taken from it)
                        "bytes": art.file_text().len(),
                        "digest": format!("{:016x}", fnv1a(art.file_text().as_bytes())),
                    })
                }));
                let answer = json!({ "revision": p.revision, "articles": crate::json_splice::HOLE, "actors": p.snapshot.linked.actors.len(), "findings": p.snapshot.findings.len() });
                raw::fill(&answer, &list)
            })
            .await?;
        // kept only now that nothing can cancel the request (a cancelled one would leave it)
        Ok(self.shared.outbox.put(text))
    }

    /// `textDocument/references`, answered with the text of the list (see [`REFERENCES_AS_TEXT`]).
    pub async fn references_as_text(&self, params: ReferenceParams) -> Result<Option<Token>> {
        let tp = params.text_document_position;
        let include = params.context.include_declaration;
        let text = self
            .on_article("references", &tp.text_document.uri, move |p, i| {
                let off =
                    convert::offset(&p.snapshot.articles[i].article, tp.position, p.encoding)?;
                references::references_json(&p.snapshot, i, off, include, p.encoding)
            })
            .await?;
        Ok(text.map(|t| self.shared.outbox.put(t)))
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("crosswire: internal error: {e}").into(),
        data: None,
    }
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

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
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
            pull_configuration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
            edit: EditCaps::from_client(caps),
        };
        *lock(&self.shared.caps) = c;
        let folders = if self.shared.sandbox { Vec::new() } else { folders_of(&params) };
        {
            let mut st = self.shared.state();
            st.encoding = enc;
            st.init_settings = Settings::from_client(params.initialization_options.clone());
            st.apply(Change::Folders { added: folders, removed: Vec::new() });
        }
        self.shared.published.send_modify(|p| {
            if p.encoding != enc {
                *p = Arc::new(Published::empty(enc));
            }
        });
        tokio::spawn(worker::run(self.shared.clone()));
        self.shared.initialized.store(true, Ordering::SeqCst);
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
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR,
                        ]),
                        work_done_progress_options: Default::default(),
                        resolve_provider: None,
                    },
                )),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
                inlay_hint_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            work_done_progress_options: Default::default(),
                            legend: reading::legend(),
                            range: Some(true),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                        },
                    ),
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

    async fn initialized(&self, _: InitializedParams) {
        let shared = self.shared.clone();
        // index first: a client may be slow to answer (or never answer) the registration
        shared.wake.notify_one();
        if shared.sandbox {
            return;
        }
        let mut builtin = !shared.caps().dynamic_watch;
        if !builtin {
            // a client that never answers (or a session that ends first) must not hold `exit` up
            let mut exit = shared.exit_signal.subscribe();
            tokio::select! {
                r = shared.client.register_capability(vec![watch::registration()]) => builtin = r.is_err(),
                _ = exit.wait_for(|e| *e) => return,
            }
        }
        if builtin {
            shared.start_builtin_watcher();
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    // The state-changing notifications are taken by `Ordered` before they get here; these
    // bodies only run if the service is used without it, and take the same synchronous door.
    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.shared.handle_notification(
            "textDocument/didOpen",
            serde_json::to_value(params).ok().as_ref(),
        );
    }
    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.shared.handle_notification(
            "textDocument/didChange",
            serde_json::to_value(params).ok().as_ref(),
        );
    }
    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.shared.handle_notification(
            "textDocument/didClose",
            serde_json::to_value(params).ok().as_ref(),
        );
    }
    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.shared.handle_notification(
            "workspace/didChangeWatchedFiles",
            serde_json::to_value(params).ok().as_ref(),
        );
    }
    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.shared.handle_notification(
            "workspace/didChangeConfiguration",
            serde_json::to_value(params).ok().as_ref(),
        );
    }
    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.shared.handle_notification(
            "workspace/didChangeWorkspaceFolders",
            serde_json::to_value(params).ok().as_ref(),
        );
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let tp = params.text_document_position_params;
        self.on_article("hover", &tp.text_document.uri, move |p, i| {
            let off = convert::offset(&p.snapshot.articles[i].article, tp.position, p.encoding)?;
            hover::hover(&p.snapshot, i, off, p.encoding)
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let tp = params.text_document_position_params;
        self.on_article("definition", &tp.text_document.uri, move |p, i| {
            let off = convert::offset(&p.snapshot.articles[i].article, tp.position, p.encoding)?;
            let locs = definition::definition(&p.snapshot, i, off, p.encoding);
            (!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let tp = params.text_document_position;
        let include = params.context.include_declaration;
        self.on_article("references", &tp.text_document.uri, move |p, i| {
            let off = convert::offset(&p.snapshot.articles[i].article, tp.position, p.encoding)?;
            let locs = references::references(&p.snapshot, i, off, include, p.encoding);
            (!locs.is_empty()).then_some(locs)
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let tp = params.text_document_position_params;
        self.on_article("documentHighlight", &tp.text_document.uri, move |p, i| {
            let off = convert::offset(&p.snapshot.articles[i].article, tp.position, p.encoding)?;
            let v = highlight::highlights(&p.snapshot, i, off, p.encoding);
            (!v.is_empty()).then_some(v)
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let hierarchical = self.shared.caps().hierarchical_symbols;
        self.on_article("documentSymbol", &params.text_document.uri, move |p, i| {
            symbols::document_symbols(&p.snapshot, i, hierarchical, p.encoding)
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let p = self.shared.current().await;
        let q = params.query;
        self.guarded("workspace/symbol", move || {
            Some(symbols::workspace_symbols(&p.snapshot, &q, p.encoding))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let doc = self.config_doc();
        let caps = self.shared.caps().edit;
        let CodeActionParams { text_document, range, context, .. } = params;
        self.on_article("codeAction", &text_document.uri, move |p, i| {
            let doc = doc?;
            let art = &p.snapshot.articles[i].article;
            let start = convert::offset(art, range.start, p.encoding)?;
            let end =
                convert::offset(art, range.end, p.encoding).unwrap_or(art.text.len()).max(start);
            let req = code_actions::Request {
                article: i,
                span: start..end,
                diagnostics: &context.diagnostics,
                only: context.only.as_deref(),
                doc: &doc,
                caps,
                enc: p.encoding,
            };
            let v = code_actions::code_actions(&p.snapshot, &req);
            (!v.is_empty()).then_some(v)
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.on_article("prepareRename", &params.text_document.uri, move |p, i| {
            let off =
                convert::offset(&p.snapshot.articles[i].article, params.position, p.encoding)?;
            code_actions::prepare_rename(&p.snapshot, i, off, p.encoding)
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let doc = self.config_doc();
        let caps = self.shared.caps().edit;
        let tp = params.text_document_position;
        let new_name = params.new_name;
        let r = self
            .on_article("rename", &tp.text_document.uri, move |p, i| {
                let Some(doc) = doc else {
                    return Some(Err("no workspace folder to hold crosswire.json".to_string()));
                };
                let off =
                    convert::offset(&p.snapshot.articles[i].article, tp.position, p.encoding)?;
                Some(
                    match code_actions::rename(
                        &p.snapshot,
                        i,
                        off,
                        &new_name,
                        &doc,
                        caps,
                        p.encoding,
                    ) {
                        Ok(edit) => Ok(Some(edit)),
                        Err(code_actions::RenameError::NotAnActor) => Ok(None),
                        Err(code_actions::RenameError::EmptyName) => {
                            Err("the new name is empty".to_string())
                        }
                        Err(code_actions::RenameError::Edit(e)) => Err(e.to_string()),
                    },
                )
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

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.on_article("codeLens", &params.text_document.uri, move |p, i| {
            reading::code_lens(&p.snapshot, i, p.encoding)
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.on_article("inlayHint", &params.text_document.uri, move |p, i| {
            let art = &p.snapshot.articles[i].article;
            let start = convert::offset(art, range.start, p.encoding).unwrap_or(art.text.len());
            let end =
                convert::offset(art, range.end, p.encoding).unwrap_or(art.text.len()).max(start);
            reading::inlay_hints(&p.snapshot, i, start..end, p.encoding)
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.on_article("semanticTokens/full", &params.text_document.uri, move |p, i| {
            reading::semantic_tokens(&p.snapshot, i, None, p.encoding)
                .map(SemanticTokensResult::Tokens)
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        self.on_article("semanticTokens/range", &params.text_document.uri, move |p, i| {
            let art = &p.snapshot.articles[i].article;
            let start = convert::offset(art, range.start, p.encoding).unwrap_or(art.text.len());
            let end =
                convert::offset(art, range.end, p.encoding).unwrap_or(art.text.len()).max(start);
            reading::semantic_tokens(&p.snapshot, i, Some(start..end), p.encoding)
                .map(SemanticTokensRangeResult::Tokens)
        })
        .await
    }
}

/// The ordering layer (see the module docs).
pub struct Ordered {
    pub inner: LspService<Backend>,
    pub shared: Arc<Shared>,
}

type BoxFut =
    Pin<Box<dyn Future<Output = std::result::Result<Option<Response>, ExitedError>> + Send>>;

impl tower::Service<Request> for Ordered {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFut;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<std::result::Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if req.id().is_none() && STATE_CHANGING.contains(&req.method()) {
            self.shared.handle_notification(req.method(), req.params());
            return Box::pin(std::future::ready(Ok(None)));
        }
        if req.method() == "exit" {
            self.shared.mark_exiting();
        }
        if req.method() == "textDocument/references" && req.id().is_some() {
            // the same request under the name of the handler that answers with text
            let (_, id, params) = req.into_parts();
            let mut b = Request::build(REFERENCES_AS_TEXT);
            if let Some(id) = id {
                b = b.id(id);
            }
            if let Some(params) = params {
                b = b.params(params);
            }
            return Box::pin(self.inner.call(b.finish()));
        }
        Box::pin(self.inner.call(req))
    }
}
