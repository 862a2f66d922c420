//! Scoring an article's words for the tagger at the cost of its word types rather than of its
//! words. An article writes the same words again and again ("the", "said", a name), and so do the
//! articles of a corpus; most of a word's features read the word alone
//! ([`features::word_features`]), the word with the sentence's casing
//! ([`features::casing_features`]) or a neighbour alone ([`features::neighbour_features`]):
//! their scores are summed once per word type (and kept by the thread from one article to the
//! next, [`KNOWN`]), and only the features of words together ([`features::context_features`])
//! once per word. The sums are of integers, so the scores are exactly those of every feature
//! looked up one by one (a test below says so).

use super::features::{self, Casing, DocumentWords, Shape, Word, NEIGHBOURS};
use super::{DocumentFeatures, Label, Model, WordForLabels, WordScores, LABELS};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

/// An article's (or a sentence's) words numbered by type: the same text, the same number.
pub struct WordTypes<'t> {
    /// For each sentence, each word's type.
    pub ids: Vec<Vec<u32>>,
    types: Vec<TypeOfWord<'t>>,
    by_text: FxHashMap<&'t str, u32>,
    /// The [`Known::generation`] of the types' serial numbers.
    generation: u64,
}

/// What a word type is, read once per article.
struct TypeOfWord<'t> {
    text: &'t str,
    /// In lower case, when that differs from `text`.
    lower: Option<Rc<str>>,
    shape: Shape,
    lists: u64,
    /// Its [`KnownWord::serial`].
    serial: u32,
}

/// What a thread keeps of the words it has read, from one article to the next: a corpus's
/// articles share most of their words, and most of their pairs of words, so each is read and
/// scored once rather than once an article.
#[derive(Default)]
struct Known {
    /// Bumped whenever the thread forgets everything: a serial number means a word for one
    /// generation only.
    generation: u64,
    words: FxHashMap<Box<str>, KnownWord>,
    /// The scores of two words written one after the other, by their serial numbers.
    pairs: FxHashMap<(u32, u32), PairScores>,
}

/// What a thread knows of a word it has read.
struct KnownWord {
    /// Its number among the words known (in this [`Known::generation`]).
    serial: u32,
    shape: Shape,
    /// In lower case, when that differs from the word.
    lower: Option<Rc<str>>,
    /// The lexicon's lists it is on ([`features::lists_of`]): a dozen lookups in the lexicon's
    /// sets cost more than the rest of reading a word.
    lists: u64,
    /// Its scores under the model of this [`Model::id`].
    scores: Option<(u64, Rc<TypeScores>)>,
}

/// The scores of the features of two words written one after the other, under the model of this
/// [`Model::id`]: [`features::word_pair_feature`]'s for the second word,
/// [`features::word_pair_after_feature`]'s for the first.
struct PairScores {
    model: u64,
    second: [i32; LABELS],
    first: [i32; LABELS],
}

/// How many words and pairs of words a thread keeps before it forgets them all: about 500 and 80
/// bytes each, so at most 8 and 5 MB a thread.
const WORDS_KEPT: usize = 1 << 14;
const PAIRS_KEPT: usize = 1 << 16;

thread_local! {
    static KNOWN: RefCell<Known> = RefCell::new(Known::default());
}

/// Forgets what the thread knows if it has grown too much: only before an article (or a
/// sentence read alone) is read, so that the serial numbers of the words being read stay theirs.
fn forget_if_full() {
    KNOWN.with_borrow_mut(|known| {
        if known.words.len() >= WORDS_KEPT || known.pairs.len() >= PAIRS_KEPT {
            known.words.clear();
            known.pairs.clear();
            known.generation += 1;
        }
    })
}

