//! The snapshot after an edit, built incrementally from the previous one (comparisons redone
//! only for the quantity keys the changed articles have or had), is exactly the snapshot built
//! from scratch: random edit sequences over the seeds and a generated corpus.

use crate::gen;

use crosswire::analysis::{Snapshot, Workspace};
use crosswire::config::Config;
use crosswire::corpus::SourceFile;
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

static BASE: LazyLock<Workspace> = LazyLock::new(|| {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut files: Vec<SourceFile> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| SourceFile {
            display: p.file_name().unwrap().to_string_lossy().to_string(),
            text: Arc::from(std::fs::read_to_string(&p).unwrap()),
            path: p,
        })
        .collect();
    files.extend(gen::generate(150, 11).articles.into_iter().map(|(name, text)| SourceFile {
        path: PathBuf::from(&name),
        display: name,
        text: Arc::from(text),
    }));
    Workspace::from_files(files, Config::default())
});

#[derive(Debug, Clone)]
enum Edit {
    /// Replace the `nth` number of the article by `value`.
    Number { article: usize, nth: usize, value: u32 },
    /// Append a paragraph of another article.
    Borrow { article: usize, from: usize, paragraph: usize },
    /// Drop the `nth` paragraph.
    Drop { article: usize, paragraph: usize },
    /// Change the masthead (outlet) line.
    Outlet { article: usize, outlet: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..400usize, 0..40usize, prop_oneof![Just(0u32), 1..100u32, 1000..300_000u32])
            .prop_map(|(article, nth, value)| Edit::Number { article, nth, value }),
        (0..400usize, 0..400usize, 0..30usize)
            .prop_map(|(article, from, paragraph)| Edit::Borrow { article, from, paragraph }),
        (0..400usize, 0..30usize)
            .prop_map(|(article, paragraph)| Edit::Drop { article, paragraph }),
        (0..400usize, 0..4usize).prop_map(|(article, outlet)| Edit::Outlet { article, outlet }),
    ]
}

fn apply(ws: &mut Workspace, names: &[String], e: &Edit) {
    let pick = |i: usize| names[i % names.len()].clone();
    let text_of = |ws: &Workspace, n: &str| ws.get(n).unwrap().article.text.to_string();
    let (name, new) = match e {
        Edit::Number { article, nth, value } => {
            let name = pick(*article);
            let text = text_of(ws, &name);
            let digits: Vec<(usize, usize)> = regex_lite_numbers(&text);
            let new = match digits.get(nth % digits.len().max(1)) {
                Some(&(s, t)) => format!("{}{}{}", &text[..s], value, &text[t..]),
                None => format!("{text}\n\nOfficials said {value} families were displaced.\n"),
            };
            (name, new)
        }
        Edit::Borrow { article, from, paragraph } => {
            let name = pick(*article);
            let other = text_of(ws, &pick(*from));
            let paras: Vec<&str> = other.split("\n\n").collect();
            (
                name.clone(),
                format!("{}\n\n{}\n", text_of(ws, &name), paras[paragraph % paras.len()]),
            )
        }
        Edit::Drop { article, paragraph } => {
            let name = pick(*article);
            let text = text_of(ws, &name);
            let mut paras: Vec<&str> = text.split("\n\n").collect();
            paras.remove(paragraph % paras.len());
            (name, paras.join("\n\n"))
        }
        Edit::Outlet { article, outlet } => {
            let name = pick(*article);
            let text = text_of(ws, &name);
            let rest = text.split_once('\n').map_or("", |(_, r)| r);
            (
                name,
                format!(
                    "{} news\n{rest}",
                    ["Reuters", "Meridian", "Al Jazeera", "Expatica"][*outlet]
                ),
            )
        }
    };
    ws.set(&name, Arc::from(new));
}

/// Byte ranges of runs of ASCII digits.
fn regex_lite_numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn assert_same(incremental: &Snapshot, scratch: &Snapshot) {
    assert_eq!(incremental.findings.len(), scratch.findings.len());
    for (a, b) in incremental.findings.iter().zip(&scratch.findings) {
        assert_eq!(a, b);
    }
    assert_eq!(incremental.linked, scratch.linked);
    // the actor cards too, which an edit that keeps the links keeps as well
    for actor in 0..scratch.linked.actors.len() {
        assert_eq!(
            incremental.actor_card(actor),
            scratch.actor_card(actor),
            "card of actor {actor}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn incremental_snapshots_equal_snapshots_from_scratch(edits in proptest::collection::vec(proptest::collection::vec(edit(), 1..3), 1..5)) {
        let mut ws = BASE.clone();
        let names: Vec<String> = ws.names().map(str::to_string).collect();
        let mut prev = ws.snapshot();
        for batch in &edits {
            for e in batch {
                apply(&mut ws, &names, e);
            }
            let next = ws.snapshot_after(&prev);
            assert_same(&next, &ws.snapshot());
            let unlinked = ws.unlinked_snapshot(Some(&prev));
            prop_assert_eq!(&unlinked.findings, &next.findings);
            prev = next;
        }
    }
}

#[test]
fn an_edit_to_a_conflicting_figure_is_seen_incrementally() {
    let mut ws = BASE.clone();
    let prev = ws.snapshot();
    let finding = prev.findings.first().expect("the corpus has findings");
    let a = prev.article(finding.at.article);
    let fig = &a.figures[finding.at.figure];
    let text = a.article.text.to_string();
    let edited = format!("{}1{}", &text[..fig.span.start], &text[fig.span.end..]);
    let name = a.article.name.clone();
    ws.set(&name, Arc::from(edited));
    let next = ws.snapshot_after(&prev);
    assert_same(&next, &ws.snapshot());
    assert_ne!(next.findings, prev.findings, "the edit changes the findings");
}

#[test]
fn an_edit_that_keeps_every_name_keeps_the_links_and_cards_and_one_that_adds_a_name_relinks() {
    let mut ws = BASE.clone();
    let prev = ws.snapshot();
    prev.warm_cards();
    let name = "002_142ef9cbeb2672f9.txt";
    let text = ws.get(name).unwrap().article.text.to_string();
    // a figure changed and words typed between names: same linking input
    let edited = text.replacen("275,000", "250,000", 1).replacen("pointedly", "very pointedly", 1);
    ws.set(name, Arc::from(edited.clone()));
    let next = ws.unlinked_snapshot(Some(&prev));
    assert!(next.is_linked(), "the links are kept");
    assert!(Arc::ptr_eq(&next.linked, &prev.linked));
    assert_same(&next, &ws.snapshot());
    // a new person (before the article's footer, which analysis skips): linked again
    ws.set(
        name,
        Arc::from(edited.replacen(
            "Kerry has",
            "Maria Kowalska, an analyst, agreed.\n\nKerry has",
            1,
        )),
    );
    let after = ws.unlinked_snapshot(Some(&next));
    assert!(!after.is_linked(), "a new name needs linking");
    let after = after.with_links();
    assert!(after.linked.actors.iter().any(|a| a.name == "Maria Kowalska"));
    assert_same(&after, &ws.snapshot());
}
