//! Word lists: number words, qualifiers, units, counted-noun classes and predicate classes.
//! All lookups take lowercase words.

use super::model::Dimension;
use super::Qualifier;

/// Cardinal words below one hundred: (word, value, is_tens).
pub const SMALL_NUMBERS: &[(&str, f64, bool)] = &[
    ("zero", 0.0, false),
    ("nought", 0.0, false),
    ("naught", 0.0, false),
    ("one", 1.0, false),
    ("two", 2.0, false),
    ("three", 3.0, false),
    ("four", 4.0, false),
    ("five", 5.0, false),
    ("six", 6.0, false),
    ("seven", 7.0, false),
    ("eight", 8.0, false),
    ("nine", 9.0, false),
    ("ten", 10.0, false),
    ("eleven", 11.0, false),
    ("twelve", 12.0, false),
    ("thirteen", 13.0, false),
    ("fourteen", 14.0, false),
    ("fifteen", 15.0, false),
    ("sixteen", 16.0, false),
    ("seventeen", 17.0, false),
    ("eighteen", 18.0, false),
    ("nineteen", 19.0, false),
    ("twenty", 20.0, true),
    ("thirty", 30.0, true),
    ("forty", 40.0, true),
    ("fourty", 40.0, true),
    ("fifty", 50.0, true),
    ("sixty", 60.0, true),
    ("seventy", 70.0, true),
    ("eighty", 80.0, true),
    ("ninety", 90.0, true),
];

/// Words mapped to values, bucketed by shape (length, first and last byte): a lookup computes
/// the shape and compares the word with the few words of that shape, mostly none. These maps
/// are asked about nearly every word of every article; hashing each word cost four times as
/// much, and a `match` over dozens of strings compares them one by one.
pub(super) struct WordMap<V> {
    /// Bucket `s` is `entries[starts[s]..starts[s + 1]]`.
    starts: Vec<u16>,
    /// Bit `s` says whether bucket `s` holds a word: what nearly every lookup ends at, read
    /// from 2 KB rather than from the 32 KB of `starts` (whose loads missed the cache often
    /// enough to be a fifth of the figure loop's own time).
    occupied: Vec<u64>,
    entries: Vec<(&'static str, V)>,
}

/// A word's shape: its length (up to 15) and its first and last byte (a lower-case ASCII letter,
/// or anything else), the bucket of a [`WordMap`]. The tokenizer computes it once per word
/// (`Token::shape`), from bytes it has at hand, so that the maps asked about the word need not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Shape(u16);

impl Shape {
    const LENGTHS: usize = 16;
    const ENDS: usize = 27;
    /// Each end in five bits, the length in four above them: shifts, not multiplications, for
    /// the tokenizer, which makes a shape of every word.
    const COUNT: usize = Self::LENGTHS << 10;

    /// The shape of `word` (lower case already, as the maps' words are).
    #[inline]
    pub(super) fn of(word: &str) -> Shape {
        let end = |b: u8| if b.is_ascii_lowercase() { (b - b'a') as usize } else { Self::ENDS - 1 };
        let bytes = word.as_bytes();
        let (first, last) = match bytes {
            [] => (Self::ENDS - 1, Self::ENDS - 1),
            [f, .., l] => (end(*f), end(*l)),
            [f] => (end(*f), end(*f)),
        };
        Self::from_parts(bytes.len(), first, last)
    }

    /// [`Shape::of`] the lower-case form of a word of `len` ASCII letters whose first and last
    /// letters, in either case, are `first` and `last`.
    #[inline]
    pub(super) fn of_ascii_letters(len: usize, first: u8, last: u8) -> Shape {
        debug_assert!(first.is_ascii_alphabetic() && last.is_ascii_alphabetic());
        let end = |b: u8| ((b | 0x20) - b'a') as usize;
        Self::from_parts(len, end(first), end(last))
    }

