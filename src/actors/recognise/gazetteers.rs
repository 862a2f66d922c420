//! Openly licensed name lists the tagger reads as features (`models/gazetteers/`, built by its
//! `build.py`; sources and licences in `models/README.md`): given names and surnames of the 1990
//! US Census (public domain) and the names of cities, countries, capitals, continents and US
//! states from GeoNames (CC BY 4.0). Read once, on first use.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

fn set(text: &'static str) -> FxHashSet<&'static str> {
    text.lines().filter(|l| !l.is_empty()).collect()
}

static GIVEN: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../models/gazetteers/given-names.txt")));
static SURNAMES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../models/gazetteers/surnames.txt")));
static PLACES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../models/gazetteers/places.txt")));

/// A list bit: the word is a given name of the census list.
pub const GIVEN_NAME: u64 = 1 << 20;
/// A list bit: a surname of the census list.
pub const SURNAME: u64 = 1 << 21;
/// A list bit: a place name of one word.
pub const PLACE: u64 = 1 << 22;

/// The lists a word (in lower case) is on, as bits.
pub fn lists(lower: &str) -> u64 {
    let mut bits = 0;
    if GIVEN.contains(lower) {
        bits |= GIVEN_NAME;
    }
    if SURNAMES.contains(lower) {
        bits |= SURNAME;
    }
    if PLACES.contains(lower) {
        bits |= PLACE;
    }
    bits
}

/// Whether words (in lower case, joined by single spaces) name a place of several words
/// ("san francisco", "new york").
pub fn is_place(lower: &str) -> bool {
    PLACES.contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_read() {
        assert_eq!(lists("mary") & GIVEN_NAME, GIVEN_NAME);
        assert_eq!(lists("johnson") & SURNAME, SURNAME);
        assert_eq!(lists("geneva") & PLACE, PLACE);
        assert!(is_place("san francisco"));
        assert_eq!(lists("the"), 0);
    }
}
