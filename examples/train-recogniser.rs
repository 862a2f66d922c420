//! Trains the name recogniser on GUM's train split and writes `models/recogniser.bin`; prints its
//! scores on GUM dev and test (exact span and kind, per kind). Deterministic: the same data give
//! the same bytes.
//!
//!     cargo run --release --example train-recogniser -- ../shared/gum [--out models/recogniser.bin]
//!     cargo run --release --example train-recogniser -- ../shared/gum --evaluate-only
//!
//! `--document-features` trains a model whose features also read how the document writes each
//! word elsewhere (`features::DocumentWords`). `--evaluate-only` scores the shipped weights without training (with `--ecb`, also on the
//! fully typed sentences of ECB+'s dev topics); `--show-dev-errors` lists the
//! dev sentences where the model misses or invents a name; `--dev-errors FILE` writes each dev
//! error with its class (wrong kind, boundary, missed, invented) and sentence; `--show FILE` prints what it reads
//! in a text.
//!
//! `--old-gold` trains on the gold names of before 2026-12-07 (a sentence-opening "The" kept, as
//! the shipped weights were trained; dev and test are scored with today's).
//!
//! `--clusters` trains a model whose features also read the word clusters
//! (`models/clusters/word-clusters.txt`, written by `examples/train-recogniser-clusters.rs`);
//! `--clusters-file FILE` the same with another cluster file (the weights then need it).
//!
//! `--typed-gazetteer` trains a model whose features also read how the typed gazetteer
//! (`models/gazetteers/typed-names.txt`, Wikipedia article names typed by their first sentence)
//! types the names a word ends and those it is in (`typed.rs`; tried, not shipped).
//!
//! `--gum-extra DIR` also trains on the GUM documents in DIR (laid out as `../shared/gum`; each
//! must be marked a train document, none may be in dev or test; `models/training/build_gum_extra.sh`
//! writes the openly licensed ones) as GUM's own; `--gum-extra-own DIR` gives them a table of
//! their own too, as `--conll-own` does; `--ecb-own` does the same for ECB+'s sentences.
//!
//! `--name-kinds` also trains the second stage (`names.rs`: each distinct name's kind decided
//! from the whole document) on the first-pass readings of the four folds of cross-validation
//! and writes it to `--kinds-out` (`models/name-kinds.bin`; crosswire does not ship one); with
//! `--cross-validate K` it is scored by cross-validation too. `--fold-models DIR` keeps the
//! folds' first passes there and reads them back on the next run with the same data and settings.

