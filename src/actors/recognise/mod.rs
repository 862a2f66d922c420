//! The trained recogniser of names and their kinds: a greedy left-to-right averaged perceptron
//! (Ratinov & Roth 2009) over word features (`features.rs`), tagging each word of a sentence
//! O, or B-/I- of a person, organisation or place, decoded by Viterbi. A model trained with
//! `--document-features` also reads how the whole text writes each word elsewhere
//! (`features::DocumentWords`; its file says so), which is why an article's words are all read
//! before its first sentence is tagged. Trained on the GUM corpus
//! (`cargo run --release --example train-recogniser -- ../shared/gum`, see `models/README.md`);
//! the weights ship in `models/recogniser.bin` and are loaded once.
//!
//! `tokens.rs` cuts an article into words and sentences the way GUM is tokenised; `gum.rs` reads
//! GUM's files (pure: their text in, sentences with gold labels out); `train.rs` is the training;
//! `scoring.rs` scores an article's words once per word type, as the features define them.

pub mod clusters;
pub mod conll;
pub mod features;
pub mod gazetteers;
pub mod gum;
pub mod names;
pub mod scoring;
pub mod tokens;
pub mod train;
pub mod typed;

use crate::text::Span;
use features::{DocumentWords, Word};
use std::sync::LazyLock;

/// The kind of a recognised name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    Person,
    Organization,
    Place,
}

impl NameKind {
    pub const ALL: [NameKind; 3] = [NameKind::Person, NameKind::Organization, NameKind::Place];

    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Organization => "organization",
            NameKind::Place => "place",
        }
    }
}

/// A word's tag: outside any name, or beginning or inside a name of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Outside,
    Begin(NameKind),
    Inside(NameKind),
}

/// How many labels there are, the width of a row of the weight table.
pub const LABELS: usize = 7;

impl Label {
    pub fn index(self) -> usize {
        match self {
            Label::Outside => 0,
            Label::Begin(k) => 1 + 2 * k as usize,
            Label::Inside(k) => 2 + 2 * k as usize,
        }
    }

    pub fn from_index(i: usize) -> Label {
        match i {
            0 => Label::Outside,
            i if i % 2 == 1 => Label::Begin(NameKind::ALL[(i - 1) / 2]),
            i => Label::Inside(NameKind::ALL[(i - 2) / 2]),
        }
    }

    pub fn kind(self) -> Option<NameKind> {
        match self {
            Label::Outside => None,
            Label::Begin(k) | Label::Inside(k) => Some(k),
        }
    }

    /// Whether this label may follow `prev` (I-X only after B-X or I-X).
    pub fn may_follow(self, prev: Label) -> bool {
        match self {
            Label::Inside(k) => prev.kind() == Some(k),
            _ => true,
        }
    }
}

/// Whether `label` may be given to `word` after `prev`: I-X only after B-X or I-X, and a
/// punctuation mark is never a name's first word and inside one only when names hold it
/// ("A&M", "Berez-Kroeker", "St. John's").
pub fn may_label(label: Label, prev: Label, word: &Word<'_>) -> bool {
    may_label_word_of(label, prev, WordForLabels::of(word))
}

/// What [`may_label`] reads of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordForLabels {
    NoPunctuation,
    /// A punctuation mark that names hold ("&", "-", …).
    Joining,
    Punctuation,
}

impl WordForLabels {
    pub fn of(word: &Word<'_>) -> Self {
        if word.shape != features::Shape::Punctuation {
            WordForLabels::NoPunctuation
        } else if matches!(word.text, "&" | "-" | "'" | "’" | "/" | ".") {
            WordForLabels::Joining
        } else {
            WordForLabels::Punctuation
        }
    }
}

/// [`may_label`] for a word of this sort.
pub fn may_label_word_of(label: Label, prev: Label, word: WordForLabels) -> bool {
    if !label.may_follow(prev) {
        return false;
    }
    match label {
        Label::Outside => true,
        _ if word == WordForLabels::NoPunctuation => true,
        Label::Begin(_) => false,
        Label::Inside(_) => word == WordForLabels::Joining,
    }
}

// `as u64` on a Label for hashing: its index
impl From<Label> for u64 {
    fn from(l: Label) -> u64 {
        l.index() as u64
    }
}

/// The weights: one row of [`LABELS`] scores per hashed feature bucket.
pub struct Model {
    /// This model's number, its own among the models of the process: what word scores a thread
    /// keeps ([`scoring`]) are kept for one model.
    id: u64,
    bits: u32,
    weights: Vec<i16>,
    /// The scores of the label features that read only the label before and the word's shape
    /// ([`features::shape_transition_features`]), summed once here rather than looked up again
    /// for every word: indexed by shape, then the label before, then the label.
    transitions: Vec<[[i32; LABELS]; LABELS]>,
    /// The scores of [`features::neighbour_features`] where the sentence has no word, for each of
    /// [`features::NEIGHBOURS`].
    sentence_ends: [[i32; LABELS]; features::NEIGHBOURS.len()],
    /// The scores of the features of shapes alone, by shape number: [`features::position_feature`]
    /// (first word or not, then shape), [`features::shape_pair_feature`] and
    /// [`features::shape_pair_after_feature`] (the shape before, then the one after).
    positions: [[[i32; LABELS]; SHAPES]; 2],
    shape_pairs: [[[i32; LABELS]; SHAPES]; SHAPES],
    shape_pairs_after: [[[i32; LABELS]; SHAPES]; SHAPES],
    /// Whether and how the features read how the document writes each word elsewhere: a model is
    /// trained with them or without, and its file says which.
    document_features: DocumentFeatures,
    /// The scores of the document features ([`features::document_features`]), of few enough
    /// values to be summed once here (zeros for a model without them): see
    /// [`Model::document_own`], [`Model::document_next`] and [`Model::document_before`].
    document_own: Box<DocumentOwnScores>,
    document_next: Box<DocumentPairScores>,
    document_before: Box<DocumentPairScores>,
    /// Whether the features read the word clusters ([`clusters`], [`features::cluster_features`]):
    /// a model is trained with them or without, and its file says which.
    clusters: bool,
    /// Whether the features read the typed gazetteer ([`typed`], [`features::typed_word_features`]):
    /// a model is trained with it or without, and its file says which.
    typed: bool,
}

