//! Work-done progress (`$/progress`) while the workspace is indexed, when the client
//! supports `window.workDoneProgress`; silent otherwise.
//!
//! The worker never waits for the client here: creating the token is a request to the client,
//! and requests waiting for the worker could fill the server's concurrency slots and stop the
//! reader from ever reading the answer. So a separate task owns the progress: it asks for the
//! token, then reports whatever the worker has sent it meanwhile (latest first), and ends the
//! progress when the worker is done.

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{NumberOrString, ProgressToken};
use tower_lsp_server::Client;

pub(crate) struct Indexing {
    tx: Option<mpsc::UnboundedSender<(usize, usize)>>,
}

impl Indexing {
    /// Starts a progress for `total` articles (no-op when unsupported).
    pub(crate) fn begin(client: &Client, supported: bool, serial: u64, total: usize) -> Indexing {
        if !supported {
            return Indexing { tx: None };
        }
        let (tx, mut rx) = mpsc::unbounded_channel::<(usize, usize)>();
        let client = client.clone();
        tokio::spawn(async move {
            let token: ProgressToken = NumberOrString::String(format!("crosswire/index/{serial}"));
            if client.create_work_done_progress(token.clone()).await.is_err() {
                return;
            }
            let ongoing = client
                .progress(token, "crosswire")
                .with_message(format!("indexing {total} articles"))
                .with_percentage(0)
                .begin()
                .await;
            let mut last = 0;
            while let Some((mut done, mut total)) = rx.recv().await {
                while let Ok((d, t)) = rx.try_recv() {
                    (done, total) = (d, t); // only the latest matters
                }
                let pct = (done * 100).checked_div(total).map_or(100, |p| p.min(100) as u32);
                if pct > last {
                    last = pct;
                    ongoing.report_with_message(format!("{done}/{total} articles"), pct).await;
                }
            }
            ongoing.finish_with_message(format!("{total} articles indexed")).await;
        });
        Indexing { tx: Some(tx) }
    }

    pub(crate) fn report(&self, done: usize, total: usize) {
        if let Some(tx) = &self.tx {
            let _ = tx.send((done, total));
        }
    }

    /// Ends the progress (once the reporting task has caught up).
    pub(crate) fn finish(self) {}
}
