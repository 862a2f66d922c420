//! Word tokens with what name detection needs to know about each (capitalisation, possessive,
//! sentence start, headline), and the folding of name words into keys (the folding of whole
//! spellings is `text::fold`).

use super::lexicon;
use crate::text::{fold, Span};

/// Folds one word of a person's name for keys: "al-Assad" → "assad", "Ja’afari" → "jaafari".
/// Particles alone ("de", "al") fold to "".
pub fn fold_name_word(word: &str) -> String {
    let folded = fold(word);
    let mut parts: Vec<&str> = folded.split(' ').collect();
    while parts.len() > 1 && lexicon::is_particle(parts[0]) {
        parts.remove(0);
    }
    if parts.len() == 1 && lexicon::is_particle(parts[0]) {
        return String::new();
    }
    parts.concat()
}

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The word, without a possessive `’s` / `'s` / trailing `’`.
    pub span: Span,
    pub text: &'a str,
    pub possessive: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Two or more letters, all upper case ("UN", "U.S.", "ISSG").
    pub upper: bool,
    /// Separated from the previous token by spaces only, so it may continue a name.
    pub glued: bool,
    /// Opens a sentence (or a quotation), where capitals say nothing about names.
    pub sentence_start: bool,
    /// In a headline written in Title Case or capitals, where capitals say nothing either.
    pub headline: bool,
    /// A nickname quoted inside a name (Vincent "The Chin" Gigante): part of the mention, not
    /// of the name.
    pub nickname: bool,
}

/// Abbreviations that keep their full stop ("Mr.", "Gen.", "Jr.").
fn keeps_dot(word: &str) -> bool {
    lexicon::is_honorific(&format!("{word}."))
        || lexicon::is_title(&format!("{word}."))
        // a regnal numeral's full stop ends its sentence ("Niklaus and Johann II. Daniel was
        // ..."): unlike "Jr.", "II" is not written as an abbreviation
        || lexicon::is_suffix(word) && !matches!(word, "II" | "III" | "IV")
        || matches!(
            word,
            "St" | "Mt"
                | "Ft"
                | "Gov"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "No"
                | "Jan"
                | "Feb"
                | "Aug"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
        )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‑'
}

