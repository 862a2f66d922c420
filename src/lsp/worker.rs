//! The worker: one task that turns changes into published snapshots, strictly in order.
//!
//! Woken by the state owner, it starts at once (no debounce: the first change of a burst is
//! analysed without waiting; the changes that arrive while a step runs leave one wake-up
//! behind, and are taken together by the next step), reloads the configuration if asked, walks new folders, analyses the dirty articles on blocking threads (rayon, in
//! chunks so that indexing can report progress), hands the results back to the state owner
//! (which drops stale ones), and, once every change up to revision R is analysed, links and
//! compares on a blocking thread and publishes the snapshot of R; then diagnostics.

use super::allocator;
use super::diagnostics::Publisher;
use super::documents::{Item, Job, Outcome, Source};
use super::global_state::{GlobalState, Published};
use super::progress::Indexing;
use super::settings::{self, ConfigProblem};
use crate::analysis;
use crate::config::Config;
use crate::corpus::{Place, Roots};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use tower_lsp_server::ls_types::MessageType;

pub async fn run(shared: Arc<GlobalState>) {
    // each step runs as its own task, so that a panic in one loses that step, not the worker
    let diags = Arc::new(tokio::sync::Mutex::new(Publisher::new(shared.outbox.clone())));
    let links = Arc::new(Linking::default());
    let mut serial = 0u64;
    loop {
        shared.wake.notified().await;
        if shared.is_exiting() {
            return;
        }
        serial += 1;
        let (s, d, k) = (shared.clone(), diags.clone(), links.clone());
        let outcome = tokio::spawn(async move {
            let all = d.clone();
            let mut d = d.lock().await;
            step(&s, &mut d, &all, &k, serial).await;
        })
        .await;
        if outcome.is_err() {
            shared
                .client
                .log_message(
                    MessageType::ERROR,
                    "crosswire: internal error while analysing; the previous results stay in force",
                )
                .await;
        }
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(f).await.ok()
}

async fn step(
    shared: &Arc<GlobalState>,
    diags: &mut Publisher,
    publisher: &Arc<tokio::sync::Mutex<Publisher>>,
    links: &Arc<Linking>,
    serial: u64,
) {
    let client = &shared.client;
    // 1. configuration
    let reload = shared.documents().take_config_reload();
    if let Some((folders, settings)) = reload {
        let loaded = blocking(move || settings::load(&folders, &settings)).await;
        match loaded {
            Some(Ok(loaded)) => {
                shared.documents().set_config(loaded.config);
                if diags.config_loaded(client, &loaded.refused, shared.encoding()).await {
                    let notes: Vec<String> = loaded
                        .refused
                        .iter()
                        .map(|p| format!("crosswire: {}: {}", p.place(), p.message))
                        .collect();
                    tell(client, &notes, "refused globs").await;
                }
            }
            Some(Err(problem)) => {
                report_config_problem(shared, diags, &problem).await;
            }
            None => {}
        }
    }
    // 2. folders to walk
    let scans = shared.documents().take_scans();
    let indexing = !scans.is_empty();
    if indexing {
        let (filter, roots) = {
            let st = shared.documents();
            (st.filter(), st.roots())
        };
        let found = blocking(move || {
            scans
                .into_iter()
                .map(|(f, reread)| {
                    let (v, skipped) = settings::discover(&f, &filter, &roots);
                    (f, v, skipped, reread)
                })
                .collect::<Vec<_>>()
        })
        .await;
        let mut skipped = Vec::new();
        {
            let mut st = shared.documents();
            for (folder, paths, s, reread) in found.unwrap_or_default() {
                st.apply_scan(&folder, paths, reread);
                skipped.extend(s.into_iter().map(|e| format!("crosswire: {e}")));
            }
        }
        tell(client, &skipped, "files").await;
    }
    // 3. analysis of dirty articles
    let job = shared.documents().take_job();
    if !job.items.is_empty() {
        let total = job.items.len();
        let progress =
            Indexing::begin(client, indexing && shared.caps().work_done_progress, serial, total);
        let chunk = (total / 20).max(16);
        let mut results: Vec<(Item, Outcome)> = Vec::with_capacity(total);
        let mut done = 0;
        for items in job.items.chunks(chunk) {
            let items = items.to_vec();
            let (config, roots) = (job.config.clone(), job.roots.clone());
            let n = items.len();
            if let Some(r) = blocking(move || {
                items
                    .into_par_iter()
                    .map(|it| {
                        let o = process(&it, &config, &roots);
                        (it, o)
                    })
                    .collect::<Vec<_>>()
            })
            .await
            {
                results.extend(r);
            }
            done += n;
            progress.report(done, total);
        }
        progress.finish();
        let messages = shared.documents().apply_results(&job, results);
        tell(client, &messages, "files").await;
    }
    // 4. snapshot and diagnostics, once everything up to some revision is analysed. Findings
    // depend on figures only: they are compared first (again only for the quantity keys of the
    // articles changed since the last comparison) and published as diagnostics at once. When no
    // changed article changed what linking reads (the usual edit), the last links are kept and
    // the snapshot serves requests at once; otherwise the actors are linked in the background,
    // one linking at a time, always of the latest snapshot, which is then published for requests
    // (which wait for it). So an edit's diagnostics never wait for the linking of the corpus.
    let publishable = shared.documents().take_publishable();
    let Some(p) = publishable else { return };
    let ws = p.workspace;
    let prev = lock(&links.latest)
        .as_ref()
        .map(|l| l.snapshot.clone())
        .unwrap_or_else(|| shared.published.borrow().snapshot.clone());
    let served = shared.published.borrow().snapshot.clone();
    let built = blocking(move || {
        catch_unwind(AssertUnwindSafe(|| {
            let mut s = ws.unlinked_snapshot(Some(&prev));
            s.keep_links_of(&served);
            s
        }))
    })
    .await;
    let Some(Ok(snapshot)) = built else {
        client.log_message(MessageType::ERROR, "crosswire: comparing the articles failed (internal error); keeping the previous results").await;
        return;
    };
    let latest = Arc::new(Published {
        revision: p.revision,
        snapshot: Arc::new(snapshot),
        versions: p.versions,
        encoding: shared.encoding(),
    });
    *lock(&links.latest) = Some(latest.clone());
    let linked = latest.snapshot.is_linked();
    if linked {
        shared.publish_for_requests(latest.clone());
    }
    // crosswire.json as the editor sees it, for the notes that can no longer be found
    let config = if latest.snapshot.config.notes.is_empty() { None } else { shared.config_doc() };
    diags.publish(client, &latest, config).await;
    drop(latest);
    if linked {
        return;
    }
    let (shared, links, publisher) = (shared.clone(), links.clone(), publisher.clone());
    tokio::spawn(async move {
        let turn = links.turn.lock().await;
        // the latest snapshot now (a newer one may have come while this task waited its turn)
        let Some(target) = lock(&links.latest).clone() else { return };
        let served = shared.published.borrow().clone();
        if served.revision >= target.revision {
            return; // linked (or kept) already
        }
        let (unlinked, served) = (target.snapshot.clone(), served.snapshot.clone());
        let built = blocking(move || {
            catch_unwind(AssertUnwindSafe(|| {
                let mut s = (*unlinked).clone();
                let s = if s.keep_links_of(&served) { s } else { s.with_links() };
                // and every actor card, before a request sees these links: no hover builds one
                // (a card of an actor named in every article takes tens of milliseconds), nor
                // competes for the cores with their building
                s.warm_cards();
                s
            }))
        })
        .await;
        let Some(Ok(snapshot)) = built else {
            shared.client.log_message(MessageType::ERROR, "crosswire: linking the articles failed (internal error); keeping the previous results").await;
            return;
        };
        // the findings, hence the diagnostics, are those already published
        let linked = Arc::new(Published {
            revision: target.revision,
            snapshot: Arc::new(snapshot),
            versions: target.versions.clone(),
            encoding: target.encoding,
        });
        shared.publish_for_requests(linked.clone());
        drop(turn);
        // but notes on actors are placed only now: their hints (and whether they are stale)
        // follow the linking, unless a newer comparison was published meanwhile (holding the
        // publisher, no step runs while this is checked)
        let actor_notes = linked
            .snapshot
            .config
            .notes
            .iter()
            .any(|n| matches!(n.anchor, crate::notes::Anchor::Actor(_)));
        if actor_notes {
            let mut diags = publisher.lock().await;
            let newest = lock(&links.latest).as_ref().map(|l| l.revision);
            if newest == Some(linked.revision) {
                let config = shared.config_doc();
                diags.publish(&shared.client, &linked, config).await;
            }
        }
        // a linking frees about as much as it keeps: give the pages back
        let _ = blocking(allocator::release).await;
    });
}

/// The worker's linking in the background: the latest compared snapshot (linked or not), which
/// the next comparison starts from and the next linking links, and a lock so that one linking
/// runs at a time.
#[derive(Default)]
struct Linking {
    latest: std::sync::Mutex<Option<Arc<Published>>>,
    turn: tokio::sync::Mutex<()>,
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

async fn report_config_problem(
    shared: &Arc<GlobalState>,
    diags: &mut Publisher,
    problem: &ConfigProblem,
) {
    let msg = format!(
        "crosswire: invalid configuration in {}: {}; the last valid configuration stays in force",
        problem.place(),
        problem.message
    );
    shared.client.show_message(MessageType::ERROR, &msg).await;
    diags.config_failed(&shared.client, problem, shared.encoding()).await;
}

/// Warnings about files or settings left out: one notice names the first and counts the rest;
/// the output log holds every one.
async fn tell(client: &tower_lsp_server::Client, messages: &[String], what: &str) {
    if let Some(first) = messages.first() {
        let more = match messages.len() {
            1 => String::new(),
            n => format!(" (and {} more {what}; see the crosswire output)", n - 1),
        };
        client.show_message(MessageType::WARNING, format!("{first}{more}")).await;
    }
    for m in messages {
        client.log_message(MessageType::WARNING, m).await;
    }
}

/// Analyses one item (on a blocking thread). A panic in the core loses this article only.
pub fn process(item: &Item, config: &Config, roots: &Roots) -> Outcome {
    let (text, version) = match &item.source {
        Source::Text(t, _) if t.len() as u64 > config.limits.article_bytes() => {
            return Outcome::Dropped(Some(format!("crosswire: {}: {} bytes is over the limit of {} bytes for one article (limits.maxArticleBytes); skipped", item.key, t.len(), config.limits.article_bytes())));
        }
        Source::Text(t, v) => (t.clone(), Some(*v)),
        Source::Gone => return Outcome::Dropped(None),
        // the one place the server reads an article from disk: only where the path really
        // leads inside a workspace folder, and that canonical path is what is read
        Source::Disk(path) => match roots.place(path) {
            Place::Inside(real) => match crate::corpus::read_article(
                real,
                item.key.clone(),
                config.limits.article_bytes(),
            ) {
                Ok(f) => (f.text, None),
                Err(e) => return Outcome::Dropped(Some(format!("crosswire: {e}"))),
            },
            Place::Outside(target) => {
                return Outcome::Dropped(Some(format!("crosswire: {}: symbolic link leads outside the workspace folders (to {}); not read", item.key, target.display())));
            }
            Place::Unresolved(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Outcome::Dropped(None)
            }
            Place::Unresolved(e) => {
                return Outcome::Dropped(Some(format!("crosswire: {}: {e}; skipped", item.key)))
            }
        },
    };
    match catch_unwind(AssertUnwindSafe(|| analysis::analyze(&item.key, text, config))) {
        Ok(a) => Outcome::Analysed(Box::new(a), version),
        Err(_) => Outcome::Dropped(Some(format!(
            "crosswire: analysing {} failed (internal error); it is left out",
            item.key
        ))),
    }
}

#[allow(dead_code)]
fn _assert_job_send(j: Job) -> impl Send {
    j
}