use crosswire::actors::recognise::{
    clusters, conll, gum, names, train, DocumentFeatures, Model, NameKind,
};
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared/gum"));
    let out =
        value(&args, "--out").map_or_else(|| PathBuf::from("models/recogniser.bin"), PathBuf::from);
    // the second stage's weights (`names.rs`), trained with `--name-kinds`
    let kinds_out = value(&args, "--kinds-out")
        .map_or_else(|| PathBuf::from("models/name-kinds.bin"), PathBuf::from);
    let name_kinds = args.iter().any(|a| a == "--name-kinds");
    let mut kind_settings = names::Settings {
        by_mentions: args.iter().any(|a| a == "--kinds-by-mentions"),
        ..Default::default()
    };
    for (flag, field) in [("--kinds-epochs", 0), ("--kinds-bits", 1)] {
        if let Some(v) = value(&args, flag) {
            let v: usize = v.parse()?;
            match field {
                0 => kind_settings.epochs = v,
                _ => kind_settings.bits = v as u32,
            }
        }
    }
    let evaluate_only = args.iter().any(|a| a == "--evaluate-only");
    let fold_models = value(&args, "--fold-models").map(PathBuf::from);
    let mut settings = train::Settings {
        document_features: if args.iter().any(|a| a == "--document-features-kind-free") {
            DocumentFeatures::KindFree
        } else if args.iter().any(|a| a == "--document-features") {
            DocumentFeatures::PerLabel
        } else {
            DocumentFeatures::None
        },
        clusters: args.iter().any(|a| a == "--clusters" || a == "--clusters-file"),
        typed: args.iter().any(|a| a == "--typed-gazetteer"),
        ..Default::default()
    };
    if let Some(file) = value(&args, "--clusters-file") {
        if !clusters::use_instead(std::fs::read_to_string(file)?) {
            return Err("the word clusters were read before --clusters-file".into());
        }
    }
    let flags =
        [("--epochs", 0), ("--bits", 1), ("--caps-every", 2), ("--runs", 3), ("--title-every", 4)];
    for (flag, field) in flags {
        if let Some(v) = value(&args, flag) {
            let v: usize = v.parse()?;
            match field {
                0 => settings.epochs = v,
                1 => settings.bits = v as u32,
                2 => settings.caps_every = v,
                4 => settings.title_every = v,
                _ => settings.runs = v,
            }
        }
    }
    if let Some(file) = value(&args, "--show") {
        let text = std::fs::read_to_string(file)?;
        let model = Model::from_bytes(&std::fs::read(&out)?)?;
        let kinds = read_kinds(&kinds_out)?;
        for n in
            crosswire::actors::recognise::recognise_with(&model, kinds.as_ref(), &text, &[]).names
        {
            println!("{}\t{}\t{:?}", &text[n.span.clone()], n.kind.as_str(), n.kind_scores);
        }
        return Ok(());
    }
    if let Some(file) = value(&args, "--show-tags") {
        // each word of each sentence with its label and its scores (O, B-/I- person, organisation,
        // place) given the label before it
        use crosswire::actors::recognise::{features::DocumentWords, features::Word, tokens};
        let text = std::fs::read_to_string(file)?;
        let model = Model::from_bytes(&std::fs::read(&out)?)?;
        let sentences = tokens::sentences(&text, &[]);
        let words: Vec<Vec<Word>> = sentences
            .iter()
            .map(|s| s.iter().map(|r| Word::new(&text[r.clone()])).collect())
            .collect();
        let mut document = DocumentWords::default();
        for w in &words {
            document.add_sentence(w);
        }
        for w in &words {
            for (word, (label, scores)) in w.iter().zip(model.tag(w, &document)) {
                println!("{}\t{label:?}\t{scores:?}", word.text);
            }
            println!();
        }
        return Ok(());
    }
    let splits = gum::splits(&std::fs::read_to_string(dir.join("splits.md"))?);
    let (mut trainset, mut dev, mut test) = (Vec::new(), Vec::new(), Vec::new());
    // `--old-gold`: train on the gold names of before 2026-12-07 (a sentence-opening "The" kept,
    // as the shipped weights were trained); dev and test are scored with today's
    let old_gold = args.iter().any(|a| a == "--old-gold");
    for name in gum::document_names(&dir)? {
        let split = splits.iter().find(|(n, _)| *n == name).map(|s| s.1);
        let gold =
            if old_gold && split.is_none() { gum::read_keeping_opening_the } else { gum::read };
        let (xml, conll) = gum::document_texts(&dir, &name)?;
        let doc = gold(&name, &xml, &conll)?;
        match split {
            Some(gum::Split::Dev) => dev.push(doc),
            Some(gum::Split::Test) => test.push(doc),
            _ => trainset.push(doc),
        }
    }
    println!("GUM: {} train, {} dev, {} test documents", trainset.len(), dev.len(), test.len());
    let (model, kinds) = if evaluate_only {
        (Model::from_bytes(&std::fs::read(&out)?)?, read_kinds(&kinds_out)?)
    } else {
        let (gum_docs, extra, extra_sources) = training_data(&args, &trainset, &splits)?;
        let cv = value(&args, "--cross-validate").map(|v| v.parse::<usize>()).transpose()?;
        if let Some(k) = cv {
            let errors = value(&args, "--cv-errors");
            let (report, _) = cross_validate(
                k,
                &gum_docs,
                &trainset,
                (&extra, &extra_sources),
                settings,
                name_kinds.then_some(kind_settings),
                fold_models.as_deref(),
            );
            if let Some(file) = errors {
                std::fs::write(file, report)?;
            }
            return Ok(());
        }
        // the second stage learns from first-pass readings of documents the first pass was not
        // trained on: those of the four folds of cross-validation
        let kinds = if name_kinds {
            let (_, examples) = cross_validate(
                4,
                &gum_docs,
                &trainset,
                (&extra, &extra_sources),
                settings,
                Some(kind_settings),
                fold_models.as_deref(),
            );
            let kinds = names::train(&examples, kind_settings);
            let bytes = kinds.to_bytes();
            std::fs::write(&kinds_out, &bytes)?;
            println!("{kind_settings:?}: wrote {} ({} bytes)", kinds_out.display(), bytes.len());
            Some(kinds)
        } else {
            None
        };
        let mut documents = gum_docs;
        let mut sources = vec![train::Source::Target; documents.len()];
        documents.extend(extra);
        sources.extend(extra_sources);
        let model = train::train_from_sources(&documents, &sources, settings);
        let bytes = model.to_bytes();
        std::fs::write(&out, &bytes)?;
        println!("{settings:?}: wrote {} ({} bytes)", out.display(), bytes.len());
        (model, kinds)
    };
    let kinds = kinds.as_ref();
    if args.iter().any(|a| a == "--show-dev-errors") {
        show_errors(&model, &dev);
    }
    // each dev error with its class and sentence (as `--cv-errors` writes them), and the counts
    if let Some(file) = value(&args, "--dev-errors") {
        let (mut classes, mut report) = ([0usize; 4], String::new());
        for doc in &dev {
            error_classes(&model, kinds, doc, &mut classes, &mut report);
        }
        std::fs::write(file, report)?;
        let [kind, boundary, missed, invented] = classes;
        println!(
            "dev errors: wrong kind {kind}, boundary {boundary}, missed {missed}, invented {invented}"
        );
    }
    // ECB+ dev topics' fully typed sentences, when --ecb is given: news like crosswire's
    let ecb_dev_docs: Vec<gum::Document> = match value(&args, "--ecb") {
        Some(ecb) => ecb_dev(Path::new(ecb))?
            .into_iter()
            .map(|sentences| gum::Document { name: "ecb".into(), sentences })
            .collect(),
        None => Vec::new(),
    };
    let mut splits = vec![("train", &trainset), ("dev", &dev), ("test", &test)];
    if !ecb_dev_docs.is_empty() {
        splits.push(("ecbdev", &ecb_dev_docs));
    }
    for (split, docs) in splits {
        print_scores(split, &train::evaluate(&model, kinds, docs));
        if kinds.is_some() {
            print_scores("  (first pass, voted)", &train::evaluate(&model, None, docs));
        }
    }
    Ok(())
}

