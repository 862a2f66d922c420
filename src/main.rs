// mimalloc: the analysis allocates many small, short-lived values on every core (tokens,
// lowercased words, figures); glibc's allocator spent about 6% of a cold `check` on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(crosswire::cli::main());
}
