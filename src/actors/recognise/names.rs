//! The recogniser's second stage: each distinct name of a document (its mentions grouped by
//! their folded text) gets one kind, decided by a small linear model from the evidence of the
//! whole document: the first pass's kind scores of all its mentions as the article votes them
//! ([`super::vote_sums`]), the words around every mention, the name's own words, their lists and
//! shapes. One decision per name, not a second pass over the words: a sentence-level tagger
//! reads "Harrow" or "Coron" alike in every sentence, while the words around all of its mentions
//! together ("at Harrow", "Harrow's headmaster") say what it is.
//!
//! Trained on the first pass's reading of GUM's train documents, each read by a first pass
//! trained without it (jackknifed: `examples/train-recogniser.rs --name-kinds`), so that it
//! learns from the errors the first pass makes on text it has not seen. Deterministic.
//!
//! Tried and not shipped (`models/README.md`, "Name-level second stage"): cross-validated GUM F1
//! 69.4 -> 70.2, but dev and test fell a little and ECB+ through `crosswire actors` too; the
//! shipped reading gives each name the kind its mentions vote for (`super::vote_kinds`).

use super::features::{FeatureHash, Word};
use super::{Name, NameKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// How many kinds the model decides between (a row of its weight table).
const KINDS: usize = 3;

/// How much more the model must score another kind than the one the mentions vote for to
/// overrule the vote (on the scale of the quantised weights, whose largest is 32,767): a vote
/// the model only slightly disagrees with is more often right (cross-validated GUM F1 69.9 with
/// no margin, 70.2 with this one; 15,000 70.2, 20,000 70.1).
const OVERRULE_MARGIN: i32 = 10_000;

/// The file format's first bytes.
const MAGIC: &[u8; 8] = b"CWNKIND\x01";

/// Where a mention is in its document: its sentence and word range.
pub type At = (usize, Range<usize>);

/// The weights: one row of [`KINDS`] scores per hashed feature bucket.
pub struct KindModel {
    bits: u32,
    weights: Vec<i16>,
}

impl KindModel {
    pub fn from_weights(bits: u32, weights: Vec<i16>) -> KindModel {
        assert_eq!(weights.len(), (1usize << bits) * KINDS, "one row per bucket");
        KindModel { bits, weights }
    }

    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Each kind's score for a name of these features.
    pub fn scores(&self, features: &[u64]) -> [i32; KINDS] {
        let mut scores = [0; KINDS];
        for &f in features {
            let b = self.bucket(f) * KINDS;
            for (s, w) in scores.iter_mut().zip(&self.weights[b..b + KINDS]) {
                *s += i32::from(*w);
            }
        }
        scores
    }

    /// The file: magic, bits (u32 LE), the number of non-zero rows (u32 LE), then each row as its
    /// bucket (u32 LE) and [`KINDS`] weights (i16 LE).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        super::write_sparse_rows(&mut out, self.bits, &self.weights, KINDS);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<KindModel, super::ModelError> {
        use super::ModelError;
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(ModelError::Magic)?;
        let (bits, weights) = super::read_sparse_rows(rest, KINDS)?;
        Ok(KindModel::from_weights(bits, weights))
    }
}

/// The kind of highest score, ties to the lower kind.
fn best_kind<S: Ord + Copy>(scores: [S; KINDS]) -> NameKind {
    NameKind::ALL
        .into_iter()
        .max_by_key(|&k| (scores[k as usize], std::cmp::Reverse(k as usize)))
        .unwrap_or(NameKind::Person)
}

/// The document's distinct names: the mentions of each key (`keys[i]` is mention `i`'s folded
/// text), in the order of their first mentions.
pub fn groups(keys: &[String]) -> Vec<Vec<usize>> {
    let mut index: FxHashMap<&str, usize> = Default::default();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let g = *index.entry(k.as_str()).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(i);
    }
    out
}

