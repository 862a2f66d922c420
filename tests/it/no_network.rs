//! No network, no execution (issue 9, part 3): crosswire reads articles and speaks LSP over stdio;
//! it never opens a socket and never starts a program.
//!
//! - The dependency tree (the repository's `Cargo.lock`, dev-dependencies included) holds no
//!   HTTP, TLS or socket crate.
//! - The real binary, run under `strace -f`, makes no network system call and starts no program
//!   (no `execve` but its own, no `fork`/`vfork`, no `clone` that is not a thread) while it checks
//!   the seeds (`check`, `actors`) and while it serves a short language-server session (initialize,
//!   open a seed, its diagnostics, shutdown, exit).
//!
//! The traces need `strace` (`.ci/run` installs it). Without it, or where ptrace is not allowed,
//! the trace tests fail and say so, unless `CROSSWIRE_SKIP_STRACE=1`, which skips them (the
//! `Cargo.lock` test always runs).

use crate::lsp_client;

use lsp_client::{caps_plain, copy_seeds, seed, uri, LspClient};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosswire");

/// Crates whose job is the network: HTTP clients and servers, TLS stacks, sockets, resolvers,
/// remote Git/SSH. tokio and mio are not here: crosswire uses tokio for stdio, timers and tasks
/// and mio (through notify) for inotify, neither with the `net` feature; the traces below check
/// that what runs opens no socket.
const NETWORK_CRATES: &[(&str, &str)] = &[
    ("reqwest", "an HTTP client"),
    ("hyper", "an HTTP client and server"),
    ("hyper-util", "hyper's client and server utilities"),
    ("hyper-tls", "HTTPS for hyper"),
    ("hyper-rustls", "HTTPS for hyper"),
    ("h2", "HTTP/2"),
    ("h3", "HTTP/3"),
    ("quinn", "QUIC"),
    ("ureq", "an HTTP client"),
    ("curl", "libcurl, a network client"),
    ("curl-sys", "libcurl, a network client"),
    ("isahc", "an HTTP client"),
    ("attohttpc", "an HTTP client"),
    ("surf", "an HTTP client"),
    ("http-client", "an HTTP client"),
    ("minreq", "an HTTP client"),
    ("awc", "an HTTP client"),
    ("ehttp", "an HTTP client"),
    ("axum", "an HTTP server"),
    ("actix-web", "an HTTP server"),
    ("warp", "an HTTP server"),
    ("tiny_http", "an HTTP server"),
    ("tungstenite", "WebSockets"),
    ("tokio-tungstenite", "WebSockets"),
    ("native-tls", "TLS"),
    ("tokio-native-tls", "TLS"),
    ("openssl", "TLS"),
    ("openssl-sys", "TLS"),
    ("rustls", "TLS"),
    ("tokio-rustls", "TLS"),
    ("async-tls", "TLS"),
    ("socket2", "raw sockets (tokio's `net` feature pulls it in)"),
    ("trust-dns-resolver", "DNS resolution"),
    ("hickory-resolver", "DNS resolution"),
    ("git2", "libgit2, which can fetch over the network"),
    ("ssh2", "SSH"),
    ("libssh2-sys", "SSH"),
];

fn locked_packages() -> Vec<String> {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock");
    let text = std::fs::read_to_string(&lock)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", lock.display()));
    text.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .map(str::to_string)
        .collect()
}

#[test]
fn cargo_lock_has_no_http_tls_or_socket_crate() {
    let packages = locked_packages();
    // The parse must see the lock's packages, or the check below would pass on nothing.
    for expected in ["crosswire", "tower-lsp-server", "tokio", "serde_json"] {
        assert!(
            packages.iter().any(|p| p == expected),
            "Cargo.lock parsed badly: no package {expected} among {packages:?}"
        );
    }
    let found: Vec<String> = NETWORK_CRATES
        .iter()
        .filter(|(name, _)| packages.iter().any(|p| p == name))
        .map(|(name, why)| format!("{name} ({why})"))
        .collect();
    assert!(
        found.is_empty(),
        "Cargo.lock holds network crates: {}.\ncrosswire reads local files and speaks LSP over stdio only; it must not be \
         able to reach the network (issue 9). Find who pulls them in with `cargo tree -i <crate> -e all` and turn \
         that feature or dependency off.",
        found.join(", ")
    );
}

// --- strace ----------------------------------------------------------------------------------------

