//! Wall time of each stage of a cold check on a folder: load, analyse (all cores), link,
//! compare; and of the incremental snapshot after one edit.
//!
//!     cargo run --release --example stage-times -- DIR
use crosswire::analysis::Workspace;
use crosswire::config::Config;
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let t = Instant::now();
    let loaded =
        crosswire::corpus::load(&[dir], &crosswire::corpus::ArticleFilter::default(), u64::MAX);
    let bytes: usize = loaded.files.iter().map(|f| f.text.len()).sum();
    eprintln!(
        "load: {:.0} ms ({} files, {:.1} MB)",
        t.elapsed().as_secs_f64() * 1e3,
        loaded.files.len(),
        bytes as f64 / 1e6
    );
    let t = Instant::now();
    let mut ws = Workspace::from_files(loaded.files, Config::default());
    eprintln!("analyse: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let unlinked = ws.unlinked_snapshot(None);
    eprintln!(
        "compare: {:.0} ms ({} findings)",
        t.elapsed().as_secs_f64() * 1e3,
        unlinked.findings.len()
    );
    let t = Instant::now();
    let snap = unlinked.with_links();
    let entities: usize = snap.articles.iter().map(|a| a.actors.entities.len()).sum();
    eprintln!(
        "link: {:.0} ms ({} entities, {} actors)",
        t.elapsed().as_secs_f64() * 1e3,
        entities,
        snap.linked.actors.len()
    );
    let name = ws.names().next().unwrap().to_string();
    let text = ws.get(&name).unwrap().article.text.to_string();
    for round in 0..3 {
        let edited = if round % 2 == 0 {
            text.replacen("Local officials said ", "Local officials said 1", 1)
        } else {
            text.clone()
        };
        let t = Instant::now();
        ws.set(&name, Arc::from(edited));
        let a = t.elapsed();
        let t = Instant::now();
        let u = ws.unlinked_snapshot(Some(&snap));
        let b = t.elapsed();
        let t = Instant::now();
        let _full = u.with_links();
        eprintln!(
            "edit {round}: analyse {:.1} ms, compare (incremental) {:.1} ms, link {:.0} ms",
            a.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
