#!/usr/bin/env python3
"""Issue 18's shared space against direct Procrustes, from a study's results.csv (docs/configs/modern-faces-hub.yaml).

Per ordered pair: strict Rank-1 of procrustes, hub-procrustes and the hub that left a model out (joined later),
mean over seeds, and the hub - direct difference with an exact sign-flip test over the seeds; overall: the mean
difference over pairs with an exact Wilcoxon signed-rank test over the pairs' seed means (normal approximation
above 20 pairs). Standard library only.
    python3 bench/hub/hub-vs-direct.py out/modern-faces-hub/results.csv [left-out-model]
"""
import csv, itertools, math, sys
from collections import defaultdict

path = sys.argv[1]
left_out = sys.argv[2] if len(sys.argv) > 2 else "faceapi"
values = defaultdict(dict)
with open(path) as f:
    for r in csv.DictReader(f):
        if r["experiment"] != "within" or r["protocol"] != "strict" or r["metric"] != "rank1":
            continue
        label = r["map"] + (":" + r["map_parameters"] if r["map_parameters"] else "")
        values[(r["source"], r["target"], label)][int(r["seed"])] = float(r["value"])

def sign_flip(d):
    observed = abs(sum(d))
    hits = total = 0
    for signs in itertools.product([1, -1], repeat=len(d)):
        total += 1
        hits += abs(sum(s * x for s, x in zip(signs, d))) >= observed - 1e-12
    return hits / total

def wilcoxon(d):
    d = [x for x in d if x != 0]
    n = len(d)
    ranks = sorted(range(n), key=lambda i: abs(d[i]))
    r = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and abs(d[ranks[j + 1]]) == abs(d[ranks[i]]):
            j += 1
        for k in range(i, j + 1):
            r[ranks[k]] = (i + j) / 2 + 1
        i = j + 1
    w = sum(r[i] for i in range(n) if d[i] > 0)
    mean, var = n * (n + 1) / 4, n * (n + 1) * (2 * n + 1) / 24
    z = (w - mean) / math.sqrt(var)
    return w, math.erfc(abs(z) / math.sqrt(2))

pairs = sorted({(s, t) for s, t, _ in values})
hub_label, join_label = "hub-procrustes", "hub-procrustes:leave-out=" + left_out
print("| source → target | Procrustes | hub | hub − direct (sign-flip p) | hub without %s, joined | joined − in hub |" % left_out)
print("|---|---|---|---|---|---|")
diffs, join_diffs = [], []
for s, t in pairs:
    direct, hub = values.get((s, t, "procrustes")), values.get((s, t, hub_label))
    if not direct or not hub:
        continue
    seeds = sorted(direct)
    d = [hub[k] - direct[k] for k in seeds]
    mean = lambda v: sum(v) / len(v)
    joined = values.get((s, t, join_label))
    jd = [joined[k] - hub[k] for k in seeds] if joined else None
    diffs.append(mean(d))
    if joined and left_out in (s, t):
        join_diffs.append(mean(jd))
    print(f"| {s} → {t} | {100*mean([direct[k] for k in seeds]):.1f} | {100*mean([hub[k] for k in seeds]):.1f} | "
          f"{100*mean(d):+.2f} ({sign_flip(d):.3f}) | "
          + (f"{100*mean([joined[k] for k in seeds]):.1f} | {100*mean(jd):+.2f} |" if joined else "– | – |"))
w, p = wilcoxon(diffs)
print(f"\n{len(diffs)} pairs: hub − direct mean {100*sum(diffs)/len(diffs):+.2f} points "
      f"(min {100*min(diffs):+.2f}, max {100*max(diffs):+.2f}); Wilcoxon over pairs W+ = {w}, p = {p:.3g}")
if join_diffs:
    print(f"pairs with {left_out} joined later: {len(join_diffs)}, joined − in hub mean {100*sum(join_diffs)/len(join_diffs):+.2f}, "
          f"largest |difference| {100*max(abs(x) for x in join_diffs):.2f} points")