/// The value given after `flag` (`--out FILE`: `FILE`), if the flag is given.
fn value<'a>(args: &'a [String], flag: &str) -> Option<&'a String> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1))
}

fn print_scores(split: &str, s: &train::Scores) {
    let (p, r, f) = s.overall();
    print!("{split:5} P {p:5.1} R {r:5.1} F1 {f:5.1}");
    for k in NameKind::ALL {
        let (_, _, f) = s.of(k);
        let n = s.counts[k as usize].2;
        print!(" | {} F1 {f:5.1} (n={n})", k.as_str());
    }
    println!(" | spans F1 {:5.1}", s.spans_only().2);
}

/// The second stage's weights in `path`, if the file holds any (an empty file: none shipped).
fn read_kinds(path: &Path) -> Result<Option<names::KindModel>, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path).unwrap_or_default();
    Ok(if bytes.is_empty() { None } else { Some(names::KindModel::from_bytes(&bytes)?) })
}

fn show_errors(model: &Model, docs: &[gum::Document]) {
    use crosswire::actors::recognise::features::{DocumentWords, Word};
    use crosswire::actors::recognise::spans_of;
    for doc in docs {
        let words: Vec<Vec<Word>> =
            doc.sentences.iter().map(|s| s.words.iter().map(|w| Word::new(w)).collect()).collect();
        let mut document = DocumentWords::default();
        for w in &words {
            document.add_sentence(w);
        }
        for (s, words) in doc.sentences.iter().zip(&words) {
            let got: Vec<_> =
                model.names_in(words, &document).into_iter().map(|(r, k, _)| (r, k)).collect();
            let gold = spans_of(s.labels.iter().copied());
            let show = |(r, k): &(std::ops::Range<usize>, NameKind)| {
                format!("{}/{}", s.words[r.clone()].join(" "), k.as_str())
            };
            let missed: Vec<String> = gold.iter().filter(|g| !got.contains(g)).map(show).collect();
            let wrong: Vec<String> = got.iter().filter(|g| !gold.contains(g)).map(show).collect();
            if !missed.is_empty() || !wrong.is_empty() {
                println!(
                    "{}: missed {:?} wrong {:?}\n   {}",
                    doc.name,
                    missed,
                    wrong,
                    s.words.join(" ")
                );
            }
        }
    }
}

