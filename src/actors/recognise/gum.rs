//! Reads GUM (Zeldes 2017; `../shared/gum`, CC BY 4.0 annotations) into sentences of words with
//! gold labels. Pure: the texts of a document's `xml/*.xml` (tokens, Penn tags, sentences) and
//! `coref/*.conll` (typed entity mentions) go in.
//!
//! Which mentions are names: a mention typed person, organization or place, cut to the words
//! from its first capitalised word on, is a name when those words are all capitalised (or
//! connectors inside a name: of, and, &, the, de, for…) and its last word is tagged as a proper
//! noun (NP/NPS). "the United States" gives "United States"; "Australian children" (last word
//! a common noun) is no name. Nested names keep the outermost ("University of Texas", not
//! "Texas" inside it).

use super::{Label, NameKind};

/// One sentence with its gold labels.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub words: Vec<String>,
    pub labels: Vec<Label>,
}

/// One GUM document.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub sentences: Vec<Sentence>,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GumError {
    #[error("{0}: the xml has {1} tokens and the conll {2}")]
    Mismatch(String, usize, usize),
}

const CONNECTORS: &[&str] = &["of", "and", "&", "the", "de", "for", "du", "la", "von", "van", "al"];

/// Builds a document from its xml and conll texts.
pub fn read(name: &str, xml: &str, conll: &str) -> Result<Document, GumError> {
    let mut words: Vec<String> = Vec::new();
    let mut pos: Vec<String> = Vec::new();
    let mut sentence_starts = Vec::new();
    for line in xml.lines() {
        if line.starts_with("<s ") || line == "<s>" {
            sentence_starts.push(words.len());
        } else if !line.starts_with('<') && line.contains('\t') {
            let mut cols = line.split('\t');
            words.push(cols.next().unwrap_or_default().to_string());
            pos.push(cols.next().unwrap_or_default().to_string());
        }
    }
    let mut mentions: Vec<(usize, usize, NameKind)> = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut n = 0;
    for line in conll.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let col = line.split('\t').nth(2).unwrap_or("_");
        for (label, opening, closing) in brackets(col) {
            if opening {
                open.push((label.to_string(), n));
            }
            if closing {
                if let Some(at) = open.iter().rposition(|(l, _)| l == label) {
                    let (l, start) = open.remove(at);
                    let kind = match l.split('-').next() {
                        Some("person") => Some(NameKind::Person),
                        Some("organization") => Some(NameKind::Organization),
                        Some("place") => Some(NameKind::Place),
                        _ => None,
                    };
                    if let Some(k) = kind {
                        mentions.push((start, n + 1, k));
                    }
                }
            }
        }
        n += 1;
    }
    if n != words.len() {
        return Err(GumError::Mismatch(name.to_string(), words.len(), n));
    }
    let capitalised = |i: usize| words[i].chars().next().is_some_and(char::is_uppercase);
    let mut names: Vec<(usize, usize, NameKind)> = mentions
        .into_iter()
        .filter_map(|(s, e, k)| {
            let s = (s..e).find(|&i| capitalised(i))?;
            let proper_last = matches!(pos[e - 1].as_str(), "NP" | "NPS");
            let all = (s..e).all(|i| capitalised(i) || CONNECTORS.contains(&words[i].as_str()));
            (proper_last && all).then_some((s, e, k))
        })
        .collect();
    // outermost first; then drop what overlaps a name already kept
    names.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut labels = vec![Label::Outside; words.len()];
    let mut taken = vec![false; words.len()];
    for (s, e, k) in names {
        if taken[s..e].iter().any(|&t| t) {
            continue;
        }
        labels[s] = Label::Begin(k);
        for l in &mut labels[s + 1..e] {
            *l = Label::Inside(k);
        }
        taken[s..e].iter_mut().for_each(|t| *t = true);
    }
    sentence_starts.push(words.len());
    let mut sentences = Vec::new();
    for w in sentence_starts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        // a name never crosses a sentence boundary in GUM; if one did, its tail would start
        let mut labels = labels[a..b].to_vec();
        if let Some(Label::Inside(k)) = labels.first().copied() {
            labels[0] = Label::Begin(k);
        }
        sentences.push(Sentence { words: words[a..b].to_vec(), labels });
    }
    Ok(Document { name: name.to_string(), sentences })
}

