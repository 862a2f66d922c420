//! Saved web pages (`.html`, `.htm`): the article's text as a reader view shows it, with a map
//! from every byte of that text back to the page's source, and what the page says about itself
//! (outlet, date, headline, author, URL).
//!
//! Tokens come from `html5gum`, a WHATWG tokenizer (it passes html5lib's tokenizer tests, is
//! fuzzed, has no dependencies) that gives the byte span of every token: the reason it was
//! chosen over html5ever-based readability crates, whose trees keep no source positions. On the
//! token stream this module builds a light element tree (open elements, implied `</p>` and
//! `</li>`, unmatched end tags ignored) and scores it as Mozilla's Readability does: paragraphs
//! of 25 characters or more give their parent and grandparent points for length and commas,
//! class and id names raise or lower a container, link-heavy containers lose in proportion to
//! their link text; the best container and its strong siblings are the article. Navigation,
//! asides, footers, forms, scripts, styles, hidden elements, dialogs (cookie banners) and
//! containers whose class or id says comments, sharing, related links and the like are never
//! text. The headline (`<h1>`) before the chosen container is kept.
//!
//! The text: blocks (paragraphs, headings, list items, table cells…) separated by a blank line,
//! `<br>` a line break, white space collapsed to one space, entities decoded. Every piece of it
//! is recorded in a [`SourceMap`]. Work is linear in the page: one tokenizer pass, one pass
//! over the elements to score, one over the blocks to assemble; an end tag looks for its
//! element among the 256 innermost open ones only.

use super::source_map::SourceMap;
use crate::text::Span;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use regex::Regex;
use std::sync::LazyLock;

/// What a page yields: the reader's text and its map to the source, and the page's metadata.
#[derive(Debug, Clone)]
pub struct Page {
    pub text: String,
    pub map: SourceMap,
    pub meta: PageMeta,
    /// The headline's block in `text`, when the page has an `<h1>` kept in the text.
    pub headline_span: Option<Span>,
}

/// What the page's markup says about the article (Open Graph, `article:` and JSON-LD
/// properties, `<title>`, `<time>`, `<link rel=canonical>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub outlet: Option<String>,
    /// The publication date as the page writes it (ISO 8601 in every standard place).
    pub published: Option<String>,
    pub headline: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// Why no article text could be taken from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// Nothing that reads as prose: no paragraph, or only navigation and furniture.
    NoMainText,
    /// Most of the page is script or style, with no article text outside it (a page that
    /// renders itself in the browser, saved before it did).
    MostlyScript { percent: u32 },
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::NoMainText => write!(
                f,
                "no article text found in this web page (no paragraphs outside navigation, \
                 comments and page furniture); skipped"
            ),
            PageError::MostlyScript { percent } => write!(
                f,
                "this web page is {percent}% script and style with no article text outside \
                 it (saved before the page rendered itself?); skipped"
            ),
        }
    }
}

/// True for the file names read as web pages.
pub fn is_page_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// A page that is not UTF-8, decoded in the encoding its `<meta charset>` (or `http-equiv`
/// content type) declares in its first 1,024 bytes, as browsers look for it. `not_utf8` is the
/// reason UTF-8 failed, given back when the page declares nothing else.
pub fn decode_declared(bytes: &[u8], not_utf8: &str) -> Result<String, String> {
    static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#)
            .unwrap()
    });
    let head = &bytes[..bytes.len().min(1024)];
    let Some(label) = CHARSET.captures(head).map(|c| c[1].to_vec()) else {
        return Err(not_utf8.to_string());
    };
    let shown = String::from_utf8_lossy(&label).into_owned();
    match encoding_rs::Encoding::for_label(&label) {
        None => Err(format!(
            "not valid UTF-8, and the charset it declares (\"{shown}\") is not a known encoding; skipped"
        )),
        Some(encoding) if encoding == encoding_rs::UTF_8 => Err(format!(
            "{not_utf8} (the page declares \"{shown}\")"
        )),
        Some(encoding) => {
            let (text, _, malformed) = encoding.decode(bytes);
            if malformed {
                return Err(format!(
                    "not valid {} (the encoding the page declares) nor UTF-8; skipped",
                    encoding.name()
                ));
            }
            Ok(text.into_owned())
        }
    }
}

/// Extracts the article of a page. Never panics, whatever the input.
pub fn extract(source: &str) -> Result<Page, PageError> {
    let mut reader = Reader::new(source);
    reader.read_tokens();
    reader.finish()
}