    #[inline]
    fn from_parts(len: usize, first: usize, last: usize) -> Shape {
        debug_assert!(first < Self::ENDS && last < Self::ENDS);
        let s = (len.min(Self::LENGTHS - 1) << 10) | (first << 5) | last;
        Shape(s as u16)
    }
}

impl<V> WordMap<V> {
    /// The map of `words`; the first value given for a word wins.
    pub(super) fn new(words: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut entries: Vec<(usize, &'static str, V)> = Vec::new();
        for (w, v) in words {
            if !entries.iter().any(|e| e.1 == w) {
                entries.push((Self::shape(w), w, v));
            }
        }
        entries.sort_by_key(|e| e.0);
        let mut starts = vec![0u16; Shape::COUNT + 1];
        for e in &entries {
            starts[e.0 + 1] += 1;
        }
        for s in 0..Shape::COUNT {
            starts[s + 1] += starts[s];
        }
        let mut occupied = vec![0u64; Shape::COUNT / 64];
        for e in &entries {
            occupied[e.0 / 64] |= 1 << (e.0 % 64);
        }
        WordMap { starts, occupied, entries: entries.into_iter().map(|(_, w, v)| (w, v)).collect() }
    }

    /// Inlined up to the empty bucket, where most words of an article end: the call and the
    /// string comparison's setup cost more than the answer.
    #[inline]
    pub(super) fn get(&self, word: &str) -> Option<&V> {
        self.get_shaped(Shape::of(word), word)
    }

    /// [`get`](Self::get), the word's shape known already: `shape` must be `Shape::of(word)`.
    #[inline]
    pub(super) fn get_shaped(&self, shape: Shape, word: &str) -> Option<&V> {
        if !self.may_hold_shape(shape) {
            return None;
        }
        let s = usize::from(shape.0);
        let (from, to) = (usize::from(self.starts[s]), usize::from(self.starts[s + 1]));
        Self::find_in(&self.entries[from..to], word)
    }

    /// False where a word of this shape is certainly not in the map: no word of its shape is.
    /// No word compared: a gate for words that are nearly all absent.
    #[inline]
    pub(super) fn may_hold_shape(&self, shape: Shape) -> bool {
        let s = usize::from(shape.0);
        self.occupied[s / 64] & (1 << (s % 64)) != 0
    }

    #[inline(never)]
    fn find_in<'m>(bucket: &'m [(&'static str, V)], word: &str) -> Option<&'m V> {
        bucket.iter().find(|(w, _)| same_bytes(w.as_bytes(), word.as_bytes())).map(|(_, v)| v)
    }

    fn shape(word: &str) -> usize {
        usize::from(Shape::of(word).0)
    }
}

/// `a == b`, compared in at most two loads of each for the short words of the lists: the
/// `memcmp` call that comparing slices makes cost more than the comparison (a bucket's words
/// share the looked-up word's length, so most comparisons get this far).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // the first and last four or eight bytes, overlapping: every byte of `n` of them
    let ends = |width: usize| {
        let word = |s: &[u8], at: usize| {
            let mut w = [0u8; 8];
            w[..width].copy_from_slice(&s[at..at + width]);
            u64::from_le_bytes(w)
        };
        word(a, 0) == word(b, 0) && word(a, n - width) == word(b, n - width)
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => ends(4),
        8..=16 => ends(8),
        _ => a == b,
    }
}

/// A word list asked by lookup, built on first use.
struct WordTable<V: 'static>(std::sync::LazyLock<WordMap<V>>);

macro_rules! word_table {
    ($list:expr, |$e:pat_param| $kv:expr) => {
        WordTable(std::sync::LazyLock::new(|| WordMap::new($list.iter().map(|$e| $kv))))
    };
}

impl<V: Copy> WordTable<V> {
    #[inline]
    fn get(&self, word: &str) -> Option<V> {
        self.0.get(word).copied()
    }

    /// [`get`](Self::get), the word's shape known already: `shape` must be `Shape::of(word)`.
    #[inline]
    fn get_shaped(&self, shape: Shape, word: &str) -> Option<V> {
        self.0.get_shaped(shape, word).copied()
    }
}

/// Every word of a qualifier phrase (`true` for the phrase's first word), for the context
/// search's list items: one lookup instead of a pass over [`QUALIFIERS`] per token.
static QUALIFIER_WORD: std::sync::LazyLock<WordMap<bool>> = std::sync::LazyLock::new(|| {
    let firsts = QUALIFIERS.iter().map(|(words, _)| (words[0], true));
    let rest = QUALIFIERS.iter().flat_map(|(words, _)| words[1..].iter().map(|&w| (w, false)));
    // the first value given for a word wins: a first word is marked first
    WordMap::new(firsts.chain(rest))
});

/// Whether `word` is a word of some qualifier phrase ("more", "than", "estimated").
pub fn in_qualifier(word: &str) -> bool {
    QUALIFIER_WORD.get(word).is_some()
}

/// Whether some qualifier phrase starts with `word` ("more", "an").
pub fn opens_qualifier(word: &str) -> bool {
    QUALIFIER_WORD.get(word).is_some_and(|&first| first)
}

static SMALL_NUMBER: WordTable<(f64, bool)> =
    word_table!(SMALL_NUMBERS, |&(w, v, tens)| (w, (v, tens)));

/// Cardinal words below one hundred: (value, is_tens).
pub fn small_number(word: &str) -> Option<(f64, bool)> {
    SMALL_NUMBER.get(word)
}

/// [`small_number`] of a word whose shape is known (a token's): `shape` must be
/// `Shape::of(word)`.
pub(super) fn small_number_shaped(shape: Shape, word: &str) -> Option<(f64, bool)> {
    SMALL_NUMBER.get_shaped(shape, word)
}

/// Scale words that multiply what precedes them ("two hundred", "1.5 million", "3 lakh").
pub const SCALE_WORDS: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("million", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("crore", 1e7),
    ("crores", 1e7),
    ("billion", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("tln", 1e12),
    ("trn", 1e12),
    ("dozen", 12.0),
    ("dozens", 12.0),
    ("dz", 12.0),
    ("dzs", 12.0),
    ("doz", 12.0),
    ("dozs", 12.0),
];

static SCALE_WORD: WordTable<f64> = word_table!(SCALE_WORDS, |&(w, m)| (w, m));

/// The multiplier of a scale word ("thousand" → 1e3; "dozen" → 12).
pub fn scale_word(word: &str) -> Option<f64> {
    SCALE_WORD.get(word)
}

/// [`scale_word`] of a word whose shape is known (a token's): `shape` must be `Shape::of(word)`.
pub(super) fn scale_word_shaped(shape: Shape, word: &str) -> Option<f64> {
    SCALE_WORD.get_shaped(shape, word)
}

/// Suffixes glued to digits that scale them ("10k", "2.3bn", "10M", "2mil", "1MM").
/// Lowercase "m" is left out: "180m" is as likely metres as millions.
pub fn glued_scale(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "k" | "K" => 1e3,
        "M" | "MM" => 1e6,
        "mil" | "mln" | "mn" | "Mn" => 1e6,
        "b" | "B" | "bn" | "Bn" | "bln" => 1e9,
        "tn" | "trn" | "tln" => 1e12,
        _ => return None,
    })
}

/// Word ordinals ("first", "twenty-first" is handled as "twenty" + "first").
pub const ORDINAL_WORDS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "millionth",
];

static ORDINAL_WORD: WordTable<()> = word_table!(ORDINAL_WORDS, |&w| (w, ()));

pub fn is_ordinal_word(word: &str) -> bool {
    ORDINAL_WORD.get(word).is_some()
}

/// Qualifier phrases before a number, longest first within each first word.
pub const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["an", "estimated"], Qualifier::About),
    (&["the", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["an", "approximate"], Qualifier::About),
    (&["in", "the", "region", "of"], Qualifier::About),
    (&["more", "than"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["upward", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["surpassing"], Qualifier::MoreThan),
    // verbs that put a total above a number: "the toll exceeded 300", "topped 1,000"
    (&["exceeded"], Qualifier::MoreThan),
    (&["exceeds"], Qualifier::MoreThan),
    (&["exceed"], Qualifier::MoreThan),
    (&["surpassed"], Qualifier::MoreThan),
    (&["surpasses"], Qualifier::MoreThan),
    (&["topped"], Qualifier::MoreThan),
    (&["at", "least", "or", "equal", "to"], Qualifier::AtLeast),
    (&["greater", "than", "or", "equal", "to"], Qualifier::AtLeast),
    (&["more", "than", "or", "equal", "to"], Qualifier::AtLeast),
    (&["less", "than", "or", "equal", "to"], Qualifier::LessThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["just", "shy", "of"], Qualifier::Nearly),
    (&["approaching"], Qualifier::Nearly),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["as", "many", "as"], Qualifier::AsManyAs),
    (&["as", "much", "as"], Qualifier::AsManyAs),
    (&["as", "high", "as"], Qualifier::AsManyAs),
    (&["up", "to"], Qualifier::AsManyAs),
    (&["at", "most"], Qualifier::AsManyAs),
    (&["no", "more", "than"], Qualifier::AsManyAs),
    (&["a", "maximum", "of"], Qualifier::AsManyAs),
    (&["a", "total", "of"], Qualifier::Exact),
];

pub fn currency_symbol(s: &str) -> bool {
    matches!(s, "$" | "£" | "€" | "¥" | "₹")
}

/// Currency words before the number ("USD 5", "Rs 20").
pub fn currency_code(word: &str) -> bool {
    matches!(word, "usd" | "eur" | "gbp" | "jpy" | "cny" | "rs" | "inr" | "chf" | "rmb")
}

/// Currency words after the number ("5 million dollars").
pub fn currency_word(word: &str) -> bool {
    matches!(
        word,
        "dollar"
            | "dollars"
            | "euro"
            | "euros"
            | "pound"
            | "pounds"
            | "yen"
            | "yuan"
            | "rupee"
            | "rupees"
            | "franc"
            | "francs"
            | "rouble"
            | "roubles"
            | "ruble"
            | "rubles"
            | "dinar"
            | "dinars"
            | "riyal"
            | "riyals"
            | "peso"
            | "pesos"
            | "sterling"
    )
}

/// Units of time: a number followed by one of these is a duration (or an age, with "old").
pub const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "yr",
    "yrs",
    "decade",
    "decades",
    "century",
    "centuries",
    "night",
    "nights",
];

