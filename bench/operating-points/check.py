#!/usr/bin/env python3
"""Independent check of `facecompat operating-points` (numpy only).

From the same embeddings, the split and the maps the tool wrote (--save-maps), recomputes native-b's thresholds at
the given FMRs and the TMR/FMR counts of native-b, migrated (each map) and unaligned, and compares them with the
tool's operating_points.csv. Exits 1 on any difference.

Definitions (docs/protocol.md, "Operating points"): score = float32(dot of float32 unit rows in float64);
native-b pairs i < j; migrated/unaligned pairs (migrated template i, native B probe j), i != j; k = floor(f * N);
tau = (k+1)-th largest native-b impostor score; accept when score > tau.
"""
import csv, json, os, sys
from decimal import Decimal
from fractions import Fraction
import numpy as np


def unit32(x64):
    return (x64 / np.sqrt((x64 * x64).sum(axis=1, keepdims=True))).astype(np.float32)


def load_map(folder):
    meta = json.load(open(os.path.join(folder, "map.json")))
    prep = meta["preparation"]
    assert prep["alignment"] == "zero-pad", "only zero-pad preparation is checked"
    def space(s):
        mean = np.load(os.path.join(folder, s["mean"])).reshape(-1) if "mean" in s else None
        return s["input_dimension"], s["output_dimension"], s["l2_normalize"], mean
    src, tgt = space(prep["source"]), space(prep["target"])
    head = meta["source_transform"]
    weights = np.load(os.path.join(folder, head["matrix"])) if head["kind"] == "linear" else None
    assert head["kind"] in ("linear", "identity") and meta["target_transform"]["kind"] == "identity"
    return src, tgt, weights


def migrate(a64, m):
    (din, dout, l2, mean), (tin, _, _, tmean), w = m
    z = a64 / np.sqrt((a64 * a64).sum(axis=1, keepdims=True)) if l2 else a64.copy()
    if mean is not None:
        z = z - mean
    z = np.concatenate([z, np.zeros((z.shape[0], dout - din))], axis=1)
    if w is not None:
        z = z @ w
    r = z[:, :tin]
    if tmean is not None:
        r = r + tmean
    return unit32(r)


def scores(refs32, probes32):
    return (refs32.astype(np.float64) @ probes32.astype(np.float64).T).astype(np.float32)


def allowed(f, n):
    return int(Fraction(Decimal(repr(f))) * n)


def main(emb, source, target, out, seed, fmrs):
    rows = list(csv.DictReader(open(os.path.join(emb, "metadata.csv"))))
    split = {r["identity"]: r["subset"] for r in csv.DictReader(open(os.path.join(out, "splits", f"seed-{seed}.csv")))}
    test = np.array([i for i, r in enumerate(rows) if split.get(r["identity"]) == "test"])
    names = [rows[i]["identity"] for i in test]
    codes = {}
    ids = np.array([codes.setdefault(n, len(codes)) for n in names])
    A = np.load(os.path.join(emb, source + ".npy")).astype(np.float64)[test]
    B = np.load(os.path.join(emb, target + ".npy")).astype(np.float64)[test]
    nb = unit32(B)
    same = ids[:, None] == ids[None, :]
    n = len(ids)

    S = scores(nb, nb)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    imp = S[upper & ~same]
    gen = S[upper & same]
    desc = -np.sort(-imp)
    tau = {}
    mine = {}
    for f in fmrs:
        k = allowed(f, imp.size)
        if k == 0:
            tau[f] = None
            continue
        tau[f] = desc[k]
        mine[("", "native-b", "fmr_threshold", f)] = (float(tau[f]), None)
        mine[("", "native-b", "tmr", f)] = (int((gen > tau[f]).sum()), gen.size)
        mine[("", "native-b", "fmr", f)] = (int((imp > tau[f]).sum()), imp.size)
    del S
    off = ~np.eye(n, dtype=bool)
    labels = sorted(d for d in os.listdir(os.path.join(out, "maps")) if d != "exposure")
    for label in labels:
        folder = os.path.join(out, "maps", label, f"seed-{seed}")
        if not os.path.isdir(folder):
            continue
        g = migrate(A, load_map(folder))
        S = scores(g, nb)
        scenario = "unaligned" if label == "unaligned" else "migrated"
        gen_m, imp_m = S[off & same], S[off & ~same]
        for f in fmrs:
            if tau[f] is None:
                continue
            mine[(label.replace("_", ":"), scenario, "tmr", f)] = (int((gen_m > tau[f]).sum()), gen_m.size)
            mine[(label.replace("_", ":"), scenario, "fmr", f)] = (int((imp_m > tau[f]).sum()), imp_m.size)
        del S

    theirs = {}
    for r in csv.DictReader(open(os.path.join(out, "operating_points.csv"))):
        if r["seed"] != str(seed) or r["metric"] not in ("tmr", "fmr", "fmr_threshold"):
            continue
        f = float(r["operating_point"])
        if r["metric"] == "fmr_threshold":
            theirs[(r["map"], r["scenario"], r["metric"], f)] = (float(np.float32(float(r["value"]))), None)
        else:
            theirs[(r["map"], r["scenario"], r["metric"], f)] = (int(r["events"]) if r["events"] else None, int(r["count"]))
    bad = 0
    for key, value in sorted(mine.items(), key=lambda kv: (kv[0][1], kv[0][0], -kv[0][3], kv[0][2])):
        other = theirs.get(key)
        ok = other == value
        bad += not ok
        print(f"{'ok ' if ok else 'DIFF'} {key[1]:<10} {key[0]:<12} {key[2]:<14} fmr={key[3]:<8g} numpy={value} facecompat={other}")
    print(f"{len(mine)} values compared, {bad} differ")
    return 1 if bad or not mine else 0


if __name__ == "__main__":
    if len(sys.argv) < 6:
        sys.exit("usage: check.py EMBEDDINGS SOURCE TARGET TOOL_OUT SEED [FMR,...]")
    fmrs = [float(x) for x in (sys.argv[6] if len(sys.argv) > 6 else "1e-3,1e-4").split(",")]
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), fmrs))