/// The scores of [`features::document_own_feature`]: by flag set, shape, first word or not,
/// then casing.
type DocumentOwnScores = [[[[[i32; LABELS]; CASINGS]; 2]; SHAPES]; DocumentWords::FLAG_SETS];
/// The scores of [`features::document_next_feature`] (by the word's flag set, then the next
/// word's) or [`features::document_before_feature`] (the word before's, then the word's), then
/// by shape.
type DocumentPairScores =
    [[[[i32; LABELS]; SHAPES]; DocumentWords::FLAG_SETS]; DocumentWords::FLAG_SETS];
/// How many casings there are ([`features::Casing::ALL`]).
const CASINGS: usize = features::Casing::ALL.len();

/// Whether a model reads how the document writes each word elsewhere ([`DocumentWords`]), and
/// how those features weigh the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFeatures {
    None,
    /// A weight for each label, as every other feature has.
    PerLabel,
    /// One weight for O, one for every B- label and one for every I- label
    /// ([`kind_free_slot`]): how a document writes a word says whether it is a name and where
    /// the name ends, not what kind of thing it names.
    KindFree,
}

/// The weight a kind-free feature ([`DocumentFeatures::KindFree`]) gives label `l` (an index):
/// the row's first for O, its second for every B- label, its third for every I- label.
pub fn kind_free_slot(l: usize) -> usize {
    match Label::from_index(l) {
        Label::Outside => 0,
        Label::Begin(_) => 1,
        Label::Inside(_) => 2,
    }
}

/// How many word shapes there are ([`features::Shape::ALL`]).
const SHAPES: usize = features::Shape::ALL.len();

/// A word's scores: for each label before it, each label's score.
type WordScores = [[i32; LABELS]; LABELS];

/// The file format's first bytes.
const MAGIC: &[u8; 8] = b"CWNER\x00\x00\x01";
/// The first bytes of a model that also reads the document features ([`DocumentWords`]).
const MAGIC_DOCUMENT: &[u8; 8] = b"CWNER\x00\x00\x02";
/// The first bytes of a model that reads the document features kind-free
/// ([`DocumentFeatures::KindFree`]).
const MAGIC_DOCUMENT_KIND_FREE: &[u8; 8] = b"CWNER\x00\x00\x03";

/// The byte of the magic ([`MAGIC`] and the others) that says the model reads the word clusters
/// (1) or not (0): its seventh.
const CLUSTERS_BYTE: usize = 6;

/// The byte of the magic that says the model reads the typed gazetteer (1) or not (0): its
/// sixth.
const TYPED_BYTE: usize = 5;

/// The shipped weights' file (`models/recogniser.bin`), part of the binary ([`SHIPPED`]).
const SHIPPED_BYTES: &[u8] = include_bytes!("../../../models/recogniser.bin");

/// Whether the shipped weights' magic says they read a data file (its `byte`:
/// [`CLUSTERS_BYTE`], [`TYPED_BYTE`]), known when building. The word clusters and the typed
/// gazetteer are part of the binary only when it does (`clusters.rs`, `typed.rs`); a model that
/// reads them otherwise (training, or other weights in tests) reads them from the source tree
/// ([`source_tree_file`]).
const fn shipped_reads(byte: usize) -> bool {
    SHIPPED_BYTES[byte] == 1
}

/// A data file of the source tree the binary was built from (`path` from its root), read once
/// by the caller's `LazyLock` and kept for the program's life: the word clusters or the typed
/// gazetteer for a model that reads them when the shipped weights do not, so the binary does not
/// hold them ([`shipped_reads`]). Only training and tests load such a model; away from the
/// source tree it cannot be read, and that is a defect of the caller, not of the text.
fn source_tree_file(path: &str) -> &'static str {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    match std::fs::read_to_string(&full) {
        Ok(text) => Box::leak(text.into_boxed_str()),
        Err(e) => panic!(
            "{}: {e} (a model reading it was loaded, but the shipped weights do not read it, so \
             this binary does not hold it)",
            full.display()
        ),
    }
}

/// Why a weights file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a crosswire recogniser file (wrong magic bytes)")]
    Magic,
    #[error("the recogniser file is cut short or has a bad table size")]
    Truncated,
}

impl Model {
    /// A zero model with `2^bits` buckets (for training).
    pub fn zeros(bits: u32) -> Model {
        Model::from_weights(bits, vec![0; (1usize << bits) * LABELS], DocumentFeatures::None)
    }

