//! The server process's resident memory under glibc's allocator.
//!
//! The server is long-lived and its work comes in bursts on many threads: indexing on the rayon
//! pool, linking and every request on tokio's blocking threads, publishing on its workers. By
//! default glibc gives each of those threads an arena of its own (up to 8 per core), and memory
//! freed in one arena is reused only by the threads of that arena, so the transient peaks of the
//! bursts add up instead of sharing the same pages (at 10,000 articles, 365 MB resident after
//! indexing with the default, 304 MB with one arena). Nor does glibc give freed pages back to the
//! system unless they sit at the top of the heap.
//!
//! [`tune`] asks for a single arena (the server runs on a few cores, and glibc's per-thread
//! caches keep the lock off the small allocations), and for every block of 256 KiB or more to be
//! mapped on its own: glibc's default threshold rises to 32 MiB as large blocks are freed, after
//! which the text of a large answer (10 MB) grows by copying inside the heap and leaves a hole
//! there. Mapped, it grows in place (mremap) and goes back to the system when freed.
//! [`release`] hands the free pages of the heap back after a burst (a relinking, a large answer).
//! Elsewhere (other C libraries, other systems) both do nothing. `MALLOC_ARENA_MAX` and
//! `MALLOC_MMAP_THRESHOLD_` in the environment take precedence over [`tune`].

/// Sets the allocator up for the server: call before the runtime starts its threads.
pub(crate) fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before the server's threads start.
    unsafe {
        // What the user set in the environment stands (glibc reads these itself).
        if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
        if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
        }
    }
}

/// Returns the allocator's free pages to the system (a few milliseconds on a large heap: call
/// off the request path, after the work that freed them).
pub(crate) fn release() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
