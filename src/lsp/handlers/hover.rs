//! Hover: Markdown cards for actors (who, roles per outlet, spellings, mentions, quotes, why
//! linked) and figures (range, what it counts, the other outlets' figures). Nothing on
//! ordinary words.

use super::{offset_in, on_article};
use crate::analysis::query::{self, ActorCard, FigureCard};
use crate::analysis::{Snapshot, Target};
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

pub(crate) async fn handle(state: &GlobalState, params: HoverParams) -> Result<Option<Hover>> {
    let tp = params.text_document_position_params;
    on_article(state, "hover", &tp.text_document.uri, move |p, i| {
        let off = offset_in(p, i, tp.position)?;
        hover(&p.snapshot, i, off, p.encoding)
    })
    .await
}

/// Escapes Markdown punctuation in text taken from articles.
pub(crate) fn md(s: &str) -> String {
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
        if o == l {
            l.clone()
        } else {
            format!("{o} ({l})")
        }
    })
}

/// How many items of one list a hover shows; on a story of thousands of articles an actor is
/// named in thousands of them, and a card must stay a card.
const SHOWN: usize = 8;

/// The first `SHOWN` items joined by `sep`, then "and N more".
fn capped(items: impl ExactSizeIterator<Item = String>, sep: &str) -> String {
    let total = items.len();
    let mut out: Vec<String> = items.take(SHOWN).collect();
    if total > SHOWN {
        out.push(format!("and {} more", total - SHOWN));
    }
    out.join(sep)
}

