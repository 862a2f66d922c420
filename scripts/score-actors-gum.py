#!/usr/bin/env python3
"""Scores the whole `crosswire actors` pipeline on GUM documents rendered as plain-text articles.

Usage: score-actors-gum.py BIN GUM_DIR [--split train|dev|test|all] [--json] [--errors FILE] [--keep DIR]

A second yardstick beside ECB+ (`../shared/ecbplus/score_actors.py`): other genres (news, interviews,
biographies, travel guides, academic papers, court transcripts), every named person, organisation and place
annotated (not only an event's participants), and within-document coreference chains.

Rendering. Each GUM document (GUM_DIR/xml/<doc>.xml) becomes one article: a heading, paragraph, list item,
caption or speaker turn is one line, blocks are separated by a blank line, the sentences of a block are joined
by spaces, and tokens are detokenised (no space before , . ; : ! ? ) 's n't, none after ( [ $, none around a
hyphen token, straight quotes paired). Each article is checked alone: `BIN actors --format json <file>`.

Gold. GUM_DIR/coref/<doc>.conll types every mention; a mention typed person, organization or place holds a
name when its head part ends in a proper noun, cut exactly as `src/actors/recognise/gum.rs` cuts it (head part
up to a comma, bracket, relative word or preposition; the run of capitalised words and connectors ending at the
proper noun; a sentence-opening "The" and a person's leading titles/honorifics dropped; a bare role or
"<role> of ..." is no person's name; nested names keep the outermost). Mentions sharing GUM's entity number
form one chain. The word lists are copied below (frozen, so the yardstick does not move with the lexicon).

Figures (micro over documents; also per genre):
  detection recall   named gold mentions overlapped by any mention crosswire reports (any actor kind)
  span exact         of those, the share whose overlapping system mention has exactly the gold span
  kind accuracy      of the detected: person -> person; organization -> organization, group or state;
                     place -> place or state (the kind of the system mention with the largest overlap)
  precision          system mentions (every actor kind) that overlap some named gold person/org/place mention;
                     the rest are split into: overlapping another GUM named mention (an object, event...),
                     overlapping an unnamed person/org/place mention, or nothing GUM marks
  linking            within-document pairs of detected named mentions: "same actor" against "same GUM chain"
                     (pair precision/recall/F1) and CoNLL F1 (MUC, B3, CEAF-e) over the same mentions
--errors FILE writes the misses, false mentions, kind errors and wrong/missed links per document.
"""
import json, os, re, subprocess, sys, tempfile
from collections import defaultdict
from itertools import combinations

# frozen copies of the lists gum.rs reads from src/actors/lexicon.rs (2026-12-07)
TITLES = set("""surgeon president vice prime minister secretary ambassador envoy spokesman spokeswoman spokesperson chief
deputy chairman chairwoman chair director commander governor senator sen sen. rep rep. representative congressman
congresswoman mayor judge justice king queen prince princess emperor pope bishop archbishop cardinal rabbi imam ayatollah
general gen gen. colonel col col. lieutenant lt lt. major maj captain capt capt. sergeant sgt sgt. officer detective det
det. inspector superintendent chancellor premier commissioner coach attorney sheriff prosecutor agent foreign defence
defense interior finance justice special senior top peace affairs secretary-general undersecretary under-secretary first
lady lord dame pastor reverend rev rev. father sister brother saint st st. head leader actress actor singer star rapper
founder ceo cfo chairman-elect president-elect former acting gov gov. lt qb rb wr coroner undersheriff moviemaker
filmmaker producer writer author comedian host anchor quarterback forward receiver cornerback linebacker pitcher catcher
outfielder shortstop slugger boxer champion patrolman trooper constable magistrate councilman councilwoman alderman
assemblyman assemblywoman speaker commissioner superintendent sen. rep. pres pres. supt supt.""".split())
ROLE_NOUNS = set("""president minister secretary ambassador envoy spokesman spokeswoman spokesperson chief deputy chairman
chairwoman director commander governor senator representative congressman congresswoman mayor judge king queen prince pope
general colonel lieutenant captain sergeant officer detective inspector chancellor premier commissioner coach attorney
lawyer sheriff prosecutor counterpart diplomat diplomats official negotiator head leader founder ceo executive actress
actor singer star rapper publicist rep agent manager owner investigator correspondent reporter editor analyst expert
shopper resident volunteer spokesperson secretary-general undersecretary adviser advisor aide president-elect emir sheikh
monarch dictator ruler boss member quarterback player striker pitcher goalkeeper husband wife son daughter father mother
brother sister friend""".split())
HONORIFICS = set("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir madam mme m. messrs".split())
CONNECTORS = {"of", "and", "&", "the", "de", "for", "du", "la", "von", "van", "al"}
NAME_PREPS = {"of", "for", "de", "du", "von", "van", "al"}
KIND_OK = {"person": {"person"}, "organization": {"organization", "group", "state"}, "place": {"place", "state"}}
GENRES = ("news", "interview", "bio", "voyage", "academic", "court")
# a block element opens a new line of the article
BLOCKS = {"head", "p", "item", "caption", "sp", "l", "row", "list", "figure", "table", "note"}


