#!/usr/bin/env bash
# Writes models/clusters/word-clusters.txt (see README.md here and models/README.md, "Word
# clusters"). Needs a clone of github.com/Vibhas-hs-edu/WikiTasks (English Wikipedia as
# WikiExtractor wrote it, commit 52b1f16) and GUM (../shared/gum); run from the repository root:
#
#     models/clusters/build.sh PATH/TO/WikiTasks [PATH/TO/gum]
#
# Deterministic: the same text gives the same file (about 35 s on two cores after the build).
set -euo pipefail
wikitasks=${1:?the WikiTasks clone}
gum=${2:-../shared/gum}
commit=52b1f163137bc40b0f67cbf129d5dab4f6fd5901
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$wikitasks" archive "$commit" text/AA | tar x -C "$tmp"
cargo run --release --example train-recogniser-clusters -- \
    --gum "$gum" \
    --conll models/training/wikigold.conll.txt --conll models/training/uner-ewt.conll.txt \
    --wikiextractor "$tmp/text/AA" \
    --classes 16,64,256 --vocab 50000 --min-count 3 \
    --out models/clusters/word-clusters.txt
