//! A guard in front of tower-lsp-server's reader. Its framed reader stops for good at the first
//! message it cannot decode (invalid JSON, or JSON that is not a JSON-RPC message), which would
//! end the server. Here stdin is re-framed first: well-formed messages pass through unchanged
//! and in order; a malformed one is dropped (logged on stderr), and if it carried an id it is
//! replaced by a request to `crosswire/invalidMessage`, which answers that id with an
//! "invalid request" error.
//!
//! Seeing every message, it is also where the server learns that `exit` came: tower-lsp-server
//! answers `exit` itself, and the handlers still waiting on the client must then give up.

use serde_json::Value;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

pub(crate) const INVALID_METHOD: &str = "crosswire/invalidMessage";

/// Bodies larger than this are refused (and skipped) rather than buffered: four times the
/// largest article the limits allow, for JSON escapes.
const MAX_BODY: usize = 4 * crate::config::MAX_ARTICLE_BYTES_CEILING as usize;

/// What a well-formed body is.
enum Message {
    Exit,
    Other,
}

fn message(body: &[u8]) -> Option<Message> {
    match serde_json::from_slice::<Request>(body) {
        Ok(r) if r.method() == "exit" => Some(Message::Exit),
        Ok(_) => Some(Message::Other),
        Err(_) => serde_json::from_slice::<Response>(body).is_ok().then_some(Message::Other),
    }
}

async fn write_frame(out: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    out.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    out.write_all(body).await?;
    out.flush().await
}

/// Header lines longer than this are read past, not buffered: a header never needs more.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// Reads one header line into `line` (cleared first), keeping at most [`MAX_HEADER_LINE`] bytes
/// of it; an over-long line is consumed to its end and comes back empty of meaning (its bytes
/// are dropped). Returns the number of bytes consumed; 0 at end of input.
async fn read_header_line(
    input: &mut (impl AsyncBufRead + Unpin),
    line: &mut Vec<u8>,
) -> std::io::Result<usize> {
    let mut consumed = (&mut *input).take(MAX_HEADER_LINE).read_until(b'\n', line).await?;
    if line.last() == Some(&b'\n') || consumed == 0 {
        return Ok(consumed);
    }
    eprintln!("crosswire lsp: ignoring a header line of more than {MAX_HEADER_LINE} bytes");
    loop {
        line.clear();
        let n = (&mut *input).take(MAX_HEADER_LINE).read_until(b'\n', line).await?;
        consumed += n;
        if n == 0 || line.last() == Some(&b'\n') {
            line.clear();
            line.extend_from_slice(b"X-Dropped: over-long header\r\n");
            return Ok(consumed);
        }
    }
}

/// Copies framed messages from `input` to `out`, dropping malformed ones; calls `on_exit` when
/// an `exit` notification passes. Returns at end of input (or when `out` is closed).
pub(crate) async fn filter(
    mut input: impl AsyncBufRead + Unpin,
    mut out: impl AsyncWrite + Unpin,
    on_exit: impl Fn(),
) {
    let mut line = Vec::new();
    loop {
        let mut len: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            match read_header_line(&mut input, &mut line).await {
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
        let forwarded = if let Some(m) = message(&body) {
            let sent = write_frame(&mut out, &body).await;
            if matches!(m, Message::Exit) {
                on_exit();
            }
            sent
        } else {
            eprintln!("crosswire lsp: ignoring a malformed message ({len} bytes)");
            let id = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .filter(|id| id.is_number() || id.is_string());
            match id {
                Some(id) => {
                    let req =
                        serde_json::json!({ "jsonrpc": "2.0", "id": id, "method": INVALID_METHOD });
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
