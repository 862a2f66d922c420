#!/usr/bin/env python3
"""Builds the typed gazetteer (`typed-names.txt`): names of English Wikipedia articles, each with
the class its article's first sentence gives it ("X is a British boarding school in ..." -> a
school; "X (born 1990) is an American basketball player" -> a person), read from the
WikiExtractor output committed in github.com/Vibhas-hs-edu/WikiTasks at 52b1f16 (folder text/AA,
96,339 articles created 2018-2021; Wikipedia text, CC BY-SA 3.0; the same text the word clusters
read, models/clusters/README.md):

    python3 models/gazetteers/build_typed.py PATH/TO/WikiTasks-clone

Each line of the output: the name in lower case (words as the recogniser's tokeniser cuts them,
joined by one space), a tab, its coarse type (person, organisation, place, other), a tab and its
fine class (the class of the head noun of the first sentence's predicate or of the title's
parenthesised disambiguator, `HEADS` below), sorted. The recogniser reads the coarse type. A name given two coarse types keeps the most frequent (ties: dropped).
Deterministic: the same input gives the same bytes.
"""
import os, re, subprocess, sys
from collections import Counter, defaultdict

# head noun -> (coarse type, fine class); the fine class is what the recogniser reads along with
# the coarse type, so that it learns from its training data what each class is to it
HEADS = {}


def add(coarse, fine, words):
    for w in words.split():
        HEADS[w] = (coarse, fine)


add("organisation", "school", "school academy college seminary kindergarten gymnasium")
add("organisation", "university", "university polytechnic")
add("organisation", "company", "company corporation firm manufacturer conglomerate subsidiary "
    "brand retailer chain business startup enterprise multinational developer publisher "
    "distributor operator provider maker airline carrier bank insurer studio studios label "
    "restaurant brewery winery")
add("organisation", "party", "party")
add("organisation", "club", "club")
add("organisation", "team", "team franchise squad")
add("organisation", "band", "band duo trio quartet group ensemble orchestra choir")
add("organisation", "media", "newspaper magazine journal tabloid broadcaster network channel "
    "station newspaper website")
add("organisation", "body", "organization organisation association agency ministry department "
    "council committee commission authority institute institution foundation society charity "
    "union federation league confederation alliance movement coalition trust board court "
    "parliament assembly legislature government cabinet office bureau service force army navy "
    "regiment battalion brigade division militia police unit corps order congregation "
    "denomination sect NGO consortium cooperative co-operative syndicate library museum "
    "hospital archive archives")
add("place", "settlement", "village town city hamlet settlement municipality commune suburb "
    "neighbourhood neighborhood borough township locality community capital metropolis "
    "census-designated")
add("place", "region", "district county province region state territory prefecture "
    "governorate oblast canton parish barangay ward constituency subdistrict arrondissement "
    "department country kingdom empire republic emirate sultanate principality duchy "
    "voivodeship area")
add("place", "nature", "river creek stream lake mountain mount hill peak range valley island "
    "islands archipelago peninsula bay gulf sea ocean strait glacier volcano waterfall forest "
    "desert plateau beach cape reservoir lagoon canyon cave")
add("place", "structure", "building tower bridge tunnel tube dam castle palace fort fortress "
    "church cathedral mosque temple monastery abbey chapel shrine synagogue stadium arena "
    "airport station railway line road highway street avenue square park garden cemetery "
    "lighthouse mall hotel house mansion theatre theater venue port harbour harbor canal "
    "complex skyscraper")
add("person", "person", "person actor actress singer songwriter rapper musician guitarist drummer "
    "pianist composer politician player footballer cricketer athlete boxer wrestler swimmer "
    "cyclist runner sprinter coach manager writer author novelist poet journalist "
    "photographer painter artist sculptor architect scientist physicist chemist biologist "
    "mathematician economist historian philosopher engineer businessman businesswoman "
    "entrepreneur lawyer judge jurist diplomat officer general admiral soldier priest bishop "
    "cardinal monk nun rabbi imam saint king queen prince princess emperor empress noble "
    "nobleman noblewoman director producer screenwriter filmmaker dancer model comedian "
    "presenter host broadcaster personality activist professor academic teacher physician "
    "surgeon doctor nurse explorer astronaut pilot chef designer inventor criminal "
    "murderer spy official civil servant mayor governor senator minister president "
    "chancellor aristocrat lord lady baron count earl duke sheikh vlogger youtuber "
    "influencer skier skater golfer jockey racer driver rower sailor fencer gymnast "
    "weightlifter archer shooter referee umpire goalkeeper defender midfielder forward "
    "striker pitcher quarterback linebacker")
