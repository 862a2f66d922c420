//! Crafted articles that once made a step quadratic: many figures or quotes on one long line,
//! an endless run of capitalised words, thousands of invented names. Each is analysed in full
//! (`actors`, which runs every stage) and must finish: a watchdog kills the process after a
//! generous two minutes, fifty times what the linear code takes in a debug build; the quadratic
//! code it guards against took hours. Figures for the full-size shapes: scripts/hostile-bench.py
//! and SECURITY.md.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WATCHDOG: Duration = Duration::from_secs(120);

/// Runs `crosswire actors --format json` on a folder holding `text` as its one article, and
/// returns the JSON report; panics if the watchdog has to stop it.
fn actors_of(name: &str, text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    let out = run_watched(&["actors", "--format", "json"], dir.path(), name);
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{name}: the report is not JSON: {e}"))
}

fn run_watched(args: &[&str], dir: &Path, name: &str) -> Vec<u8> {
    let out_file = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosswire"))
        .args(args)
        .arg(dir)
        .stdout(out_file.reopen().unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.code().is_some_and(|c| c <= 1), "{name}: exit {status}");
            return std::fs::read(out_file.path()).unwrap();
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            panic!("{name}: still running after {WATCHDOG:?}; some step is no longer linear in the article's size");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn mentions_of(report: &serde_json::Value, name: &str) -> usize {
    report["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == name)
        .map(|a| a["mentions"].as_array().unwrap().len())
        .sum()
}

#[test]
fn twenty_thousand_sentences_on_one_line() {
    // each figure looked up its sentence, and each mention its UTF-16 column, from the line's start
    let text = "Some 250,000 people fled. Mr Lavrov said the “talks” were over. ".repeat(20_000);
    let report = actors_of("one-line", &text);
    assert_eq!(mentions_of(&report, "Lavrov"), 20_000);
}

#[test]
fn forty_thousand_capitalised_words_in_a_row() {
    // the run was cut into names by rereading it from its start at every cut
    let words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"];
    let text: Vec<&str> = (0..40_000).map(|i| words[(i * 7 + i / 3) % words.len()]).collect();
    let report = actors_of("capitals", &(text.join(" ") + ".\n"));
    assert!(report["actors"].as_array().unwrap().is_empty(), "a run that long names nobody");
}

#[test]
fn ten_thousand_quotes_on_one_line_are_attributed() {
    // each quote looked for its speaker from the start of the line, and its end to the line's end
    let text =
        "Sergei Lavrov said “the talks will resume on 12 October in Geneva”. ".repeat(10_000);
    let report = actors_of("quotes", &text);
    let lavrov = report["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Sergei Lavrov")
        .expect("Lavrov is found");
    assert_eq!(lavrov["mentions"].as_array().unwrap().len(), 10_000);
}

#[test]
fn ten_thousand_nested_quotation_marks() {
    // each candidate looked back for a cue word to the start of the line
    let text = format!(
        "Lavrov said {}x{}\n",
        "“Kerry said ‘Assad said “".repeat(10_000),
        "”’”".repeat(10_000)
    );
    let report = actors_of("nested", &text);
    assert_eq!(mentions_of(&report, "Kerry"), 10_000);
}

#[test]
fn twenty_thousand_invented_names() {
    // spellings of one surname bucket were compared pair by pair
    // (one surname bucket: every surname starts "Al")
    let text: Vec<String> = (0..20_000).map(|i| format!("Mr Sam Alpha{i} met the press")).collect();
    let report = actors_of("names", &(text.join(". ") + ".\n"));
    let people: usize = report["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "person")
        .map(|a| a["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(people, 20_000, "every name is found and linked somewhere");
}

#[test]
fn twenty_thousand_event_names() {
    // each name ending in an event's head word looked for its holder ("Delta7" of "the Delta7
    // Cup") by a scan of the whole article
    let text: Vec<String> =
        (0..20_000).map(|i| format!("The Delta{i} Cup opened, and Delta{i} said so")).collect();
    let report = actors_of("events", &(text.join(". ") + ".\n"));
    let actors = report["actors"].as_array().unwrap();
    assert!(
        actors.iter().all(|a| !a["name"].as_str().unwrap().contains("Cup")),
        "no cup is an actor"
    );
    let holders: usize = actors
        .iter()
        .filter(|a| a["name"].as_str().unwrap().starts_with("Delta"))
        .map(|a| a["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(holders, 40_000, "every holder is found, in its cup's name and alone");
}

#[test]
fn two_thousand_notes_whose_text_is_gone() {
    // each stale note searched the whole article for the stretch most like its quote: 2,000
    // notes of 100 characters over 10 KB were 34 billion comparisons; one budget is shared now
    let dir = tempfile::tempdir().unwrap();
    let article = "Some 250,000 people fled the eastern districts, officials said. ".repeat(160);
    std::fs::write(dir.path().join("a.txt"), &article).unwrap();
    let notes: Vec<serde_json::Value> = (0..2_000)
        .map(|i| {
            let quote = format!("{i:05} words that no outlet ever wrote, repeated until a hundred characters long: xxxxxxxxxxxxxx");
            serde_json::json!({"anchor": {"article": "a.txt", "quote": quote}, "note": "gone"})
        })
        .collect();
    std::fs::write(
        dir.path().join("crosswire.json"),
        serde_json::json!({ "notes": notes }).to_string(),
    )
    .unwrap();
    let out = run_watched(&["notes", "--format", "json"], dir.path(), "stale notes");
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let notes = report["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2_000);
    assert!(notes.iter().all(|n| n["status"] == "stale"));
}
