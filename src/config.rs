//! `crosswire.json`, the project file at the workspace root: what the user records about the
//! story (outlet names, aliases, merges, acknowledged conflicts) and which files are articles.
//! crosswire only ever reads it; edits reach it as workspace edits the editor applies.

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
    /// Limits that keep hostile input from stalling analysis.
    pub limits: Limits,
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

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: String, line: usize, column: usize, message: String },
}

impl Config {
    /// Parses the text of a `crosswire.json`; `path` is only used in messages.
    pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
        serde_json::from_str(text).map_err(|e| ConfigError::Invalid {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// Reads `dir/crosswire.json`; a missing file is the default configuration.
    pub fn load_from_dir(dir: &Path) -> Result<Config, ConfigError> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError::Io { path: path.display().to_string(), source: e }),
        }
    }

    /// The outlet name the user gave for an article, matched on its file name, stem or a glob.
    pub fn outlet_for(&self, file_name: &str) -> Option<&str> {
        let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
        if let Some(name) = self.outlets.get(file_name).or_else(|| self.outlets.get(stem)) {
            return Some(name);
        }
        self.outlets.iter().find_map(|(pattern, name)| {
            let glob = globset::Glob::new(pattern).ok()?.compile_matcher();
            glob.is_match(file_name).then_some(name.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_config_names_line_and_column() {
        let err = Config::parse("{\n  \"outlets\": 3\n}", "crosswire.json").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("crosswire.json:2:"), "{msg}");
    }

    #[test]
    fn outlet_matches_name_stem_or_glob() {
        let cfg = Config::parse(r#"{"outlets": {"002_*.txt": "USPA News", "000_a": "SCMP"}}"#, "x").unwrap();
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
        let schema: serde_json::Value = serde_json::from_str(include_str!("../schemas/crosswire.schema.json")).unwrap();
        let mut in_schema: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).filter(|k| *k != "$schema").collect();
        let config = serde_json::to_value(Config::default()).unwrap();
        let mut in_config: Vec<&str> = config.as_object().unwrap().keys().map(String::as_str).collect();
        in_schema.sort();
        in_config.sort();
        assert_eq!(in_schema, in_config);
    }
}
