#!/usr/bin/env python3
"""Writes uner-ewt.conll.txt (two columns, word and IOB2 tag; -DOCSTART- between documents) from
the Universal NER English-EWT files (github.com/UniversalNER/UNER_English-EWT, CC BY-SA 4.0):

    python3 build_uner.py en_ewt-ud-train.iob2 en_ewt-ud-dev.iob2 en_ewt-ud-test.iob2 \
        > uner-ewt.conll.txt

Train is the repository's commit 0c7ce0d (the only one whose train file the snapshot here holds;
its PER/ORG/LOC agree at 98-99 F1 with the final dev file's), dev and test its commit 8ed072d.
All three are training data for crosswire: none is GUM. OTH (nationalities, events, works) is
written MISC, which the reader takes as no name; "B-O" (an annotator's slip) is O."""
import sys

for path in sys.argv[1:]:
    words = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc"):
            print("-DOCSTART- O\n")
            continue
        if line.startswith("#"):
            continue
        if not line:
            if words:
                print("\n".join(words) + "\n")
                words = []
            continue
        cols = line.split("\t")
        word, tag = cols[1], cols[2]
        if tag == "B-O" or tag == "I-O":
            tag = "O"
        tag = tag.replace("-OTH", "-MISC")
        words.append(f"{word} {tag}")
    if words:
        print("\n".join(words) + "\n")
