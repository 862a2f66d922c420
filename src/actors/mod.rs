//! Named actors: people, organisations, states (and places and groups, which are found so they
//! are not mistaken for people). Two stages, so that an edit re-runs only the first on one
//! article:
//! - [`detect`] (per article, pure): mentions, their kinds, roles, quotes, and the article's own
//!   entities (mentions of one actor within the article, each link with its reason);
//! - [`link`] (corpus): entities of all articles joined into actors through normalised keys
//!   (hash lookups, never all pairs), each join with its reason.

mod model;

pub use model::*;

use crate::config::Config;
use crate::text::Span;

/// Finds the actors of one article. `excluded` are byte ranges to skip (boilerplate, code).
pub fn detect(text: &str, excluded: &[Span]) -> ArticleActors {
    let _ = (text, excluded);
    ArticleActors::default()
}

/// Joins the entities of every article into corpus-wide actors. `articles[i]` is the detection
/// result of article `i`; `labels[i]` its short label for link reasons ("000").
pub fn link(articles: &[&ArticleActors], labels: &[&str], config: &Config) -> Linked {
    let _ = (articles, labels, config);
    Linked::default()
}