/// A bucket of a non-negative quantity on a scale of powers of two (0 for 0).
fn log_bucket(v: i64) -> u64 {
    if v <= 0 {
        0
    } else {
        u64::from(64 - v.leading_zeros()).min(24)
    }
}

/// The features of one distinct name, the mentions `group` of `names` (found at `at` in
/// `sentences`): `own` is the sum of their first-pass kind scores, `voted` the same with the
/// persons it ends ([`super::vote_sums`]).
pub fn name_features(
    sentences: &[Vec<Word<'_>>],
    at: &[At],
    names: &[Name],
    group: &[usize],
    own: [i64; KINDS],
    voted: [i64; KINDS],
    out: &mut Vec<u64>,
) {
    let t = FeatureHash::template;
    let start = out.len();
    let vote = best_kind(voted) as u64;
    let count = group.len() as i64;
    out.push(t(0).finish());
    out.push(t(1).add_u64(vote).finish());
    // how clear the vote is, per mention
    let mut sorted = voted;
    sorted.sort_unstable();
    let margin = (sorted[2] - sorted[1]) / count;
    out.push(t(2).add_u64(vote).add_u64(log_bucket(margin)).finish());
    for (k, sum) in voted.iter().enumerate() {
        out.push(t(3).add_u64(k as u64).add_u64(log_bucket(-sum / count)).finish());
        // how many of the mentions read this kind on their own
        let alone = group.iter().filter(|&&m| names[m].kind_scores[k] == 0).count();
        let share = match alone {
            0 => 0,
            a if a == group.len() => 3,
            a if 2 * a >= group.len() => 2,
            _ => 1,
        };
        out.push(t(4).add_u64(k as u64).add_u64(share).finish());
    }
    out.push(t(5).add_u64(vote).add_u64(log_bucket(count)).finish());
    out.push(t(6).add_u64(u64::from(own != voted)).finish());
    // the name's own words, from its first mention
    let (s, range) = &at[group[0]];
    let words = &sentences[*s][range.clone()];
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return };
    out.push(t(7).add_u64(vote).add_u64(words.len().min(4) as u64).finish());
    let mut whole = t(12);
    for w in words {
        out.push(t(8).add(&w.lower).finish());
        whole = whole.add(&w.lower);
        for bit in bits(w.lists) {
            out.push(t(16).add_u64(bit).finish());
        }
    }
    out.push(whole.finish());
    out.push(t(9).add(&first.lower).finish());
    out.push(t(10).add(&last.lower).finish());
    let suffix = |w: &str, n: usize| -> String {
        let chars: Vec<char> = w.chars().collect();
        chars[chars.len().saturating_sub(n)..].iter().collect()
    };
    out.push(t(11).add(&suffix(&last.lower, 3)).finish());
    out.push(t(13).add_u64(first.shape as u64).add_u64(last.shape as u64).finish());
    for bit in bits(first.lists) {
        out.push(t(14).add_u64(bit).finish());
    }
    for bit in bits(last.lists) {
        out.push(t(15).add_u64(bit).finish());
    }
    // the words around every mention
    for &m in group {
        let (s, range) = &at[m];
        let sentence = &sentences[*s];
        let before = |k: usize| {
            range.start.checked_sub(k).and_then(|i| sentence.get(i)).map_or("<s>", |w| &w.lower)
        };
        let after = |k: usize| sentence.get(range.end + k - 1).map_or("</s>", |w| &w.lower);
        out.push(t(18).add(before(1)).finish());
        out.push(t(19).add(before(2)).add(before(1)).finish());
        out.push(t(20).add(after(1)).finish());
        out.push(t(21).add(after(1)).add(after(2)).finish());
    }
    // each feature once: a name mentioned often is not surer for it
    let mut mine = out.split_off(start);
    mine.sort_unstable();
    mine.dedup();
    out.extend(mine);
}

/// The numbers of the bits set in `v`.
fn bits(v: u64) -> impl Iterator<Item = u64> {
    (0..64).filter(move |b| v & (1 << b) != 0)
}

