#!/usr/bin/env bash
# The crosswire extension in real VS Code, end to end: code-server (VS Code 1.96 as a web app) with
# the freshly packaged .vsix, driven by Debian's headless Chromium through playwright-core.
#
#   editors/vscode/test/e2e/run.sh                        # run the test; screenshots to a temp folder
#   editors/vscode/test/e2e/run.sh --update-screenshots   # same, and copy hover.png, problems.png
#                                                         # and definition.png to docs/images/
#
# The test, as a user would: opens seed 002 from the explorer, waits for diagnostics, hovers "Lavrov",
# reads the 275,000 conflict and its related locations in the Problems panel, peeks Go to Definition
# on "Kerry", edits 275,000 to 250,000 and sees the conflict go, then sets a wrong
# crosswire.server.path in the Settings editor and brings the server back with Restart Server, and
# last checks that a crosswire.server.path in the workspace's .vscode/settings.json is never run.
#
# What it does, with bounded waits everywhere:
#   1. apt-get installs chromium, libkrb5-dev and ripgrep when missing;
#   2. sets up code-server 4.96.4 and playwright-core in the cache folder (the package's own
#      post-install fetches from outside and fails, so it is done here by hand); re-used when
#      the cache's stamp matches this script's lockfile;
#   3. builds and packages the extension (npm ci && npm run package in editors/vscode);
#   4. installs the .vsix into a fresh extensions folder and starts code-server on 127.0.0.1 (a free
#      port, no auth) over a temp copy of fixtures/seeds, with crosswire.server.path = $CROSSWIRE_BIN
#      in the remote (Machine) settings: the setting is machine-scoped, and a code-server window is
#      a remote window, which reads such settings from there only;
#   5. runs crosswire.e2e.mjs (node:test + playwright-core), kills code-server, prints where the
#      screenshots are and a closing line "e2e: N passed, M failed"; exits 1 when anything failed.
#
# It builds nothing in Rust: build the server first (cargo build).
#
# Environment:
#   CROSSWIRE_BIN             server binary (default target/debug/crosswire, relative to the repository)
#   CROSSWIRE_E2E_CACHE       cache folder (default .cache/e2e in the repository)
#   CROSSWIRE_E2E_ARTIFACTS   where screenshots and logs go (default: a new folder under $TMPDIR)
#   CROSSWIRE_SKIP_NPM_CI=1   keep an existing editors/vscode/node_modules (local runs)
#   CROSSWIRE_E2E_HEADED=1    show the browser (needs a display)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
cd "$repo"

update=0
for arg in "$@"; do
  case "$arg" in
    --update-screenshots) update=1 ;;
    -h|--help) sed -n '2,32p' "$here/run.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)"; exit 2 ;;
  esac
done

CODE_SERVER_VERSION=4.96.4
SETUP_REVISION=1 # bump when the hand-made post-install below changes

