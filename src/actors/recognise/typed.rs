//! The typed gazetteer (`models/gazetteers/typed-names.txt`, built by `build_typed.py` there;
//! source and licence in `models/README.md`): names of Wikipedia articles, each with the type
//! its article's first sentence gives it (a person; a school, a company, a band: an
//! organisation; a village, a river, a bridge: a place; a film, a species: something else). A
//! model trained with it (`--typed-gazetteer`; the shipped weights are not) reads how the names a
//! word ends, and those it is in, are typed ("Library", "School", "Tube"). Read once, on first
//! use.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The coarse types, in the order of their numbers.
const COARSE: [&str; 4] = ["person", "organisation", "place", "other"];

/// The most words a name read has.
const MAX_WORDS: usize = 6;

/// For each word: how the names it ends are typed ([`profile`]), then how the names it is in but
/// does not end are.
static PROFILES: LazyLock<FxHashMap<&'static str, (u8, u8)>> =
    LazyLock::new(|| parse(EMBEDDED.unwrap_or_else(|| super::source_tree_file(FILE))));

/// The typed gazetteer, from the source tree's root.
const FILE: &str = "models/gazetteers/typed-names.txt";

/// The typed gazetteer's text, part of the binary only when the shipped weights read it
/// ([`super::shipped_reads`]; they do not: 0.69 MB saved); otherwise read from the source tree
/// on first use.
pub(super) const EMBEDDED: Option<&str> = if super::shipped_reads(super::TYPED_BYTE) {
    Some(include_str!("../../../models/gazetteers/typed-names.txt"))
} else {
    None
};

/// The file's lines: a name (lower case, words joined by one space), its coarse type and its
/// fine class, tab-separated.
fn parse(text: &'static str) -> FxHashMap<&'static str, (u8, u8)> {
    let mut last: FxHashMap<&'static str, [u32; 4]> = FxHashMap::default();
    let mut inner: FxHashMap<&'static str, [u32; 4]> = FxHashMap::default();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(name), Some(coarse)) = (cols.next(), cols.next()) else { continue };
        let Some(c) = COARSE.iter().position(|&x| x == coarse) else { continue };
        // a title of more words is seldom a name ("Swimming at the 2015 Parapan American Games")
        if name.split(' ').count() > MAX_WORDS {
            continue;
        }
        let mut words = name.split(' ').rev();
        if let Some(w) = words.next() {
            last.entry(w).or_default()[c] += 1;
        }
        for w in words {
            inner.entry(w).or_default()[c] += 1;
        }
    }
    let mut profiles: FxHashMap<&'static str, (u8, u8)> = FxHashMap::default();
    for (w, counts) in &last {
        profiles.entry(w).or_default().0 = profile(counts);
    }
    for (w, counts) in &inner {
        profiles.entry(w).or_default().1 = profile(counts);
    }
    profiles
}

/// How names are typed, as a number (0: no name): the most frequent coarse type, how much it
/// outweighs the others (under 60%, 60–90%, 90% or more of the names) and whether the names
/// are few (under 5) or more.
fn profile(counts: &[u32; 4]) -> u8 {
    let total: u32 = counts.iter().sum();
    if total == 0 {
        return 0;
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|&(i, n)| (*n, 4 - i)).unwrap_or((0, &0));
    let share = f64::from(n) / f64::from(total);
    let strength = if share >= 0.9 {
        2
    } else if share >= 0.6 {
        1
    } else {
        0
    };
    let many = u8::from(total >= 5);
    1 + (best as u8) * 6 + strength * 2 + many
}

/// How the names a word (in lower case) ends are typed, then those it is in but does not end
/// (each 0 for none; [`profile`]).
pub fn word_profiles(lower: &str) -> (u8, u8) {
    PROFILES.get(lower).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_is_read() {
        assert!(PROFILES.len() > 10_000);
        // names that end in "school" are mostly organisations, many of them
        let (last, _) = word_profiles("school");
        assert_eq!((last - 1) / 6, 1);
        assert_eq!((last - 1) % 2, 1);
        // "harvey creek": a place; "harvey" is in it but does not end it
        assert!(word_profiles("creek").0 != 0);
        assert!(word_profiles("harvey").1 != 0);
        assert_eq!(word_profiles("xqzzvw"), (0, 0));
    }
}
