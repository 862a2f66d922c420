//! Findings as LSP diagnostics, published for every article whose findings changed (open or
//! not), with related information at the other outlets' figures; diagnostics of articles that
//! left the index are cleared; a broken `crosswire.json` gets a diagnostic of its own.
//!
//! Acknowledgements (`crosswire.json` → `acknowledged`): a finding acknowledged for the figures
//! the articles still give is not published at all (it is settled; `crosswire check
//! --show-acknowledged` lists it). One acknowledged for other figures (stale) is published as
//! usual, its message saying the acknowledgement is stale, with the figures then and now.

use super::config::{ConfigProblem, ProblemKind};
use super::convert;
use super::raw::{self, Outbox, PublishDiagnosticsText};
use super::state::Key;
use super::worker::Published;
use crate::analysis::query::Loc;
use crate::analysis::Snapshot;
use crate::findings::{Acknowledged, Finding, Severity};
use crate::text::Encoding;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position,
    PublishDiagnosticsParams, Range, Uri,
};
use tower_lsp_server::Client;

pub const SOURCE: &str = "crosswire";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

fn figure_loc(snap: &Snapshot, r: crate::findings::FigureRef) -> Option<Loc> {
    let f = snap.articles.get(r.article)?.figures.get(r.figure)?;
    Some(Loc { article: r.article, span: f.span.clone() })
}

pub fn diagnostic(snap: &Snapshot, finding: &Finding, enc: Encoding) -> Option<Diagnostic> {
    if !finding.is_open() {
        return None; // acknowledged, figures unchanged
    }
    let at = figure_loc(snap, finding.at)?;
    let article = &snap.articles.get(at.article)?.article;
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|r| {
            let loc = figure_loc(snap, r.at)?;
            Some(DiagnosticRelatedInformation {
                location: convert::location(snap, &loc, enc)?,
                message: r.message.clone(),
            })
        })
        .collect();
    let mut message = finding.message.clone();
    for note in &finding.notes {
        message.push('\n');
        message.push_str(note);
    }
    if let Some(Acknowledged::Stale { note, was, now }) = &finding.acknowledged {
        message.push_str(&format!("\nThe acknowledgement in crosswire.json is stale: it was for {}, the articles now give {}.", was.join(", "), now.join(", ")));
        if !note.is_empty() {
            message.push_str(&format!(" (Note: {note})"));
        }
    }
    Some(Diagnostic {
        range: convert::range(article, &at.span, enc),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.as_str().to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(
            serde_json::json!({ "quantity": finding.quantity, "stale": matches!(finding.acknowledged, Some(Acknowledged::Stale { .. })) }),
        ),
    })
}

/// What was last published, so that only changes are sent.
pub struct Publisher {
    last: HashMap<Key, (Vec<Diagnostic>, Option<i32>)>,
    config: ConfigNotes,
    outbox: Arc<Outbox>,
}

impl Publisher {
    /// A publisher whose notifications go out as text through `outbox` (`raw.rs`).
    pub fn new(outbox: Arc<Outbox>) -> Publisher {
        Publisher { last: HashMap::new(), config: ConfigNotes::default(), outbox }
    }

