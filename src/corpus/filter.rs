//! Which files found by walking a folder are articles: the article extensions and the
//! `articles` globs of `crosswire.json`, matched on the path relative to the folder. One
//! implementation for the command line (relative to a folder argument) and the language server
//! (relative to a workspace folder), so that CI and the editor read the same files.

use crate::config::{outside_reason, Config};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::Path;

/// True for file names crosswire treats as articles.
pub fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt")
        || lower.ends_with(".md")
        || lower.ends_with(".markdown")
        || super::html::is_page_name(&lower)
        || super::mhtml::is_mhtml_name(&lower)
}

/// The `articles` globs in force. The default (and an empty `articles`) accepts every file
/// with an article extension.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    globs: Option<GlobSet>,
}

impl ArticleFilter {
    pub fn new(config: &Config) -> ArticleFilter {
        if config.articles.is_empty() {
            return ArticleFilter { globs: None };
        }
        let mut b = GlobSetBuilder::new();
        // refused globs are left out: with all of them refused, nothing matches (the list
        // is not empty, so it does not fall back to every .txt and .md either)
        for g in config.articles.iter().filter(|g| outside_reason(g).is_none()) {
            if let Ok(glob) = Glob::new(g) {
                b.add(glob);
            }
        }
        ArticleFilter { globs: b.build().ok() }
    }

    /// Whether globs restrict the articles (`articles` is not empty).
    pub fn is_restricted(&self) -> bool {
        self.globs.is_some()
    }

    /// Extension and globs, for a path found by walking `folder` (a walk already skips hidden
    /// and ignored files). A path not under `folder` is not accepted.
    pub fn accepts_walked(&self, folder: &Path, path: &Path) -> bool {
        path.strip_prefix(folder).is_ok_and(|rel| self.accepts_relative(path, rel))
    }

    /// [`accepts_walked`](Self::accepts_walked) of `path`, whose path relative to the folder
    /// is `rel`.
    pub fn accepts_relative(&self, path: &Path, rel: &Path) -> bool {
        if !path.file_name().is_some_and(|n| is_article_name(&n.to_string_lossy())) {
            return false;
        }
        self.globs.as_ref().is_none_or(|g| g.is_match(rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_relative_to_the_folder_and_refused_ones_never() {
        let root = Path::new("/w");
        let all = ArticleFilter::default();
        assert!(all.accepts_walked(root, &root.join("x/a.md")));
        assert!(!all.accepts_walked(root, &root.join("a.json")));
        assert!(!all.accepts_walked(root, Path::new("/elsewhere/a.txt")));
        let news = ArticleFilter::new(
            &Config::parse(r#"{"articles": ["news/**/*.txt", "../*.txt"]}"#, "x").unwrap(),
        );
        assert!(news.accepts_walked(root, &root.join("news/x/a.txt")));
        assert!(!news.accepts_walked(root, &root.join("other/b.txt")));
        assert!(
            !news.accepts_walked(root, &root.join("news/a.json")),
            "the extension still counts"
        );
        let dot = Path::new(".");
        assert!(news.accepts_walked(dot, &dot.join("news/a.txt")), "the folder argument `.`");
        let only_outside = ArticleFilter::new(
            &Config::parse(r#"{"articles": ["../*.txt", "/tmp/*.txt"]}"#, "x").unwrap(),
        );
        assert!(
            !only_outside.accepts_walked(root, &root.join("a.txt")),
            "all globs refused: nothing matches"
        );
    }
}
