use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

/// The allocator: mimalloc for the one-shot commands (`check`, `figures`, `actors`...), glibc's
/// (through `System`) for the language server.
///
/// A one-shot command allocates and frees millions of small blocks on every core (tokens,
/// figures, their texts) and exits: mimalloc's thread-local free lists cut its CPU time by about
/// 6% (`check` on 10,000 figure-dense articles; its instructions by 3.5%), for 15% more peak
/// RSS. The server lives long and in bursts, where glibc's tuned single arena gives memory back
/// (`lsp/allocator.rs`) and mimalloc held 50% more (docs/performance.md); it keeps glibc's.
///
/// The choice is made in `main`, before any thread starts; the few blocks allocated before it
/// (the arguments) stay glibc's, and every block is freed by the allocator it came from:
/// mimalloc knows the memory it manages (`mi_is_in_heap_region`, a look in its page map).
/// mimalloc is built without transparent huge pages (`no_thp`): with them the same run's system
/// time tripled and its RSS rose by half.
struct Chosen;

/// Whether new blocks come from mimalloc.
static ONE_SHOT: AtomicBool = AtomicBool::new(false);

// SAFETY: every block goes back to the allocator that gave it (see `Chosen`), and both
// allocators uphold `GlobalAlloc`'s contract for the blocks they give.
unsafe impl GlobalAlloc for Chosen {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ONE_SHOT.load(Ordering::Relaxed) {
            mimalloc::MiMalloc.alloc(layout)
        } else {
            System.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if ONE_SHOT.load(Ordering::Relaxed) {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        } else {
            System.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if from_mimalloc(ptr) {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        } else {
            System.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // a block grows within the allocator it came from
        if from_mimalloc(ptr) {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        } else {
            System.realloc(ptr, layout, new_size)
        }
    }
}

fn from_mimalloc(ptr: *mut u8) -> bool {
    // SAFETY: a look-up by address only; it never dereferences `ptr`.
    unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

#[global_allocator]
static GLOBAL: Chosen = Chosen;

fn main() {
    // `crosswire lsp` is the server; every other command runs once and exits
    let server = std::env::args_os().nth(1).is_some_and(|a| a == "lsp");
    ONE_SHOT.store(!server, Ordering::Relaxed);
    std::process::exit(crosswire::cli::main());
}
