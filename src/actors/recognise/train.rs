//! Training: the averaged perceptron, deterministic (a fixed order, shuffled by a fixed seed; no
//! threads), so one command always writes the same weights.

use super::features::{self, Casing, DocumentWords, Word};
use super::gum::Sentence;
use super::{kind_free_slot, DocumentFeatures, Label, Model, NameKind, LABELS};

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the data.
    pub epochs: usize,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Every n-th sentence is also learnt written in capitals, so that a line in capitals is not
    /// read as a run of names (0: none).
    pub caps_every: usize,
    /// Every n-th sentence (offset from the capitals) is also learnt in Title Case, as headlines
    /// are written, so that a headline's capitalised words are not each read as a name (0: none).
    pub title_every: usize,
    pub seed: u64,
    /// How many perceptrons, each shuffling the data with its own seed, are averaged into the
    /// model: one alone depends much on the order it saw the sentences in.
    pub runs: usize,
    /// Whether and how the features read how each document writes a word elsewhere
    /// ([`DocumentWords`]).
    pub document_features: DocumentFeatures,
    /// Whether the features read the word clusters ([`features::cluster_features`]).
    pub clusters: bool,
    /// Whether the features read the typed gazetteer ([`features::typed_word_features`]).
    pub typed: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 5,
            bits: 19,
            caps_every: 8,
            title_every: 0,
            seed: 0x5eed,
            runs: 5,
            document_features: DocumentFeatures::None,
            clusters: false,
            typed: false,
        }
    }
}

struct Example {
    words: Vec<String>,
    labels: Vec<Label>,
}

/// Trains on documents (each a list of sentences: the features read how a document writes a
/// word elsewhere) and returns the averaged, quantised model.
pub fn train(documents: &[Vec<Sentence>], settings: Settings) -> Model {
    let sources = vec![Source::Target; documents.len()];
    train_from_sources(documents, &sources, settings)
}

/// Where a training document comes from: the text the model is for (GUM, ECB+), or a corpus
/// annotated by other conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Target,
    /// A corpus of its own conventions, numbered: its words' features are learnt twice, once as
    /// every corpus's and once as this corpus's own copy, which the model never reads when it
    /// tags. What only this corpus does (its "American" is not a name, its titles are outside
    /// the name) can go to its own copy instead of the shared weights (Daumé 2007's feature
    /// augmentation, with no copy for the target).
    Other(u8),
}

impl Source {
    /// GUM's extra train documents given their own table (`--gum-extra-own`). The numbers below
    /// 200 are the CoNLL corpora's, in the order their flags are given (0 for the first
    /// `--conll`/`--conll-own` file); 200 and 201 stay clear of them. A corpus's number salts
    /// the hashes of its own copies, which share the buckets of the model: another number trains
    /// other weights, so these are fixed.
    pub const GUM_EXTRA_OWN: Source = Source::Other(200);
    /// ECB+'s train sentences given their own table (`--ecb-own`); see [`Source::GUM_EXTRA_OWN`].
    pub const ECB_OWN: Source = Source::Other(201);
}

