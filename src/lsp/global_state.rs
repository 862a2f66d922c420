//! The server's mutable state in one place, and the immutable snapshots requests answer from.
//!
//! [`GlobalState`] owns the document state ([`Documents`], behind a `std::sync::Mutex` never
//! held across an `.await`), the client's capabilities, the built-in watcher and the latest
//! [`Published`] snapshot. Notification handlers change it synchronously (see `handlers/mod.rs`
//! for why that keeps their order); the worker (`worker.rs`) turns changes into snapshots;
//! request handlers take a snapshot at least as new as the changes sent before them.
//! Nothing here imports the worker, the handlers or the diagnostics: they all import this.

use super::config_doc::{ConfigDoc, EditCaps};
use super::convert;
use super::documents::{Change, Documents, Key};
use super::large_answers::Outbox;
use super::watch::Builtin;
use crate::analysis::{self, Snapshot};
use crate::text::Encoding;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{watch as tokio_watch, Notify};
use tower_lsp_server::Client;

/// How long a request waits for the analysis of the changes sent before it.
const REQUEST_WAIT: Duration = Duration::from_secs(10);

/// What the client can do, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Caps {
    pub(crate) work_done_progress: bool,
    pub(crate) dynamic_watch: bool,
    pub(crate) hierarchical_symbols: bool,
    pub(crate) pull_configuration: bool,
    pub(crate) edit: EditCaps,
}

/// An immutable, consistent view of the workspace for requests.
pub(crate) struct Published {
    /// Every change up to this revision is reflected.
    pub(crate) revision: u64,
    pub(crate) snapshot: Arc<Snapshot>,
    /// The document version each open article was analysed at.
    pub(crate) versions: HashMap<Key, i32>,
    pub(crate) encoding: Encoding,
}

impl Published {
    pub(crate) fn empty(encoding: Encoding) -> Published {
        Published {
            revision: 0,
            snapshot: Arc::new(analysis::Workspace::default().snapshot()),
            versions: HashMap::new(),
            encoding,
        }
    }
}

pub(crate) struct GlobalState {
    pub(crate) client: Client,
    documents: Mutex<Documents>,
    /// Wakes the worker after a change.
    pub(crate) wake: Notify,
    /// The latest published snapshot.
    pub(crate) published: tokio_watch::Sender<Arc<Published>>,
    caps: Mutex<Caps>,
    initialized: AtomicBool,
    shutdown: AtomicBool,
    exiting: AtomicBool,
    /// Flips to true at `exit`: handlers waiting on the client give up (the transport waits
    /// for every handler before it returns, so one waiting forever would keep the server alive).
    exit_signal: tokio_watch::Sender<bool>,
    builtin: Mutex<Option<Builtin>>,
    /// No file-system access from workspace folders (the fuzz target's in-process server):
    /// folders from the client are ignored and no watcher is started.
    pub(crate) sandbox: bool,
    /// Large answers and notifications on their way out as text (`large_answers.rs`).
    pub(crate) outbox: Arc<Outbox>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl GlobalState {
    pub(crate) fn new(client: Client, sandbox: bool) -> GlobalState {
        let (published, _) = tokio_watch::channel(Arc::new(Published::empty(Encoding::Utf16)));
        GlobalState {
            client,
            documents: Mutex::new(Documents::new(Encoding::Utf16)),
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
    pub(crate) fn documents(&self) -> MutexGuard<'_, Documents> {
        lock(&self.documents)
    }

    pub(crate) fn caps(&self) -> Caps {
        *lock(&self.caps)
    }

    pub(crate) fn set_caps(&self, caps: Caps) {
        *lock(&self.caps) = caps;
    }

    pub(crate) fn encoding(&self) -> Encoding {
        self.documents().encoding
    }

    pub(crate) fn mark_initialized(&self) {
        self.initialized.store(true, Ordering::SeqCst);
    }

    pub(crate) fn mark_shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
    }

    pub(crate) fn was_shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    /// Whether notifications change anything: not before initialize, nor after shutdown.
    pub(crate) fn takes_notifications(&self) -> bool {
        self.initialized.load(Ordering::SeqCst) && !self.shutdown.load(Ordering::SeqCst)
    }

    /// Tells the worker and the handlers waiting on the client to stop (exit was received, or
    /// the message loop has ended).
    pub(crate) fn mark_exiting(&self) {
        self.exiting.store(true, Ordering::SeqCst);
        self.exit_signal.send_replace(true);
        self.wake.notify_one();
    }

    pub(crate) fn is_exiting(&self) -> bool {
        self.exiting.load(Ordering::SeqCst)
    }

    /// Resolves once the session is exiting.
    pub(crate) async fn exited(&self) {
        let mut exit = self.exit_signal.subscribe();
        let _ = exit.wait_for(|e| *e).await;
    }

    /// Applies a change synchronously and wakes the worker if it scheduled work.
    pub(crate) fn apply(&self, change: Change) {
        let scheduled = self.documents().apply(change);
        if scheduled {
            self.wake.notify_one();
        }
    }

    /// The snapshot a request should answer from: at least as new as every change applied
    /// before the request arrived (waiting at most [`REQUEST_WAIT`]). The revision is read
    /// when the returned future is first polled, which is in arrival order (`handlers/mod.rs`).
    pub(crate) async fn current(&self) -> Arc<Published> {
        let wanted = self.documents().revision;
        let mut rx = self.published.subscribe();
        let _ = tokio::time::timeout(REQUEST_WAIT, rx.wait_for(|p| p.revision >= wanted)).await;
        let p = rx.borrow().clone();
        p
    }

    /// Makes `published` the snapshot requests answer from, unless a newer one is there already.
    pub(crate) fn publish_for_requests(&self, published: Arc<Published>) {
        self.published.send_if_modified(|cur| {
            let newer = cur.revision < published.revision;
            if newer {
                *cur = published;
            }
            newer
        });
    }

    /// Starts the built-in watcher on the workspace folders (clients that cannot watch for us).
    pub(crate) fn start_builtin_watcher(self: &Arc<Self>) {
        let folders = self.documents().folders.clone();
        let weak = Arc::downgrade(self);
        let started = Builtin::start(move |change| {
            if let Some(state) = weak.upgrade() {
                state.apply(change);
            }
        });
        match started {
            Ok(mut b) => {
                for f in &folders {
                    b.watch(f);
                }
                *lock(&self.builtin) = Some(b);
            }
            Err(e) => eprintln!("crosswire lsp: cannot watch the workspace folders: {e}"),
        }
    }

    /// Keeps the built-in watcher (if running) on the workspace folders as they change.
    pub(crate) fn rewatch(&self, added: &[impl AsRef<Path>], removed: &[impl AsRef<Path>]) {
        if let Some(b) = lock(&self.builtin).as_mut() {
            for f in removed {
                b.unwatch(f.as_ref());
            }
            for f in added {
                b.watch(f.as_ref());
            }
        }
    }

    /// `crosswire.json` of the first workspace folder, as the editor sees it.
    pub(crate) fn config_doc(&self) -> Option<ConfigDoc> {
        let docs = self.documents();
        let root = docs.folders.first().cloned()?;
        let key = convert::key_of_path(&root.join(crate::config::FILE_NAME));
        let open = docs.open_text(&key);
        drop(docs);
        ConfigDoc::load(Some(root), open)
    }
}
