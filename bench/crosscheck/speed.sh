#!/usr/bin/env bash
# Side-by-side speed: fit + identification (reference and strict) + verification for Procrustes, least
# squares and ridge x 5 seeds on LFW-sized synthetic embeddings (13,233 x 1024 source, 13,233 x 512
# target, 5,749 identities with LFW's own identity sizes when ../shared/data/lfw is present), FaceCompat's
# `compare` against the numpy/OpenBLAS implementation of the same protocol (reference_protocol.py).
# Both are timed as whole processes (start-up, loading and writing included); the python script also
# prints its time after imports. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for the numpy command
# only, so numpy runs OpenBLAS with its own tuning.
# With an exchange folder and two of its models, the same is timed on those real embeddings instead
# (e.g. full LFW: ~/.cache/facecompat/embeddings/lfw mobileface faceapi; read only). MAPS (default
# procrustes,lstsq,ridge) and SEEDS (default the five reference seeds) narrow or widen the work.
#   bash bench/crosscheck/speed.sh [WORKDIR [EMBEDDINGS_DIR SOURCE TARGET]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash bench/crosscheck/install_python_deps.sh
py=/usr/bin/python3
work="${1:-$(mktemp -d -t facecompat-speed.XXXXXX)}"
mkdir -p "$work"
seeds="${SEEDS:-42,123,217,7,531}"
maps="${MAPS:-procrustes,lstsq,ridge}"
script=bench/crosscheck/reference_protocol.py
TIMEFORMAT='%R'

if [ $# -ge 4 ]; then
  embeddings="$2"; source="$3"; target="$4"
else
  embeddings="$work/embeddings"; source=src; target=tgt
  [ -f "$work/embeddings/src.npy" ] || "$py" "$script" make --out "$work/embeddings" --identities 5749 --source-dim 1024 --target-dim 512 --seed 3
fi
./facecompat info >/dev/null   # build outside the clock
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

rm -rf "$work/ours"
ours=$( { time ./facecompat compare --embeddings "$embeddings" --source "$source" --target "$target" \
  --map "$maps" --seeds "$seeds" --out "$work/ours" >"$work/ours.log" 2>&1; } 2>&1 )
numpy=$( { time env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" "$script" run --embeddings "$embeddings" \
  --source "$source" --target "$target" --splits "$work/ours/splits" --seeds "$seeds" --maps "$maps" \
  --out "$work/numpy.csv" >"$work/numpy.log" 2>&1; } 2>&1 )

echo "machine: $(nproc) cores, kernel $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "numpy $("$py" -c 'import numpy; print(numpy.__version__)') BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
echo "facecompat BLAS: $(grep -o '"blas": "[^"]*"' "$work/ours/results.json" | cut -d'"' -f4)"
grep -h "values in" "$work/ours.log" "$work/numpy.log" || true
echo "facecompat compare (whole process): ${ours} s"
echo "numpy/scikit-learn   (whole process): ${numpy} s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work: $source -> $target, maps $maps, seeds $seeds (facecompat also computes 1000-resample identity-bootstrap intervals, numpy does not)"
awk -v a="$ours" -v b="$numpy" 'BEGIN { printf "ratio numpy / facecompat: %.2fx\n", b / a }'
"$py" "$script" check --ours "$work/ours/results.csv" --theirs "$work/numpy.csv" --rtol 1e-6 || echo "note: results differ beyond 1e-6"
