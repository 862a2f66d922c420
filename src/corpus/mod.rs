//! The corpus: which files are articles, how they are read, and what each article is besides
//! its prose (title, outlet, date, boilerplate kept out of the analysis).

mod boilerplate;
mod filter;
pub mod html;
mod load;
mod markdown;
mod metadata;
pub mod mhtml;
mod source_map;

pub use crate::confine::{Place, Roots};
pub use boilerplate::boilerplate_regions;
pub use filter::{is_article_name, ArticleFilter};
pub use load::{
    decode, find, find_in_folder, load, read_article, walk_files, Found, LoadError, Loaded,
    SourceFile, Walked, NO_SUCH_PATH,
};
pub use metadata::{Date, Metadata, OutletSource};
pub use source_map::SourceMap;

use crate::config::Config;
use crate::text::{Encoding, LazyLineIndex, LineCol, LineIndex, Span};
use std::sync::Arc;

/// One article, prepared for analysis: its text, line index, metadata and the regions that
/// analysis must skip (front matter, code blocks, boilerplate).
#[derive(Debug, Clone)]
pub struct Article {
    /// The path as shown to users: as given on the command line, relative to a folder argument,
    /// or the document URI in the language server.
    pub name: String,
    pub text: Arc<str>,
    /// Built when first used (most articles of a large `check` are never shown).
    pub lines: LazyLineIndex,
    pub meta: Metadata,
    /// Sorted, non-overlapping byte ranges that analysis ignores.
    pub excluded: Vec<Span>,
    /// For an article whose text is not its file's (a web page): the file's text and the map
    /// between the two. Positions shown to users are in the file (see [`Article::line_col`]).
    pub source: Option<Arc<Source>>,
    /// Why the file gave no article text (a web page with none found); the text is then empty.
    pub unusable: Option<String>,
}

/// The text of the file an article was extracted from, and the map from the article's text.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub map: SourceMap,
}

impl Article {
    /// Prepares an article. `file_name` is the last path component, used for the outlet
    /// fallback and the `outlets` table of the configuration.
    pub fn new(name: impl Into<String>, text: Arc<str>, config: &Config) -> Article {
        let name = name.into();
        let file_name = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        if html::is_page_name(&file_name) || mhtml::is_mhtml_name(&file_name) {
            return Self::from_page(name, &file_name, text, config);
        }
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
        Article {
            lines: LazyLineIndex::new(text.clone()),
            name,
            text,
            meta,
            excluded,
            source: None,
            unusable: None,
        }
    }

    /// A web page: the reader's text of it, analysed like plain text, with the page's own
    /// metadata before the plain-text heuristics.
    fn from_page(name: String, file_name: &str, source: Arc<str>, config: &Config) -> Article {
        // an archive's page is extracted from the HTML inside it, and mapped through the archive
        let unpacked =
            if mhtml::is_mhtml_name(file_name) { Some(mhtml::unpack(&source)) } else { None };
        let extracted = match &unpacked {
            None => html::extract(&source).map_err(|e| e.to_string()),
            Some(Ok(archive)) => html::extract(&archive.html)
                .map(|mut page| {
                    page.map = page.map.then(&archive.map);
                    page
                })
                .map_err(|e| e.to_string()),
            Some(Err(why)) => Err(why.clone()),
        };
        let (text, map, page, headline, unusable) = match extracted {
            Ok(p) => (Arc::<str>::from(p.text), p.map, Some(p.meta), p.headline_span, None),
            Err(e) => (Arc::<str>::from(""), SourceMap::new(source.len()), None, None, Some(e)),
        };
        let excluded = crate::text::merge_spans(boilerplate_regions(&text));
        let meta =
            metadata::read_page(&text, file_name, page.as_ref(), headline, config, &excluded);
        let source = Source { lines: LineIndex::new(&source), text: source, map };
        Article {
            lines: LazyLineIndex::new(text.clone()),
            name,
            text,
            meta,
            excluded,
            source: Some(Arc::new(source)),
            unusable,
        }
    }

    /// The text of the article's file: what is analysed again when the configuration changes.
    pub fn file_text(&self) -> &Arc<str> {
        self.source.as_ref().map_or(&self.text, |s| &s.text)
    }

    /// The line and column, in the article's file, where the text character at `offset` starts.
    pub fn line_col(&self, offset: usize, enc: Encoding) -> LineCol {
        match &self.source {
            None => self.lines.line_col(&self.text, offset, enc),
            Some(s) => s.lines.line_col(&s.text, s.map.to_source_start(offset), enc),
        }
    }

    /// The line and column, in the article's file, where a text range ending at `offset` ends.
    pub fn end_line_col(&self, offset: usize, enc: Encoding) -> LineCol {
        match &self.source {
            None => self.lines.line_col(&self.text, offset, enc),
            Some(s) => s.lines.line_col(&s.text, s.map.to_source_end(offset), enc),
        }
    }

    /// [`line_col`](Self::line_col) of `span.start` and [`end_line_col`](Self::end_line_col)
    /// of `span.end`, in one step.
    pub fn span_line_cols(&self, span: &Span, enc: Encoding) -> (LineCol, LineCol) {
        match &self.source {
            None => self.lines.span_line_cols(&self.text, span, enc),
            Some(s) => {
                let mapped = s.map.to_source_start(span.start)..s.map.to_source_end(span.end);
                s.lines.span_line_cols(&s.text, &mapped, enc)
            }
        }
    }

    /// The text offset of a position in the article's file (`None` when the line does not
    /// exist); a position in markup gives the text that follows it.
    pub fn offset(&self, pos: LineCol, enc: Encoding) -> Option<usize> {
        match &self.source {
            None => self.lines.offset(&self.text, pos, enc),
            Some(s) => s.lines.offset(&s.text, pos, enc).map(|o| s.map.to_text(o)),
        }
    }

    /// A text span as a span of the article's file.
    pub fn file_span(&self, span: &Span) -> Span {
        match &self.source {
            None => span.clone(),
            Some(s) => s.map.to_source(span),
        }
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
