//! Hover: Markdown cards for actors (who, roles per outlet, spellings, mentions, quotes, why
//! linked) and figures (range, what it counts, the other outlets' figures). Nothing on
//! ordinary words.

use super::convert;
use crate::analysis::query::{self, ActorCard, FigureCard};
use crate::analysis::{Snapshot, Target};
use crate::text::Encoding;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// Escapes Markdown punctuation in text taken from articles.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '#' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

fn label(snap: &Snapshot, article: usize) -> String {
    snap.articles.get(article).map_or_else(String::new, |a| a.article.meta.label.clone())
}

/// "USPA News (002)", or just "001" when the outlet is only known by the article's label.
fn outlet(snap: &Snapshot, article: usize) -> String {
    snap.articles.get(article).map_or_else(String::new, |a| {
        let (o, l) = (a.article.outlet(), &a.article.meta.label);
        if o == l { l.clone() } else { format!("{o} ({l})") }
    })
}

pub fn actor_markdown(snap: &Snapshot, card: &ActorCard) -> String {
    let mut lines = vec![format!("**{}** · {}", md(&card.name), card.kind.as_str())];
    if !card.roles.is_empty() {
        let roles: Vec<String> = card
            .roles
            .iter()
            .map(|r| format!("{} — {}", md(&r.role), r.articles.iter().map(|&a| md(&outlet(snap, a))).collect::<Vec<_>>().join(", ")))
            .collect();
        lines.push(roles.join("; "));
    }
    if !card.spellings.is_empty() {
        let s: Vec<String> = card
            .spellings
            .iter()
            .map(|s| format!("*{}* ({})", md(&s.text), s.articles.iter().map(|&a| md(&label(snap, a))).collect::<Vec<_>>().join(", ")))
            .collect();
        lines.push(format!("Spellings: {}", s.join(" · ")));
    }
    if !card.mentions.is_empty() {
        let m: Vec<String> = card.mentions.iter().map(|c| format!("{} ×{}", md(&label(snap, c.article)), c.count)).collect();
        lines.push(format!("Mentions: {}", m.join(" · ")));
    }
    for (a, q) in card.quotes.iter().take(5) {
        lines.push(format!("Quoted: “{}” ({})", md(q), md(&label(snap, *a))));
    }
    if !card.reasons.is_empty() {
        let r: Vec<String> = card.reasons.iter().take(4).map(|r| md(r)).collect();
        lines.push(format!("Linked: {}", r.join("; ")));
    }
    lines.join("  \n")
}

pub fn figure_markdown(snap: &Snapshot, card: &FigureCard) -> String {
    let kind = serde_json::to_value(card.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let mut lines = vec![format!("**{}** · {}", md(&card.text), kind)];
    let qualifier = card.qualifier.as_str().replace('_', " ");
    lines.push(format!("Range: {} ({})", md(&card.range), qualifier));
    let what: Vec<String> = [card.counts.as_deref(), card.predicate.as_deref(), card.place.as_deref().map(|p| format!("in {p}")).as_deref()]
        .into_iter()
        .flatten()
        .map(md)
        .collect();
    if !what.is_empty() {
        lines.push(format!("Counts: {}", what.join(" · ")));
    }
    if let Some(k) = &card.key {
        lines.push(format!("Quantity: `{}`", k.replace('`', "'")));
    }
    if !card.others.is_empty() {
        lines.push("Other outlets:".to_string());
        for o in &card.others {
            let verdict = if o.agrees { "agrees" } else { "disagrees" };
            let range = if o.range == o.text { String::new() } else { format!(" ({})", md(&o.range)) };
            lines.push(format!("- {}: {}{} — {}", md(&outlet(snap, o.at.article)), md(&o.text), range, verdict));
        }
    }
    lines.join("  \n")
}

/// The hover at byte `offset` of article `article`.
pub fn hover(snap: &Snapshot, article: usize, offset: usize, enc: Encoding) -> Option<Hover> {
    let a = &snap.articles.get(article)?.article;
    let (value, span) = match query::target_at(snap, article, offset)? {
        Target::Mention { mention, actor } => {
            let card = query::actor_card(snap, actor)?;
            let span = snap.articles[article].actors.mentions.get(mention)?.span.clone();
            (actor_markdown(snap, &card), span)
        }
        Target::Figure { figure } => {
            let card = query::figure_card(snap, article, figure)?;
            let span = card.at.span.clone();
            (figure_markdown(snap, &card), span)
        }
    };
    Some(Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }), range: Some(convert::range(a, &span, enc)) })
}
