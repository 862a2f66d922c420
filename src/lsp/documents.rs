//! Document state: open documents, articles known on disk, revisions and dirty articles.
//!
//! Every state-changing message (didOpen, didChange, didClose, didChangeWatchedFiles,
//! didChangeConfiguration, didChangeWorkspaceFolders, and the built-in watcher's events) is
//! applied here, synchronously and in arrival order, under one `std::sync::Mutex` that is never
//! held across an `.await`. Each applied change bumps a monotonically increasing `revision` and
//! marks the articles it touches dirty with that revision. The worker (`worker.rs`) takes the
//! dirty articles as a [`Job`] (texts are immutable `Arc<str>` copies of the ropes), analyses
//! them on blocking threads, and hands the results back through [`Documents::apply_results`], which
//! drops every result whose article changed again meanwhile (its dirty revision moved on).
//! When nothing is dirty, the worker builds and publishes a snapshot tagged with the revision.

use super::convert;
use super::settings::{ArticleFilter, Settings};
use crate::analysis::{ArticleAnalysis, Workspace};
use crate::config::Config;
use crate::corpus::Roots;
use crate::text::Encoding;
use ropey::Rope;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

/// An article's name in the workspace: its absolute path, or its URI when it has no path.
pub(crate) type Key = String;

/// An open document: it shadows the file on disk until closed.
#[derive(Debug)]
pub(crate) struct OpenDoc {
    pub(crate) rope: Rope,
    pub(crate) version: i32,
    pub(crate) language_id: String,
}

/// What happened on disk to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DiskEvent {
    /// Created or changed (or "something happened; look").
    Changed,
    Deleted,
}

/// One state-changing message.
#[derive(Debug)]
pub(crate) enum Change {
    Open { key: Key, text: String, version: i32, language_id: String },
    Edit { key: Key, version: i32, changes: Vec<TextDocumentContentChangeEvent> },
    Close { key: Key },
    Disk { path: PathBuf, event: DiskEvent },
    Settings(Settings),
    Folders { added: Vec<PathBuf>, removed: Vec<PathBuf> },
}

/// Where the worker gets an article's text.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// The open document's text, at a version.
    Text(Arc<str>, i32),
    /// The file on disk.
    Disk(PathBuf),
    /// Neither open nor on disk any more: drop it.
    Gone,
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) key: Key,
    /// The revision the article was marked dirty at; the result is stale unless it still is.
    pub(crate) rev: u64,
    pub(crate) source: Source,
}

/// Dirty articles to analyse, with the configuration to analyse them under.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub(crate) items: Vec<Item>,
    pub(crate) config: Arc<Config>,
    pub(crate) config_gen: u64,
    /// The workspace folders, canonicalised: the worker reads an article from disk only when
    /// its path really leads inside one of them.
    pub(crate) roots: Arc<Roots>,
}

/// What the worker made of one item.
#[derive(Debug)]
pub(crate) enum Outcome {
    Analysed(Box<ArticleAnalysis>, Option<i32>),
    /// Not an article (any more): unreadable, empty, deleted. The message says why, if useful.
    Dropped(Option<String>),
}

/// A consistent state for the worker to snapshot.
pub(crate) struct Publishable {
    pub(crate) revision: u64,
    pub(crate) workspace: Workspace,
    /// The document version each open article was analysed at.
    pub(crate) versions: HashMap<Key, i32>,
}

