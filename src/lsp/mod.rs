//! The language server: a thin translator between LSP and the analysis core.

/// Runs the language server over stdio until the client says exit. Returns the exit code.
pub fn run_stdio() -> i32 {
    eprintln!("crosswire lsp: not implemented yet");
    2
}
