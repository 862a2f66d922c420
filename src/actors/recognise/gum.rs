//! Reads GUM (Zeldes 2017; `../shared/gum`, CC BY 4.0 annotations) into sentences of words with
//! gold labels. Pure: the texts of a document's `xml/*.xml` (tokens, Penn tags, sentences) and
//! `coref/*.conll` (typed entity mentions) go in; [`document_names`] and [`document_texts`] read
//! them from a folder laid out as `../shared/gum`, for the training examples.
//!
//! Which mentions are names. GUM's mentions are whole noun phrases ("the Guangzhou Opera House in
//! China", "Texas student Ahmed Mohamed", "Jerusalem 's"), so a mention typed person,
//! organization or place is first cut to its head part: it ends before its first comma,
//! bracket, relative word or preposition other than a name's own ("of", "for"…), and a final
//! possessive `'s` / `'` is dropped. That part is a name when its last word is a proper noun
//! (NP/NPS); the name is then the run of capitalised words (joined by connectors: of, and, &,
//! the, de…, or hyphens: "Berez - Kroeker") that ends at that word: "Ahmed Mohamed", "Guangzhou
//! Opera House". A person's leading titles ("President", "Mr.", "Professor") are not part of
//! the name, as at run time, where crosswire reads titles apart. A "The" that opens a sentence is
//! not part of a name ("The Tsar spoke", as "the Tsar" mid-sentence): GUM tags every "the" DT, so
//! only its capital could keep it, and that capital is the sentence's; a capitalised "The" inside
//! a sentence stays ("… told The Huffington Post"). Nested names keep the outermost
//! ("University of Texas", not "Texas" inside it), and names that no longer overlap once cut
//! ("New York" in "New York 's Metropolitan Museum of Art") are both kept. Words are read with
//! their XML escapes undone ("&amp;" is "&").

use super::{Label, NameKind};
use crate::actors::lexicon;
use std::path::Path;

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

/// The names of the documents of a GUM folder laid out as `../shared/gum` (`xml/NAME.xml`,
/// `coref/NAME.conll`), sorted.
pub fn document_names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("xml"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".xml").map(str::to_string))
        .collect();
    names.sort();
    Ok(names)
}

/// The xml and conll texts of document `name` of a GUM folder ([`document_names`]), for
/// [`read`] or [`read_keeping_opening_the`].
pub fn document_texts(dir: &Path, name: &str) -> std::io::Result<(String, String)> {
    let xml = std::fs::read_to_string(dir.join("xml").join(format!("{name}.xml")))?;
    let conll = std::fs::read_to_string(dir.join("coref").join(format!("{name}.conll")))?;
    Ok((xml, conll))
}

/// Builds a document from its xml and conll texts.
pub fn read(name: &str, xml: &str, conll: &str) -> Result<Document, GumError> {
    read_gold(name, xml, conll, true)
}

/// [`read`] with the gold names of before 2026-12-07, which kept a "The" opening a sentence
/// (the shipped weights were trained on them): for training only, to compare with them.
pub fn read_keeping_opening_the(name: &str, xml: &str, conll: &str) -> Result<Document, GumError> {
    read_gold(name, xml, conll, false)
}

