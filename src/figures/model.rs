//! Plain data of figures. Offsets are bytes into the article text.

use super::frame::{Frame, KeyView, QuantityKey, Slot};
use crate::text::Span;
use serde::Serialize;
use std::sync::Arc;

/// What sort of number a figure is. Only [`FigureKind::Count`], [`FigureKind::Money`] and
/// [`FigureKind::Percent`] are ever compared across outlets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    /// A number of things or people: "250,000 people", "hundreds of thousands".
    Count,
    Money,
    Percent,
    /// A length, weight, magnitude or other measure with a unit: "60 kilometers".
    Measure,
    /// "three weeks", "72 hours", "five-year war".
    Duration,
    /// "15.10.2016", "Nov. 8", "Saturday, 15 October, 2016".
    Date,
    /// "2011", "since 2011".
    Year,
    /// "03:01", "0900 GMT", "11:45pm".
    Time,
    /// "first", "3rd".
    Ordinal,
    /// Registration, phone, house and postcode numbers, URLs and version strings.
    Identifier,
    /// An age: "a 6-year-old", "aged 45".
    Age,
    /// A share spelled as a fraction: "two thirds", "a quarter", "half the population"
    /// (`value` 0.667, 0.25, 0.5). Never compared: what it is a share of is rarely clear.
    Fraction,
}

impl FigureKind {
    /// The name used in JSON and messages (`count`, `duration`…), as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Measure => "measure",
            FigureKind::Duration => "duration",
            FigureKind::Date => "date",
            FigureKind::Year => "year",
            FigureKind::Time => "time",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Identifier => "identifier",
            FigureKind::Age => "age",
            FigureKind::Fraction => "fraction",
        }
    }

    /// Whether figures of this kind are compared across outlets: the comparable kinds and
    /// durations ("deliberated for 40 hours", "a 2-1/2 year sentence"), which are compared only
    /// with durations of the same thing in the same unit.
    pub fn is_compared(self) -> bool {
        self.is_comparable() || self == FigureKind::Duration
    }

    /// Whether figures of this kind are amounts that can contradict each other (durations aside:
    /// [`FigureKind::is_compared`]); they are written grouped ("250,000").
    pub fn is_comparable(self) -> bool {
        matches!(
            self,
            FigureKind::Count | FigureKind::Money | FigureKind::Percent | FigureKind::Measure
        )
    }
}

/// How the text hedges the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    /// about, around, some, roughly, approximately, an estimated
    About,
    /// more than, over, upwards of
    MoreThan,
    /// at least
    AtLeast,
    /// nearly, almost, close to, just under
    Nearly,
    /// fewer than, less than, under
    LessThan,
    /// as many as, up to, at most
    AsManyAs,
    /// "between 10 and 20", "10-20"
    Range,
    /// "hundreds of thousands", "scores of", "dozens"
    Vague,
    /// A change between two levels: "rose from 30 to 40", "fell from 5% to 3%". The figure is
    /// the new level (`value`, `low` and `high` are 40); a change is never compared with a level.
    Change,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::Nearly => "nearly",
            Qualifier::LessThan => "less_than",
            Qualifier::AsManyAs => "as_many_as",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
            Qualifier::Change => "change",
        }
    }
}

/// One numeric expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The whole expression, qualifier included ("an estimated 250,000").
    pub span: Span,
    pub text: String,
    pub kind: FigureKind,
    /// The interval the text asserts, after the qualifier: "more than 290,000" is
    /// [290,001, ∞) ... in practice `high` is `f64::INFINITY` for open ranges.
    /// For a length or duration compared in the base unit of its dimension
    /// ([`Figure::conversion`]), the interval is in that unit: "2,000ft" is [567, 652] m.
    pub low: f64,
    pub high: f64,
    /// The value as written, before the qualifier widened it (250,000 for "an estimated 250,000";
    /// 2,000 for "2,000ft"), in the unit it is written in.
    pub value: f64,
    /// How a length or duration written in some unit is compared: in the base unit of its
    /// dimension, so that "2,000ft" meets "600 metres". `None` for everything else.
    pub conversion: Option<Conversion>,
    pub qualifier: Qualifier,
    /// What the figure is of ([`Figure::counts`], [`Figure::frame`]…); `None` when the text
    /// says nothing of it (dates, times, most durations). Shared by the figures of one
    /// quantity ([`Subject`]).
    pub subject: Option<Arc<Subject>>,
    /// Whether the figure has a quantity key ([`Figure::key`]): its frame is one of a comparable
    /// figure whose essential slots are known. (A frame can also be only what the text says,
    /// shown but never compared.)
    pub keyed: bool,
    /// Whether the article attributes the figure to another news source than itself ("the Post
    /// says three people were injured", "local news originally reported that two died"): a
    /// difference from it is one of sources, shown as information.
    pub attributed: bool,
}

