//! Findings: what the comparison of figures across outlets shows.
//!
//! Figures are grouped by their quantity key (one hash pass, never all pairs). Within a group,
//! the figures of different outlets are split into agreement components: intervals that overlap,
//! directly or through a chain, agree. More than one component is a contradiction
//! (`figure-conflict`, a warning on each figure outside the largest component, related to the
//! figures it contradicts), unless the quantity is a cumulative total whose later report is the
//! higher one, weeks apart (information: totals rise). One component whose stated values still
//! differ widely is a `figure-divergence` (information).

mod acknowledge;
mod compare;

pub use acknowledge::{acknowledge, figure_texts, Acknowledged};
pub use compare::{
    comparable_keys, compare, compare_groups, describe_quantity, quantity_groups, sort_findings,
    ArticleFigures,
};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Disjoint ranges for one quantity.
    FigureConflict,
    /// Overlapping ranges whose stated values differ widely, or a cumulative total that rose.
    FigureDivergence,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FigureConflict => "figure-conflict",
            Code::FigureDivergence => "figure-divergence",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Code::FigureConflict => "Outlets give ranges for the same quantity that cannot both be true. Check the sources; if the difference is explained, acknowledge it in crosswire.json.",
            Code::FigureDivergence => "Outlets give figures for the same quantity that are compatible but far apart, or a running total that rose between reports.",
        }
    }
}

/// A figure of an article: (article index, figure index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureRef {
    pub article: usize,
    pub figure: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub at: FigureRef,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub at: FigureRef,
    pub message: String,
    pub related: Vec<Related>,
    /// The quantity key compared.
    pub quantity: String,
    /// Extra lines for people ("the ranges overlap", "reported 5 days apart").
    pub notes: Vec<String>,
    /// Whether the user acknowledged this finding in `crosswire.json`, and whether that still holds.
    pub acknowledged: Option<Acknowledged>,
}

impl Finding {
    /// Whether the finding counts against a run: not acknowledged, or acknowledged for figures
    /// that have since changed.
    pub fn is_open(&self) -> bool {
        !matches!(self.acknowledged, Some(Acknowledged::Current { .. }))
    }
}
