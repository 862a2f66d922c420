//! The commands: load, analyse, render, choose the exit code.

use super::{
    claimreview, github, human, json, report, sarif, CheckArgs, CheckFormat, ClaimReviewArgs,
    FailOn, ListArgs, ListFormat, ReportArgs, ReportFormat, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK,
};
use crate::analysis::{Scope, Snapshot, Workspace};
use crate::config::Config;
use crate::corpus;
use crate::findings::Severity;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A loaded and analysed corpus, or the exit code of the failure (already reported). With
/// [`Scope::Figures`] or [`Scope::Findings`], actors are neither detected nor linked.
fn load(
    paths: &[PathBuf],
    config_dir: Option<&Path>,
    show_progress: bool,
    scope: Scope,
) -> Result<Snapshot, i32> {
    let paths: Vec<PathBuf> =
        if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
    let dir = match config_dir {
        Some(d) => d.to_path_buf(),
        None if paths.len() == 1 && paths[0].is_dir() => paths[0].clone(),
        None => PathBuf::from("."),
    };
    let config = match Config::load_from_dir(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crosswire: error: {e}");
            return Err(EXIT_ERROR);
        }
    };
    // a glob reaching outside the folder is left out, and said so; the rest of the file holds
    for refused in config.refused_globs() {
        eprintln!(
            "crosswire: warning: {}: {refused}",
            dir.join(crate::config::FILE_NAME).display()
        );
    }
    // the other cores build the analysis' patterns while this one walks the folder
    rayon::spawn(move || crate::analysis::warm_up(scope));
    // `articles` picks the files of a folder argument, as the language server does for a
    // workspace folder (a file named on the command line is read regardless)
    let filter = corpus::ArticleFilter::new(&config);
    let max_bytes = config.limits.article_bytes();
    // One folder and no progress bar to size (the usual run): each article is analysed on the
    // pool as soon as the walk finds it, while the walk goes on here.
    if let [root] = &paths[..] {
        if root.is_dir() && !progress_shown(show_progress, usize::MAX) {
            let (ws, unread, walk_errors) = Workspace::read_while_finding(
                |found| corpus::find_in_folder(root, &filter, found),
                max_bytes,
                config,
                scope,
            );
            report_skipped(&[walk_errors, unread].concat());
            return loaded(ws, &dir, &filter, &paths, scope);
        }
    }
    let found = corpus::find(&paths, &filter);
    if found.errors.iter().any(|e| e.message == corpus::NO_SUCH_PATH) {
        // every file that cannot be read is still named, before giving up
        report_skipped(&corpus::load(&paths, &filter, max_bytes).errors);
        return Err(EXIT_ERROR);
    }
    // each file analysed as soon as it is read, on all cores
    let bar = progress_bar(show_progress, found.files.len());
    let (ws, unread) =
        Workspace::read_scoped(found.files, max_bytes, config, scope, &|| bar.inc(1));
    bar.finish_and_clear();
    report_skipped(&[found.errors, unread].concat());
    loaded(ws, &dir, &filter, &paths, scope)
}

/// The snapshot of the articles read into `ws`, or the exit code when there are none (said so).
fn loaded(
    ws: Workspace,
    dir: &Path,
    filter: &corpus::ArticleFilter,
    paths: &[PathBuf],
    scope: Scope,
) -> Result<Snapshot, i32> {
    if ws.is_empty() {
        let globs = if filter.is_restricted() {
            format!(" matching `articles` of {}", dir.join(crate::config::FILE_NAME).display())
        } else {
            String::new()
        };
        eprintln!(
            "crosswire: error: no articles (.txt, .md, .html){globs} found in {}",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        return Err(EXIT_ERROR);
    }
    let snap = match scope {
        Scope::Everything => ws.snapshot(),
        Scope::Figures | Scope::Findings => ws.unlinked_snapshot(None),
    };
    for a in &snap.articles {
        for failure in &a.failures {
            eprintln!("crosswire: warning: {}: {failure}", a.article.name);
        }
    }
    Ok(snap)
}

/// Articles from which a run is long enough to deserve a progress bar.
const PROGRESS_FROM_ARTICLES: usize = 500;

/// A progress bar on stderr, only for human output on a terminal and a corpus large enough to
/// take a noticeable time; otherwise a hidden bar that draws nothing.
fn progress_bar(wanted: bool, total: usize) -> indicatif::ProgressBar {
    if !progress_shown(wanted, total) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} analysing {pos}/{len} articles {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Whether [`progress_bar`] draws a bar for `total` articles.
fn progress_shown(wanted: bool, total: usize) -> bool {
    use std::io::IsTerminal;
    wanted && total >= PROGRESS_FROM_ARTICLES && std::io::stderr().is_terminal()
}

/// How many skipped files are named one by one before the rest are counted.
const SKIPPED_SHOWN: usize = 50;

fn report_skipped(errors: &[corpus::LoadError]) {
    for e in errors.iter().take(SKIPPED_SHOWN) {
        eprintln!("crosswire: warning: {e}");
    }
    if errors.len() > SKIPPED_SHOWN {
        eprintln!(
            "crosswire: warning: … and {} more files skipped ({} shown)",
            errors.len() - SKIPPED_SHOWN,
            SKIPPED_SHOWN
        );
    }
}

fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Information => Some(Severity::Information),
        FailOn::Never => None,
    }
}

