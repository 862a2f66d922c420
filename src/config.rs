//! `crosswire.json`, the project file at the workspace root: what the user records about the
//! story (outlet names, aliases, merges, acknowledged conflicts) and which files are articles.
//! crosswire only ever reads it; edits reach it as workspace edits the editor applies.

use crate::confine::Place;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE_NAME: &str = "crosswire.json";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// JSON Schema reference, accepted so editors can validate the file.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Globs (relative to the root) of the files that are articles. Empty: `**/*.txt`, `**/*.md`.
    pub articles: Vec<String>,
    /// Outlet display names by file name, file stem or glob (`"002_*.txt": "USPA News"`).
    pub outlets: BTreeMap<String, String>,
    /// Extra spellings for an actor: canonical name → aliases.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Groups of names the user declares to be one actor.
    pub same: Vec<Vec<String>>,
    /// Pairs of names the user declares to be different actors.
    pub different: Vec<Vec<String>>,
    /// Display labels for actors: canonical name → label (set by rename).
    pub labels: BTreeMap<String, String>,
    /// Conflicts the user has looked at and explained.
    pub acknowledged: Vec<Acknowledgement>,
    /// Notes and verdicts on a stretch of text, an actor or a quantity (`crate::notes`).
    pub notes: Vec<crate::notes::Note>,
    /// The verdict scale notes use (default: true, mostly-true, misleading, false; unrated:
    /// unverified, disputed).
    pub verdicts: crate::notes::Verdicts,
    /// Limits that keep hostile input from stalling analysis.
    pub limits: Limits,
    /// The `outlets` globs compiled once, not once per article (see [`OutletGlobs`]).
    #[serde(skip)]
    pub(crate) outlet_globs: OutletGlobs,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Acknowledgement {
    /// The quantity key of the finding (`crosswire figures` shows it).
    pub quantity: String,
    /// The figures as they read when acknowledged (`"275,000"`), so a later change is noticed.
    pub figures: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Limits {
    /// Articles larger than this many bytes are listed but not analysed.
    pub max_article_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_article_bytes: 8 * 1024 * 1024 }
    }
}

/// The most `limits.maxArticleBytes` can raise the limit to: analysis takes memory in
/// proportion to an article (up to about 40 times its size for the worst crafted text), and a
/// folder's own file must not be able to ask for more than a workstation has.
pub const MAX_ARTICLE_BYTES_CEILING: u64 = 32 * 1024 * 1024;

/// crosswire.json files larger than this are refused unread: a real one holds a few hundred
/// entries, and every entry costs work on every article.
pub const MAX_CONFIG_BYTES: usize = 4 * 1024 * 1024;

impl Limits {
    /// The size limit for one article in force: the configured one, at most
    /// [`MAX_ARTICLE_BYTES_CEILING`].
    pub fn article_bytes(&self) -> u64 {
        self.max_article_bytes.min(MAX_ARTICLE_BYTES_CEILING)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: String, line: usize, column: usize, message: String },
    #[error("{path} is a symbolic link that leads outside its folder (to {target}); not read")]
    Outside { path: String, target: String },
}

/// The text of `dir/crosswire.json`, `None` when there is none. The file belongs to the folder:
/// a symbolic link that leads outside it is refused, not read.
pub fn read_in(dir: &Path) -> Result<Option<String>, ConfigError> {
    let path = dir.join(FILE_NAME);
    let shown = || path.display().to_string();
    let real = match crate::confine::Roots::new([dir]).place(&path) {
        Place::Inside(real) => real,
        Place::Outside(target) => {
            return Err(ConfigError::Outside {
                path: shown(),
                target: target.display().to_string(),
            })
        }
        Place::Unresolved(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Place::Unresolved(e) => return Err(ConfigError::Io { path: shown(), source: e }),
    };
    match std::fs::read_to_string(real) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError::Io { path: shown(), source: e }),
    }
}

