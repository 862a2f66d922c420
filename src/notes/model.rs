//! Notes as `crosswire.json` holds them: what a note is anchored to, what it says, the verdict
//! and where the verdict comes from. Parsed (and checked) with the rest of the file.

use serde::{Deserialize, Serialize};

/// A note the user wrote about the coverage. The articles are never written: the note lives in
/// `crosswire.json` and finds its text again by what the text says ([`Anchor`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Note {
    pub anchor: Anchor,
    /// What the user found.
    #[serde(default)]
    pub note: String,
    /// One of the names of the verdict scale (`verdicts` of `crosswire.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// URLs or free text: what the verdict rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When the note was written (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NoteDate>,
}

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawAnchor", into = "RawAnchor")]
pub enum Anchor {
    /// A stretch of one article, found by the quoted text and a little context on each side.
    Text(TextAnchor),
    /// An actor, wherever it is mentioned: one of its names (canonical, alias or label).
    Actor(String),
    /// A compared quantity, wherever a figure of it appears: its key (`people:living:aleppo`).
    Quantity(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TextAnchor {
    /// The article's file name (the last component of its path), so that the anchor reads the
    /// same from the command line and from an editor.
    pub article: String,
    /// The text the note is about, exactly as it read when the note was made.
    pub quote: String,
    /// A little of the text just before and just after it, to tell repeated quotes apart and
    /// to find the quote again after it was edited.
    pub before: String,
    pub after: String,
}

/// The anchor as written in the file: one object, and which of its fields are present says
/// what it is anchored to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawAnchor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    article: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    before: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    after: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quantity: Option<String>,
}

impl TryFrom<RawAnchor> for Anchor {
    type Error = String;

    fn try_from(raw: RawAnchor) -> Result<Anchor, String> {
        const WHICH: &str = "an anchor is {\"article\", \"quote\"} (with optional \"before\", \"after\"), {\"actor\"} or {\"quantity\"}";
        let text_fields = raw.article.is_some()
            || raw.quote.is_some()
            || !raw.before.is_empty()
            || !raw.after.is_empty();
        match (text_fields, raw.actor, raw.quantity) {
            (true, None, None) => match (raw.article, raw.quote) {
                (Some(article), Some(quote)) if !article.is_empty() && !quote.is_empty() => {
                    Ok(Anchor::Text(TextAnchor {
                        article,
                        quote,
                        before: raw.before,
                        after: raw.after,
                    }))
                }
                _ => Err(format!(
                    "a text anchor needs a non-empty \"article\" and \"quote\" ({WHICH})"
                )),
            },
            (false, Some(actor), None) if !actor.trim().is_empty() => Ok(Anchor::Actor(actor)),
            (false, None, Some(key)) if !key.trim().is_empty() => Ok(Anchor::Quantity(key)),
            _ => Err(WHICH.to_string()),
        }
    }
}

impl From<Anchor> for RawAnchor {
    fn from(a: Anchor) -> RawAnchor {
        match a {
            Anchor::Text(t) => RawAnchor {
                article: Some(t.article),
                quote: Some(t.quote),
                before: t.before,
                after: t.after,
                ..RawAnchor::default()
            },
            Anchor::Actor(name) => RawAnchor { actor: Some(name), ..RawAnchor::default() },
            Anchor::Quantity(key) => RawAnchor { quantity: Some(key), ..RawAnchor::default() },
        }
    }
}

impl Anchor {
    /// "“275,000 civilians” in 002_….txt", "the actor Sergey Lavrov", "the quantity people:killed".
    pub fn describe(&self) -> String {
        match self {
            Anchor::Text(t) => format!("“{}” in {}", t.quote, t.article),
            Anchor::Actor(name) => format!("the actor {name}"),
            Anchor::Quantity(key) => format!("the quantity {key}"),
        }
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoteDate(pub chrono::NaiveDate);

impl TryFrom<String> for NoteDate {
    type Error = String;
    fn try_from(s: String) -> Result<NoteDate, String> {
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(NoteDate)
            .map_err(|_| format!("{s:?} is not a date written YYYY-MM-DD"))
    }
}

impl From<NoteDate> for String {
    fn from(d: NoteDate) -> String {
        d.to_string()
    }
}

impl std::fmt::Display for NoteDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// The verdict scale: the rated verdicts from best to worst (what a rating's position means),
/// then the verdicts that rate nothing (a claim not checked yet, or disputed between sources).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Verdicts {
    pub scale: Vec<String>,
    pub unrated: Vec<String>,
}

impl Default for Verdicts {
    fn default() -> Self {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Verdicts {
            scale: names(&["true", "mostly-true", "misleading", "false"]),
            unrated: names(&["unverified", "disputed"]),
        }
    }
}

/// Where a verdict stands on the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// `value` out of `best` (the best verdict is `best`, the worst 1).
    Rated { value: usize, best: usize },
    /// A verdict that rates nothing (`unverified`, `disputed`).
    Unrated,
}

impl Verdicts {
    /// The rating of verdict `name`, `None` when it is not on the scale.
    pub fn rating(&self, name: &str) -> Option<Rating> {
        let best = self.scale.len();
        if let Some(i) = self.scale.iter().position(|v| v == name) {
            return Some(Rating::Rated { value: best - i, best });
        }
        self.unrated.iter().any(|v| v == name).then_some(Rating::Unrated)
    }

    /// Every verdict name, rated ones first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.scale.iter().chain(&self.unrated).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_read_by_their_fields_and_say_what_is_wrong() {
        let a: Anchor =
            serde_json::from_str(r#"{"article": "a.txt", "quote": "275,000", "before": "says "}"#)
                .unwrap();
        assert!(matches!(&a, Anchor::Text(t) if t.before == "says " && t.after.is_empty()));
        let round: Anchor = serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
        assert_eq!(round, a);
        let a: Anchor = serde_json::from_str(r#"{"actor": "Sergey Lavrov"}"#).unwrap();
        assert_eq!(a, Anchor::Actor("Sergey Lavrov".into()));
        for bad in [
            r#"{"actor": "X", "quantity": "y"}"#,
            r#"{"quote": "x"}"#,
            r#"{}"#,
            r#"{"actor": " "}"#,
        ] {
            let e = serde_json::from_str::<Anchor>(bad).unwrap_err().to_string();
            assert!(e.contains("anchor"), "{bad}: {e}");
        }
        assert!(serde_json::from_str::<Anchor>(r#"{"actor": "X", "colour": 1}"#).is_err());
    }

    #[test]
    fn the_default_scale_rates_true_best_and_leaves_unverified_unrated() {
        let v = Verdicts::default();
        assert_eq!(v.rating("true"), Some(Rating::Rated { value: 4, best: 4 }));
        assert_eq!(v.rating("false"), Some(Rating::Rated { value: 1, best: 4 }));
        assert_eq!(v.rating("disputed"), Some(Rating::Unrated));
        assert_eq!(v.rating("pants-on-fire"), None);
        assert!(serde_json::from_str::<NoteDate>("\"2016-10-32\"").is_err());
    }
}
