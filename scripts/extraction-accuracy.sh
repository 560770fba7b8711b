#!/usr/bin/env bash
# Checks the extraction's preprocessing: extracts LFW (the 7,701 images of the View-2 pairs) and CFP
# (all 7,000 images) for each model, then prints LFW View-2 and CFP FF/FP 10-fold verification accuracy
# (cosine, threshold chosen on the other nine folds). CPU heavy: one model at a time.
#   bash scripts/extraction-accuracy.sh [MODEL...]        (default: every built-in model)
# Environment: OUT (default $FACECOMPAT_CACHE/embeddings or ~/.cache/facecompat/embeddings), THREADS (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@")
if [ ${#models[@]} -eq 0 ]; then models=(mobileface faceapi mobilefacenet resnet18 faceres faceres-deep); fi
out="${OUT:-${FACECOMPAT_CACHE:-$HOME/.cache/facecompat}/embeddings}"
threads=()
if [ -n "${THREADS:-}" ]; then threads=(--threads "$THREADS"); fi
for model in "${models[@]}"; do
  ./facecompat extract --dataset lfw --pairs-of lfw --model "$model" --out "$out" "${threads[@]}"
  ./facecompat accuracy --embeddings "$out/lfw-lfwpairs" --model "$model" --protocol lfw
  ./facecompat extract --dataset cfp --model "$model" --out "$out" "${threads[@]}"
  ./facecompat accuracy --embeddings "$out/cfp" --model "$model" --protocol cfp-ff
  ./facecompat accuracy --embeddings "$out/cfp" --model "$model" --protocol cfp-fp
done
