//! The features of one word for the tagger: its form, shape, affixes, casing and position, the
//! words around it, membership in the lexicon's lists (the gazetteers), and the labels already
//! given to the words before it. Features are hashed to a bucket of the weight table, so no
//! string is built per feature: each is its template number and the bytes it reads.

use super::Label;
use crate::actors::lexicon;
use std::borrow::Cow;

/// One word of a sequence as the tagger sees it.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Lower case, for the features that should not care about casing.
    pub lower: Cow<'a, str>,
    pub shape: Shape,
    /// The lexicon's lists the word is on, as bits ([`gazetteer`]).
    pub lists: u64,
}

impl<'a> Word<'a> {
    pub fn new(text: &'a str) -> Self {
        Word::with_lists(text, |shape| lists_of(text, shape))
    }

    /// A word whose lists come from `lists` given its shape (a cache of [`lists_of`]).
    pub fn with_lists(text: &'a str, lists: impl FnOnce(Shape) -> u64) -> Self {
        let shape = Shape::of(text);
        // most words are written in lower case already: no copy for them
        let lower = if text.chars().any(char::is_uppercase) {
            Cow::Owned(text.to_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        Word { text, lower, shape, lists: lists(shape) }
    }
}

/// The lists a word of this shape is on, as bits ([`Word::lists`]): a dozen set lookups, worth
/// caching for the words an article repeats.
pub fn lists_of(text: &str, shape: Shape) -> u64 {
    match shape {
        Shape::Punctuation | Shape::Digits => 0,
        Shape::Lower => common_lists(text),
        _ => gazetteer(text),
    }
}

/// A word's casing and character classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "Lavrov"
    Capitalised,
    /// "UN", "ISIS"
    AllCaps,
    /// "U.S.", "J."
    Initials,
    /// "McDonald", "iPhone"
    MixedCase,
    /// "said"
    Lower,
    /// "2016", "1.5"
    Digits,
    /// "F-16", "G8"
    Alphanumeric,
    /// ",", "—"
    Punctuation,
    /// anything else
    Other,
}

impl Shape {
    /// Every shape, in the order of their numbers.
    pub const ALL: [Shape; 9] = [
        Shape::Capitalised,
        Shape::AllCaps,
        Shape::Initials,
        Shape::MixedCase,
        Shape::Lower,
        Shape::Digits,
        Shape::Alphanumeric,
        Shape::Punctuation,
        Shape::Other,
    ];

    pub fn of(text: &str) -> Shape {
        let (mut upper, mut lower, mut digit, mut dot, mut other) = (0, 0, 0, 0, 0);
        for c in text.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            } else if c.is_ascii_digit() {
                digit += 1;
            } else if c == '.' {
                dot += 1;
            } else {
                other += 1;
            }
        }
        let first_upper = text.chars().next().is_some_and(char::is_uppercase);
        match () {
            _ if upper + lower == 0 && digit > 0 => Shape::Digits,
            _ if upper + lower == 0 && digit == 0 && (dot + other) > 0 => Shape::Punctuation,
            _ if digit > 0 => Shape::Alphanumeric,
            _ if dot > 0 && upper > 0 && lower == 0 => Shape::Initials,
            _ if upper > 1 && lower == 0 => Shape::AllCaps,
            _ if first_upper && upper == 1 => Shape::Capitalised,
            _ if upper == 1 && lower == 0 => Shape::Capitalised,
            _ if upper > 0 && lower > 0 => Shape::MixedCase,
            _ if lower > 0 => Shape::Lower,
            _ => Shape::Other,
        }
    }

    pub fn is_capitalised(self) -> bool {
        matches!(self, Shape::Capitalised | Shape::AllCaps | Shape::Initials | Shape::MixedCase)
    }
}

/// How the whole sequence is cased: a headline in Title Case or a line in capitals says less
/// about names than running text does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    Running,
    TitleCase,
    AllCaps,
}

impl Casing {
    pub const ALL: [Casing; 3] = [Casing::Running, Casing::TitleCase, Casing::AllCaps];

