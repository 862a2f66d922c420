//! A hostile workspace: whatever people drop into a folder, the CLI names what it skips and
//! still checks the rest.

use std::path::Path;
use std::process::Command;

fn check(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crosswire"))
        .args(["figures", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap()
}

fn good_article(dir: &Path) {
    std::fs::write(
        dir.join("good.txt"),
        "The UN says 275,000 civilians still live in eastern Aleppo.\n",
    )
    .unwrap();
}

#[test]
fn an_article_over_the_size_limit_is_skipped_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    good_article(dir.path());
    std::fs::write(dir.path().join("crosswire.json"), r#"{"limits": {"maxArticleBytes": 1000}}"#)
        .unwrap();
    std::fs::write(dir.path().join("huge.txt"), "word ".repeat(1000)).unwrap();
    let out = check(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("huge.txt") && stderr.contains("maxArticleBytes"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    good_article(dir.path());
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let out = check(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loop"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn ten_thousand_empty_files_are_summarised() {
    let dir = tempfile::tempdir().unwrap();
    good_article(dir.path());
    for i in 0..10_000 {
        std::fs::write(dir.path().join(format!("empty{i:05}.txt")), "").unwrap();
    }
    let out = check(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.lines().count() <= 51,
        "skipped files are summarised: {} lines",
        stderr.lines().count()
    );
    assert!(stderr.contains("9950 more files skipped"), "{}", stderr.lines().last().unwrap_or(""));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn ignored_and_hidden_files_are_not_articles() {
    let dir = tempfile::tempdir().unwrap();
    good_article(dir.path());
    std::fs::write(dir.path().join(".gitignore"), "drafts/\n").unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/draft.txt"), "Some 999 people died.\n").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "Some 999 people died.\n").unwrap();
    let out = check(dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["file"].as_str().unwrap().ends_with("good.txt")),
        "{v}"
    );
}