    /// A model of `2^bits` buckets with these weights (a row of [`LABELS`] per bucket).
    pub fn from_weights(
        bits: u32,
        weights: Vec<i16>,
        document_features: DocumentFeatures,
    ) -> Model {
        assert_eq!(weights.len(), (1usize << bits) * LABELS, "one row per bucket");
        static MODELS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut model = Model {
            id: MODELS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            bits,
            weights,
            transitions: Vec::new(),
            sentence_ends: Default::default(),
            positions: Default::default(),
            shape_pairs: Default::default(),
            shape_pairs_after: Default::default(),
            document_features,
            document_own: Box::new(
                [[[[[0; LABELS]; CASINGS]; 2]; SHAPES]; DocumentWords::FLAG_SETS],
            ),
            document_next: Box::new(
                [[[[0; LABELS]; SHAPES]; DocumentWords::FLAG_SETS]; DocumentWords::FLAG_SETS],
            ),
            document_before: Box::new(
                [[[[0; LABELS]; SHAPES]; DocumentWords::FLAG_SETS]; DocumentWords::FLAG_SETS],
            ),
            clusters: false,
            typed: false,
        };
        model.transitions = features::Shape::ALL
            .iter()
            .map(|&shape| {
                std::array::from_fn(|prev| {
                    let mut scores = [0; LABELS];
                    let feats = features::shape_transition_features(Label::from_index(prev), shape);
                    model.add_scores(&feats, &mut scores);
                    scores
                })
            })
            .collect();
        model.sentence_ends = features::NEIGHBOURS.map(|k| {
            let mut feats = Vec::new();
            features::neighbour_features(None, k, &mut feats);
            model.sum(&feats)
        });
        let score = |feature: u64| model.sum(&[feature]);
        let shapes = features::Shape::ALL;
        let positions = [false, true]
            .map(|first| shapes.map(|shape| score(features::position_feature(first, shape))));
        let shape_pairs = shapes.map(|a| shapes.map(|b| score(features::shape_pair_feature(a, b))));
        let shape_pairs_after =
            shapes.map(|a| shapes.map(|b| score(features::shape_pair_after_feature(a, b))));
        model.positions = positions;
        model.shape_pairs = shape_pairs;
        model.shape_pairs_after = shape_pairs_after;
        if document_features != DocumentFeatures::None {
            use features::{
                document_before_feature, document_next_feature, document_own_feature, Casing,
            };
            let scores = |feature| model.document_scores(feature);
            let mut own = model.document_own.clone();
            let (mut next, mut before) =
                (model.document_next.clone(), model.document_before.clone());
            for a in 0..DocumentWords::FLAG_SETS {
                let a_flags = a as u8;
                for (s, &shape) in shapes.iter().enumerate() {
                    for (f, first) in [false, true].into_iter().enumerate() {
                        for (c, casing) in Casing::ALL.into_iter().enumerate() {
                            own[a][s][f][c] =
                                scores(document_own_feature(a_flags, shape, first, casing));
                        }
                    }
                }
                for b in 0..DocumentWords::FLAG_SETS {
                    for (s, &shape) in shapes.iter().enumerate() {
                        next[a][b][s] = scores(document_next_feature(a_flags, b as u8, shape));
                        before[a][b][s] = scores(document_before_feature(a_flags, b as u8, shape));
                    }
                }
            }
            model.document_own = own;
            model.document_next = next;
            model.document_before = before;
        }
        model
    }

    /// The scores of one document feature, as this model weighs them ([`DocumentFeatures`]).
    fn document_scores(&self, feature: u64) -> [i32; LABELS] {
        let mut scores = [0; LABELS];
        match self.document_features {
            DocumentFeatures::None => {}
            DocumentFeatures::PerLabel => self.add_scores(&[feature], &mut scores),
            DocumentFeatures::KindFree => self.add_kind_free_scores(&[feature], &mut scores),
        }
        scores
    }

    /// The scores of [`features::document_own_feature`] for these values, from the table.
    fn document_own(
        &self,
        own: u8,
        shape: features::Shape,
        first: bool,
        casing: features::Casing,
    ) -> &[i32; LABELS] {
        &self.document_own[usize::from(own)][shape as usize][usize::from(first)][casing as usize]
    }

    /// The scores of [`features::document_next_feature`] for these values, from the table.
    fn document_next(&self, own: u8, next: u8, shape: features::Shape) -> &[i32; LABELS] {
        &self.document_next[usize::from(own)][usize::from(next)][shape as usize]
    }

    /// The scores of [`features::document_before_feature`] for these values, from the table.
    fn document_before(&self, before: u8, own: u8, shape: features::Shape) -> &[i32; LABELS] {
        &self.document_before[usize::from(before)][usize::from(own)][shape as usize]
    }

    /// This model, reading the word clusters or not ([`Model::clusters`]): no table of the model
    /// depends on them, so this is only a flag.
    pub fn with_clusters(mut self, clusters: bool) -> Model {
        self.clusters = clusters;
        self
    }

    /// Whether the features read the word clusters ([`features::cluster_features`]).
    pub fn clusters(&self) -> bool {
        self.clusters
    }

    /// This model, reading the typed gazetteer or not ([`Model::typed`]): only a flag, as for
    /// the clusters.
    pub fn with_typed(mut self, typed: bool) -> Model {
        self.typed = typed;
        self
    }

    /// Whether the features read the typed gazetteer ([`features::typed_word_features`]).
    pub fn typed(&self) -> bool {
        self.typed
    }

