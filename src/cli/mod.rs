//! The command line: `crosswire check | actors | figures | lsp`. Each command loads the corpus,
//! runs the core, and renders plain data; rendering lives in `human.rs` and `json.rs`.

mod claimreview;
mod commands;
mod github;
mod human;
mod json;
mod notes;
mod report;
mod sarif;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "crosswire", version, about = "Cross-examines the coverage of one event across news outlets", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Report contradictions between outlets (exit 1 when a finding reaches --fail-on).
    Check(CheckArgs),
    /// List the actors found and how they were linked.
    Actors(ListArgs),
    /// List the figures found, with their ranges and what they count.
    Figures(ListArgs),
    /// List the notes of crosswire.json and where each applies (stale ones say so).
    Notes(ListArgs),
    /// Write what the notes say in a format others read.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Write the coverage report: outlets side by side, actors, compared figures, notes.
    Report(ReportArgs),
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for editor clients that append it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Article files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// The lowest severity that makes the run fail.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Also list findings acknowledged in crosswire.json.
    #[arg(long)]
    pub show_acknowledged: bool,
    /// Folder holding crosswire.json (default: the single folder argument, else the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Article files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Folder holding crosswire.json (default: the single folder argument, else the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum ExportWhat {
    /// schema.org ClaimReview JSON-LD for every note with a verdict.
    Claimreview(ClaimReviewArgs),
}

#[derive(clap::Args, Debug)]
pub struct ClaimReviewArgs {
    /// Article files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// The URL of the page that publishes the fact check (ClaimReview requires it); each
    /// review gets this URL with a page jump to its note (`#note-1`).
    #[arg(long)]
    pub url: String,
    /// Folder holding crosswire.json (default: the single folder argument, else the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Article files or folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Where to write the report (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Folder holding crosswire.json (default: the single folder argument, else the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// one self-contained page (inline CSS and SVG, nothing fetched)
    Html,
    /// the same data as JSON
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// rustc/ruff-style diagnostics with source snippets
    Human,
    /// the documented JSON contract (version 1)
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards
    Sarif,
    /// GitHub Actions annotations (workflow commands)
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Never,
}

/// Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage or I/O error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => commands::check(args),
        Command::Actors(args) => commands::actors(args),
        Command::Figures(args) => commands::figures(args),
        Command::Notes(args) => commands::notes(args),
        Command::Export { what: ExportWhat::Claimreview(args) } => commands::claimreview(args),
        Command::Report(args) => commands::report(args),
        Command::Lsp { .. } => crate::lsp::run_stdio(),
    }
}