static TIME_UNIT: WordTable<()> = word_table!(TIME_UNITS, |&w| (w, ()));

pub fn time_unit(word: &str) -> bool {
    TIME_UNIT.get(word).is_some()
}

/// Units of measure (lowercase; "m" only when glued to the digits).
pub fn measure_unit(word: &str) -> bool {
    matches!(
        word,
        "km" | "kms"
            | "gb"
            | "mb"
            | "tb"
            | "kwh"
            | "mwh"
            | "gwh"
            | "kilometer"
            | "kilometers"
            | "kilometre"
            | "kilometres"
            | "mile"
            | "miles"
            | "mi"
            | "m"
            | "meter"
            | "meters"
            | "metre"
            | "metres"
            | "cm"
            | "mm"
            | "centimeters"
            | "centimetres"
            | "millimeters"
            | "millimetres"
            | "feet"
            | "foot"
            | "ft"
            | "inch"
            | "inches"
            | "yard"
            | "yards"
            | "kg"
            | "kgs"
            | "kilogram"
            | "kilograms"
            | "kilo"
            | "kilos"
            | "gram"
            | "grams"
            | "g"
            | "tonne"
            | "tonnes"
            | "ton"
            | "tons"
            | "lb"
            | "lbs"
            | "ml"
            | "litre"
            | "litres"
            | "liter"
            | "liters"
            | "gallon"
            | "gallons"
            | "barrel"
            | "barrels"
            | "acre"
            | "acres"
            | "hectare"
            | "hectares"
            | "ha"
            | "sq"
            | "square"
            | "mph"
            | "kph"
            | "kmh"
            | "knots"
            | "degrees"
            | "degree"
            | "°c"
            | "°f"
            | "celsius"
            | "fahrenheit"
            | "magnitude"
            | "mw"
            | "kw"
            | "gw"
            | "megawatts"
            | "volts"
            | "decibels"
            | "calories"
            | "storeys"
            | "stories"
            | "floors"
            | "caliber"
            | "calibre"
            | "mm-caliber"
    )
}