fn read_gold(
    name: &str,
    xml: &str,
    conll: &str,
    cut_opening_the: bool,
) -> Result<Document, GumError> {
    let mut words: Vec<String> = Vec::new();
    let mut pos: Vec<String> = Vec::new();
    let mut sentence_starts = Vec::new();
    for line in xml.lines() {
        if line.starts_with("<s ") || line == "<s>" {
            sentence_starts.push(words.len());
        } else if !line.starts_with('<') && line.contains('\t') {
            let mut cols = line.split('\t');
            words.push(unescape(cols.next().unwrap_or_default()));
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
    // the first word of each sentence that holds a letter (after any opening quote or bracket)
    let mut opens = vec![false; words.len()];
    sentence_starts.push(words.len());
    for w in sentence_starts.windows(2) {
        if let Some(i) = (w[0]..w[1]).find(|&i| words[i].chars().any(char::is_alphanumeric)) {
            opens[i] = cut_opening_the;
        }
    }
    let mut names: Vec<(usize, usize, NameKind)> = mentions
        .into_iter()
        .filter_map(|(s, e, k)| name_in(&words, &pos, &opens, s, e, k).map(|(s, e)| (s, e, k)))
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

/// The name a mention `words[s..e]` of kind `k` holds, as a word range, if any (see the module
/// doc for the cut).
fn name_in(
    words: &[String],
    pos: &[String],
    opens: &[bool],
    s: usize,
    e: usize,
    k: NameKind,
) -> Option<(usize, usize)> {
    let capitalised = |i: usize| words[i].chars().next().is_some_and(char::is_uppercase);
    // the head part: up to the first word that starts a modifier after the head
    let mut end = (s + 1..e).find(|&i| ends_head(&words[i], &pos[i])).unwrap_or(e);
    while end > s && matches!(words[end - 1].as_str(), "'s" | "’s" | "'" | "’") {
        end -= 1;
    }
    if end == s || !matches!(pos[end - 1].as_str(), "NP" | "NPS") || !capitalised(end - 1) {
        return None;
    }
    // back from the last word over capitalised words, connectors and hyphens between them
    let mut start = end - 1;
    while start > s {
        let before = start - 1;
        let w = words[before].as_str();
        let joins = (CONNECTORS.contains(&w) || w == "-")
            && before > s
            && (capitalised(before - 1) || CONNECTORS.contains(&words[before - 1].as_str()));
        // "Leung Che - cheung": a lower-case part after a hyphen inside a name
        let after_hyphen =
            before > s && words[before - 1] == "-" && w.chars().all(char::is_lowercase);
        if capitalised(before) || joins || after_hyphen {
            start = before;
        } else {
            break;
        }
    }
    // the run starts at a capitalised word, never at a connector or hyphen
    while start < end && !capitalised(start) {
        start += 1;
    }
    // "The Tsar" opening a sentence is "the Tsar" elsewhere: GUM tags every "the" DT, so only
    // the sentence's capital tells them apart, and the name is cut after it as mid-sentence
    // (a capitalised "The" inside a sentence, "The Huffington Post", stays)
    if words[start] == "The" && opens[start] && end - start > 1 {
        start += 1;
        while start < end && !capitalised(start) {
            start += 1;
        }
    }
    if k == NameKind::Person {
        while end - start > 1
            && (lexicon::is_title(&words[start]) || lexicon::is_honorific(&words[start]))
        {
            start += 1;
        }
        // "Emperor of the United States", "Earl of Clare": a role, not a person's name (the place
        // in it is its own mention)
        let role = lexicon::is_title(&words[start]) || lexicon::is_role_noun(&words[start]);
        if CONNECTORS.contains(&words[start].as_str())
            || (role && words.get(start + 1).is_some_and(|w| w == "of"))
            || (end - start == 1 && role)
        {
            return None;
        }
    }
    (start < end).then_some((start, end))
}

/// Whether a word inside a mention begins a modifier after the mention's head: a comma, a
/// bracket, a relative word, or a preposition that names do not contain ("Opera House in China",
/// but "Bank of America", "Institute for Peace").
fn ends_head(word: &str, pos: &str) -> bool {
    matches!(word, "," | "(" | ";" | ":" | "who" | "which" | "where" | "that" | "whose")
        || (pos == "IN" && !matches!(word, "of" | "for" | "de" | "du" | "von" | "van" | "al"))
        || matches!(pos, "WDT" | "WP" | "WP$" | "WRB")
}

/// A token of GUM's XML with its escapes undone.
fn unescape(word: &str) -> String {
    if !word.contains('&') {
        return word.to_string();
    }
    word.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
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

    #[test]
    fn names_are_the_proper_head_of_a_mention() {
        // "Texas student Ahmed Mohamed 's": the person is "Ahmed Mohamed", without the phrase
        // before it and without its possessive; "the Opera House in China" stops before "in"
        let rows = [
            ("Texas", "NP", "(person-1(place-2)"),
            ("student", "NN", "_"),
            ("Ahmed", "NP", "_"),
            ("Mohamed", "NP", "_"),
            ("'s", "POS", "person-1)"),
            ("visit", "NN", "_"),
            ("to", "TO", "_"),
            ("the", "DT", "(place-3"),
            ("Opera", "NP", "_"),
            ("House", "NP", "_"),
            ("in", "IN", "_"),
            ("China", "NP", "(place-4)place-3)"),
            ("with", "IN", "_"),
            ("President", "NP", "(person-5"),
            ("Xi", "NP", "person-5)"),
            ("and", "CC", "_"),
            ("A&amp;M", "NP", "(organization-6)"),
        ];
        let mut xml = String::from("<s>\n");
        let mut conll = String::new();
        for (n, (w, p, c)) in rows.iter().enumerate() {
            xml.push_str(&format!("{w}\t{p}\n"));
            conll.push_str(&format!("{n}\t{w}\t{c}\n"));
        }
        xml.push_str("</s>\n");
        let d = read("x", &xml, &conll).unwrap();
        let s = &d.sentences[0];
        let names: Vec<(String, NameKind)> = super::super::spans_of(s.labels.iter().copied())
            .into_iter()
            .map(|(r, k)| (s.words[r].join(" "), k))
            .collect();
        let expected = [
            ("Texas", NameKind::Place),
            ("Ahmed Mohamed", NameKind::Person),
            ("Opera House", NameKind::Place),
            ("China", NameKind::Place),
            ("Xi", NameKind::Person),
            ("A&M", NameKind::Organization),
        ];
        let expected: Vec<(String, NameKind)> =
            expected.iter().map(|(w, k)| (w.to_string(), *k)).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn a_sentence_opening_the_is_cut_and_a_capitalised_one_inside_kept() {
        // two sentences: "\" The Kremlin said The Huffington Post lied ." and "The U.S. Department
        // of Agriculture agreed ."; every "The" is DT, as in GUM
        let rows = [
            ("\"", "``", "_", true),
            ("The", "DT", "(organization-1", false),
            ("Kremlin", "NP", "organization-1)", false),
            ("said", "VVD", "_", false),
            ("The", "DT", "(organization-2", false),
            ("Huffington", "NP", "_", false),
            ("Post", "NP", "organization-2)", false),
            ("lied", "VVD", "_", false),
            (".", "SENT", "_", false),
            ("The", "DT", "(organization-3", true),
            ("U.S.", "NP", "(place-4)", false),
            ("Department", "NP", "_", false),
            ("of", "IN", "_", false),
            ("Agriculture", "NP", "organization-3)", false),
            ("agreed", "VVD", "_", false),
            (".", "SENT", "_", false),
        ];
        let mut xml = String::new();
        let mut conll = String::new();
        for (n, (w, p, c, opens)) in rows.iter().enumerate() {
            if *opens {
                if n > 0 {
                    xml.push_str("</s>\n");
                }
                xml.push_str("<s type=\"decl\">\n");
            }
            xml.push_str(&format!("{w}\t{p}\n"));
            conll.push_str(&format!("{n}\t{w}\t{c}\n"));
        }
        xml.push_str("</s>\n");
        let names_of = |d: Document| -> Vec<Vec<String>> {
            d.sentences
                .iter()
                .map(|s| {
                    super::super::spans_of(s.labels.iter().copied())
                        .into_iter()
                        .map(|(r, _)| s.words[r].join(" "))
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            names_of(read("x", &xml, &conll).unwrap()),
            [vec!["Kremlin", "The Huffington Post"], vec!["U.S. Department of Agriculture"]]
        );
        // the gold of before 2026-12-07 kept them
        assert_eq!(
            names_of(read_keeping_opening_the("x", &xml, &conll).unwrap()),
            [
                vec!["The Kremlin", "The Huffington Post"],
                vec!["The U.S. Department of Agriculture"]
            ]
        );
    }
}