/// The GUM documents of `dir`, laid out as `../shared/gum` (`xml/NAME.xml`, `coref/NAME.conll`;
/// `models/training/gum-extra/`: train documents of GUM's openly licensed genres that
/// `../shared/gum` leaves out, chosen document by document in its README). Each must be marked
/// `partition="train"` in its first line and not be one `held_out` (GUM's `splits.md`) puts in
/// dev or test: anything else is refused, so that no dev or test document is ever trained on.
fn gum_extra(
    dir: &Path,
    held_out: &[(String, gum::Split)],
) -> Result<Vec<gum::Document>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for name in gum::document_names(dir)? {
        if held_out.iter().any(|(h, _)| *h == name) {
            return Err(format!("{name} is a GUM dev or test document").into());
        }
        let (xml, conll) = gum::document_texts(dir, &name)?;
        if !xml.lines().next().is_some_and(|l| l.contains(" partition=\"train\"")) {
            return Err(format!("{name} is not marked partition=\"train\"").into());
        }
        out.push(gum::read(&name, &xml, &conll)?);
    }
    Ok(out)
}

/// ECB+ dev topics (score_actors.py's DEV); topics 36-45 are the held-out test and never read.
const ECB_DEV: &[u32] = &[2, 5, 12, 18, 21, 23, 34, 35];

/// The sentences of ECB+ train topics whose names are all typed in `kinds.json`, by document.
fn ecb_train(topics: &Path) -> Result<Vec<Vec<gum::Sentence>>, Box<dyn std::error::Error>> {
    ecb_sentences(topics, |t| !ECB_DEV.contains(&t))
}

/// The same of ECB+ dev topics, to score on (never trained on).
fn ecb_dev(topics: &Path) -> Result<Vec<Vec<gum::Sentence>>, Box<dyn std::error::Error>> {
    ecb_sentences(topics, |t| ECB_DEV.contains(&t))
}