pub(crate) struct Documents {
    pub(crate) revision: u64,
    pub(crate) encoding: Encoding,
    open: HashMap<Key, OpenDoc>,
    /// Articles known on disk, by key.
    disk: HashMap<Key, PathBuf>,
    /// Articles whose analysis is out of date, with the revision of their latest change.
    dirty: BTreeMap<Key, u64>,
    workspace: Workspace,
    analysed_version: HashMap<Key, i32>,
    /// Workspace folders (absolute paths).
    pub(crate) folders: Vec<PathBuf>,
    /// The same, canonicalised (see [`Job::roots`]).
    roots: Arc<Roots>,
    /// Folders to (re)walk; `true` re-reads every article found, `false` only new ones.
    to_scan: Vec<(PathBuf, bool)>,
    /// initializationOptions (the base layer of the client's settings).
    pub(crate) init_settings: Settings,
    /// `crosswire.json` or the client's settings changed.
    config_reload: bool,
    /// didChangeConfiguration settings (over initializationOptions, under crosswire.json).
    pub(crate) settings: Settings,
    config: Arc<Config>,
    config_gen: u64,
    filter: ArticleFilter,
    /// Some change is not yet reflected in a published snapshot.
    unpublished: bool,
}

impl Documents {
    pub(crate) fn new(encoding: Encoding) -> Documents {
        Documents {
            revision: 0,
            encoding,
            open: HashMap::new(),
            disk: HashMap::new(),
            dirty: BTreeMap::new(),
            workspace: Workspace::new(Config::default()),
            analysed_version: HashMap::new(),
            folders: Vec::new(),
            roots: Arc::default(),
            to_scan: Vec::new(),
            config_reload: false,
            settings: Settings::default(),
            init_settings: Settings::default(),
            config: Arc::new(Config::default()),
            config_gen: 0,
            filter: ArticleFilter::default(),
            unpublished: true,
        }
    }

    fn bump(&mut self) -> u64 {
        self.revision += 1;
        self.unpublished = true;
        self.revision
    }

    fn mark(&mut self, key: &str) {
        let rev = self.bump();
        self.dirty.insert(key.to_string(), rev);
    }

    /// Applies one change. Returns true when it scheduled work for the worker.
    pub(crate) fn apply(&mut self, change: Change) -> bool {
        match change {
            Change::Open { key, text, version, language_id } => {
                let article = self.is_article_doc(&key, &language_id);
                self.open.insert(
                    key.clone(),
                    OpenDoc { rope: convert::rope(&text), version, language_id },
                );
                if article {
                    self.mark(&key);
                }
                article
            }
            Change::Edit { key, version, changes } => {
                let enc = self.encoding;
                let Some(doc) = self.open.get_mut(&key) else { return false };
                for c in &changes {
                    convert::apply_change(&mut doc.rope, c, enc);
                }
                doc.version = version;
                let lang = doc.language_id.clone();
                if self.is_article_doc(&key, &lang) {
                    self.mark(&key);
                    true
                } else {
                    false
                }
            }
            Change::Close { key } => {
                let Some(doc) = self.open.remove(&key) else { return false };
                // back to the disk copy (re-read), or gone if it has none
                if self.is_article_doc(&key, &doc.language_id) || self.workspace.get(&key).is_some()
                {
                    if !self.disk.contains_key(&key) {
                        if let Some(p) = self.path_if_article(Path::new(&key)) {
                            if p.is_file() {
                                self.disk.insert(key.clone(), p);
                            }
                        }
                    }
                    self.mark(&key);
                    true
                } else {
                    false
                }
            }
            Change::Disk { path, event } => self.disk_event(path, event),
            Change::Settings(s) => {
                self.settings = s;
                self.config_reload = true;
                self.bump();
                true
            }
            Change::Folders { added, removed } => {
                let mut any = false;
                for f in removed {
                    self.folders.retain(|g| *g != f);
                    let keys: Vec<Key> = self
                        .disk
                        .iter()
                        .filter(|(_, p)| {
                            p.starts_with(&f) && !self.folders.iter().any(|g| p.starts_with(g))
                        })
                        .map(|(k, _)| k.clone())
                        .collect();
                    for k in keys {
                        self.disk.remove(&k);
                        self.mark(&k);
                    }
                    self.bump();
                    any = true;
                }
                for f in added {
                    if !self.folders.contains(&f) {
                        self.folders.push(f.clone());
                    }
                    self.to_scan.push((f, true));
                    self.config_reload = true;
                    self.bump();
                    any = true;
                }
                self.roots = Arc::new(Roots::new(self.folders.iter().map(PathBuf::as_path)));
                any
            }
        }
    }