/// `f` on what this thread knows of the word `text`, made known first if it was not.
fn with_known<R>(text: &str, f: impl FnOnce(&mut KnownWord) -> R) -> R {
    KNOWN.with_borrow_mut(|known| {
        if let Some(word) = known.words.get_mut(text) {
            return f(word);
        }
        let Word { shape, lower, lists, .. } = Word::new(text);
        // most words are written in lower case already: no copy for them
        let lower = match lower {
            Cow::Owned(lower) => Some(lower.into()),
            Cow::Borrowed(_) => None,
        };
        let serial = known.words.len() as u32;
        let word = KnownWord { serial, shape, lower, lists, scores: None };
        f(known.words.entry(text.into()).or_insert(word))
    })
}

impl<'t> WordTypes<'t> {
    fn new() -> Self {
        forget_if_full();
        WordTypes {
            ids: Vec::new(),
            types: Vec::new(),
            by_text: FxHashMap::default(),
            generation: KNOWN.with_borrow(|known| known.generation),
        }
    }

    /// The type of the word `text`, numbered if it is new.
    fn type_of(&mut self, text: &'t str) -> u32 {
        let types = &mut self.types;
        *self.by_text.entry(text).or_insert_with(|| {
            types.push(with_known(text, |known| TypeOfWord {
                text,
                lower: known.lower.clone(),
                shape: known.shape,
                lists: known.lists,
                serial: known.serial,
            }));
            (types.len() - 1) as u32
        })
    }

    /// The word types of the sentences (each a list of words of `text`, as byte ranges).
    pub fn of_spans(text: &'t str, sentences: &[Vec<crate::text::Span>]) -> Self {
        let mut types = WordTypes::new();
        types.ids = sentences
            .iter()
            .map(|sentence| {
                sentence.iter().map(|span| types.type_of(&text[span.clone()])).collect()
            })
            .collect();
        types
    }

    /// The word types of one sentence read alone (its only sentence).
    pub fn of_words(words: &[Word<'t>]) -> Self {
        let mut types = WordTypes::new();
        types.ids = vec![words.iter().map(|w| types.type_of(w.text)).collect()];
        types
    }

    /// How the document of these word types writes each of them ([`DocumentWords`], read by
    /// type): `words` are its sentences' words ([`WordTypes::words`]). The flags are gathered
    /// by type, then merged between the types of one lower case ("Obama", "OBAMA", "obama"),
    /// so that no word's text is hashed: only the texts of the types not in lower case, once.
    pub fn document_words(&self, words: &[Vec<Word<'_>>]) -> DocumentWords {
        let mut by_type = vec![0u8; self.types.len()];
        for (ids, words) in self.ids.iter().zip(words) {
            DocumentWords::sentence_flags(words, |i, f| by_type[ids[i] as usize] |= f);
        }
        // a type in lower case is its own lower case: only the others need merging, with each
        // other and with their lower case where the document writes it
        let mut by_lower: FxHashMap<&str, u8> = FxHashMap::default();
        for (t, &f) in self.types.iter().zip(&by_type) {
            if let Some(lower) = t.lower.as_deref() {
                *by_lower.entry(lower).or_default() |= f;
            }
        }
        for (lower, f) in by_lower.iter_mut() {
            if let Some(&id) = self.by_text.get(lower) {
                *f |= by_type[id as usize];
                by_type[id as usize] = *f;
            }
        }
        for (t, f) in self.types.iter().zip(by_type.iter_mut()) {
            if let Some(lower) = t.lower.as_deref() {
                *f = by_lower[lower];
            }
        }
        DocumentWords::of_types(by_type)
    }

    /// The words of sentence `s` as the tagger reads them.
    pub fn words(&self, s: usize) -> Vec<Word<'_>> {
        self.ids[s]
            .iter()
            .map(|&id| {
                let t = &self.types[id as usize];
                Word {
                    text: t.text,
                    lower: Cow::Borrowed(t.lower.as_deref().unwrap_or(t.text)),
                    shape: t.shape,
                    lists: t.lists,
                }
            })
            .collect()
    }
}

/// The scores of one word type under one model.
struct TypeScores {
    /// Of [`features::word_features`].
    own: [i32; LABELS],
    /// Of [`features::casing_features`], by [`Casing`].
    casing: [[i32; LABELS]; Casing::ALL.len()],
    /// Of [`features::neighbour_features`] for the word `NEIGHBOURS[n]` places away.
    as_neighbour: [[i32; LABELS]; NEIGHBOURS.len()],
    /// The label features' scores for each label before ([`features::shape_transition_features`]
    /// and [`features::word_transition_feature`]).
    transitions: WordScores,
}

/// The scores of an article's word types, and of the lexicon's two-word entries its words make,
/// filled as they are first needed.
pub struct ScoreCache {
    types: Vec<Option<Rc<TypeScores>>>,
    /// Each type's [`KnownWord::serial`], of this [`Known::generation`].
    serials: Vec<u32>,
    generation: u64,
    known_pairs: FxHashMap<(u32, u32), Option<u64>>,
    feats: Vec<u64>,
    scratch: String,
}

impl ScoreCache {
    /// For the words of `types`.
    pub fn new(types: &WordTypes<'_>) -> Self {
        ScoreCache {
            types: types.types.iter().map(|_| None).collect(),
            serials: types.types.iter().map(|t| t.serial).collect(),
            generation: types.generation,
            known_pairs: FxHashMap::default(),
            feats: Vec::with_capacity(64),
            scratch: String::new(),
        }
    }
}

impl Model {
    /// The scores of the features in `feats`.
    pub(super) fn sum(&self, feats: &[u64]) -> [i32; LABELS] {
        let mut scores = [0; LABELS];
        self.add_scores(feats, &mut scores);
        scores
    }

