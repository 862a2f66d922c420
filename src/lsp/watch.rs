//! Watching the workspace folders. Clients that support dynamic registration are asked to
//! send `workspace/didChangeWatchedFiles` for articles and `crosswire.json`; for the others
//! (Neovim 0.7 ignores registrations) the server watches the folders itself with `notify`,
//! feeding the same state owner (through the callback it is started with).
//!
//! Events are not trusted to stay inside the workspace: `notify` follows symbolic links to
//! folders, and a client may report any path. `Documents` ignores paths outside every workspace
//! folder, and `worker::process` reads a file only where it really leads inside one.

use super::documents::{Change, DiskEvent};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
};

pub(crate) const REGISTRATION_ID: &str = "crosswire-watched-files";

/// The registration asking the client to watch articles and the configuration file.
pub(crate) fn registration() -> Registration {
    let watchers = ["**/*.{txt,md,markdown,html,htm,mhtml,mht}", "**/crosswire.json"]
        .into_iter()
        .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
        .collect();
    let opts = DidChangeWatchedFilesRegistrationOptions { watchers };
    Registration {
        id: REGISTRATION_ID.to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(opts).ok(),
    }
}

/// The built-in watcher (when the client cannot watch for us).
pub(crate) struct Builtin {
    watcher: RecommendedWatcher,
    watched: Vec<PathBuf>,
}

/// How long after a folder appears it is looked at again: `notify` reports a new folder before
/// it watches it (it adds the watch once the batch of events is handled), so a file written into
/// the folder in between ("cp -r", an unzip) raises no event, and the scan the first report
/// starts may have run before the file was there. A second look once the watch is in place
/// finds it.
const NEW_FOLDER_SECOND_LOOK: Duration = Duration::from_millis(300);

impl Builtin {
    /// Starts watching nothing yet; `apply` gets a change per path an event names.
    pub(crate) fn start(apply: impl Fn(Change) + Send + Sync + 'static) -> notify::Result<Builtin> {
        let apply = Arc::new(apply);
        let second_looks = second_looks(apply.clone());
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(event) = res else { return };
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            let created = matches!(event.kind, EventKind::Create(_));
            for path in event.paths {
                let e = if path.exists() { DiskEvent::Changed } else { DiskEvent::Deleted };
                if created && path.is_dir() {
                    let _ =
                        second_looks.send((path.clone(), Instant::now() + NEW_FOLDER_SECOND_LOOK));
                }
                apply(Change::Disk { path, event: e });
            }
        })?;
        Ok(Builtin { watcher, watched: Vec::new() })
    }

    pub(crate) fn watch(&mut self, folder: &Path) {
        if self.watched.iter().any(|w| w == folder) {
            return;
        }
        if self.watcher.watch(folder, RecursiveMode::Recursive).is_ok() {
            self.watched.push(folder.to_path_buf());
        }
    }

    pub(crate) fn unwatch(&mut self, folder: &Path) {
        if let Some(i) = self.watched.iter().position(|w| w == folder) {
            let _ = self.watcher.unwatch(folder);
            self.watched.remove(i);
        }
    }
}

/// A thread that reports each folder sent to it again once its time has come (in the order
/// sent; every folder waits the same time, so the order is the order of their times). It ends
/// with the watcher, whose callback holds the sender.
fn second_looks(
    apply: Arc<impl Fn(Change) + Send + Sync + 'static>,
) -> mpsc::Sender<(PathBuf, Instant)> {
    let (send, receive) = mpsc::channel::<(PathBuf, Instant)>();
    std::thread::spawn(move || {
        for (path, at) in receive {
            std::thread::sleep(at.saturating_duration_since(Instant::now()));
            if path.is_dir() {
                apply(Change::Disk { path, event: DiskEvent::Changed });
            }
        }
    });
    send
}
