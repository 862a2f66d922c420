//! The command line through the real binary: exit codes, the JSON contract, bad input.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crosswire"));
    c.env("NO_COLOR", "1");
    c
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run crosswire")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn check_on_the_seeds_reports_the_one_conflict_with_related_locations() {
    let out = bin().args(["check", "--format", "json"]).arg(seeds()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    assert_eq!(v["articles"], 5);
    let diags = v["diagnostics"].as_array().unwrap();
    let warnings: Vec<&Value> =
        diags.iter().filter(|d| d["severity"] == "warning" || d["severity"] == "error").collect();
    assert_eq!(warnings.len(), 1, "exactly one warning on the seeds: {warnings:#?}");
    let w = warnings[0];
    assert_eq!(w["code"], "figure-conflict");
    assert!(w["file"].as_str().unwrap().ends_with("002_142ef9cbeb2672f9.txt"));
    assert_eq!(w["text"], "275,000");
    let related: Vec<&str> =
        w["related"].as_array().unwrap().iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert!(related.iter().any(|f| f.ends_with("001_72b7bbedfb28fc0c.txt")), "{related:?}");
    assert!(related.iter().any(|f| f.ends_with("004_6cd4a45ba0995dfa.txt")), "{related:?}");
    for r in w["related"].as_array().unwrap() {
        assert!(r["text"].as_str().unwrap().contains("250,000"), "{r}");
    }
}

#[test]
fn json_ranges_are_utf16_and_text_is_the_exact_source() {
    let out = bin()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(seeds())
        .output()
        .unwrap();
    let v = json(&out);
    for d in v["diagnostics"].as_array().unwrap() {
        for loc in std::iter::once(d).chain(d["related"].as_array().unwrap()) {
            let text = std::fs::read_to_string(loc["file"].as_str().unwrap()).unwrap();
            let line: Vec<u16> = text
                .lines()
                .nth(loc["line"].as_u64().unwrap() as usize)
                .unwrap()
                .encode_utf16()
                .collect();
            let (s, e) = (
                loc["character"].as_u64().unwrap() as usize,
                loc["end_character"].as_u64().unwrap() as usize,
            );
            assert_eq!(loc["line"], loc["end_line"]);
            assert_eq!(String::from_utf16(&line[s..e]).unwrap(), loc["text"].as_str().unwrap());
        }
    }
}

#[test]
fn fail_on_never_exits_zero_and_the_human_output_has_snippets() {
    let out = bin().args(["check", "--fail-on", "never"]).arg(seeds()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("in 5 articles"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when NO_COLOR is set or not a terminal");
}

#[test]
fn the_seed_check_prints_rustc_style_warning() {
    let out = bin().args(["check"]).arg(seeds()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning[figure-conflict]"), "{text}");
    assert!(text.contains("002_142ef9cbeb2672f9.txt:"), "{text}");
    assert!(text.contains("^^^^^^^"), "the span is underlined: {text}");
}

#[test]
fn usage_errors_and_missing_paths_exit_two() {
    assert_eq!(run(&["check", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let out = run(&["check", "/definitely/not/here"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/definitely/not/here"));
}

#[test]
fn bad_files_are_reported_and_the_rest_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seeds().join("002_142ef9cbeb2672f9.txt"), dir.path().join("good.txt")).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 250,000 people\n").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x7fELF\0\0\0\x01").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .unwrap();
    let out = bin().args(["figures", "--format", "json"]).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("empty.txt") && stderr.contains("empty"), "{stderr}");
    assert!(stderr.contains("latin1.txt") && stderr.contains("UTF-8"), "{stderr}");
    assert!(stderr.contains("binary.txt") && stderr.contains("binary"), "{stderr}");
    #[cfg(unix)]
    assert!(stderr.contains("dangling.txt"), "{stderr}");
    let v = json(&out);
    assert!(v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["file"].as_str().unwrap().ends_with("good.txt")));
}

#[test]
fn a_length_in_feet_keeps_its_written_value_and_names_the_unit_it_is_compared_in() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Climber dies\n\nA climber fell 2,000ft on Sunday.\n")
        .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Climber dies\n\nA climber fell 800 metres on Sunday.\n",
    )
    .unwrap();
    let v = json(&bin().args(["figures", "--format", "json"]).arg(dir.path()).output().unwrap());
    let figures = v["figures"].as_array().unwrap();
    let feet = figures.iter().find(|f| f["text"] == "2,000ft").expect("2,000ft read");
    assert_eq!(feet["value"], 2000.0, "{feet}");
    assert_eq!(feet["compared_in"], "m", "{feet}");
    assert!(feet["low"].as_f64().unwrap() < 609.6 && feet["high"].as_f64().unwrap() > 609.6);
    let metres = figures.iter().find(|f| f["text"] == "800 metres").expect("800 metres read");
    assert_eq!((&metres["value"], &metres["compared_in"]), (&800.0.into(), &"m".into()));
}

#[test]
fn a_broken_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seeds().join("001_72b7bbedfb28fc0c.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("crosswire.json"), "{\"outlets\": [1,2]}").unwrap();
    let out = bin().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("crosswire.json:1:"));
}