impl Config {
    /// Parses the text of a `crosswire.json`; `path` is only used in messages.
    pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
        if text.len() > MAX_CONFIG_BYTES {
            let message = format!("{} bytes is over the limit of {MAX_CONFIG_BYTES} bytes for crosswire.json; not read", text.len());
            return Err(ConfigError::Invalid {
                path: path.to_string(),
                line: 1,
                column: 1,
                message,
            });
        }
        let config: Config = serde_json::from_str(text).map_err(|e| ConfigError::Invalid {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        config.check_verdicts(text, path)?;
        Ok(config)
    }

    /// Every note's verdict is on the scale: a misspelt verdict would otherwise be exported
    /// with no rating. The error points at the first place the verdict is written.
    fn check_verdicts(&self, text: &str, path: &str) -> Result<(), ConfigError> {
        for (i, note) in self.notes.iter().enumerate() {
            let Some(verdict) = &note.verdict else { continue };
            if self.verdicts.rating(verdict).is_some() {
                continue;
            }
            let written = serde_json::to_string(verdict).unwrap_or_default();
            let at = text.find(&written).unwrap_or(0);
            let line = text[..at].matches('\n').count() + 1;
            let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
            let scale: Vec<&str> = self.verdicts.names().collect();
            return Err(ConfigError::Invalid {
                path: path.to_string(),
                line,
                column,
                message: format!(
                    "notes[{i}].verdict {written} is not on the verdict scale ({})",
                    scale.join(", ")
                ),
            });
        }
        Ok(())
    }

    /// Reads `dir/crosswire.json`; a missing file is the default configuration.
    pub fn load_from_dir(dir: &Path) -> Result<Config, ConfigError> {
        let path = dir.join(FILE_NAME);
        match read_in(dir)? {
            Some(text) => Config::parse(&text, &path.display().to_string()),
            None => Ok(Config::default()),
        }
    }

    /// Whether `other` analyses, links and compares every article as `self` does: they differ
    /// at most in what only annotates the results (the notes and the verdict scale), so that
    /// a note added or edited needs no article analysed again and no actor linked again.
    pub fn same_analysis(&self, other: &Config) -> bool {
        // every field named, so that a new one must be placed on one side or the other
        let Config {
            schema,
            articles,
            outlets,
            aliases,
            same,
            different,
            labels,
            acknowledged,
            limits,
            notes: _,
            verdicts: _,
            outlet_globs: _,
        } = self;
        *schema == other.schema
            && *articles == other.articles
            && *outlets == other.outlets
            && *aliases == other.aliases
            && *same == other.same
            && *different == other.different
            && *labels == other.labels
            && *acknowledged == other.acknowledged
            && *limits == other.limits
    }

    /// The outlet name the user gave for an article, matched on its file name, stem or a glob
    /// (a key refused by [`Config::refused_globs`] never matches).
    pub fn outlet_for(&self, file_name: &str) -> Option<&str> {
        let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
        let usable = |key: &String| outside_reason(key).is_none();
        if let Some(name) = self
            .outlets
            .get_key_value(file_name)
            .or_else(|| self.outlets.get_key_value(stem))
            .filter(|(k, _)| usable(k))
            .map(|(_, v)| v)
        {
            return Some(name);
        }
        let first_match = |globs: &CompiledOutlets| {
            globs.set.matches(file_name).into_iter().min().map(|i| globs.names[i])
        };
        let index = match self.outlet_globs.0.get_or_init(|| CompiledOutlets::new(&self.outlets)) {
            // compiled from these very keys (the map may have changed since, in a merge)
            globs if globs.keys.iter().eq(self.outlets.keys()) => first_match(globs),
            _ => first_match(&CompiledOutlets::new(&self.outlets)),
        }?;
        self.outlets.values().nth(index).map(String::as_str)
    }
}

/// The usable glob keys of `outlets`, compiled on first use. A crafted crosswire.json of
/// 100,000 keys, compiled again for every article, would take hours on a large folder.
#[derive(Default)]
pub(crate) struct OutletGlobs(std::sync::OnceLock<CompiledOutlets>);

pub(crate) struct CompiledOutlets {
    /// Every key, to tell whether the map is still the one compiled.
    keys: Vec<String>,
    set: globset::GlobSet,
    /// For each glob of `set`, the position of its key in the map.
    names: Vec<usize>,
}

impl CompiledOutlets {
    fn new(outlets: &BTreeMap<String, String>) -> CompiledOutlets {
        let mut b = globset::GlobSetBuilder::new();
        let mut names = Vec::new();
        for (i, key) in outlets.keys().enumerate() {
            // a key without wildcards was already looked up as a file name or stem
            if outside_reason(key).is_some() || !key.contains(['*', '?', '[', '{']) {
                continue;
            }
            if let Ok(glob) = globset::Glob::new(key) {
                b.add(glob);
                names.push(i);
            }
        }
        let set = b.build().unwrap_or_else(|_| globset::GlobSet::empty());
        CompiledOutlets { keys: outlets.keys().cloned().collect(), set, names }
    }
}

/// A copy compiles afresh: the copy's map may be changed.
impl Clone for OutletGlobs {
    fn clone(&self) -> Self {
        OutletGlobs::default()
    }
}

/// A cache, not part of what the configuration says.
impl PartialEq for OutletGlobs {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for OutletGlobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OutletGlobs")
    }
}

/// A glob of `articles` or a key of `outlets` that names a path outside the folder. It is
/// refused (left out, reported) rather than trusted: the folder's own file, or the editor's
/// settings, must not widen what crosswire reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedGlob {
    /// Where it is: `articles[1]` or `outlets key`.
    pub at: String,
    pub glob: String,
    pub why: &'static str,
}

impl std::fmt::Display for RefusedGlob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {:?} reaches outside the workspace folder ({}); ignored",
            self.at, self.glob, self.why
        )
    }
}

