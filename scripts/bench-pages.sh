#!/usr/bin/env bash
# Extraction speed: `crosswire check` and `crosswire actors` on N generated articles (default
# 1,000) as plain text and the same articles saved as news pages (scripts/seeds-to-html.py wraps
# each in a page of about 4 KB of furniture: banner, navigation, share tools, related links,
# comments, footer, scripts), and the difference per page. Usage: scripts/bench-pages.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --quiet --example gen-corpus --bin crosswire
bin=${CARGO_TARGET_DIR:-target}/release/crosswire
gen=${CARGO_TARGET_DIR:-target}/release/examples/gen-corpus
work=${BENCH_DIR:-/tmp/crosswire-bench-pages}/$n
[ -f "$work/txt/expected.json" ] || "$gen" --articles "$n" --out "$work/txt" --seed 7 2>/dev/null
[ -d "$work/html" ] || python3 scripts/seeds-to-html.py "$work/txt" "$work/html"
printf '%-8s %-6s %8s %10s %12s\n' command format MB seconds peak_RSS_MB
for cmd in check actors; do
  for fmt in txt html; do
    dir="$work/$fmt"
    cat "$dir"/*."$fmt" > /dev/null  # from the page cache, as in bench-check.sh
    mb=$(cat "$dir"/*."$fmt" | wc -c | awk '{printf "%.1f", $1 / 1e6}')
    extra=(); [ "$cmd" = check ] && extra=(--fail-on never)
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$cmd" --format json "${extra[@]}" "$dir" > "$work/out.$cmd.$fmt.json"
    read -r secs rss_kb < "$work/time"
    printf '%-8s %-6s %8s %10s %12.1f\n' "$cmd" "$fmt" "$mb" "$secs" "$(echo "$rss_kb / 1024" | bc -l)"
    eval "${cmd}_${fmt}=$secs"
  done
done
echo "extraction per page (check): $(echo "($check_html - $check_txt) * 1000000 / $n" | bc -l | xargs printf '%.0f') µs"
