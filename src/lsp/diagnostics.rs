//! Findings as LSP diagnostics, published for every article whose findings changed (open or
//! not), with related information at the other outlets' figures; diagnostics of articles that
//! left the index are cleared; a broken `crosswire.json` gets a diagnostic of its own.
//!
//! Acknowledgements (`crosswire.json` → `acknowledged`): a finding acknowledged for the figures
//! the articles still give is not published at all (it is settled; `crosswire check
//! --show-acknowledged` lists it). One acknowledged for other figures (stale) is published as
//! usual, its message saying the acknowledgement is stale, with the figures then and now.

use super::config_doc::ConfigDoc;
use super::convert;
use super::documents::Key;
use super::global_state::Published;
use super::large_answers::{self, Outbox, PublishDiagnosticsText};
use super::settings::{ConfigProblem, ProblemKind};
use crate::analysis::query::Loc;
use crate::analysis::Snapshot;
use crate::findings::{Acknowledged, Finding, Severity};
use crate::text::Encoding;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString,
    PublishDiagnosticsParams, Uri,
};
use tower_lsp_server::Client;

pub(crate) const SOURCE: &str = "crosswire";

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
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

pub(crate) fn diagnostic(snap: &Snapshot, finding: &Finding, enc: Encoding) -> Option<Diagnostic> {
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
pub(crate) struct Publisher {
    last: HashMap<Key, (Vec<Diagnostic>, Option<i32>)>,
    config: ConfigNotes,
    outbox: Arc<Outbox>,
}

impl Publisher {
    /// A publisher whose notifications go out as text through `outbox` (`large_answers.rs`).
    pub(crate) fn new(outbox: Arc<Outbox>) -> Publisher {
        Publisher { last: HashMap::new(), config: ConfigNotes::default(), outbox }
    }

    /// Publishes the diagnostics of a new snapshot: every article whose diagnostics (or, for
    /// an open document, version) changed, and empty lists for articles that left.
    ///
    /// Notes (`crosswire.json` → `notes`) are published too: a `hint` where each applies (an
    /// actor note once per article, at its first mention), and a warning on crosswire.json
    /// (`config`, the file as the editor sees it) for each note that can no longer be found.
    pub(crate) async fn publish(
        &mut self,
        client: &Client,
        p: &Published,
        config: Option<ConfigDoc>,
    ) {
        let snap = &p.snapshot;
        let uses = crate::analysis::notes::resolve(snap);
        let mut hints: Vec<Vec<Diagnostic>> = vec![Vec::new(); snap.articles.len()];
        for u in uses.iter() {
            let note = &snap.config.notes[u.index];
            let mut last_article = None;
            for place in &u.places {
                let actor_again = u.actor.is_some() && last_article == Some(place.article);
                last_article = Some(place.article);
                let (Some(v), false) = (hints.get_mut(place.article), actor_again) else {
                    continue;
                };
                if let Some(d) = note_diagnostic(snap, place, u.index, note, p.encoding) {
                    v.push(d);
                }
            }
        }
        let stale: Vec<ConfigProblem> =
            config.map(|doc| stale_problems(&uses, snap, &doc)).unwrap_or_default();
        if stale != self.config.stale {
            self.config.stale = stale;
            self.publish_config(client, p.encoding).await;
        }
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
            diags.append(&mut hints[i]);
            let version = p.versions.get(&key).copied();
            seen.insert(key.clone());
            let changed = match self.last.get(&key) {
                Some((d, v)) => *d != diags || (version.is_some() && *v != version),
                None => !diags.is_empty(),
            };
            if changed {
                if let Some(uri) = convert::uri_of(&key) {
                    let text = large_answers::value_json(&PublishDiagnosticsParams::new(
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
    pub(crate) async fn config_loaded(
        &mut self,
        client: &Client,
        refused: &[ConfigProblem],
        enc: Encoding,
    ) -> bool {
        let changed = self.config.refused != refused;
        self.config.error = None;
        self.config.refused = refused.to_vec();
        self.publish_config(client, enc).await;
        changed
    }

    /// The configuration could not be used: shows why (the last valid one, and what it left
    /// out, stay in force).
    pub(crate) async fn config_failed(
        &mut self,
        client: &Client,
        error: &ConfigProblem,
        enc: Encoding,
    ) {
        self.config.error = Some(error.clone());
        self.publish_config(client, enc).await;
    }

    /// Publishes the configuration's diagnostics, per file, where they changed.
    async fn publish_config(&mut self, client: &Client, enc: Encoding) {
        let mut now: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
        for p in self.config.error.iter().chain(&self.config.refused).chain(&self.config.stale) {
            let Some(uri) = p.path.as_deref().and_then(convert::uri_of_path) else { continue };
            now.entry(uri).or_default().push(config_diagnostic(p, enc));
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
    /// Notes whose anchor can no longer be found.
    stale: Vec<ConfigProblem>,
    published: HashMap<Uri, Vec<Diagnostic>>,
}

/// A note as a `hint` where it applies, so that it is listed in the Problems panel.
fn note_diagnostic(
    snap: &Snapshot,
    place: &Loc,
    index: usize,
    note: &crate::notes::Note,
    enc: Encoding,
) -> Option<Diagnostic> {
    let article = &snap.articles.get(place.article)?.article;
    let verdict = note.verdict.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
    let text = if note.note.is_empty() { "(no text yet)" } else { note.note.as_str() };
    Some(Diagnostic {
        range: convert::range(article, &place.span, enc),
        severity: Some(DiagnosticSeverity::HINT),
        code: Some(NumberOrString::String("note".into())),
        source: Some(SOURCE.to_string()),
        message: format!("Note {}{verdict}: {text}", index + 1),
        data: Some(serde_json::json!({ "note": index })),
        ..Default::default()
    })
}

/// A warning on crosswire.json for each note that can no longer be found, on the note's
/// anchor (its quote, actor or quantity as written in the file).
fn stale_problems(
    uses: &[crate::analysis::notes::NoteUse],
    snap: &Snapshot,
    doc: &ConfigDoc,
) -> Vec<ConfigProblem> {
    let text: Arc<str> = Arc::from(doc.text.as_deref().unwrap_or(""));
    let notes_at = text.find("\"notes\"").unwrap_or(0);
    uses.iter()
        .filter_map(|u| {
            let note = &snap.config.notes[u.index];
            let message = u.stale_message(note)?;
            let written = match &note.anchor {
                crate::notes::Anchor::Text(t) => &t.quote,
                crate::notes::Anchor::Actor(a) => a,
                crate::notes::Anchor::Quantity(q) => q,
            };
            let needle = serde_json::to_string(written).unwrap_or_default();
            let span = text[notes_at..]
                .find(&needle)
                .map_or(0..0, |i| notes_at + i..notes_at + i + needle.len());
            Some(ConfigProblem {
                path: Some(doc.path.clone()),
                span,
                text: text.clone(),
                message,
                kind: ProblemKind::StaleNote,
            })
        })
        .collect()
}

fn config_diagnostic(p: &ConfigProblem, enc: Encoding) -> Diagnostic {
    let (severity, code, message) = match p.kind {
        ProblemKind::Invalid => (
            DiagnosticSeverity::ERROR,
            "config-invalid",
            format!("{}; the last valid configuration stays in force", p.message),
        ),
        ProblemKind::Outside => (DiagnosticSeverity::WARNING, "config-outside", p.message.clone()),
        ProblemKind::StaleNote => (DiagnosticSeverity::WARNING, "note-stale", p.message.clone()),
    };
    Diagnostic {
        range: convert::problem_range(p, enc),
        severity: Some(severity),
        code: Some(NumberOrString::String(code.into())),
        source: Some(SOURCE.to_string()),
        message,
        ..Default::default()
    }
}