/// The fully typed sentences of the ECB+ topics `wanted` accepts, by document; the test topics
/// 36-45 are never read.
fn ecb_sentences(
    topics: &Path,
    wanted: impl Fn(u32) -> bool,
) -> Result<Vec<Vec<gum::Sentence>>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    let mut numbers: Vec<u32> = std::fs::read_dir(topics)?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|&t| wanted(t) && !(36..=45).contains(&t))
        .collect();
    numbers.sort();
    for t in numbers {
        let dir = topics.join(t.to_string());
        let kinds: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("kinds.json"))?)?;
        let mut by_doc: std::collections::BTreeMap<String, Vec<(usize, usize, NameKind)>> =
            Default::default();
        for m in kinds["mentions"].as_array().into_iter().flatten() {
            let kind = match m["type"].as_str() {
                Some("PER") => NameKind::Person,
                Some("ORG") => NameKind::Organization,
                Some("LOC") => NameKind::Place,
                _ => continue,
            };
            let (Some(doc), Some(s), Some(e)) =
                (m["doc"].as_str(), m["start_char"].as_u64(), m["end_char"].as_u64())
            else {
                continue;
            };
            by_doc.entry(doc.to_string()).or_default().push((s as usize, e as usize, kind));
        }
        for (doc, mentions) in by_doc {
            let text = std::fs::read_to_string(dir.join("docs").join(format!("{doc}.txt")))?;
            let byte_of: Vec<usize> =
                text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
            let names: Vec<_> = mentions
                .into_iter()
                .filter(|&(_, e, _)| e < byte_of.len())
                .map(|(s, e, k)| (byte_of[s]..byte_of[e], k))
                .collect();
            let sentences = gum::annotated_sentences(&text, &names);
            if !sentences.is_empty() {
                out.push(sentences);
            }
        }
    }
    Ok(out)
}

/// GUM's train documents (counted `--gum-repeat` times), and the documents of the other corpora
/// the flags name with their sources.
#[allow(clippy::type_complexity)]
fn training_data(
    args: &[String],
    trainset: &[gum::Document],
    held_out: &[(String, gum::Split)],
) -> Result<
    (Vec<Vec<gum::Sentence>>, Vec<Vec<gum::Sentence>>, Vec<train::Source>),
    Box<dyn std::error::Error>,
> {
    // GUM's own train documents, counted `--gum-repeat` times (1 unless told): the larger
    // corpora of other conventions must not drown the one the targets are measured on
    let gum_repeat = value(args, "--gum-repeat").map_or(Ok(1), |v| v.parse::<usize>())?;
    let gum_documents: Vec<Vec<gum::Sentence>> =
        (0..gum_repeat).flat_map(|_| trainset.iter().map(|d| d.sentences.clone())).collect();
    let mut documents = Vec::new();
    let mut sources = Vec::new();
    // more GUM train documents (`--gum-extra DIR`), read as GUM's own (the target's table) or,
    // with `--gum-extra-own DIR`, also with a table of their own (`train::Source::Other`)
    for (flag, source) in
        [("--gum-extra", train::Source::Target), ("--gum-extra-own", train::Source::GUM_EXTRA_OWN)]
    {
        let Some(dir) = value(args, flag) else {
            continue;
        };
        let extra = gum_extra(Path::new(dir), held_out)?;
        println!(
            "GUM extra documents ({flag}): {} documents, {} sentences, {} names",
            extra.len(),
            extra.iter().map(|d| d.sentences.len()).sum::<usize>(),
            extra
                .iter()
                .flat_map(|d| &d.sentences)
                .map(|s| crosswire::actors::recognise::spans_of(s.labels.iter().copied()).len())
                .sum::<usize>()
        );
        sources.extend(std::iter::repeat_n(source, extra.len()));
        documents.extend(extra.into_iter().map(|d| d.sentences));
    }
    if let Some(ecb) = value(args, "--ecb") {
        let extra = ecb_train(Path::new(ecb))?;
        println!(
            "ECB+ train topics: {} fully annotated sentences",
            extra.iter().map(Vec::len).sum::<usize>()
        );
        // news like crosswire's: counted more than once when --ecb-repeat says so
        let repeat = value(args, "--ecb-repeat").map_or(Ok(1), |v| v.parse::<usize>())?;
        // `--ecb-own`: ECB+'s features also get a table of their own (`train::Source::Other`)
        let source = if args.iter().any(|a| a == "--ecb-own") {
            train::Source::ECB_OWN
        } else {
            train::Source::Target
        };
        for _ in 0..repeat {
            sources.extend(std::iter::repeat_n(source, extra.len()));
            documents.extend(extra.iter().cloned());
        }
    }
    // corpora in the CoNLL NER format (Wikigold: models/training/), each file given after
    // a --conll flag
    sources.resize(documents.len(), train::Source::Target);
    // `--own-copies`: each CoNLL corpus's features also get a copy of their own
    // (`train::Source::Other`)
    let own_copies = args.iter().any(|a| a == "--own-copies");
    let corpora = args.iter().enumerate().filter(|(_, a)| *a == "--conll" || *a == "--conll-own");
    for (corpus, (i, flag)) in corpora.enumerate() {
        let Some(file) = args.get(i + 1) else { continue };
        let own_copies = own_copies || flag == "--conll-own";
        let extra = conll::read_documents(&std::fs::read_to_string(file)?);
        println!("{file}: {} sentences", extra.iter().map(Vec::len).sum::<usize>());
        let source =
            if own_copies { train::Source::Other(corpus as u8) } else { train::Source::Target };
        sources.extend(std::iter::repeat_n(source, extra.len()));
        documents.extend(extra);
    }
    Ok((gum_documents, documents, sources))
}

