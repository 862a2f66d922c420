//! Markdown articles: YAML front matter and fenced or indented code blocks, which are not prose.

use crate::text::Span;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The front matter block (`---` … `---` at the very start) and its scalar fields.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub span: Span,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let body = text.strip_prefix("---")?;
    let first_nl = body.find('\n')?;
    if !body[..first_nl].trim().is_empty() {
        return None;
    }
    let rest = &body[first_nl + 1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = &rest[..offset];
            let end = 3 + first_nl + 1 + offset + line.len();
            return Some(parse_fields(yaml, 0..end));
        }
        offset += line.len();
    }
    None
}

fn parse_fields(yaml: &str, span: Span) -> FrontMatter {
    use yaml_rust2::{Yaml, YamlLoader};
    let mut fm = FrontMatter { span, ..Default::default() };
    let Ok(docs) = YamlLoader::load_from_str(yaml) else { return fm };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else { return fm };
    let field = |key: &str| -> Option<String> {
        match map.get(&Yaml::String(key.to_string()))? {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Real(r) => Some(r.clone()),
            _ => None,
        }
    };
    fm.title = field("title");
    fm.outlet = field("outlet").or_else(|| field("source")).or_else(|| field("publisher"));
    fm.date = field("date");
    fm.url = field("url");
    fm
}

/// Byte spans of code blocks.
pub fn code_blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => open = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = open.take() {
                    out.push(start..range.end);
                }
            }
            Event::Code(_) | Event::Html(_) => out.push(range),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_fields() {
        let text = "---\ntitle: Talks resume\noutlet: Reuters\ndate: 2016-10-15\n---\nBody.\n";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Talks resume"));
        assert_eq!(fm.outlet.as_deref(), Some("Reuters"));
        assert_eq!(fm.date.as_deref(), Some("2016-10-15"));
        assert_eq!(&text[fm.span.end..], "Body.\n");
    }

    #[test]
    fn code_blocks_are_found() {
        let text = "Prose 250,000.\n\n```\n275,000\n```\n";
        let blocks = code_blocks(text);
        assert_eq!(blocks.len(), 1);
        assert!(text[blocks[0].clone()].contains("275,000"));
    }
}
