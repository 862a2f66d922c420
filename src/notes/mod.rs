//! Notes and verdicts: what a fact-checker records about the coverage, kept in
//! `crosswire.json` (the articles are never written) and shown wherever it applies.
//!
//! A note is anchored by what the text says, not by offsets ([`Anchor`]): a quote with a
//! little context in one article (found again after edits, [`locate`]), an actor (every
//! mention of it, in every article) or a compared quantity (every figure of it). This module
//! is the notes as data and the search for a quote; where each note of a snapshot applies, and
//! which are stale, is `analysis::notes` (it needs the corpus).

mod locate;
mod model;

pub use locate::{file_name, locate, locate_within, Found, Located, CONTEXT_BYTES, FUZZY_BUDGET};
pub use model::{Anchor, Note, NoteDate, Rating, TextAnchor, Verdicts};