    pub fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// The file: magic, bits (u32 LE), the number of non-zero rows (u32 LE), then each row as its
    /// bucket (u32 LE) and [`LABELS`] weights (i16 LE). Zero rows are left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = match self.document_features {
            DocumentFeatures::None => MAGIC,
            DocumentFeatures::PerLabel => MAGIC_DOCUMENT,
            DocumentFeatures::KindFree => MAGIC_DOCUMENT_KIND_FREE,
        }
        .to_vec();
        out[CLUSTERS_BYTE] = u8::from(self.clusters);
        out[TYPED_BYTE] = u8::from(self.typed);
        write_sparse_rows(&mut out, self.bits, &self.weights, LABELS);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        // the clusters' byte read apart: the magics differ in the last byte only
        let clusters = match bytes.get(CLUSTERS_BYTE) {
            Some(0) => false,
            Some(1) => true,
            _ => return Err(ModelError::Magic),
        };
        let typed = match bytes.get(TYPED_BYTE) {
            Some(0) => false,
            Some(1) => true,
            _ => return Err(ModelError::Magic),
        };
        let mut head = bytes.get(..MAGIC.len()).ok_or(ModelError::Magic)?.to_vec();
        head[CLUSTERS_BYTE] = 0;
        head[TYPED_BYTE] = 0;
        let bytes = &bytes[MAGIC.len()..];
        let (_, document_features) = [
            (MAGIC, DocumentFeatures::None),
            (MAGIC_DOCUMENT, DocumentFeatures::PerLabel),
            (MAGIC_DOCUMENT_KIND_FREE, DocumentFeatures::KindFree),
        ]
        .into_iter()
        .find(|(magic, _)| head == magic.as_slice())
        .ok_or(ModelError::Magic)?;
        let (bits, weights) = read_sparse_rows(bytes, LABELS)?;
        Ok(Model::from_weights(bits, weights, document_features)
            .with_clusters(clusters)
            .with_typed(typed))
    }

    fn add_scores(&self, features: &[u64], scores: &mut [i32; LABELS]) {
        for &f in features {
            let b = self.bucket(f) * LABELS;
            for (s, w) in scores.iter_mut().zip(&self.weights[b..b + LABELS]) {
                *s += i32::from(*w);
            }
        }
    }

    /// [`Model::add_scores`] for kind-free features ([`kind_free_slot`]).
    fn add_kind_free_scores(&self, features: &[u64], scores: &mut [i32; LABELS]) {
        for &f in features {
            let b = self.bucket(f) * LABELS;
            for (l, s) in scores.iter_mut().enumerate() {
                *s += i32::from(self.weights[b + kind_free_slot(l)]);
            }
        }
    }

    /// Tags one sentence: the labels of highest total score ([`viterbi`]). Returns the labels
    /// and each word's scores given the label chosen before it.
    pub fn tag(&self, words: &[Word<'_>], document: &DocumentWords) -> Vec<(Label, [i32; LABELS])> {
        self.tag_names(words, document).0
    }

    /// [`Model::tag`], and the names in the labels: word ranges, kinds, and each kind's score
    /// short of the best kind's, as in [`Name::kind_scores`].
    #[allow(clippy::type_complexity)]
    pub fn tag_names(
        &self,
        words: &[Word<'_>],
        document: &DocumentWords,
    ) -> (Vec<(Label, [i32; LABELS])>, Vec<(std::ops::Range<usize>, NameKind, [i32; 3])>) {
        let types = scoring::WordTypes::of_words(words);
        let mut cache = scoring::ScoreCache::new(&types);
        self.tag_names_of_types(words, &types.ids[0], &mut cache, document)
    }

    /// [`Model::tag_names`] for a sentence of an article whose word types' scores are kept in
    /// `cache` (`ids`: the words' types, [`scoring::WordTypes`]).
    #[allow(clippy::type_complexity)]
    fn tag_names_of_types(
        &self,
        words: &[Word<'_>],
        ids: &[u32],
        cache: &mut scoring::ScoreCache,
        document: &DocumentWords,
    ) -> (Vec<(Label, [i32; LABELS])>, Vec<(std::ops::Range<usize>, NameKind, [i32; 3])>) {
        let table = self.sentence_scores(words, ids, cache, document);
        let score = |i: usize, prev: Label| table[i][prev.index()];
        let labels = scoring::viterbi_table(words, &table);
        let mut prev = Label::Outside;
        let tagged: Vec<(Label, [i32; LABELS])> = labels
            .iter()
            .enumerate()
            .map(|(i, &l)| {
                let scores = score(i, prev);
                prev = l;
                (l, scores)
            })
            .collect();
        // each kind's score is that of the whole labelling with the name's words given that
        // kind, from the label before the name to the one after it, so that the kinds compete
        // as they did in the search
        let names = spans_of(labels.iter().copied())
            .into_iter()
            .map(|(range, kind)| {
                let path = |k: NameKind| -> i32 {
                    let mut prev = range.start.checked_sub(1).map_or(Label::Outside, |p| labels[p]);
                    let mut total = 0;
                    for i in range.clone() {
                        let l = if i == range.start { Label::Begin(k) } else { Label::Inside(k) };
                        total += score(i, prev)[l.index()];
                        prev = l;
                    }
                    if let Some(&next) = labels.get(range.end) {
                        total += score(range.end, prev)[next.index()];
                    }
                    total
                };
                let totals = NameKind::ALL.map(path);
                let best = totals.into_iter().max().unwrap_or_default();
                (range, kind, totals.map(|t| t - best))
            })
            .collect();
        (tagged, names)
    }
}

/// The labels of a sentence with the highest summed score, among those [`may_label`] allows;
/// `score(i, prev)` gives every label's score at word `i` after the label `prev`. Exact (first
/// order: the scores read only the label before), linear in the sentence's length. Ties go to
/// the lower label index, as they did for the greedy tagger.
pub fn viterbi(
    words: &[Word<'_>],
    mut score: impl FnMut(usize, Label) -> [f64; LABELS],
) -> Vec<Label> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut best = vec![[f64::NEG_INFINITY; LABELS]; words.len()];
    let mut back = vec![[0u8; LABELS]; words.len()];
    let first = score(0, Label::Outside);
    for l in 0..LABELS {
        if may_label(Label::from_index(l), Label::Outside, &words[0]) {
            best[0][l] = first[l];
        }
    }
    for i in 1..words.len() {
        for p in 0..LABELS {
            let before = best[i - 1][p];
            if before == f64::NEG_INFINITY {
                continue;
            }
            let prev = Label::from_index(p);
            let scores = score(i, prev);
            for l in 0..LABELS {
                let total = before + scores[l];
                if total > best[i][l] && may_label(Label::from_index(l), prev, &words[i]) {
                    best[i][l] = total;
                    back[i][l] = p as u8;
                }
            }
        }
    }
    best_path(&best, &back)
}

/// The labels of the best path Viterbi found: from the best last label (ties to the lower index)
/// back through `back`, the label before each word's best label.
pub(super) fn best_path<S: PartialOrd>(best: &[[S; LABELS]], back: &[[u8; LABELS]]) -> Vec<Label> {
    let Some(last) = best.last() else { return Vec::new() };
    let mut l = (0..LABELS).fold(0, |b, l| if last[l] > last[b] { l } else { b });
    let mut out = vec![Label::Outside; best.len()];
    for i in (0..best.len()).rev() {
        out[i] = Label::from_index(l);
        l = back[i][l] as usize;
    }
    out
}

/// The shipped weights (`models/recogniser.bin`), read once.
pub static SHIPPED: LazyLock<Model> = LazyLock::new(|| {
    // candidate weights scored through the whole program before they are shipped (tests'
    // builds only)
    #[cfg(feature = "test-hooks")]
    if let Some(path) = std::env::var_os("CROSSWIRE_RECOGNISER_WEIGHTS") {
        let bytes = std::fs::read(path).expect("CROSSWIRE_RECOGNISER_WEIGHTS names a file");
        return Model::from_bytes(&bytes)
            .expect("CROSSWIRE_RECOGNISER_WEIGHTS is a recogniser file");
    }
    // the bytes are part of the binary and checked by a test: failing here is a build defect
    Model::from_bytes(SHIPPED_BYTES).expect("models/recogniser.bin is a valid recogniser file")
});

/// A name the recogniser found: its byte span in the text, its kind, and how sure the model is
/// of the kind (the score margin of the kind over the next best, summed over its words).
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub span: Span,
    pub kind: NameKind,
    /// How far each kind's score falls short of the best kind's (0 for the best; indexed by
    /// `NameKind as usize`), before the article's mentions vote.
    pub kind_scores: [i32; 3],
}

impl Name {
    /// How far the chosen kind's score is above the best other kind's for this mention (negative
    /// when the article's vote overruled the mention's own reading).
    pub fn margin(&self) -> i32 {
        let own = self.kind_scores[self.kind as usize];
        let other = NameKind::ALL
            .into_iter()
            .filter(|&k| k != self.kind)
            .map(|k| self.kind_scores[k as usize])
            .max()
            .unwrap_or_default();
        own - other
    }
}

/// What the recogniser read in a text: the names it found, and for every word the score of each
/// kind had a name begun there (so that a name the rules found and the model did not still gets
/// the model's opinion of its kind).
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// In text order.
    pub names: Vec<Name>,
    /// (start byte, each kind's deficit to the best kind as in [`Name::kind_scores`]) per word, in
    /// text order.
    pub words: Vec<(usize, [i32; 3])>,
}

