#!/usr/bin/env python3
"""Markdown tables of a `facecompat ensemble` folder: strict Rank-1, EER and TMR@FMR 1e-3 per method (mean ± std
[95% t interval] over seeds), then the paired tests. Standard library only.
    python3 bench/hub/ensemble-table.py out/ensemble-lfw"""
import csv, sys, os

folder = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(folder, "summary.csv"))))
metrics = [("rank1", "strict Rank-1 %"), ("eer", "EER %"), ("tmr@fmr=0.001", "TMR@FMR 1e-3 %")]
have = {r["metric"] for r in rows}
metrics = [m for m in metrics if m[0] in have]
print("| method | " + " | ".join(t for _, t in metrics) + " |")
print("|---|" + "---|" * len(metrics))
keys = []
for r in rows:
    k = (r["method"], r["model"])
    if k not in keys:
        keys.append(k)
for method, model in keys:
    cells = []
    for m, _ in metrics:
        r = next(x for x in rows if x["method"] == method and x["model"] == model and x["metric"] == m)
        cells.append(f"{100*float(r['mean']):.2f} ± {100*float(r['std']):.2f} [{100*float(r['ci95_low']):.2f}, {100*float(r['ci95_high']):.2f}]")
    print(f"| {method}{' ' + model if model else ''} | " + " | ".join(cells) + " |")
print()
print("| hub fusion minus | metric | mean difference (points) | per seed | Wilcoxon p | sign-flip p |")
print("|---|---|---|---|---|---|")
for t in csv.DictReader(open(os.path.join(folder, "tests.csv"))):
    per = " ".join(f"{100*float(d):+.2f}" for d in t["differences"].split())
    print(f"| {t['against']} | {t['metric']} | {100*float(t['mean_difference']):+.2f} | {per} | {float(t['wilcoxon_p']):.3g} | {float(t['sign_flip_p']):.3g} |")
