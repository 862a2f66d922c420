#!/usr/bin/env bash
# Wall time and peak RSS of every report crosswire writes (check in each format, actors and
# figures in text and JSON) on one generated corpus: the guard for the output paths that held
# whole reports as serde_json::Value trees (SARIF 320 MB, actors JSON 1.2 GB at 10,000 articles).
# Usage: scripts/bench-formats.sh [ARTICLES]   (default 10000; BENCH_DIR for the corpora)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
cargo build --release --quiet --example gen-corpus --bin crosswire
bin=${CARGO_TARGET_DIR:-target}/release/crosswire
gen=${CARGO_TARGET_DIR:-target}/release/examples/gen-corpus
dir=${BENCH_DIR:-/tmp/crosswire-bench}/$n
[ -f "$dir/expected.json" ] || "$gen" --articles "$n" --out "$dir" --seed 7 2>/dev/null
bytes=$(cat "$dir"/*.txt | wc -c)
cat "$dir"/*.txt > /dev/null
printf '%-36s %8s %12s %10s %12s\n' command wall_s peak_RSS_MB RSS/corpus output_MB
for cmd in "check --format json" "check --format sarif" "check --format github" "check" "figures --format json" "figures" "actors --format json" "actors"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o /tmp/crosswire-bench-time "$bin" $cmd --fail-on never "$dir" > /tmp/crosswire-bench-out 2>/dev/null ||
    /usr/bin/time -f '%e %M' -o /tmp/crosswire-bench-time "$bin" $cmd "$dir" > /tmp/crosswire-bench-out 2>/dev/null
  read -r secs rss_kb < /tmp/crosswire-bench-time
  out=$(wc -c < /tmp/crosswire-bench-out)
  printf '%-36s %8.2f %12.1f %10.1f %12.1f\n' "$cmd" "$secs" "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$rss_kb * 1024 / $bytes" | bc -l)" "$(echo "$out / 1000000" | bc -l)"
done
rm -f /tmp/crosswire-bench-time /tmp/crosswire-bench-out