pub(crate) fn actor_markdown(snap: &Snapshot, card: &ActorCard) -> String {
    let mut lines = vec![format!("**{}** · {}", md(&card.name), card.kind.as_str())];
    if !card.roles.is_empty() {
        let roles = card.roles.iter().map(|r| {
            format!(
                "{} — {}",
                md(&r.role),
                capped(r.articles.iter().map(|&a| md(&outlet(snap, a))), ", ")
            )
        });
        lines.push(capped(roles, "; "));
    }
    if !card.spellings.is_empty() {
        let s = card.spellings.iter().map(|s| {
            format!(
                "*{}* ({})",
                md(&s.text),
                capped(s.articles.iter().map(|&a| md(&label(snap, a))), ", ")
            )
        });
        lines.push(format!("Spellings: {}", capped(s, " · ")));
    }
    if !card.mentions.is_empty() {
        let m =
            card.mentions.iter().map(|c| format!("{} ×{}", md(&label(snap, c.article)), c.count));
        lines.push(format!("Mentions: {}", capped(m, " · ")));
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

pub(crate) fn figure_markdown(snap: &Snapshot, card: &FigureCard) -> String {
    let mut lines = vec![format!("**{}** · {}", md(&card.text), card.kind.as_str())];
    let qualifier = card.qualifier.as_str().replace('_', " ");
    lines.push(format!("Range: {} ({})", md(&card.range), qualifier));
    let what: Vec<String> = [
        card.counts.as_deref(),
        card.predicate.as_deref(),
        card.place.as_deref().map(|p| format!("in {p}")).as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(md)
    .collect();
    if !what.is_empty() {
        lines.push(format!("Counts: {}", what.join(" · ")));
    }
    if let Some(frame) = &card.frame {
        lines.push(format!("Measures: {}", md(&frame.describe())));
    }
    if let Some(k) = &card.key {
        lines.push(format!("Quantity: `{}`", k.to_string().replace('`', "'")));
    }
    if !card.others.is_empty() {
        lines.push("Other outlets:".to_string());
        for o in card.others.iter().take(SHOWN) {
            let verdict = if o.agrees { "agrees" } else { "disagrees" };
            let range =
                if o.range == o.text { String::new() } else { format!(" ({})", md(&o.range)) };
            lines.push(format!(
                "- {}: {}{} — {}",
                md(&outlet(snap, o.at.article)),
                md(&o.text),
                range,
                verdict
            ));
        }
        let shown = card.others.len().min(SHOWN);
        if card.others_total > shown {
            let agreeing =
                card.others_agreeing - card.others.iter().take(shown).filter(|o| o.agrees).count();
            let more = card.others_total - shown;
            lines.push(format!(
                "- and {more} more ({agreeing} agree, {} disagree)",
                more - agreeing
            ));
        }
    }
    if !card.not_compared.is_empty() {
        lines.push("Not compared with:".to_string());
        for n in &card.not_compared {
            lines.push(format!(
                "- {}: {} — {}",
                md(&outlet(snap, n.at.article)),
                md(&n.text),
                md(&n.why)
            ));
        }
    }
    lines.join("  \n")
}

/// The hover at byte `offset` of article `article`: the actor's or figure's card, with the
/// notes that apply there (on the quoted text, the actor, or the figure's quantity); over
/// text that only a note is anchored to, the notes alone.
pub(crate) fn hover(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    enc: Encoding,
) -> Option<Hover> {
    let a = &snap.articles.get(article)?.article;
    let uses = crate::analysis::notes::resolve(snap);
    let (mut value, span, actor, key) = match query::target_at(snap, article, offset) {
        Some(Target::Mention { mention, actor }) => {
            let card = query::actor_card(snap, actor)?;
            let span = snap.articles[article].actors.mentions.get(mention)?.span.clone();
            (actor_markdown(snap, &card), span, Some(actor), None)
        }
        Some(Target::Figure { figure }) => {
            let card = query::figure_card(snap, article, figure)?;
            let span = card.at.span.clone();
            let key = card.key.clone();
            (figure_markdown(snap, &card), span, None, key)
        }
        None => {
            // text a note is anchored to: the notes alone, over the anchored stretch
            let i = *crate::analysis::notes::touching(&uses, article, &(offset..offset)).first()?;
            let place = uses[i].places.iter().find(|p| p.article == article)?.span.clone();
            (String::new(), place, None, None)
        }
    };
    let notes: Vec<usize> = uses
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            (actor.is_some() && u.actor == actor)
                || key.as_ref().is_some_and(|k| {
                    matches!(&snap.config.notes[u.index].anchor, crate::notes::Anchor::Quantity(q) if *q == k.to_string())
                })
                || (matches!(snap.config.notes[u.index].anchor, crate::notes::Anchor::Text(_))
                    && u.places.iter().any(|p| {
                        p.article == article && p.span.start <= span.end && span.start <= p.span.end
                    }))
        })
        .map(|(i, _)| i)
        .collect();
    if !notes.is_empty() {
        if !value.is_empty() {
            value.push_str("\n\n---\n\n");
        }
        value.push_str(&notes_markdown(snap, &uses, &notes));
    }
    if value.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(convert::range(a, &span, enc)),
    })
}

/// The notes `which` (indices into `uses`): number, verdict, text, sources, author and date.
pub(crate) fn notes_markdown(
    snap: &Snapshot,
    uses: &[crate::analysis::notes::NoteUse],
    which: &[usize],
) -> String {
    let mut blocks = Vec::new();
    for &i in which.iter().take(SHOWN) {
        let note = &snap.config.notes[uses[i].index];
        let verdict =
            note.verdict.as_deref().map(|v| format!(" · **{}**", md(v))).unwrap_or_default();
        let mut lines = vec![format!(
            "📝 **Note {}**{verdict} — {}",
            uses[i].index + 1,
            md(&note.anchor.describe())
        )];
        if !note.note.is_empty() {
            lines.push(md(&note.note));
        }
        if !note.sources.is_empty() {
            lines.push(format!(
                "Sources: {}",
                note.sources.iter().map(|s| md(s)).collect::<Vec<_>>().join(" · ")
            ));
        }
        let by: Vec<String> =
            note.author.iter().map(|a| md(a)).chain(note.date.map(|d| d.to_string())).collect();
        if !by.is_empty() {
            lines.push(format!("— {}", by.join(", ")));
        }
        blocks.push(lines.join("  \n"));
    }
    blocks.join("\n\n")
}
