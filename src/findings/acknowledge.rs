//! Acknowledgements: conflicts the user has looked at and explained in `crosswire.json`.
//! An acknowledgement names the quantity and the figures as they read at the time; when the
//! figures of the finding change, the acknowledgement is stale and the finding counts again.

use super::{FigureRef, Finding};
use crate::config::Acknowledgement;

#[derive(Debug, Clone, PartialEq)]
pub enum Acknowledged {
    /// Acknowledged, and the figures are still the ones acknowledged.
    Current { note: String },
    /// Acknowledged for other figures than those the articles now give.
    Stale { note: String, was: Vec<String>, now: Vec<String> },
}

/// The distinct figure texts of a finding (its own and the related ones), sorted: what an
/// acknowledgement records and is compared with.
pub fn figure_texts(finding: &Finding, text_of: &dyn Fn(FigureRef) -> String) -> Vec<String> {
    let mut texts: Vec<String> = std::iter::once(finding.at)
        .chain(finding.related.iter().map(|r| r.at))
        .map(text_of)
        .collect();
    texts.sort();
    texts.dedup();
    texts
}

/// Marks each finding acknowledged (current or stale) by the first acknowledgement of its
/// quantity. `text_of` gives the source text of a figure.
pub fn acknowledge(
    findings: &mut [Finding],
    acks: &[Acknowledgement],
    text_of: &dyn Fn(FigureRef) -> String,
) {
    if acks.is_empty() {
        return;
    }
    for finding in findings {
        let Some(ack) = acks.iter().find(|a| a.quantity == finding.quantity) else { continue };
        let now = figure_texts(finding, text_of);
        let mut was = ack.figures.clone();
        was.sort();
        was.dedup();
        finding.acknowledged = Some(if was == now || ack.figures.is_empty() {
            Acknowledged::Current { note: ack.note.clone() }
        } else {
            Acknowledged::Stale { note: ack.note.clone(), was, now }
        });
    }
}