/// The dimension of a length or duration compared across units. Hours and days stay apart
/// (`Time` against `Period`): "48 hours" and "two days" are often two ways of telling one
/// story's times, not one measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Lengths, in metres.
    Length,
    /// Seconds to hours, in seconds.
    Time,
    /// Days to centuries, in days.
    Period,
}

impl Dimension {
    /// The name the frame gives the counted thing (`frame.counted`).
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Length => "length",
            Dimension::Time => "time",
            Dimension::Period => "period",
        }
    }

    /// The base unit, as messages write it after a number.
    pub fn base_unit(self) -> &'static str {
        match self {
            Dimension::Length => "m",
            Dimension::Time => "s",
            Dimension::Period => "days",
        }
    }
}

/// A figure's written unit against the base unit of its dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conversion {
    pub dimension: Dimension,
    /// How many base units one written unit is (0.3048 for feet).
    pub factor: f64,
}

/// What a figure is of: what it counts, what happened to it, where, and what it measures.
///
/// Held apart from the figure and shared: the figures of one quantity (in one article, and
/// across the articles about one event, which is what makes them comparable) have equal
/// subjects, and a figure-dense corpus keeps hundreds of thousands of figures. Held inline,
/// these slots were three quarters of a figure's 320 bytes, and writing them into fresh memory
/// a third of a dense `check`'s page faults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Subject {
    /// What it counts, as a normalised noun ("people", "civilians", "rebels", "lives").
    pub counts: Option<Slot>,
    /// What happened to the counted things ("killed", "living under siege", "holding out").
    pub predicate: Option<Slot>,
    /// Where ("eastern aleppo").
    pub place: Option<String>,
    /// What the figure measures, for comparable figures whose counted thing and event are known.
    pub frame: Option<Frame>,
}

impl Subject {
    /// Whether the text says nothing of what the figure is of.
    pub fn is_empty(&self) -> bool {
        self.counts.is_none()
            && self.predicate.is_none()
            && self.place.is_none()
            && self.frame.is_none()
    }
}

impl Figure {
    /// What it counts, as a normalised noun ("people", "civilians", "rebels", "lives").
    pub fn counts(&self) -> Option<&str> {
        self.subject.as_ref().and_then(|s| s.counts.as_deref())
    }

    /// What happened to the counted things ("killed", "living under siege", "holding out").
    pub fn predicate(&self) -> Option<&str> {
        self.subject.as_ref().and_then(|s| s.predicate.as_deref())
    }

    /// Where ("eastern aleppo").
    pub fn place(&self) -> Option<&str> {
        self.subject.as_ref().and_then(|s| s.place.as_deref())
    }

    /// What the figure measures, for comparable figures whose counted thing and event are known.
    pub fn frame(&self) -> Option<&Frame> {
        self.subject.as_ref().and_then(|s| s.frame.as_ref())
    }

    /// The quantity key, [`Frame::key`] of the frame: figures with equal keys measure the same
    /// quantity and are compared. `None` when the figure is not comparable or what it counts is
    /// unclear. Derived, not kept: a key was a quarter of a figure's bytes, and a figure-dense
    /// corpus keeps hundreds of thousands of figures (its slots are shared with the frame's).
    pub fn key(&self) -> Option<QuantityKey> {
        self.frame().filter(|_| self.keyed).and_then(Frame::key)
    }

    /// [`Figure::key`], borrowed ([`Frame::key_view`]).
    pub fn key_view(&self) -> Option<KeyView<'_>> {
        self.frame().filter(|_| self.keyed).and_then(Frame::key_view)
    }

    /// The value as written, in the unit figures of its quantity are compared in.
    pub fn compared_value(&self) -> f64 {
        self.conversion.map_or(self.value, |c| self.value * c.factor)
    }

    /// Whether two intervals share any value.
    pub fn overlaps(&self, other: &Figure) -> bool {
        self.low <= other.high && other.low <= self.high
    }

    /// "250,000", "more than 290,000", "200,000–999,999": the interval in words for messages.
    pub fn describe_range(&self) -> String {
        // years, identifiers and the like are read as written: 2011, not 2,011
        let grouped = self.kind.is_comparable();
        let n = |x: f64| -> String {
            // converted units carry no more precision than the writer's: 566.928 m is 567 m
            let x = if self.conversion.is_some() && x.abs() >= 10.0 { x.round() } else { x };
            if x.fract() != 0.0 || x.abs() >= 1e15 {
                return format!("{x}");
            }
            let s = format!("{}", x as i64);
            if !grouped {
                return s;
            }
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 && c != '-' {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        let range = if self.low == self.high {
            n(self.low)
        } else if self.high.is_infinite() {
            format!("{} or more", n(self.low))
        } else {
            format!("{}–{}", n(self.low), n(self.high))
        };
        match self.conversion {
            Some(c) => format!("{range} {}", c.dimension.base_unit()),
            None => range,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FigureKind::*;

    #[test]
    fn kind_names_match_their_serialised_form() {
        for kind in [
            Count, Money, Percent, Measure, Duration, Date, Year, Time, Ordinal, Identifier, Age,
            Fraction,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
