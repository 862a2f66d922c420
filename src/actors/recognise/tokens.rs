//! An article cut into sentences of words the way GUM (Penn Treebank conventions) cuts its text,
//! so the tagger sees at run time what it was trained on: punctuation and the possessive `'s`
//! apart, hyphenated words whole, a final period apart unless it ends an abbreviation or an
//! initial ("Mr.", "U.S.", "J."). A sentence ends after `.`, `!` or `?` and at every line end.

use crate::text::Span;

/// Abbreviations whose period belongs to the word (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "prof", "rev", "inc", "corp", "ltd", "co", "no", "vs", "mt", "ft", "ave", "calif",
    "fla", "mass", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "e.g", "i.e", "etc", "approx", "dept", "est", "fig",
];

fn closes(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '”' | '’' | '\'' | '»' | '…')
}

fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '“' | '‘' | '\'' | '«' | '¿' | '¡')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// The words of a text, sentence by sentence, as byte spans. Words overlapping `excluded` are
/// left out, and a left-out stretch ends the sentence.
pub fn sentences(text: &str, excluded: &[Span]) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut words = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        words.clear();
        words_of_line(line, line_start, &mut words);
        for w in words.drain(..) {
            if crate::text::overlaps_any(&w, excluded) {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                continue;
            }
            let end_mark = matches!(&text[w.clone()], "." | "!" | "?");
            current.push(w);
            if end_mark {
                out.push(std::mem::take(&mut current));
            }
        }
        // a closing quote after the end mark belongs to the sentence just ended
        if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        line_start += line.len();
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The words of one line (offsets shifted by `at`).
fn words_of_line(line: &str, at: usize, out: &mut Vec<Span>) {
    let mut chunk_start = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        if c.is_whitespace() || is_dash(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(line, s, i, at, out);
            }
            if is_dash(c) {
                out.push(at + i..at + i + c.len_utf8());
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
}

/// Cuts one whitespace-free chunk `line[s..e]` into words.
fn split_chunk(line: &str, mut s: usize, mut e: usize, at: usize, out: &mut Vec<Span>) {
    while let Some(c) = line[s..e].chars().next().filter(|&c| opens(c) && s + c.len_utf8() < e) {
        out.push(at + s..at + s + c.len_utf8());
        s += c.len_utf8();
    }
    let mut tail = Vec::new();
    loop {
        let word = &line[s..e];
        let Some(c) = word.chars().next_back() else { break };
        if word.len() == c.len_utf8() {
            break;
        }
        if closes(c) {
            // a final apostrophe after s is a possessive ("the rebels’"): keep it apart too
            tail.push(e - c.len_utf8()..e);
            e -= c.len_utf8();
        } else if c == '.' && !keeps_period(&word[..word.len() - 1]) {
            tail.push(e - 1..e);
            e -= 1;
        } else {
            break;
        }
    }
    let word = &line[s..e];
    let clitic =
        ["'s", "’s", "'S", "’S"].iter().find(|c| word.len() > c.len() && word.ends_with(*c));
    if let Some(c) = clitic {
        out.push(at + s..at + e - c.len());
        out.push(at + e - c.len()..at + e);
    } else if let Some(n) =
        ["n't", "n’t"].iter().find(|c| word.len() > c.len() + 1 && word.ends_with(*c))
    {
        out.push(at + s..at + e - n.len());
        out.push(at + e - n.len()..at + e);
    } else if s < e {
        out.push(at + s..at + e);
    }
    out.extend(tail.into_iter().rev().map(|t| at + t.start..at + t.end));
}

/// Whether a word written with a final period keeps it: initials ("J", "U.S"), abbreviations.
fn keeps_period(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return word.chars().all(char::is_uppercase);
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text, &[])
            .into_iter()
            .map(|s| s.into_iter().map(|w| &text[w]).collect())
            .collect()
    }

    #[test]
    fn cuts_as_gum_does() {
        assert_eq!(
            words("Mr. Lavrov's talks with the U.S. ended. “We don't agree,” he said—again."),
            [
                vec!["Mr.", "Lavrov", "'s", "talks", "with", "the", "U.S.", "ended", "."],
                vec!["“", "We", "do", "n't", "agree", ",", "”", "he", "said", "—", "again", "."],
            ]
        );
        assert_eq!(
            words("Pacific Gas and Electric (PG&E)\nNext"),
            [vec!["Pacific", "Gas", "and", "Electric", "(", "PG&E", ")"], vec!["Next"]]
        );
    }

    #[test]
    fn excluded_words_are_left_out() {
        let text = "Kerry met Lavrov";
        let got: Vec<Vec<&str>> = sentences(text, &[Span { start: 6, end: 9 }])
            .into_iter()
            .map(|s| s.into_iter().map(|w| &text[w]).collect())
            .collect();
        assert_eq!(got, [["Kerry"], ["Lavrov"]]);
    }
}
