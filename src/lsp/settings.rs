//! Configuration for the server: `crosswire.json` at the workspace root, merged over the
//! client's settings (initializationOptions, or `settings.crosswire` of
//! didChangeConfiguration); which files are articles (extension, the `articles` globs,
//! hidden files and .gitignore).

use crate::config::{Config, ConfigError, RefusedGlob, FILE_NAME};
use crate::corpus::{self, LoadError, Roots};
use crate::text::{Encoding, LineCol, LineIndex};
use serde_json::{Map, Value};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The keys of `crosswire.json` (anything else in the client's settings is ignored, so editor
/// integrations can pass their own options alongside).
const CONFIG_KEYS: &[&str] = &[
    "$schema",
    "articles",
    "outlets",
    "aliases",
    "same",
    "different",
    "labels",
    "acknowledged",
    "notes",
    "verdicts",
    "limits",
];

/// Settings the client sent, as JSON (`initializationOptions` or `settings.crosswire`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings(pub Option<Value>);

impl Settings {
    /// From initializationOptions or didChangeConfiguration settings: the `crosswire` member if
    /// there is one, else the object itself.
    pub(crate) fn from_client(v: Option<Value>) -> Settings {
        match v {
            Some(Value::Object(mut m)) => match m.remove("crosswire") {
                Some(inner @ Value::Object(_)) => Settings(Some(inner)),
                _ => Settings(Some(Value::Object(m))),
            },
            _ => Settings(None),
        }
    }

    /// `self` with `over` laid on top: keys of `over` win, maps are merged entry by entry.
    /// (initializationOptions are the base layer, didChangeConfiguration settings go over.)
    pub(crate) fn layered(&self, over: &Settings) -> Settings {
        let mut base = self.config_keys();
        merge_into(&mut base, over.config_keys(), Lists::Replace);
        Settings(Some(Value::Object(base)))
    }

    fn config_keys(&self) -> Map<String, Value> {
        match &self.0 {
            Some(Value::Object(m)) => m
                .iter()
                .filter(|(k, _)| CONFIG_KEYS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            _ => Map::new(),
        }
    }
}

/// What [`merge_into`] does with a list both sides set.
#[derive(Clone, Copy, PartialEq)]
enum Lists {
    /// `over`'s list replaces `base`'s (a layer over another: settings, the file over them).
    Replace,
    /// `over`'s entries go first, then `base`'s (the files of several workspace folders).
    Join,
}

/// Merges `over` into `base`, `over` winning: maps are merged entry by entry, lists as `lists`
/// says, other values replaced.
fn merge_into(base: &mut Map<String, Value>, over: Map<String, Value>, lists: Lists) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(Value::Object(b)), Value::Object(o)) => b.extend(o),
            (Some(Value::Array(b)), Value::Array(mut o)) if lists == Lists::Join => {
                o.append(b);
                *b = o;
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// What is wrong with a configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// It cannot be used at all; the last valid configuration stays in force.
    Invalid,
    /// A glob reaching outside the workspace folder was left out; the rest is in force.
    Outside,
    /// A note whose anchor can no longer be found in the articles; kept, and reported.
    StaleNote,
}

/// A configuration problem, located for a diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConfigProblem {
    /// The file at fault, or `None` when the client's settings are.
    pub(crate) path: Option<PathBuf>,
    /// Where in `text` (bytes): the refused glob's string, or the character a parse error is at;
    /// empty at 0 when unknown. `lsp::convert` places it in the negotiated encoding.
    pub(crate) span: Range<usize>,
    /// The file's text when the problem was found (empty for the client's settings).
    pub(crate) text: Arc<str>,
    pub(crate) message: String,
    pub(crate) kind: ProblemKind,
}

impl ConfigProblem {
    fn invalid(path: Option<PathBuf>, message: String) -> ConfigProblem {
        ConfigProblem { path, span: 0..0, text: Arc::from(""), message, kind: ProblemKind::Invalid }
    }

    /// `path:line:column` (1-based, the column in bytes, as serde_json counts them), or the
    /// editor's settings.
    pub(crate) fn place(&self) -> String {
        self.path.as_ref().map_or_else(
            || "the editor's crosswire settings".to_string(),
            |p| {
                let at = LineIndex::new(&self.text).line_col(
                    &self.text,
                    self.span.start,
                    Encoding::Utf8,
                );
                format!("{}:{}:{}", p.display(), at.line + 1, at.col + 1)
            },
        )
    }
}

