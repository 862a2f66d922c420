//! Wall time of each stage of `crosswire check` (figures only): walk and read, analyse (all
//! cores), compare, render JSON.
//!
//!     cargo run --release --example check-stages -- DIR
use crosswire::analysis::{Scope, Workspace};
use crosswire::config::Config;
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let t = Instant::now();
    let loaded =
        crosswire::corpus::load(&[dir], &crosswire::corpus::ArticleFilter::default(), u64::MAX);
    eprintln!(
        "walk + read: {:.0} ms ({} files)",
        t.elapsed().as_secs_f64() * 1e3,
        loaded.files.len()
    );
    let t = Instant::now();
    let ws = Workspace::from_files_scoped(loaded.files, Config::default(), Scope::Findings, &|| {});
    eprintln!("analyse (figures): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let snap = ws.unlinked_snapshot(None);
    eprintln!(
        "compare: {:.0} ms ({} findings)",
        t.elapsed().as_secs_f64() * 1e3,
        snap.findings.len()
    );
}
