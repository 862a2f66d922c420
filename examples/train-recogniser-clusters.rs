//! Learns word clusters for the name recogniser's features from unlabelled text and writes them
//! to `models/clusters/word-clusters.txt` (how and from what: `models/README.md`, "Word
//! clusters"). Deterministic: no threads, no randomness; the same text gives the same bytes.
//!
//!     cargo run --release --example train-recogniser-clusters -- \
//!         --wikiextractor DIR ... --conll FILE ... --gum ../shared/gum \
//!         [--classes 16,64,256] [--sides left|both] [--vocab 50000] [--min-count 3] \
//!         [--iterations 12] \
//!         [--out models/clusters/word-clusters.txt]
//!
//! Text read: every file under each `--wikiextractor DIR` (sorted by path; WikiExtractor's
//! output, `<doc ...>` lines around a document's text, or one JSON object a line with a "text"),
//! cut into sentences of words by the recogniser's own tokenizer (`recognise::tokens`); the words
//! of each `--conll FILE`; with `--gum DIR`, the words of GUM's *train* documents. GUM's dev and
//! test documents are read for one thing only: a document of the unlabelled text that shares two
//! or more runs of eight words with them is left out (GUM's news and Wikipedia documents are
//! Wikinews and Wikipedia articles too), so that nothing of dev or test reaches the clusters.
//!
//! Method: the predictive exchange algorithm (Uszkoreit & Brants 2008, "Distributed Word
//! Clustering for Large Scale Class-Based Language Modeling in Machine Translation", after Kneser
//! & Ney 1993): the `--vocab` most frequent words seen `--min-count` times or more (case as
//! written) are put into K classes so as to maximise the likelihood of the class bigram model
//! P(w | v) = P(w | c(w)) P(c(w) | v); every other word, and a sentence's start, is a context of
//! its own class that never moves. Words start in class (rank mod K) and are visited by falling
//! frequency; each moves to the class that raises the likelihood most (it stays on a tie);
//! a pass that moves fewer than 0.1% of the words ends the clustering, `--iterations` at most.
//! Each `--classes` size is clustered apart (coarse to fine granularities, as Brown clusters'
//! bit-string prefixes give them; Ratinov & Roth 2009, Turian et al. 2010). With `--sides both`
//! the words are also clustered apart by the words written after them (the same algorithm on the
//! text written backwards), each size again: the predictive model reads one side only.
//!
//! Written: a header line (`#` and the class sizes), then one line a word in order of falling
//! frequency: the word, then its class under each size, tab-separated.