// ---------------------------------------------------------------------------------------------
// Elements.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Starts and ends a block of text.
    Block,
    /// `<h1>`…`<h6>`: a block, scored down as a container.
    Heading(u8),
    /// Text flows through it.
    Inline,
    /// A link: inline, its text counted as link text.
    Link,
    /// Never text (scripts, navigation, forms…).
    Skip,
}

fn kind_of(name: &[u8]) -> Kind {
    match name {
        b"h1" => Kind::Heading(1),
        b"h2" => Kind::Heading(2),
        b"h3" => Kind::Heading(3),
        b"h4" => Kind::Heading(4),
        b"h5" => Kind::Heading(5),
        b"h6" => Kind::Heading(6),
        b"a" => Kind::Link,
        b"script" | b"style" | b"noscript" | b"template" | b"svg" | b"math" | b"iframe"
        | b"object" | b"embed" | b"canvas" | b"video" | b"audio" | b"head" | b"title"
        | b"button" | b"select" | b"textarea" | b"form" | b"nav" | b"aside" | b"footer"
        | b"dialog" | b"menu" | b"input" | b"label" | b"noembed" | b"noframes" => Kind::Skip,
        b"address" | b"article" | b"blockquote" | b"body" | b"center" | b"dd" | b"details"
        | b"div" | b"dl" | b"dt" | b"fieldset" | b"figcaption" | b"figure" | b"header"
        | b"hgroup" | b"hr" | b"html" | b"li" | b"main" | b"ol" | b"p" | b"pre" | b"section"
        | b"summary" | b"table" | b"tbody" | b"thead" | b"tfoot" | b"tr" | b"td" | b"th"
        | b"caption" | b"ul" | b"option" | b"legend" => Kind::Block,
        _ => Kind::Inline,
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Block starts that close an open `<p>` (HTML's "close a p element" rule, the common cases).
fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"table"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"section"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"pre"
            | b"header"
            | b"footer"
            | b"nav"
            | b"figure"
            | b"form"
            | b"main"
            | b"address"
            | b"hr"
    )
}

/// Readability's patterns: containers whose class or id names furniture, unless it also names
/// content; and the names that raise or lower a container's score.
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|share|sharing|newsletter|subscribe|promo|outbrain|taboola|byline-social",
    )
    .unwrap()
});
static MAYBE_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)and|article|body|column|content|main|shadow").unwrap());
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story")
        .unwrap()
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|cookie|consent")
        .unwrap()
});

/// Roles of page furniture (ARIA landmarks that are not the main content, and dialogs).
fn is_furniture_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "dialog"
                | "alertdialog"
                | "search"
                | "menu"
                | "menubar"
                | "toolbar"
        )
    })
}

#[derive(Debug, Clone)]
struct Node {
    parent: usize,
    name: Box<[u8]>,
    kind: Kind,
    /// Readability's class weight (±25 per matching pattern group).
    class_weight: i32,
    /// The node and everything in it is never text.
    skipped: bool,
    /// Inside a link.
    link: bool,
    /// The nearest block element at or above this node (itself if it is one).
    block: usize,
    // scoring
    score: Option<f64>,
    text_len: usize,
    link_len: usize,
}

const ROOT: usize = 0;
/// How far down the open elements an end tag looks for its start tag.
const END_TAG_REACH: usize = 256;
/// Readability's minimum paragraph length for scoring.
const MIN_PARAGRAPH: usize = 25;
/// Readability's number of top candidates compared for a shared ancestor.
const TOP_CANDIDATES: usize = 5;
/// How far up the tree the choice of the article's container climbs.
const CLIMB_REACH: usize = 256;
/// The most JSON-LD read from one page.
const MAX_JSON_LD: usize = 1 << 20;

/// A stretch of the text and the source it stands for.
#[derive(Debug, Clone)]
struct Segment {
    text: Span,
    source: Span,
    verbatim: bool,
}

#[derive(Debug, Clone)]
struct Block {
    node: usize,
    /// The segments of the block, in order.
    segments: Span,
    len: usize,
    link_len: usize,
    commas: usize,
    heading: Option<u8>,
    /// Where the block starts in the source (its first text).
    source_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    Space,
    Newline,
}

struct Reader<'s> {
    source: &'s str,
    nodes: Vec<Node>,
    open: Vec<usize>,
    /// All text of all blocks, contiguous; blocks refer to it through their segments.
    buf: String,
    segments: Vec<Segment>,
    blocks: Vec<Block>,
    /// The block being filled, if it has text.
    current: Option<Block>,
    pending: Pending,
    pending_source: Span,
    meta: PageMeta,
    /// og:*, article:* and JSON-LD values, kept apart so that their order of trust is applied
    /// once the whole page is read.
    found: Found,
    title: Option<String>,
    in_title: bool,
    json_ld: Option<String>,
    script_bytes: usize,
}