/// Words after which a number is an identifier: "No. 7442619", "Reg. 12", "#4".
pub fn identifier_cue(word: &str) -> bool {
    matches!(
        word,
        "no" | "nr"
            | "nrs"
            | "reg"
            | "sect"
            | "ref"
            | "id"
            | "tel"
            | "phone"
            | "fax"
            | "flight"
            | "route"
            | "room"
            | "box"
            | "version"
            | "v"
            | "article"
            | "section"
            | "chapter"
            | "page"
            | "pp"
            | "p"
            | "vol"
            | "issue"
            | "highway"
            | "platform"
            | "block"
            | "gate"
            | "unit"
            | "suite"
            | "apt"
            | "ext"
            | "code"
            | "case"
            | "resolution"
            | "bus"
            | "channel"
            | "row"
            | "seat"
            | "level"
            | "grade"
            | "category"
            | "class"
            | "stage"
            | "phase"
            | "number"
            | "tier"
    )
}

/// Street words after which "483 Green Lanes" is an address.
pub fn street_word(word: &str) -> bool {
    matches!(
        word,
        "street"
            | "st"
            | "road"
            | "rd"
            | "avenue"
            | "ave"
            | "lane"
            | "lanes"
            | "boulevard"
            | "blvd"
            | "way"
            | "drive"
            | "dr"
            | "place"
            | "square"
            | "court"
            | "terrace"
            | "crescent"
            | "close"
            | "highway"
            | "parkway"
            | "strasse"
            | "straße"
    )
}

