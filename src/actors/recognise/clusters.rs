//! Word clusters learnt from unlabelled text (`models/clusters/word-clusters.txt`, written by
//! `examples/train-recogniser-clusters.rs`; sources, method and licence in `models/README.md`,
//! "Word clusters"): words written in the same contexts share a class, at a few granularities,
//! so that a word the labelled data never saw reads like the words it is written as. Read once,
//! on first use.

use rustc_hash::FxHashMap;
use std::sync::{LazyLock, OnceLock};

/// How many classes a word is given, at most (a few granularities, by the words before it and
/// by the words after it).
pub const GRANULARITIES: usize = 8;

/// A word's class at each granularity of the file (coarse to fine; `u16::MAX` past the file's
/// granularities).
pub type Classes = [u16; GRANULARITIES];

static CLUSTERS: LazyLock<FxHashMap<&'static str, Classes>> = LazyLock::new(|| {
    parse(
        OTHER_FILE
            .get()
            .copied()
            .unwrap_or_else(|| EMBEDDED.unwrap_or_else(|| super::source_tree_file(FILE))),
    )
});

/// The shipped cluster file, from the source tree's root.
const FILE: &str = "models/clusters/word-clusters.txt";

/// The shipped cluster file's text, part of the binary only when the shipped weights read the
/// clusters ([`super::shipped_reads`]; they do not: 0.85 MB saved); otherwise read from the
/// source tree on first use.
pub(super) const EMBEDDED: Option<&str> = if super::shipped_reads(super::CLUSTERS_BYTE) {
    Some(include_str!("../../../models/clusters/word-clusters.txt"))
} else {
    None
};

/// Another cluster file's text, read instead of the shipped one ([`use_instead`]).
static OTHER_FILE: OnceLock<&'static str> = OnceLock::new();

/// Reads this cluster file's text instead of the shipped one, for training with other clusters
/// without building again (`examples/train-recogniser.rs --clusters-file`). Only before the
/// clusters are first read; returns whether it was taken.
pub fn use_instead(text: String) -> bool {
    OTHER_FILE.set(Box::leak(text.into_boxed_str())).is_ok() && LazyLock::get(&CLUSTERS).is_none()
}

/// The cluster file's lines: `#` comments, then a word and its classes, tab-separated.
fn parse(text: &'static str) -> FxHashMap<&'static str, Classes> {
    let mut out = FxHashMap::default();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cols = line.split('\t');
        let Some(word) = cols.next() else { continue };
        let mut classes = [u16::MAX; GRANULARITIES];
        for (c, col) in classes.iter_mut().zip(cols) {
            *c = col.parse().unwrap_or(u16::MAX);
        }
        out.entry(word).or_insert(classes);
    }
    out
}

/// The classes of a word as written, else of its lower case (`lower`), if either was clustered.
pub fn of(text: &str, lower: &str) -> Option<Classes> {
    CLUSTERS.get(text).or_else(|| CLUSTERS.get(lower)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clusters_are_read() {
        let john = of("John", "john").expect("a common given name is clustered");
        let william = of("William", "william").expect("so is this one");
        // two given names share their coarsest class
        assert_eq!(john[0], william[0]);
        assert!(john[0] != u16::MAX);
        assert_eq!(of("Xqzzvw", "xqzzvw"), None);
        // a word not clustered as written falls back to its lower case
        assert_eq!(of("Xqzzvw", "the"), of("the", "the"));
        assert!(of("the", "the").is_some());
    }
}
