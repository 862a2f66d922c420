//! CI output formats and the acknowledgement workflow, through the real binary.

use serde_json::Value;
use std::path::Path;

use crate::crosswire_on as crosswire;

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

/// A two-outlet story with one contradiction on people living under siege in eastern Aleppo.
fn story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "---\noutlet: Reuters\ndate: 2016-10-15\n---\n\nThe UN says 275,000 civilians still live in eastern Aleppo, under siege.\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "---\noutlet: AFP\ndate: 2016-10-15\n---\n\nAn estimated 250,000 people are living under siege in eastern Aleppo.\n").unwrap();
    dir
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for dir in [seeds(), story().keep()] {
        let out = crosswire(&["check", "--format", "sarif", "--fail-on", "never"], &dir);
        assert_eq!(out.status.code(), Some(0));
        let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
        assert_eq!(sarif["runs"][0]["columnKind"], "utf16CodeUnits");
        let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["figure-conflict", "figure-divergence"]);
    }
}

#[test]
fn sarif_results_carry_related_locations() {
    let out = crosswire(&["check", "--format", "sarif"], &seeds());
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let conflict =
        results.iter().find(|r| r["ruleId"] == "figure-conflict").expect("the seed conflict");
    assert_eq!(
        conflict["locations"][0]["physicalLocation"]["region"]["snippet"]["text"],
        "275,000"
    );
    assert!(conflict["relatedLocations"].as_array().unwrap().len() >= 2);
}

#[test]
fn github_annotations_are_well_formed() {
    let out = crosswire(&["check", "--format", "github"], &seeds());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let warning = text.lines().find(|l| l.starts_with("::warning ")).expect("a warning annotation");
    assert!(
        warning.contains("file=")
            && warning.contains(",line=")
            && warning.contains(",col=")
            && warning.contains(",endColumn="),
        "{warning}"
    );
    assert!(warning.contains("title=crosswire figure-conflict::"), "{warning}");
    // one annotation per line: newlines in messages are escaped
    assert!(text.lines().all(|l| l.starts_with("::")), "{text}");
}

fn check_json(dir: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = crosswire(&args, dir);
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

#[test]
fn acknowledgement_round_trip() {
    let dir = story();
    let (code, v) = check_json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{v}");
    let conflict = &v["diagnostics"][0];
    let quantity = conflict["quantity"].as_str().unwrap().to_string();

    // acknowledge: the run passes, and the finding is listed only on request
    let figures: Vec<String> = std::iter::once(conflict["text"].as_str().unwrap().to_string())
        .chain(
            conflict["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["text"].as_str().unwrap().to_string()),
        )
        .collect();
    let ack = serde_json::json!({"acknowledged": [{"quantity": quantity, "figures": figures, "note": "UN vs NGO count"}]});
    std::fs::write(dir.path().join("crosswire.json"), serde_json::to_string_pretty(&ack).unwrap())
        .unwrap();
    let (code, v) = check_json(dir.path(), &[]);
    assert_eq!(code, Some(0), "{v}");
    assert!(v["diagnostics"].as_array().unwrap().is_empty());
    let (_, v) = check_json(dir.path(), &["--show-acknowledged"]);
    assert_eq!(v["diagnostics"][0]["acknowledged"]["status"], "current");

    // change a figure: the acknowledgement is stale and the run fails again
    let a = std::fs::read_to_string(dir.path().join("a.md")).unwrap().replace("275,000", "280,000");
    std::fs::write(dir.path().join("a.md"), a).unwrap();
    let (code, v) = check_json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["diagnostics"][0]["acknowledged"]["status"], "stale");
}
