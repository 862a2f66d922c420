//! The integration tests, in one test crate so that they link once: the CLI and the language
//! server through the real binary (`CARGO_BIN_EXE_crosswire`), the seeds' findings and actors,
//! and the properties and exactness checks of the library. `cargo test --test it NAME` runs
//! one part (e.g. `lsp_protocol::`).

#[path = "../../benches/support/gen.rs"]
mod gen;
#[path = "../common/lsp_client.rs"]
mod lsp_client;

mod actors_linking;
mod actors_seeds;
mod bounded;
mod ci_formats;
mod cli;
mod confinement;
mod figures_exact;
mod figures_frames;
mod figures_seeds;
mod figures_table;
mod hostile;
mod html_pages;
mod incremental;
mod lsp_abuse;
mod lsp_actions;
mod lsp_features;
mod lsp_notes;
mod lsp_protocol;
mod no_network;
mod notes;
mod number_model;
mod properties;

/// `crosswire ARGS PATH` through the real binary, without colour: the CLI tests' one way to run it.
fn crosswire_on(args: &[&str], path: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crosswire"))
        .env("NO_COLOR", "1")
        .args(args)
        .arg(path)
        .output()
        .expect("run crosswire")
}