/// The brackets of a conll coreference column: (label, opens, closes) for each.
/// "(abstract-2(substance-3-Iodine)" → ("abstract-2", open), ("substance-3-Iodine", open+close).
fn brackets(col: &str) -> Vec<(&str, bool, bool)> {
    let mut out = Vec::new();
    if col == "_" {
        return out;
    }
    let b = col.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let opening = b[i] == b'(';
        if opening {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b'(' && b[i] != b')' {
            i += 1;
        }
        let closing = i < b.len() && b[i] == b')';
        if start < i {
            out.push((&col[start..i], opening, closing));
        }
        if closing {
            i += 1;
        }
    }
    out
}

/// The split GUM gives a document in `splits.md`: dev and test documents are listed, the rest
/// are train.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Dev,
    Test,
}

/// Reads `splits.md` into (document name, split) for its dev and test lists.
pub fn splits(md: &str) -> Vec<(String, Split)> {
    let mut out = Vec::new();
    let mut current = None;
    for line in md.lines() {
        match line.trim() {
            "## dev" => current = Some(Split::Dev),
            "## test" => current = Some(Split::Test),
            l if l.starts_with("## ") => current = None,
            l => {
                if let (Some(s), Some(name)) = (current, l.strip_prefix("* ")) {
                    out.push((name.trim().to_string(), s));
                }
            }
        }
    }
    out
}

/// Sentences of a text annotated with typed name spans (byte ranges), cut with the run-time
/// tokenizer, for training on news annotated elsewhere (ECB+ train topics' kinds). A name is cut
/// as in GUM (from its first capitalised word; every word then capitalised or a connector). Only
/// sentences where every capitalised word after the first is inside such a name are kept: the
/// others hold names nobody typed, which would be learnt as no name.
pub fn annotated_sentences(
    text: &str,
    names: &[(std::ops::Range<usize>, NameKind)],
) -> Vec<Sentence> {
    let capitalised =
        |w: &std::ops::Range<usize>| text[w.clone()].chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    for sentence in super::tokens::sentences(text, &[]) {
        let mut labels = vec![Label::Outside; sentence.len()];
        let mut complete = true;
        let mut any = false;
        for (r, k) in names {
            let inside: Vec<usize> = (0..sentence.len())
                .filter(|&i| r.start <= sentence[i].start && sentence[i].end <= r.end)
                .collect();
            let Some(first) = inside.iter().position(|&i| capitalised(&sentence[i])) else {
                continue;
            };
            let words = &inside[first..];
            let whole = words.iter().all(|&i| {
                capitalised(&sentence[i]) || CONNECTORS.contains(&&text[sentence[i].clone()])
            });
            if !whole || words.iter().any(|&i| labels[i] != Label::Outside) {
                complete = false;
                continue;
            }
            for (n, &i) in words.iter().enumerate() {
                labels[i] = if n == 0 { Label::Begin(*k) } else { Label::Inside(*k) };
            }
            any = true;
        }
        for (i, w) in sentence.iter().enumerate() {
            if i > 0 && capitalised(w) && labels[i] == Label::Outside {
                complete = false;
            }
        }
        if complete && any {
            let words = sentence.iter().map(|w| text[w.clone()].to_string()).collect();
            out.push(Sentence { words, labels });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_from_typed_mentions() {
        let xml = "<s type=\"decl\">\nthe\tDT\nUnited\tNP\nStates\tNP\nand\tCC\nAustralian\tJJ\nchildren\tNNS\n</s>\n";
        let conll = "# begin document x\n0\tthe\t(place-1-United_States\n1\tUnited\t_\n2\tStates\tplace-1-United_States)\n3\tand\t_\n4\tAustralian\t(person-2\n5\tchildren\tperson-2)\n";
        let d = read("x", xml, conll).unwrap();
        let s = &d.sentences[0];
        assert_eq!(
            s.labels,
            [
                Label::Outside,
                Label::Begin(NameKind::Place),
                Label::Inside(NameKind::Place),
                Label::Outside,
                Label::Outside,
                Label::Outside
            ]
        );
        assert_eq!(
            brackets("(abstract-2(substance-3-Iodine)"),
            [("abstract-2", true, false), ("substance-3-Iodine", true, true)]
        );
    }
}