use crosswire::actors::recognise::{conll, gum, tokens};
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let values = |flag: &str| -> Vec<String> {
        args.iter()
            .enumerate()
            .filter(|(_, a)| *a == flag)
            .filter_map(|(i, _)| args.get(i + 1).cloned())
            .collect()
    };
    let one = |flag: &str, default: &str| -> String {
        values(flag).pop().unwrap_or_else(|| default.to_string())
    };
    let classes: Vec<usize> =
        one("--classes", "16,64,256").split(',').map(str::parse).collect::<Result<_, _>>()?;
    let vocab: usize = one("--vocab", "50000").parse()?;
    let min_count: u64 = one("--min-count", "3").parse()?;
    let iterations: usize = one("--iterations", "12").parse()?;
    let out = PathBuf::from(one("--out", "models/clusters/word-clusters.txt"));
    // "left": words classed by the words before them; "both": also, apart, by the words after
    let both_sides = match one("--sides", "left").as_str() {
        "left" => false,
        "both" => true,
        other => return Err(format!("--sides left or both, not {other}").into()),
    };

    let mut corpus = Corpus::default();
    // GUM: train documents are text; dev and test only say which documents to leave out
    let mut held_out = FxHashSet::default();
    if let Some(dir) = values("--gum").pop() {
        let dir = PathBuf::from(dir);
        let splits = gum::splits(&std::fs::read_to_string(dir.join("splits.md"))?);
        let (mut train_docs, mut held_docs) = (0, 0);
        for name in gum::document_names(&dir)? {
            let (xml, conll) = gum::document_texts(&dir, &name)?;
            let doc = gum::read(&name, &xml, &conll)?;
            let words = doc.sentences.into_iter().map(|s| s.words);
            if splits.iter().any(|(n, _)| *n == name) {
                held_docs += 1;
                for s in words {
                    for g in eight_grams(&s) {
                        held_out.insert(g);
                    }
                }
            } else {
                train_docs += 1;
                for s in words {
                    corpus.add_sentence(s.iter().map(String::as_str));
                }
            }
        }
        eprintln!(
            "GUM: {train_docs} train documents read, {held_docs} dev/test documents held out \
             ({} eight-word runs)",
            held_out.len()
        );
    }
    for file in values("--conll") {
        let text = std::fs::read_to_string(&file)?;
        let sentences = conll::read(&text);
        for s in &sentences {
            corpus.add_sentence(s.words.iter().map(String::as_str));
        }
        eprintln!("{file}: {} sentences", sentences.len());
    }
    for dir in values("--wikiextractor") {
        let mut files = Vec::new();
        list_files(Path::new(&dir), &mut files)?;
        files.sort();
        let (mut kept, mut dropped, mut words_before) = (0, 0, corpus.tokens);
        for file in files {
            let text = std::fs::read_to_string(&file)?;
            for doc in documents(&text) {
                let sentences = doc_sentences(&doc);
                let hits = sentences
                    .iter()
                    .flat_map(|s| eight_grams(s))
                    .filter(|g| held_out.contains(g))
                    .count();
                if hits >= 2 {
                    dropped += 1;
                    continue;
                }
                kept += 1;
                for s in &sentences {
                    corpus.add_sentence(s.iter().map(String::as_str));
                }
            }
        }
        words_before = corpus.tokens - words_before;
        eprintln!(
            "{dir}: {kept} documents, {words_before} words; {dropped} left out (text shared \
             with GUM dev/test)"
        );
    }
    eprintln!("{} words of text, {} distinct", corpus.tokens, corpus.ids.len());

    let start = std::time::Instant::now();
    let reversed = both_sides.then(|| corpus.reversed());
    let data = corpus.prepare(vocab, min_count);
    eprintln!(
        "{} words clustered (seen {} times or more); {} bigram types",
        data.words.len(),
        min_count,
        data.bigram_types
    );
    let mut assignments = Vec::new();
    for &k in &classes {
        let class = exchange(&data, k, iterations);
        eprintln!("{k} classes: {:.1} s", start.elapsed().as_secs_f64());
        assignments.push(class);
    }
    if let Some(reversed) = reversed {
        // the same words (the same counts, so the same order), classed by the words after them
        let data_after = reversed.prepare(vocab, min_count);
        assert_eq!(data_after.words, data.words, "the same words either way");
        for &k in &classes {
            let class = exchange(&data_after, k, iterations);
            eprintln!("{k} classes by the words after: {:.1} s", start.elapsed().as_secs_f64());
            assignments.push(class);
        }
    }
    let mut text = format!(
        "# word clusters: predictive exchange, classes {} by the words before{}\n",
        classes.iter().map(usize::to_string).collect::<Vec<_>>().join(","),
        if both_sides { ", then the same by the words after" } else { "" }
    );
    for (w, word) in data.words.iter().enumerate() {
        text.push_str(word);
        for class in &assignments {
            text.push('\t');
            text.push_str(&class[w].to_string());
        }
        text.push('\n');
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out, text)?;
    eprintln!("written {}", out.display());
    Ok(())
}

/// Every file below `dir`.
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The documents of one WikiExtractor output file, each its text (the title line left out):
/// `<doc ...>` ... `</doc>` blocks, or one JSON object a line with its "text".
fn documents(file: &str) -> Vec<String> {
    let mut out = Vec::new();
    if file.starts_with('{') {
        for line in file.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    out.push(t.to_string());
                }
            }
        }
        return out;
    }
    let mut current: Option<String> = None;
    let mut title_line = false;
    for line in file.lines() {
        if line.starts_with("<doc ") {
            current = Some(String::new());
            title_line = true;
        } else if line.starts_with("</doc>") {
            out.extend(current.take());
        } else if let Some(doc) = current.as_mut() {
            if std::mem::take(&mut title_line) {
                continue;
            }
            doc.push_str(line);
            doc.push('\n');
        }
    }
    out
}

/// The sentences of a document's text, cut as the recogniser cuts an article.
fn doc_sentences(text: &str) -> Vec<Vec<String>> {
    tokens::sentences(text, &[])
        .into_iter()
        .map(|s| s.into_iter().map(|w| text[w].to_string()).collect())
        .collect()
}

