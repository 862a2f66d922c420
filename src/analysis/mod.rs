//! The analysis host: per-article results (cached, independent of each other) and the
//! corpus-wide view built from them (actors linked by key, findings compared by key).
//!
//! [`Workspace`] is mutable and owned by one party (the CLI, or the language server's state
//! owner). [`Snapshot`] is immutable and cheap to share: requests run against snapshots.
//! Changing one article re-analyses that article only; the corpus view is then rebuilt from the
//! cached per-article results, by hashing keys (linear, no pairwise pass).

pub mod coverage;
pub mod notes;
pub mod query;
mod snapshot;

pub use snapshot::{Snapshot, Target};

use crate::actors::{self, ArticleActors};
use crate::config::Config;
use crate::corpus::{Article, SourceFile};
use crate::figures::{self, Figure};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything found in one article. Depends on the article's text and the configuration only.
#[derive(Debug, Clone)]
pub struct ArticleAnalysis {
    pub article: Article,
    pub actors: ArticleActors,
    pub figures: Vec<Figure>,
    /// Stages that failed on this article (a bug in crosswire, caught so that the rest of the
    /// corpus is still served); the stage's result is empty.
    pub failures: Vec<String>,
}

/// What a caller needs of each article. Findings depend on figures only, so `crosswire check`
/// skips actor detection (about half of the analysis, and most of its memory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Everything,
    /// Figures only: actors stay empty (and a snapshot links nothing).
    Figures,
    /// Only the figures that are compared (those with a quantity key), no actors: what
    /// `crosswire check` reads. Findings are the same as with [`Scope::Figures`].
    Findings,
}

/// Analyses one article (pure; safe to run on any thread). A panic inside a stage is caught and
/// recorded in `failures`: one odd article must not take the whole corpus down.
pub fn analyze(name: &str, text: Arc<str>, config: &Config) -> ArticleAnalysis {
    analyze_scoped(name, text, config, Scope::Everything)
}

/// [`analyze`], limited to what `scope` asks for.
pub fn analyze_scoped(
    name: &str,
    text: Arc<str>,
    config: &Config,
    scope: Scope,
) -> ArticleAnalysis {
    let article = Article::new(name, text, config);
    let mut failures = Vec::new();
    let mut actors = match scope {
        Scope::Everything => guarded("actor detection", &mut failures, || {
            actors::detect_shared(&article.text, &article.excluded)
        }),
        Scope::Figures | Scope::Findings => ArticleActors::default(),
    };
    let keep = if scope == Scope::Findings { figures::Keep::Compared } else { figures::Keep::All };
    let mut figures = guarded("figure extraction", &mut failures, || {
        figures::extract_only(&article.text, &article.excluded, keep)
    });
    actors.shrink_to_fit();
    figures.shrink_to_fit();
    ArticleAnalysis { article, actors, figures, failures }
}

/// Analyses a small made-up article, so that the regular expressions and word tables that every
/// article needs are built now (tens of milliseconds, once per process). `crosswire check` runs
/// it on a spare core while the folder is walked, instead of making the first articles wait.
pub fn warm_up(scope: Scope) {
    const SAMPLE: &str = "Expatica news\n\nTalks on the war end without a ceasefire agreement\n\n\
        PUBLISHED : Saturday, 15 October, 2016, 11:45pm\n- in World Media\n\n\
        More than 250,000 people have been killed since 2011, about 8,000 rebels hold out, \
        the U.N. said on 15.10.2016 at 03:01 (Reg. No. 7442619).\n";
    analyze_scoped("warm-up.txt", Arc::from(SAMPLE), &Config::default(), scope);
}

fn guarded<T: Default>(stage: &str, failures: &mut Vec<String>, run: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(v) => v,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            failures.push(format!("{stage} failed (a bug in crosswire; please report it): {msg}"));
            T::default()
        }
    }
}

/// One article read and analysed: its name and analysis, or why it cannot be used.
type Analysed = Result<(String, Arc<ArticleAnalysis>), crate::corpus::LoadError>;

/// The mutable set of articles, keyed by name (a display path or a URI).
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    articles: BTreeMap<String, Arc<ArticleAnalysis>>,
    config: Arc<Config>,
    scope: Scope,
}

impl Workspace {
    pub fn new(config: Config) -> Self {
        Workspace { articles: BTreeMap::new(), config: Arc::new(config), scope: Scope::Everything }
    }

