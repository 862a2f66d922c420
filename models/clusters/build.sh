#!/usr/bin/env bash
# Writes models/clusters/word-clusters.txt (see README.md here and models/README.md, "Word
# clusters"). Needs clones of github.com/Vibhas-hs-edu/WikiTasks (English Wikipedia as
# WikiExtractor wrote it, commit 52b1f16) and github.com/jshepp27/countaBot (English Wikinews as
# WikiExtractor wrote it, commit eac9439; later commits removed it), and GUM (../shared/gum); run
# from the repository root:
#
#     models/clusters/build.sh PATH/TO/WikiTasks PATH/TO/countaBot [PATH/TO/gum]
#
# Deterministic: the same text gives the same file (about 35 s on two cores after the build).
set -euo pipefail
wikitasks=${1:?the WikiTasks clone}
countabot=${2:?the countaBot clone}
gum=${3:-../shared/gum}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/wikipedia" "$tmp/wikinews"
git -C "$wikitasks" archive 52b1f163137bc40b0f67cbf129d5dab4f6fd5901 text/AA | tar x -C "$tmp/wikipedia"
git -C "$countabot" archive eac9439eff525f2f4c753983fe2a2973e22e2e7f text/AA | tar x -C "$tmp/wikinews"
cargo run --release --example train-recogniser-clusters -- \
    --gum "$gum" \
    --conll models/training/wikigold.conll.txt --conll models/training/uner-ewt.conll.txt \
    --wikiextractor "$tmp/wikipedia/text/AA" --wikiextractor "$tmp/wikinews/text/AA" \
    --classes 16,64,256 --vocab 50000 --min-count 3 \
    --out models/clusters/word-clusters.txt
