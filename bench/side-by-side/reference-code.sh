#!/usr/bin/env bash
# reference-code.sh REFERENCE_CHECKOUT [ROUNDS [EMBEDDINGS_DIR]]
#
# Issue 19's side by side with the published code itself: the untouched reference scripts
# (experiments/identification_within_lfw.py and experiments/verification_within_lfw.py of
# Fizza-Rubab/face-embedding-compatibility, a checkout or `git archive` of it at REFERENCE_CHECKOUT) against
# `facecompat compare` restricted to the same work (maps procrustes, lstsq, ridge; the five reference seeds; the
# reference identification protocol; verification; --bootstrap 0), on the same real embeddings, one ordered pair
# per process, rounds alternating the two programs and the pairs faceapi -> faceres and faceres -> faceapi.
# Every process is timed with /usr/bin/time -v (wall, CPU, peak resident set).
#   ROUNDS          default 2
#   EMBEDDINGS_DIR  default ~/.cache/facecompat/embeddings-aligned/lfw (an exchange folder: metadata.csv,
#                   faceapi.npy, faceres.npy; read only)
# The reference code reads embeddings/lfw/<model>.npy and lfw_metadata.npy (records with identity and rel_path)
# for its own model names, so a work folder links faceapi.npy as arcface.npy and faceres.npy as adaface.npy and
# the pair is chosen by setting cfe.config.DEFAULT_PAIRS before running a script with runpy (the scripts are not
# changed). Its own splits (np.random.seed + shuffle of the sorted identities) are the ones `compare` draws, so
# Rank-1 is compared per map and seed: the reference's results JSON against our results.csv.
# Debian's python3 numpy, scipy, scikit-learn, pandas, matplotlib, Pillow and tqdm are installed when missing (root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reference="$(cd "${1:?usage: reference-code.sh REFERENCE_CHECKOUT [ROUNDS [EMBEDDINGS_DIR]]}" && pwd)"
rounds="${2:-2}"
embeddings="${3:-$HOME/.cache/facecompat/embeddings-aligned/lfw}"
[ -f "$reference/experiments/identification_within_lfw.py" ] || { echo "reference-code.sh: $reference is not a checkout of the reference code" >&2; exit 2; }
for f in metadata.csv faceapi.npy faceres.npy; do
  [ -f "$embeddings/$f" ] || { echo "reference-code.sh: $embeddings/$f is missing (extract: ./facecompat extract --dataset lfw --model faceapi,faceres --preprocess align)" >&2; exit 2; }
done
py=/usr/bin/python3
modules='import numpy, scipy, sklearn, pandas, matplotlib, PIL, tqdm'
if ! "$py" -c "$modules" 2>/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-numpy python3-scipy \
    python3-sklearn python3-pandas python3-matplotlib python3-pil python3-tqdm >/dev/null
fi
"$py" -c "$modules" || { echo "reference-code.sh: the reference code's python packages are missing and could not be installed" >&2; exit 3; }

work="$(mktemp -d -t facecompat-reference.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -r "$reference/cfe" "$reference/experiments" "$work/"
mkdir -p "$work/embeddings/lfw"
ln -s "$embeddings/faceapi.npy" "$work/embeddings/lfw/arcface.npy"
ln -s "$embeddings/faceres.npy" "$work/embeddings/lfw/adaface.npy"
"$py" - "$embeddings/metadata.csv" "$work/embeddings/lfw/lfw_metadata.npy" <<'EOF'
import csv, sys
import numpy as np
with open(sys.argv[1], newline="") as f:
    records = [{"identity": r["identity"], "rel_path": r["path"]} for r in csv.DictReader(f)]
np.save(sys.argv[2], np.array(records, dtype=object), allow_pickle=True)
EOF
"$root/facecompat" info >/dev/null   # build outside the clock
dll="$root/src/FaceCompat.Cli/bin/Release/net10.0/FaceCompat.Cli.dll"

seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }
peak() { awk -F': ' '/Maximum resident set size/ { printf "%.2f", $2 / 1048576 }' "$1"; }
declare -A name=([faceapi]=arcface [faceres]=adaface)

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  for pair in "faceapi faceres" "faceres faceapi"; do
    set -- $pair
    # the reference code: identification then verification, each its own process
    rm -rf "$work/results"
    total=0; line=""
    for script in identification_within_lfw verification_within_lfw; do
      (cd "$work" && MPLBACKEND=Agg PYTHONPATH="$work" /usr/bin/time -v -o "$work/time" "$py" -c \
        'import runpy, sys, cfe.config as c; c.DEFAULT_PAIRS[:] = [(sys.argv[1], sys.argv[2])]; sys.argv = [sys.argv[3]]; runpy.run_path(sys.argv[0], run_name="__main__")' \
        "${name[$1]}" "${name[$2]}" "experiments/$script.py" >"$work/$script.log" 2>&1) \
        || { echo "reference-code.sh: the reference's $script failed:"; tail -20 "$work/$script.log"; exit 1; }
      total=$(awk -v a="$total" -v b="$(seconds "$work/time")" 'BEGIN { print a + b }')
      line="$line ${script%%_*} $(seconds "$work/time") s wall, $(cpu "$work/time") s CPU, peak $(peak "$work/time") GB;"
    done
    echo "round $round $1 -> $2 reference: $total s;$line"
    "$py" - "$work/results" <<'EOF'
import glob, json, sys
for path in sorted(glob.glob(sys.argv[1] + "/**/*.json", recursive=True)):
    data = json.load(open(path))
    seeds = data.get("all_results") if isinstance(data, dict) else None
    if isinstance(data, list): seeds = data
    if not seeds or not isinstance(seeds, list) or "methods" not in seeds[0]: continue
    cells = [f"{m}:{s['seed']}={v['rank1'] / 100:.6f}" for s in seeds for m, v in s["methods"].items() if "rank1" in v]
    if cells: print("  rank1 " + " ".join(cells))
EOF
    # ours, restricted to the same work
    out="$work/ours"; rm -rf "$out"
    /usr/bin/time -v -o "$work/time" dotnet "$dll" compare --embeddings "$embeddings" --source "$1" --target "$2" \
      --map procrustes,lstsq,ridge --seeds 42,123,217,7,531 --protocol reference --bootstrap 0 --out "$out" >"$work/log" 2>&1
    echo "round $round $1 -> $2 facecompat: $(seconds "$work/time") s wall, $(cpu "$work/time") s CPU, peak $(peak "$work/time") GB; $(grep -h 'floating-point work' "$work/log" | cut -d: -f2- || true)"
    echo "  rank1 $(awk -F, '$5 == "reference" && $7 == "rank1" { printf "%s:%s=%.6f ", $3, $4, $8 }' "$out/results.csv")"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
