//! Benchmarks of the analysis stages (see docs/performance.md): analysing one article, and the
//! corpus stages (link, compare, the whole snapshot, the snapshot after one edit) on generated
//! corpora of 10, 1,000 and 10,000 articles (`benches/support/gen.rs`, the generator behind
//! `examples/gen-corpus.rs`). `CROSSWIRE_BENCH_SIZES=10,1000` limits the sizes.
//!
//! Regression guards: `compare` at 10,000 articles was quadratic in the size of a conflicting
//! group (every conflicting figure built and summarised the full list of the figures it
//! contradicts); its time here must grow linearly with the corpus. The actor card and the
//! definitions of the most-mentioned actor were quadratic in the articles naming it. An edit
//! that keeps every name must not relink (`edit one article + snapshot` stays near `compare`).

#[path = "support/gen.rs"]
mod gen;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use crosswire::analysis::Workspace;
use crosswire::config::Config;
use crosswire::corpus::SourceFile;
use crosswire::findings::{self, ArticleFigures};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

fn seeds() -> Vec<(String, Arc<str>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut out: Vec<(String, Arc<str>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                Arc::from(std::fs::read_to_string(e.path()).unwrap()),
            )
        })
        .collect();
    out.sort();
    out
}

fn sizes() -> Vec<usize> {
    std::env::var("CROSSWIRE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 1000, 10_000])
}

fn workspace(n: usize) -> Workspace {
    let files: Vec<SourceFile> = gen::generate(n, 7)
        .articles
        .into_iter()
        .map(|(name, text)| SourceFile {
            path: PathBuf::from(&name),
            display: name,
            text: Arc::from(text),
        })
        .collect();
    Workspace::from_files(files, Config::default())
}

fn bench_seeds(c: &mut Criterion) {
    let seeds = seeds();
    let config = Config::default();
    c.bench_function("analyze one seed article", |b| {
        b.iter(|| crosswire::analysis::analyze(&seeds[4].0, seeds[4].1.clone(), &config))
    });
    // what `crosswire figures` does per article
    c.bench_function("analyze one seed article, figures only", |b| {
        b.iter(|| {
            crosswire::analysis::analyze_scoped(
                &seeds[4].0,
                seeds[4].1.clone(),
                &config,
                crosswire::analysis::Scope::Figures,
            )
        })
    });
    // what `crosswire check` does per article: the compared figures only
    c.bench_function("analyze one seed article, compared figures only (check)", |b| {
        b.iter(|| {
            crosswire::analysis::analyze_scoped(
                &seeds[4].0,
                seeds[4].1.clone(),
                &config,
                crosswire::analysis::Scope::Findings,
            )
        })
    });
    let mut ws = Workspace::new(Config::default());
    for (n, t) in &seeds {
        ws.set(n, t.clone());
    }
    c.bench_function("link and compare five seeds", |b| b.iter(|| ws.snapshot()));
}

fn bench_scale(c: &mut Criterion) {
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in sizes() {
        let ws = workspace(n);
        let snap = ws.snapshot();
        let articles = &snap.articles;
        let config = Config::default();
        g.bench_with_input(BenchmarkId::new("link", n), &n, |b, _| {
            let labels: Vec<&str> =
                articles.iter().map(|a| a.article.meta.label.as_str()).collect();
            let detected: Vec<&crosswire::actors::ArticleActors> =
                articles.iter().map(|a| &a.actors).collect();
            b.iter(|| crosswire::actors::link(&detected, &labels, &config))
        });
        g.bench_with_input(BenchmarkId::new("compare", n), &n, |b, _| {
            let figs: Vec<ArticleFigures<'_>> = articles
                .iter()
                .map(|a| ArticleFigures {
                    outlet: a.article.outlet(),
                    date: a.article.meta.date,
                    figures: &a.figures,
                })
                .collect();
            b.iter(|| findings::compare(&figs))
        });
        g.bench_with_input(BenchmarkId::new("snapshot", n), &n, |b, _| b.iter(|| ws.snapshot()));
        // the hover card of the most-mentioned actor: was quadratic in the articles naming it
        // (859 ms at 10,000 articles), now linear
        let top = (0..snap.linked.actors.len())
            .max_by_key(|&a| snap.linked.actors[a].members.len())
            .unwrap_or(0);
        g.bench_with_input(
            BenchmarkId::new("actor card of the most-mentioned actor (built)", n),
            &n,
            |b, _| b.iter(|| crosswire::analysis::query::build_actor_card(&snap, top)),
        );
        // what a hover pays once the cards are built (after linking, in the background)
        g.bench_with_input(
            BenchmarkId::new("actor card of the most-mentioned actor (cached)", n),
            &n,
            |b, _| b.iter(|| crosswire::analysis::query::actor_card(&snap, top)),
        );
        // go to definition: was quadratic (every article's introduction scanned every member)
        g.bench_with_input(
            BenchmarkId::new("definitions of the most-mentioned actor", n),
            &n,
            |b, _| {
                let target = crosswire::analysis::Target::Mention { mention: 0, actor: top };
                b.iter(|| crosswire::analysis::query::definitions(&snap, 0, target))
            },
        );
        // one article edited (its displaced-families figure changed), then the snapshot again:
        // the per-keystroke path of the language server
        let name = "00000.txt";
        let text = ws.get(name).unwrap().article.text.to_string();
        let edited: Arc<str> =
            Arc::from(text.replacen("Local officials said ", "Local officials said 1", 1));
        // each iteration sets the article to `changed` or back to its text, alternately, and
        // builds the snapshot after the previous one
        let alternate = |b: &mut criterion::Bencher, changed: &Arc<str>| {
            let mut ws = ws.clone();
            let mut prev = Arc::new(ws.snapshot());
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                ws.set(name, if flip { changed.clone() } else { Arc::from(text.as_str()) });
                prev = Arc::new(ws.snapshot_after(&prev));
            })
        };
        g.bench_with_input(BenchmarkId::new("edit one article + snapshot", n), &n, |b, _| {
            alternate(b, &edited)
        });
        // an edit that adds a person: the links cannot be kept, the corpus is linked again
        let with_name: Arc<str> =
            Arc::from(text.replacen("Local officials said ", "Analyst Maria Kowalska said ", 1));
        g.bench_with_input(
            BenchmarkId::new("edit adding a name + snapshot (relink)", n),
            &n,
            |b, _| alternate(b, &with_name),
        );
        // the same edit on the language server's diagnostics path: compare again only the
        // quantity keys of the edited article, no linking
        g.bench_with_input(
            BenchmarkId::new("edit one article + compare (diagnostics path)", n),
            &n,
            |b, _| {
                let mut ws = ws.clone();
                let mut prev = Arc::new(ws.unlinked_snapshot(None));
                let mut flip = false;
                b.iter(|| {
                    flip = !flip;
                    ws.set(name, if flip { edited.clone() } else { Arc::from(text.as_str()) });
                    prev = Arc::new(ws.unlinked_snapshot(Some(&prev)));
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench_seeds, bench_scale);
criterion_main!(benches);