/// `Some(path of strace)` when it is installed and may trace here; `None` when the trace tests are
/// skipped on purpose (CROSSWIRE_SKIP_STRACE=1). Anything else fails the test with the reason.
fn strace() -> Option<&'static str> {
    if std::env::var("CROSSWIRE_SKIP_STRACE").as_deref() == Ok("1") {
        eprintln!("no_network: CROSSWIRE_SKIP_STRACE=1, the strace checks are skipped");
        return None;
    }
    let how = "Install strace (apt-get install strace; .ci/run does it), or set CROSSWIRE_SKIP_STRACE=1 to skip \
               the trace checks on purpose.";
    match Command::new("strace").arg("-V").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!("`strace -V` failed ({}): {}\n{how}", out.status, String::from_utf8_lossy(&out.stderr)),
        Err(e) => panic!(
            "strace is not installed ({e}): these tests trace the crosswire binary's system calls to show that it \
             opens no socket and starts no program.\n{how}"
        ),
    }
    let probe = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .output()
        .expect("run strace");
    assert!(
        probe.status.success(),
        "strace is installed but cannot trace here (ptrace not permitted? a container needs CAP_SYS_PTRACE): {}\n{how}",
        String::from_utf8_lossy(&probe.stderr)
    );
    Some("strace")
}

/// One traced system call: the thread id, the call's name and the whole line.
struct Call {
    pid: u32,
    name: String,
    line: String,
    resumed: bool,
}

/// Reads an `strace -f -o FILE` trace: system-call lines only (no signals, no exits).
fn read_trace(file: &Path) -> Vec<Call> {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read the trace {}: {e}", file.display()));
    let mut calls = Vec::new();
    for line in text.lines() {
        let Some((pid, rest)) = line.split_once(char::is_whitespace) else { continue };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        let rest = rest.trim_start();
        if rest.starts_with("+++") || rest.starts_with("---") {
            continue;
        }
        let (resumed, rest) = match rest.strip_prefix("<... ") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String =
            rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            calls.push(Call { pid, name, line: line.to_string(), resumed });
        }
    }
    calls
}

/// A fresh file for a trace, in a temporary folder kept until the end of the test.
fn trace_file(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn strace_args<'a>(class: &'a str, out: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["-f", "-qq", "-e", class, "-o", out.to_str().unwrap(), "--", BIN];
    v.extend_from_slice(args);
    v
}

/// Runs `crosswire args...` under `strace -f -e trace=CLASS -o FILE` and returns the trace.
fn traced_run(
    strace: &str,
    class: &str,
    args: &[&str],
    dir: &tempfile::TempDir,
    name: &str,
) -> Vec<Call> {
    let file = trace_file(dir, name);
    let out = Command::new(strace)
        .args(strace_args(class, &file, args))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run crosswire under strace");
    // check exits 1 when it finds a contradiction at or above --fail-on (the seeds have one).
    let code = out.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "crosswire {} under strace exited with {:?}: {}",
        args.join(" "),
        code,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty(), "crosswire {} printed nothing", args.join(" "));
    read_trace(&file)
}