/// The class a counted noun belongs to, so that "civilians" and "people" are one quantity.
pub fn noun_class(word: &str) -> Option<&'static str> {
    Some(match word {
        "people" | "persons" | "person" | "civilians" | "civilian" | "residents"
        | "inhabitants" | "lives" | "individuals" | "villagers" | "citizens" | "victims"
        | "others" | "passengers" | "pilgrims" | "migrants" | "refugees" | "men" | "adults"
        | "souls" => "people",
        "rebels" | "fighters" | "militants" | "insurgents" | "jihadists" | "gunmen"
        | "combatants" | "guerrillas" | "guerrillas'" | "militiamen" | "extremists" => "combatants",
        "soldiers" | "troops" | "servicemen" | "marines" | "personnel" => "troops",
        "police" | "policemen" | "officers" | "police officers" | "policeman" => "police",
        "children" | "kids" | "babies" | "infants" | "minors" => "children",
        "women" => "women",
        "protesters" | "protestors" | "demonstrators" | "marchers" | "rioters" => "protesters",
        "students" | "pupils" => "students",
        "workers" | "employees" | "staff" | "jobs" => "workers",
        "homes" | "houses" | "buildings" => "buildings",
        "aftershocks" => "aftershocks",
        _ => return None,
    })
}

/// Words that end the search for a counted noun (verbs, prepositions, conjunctions).
/// Whether a class of [`noun_class`] is a group of people (counted as people, compared as the
/// group): "troops", "children"; not "people" itself, nor things.
pub fn is_group_of_people(class: &str) -> bool {
    matches!(
        class,
        "combatants"
            | "troops"
            | "police"
            | "children"
            | "women"
            | "students"
            | "workers"
            | "protesters"
    )
}

pub fn noun_stop(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "but"
            | "are"
            | "is"
            | "was"
            | "were"
            | "be"
            | "been"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "in"
            | "on"
            | "at"
            | "from"
            | "to"
            | "for"
            | "with"
            | "by"
            | "who"
            | "which"
            | "that"
            | "where"
            | "when"
            | "since"
            | "after"
            | "before"
            | "as"
            | "than"
            | "into"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "per"
            | "each"
            | "still"
            | "so"
            | "if"
            | "while"
            | "said"
            | "says"
            | "say"
            | "more"
            | "less"
            | "over"
            | "under"
            | "about"
            | "around"
            | "across"
            | "through"
            | "against"
            | "times"
            | "time"
            | "other"
            | "others'"
    )
}

/// Predicate classes: (surface word, class). Multi-word phrases are handled in `context`.
pub fn predicate_class(word: &str) -> Option<&'static str> {
    Some(match word {
        "killed" | "kill" | "kills" | "killing" | "died" | "die" | "dies" | "dying" | "dead"
        | "deaths" | "death" | "toll" | "fatalities" | "perished" | "slain" | "massacred"
        | "lost" => "killed",
        "injured" | "injuring" | "injures" | "injure" | "wounded" | "wounding" | "hurt"
        | "injuries" | "hospitalised" | "hospitalized" => "injured",
        "displaced" | "fled" | "flee" | "fleeing" | "homeless" | "uprooted" => "displaced",
        "live" | "living" | "trapped" | "besieged" | "remain" | "remaining" | "stranded"
        | "reside" | "residing" => "living",
        "arrested" | "detained" | "arrests" | "detains" | "arresting" => "arrested",
        "missing" => "missing",
        "evacuated" | "evacuating" | "evacuate" => "evacuated",
        // a crowd: "marched", "set off to march", "joined a candlelit vigil", "gathered"
        "rallied" | "marched" | "protested" | "demonstrated" | "rallying" | "marching"
        | "protesting" | "demonstrating" | "march" | "marches" | "rally" | "rallies" | "vigil"
        | "gathered" | "gathering" => "protesting",
        _ => return None,
    })
}