    fn disk_event(&mut self, path: PathBuf, event: DiskEvent) -> bool {
        if path.file_name().is_some_and(|n| n == crate::config::FILE_NAME) {
            if self.folders.iter().any(|f| path.parent() == Some(f.as_path()))
                || self.folders.is_empty()
            {
                self.config_reload = true;
                self.bump();
                return true;
            }
            return false;
        }
        match event {
            DiskEvent::Deleted => {
                let keys: Vec<Key> = self
                    .disk
                    .iter()
                    .filter(|(_, p)| p.starts_with(&path))
                    .map(|(k, _)| k.clone())
                    .collect();
                let any = !keys.is_empty();
                for k in keys {
                    self.disk.remove(&k);
                    if !self.open.contains_key(&k) {
                        self.mark(&k);
                    }
                }
                any
            }
            DiskEvent::Changed => {
                // a path outside every workspace folder is not ours: not even looked at
                let Some(folder) = self.folder_of(&path) else { return false };
                if path.is_dir() {
                    if super::settings::dir_may_hold_articles(folder, &path) {
                        self.to_scan.push((path, false));
                        self.bump();
                        return true;
                    }
                    return false;
                }
                let Some(p) = self.path_if_article(&path) else { return false };
                let key = convert::key_of_path(&p);
                self.disk.insert(key.clone(), p);
                if self.open.contains_key(&key) {
                    return false; // the open document shadows the file
                }
                self.mark(&key);
                true
            }
        }
    }

    /// `path` if it is an article under a workspace folder (extension, configured globs,
    /// not hidden, not ignored by the folder's .gitignore). Whether it really leads there (a
    /// symbolic link may not) is checked where it is read (`worker::process`).
    fn path_if_article(&self, path: &Path) -> Option<PathBuf> {
        let folder = self.folder_of(path)?;
        self.filter.accepts(folder, path).then(|| path.to_path_buf())
    }

    /// The innermost workspace folder `path` is spelled under. A path with `.` or `..`
    /// components is under none (`/ws/../etc` starts with `/ws` component by component).
    fn folder_of(&self, path: &Path) -> Option<&PathBuf> {
        if path.components().any(|c| matches!(c, Component::ParentDir | Component::CurDir)) {
            return None;
        }
        self.folders.iter().filter(|f| path.starts_with(f)).max_by_key(|f| f.as_os_str().len())
    }

    /// Whether an open document is an article: by its path when it has one under a folder,
    /// else by its extension or language.
    fn is_article_doc(&self, key: &str, language_id: &str) -> bool {
        let path = Path::new(key);
        if path.is_absolute() {
            if self.folder_of(path).is_some() {
                return self.path_if_article(path).is_some();
            }
            return super::settings::has_article_extension(key);
        }
        super::settings::has_article_extension(key)
            || matches!(language_id, "plaintext" | "markdown" | "text")
    }

    /// The text and version of an open document (any document, article or not).
    pub(crate) fn open_text(&self, key: &str) -> Option<(String, i32)> {
        self.open.get(key).map(|d| (d.rope.to_string(), d.version))
    }

    // --- the worker's side ------------------------------------------------------------------

    pub(crate) fn take_config_reload(&mut self) -> Option<(Vec<PathBuf>, Settings)> {
        if !self.config_reload {
            return None;
        }
        self.config_reload = false;
        Some((self.folders.clone(), self.init_settings.layered(&self.settings)))
    }