/// Trains as [`train`], each document from its source (`sources[i]` for `documents[i]`).
pub fn train_from_sources(
    documents: &[Vec<Sentence>],
    sources: &[Source],
    settings: Settings,
) -> Model {
    let mut examples: Vec<Example> = Vec::new();
    // static features once per word
    let mut statics: Vec<Vec<WordFeatures>> = Vec::new();
    let mut n = 0;
    for (sentences, &source) in documents.iter().zip(sources) {
        let mut document = DocumentWords::default();
        for s in sentences {
            let words: Vec<Word> = s.words.iter().map(|w| Word::new(w)).collect();
            document.add_sentence(&words);
        }
        for s in sentences {
            let mut add = |words: Vec<String>| {
                examples.push(Example { words, labels: s.labels.clone() });
            };
            add(s.words.clone());
            if settings.caps_every > 0 && n % settings.caps_every == 0 {
                add(s.words.iter().map(|w| w.to_uppercase()).collect());
            }
            if settings.title_every > 0 && n % settings.title_every == settings.title_every / 2 {
                add(s.words.iter().map(|w| title_case(w)).collect());
            }
            n += 1;
        }
        for e in &examples[statics.len()..] {
            let words: Vec<Word> = e.words.iter().map(|w| Word::new(w)).collect();
            let casing = Casing::of(&words);
            statics.push(
                (0..words.len())
                    .map(|i| {
                        let mut shared = Vec::new();
                        features::static_features(
                            &words,
                            casing,
                            i,
                            settings.clusters,
                            settings.typed,
                            &mut shared,
                        );
                        let mut kind_free = Vec::new();
                        match settings.document_features {
                            DocumentFeatures::None => {}
                            DocumentFeatures::PerLabel => features::document_features(
                                &words,
                                casing,
                                &document,
                                i,
                                &mut shared,
                            ),
                            DocumentFeatures::KindFree => features::document_features(
                                &words,
                                casing,
                                &document,
                                i,
                                &mut kind_free,
                            ),
                        }
                        // the corpus's own copy of each feature, in its own bucket
                        let own_copy = |features: &[u64]| -> Vec<u64> {
                            match source {
                                Source::Target => Vec::new(),
                                Source::Other(corpus) => {
                                    let salt =
                                        (u64::from(corpus) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                                    features
                                        .iter()
                                        .map(|h| (h ^ salt).wrapping_mul(0xFF51_AFD7_ED55_8CCD))
                                        .collect()
                                }
                            }
                        };
                        let own = own_copy(&shared);
                        let kind_free_own = own_copy(&kind_free);
                        WordFeatures { shared, own, kind_free, kind_free_own }
                    })
                    .collect(),
            );
        }
    }
    let rows = 1usize << settings.bits;
    let mut averaged = vec![0f32; rows * LABELS];
    for run in 0..settings.runs.max(1) {
        let seed = settings.seed.wrapping_add(run as u64 * 0x9E37_79B9);
        let one = train_one(&examples, &statics, settings, seed);
        for (a, w) in averaged.iter_mut().zip(one) {
            *a += w;
        }
    }
    let max = averaged.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
    let scale = 32767.0 / max;
    Model::from_weights(
        settings.bits,
        averaged.iter().map(|w| (w * scale).round() as i16).collect(),
        settings.document_features,
    )
    .with_clusters(settings.clusters)
    .with_typed(settings.typed)
}

/// A word as a Title Case headline writes it: a lower-case word other than a short function
/// word gets a capital.
fn title_case(word: &str) -> String {
    const SMALL: &[&str] =
        &["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "as"];
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() && !SMALL.contains(&word) => {
            c.to_uppercase().chain(chars).collect()
        }
        _ => word.to_string(),
    }
}

/// A word's features that do not read labels: those every corpus shares, and its corpus's own
/// copies ([`Source::Other`]), learnt in a table of their own that the model does not keep.
struct WordFeatures {
    shared: Vec<u64>,
    own: Vec<u64>,
    /// Features with one weight for all B- labels and one for all I- labels
    /// ([`kind_free_slot`]), and their corpus's own copies.
    kind_free: Vec<u64>,
    kind_free_own: Vec<u64>,
}

/// One averaged perceptron over the examples, shuffled from `seed`: its averaged weights (the
/// shared table's only).
fn train_one(
    examples: &[Example],
    statics: &[Vec<WordFeatures>],
    settings: Settings,
    seed: u64,
) -> Vec<f32> {
    let rows = 1usize << settings.bits;
    let mut weights = vec![0f32; rows * LABELS];
    // the sum of each weight's changes, each weighted by the step it happened at: the average is
    // weights - totals / steps
    let mut totals = vec![0f64; rows * LABELS];
    // the corpora's own copies: trained alongside, never averaged nor kept (allocated only when
    // some corpus has them)
    let any_own =
        statics.iter().flatten().any(|w| !w.own.is_empty() || !w.kind_free_own.is_empty());
    let mut own_weights = vec![0f32; if any_own { rows * LABELS } else { 0 }];
    let bucket = |f: u64| (f >> (64 - settings.bits)) as usize;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let mut step = 1f64;
    let mut feats = Vec::new();
    for _epoch in 0..settings.epochs {
        let mut mistakes = 0usize;
        shuffle(&mut order, &mut rng);
        for &e in &order {
            let ex = &examples[e];
            let words: Vec<Word> = ex.words.iter().map(|w| Word::new(w)).collect();
            let row_scores = |feats: &[u64], weights: &[f32]| {
                let mut scores = [0f64; LABELS];
                for &f in feats {
                    let b = bucket(f) * LABELS;
                    for (s, w) in scores.iter_mut().zip(&weights[b..b + LABELS]) {
                        *s += f64::from(*w);
                    }
                }
                scores
            };
            let kind_free_scores = |feats: &[u64], weights: &[f32], scores: &mut [f64; LABELS]| {
                for &f in feats {
                    let b = bucket(f) * LABELS;
                    for (l, s) in scores.iter_mut().enumerate() {
                        *s += f64::from(weights[b + kind_free_slot(l)]);
                    }
                }
            };
            let statics_scores: Vec<[f64; LABELS]> = statics[e]
                .iter()
                .map(|f| {
                    let mut scores = row_scores(&f.shared, &weights);
                    if !f.own.is_empty() {
                        let own = row_scores(&f.own, &own_weights);
                        scores.iter_mut().zip(own).for_each(|(s, o)| *s += o);
                    }
                    kind_free_scores(&f.kind_free, &weights, &mut scores);
                    kind_free_scores(&f.kind_free_own, &own_weights, &mut scores);
                    scores
                })
                .collect();
            let guess = super::viterbi(&words, |i, prev| {
                feats.clear();
                features::label_features(&words, i, prev, &mut feats);
                let mut scores = row_scores(&feats, &weights);
                for (s, t) in scores.iter_mut().zip(&statics_scores[i]) {
                    *s += t;
                }
                scores
            });
            // the structured perceptron's update: the gold labels' features up, the guessed
            // ones' down, wherever the two differ (a word's label, or the label before it)
            let (mut gold_prev, mut guess_prev) = (Label::Outside, Label::Outside);
            for (i, word_features) in statics[e].iter().enumerate() {
                let (gold, got) = (ex.labels[i], guess[i]);
                if gold != got || gold_prev != guess_prev {
                    if gold != got {
                        mistakes += 1;
                    }
                    let mut update = |label: Label, prev: Label, by: f32| {
                        feats.clear();
                        feats.extend_from_slice(&word_features.shared);
                        features::label_features(&words, i, prev, &mut feats);
                        for &f in &feats {
                            let b = bucket(f) * LABELS + label.index();
                            weights[b] += by;
                            totals[b] += f64::from(by) * step;
                        }
                        for &f in &word_features.own {
                            own_weights[bucket(f) * LABELS + label.index()] += by;
                        }
                        let slot = kind_free_slot(label.index());
                        for &f in &word_features.kind_free {
                            let b = bucket(f) * LABELS + slot;
                            weights[b] += by;
                            totals[b] += f64::from(by) * step;
                        }
                        for &f in &word_features.kind_free_own {
                            own_weights[bucket(f) * LABELS + slot] += by;
                        }
                    };
                    update(gold, gold_prev, 1.0);
                    update(got, guess_prev, -1.0);
                }
                gold_prev = gold;
                guess_prev = got;
                step += 1.0;
            }
        }
        if std::env::var_os("CROSSWIRE_TRAIN_VERBOSE").is_some() {
            eprintln!("epoch {_epoch}: {mistakes} mistakes");
        }
    }
    weights.iter().zip(&totals).map(|(&w, &t)| w - (t / step) as f32).collect()
}

/// Exact-span, exact-kind scores of a model on documents, overall and per kind.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// (true positives, predicted, gold) per kind, indexed by `NameKind as usize`.
    pub counts: [(usize, usize, usize); 3],
    /// (spans right whatever their kind, predicted, gold): how much of the error is the kind.
    pub spans: (usize, usize, usize),
}