/// Splits `text` (minus `excluded` regions) into tokens, in text order. Linear.
// each branch is one way a word continues; two of them happen to do the same thing
#[allow(clippy::if_same_then_else)]
pub fn tokenize<'a>(text: &'a str, excluded: &[Span]) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut raw: Vec<(Span, bool)> = Vec::new(); // (word span, possessive)
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut seg_len = 1; // letters since the last dot, to recognise initials ("U.S.")
        let mut possessive = false;
        while j < chars.len() {
            let c = chars[j].1;
            let next = chars.get(j + 1).map(|x| x.1);
            let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
            if c.is_alphanumeric() {
                seg_len += 1;
                j += 1;
            } else if is_apostrophe(c) && next_alnum {
                let after = chars.get(j + 2).map(|x| x.1);
                if matches!(next, Some('s' | 'S')) && !after.is_some_and(|a| a.is_alphanumeric()) {
                    possessive = true;
                    break;
                }
                seg_len += 1;
                j += 1;
            } else if is_hyphen(c) && next_alnum {
                seg_len = 0;
                j += 1;
            } else if c == '.'
                && next_alnum
                && seg_len == 1
                && chars.get(j + 2).is_some_and(|x| x.1 == '.' || !x.1.is_alphanumeric())
            {
                seg_len = 0;
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(text.len(), |x| x.0);
        let word = &text[start..end];
        let is_initials = word.contains('.')
            || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
        if chars.get(j).is_some_and(|x| x.1 == '.')
            && !possessive
            && (is_initials || keeps_dot(word))
        {
            end += 1;
            j += 1;
        }
        if !possessive
            && chars.get(j).is_some_and(|x| is_apostrophe(x.1))
            && word.ends_with(['s', 'S'])
            && !chars.get(j + 1).is_some_and(|x| x.1.is_alphanumeric())
            && chars[i..j].iter().any(|x| x.1.is_uppercase())
        {
            // plural possessive: "Americans’"
            possessive = true;
        }
        if possessive {
            // skip the possessive ending so that it is never part of a name
            while j < chars.len()
                && (is_apostrophe(chars[j].1) || matches!(chars[j].1, 's' | 'S'))
                && chars[j].0 < start + word.len() + 4
            {
                j += 1;
                if chars.get(j).is_some_and(|x| !x.1.is_alphanumeric()) {
                    break;
                }
            }
        }
        raw.push((start..end, possessive));
        i = j.max(i + 1);
    }
    // capitalised words the article writes alone, unhyphenated: two of them joined by a
    // hyphen are two names ("Esther Williams-Esther Williams", "Red Sox-Teixeira Rumor")
    let alone: std::collections::HashSet<&str> = raw
        .iter()
        .map(|(span, _)| &text[span.clone()])
        .filter(|w| !w.contains(is_hyphen) && w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let mut tokens = Vec::with_capacity(raw.len());
    for (span, possessive) in raw {
        if crate::text::overlaps_any(&span, excluded) {
            continue;
        }
        split_hyphens(text, span, possessive, &alone, &mut tokens);
    }
    mark_context(text, bytes, &mut tokens);
    tokens
}

/// Splits a hyphenated word into the parts that can be names: "US-Russian" → US, Russian;
/// "Washington-backed" → Washington; "al-Qaeda-linked" → al-Qaeda; "anti-Assad" → Assad;
/// "Beau-Rivage" and "Al-Nusra" stay whole.
fn split_hyphens<'a>(
    text: &'a str,
    span: Span,
    possessive: bool,
    alone: &std::collections::HashSet<&str>,
    out: &mut Vec<Token<'a>>,
) {
    let word = &text[span.clone()];
    if !word.contains(is_hyphen) {
        out.push(token(text, span, possessive));
        return;
    }
    let mut parts: Vec<Span> = Vec::new();
    let mut s = span.start;
    for (i, c) in word.char_indices() {
        if is_hyphen(c) {
            parts.push(s..span.start + i);
            s = span.start + i + c.len_utf8();
        }
    }
    parts.push(s..span.end);
    let is_cap = |p: &Span| text[p.clone()].chars().next().is_some_and(char::is_uppercase);
    let is_known = |p: &Span| {
        let w = &text[p.clone()];
        lexicon::known(w).is_some()
            || lexicon::capital_state(w).is_some()
            || (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
    };
    let prefix = |p: &Span| {
        matches!(
            &text[p.clone()],
            "Pro" | "Anti" | "Non" | "Ex" | "Post" | "Pre" | "Mid" | "Neo" | "Pan" | "Self"
        )
    };
    let mut groups: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    let mut previous: Option<&str> = None;
    let mut pending_particle = false;
    for p in &parts {
        let w = &text[p.clone()];
        let before = previous.replace(w);
        let particle = lexicon::is_particle(w)
            && (w.chars().next().is_some_and(char::is_lowercase) || matches!(w, "Al" | "El"));
        let two_names = before.is_some_and(|b| alone.contains(b)) && alone.contains(w);
        if let Some(cur) = current.clone() {
            if !particle
                && !is_cap(p)
                && !is_tail_word(w)
                && w.chars().next().is_some_and(char::is_alphabetic)
            {
                // a lower-case part of a name: "Ki-moon"
                current = Some(cur.start..p.end);
                continue;
            }
            let join = pending_particle
                || (is_cap(p)
                    && !prefix(p)
                    && !is_known(p)
                    && !is_known(&cur)
                    && !particle
                    && !two_names);
            if join {
                current = Some(cur.start..p.end);
                pending_particle = particle;
                continue;
            }
            groups.push(cur);
            current = None;
        }
        if particle {
            current = Some(p.clone());
            pending_particle = true;
        } else if is_cap(p) && !prefix(p) {
            current = Some(p.clone());
            pending_particle = false;
        } else {
            pending_particle = false;
        }
    }
    if let Some(cur) = current {
        groups.push(cur);
    }
    let last = groups.len().saturating_sub(1);
    let ends_word = groups.last().is_some_and(|g| g.end == span.end);
    for (i, g) in groups.into_iter().enumerate() {
        out.push(token(text, g, possessive && i == last && ends_word));
    }
}

/// Lower-case second halves that make a compound adjective, not a name: "-backed", "-led".
fn is_tail_word(w: &str) -> bool {
    w.ends_with("ed")
        || matches!(
            w,
            "led"
                | "run"
                | "born"
                | "held"
                | "style"
                | "era"
                | "type"
                | "friendly"
                | "free"
                | "wide"
                | "like"
                | "based"
                | "linked"
                | "built"
                | "made"
                | "owned"
                | "bound"
                | "speaking"
                | "leaning"
                | "year"
                | "old"
        )
}

fn token(text: &str, span: Span, possessive: bool) -> Token<'_> {
    let word = &text[span.clone()];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    Token {
        text: word,
        possessive,
        cap: word.chars().next().is_some_and(char::is_uppercase),
        upper: letters >= 2 && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase),
        glued: false,
        sentence_start: false,
        headline: false,
        nickname: false,
        span,
    }
}