    /// Installs a new configuration: every article is analysed again, every folder re-walked
    /// (the article globs may have changed).
    pub(crate) fn set_config(&mut self, config: Config) {
        if *self.config == config {
            return;
        }
        // a note added or edited: the same analyses, a new snapshot (with the notes) to publish
        if self.workspace.set_annotations(config.clone()) {
            self.config = Arc::new(config);
            self.bump();
            return;
        }
        self.filter = ArticleFilter::new(&config);
        self.config = Arc::new(config.clone());
        self.config_gen += 1;
        let keys: Vec<Key> = self.workspace.names().map(str::to_string).collect();
        self.workspace = Workspace::new(config);
        for k in keys {
            self.mark(&k);
        }
        for f in self.folders.clone() {
            if !self.to_scan.iter().any(|(g, _)| *g == f) {
                self.to_scan.push((f, false));
            }
        }
        self.bump();
    }

    pub(crate) fn take_scans(&mut self) -> Vec<(PathBuf, bool)> {
        std::mem::take(&mut self.to_scan)
    }

    pub(crate) fn filter(&self) -> ArticleFilter {
        self.filter.clone()
    }

    /// The workspace folders, canonicalised (see [`Job::roots`]).
    pub(crate) fn roots(&self) -> Arc<Roots> {
        self.roots.clone()
    }

