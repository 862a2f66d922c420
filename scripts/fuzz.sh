#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each). Needs the nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in fuzz/artifacts/<target>/; turn each
# into a regression test in tests/fuzz_regressions.rs before fixing it.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(figures article positions config lsp_messages html)
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  [ "$t" = figures ] || [ "$t" = article ] && cp -n fixtures/seeds/*.txt "fuzz/corpus/$t/" 2>/dev/null || true
  [ "$t" = html ] && cp -n fixtures/html/*.html "fuzz/corpus/$t/" 2>/dev/null || true
  echo "== fuzz $t for ${secs}s"
  cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -max_len=8192 2>&1 | grep -E "^(#[0-9]+.*DONE|==[0-9]+==|SUMMARY|Done)|panicked|Test unit written" || true
done
