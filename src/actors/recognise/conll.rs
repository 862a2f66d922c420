//! Reads a corpus in the CoNLL NER format (one word a line, its tag last, a blank line between
//! sentences; IOB1 or IOB2 tags of PER, ORG, LOC, MISC), such as Wikigold
//! (`models/training/wikigold.conll.txt`, CC BY 4.0), into sentences with gold labels. Pure: the
//! file's text in.
//!
//! Kinds: PER is a person, ORG an organisation, LOC a place; MISC (nationalities, events, works)
//! is not a name crosswire makes an actor of, so it is read as outside any name. A leading "The"
//! is cut from a name, as GUM's names are cut to their proper nouns.

use super::gum::Sentence;
use super::{Label, NameKind};

/// The sentences of a CoNLL NER file. Lines starting `-DOCSTART-` are document breaks.
pub fn read(text: &str) -> Vec<Sentence> {
    read_documents(text).into_iter().flatten().collect()
}

/// The documents of a CoNLL NER file (broken at `-DOCSTART-` lines), each its sentences.
pub fn read_documents(text: &str) -> Vec<Vec<Sentence>> {
    let mut documents: Vec<Vec<Sentence>> = Vec::new();
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for line in text.lines().chain([""]) {
        let line = line.trim_end();
        let mut cols = line.split_whitespace();
        let (Some(word), Some(tag)) = (cols.next(), line.split_whitespace().next_back()) else {
            if !words.is_empty() {
                out.push(sentence(std::mem::take(&mut words), std::mem::take(&mut tags)));
            }
            continue;
        };
        if word == "-DOCSTART-" {
            if !out.is_empty() {
                documents.push(std::mem::take(&mut out));
            }
            continue;
        }
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    if !out.is_empty() {
        documents.push(out);
    }
    documents
}

/// One sentence's labels from its tags (IOB1: "I-" begins a name unless it follows the same
/// kind; IOB2: "B-" always begins one).
fn sentence(words: Vec<String>, tags: Vec<String>) -> Sentence {
    let mut labels = Vec::with_capacity(tags.len());
    let mut prev: Option<NameKind> = None;
    for (word, tag) in words.iter().zip(&tags) {
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let kind = match kind {
            "PER" => Some(NameKind::Person),
            "ORG" => Some(NameKind::Organization),
            "LOC" => Some(NameKind::Place),
            _ => None,
        };
        let label = match kind {
            None => Label::Outside,
            Some(k) if prefix == "I" && prev == Some(k) => Label::Inside(k),
            // "The Mad Capsule Markets": the article is not part of the name
            Some(_) if word == "The" || word == "the" => {
                prev = None;
                labels.push(Label::Outside);
                continue;
            }
            Some(k) => Label::Begin(k),
        };
        prev = kind;
        labels.push(label);
    }
    Sentence { words, labels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_and_iob2_tags() {
        let text = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nof O\nJapan I-LOC\n\
                    Japanese I-MISC\n\nAnn B-PER\nLee I-PER\nBob B-PER\n";
        let s = read(text);
        assert_eq!(s.len(), 2);
        let names = |s: &Sentence| -> Vec<(String, NameKind)> {
            super::super::spans_of(s.labels.iter().copied())
                .into_iter()
                .map(|(r, k)| (s.words[r].join(" "), k))
                .collect()
        };
        assert_eq!(
            names(&s[0]),
            [
                ("Mad Capsule".to_string(), NameKind::Organization),
                ("Japan".into(), NameKind::Place)
            ]
        );
        assert_eq!(
            names(&s[1]),
            [("Ann Lee".to_string(), NameKind::Person), ("Bob".into(), NameKind::Person)]
        );
    }
}