/// The configuration in force, and the globs left out of it.
#[derive(Debug)]
pub(crate) struct LoadedConfig {
    pub(crate) config: Config,
    pub(crate) refused: Vec<ConfigProblem>,
}

/// The effective configuration: the `crosswire.json` of every workspace folder (lists joined,
/// the first folder winning) over the client settings (keys the files set win; maps such as `outlets` are
/// merged entry by entry). Globs of any layer that reach outside the workspace folder are
/// reported in `refused` and never used (see [`Config::refused_globs`]).
pub(crate) fn load(
    folders: &[PathBuf],
    settings: &Settings,
) -> Result<LoadedConfig, ConfigProblem> {
    let mut refused = Vec::new();
    let mut merged = settings.config_keys();
    if !merged.is_empty() {
        let layer =
            Config::parse(&Value::Object(merged.clone()).to_string(), "settings").map_err(|e| {
                ConfigProblem::invalid(
                    None,
                    format!("crosswire settings from the editor: {}", strip_location(&e)),
                )
            })?;
        let outside = |r: RefusedGlob| ConfigProblem {
            kind: ProblemKind::Outside,
            ..ConfigProblem::invalid(None, r.to_string())
        };
        refused.extend(layer.refused_globs().into_iter().map(outside));
    }
    // Every workspace folder's file: the folders make one corpus, so they share one
    // configuration. Lists (acknowledged, same, different) are joined; where two files set the
    // same key or map entry, the first folder's wins.
    let mut files: Map<String, Value> = Map::new();
    let mut refused_in_files = Vec::new();
    for root in folders.iter().rev() {
        let path = root.join(FILE_NAME);
        let text = match crate::config::read_in(root) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(e) => return Err(problem(&path, "", &e)),
        };
        let file = Config::parse(&text, &path.display().to_string())
            .map_err(|e| problem(&path, &text, &e))?;
        refused_in_files.push(
            file.refused_globs().into_iter().map(|r| located(&path, &text, &r)).collect::<Vec<_>>(),
        );
        let file_value = serde_json::to_value(&file).unwrap_or(Value::Null);
        if let Value::Object(m) = serde_json::from_str::<Value>(&text).unwrap_or(Value::Null) {
            // keys the file sets win; the parsed value carries defaults for the rest
            // maps (outlets, aliases, labels) are merged entry by entry
            let over: Map<String, Value> =
                m.keys().filter_map(|k| Some((k.clone(), file_value.get(k)?.clone()))).collect();
            merge_into(&mut files, over, Lists::Join);
        }
    }
    // the first folder's first
    refused.splice(0..0, refused_in_files.into_iter().rev().flatten());
    merge_into(&mut merged, files, Lists::Replace);
    let config = Config::parse(&Value::Object(merged).to_string(), "crosswire.json")
        .map_err(|e| ConfigProblem::invalid(None, strip_location(&e)))?;
    Ok(LoadedConfig { config, refused })
}

/// A refused glob of the file at `path`, placed on its string in `text` (the first one after
/// the key it belongs to; the top of the file if it cannot be found).
fn located(path: &Path, text: &str, r: &RefusedGlob) -> ConfigProblem {
    let key = if r.at.starts_with("articles") { "\"articles\"" } else { "\"outlets\"" };
    let needle = serde_json::to_string(&r.glob).unwrap_or_default();
    let from = text.find(key).unwrap_or(0);
    let span = match text[from..].find(&needle).map(|i| from + i) {
        Some(at) => at..at + needle.len(),
        None => 0..0,
    };
    ConfigProblem {
        path: Some(path.to_path_buf()),
        span,
        text: Arc::from(text),
        message: r.to_string(),
        kind: ProblemKind::Outside,
    }
}

fn problem(path: &Path, text: &str, e: &ConfigError) -> ConfigProblem {
    match e {
        ConfigError::Invalid { line, column, message, .. } => {
            // serde_json counts 1-based lines and byte columns
            let at = LineCol {
                line: line.saturating_sub(1) as u32,
                col: column.saturating_sub(1) as u32,
            };
            let start = LineIndex::new(text).offset_clamped(text, at, Encoding::Utf8);
            let end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
            ConfigProblem {
                span: start..end,
                text: Arc::from(text),
                ..ConfigProblem::invalid(Some(path.to_path_buf()), message.clone())
            }
        }
        other => ConfigProblem::invalid(Some(path.to_path_buf()), other.to_string()),
    }
}