    /// Records the articles a walk of `folder` found.
    pub(crate) fn apply_scan(&mut self, folder: &Path, found: Vec<PathBuf>, reread: bool) {
        if !self.folders.iter().any(|f| folder.starts_with(f)) {
            return; // removed meanwhile
        }
        let found_keys: std::collections::HashSet<Key> =
            found.iter().map(|p| convert::key_of_path(p)).collect();
        let gone: Vec<Key> = self
            .disk
            .iter()
            .filter(|(k, p)| p.starts_with(folder) && !found_keys.contains(*k))
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            self.disk.remove(&k);
            if !self.open.contains_key(&k) {
                self.mark(&k);
            }
        }
        // a walk below a folder does not see the .gitignore files above it: check those
        let below = !self.folders.iter().any(|f| f == folder);
        for p in found {
            if below && self.path_if_article(&p).is_none() {
                continue;
            }
            let key = convert::key_of_path(&p);
            let new = self.disk.insert(key.clone(), p).is_none();
            if (new || reread) && !self.open.contains_key(&key) {
                self.mark(&key);
            }
        }
        self.unpublished = true;
    }

    /// The dirty articles, with where to read each.
    pub(crate) fn take_job(&self) -> Job {
        let items = self
            .dirty
            .iter()
            .map(|(key, &rev)| {
                let source = if let Some(doc) =
                    self.open.get(key).filter(|d| self.is_article_doc(key, &d.language_id))
                {
                    Source::Text(Arc::from(doc.rope.to_string()), doc.version)
                } else if let Some(p) = self.disk.get(key) {
                    Source::Disk(p.clone())
                } else {
                    Source::Gone
                };
                Item { key: key.clone(), rev, source }
            })
            .collect();
        Job {
            items,
            config: self.config.clone(),
            config_gen: self.config_gen,
            roots: self.roots.clone(),
        }
    }

    pub(crate) fn has_pending_work(&self) -> bool {
        !self.dirty.is_empty() || !self.to_scan.is_empty() || self.config_reload
    }

    /// Applies the worker's results; a result whose article changed since is dropped (it is
    /// still dirty and will be analysed again). Returns the messages of dropped articles.
    pub(crate) fn apply_results(
        &mut self,
        job: &Job,
        results: Vec<(Item, Outcome)>,
    ) -> Vec<String> {
        let mut messages = Vec::new();
        if job.config_gen != self.config_gen {
            return messages; // analysed under an older configuration: all stale
        }
        for (item, outcome) in results {
            if self.dirty.get(&item.key) != Some(&item.rev) {
                continue; // stale
            }
            self.dirty.remove(&item.key);
            self.unpublished = true;
            match outcome {
                Outcome::Analysed(a, version) => {
                    match version {
                        Some(v) => self.analysed_version.insert(item.key.clone(), v),
                        None => self.analysed_version.remove(&item.key),
                    };
                    self.workspace.insert(*a);
                }
                Outcome::Dropped(msg) => {
                    self.workspace.remove(&item.key);
                    self.analysed_version.remove(&item.key);
                    if let Some(m) = msg {
                        messages.push(m);
                    }
                }
            }
        }
        messages
    }

    /// The state to snapshot, when every change so far is analysed and not yet published.
    pub(crate) fn take_publishable(&mut self) -> Option<Publishable> {
        if self.has_pending_work() || !self.unpublished {
            return None;
        }
        self.unpublished = false;
        Some(Publishable {
            revision: self.revision,
            workspace: self.workspace.clone(),
            versions: self.analysed_version.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(line: u32, a: u32, b: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position { line, character: a },
                end: Position { line, character: b },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    fn analysed(job: &Job) -> Vec<(Item, Outcome)> {
        job.items
            .iter()
            .map(|it| (it.clone(), super::super::worker::process(it, &job.config, &job.roots)))
            .collect()
    }

    #[test]
    fn edits_apply_in_order_and_revisions_only_grow() {
        let mut st = Documents::new(Encoding::Utf16);
        assert!(st.apply(Change::Open {
            key: "untitled:a".into(),
            text: "Hello ’world’".into(),
            version: 1,
            language_id: "plaintext".into()
        }));
        let r1 = st.revision;
        st.apply(Change::Edit {
            key: "untitled:a".into(),
            version: 2,
            changes: vec![edit(0, 7, 12, "there")],
        });
        st.apply(Change::Edit {
            key: "untitled:a".into(),
            version: 3,
            changes: vec![edit(0, 0, 5, "Oh")],
        });
        assert!(st.revision > r1);
        let job = st.take_job();
        match &job.items[0].source {
            Source::Text(t, v) => {
                assert_eq!(&**t, "Oh ’there’");
                assert_eq!(*v, 3);
            }
            other => panic!("{other:?}"),
        }
        // a change for a document never opened does nothing
        assert!(!st.apply(Change::Edit {
            key: "untitled:b".into(),
            version: 2,
            changes: vec![edit(0, 0, 0, "x")]
        }));
    }

    #[test]
    fn stale_results_are_dropped_and_nothing_is_published_until_current() {
        let mut st = Documents::new(Encoding::Utf16);
        st.apply(Change::Open {
            key: "untitled:a".into(),
            text: "one".into(),
            version: 1,
            language_id: "plaintext".into(),
        });
        let job = st.take_job();
        let results = analysed(&job);
        // the document changes while the job runs
        st.apply(Change::Edit {
            key: "untitled:a".into(),
            version: 2,
            changes: vec![edit(0, 0, 3, "two")],
        });
        st.apply_results(&job, results);
        assert!(st.take_publishable().is_none(), "a stale result must not be published");
        let job = st.take_job();
        let results = analysed(&job);
        st.apply_results(&job, results);
        let p = st.take_publishable().expect("current now");
        assert_eq!(p.revision, st.revision);
        assert_eq!(p.versions.get("untitled:a"), Some(&2));
        assert_eq!(&*p.workspace.get("untitled:a").unwrap().article.text, "two");
        assert!(st.take_publishable().is_none(), "published once");
    }

    #[test]
    fn closing_returns_to_disk_or_drops_the_article() {
        let mut st = Documents::new(Encoding::Utf16);
        st.apply(Change::Open {
            key: "untitled:a".into(),
            text: "one".into(),
            version: 1,
            language_id: "plaintext".into(),
        });
        let job = st.take_job();
        let r = analysed(&job);
        st.apply_results(&job, r);
        assert!(st.apply(Change::Close { key: "untitled:a".into() }));
        let job = st.take_job();
        assert!(matches!(job.items[0].source, Source::Gone));
        let r = analysed(&job);
        st.apply_results(&job, r);
        let p = st.take_publishable().unwrap();
        assert!(p.workspace.get("untitled:a").is_none());
    }
}