    fn type_scores(&self, w: &Word<'_>, feats: &mut Vec<u64>) -> TypeScores {
        feats.clear();
        features::word_features(w, feats);
        if self.clusters {
            features::cluster_features(w, feats);
        }
        if self.typed {
            features::typed_word_features(w, feats);
        }
        let own = self.sum(feats);
        let as_neighbour = NEIGHBOURS.map(|k| {
            feats.clear();
            features::neighbour_features(Some(w), k, feats);
            if self.clusters {
                features::cluster_neighbour_features(w, k, feats);
            }
            if self.typed {
                features::typed_neighbour_features(w, k, feats);
            }
            self.sum(feats)
        });
        let shape_rows = &self.transitions[w.shape as usize];
        let transitions = std::array::from_fn(|prev| {
            let b = self
                .bucket(features::word_transition_feature(&w.lower, Label::from_index(prev)))
                * LABELS;
            std::array::from_fn(|l| shape_rows[prev][l] + i32::from(self.weights[b + l]))
        });
        let casing = Casing::ALL.map(|casing| {
            feats.clear();
            features::casing_features(w, casing, feats);
            self.sum(feats)
        });
        TypeScores { own, casing, as_neighbour, transitions }
    }

    /// The scores of word `w` under this model: those the thread keeps, or new ones kept.
    fn known_type_scores(&self, w: &Word<'_>, feats: &mut Vec<u64>) -> Rc<TypeScores> {
        with_known(w.text, |known| match &known.scores {
            Some((model, scores)) if *model == self.id => scores.clone(),
            _ => {
                let scores = Rc::new(self.type_scores(w, feats));
                known.scores = Some((self.id, scores.clone()));
                scores
            }
        })
    }

