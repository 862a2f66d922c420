#![no_main]
//! The language server's message loop fed arbitrary bytes, then end of input: it must neither
//! panic nor hang. The server runs in process and sandboxed (no workspace folders walked, no
//! watcher, no crosswire.json). Half the inputs go to a server that has been initialized (as a
//! client would do first, so requests reach the handlers), half to a bare one.
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let initialized = data.first().is_none_or(|b| b & 1 == 0);
    let finished = rt.block_on(async {
        let limit = Duration::from_secs(30);
        if initialized {
            tokio::time::timeout(limit, crosswire::lsp::drive_sandboxed(data)).await.is_ok()
        } else {
            let input = std::io::Cursor::new(data.to_vec());
            tokio::time::timeout(limit, crosswire::lsp::serve_sandboxed(input, tokio::io::sink())).await.is_ok()
        }
    });
    rt.shutdown_timeout(Duration::from_secs(1));
    assert!(finished, "the message loop did not end within 30 s of the end of its input");
});