impl Scores {
    fn f1((tp, pred, gold): (usize, usize, usize)) -> (f64, f64, f64) {
        let p = if pred == 0 { 0.0 } else { tp as f64 / pred as f64 };
        let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }
    /// Precision, recall and F1 (percent) of one kind.
    pub fn of(&self, kind: NameKind) -> (f64, f64, f64) {
        Self::f1(self.counts[kind as usize])
    }
    /// Precision, recall and F1 of the spans alone.
    pub fn spans_only(&self) -> (f64, f64, f64) {
        Self::f1(self.spans)
    }
    /// Adds another set of documents' counts.
    pub fn add(&mut self, other: &Scores) {
        for (c, o) in self.counts.iter_mut().zip(&other.counts) {
            *c = (c.0 + o.0, c.1 + o.1, c.2 + o.2);
        }
        self.spans = (
            self.spans.0 + other.spans.0,
            self.spans.1 + other.spans.1,
            self.spans.2 + other.spans.2,
        );
    }
    /// Micro-averaged over the kinds.
    pub fn overall(&self) -> (f64, f64, f64) {
        let sum = self.counts.iter().fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        Self::f1(sum)
    }
}

/// Scores `model` on GUM documents (their own tokens and sentences), with the kinds decided per
/// document as in [`super::recognise`] (by `kinds`, the second stage, when given).
pub fn evaluate(
    model: &Model,
    kinds: Option<&super::names::KindModel>,
    docs: &[super::gum::Document],
) -> Scores {
    let mut scores = Scores::default();
    for d in docs {
        scores.add(&score_document(&predict(model, kinds, d), d));
    }
    scores
}

