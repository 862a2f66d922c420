//! Large messages written as JSON text, never held as `serde_json::Value` trees.
//!
//! tower-lsp-server turns every answer and notification into a `Value` before writing it: a
//! tree of B-tree maps, about 2.5 KB for one `Location` (an object of four maps). The answer to
//! `textDocument/references` on the most-named actor of 10,000 articles (≈ 100,000 locations)
//! came to 200 MB that way, more than the whole analysis, and the `crosswire/articles` list to
//! 40 MB. Here such a message is serialised to its text item by item (each item still goes
//! through a `Value`, one at a time, so the bytes are exactly those tower-lsp would write: keys
//! in the same sorted order), kept in the [`Outbox`] under a key, and handed to tower-lsp as a
//! [`Token`], a short string. [`Writer`], between tower-lsp and stdout, puts the text in the
//! token's place as the frame goes out, and gives the pages back once a burst has gone out.
//!
//! Three messages go this way, and only these: `textDocument/references` (routed by
//! [`TextReferences`] to a handler that answers with a [`Token`], since tower-lsp-server lets
//! no custom method replace a built-in one), `crosswire/articles`, and
//! `textDocument/publishDiagnostics` ([`PublishDiagnosticsText`]). Measured at 10,000
//! articles (`lsp-bench`, docs/performance.md): the server's peak RSS went from 377–648 MB to
//! 237 MB when these stopped going through `Value` trees; answering references through the
//! framework's own path alone takes it back to 473 MB, and doubles their latency.

use super::allocator;
use crate::json_splice;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::task::{ready, Context, Poll};
use tokio::io::AsyncWrite;

/// The text a token stands for, as it appears in a frame: a JSON string that opens with a NUL
/// (which no answer of crosswire's starts with) and this name.
const MARK: &[u8] = b"\"\\u0000crosswire-raw/";

/// Stands for a text kept in the [`Outbox`]; serialises as a JSON string.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Token(String);

/// `textDocument/publishDiagnostics` with its params as a [`Token`]: the diagnostics of one
/// article can relate to a hundred figures of other outlets, and the first publication of a
/// large corpus sends them all at once (queued faster than stdout takes them).
pub(crate) enum PublishDiagnosticsText {}

impl tower_lsp_server::ls_types::notification::Notification for PublishDiagnosticsText {
    type Params = Token;
    const METHOD: &'static str = "textDocument/publishDiagnostics";
}

/// The method [`TextReferences`] gives `textDocument/references` requests.
pub(crate) const REFERENCES_AS_TEXT: &str = "crosswire/referencesAsText";

/// Routes `textDocument/references` requests to the handler registered as
/// [`REFERENCES_AS_TEXT`], which answers with a [`Token`]; everything else goes through as it
/// is, in the same `call`, so the order of messages is untouched.
pub(crate) struct TextReferences<S>(pub S);

impl<S> tower::Service<tower_lsp_server::jsonrpc::Request> for TextReferences<S>
where
    S: tower::Service<tower_lsp_server::jsonrpc::Request>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: tower_lsp_server::jsonrpc::Request) -> Self::Future {
        if req.method() != "textDocument/references" || req.id().is_none() {
            return self.0.call(req);
        }
        let (_, id, params) = req.into_parts();
        let mut b = tower_lsp_server::jsonrpc::Request::build(REFERENCES_AS_TEXT);
        if let Some(id) = id {
            b = b.id(id);
        }
        if let Some(params) = params {
            b = b.params(params);
        }
        self.0.call(b.finish())
    }
}

/// The texts handed to tower-lsp as tokens and not yet written.
pub(crate) struct Outbox {
    texts: Mutex<HashMap<String, Vec<u8>>>,
    next: AtomicU64,
    /// Differs from run to run, so that no text in an article can name a kept one.
    nonce: u64,
}

impl Default for Outbox {
    fn default() -> Self {
        use std::hash::BuildHasher;
        // randomly keyed per process
        let nonce = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
        Outbox { texts: Mutex::default(), next: AtomicU64::new(0), nonce }
    }
}

impl Outbox {
    /// Keeps `json` (a JSON value's text) and returns the token to send in its place. Only where
    /// the message is sure to go out: a text whose message is dropped stays until exit (so not
    /// inside the cancellable part of a request handler).
    pub(crate) fn put(&self, json: Vec<u8>) -> Token {
        let key = format!(
            "crosswire-raw/{:016x}/{}",
            self.nonce,
            self.next.fetch_add(1, Ordering::Relaxed)
        );
        self.lock().insert(key.clone(), json);
        Token(format!("\0{key}"))
    }

