#!/usr/bin/env python3
"""Summarise a Stryker.NET mutation-report.json: the score per namespace and every mutant that was not killed.

Usage: python3 mutation/survivors.py REPORT.json [REPORT.json ...]
Several reports (one Stryker run per namespace, each instruments the whole assembly) are merged file by file: a
file's mutants are taken from the last run that tested them (a rerun of some files after new tests replaces the
first run's results for them), never from one whose mutate filter left them out.
Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own definition; mutants
disabled in the code with a `// Stryker disable ... : reason` comment (equivalent mutants) are listed with their
reason and left out of the score, as Stryker does. stdlib only.
"""
import json
import sys
from collections import defaultdict

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def namespace(path):
    parts = path.replace("\\", "/").split("/")
    if "FaceCompat" in parts:
        i = len(parts) - 1 - parts[::-1].index("FaceCompat")
        if i + 2 < len(parts):
            return parts[i + 1]
    return "?"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    files = merged(sys.argv[1:])
    counts = defaultdict(lambda: defaultdict(int))
    left, ignored = [], []
    for path, (source, mutants) in sorted(files.items()):
        ns = namespace(path)
        lines = source.splitlines()
        for m in mutants:
            status = m["status"]
            counts[ns][status] += 1
            line = m["location"]["start"]["line"]
            code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            where = f"{path.split('src/FaceCompat/')[-1]}:{line}"
            if status in UNDETECTED:
                left.append((ns, where, status, m["mutatorName"], m.get("replacement", ""), code))
            elif status == "Ignored" and "disable" in (m.get("statusReason") or "").lower():
                ignored.append((where, m["mutatorName"], m.get("statusReason", "")))
    total = defaultdict(int)
    print(f"{'namespace':<12} {'killed':>7} {'timeout':>7} {'survived':>8} {'no cov':>7} {'ignored':>7} {'compile':>7} {'score':>7}")
    for ns in sorted(counts):
        c = counts[ns]
        if set(c) <= {"CompileError"}:
            continue  # a namespace no run mutated: only Stryker's safe-mode compile errors
        for k, v in c.items():
            total[k] += v
        print(row(ns, c))
    print(row("all", total))
    print(f"\n{len(left)} mutants not detected:")
    for ns, where, status, mutator, replacement, code in left:
        print(f"  {status:<10} {where:<55} {mutator}: {replacement!r}   | {code[:90]}")
    if ignored:
        print(f"\n{len(ignored)} mutants disabled in the code as equivalent:")
        for where, mutator, reason in ignored:
            print(f"  {where:<55} {mutator}: {reason}")


def tested(m):
    return not (m["status"] == "Ignored" and "mutate filter" in (m.get("statusReason") or ""))


def merged(paths):
    """path -> (source, tested mutants), each file from the last report that tested any of its mutants (mutant ids
    are numbered over the whole assembly, so they are not compared across runs of different commits)."""
    files = {}
    for p in paths:
        for path, file in json.load(open(p))["files"].items():
            mutants = [m for m in file["mutants"] if tested(m)]
            if mutants or path not in files:
                files[path] = (file.get("source", ""), mutants)
    return files


def row(name, c):
    detected = sum(c[s] for s in DETECTED)
    valid = detected + sum(c[s] for s in UNDETECTED)
    score = f"{100 * detected / valid:.1f}%" if valid else "n/a"
    return (f"{name:<12} {c['Killed']:>7} {c['Timeout']:>7} {c['Survived']:>8} {c['NoCoverage']:>7} {c['Ignored']:>7} "
            f"{c['CompileError']:>7} {score:>7}")


if __name__ == "__main__":
    main()
