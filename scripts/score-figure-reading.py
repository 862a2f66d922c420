#!/usr/bin/env python3
"""How crosswire reads the hand-annotated figures of ECB+ train/dev (figure_identity_*.json):
for each gold figure, the crosswire figure whose span overlaps it most; counts found, same value
(low/high), same qualifier. Usage: read_gold.py BIN SPLIT"""
import json, os, subprocess, sys
binary, split = sys.argv[1:3]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'ecbplus')
d = json.load(open(f'{root}/figure_identity_{split}.json'))
golds = []
for ev in d['events']:
    for g in ev['groups']:
        for f in g['figures']:
            golds.append((ev['topic'], g.get('kind'), f))
cache = {}
def figs(topic, doc):
    key = (topic, doc)
    if key not in cache:
        path = f'{root}/topics/{topic}/docs/{doc}.txt'
        text = open(path, encoding='utf-8').read()
        out = subprocess.run([binary, 'figures', '--format', 'json', path], capture_output=True, text=True).stdout
        fs = json.loads(out)['figures']
        lines = text.split('\n')
        starts = [0]
        for l in lines: starts.append(starts[-1] + len(l) + 1)
        res = []
        for f in fs:
            # line/character are 0-based? UTF-16 columns; the docs are mostly BMP
            a = starts[f['line']] + f['character']; b = starts[f['end_line']] + f['end_character']
            res.append((a, b, f))
        cache[key] = res
    return cache[key]
inf = float('inf')
n = found = same_iv = same_q = 0
misses = []
for topic, kind, g in golds:
    n += 1
    a, b = g['start_char'], g['end_char']
    best = None; ov = 0
    for (x, y, f) in figs(topic, g['doc']):
        o = min(b, y) - max(a, x)
        if o > ov: ov, best = o, f
    if not best:
        misses.append(('missing', g['text'])); continue
    found += 1
    def gold_value(g):
        q = g['qualifier']
        if q in ('range', 'vague'):
            return (g['low'], g['high'])
        if q in ('as_many_as', 'less_than', 'almost', 'nearly'):
            return g['high']
        return g['low'] if g['low'] is not None else g['high']
    def our_value(f):
        v = f.get('value')
        if isinstance(v, list):
            return tuple(v)
        if v is None:
            return f['low'] if f['qualifier'] not in ('as_many_as', 'less_than', 'nearly') else f['high']
        return v
    close = lambda p, q: p is not None and q is not None and (p == q or abs(p - q) <= 1e-6 * max(1, abs(p)))
    gv, ov_ = gold_value(g), our_value(best)
    if isinstance(gv, tuple) and isinstance(ov_, tuple):
        ok = close(gv[0], ov_[0]) and close(gv[1], ov_[1])
    elif isinstance(gv, tuple) or isinstance(ov_, tuple):
        ok = False
    else:
        ok = close(gv, ov_)
    if ok:
        same_iv += 1
    else:
        misses.append(('value', g['text'], best['text'], gv, ov_, g['qualifier'], best['qualifier']))
    qmap = {'almost': 'nearly'}
    if best['qualifier'] == qmap.get(g['qualifier'], g['qualifier']):
        same_q += 1
    else:
        misses.append(('qualifier', g['text'], best['text'], g['qualifier'], best['qualifier']))
print(f'{split}: {n} gold figures; found {found} ({100*found/n:.1f}%); same value {same_iv} ({100*same_iv/n:.1f}%); same qualifier {same_q} ({100*same_q/n:.1f}%)')
if len(sys.argv) > 3:
    for m in misses: print('  ', m)
