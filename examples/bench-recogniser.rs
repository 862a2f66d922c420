//! Times the recogniser alone, single-threaded, over the `.txt` files of a folder (e.g. the
//! generated corpus of `scripts/bench-check.sh`): `cargo run --release --example
//! bench-recogniser -- /tmp/crosswire-bench/10000 [ROUNDS [WEIGHTS]]`. Prints the best round's seconds and
//! a checksum of what was found, so that two builds can be compared for speed and sameness.
use crosswire::actors::recognise::{self, Model};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a folder of .txt files");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("a number of rounds"));
    // a weights file other than the shipped one
    let model = args.next().map(|file| {
        Model::from_bytes(&std::fs::read(file).expect("a readable file")).expect("a weights file")
    });
    let model = model.as_ref().unwrap_or(&recognise::SHIPPED);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> =
        paths.iter().map(|p| std::fs::read_to_string(p).expect("a UTF-8 text")).collect();
    // the model is read outside the timing
    let _ = recognise::recognise_with(model, None, "Warm up.", &[]);
    let mut best = f64::INFINITY;
    let mut checksum = 0u64;
    for _ in 0..rounds {
        let start = Instant::now();
        checksum = 0;
        for t in &texts {
            let reading = recognise::recognise_with(model, None, t, &[]);
            for n in &reading.names {
                checksum =
                    checksum.wrapping_mul(31).wrapping_add(n.span.start as u64 + n.kind as u64);
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("{} texts: best of {rounds} rounds {best:.3} s; checksum {checksum:x}", texts.len());
}
