//! Folding spellings into comparison keys, shared by actors (names, lexicon, linking), the query
//! layer and the edits to `crosswire.json`. It lives here, below every user, so that the word
//! lists and the name tokenizer need not import each other for it.

use std::borrow::Cow;

/// Folds a spelling for comparison: ASCII (deunicode), lower case, apostrophes and dots dropped,
/// hyphens and runs of spaces made one space. "Ja’afari" → "jaafari", "U.S." → "us".
pub fn fold(text: &str) -> String {
    // deunicode leaves ASCII as it is: most words need no transliteration (nor its copy)
    let ascii: Cow<str> =
        if text.is_ascii() { Cow::Borrowed(text) } else { Cow::Owned(deunicode::deunicode(text)) };
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        match c {
            // DEL is the one ASCII character deunicode drops
            '\'' | '`' | '.' | '\u{7f}' => {}
            '-' | ' ' | '\t' | '_' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deunicode_leaves_ascii_but_del_as_it_is_so_fold_may_skip_it() {
        for c in (0u8..128).map(char::from) {
            let expected = if c == '\u{7f}' { String::new() } else { c.to_string() };
            assert_eq!(deunicode::deunicode(&c.to_string()), expected, "{c:?}");
        }
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let through_deunicode =
            |t: &str| fold(&(t.to_string() + "\u{e9}")).trim_end_matches('e').to_string();
        assert_eq!(fold(&every_ascii), through_deunicode(&every_ascii));
    }

    #[test]
    fn folds_spellings() {
        assert_eq!(fold("Ja’afari"), "jaafari");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("al-Qaeda"), "al qaeda");
    }
}
