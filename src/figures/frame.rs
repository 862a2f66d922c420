//! The quantity frame: what a comparable figure measures, as typed slots (what is counted, what
//! happened to it, where, when, how much of it). Two figures are compared only when their
//! essential slots agree; the [`QuantityKey`] is derived from those slots, so grouping is one hash
//! pass over a type the compiler checks, not over strings parsed back.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// The text of a slot: most are words of the lexicon ("people", "killed"), borrowed; the rest
/// (a noun of the text, a place) owned, and shared by clones: a figure's frame and its key hold
/// one copy (a copy each was a tenth of the allocations of figure-dense text). Compared, hashed,
/// ordered, shown and written as the text, as `Cow<str>` was.
#[derive(Clone)]
pub enum Slot {
    Borrowed(&'static str),
    Owned(Arc<str>),
}

impl std::ops::Deref for Slot {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Slot::Borrowed(s) => s,
            Slot::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Slot {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<&'static str> for Slot {
    fn from(s: &'static str) -> Slot {
        Slot::Borrowed(s)
    }
}

impl From<String> for Slot {
    fn from(s: String) -> Slot {
        Slot::Owned(s.into())
    }
}

impl PartialEq for Slot {
    fn eq(&self, other: &Slot) -> bool {
        **self == **other
    }
}

impl Eq for Slot {}

impl PartialOrd for Slot {
    fn partial_cmp(&self, other: &Slot) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Slot {
    fn cmp(&self, other: &Slot) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl std::hash::Hash for Slot {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl Serialize for Slot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// When a figure's sentence is set: the story's own event, or another date, year or event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// The story's own event.
    Story,
    /// Another event the sentence names by a year or month ("in 2003", "In February"): its
    /// figures are compared only with the same background fact in other articles.
    Background(Slot),
    /// Another or earlier event that the sentence does not name ("a week earlier", "last year",
    /// an aftershock): never compared.
    Elsewhere,
}

/// How much of the event a figure covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The whole event, as far as the text says.
    Whole,
    /// One incident inside it, named by the sentence ("the convoy", "the blast").
    Incident(Slot),
    /// A part of a larger count ("two of the three victims", "a further three", "in hospital").
    Part,
    /// The rest of a count besides the items named before it: "seven AK-47s and three other
    /// rifles". Compared only with other counts of the rest, never with the whole.
    Others,
    /// A total over several incidents or a running total ("a total of 31 magazines", "so far",
    /// "in all"): compared only with other totals, never with the count of one incident.
    Total,
}

/// The level of a place, where it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceLevel {
    /// A city, town, village or island: "Aleppo", "Bam".
    Locality,
    /// A part of a city: "eastern Aleppo", "the rebel-held east".
    District,
    /// A province, state or country, or a region larger than a country.
    Region,
}

/// Where a figure applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// Folded to lower case ASCII: "aleppo". Shared with the keys made from the frame.
    pub name: Slot,
    pub level: PlaceLevel,
}

/// What sort of quantity a frame measures: the type of its `counted` slot. Figures of different
/// sorts are never one quantity, whatever their words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measured {
    /// People, or a group of them: "250,000 civilians", "thousands of protesters".
    People,
    /// Things counted by their noun and what was done to them: "seven rifles seized".
    Things,
    /// An amount of a currency, keyed by what it is for: "a $80 million contract".
    Money,
    /// A percentage, keyed by what it is a share of: "2.5% of the vote".
    Share,
    /// A measure with a unit: a magnitude, a distance ("60 km from Aleppo"), a duration.
    Measure,
}

impl Measured {
    pub fn as_str(self) -> &'static str {
        match self {
            Measured::People => "people",
            Measured::Things => "things",
            Measured::Money => "money",
            Measured::Share => "share",
            Measured::Measure => "measure",
        }
    }
}

/// What a comparable figure measures. Slots the text does not fill stay `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Frame {
    /// The sort of quantity: people, things, money, a share or a measure.
    pub measured: Measured,
    /// What is counted, as a class: "people", "combatants", "rifle", "usd", "magnitude".
    pub counted: Option<Slot>,
    /// The group of people when the text names one and it is not people at large: "children",
    /// "troops", "combatants", "police".
    pub group: Option<Slot>,
    /// What happened to the counted things: "killed", "injured", "living", "seized", "contract".
    pub event: Option<Slot>,
    pub place: Option<Place>,
    pub when: When,
    pub scope: Scope,
}