/// Gives every name the kind of its distinct name: voted by its mentions ([`super::vote_kinds`])
/// or, with a model, decided by it from that vote and the document's evidence (the vote stands
/// unless the model scores another kind [`OVERRULE_MARGIN`] higher).
pub fn decide_kinds(
    model: Option<&KindModel>,
    sentences: &[Vec<Word<'_>>],
    at: &[At],
    names: &mut [Name],
    keys: &[String],
) {
    let Some(model) = model else {
        super::vote_kinds(names, keys);
        return;
    };
    let sums = super::vote_sums(names, keys);
    let mut features = Vec::new();
    for group in groups(keys) {
        features.clear();
        let (own, voted) = sums[group[0]];
        name_features(sentences, at, names, &group, own, voted, &mut features);
        let scores = model.scores(&features);
        let vote = best_kind(voted);
        let best = best_kind(scores);
        let kind = if scores[best as usize] - scores[vote as usize] >= OVERRULE_MARGIN {
            best
        } else {
            vote
        };
        for m in group {
            names[m].kind = kind;
        }
    }
}

/// A distinct name to learn from: its features, its gold kind and how many of its mentions have
/// that kind in the gold annotation.
#[derive(Clone)]
pub struct Example {
    pub features: Vec<u64>,
    pub gold: NameKind,
    pub weight: u32,
}

/// The examples of one document's first-pass reading: each distinct name whose mentions the gold
/// annotation names (`gold(at)`: the kind of a gold name exactly there), with the kind most of
/// them have.
pub fn examples(
    sentences: &[Vec<Word<'_>>],
    at: &[At],
    names: &[Name],
    keys: &[String],
    gold: impl Fn(&At) -> Option<NameKind>,
) -> Vec<Example> {
    let sums = super::vote_sums(names, keys);
    let mut out = Vec::new();
    for group in groups(keys) {
        let mut counts = [0u32; KINDS];
        for &m in &group {
            if let Some(k) = gold(&at[m]) {
                counts[k as usize] += 1;
            }
        }
        if counts.iter().all(|&c| c == 0) {
            continue;
        }
        let gold = best_kind(counts);
        let mut features = Vec::new();
        let (own, voted) = sums[group[0]];
        name_features(sentences, at, names, &group, own, voted, &mut features);
        out.push(Example { features, gold, weight: counts[gold as usize] });
    }
    out
}

/// Training settings of the second stage.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub bits: u32,
    pub seed: u64,
    /// Whether a name's update counts once per gold mention (the score counts mentions).
    pub by_mentions: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { epochs: 10, bits: 18, seed: 0x4b1d, by_mentions: false }
    }
}

