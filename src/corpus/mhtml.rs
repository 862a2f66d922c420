//! Single-file saved pages (`.mhtml`, `.mht`, what Chrome's "Save page as… Webpage, single
//! file" writes): a MIME `multipart/related` message whose first `text/html` part is the page,
//! usually quoted-printable. `mail-parser` finds the part and its byte range in the file; the
//! transfer encoding is undone here with a [`SourceMap`] from the page's bytes to the file's,
//! which the page's own map is then composed with, so positions land in the `.mhtml` file.

use super::source_map::SourceMap;
use mail_parser::{MessageParser, MimeHeaders};

/// True for the file names read as single-file pages.
pub fn is_mhtml_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".mhtml") || lower.ends_with(".mht")
}

/// The page inside an archive and the map from its bytes to the archive's.
#[derive(Debug, Clone)]
pub struct Unpacked {
    pub html: String,
    pub map: SourceMap,
}

/// The first `text/html` part of `source`, decoded; or why there is none.
pub fn unpack(source: &str) -> Result<Unpacked, String> {
    let message = MessageParser::default()
        .parse(source.as_bytes())
        .ok_or("not a MIME message (an .mhtml file starts with MIME headers); skipped")?;
    let part = message
        .parts
        .iter()
        .find(|p| {
            p.content_type().is_some_and(|t| {
                t.ctype().eq_ignore_ascii_case("text")
                    && t.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html"))
            })
        })
        .ok_or("no HTML page in this MHTML archive; skipped")?;
    let (start, end) = (part.offset_body as usize, part.offset_end as usize);
    let body = source.as_bytes().get(start..end.max(start)).unwrap_or_default();
    let encoding = part.content_transfer_encoding().unwrap_or("").trim().to_ascii_lowercase();
    let (bytes, runs) = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body, start),
        "base64" => return Err("the page in this MHTML archive is base64-encoded, which crosswire does not read yet; skipped".into()),
        _ => (body.to_vec(), vec![Run { text_len: body.len(), source: start..end, verbatim: true }]),
    };
    let html = String::from_utf8(bytes)
        .map_err(|_| "the page in this MHTML archive is not UTF-8 text; skipped".to_string())?;
    let map = map_of(&html, &runs, source.len());
    Ok(Unpacked { html, map })
}

#[derive(Debug, Clone)]
struct Run {
    text_len: usize,
    source: std::ops::Range<usize>,
    verbatim: bool,
}

/// Quoted-printable decoding (RFC 2045 §6.7) of `body`, found at `at` in the file, with the
/// runs of output and the file bytes each stands for.
fn quoted_printable(body: &[u8], at: usize) -> (Vec<u8>, Vec<Run>) {
    let mut out = Vec::with_capacity(body.len());
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    let hex = |b: u8| (b as char).to_digit(16);
    while i < body.len() {
        if body[i] == b'=' {
            let rest = &body[i + 1..];
            let soft = if rest.starts_with(b"\r\n") {
                Some(3)
            } else if rest.starts_with(b"\n") {
                Some(2)
            } else {
                None
            };
            if let Some(len) = soft {
                i += len;
                continue;
            }
            if let (Some(h), Some(l)) =
                (rest.first().and_then(|&b| hex(b)), rest.get(1).and_then(|&b| hex(b)))
            {
                out.push((h * 16 + l) as u8);
                runs.push(Run { text_len: 1, source: at + i..at + i + 3, verbatim: false });
                i += 3;
                continue;
            }
        }
        // a literal byte: extends the last literal run when it follows it
        out.push(body[i]);
        match runs.last_mut() {
            Some(r) if r.verbatim && r.source.end == at + i => {
                r.text_len += 1;
                r.source.end += 1;
            }
            _ => runs.push(Run { text_len: 1, source: at + i..at + i + 1, verbatim: true }),
        }
        i += 1;
    }
    (out, runs)
}

/// The map of decoded `text` built from `runs`, with runs that split a character merged into
/// one replaced piece (`=C3=A9` is one `é`), so that every mapped offset is a character start.
fn map_of(text: &str, runs: &[Run], source_len: usize) -> SourceMap {
    let mut map = SourceMap::new(source_len);
    let mut pending: Option<(usize, std::ops::Range<usize>)> = None;
    let mut at = 0;
    for run in runs {
        let end = at + run.text_len;
        let whole = text.is_char_boundary(at) && text.is_char_boundary(end);
        if pending.is_none() && whole {
            if run.verbatim {
                map.push_verbatim(run.source.start, run.text_len);
            } else {
                map.push_replaced(run.text_len, run.source.clone());
            }
        } else {
            let (len, span) = pending.get_or_insert((0, run.source.start..run.source.start));
            *len += run.text_len;
            span.end = run.source.end;
            if text.is_char_boundary(end) {
                if let Some((len, span)) = pending.take() {
                    map.push_replaced(len, span);
                }
            }
        }
        at = end;
    }
    if let Some((len, span)) = pending {
        map.push_replaced(len, span);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "From: <Saved by Blink>\r\nSubject: Talks\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--\"\r\n\r\n\
        ------B--\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\r\n\
        <html><body><p class=3D\"x\">Fran=C3=A7ois Hollande said the talks ended, and that the fig=\r\n\
        hting went on.</p></body></html>\r\n------B--\r\nContent-Type: text/css\r\n\r\np{}\r\n------B----\r\n";

    #[test]
    fn the_page_is_decoded_with_its_map_to_the_archive() {
        let u = unpack(ARCHIVE).unwrap();
        assert!(u.html.contains("<p class=\"x\">François Hollande"), "{}", u.html);
        assert!(u.html.contains("the fighting went on"), "{}", u.html);
        let at = |needle: &str| {
            let s = u.html.find(needle).unwrap();
            ARCHIVE[u.map.to_source(&(s..s + needle.len()))].to_string()
        };
        assert_eq!(at("ç"), "=C3=A7");
        assert_eq!(at("François"), "Fran=C3=A7ois");
        assert_eq!(at("fighting"), "fig=\r\nhting");
        assert_eq!(at("class=\"x\""), "class=3D\"x\"");
    }

    #[test]
    fn archives_without_a_page_are_refused() {
        assert!(unpack("not mime at all").is_err());
        let css_only = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/css\r\n\r\np{}\r\n--b--\r\n";
        assert!(unpack(css_only).unwrap_err().contains("no HTML page"));
    }
}
