#!/bin/sh
# Writes models/training/gum-extra/ (or $2): the 17 GUM train documents of genres that
# ../shared/gum leaves out and whose texts are openly licensed (models/README.md, "More GUM
# documents", gives each document's source and licence and why the others are left out),
# read from a clone of github.com/amir-zeldes/gum (a bare git directory will do) at commit
# 72ce5ac, laid out as ../shared/gum: xml/NAME.xml, coref/NAME.conll (coref/gum/conll there).
#
#   sh models/training/build_gum_extra.sh /work/.mirror/amir-zeldes+gum/repo
set -eu
repo=$1
out=${2:-models/training/gum-extra}
commit=72ce5ac14978a324c2fd18d49484e65292cbe316
mkdir -p "$out/xml" "$out/coref"
for d in speech_data speech_floyd speech_maiden speech_nixon speech_remarks speech_school \
    speech_telescope textbook_anthropology textbook_artwork textbook_cognition \
    textbook_entrepreneurship textbook_evoethics textbook_grit textbook_history \
    textbook_sociology textbook_spacetime textbook_stats; do
    git -C "$repo" show "$commit:xml/GUM_$d.xml" >"$out/xml/GUM_$d.xml"
    git -C "$repo" show "$commit:coref/gum/conll/GUM_$d.conll" >"$out/coref/GUM_$d.conll"
done
git -C "$repo" show "$commit:LICENSE.txt" >"$out/LICENSE.txt"