/// Scores the settings by k-fold cross-validation over GUM's train documents (by document, the
/// i-th in fold i mod k; the other corpora always trained on): more names than dev holds, so
/// choices between settings are less at the mercy of a few names. With `kinds` (the second
/// stage's settings), each fold's first-pass readings are the second stage's examples
/// (jackknifed: read by a first pass not trained on them), and the second stage is scored the
/// same way: on each fold, trained on the other folds' examples. Returns the error report and
/// every fold's examples.
fn cross_validate(
    k: usize,
    gum_docs: &[Vec<gum::Sentence>],
    trainset: &[gum::Document],
    (extra, extra_sources): (&[Vec<gum::Sentence>], &[train::Source]),
    settings: train::Settings,
    kinds: Option<names::Settings>,
    fold_models: Option<&Path>,
) -> (String, Vec<names::Example>) {
    let mut total = train::Scores::default();
    let mut report = String::new();
    let mut classes = [0usize; 4];
    let per_copy = trainset.len();
    // each fold's first-pass readings and examples, for the second stage
    let mut readings: Vec<Vec<(train::FirstPass, &gum::Document)>> = Vec::new();
    let mut examples: Vec<Vec<names::Example>> = Vec::new();
    for fold in 0..k {
        let mut documents: Vec<Vec<gum::Sentence>> = gum_docs
            .iter()
            .enumerate()
            .filter(|(i, _)| (i % per_copy) % k != fold)
            .map(|(_, d)| d.clone())
            .collect();
        let mut sources = vec![train::Source::Target; documents.len()];
        documents.extend(extra.iter().cloned());
        sources.extend_from_slice(extra_sources);
        // a fold's first pass kept from an earlier run with the same data and settings
        // (`--fold-models DIR`: the same bytes, as training is deterministic), so that the
        // second stage can be tried again without training the first pass again
        let kept = fold_models.map(|dir| dir.join(format!("fold-{fold}-of-{k}.bin")));
        let model = match kept.as_ref().and_then(|p| std::fs::read(p).ok()) {
            Some(bytes) => Model::from_bytes(&bytes).expect("a kept fold model"),
            None => {
                let model = train::train_from_sources(&documents, &sources, settings);
                if let Some(p) = &kept {
                    std::fs::write(p, model.to_bytes()).expect("a writable --fold-models folder");
                }
                model
            }
        };
        let held: Vec<&gum::Document> =
            trainset.iter().enumerate().filter(|(i, _)| i % k == fold).map(|(_, d)| d).collect();
        let (mut fold_readings, mut fold_examples) = (Vec::new(), Vec::new());
        for &doc in &held {
            let reading = train::first_pass(&model, doc);
            total.add(&train::score_document(&reading.decide(None), doc));
            error_classes(&model, None, doc, &mut classes, &mut report);
            if kinds.is_some() {
                fold_examples.extend(reading.examples(doc));
                fold_readings.push((reading, doc));
            }
        }
        readings.push(fold_readings);
        examples.push(fold_examples);
    }
    let (p, r, f) = total.overall();
    print!("cv{k}  P {p:5.1} R {r:5.1} F1 {f:5.1}");
    for kind in NameKind::ALL {
        print!(" | {} F1 {:5.1}", kind.as_str(), total.of(kind).2);
    }
    println!(" | spans F1 {:5.1}", total.spans_only().2);
    let [kind, boundary, missed, invented] = classes;
    println!(
        "errors: wrong kind {kind}, boundary {boundary}, missed {missed}, invented {invented}"
    );
    let Some(kind_settings) = kinds else { return (report, Vec::new()) };
    let mut staged = train::Scores::default();
    let mut wrong_kinds = 0;
    for (fold, fold_readings) in readings.iter().enumerate() {
        let others: Vec<names::Example> = examples
            .iter()
            .enumerate()
            .filter(|(f, _)| *f != fold)
            .flat_map(|(_, e)| e.iter().cloned())
            .collect();
        let model = names::train(&others, kind_settings);
        for (reading, doc) in fold_readings {
            let decided = reading.decide(Some(&model));
            let s = train::score_document(&decided, doc);
            wrong_kinds += s.spans.0 - s.counts.iter().map(|c| c.0).sum::<usize>();
            staged.add(&s);
        }
    }
    let (p, r, f) = staged.overall();
    print!("cv{k} + name kinds  P {p:5.1} R {r:5.1} F1 {f:5.1}");
    for kind in NameKind::ALL {
        print!(" | {} F1 {:5.1}", kind.as_str(), staged.of(kind).2);
    }
    println!(" | spans F1 {:5.1} | wrong kinds {wrong_kinds}", staged.spans_only().2);
    (report, examples.into_iter().flatten().collect())
}

