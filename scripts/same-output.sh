#!/usr/bin/env bash
# Compares the reports of two crosswire binaries byte for byte, for speed work that must not
# change results: `actors`, `figures` (JSON and text) and `check` (every format) on the seeds, on every ECB+ topic in
# ../shared/ecbplus/topics when present, and on any folders given (e.g. generated corpora).
#   scripts/same-output.sh BASE_BIN [NEW_BIN] [FOLDER...]
# Build the base from an older commit in a worktree:
#   git worktree add /tmp/base <commit> && CARGO_TARGET_DIR=/tmp/base-target cargo build --release --manifest-path /tmp/base/Cargo.toml
set -uo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/same-output.sh BASE_BIN [NEW_BIN] [FOLDER...]}
new=${2:-target/release/crosswire}
shift $(( $# >= 2 ? 2 : 1 ))
folders=(fixtures/seeds "$@")
[ -d ../shared/ecbplus/topics ] && folders+=(../shared/ecbplus/topics/*/)
tmp=$(mktemp -d)
differ=0 compared=0
for dir in "${folders[@]}"; do
  for cmd in "actors --format json" "figures --format json" "actors" "figures" "check --format json --fail-on never" "check --format sarif --fail-on never" "check --format github --fail-on never" "check --fail-on never"; do
    # shellcheck disable=SC2086
    "$base" $cmd "$dir" > "$tmp/base" 2>/dev/null
    # shellcheck disable=SC2086
    "$new" $cmd "$dir" > "$tmp/new" 2>/dev/null
    compared=$((compared + 1))
    cmp -s "$tmp/base" "$tmp/new" || { differ=$((differ + 1)); echo "differs: $cmd $dir"; }
  done
done
rm -rf "$tmp"
echo "$compared reports compared, $differ differ"
[ "$differ" -eq 0 ]
