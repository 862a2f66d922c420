//! Named actors: people, organisations, states (and places and groups, which are found so they
//! are not mistaken for people). Two stages, so that an edit re-runs only the first on one
//! article:
//! - [`detect`] (per article, pure): mentions, their kinds, roles, quotes, and the article's own
//!   entities (mentions of one actor within the article, each link with its reason);
//! - [`link`] (corpus): entities of all articles joined into actors through normalised keys
//!   (hash lookups, never all pairs), each join with its reason.
//!
//! Inside: [`names`] tokenises and folds, [`lexicon`] holds every word list, `detect` cuts runs
//! of capitalised words into candidates, `entities` links them within the article, `roles` and
//! `quotes` attach what the text says about people, `descriptions` the nouns that stand for a
//! person (with the gender evidence of `gender`), `link` joins articles.

mod descriptions;
mod detect;
mod entities;
mod gender;
pub mod lexicon;
mod link;
mod model;
pub mod names;
mod quotes;
pub mod reasons;
pub mod recognise;
mod roles;

pub use model::*;

use crate::config::Config;
use crate::text::Span;
use std::sync::Arc;

/// Finds the actors of one article. `excluded` are byte ranges to skip (boilerplate, code).
pub fn detect(text: &str, excluded: &[Span]) -> ArticleActors {
    detect_shared(&Arc::from(text), excluded)
}

/// [`detect`] on a text held in an `Arc`, which the result shares (mentions are spans of it).
pub fn detect_shared(text: &Arc<str>, excluded: &[Span]) -> ArticleActors {
    let tokens = names::tokenize(text, excluded);
    // read once: both the candidates (sides of a game) and the entities (teams) depend on it
    let scored = detect::gives_a_score(text);
    let reading = recognise::recognise(text, excluded);
    let mut cands = detect::candidates(text, &tokens, scored, &reading);
    detect::read_model_kinds(&tokens, &mut cands, &reading);
    detect::share_kinds_in_lists(text, &tokens, &mut cands);
    detect::drop_common_words_capitalised(text, &tokens, &mut cands);
    let mut out = entities::build(text, &tokens, &cands, scored);
    roles::attach(text, &tokens, &cands, &mut out);
    quotes::read(text, &tokens, &mut out);
    descriptions::attach(text, &tokens, &mut out);
    out.text = text.clone();
    out
}

/// Joins the entities of every article into corpus-wide actors. `articles[i]` is the detection
/// result of article `i`; `labels[i]` its short label for link reasons ("000").
pub fn link(articles: &[&ArticleActors], labels: &[&str], config: &Config) -> Linked {
    link::link(articles, labels, config)
}
