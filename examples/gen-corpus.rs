//! Generates a deterministic story folder of N articles by recombining the seed sentences, for
//! benchmarks and checks at scale:
//!
//!     cargo run --release --example gen-corpus -- --articles 10000 --out /tmp/corpus --seed 7
//!
//! Each article gets an outlet (masthead line), a date in October 2016, a headline and 6–18
//! paragraphs drawn from the seeds, with names respelled (Sergey/Sergei, Fateh/Fatah…), the
//! curly quotes and dashes kept. Planted on purpose, and listed in `expected.json`:
//! - conflicts: every 10th article reports how many people were displaced this month; every
//!   100th states a figure three times the one the others give (another outlet's, always);
//! - traps: durations, addresses, registration numbers, dates and ages that must never alarm.
//!
//! `--figure-dense` adds three sentences of casualty, arrest, money and vote figures after every
//! paragraph, so that most sentences carry a figure (for `scripts/bench-check.sh` with
//! `BENCH_DENSE=1`).

#[path = "../benches/support/gen.rs"]
mod gen;

use std::path::PathBuf;

struct Args {
    articles: usize,
    out: PathBuf,
    seed: u64,
    figure_dense: bool,
}

fn parse_args() -> Args {
    let mut args =
        Args { articles: 1000, out: PathBuf::from("corpus"), seed: 7, figure_dense: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--articles" => args.articles = value().parse().expect("--articles N"),
            "--out" => args.out = PathBuf::from(value()),
            "--seed" => args.seed = value().parse().expect("--seed N"),
            "--figure-dense" => args.figure_dense = true,
            other => panic!(
                "unknown argument {other}; use --articles N --out DIR --seed N [--figure-dense]"
            ),
        }
    }
    args
}

fn main() {
    let args = parse_args();
    std::fs::create_dir_all(&args.out).expect("create output folder");
    let g = gen::generate_with(args.articles, args.seed, args.figure_dense);
    let mut bytes = 0usize;
    for (name, text) in &g.articles {
        bytes += text.len();
        std::fs::write(args.out.join(name), text).expect("write article");
    }
    let expected = serde_json::json!({"articles": args.articles, "seed": args.seed, "bytes": bytes, "planted_conflicts": g.planted});
    std::fs::write(
        args.out.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap(),
    )
    .expect("write expected.json");
    eprintln!(
        "{} articles, {:.1} MB, {} planted conflicts in {}",
        args.articles,
        bytes as f64 / 1e6,
        g.planted.len(),
        args.out.display()
    );
}
