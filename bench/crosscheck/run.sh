#!/usr/bin/env bash
# Cross-check: FaceCompat's `compare` against an independent numpy/scikit-learn implementation of the
# reference protocol, on the same synthetic embeddings and the same split files. Exits non-zero
# unless Rank-1..20, mAP@50, AUC, EER and the nearest-point TMR@FMR agree to 1e-6 relative for
# Procrustes, least squares, ridge and the unaligned baseline, in both directions (padding either side).
# From the smaller source side FaceCompat folds a linear map into the gallery: numpy then computes both the
# fold (checked against ours) and its own padded scores (the protocol's computation above); the fold's scores
# must be within 1e-6 of the padded ones, and the values that move by more than 1e-6 are listed.
#   bash bench/crosscheck/run.sh [WORKDIR]      (CROSSCHECK_IDENTITIES=N to change the size, default 1500)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash bench/crosscheck/install_python_deps.sh
py=/usr/bin/python3
work="${1:-$(mktemp -d -t facecompat-crosscheck.XXXXXX)}"
identities="${CROSSCHECK_IDENTITIES:-1500}"
seeds=42,123,217
script=bench/crosscheck/reference_protocol.py

rm -rf "$work/embeddings" "$work/src-tgt" "$work/tgt-src"
"$py" "$script" make --out "$work/embeddings" --identities "$identities" --source-dim 96 --target-dim 64 --seed 1
status=0
for pair in "src tgt" "tgt src"; do
  set -- $pair
  out="$work/$1-$2"
  ./facecompat compare --embeddings "$work/embeddings" --source "$1" --target "$2" \
    --map procrustes,linear,ridge,unaligned --seeds "$seeds" --out "$out/ours" 2>/dev/null
  # numpy's run fails (exit 4) when its fold moves a score by more than 1e-6 from its padded computation
  "$py" "$script" run --embeddings "$work/embeddings" --source "$1" --target "$2" --splits "$out/ours/splits" \
    --seeds "$seeds" --maps procrustes,lstsq,ridge,unaligned --out "$out/numpy.csv" --fold "$out/numpy-padded.csv" \
    --fold-score-tolerance 1e-6 || status=1
  echo "== $1 -> $2"
  "$py" "$script" check --ours "$out/ours/results.csv" --theirs "$out/numpy.csv" --rtol 1e-6 || status=1
  # Every value the fold's other float32 rounding moves (rank or order changes come only from rows whose padded
  # scores are that close).
  echo "-- folded against padded, the same numpy code:"
  "$py" "$script" check --ours "$out/numpy.csv" --theirs "$out/numpy-padded.csv" --rtol 1e-6 --report-only
done
if [ "$status" = 0 ]; then echo "crosscheck: AGREE"; else echo "crosscheck: DISAGREE"; fi
exit "$status"
