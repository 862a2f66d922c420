#!/usr/bin/env python3
"""Crafted input against crosswire: how long `check` and `actors` take, and how much memory
they use, on articles and crosswire.json files made to stall a naive reader.

    python3 scripts/hostile-bench.py [--bin target/release/crosswire] [--scale 1.0] [--only NAME]

Each case is built at a quarter of its size and at full size; `growth` is the ratio of the two
times, about 4 for work that grows linearly (well above 4 means a step that is not linear).
Needs GNU time (/usr/bin/time). Figures, not pass/fail: docs/limits.md records them. The tests in tests/it/bounded.rs run the
same shapes, smaller, as a guard against a return of the quadratic steps.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

PROSE = "Some 250,000 people fled eastern Aleppo, Mr Lavrov told “reporters in Lausanne” on Saturday. "


def article_cases(scale):
    """name → (function of a size factor 0..1 returning the article text, description)."""
    n = lambda k: max(1, int(k * scale))
    rnd = random.Random(7)
    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
    return {
        "million-digit number": (lambda f: "The crowd was " + "9" * n(1_000_000 * f) + " people strong.\n", "one number of 1,000,000 digits"),
        "10 MB line": (lambda f: (PROSE * n(10_000_000 * f / len(PROSE.encode()))) + "\n", "figures, names and quotes on one 10 MB line"),
        "million capitalised words": (lambda f: " ".join(rnd.choice(words) for _ in range(n(1_000_000 * f))) + ".\n", "1,000,000 capitalised words in a row"),
        "nested quotes": (lambda f: "Lavrov said " + "“Kerry said ‘Assad said “" * n(100_000 * f) + "x" + "”’”" * n(100_000 * f) + "\n", "100,000 levels of quotation marks"),
        "quotes on one line": (lambda f: " ".join(["Sergei Lavrov said “the talks will resume on 12 October with 250,000 people”."] * n(100_000 * f)) + "\n", "100,000 attributed quotes on one line"),
        "approximate figures": (lambda f: "There were " + " ".join(["hundreds of thousands"] * n(400_000 * f)) + " people.\n", "400,000 vague figures in a row"),
        "one word": (lambda f: "A" * n(10_000_000 * f) + "\n", "a 10 MB word"),
        "many short lines": (lambda f: "Mr Lavrov met Mr Kerry; 250,000 fled.\n" * n(250_000 * f), "250,000 lines"),
        "one name, many mentions": (lambda f: "Lavrov " * n(1_000_000 * f) + "\n", "1,000,000 mentions of one name"),
        "many labels": (lambda f: "".join(f"{w}{''.join(chr(97 + i // 26 ** k % 26) for k in range(4))}: the value was {i}.\n" for i, w in enumerate(rnd.choices(words, k=n(200_000 * f)))), "200,000 distinct capitalised words, each before a colon (a table of labels)"),
        "many names": (lambda f: ". ".join(f"Mr {w}{i} met {v}{i} Ltd" for i, (w, v) in enumerate(zip(rnd.choices(words, k=n(200_000 * f)), rnd.choices(words, k=n(200_000 * f))))) + ".\n", "400,000 distinct names"),
        "wide characters": (lambda f: ("Лавров сказал “250 000” 😀 — 北京. " * n(200_000 * f)) + "\n", "a 10 MB line of Cyrillic, CJK and emoji"),
    }


def config_cases(scale):
    """name → (function of a size factor returning the crosswire.json object, description)."""
    n = lambda k: max(1, int(k * scale))
    return {
        "outlet globs": (lambda f: {"outlets": {f"wire-{i:05}_*.txt": f"Outlet {i}" for i in range(n(20_000 * f))}}, "20,000 outlet globs matching no article, 200 articles"),
        "aliases": (lambda f: {"aliases": {f"Person {i}": [f"P{i}", f"Pers {i}"] for i in range(n(20_000 * f))}}, "20,000 aliases, 200 articles"),
        "same and different": (lambda f: {"same": [[f"A{i}", f"B{i}"] for i in range(n(20_000 * f))], "different": [[f"C{i}", f"D{i}"] for i in range(n(20_000 * f))]}, "40,000 groups, 200 articles"),
        "acknowledged": (lambda f: {"acknowledged": [{"quantity": f"people|x{i}", "figures": ["1"], "note": "n"} for i in range(n(20_000 * f))]}, "20,000 acknowledgements, 200 articles"),
    }


def run(cmd, cwd=None):
    """(seconds, peak RSS in MB, exit code) of one process, as GNU time reports them (the rusage
    of a child forked from this script would count the script's own pages too)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, open(os.devnull, "wb") as devnull:
        code = subprocess.call(["/usr/bin/time", "-f", "%e %M %x", "-o", report.name, *cmd], stdout=devnull, stderr=devnull, cwd=cwd)
        secs, kb, status = report.read().split()[-3:]
    return float(secs), int(kb) / 1024, int(status) if code == 0 or int(status) else code


def measure(binary, folder):
    out = {}
    for command in ("check", "actors"):
        secs, rss, code = run([binary, command, "--format", "json", "--fail-on", "never", folder] if command == "check" else [binary, command, "--format", "json", folder])
        out[command] = (secs, rss, code)
    return out


def seeds_folder(tmp, count):
    """`count` ordinary short articles, for the configuration cases."""
    d = os.path.join(tmp, "base")
    if not os.path.isdir(d):
        os.makedirs(d)
        for i in range(count):
            with open(os.path.join(d, f"{i:05}_a.txt"), "w") as f:
                f.write(f"Talks in Geneva\n\nSome {250_000 + i * 1000:,} people fled. Mr Lavrov met Person {i} and P{i}.\n")
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/crosswire")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    tmp = tempfile.mkdtemp(prefix="crosswire-hostile-")
    rows = []
    def article_folder(make, factor, d):
        """The crafted article alone in `d`; returns its size in bytes."""
        os.makedirs(d)
        text = make(factor).encode()
        with open(os.path.join(d, "crafted.txt"), "wb") as f:
            f.write(text)
        # some crafted articles are over the default 8 MiB limit: raise it to its ceiling, as a
        # crafted crosswire.json may
        with open(os.path.join(d, "crosswire.json"), "w") as f:
            json.dump({"limits": {"maxArticleBytes": 32 * 1024 * 1024}}, f)
        return len(text)

    def config_folder(make, factor, d):
        """200 ordinary articles and the crafted crosswire.json in `d`; returns its size."""
        shutil.copytree(seeds_folder(tmp, 200), d)
        text = json.dumps(make(factor)).encode()
        with open(os.path.join(d, "crosswire.json"), "wb") as f:
            f.write(text)
        return len(text)

    try:
        for prefix, cases, fill in (("", article_cases(args.scale), article_folder), ("cfg-", config_cases(args.scale), config_folder)):
            for name, (make, what) in cases.items():
                if args.only and args.only not in name:
                    continue
                times = {}
                for label, factor in (("quarter", 0.25), ("full", 1.0)):
                    d = os.path.join(tmp, f"{prefix}{name.replace(' ', '-')}-{label}")
                    size = fill(make, factor, d)
                    times[label] = (measure(binary, d), size / 1e6)
                rows.append((name, what, times))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'case':28} {'input':>8} {'check s':>8} {'MB':>6} {'actors s':>9} {'MB':>6} {'growth':>7}  what")
    for name, what, t in rows:
        (full, size), (quarter, _) = t["full"], t["quarter"]
        growth = max(full["check"][0] + full["actors"][0], 1e-3) / max(quarter["check"][0] + quarter["actors"][0], 1e-3)
        codes = {full["check"][2], full["actors"][2]}
        flag = "" if codes <= {0, 1} else f"  (exit {sorted(codes)})"
        print(f"{name:28} {size:7.1f}M {full['check'][0]:8.2f} {full['check'][1]:6.0f} {full['actors'][0]:9.2f} {full['actors'][1]:6.0f} {growth:7.1f}  {what}{flag}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