    /// Every word's scores given each label before it (`ids` are the words' types, `cache` the
    /// scores of the types of their article): the same as summing every feature's weights word
    /// by word.
    pub(super) fn sentence_scores(
        &self,
        words: &[Word<'_>],
        ids: &[u32],
        cache: &mut ScoreCache,
        document: &DocumentWords,
    ) -> Vec<WordScores> {
        let casing = Casing::of(words);
        let ScoreCache { types, serials, generation, known_pairs, feats, scratch } = cache;
        for (w, &id) in words.iter().zip(ids) {
            let entry = &mut types[id as usize];
            if entry.is_none() {
                *entry = Some(self.known_type_scores(w, feats));
            }
        }
        let of = |id: u32| types[id as usize].as_ref().expect("every type scored above");
        // the lexicon's two-word entries: `known[i]` for words i - 1 and i
        let mut known: Vec<Option<u64>> = Vec::with_capacity(words.len() + 1);
        known.push(None);
        for i in 1..words.len() {
            let (a, b) = (&words[i - 1], &words[i]);
            let kind = if a.shape.is_capitalised() && b.shape.is_capitalised() {
                *known_pairs
                    .entry((ids[i - 1], ids[i]))
                    .or_insert_with(|| features::known_pair(a, b, scratch))
            } else {
                None
            };
            known.push(kind);
        }
        known.push(None);
        // the scores of the pairs of words, kept by the thread: `pairs[i]` those of words i and
        // i + 1, for the first and for the second
        let mut pairs: Vec<([i32; LABELS], [i32; LABELS])> = Vec::with_capacity(words.len());
        KNOWN.with_borrow_mut(|known| {
            for i in 0..words.len().saturating_sub(1) {
                let of_pair = |a: &Word<'_>, b: &Word<'_>| PairScores {
                    model: self.id,
                    second: self.sum(&[features::word_pair_feature(a, b)]),
                    first: self.sum(&[features::word_pair_after_feature(a, b)]),
                };
                let (a, b) = (&words[i], &words[i + 1]);
                // the thread's serial numbers mean these words only in the generation they were
                // given in
                let scores = if known.generation == *generation {
                    let key = (serials[ids[i] as usize], serials[ids[i + 1] as usize]);
                    let kept = known.pairs.entry(key).or_insert_with(|| of_pair(a, b));
                    if kept.model != self.id {
                        *kept = of_pair(a, b);
                    }
                    (kept.first, kept.second)
                } else {
                    let scores = of_pair(a, b);
                    (scores.first, scores.second)
                };
                pairs.push(scores);
            }
        });
        let mut out = Vec::with_capacity(words.len());
        for (i, &id) in ids.iter().enumerate() {
            let own = of(id);
            let mut statics = own.own;
            add(&mut statics, &own.casing[casing as usize]);
            for (n, &k) in NEIGHBOURS.iter().enumerate() {
                match i.checked_add_signed(k).and_then(|j| ids.get(j)) {
                    Some(&other) => add(&mut statics, &of(other).as_neighbour[n]),
                    None => add(&mut statics, &self.sentence_ends[n]),
                }
            }
            if let Some(p) = i.checked_sub(1) {
                add(&mut statics, &pairs[p].1);
            }
            if let Some((first, _)) = pairs.get(i) {
                add(&mut statics, first);
            }
            let shape = words[i].shape as usize;
            add(&mut statics, &self.positions[usize::from(i == 0)][shape]);
            if let Some(p) = i.checked_sub(1) {
                add(&mut statics, &self.shape_pairs[words[p].shape as usize][shape]);
            }
            if let Some(n) = words.get(i + 1) {
                add(&mut statics, &self.shape_pairs_after[shape][n.shape as usize]);
            }
            feats.clear();
            features::context_features(words, i, known[i], known[i + 1], scratch, feats);
            self.add_scores(feats, &mut statics);
            if self.document_features != DocumentFeatures::None
                && features::reads_document(words[i].shape)
            {
                // [`features::document_features`], from the model's tables
                let flags =
                    |j: usize| document.of_type(ids[j]).unwrap_or_else(|| document.of(&words[j]));
                let own = flags(i);
                add(&mut statics, self.document_own(own, words[i].shape, i == 0, casing));
                if words.get(i + 1).is_some_and(|n| n.shape.is_capitalised()) {
                    add(&mut statics, self.document_next(own, flags(i + 1), words[i].shape));
                }
                if i > 0 && words[i - 1].shape.is_capitalised() {
                    add(&mut statics, self.document_before(flags(i - 1), own, words[i].shape));
                }
            }
            out.push(own.transitions.map(|mut row| {
                add(&mut row, &statics);
                row
            }));
        }
        out
    }
}

fn add(to: &mut [i32; LABELS], scores: &[i32; LABELS]) {
    for (t, s) in to.iter_mut().zip(scores) {
        *t += s;
    }
}

/// [`super::viterbi`] over a table of integer scores (`table[i][prev][label]`): the same labels,
/// without a call per word and label before. The sums are exact in both (a path's total is far
/// below 2^53), so the two choose alike, ties included.
/// Kept apart from it on purpose: one generic function for both (over a score type with a
/// lowest value) gave the same output but cost `crosswire actors` 2.4% more instructions
/// (callgrind, 1,000 generated articles: 4,901.6 M against 4,785.4 M).
pub fn viterbi_table(words: &[Word<'_>], table: &[WordScores]) -> Vec<Label> {
    if words.is_empty() {
        return Vec::new();
    }
    // which labels may follow which ([`super::may_label`]), for each sort of word
    let allowed = |word: &Word<'_>| -> &[[bool; LABELS]; LABELS] {
        &ALLOWED[WordForLabels::of(word) as usize]
    };
    // no path reaches this label here
    const NONE: i64 = i64::MIN;
    let mut best = vec![[NONE; LABELS]; words.len()];
    let mut back = vec![[0u8; LABELS]; words.len()];
    let first = &allowed(&words[0])[Label::Outside.index()];
    for l in 0..LABELS {
        if first[l] {
            best[0][l] = i64::from(table[0][Label::Outside.index()][l]);
        }
    }
    for i in 1..words.len() {
        let allowed = allowed(&words[i]);
        for p in 0..LABELS {
            let before = best[i - 1][p];
            if before == NONE {
                continue;
            }
            for l in 0..LABELS {
                let total = before + i64::from(table[i][p][l]);
                if total > best[i][l] && allowed[p][l] {
                    best[i][l] = total;
                    back[i][l] = p as u8;
                }
            }
        }
    }
    super::best_path(&best, &back)
}

/// [`super::may_label_word_of`] as a table: by sort of word, label before, label.
static ALLOWED: LazyLock<[[[bool; LABELS]; LABELS]; 3]> = LazyLock::new(|| {
    [WordForLabels::NoPunctuation, WordForLabels::Joining, WordForLabels::Punctuation].map(|word| {
        std::array::from_fn(|prev| {
            std::array::from_fn(|l| {
                super::may_label_word_of(Label::from_index(l), Label::from_index(prev), word)
            })
        })
    })
});

#[cfg(test)]
mod tests {
    use super::super::{tokens, SHIPPED};
    use super::*;

