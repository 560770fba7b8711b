#!/usr/bin/env python3
"""Independent implementation of the reference protocol with numpy, scipy and scikit-learn.

It re-does FaceCompat's `compare` on the same embeddings and the same split files, so the two can be
checked against each other, and it is the numpy side of the speed comparison.

  reference_protocol.py make  --out DIR [--identities N] [--source-dim P] [--target-dim Q] [--seed S]
  reference_protocol.py run   --embeddings DIR --source A --target B --splits DIR --seeds 42,123
                              --maps procrustes,lstsq,ridge,unaligned --out results.csv
  reference_protocol.py check --ours results.csv --theirs numpy.csv [--rtol 1e-6]

Protocol (docs/protocol.md): per seed, rows of train identities fit the map and rows of test
identities (ascending row order) are evaluated. Rows are L2-normalised, each space centred with its
own train mean and the smaller one zero-padded to the larger dimension (float64). Maps: Procrustes
W = U V^T from svd(Xtr^T Ytr); least squares numpy.linalg.lstsq(rcond=None); ridge
sklearn Ridge(alpha=0.1, fit_intercept=False); unaligned = no map. Mapped test rows and target test
rows are L2-normalised in float64 and rounded once to float32; identification scores are a float32
matrix product; verification scores are float64 dot products of those float32 rows.

With --fold FILE, maps from the smaller source side are also scored the way FaceCompat does it (the map folded
into the gallery: raw source rows z / ||z W|| against G W1^T, W1 the map's rows that meet real source
coordinates, each computed in float64 and rounded once to float32; a map other than Procrustes through the
orthonormal basis of its thin SVD, see folded()): --out then holds the folded values, FILE the padded ones (this
script's padded computation above, the published protocol's), and the script prints the largest difference
between the two score matrices and the Rank-1 and top-50 order changes it causes, i.e. how far the fold's other
rounding moves the numbers; it exits 4 when a score moves by more than --fold-score-tolerance.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np

FMRS = [1e-4, 1e-3, 1e-2, 1e-1]
MAX_RANK = 50
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


# ---------------------------------------------------------------- synthetic data
def lfw_identity_sizes(rng, identities):
    """Images per identity: LFW's own distribution when the data is beside the repo, else a Zipf-like one."""
    root = os.environ.get("FACECOMPAT_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
    folder = os.path.join(root, "lfw", "lfw-deepfunneled")
    if os.path.isdir(folder):
        sizes = np.array(sorted(len(os.listdir(os.path.join(folder, d))) for d in os.listdir(folder)))
    else:
        sizes = np.minimum(rng.zipf(2.2, 5749), 530)
    if identities >= len(sizes):
        return sizes
    return rng.choice(sizes, size=identities, replace=False)


def make(args):
    rng = np.random.default_rng(args.seed)
    sizes = lfw_identity_sizes(rng, args.identities)
    latent = 48
    centres = rng.standard_normal((len(sizes), latent))
    ids = np.repeat(np.arange(len(sizes)), sizes)
    z = centres[ids] + 0.9 * rng.standard_normal((len(ids), latent))
    a = rng.standard_normal((latent, args.source_dim))
    b = rng.standard_normal((latent, args.target_dim))
    x = np.tanh(z @ a / np.sqrt(latent)) + 0.05 * rng.standard_normal((len(ids), args.source_dim))
    y = z @ b / np.sqrt(latent) + 0.05 * rng.standard_normal((len(ids), args.target_dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "src.npy"), x.astype(np.float32))
    np.save(os.path.join(args.out, "tgt.npy"), y.astype(np.float32))
    with open(os.path.join(args.out, "metadata.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["index", "path", "identity"])
        counter = {}
        for i, ident in enumerate(ids):
            name = f"person_{ident:05d}"
            counter[name] = counter.get(name, 0) + 1
            w.writerow([i, f"{name}/{name}_{counter[name]:04d}.jpg", name])
    print(f"made {len(ids)} rows, {len(sizes)} identities, dims {args.source_dim}/{args.target_dim} in {args.out}")


# ---------------------------------------------------------------- protocol
def read_identities(folder):
    with open(os.path.join(folder, "metadata.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([r["identity"] for r in rows], dtype=object)


def read_split(path):
    train, test = set(), set()
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            (train if r["subset"] == "train" else test).add(r["identity"])
    return train, test


def prepare(train, test, dim):
    train = train / np.linalg.norm(train, axis=1, keepdims=True)
    test = test / np.linalg.norm(test, axis=1, keepdims=True)
    mean = train.mean(axis=0)
    out = []
    for m in (train - mean, test - mean):
        padded = np.zeros((m.shape[0], dim))
        padded[:, : m.shape[1]] = m
        out.append(padded)
    return out


def fit(name, xtr, ytr):
    if name == "procrustes":
        u, _, vt = np.linalg.svd(xtr.T @ ytr)
        return u @ vt
    if name in ("lstsq", "linear"):
        return np.linalg.lstsq(xtr, ytr, rcond=None)[0]
    if name == "ridge":
        from sklearn.linear_model import Ridge
        return Ridge(alpha=0.1, fit_intercept=False).fit(xtr, ytr).coef_.T
    if name == "unaligned":
        return None
    raise SystemExit(f"unknown map {name}")


def unit32(m):
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


def identification(q, g, qid, gid, strict):
    s = q @ g.T  # float32 SGEMM
    n = s.shape[0]
    counts = dict(zip(*np.unique(gid, return_counts=True)))
    relevant = np.array([counts.get(i, 0) for i in qid]) - (1 if strict else 0)
    if strict:
        s[np.arange(n), np.arange(n)] = -np.inf
    k = min(MAX_RANK, s.shape[1] - (1 if strict else 0))
    part = np.argpartition(-s, k - 1, axis=1)[:, :k]
    part_scores = np.take_along_axis(s, part, axis=1)
    order = np.lexsort((part, -part_scores), axis=1)  # score descending, then lower gallery row first
    top = np.take_along_axis(part, order, axis=1)
    hits = gid[top] == qid[:, None]
    keep = relevant > 0
    hits, rel = hits[keep], relevant[keep]
    first = np.where(hits.any(axis=1), hits.argmax(axis=1) + 1, 0)
    precision = np.cumsum(hits, axis=1) / np.arange(1, k + 1)
    ap_sum = (precision * hits).sum(axis=1)
    standard = (ap_sum / np.minimum(rel, MAX_RANK)).mean()
    # the published definition (compute_all_metrics_chunked): divide by the mates found in the top k,
    # average over the queries that found one
    found = hits.sum(axis=1)
    published = (ap_sum[found > 0] / found[found > 0]).mean() if (found > 0).any() else 0.0
    cmc = np.array([np.mean((first > 0) & (first <= r)) for r in range(1, MAX_RANK + 1)])
    return cmc, (standard if strict else published), standard, int(keep.sum()), int((~keep).sum())


def splitmix_stream(seed, start, count):
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.arange(start + 1, start + count + 1, dtype=np.uint64) * GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def reference_pairs(ids, seed):
    """All genuine (a < b) pairs per identity, lexicographic, then as many SplitMix64 impostor pairs."""
    _, codes = np.unique(ids, return_inverse=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    ga, gb = [], []
    for rows in np.split(order, bounds):
        if len(rows) > 1:
            a, b = np.triu_indices(len(rows), 1)
            ga.append(rows[a])
            gb.append(rows[b])
    ga, gb = np.concatenate(ga), np.concatenate(gb)
    lex = np.lexsort((gb, ga))
    ga, gb = ga[lex], gb[lex]
    need, n, used = len(ga), np.uint64(len(ids)), 0
    ia, ib = [], []
    while need > 0:
        draws = splitmix_stream(seed, used, 2 * (need + need // 4 + 16))
        used += len(draws)
        a = (draws[0::2] % n).astype(np.int64)
        b = (draws[1::2] % n).astype(np.int64)
        ok = codes[a] != codes[b]
        a, b = a[ok][:need], b[ok][:need]
        ia.append(a)
        ib.append(b)
        need -= len(a)
    return (np.concatenate([ga, np.concatenate(ia)]), np.concatenate([gb, np.concatenate(ib)]),
            np.r_[np.ones(len(ga), bool), np.zeros(len(ga), bool)])


def verification(q, g, a, b, labels):
    from sklearn.metrics import roc_auc_score, roc_curve
    scores = np.einsum("ij,ij->i", q[a].astype(np.float64), g[b].astype(np.float64))
    fpr, tpr, _ = roc_curve(labels, scores)
    fnr = 1 - tpr
    i = np.argmin(np.abs(fnr - fpr))
    out = {"auc": roc_auc_score(labels, scores), "eer": (fpr[i] + fnr[i]) / 2}
    for t in FMRS:
        out[f"tmr@fmr={t:g}"] = tpr[np.argmin(np.abs(fpr - t))]
    return out


def run(args):
    import sklearn.linear_model, sklearn.metrics  # noqa: F401  (imported before the clock starts)
    started = time.perf_counter()
    x = np.load(os.path.join(args.embeddings, f"{args.source}.npy")).astype(np.float64)
    y = np.load(os.path.join(args.embeddings, f"{args.target}.npy")).astype(np.float64)
    ids = read_identities(args.embeddings)
    dim = max(x.shape[1], y.shape[1])
    rows, folded_rows, fold_report = [], [], []
    for seed in [int(s) for s in args.seeds.split(",")]:
        train_ids, test_ids = read_split(os.path.join(args.splits, f"seed-{seed}.csv"))
        tr = np.flatnonzero(np.isin(ids, list(train_ids)))
        te = np.flatnonzero(np.isin(ids, list(test_ids)))
        xtr, xte = prepare(x[tr], x[te], dim)
        ytr, yte = prepare(y[tr], y[te], dim)
        g = unit32(yte)
        tid = ids[te]
        pa, pb, labels = reference_pairs(tid, seed)
        for name in args.maps.split(","):
            w = fit(name, xtr, ytr)
            q = unit32(xte if w is None else xte @ w)
            first = len(rows)
            evaluate(rows, args, name, seed, q, g, tid, pa, pb, labels)
            fold = folded(xte, w, g, x.shape[1], name == "procrustes") if args.fold and w is not None and x.shape[1] < y.shape[1] else None
            if fold is not None:
                qf, gf = fold
                evaluate(folded_rows, args, name, seed, qf, gf, tid, pa, pb, labels)
                fold_report.append(compare_scores(q, g, qf, gf))
            elif args.fold:
                folded_rows.extend(rows[first:])
    elapsed = time.perf_counter() - started
    if args.fold:
        write_rows(args.fold, rows)
        write_rows(args.out, folded_rows)
        worst = max((r[0] for r in fold_report), default=0.0)
        print(f"fold: {len(fold_report)} folded evaluations; largest |folded - padded| score {worst:.3e}; "
              f"Rank-1 changed for {sum(r[1] for r in fold_report)} queries; "
              f"top-50 orders changed for {sum(r[2] for r in fold_report)} queries, every swapped pair within "
              f"{max((r[3] for r in fold_report), default=0.0):.3e} of each other in the padded scores")
        if worst > args.fold_score_tolerance:
            print(f"fold: scores moved by {worst:.3e}, more than {args.fold_score_tolerance:g}")
            sys.exit(4)
    else:
        write_rows(args.out, rows)
    print(f"numpy reference protocol: {len(rows)} values in {elapsed:.2f} s (load + fit + identification + verification, after imports)")


def evaluate(rows, args, name, seed, q, g, tid, pa, pb, labels):
    for protocol in ("reference", "strict"):
        cmc, m_ap, m_ap_standard, evaluated, mateless = identification(q, g, tid, tid, protocol == "strict")
        base = [args.source, args.target, name, seed, protocol, "identification"]
        for r in (1, 5, 10, 20):
            rows.append(base + [f"rank{r}", cmc[r - 1]])
        rows.append(base + ["map@50", m_ap])
        rows.append(base + ["map@50_standard", m_ap_standard])
        rows.append(base + ["queries", evaluated])
        rows.append(base + ["queries_without_mate", mateless])
    for metric, value in verification(q, g, pa, pb, labels).items():
        rows.append([args.source, args.target, name, seed, "reference", "verification", metric, value])


def folded(xte, w, g, ds, orthogonal):
    """FaceCompat's fold: with W1 = W[:ds, :dt] = C B, queries z C / ||z W|| against G B^T, each in float64, rounded
    once to float32. An orthogonal map (Procrustes) folds through its own rows (C = I, B = W1); any other through
    the orthonormal rows of its thin SVD, W1 = U S Vt, C = U S, B = Vt (so the fold's rounding does not grow with
    the map's condition)."""
    norms = np.linalg.norm(xte @ w, axis=1, keepdims=True)
    dt = int(np.flatnonzero(np.abs(g).sum(axis=0) > 0).max()) + 1
    w1 = w[:ds, :dt]
    if orthogonal:
        coefficients, basis = np.eye(ds), w1
    else:
        u, s, vt = np.linalg.svd(w1, full_matrices=False)
        coefficients, basis = u * s, vt
    gf = g[:, :dt].astype(np.float64) @ basis.T
    with np.errstate(divide="ignore", invalid="ignore"):
        qf = np.where(norms > 0, (xte[:, :ds] @ coefficients) / norms, 0.0)
    return qf.astype(np.float32), gf.astype(np.float32)


def compare_scores(q, g, qf, gf):
    """(largest |score difference|, queries whose top-1 changed, queries whose top-50 order changed, largest padded
    gap between two gallery rows that both top-50 lists hold in opposite orders)."""
    s, sf = q @ g.T, qf @ gf.T
    worst = float(np.abs(s.astype(np.float64) - sf).max())
    order = np.lexsort((np.broadcast_to(np.arange(s.shape[1]), s.shape), -s), axis=1)[:, :MAX_RANK]
    order_f = np.lexsort((np.broadcast_to(np.arange(s.shape[1]), s.shape), -sf), axis=1)[:, :MAX_RANK]
    changed = np.flatnonzero((order != order_f).any(axis=1))
    gap = 0.0
    for i in changed:
        # every pair of gallery rows the fold put in the other order: their padded scores' gap
        a, b = order[i], order_f[i]
        rank_f = {r: k for k, r in enumerate(b)}
        for u in range(MAX_RANK):
            for v in range(u + 1, MAX_RANK):
                ru, rv = rank_f.get(a[u]), rank_f.get(a[v])
                if ru is not None and rv is not None and ru > rv:
                    gap = max(gap, float(s[i, a[u]]) - float(s[i, a[v]]))
    top1 = int((order[:, 0] != order_f[:, 0]).sum())
    return worst, top1, len(changed), gap


def write_rows(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "map", "seed", "protocol", "task", "metric", "value"])
        for r in rows:
            w.writerow(r[:-1] + [repr(float(r[-1]))])


def check(args):
    def load(path):
        with open(path, newline="") as f:
            return {(r["map"], r["seed"], r["protocol"], r["task"], r["metric"]): float(r["value"]) for r in csv.DictReader(f)}
    ours, theirs = load(args.ours), load(args.theirs)
    aliases = {"lstsq": "linear"}
    worst, failures, compared = 0.0, [], 0
    for key, value in sorted(theirs.items()):
        mine = ours.get(key) if key in ours else ours.get((aliases.get(key[0], key[0]),) + key[1:])
        if mine is None:
            failures.append(f"missing in ours: {key}")
            continue
        compared += 1
        rel = abs(mine - value) / max(abs(value), 1e-12) if value != mine else 0.0
        worst = max(worst, rel)
        if rel > args.rtol:
            failures.append(f"{key}: {mine!r} against {value!r} (relative {rel:.2e})" if args.report_only
                            else f"{key}: ours {mine!r} numpy {value!r} (relative {rel:.2e})")
    if args.report_only:
        print(f"moved: {len(failures)} of {compared} values by more than {args.rtol:g} (largest relative {worst:.3e})")
        for line in failures[:40]:
            print("moved " + line)
        return
    print(f"compared {compared} values; largest relative difference {worst:.3e} (tolerance {args.rtol:g})")
    for line in failures[:40]:
        print("MISMATCH " + line)
    if failures or compared == 0:
        sys.exit(1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("--out", required=True)
    m.add_argument("--identities", type=int, default=5749)
    m.add_argument("--source-dim", type=int, default=1024)
    m.add_argument("--target-dim", type=int, default=512)
    m.add_argument("--seed", type=int, default=0)
    r = sub.add_parser("run")
    for name in ("--embeddings", "--source", "--target", "--splits", "--out"):
        r.add_argument(name, required=True)
    r.add_argument("--seeds", default="42,123,217,7,531")
    r.add_argument("--maps", default="procrustes,lstsq,ridge,unaligned")
    r.add_argument("--fold", help="also score folded maps as FaceCompat does: --out gets those values, this file the padded ones")
    r.add_argument("--fold-score-tolerance", type=float, default=1e-6,
                   help="with --fold, exit 4 when a folded score differs from its padded one by more than this")
    c = sub.add_parser("check")
    c.add_argument("--ours", required=True)
    c.add_argument("--theirs", required=True)
    c.add_argument("--rtol", type=float, default=1e-6)
    c.add_argument("--report-only", action="store_true", help="list the differences, never fail")
    args = p.parse_args()
    {"make": make, "run": run, "check": check}[args.cmd](args)


if __name__ == "__main__":
    main()
