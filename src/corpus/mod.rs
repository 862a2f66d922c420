//! The corpus: which files are articles, how they are read, and what each article is besides
//! its prose (title, outlet, date, boilerplate kept out of the analysis).

mod boilerplate;
mod filter;
mod load;
mod markdown;
mod metadata;

pub use crate::confine::{Place, Roots};
pub use boilerplate::boilerplate_regions;
pub use filter::{is_article_name, ArticleFilter};
pub use load::{
    decode, find, load, read_article, walk_files, Found, LoadError, Loaded, SourceFile, Walked,
    NO_SUCH_PATH,
};
pub use metadata::{Date, Metadata, OutletSource};

use crate::config::Config;
use crate::text::{LineIndex, Span};
use std::sync::Arc;

/// One article, prepared for analysis: its text, line index, metadata and the regions that
/// analysis must skip (front matter, code blocks, boilerplate).
#[derive(Debug, Clone)]
pub struct Article {
    /// The path as shown to users: as given on the command line, relative to a folder argument,
    /// or the document URI in the language server.
    pub name: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub meta: Metadata,
    /// Sorted, non-overlapping byte ranges that analysis ignores.
    pub excluded: Vec<Span>,
}

impl Article {
    /// Prepares an article. `file_name` is the last path component, used for the outlet
    /// fallback and the `outlets` table of the configuration.
    pub fn new(name: impl Into<String>, text: Arc<str>, config: &Config) -> Article {
        let name = name.into();
        let file_name = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        let is_markdown = file_name.ends_with(".md") || file_name.ends_with(".markdown");
        let mut excluded = Vec::new();
        let front = if is_markdown { markdown::front_matter(&text) } else { None };
        if let Some(fm) = &front {
            excluded.push(fm.span.clone());
        }
        if is_markdown {
            excluded.extend(markdown::code_blocks(&text));
        }
        excluded.extend(boilerplate_regions(&text));
        let meta = metadata::read(&text, &file_name, front.as_ref(), config, &excluded);
        let excluded = crate::text::merge_spans(excluded);
        Article { lines: LineIndex::new(&text), name, text, meta, excluded }
    }

    /// The outlet's display name (never empty).
    pub fn outlet(&self) -> &str {
        &self.meta.outlet
    }

    /// True when `span` lies in a region that analysis skips.
    pub fn is_excluded(&self, span: &Span) -> bool {
        crate::text::overlaps_any(span, &self.excluded)
    }
}
