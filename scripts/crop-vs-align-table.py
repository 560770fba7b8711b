#!/usr/bin/env python3
"""Markdown tables of a crop-vs-align study: Rank-1 (%) per ordered pair and map, crop | align, one table per protocol.

    python3 scripts/crop-vs-align-table.py OUT/statistics.csv [DATASET]

Reads the study's statistics.csv (experiment within, metric rank1; DATASET default lfw) and prints, per
protocol, one row per ordered pair with mean ± std over seeds for each map under crop and align, then the
models' own Rank-1 (experiment self). The full tables with the paired differences are in the study's
tables.md (section "Rank-1 (%) crop vs align").
"""
import csv
import sys


def main(path, dataset="lfw"):
    rows = list(csv.DictReader(open(path)))
    stats = {}
    for r in rows:
        if r["test_dataset"] != dataset or r["metric"] != "rank1" or r["experiment"] not in ("within", "self"):
            continue
        stats[(r["experiment"], r["preprocessing"], r["source"], r["target"], r["map"], r["protocol"])] = (float(r["mean"]), float(r["std"]))
    maps = [m for m in ("procrustes", "lstsq", "ridge:alpha=0.1", "unaligned") if any(k[4] == m for k in stats)]
    models = []
    for k in stats:
        for m in (k[2], k[3]):
            if m not in models:
                models.append(m)
    order = ["faceres", "faceres-deep", "faceapi", "mobileface"]
    models.sort(key=lambda m: order.index(m) if m in order else len(order))
    cell = lambda v: "–" if v is None else f"{100 * v[0]:.1f} ± {100 * v[1]:.1f}"
    for protocol in ("reference", "strict"):
        print(f"\n**Rank-1 (%), {dataset.upper()}, {protocol} protocol** (mean ± std over seeds; crop | align)\n")
        print("| pair | " + " | ".join(f"{m.split(':')[0]} crop | {m.split(':')[0]} align" for m in maps) + " |")
        print("|---|" + "---:|" * (2 * len(maps)))
        for s in models:
            for t in models:
                if s == t:
                    continue
                cells = []
                for m in maps:
                    for pre in ("crop", "align"):
                        cells.append(cell(stats.get(("within", pre, s, t, m, protocol))))
                if any(c != "–" for c in cells):
                    print(f"| {s} → {t} | " + " | ".join(cells) + " |")
        own = [(m, stats.get(("self", "crop", m, m, "self", protocol)), stats.get(("self", "align", m, m, "self", protocol))) for m in models]
        if protocol == "strict" and any(o[1] for o in own):
            print("\nEach model against its own gallery (strict Rank-1, crop → align): " +
                  ", ".join(f"{m} {cell(a)} → {cell(b)}" for m, a, b in own) + ".")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(*sys.argv[1:])
