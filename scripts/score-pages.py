#!/usr/bin/env python3
"""Scores crosswire's web page extraction against Mozilla Readability's test pages (Apache-2.0,
https://github.com/mozilla/readability, test/test-pages/*/{source.html,expected.html,
expected-metadata.json}): for each page, the words of the extracted text against the words of
Readability's expected article (bag-of-words precision, recall and F1, micro-averaged over the
pages), and the share of pages whose site name, date and title match.

Pages are split by name: train is every page at an even index of the sorted list, dev at an
odd one. Develop on train, check on dev.

    cargo build --release --example extract-page
    python3 scripts/score-pages.py target/release/examples/extract-page PATH/test/test-pages
"""

import collections
import html
import json
import pathlib
import re
import subprocess
import sys


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", text.lower()))


def expected_text(path: pathlib.Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def main() -> None:
    exe, root = sys.argv[1], pathlib.Path(sys.argv[2])
    pages = sorted(p for p in root.iterdir() if (p / "source.html").exists())
    out = subprocess.run([exe] + [str(p / "source.html") for p in pages], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    results = {json.loads(line)["file"]: json.loads(line) for line in out}
    for split, chosen in (("train", pages[0::2]), ("dev", pages[1::2])):
        tp = fp = fn = 0
        errors = site = site_n = date = date_n = title = title_n = 0
        for p in chosen:
            r = results[str(p / "source.html")]
            want = words(expected_text(p / "expected.html"))
            got = words(r.get("text", ""))
            if "error" in r:
                errors += 1
            overlap = sum((want & got).values())
            tp += overlap
            fp += sum(got.values()) - overlap
            fn += sum(want.values()) - overlap
            meta = json.loads((p / "expected-metadata.json").read_text(encoding="utf-8"))
            if meta.get("siteName"):
                site_n += 1
                site += (r.get("outlet") or "").strip() == meta["siteName"].strip()
            if meta.get("publishedTime"):
                date_n += 1
                date += (r.get("published") or "")[:10] == meta["publishedTime"][:10]
            if meta.get("title"):
                title_n += 1
                title += " ".join((r.get("headline") or "").split()) == " ".join(meta["title"].split())
        precision = tp / max(tp + fp, 1)
        recall = tp / max(tp + fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(f"{split}: {len(chosen)} pages, {errors} without text; words P {precision:.3f} "
              f"R {recall:.3f} F1 {f1:.3f}; site name {site}/{site_n}, date {date}/{date_n}, "
              f"title {title}/{title_n}")


if __name__ == "__main__":
    main()