/// The scores of names found in one document (sentence, word range, kind) against its gold ones.
pub fn score_document(
    predicted: &[(usize, std::ops::Range<usize>, NameKind)],
    d: &super::gum::Document,
) -> Scores {
    let mut scores = Scores::default();
    let gold = gold_names(d);
    for (si, range, _) in predicted {
        scores.spans.1 += 1;
        if gold.iter().any(|(gs, gr, _)| gs == si && gr == range) {
            scores.spans.0 += 1;
        }
    }
    scores.spans.2 += gold.len();
    for (si, range, kind) in predicted {
        scores.counts[*kind as usize].1 += 1;
        if gold.iter().any(|(gs, gr, gk)| gs == si && gr == range && gk == kind) {
            scores.counts[*kind as usize].0 += 1;
        }
    }
    for (_, _, k) in &gold {
        scores.counts[*k as usize].2 += 1;
    }
    scores
}

/// A document's gold names: (sentence, word range, kind).
pub fn gold_names(d: &super::gum::Document) -> Vec<(usize, std::ops::Range<usize>, NameKind)> {
    let mut gold = Vec::new();
    for (si, s) in d.sentences.iter().enumerate() {
        for (range, kind) in super::spans_of(s.labels.iter().copied()) {
            gold.push((si, range, kind));
        }
    }
    gold
}

/// The first pass's reading of a GUM document (its own tokens and sentences), as
/// [`super::recognise_with`] reads a text before each name's kind is decided: the words, and
/// each mention found (names found again added, [`super::repeated_mentions`]) with its place,
/// its first-pass reading and its key.
pub struct FirstPass<'d> {
    pub words: Vec<Vec<Word<'d>>>,
    pub at: Vec<super::names::At>,
    pub names: Vec<super::Name>,
    pub keys: Vec<String>,
}

impl FirstPass<'_> {
    /// The names with their kinds decided (by `kinds`, the second stage, when given).
    pub fn decide(
        &self,
        kinds: Option<&super::names::KindModel>,
    ) -> Vec<(usize, std::ops::Range<usize>, NameKind)> {
        let mut names = self.names.clone();
        super::names::decide_kinds(kinds, &self.words, &self.at, &mut names, &self.keys);
        self.at.iter().zip(names).map(|((si, range), n)| (*si, range.clone(), n.kind)).collect()
    }

    /// The second stage's examples of this reading, with the gold kinds of document `d`.
    pub fn examples(&self, d: &super::gum::Document) -> Vec<super::names::Example> {
        let gold = gold_names(d);
        let gold_at = |(si, range): &super::names::At| {
            gold.iter().find(|(gs, gr, _)| gs == si && gr == range).map(|g| g.2)
        };
        super::names::examples(&self.words, &self.at, &self.names, &self.keys, gold_at)
    }
}

/// Reads a GUM document with the first pass ([`FirstPass`]).
pub fn first_pass<'d>(model: &Model, d: &'d super::gum::Document) -> FirstPass<'d> {
    let mut at = Vec::new();
    let mut names = Vec::new();
    let mut keys = Vec::new();
    let words: Vec<Vec<Word>> =
        d.sentences.iter().map(|s| s.words.iter().map(|w| Word::new(w)).collect()).collect();
    let mut document = DocumentWords::default();
    for w in &words {
        document.add_sentence(w);
    }
    for (si, (s, words)) in d.sentences.iter().zip(&words).enumerate() {
        for (range, kind, kind_scores) in model.names_in(words, &document) {
            keys.push(crate::text::fold(&s.words[range.clone()].join(" ")));
            at.push((si, range.clone()));
            names.push(super::Name { span: 0..0, kind, kind_scores });
        }
    }
    let persons: Vec<bool> = names.iter().map(|n| n.kind == NameKind::Person).collect();
    for (si, range, n) in super::repeated_mentions(&words, &at, &persons) {
        keys.push(keys[n].clone());
        names.push(names[n].clone());
        at.push((si, range));
    }
    FirstPass { words, at, names, keys }
}

/// The names `model` finds in a GUM document (its own tokens and sentences) as
/// [`super::recognise`] finds them: (sentence, word range, kind), the names found again added
/// ([`super::repeated_mentions`]) and the kinds decided per document (by `kinds` when given).
pub fn predict(
    model: &Model,
    kinds: Option<&super::names::KindModel>,
    d: &super::gum::Document,
) -> Vec<(usize, std::ops::Range<usize>, NameKind)> {
    first_pass(model, d).decide(kinds)
}

/// Shuffles `order` (Fisher–Yates) by a xorshift generator whose state is `rng`: the same seed
/// gives the same order on every platform, so training is deterministic.
pub(crate) fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}