    /// Publishes the diagnostics of a new snapshot: every article whose diagnostics (or, for
    /// an open document, version) changed, and empty lists for articles that left.
    pub async fn publish(&mut self, client: &Client, p: &Published) {
        let snap = &p.snapshot;
        // findings grouped by article once (not a scan of all findings per article)
        let mut by_article: Vec<Vec<&Finding>> = vec![Vec::new(); snap.articles.len()];
        for f in &snap.findings {
            if let Some(v) = by_article.get_mut(f.at.article) {
                v.push(f);
            }
        }
        let mut seen = HashSet::new();
        for (i, a) in snap.articles.iter().enumerate() {
            let key = a.article.name.clone();
            let mut diags: Vec<Diagnostic> =
                by_article[i].iter().filter_map(|f| diagnostic(snap, f, p.encoding)).collect();
            // a web page with no article text in it says so, at its start
            if let Some(why) = &a.article.unusable {
                diags.push(Diagnostic {
                    severity: Some(DiagnosticSeverity::WARNING),
                    code: Some(NumberOrString::String("page-without-text".into())),
                    source: Some("crosswire".into()),
                    message: why.trim_end_matches("; skipped").to_string(),
                    ..Diagnostic::default()
                });
            }
            let version = p.versions.get(&key).copied();
            seen.insert(key.clone());
            let changed = match self.last.get(&key) {
                Some((d, v)) => *d != diags || (version.is_some() && *v != version),
                None => !diags.is_empty(),
            };
            if changed {
                if let Some(uri) = convert::uri_of(&key) {
                    let text = raw::value_json(&PublishDiagnosticsParams::new(
                        uri,
                        diags.clone(),
                        version,
                    ));
                    client.send_notification::<PublishDiagnosticsText>(self.outbox.put(text)).await;
                }
            }
            self.last.insert(key, (diags, version));
        }
        let gone: Vec<Key> = self.last.keys().filter(|k| !seen.contains(*k)).cloned().collect();
        for key in gone {
            if let Some((d, _)) = self.last.remove(&key) {
                if !d.is_empty() {
                    if let Some(uri) = convert::uri_of(&key) {
                        client.publish_diagnostics(uri, Vec::new(), None).await;
                    }
                }
            }
        }
    }

    /// The configuration in force was loaded: clears its error, and shows the globs it left
    /// out (warnings on crosswire.json). True when those differ from the last ones, so that the
    /// caller tells the user once rather than at every reload.
    pub async fn config_loaded(&mut self, client: &Client, refused: &[ConfigProblem]) -> bool {
        let changed = self.config.refused != refused;
        self.config.error = None;
        self.config.refused = refused.to_vec();
        self.publish_config(client).await;
        changed
    }

    /// The configuration could not be used: shows why (the last valid one, and what it left
    /// out, stay in force).
    pub async fn config_failed(&mut self, client: &Client, error: &ConfigProblem) {
        self.config.error = Some(error.clone());
        self.publish_config(client).await;
    }

    /// Publishes the configuration's diagnostics, per file, where they changed.
    async fn publish_config(&mut self, client: &Client) {
        let mut now: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
        for p in self.config.error.iter().chain(&self.config.refused) {
            let Some(uri) = p.path.as_deref().and_then(convert::uri_of_path) else { continue };
            now.entry(uri).or_default().push(config_diagnostic(p));
        }
        for (uri, old) in &self.config.published {
            if !now.contains_key(uri) && !old.is_empty() {
                client.publish_diagnostics(uri.clone(), Vec::new(), None).await;
            }
        }
        for (uri, diags) in &now {
            if self.config.published.get(uri) != Some(diags) {
                client.publish_diagnostics(uri.clone(), diags.clone(), None).await;
            }
        }
        self.config.published = now;
    }
}

/// What was last said about the configuration.
#[derive(Default)]
struct ConfigNotes {
    error: Option<ConfigProblem>,
    refused: Vec<ConfigProblem>,
    published: HashMap<Uri, Vec<Diagnostic>>,
}

fn config_diagnostic(p: &ConfigProblem) -> Diagnostic {
    let (severity, code, message) = match p.kind {
        ProblemKind::Invalid => (
            DiagnosticSeverity::ERROR,
            "config-invalid",
            format!("{}; the last valid configuration stays in force", p.message),
        ),
        ProblemKind::Outside => (DiagnosticSeverity::WARNING, "config-outside", p.message.clone()),
    };
    Diagnostic {
        range: Range {
            start: Position { line: p.line, character: p.column },
            end: Position { line: p.line, character: p.column + p.width.max(1) },
        },
        severity: Some(severity),
        code: Some(NumberOrString::String(code.into())),
        source: Some(SOURCE.to_string()),
        message,
        ..Default::default()
    }
}