fn strip_location(e: &ConfigError) -> String {
    match e {
        ConfigError::Invalid { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// True for file names crosswire treats as articles (as the CLI does).
pub(crate) use crate::corpus::is_article_name as has_article_extension;

/// Which files under a workspace folder are articles: the core [`corpus::ArticleFilter`]
/// (extension and `articles` globs, the same the CLI applies to a folder argument), and, for a
/// path a watcher reports, hidden files and .gitignore as a walk honours them.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleFilter(corpus::ArticleFilter);

impl ArticleFilter {
    pub(crate) fn new(config: &Config) -> ArticleFilter {
        ArticleFilter(corpus::ArticleFilter::new(config))
    }

    /// Extension and globs, for a path found by a walk (which already skips hidden and
    /// ignored files).
    pub(crate) fn accepts_walked(&self, folder: &Path, path: &Path) -> bool {
        self.0.accepts_walked(folder, path)
    }

    /// Everything, for a single path reported by a watcher: also not hidden and not ignored by
    /// a .gitignore between the folder and the file.
    pub(crate) fn accepts(&self, folder: &Path, path: &Path) -> bool {
        if !self.accepts_walked(folder, path) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(folder) else { return false };
        if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
            return false;
        }
        !gitignored(folder, path)
    }
}

/// Whether a folder below a workspace folder may hold articles: not hidden, not ignored.
pub(crate) fn dir_may_hold_articles(folder: &Path, dir: &Path) -> bool {
    let Ok(rel) = dir.strip_prefix(folder) else { return false };
    if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
        return false;
    }
    !gitignored(folder, &dir.join("x.txt"))
}

fn gitignored(folder: &Path, path: &Path) -> bool {
    let mut dir = path.parent();
    while let Some(d) = dir {
        let file = d.join(".gitignore");
        if file.is_file() {
            let mut b = ignore::gitignore::GitignoreBuilder::new(d);
            if b.add(&file).is_none() {
                if let Ok(gi) = b.build() {
                    if gi.matched_path_or_any_parents(path, false).is_ignore() {
                        return true;
                    }
                }
            }
        }
        if d == folder {
            break;
        }
        dir = d.parent();
    }
    false
}

/// Every article under `folder`, honouring .gitignore and hidden files as the CLI does, and
/// the symbolic links that could not be followed (they lead outside the workspace folders,
/// `inside`) or other problems of the walk, to report.
pub(crate) fn discover(
    folder: &Path,
    filter: &ArticleFilter,
    inside: &Roots,
) -> (Vec<PathBuf>, Vec<LoadError>) {
    let walked = crate::corpus::walk_files(folder, inside);
    let mut out: Vec<PathBuf> =
        walked.files.into_iter().filter(|p| filter.accepts_walked(folder, p)).collect();
    out.sort();
    (out, walked.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_take_the_crosswire_member_and_ignore_foreign_keys() {
        let s = Settings::from_client(Some(
            serde_json::json!({"crosswire": {"outlets": {"a.txt": "A"}, "trace": "off"}}),
        ));
        let cfg = load(&[], &s).unwrap().config;
        assert_eq!(cfg.outlets.get("a.txt").map(String::as_str), Some("A"));
    }

    #[test]
    fn client_settings_go_over_initialization_options() {
        let init = Settings::from_client(Some(
            serde_json::json!({"articles": ["a/*.txt"], "outlets": {"a.txt": "A", "b.txt": "B"}}),
        ));
        let client = Settings::from_client(Some(
            serde_json::json!({"crosswire": {"outlets": {"b.txt": "B2"}}}),
        ));
        let cfg = load(&[], &init.layered(&client)).unwrap().config;
        assert_eq!(cfg.articles, ["a/*.txt"]);
        assert_eq!(cfg.outlets.get("a.txt").map(String::as_str), Some("A"));
        assert_eq!(cfg.outlets.get("b.txt").map(String::as_str), Some("B2"));
    }

    #[test]
    fn every_folders_file_counts_lists_joined_and_the_first_folder_wins() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(
            a.path().join(FILE_NAME),
            r#"{"outlets": {"x.txt": "A"}, "same": [["UN", "United Nations"]]}"#,
        )
        .unwrap();
        std::fs::write(
            b.path().join(FILE_NAME),
            r#"{"outlets": {"x.txt": "B", "y.txt": "B"}, "same": [["US", "United States"]]}"#,
        )
        .unwrap();
        let cfg = load(&[a.path().to_path_buf(), b.path().to_path_buf()], &Settings::default())
            .unwrap()
            .config;
        assert_eq!(
            cfg.outlets.get("x.txt").map(String::as_str),
            Some("A"),
            "the first folder wins"
        );
        assert_eq!(cfg.outlets.get("y.txt").map(String::as_str), Some("B"));
        assert_eq!(cfg.same.len(), 2, "lists are joined: {:?}", cfg.same);
        assert_eq!(cfg.same[0][0], "UN");
    }

    #[test]
    fn file_wins_over_settings_and_broken_file_is_located() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), r#"{"outlets": {"a.txt": "File"}}"#).unwrap();
        let s = Settings::from_client(Some(
            serde_json::json!({"outlets": {"a.txt": "Settings"}, "labels": {"x": "y"}}),
        ));
        let cfg = load(&[dir.path().to_path_buf()], &s).unwrap().config;
        assert_eq!(cfg.outlets.get("a.txt").map(String::as_str), Some("File"));
        assert_eq!(cfg.labels.get("x").map(String::as_str), Some("y"));
        std::fs::write(dir.path().join(FILE_NAME), "{\n  \"outlets\": 3\n}").unwrap();
        let p = load(&[dir.path().to_path_buf()], &s).unwrap_err();
        assert_eq!(byte_line_col(&p).0, 1);
        assert!(p.path.is_some());
    }

    /// The 0-based line and byte column a problem starts at.
    fn byte_line_col(p: &ConfigProblem) -> (u32, u32) {
        let at = LineIndex::new(&p.text).line_col(&p.text, p.span.start, Encoding::Utf8);
        (at.line, at.col)
    }

    #[test]
    fn globs_reaching_outside_are_refused_located_and_never_match() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "{\n  \"articles\": [\"news/*.txt\", \"../secret/*.txt\"]\n}",
        )
        .unwrap();
        let s = Settings::from_client(Some(serde_json::json!({"outlets": {"/etc/*.txt": "X"}})));
        let loaded = load(&[dir.path().to_path_buf()], &s).unwrap();
        let [file, settings] = &loaded.refused[..] else { panic!("{:?}", loaded.refused) };
        assert_eq!(
            (byte_line_col(file), file.span.len(), file.kind),
            ((1, 29), 17, ProblemKind::Outside)
        );
        assert_eq!(
            file.message,
            r#"articles[1] "../secret/*.txt" reaches outside the workspace folder (it has a .. component); ignored"#
        );
        assert!(
            settings.path.is_none() && settings.message.starts_with("outlets key \"/etc/*.txt\""),
            "{settings:?}"
        );
        let root = dir.path();
        let only_outside = ArticleFilter::new(
            &Config::parse(r#"{"articles": ["../*.txt", "/tmp/*.txt"]}"#, "x").unwrap(),
        );
        assert!(
            !only_outside.accepts(root, &root.join("a.txt")),
            "all globs refused: nothing matches, not everything"
        );
        assert!(ArticleFilter::new(&loaded.config).accepts(root, &root.join("news/a.txt")));
    }

    #[test]
    fn filter_skips_hidden_ignored_and_unmatched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "drafts/\n").unwrap();
        let f = ArticleFilter::default();
        assert!(f.accepts(root, &root.join("a.txt")));
        assert!(!f.accepts(root, &root.join("a.json")));
        assert!(!f.accepts(root, &root.join(".hidden/a.txt")));
        assert!(!f.accepts(root, &root.join("drafts/a.txt")));
        let cfg = Config::parse(r#"{"articles": ["news/**/*.txt"]}"#, "x").unwrap();
        let g = ArticleFilter::new(&cfg);
        assert!(g.accepts(root, &root.join("news/x/a.txt")));
        assert!(!g.accepts(root, &root.join("a.txt")));
    }
}