    pub fn of(words: &[Word<'_>]) -> Casing {
        // a headline in Title Case leaves only short function words in lower case
        const FUNCTION_WORDS: &[&str] = &[
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by",
            "with", "from", "as", "is", "vs", "after", "over", "into", "amid",
        ];
        // among the words with a letter: how many have no lower-case letter, how many are in
        // lower case and no function word, how many are capitalised (one pass, nothing kept)
        let (mut letters, mut upper, mut lower_content, mut capitalised) = (0, 0, 0, 0);
        for w in words.iter().filter(|w| w.text.chars().any(char::is_alphabetic)) {
            letters += 1;
            if !w.text.chars().any(char::is_lowercase) {
                upper += 1;
            }
            if w.shape == Shape::Lower && !FUNCTION_WORDS.contains(&w.lower.as_ref()) {
                lower_content += 1;
            }
            if w.shape.is_capitalised() {
                capitalised += 1;
            }
        }
        if letters < 2 {
            return Casing::Running;
        }
        if upper == letters {
            return Casing::AllCaps;
        }
        if lower_content == 0 && capitalised >= 3 {
            Casing::TitleCase
        } else {
            Casing::Running
        }
    }
}

/// How a document writes each of its words elsewhere: in lower case, capitalised inside running
/// text, as the first or the last word of a run of capitalised words. A word capitalised only at
/// the start of its sentence here but in lower case elsewhere is no name; "Harrow" alone reads
/// better beside "Harrow School" elsewhere (Mikheev 1999, Ratinov & Roth 2009's non-local
/// features).
#[derive(Debug, Default)]
pub struct DocumentWords {
    flags: rustc_hash::FxHashMap<String, u8>,
    /// The same flags by word type (`super::scoring::WordTypes`), when the document was read by
    /// type: then looking a word up costs no hashing of its text.
    by_type: Vec<u8>,
}

impl DocumentWords {
    /// In lower case somewhere.
    const LOWER: u8 = 1;
    /// Capitalised, not as its sentence's first word, in running text.
    const CAPITALISED_INSIDE: u8 = 2;
    /// The first word of a run of two or more capitalised words.
    const RUN_FIRST: u8 = 4;
    /// The last word of a run of two or more capitalised words.
    const RUN_LAST: u8 = 8;
    /// How many different flag sets there are (the tables of `super::Model` are this wide).
    pub const FLAG_SETS: usize = 16;

