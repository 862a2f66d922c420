//! A guard in front of tower-lsp-server's reader. Its framed reader stops for good at the first
//! message it cannot decode (invalid JSON, or JSON that is not a JSON-RPC message), which would
//! end the server. Here stdin is re-framed first: well-formed messages pass through unchanged
//! and in order; a malformed one is dropped (logged on stderr), and if it carried an id it is
//! replaced by a request to `crosswire/invalidMessage`, which answers that id with an
//! "invalid request" error.

use serde_json::Value;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

pub const INVALID_METHOD: &str = "crosswire/invalidMessage";

/// Bodies larger than this are refused (and skipped) rather than buffered.
const MAX_BODY: usize = 512 * 1024 * 1024;

fn is_message(body: &[u8]) -> bool {
    serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok()
}

async fn write_frame(out: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    out.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    out.write_all(body).await?;
    out.flush().await
}

/// Copies framed messages from `input` to `out`, dropping malformed ones. Returns at end of
/// input (or when `out` is closed).
pub async fn filter(mut input: impl AsyncBufRead + Unpin, mut out: impl AsyncWrite + Unpin) {
    let mut line = Vec::new();
    loop {
        let mut len: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = text.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    len = value.trim().parse().ok();
                }
            }
        }
        let Some(len) = len.filter(|&l| l <= MAX_BODY) else {
            eprintln!("crosswire lsp: ignoring a message without a usable Content-Length header");
            continue;
        };
        let mut body = vec![0u8; len];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        let forwarded = if is_message(&body) {
            write_frame(&mut out, &body).await
        } else {
            eprintln!("crosswire lsp: ignoring a malformed message ({len} bytes)");
            let id = serde_json::from_slice::<Value>(&body).ok().and_then(|v| v.get("id").cloned()).filter(|id| id.is_number() || id.is_string());
            match id {
                Some(id) => {
                    let req = serde_json::json!({ "jsonrpc": "2.0", "id": id, "method": INVALID_METHOD });
                    write_frame(&mut out, req.to_string().as_bytes()).await
                }
                None => Ok(()),
            }
        };
        if forwarded.is_err() {
            return;
        }
    }
}
