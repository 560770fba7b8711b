#!/usr/bin/env python3
"""Markdown tables of a study's operating points for docs/results.md (standard library only).

    python3 bench/operating-points/tables.py STUDY_OUT [MAP]

Reads STUDY_OUT/operating_points_statistics.csv and bct.csv (the study's operating_points and exposure experiments)
and prints, for every ordered pair: TMR at FMR 1e-4 and 1e-5 of each scenario, the BCT criterion at 1e-3..1e-5,
attack success with its Student-t 95% interval over seeds, and FNIR at FPIR. Values in %, means over seeds; a value
the study marked not measurable prints as "not measurable". MAP (default lstsq) picks the migration / exposure map.
"""
import csv
import os
import sys

out = sys.argv[1]
chosen = sys.argv[2] if len(sys.argv) > 2 else "lstsq"
stats = {}
pairs = []
with open(os.path.join(out, "operating_points_statistics.csv"), newline="") as f:
    for r in csv.DictReader(f):
        if r.get("fit_identities", "") not in ("", "all"):
            continue
        key = (r["experiment"], r["source"], r["target"], r["map"], r["scenario"], r["metric"], float(r["operating_point"]))
        stats[key] = r
        if (r["source"], r["target"]) not in pairs:
            pairs.append((r["source"], r["target"]))
pairs.sort()
bct = {}
with open(os.path.join(out, "bct.csv"), newline="") as f:
    for r in csv.DictReader(f):
        bct[(r["source"], r["target"], r["map"], float(r["operating_point"]))] = r


def cell(experiment, s, t, m, scenario, metric, at, interval=False):
    r = stats.get((experiment, s, t, m, scenario, metric, at))
    if r is None:
        return "–"
    if r["mean"] == "not_measurable":
        return "not measurable"
    v = 100 * float(r["mean"])
    if interval and r["ci_low"]:
        return f"{v:.1f} [{100 * float(r['ci_low']):.1f}, {100 * float(r['ci_high']):.1f}]"
    return f"{v:.1f}" if metric == "tmr" or metric == "fnir" else f"{v:.3f}"


def both(experiment, s, t, m, scenario, metric, rates):
    return " / ".join(cell(experiment, s, t, m, scenario, metric, at) for at in rates)


op, ex = "operating-points", "exposure"
print(f"TMR (%) at FMR 1e-4 / 1e-5, at B's thresholds (native-a at A's own); migrated and its FMR: {chosen}")
print()
print("| pair | native-b | native-a | migrated | migrated FMR | unaligned |")
print("|---|---:|---:|---:|---:|---:|")
for s, t in pairs:
    rates = (1e-4, 1e-5)
    print(f"| {s} → {t} | {both(op, s, t, '', 'native-b', 'tmr', rates)} | {both(op, s, t, '', 'native-a', 'tmr', rates)} | "
          f"{both(op, s, t, chosen, 'migrated', 'tmr', rates)} | {both(op, s, t, chosen, 'migrated', 'fmr', rates)} | "
          f"{both(op, s, t, 'unaligned', 'unaligned', 'tmr', rates)} |")
print()
print(f"BCT criterion ({chosen}): seeds on which migrated TMR ≥ native-a TMR, and the sign-flip p over seeds")
print()
print("| pair | FMR 1e-3 | FMR 1e-4 | FMR 1e-5 |")
print("|---|---:|---:|---:|")
for s, t in pairs:
    cells = []
    for at in (1e-3, 1e-4, 1e-5):
        b = bct.get((s, t, chosen, at))
        if b is None or b["holds_on_mean"] == "not_measurable":
            cells.append("not measurable")
        else:
            p = f", p = {float(b['sign_flip_p']):.3f}" if b["sign_flip_p"] else ""
            cells.append(f"{b['seeds_holding']}/{b['seeds']}{p}")
    print(f"| {s} → {t} | " + " | ".join(cells) + " |")
print()
print(f"Exposure ({chosen} fitted on all of the fit set): attack success (%) [Student-t 95% interval over seeds]")
print()
print("| pair | FMR 1e-3 | FMR 1e-4 | FMR 1e-5 | false accepts at 1e-3 / 1e-4 / 1e-5 |")
print("|---|---:|---:|---:|---:|")
for s, t in pairs:
    print(f"| {s} → {t} | " + " | ".join(cell(ex, s, t, chosen, 'exposure', 'tmr', at, True) for at in (1e-3, 1e-4, 1e-5)) +
          f" | {both(ex, s, t, chosen, 'exposure', 'fmr', (1e-3, 1e-4, 1e-5))} |")
print()
print(f"Open-set search: FNIR (%) at FPIR 1e-1 / 1e-2 / 1e-3 (rank 1)")
print()
print("| pair | native-b | native-a | migrated gallery | mapped probes |")
print("|---|---:|---:|---:|---:|")
for s, t in pairs:
    rates = (1e-1, 1e-2, 1e-3)
    print(f"| {s} → {t} | {both(op, s, t, '', 'native-b', 'fnir', rates)} | {both(op, s, t, '', 'native-a', 'fnir', rates)} | "
          f"{both(op, s, t, chosen, 'migrated', 'fnir', rates)} | {both(op, s, t, chosen, 'probe-mapped', 'fnir', rates)} |")