    /// Notes how one sentence of the document writes its words.
    pub fn add_sentence(&mut self, words: &[Word<'_>]) {
        Self::sentence_flags(words, |i, f| {
            let w = &words[i];
            match self.flags.get_mut(w.lower.as_ref()) {
                Some(old) => *old |= f,
                None => {
                    self.flags.insert(w.lower.to_string(), f);
                }
            }
        });
    }

    /// `note(i, flags)` for each word `i` of the sentence the flags of which are not empty.
    pub fn sentence_flags(words: &[Word<'_>], mut note: impl FnMut(usize, u8)) {
        let casing = Casing::of(words);
        let capitalised = |j: usize| {
            words.get(j).is_some_and(|w| matches!(w.shape, Shape::Capitalised | Shape::MixedCase))
        };
        for (i, w) in words.iter().enumerate() {
            let mut f = 0;
            if w.shape == Shape::Lower {
                f |= Self::LOWER;
            } else if casing == Casing::Running && capitalised(i) {
                if i > 0 {
                    f |= Self::CAPITALISED_INSIDE;
                }
                if capitalised(i + 1) && (i == 0 || !capitalised(i - 1)) {
                    f |= Self::RUN_FIRST;
                }
                if i > 0 && capitalised(i - 1) && !capitalised(i + 1) {
                    f |= Self::RUN_LAST;
                }
            }
            if f != 0 {
                note(i, f);
            }
        }
    }

    /// A document read by word type: `by_type[t]` the flags of type `t` (those of every type
    /// with its lower case already merged).
    pub fn of_types(by_type: Vec<u8>) -> Self {
        DocumentWords { flags: Default::default(), by_type }
    }

    /// The flags of word type `id`, if the document was read by type.
    pub fn of_type(&self, id: u32) -> Option<u8> {
        self.by_type.get(id as usize).copied()
    }

    pub fn of(&self, word: &Word<'_>) -> u8 {
        self.flags.get(word.lower.as_ref()).copied().unwrap_or(0)
    }
}

/// A 64-bit hash built from template numbers and byte strings: the same on every platform, so
/// the shipped table means the same everywhere (std's hashers promise no such thing).
#[derive(Clone, Copy)]
pub(super) struct FeatureHash(u64);

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

impl FeatureHash {
    pub(super) fn template(t: u8) -> Self {
        FeatureHash((u64::from(t) + 1).wrapping_mul(MULTIPLIER))
    }
    pub(super) fn add_u64(self, v: u64) -> Self {
        FeatureHash((self.0.rotate_left(5) ^ v).wrapping_mul(MULTIPLIER))
    }
    pub(super) fn add(self, s: &str) -> Self {
        let mut h = self;
        let bytes = s.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = h.add_u64(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        h.add_u64(u64::from_le_bytes(last)).add_u64(bytes.len() as u64)
    }
    pub(super) fn finish(self) -> u64 {
        let x = self.0;
        x ^ (x >> 29)
    }
}

/// The features that do not depend on labels: computed once per word, reused by every pass. They
/// are the union of four parts, kept apart so that a whole article can be scored with each part
/// computed once per word type (`super::Model`'s scoring): the word's own
/// ([`word_features`]), its own with the sentence's casing ([`casing_features`]), each
/// neighbour's ([`neighbour_features`]) and those of the words together ([`context_features`]).
///
/// With `clusters` (a model trained with them), also the word clusters' features of the word
/// ([`cluster_features`], part of the word's own) and of its neighbours
/// ([`cluster_neighbour_features`], part of each neighbour's).
pub fn static_features(
    words: &[Word<'_>],
    casing: Casing,
    i: usize,
    clusters: bool,
    typed: bool,
    out: &mut Vec<u64>,
) {
    let w = &words[i];
    word_features(w, out);
    if typed {
        typed_word_features(w, out);
        for k in TYPED_NEIGHBOURS {
            if let Some(o) = neighbour(words, i, k) {
                typed_neighbour_features(o, k, out);
            }
        }
    }
    casing_features(w, casing, out);
    for k in NEIGHBOURS {
        neighbour_features(neighbour(words, i, k), k, out);
    }
    if clusters {
        cluster_features(w, out);
        for k in NEIGHBOURS {
            if let Some(o) = neighbour(words, i, k) {
                cluster_neighbour_features(o, k, out);
            }
        }
    }
    out.push(position_feature(i == 0, w.shape));
    if let Some(p) = neighbour(words, i, -1) {
        out.push(word_pair_feature(p, w));
        out.push(shape_pair_feature(p.shape, w.shape));
    }
    if let Some(n) = neighbour(words, i, 1) {
        out.push(word_pair_after_feature(w, n));
        out.push(shape_pair_after_feature(w.shape, n.shape));
    }
    let mut scratch = String::new();
    let before = i.checked_sub(1).and_then(|p| known_pair(&words[p], w, &mut scratch));
    let after = words.get(i + 1).and_then(|n| known_pair(w, n, &mut scratch));
    context_features(words, i, before, after, &mut scratch, out);
}

/// The feature of a word's shape and whether it is its sentence's first (few enough to be scored
/// once per model).
pub fn position_feature(first: bool, shape: Shape) -> u64 {
    FeatureHash::template(5).add_u64(first as u64).add_u64(shape as u64).finish()
}

/// The feature of the word before (`p`) and this one (`w`), for this one.
pub fn word_pair_feature(p: &Word<'_>, w: &Word<'_>) -> u64 {
    FeatureHash::template(60).add(&p.lower).add(&w.lower).finish()
}

/// The feature of this word (`w`) and the word after (`n`), for this one.
pub fn word_pair_after_feature(w: &Word<'_>, n: &Word<'_>) -> u64 {
    FeatureHash::template(62).add(&w.lower).add(&n.lower).finish()
}

/// The feature of the shapes of the word before (`p`) and this one (`s`).
pub fn shape_pair_feature(p: Shape, s: Shape) -> u64 {
    FeatureHash::template(61).add_u64(p as u64).add_u64(s as u64).finish()
}

/// The feature of the shapes of this word (`s`) and the word after (`n`).
pub fn shape_pair_after_feature(s: Shape, n: Shape) -> u64 {
    FeatureHash::template(63).add_u64(s as u64).add_u64(n as u64).finish()
}

/// The offsets of the neighbours whose words are features.
pub const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The word `k` places from word `i`, if the sentence has one there.
pub fn neighbour<'w, 'a>(words: &'w [Word<'a>], i: usize, k: isize) -> Option<&'w Word<'a>> {
    i.checked_add_signed(k).and_then(|j| words.get(j))
}

/// The features of the word alone: the same wherever it is written (for one model, a word type's
/// are scored once per article).
pub fn word_features(w: &Word<'_>, out: &mut Vec<u64>) {
    let lower: &str = &w.lower;
    let shape = w.shape as u64;
    let mut push = |h: FeatureHash| out.push(h.finish());
    let t = FeatureHash::template;
    push(t(0));
    push(t(1).add(lower));
    push(t(2).add_u64(shape));
    let starts = || lower.char_indices().map(|(b, _)| b);
    let count = lower.chars().count();
    for (n, b) in starts().rev().take(4).enumerate() {
        if count > n + 1 {
            push(t(11 + n as u8).add(&lower[b..]));
        }
    }
    for (n, b) in starts().skip(1).take(3).enumerate() {
        if count > n + 1 {
            push(t(21 + n as u8).add(&lower[..b]));
        }
    }
    // the gazetteers: the lexicon's lists (the neighbours' in `neighbour_features`)
    let g = w.lists;
    if g != 0 {
        push(t(70).add_u64(g));
        push(t(73).add_u64(g).add_u64(shape));
    }
    // each census and GeoNames list alone: "Vishwanand Subryan" reads as a person when neither
    // word is on any list but the words around say so (the neighbours' in `context_features`)
    for bit in OPEN_LISTS.into_iter().filter(|&b| w.lists & b != 0) {
        push(t(76).add_u64(bit).add_u64(shape));
    }
}

/// The word's classes among the word clusters learnt from unlabelled text
/// ([`super::clusters`]), one feature for each granularity: what words written in the same
/// contexts have taught the model carries over to this one (Ratinov & Roth 2009). The same
/// wherever the word is written.
pub fn cluster_features(w: &Word<'_>, out: &mut Vec<u64>) {
    let Some(classes) = super::clusters::of(w.text, &w.lower) else { return };
    for (g, &c) in classes.iter().enumerate().filter(|(_, &c)| c != u16::MAX) {
        out.push(FeatureHash::template(110 + g as u8).add_u64(u64::from(c)).finish());
    }
}

/// The offsets of the neighbours whose word clusters are features.
pub const CLUSTER_NEIGHBOURS: [isize; 2] = [-1, 1];

/// The word clusters' features a word gives the word `k` places from it (for `k` in
/// [`CLUSTER_NEIGHBOURS`]; none for the others).
pub fn cluster_neighbour_features(o: &Word<'_>, k: isize, out: &mut Vec<u64>) {
    let Some(slot) = CLUSTER_NEIGHBOURS.iter().position(|&n| n == k) else { return };
    let Some(classes) = super::clusters::of(o.text, &o.lower) else { return };
    for (g, &c) in classes.iter().enumerate().filter(|(_, &c)| c != u16::MAX) {
        let t = 120 + 10 * slot as u8 + g as u8;
        out.push(FeatureHash::template(t).add_u64(u64::from(c)).finish());
    }
}

/// How the typed gazetteer types the names the word ends and those it is in
/// ([`super::typed::word_profiles`]), with its shape: "Library", "School", "Tube" say what kind
/// of name they end. The same wherever the word is written.
pub fn typed_word_features(w: &Word<'_>, out: &mut Vec<u64>) {
    if !w.shape.is_capitalised() {
        return;
    }
    let (last, inner) = super::typed::word_profiles(&w.lower);
    let t = FeatureHash::template;
    if last != 0 {
        out.push(t(140).add_u64(u64::from(last)).add_u64(w.shape as u64).finish());
    }
    if inner != 0 {
        out.push(t(141).add_u64(u64::from(inner)).add_u64(w.shape as u64).finish());
    }
}

/// The offsets of the neighbours whose typed gazetteer profiles are features.
pub const TYPED_NEIGHBOURS: [isize; 2] = [-1, 1];

/// The typed gazetteer's profile ([`typed_word_features`]) a word gives the word `k` places from
/// it (for `k` in [`TYPED_NEIGHBOURS`]; none for the others): "Harrow" before "School".
pub fn typed_neighbour_features(o: &Word<'_>, k: isize, out: &mut Vec<u64>) {
    let Some(slot) = TYPED_NEIGHBOURS.iter().position(|&n| n == k) else { return };
    if !o.shape.is_capitalised() {
        return;
    }
    let (last, _) = super::typed::word_profiles(&o.lower);
    if last != 0 {
        out.push(FeatureHash::template(142 + slot as u8).add_u64(u64::from(last)).finish());
    }
}

/// The census and GeoNames lists read one by one.
const OPEN_LISTS: [u64; 3] =
    [super::gazetteers::GIVEN_NAME, super::gazetteers::SURNAME, super::gazetteers::PLACE];

/// The features of the word with its sentence's casing.
pub fn casing_features(w: &Word<'_>, casing: Casing, out: &mut Vec<u64>) {
    let t = FeatureHash::template;
    let casing_code = casing as u64;
    out.push(t(3).add_u64(w.shape as u64).add_u64(casing_code).finish());
    out.push(t(4).add(&w.lower).add_u64(casing_code).finish());
}

/// The features a word gives the word `k` places from it ([`NEIGHBOURS`]), or the sentence's end
/// there (`None`): they read only the neighbour and `k`.
pub fn neighbour_features(o: Option<&Word<'_>>, k: isize, out: &mut Vec<u64>) {
    let t = FeatureHash::template;
    let code = (k + 2) as u8;
    let Some(o) = o else {
        out.push(t(50 + code).finish());
        return;
    };
    out.push(t(30 + code).add(&o.lower).finish());
    out.push(t(40 + code).add_u64(o.shape as u64).finish());
    // the lexicon's lists of the words just before and after
    let g = o.lists;
    if g != 0 {
        match k {
            -1 => out.push(t(71).add_u64(g).finish()),
            1 => out.push(t(72).add_u64(g).finish()),
            _ => {}
        }
    }
}

/// The kind of the two-word entry of the lexicon the words `a b` make ("Saudi Arabia", "Red
/// Cross"), looked up only between capitalised words; `scratch` holds the pair.
pub fn known_pair(a: &Word<'_>, b: &Word<'_>, scratch: &mut String) -> Option<u64> {
    if !(a.shape.is_capitalised() && b.shape.is_capitalised()) {
        return None;
    }
    scratch.clear();
    scratch.push_str(a.text);
    scratch.push(' ');
    scratch.push_str(b.text);
    lexicon::known(scratch).map(|k| k.kind as u64)
}

/// The features that read the word together with the words around it (but for its position and
/// the pairs it makes with its neighbours, [`position_feature`], [`word_pair_feature`] and the
/// like): the neighbours' lists with its shape, the places of several
/// words around it and the lexicon's two-word entries it is in (`before` and `after`, as
/// [`known_pair`] gives them for the word before and this one, this one and the word after);
/// `scratch` is room for joining words.
pub fn context_features(
    words: &[Word<'_>],
    i: usize,
    before: Option<u64>,
    after: Option<u64>,
    scratch: &mut String,
    out: &mut Vec<u64>,
) {
    let w = &words[i];
    let at = |k: isize| neighbour(words, i, k);
    let shape = w.shape as u64;
    let mut push = |h: FeatureHash| out.push(h.finish());
    let t = FeatureHash::template;
    // each census and GeoNames list of the neighbours, with this word's shape: a surname before
    // "met" says nothing about "met"
    for (k, o) in [(1u8, at(-1)), (2, at(1))] {
        let Some(o) = o else { continue };
        for bit in OPEN_LISTS.into_iter().filter(|&b| o.lists & b != 0) {
            push(t(76 + k).add_u64(bit).add_u64(shape));
        }
    }
    // places of several words ("San Francisco", "Bayou La Batre") around this word
    if w.shape.is_capitalised() {
        let mut capitalised_run = |from: isize, to: isize| -> bool {
            scratch.clear();
            for k in from..=to {
                let Some(o) = at(k).filter(|o| o.shape.is_capitalised()) else { return false };
                if !scratch.is_empty() {
                    scratch.push(' ');
                }
                scratch.push_str(&o.lower);
            }
            super::gazetteers::is_place(scratch)
        };
        for (code, from, to) in
            [(0u8, -1isize, 0isize), (1, 0, 1), (2, -2, 0), (3, -1, 1), (4, 0, 2)]
        {
            if capitalised_run(from, to) {
                push(t(90 + code));
            }
        }
    }
    if let Some(k) = before {
        push(t(74).add_u64(k));
    }
    if let Some(k) = after {
        push(t(75).add_u64(k));
    }
}

/// The features of how the document writes this word and its capitalised neighbours elsewhere
/// ([`DocumentWords`]; letters only: a comma's "elsewhere" says nothing).
pub fn document_features(
    words: &[Word<'_>],
    casing: Casing,
    document: &DocumentWords,
    i: usize,
    out: &mut Vec<u64>,
) {
    let w = &words[i];
    if !reads_document(w.shape) {
        return;
    }
    let own = document.of(w);
    out.push(document_own_feature(own, w.shape, i == 0, casing));
    if let Some(n) = words.get(i + 1).filter(|n| n.shape.is_capitalised()) {
        out.push(document_next_feature(own, document.of(n), w.shape));
    }
    if let Some(p) = i.checked_sub(1).map(|p| &words[p]).filter(|p| p.shape.is_capitalised()) {
        out.push(document_before_feature(document.of(p), own, w.shape));
    }
}

/// Whether a word of this shape has [`document_features`].
pub fn reads_document(shape: Shape) -> bool {
    !matches!(shape, Shape::Punctuation | Shape::Digits)
}

/// How the document writes the word (`own`, [`DocumentWords`]'s flags), with its shape, whether
/// it is its sentence's first and the sentence's casing: few enough values to be scored once per
/// model.
pub fn document_own_feature(own: u8, shape: Shape, first: bool, casing: Casing) -> u64 {
    let t = FeatureHash::template;
    t(100)
        .add_u64(u64::from(own))
        .add_u64(shape as u64)
        .add_u64(first as u64)
        .add_u64(casing as u64)
        .finish()
}

/// How the document writes the word (`own`) and the capitalised word after it (`next`).
pub fn document_next_feature(own: u8, next: u8, shape: Shape) -> u64 {
    let t = FeatureHash::template;
    t(101).add_u64(u64::from(own)).add_u64(u64::from(next)).add_u64(shape as u64).finish()
}

/// How the document writes the capitalised word before (`before`) and this one (`own`).
pub fn document_before_feature(before: u8, own: u8, shape: Shape) -> u64 {
    let t = FeatureHash::template;
    t(102).add_u64(u64::from(before)).add_u64(u64::from(own)).add_u64(shape as u64).finish()
}

/// The lists a word in lower case may be on (names are not looked up for it), as bits.
fn common_lists(word: &str) -> u64 {
    let flags = [
        lexicon::is_place_noun(word),
        lexicon::is_org_noun(word),
        lexicon::is_common(word),
        lexicon::is_locative(word),
        lexicon::is_speech_verb(word),
        lexicon::is_never_actor(word) || lexicon::is_date_word(word),
    ];
    flags.into_iter().enumerate().filter(|f| f.1).fold(0, |bits, (n, _)| bits | 1 << (13 + n))
}

/// The lists a word is on, as bits.
fn gazetteer(word: &str) -> u64 {
    let mut bits = 0u64;
    if let Some(k) = lexicon::known(word) {
        bits |= 1 << (k.kind as u64);
    }
    let flags = [
        lexicon::capital_state(word).is_some(),
        lexicon::is_given_name(word),
        lexicon::is_org_head(word),
        lexicon::is_place_head(word),
        lexicon::is_title(word) || lexicon::is_honorific(word),
    ];
    for (n, f) in flags.into_iter().enumerate() {
        if f {
            bits |= 1 << (8 + n);
        }
    }
    // the lists of common words take the bits after these (13 on), as for a lower-case word;
    // the census and GeoNames lists 20 on
    bits | common_lists(word) | super::gazetteers::lists(&word.to_lowercase())
}

/// The features that read the label of the word before: first order, so that the best labels
/// of a whole sentence can be found exactly ([`super::viterbi`]).
pub fn label_features(words: &[Word<'_>], i: usize, prev: Label, out: &mut Vec<u64>) {
    let w = &words[i];
    out.extend(shape_transition_features(prev, w.shape));
    out.push(word_transition_feature(&w.lower, prev));
}

/// The label features that read only the label before and the word's shape: few enough to be
/// scored once per model for every (shape, label) pair (`Model`'s transition table).
pub fn shape_transition_features(prev: Label, shape: Shape) -> [u64; 2] {
    let t = FeatureHash::template;
    [
        t(80).add_u64(u64::from(prev)).finish(),
        t(82).add_u64(u64::from(prev)).add_u64(shape as u64).finish(),
    ]
}

/// The label feature that reads the word itself (in lower case) and the label before it.
pub fn word_transition_feature(lower: &str, prev: Label) -> u64 {
    FeatureHash::template(83).add_u64(u64::from(prev)).add(lower).finish()
}