/// An averaged multiclass perceptron over the examples, shuffled by a fixed seed, quantised.
pub fn train(examples: &[Example], settings: Settings) -> KindModel {
    let rows = 1usize << settings.bits;
    let mut weights = vec![0f32; rows * KINDS];
    let mut totals = vec![0f64; rows * KINDS];
    let bucket = |f: u64| (f >> (64 - settings.bits)) as usize;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = settings.seed | 1;
    let mut step = 1f64;
    for _ in 0..settings.epochs {
        super::train::shuffle(&mut order, &mut rng);
        for &e in &order {
            let ex = &examples[e];
            let mut scores = [0f64; KINDS];
            for &f in &ex.features {
                let b = bucket(f) * KINDS;
                for (s, w) in scores.iter_mut().zip(&weights[b..b + KINDS]) {
                    *s += f64::from(*w);
                }
            }
            let guess = (0..KINDS).fold(0, |b, k| if scores[k] > scores[b] { k } else { b });
            let gold = ex.gold as usize;
            if guess != gold {
                let by = if settings.by_mentions { ex.weight as f32 } else { 1.0 };
                for &f in &ex.features {
                    let b = bucket(f) * KINDS;
                    weights[b + gold] += by;
                    totals[b + gold] += f64::from(by) * step;
                    weights[b + guess] -= by;
                    totals[b + guess] -= f64::from(by) * step;
                }
            }
            step += 1.0;
        }
    }
    let averaged: Vec<f32> =
        weights.iter().zip(&totals).map(|(&w, &t)| w - (t / step) as f32).collect();
    let max = averaged.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
    let scale = 32767.0 / max;
    KindModel::from_weights(
        settings.bits,
        averaged.iter().map(|w| (w * scale).round() as i16).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions of a name in sentences written for the test: (sentence, first word, words).
    fn mentions_of(
        sentences: &[Vec<Word<'_>>],
        found: &[(usize, usize, usize)],
        kind_scores: [i32; 3],
    ) -> (Vec<At>, Vec<Name>, Vec<String>) {
        let at: Vec<At> = found.iter().map(|&(s, i, n)| (s, i..i + n)).collect();
        let names =
            at.iter().map(|_| Name { span: 0..0, kind: NameKind::Person, kind_scores }).collect();
        let keys = at
            .iter()
            .map(|(s, r)| {
                sentences[*s][r.clone()]
                    .iter()
                    .map(|w| w.lower.as_ref())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        (at, names, keys)
    }

    fn sentences_of<'a>(texts: &[&'a str]) -> Vec<Vec<Word<'a>>> {
        texts.iter().map(|s| s.split(' ').map(Word::new).collect()).collect()
    }

    #[test]
    fn mentions_are_grouped_by_key_in_order_of_first_mention() {
        let keys = ["b", "a", "b", "c", "a"].map(String::from);
        assert_eq!(groups(&keys), [vec![0, 2], vec![1, 4], vec![3]]);
    }

    #[test]
    fn a_name_s_features_are_those_of_all_its_mentions_each_once() {
        let sentences = sentences_of(&["They sailed to Coron .", "At Coron the boats wait ."]);
        let (at, names, _) = mentions_of(&sentences, &[(0, 3, 1), (1, 1, 1)], [0, -10, -20]);
        let mut both = Vec::new();
        name_features(&sentences, &at, &names, &[0, 1], [0, -20, -40], [0, -20, -40], &mut both);
        let mut first = Vec::new();
        name_features(&sentences, &at, &names, &[0], [0, -10, -20], [0, -10, -20], &mut first);
        // the words around the second mention add features; none is counted twice
        assert!(both.len() > first.len());
        let mut unique = both.clone();
        unique.dedup();
        assert_eq!(unique, both);
    }

    #[test]
    fn the_model_learns_a_kind_from_the_words_around_a_name_and_round_trips() {
        // names the first pass reads as persons, which the words before them say are places
        let sentences = sentences_of(&[
            "They flew to Lumsk .",
            "They flew to Vardo .",
            "Then Pell said so .",
            "Then Orrin said so .",
        ]);
        let mut examples = Vec::new();
        for (found, gold) in [
            ((0, 3, 1), NameKind::Place),
            ((1, 3, 1), NameKind::Place),
            ((2, 1, 1), NameKind::Person),
            ((3, 1, 1), NameKind::Person),
        ] {
            let (at, names, keys) = mentions_of(&sentences, &[found], [0, -5, -5]);
            examples.extend(super::examples(&sentences, &at, &names, &keys, |_| Some(gold)));
        }
        let model = train(&examples, Settings::default());
        let unseen = sentences_of(&["They flew to Brisk ."]);
        let (at, mut names, keys) = mentions_of(&unseen, &[(0, 3, 1)], [0, -5, -5]);
        decide_kinds(Some(&model), &unseen, &at, &mut names, &keys);
        assert_eq!(names[0].kind, NameKind::Place);
        let again = KindModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.weights, model.weights);
        assert!(KindModel::from_bytes(b"CWNKIND\x01\x08").is_err());
        // without a model, the mentions' vote decides, as before the second stage
        decide_kinds(None, &unseen, &at, &mut names, &keys);
        assert_eq!(names[0].kind, NameKind::Person);
    }
}
