//! The figures of the five seed articles: which quantities share a key, and which never do.
//! Articles are read whole (no boilerplate excluded) so that headers and footers are covered too.

use crosswire::figures::{extract, Figure, FigureKind};

fn seed(prefix: &str) -> (String, Vec<Figure>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let figures = extract(&text, &[]);
    (text, figures)
}

fn find<'a>(figures: &'a [Figure], text: &str) -> &'a Figure {
    figures.iter().find(|f| f.text == text).unwrap_or_else(|| {
        panic!("no figure {text:?} in {:#?}", figures.iter().map(|f| &f.text).collect::<Vec<_>>())
    })
}

fn key(figures: &[Figure], text: &str) -> String {
    find(figures, text)
        .key()
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| panic!("{text:?} has no key"))
}

#[test]
fn people_in_eastern_aleppo_share_one_key_and_275000_conflicts() {
    let (_, f1) = seed("001");
    let (_, f2) = seed("002");
    let (_, f4) = seed("004");
    let a = find(&f1, "250,000");
    let b = find(&f2, "275,000");
    let c = find(&f4, "an estimated 250,000");
    assert_eq!(key(&f1, "250,000"), "people:living:aleppo");
    assert_eq!(a.key(), b.key());
    assert_eq!(a.key(), c.key());
    assert!(a.overlaps(c), "250,000 and an estimated 250,000 agree");
    assert!(!b.overlaps(a) && !b.overlaps(c), "275,000 is disjoint from the 250,000s: {c:?}");
    assert_eq!(c.value, 250_000.0);
    assert_eq!(c.qualifier.as_str(), "about");
}

#[test]
fn death_toll_figures_share_one_key_and_all_overlap() {
    let (_, f0) = seed("000");
    let (_, f1) = seed("001");
    let (_, f3) = seed("003");
    let (_, f4) = seed("004");
    let tolls: Vec<&Figure> = vec![
        find(&f0, "as many as half a million"),
        find(&f1, "hundreds of thousands"),
        find(&f4, "more than 300,000"),
    ]
    .into_iter()
    .chain(f3.iter().filter(|f| f.text == "more than 290,000"))
    .collect();
    assert_eq!(tolls.len(), 5);
    for f in &tolls {
        assert_eq!(
            f.key().as_ref().map(ToString::to_string).as_deref(),
            Some("people:killed"),
            "{f:?}"
        );
        assert_eq!(f.kind, FigureKind::Count);
        for g in &tolls {
            assert!(f.overlaps(g), "{} and {} should overlap", f.text, g.text);
        }
    }
    assert_eq!(find(&f0, "as many as half a million").value, 500_000.0);
    assert_eq!(find(&f1, "hundreds of thousands").qualifier.as_str(), "vague");
}

#[test]
fn rebels_fighters_and_the_convoy_toll_share_no_key() {
    let (_, f2) = seed("002");
    let (_, f4) = seed("004");
    let rebels = find(&f2, "8,000");
    let fighters = find(&f4, "the estimated 900");
    assert_eq!(rebels.counts(), Some("combatants"));
    assert_eq!(fighters.counts(), Some("combatants"));
    assert_ne!(rebels.key(), fighters.key());
    assert!(fighters.key().is_none());
    let convoy = find(&f2, "around 20");
    assert_ne!(convoy.key().as_ref().map(ToString::to_string).as_deref(), Some("people:killed"));
}

#[test]
fn non_quantities_are_recognised_and_never_keyed() {
    let expect = [
        ("000", "Saturday, 15 October, 2016", FigureKind::Date),
        ("000", "11:45pm", FigureKind::Time),
        ("000", "2011", FigureKind::Year),
        ("001", "a week", FigureKind::Duration),
        ("002", "15.10.2016", FigureKind::Date),
        ("002", "03:01", FigureKind::Time),
        ("002", "three weeks", FigureKind::Duration),
        ("002", "three-week-old", FigureKind::Age),
        ("002", "Nov. 8", FigureKind::Date),
        ("002", "483", FigureKind::Identifier),
        ("002", "7442619", FigureKind::Identifier),
        ("002", "4BS", FigureKind::Identifier),
        ("003", "five-year", FigureKind::Duration),
        ("003", "four days", FigureKind::Duration),
        ("003", "a month-long", FigureKind::Duration),
        ("003", "two weeks", FigureKind::Duration),
        ("003", "three days", FigureKind::Duration),
        ("004", "Oct 20, 2016", FigureKind::Date),
        ("004", "0900 GMT", FigureKind::Time),
        ("004", "at least 72 hours", FigureKind::Duration),
    ];
    for (p, text, kind) in expect {
        let (_, figs) = seed(p);
        let f = find(&figs, text);
        assert_eq!(f.kind, kind, "{p} {text}");
        assert!(f.key().is_none(), "{p} {text} is keyed {:?}", f.key());
    }
    let (_, f2) = seed("002");
    assert!(f2.iter().any(|f| f.kind == FigureKind::Identifier && f.text.contains("bericht-9539")));
    // A distance from a named place is a measure of its own, keyed by dimension, thing and place.
    let (_, f4) = seed("004");
    let km = find(&f4, "about 60 kilometers");
    assert_eq!(km.kind, FigureKind::Measure);
    assert_eq!(
        km.key().as_ref().map(ToString::to_string).as_deref(),
        Some("length:distance of idlib from aleppo")
    );
}

#[test]
fn keys_shared_across_outlets_are_only_the_two_quantities() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut outlets: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for p in ["000", "001", "002", "003", "004"] {
        let (_, figs) = seed(p);
        for f in figs {
            if let Some(k) = f.key() {
                outlets.entry(k.to_string()).or_default().insert(p);
            }
        }
    }
    let shared: Vec<&String> =
        outlets.iter().filter(|(_, o)| o.len() > 1).map(|(k, _)| k).collect();
    assert_eq!(shared, ["people:killed", "people:living:aleppo"]);
}

#[test]
fn spans_cover_the_exact_text() {
    for p in ["000", "001", "002", "003", "004"] {
        let (text, figs) = seed(p);
        for w in figs.windows(2) {
            assert!(w[0].span.start <= w[1].span.start, "text order");
        }
        for f in figs {
            assert_eq!(&text[f.span.clone()], f.text);
        }
    }
}

#[test]
fn intervals_are_well_formed_and_only_comparable_kinds_are_keyed() {
    for p in ["000", "001", "002", "003", "004"] {
        let (_, figs) = seed(p);
        for f in figs {
            assert!(f.low <= f.high, "{f:?}");
            if !f.kind.is_compared() {
                assert!(f.key().is_none(), "{f:?}");
            }
            if f.qualifier.as_str() == "exact" && f.kind.is_comparable() {
                assert_eq!((f.low, f.high), (f.value, f.value), "{f:?}");
            }
        }
    }
}
