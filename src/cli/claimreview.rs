//! `crosswire export claimreview`: schema.org `ClaimReview` JSON-LD for every note with a
//! verdict, in the structure Google's Fact Check tools read: `claimReviewed`, `reviewRating`
//! (`alternateName` the verdict; for a rated verdict `ratingValue` its place on the scale,
//! `bestRating`, `worstRating`), `url` (the publishing page, with a jump to the note),
//! `itemReviewed` a `Claim` whose `appearance`s are the articles it stands in (their URL when
//! known, the outlet as `author`, `datePublished`), the note's author and date.

use crate::analysis::notes::NoteUse;
use crate::analysis::Snapshot;
use crate::notes::{Anchor, Rating};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The ClaimReviews of `uses` (stale notes and notes without a verdict are not reviews of
/// anything found: left out, and the stale ones named in `skipped`).
pub fn reviews(snap: &Snapshot, uses: &[NoteUse], url: &str, skipped: &mut Vec<String>) -> Value {
    let mut out = Vec::new();
    for u in uses {
        let note = &snap.config.notes[u.index];
        let Some(verdict) = &note.verdict else { continue };
        if let Some(m) = u.stale_message(note) {
            skipped.push(m);
            continue;
        }
        let mut rating = Map::new();
        rating.insert("@type".into(), json!("Rating"));
        rating.insert("alternateName".into(), json!(verdict));
        rating.insert("name".into(), json!(verdict));
        if let Some(Rating::Rated { value, best }) = snap.config.verdicts.rating(verdict) {
            rating.insert("ratingValue".into(), json!(value));
            rating.insert("bestRating".into(), json!(best));
            rating.insert("worstRating".into(), json!(1));
        }
        // the articles the claim stands in, each once, earliest first
        let articles: BTreeSet<usize> = u.places.iter().map(|p| p.article).collect();
        let mut appearances: Vec<(Option<crate::corpus::Date>, Value)> =
            articles.into_iter().map(|a| appearance(snap, a)).collect();
        appearances
            .sort_by_key(|(date, _)| date.map_or(i64::MAX, |d| d.0.num_days_from_ce() as i64));
        let mut claim = Map::new();
        claim.insert("@type".into(), json!("Claim"));
        if let Some((date, first)) = appearances.first() {
            if let Some(author) = first.get("author") {
                claim.insert("author".into(), author.clone());
            }
            if let Some(d) = date {
                claim.insert("datePublished".into(), json!(d.to_string()));
            }
            claim.insert("firstAppearance".into(), first.clone());
        }
        claim.insert(
            "appearance".into(),
            Value::Array(appearances.into_iter().map(|(_, v)| v).collect()),
        );
        let mut review = Map::new();
        review.insert("@context".into(), json!("https://schema.org"));
        review.insert("@type".into(), json!("ClaimReview"));
        review.insert(
            "url".into(),
            json!(format!("{}#note-{}", url.split('#').next().unwrap_or(url), u.index + 1)),
        );
        review.insert("claimReviewed".into(), json!(claim_reviewed(snap, u)));
        review.insert("itemReviewed".into(), Value::Object(claim));
        review.insert("reviewRating".into(), Value::Object(rating));
        if !note.note.is_empty() {
            review.insert("reviewBody".into(), json!(note.note));
        }
        if let Some(author) = &note.author {
            review.insert("author".into(), json!({"@type": "Person", "name": author}));
        }
        if let Some(date) = note.date {
            review.insert("datePublished".into(), json!(date.to_string()));
        }
        if !note.sources.is_empty() {
            review.insert("citation".into(), json!(note.sources));
        }
        out.push(Value::Object(review));
    }
    Value::Array(out)
}

use chrono::Datelike;

/// An article as a `CreativeWork` the claim appears in.
fn appearance(snap: &Snapshot, article: usize) -> (Option<crate::corpus::Date>, Value) {
    let a = &snap.article(article).article;
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    match &a.meta.url {
        Some(url) => work.insert("url".into(), json!(url)),
        None => work.insert("name".into(), json!(crate::notes::file_name(&a.name))),
    };
    if let Some(title) = &a.meta.title {
        work.insert("headline".into(), json!(title));
    }
    work.insert("author".into(), json!({"@type": "Organization", "name": a.outlet()}));
    if let Some(d) = a.meta.date {
        work.insert("datePublished".into(), json!(d.to_string()));
    }
    (a.meta.date, Value::Object(work))
}

/// What the claim says: the quote; for a quantity, what it counts and the figures given; for
/// an actor, the name.
fn claim_reviewed(snap: &Snapshot, u: &NoteUse) -> String {
    match &snap.config.notes[u.index].anchor {
        Anchor::Text(t) => match u.places.first() {
            Some(p) => snap.article(p.article).article.text[p.span.clone()].to_string(),
            None => t.quote.clone(),
        },
        Anchor::Actor(name) => name.clone(),
        Anchor::Quantity(key) => {
            let Some(refs) = snap.quantity_written(key) else { return key.clone() };
            let Some(first) = refs.first() else { return key.clone() };
            let what = crate::findings::describe_quantity(
                &snap.article(first.article).figures[first.figure],
            );
            let mut figures: Vec<String> = Vec::new();
            for r in refs {
                let a = snap.article(r.article);
                let f = format!("{} ({})", a.figures[r.figure].text, a.article.outlet());
                if !figures.contains(&f) {
                    figures.push(f);
                }
            }
            format!("{what}: {}", figures.join(", "))
        }
    }
}
