//! Live heap after each stage of the language server's cold start (load, analyse, compare,
//! link, actor cards), and its peak: where the memory of a large corpus goes. A counting
//! allocator wraps the system one; it also counts live allocations, each of which costs glibc
//! 8 to 24 bytes more than asked for (a chunk header, rounding to 16, 32 bytes at least).
//!
//!     cargo run --release --example mem-stages -- DIR
use crosswire::analysis::Workspace;
use crosswire::config::Config;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
            COUNT.fetch_add(1, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
        COUNT.fetch_sub(1, Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new_size) };
        if !q.is_null() {
            let now = LIVE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
            LIVE.fetch_sub(l.size(), Relaxed);
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(n: usize) -> f64 {
    n as f64 / 1e6
}

fn report(stage: &str, corpus: usize) {
    let (live, peak, count) = (LIVE.load(Relaxed), PEAK.load(Relaxed), COUNT.load(Relaxed));
    eprintln!(
        "{stage:<28} live {:8.1} MB ({:5.1}× corpus) in {:9} allocations   peak so far {:8.1} MB ({:5.1}×)",
        mb(live),
        live as f64 / corpus as f64,
        count,
        mb(peak),
        peak as f64 / corpus as f64
    );
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let loaded =
        crosswire::corpus::load(&[dir], &crosswire::corpus::ArticleFilter::default(), u64::MAX);
    let bytes: usize = loaded.files.iter().map(|f| f.text.len()).sum::<usize>().max(1);
    report("load", bytes);
    let ws = Workspace::from_files(loaded.files, Config::default());
    report("analyse", bytes);
    breakdown(&ws);
    let unlinked = ws.unlinked_snapshot(None);
    report("compare", bytes);
    let snap = unlinked.with_links();
    report("link", bytes);
    snap.warm_cards();
    report("actor cards", bytes);
    drop(snap);
    report("snapshot dropped", bytes);
    drop(ws);
    report("workspace dropped", bytes);
}

fn st(s: &str) -> usize {
    s.len()
}

/// Approximate heap bytes of the per-article results, by part (lengths, not capacities).
fn breakdown(ws: &Workspace) {
    let (
        mut mentions,
        mut entities,
        mut keys,
        mut reasons,
        mut roles,
        mut figures,
        mut lines,
        mut other,
    ) = (0, 0, 0, 0, 0, 0, 0, 0);
    let (mut n_mentions, mut n_entities, mut n_keys, mut n_reasons, mut n_figures) =
        (0, 0, 0, 0, 0);
    for name in ws.names() {
        let a = ws.get(name).unwrap();
        n_mentions += a.actors.mentions.len();
        mentions += a.actors.mentions.len() * std::mem::size_of::<crosswire::actors::Mention>();
        for e in &a.actors.entities {
            n_entities += 1;
            entities += std::mem::size_of::<crosswire::actors::Entity>()
                + st(&e.name)
                + e.mentions.len() * 8;
            n_keys += e.keys.len();
            keys += e.keys.iter().map(|k| 32 + k.text().len()).sum::<usize>();
            n_reasons += e.reasons.len();
            reasons += e.reasons.iter().map(|k| 24 + k.len()).sum::<usize>();
            roles += e.roles.iter().map(|r| 40 + r.text.len()).sum::<usize>()
                + e.quotes.iter().map(|r| 40 + r.text.len()).sum::<usize>();
        }
        n_figures += a.figures.len();
        figures += a
            .figures
            .iter()
            .map(|f| {
                std::mem::size_of::<crosswire::figures::Figure>()
                    + f.text.len()
                    + [f.counts(), f.predicate(), f.place()]
                        .iter()
                        .map(|o| o.map_or(0, str::len))
                        .sum::<usize>()
                    // the key's and the frame's strings, about as long as the key written out
                    + f.key().as_ref().map_or(0, |k| 2 * k.to_string().len())
            })
            .sum::<usize>();
        lines += a.article.text.lines().count() * 8;
        other += a.article.excluded.len() * 16 + a.article.name.len() * 2;
    }
    eprintln!("  mentions {:.1} MB ({n_mentions}), entities {:.1} MB ({n_entities}), keys {:.1} MB ({n_keys}), in-article reasons {:.1} MB ({n_reasons}), roles+quotes {:.1} MB, figures {:.1} MB ({n_figures}), line index {:.1} MB, other {:.1} MB", mb(mentions), mb(entities), mb(keys), mb(reasons), mb(roles), mb(figures), mb(lines), mb(other));
}