/// Counts a document's errors by class (wrong kind of a right span; a span overlapping a gold
/// one but not the same; a gold name no predicted one overlaps; a predicted name no gold one
/// overlaps) and writes each, with its sentence, to `report`.
fn error_classes(
    model: &Model,
    kinds: Option<&names::KindModel>,
    doc: &gum::Document,
    classes: &mut [usize; 4],
    report: &mut String,
) {
    use crosswire::actors::recognise::spans_of;
    use std::fmt::Write;
    let predicted = train::predict(model, kinds, doc);
    for (si, s) in doc.sentences.iter().enumerate() {
        let gold = spans_of(s.labels.iter().copied());
        let got: Vec<_> =
            predicted.iter().filter(|p| p.0 == si).map(|p| (p.1.clone(), p.2)).collect();
        let overlap = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
            a.start < b.end && b.start < a.end
        };
        let show = |(r, k): &(std::ops::Range<usize>, NameKind)| {
            format!("{} /{}", s.words[r.clone()].join(" "), k.as_str())
        };
        let mut lines = Vec::new();
        for g in &gold {
            if got.contains(g) {
                continue;
            }
            let class = if got.iter().any(|p| p.0 == g.0) {
                0
            } else if got.iter().any(|p| overlap(&p.0, &g.0)) {
                1
            } else {
                2
            };
            classes[class] += 1;
            let with: Vec<String> = got.iter().filter(|p| overlap(&p.0, &g.0)).map(show).collect();
            lines.push(format!(
                "{}\t{}\tgot {:?}",
                ["KIND", "BOUNDARY", "MISSED"][class],
                show(g),
                with
            ));
        }
        for p in &got {
            if !gold.iter().any(|g| overlap(&g.0, &p.0)) {
                classes[3] += 1;
                lines.push(format!("INVENTED\t{}", show(p)));
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(report, "# {} {}: {}", doc.name, si, s.words.join(" "));
            for l in lines {
                let _ = writeln!(report, "{l}");
            }
        }
    }
}