add("other", "work", "film movie album song single ep series show sitcom novel book play "
    "opera musical game episode documentary magazine-format anthology poem painting "
    "sculpture")
add("other", "other", "species genus family moth beetle snail plant tree fish bird spider "
    "fungus bacterium virus disease protein gene ship vessel frigate destroyer submarine "
    "aircraft car locomotive software language election tournament championship competition "
    "race cup season event festival award prize war battle treaty")

COPULA = re.compile(r"\b(?:is|was|are|were)\b(?: (?:a|an|the|one of the|one of|any of the))? ")
# where the predicate's noun phrase ends
STOP = re.compile(r"(?: (?:in|of|on|at|from|for|that|which|who|whose|located|based|founded|"
                  r"established|with|by|and|or|to|near|between|within|since|during|under|"
                  r"owned|operated|known|where|as)\b|[,.;:(])")
PERSON_DATES = re.compile(r"\((?:born|died|c\.|b\.|d\.)|\(\d{3,4}\s*[–-]\s*\d{3,4}\)")
WORD = re.compile(r"^[A-Za-z0-9À-ÖØ-öø-ÿĀ-ž.&'-]+$")


def tokens(title):
    """The title's words as the recogniser cuts them, or None for a title it would cut apart
    (punctuation inside) or that is no name (no capitalised word)."""
    words = title.split()
    if not words or not all(WORD.match(w) for w in words):
        return None
    if any(w.endswith("'s") or w.endswith("'") or w.startswith("'") for w in words):
        return None
    # a final period is cut apart unless it ends an initial: keep only initials ("U.S.")
    if any(w.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+", w) for w in words):
        return None
    if not any(w[0].isupper() for w in words):
        return None
    return " ".join(w.lower() for w in words)


def classify(title, disambiguator, sentence):
    """The (coarse, fine) class of an article, or None."""
    if disambiguator:
        for w in reversed(disambiguator.lower().replace(",", " ").split()):
            if w in HEADS:
                return HEADS[w]
    if not sentence:
        return None
    head = sentence[:300]
    if PERSON_DATES.search(head[: len(title) + 60]):
        return ("person", "person")
    m = COPULA.search(head)
    if not m:
        return None
    rest = head[m.end():]
    stop = STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    words = [w.strip("\"'()") for w in phrase.split()]
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return None
    last = words[-1].lower()
    if last.endswith("s") and last[:-1] in HEADS and last not in HEADS:
        last = last[:-1]
    return HEADS.get(last)



def articles(root):
    files = subprocess.run(["git", "-C", root, "ls-tree", "-r", "--name-only", "HEAD", "text/AA"],
                           capture_output=True, text=True, check=True).stdout.split()
    for f in sorted(files):
        text = subprocess.run(["git", "-C", root, "show", "HEAD:" + f], capture_output=True,
                              text=True, check=True).stdout
        for doc in re.finditer(r'<doc id="\d+" url="[^"]*" title="([^"]*)">\n(.*?)</doc>', text,
                               re.S):
            title = doc.group(1).replace("&amp;", "&").replace("&quot;", '"')
            body = [l for l in doc.group(2).split("\n")[1:] if l.strip()]
            yield title, body[0] if body else ""


def main():
    root = sys.argv[1]
    votes = defaultdict(Counter)
    for title, first in articles(root):
        m = re.fullmatch(r"(.*?) \(([^()]*)\)", title)
        name, dis = (m.group(1), m.group(2)) if m else (title, None)
        key = tokens(name)
        if key is None:
            continue
        c = classify(name, dis, first)
        if c is None:
            continue
        votes[key][c] += 1
    out = []
    for key, counts in votes.items():
        coarse = Counter()
        for (c, _), n in counts.items():
            coarse[c] += n
        best = coarse.most_common()
        if len(best) > 1 and best[0][1] == best[1][1]:
            continue
        fine = max((n, f) for (c, f), n in counts.items() if c == best[0][0])[1]
        out.append(f"{key}\t{best[0][0]}\t{fine}")
    out.sort()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "typed-names.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("typed-names.txt", len(out), Counter(l.split("\t")[1] for l in out))


main()