#[derive(Debug, Default)]
struct Found {
    og_site_name: Option<String>,
    og_title: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    published_time: Option<String>,
    time_datetime: Option<String>,
    author: Option<String>,
    ld: PageMeta,
}

impl<'s> Reader<'s> {
    fn new(source: &'s str) -> Self {
        let root = Node {
            parent: ROOT,
            name: Box::from(&b""[..]),
            kind: Kind::Block,
            class_weight: 0,
            skipped: false,
            link: false,
            block: ROOT,
            score: None,
            text_len: 0,
            link_len: 0,
        };
        Reader {
            source,
            nodes: vec![root],
            open: vec![ROOT],
            buf: String::new(),
            segments: Vec::new(),
            blocks: Vec::new(),
            current: None,
            pending: Pending::None,
            pending_source: 0..0,
            meta: PageMeta::default(),
            found: Found::default(),
            title: None,
            in_title: false,
            json_ld: None,
            script_bytes: 0,
        }
    }

    fn top(&self) -> usize {
        *self.open.last().unwrap_or(&ROOT)
    }

    fn read_tokens(&mut self) {
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let tokenizer = Tokenizer::new_with_emitter(self.source, emitter);
        for token in tokenizer {
            let Ok(token) = token;
            match token {
                Token::StartTag(tag) => self.start_tag(&tag),
                Token::EndTag(tag) => self.end_tag(&tag.name, tag.span.start..tag.span.end),
                Token::String(s) => self.string(&s.value, s.span.start..s.span.end),
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        self.end_block();
    }

    fn start_tag(&mut self, tag: &StartTag<usize>) {
        let name: &[u8] = &tag.name;
        let attr = |key: &str| -> Option<String> {
            tag.attributes
                .get(key.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        match name {
            b"meta" => self.meta_tag(&attr),
            b"link" => {
                let rel = attr("rel").unwrap_or_default();
                if rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                    set_once(&mut self.found.canonical, attr("href"));
                }
            }
            b"time" => set_once(&mut self.found.time_datetime, attr("datetime")),
            b"title" if !tag.self_closing => {
                self.in_title = self.title.is_none();
            }
            b"script" => {
                let ty = attr("type").unwrap_or_default();
                if ty.trim().eq_ignore_ascii_case("application/ld+json") && !tag.self_closing {
                    self.json_ld = Some(String::new());
                }
            }
            b"br" => {
                if self.current.is_some() && !self.nodes[self.top()].skipped {
                    self.pending = Pending::Newline;
                    self.pending_source = tag.span.start..tag.span.end;
                }
                return;
            }
            _ => {}
        }
        let kind = kind_of(name);
        if matches!(kind, Kind::Block | Kind::Heading(_)) || name == b"br" {
            self.end_block();
        }
        if is_void(name) || tag.self_closing {
            return;
        }
        if closes_p(name) {
            self.close_open(b"p", 8);
        } else if name == b"li" {
            self.close_open(b"li", 8);
        }
        let parent = self.top();
        let p = &self.nodes[parent];
        let class_id =
            format!("{} {}", attr("class").unwrap_or_default(), attr("id").unwrap_or_default());
        let hidden = tag.attributes.contains_key(&b"hidden"[..])
            || attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || attr("style").is_some_and(|s| {
                let s: String = s
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            })
            || attr("role").is_some_and(|r| is_furniture_role(&r));
        let unlikely = !class_id.trim().is_empty()
            && name != b"body"
            && name != b"a"
            && name != b"html"
            && name != b"article"
            && name != b"main"
            && UNLIKELY.is_match(&class_id)
            && !MAYBE_CANDIDATE.is_match(&class_id);
        let class_weight = 25
            * (i32::from(POSITIVE.is_match(&class_id)) - i32::from(NEGATIVE.is_match(&class_id)));
        let index = self.nodes.len();
        let node = Node {
            parent,
            name: Box::from(name),
            kind,
            class_weight,
            skipped: p.skipped || kind == Kind::Skip || hidden || unlikely,
            link: p.link || kind == Kind::Link,
            block: if matches!(kind, Kind::Block | Kind::Heading(_)) { index } else { p.block },
            score: None,
            text_len: 0,
            link_len: 0,
        };
        self.nodes.push(node);
        self.open.push(index);
    }

    fn meta_tag(&mut self, attr: &dyn Fn(&str) -> Option<String>) {
        let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop"));
        let (Some(key), Some(content)) = (key, attr("content")) else { return };
        let found = &mut self.found;
        match key.trim().to_ascii_lowercase().as_str() {
            "og:site_name" => set_once(&mut found.og_site_name, Some(content)),
            "og:title" => set_once(&mut found.og_title, Some(content)),
            "og:url" => set_once(&mut found.og_url, Some(content)),
            "article:published_time" | "datepublished" | "date" | "pubdate" => {
                set_once(&mut found.published_time, Some(content))
            }
            // article:author is often a profile URL, which names nobody
            "author" | "article:author" if !content.contains("://") => {
                set_once(&mut found.author, Some(content))
            }
            _ => {}
        }
    }

    /// Closes the innermost open `name` if it is among the `reach` innermost open elements and
    /// no block element stands between (an implied end tag).
    fn close_open(&mut self, name: &[u8], reach: usize) {
        for depth in 0..reach.min(self.open.len().saturating_sub(1)) {
            let i = self.open[self.open.len() - 1 - depth];
            let node = &self.nodes[i];
            if &*node.name == name {
                self.open.truncate(self.open.len() - 1 - depth);
                return;
            }
            if matches!(node.kind, Kind::Block | Kind::Heading(_)) {
                return;
            }
        }
    }

    fn end_tag(&mut self, name: &[u8], _span: Span) {
        match name {
            b"title" => self.in_title = false,
            b"script" => {
                if let Some(json) = self.json_ld.take() {
                    read_json_ld(&json, &mut self.found.ld);
                }
            }
            _ => {}
        }
        if matches!(kind_of(name), Kind::Block | Kind::Heading(_)) {
            self.end_block();
        }
        let reach = END_TAG_REACH.min(self.open.len().saturating_sub(1));
        for depth in 0..reach {
            let at = self.open.len() - 1 - depth;
            if &*self.nodes[self.open[at]].name == name {
                self.open.truncate(at);
                return;
            }
        }
    }

    fn string(&mut self, value: &[u8], span: Span) {
        let top = self.top();
        let name = &*self.nodes[top].name;
        if name == b"script" || name == b"style" {
            self.script_bytes += span.len();
            if let Some(json) = &mut self.json_ld {
                if json.len() + value.len() <= MAX_JSON_LD {
                    json.push_str(&String::from_utf8_lossy(value));
                }
            }
            return;
        }
        if self.in_title {
            let t = self.title.get_or_insert_with(String::new);
            if t.len() < 4096 {
                t.push_str(&String::from_utf8_lossy(value));
            }
            return;
        }
        if self.nodes[top].skipped {
            return;
        }
        let Some(raw) = self.source.get(span.clone()) else { return };
        self.text(raw, span.start);
    }

    /// Adds raw character data (entities not yet decoded) found at `at` in the source.
    fn text(&mut self, raw: &str, at: usize) {
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if is_space(b) {
                let start = i;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                if self.current.is_some() && self.pending == Pending::None {
                    self.pending = Pending::Space;
                    self.pending_source = at + start..at + i;
                }
            } else if b == b'&' {
                let end = reference_end(bytes, i);
                let reference = &raw[i..end];
                let decoded = decode_reference(reference);
                if decoded == reference {
                    self.push_verbatim(reference, at + i);
                } else {
                    self.push_replaced(&decoded, at + i..at + end);
                }
                i = end;
            } else {
                let start = i;
                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'&' {
                    i += 1;
                }
                self.push_verbatim(&raw[start..i], at + start);
            }
        }
    }

    fn begin_text(&mut self, source_at: usize) {
        if self.current.is_none() {
            let top = self.top();
            let node = &self.nodes[top];
            let heading = match self.nodes[node.block].kind {
                Kind::Heading(level) => Some(level),
                _ => None,
            };
            self.current = Some(Block {
                node: node.block,
                segments: self.segments.len()..self.segments.len(),
                len: 0,
                link_len: 0,
                commas: 0,
                heading,
                source_start: source_at,
            });
            self.pending = Pending::None;
            return;
        }
        let separator = match self.pending {
            Pending::None => return,
            Pending::Space => " ",
            Pending::Newline => "\n",
        };
        self.pending = Pending::None;
        let source = self.pending_source.clone();
        // one plain space stays itself: prose maps as one verbatim run per text node
        let verbatim = self.source.as_bytes().get(source.clone()) == Some(separator.as_bytes());
        self.segment(separator, source, verbatim);
    }

    fn push_verbatim(&mut self, s: &str, at: usize) {
        self.begin_text(at);
        self.segment(s, at..at + s.len(), true);
    }

    fn push_replaced(&mut self, s: &str, source: Span) {
        if s.is_empty() {
            return;
        }
        if s.bytes().all(is_space) {
            // an entity for white space (&#32;, &#10;) is white space
            if self.current.is_some() && self.pending == Pending::None {
                self.pending = Pending::Space;
                self.pending_source = source;
            }
            return;
        }
        self.begin_text(source.start);
        self.segment(s, source, false);
    }

    fn segment(&mut self, s: &str, source: Span, verbatim: bool) {
        let start = self.buf.len();
        self.buf.push_str(s);
        let link = self.nodes[self.top()].link;
        if let Some(block) = &mut self.current {
            block.len += s.len();
            if link {
                block.link_len += s.len();
            }
            block.commas += s.matches(',').count();
            let end = self.buf.len();
            let count = self.segments.len();
            match self.segments.last_mut() {
                // a verbatim run that continues the block's last one extends it
                Some(last)
                    if verbatim
                        && last.verbatim
                        && block.segments.end == count
                        && block.segments.start < block.segments.end
                        && last.text.end == start
                        && last.source.end == source.start =>
                {
                    last.text.end = end;
                    last.source.end = source.end;
                }
                _ => {
                    self.segments.push(Segment { text: start..end, source, verbatim });
                    block.segments.end = self.segments.len();
                }
            }
        }
    }

    fn end_block(&mut self) {
        self.pending = Pending::None;
        if let Some(block) = self.current.take() {
            self.blocks.push(block);
        }
    }

    fn finish(mut self) -> Result<Page, PageError> {
        self.end_block();
        let (meta, title_head) = self.page_meta();
        let chosen = self.choose();
        let Some(content) = chosen else {
            let percent = (self.script_bytes * 100 / self.source.len().max(1)) as u32;
            return Err(if percent >= 50 {
                PageError::MostlyScript { percent }
            } else {
                PageError::NoMainText
            });
        };
        let mut text = String::new();
        let mut map = SourceMap::new(self.source.len());
        let mut headline_span = None;
        for &b in &content {
            let block = &self.blocks[b];
            if !text.is_empty() {
                map.push_replaced(2, block.source_start..block.source_start);
                text.push_str("\n\n");
            }
            let start = text.len();
            for seg in &self.segments[block.segments.clone()] {
                let s = &self.buf[seg.text.clone()];
                text.push_str(s);
                if seg.verbatim {
                    map.push_verbatim(seg.source.start, s.len());
                } else {
                    map.push_replaced(s.len(), seg.source.clone());
                }
            }
            if block.heading == Some(1) && headline_span.is_none() {
                headline_span = Some(start..text.len());
            }
        }
        if text.trim().is_empty() {
            return Err(PageError::NoMainText);
        }
        let mut meta = meta;
        if meta.headline.is_none() {
            meta.headline =
                headline_span.as_ref().map(|s| text[s.clone()].to_string()).or(title_head);
        }
        Ok(Page { text, map, meta, headline_span })
    }

    /// The blocks of the article, in order; `None` when nothing reads as prose.
    fn choose(&mut self) -> Option<Vec<usize>> {
        // text and link lengths per element, then summed up the tree (parents come before
        // their children, so one backwards pass)
        for b in &self.blocks {
            let n = &mut self.nodes[b.node];
            n.text_len += b.len;
            n.link_len += b.link_len;
        }
        for i in (1..self.nodes.len()).rev() {
            let (t, l, p) = (self.nodes[i].text_len, self.nodes[i].link_len, self.nodes[i].parent);
            self.nodes[p].text_len += t;
            self.nodes[p].link_len += l;
        }
        // paragraphs score their ancestors
        for b in 0..self.blocks.len() {
            let block = &self.blocks[b];
            let chars = self.buf_chars(b);
            if chars < MIN_PARAGRAPH || block.heading.is_some() {
                continue;
            }
            let score = 1.0 + block.commas as f64 + (chars as f64 / 100.0).floor().min(3.0);
            let mut at = block.node;
            for level in 0..5 {
                if at == ROOT {
                    break;
                }
                at = self.nodes[at].parent;
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f64 * 3.0,
                };
                let node = &mut self.nodes[at];
                let initial = node.score.unwrap_or_else(|| initial_score(node));
                node.score = Some(initial + score / divider);
            }
        }
        let final_score = |n: &Node| {
            let density = if n.text_len == 0 { 0.0 } else { n.link_len as f64 / n.text_len as f64 };
            n.score.map(|s| s * (1.0 - density))
        };
        let mut ranked: Vec<(usize, f64)> =
            self.nodes.iter().enumerate().filter_map(|(i, n)| Some((i, final_score(n)?))).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(TOP_CANDIDATES);
        let (mut top, best) = *ranked.first()?;
        let parent_of = |i: usize| self.nodes[i].parent;
        let is_within = |node: usize, ancestor: usize| {
            let mut at = node;
            for _ in 0..CLIMB_REACH {
                if at == ancestor {
                    return true;
                }
                if at == ROOT {
                    return false;
                }
                at = parent_of(at);
            }
            false
        };
        // several strong candidates under one ancestor: that ancestor holds the article (a
        // story split into sections, each its own container)
        let alternatives: Vec<usize> =
            ranked[1..].iter().filter(|(_, s)| *s >= best * 0.75).map(|&(i, _)| i).collect();
        if alternatives.len() >= 3 {
            let mut at = parent_of(top);
            for _ in 0..CLIMB_REACH {
                if alternatives.iter().filter(|&&a| is_within(a, at)).count() >= 3 {
                    top = at;
                    break;
                }
                if at == ROOT {
                    break;
                }
                at = parent_of(at);
            }
        }
        // a parent that scores better than the candidate is the better container
        let mut last = final_score(&self.nodes[top]).unwrap_or(best);
        let mut at = parent_of(top);
        for _ in 0..CLIMB_REACH {
            if at == ROOT || top == ROOT {
                break;
            }
            if let Some(s) = final_score(&self.nodes[at]) {
                if s < last / 3.0 {
                    break;
                }
                if s > last {
                    top = at;
                    break;
                }
                last = s;
            }
            at = parent_of(at);
        }
        // a candidate alone in its parent: the parent is the same container
        let mut children = vec![0usize; self.nodes.len()];
        for n in &self.nodes[1..] {
            children[n.parent] += 1;
        }
        for _ in 0..CLIMB_REACH {
            let parent = parent_of(top);
            if top == ROOT || parent == ROOT || children[parent] != 1 {
                break;
            }
            top = parent;
        }
        let top_score = final_score(&self.nodes[top]).unwrap_or(best);
        // the top candidate and its siblings that score well or read as prose
        let parent = self.nodes[top].parent;
        let threshold = (top_score * 0.2).max(10.0);
        let mut chosen = vec![false; self.nodes.len()];
        chosen[top] = true;
        if top != ROOT {
            for (n, slot) in self.nodes.iter().zip(chosen.iter_mut()).skip(1) {
                if n.parent != parent || n.skipped {
                    continue;
                }
                let density =
                    if n.text_len == 0 { 1.0 } else { n.link_len as f64 / n.text_len as f64 };
                let strong = final_score(n).is_some_and(|s| s >= threshold);
                let prose = &*n.name == b"p" && n.text_len > 80 && density < 0.25;
                *slot |= strong || prose;
            }
        }
        let mut inside = vec![false; self.nodes.len()];
        for i in 0..self.nodes.len() {
            inside[i] = chosen[i] || (i != ROOT && inside[self.nodes[i].parent]);
        }
        let mut content: Vec<usize> = (0..self.blocks.len())
            .filter(|&b| {
                let block = &self.blocks[b];
                // a run of links inside the article ("Read more: …", tags) is not prose
                inside[block.node] && block.link_len * 2 <= block.len
            })
            .collect();
        let first = *content.first()?;
        if self.blocks[first].heading != Some(1) {
            // the headline usually stands in the article's header, outside the text container
            if let Some(h) = (0..first).rev().find(|&b| self.blocks[b].heading == Some(1)) {
                content.insert(0, h);
            }
        }
        Some(content)
    }

    fn buf_chars(&self, b: usize) -> usize {
        let block = &self.blocks[b];
        self.segments[block.segments.clone()]
            .iter()
            .map(|s| self.buf[s.text.clone()].chars().count())
            .sum()
    }

    /// The page's metadata, and the headline part of its `<title>` (the last resort for the
    /// headline, after the `<h1>`).
    fn page_meta(&mut self) -> (PageMeta, Option<String>) {
        let found = std::mem::take(&mut self.found);
        let title = self.title.take().map(|t| collapse(&t));
        let (title_head, title_outlet) = match &title {
            Some(t) => split_title(t),
            None => (None, None),
        };
        let clean = |s: Option<String>| s.map(|s| collapse(&s)).filter(|s| !s.is_empty());
        let mut meta = std::mem::take(&mut self.meta);
        meta.outlet =
            clean(found.og_site_name).or_else(|| clean(found.ld.outlet.clone())).or(title_outlet);
        meta.published = clean(found.published_time)
            .or_else(|| clean(found.ld.published.clone()))
            .or_else(|| clean(found.time_datetime));
        meta.headline = clean(found.og_title).or_else(|| clean(found.ld.headline.clone()));
        meta.author = clean(found.author).or_else(|| clean(found.ld.author.clone()));
        meta.url = clean(found.og_url)
            .or_else(|| clean(found.canonical))
            .or_else(|| clean(found.ld.url.clone()));
        (meta, title_head)
    }
}

fn initial_score(n: &Node) -> f64 {
    let by_tag = match (&*n.name, n.kind) {
        (b"div", _) => 5.0,
        (b"pre" | b"td" | b"blockquote", _) => 3.0,
        (b"address" | b"ol" | b"ul" | b"dl" | b"dd" | b"dt" | b"li" | b"form", _) => -3.0,
        (_, Kind::Heading(_)) | (b"th", _) => -5.0,
        _ => 0.0,
    };
    by_tag + f64::from(n.class_weight)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn set_once(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.filter(|v| !v.trim().is_empty());
    }
}

/// White space runs as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Headline | Outlet" (or " - ", " – ", " — "): the headline and the outlet, when the last part
/// is short enough to be a name.
fn split_title(title: &str) -> (Option<String>, Option<String>) {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim();
            let words = tail.split_whitespace().count();
            if (1..=5).contains(&words) && head.split_whitespace().count() > words {
                return (Some(head.trim().to_string()), Some(tail.to_string()));
            }
        }
    }
    (Some(title.to_string()), None)
}

