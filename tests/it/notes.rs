//! Notes and verdicts through the real binary: `notes`, `check` carrying them, `export
//! claimreview`, `report`; anchors that survive an edit before them and go stale when their
//! text is removed; a broken note is a clear error.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const SEED_002: &str = "002_142ef9cbeb2672f9.txt";

use crate::crosswire_on as crosswire;

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The seeds in a temporary folder with a crosswire.json of four notes: a verdict on a quote
/// of 002, a note on an actor, a verdict on a quantity, and one whose text is in no article.
fn seeds_with_notes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    for e in std::fs::read_dir(&seeds).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    std::fs::write(
        dir.path().join("crosswire.json"),
        r#"{
  "notes": [
    {"anchor": {"article": "002_142ef9cbeb2672f9.txt", "quote": "275,000 civilians", "before": "where the United Nations says ", "after": " still live"},
     "note": "OCHA gave 250,000 on 14 October.", "verdict": "misleading", "sources": ["https://www.unocha.org/", "OCHA flash update 14 Oct"], "author": "A. Checker", "date": "2016-10-21"},
    {"anchor": {"actor": "Lavrov"}, "note": "Foreign Minister since 2004."},
    {"anchor": {"quantity": "people:living:aleppo"}, "note": "UN and NGO counts differ.", "verdict": "disputed"},
    {"anchor": {"article": "001_72b7bbedfb28fc0c.txt", "quote": "a sentence no outlet wrote"}, "note": "never there", "verdict": "false"}
  ]
}"#,
    )
    .unwrap();
    dir
}

fn notes_json(dir: &Path) -> Vec<Value> {
    let out = crosswire(&["notes", "--format", "json"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    v["notes"].as_array().unwrap().clone()
}

#[test]
fn notes_lists_every_note_with_where_it_applies_field_by_field() {
    let dir = seeds_with_notes();
    let notes = notes_json(dir.path());
    assert_eq!(notes.len(), 4);
    let quote = &notes[0];
    assert_eq!(quote["index"], 0);
    assert_eq!(quote["status"], "exact");
    assert_eq!(quote["verdict"], "misleading");
    assert_eq!(quote["rating"], serde_json::json!({"best": 4, "value": 2}));
    assert_eq!(quote["author"], "A. Checker");
    assert_eq!(quote["date"], "2016-10-21");
    assert_eq!(quote["sources"][1], "OCHA flash update 14 Oct");
    assert_eq!(quote["anchor"]["article"], SEED_002);
    let places = quote["places"].as_array().unwrap();
    assert_eq!(places.len(), 1);
    assert_eq!(places[0]["text"], "275,000 civilians");
    assert_eq!(
        (places[0]["line"].as_u64(), places[0]["character"].as_u64()),
        (Some(16), Some(181))
    );
    assert!(places[0]["file"].as_str().unwrap().ends_with(SEED_002));

    // the actor note applies at every mention of Lavrov, whatever the spelling, in every outlet
    let actor = &notes[1];
    assert_eq!(actor["status"], "exact");
    let texts: Vec<&str> =
        actor["places"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    for spelling in ["Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Mr Lavrov"] {
        assert!(texts.contains(&spelling), "{spelling} in {texts:?}");
    }
    let files: std::collections::BTreeSet<&str> =
        actor["places"].as_array().unwrap().iter().map(|p| p["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 4, "{files:?}");
    assert!(actor.get("verdict").is_none() && actor.get("rating").is_none());

    // the quantity note applies at each outlet's figure of it
    let quantity = &notes[2];
    let figures: Vec<&str> = quantity["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(figures, ["250,000", "275,000", "an estimated 250,000"]);
    assert!(quantity.get("rating").is_none(), "disputed rates nothing");

    let stale = &notes[3];
    assert_eq!(stale["status"], "stale");
    assert_eq!(stale["places"], serde_json::json!([]));
    assert!(
        stale["message"].as_str().unwrap().contains("no longer found in 001_72b7bbedfb28fc0c.txt"),
        "{stale}"
    );

    let text = crosswire(&["notes"], dir.path());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(
            "note 1 [misleading]: “275,000 civilians” in 002_142ef9cbeb2672f9.txt (exact)"
        ),
        "{text}"
    );
    assert!(text.contains("STALE: note 4"), "{text}");
    assert!(text.ends_with("4 notes, 1 stale\n"), "{text}");
}

#[test]
fn a_note_survives_an_edit_before_its_anchor_and_goes_stale_when_its_text_is_removed() {
    let dir = seeds_with_notes();
    let article = dir.path().join(SEED_002);
    let original = std::fs::read_to_string(&article).unwrap();
    // two new paragraphs at the top: every line moves down by four
    std::fs::write(&article, format!("UPDATE: corrected.\n\nA new lead paragraph.\n\n{original}"))
        .unwrap();
    let notes = notes_json(dir.path());
    assert_eq!(notes[0]["status"], "exact");
    assert_eq!(notes[0]["places"][0]["line"], 20);
    assert_eq!(notes[0]["places"][0]["text"], "275,000 civilians");

    // the quote itself edited: found between its context, and said so
    std::fs::write(&article, original.replace("275,000 civilians", "280,000 civilians")).unwrap();
    let notes = notes_json(dir.path());
    assert_eq!(notes[0]["status"], "rewritten");
    assert_eq!(notes[0]["places"][0]["text"], "280,000 civilians");

    // the sentence removed: stale, reported, never dropped
    let removed: String =
        original.lines().filter(|l| !l.contains("275,000")).collect::<Vec<_>>().join("\n");
    std::fs::write(&article, removed).unwrap();
    let notes = notes_json(dir.path());
    assert_eq!(notes.len(), 4);
    assert_eq!(notes[0]["status"], "stale");
    assert_eq!(
        notes[0]["message"],
        "note 1 (“275,000 civilians” in 002_142ef9cbeb2672f9.txt) no longer found in 002_142ef9cbeb2672f9.txt"
    );
    let report = crosswire(&["report", "--format", "json"], dir.path());
    assert!(
        String::from_utf8_lossy(&report.stderr).contains("note 1 (“275,000 civilians”"),
        "stale notes are named on stderr"
    );
}

#[test]
fn check_carries_the_notes_that_touch_a_finding() {
    let dir = seeds_with_notes();
    let out = crosswire(&["check", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let conflict = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "figure-conflict")
        .unwrap();
    let notes = conflict["notes"].as_array().expect("notes on the conflict");
    let indices: Vec<u64> = notes.iter().map(|n| n["index"].as_u64().unwrap()).collect();
    assert_eq!(indices, [0, 2], "the quote over 275,000 and the note on its quantity");
    assert_eq!(notes[0]["verdict"], "misleading");
    assert_eq!(notes[0]["note"], "OCHA gave 250,000 on 14 October.");
    // a finding no note touches has no notes member (the contract is unchanged for it)
    let other =
        v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] != "figure-conflict");
    assert!(other.is_none_or(|d| d.get("notes").is_none()));

    let human = crosswire(&["check"], dir.path());
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("= note 1 [misleading] in crosswire.json: OCHA gave 250,000 on 14 October."),
        "{human}"
    );
    assert!(
        human.contains("= note 3 [disputed] in crosswire.json: UN and NGO counts differ."),
        "{human}"
    );

    let out = crosswire(&["check", "--format", "sarif"], dir.path());
    let sarif = json(&out);
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "figure-conflict")
        .unwrap();
    let annotations = result["properties"]["annotations"].as_array().unwrap();
    assert_eq!(annotations.len(), 2);
    assert_eq!(annotations[1]["verdict"], "disputed");
    // still valid SARIF
    let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&sarif));
}