    /// Analyses many files on all cores.
    pub fn from_files(files: Vec<SourceFile>, config: Config) -> Self {
        Self::from_files_with_progress(files, config, &|| {})
    }

    /// Like [`from_files`](Self::from_files), calling `on_article` after each article (from any
    /// thread), so that a caller can show progress.
    pub fn from_files_with_progress(
        files: Vec<SourceFile>,
        config: Config,
        on_article: &(dyn Fn() + Sync),
    ) -> Self {
        Self::from_files_scoped(files, config, Scope::Everything, on_article)
    }

    /// Like [`from_files_with_progress`](Self::from_files_with_progress), analysing only what
    /// `scope` asks for (now and on every later change).
    pub fn from_files_scoped(
        files: Vec<SourceFile>,
        config: Config,
        scope: Scope,
        on_article: &(dyn Fn() + Sync),
    ) -> Self {
        Self::analysed(files, Ok, config, scope, on_article).0
    }

    /// Reads `files` ((path, display path), as [`corpus::find`](crate::corpus::find) gives them)
    /// and analyses each one as soon as it is read, on all cores: reading a cold folder costs as
    /// much as a pass of grep, and done beside the analysis it is no stage of its own. Files that
    /// cannot be read come back as errors, in the order of `files`.
    pub fn read_scoped(
        files: Vec<(std::path::PathBuf, String)>,
        max_bytes: u64,
        config: Config,
        scope: Scope,
        on_article: &(dyn Fn() + Sync),
    ) -> (Self, Vec<crate::corpus::LoadError>) {
        Self::analysed(
            files,
            |(path, display)| crate::corpus::read_article(path, display, max_bytes),
            config,
            scope,
            on_article,
        )
    }

    /// Like [`read_scoped`](Self::read_scoped), for the files that `find` hands over one by one
    /// (path, display path; in any order, display paths distinct), as
    /// [`corpus::find_in_folder`](crate::corpus::find_in_folder) does: `find` runs on this
    /// thread while the pool reads and analyses each file it has found, so the walk is no
    /// stage of its own either (it ran alone on one core while the other had only the
    /// start-up's patterns to build). The result is `read_scoped`'s of the files sorted by
    /// display path; `find`'s own result is returned beside it.
    pub fn read_while_finding<R>(
        find: impl FnOnce(&mut dyn FnMut(std::path::PathBuf, String)) -> R,
        max_bytes: u64,
        config: Config,
        scope: Scope,
    ) -> (Self, Vec<crate::corpus::LoadError>, R) {
        let mut ws = Workspace::new(config);
        ws.scope = scope;
        let cfg = ws.config.clone();
        // each file's result, with its place in the order found
        let done = std::sync::Mutex::new(Vec::new());
        let mut names = Vec::new();
        let (found, sorted) = rayon::in_place_scope(|s| {
            let found = find(&mut |path, display| {
                let (cfg, done, at) = (&cfg, &done, names.len());
                names.push(display.clone());
                s.spawn(move |_| {
                    let read = crate::corpus::read_article(path, display, max_bytes);
                    // no progress is shown while the number of files is unknown
                    let a = Self::analysed_one(read, cfg, scope, &|| {});
                    done.lock().unwrap_or_else(|p| p.into_inner()).push((at, a));
                });
            });
            // the files in order of display path, sorted here while the pool is still reading
            // and analysing them, not alone afterwards
            let mut sorted: Vec<usize> = (0..names.len()).collect();
            sorted.sort_unstable_by(|&a, &b| names[a].cmp(&names[b]));
            (found, sorted)
        });
        let mut slots: Vec<Option<Analysed>> =
            std::iter::repeat_with(|| None).take(names.len()).collect();
        for (at, a) in done.into_inner().unwrap_or_else(|p| p.into_inner()) {
            slots[at] = Some(a);
        }
        let (articles, errors) = Self::fill(sorted.into_iter().filter_map(|at| slots[at].take()));
        ws.articles = articles;
        (ws, errors, found)
    }

    /// An article read (or not) and analysed: (name, analysis), or why it cannot be used.
    fn analysed_one(
        read: Result<SourceFile, crate::corpus::LoadError>,
        cfg: &Config,
        scope: Scope,
        on_article: &(dyn Fn() + Sync),
    ) -> Analysed {
        let f = read?;
        let a = Arc::new(analyze_scoped(&f.display, f.text, cfg, scope));
        on_article();
        // a web page without article text is a file that cannot be used, named as such
        if let Some(why) = &a.article.unusable {
            return Err(crate::corpus::LoadError { path: f.display, message: why.clone() });
        }
        Ok((f.display, a))
    }