impl Frame {
    /// The quantity key: the essential slots. `None` when an essential slot is unknown, or the
    /// figure is about an unnamed other event or is part of a larger count.
    pub fn key(&self) -> Option<QuantityKey> {
        self.key_view().map(|v| v.to_key())
    }

    /// [`Frame::key`], borrowed from the frame: grouping many figures by key hashes and compares
    /// views, and makes a key only once for each distinct one (a key of its own per figure,
    /// its shared slots counted up and down, was most of the grouping's cost).
    pub fn key_view(&self) -> Option<KeyView<'_>> {
        static TOTAL: Slot = Slot::Borrowed("total");
        static OTHERS: Slot = Slot::Borrowed("others");
        let era = match &self.when {
            When::Story => None,
            When::Background(name) => Some(name),
            When::Elsewhere => return None,
        };
        let incident = match &self.scope {
            Scope::Whole => None,
            Scope::Incident(name) => Some(name),
            Scope::Part => return None,
            Scope::Total => Some(&TOTAL),
            Scope::Others => Some(&OTHERS),
        };
        Some(KeyView {
            counted: self.group.as_ref().or(self.counted.as_ref())?,
            event: self.event.as_ref()?,
            place: self.place.as_ref().map(|p| &p.name),
            incident,
            era,
        })
    }

    /// Whether [`Frame::key`] gives a key, without making it.
    pub fn has_key(&self) -> bool {
        !matches!(self.when, When::Elsewhere)
            && !matches!(self.scope, Scope::Part)
            && (self.group.is_some() || self.counted.is_some())
            && self.event.is_some()
    }

    /// "people killed in Aleppo, the convoy, 2003": the frame in words, for messages and hovers.
    pub fn describe(&self) -> String {
        // a dimension says nothing the event does not ("fall of Rait", "length of dhow")
        let dimension = self.measured == Measured::Measure
            && matches!(self.counted.as_deref(), Some("length" | "time" | "period"))
            && self.event.is_some();
        let mut s = if dimension {
            String::new()
        } else {
            self.group.as_deref().or(self.counted.as_deref()).unwrap_or_default().to_string()
        };
        if let Some(e) = &self.event {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(e);
        }
        if let Some(p) = &self.place {
            s.push_str(" in ");
            s.push_str(&display_place(&p.name));
        }
        match &self.scope {
            Scope::Whole => s.push_str(", whole event"),
            Scope::Incident(i) => s.push_str(&format!(", the {i}")),
            Scope::Part => s.push_str(", part of a total"),
            Scope::Total => s.push_str(", a total"),
            Scope::Others => s.push_str(", besides those named"),
        }
        match &self.when {
            When::Story => {}
            When::Background(y) => s.push_str(&format!(", background ({})", display_place(y))),
            When::Elsewhere => s.push_str(", another event"),
        }
        s
    }
}

/// "eastern aleppo" → "eastern Aleppo": place names are folded to lower case; names read better
/// capitalised, while directions and particles stay lower case.
pub fn display_place(place: &str) -> String {
    const LOWER: &[&str] = &[
        "of", "the", "and", "al", "el", "de", "east", "west", "north", "south", "eastern",
        "western", "northern", "southern", "central",
    ];
    place
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) if !LOWER.contains(&w) => c.to_uppercase().chain(chars).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The essential slots of a [`Frame`]: figures with equal keys measure the same quantity and are
/// compared. Written as `counted:event[:place][:incident][:era]` ("people:living:aleppo",
/// "people:killed:convoy", "people:killed:2003"), the `quantity` of reports and of
/// `crosswire.json` acknowledgements. No slot contains a colon, so the text names one key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuantityKey {
    pub counted: Slot,
    pub event: Slot,
    pub place: Option<Slot>,
    pub incident: Option<Slot>,
    pub era: Option<Slot>,
}

