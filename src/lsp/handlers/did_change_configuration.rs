//! `workspace/didChangeConfiguration`: the client's settings pushed, or (an empty
//! notification from a client that supports `workspace/configuration`) to be pulled.

use crate::lsp::documents::Change;
use crate::lsp::global_state::GlobalState;
use crate::lsp::settings::Settings;
use serde_json::{json, Value};
use std::sync::Arc;
use tower_lsp_server::ls_types::{ConfigurationItem, DidChangeConfigurationParams};

/// Synchronous on purpose (see the ordering notes in `handlers/mod.rs`); a pull is answered
/// later, in a task of its own.
pub(crate) fn handle(state: &Arc<GlobalState>, params: DidChangeConfigurationParams) {
    if !state.takes_notifications() {
        return;
    }
    let empty = match &params.settings {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        _ => false,
    };
    if empty && state.caps().pull_configuration {
        pull(state.clone());
    } else {
        state.apply(Change::Settings(Settings::from_client(Some(params.settings))));
    }
}

/// Asks the client for the `crosswire` settings section (pull model).
fn pull(state: Arc<GlobalState>) {
    tokio::spawn(async move {
        let items =
            vec![ConfigurationItem { scope_uri: None, section: Some("crosswire".to_string()) }];
        if let Ok(mut values) = state.client.configuration(items).await {
            let v = values.pop().filter(|v| v.is_object()).map(|v| json!({ "crosswire": v }));
            state.apply(Change::Settings(Settings::from_client(v)));
        }
    });
}
