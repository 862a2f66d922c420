//! crosswire: cross-examines the coverage of one event across news outlets.
//!
//! Layers, bottom up (see ARCHITECTURE.md):
//! - [`text`]: byte offsets ↔ lines/columns, sentence and word segmentation;
//! - [`corpus`]: loading files, per-article metadata and boilerplate;
//! - [`actors`], [`figures`]: per-article detection, then corpus-wide linking by key;
//! - [`findings`]: comparisons of figures across outlets;
//! - [`analysis`]: the incremental workspace that ties the above together and answers queries;
//! - [`cli`], [`lsp`]: thin translators of analysis results into terminal output and LSP
//!   ([`json_splice`]: how both write JSON too large to hold as one value).
//!
//! Everything below `cli` and `lsp` speaks byte offsets and plain data: no LSP or terminal types.

pub mod actors;
pub mod analysis;
pub mod cli;
pub mod config;
pub mod config_edit;
pub mod confine;
pub mod corpus;
pub mod figures;
pub mod findings;
pub mod json_splice;
pub mod lsp;
pub mod notes;
pub mod text;