    /// Every word's scores as the features define them: each looked up one by one.
    fn scores_one_by_one(
        model: &Model,
        words: &[Word<'_>],
        document: &DocumentWords,
    ) -> Vec<WordScores> {
        let casing = Casing::of(words);
        (0..words.len())
            .map(|i| {
                let mut feats = Vec::new();
                features::static_features(
                    words,
                    casing,
                    i,
                    model.clusters,
                    model.typed,
                    &mut feats,
                );
                let mut statics = [0; LABELS];
                model.add_scores(&feats, &mut statics);
                feats.clear();
                features::document_features(words, casing, document, i, &mut feats);
                match model.document_features {
                    DocumentFeatures::None => {}
                    DocumentFeatures::PerLabel => model.add_scores(&feats, &mut statics),
                    DocumentFeatures::KindFree => model.add_kind_free_scores(&feats, &mut statics),
                }
                std::array::from_fn(|prev| {
                    feats.clear();
                    features::label_features(words, i, Label::from_index(prev), &mut feats);
                    let mut row = statics;
                    model.add_scores(&feats, &mut row);
                    row
                })
            })
            .collect()
    }

    const TEXT: &str = "John Kerry met Sergey Lavrov in Geneva on Friday, and Kerry said so.\n\
        OBAMA MEETS PUTIN IN NEW YORK\n\
        Saudi Arabia And The Red Cross Agree On Talks\n\
        the Red Cross said in San Francisco that Mr. Smith of Bayou La Batre, Ala., left \
        McDonald's for the U.S. Army — and Lavrov met Kerry again.\n\
        \"Geneva\" , Kerry .\n\
        Obama met the new Red Cross chief in New York.";

    #[test]
    fn an_article_scored_by_word_types_scores_as_word_by_word() {
        // twice: the second time the thread knows the words and their pairs already
        for round in 0..2 {
            let sentences = tokens::sentences(TEXT, &[]);
            let types = WordTypes::of_spans(TEXT, &sentences);
            let mut cache = ScoreCache::new(&types);
            let document = DocumentWords::default();
            let mut compared = 0;
            for s in 0..sentences.len() {
                let words = types.words(s);
                let fast = SHIPPED.sentence_scores(&words, &types.ids[s], &mut cache, &document);
                let slow = scores_one_by_one(&SHIPPED, &words, &document);
                assert_eq!(fast, slow, "round {round}, sentence {s}");
                let labels = viterbi_table(&words, &fast);
                let one_by_one =
                    super::super::viterbi(&words, |i, prev| fast[i][prev.index()].map(f64::from));
                assert_eq!(labels, one_by_one, "round {round}, sentence {s}");
                compared += words.len();
            }
            assert!(compared > 60, "{compared} words");
        }
    }

    #[test]
    fn a_sentence_read_alone_is_tagged_as_in_its_article() {
        let sentences = tokens::sentences(TEXT, &[]);
        let types = WordTypes::of_spans(TEXT, &sentences);
        let mut cache = ScoreCache::new(&types);
        let document = DocumentWords::default();
        for s in 0..sentences.len() {
            let words = types.words(s);
            let in_article =
                SHIPPED.tag_names_of_types(&words, &types.ids[s], &mut cache, &document);
            // its own words, not the article's
            let alone: Vec<Word> = words.iter().map(|w| Word::new(w.text)).collect();
            assert_eq!(SHIPPED.tag_names(&alone, &document), in_article, "sentence {s}");
        }
    }

    #[test]
    fn the_document_features_are_scored_as_word_by_word() {
        // models that read them, with the shipped model's weights; with the word clusters too
        let kinds = [DocumentFeatures::PerLabel, DocumentFeatures::KindFree];
        // and with the typed gazetteer
        let extras = [(false, false), (true, false), (false, true)];
        for (kind, (clusters, typed)) in kinds.into_iter().flat_map(|k| extras.map(|e| (k, e))) {
            let model = Model::from_weights(SHIPPED.bits, SHIPPED.weights.clone(), kind)
                .with_clusters(clusters)
                .with_typed(typed);
            let sentences = tokens::sentences(TEXT, &[]);
            let types = WordTypes::of_spans(TEXT, &sentences);
            let mut document = DocumentWords::default();
            for s in 0..sentences.len() {
                document.add_sentence(&types.words(s));
            }
            // the same document read by word type, as `recognise` reads it
            let all: Vec<Vec<Word>> = (0..sentences.len()).map(|s| types.words(s)).collect();
            let by_type = types.document_words(&all);
            let mut cache = ScoreCache::new(&types);
            for s in 0..sentences.len() {
                let words = types.words(s);
                let slow = scores_one_by_one(&model, &words, &document);
                for read in [&document, &by_type] {
                    let fast = model.sentence_scores(&words, &types.ids[s], &mut cache, read);
                    assert_eq!(fast, slow, "{kind:?}, {clusters} {typed}, sentence {s}");
                }
            }
        }
    }
}
