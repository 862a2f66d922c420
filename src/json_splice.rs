//! A small JSON object around a large array, written without holding the array as a
//! `serde_json::Value` tree (at 10,000 articles such trees took ten to fifty times the corpus):
//! the object is serialised with a placeholder string, [`HOLE`], where the array goes, and the
//! text is split there for the array's own text to go in between. The CLI's reports
//! (`cli/json.rs`, pretty-printed) and the language server's large answers (`lsp/raw.rs`,
//! compact) are written this way.

/// The placeholder: a string none of crosswire's values holds (it opens with a NUL).
pub const HOLE: &str = "\0crosswire-hole";

/// How [`HOLE`] reads in JSON text, pretty or compact.
const HOLE_JSON: &[u8] = b"\"\\u0000crosswire-hole\"";

/// A JSON text holding [`HOLE`] split around it: the text before it and the text after it;
/// `None` when it holds none.
pub fn split_at_hole(serialised: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = memchr::memmem::find(serialised, HOLE_JSON)?;
    Some((&serialised[..at], &serialised[at + HOLE_JSON.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hole_is_found_as_serde_json_writes_it() {
        assert_eq!(serde_json::to_vec(HOLE).unwrap(), HOLE_JSON);
        let v = serde_json::json!({"b": HOLE, "a": 1});
        for text in [serde_json::to_vec(&v).unwrap(), serde_json::to_vec_pretty(&v).unwrap()] {
            let (before, after) = split_at_hole(&text).unwrap();
            assert_eq!(
                [before, b"[]", after].concat(),
                if text.contains(&b'\n') {
                    serde_json::to_vec_pretty(&serde_json::json!({"b": [], "a": 1})).unwrap()
                } else {
                    serde_json::to_vec(&serde_json::json!({"b": [], "a": 1})).unwrap()
                }
            );
        }
        assert_eq!(split_at_hole(b"{\"a\": 1}"), None);
    }
}