/// What was done to counted things, as a class: "nabbed", "confiscated" and "seized" are one
/// event; other verbs in "-ed" stand for themselves (`context::clause_verb`).
pub fn thing_verb_class(word: &str) -> Option<&'static str> {
    Some(match word {
        "seized" | "seize" | "seizes" | "seizing" | "confiscated" | "confiscate" | "nabbed"
        | "recovered" | "captured" | "impounded" | "found" | "intercepted" | "netted" => "seized",
        "destroyed" | "demolished" | "razed" | "flattened" | "gutted" | "collapsed" => "destroyed",
        // set on fire in an attack: "torched three banks", "setting fire to three banks"
        "attacked" | "targeted" | "stormed" | "raided" | "firebombed" | "burned" | "burnt"
        | "torched" | "fire" | "vandalised" | "vandalized" | "smashed" | "looted" | "ransacked" => {
            "attacked"
        }
        "sold" | "sells" | "selling" => "sold",
        "bought" | "purchased" | "buys" | "buying" => "bought",
        "fired" | "shot" => "fired",
        // what hit its target: "seven bullets hit him", "hit by seven bullets", "entered his body"
        "hit" | "hitting" | "struck" | "striking" | "entered" => "hit",
        // "355 damaged shops", "565 shops suffering serious damage"
        "damaged" | "damage" | "damaging" => "damaged",
        "built" | "constructed" => "built",
        // what captors keep: "holding a dozen ships", "still hold 14 vessels"
        "hold" | "holds" | "holding" | "held" => "held",
        _ => return None,
    })
}

/// The people who work a ship or an aircraft, by any of their names: "crewmen", "crew",
/// "sailors" and "seafarers" are one count ("300 crew members" is read as "crew" too).
pub fn crew_noun(word: &str) -> Option<&'static str> {
    matches!(
        word,
        "crew"
            | "crews"
            | "crewmen"
            | "crewman"
            | "crewmembers"
            | "seamen"
            | "sailors"
            | "seafarers"
    )
    .then_some("crew")
}

/// Words that name a news source other than a person or an authority: "the Post says", "local
/// news reported", "according to state television".
pub fn news_source(word: &str) -> bool {
    matches!(
        word,
        "news"
            | "media"
            | "newspaper"
            | "newspapers"
            | "paper"
            | "tabloid"
            | "television"
            | "tv"
            | "broadcaster"
            | "channel"
            | "radio"
            | "outlet"
            | "outlets"
            | "post"
            | "times"
            | "journal"
            | "herald"
            | "tribune"
            | "telegraph"
            | "guardian"
            | "gazette"
    )
}

/// Ammunition counted by any of its names: "11 shots", "seven bullets", "11 rounds" are one.
pub fn ammunition(noun: &str) -> bool {
    matches!(noun, "shot" | "bullet" | "round")
}

/// Nouns that name occurrences, counted without a verb of their own: "at least four
/// aftershocks", "three strong aftershocks were felt", "two blasts" say the same of the story.
pub fn occurrence(noun: &str) -> bool {
    matches!(noun, "aftershock" | "explosion" | "blast" | "tremor")
}

/// Vehicles, counted with who is in them ("pirates in two boats"): singular nouns.
pub fn vehicle(noun: &str) -> bool {
    matches!(
        noun,
        "boat"
            | "speedboat"
            | "skiff"
            | "ship"
            | "vessel"
            | "dhow"
            | "car"
            | "truck"
            | "vehicle"
            | "van"
            | "bus"
            | "helicopter"
            | "plane"
    )
}

/// Names of one kind of money deal: a "$80 million contract" and an "$82 million deal" are one.
pub fn deal_noun(noun: &str) -> bool {
    matches!(noun, "deal" | "contract" | "pact" | "agreement" | "extension")
}

/// Nouns that say what an amount of money is, besides deals: what a rate of money is paid as.
pub fn money_noun(noun: &str) -> bool {
    matches!(
        noun,
        "offer"
            | "offers"
            | "salary"
            | "salaries"
            | "wage"
            | "wages"
            | "pension"
            | "pensions"
            | "rent"
            | "fee"
            | "fees"
            | "price"
            | "bonus"
            | "allowance"
            | "benefit"
            | "benefits"
    )
}