    fn take(&self, key: &str) -> Option<Vec<u8>> {
        self.lock().remove(key)
    }

    fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<u8>>> {
        self.texts.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The text tower-lsp would write for `v` (through a `Value`, for the same key order).
pub(crate) fn value_json<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_value(v)
        .and_then(|v| serde_json::to_vec(&v))
        .unwrap_or_else(|_| b"null".to_vec())
}

/// The text of a JSON array of `items`, as [`value_json`] of the whole list would give it, one
/// item's `Value` at a time; and the number of items.
pub(crate) fn array_json<T: Serialize>(items: impl IntoIterator<Item = T>) -> (Vec<u8>, usize) {
    let mut out = vec![b'['];
    let mut n = 0;
    for item in items {
        if n > 0 {
            out.push(b',');
        }
        let v = serde_json::to_value(&item).unwrap_or_default();
        if serde_json::to_writer(&mut out, &v).is_err() {
            out.extend_from_slice(b"null");
        }
        n += 1;
    }
    out.push(b']');
    out.shrink_to_fit(); // kept until written: without the slack of growing
    (out, n)
}

/// The text of `v` (as [`value_json`]) with `text` in place of its [`HOLE`]: a small object
/// around a large list, in the key order the object's `Value` gives.
pub(crate) fn fill<T: Serialize>(v: &T, text: &[u8]) -> Vec<u8> {
    let outer = value_json(v);
    let Some((before, after)) = json_splice::split_at_hole(&outer) else { return outer };
    [before, text, after].concat()
}

/// How much of a body is looked at for a token: a token stands for the whole `result` of an
/// answer or the whole `params` of a notification, which come before the id.
const PEEK: usize = 160;
/// A frame header longer than this is not one of tower-lsp's; the rest goes through as it is.
const MAX_HEADER: usize = 1024;
/// Bytes of a write that are copied to go out with what was held back, in one write (tokio's
/// stdout hands every write to a blocking thread: one per frame, as without this writer).
const COALESCE: usize = 64 << 10;
/// Written texts that add up to this much are worth giving the pages back for.
const RELEASE_AFTER: usize = 4 << 20;

enum State {
    /// Reading a frame's header (held back).
    Header(Vec<u8>),
    /// Reading the first [`PEEK`] bytes of a body of `len` (held back with its header); with
    /// `whole`, a token was seen and the whole body is read.
    Body { header: Vec<u8>, len: usize, body: Vec<u8>, whole: bool },
    /// Passing the rest of a body through.
    Through(usize),
    /// Something that is not a frame: everything passes through.
    Opaque,
}

/// The output of tower-lsp's writer on its way to stdout: frames pass through, and a frame
/// whose `result` or `params` is a [`Token`] of `outbox` gets the kept text in its place.
pub(crate) struct Writer<W> {
    inner: W,
    outbox: std::sync::Arc<Outbox>,
    state: State,
    /// Bytes owed to `inner` before anything else: held-back frames and the bytes that follow
    /// them in the same write, and texts (chunks of their own, not copied).
    owed: std::collections::VecDeque<Vec<u8>>,
    owed_at: usize,
    /// Bytes of kept texts put in frames since the pages were last given back.
    sent: usize,
}

impl<W: AsyncWrite + Unpin> Writer<W> {
    pub(crate) fn new(inner: W, outbox: std::sync::Arc<Outbox>) -> Self {
        Writer {
            inner,
            outbox,
            state: State::Header(Vec::new()),
            owed: Default::default(),
            owed_at: 0,
            sent: 0,
        }
    }

    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some(chunk) = self.owed.front() {
            if self.owed_at < chunk.len() {
                let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &chunk[self.owed_at..]))?;
                if n == 0 {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                self.owed_at += n;
                continue;
            }
            self.owed_at = 0;
            self.owed.pop_front();
        }
        if self.sent >= RELEASE_AFTER && self.outbox.is_empty() {
            // the burst is out (its texts are dropped): hand the pages back, off this thread
            self.sent = 0;
            if let Ok(rt) = tokio::runtime::Handle::try_current() {
                rt.spawn_blocking(allocator::release);
            }
        }
        Poll::Ready(Ok(()))
    }

    /// Appends bytes to what is owed, to the last chunk unless that is a text.
    fn owe(&mut self, bytes: &[u8], text_last: &mut bool) {
        match self.owed.back_mut() {
            Some(last) if !*text_last => last.extend_from_slice(bytes),
            _ => self.owed.push_back(bytes.to_vec()),
        }
        *text_last = false;
    }

    /// A whole body with a token in it: the frame with the kept text in the token's place (as
    /// it came when the token is not one of the outbox's).
    fn substitute(&mut self, header: &[u8], body: &[u8], text_last: &mut bool) {
        let found = find(body, MARK).and_then(|at| {
            let key_at = at + MARK.len() - b"crosswire-raw/".len();
            let end = key_at + body[key_at..].iter().position(|&b| b == b'"')?;
            let key = std::str::from_utf8(&body[key_at..end]).ok()?;
            Some((at, end + 1, self.outbox.take(key)?))
        });
        let Some((start, end, text)) = found else {
            self.owe(header, text_last);
            self.owe(body, text_last);
            return;
        };
        let len = start + text.len() + (body.len() - end);
        self.sent += text.len();
        self.owe(format!("Content-Length: {len}\r\n\r\n").as_bytes(), text_last);
        self.owe(&body[..start], text_last);
        self.owed.push_back(text);
        *text_last = true;
        self.owe(&body[end..], text_last);
    }

    /// Takes bytes of `buf` (at most `room` of a body passing through) into what is owed;
    /// returns how many.
    fn take_in(&mut self, buf: &[u8], room: usize, text_last: &mut bool) -> usize {
        match std::mem::replace(&mut self.state, State::Opaque) {
            State::Header(mut h) => {
                let mut n = 0;
                while n < buf.len() && !h.ends_with(b"\r\n\r\n") && h.len() <= MAX_HEADER {
                    h.push(buf[n]);
                    n += 1;
                }
                if h.ends_with(b"\r\n\r\n") {
                    match content_length(&h) {
                        Some(0) => {
                            self.owe(&h, text_last);
                            self.state = State::Header(Vec::new());
                        }
                        Some(len) => {
                            self.state = State::Body {
                                header: h,
                                len,
                                body: Vec::with_capacity(len.min(PEEK)),
                                whole: false,
                            }
                        }
                        None => self.owe(&h, text_last),
                    }
                } else if h.len() > MAX_HEADER {
                    self.owe(&h, text_last);
                } else {
                    self.state = State::Header(h);
                }
                n
            }
            State::Body { header, len, mut body, whole } => {
                let want = if whole { len } else { len.min(PEEK) };
                let n = (want - body.len()).min(buf.len());
                body.extend_from_slice(&buf[..n]);
                let marked = body.len() == want && find(&body, MARK).is_some();
                if body.len() < want || (marked && !whole && len > body.len()) {
                    self.state = State::Body { header, len, body, whole: whole || marked };
                } else if marked {
                    self.substitute(&header, &body, text_last);
                    self.state = State::Header(Vec::new());
                } else {
                    self.owe(&header, text_last);
                    self.owe(&body, text_last);
                    let rest = len - body.len();
                    self.state =
                        if rest == 0 { State::Header(Vec::new()) } else { State::Through(rest) };
                }
                n
            }
            State::Through(left) => {
                let n = left.min(buf.len()).min(room);
                self.owe(&buf[..n], text_last);
                self.state =
                    if n == left { State::Header(Vec::new()) } else { State::Through(left - n) };
                n
            }
            State::Opaque => {
                let n = buf.len().min(room);
                self.owe(&buf[..n], text_last);
                n
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn content_length(header: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(header).ok()?;
    text.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())
            .flatten()
    })
}