/// Where a character reference starting at `i` (a `&`) ends: the name or number and an optional
/// `;`, at most 40 bytes (the longest entity name is 32).
fn reference_end(bytes: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    while end < bytes.len()
        && end - i < 40
        && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'#')
    {
        end += 1;
    }
    if end < bytes.len() && bytes[end] == b';' {
        end += 1;
    }
    end
}

/// A character reference decoded as the tokenizer decodes it in text (the WHATWG table, numeric
/// references, legacy names without `;`); text that is no reference comes back as it is.
fn decode_reference(reference: &str) -> String {
    let mut out = Vec::new();
    for token in Tokenizer::new(reference) {
        match token {
            Ok(Token::String(s)) => out.extend_from_slice(&s),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| reference.to_string())
}

/// Reads the article's properties from a JSON-LD block: the first object typed as an article
/// (at the top, in an array or in `@graph`).
fn read_json_ld(json: &str, into: &mut PageMeta) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json.trim()) else { return };
    let Some(article) = find_article(&value, 0) else { return };
    let text = |v: Option<&serde_json::Value>| -> Option<String> {
        match v? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(o) => match o.get("name") {
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                _ => None,
            },
            serde_json::Value::Array(items) => {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|i| match i {
                        serde_json::Value::String(s) => Some(s.clone()),
                        serde_json::Value::Object(o) => o.get("name")?.as_str().map(str::to_string),
                        _ => None,
                    })
                    .collect();
                (!names.is_empty()).then(|| names.join(", "))
            }
            _ => None,
        }
    };
    set_once(&mut into.outlet, text(article.get("publisher")));
    set_once(&mut into.published, text(article.get("datePublished")));
    set_once(&mut into.headline, text(article.get("headline")));
    set_once(&mut into.author, text(article.get("author")));
    let url = text(article.get("url")).or_else(|| match article.get("mainEntityOfPage") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Object(o)) => o.get("@id")?.as_str().map(str::to_string),
        _ => None,
    });
    set_once(&mut into.url, url);
}