impl Reading {
    /// The model's kind for a name starting at byte `start` that it did not find itself.
    pub fn kind_at(&self, start: usize) -> Option<NameKind> {
        let at = self.words.binary_search_by_key(&start, |w| w.0).ok()?;
        let scores = self.words[at].1;
        NameKind::ALL.into_iter().find(|&k| scores[k as usize] == 0)
    }

    /// The name it found that holds the whole byte span `span` (a word's), if any.
    pub fn name_holding(&self, span: &Span) -> Option<&Name> {
        let after = self.names.partition_point(|n| n.span.start <= span.start);
        after.checked_sub(1).map(|k| &self.names[k]).filter(|n| n.span.end >= span.end)
    }
}

/// Reads a text with the shipped model. `excluded` byte ranges are skipped. Every mention of one
/// name gets the kind its mentions vote for ([`vote_kinds`]): no second stage ([`names`]) is
/// shipped (it did not pay, `models/README.md`).
pub fn recognise(text: &str, excluded: &[Span]) -> Reading {
    recognise_with(&SHIPPED, None, text, excluded)
}

/// [`recognise`] with given models. Every mention of one name in the text gets one kind
/// ([`names::decide_kinds`]: voted by its mentions, [`vote_kinds`], or decided by `kinds`, a
/// second stage trained with `--name-kinds`).
pub fn recognise_with(
    model: &Model,
    kinds: Option<&names::KindModel>,
    text: &str,
    excluded: &[Span],
) -> Reading {
    let mut out = Reading::default();
    let sentences = tokens::sentences(text, excluded);
    // an article repeats its words: each type's lists and scores are found once
    let types = scoring::WordTypes::of_spans(text, &sentences);
    let words: Vec<Vec<Word>> = (0..sentences.len()).map(|s| types.words(s)).collect();
    // how the whole text writes each word, read before any sentence is tagged (and only for a
    // model that reads it: a map of every word is not free)
    let document = if model.document_features != DocumentFeatures::None {
        types.document_words(&words)
    } else {
        DocumentWords::default()
    };
    let mut cache = scoring::ScoreCache::new(&types);
    let mut found = Vec::new();
    for (si, (sentence, words)) in sentences.iter().zip(&words).enumerate() {
        let (tagged, names) =
            model.tag_names_of_types(words, &types.ids[si], &mut cache, &document);
        for (span, (_, scores)) in sentence.iter().zip(&tagged) {
            out.words.push((span.start, deficits(scores)));
        }
        for (range, kind, kind_scores) in names {
            out.names.push(Name {
                span: sentence[range.start].start..sentence[range.end - 1].end,
                kind,
                kind_scores,
            });
            found.push((si, range));
        }
    }
    let persons: Vec<bool> = out.names.iter().map(|n| n.kind == NameKind::Person).collect();
    let repeats = repeated_mentions(&words, &found, &persons);
    let mut at = found.clone();
    if !repeats.is_empty() {
        for (si, range, n) in repeats {
            let sentence = &sentences[si];
            let span = sentence[range.start].start..sentence[range.end - 1].end;
            out.names.push(Name { span, ..out.names[n].clone() });
            at.push((si, range));
        }
        // in text order, each name with its place (a stable sort, as before the second stage)
        let mut placed: Vec<(Name, names::At)> =
            std::mem::take(&mut out.names).into_iter().zip(at).collect();
        placed.sort_by_key(|(n, _)| n.span.start);
        (out.names, at) = placed.into_iter().unzip();
    }
    let keys: Vec<String> =
        out.names.iter().map(|n| crate::text::fold(&text[n.span.clone()])).collect();
    names::decide_kinds(kinds, &words, &at, &mut out.names, &keys);
    out
}