impl<W: AsyncWrite + Unpin> AsyncWrite for Writer<W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        ready!(this.drain(cx))?;
        // the rest of a large body: straight through, not copied
        match this.state {
            State::Opaque => return Pin::new(&mut this.inner).poll_write(cx, buf),
            State::Through(left) if left >= COALESCE => {
                let n =
                    ready!(Pin::new(&mut this.inner).poll_write(cx, &buf[..left.min(buf.len())]))?;
                this.state =
                    if n == left { State::Header(Vec::new()) } else { State::Through(left - n) };
                return Poll::Ready(Ok(n));
            }
            _ => {}
        }
        // held-back frames and what follows them, up to COALESCE copied bytes: one write
        let (mut n, mut text_last) = (0, true);
        while n < buf.len() {
            let copied: usize = this.owed.iter().map(Vec::len).sum();
            if copied >= COALESCE && matches!(this.state, State::Through(_) | State::Opaque) {
                break;
            }
            n += this.take_in(&buf[n..], COALESCE.saturating_sub(copied).max(1), &mut text_last);
        }
        if let Poll::Ready(Err(e)) = this.drain(cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(n))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_splice::HOLE;
    use serde_json::json;
    use std::sync::Arc;
    use tokio::io::AsyncWriteExt;

    fn frame(body: &[u8]) -> Vec<u8> {
        let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        v.extend_from_slice(body);
        v
    }

    /// A sink that takes at most `step` bytes per write, as a slow pipe would.
    struct Trickle {
        out: Vec<u8>,
        step: usize,
    }

    impl AsyncWrite for Trickle {
        fn poll_write(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            let n = buf.len().min(self.step);
            self.out.extend_from_slice(&buf[..n]);
            Poll::Ready(Ok(n))
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    /// What `Writer` sends on for `input` written in pieces of `piece` bytes to a sink taking
    /// `step` bytes at a time.
    fn through(outbox: Arc<Outbox>, input: &[u8], piece: usize, step: usize) -> Vec<u8> {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(async move {
            let mut w = Writer::new(Trickle { out: Vec::new(), step }, outbox);
            for chunk in input.chunks(piece) {
                w.write_all(chunk).await.unwrap();
            }
            w.flush().await.unwrap();
            w.inner.out
        })
    }

    #[test]
    fn texts_are_the_bytes_a_value_gives() {
        let items = vec![
            json!({"uri": "file:///a", "range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 5}}}),
            json!({"b": [1, 2.5, "x\u{0}\"é"], "a": null}),
        ];
        assert_eq!(
            array_json(&items),
            (serde_json::to_vec(&serde_json::to_value(&items).unwrap()).unwrap(), 2)
        );
        assert_eq!(array_json(Vec::<u8>::new()).0, b"[]");
        let outer = json!({"z": 1, "list": HOLE, "a": "b"});
        let whole = json!({"z": 1, "list": items, "a": "b"});
        assert_eq!(fill(&outer, &array_json(&items).0), serde_json::to_vec(&whole).unwrap());
    }

    #[test]
    fn a_token_is_replaced_by_its_text_and_everything_else_passes_unchanged() {
        let big: Vec<u8> = array_json((0..2000).map(|i| json!({"n": i, "s": "ä\"\\"}))).0;
        // as tower-lsp writes an answer: jsonrpc, result, id (a client may use long string ids)
        let answer = |result: serde_json::Value| {
            let id = tower_lsp_server::jsonrpc::Id::String("a long string id ".repeat(20));
            serde_json::to_vec(&tower_lsp_server::jsonrpc::Response::from_ok(id, result)).unwrap()
        };
        let plain = serde_json::to_vec(&json!({"jsonrpc": "2.0", "method": "window/logMessage", "params": {"message": "x".repeat(5000)}})).unwrap();
        let small = br#"{"jsonrpc":"2.0","result":null,"id":1}"#.to_vec();
        // token-shaped, but not the outbox's: goes out as it is
        let stranger = br#"{"jsonrpc":"2.0","result":"\u0000crosswire-raw/0/0","id":2}"#.to_vec();
        let frames =
            |bodies: &[&Vec<u8>]| bodies.iter().flat_map(|b| frame(b)).collect::<Vec<u8>>();
        let expected = frames(&[
            &plain,
            &answer(serde_json::from_slice(&big).unwrap()),
            &small,
            &stranger,
            &plain,
        ]);
        for (piece, step) in [(1 << 20, 1 << 20), (1, 1 << 20), (7, 3), (1 << 20, 1), (100, 4096)] {
            let outbox = Arc::new(Outbox::default());
            let with_token = answer(serde_json::to_value(outbox.put(big.clone())).unwrap());
            let input = frames(&[&plain, &with_token, &small, &stranger, &plain]);
            assert!(
                through(outbox.clone(), &input, piece, step) == expected,
                "pieces of {piece}, sink steps of {step}"
            );
            assert!(outbox.is_empty(), "the text is dropped once written");
            // the same frames when the outbox does not hold the token
            assert!(through(Arc::new(Outbox::default()), &input, piece, step) == input);
        }
        // a notification's params
        let outbox = Arc::new(Outbox::default());
        let token = outbox.put(b"{\"k\":1}".to_vec());
        let note = serde_json::to_vec(&json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": token})).unwrap();
        assert_eq!(
            through(outbox, &frame(&note), 5, 5),
            frame(
                br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"k":1}}"#
            )
        );
    }

    #[test]
    fn what_is_not_a_frame_passes_through() {
        let junk = b"no header here\r\n\r\n{}".to_vec();
        assert_eq!(through(Arc::new(Outbox::default()), &junk, 3, 2), junk);
        let long_header: Vec<u8> =
            [b"X-A: ".to_vec(), vec![b'a'; 3000], b"\r\nContent-Length: 2\r\n\r\n{}".to_vec()]
                .concat();
        assert_eq!(through(Arc::new(Outbox::default()), &long_header, 100, 100), long_header);
    }
}