fn find_article(
    v: &serde_json::Value,
    depth: usize,
) -> Option<&serde_json::Map<String, serde_json::Value>> {
    if depth > 4 {
        return None;
    }
    match v {
        serde_json::Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        serde_json::Value::Object(o) => {
            let is_article = |t: &serde_json::Value| {
                t.as_str().is_some_and(|t| t.ends_with("Article") || t == "BlogPosting")
            };
            let typed = match o.get("@type") {
                Some(serde_json::Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                return Some(o);
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Page {
        extract(body).unwrap_or_else(|e| panic!("{e}"))
    }

    const PROSE: &str = "The talks in Lausanne ended without an agreement, officials said, and \
        the fighting around Aleppo went on through the night.";

    #[test]
    fn entities_and_inline_tags_map_back_to_their_characters() {
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/world>World</a></nav>\
             <article><h1>Kerry &amp; Lavrov meet</h1>\
             <p>Sergei <b>Lavrov</b> met John&nbsp;Kerry. {PROSE}</p></article></body></html>"
        );
        let p = page(&html);
        assert!(
            p.text.starts_with("Kerry & Lavrov meet\n\nSergei Lavrov met John\u{a0}Kerry."),
            "{:?}",
            p.text
        );
        assert!(!p.text.contains("Home"));
        let at = |needle: &str| {
            let s = p.text.find(needle).unwrap();
            let src = p.map.to_source(&(s..s + needle.len()));
            html[src].to_string()
        };
        assert_eq!(at("&"), "&amp;");
        assert_eq!(at("Sergei Lavrov"), "Sergei <b>Lavrov");
        assert_eq!(at("Lavrov met"), "Lavrov</b> met");
        assert_eq!(at("John\u{a0}Kerry"), "John&nbsp;Kerry");
        assert_eq!(
            p.headline_span.as_ref().map(|s| &p.text[s.clone()]),
            Some("Kerry & Lavrov meet")
        );
        // and back
        let src = html.find("Lavrov</b>").unwrap();
        assert_eq!(&p.text[p.map.to_text(src)..p.map.to_text(src) + 6], "Lavrov");
    }

    #[test]
    fn furniture_is_left_out() {
        let html = format!(
            "<body><div class=cookie-banner role=dialog><p>We use cookies to improve your experience, accept them all.</p></div>\
             <header><a href=/>The Daily Planet</a></header>\
             <div class=content><p>{PROSE}</p><p>{PROSE}</p>\
             <div class=share-buttons><a href=#>Share on Facebook</a></div></div>\
             <section id=comments><p>I think this article is rubbish and so is the war, frankly.</p></section>\
             <footer><p>Copyright 2016 The Daily Planet, all rights reserved worldwide.</p></footer>\
             <script>var x = '<p>not text</p>';</script></body>"
        );
        let p = page(&html);
        assert_eq!(p.text, format!("{PROSE}\n\n{PROSE}"));
    }

    #[test]
    fn metadata_from_open_graph_json_ld_and_title() {
        let html = format!(
            r#"<html><head><title>Talks end | The Daily Planet</title>
            <meta property="og:url" content="https://example.org/a">
            <script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"NewsArticle",
              "headline":"Talks end","datePublished":"2016-10-15T23:45:00+08:00",
              "author":[{{"@type":"Person","name":"Jane Roe"}}],"publisher":{{"@type":"Organization","name":"Planet News"}}}}]}}</script>
            </head><body><p>{PROSE}</p></body></html>"#
        );
        let m = page(&html).meta;
        assert_eq!(m.outlet.as_deref(), Some("Planet News"));
        assert_eq!(m.published.as_deref(), Some("2016-10-15T23:45:00+08:00"));
        assert_eq!(m.headline.as_deref(), Some("Talks end"));
        assert_eq!(m.author.as_deref(), Some("Jane Roe"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
        let only_title =
            format!("<title>Talks end in Lausanne - The Daily Planet</title><p>{PROSE}</p>");
        assert_eq!(page(&only_title).meta.outlet.as_deref(), Some("The Daily Planet"));
    }

    #[test]
    fn bad_pages_are_reported() {
        assert_eq!(
            extract("<html><body><nav><a href=/>Home</a></nav></body></html>").unwrap_err(),
            PageError::NoMainText
        );
        let script = format!(
            "<html><script>{}</script><body><div id=app></div></body></html>",
            "x=1;".repeat(1000)
        );
        assert!(matches!(extract(&script), Err(PageError::MostlyScript { .. })));
        assert!(extract("").is_err());
        assert!(extract("<<<&&&;;;</></p></div>").is_err());
    }

    #[test]
    fn legacy_encodings_are_read_as_declared() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>".to_vec();
        page.extend_from_slice(
            b"Fran\xe7ois Hollande met \x93the press\x94 in Paris.</p></body></html>",
        );
        let text = decode_declared(&page, "not UTF-8").unwrap();
        assert!(text.contains("François Hollande met “the press”"), "{text}");
        let unknown = b"<meta charset=klingon><p>caf\xe9</p>";
        let why = decode_declared(unknown, "not UTF-8").unwrap_err();
        assert!(why.contains("(\"klingon\") is not a known encoding"), "{why}");
        let none = b"<p>caf\xe9</p>";
        assert_eq!(decode_declared(none, "not UTF-8").unwrap_err(), "not UTF-8");
        let lying =
            b"<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><p>caf\xe9</p>";
        assert!(decode_declared(lying, "not UTF-8").unwrap_err().contains("declares \"utf-8\""));
    }

    #[test]
    fn line_breaks_and_blocks() {
        let html = format!("<p>{PROSE}<br>Second line</p><ul><li>one item here<li>another</ul>");
        let p = page(&html);
        assert_eq!(p.text, format!("{PROSE}\nSecond line\n\none item here\n\nanother"));
    }
}