pub fn check(args: CheckArgs) -> i32 {
    // findings compare keyed figures only: no actors to detect or link, no other figures kept
    let snap = match load(
        &args.paths,
        args.config.as_deref(),
        args.format == CheckFormat::Human,
        Scope::Findings,
    ) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Acknowledged findings are listed only on request; stale acknowledgements always show.
    let findings: Vec<&crate::findings::Finding> =
        snap.findings.iter().filter(|f| args.show_acknowledged || f.is_open()).collect();
    let result = match args.format {
        CheckFormat::Json => buffered(|out| {
            json::write_check(&json::check(&snap, &findings), out)?;
            writeln!(out)
        }),
        CheckFormat::Sarif => buffered(|out| {
            sarif::write(&snap, &findings, out)?;
            writeln!(out)
        }),
        CheckFormat::Github => buffered(|out| github::report(&snap, &findings, out)),
        CheckFormat::Human => human::check(&snap, &findings),
    };
    if let Err(e) = result {
        eprintln!("crosswire: error: cannot write output: {e}");
        return EXIT_ERROR;
    }
    let failing = threshold(args.fail_on)
        .is_some_and(|t| findings.iter().any(|f| f.is_open() && f.severity >= t));
    // The process ends next: freeing every article's results one by one would only cost time.
    std::mem::forget(snap);
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

pub fn actors(args: ListArgs) -> i32 {
    list(
        &args,
        Scope::Everything,
        |snap, mut out| json::write_actors(snap, &mut out),
        human::actors,
    )
}

pub fn figures(args: ListArgs) -> i32 {
    list(&args, Scope::Figures, |snap, mut out| json::write_figures(snap, &mut out), human::figures)
}

type Output<'a> = std::io::BufWriter<std::io::StdoutLock<'a>>;

fn list(
    args: &ListArgs,
    scope: Scope,
    as_json: fn(&Snapshot, &mut dyn Write) -> std::io::Result<()>,
    as_text: fn(&Snapshot, &mut dyn Write) -> std::io::Result<()>,
) -> i32 {
    let snap =
        match load(&args.paths, args.config.as_deref(), args.format == ListFormat::Text, scope) {
            Ok(s) => s,
            Err(code) => return code,
        };
    let result = match args.format {
        ListFormat::Json => buffered(|out| {
            as_json(&snap, out)?;
            writeln!(out)
        }),
        ListFormat::Text => buffered(|out| as_text(&snap, out)),
    };
    finish(result)
}

/// Writes through a buffer (stdout is line-buffered: a large report would cost a system call
/// per line) and flushes, so that a write error is reported rather than lost on drop.
fn buffered(write: impl FnOnce(&mut Output) -> std::io::Result<()>) -> std::io::Result<()> {
    // a large buffer: a report of megabytes in a few system calls, not one per 8 KiB
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    write(&mut out)?;
    out.flush()
}

pub fn notes(args: ListArgs) -> i32 {
    list(
        &args,
        Scope::Everything,
        |snap, out| super::notes::write_json(snap, &crate::analysis::notes::resolve(snap), out),
        |snap, out| super::notes::write_text(snap, &crate::analysis::notes::resolve(snap), out),
    )
}

pub fn claimreview(args: ClaimReviewArgs) -> i32 {
    let snap = match load(&args.paths, args.config.as_deref(), false, Scope::Everything) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut skipped = Vec::new();
    let reviews = claimreview::reviews(
        &snap,
        &crate::analysis::notes::resolve(&snap),
        &args.url,
        &mut skipped,
    );
    for s in &skipped {
        eprintln!("crosswire: warning: {s}; not exported");
    }
    finish(buffered(|out| {
        serde_json::to_writer_pretty(&mut *out, &reviews)?;
        writeln!(out)
    }))
}

pub fn report(args: ReportArgs) -> i32 {
    let snap = match load(&args.paths, args.config.as_deref(), false, Scope::Everything) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let uses = crate::analysis::notes::resolve(&snap);
    for u in uses.iter() {
        if let Some(m) = u.stale_message(&snap.config.notes[u.index]) {
            eprintln!("crosswire: warning: {m}");
        }
    }
    let data = report::report(&snap, &uses);
    let text = match args.format {
        ReportFormat::Json => match serde_json::to_string_pretty(&data) {
            Ok(t) => t + "\n",
            Err(e) => {
                eprintln!("crosswire: error: cannot write the report: {e}");
                return EXIT_ERROR;
            }
        },
        ReportFormat::Html => report::html(&data, &report_title(&snap)),
    };
    match &args.out {
        None => finish(buffered(|out| out.write_all(text.as_bytes()))),
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("crosswire: error: cannot write {}: {e}", path.display());
                EXIT_ERROR
            }
        },
    }
}

/// "Coverage: <the most common title word run>…": the first article's title, else a plain one.
fn report_title(snap: &Snapshot) -> String {
    match snap.articles.iter().find_map(|a| a.article.meta.title.clone()) {
        Some(t) => format!("Coverage: {t}"),
        None => "Coverage".to_string(),
    }
}

fn finish(result: std::io::Result<()>) -> i32 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("crosswire: error: cannot write output: {e}");
            EXIT_ERROR
        }
    }
}