/// A [`QuantityKey`] borrowed from a frame ([`Frame::key_view`]): equal, hashed and ordered as
/// the key it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyView<'a> {
    pub counted: &'a Slot,
    pub event: &'a Slot,
    pub place: Option<&'a Slot>,
    pub incident: Option<&'a Slot>,
    pub era: Option<&'a Slot>,
}

impl KeyView<'_> {
    /// The key itself (its slots shared with the frame's).
    pub fn to_key(&self) -> QuantityKey {
        QuantityKey {
            counted: self.counted.clone(),
            event: self.event.clone(),
            place: self.place.cloned(),
            incident: self.incident.cloned(),
            era: self.era.cloned(),
        }
    }
}

impl QuantityKey {
    pub fn new(counted: &str, event: &str) -> QuantityKey {
        QuantityKey {
            counted: Slot::Owned(counted.into()),
            event: Slot::Owned(event.into()),
            place: None,
            incident: None,
            era: None,
        }
    }
}

impl fmt::Display for QuantityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clean = |s: &str| s.replace(':', " ");
        write!(f, "{}:{}", clean(&self.counted), clean(&self.event))?;
        for slot in [self.place.as_deref(), self.incident.as_deref(), self.era.as_deref()]
            .into_iter()
            .flatten()
        {
            write!(f, ":{}", clean(slot))?;
        }
        Ok(())
    }
}

impl Serialize for QuantityKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame {
            measured: Measured::People,
            counted: Some("people".into()),
            group: None,
            event: Some("killed".into()),
            place: None,
            when: When::Story,
            scope: Scope::Whole,
        }
    }

    #[test]
    fn keys_are_written_as_before() {
        let mut f = frame();
        assert_eq!(f.key().unwrap().to_string(), "people:killed");
        f.scope = Scope::Incident("convoy".into());
        f.when = When::Background("2003".into());
        assert_eq!(f.key().unwrap().to_string(), "people:killed:convoy:2003");
        f.event = Some("living".into());
        f.scope = Scope::Whole;
        f.when = When::Story;
        f.place = Some(Place { name: "aleppo".into(), level: PlaceLevel::Locality });
        assert_eq!(f.key().unwrap().to_string(), "people:living:aleppo");
    }

    #[test]
    fn parts_unnamed_other_events_and_unknown_essentials_have_no_key() {
        let mut f = frame();
        f.scope = Scope::Part;
        assert!(f.key().is_none());
        let mut f = frame();
        f.when = When::Elsewhere;
        assert!(f.key().is_none());
        let mut f = frame();
        f.event = None;
        assert!(f.key().is_none());
    }

    /// `has_key` is `key().is_some()` for every combination of the slots it reads.
    #[test]
    fn has_key_says_whether_there_is_a_key() {
        let slot = |on: bool, s: &'static str| on.then_some(Slot::Borrowed(s));
        for bits in 0..(1 << 3) * 3 * 5 {
            let (flags, when, scope) = (bits % 8, bits / 8 % 3, bits / 24);
            let f = Frame {
                measured: Measured::People,
                counted: slot(flags & 1 != 0, "people"),
                group: slot(flags & 2 != 0, "troops"),
                event: slot(flags & 4 != 0, "killed"),
                place: None,
                when: [When::Story, When::Background("2003".into()), When::Elsewhere][when].clone(),
                scope: [
                    Scope::Whole,
                    Scope::Incident("convoy".into()),
                    Scope::Part,
                    Scope::Others,
                    Scope::Total,
                ][scope]
                    .clone(),
            };
            assert_eq!(f.has_key(), f.key().is_some(), "{f:?}");
        }
    }

    #[test]
    fn a_measure_is_described_by_its_event_not_its_dimension() {
        let mut f = frame();
        f.measured = Measured::Measure;
        f.counted = Some("length".into());
        f.event = Some("fall of rait".into());
        assert_eq!(f.describe(), "fall of rait, whole event");
        assert_eq!(f.key().unwrap().to_string(), "length:fall of rait");
    }

    #[test]
    fn a_named_group_is_what_is_compared() {
        let mut f = frame();
        f.group = Some("troops".into());
        assert_eq!(f.key().unwrap().to_string(), "troops:killed");
    }
}
