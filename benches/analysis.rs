//! Benchmarks of the analysis stages on the seed articles (see docs/performance.md).
use criterion::{criterion_group, criterion_main, Criterion};
use crosswire::analysis::Workspace;
use crosswire::config::Config;
use std::sync::Arc;

fn seeds() -> Vec<(String, Arc<str>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut out: Vec<(String, Arc<str>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().to_string(), Arc::from(std::fs::read_to_string(e.path()).unwrap())))
        .collect();
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let seeds = seeds();
    let config = Config::default();
    c.bench_function("analyze one seed article", |b| b.iter(|| crosswire::analysis::analyze(&seeds[4].0, seeds[4].1.clone(), &config)));
    let mut ws = Workspace::new(Config::default());
    for (n, t) in &seeds {
        ws.set(n, t.clone());
    }
    c.bench_function("link and compare five seeds", |b| b.iter(|| ws.snapshot()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