def unescape(w):
    return w.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def read_xml(path):
    """Tokens (word, Penn tag), sentence starts, and the token indices that open a block."""
    words, pos, sent_starts, block_starts = [], [], [], set()
    pending_block = True
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("<"):
            m = re.match(r"<(/?)([a-z]+)", line)
            if m and m.group(2) in BLOCKS:
                pending_block = True
            if line.startswith("<s ") or line == "<s>":
                sent_starts.append(len(words))
            continue
        if "\t" not in line:
            continue
        cols = line.split("\t")
        if pending_block:
            block_starts.add(len(words))
            pending_block = False
        words.append(unescape(cols[0]))
        pos.append(cols[1])
    return words, pos, sent_starts, block_starts


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "'", "’", "n't", "n’t", "'re", "'ve",
                   "'ll", "'d", "'m", "’re", "’ve", "’ll", "’d", "’m", "”", "’", "...", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘", "#"}


def render(words, pos, block_starts):
    """The article text and each token's (start, end) in code points. Quotes open or close by their Penn tag
    (`` or '')."""
    out, spans = [], []
    n = 0
    prev = None
    for i, w in enumerate(words):
        if i in block_starts and i > 0:
            sep = "\n\n"
        elif i == 0:
            sep = ""
        elif w in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER or w == "-" or prev == "-":
            sep = ""
        elif pos[i] == "''":
            sep = ""
        elif i > 0 and pos[i - 1] == "``":
            sep = ""
        else:
            sep = " "
        out.append(sep)
        n += len(sep)
        out.append(w)
        spans.append((n, n + len(w)))
        n += len(w)
        prev = w
    return "".join(out) + "\n", spans


def brackets(col):
    out = []
    if col == "_":
        return out
    for m in re.finditer(r"(\(?)([^()]+)(\)?)", col):
        out.append((m.group(2), m.group(1) == "(", m.group(3) == ")"))
    return out


def read_conll(path):
    """Mentions (start, end, type, chain) over token indices, end exclusive."""
    mentions, open_ = [], []
    n = 0
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        col = line.rstrip("\n").split("\t")[2]
        for label, opening, closing in brackets(col):
            if opening:
                open_.append((label, n))
            if closing:
                at = max((k for k, (l, _) in enumerate(open_) if l == label), default=None)
                if at is not None:
                    l, s = open_.pop(at)
                    parts = l.split("-")
                    mentions.append((s, n + 1, parts[0], parts[1] if len(parts) > 1 else l, len(parts) > 2))
        n += 1
    return mentions, n


def ends_head(w, p):
    return (w in {",", "(", ";", ":", "who", "which", "where", "that", "whose"}
            or (p == "IN" and w not in NAME_PREPS) or p in {"WDT", "WP", "WP$", "WRB"})


def name_in(words, pos, opens, s, e, kind):
    """The name in mention words[s:e] as a token range, as gum.rs::name_in."""
    cap = lambda i: words[i][:1].isupper()
    end = next((i for i in range(s + 1, e) if ends_head(words[i], pos[i])), e)
    while end > s and words[end - 1] in ("'s", "’s", "'", "’"):
        end -= 1
    if end == s or pos[end - 1] not in ("NP", "NPS") or not cap(end - 1):
        return None
    start = end - 1
    while start > s:
        b = start - 1
        w = words[b]
        joins = (w in CONNECTORS or w == "-") and b > s and (cap(b - 1) or words[b - 1] in CONNECTORS)
        after_hyphen = b > s and words[b - 1] == "-" and w.isalpha() and w.islower()
        if cap(b) or joins or after_hyphen:
            start = b
        else:
            break
    while start < end and not cap(start):
        start += 1
    if start < end and words[start] == "The" and opens[start] and end - start > 1:
        start += 1
        while start < end and not cap(start):
            start += 1
    if start >= end:
        return None
    if kind == "person":
        while end - start > 1 and (words[start].lower() in TITLES or words[start].lower() in HONORIFICS):
            start += 1
        role = words[start].lower() in TITLES or words[start].lower() in ROLE_NOUNS
        if (words[start] in CONNECTORS or (role and start + 1 < len(words) and words[start + 1] == "of")
                or (end - start == 1 and role)):
            return None
    return (start, end) if start < end else None