#[test]
fn actors_and_figures_json_have_the_documented_shape() {
    let v = json(&bin().args(["actors", "--format", "json"]).arg(seeds()).output().unwrap());
    assert_eq!(v["version"], 1);
    for a in v["actors"].as_array().unwrap() {
        for key in ["id", "name", "kind", "roles", "aliases", "mentions"] {
            assert!(a.get(key).is_some(), "actor without {key}: {a}");
        }
        assert!(["person", "organization", "state", "place", "group"]
            .contains(&a["kind"].as_str().unwrap()));
    }
    let v = json(&bin().args(["figures", "--format", "json"]).arg(seeds()).output().unwrap());
    assert_eq!(v["version"], 1);
    let figures = v["figures"].as_array().unwrap();
    assert!(!figures.is_empty(), "the seeds hold figures");
    for f in figures {
        for key in [
            "file",
            "line",
            "character",
            "end_line",
            "end_character",
            "text",
            "low",
            "high",
            "qualifier",
            "counts",
            "quantity",
        ] {
            assert!(f.get(key).is_some(), "figure without {key}: {f}");
        }
    }
}

#[test]
fn markdown_front_matter_gives_the_outlet_and_code_blocks_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "---\ntitle: Siege\noutlet: Reuters\ndate: 2016-10-15\n---\n\nThe UN says 275,000 civilians still live in eastern Aleppo.\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "---\noutlet: AFP\n---\n\nAn estimated 250,000 people are living under siege in eastern Aleppo.\n\n```\n999,999 people living under siege in eastern Aleppo\n```\n").unwrap();
    let v = json(
        &bin()
            .args(["check", "--format", "json", "--fail-on", "never"])
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|d| d["code"] == "figure-conflict"
            && d["message"].as_str().unwrap().contains("Reuters")),
        "{diags:#?}"
    );
    assert!(diags.iter().all(|d| !d.to_string().contains("999,999")), "code blocks are not prose");
}

// --- `articles` of crosswire.json -------------------------------------------------------------

/// A folder with `crosswire.json` holding `articles`, `news/a.txt` (275,000) and
/// `other/b.txt` (250,000).
fn with_article_globs(articles: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crosswire.json"), format!(r#"{{"articles": {articles}}}"#))
        .unwrap();
    for (sub, text) in [
        ("news/a.txt", "The UN says 275,000 civilians still live in eastern Aleppo.\n"),
        ("other/b.txt", "An estimated 250,000 people are living under siege in eastern Aleppo.\n"),
    ] {
        std::fs::create_dir_all(dir.path().join(sub).parent().unwrap()).unwrap();
        std::fs::write(dir.path().join(sub), text).unwrap();
    }
    dir
}