/// Why a glob (relative to the folder by definition) would name something outside the folder:
/// absolute, a home folder, or a `..` component (also inside `{a,b}` alternatives).
pub fn outside_reason(glob: &str) -> Option<&'static str> {
    let b = glob.as_bytes();
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    if glob.starts_with(['/', '\\']) || drive {
        return Some("it is an absolute path");
    }
    // `~` or `~user` as the first of several components is a home folder; `~notes.txt` alone is
    // just a file name
    if glob == "~" || (glob.starts_with('~') && glob.contains(['/', '\\'])) {
        return Some("it starts in a home folder (~)");
    }
    glob.split(['/', '\\', '{', '}', ',']).any(|c| c == "..").then_some("it has a .. component")
}

impl Config {
    /// The globs of `articles` and keys of `outlets` that reach outside the folder, in file
    /// order. They are never used (`corpus::ArticleFilter` and [`Config::outlet_for`]
    /// skip them); callers report them.
    pub fn refused_globs(&self) -> Vec<RefusedGlob> {
        let articles = self.articles.iter().enumerate().filter_map(|(i, g)| {
            Some(RefusedGlob {
                at: format!("articles[{i}]"),
                glob: g.clone(),
                why: outside_reason(g)?,
            })
        });
        let outlets = self.outlets.keys().filter_map(|k| {
            Some(RefusedGlob { at: "outlets key".into(), glob: k.clone(), why: outside_reason(k)? })
        });
        articles.chain(outlets).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_that_reach_outside_are_refused_with_the_reason() {
        for g in [
            "../secret/*.txt",
            "news/../../x.txt",
            "/etc/*",
            "\\\\server\\x",
            "C:/x/*.txt",
            "~/notes/*.md",
            "~bob/x.txt",
            "{..,a}/*.txt",
            "a\\..\\b.txt",
        ] {
            assert!(outside_reason(g).is_some(), "{g}");
        }
        for g in ["**/*.txt", "news/**/*.md", "a..b.txt", "..foo/x.txt", "~draft.txt", "002_*.txt"]
        {
            assert_eq!(outside_reason(g), None, "{g}");
        }
        let cfg = Config::parse(r#"{"articles": ["**/*.txt", "../secret/*.txt"], "outlets": {"/abs/*.txt": "X", "a.txt": "A"}}"#, "x").unwrap();
        let refused: Vec<String> = cfg.refused_globs().iter().map(ToString::to_string).collect();
        assert_eq!(
            refused,
            [
                r#"articles[1] "../secret/*.txt" reaches outside the workspace folder (it has a .. component); ignored"#,
                r#"outlets key "/abs/*.txt" reaches outside the workspace folder (it is an absolute path); ignored"#,
            ]
        );
        let cfg =
            Config::parse(r#"{"outlets": {"{..,*}.txt": "Outside", "*.txt": "Inside"}}"#, "x")
                .unwrap();
        assert_eq!(cfg.outlet_for("a.txt"), Some("Inside"), "a refused key never matches");
    }

    #[test]
    fn notes_and_verdicts_leave_the_analysis_as_it_is() {
        let base = Config::parse(r#"{"aliases": {"Sergey Lavrov": ["Lavrov"]}}"#, "x").unwrap();
        let noted = Config::parse(r#"{"aliases": {"Sergey Lavrov": ["Lavrov"]}, "notes": [{"anchor": {"actor": "Lavrov"}}], "verdicts": {"scale": ["ok"]}}"#, "x").unwrap();
        assert!(base.same_analysis(&noted) && base != noted);
        let other = Config::parse(r#"{"aliases": {"Sergey Lavrov": ["S. Lavrov"]}}"#, "x").unwrap();
        assert!(!base.same_analysis(&other));
        let mut ws = crate::analysis::Workspace::new(base.clone());
        assert!(ws.set_annotations(noted));
        assert!(!ws.set_annotations(other), "an alias changes the analysis");
    }

    #[test]
    fn broken_config_names_line_and_column() {
        let err = Config::parse("{\n  \"outlets\": 3\n}", "crosswire.json").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("crosswire.json:2:"), "{msg}");
    }

    #[test]
    fn outlet_matches_name_stem_or_glob() {
        let cfg = Config::parse(r#"{"outlets": {"002_*.txt": "USPA News", "000_a": "SCMP"}}"#, "x")
            .unwrap();
        assert_eq!(cfg.outlet_for("002_142.txt"), Some("USPA News"));
        assert_eq!(cfg.outlet_for("000_a.txt"), Some("SCMP"));
        assert_eq!(cfg.outlet_for("001.txt"), None);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// The shipped JSON Schema names exactly the fields the parser accepts.
    #[test]
    fn schema_lists_every_field() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../schemas/crosswire.schema.json")).unwrap();
        let mut in_schema: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "$schema")
            .collect();
        let config = serde_json::to_value(Config::default()).unwrap();
        let mut in_config: Vec<&str> =
            config.as_object().unwrap().keys().map(String::as_str).collect();
        in_schema.sort();
        in_config.sort();
        assert_eq!(in_schema, in_config);
    }
}
