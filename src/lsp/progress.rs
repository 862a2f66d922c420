//! Work-done progress (`$/progress`) while the workspace is indexed, when the client
//! supports `window.workDoneProgress`; silent otherwise.

use tower_lsp_server::ls_types::{NumberOrString, ProgressToken};
use tower_lsp_server::{Bounded, Client, NotCancellable, OngoingProgress};

pub struct Indexing {
    ongoing: Option<OngoingProgress<Bounded, NotCancellable>>,
    last: u32,
}

impl Indexing {
    /// Begins a progress named `title` with `total` articles to go (no-op when unsupported).
    pub async fn begin(client: &Client, supported: bool, serial: u64, total: usize) -> Indexing {
        if !supported {
            return Indexing { ongoing: None, last: 0 };
        }
        let token: ProgressToken = NumberOrString::String(format!("crosswire/index/{serial}"));
        if client.create_work_done_progress(token.clone()).await.is_err() {
            return Indexing { ongoing: None, last: 0 };
        }
        let ongoing = client
            .progress(token, "crosswire")
            .with_message(format!("indexing {total} articles"))
            .with_percentage(0)
            .begin()
            .await;
        Indexing { ongoing: Some(ongoing), last: 0 }
    }

    pub async fn report(&mut self, done: usize, total: usize) {
        let pct = (done * 100).checked_div(total).map_or(100, |p| p.min(100) as u32);
        if let Some(o) = &self.ongoing {
            if pct > self.last || done == 0 {
                self.last = pct;
                o.report_with_message(format!("{done}/{total} articles"), pct).await;
            }
        }
    }

    pub async fn finish(self, message: String) {
        if let Some(o) = self.ongoing {
            o.finish_with_message(message).await;
        }
    }
}