bin="${CROSSWIRE_BIN:-target/debug/crosswire}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
cache="${CROSSWIRE_E2E_CACHE:-$repo/.cache/e2e}"
case "$cache" in /*) ;; *) cache="$repo/$cache" ;; esac
artifacts="${CROSSWIRE_E2E_ARTIFACTS:-$(mktemp -d "${TMPDIR:-/tmp}/crosswire-e2e-XXXXXX")}"
mkdir -p "$artifacts" "$cache"
work="$(mktemp -d "${TMPDIR:-/tmp}/crosswire-e2e-run-XXXXXX")"
logs="$artifacts/logs"
mkdir -p "$logs"

started=$(date +%s)
cs_pid=""
cleanup() {
  if [ -n "$cs_pid" ] && kill -0 "$cs_pid" 2>/dev/null; then
    kill -TERM -- "-$cs_pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$cs_pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$cs_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "e2e: interrupted"; exit 130' INT TERM

say() { printf '%s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - started ))s"; }
# A failure before the test could run: one failed check, the log, the closing line.
die() { # message [log]
  say "e2e: $1"
  if [ -n "${2:-}" ] && [ -f "$2" ]; then say "--- last lines of $2"; tail -n 40 "$2"; fi
  say "logs: $logs"
  say "e2e: 0 passed, 1 failed"
  exit 1
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else "$@"; fi; }

# --- 1. system packages ------------------------------------------------------------------------
missing=()
for p in chromium libkrb5-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
for tool in make g++ python3; do command -v "$tool" >/dev/null 2>&1 || missing+=(build-essential python3); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "-- apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # as_root is a shell function, which timeout(1) cannot run: the timeout goes inside it.
  { as_root timeout 600 apt-get install -y -q "${missing[@]}" ||
    { as_root timeout 300 apt-get update -q && as_root timeout 600 apt-get install -y -q "${missing[@]}"; }
  } >"$logs/apt.log" 2>&1 || die "cannot install ${missing[*]} with apt-get" "$logs/apt.log"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing"
command -v rg >/dev/null 2>&1 || die "ripgrep (rg) is missing"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || die "node and npm are needed (node 20)"
say "node $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

# --- 2. code-server and playwright-core in the cache ---------------------------------------------
stamp="code-server $CODE_SERVER_VERSION, setup $SETUP_REVISION, node $(node --version), lock $(sha256sum "$here/package-lock.json" | cut -c1-16)"
vscode_lib="$cache/node_modules/code-server/lib/vscode"
entry="$cache/node_modules/code-server/out/node/entry.js"
if [ -f "$cache/.stamp" ] && [ "$(cat "$cache/.stamp")" = "$stamp" ] && [ -f "$entry" ]; then
  say "-- code-server $CODE_SERVER_VERSION: cached in $cache"
else
  say "-- setting up code-server $CODE_SERVER_VERSION and playwright-core in $cache (first run: several minutes)"
  t0=$(date +%s)
  rm -rf "$cache/node_modules" "$cache/.stamp"
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  # Native modules (node-pty, kerberos, argon2, ...) build against Debian's Node headers: node-gyp
  # cannot download headers here.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  (
    set -e
    cd "$cache"
    # code-server's own post-install fetches a git dependency from outside: done by hand below.
    timeout 900 npm ci --ignore-scripts --no-audit --no-fund
    cd "$vscode_lib"
    rm -f npm-shrinkwrap.json
    timeout 1200 npm install --omit=dev --no-audit --no-fund --no-save
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
    (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
    (cd extensions && timeout 600 npm install --omit=dev --no-audit --no-fund --no-save)
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    cd "$cache"
    timeout 600 npm rebuild argon2
  ) >"$logs/setup.log" 2>&1 || die "setting up code-server failed" "$logs/setup.log"
  printf '%s' "$stamp" >"$cache/.stamp"
  say "   done in $(( $(date +%s) - t0 ))s"
fi

# --- 3. the extension, packaged ------------------------------------------------------------------
[ -x "$bin" ] || die "the server $bin is missing or not executable (cargo build, or set CROSSWIRE_BIN)"
say "server: $bin"
vsix="$repo/editors/vscode/crosswire.vsix"
if [ "${CROSSWIRE_SKIP_NPM_CI:-0}" = 1 ] && [ -d editors/vscode/node_modules ]; then
  say "-- npm run package (npm ci skipped: CROSSWIRE_SKIP_NPM_CI=1)"
  (cd editors/vscode && rm -f crosswire.vsix && timeout 300 npm run package) >"$logs/package.log" 2>&1
else
  say "-- npm ci && npm run package (editors/vscode)"
  (cd editors/vscode && rm -f crosswire.vsix && timeout 600 npm ci --no-audit --no-fund && timeout 300 npm run package) >"$logs/package.log" 2>&1
fi
[ $? -eq 0 ] && [ -s "$vsix" ] || die "packaging the extension failed" "$logs/package.log"

# --- 4. install it, start code-server -------------------------------------------------------------
# A private copy of the server: a rebuild of $bin while the test runs does not change what it tests.
mkdir -p "$work/bin"
cp "$bin" "$work/bin/crosswire" || die "cannot copy $bin"
server="$work/bin/crosswire"
# code-server gets its own HOME, with the workspace in it: VS Code shows it as ~/seeds, not as a temp path.
home="$work/home"
ws="$home/seeds"
ud="$work/user-data"
ext="$work/extensions"
mkdir -p "$ud/User" "$ud/Machine" "$ext" "$home"
cp -r fixtures/seeds "$ws"
say "-- installing crosswire.vsix into code-server"
timeout 180 node "$entry" --user-data-dir "$ud" --extensions-dir "$ext" --install-extension "$vsix" \
  >"$logs/install-extension.log" 2>&1 || die "code-server --install-extension failed" "$logs/install-extension.log"

settings="$ud/User/settings.json"
# crosswire.server.path is machine-scoped: in code-server's (remote) window it counts only in the
# remote settings, $ud/Machine/settings.json; in User/settings.json it would be ignored.
machine_settings="$ud/Machine/settings.json"
node -e '
  const fs = require("fs");
  fs.writeFileSync(process.argv[3], JSON.stringify({ "crosswire.server.path": process.argv[2] }, null, 2));
  fs.writeFileSync(process.argv[1], JSON.stringify({
    "security.workspace.trust.enabled": false,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "git.enabled": false,
    "editor.wordWrap": "on",
    "editor.minimap.enabled": false,
    "chat.commandCenter.enabled": false,
  }, null, 2));
' "$settings" "$server" "$machine_settings"

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
say "-- starting code-server on 127.0.0.1:$port over a copy of fixtures/seeds"
# Its own process group (setsid), so the extension host and the language server stop with it.
HOME="$home" setsid node "$entry" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$ud" --extensions-dir "$ext" "$ws" >"$logs/code-server.log" 2>&1 </dev/null &
cs_pid=$!
node -e '
  const url = process.argv[1], until = Date.now() + 60000;
  (async () => {
    while (Date.now() < until) {
      try { const r = await fetch(url); if (r.ok) process.exit(0); } catch {}
      await new Promise((r) => setTimeout(r, 250));
    }
    process.exit(1);
  })();
' "http://127.0.0.1:$port/healthz" || die "code-server did not answer within 60s" "$logs/code-server.log"
say "   up after $(elapsed)"

# --- 5. the test ----------------------------------------------------------------------------------
shots="$artifacts/screenshots"
mkdir -p "$shots"
tap="$work/e2e.tap"
say "-- playwright: crosswire.e2e.mjs"
E2E_URL="http://127.0.0.1:$port/?folder=$ws" E2E_WORKSPACE="$ws" E2E_CACHE="$cache" E2E_SHOTS="$shots" \
E2E_SETTINGS="$machine_settings" E2E_UPDATE="$update" E2E_IMAGES="$repo/docs/images" CROSSWIRE_BIN="$server" \
  timeout 600 node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$here/crosswire.e2e.mjs"
rc=$?
p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
p=${p:-0}; f=$(( ${f:-0} + ${c:-0} ))
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; say "e2e: the test runner exited with $rc"; fi

# VS Code's own logs, the crosswire output channel among them (window*/exthost/output_logging_*).
cp -r "$ud/logs" "$logs/vscode" 2>/dev/null
say ""
say "screenshots: $shots"
[ "$update" = 1 ] && say "docs/images: $repo/docs/images (updated only from passing steps)"
say "logs: $logs (code-server.log; vscode/ holds VS Code's logs and the crosswire output channel)"
say "took $(elapsed)"
say "e2e: $p passed, $f failed"
[ "$f" -eq 0 ]
