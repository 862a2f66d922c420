#!/usr/bin/env bash
# The coverage report in a real browser: writes `crosswire report` for the seeds (with the notes
# of tests/report-browser/crosswire.json), opens it in Debian's headless Chromium through
# playwright-core, and checks through the DOM the conflict row, the actors, the notes and that
# nothing is fetched.
#
#   tests/report-browser/run.sh                        # run; the screenshot goes to a temp folder
#   tests/report-browser/run.sh --update-screenshots   # and copy it to docs/images/report.png
#
# Installs chromium with apt-get when missing (as editors/vscode/test/e2e/run.sh does) and
# playwright-core (package-lock.json here) into a cache folder. Builds nothing in Rust.
#
# Environment:
#   CROSSWIRE_BIN                server binary (default target/debug/crosswire)
#   CROSSWIRE_REPORT_CACHE       cache folder (default .cache/report-browser in the repository)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
update=0
for arg in "$@"; do
  case "$arg" in
    --update-screenshots) update=1 ;;
    -h|--help) sed -n '2,15p' "$here/run.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)"; exit 2 ;;
  esac
done
bin="${CROSSWIRE_BIN:-target/debug/crosswire}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
cache="${CROSSWIRE_REPORT_CACHE:-$repo/.cache/report-browser}"
work="$(mktemp -d "${TMPDIR:-/tmp}/crosswire-report-XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf '%s\n' "$*"; }
die() { say "report-browser: $1"; say "report-browser: 0 passed, 1 failed"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else "$@"; fi; }

[ -x "$bin" ] || die "no crosswire binary at $bin (cargo build first)"
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed'; then
  say "-- apt-get install chromium"
  export DEBIAN_FRONTEND=noninteractive
  { as_root timeout 600 apt-get install -y -q chromium ||
    { as_root timeout 300 apt-get update -q && as_root timeout 600 apt-get install -y -q chromium; }
  } >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log"; die "cannot install chromium with apt-get"; }
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || die "node and npm are needed"

stamp="node $(node --version), lock $(sha256sum "$here/package-lock.json" | cut -c1-16)"
mkdir -p "$cache"
if ! { [ -f "$cache/.stamp" ] && [ "$(cat "$cache/.stamp")" = "$stamp" ] && [ -d "$cache/node_modules/playwright-core" ]; }; then
  say "-- playwright-core into $cache"
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  (cd "$cache" && timeout 600 npm ci --ignore-scripts --no-audit --no-fund) >"$work/npm.log" 2>&1 ||
    { tail -n 20 "$work/npm.log"; die "npm ci failed"; }
  printf '%s' "$stamp" >"$cache/.stamp"
fi

# the seeds with the notes, in a temporary folder; the report written there
cp fixtures/seeds/*.txt "$work/"
cp "$here/crosswire.json" "$work/"
"$bin" report --out "$work/report.html" "$work" 2>"$work/report.err" || { cat "$work/report.err"; die "crosswire report failed"; }
shots="$(mktemp -d "${TMPDIR:-/tmp}/crosswire-report-shots-XXXXXX")"
cp "$here/report.browser.mjs" "$cache/"
REPORT="$work/report.html" SHOTS="$shots" NODE_PATH="$cache/node_modules" \
  timeout 300 node --test --test-reporter=spec "$cache/report.browser.mjs"
status=$?
say "screenshot: $shots/report.png"
if [ "$status" -eq 0 ] && [ "$update" -eq 1 ]; then
  mkdir -p docs/images && cp "$shots/report.png" docs/images/report.png && say "updated docs/images/report.png"
fi
if [ "$status" -eq 0 ]; then say "report-browser: passed"; else say "report-browser: failed"; fi
exit "$status"