/// A unit's size in the base unit of its dimension, so that figures written in different units
/// of one dimension are compared: "2,000 feet" and "600 metres", "two weeks" and "14 days".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitScale {
    /// The dimension, which names the compared quantity.
    pub dimension: Dimension,
    /// How many base units one unit is.
    pub factor: f64,
    /// Whether writers convert to or from this unit exactly: miles, feet and yards are converted
    /// with rounding ("2,000 feet (600 metres)"), as months and years are counted in days.
    pub exact: bool,
}

/// The [`UnitScale`] of a unit of length or of time, singular or plural; `None` for others.
pub fn unit_scale(unit: &str) -> Option<UnitScale> {
    let (dimension, factor, exact) = match unit.trim_start_matches('-') {
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => {
            (Dimension::Length, 1000.0, true)
        }
        "m" | "meter" | "meters" | "metre" | "metres" => (Dimension::Length, 1.0, true),
        "mile" | "miles" | "mi" => (Dimension::Length, 1609.344, false),
        "ft" | "feet" | "foot" => (Dimension::Length, 0.3048, false),
        "yard" | "yards" | "yd" => (Dimension::Length, 0.9144, false),
        "second" | "seconds" | "sec" | "secs" => (Dimension::Time, 1.0, true),
        "minute" | "minutes" | "min" | "mins" => (Dimension::Time, 60.0, true),
        "hour" | "hours" | "hr" | "hrs" => (Dimension::Time, 3600.0, true),
        "day" | "days" | "night" | "nights" => (Dimension::Period, 1.0, true),
        "week" | "weeks" => (Dimension::Period, 7.0, true),
        "fortnight" | "fortnights" => (Dimension::Period, 14.0, true),
        "month" | "months" => (Dimension::Period, 30.44, false),
        "year" | "years" | "yr" | "yrs" => (Dimension::Period, 365.25, false),
        "decade" | "decades" => (Dimension::Period, 3652.5, false),
        "century" | "centuries" => (Dimension::Period, 36525.0, false),
        _ => return None,
    };
    Some(UnitScale { dimension, factor, exact })
}

/// A compass direction: "south", "southeast", "north-west".
pub fn direction(word: &str) -> bool {
    let w = word.trim_end_matches("ern");
    let mut rest = w;
    for part in ["north", "south"] {
        rest = rest.strip_prefix(part).unwrap_or(rest);
    }
    let rest = rest.trim_start_matches('-');
    (rest.is_empty() || rest == "east" || rest == "west") && rest.len() < w.len()
        || matches!(w, "east" | "west")
}

/// Verbs of falling, whose measure is how far: "fell about 200ft".
pub fn fall_verb(word: &str) -> bool {
    matches!(
        word,
        "fell" | "fallen" | "falling" | "fall" | "plunged" | "plummeted" | "tumbled" | "slipped"
    )
}

/// Incidents that a death toll may belong to. The war itself is "general" (no event in the key).
pub fn incident(word: &str) -> Option<&'static str> {
    Some(match word {
        "war" | "conflict" | "fighting" | "violence" | "uprising" | "crisis" | "revolt"
        | "insurgency" => "general",
        "convoy" => "convoy",
        "strike" | "strikes" | "airstrike" | "airstrikes" | "bombardment" | "shelling" => "strike",
        "bombing" | "bomb" | "blast" | "explosion" | "explosions" | "bombings" => "blast",
        "attack" | "attacks" | "assault" | "raid" | "ambush" => "attack",
        "shooting" | "shootings" | "gunfire" | "rampage" => "shooting",
        // A disaster is the story itself wherever it is reported, never a side event of it.
        "earthquake" | "quake" | "tremor" | "temblor" | "earthquakes" | "crash" | "collision"
        | "derailment" | "accident" | "fire" | "blaze" | "wildfire" | "flood" | "floods"
        | "flooding" | "storm" | "hurricane" | "typhoon" | "cyclone" | "tsunami" | "landslide"
        | "stampede" => "general",
        _ => return None,
    })
}

/// "rebels" → "rebel", "casualties" → "casualty": a crude singular for nouns outside the classes.
pub fn singular(word: &str) -> String {
    singular_cow(word).into_owned()
}