/// Fills `glued`, `sentence_start` and `headline`.
fn mark_context(text: &str, bytes: &[u8], tokens: &mut [Token<'_>]) {
    let _ = bytes;
    for i in 0..tokens.len() {
        let start = tokens[i].span.start;
        let prev_end = if i > 0 { tokens[i - 1].span.end } else { 0 };
        let gap = &text[prev_end.min(start)..start];
        tokens[i].glued = i > 0
            && !tokens[i - 1].possessive
            && !gap.is_empty()
            && gap.chars().all(|c| c == ' ' || c == '\u{a0}');
        tokens[i].sentence_start = opens_sentence(text, &tokens[..i], start)
            || (i > 0
                && ends_with_initials(tokens[i - 1].text)
                && tokens[i].cap
                && lexicon::is_common(tokens[i].text));
        if tokens[i].sentence_start {
            tokens[i].glued = false;
        }
    }
    mark_nicknames(text, tokens);
    // headlines: lines whose words are nearly all capitalised
    let mut line_start = 0;
    while line_start < tokens.len() {
        let line_end_byte = text[tokens[line_start].span.start..]
            .find('\n')
            .map_or(text.len(), |n| tokens[line_start].span.start + n);
        let mut end = line_start;
        while end < tokens.len() && tokens[end].span.start < line_end_byte {
            end += 1;
        }
        let line = &tokens[line_start..end];
        let content: Vec<&Token> = line
            .iter()
            .filter(|t| {
                t.text.chars().next().is_some_and(char::is_alphabetic)
                    && !(t.text.len() <= 3 && lexicon::is_common(t.text))
            })
            .collect();
        let caps = content.iter().filter(|t| t.cap).count();
        let uppers = content.iter().filter(|t| t.upper && t.text.len() >= 3).count();
        let ends_sentence = text[..line_end_byte].trim_end().ends_with(['.', '!']);
        if !ends_sentence
            && (content.len() >= 3 && caps * 4 >= content.len() * 3
                || uppers >= 2 && uppers * 4 >= content.len() * 3)
        {
            for t in &mut tokens[line_start..end] {
                t.headline = true;
            }
        }
        line_start = end.max(line_start + 1);
    }
}

/// Vincent "The Chin" Gigante, Luis Gerardo (Jerry) Ortiz: one to three capitalised words in
/// quotes or brackets between two words of a name.
fn mark_nicknames(text: &str, tokens: &mut [Token<'_>]) {
    let gap = |a: &Token<'_>, b: &Token<'_>| text[a.span.end..b.span.start].to_string();
    for i in 0..tokens.len() {
        if !tokens[i].cap || tokens[i].possessive {
            continue;
        }
        let Some(next) = tokens.get(i + 1) else { continue };
        let open = gap(&tokens[i], next);
        if !matches!(open.as_str(), " \"" | " “" | " '" | " ‘" | " (") {
            continue;
        }
        for k in i + 1..(i + 4).min(tokens.len() - 1) {
            if !tokens[k].cap {
                break;
            }
            let close = gap(&tokens[k], &tokens[k + 1]);
            if matches!(close.as_str(), "\" " | "” " | "' " | "’ " | ") ") && tokens[k + 1].cap
            {
                for t in &mut tokens[i + 1..=k] {
                    t.nickname = true;
                    t.glued = true;
                    t.sentence_start = false;
                }
                tokens[k + 1].glued = true;
                tokens[k + 1].sentence_start = false;
                break;
            }
            if !gap(&tokens[k], &tokens[k + 1]).chars().all(|c| c == ' ') {
                break;
            }
        }
    }
}

fn ends_with_initials(word: &str) -> bool {
    word.ends_with('.')
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.matches('.').count() >= 2
}

/// True when the token at `start` opens a sentence, a line or a quotation. A reference in
/// brackets after a sentence ("... in 1686. [1] In 1687") is looked through: it ends no sentence
/// of its own, and reading the next capital as mid-sentence makes "In" a name.
fn opens_sentence(text: &str, before: &[Token<'_>], start: usize) -> bool {
    let mut end = start;
    while let Some(c) = text[..end].chars().next_back() {
        match c {
            ' ' | '\t' | '\u{a0}' | '(' | '[' | '–' | '—' | '-' | '‘' | '\'' | '*' | '•' | '>'
            | '#' | '_' => end -= c.len_utf8(),
            ']' => match reference_start(&text[..end]) {
                Some(open) => end = open,
                None => return false,
            },
            '“' | '"' | '\n' | '\r' => return true,
            '.' => {
                // a full stop that belongs to an abbreviation ("Mr.", "U.S.") ends no sentence
                let dot = end;
                return !before
                    .iter()
                    .rev()
                    .find(|t| t.span.end <= dot)
                    .is_some_and(|t| t.text.ends_with('.') && t.span.end == dot);
            }
            '!' | '?' | ':' | ';' | '…' => return true,
            _ => return false,
        }
    }
    true
}

/// Where the bracketed reference that `text` ends with opens ("[12]", "[note 3]", "[citation
/// needed]"): a short bracket on one line.
fn reference_start(text: &str) -> Option<usize> {
    const MAX_REFERENCE: usize = 24;
    let open = text.rfind('[')?;
    let inner = &text[open..];
    (inner.len() <= MAX_REFERENCE && !inner.contains('\n')).then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &[]).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn folds_spellings() {
        assert_eq!(fold_name_word("al-Assad"), "assad");
        assert_eq!(fold_name_word("de"), "");
    }

    #[test]
    fn possessives_initials_and_hyphens() {
        assert_eq!(words("Assad’s army and Assad's men"), ["Assad", "army", "and", "Assad", "men"]);
        assert_eq!(words("the U.S. and U.N. envoy"), ["the", "U.S.", "and", "U.N.", "envoy"]);
        assert_eq!(
            words("US-Russian talks, Washington-backed al-Qaeda-linked anti-Assad"),
            ["US", "Russian", "talks", "Washington", "al-Qaeda", "Assad"]
        );
        assert_eq!(
            words("Beau-Rivage Palace, Al-Nusra Front, Bashar Ja’afari’s"),
            ["Beau-Rivage", "Palace", "Al-Nusra", "Front", "Bashar", "Ja’afari"]
        );
        assert_eq!(words("Mr. Lavrov and Dr. Gupta"), ["Mr.", "Lavrov", "and", "Dr.", "Gupta"]);
    }

    #[test]
    fn sentence_starts_and_glue() {
        let toks = tokenize("But Kerry met Lavrov. Days later “Many said”.\nPressure", &[]);
        let starts: Vec<&str> = toks.iter().filter(|t| t.sentence_start).map(|t| t.text).collect();
        assert_eq!(starts, ["But", "Days", "Many", "Pressure"]);
        let toks = tokenize("Assad’s government and John Kerry", &[]);
        assert!(!toks[1].glued);
        assert!(toks[4].glued);
    }

    #[test]
    fn a_reference_in_brackets_ends_no_sentence_of_its_own() {
        let toks =
            tokenize("She moved to Lyon in 1950. [4] In 1952 she left. [a] [12] He stayed.", &[]);
        let starts: Vec<&str> =
            toks.iter().filter(|t| t.sentence_start && t.cap).map(|t| t.text).collect();
        assert_eq!(starts, ["She", "In", "He"]);
        // a bracket that is no reference still leaves the next word mid-sentence
        let toks =
            tokenize("the plan [of the mayor and his deputies, written in March] Will Smith", &[]);
        assert!(!toks.iter().any(|t| t.text == "Will" && t.sentence_start));
    }
}