def gold_of(words, pos, sent_starts, mentions):
    """Named person/organisation/place mentions: [(start, end, kind, chain)] over tokens; also other named
    mentions and unnamed person/org/place mentions (token ranges) for the precision breakdown."""
    opens = [False] * len(words)
    bounds = sent_starts + [len(words)]
    for a, b in zip(bounds, bounds[1:]):
        for i in range(a, b):
            if any(ch.isalnum() for ch in words[i]):
                opens[i] = True
                break
    names = []
    for s, e, typ, chain, _wiki in mentions:
        if typ in KIND_OK:
            r = name_in(words, pos, opens, s, e, typ)
            if r:
                names.append((r[0], r[1], typ, chain, e - s))
    # outermost name first; of two mentions giving one name ("a friend of Leonhard Euler" and "Leonhard
    # Euler"), the shorter mention is the one that names it (its chain is the name's)
    names.sort(key=lambda x: (x[0], -x[1], x[4]))
    taken = [False] * len(words)
    kept = []
    for s, e, k, c, _len in names:
        if any(taken[s:e]):
            continue
        kept.append((s, e, k, c))
        for i in range(s, e):
            taken[i] = True
    other_named = [(s, e) for s, e, typ, _c, wiki in mentions
                   if typ not in KIND_OK and (wiki or any(pos[i] in ("NP", "NPS") for i in range(s, e)))]
    unnamed = [(s, e) for s, e, typ, _c, _w in mentions if typ in KIND_OK]
    return kept, other_named, unnamed


def utf16_to_char(line_text, col16):
    n = 0
    for i, ch in enumerate(line_text):
        if n >= col16:
            return i
        n += 2 if ord(ch) > 0xFFFF else 1
    return len(line_text)


# ---- coreference metrics (MUC, B3, CEAF-e), as in score_actors.py
def muc(key, resp):
    def side(a, b):
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where[m] for m in c if m in where}
            singles = sum(1 for m in c if m not in where)
            num += len(c) - (len(parts) + singles)
            den += len(c) - 1
        return num, den
    rn, rd = side(key, resp); pn, pd = side(resp, key)
    return rn, rd, pn, pd


def b3(key, resp):
    def side(a, b):
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0.0
        for c in a:
            counts = defaultdict(int)
            for m in c:
                if m in where:
                    counts[where[m]] += 1
            num += sum(v * v for v in counts.values()) / len(c)
            den += len(c)
        return num, den
    rn, rd = side(key, resp); pn, pd = side(resp, key)
    return rn, rd, pn, pd


def ceafe(key, resp):
    key = [set(c) for c in key]; resp = [set(c) for c in resp]
    where = defaultdict(set)
    for j, c in enumerate(resp):
        for m in c:
            where[m].add(j)
    pairs = []
    for i, c in enumerate(key):
        for j in {j for m in c for j in where[m]}:
            pairs.append((2.0 * len(c & resp[j]) / (len(c) + len(resp[j])), i, j))
    used_k, used_r, total = set(), set(), 0.0
    for w, i, j in sorted(pairs, reverse=True):
        if i not in used_k and j not in used_r:
            used_k.add(i); used_r.add(j); total += w
    return total, len(key), total, len(resp)


def f1(rn, rd, pn, pd):
    r = rn / rd if rd else 0.0; p = pn / pd if pd else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def conll(key, resp):
    return 100 * sum(f1(*m(key, resp)) for m in (muc, b3, ceafe)) / 3


def splits(gum_dir):
    out, cur = {}, None
    for line in open(os.path.join(gum_dir, "splits.md"), encoding="utf-8"):
        line = line.strip()
        if line in ("## dev", "## test"):
            cur = line[3:]
        elif line.startswith("## "):
            cur = None
        elif cur and line.startswith("* "):
            out[line[2:].strip()] = cur
    return out