    /// The map of `analysed` articles (the last of equal names kept, as inserting would), and
    /// the errors of those that could not be read or used, in order.
    fn fill(
        analysed: impl IntoIterator<Item = Analysed>,
    ) -> (BTreeMap<String, Arc<ArticleAnalysis>>, Vec<crate::corpus::LoadError>) {
        let mut errors = Vec::new();
        let mut articles = Vec::new();
        for a in analysed {
            match a {
                Ok(named) => articles.push(named),
                Err(e) => errors.push(e),
            }
        }
        // built in one step: the names come sorted, and a sorted list is loaded without a
        // search per article (this runs alone, after the analysis)
        (articles.into_iter().collect(), errors)
    }

    /// A workspace of `items`, each made a source file by `source` and analysed, on all cores;
    /// and the errors of those that could not be made one.
    fn analysed<T: Send>(
        items: Vec<T>,
        source: impl Fn(T) -> Result<SourceFile, crate::corpus::LoadError> + Sync,
        config: Config,
        scope: Scope,
        on_article: &(dyn Fn() + Sync),
    ) -> (Self, Vec<crate::corpus::LoadError>) {
        let mut ws = Workspace::new(config);
        ws.scope = scope;
        let cfg = ws.config.clone();
        let analysed: Vec<Analysed> = items
            .into_par_iter()
            .map(|item| Self::analysed_one(source(item), &cfg, scope, on_article))
            .collect();
        let (articles, errors) = Self::fill(analysed);
        ws.articles = articles;
        (ws, errors)
    }

    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// Replaces the configuration; every article is analysed again (outlet names may change).
    pub fn set_config(&mut self, config: Config) {
        self.config = Arc::new(config);
        let cfg = self.config.clone();
        let names: Vec<(String, Arc<str>)> =
            self.articles.iter().map(|(k, a)| (k.clone(), a.article.file_text().clone())).collect();
        let analysed: Vec<(String, Arc<ArticleAnalysis>)> = names
            .into_par_iter()
            .map(|(k, text)| {
                let a = Arc::new(analyze_scoped(&k, text, &cfg, self.scope));
                (k, a)
            })
            .collect();
        self.articles.extend(analysed);
    }

    /// Replaces the configuration by one that analyses every article alike
    /// ([`Config::same_analysis`]: only notes or the verdict scale differ), keeping every
    /// analysis. False (and nothing changed) for any other configuration.
    pub fn set_annotations(&mut self, config: Config) -> bool {
        if !self.config.same_analysis(&config) {
            return false;
        }
        self.config = Arc::new(config);
        true
    }

    /// Adds or replaces one article, re-analysing only it.
    pub fn set(&mut self, name: &str, text: Arc<str>) {
        let analysed = analyze_scoped(name, text, &self.config, self.scope);
        self.articles.insert(name.to_string(), Arc::new(analysed));
    }

    /// Inserts an already analysed article (analysis done off the owner's thread).
    pub fn insert(&mut self, analysis: ArticleAnalysis) {
        self.articles.insert(analysis.article.name.clone(), Arc::new(analysis));
    }

    pub fn remove(&mut self, name: &str) -> bool {
        self.articles.remove(name).is_some()
    }

    pub fn get(&self, name: &str) -> Option<&Arc<ArticleAnalysis>> {
        self.articles.get(name)
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.articles.keys().map(String::as_str)
    }

    /// Links and compares the current articles into an immutable snapshot.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::build(self.articles.values().cloned().collect(), self.config.clone())
    }

    /// The same snapshot as [`snapshot`](Self::snapshot), comparing again only the quantity
    /// keys of the articles that changed since `prev` (articles are compared by pointer).
    pub fn snapshot_after(&self, prev: &Snapshot) -> Snapshot {
        Snapshot::build_after(prev, self.articles.values().cloned().collect(), self.config.clone())
    }

    /// The snapshot without linked actors (see [`Snapshot::unlinked`]).
    pub fn unlinked_snapshot(&self, prev: Option<&Snapshot>) -> Snapshot {
        Snapshot::unlinked(self.articles.values().cloned().collect(), self.config.clone(), prev)
    }
}
