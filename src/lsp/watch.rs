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

impl Builtin {
    /// Starts watching nothing yet; `apply` gets a change per path an event names.
    pub(crate) fn start(apply: impl Fn(Change) + Send + 'static) -> notify::Result<Builtin> {
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(event) = res else { return };
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                let e = if path.exists() { DiskEvent::Changed } else { DiskEvent::Deleted };
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