/// Hashes of the runs of eight words of a sentence (in lower case).
fn eight_grams(words: &[String]) -> Vec<u64> {
    words
        .windows(8)
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            for word in w {
                word.to_lowercase().hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

/// The text read so far: each distinct word numbered in order of first sight, the text as those
/// numbers with `u32::MAX` between sentences.
#[derive(Default)]
struct Corpus {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    counts: Vec<u64>,
    text: Vec<u32>,
    tokens: u64,
}

impl Corpus {
    /// The same text with every sentence written backwards (and the sentences in reverse order).
    fn reversed(&self) -> Corpus {
        let mut text = self.text.clone();
        text.reverse();
        Corpus {
            ids: FxHashMap::default(),
            names: self.names.clone(),
            counts: self.counts.clone(),
            text,
            tokens: self.tokens,
        }
    }

    fn add_sentence<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        self.text.push(u32::MAX);
        for w in words {
            let id = match self.ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.names.len() as u32;
                    self.ids.insert(w.to_string(), id);
                    self.names.push(w.to_string());
                    self.counts.push(0);
                    id
                }
            };
            self.counts[id as usize] += 1;
            self.text.push(id);
            self.tokens += 1;
        }
    }

    /// The words to cluster (the `vocab` most frequent seen `min_count` times or more, by
    /// falling count, then by text) and each word's predecessors with their counts.
    fn prepare(self, vocab: usize, min_count: u64) -> Data {
        let mut order: Vec<u32> = (0..self.names.len() as u32)
            .filter(|&i| self.counts[i as usize] >= min_count)
            .collect();
        order.sort_by(|&a, &b| {
            self.counts[b as usize]
                .cmp(&self.counts[a as usize])
                .then_with(|| self.names[a as usize].cmp(&self.names[b as usize]))
        });
        order.truncate(vocab);
        let v = order.len();
        // word numbers: 0..v the clustered words, v every other word, v + 1 a sentence's start
        let mut number = vec![v as u32; self.names.len()];
        for (n, &i) in order.iter().enumerate() {
            number[i as usize] = n as u32;
        }
        let start = v as u32 + 1;
        let mut bigrams: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut prev = start;
        for &t in &self.text {
            if t == u32::MAX {
                prev = start;
                continue;
            }
            let w = number[t as usize];
            if (w as usize) < v {
                *bigrams.entry((prev, w)).or_default() += 1;
            }
            prev = w;
        }
        let bigram_types = bigrams.len();
        let mut sorted: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
        sorted.sort_unstable_by_key(|&((p, w), _)| (w, p));
        let mut before: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
        for ((p, w), n) in sorted {
            before[w as usize].push((p, n));
        }
        let count: Vec<u64> =
            before.iter().map(|b| b.iter().map(|&(_, n)| u64::from(n)).sum()).collect();
        let words = order.iter().map(|&i| self.names[i as usize].clone()).collect();
        Data { words, before, count, contexts: v + 2, bigram_types }
    }
}

/// What the exchange algorithm reads.
struct Data {
    /// The clustered words, by falling frequency.
    words: Vec<String>,
    /// For each clustered word, the words written just before it (numbered as in `words`, then
    /// `words.len()` for any other word and `words.len() + 1` for a sentence's start), with how
    /// often.
    before: Vec<Vec<(u32, u32)>>,
    /// How often each clustered word follows anything (its count as a successor).
    count: Vec<u64>,
    /// How many context words there are (`words.len() + 2`).
    contexts: usize,
    bigram_types: usize,
}

fn xlogx(x: u64) -> f64 {
    if x == 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// The predictive exchange algorithm: each clustered word's class among `k`.
fn exchange(data: &Data, k: usize, iterations: usize) -> Vec<u32> {
    let v = data.words.len();
    let mut class: Vec<u32> = (0..v).map(|w| (w % k) as u32).collect();
    // counts[c * k + class]: how often context word c is followed by a word of the class
    let mut counts = vec![0u32; data.contexts * k];
    let mut total = vec![0u64; k];
    for ((&c, before), &count) in class.iter().zip(&data.before).zip(&data.count) {
        for &(p, n) in before {
            counts[p as usize * k + c as usize] += n;
        }
        total[c as usize] += count;
    }
    // a table of x ln x for small counts: most cells are small
    const TABLE: usize = 1 << 16;
    let table: Vec<f64> = (0..TABLE as u64).map(xlogx).collect();
    let f = |x: u64| if (x as usize) < TABLE { table[x as usize] } else { xlogx(x) };
    let mut gain = vec![0f64; k];
    for it in 0..iterations {
        let mut moved = 0;
        for (w, (before, &count)) in data.before.iter().zip(&data.count).enumerate() {
            let from = class[w] as usize;
            // take the word out of its class
            for &(p, n) in before {
                counts[p as usize * k + from] -= n;
            }
            total[from] -= count;
            // the gain of putting it into each class
            for (c, g) in gain.iter_mut().enumerate() {
                *g = f(total[c]) - f(total[c] + count);
            }
            for &(p, n) in before {
                let row = &counts[p as usize * k..p as usize * k + k];
                let n = u64::from(n);
                for (g, &x) in gain.iter_mut().zip(row) {
                    let x = u64::from(x);
                    *g += f(x + n) - f(x);
                }
            }
            let mut best = from;
            for (c, &g) in gain.iter().enumerate() {
                if g > gain[best] + 1e-9 {
                    best = c;
                }
            }
            if best != from {
                moved += 1;
                class[w] = best as u32;
            }
            for &(p, n) in before {
                counts[p as usize * k + best] += n;
            }
            total[best] += count;
        }
        eprintln!("  {k} classes, pass {}: {moved} words moved", it + 1);
        if moved * 1000 < v {
            break;
        }
    }
    class
}