/// A short language-server session under strace: initialize with a copy of the seeds as the
/// workspace folder (a plain client, so the server also runs its own file watcher), open seed
/// 002, wait for its diagnostics (the 275,000 conflict), shutdown, exit.
fn traced_lsp_session(strace: &str, class: &str, dir: &tempfile::TempDir, name: &str) -> Vec<Call> {
    let file = trace_file(dir, name);
    let seeds = copy_seeds();
    let root = seeds.path().canonicalize().unwrap();
    let mut client = LspClient::spawn_program(strace, &strace_args(class, &file, &["lsp"]));
    client.initialize(&root, caps_plain());
    let article = seed(&root, "002");
    let text = std::fs::read_to_string(&article).unwrap();
    client.open(&article, &text, 1);
    let diags = client.wait_diagnostics_from(0, &uri(&article), |p| {
        p["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|x| x["code"] == json!("figure-conflict")))
    });
    assert!(!diags["diagnostics"].as_array().unwrap().is_empty());
    let (status, _) = client.shutdown_and_exit();
    assert!(status.success(), "crosswire lsp under strace exited with {status}");
    read_trace(&file)
}

/// The trace of `-e trace=%network` holds no system call at all.
fn assert_no_network(what: &str, calls: &[Call]) {
    let lines: Vec<&str> = calls.iter().map(|c| c.line.as_str()).collect();
    assert!(
        lines.is_empty(),
        "{what}: network system calls (crosswire must open no socket):\n  {}",
        lines.join("\n  ")
    );
}

/// The trace of `-e trace=%process`: exactly one execve, of the binary itself, by the first
/// process; no fork or vfork; every clone a thread (CLONE_THREAD).
fn assert_no_program_started(what: &str, calls: &[Call]) {
    let first = calls
        .first()
        .unwrap_or_else(|| panic!("{what}: an empty process trace (not even the execve)"));
    let execs: Vec<&Call> = calls
        .iter()
        .filter(|c| !c.resumed && (c.name == "execve" || c.name == "execveat"))
        .collect();
    assert_eq!(
        execs.len(),
        1,
        "{what}: programs started:\n  {}",
        execs.iter().map(|c| c.line.as_str()).collect::<Vec<_>>().join("\n  ")
    );
    assert!(
        first.name == "execve" && first.line.contains(&format!("execve(\"{BIN}\"")),
        "{what}: the trace should start with the execve of {BIN}; it starts with {}",
        first.line
    );
    assert_eq!(execs[0].pid, first.pid, "{what}: the execve is not the first process's");
    let forks: Vec<&str> = calls
        .iter()
        .filter(|c| c.name == "fork" || c.name == "vfork")
        .map(|c| c.line.as_str())
        .collect();
    assert!(forks.is_empty(), "{what}: processes forked:\n  {}", forks.join("\n  "));
    let clones: Vec<&Call> =
        calls.iter().filter(|c| !c.resumed && (c.name == "clone" || c.name == "clone3")).collect();
    let not_threads: Vec<&str> = clones
        .iter()
        .filter(|c| !c.line.contains("CLONE_THREAD"))
        .map(|c| c.line.as_str())
        .collect();
    assert!(
        not_threads.is_empty(),
        "{what}: clones that are not threads (new processes):\n  {}",
        not_threads.join("\n  ")
    );
}

#[test]
fn check_and_actors_on_the_seeds_open_no_socket() {
    let Some(strace) = strace() else { return };
    let dir = tempfile::tempdir().unwrap();
    // and the coverage report, whose page must fetch nothing either (tests/report-browser)
    let runs =
        [["check", "fixtures/seeds"], ["actors", "fixtures/seeds"], ["report", "fixtures/seeds"]];
    for (i, args) in runs.iter().enumerate() {
        let calls = traced_run(strace, "trace=%network", args, &dir, &format!("net-{i}.txt"));
        assert_no_network(&format!("crosswire {}", args.join(" ")), &calls);
    }
}

#[test]
fn check_and_actors_on_the_seeds_start_no_program() {
    let Some(strace) = strace() else { return };
    let dir = tempfile::tempdir().unwrap();
    // and the coverage report, whose page must fetch nothing either (tests/report-browser)
    let runs =
        [["check", "fixtures/seeds"], ["actors", "fixtures/seeds"], ["report", "fixtures/seeds"]];
    for (i, args) in runs.iter().enumerate() {
        let calls = traced_run(strace, "trace=%process", args, &dir, &format!("proc-{i}.txt"));
        assert_no_program_started(&format!("crosswire {}", args.join(" ")), &calls);
    }
}

#[test]
fn language_server_session_opens_no_socket() {
    let Some(strace) = strace() else { return };
    let dir = tempfile::tempdir().unwrap();
    let calls = traced_lsp_session(strace, "trace=%network", &dir, "lsp-net.txt");
    assert_no_network("crosswire lsp", &calls);
}

#[test]
fn language_server_session_starts_no_program() {
    let Some(strace) = strace() else { return };
    let dir = tempfile::tempdir().unwrap();
    let calls = traced_lsp_session(strace, "trace=%process", &dir, "lsp-proc.txt");
    assert_no_program_started("crosswire lsp", &calls);
    // The server runs threads (tokio, rayon, the file watcher): the trace did see clones, so the
    // check above had something to check.
    assert!(
        calls.iter().any(|c| c.name == "clone" || c.name == "clone3"),
        "no thread in the server's trace?"
    );
}

/// The parser of traces itself, on lines as strace 6 writes them.
#[test]
fn trace_lines_are_read_as_calls() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.txt");
    let threads = format!(
        "7390  execve(\"{BIN}\", [\"crosswire\"], 0x7ffd /* 35 vars */) = 0\n\
         7390  clone3({{flags=CLONE_VM|CLONE_THREAD|CLONE_SETTLS, child_tid=0x1}} <unfinished ...>\n\
         7390  <... clone3 resumed> => {{parent_tid=[7391]}}, 88) = 7391\n\
         7391  --- SIGCHLD {{si_signo=SIGCHLD}} ---\n\
         7391  +++ exited with 0 +++\n"
    );
    std::fs::write(&file, &threads).unwrap();
    let calls = read_trace(&file);
    let names: Vec<(&str, bool)> = calls.iter().map(|c| (c.name.as_str(), c.resumed)).collect();
    assert_eq!(names, [("execve", false), ("clone3", false), ("clone3", true)]);
    assert_no_program_started("threads only", &calls);

    // A process started (clone without CLONE_THREAD, as posix_spawn does) and a socket.
    let spawning = format!(
        "{threads}7390  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD) = 7400\n\
         7391  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3\n"
    );
    std::fs::write(&file, spawning).unwrap();
    let calls = read_trace(&file);
    assert_eq!(calls[4].name, "socket");
    assert_eq!(calls[4].pid, 7391);
    let message = |r: std::thread::Result<()>| {
        let e = r.unwrap_err();
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    };
    let spawned = message(std::panic::catch_unwind(|| assert_no_program_started("sample", &calls)));
    assert!(spawned.contains("not threads") && spawned.contains("SIGCHLD"), "{spawned}");
    let network = message(std::panic::catch_unwind(|| assert_no_network("sample", &calls[4..])));
    assert!(network.contains("socket(AF_INET"), "{network}");
}