#[test]
fn claimreview_export_has_the_structure_google_documents() {
    let dir = seeds_with_notes();
    let out = crosswire(
        &["export", "claimreview", "--url", "https://factcheck.example/aleppo"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let schema: Value =
        serde_json::from_str(include_str!("../claimreview-google.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&v).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "ClaimReview invalid: {errors:#?}");
    // notes with a verdict that are found: the quote and the quantity (the stale one is named)
    let reviews = v.as_array().unwrap();
    assert_eq!(reviews.len(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("note 4"));
    let r = &reviews[0];
    assert_eq!(r["claimReviewed"], "275,000 civilians");
    assert_eq!(r["url"], "https://factcheck.example/aleppo#note-1");
    assert_eq!(r["reviewRating"]["alternateName"], "misleading");
    assert_eq!(
        (
            &r["reviewRating"]["ratingValue"],
            &r["reviewRating"]["bestRating"],
            &r["reviewRating"]["worstRating"]
        ),
        (&Value::from(2), &Value::from(4), &Value::from(1))
    );
    assert_eq!(r["author"], serde_json::json!({"@type": "Person", "name": "A. Checker"}));
    assert_eq!(r["datePublished"], "2016-10-21");
    assert_eq!(r["reviewBody"], "OCHA gave 250,000 on 14 October.");
    let claim = &r["itemReviewed"];
    assert_eq!(claim["author"], serde_json::json!({"@type": "Organization", "name": "USPA News"}));
    assert_eq!(claim["datePublished"], "2016-10-15");
    assert_eq!(claim["appearance"][0]["name"], SEED_002);
    // a verdict off the scale (disputed) carries its name and no number
    let q = &reviews[1];
    assert_eq!(q["reviewRating"]["alternateName"], "disputed");
    assert!(q["reviewRating"].get("ratingValue").is_none());
    assert_eq!(q["itemReviewed"]["appearance"].as_array().unwrap().len(), 3);
    assert!(q["claimReviewed"]
        .as_str()
        .unwrap()
        .starts_with("people living in Aleppo, whole event: "));

    // a page URL is required
    let out = crosswire(&["export", "claimreview"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_report_puts_outlets_side_by_side_with_the_conflict_first() {
    let dir = seeds_with_notes();
    let out = crosswire(&["report", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let outlets: Vec<&str> =
        v["outlets"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(outlets.len(), 5);
    assert!(outlets.contains(&"USPA News") && outlets.contains(&"World Media"), "{outlets:?}");
    let q = &v["quantities"][0];
    assert_eq!(q["key"], "people:living:aleppo");
    assert_eq!(q["finding"], "figure-conflict");
    assert_eq!(q["notes"], serde_json::json!([0, 2]));
    let uspa = outlets.iter().position(|o| *o == "USPA News").unwrap();
    assert_eq!(q["outlets"][uspa][0]["text"], "275,000");
    assert_eq!(q["outlets"][uspa][0]["in_finding"], "figure-conflict");
    assert_eq!(q["outlets"][uspa][0]["date"], "2016-10-15");
    let lavrov = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"].as_str().unwrap().ends_with("Lavrov"))
        .unwrap();
    assert_eq!(lavrov["notes"], serde_json::json!([1]));
    assert_eq!(lavrov["outlets"][uspa]["spellings"][0]["text"], "Lavrov");

    let page = dir.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_crosswire"))
        .args(["report", "--out"])
        .arg(&page)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    // self-contained: nothing is fetched (the only URL is the note's own source, a link)
    for fetch in ["<script src", "<link", "@import", "url(", "<img"] {
        assert!(!html.contains(fetch), "{fetch}");
    }
    assert!(html.contains("<svg class=\"timeline\""));
    assert!(html.contains("file://") && html.contains("#L17"), "links to the article and line");
}

#[test]
fn a_broken_note_is_a_clear_error() {
    let dir = seeds_with_notes();
    for (config, says) in [
        (
            r#"{"notes": [{"anchor": {"actor": "X"}, "verdict": "pants-on-fire"}]}"#,
            "not on the verdict scale",
        ),
        (r#"{"notes": [{"anchor": {"quote": "x"}}]}"#, "article"),
        (r#"{"notes": [{"anchor": {"actor": "X"}, "date": "21/10/2016"}]}"#, "YYYY-MM-DD"),
    ] {
        std::fs::write(dir.path().join("crosswire.json"), config).unwrap();
        let out = crosswire(&["notes"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("crosswire.json:1:") && err.contains(says), "{config}: {err}");
    }
    // a scale of one's own
    std::fs::write(
        dir.path().join("crosswire.json"),
        r#"{"verdicts": {"scale": ["correct", "wrong"], "unrated": []}, "notes": [{"anchor": {"quantity": "people:living:aleppo"}, "verdict": "wrong"}]}"#,
    )
    .unwrap();
    let notes = notes_json(dir.path());
    assert_eq!(notes[0]["rating"], serde_json::json!({"best": 2, "value": 1}));
}

#[test]
fn the_json_schema_accepts_the_notes_crosswire_reads_and_refuses_the_ones_it_refuses() {
    let schema: Value =
        serde_json::from_str(include_str!("../../schemas/crosswire.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = seeds_with_notes();
    for text in [
        std::fs::read_to_string(dir.path().join("crosswire.json")).unwrap(),
        include_str!("../report-browser/crosswire.json").to_string(),
        r#"{"verdicts": {"scale": ["correct", "wrong"], "unrated": []}, "notes": []}"#.to_string(),
    ] {
        let v: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    for bad in [
        r#"{"notes": [{"anchor": {"actor": "X", "quantity": "y"}}]}"#,
        r#"{"notes": [{"anchor": {"quote": "x"}}]}"#,
        r#"{"notes": [{"note": "no anchor"}]}"#,
        r#"{"notes": [{"anchor": {"actor": "X"}, "date": "21/10/2016"}]}"#,
    ] {
        let v: Value = serde_json::from_str(bad).unwrap();
        assert!(!validator.is_valid(&v), "the schema accepts {bad}");
        std::fs::write(dir.path().join("crosswire.json"), bad).unwrap();
        assert_eq!(
            crosswire(&["notes"], dir.path()).status.code(),
            Some(2),
            "crosswire accepts {bad}"
        );
    }
}
