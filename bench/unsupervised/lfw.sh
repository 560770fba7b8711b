#!/usr/bin/env bash
# Unsupervised Procrustes against supervised Procrustes and the unaligned baseline on LFW (issue 18), one compare
# per model pair and unpaired input, one after another (light on a shared machine).
# Usage: bench/unsupervised/lfw.sh OUTDIR [EMBEDDINGS]   env: SEEDS (default 42,123,217,7,531), PAIRS, INPUTS, MAP
# (MAP=unsupervised-procrustes:init=axes for the principal-axes start, the default is init=gw; EMBEDDINGS=~/.cache/facecompat/embeddings-aligned/lfw
# for the aligned embeddings the issue asks for; the default pairs are the issue's among faceres, faceres-deep, faceapi
# and the two modern models, both directions; faceres <-> faceres-deep is left out: unaligned already reaches 86-89%)
set -euo pipefail
out=${1:?usage: lfw.sh OUTDIR [EMBEDDINGS]}
embeddings=${2:-$HOME/.cache/facecompat/embeddings/lfw}
seeds=${SEEDS:-42,123,217,7,531}
pairs=${PAIRS:-"faceres:faceapi faceapi:faceres faceres-deep:faceapi faceapi:faceres-deep fr-feature:mobilefacenet-expo mobilefacenet-expo:fr-feature"}
inputs=${INPUTS:-"disjoint-people different-images"}
map=${MAP:-unsupervised-procrustes}
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
for pair in $pairs; do
  for input in $inputs; do
    dir="$out/${pair%%:*}-${pair##*:}-$input"
    [ -f "$dir/results.csv" ] && continue
    start=$(date +%s)
    "$here/facecompat" compare --embeddings "$embeddings" --source "${pair%%:*}" --target "${pair##*:}" \
      --map "procrustes,$map,unaligned" --seeds "$seeds" --protocol strict --unpaired-input "$input" --out "$dir" \
      > "$dir.log" 2>&1
    echo "$pair $input: $(( $(date +%s) - start )) s"
    grep -E "^(procrustes|unsupervised|unaligned)" "$dir.log" | sed 's/^/  /'
  done
done