def score_doc(binary, gum_dir, doc, workdir, t, errors):
    words, pos, sent_starts, block_starts = read_xml(os.path.join(gum_dir, "xml", doc + ".xml"))
    mentions, n = read_conll(os.path.join(gum_dir, "coref", doc + ".conll"))
    if n != len(words):
        raise SystemExit(f"{doc}: xml has {len(words)} tokens, conll {n}")
    text, spans = render(words, pos, block_starts)
    path = os.path.join(workdir, doc + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    p = subprocess.run([binary, "actors", "--format", "json", path], capture_output=True, text=True, timeout=300)
    try:
        actors = json.loads(p.stdout)["actors"]
    except Exception:
        raise SystemExit(f"{doc}: `actors --format json` gave no JSON (exit {p.returncode}): {p.stderr[:200]}")
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    sysm = []   # (start, end, kind, actor id, text)
    for a in actors:
        for m in a.get("mentions", []):
            s = starts[m["line"]] + utf16_to_char(lines[m["line"]], m["character"])
            e = starts[m["end_line"]] + utf16_to_char(lines[m["end_line"]], m["end_character"])
            sysm.append((s, e, a["kind"], a["id"], text[s:e]))
    names, other_named, unnamed = gold_of(words, pos, sent_starts, mentions)
    ch = lambda s, e: (spans[s][0], spans[e - 1][1])
    gold = [(*ch(s, e), k, c) for s, e, k, c in names]
    other = [ch(s, e) for s, e in other_named]
    unn = [ch(s, e) for s, e in unnamed]
    ov = lambda a, b, c, d: min(b, d) - max(a, c)
    # each gold name: the system mention with the largest overlap
    detected = {}
    for gi, (gs, ge, k, c) in enumerate(gold):
        best = max(((ov(gs, ge, s, e), j) for j, (s, e, *_r) in enumerate(sysm) if ov(gs, ge, s, e) > 0), default=None)
        if best:
            detected[gi] = best[1]
        else:
            errors.append(f"{doc}\tMISS\t{k}\t{text[gs:ge]!r}\t{context(text, gs, ge)}")
    t["gold"] += len(gold); t["detected"] += len(detected)
    for gi, j in detected.items():
        gs, ge, k, _c = gold[gi]
        s, e, kind, _a, mt = sysm[j]
        t["exact"] += (s, e) == (gs, ge)
        if (s, e) != (gs, ge):
            errors.append(f"{doc}\tSPAN\t{k}\tgold {text[gs:ge]!r} sys {mt!r}\t{context(text, gs, ge)}")
        ok = kind in KIND_OK[k]
        t["kind_right"] += ok
        t[f"kind_{k}"] += 1; t[f"kind_{k}_right"] += ok
        if not ok:
            errors.append(f"{doc}\tKIND\tgold {k} sys {kind}\t{mt!r}\t{context(text, s, e)}")
    for s, e, kind, _a, mt in sysm:
        t["sys"] += 1
        if any(ov(s, e, gs, ge) > 0 for gs, ge, *_r in gold):
            t["sys_named"] += 1
        elif any(ov(s, e, a, b) > 0 for a, b in other):
            t["sys_other_named"] += 1
            errors.append(f"{doc}\tFALSE-other\t{kind}\t{mt!r}\t{context(text, s, e)}")
        elif any(ov(s, e, a, b) > 0 for a, b in unn):
            t["sys_unnamed"] += 1
            errors.append(f"{doc}\tFALSE-unnamed\t{kind}\t{mt!r}\t{context(text, s, e)}")
        else:
            t["sys_nothing"] += 1
            errors.append(f"{doc}\tFALSE-nothing\t{kind}\t{mt!r}\t{context(text, s, e)}")
    # linking over detected mentions
    key, resp = defaultdict(list), defaultdict(list)
    for gi, j in detected.items():
        key[gold[gi][3]].append((doc, gi))
        resp[sysm[j][3]].append((doc, gi))
    gp = {tuple(sorted(x)) for c in key.values() for x in combinations(c, 2)}
    sp = {tuple(sorted(x)) for c in resp.values() for x in combinations(c, 2)}
    t["gold_pairs"] += len(gp); t["sys_pairs"] += len(sp); t["tp_pairs"] += len(gp & sp)
    name = lambda m: text[gold[m[1]][0]:gold[m[1]][1]]
    for a, b in sorted(sp - gp):
        errors.append(f"{doc}\tLINK-wrong\t{name(a)!r} ~ {name(b)!r}")
    seen = set()
    for a, b in sorted(gp - sp):
        if (name(a), name(b)) not in seen:
            seen.add((name(a), name(b)))
            errors.append(f"{doc}\tLINK-missed\t{name(a)!r} ~ {name(b)!r} (sys {sysm[detected[a[1]]][4]!r} / {sysm[detected[b[1]]][4]!r})")
    return list(key.values()), list(resp.values())


def context(text, s, e, width=60):
    return text[max(0, s - width):s].replace("\n", " | ") + "[[" + text[s:e] + "]]" + text[e:e + width].replace("\n", " | ")


def figures(t, key, resp):
    r = lambda a, b: round(100 * t[a] / t[b], 1) if t[b] else None
    pp = t["tp_pairs"] / t["sys_pairs"] if t["sys_pairs"] else 0
    pr = t["tp_pairs"] / t["gold_pairs"] if t["gold_pairs"] else 0
    return {"documents": int(t["docs"]), "named_gold_mentions": int(t["gold"]),
            "detection_recall": r("detected", "gold"), "span_exact": r("exact", "detected"),
            "kind_accuracy": r("kind_right", "detected"),
            "kind_person": r("kind_person_right", "kind_person"),
            "kind_organization": r("kind_organization_right", "kind_organization"),
            "kind_place": r("kind_place_right", "kind_place"),
            "system_mentions": int(t["sys"]), "precision": r("sys_named", "sys"),
            "false_other_named": int(t["sys_other_named"]), "false_unnamed": int(t["sys_unnamed"]),
            "false_nothing": int(t["sys_nothing"]),
            "pair_precision": round(100 * pp, 1), "pair_recall": round(100 * pr, 1),
            "pair_f1": round(100 * 2 * pp * pr / (pp + pr), 1) if pp + pr else 0.0,
            "linking_conll_f1": round(conll(key, resp), 1) if key else None}


def main():
    argv = sys.argv[1:]
    opt = lambda name: argv[argv.index(name) + 1] if name in argv else None
    split = opt("--split") or "all"
    errors_path, keep = opt("--errors"), opt("--keep")
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] not in ("--split", "--errors", "--keep"))]
    binary, gum_dir = os.path.abspath(args[0]), args[1]
    parts = splits(gum_dir)
    docs = sorted(f[:-4] for f in os.listdir(os.path.join(gum_dir, "xml")) if f.endswith(".xml"))
    docs = [d for d in docs if split == "all" or parts.get(d, "train") == split]
    workdir = keep or tempfile.mkdtemp(prefix="crosswire-gum-")
    os.makedirs(workdir, exist_ok=True)
    totals = defaultdict(float)
    by_genre = defaultdict(lambda: defaultdict(float))
    keys, resps = [], []
    gkeys, gresps = defaultdict(list), defaultdict(list)
    errors = []
    for doc in docs:
        genre = doc.split("_")[1]
        t = defaultdict(float)
        k, r = score_doc(binary, gum_dir, doc, workdir, t, errors)
        t["docs"] = 1
        for name, v in t.items():
            totals[name] += v
            by_genre[genre][name] += v
        keys += k; resps += r; gkeys[genre] += k; gresps[genre] += r
    result = {"split": split, **figures(totals, keys, resps),
              "genres": {g: figures(by_genre[g], gkeys[g], gresps[g]) for g in GENRES if g in by_genre}}
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as f:
            f.write("\n".join(errors) + "\n")
    if "--json" in argv:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            if k != "genres":
                print(f"{k:22} {v}")
        cols = ["documents", "named_gold_mentions", "detection_recall", "span_exact", "kind_accuracy", "precision",
                "pair_precision", "pair_recall", "linking_conll_f1"]
        print("genre      " + " ".join(f"{c[:9]:>9}" for c in cols))
        for g, fig in result["genres"].items():
            print(f"{g:10} " + " ".join(f"{str(fig[c]):>9}" for c in cols))
    if not keep:
        for f in os.listdir(workdir):
            os.remove(os.path.join(workdir, f))
        os.rmdir(workdir)
    return result


if __name__ == "__main__":
    main()