/// The files and texts of `figures --format json`.
fn figure_files(out: &Output) -> Vec<(String, String)> {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v = json(out);
    let mut files: Vec<(String, String)> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().replace('\\', "/"),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn check_and_figures_read_only_the_articles_globs_of_a_folder() {
    let dir = with_article_globs(r#"["news/**/*.txt"]"#);
    let out = bin()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(v["articles"], 1, "only news/a.txt: {v:#}");
    assert!(!v.to_string().contains("b.txt"), "{v:#}");
    let figures = figure_files(
        &bin().args(["figures", "--format", "json"]).arg(dir.path()).output().unwrap(),
    );
    assert!(
        !figures.is_empty() && figures.iter().all(|(f, _)| f.ends_with("news/a.txt")),
        "{figures:?}"
    );
    assert!(figures.iter().any(|(_, t)| t.contains("275,000")), "{figures:?}");
    // the folder argument `.` (crosswire.json from the working directory), globs matched below it
    let here = figure_files(
        &bin().args(["figures", "--format", "json"]).current_dir(dir.path()).output().unwrap(),
    );
    assert!(!here.is_empty() && here.iter().all(|(f, _)| f == "news/a.txt"), "{here:?}");
}

#[test]
fn a_file_named_on_the_command_line_is_read_whatever_the_globs() {
    let dir = with_article_globs(r#"["news/**/*.txt"]"#);
    let named = dir.path().join("other/b.txt");
    let out = bin()
        .args(["figures", "--format", "json", "--config"])
        .arg(dir.path())
        .arg(dir.path())
        .arg(&named)
        .output()
        .unwrap();
    let figures = figure_files(&out);
    assert!(
        figures.iter().any(|(f, t)| f.ends_with("news/a.txt") && t.contains("275,000")),
        "{figures:?}"
    );
    assert!(
        figures.iter().any(|(f, t)| f.ends_with("other/b.txt") && t.contains("250,000")),
        "{figures:?}"
    );
    // named alone, it is read too
    let alone = figure_files(
        &bin()
            .args(["figures", "--format", "json", "--config"])
            .arg(dir.path())
            .arg(&named)
            .output()
            .unwrap(),
    );
    assert!(
        !alone.is_empty() && alone.iter().all(|(f, _)| f.ends_with("other/b.txt")),
        "{alone:?}"
    );
}

#[test]
fn empty_articles_reads_every_article_and_a_glob_matching_nothing_says_so() {
    let dir = with_article_globs("[]");
    let out = bin()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v = json(&out);
    assert_eq!(v["articles"], 2, "{v:#}");
    assert!(
        v["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "figure-conflict"),
        "{v:#}"
    );
    let none = with_article_globs(r#"["drafts/*.txt"]"#);
    let out = bin().args(["check"]).arg(none.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no articles") && stderr.contains("matching `articles`"), "{stderr}");
}

use crate::lsp_client;

#[test]
fn the_server_and_check_read_the_same_articles() {
    let dir = with_article_globs(r#"["news/**/*.txt", "*.md"]"#);
    std::fs::write(dir.path().join("top.md"), "Some 260,000 people remain in eastern Aleppo.\n")
        .unwrap();
    std::fs::write(dir.path().join("top.txt"), "Some 270,000 people remain in eastern Aleppo.\n")
        .unwrap();
    let figures = figure_files(
        &bin().args(["figures", "--format", "json"]).arg(dir.path()).output().unwrap(),
    );
    let mut cli: Vec<String> = figures
        .into_iter()
        .map(|(f, _)| {
            f.rsplit_once(&*dir.path().file_name().unwrap().to_string_lossy())
                .unwrap()
                .1
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    cli.dedup();
    assert_eq!(cli, ["news/a.txt", "top.md"]);
    let mut c = lsp_client::LspClient::spawn();
    c.initialize(dir.path(), lsp_client::caps_full());
    c.wait_articles("two articles", |a| a["articles"].as_array().is_some_and(|v| v.len() >= 2));
    // a third, had the server taken one, would be indexed in the same scan
    c.drain_for(std::time::Duration::from_millis(300));
    let list = c.request("crosswire/articles", Value::Null);
    let mut server: Vec<String> = list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    server.sort();
    assert_eq!(server.len(), cli.len(), "{server:?} vs {cli:?}");
    for (s, c) in server.iter().zip(&cli) {
        assert!(s.ends_with(c.as_str()), "{server:?} vs {cli:?}");
    }
    c.shutdown_and_exit();
}