/// The other mentions of names already found in a document (Krishnan & Manning 2006's label
/// consistency, as a rule): where the words of a found name occur again, capitalised as there,
/// not inside a name and not next to another capitalised word other than the sentence's first
/// (which would make them part of a longer name), they are that name again. A tagger reading one sentence at a time misses a
/// name where its context says little ("Congress authorized ..."), though the document named it
/// elsewhere. A person's surname written alone is that person again (below). `found` holds
/// (sentence, word range) pairs, sorted, and `persons` whether each was read as a person; the
/// result says for each mention added (sentence, word range) the index in `found` of the name it
/// repeats.
pub fn repeated_mentions(
    sentences: &[Vec<Word<'_>>],
    found: &[(usize, std::ops::Range<usize>)],
    persons: &[bool],
) -> Vec<(usize, std::ops::Range<usize>, usize)> {
    // each name's words and the first name found so written, looked up by its first word so
    // that the search stays linear in the document
    let mut by_first_word: rustc_hash::FxHashMap<&str, Vec<(Vec<&str>, usize)>> =
        Default::default();
    for (n, (s, range)) in found.iter().enumerate() {
        let words: Vec<&str> = sentences[*s][range.clone()].iter().map(|w| w.text).collect();
        // a name of one word in capitals or initials only is as likely a heading or an
        // abbreviation of something else
        if words.iter().any(|w| w.chars().any(char::is_lowercase)) {
            let same = by_first_word.entry(words[0]).or_default();
            if !same.iter().any(|(w, _)| *w == words) {
                same.push((words, n));
            }
        }
    }
    // a person's surname written alone is that person again ("Obama" after "Barack Obama"), for
    // a name of two words or more whose first is a given name; after every name's own words, so
    // that a name found as it is written wins
    for (n, (s, range)) in found.iter().enumerate() {
        if !persons.get(n).copied().unwrap_or(false) || range.len() < 2 {
            continue;
        }
        let first = &sentences[*s][range.start];
        let last = &sentences[*s][range.end - 1];
        if first.lists & gazetteers::GIVEN_NAME == 0
            || last.shape != features::Shape::Capitalised
            || last.text.chars().count() < 2
        {
            continue;
        }
        let same = by_first_word.entry(last.text).or_default();
        if !same.iter().any(|(w, _)| *w == [last.text]) {
            same.push((vec![last.text], n));
        }
    }
    let mut taken: rustc_hash::FxHashSet<(usize, usize)> =
        found.iter().flat_map(|(s, r)| r.clone().map(move |i| (*s, i))).collect();
    let mut out = Vec::new();
    for (s, words) in sentences.iter().enumerate() {
        for start in 0..words.len() {
            if !words[start].shape.is_capitalised() || taken.contains(&(s, start)) {
                continue;
            }
            let Some(candidates) = by_first_word.get(words[start].text) else { continue };
            for (key, n) in candidates {
                let n = *n;
                let end = start + key.len();
                if end > words.len()
                    || words[start..end].iter().zip(key).any(|(w, k)| w.text != *k)
                    || (start..end).any(|i| taken.contains(&(s, i)))
                    || words.get(end).is_some_and(|w| w.shape.is_capitalised())
                    // (a sentence's first word is capitalised whatever it is)
                    || (start > 1 && words[start - 1].shape.is_capitalised())
                {
                    continue;
                }
                taken.extend((start..end).map(|i| (s, i)));
                out.push((s, start..end, n));
                break;
            }
        }
    }
    out
}

/// Each kind's B- score short of the best kind's. Only a name's first word's B- scores compete
/// with each other in training (an I- label is only ever weighed against O and the B- labels),
/// so they alone say the kind.
fn deficits(scores: &[i32; LABELS]) -> [i32; 3] {
    let begin = |k: NameKind| scores[Label::Begin(k).index()];
    let best = NameKind::ALL.into_iter().map(begin).max().unwrap_or_default();
    NameKind::ALL.map(|k| begin(k) - best)
}

/// Gives every name the kind its mentions vote for together (`keys[i]` is name `i`'s folded
/// text): "Jordan" is one thing throughout an article, the thing most of its mentions look like.
/// A name of one word that is the last word of a longer name the article reads as a person votes
/// with it: "Paris" after "Valeska Paris" is her surname.
pub fn vote_kinds(names: &mut [Name], keys: &[String]) {
    let sums = vote_sums(names, keys);
    for (n, (_, voted)) in names.iter_mut().zip(sums) {
        n.kind = best_of(voted);
    }
}

/// The kind of highest summed score, ties to the lower kind.
fn best_of(sum: [i64; 3]) -> NameKind {
    NameKind::ALL
        .into_iter()
        .max_by_key(|&k| (sum[k as usize], std::cmp::Reverse(k as usize)))
        .unwrap_or(NameKind::Person)
}

/// For each name, the sums of the kind scores of every mention of its key (`own`), and the same
/// with those of the persons a one-word name ends (`voted`): what [`vote_kinds`] decides by.
pub fn vote_sums(names: &[Name], keys: &[String]) -> Vec<([i64; 3], [i64; 3])> {
    let mut sums: rustc_hash::FxHashMap<&str, [i64; 3]> = Default::default();
    for (n, k) in names.iter().zip(keys) {
        let sum = sums.entry(k.as_str()).or_default();
        for (s, v) in sum.iter_mut().zip(n.kind_scores) {
            *s += i64::from(v);
        }
    }
    // each one-word key's family: the longer names read as persons that it ends
    let mut family: rustc_hash::FxHashMap<&str, Vec<&str>> = Default::default();
    let mut longer: Vec<&str> = sums
        .iter()
        .filter(|(k, sum)| k.contains(' ') && best_of(**sum) == NameKind::Person)
        .map(|(k, _)| *k)
        .collect();
    longer.sort_unstable();
    for k in longer {
        let last = k.rsplit(' ').next().unwrap_or(k);
        if sums.contains_key(last) {
            family.entry(last).or_default().push(k);
        }
    }
    keys.iter()
        .map(|k| {
            let own = sums[k.as_str()];
            let mut sum = own;
            for member in family.get(k.as_str()).into_iter().flatten() {
                for (s, v) in sum.iter_mut().zip(sums[member]) {
                    *s += v;
                }
            }
            (own, sum)
        })
        .collect()
}

impl Model {
    /// The names in one sentence: word ranges, kinds, and each kind's summed score over the
    /// name's words.
    pub fn names_in(
        &self,
        words: &[Word<'_>],
        document: &DocumentWords,
    ) -> Vec<(std::ops::Range<usize>, NameKind, [i32; 3])> {
        self.tag_names(words, document).1
    }
}

/// The names in a sequence of labels: word ranges with their kinds.
pub fn spans_of(
    labels: impl IntoIterator<Item = Label>,
) -> Vec<(std::ops::Range<usize>, NameKind)> {
    let mut out: Vec<(std::ops::Range<usize>, NameKind)> = Vec::new();
    let mut open: Option<(usize, NameKind)> = None;
    let mut n = 0;
    for (i, l) in labels.into_iter().enumerate() {
        n = i + 1;
        match l {
            Label::Inside(k) if open.is_some_and(|(_, o)| o == k) => {}
            _ => {
                if let Some((s, k)) = open.take() {
                    out.push((s..i, k));
                }
                if let Some(k) = l.kind() {
                    open = Some((i, k));
                }
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s..n, k));
    }
    out
}

/// Writes hashed weights, `width` to a bucket, as the shipped files hold them: bits (u32 LE), the
/// number of non-zero rows (u32 LE), then each such row as its bucket (u32 LE) and `width`
/// weights (i16 LE). Most buckets are empty: the file is a fraction of the table.
pub(crate) fn write_sparse_rows(out: &mut Vec<u8>, bits: u32, weights: &[i16], width: usize) {
    out.extend(bits.to_le_bytes());
    let rows: Vec<usize> = (0..1usize << bits)
        .filter(|&b| weights[b * width..(b + 1) * width].iter().any(|&w| w != 0))
        .collect();
    out.extend((rows.len() as u32).to_le_bytes());
    for b in rows {
        out.extend((b as u32).to_le_bytes());
        for w in &weights[b * width..(b + 1) * width] {
            out.extend(w.to_le_bytes());
        }
    }
}

/// The bits and the whole table of what [`write_sparse_rows`] wrote (after the magic); a file
/// cut short or with a bucket out of range is refused.
pub(crate) fn read_sparse_rows(rest: &[u8], width: usize) -> Result<(u32, Vec<i16>), ModelError> {
    let u32_at = |b: &[u8], at: usize| -> Result<u32, ModelError> {
        let s = b.get(at..at + 4).ok_or(ModelError::Truncated)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    let bits = u32_at(rest, 0)?;
    if !(8..=24).contains(&bits) {
        return Err(ModelError::Truncated);
    }
    let rows = u32_at(rest, 4)? as usize;
    let row_bytes = 4 + 2 * width;
    let body = rest.get(8..).ok_or(ModelError::Truncated)?;
    if body.len() != rows * row_bytes {
        return Err(ModelError::Truncated);
    }
    let mut weights = vec![0; (1usize << bits) * width];
    for row in body.chunks_exact(row_bytes) {
        let b = u32_at(row, 0)? as usize;
        if b >= 1usize << bits {
            return Err(ModelError::Truncated);
        }
        for (l, w) in row[4..].chunks_exact(2).enumerate() {
            weights[b * width + l] = i16::from_le_bytes([w[0], w[1]]);
        }
    }
    Ok((bits, weights))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, NameKind)> {
        recognise(text, &[]).names.into_iter().map(|n| (&text[n.span], n.kind)).collect()
    }

    const STATED_FIXTURE_F1: f64 = 96.4;
    const STATED_FIXTURE_PERSON_F1: f64 = 100.0;

    #[test]
    fn the_shipped_weights_load_and_read_names() {
        assert!(SHIPPED.weights.iter().any(|&w| w != 0));
        let got = kinds("John Kerry met Sergey Lavrov in Geneva on Friday.");
        assert!(got.contains(&("John Kerry", NameKind::Person)), "{got:?}");
        assert!(got.contains(&("Sergey Lavrov", NameKind::Person)), "{got:?}");
        assert!(got.contains(&("Geneva", NameKind::Place)), "{got:?}");
        assert!(!got.iter().any(|(t, _)| *t == "Friday"), "{got:?}");
    }

    #[test]
    fn the_binary_holds_the_data_files_the_shipped_weights_read() {
        // the word clusters and the typed gazetteer are compiled in exactly when the shipped
        // weights read them, so shipped weights never read them from disk
        let shipped = Model::from_bytes(SHIPPED_BYTES).expect("the shipped weights");
        assert_eq!(clusters::EMBEDDED.is_some(), shipped.clusters());
        assert_eq!(typed::EMBEDDED.is_some(), shipped.typed());
        // a model that reads them where the binary does not hold them reads the source tree's
        // files (the tests of `clusters.rs` and `typed.rs` read through the same way)
        assert!(clusters::of("the", "the").is_some());
        assert_ne!(typed::word_profiles("school"), (0, 0));
    }

    /// The fixture's sentences (`fixtures/recogniser/sentences.tsv`: word, tab, B-/I-/O label).
    fn fixture_sentences() -> Vec<gum::Sentence> {
        let text = include_str!("../../../fixtures/recogniser/sentences.tsv");
        let mut out = Vec::new();
        let mut current = gum::Sentence { words: Vec::new(), labels: Vec::new() };
        for line in text.lines().filter(|l| !l.starts_with('#')).chain([""]) {
            let Some((word, tag)) = line.split_once('\t') else {
                if !current.words.is_empty() {
                    out.push(std::mem::replace(
                        &mut current,
                        gum::Sentence { words: Vec::new(), labels: Vec::new() },
                    ));
                }
                continue;
            };
            let kind = |k: &str| match k {
                "PER" => NameKind::Person,
                "ORG" => NameKind::Organization,
                _ => NameKind::Place,
            };
            let label = match tag.split_once('-') {
                Some(("B", k)) => Label::Begin(kind(k)),
                Some((_, k)) => Label::Inside(kind(k)),
                None => Label::Outside,
            };
            current.words.push(word.to_string());
            current.labels.push(label);
        }
        out
    }

    #[test]
    fn the_shipped_weights_score_on_the_fixture_as_stated() {
        let doc = gum::Document { name: "fixture".into(), sentences: fixture_sentences() };
        assert_eq!(doc.sentences.len(), 20);
        let scores = train::evaluate(&SHIPPED, None, &[doc]);
        let (_, _, f1) = scores.overall();
        let (_, _, person) = scores.of(NameKind::Person);
        // models/README.md states these figures for the shipped weights
        eprintln!("fixture F1 {f1:.1}, person F1 {person:.1}");
        assert!(f1 >= STATED_FIXTURE_F1 - 0.05, "F1 {f1:.1}");
        assert!(person >= STATED_FIXTURE_PERSON_F1 - 0.05, "person F1 {person:.1}");
    }

    #[test]
    fn a_file_round_trips_and_bad_bytes_are_refused() {
        let bytes = SHIPPED.to_bytes();
        let again = Model::from_bytes(&bytes).unwrap();
        assert_eq!(again.weights, SHIPPED.weights);
        assert_eq!(again.clusters(), SHIPPED.clusters());
        // a model that reads the word clusters says so in its file
        let clustered =
            Model::from_weights(SHIPPED.bits, SHIPPED.weights.clone(), DocumentFeatures::KindFree)
                .with_clusters(true);
        let again = Model::from_bytes(&clustered.to_bytes()).unwrap();
        assert!(again.clusters());
        assert!(!again.typed());
        assert_eq!(again.document_features, DocumentFeatures::KindFree);
        // so does one that reads the typed gazetteer
        let typed =
            Model::from_weights(SHIPPED.bits, SHIPPED.weights.clone(), DocumentFeatures::None)
                .with_typed(true);
        let again = Model::from_bytes(&typed.to_bytes()).unwrap();
        assert!(again.typed() && !again.clusters());
        assert_eq!(again.document_features, DocumentFeatures::None);
        assert!(!SHIPPED.typed());
        assert!(matches!(Model::from_bytes(b"nonsense"), Err(ModelError::Magic)));
        assert!(matches!(Model::from_bytes(&bytes[..bytes.len() - 3]), Err(ModelError::Truncated)));
    }

    #[test]
    fn a_name_found_once_is_found_where_it_is_written_again() {
        let sentences: Vec<Vec<Word>> = [
            "Congress met Ann Lee in Paris .",
            "Then Congress voted , and Lee Congress Hall was shut .",
        ]
        .iter()
        .map(|s| s.split(' ').map(Word::new).collect())
        .collect();
        // "Congress" and "Ann Lee" found in the first sentence
        let found = [(0, 0..1), (0, 2..4)];
        // the second sentence's first "Congress" is it again; the one inside "Lee Congress Hall"
        // is part of a longer name, and "Lee" alone is not a name found
        assert_eq!(repeated_mentions(&sentences, &found, &[false, true]), [(1, 1..2, 0)]);
    }

    #[test]
    fn a_surname_alone_is_the_person_found_with_a_given_name() {
        let sentences: Vec<Vec<Word>> = ["Mary Lee met Grant Smith .", "Then Lee and Smith left ."]
            .iter()
            .map(|s| s.split(' ').map(Word::new).collect())
            .collect();
        // both persons; "Mary" is a given name, "Grant" too
        let found = [(0, 0..2), (0, 3..5)];
        assert_eq!(
            repeated_mentions(&sentences, &found, &[true, true]),
            [(1, 1..2, 0), (1, 3..4, 1)]
        );
        // not for names read as something else
        assert!(repeated_mentions(&sentences, &found, &[false, false]).is_empty());
    }

    #[test]
    fn a_one_word_name_votes_with_the_person_whose_name_it_ends() {
        let name = |kind, kind_scores| Name { span: 0..0, kind, kind_scores };
        let mut names = vec![
            name(NameKind::Person, [0, -50, -40]),
            name(NameKind::Place, [-20, -30, 0]),
            name(NameKind::Place, [-20, -30, 0]),
        ];
        let keys = ["valeska paris".to_string(), "paris".into(), "paris".into()];
        vote_kinds(&mut names, &keys);
        assert!(names.iter().all(|n| n.kind == NameKind::Person), "{names:?}");
    }

    #[test]
    fn labels_make_spans() {
        use Label::*;
        use NameKind::*;
        let labels = [Begin(Person), Inside(Person), Outside, Begin(Place), Begin(Place)];
        assert_eq!(spans_of(labels), [(0..2, Person), (3..4, Place), (4..5, Place)]);
    }
}
