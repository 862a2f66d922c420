//! `crosswire/debugPanic`: a request that panics, for the tests of the panic guard. Built only
//! with the `test-hooks` feature (the tests enable it), and even then only answered when the
//! environment variable `CROSSWIRE_TEST_PANIC=1` is set, else "method not found".

use super::guarded;
use crate::lsp::global_state::GlobalState;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};

pub(crate) async fn handle(state: &GlobalState) -> Result<Value> {
    if std::env::var_os("CROSSWIRE_TEST_PANIC").is_none_or(|v| v != "1") {
        return Err(Error::method_not_found());
    }
    guarded(state, "crosswire/debugPanic", || -> Value {
        panic!("crosswire/debugPanic: a panic on purpose")
    })
    .await
}
