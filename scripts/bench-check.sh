#!/usr/bin/env bash
# Whole-process figures for `crosswire check` at 100, 1,000 and 10,000 generated articles: wall
# time, MB/s and peak RSS, beside one `grep -c -E '[A-Z][a-z]+'` pass over the same files as the
# floor. Usage: scripts/bench-check.sh [SIZES...]   (default: 100 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
cargo build --release --quiet --example gen-corpus --bin crosswire
bin=${CARGO_TARGET_DIR:-target}/release/crosswire
gen=${CARGO_TARGET_DIR:-target}/release/examples/gen-corpus
work=${BENCH_DIR:-/tmp/crosswire-bench}
mkdir -p "$work"
printf '%-8s %10s %10s %10s %12s %10s %8s\n' articles MB check_s MB/s peak_RSS_MB grep_s ratio
for n in "${sizes[@]}"; do
  dir="$work/$n"
  # BENCH_DENSE=1: a corpus where most sentences carry a figure (in its own folder)
  dense=(); [ -z "${BENCH_DENSE:-}" ] || { dense=(--figure-dense); dir="$work/dense-$n"; }
  [ -f "$dir/expected.json" ] || "$gen" --articles "$n" --out "$dir" --seed 7 "${dense[@]}" 2>/dev/null
  bytes=$(cat "$dir"/*.txt | wc -c)
  # warm the page cache so both commands read from memory
  cat "$dir"/*.txt > /dev/null
  /usr/bin/time -f '%e %M' -o "$work/time.$n" "$bin" check --format json --fail-on never "$dir" > "$work/out.$n.json"
  read -r secs rss_kb < "$work/time.$n"
  start=$(date +%s.%N)
  find "$dir" -name '*.txt' -print0 | xargs -0 grep -c -E '[A-Z][a-z]+' > /dev/null
  end=$(date +%s.%N)
  grep_s=$(echo "$end - $start" | bc -l)
  mb=$(echo "$bytes / 1000000" | bc -l)
  printf '%-8s %10.1f %10.2f %10.1f %12.1f %10.2f %8.1f\n' "$n" "$mb" "$secs" "$(echo "$mb / ($secs + 0.0001)" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)" "$grep_s" "$(echo "$secs / ($grep_s + 0.0001)" | bc -l)"
done