/// [`singular`], borrowed from `word` where it is a part of it (all but "-ies").
pub fn singular_cow(word: &str) -> std::borrow::Cow<'_, str> {
    if let Some(stem) = word.strip_suffix("ies") {
        std::borrow::Cow::Owned(format!("{stem}y"))
    } else if word.ends_with("ss") || word.ends_with("us") {
        std::borrow::Cow::Borrowed(word)
    } else if let Some(stem) = word.strip_suffix('s') {
        std::borrow::Cow::Borrowed(stem)
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Denominators of spelled fractions, each also with an "s" ("thirds").
pub const DENOMINATORS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halve", 2.0),
    ("third", 3.0),
    ("quarter", 4.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("hundredth", 100.0),
    ("thousandth", 1e3),
    ("millionth", 1e6),
    ("billionth", 1e9),
    ("trillionth", 1e12),
];

/// [`DENOMINATORS`] with their "s", in order (a test holds them so).
const DENOMINATOR_PLURALS: &[&str] = &[
    "halfs",
    "halves",
    "thirds",
    "quarters",
    "fourths",
    "fifths",
    "sixths",
    "sevenths",
    "eighths",
    "ninths",
    "tenths",
    "hundredths",
    "thousandths",
    "millionths",
    "billionths",
    "trillionths",
];

/// Denominators of spelled fractions: "thirds" → 3.
pub fn denominator(word: &str) -> Option<f64> {
    let word = word.strip_suffix('s').unwrap_or(word);
    DENOMINATORS.iter().find(|(d, _)| *d == word).map(|&(_, v)| v)
}

/// The words after "a" or "an" that let it start a figure without digits: units of time ("a
/// week"), "few" and "handful", scale words ("a hundred"), denominators ("a third"). One
/// lookup by the word's shape where there were four passes over the lists.
static ARTICLE_OPENERS: std::sync::LazyLock<WordMap<()>> = std::sync::LazyLock::new(|| {
    WordMap::new(
        TIME_UNITS
            .iter()
            .copied()
            .chain(["few", "handful"])
            .chain(SCALE_WORDS.iter().map(|e| e.0))
            .chain(DENOMINATORS.iter().map(|e| e.0))
            .chain(DENOMINATOR_PLURALS.iter().copied())
            .map(|w| (w, ())),
    )
});

/// Whether the word after "a" or "an" lets it start a figure ([`ARTICLE_OPENERS`]); `shape`
/// must be `Shape::of(word)`.
pub(super) fn opens_after_article(shape: Shape, word: &str) -> bool {
    ARTICLE_OPENERS.get_shaped(shape, word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifier_words_are_those_of_the_phrases() {
        let words = QUALIFIERS.iter().flat_map(|(w, _)| w.iter().copied());
        for w in words.chain(["", "people", "thann", "a", "estimate", "killed", "nearly"]) {
            let scan_any = QUALIFIERS.iter().any(|(ws, _)| ws.contains(&w));
            let scan_first = QUALIFIERS.iter().any(|(ws, _)| ws[0] == w);
            assert_eq!(in_qualifier(w), scan_any, "{w}");
            assert_eq!(opens_qualifier(w), scan_first, "{w}");
        }
    }

    #[test]
    fn same_bytes_is_equality() {
        let words: Vec<Vec<u8>> = (0..20usize)
            .flat_map(|n| {
                let base: Vec<u8> = (0..n).map(|k| b'a' + (k % 26) as u8).collect();
                let mut variants = vec![base.clone()];
                for k in 0..n {
                    let mut v = base.clone();
                    v[k] ^= 0x20;
                    variants.push(v);
                }
                variants
            })
            .collect();
        for a in &words {
            for b in &words {
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_word_map_finds_every_word_and_no_other() {
        let words = [
            "a",
            "an",
            "the",
            "tie",
            "estimated",
            "hundred",
            "no-one",
            "",
            "élan",
            "aVeryLongWordIndeedLongerThanFifteen",
            "aVeryLongWordIndeedLongerThanFifteenToo",
        ];
        let map = WordMap::new(words.iter().enumerate().map(|(i, &w)| (w, i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(&i), "{w}");
        }
        for w in
            ["said", "of", "b", "toe", "ahundred", "Élan", "aVeryLongWordIndeedLongerThanFifteenTo"]
        {
            assert_eq!(map.get(w), None, "{w}");
        }
        // the first value of a word given twice
        assert_eq!(WordMap::new([("x", 1), ("x", 2)]).get("x"), Some(&1));
    }
}
