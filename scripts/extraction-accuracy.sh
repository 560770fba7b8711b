#!/usr/bin/env bash
# Checks the extraction's preprocessing: for each model, extracts the images the LFW View-2 pairs and
# the CFP FF/FP pairs use, and prints 10-fold verification accuracy (cosine, threshold chosen on the
# other nine folds). CPU heavy: one model at a time.
#   bash scripts/extraction-accuracy.sh [MODEL...]        (default: every built-in model)
# Environment: OUT (default $FACECOMPAT_CACHE/embeddings or ~/.cache/facecompat/embeddings),
#   THREADS (ORT threads, default all cores), PAIRS_PER_FOLD (only the first N same and N different
#   pairs of each fold: a quicker estimate; default all pairs: 7,701 LFW and 7,000 CFP images),
#   PREPROCESS (crop, the default, or align: landmark alignment with the crop as fallback for images
#   without a detected face; aligned embeddings go to OUT-aligned), ALIGNER (with align: mesh, the default,
#   or mtcnn, whose embeddings go to OUT-aligned-mtcnn), PROTOCOLS (default "lfw cfp-ff cfp-fp").
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@")
if [ ${#models[@]} -eq 0 ]; then models=(mobileface faceapi mobilefacenet resnet18 faceres faceres-deep); fi
out="${OUT:-${FACECOMPAT_CACHE:-$HOME/.cache/facecompat}/embeddings}"
extra=()
preprocess="${PREPROCESS:-crop}"
aligner="${ALIGNER:-mesh}"
if [ "$preprocess" = align ]; then
  out="$out-aligned"; extra+=(--preprocess align --align-fallback crop --aligner "$aligner")
  if [ "$aligner" != mesh ]; then out="$out-$aligner"; fi
fi
protocols="${PROTOCOLS:-lfw cfp-ff cfp-fp}"
if [ -n "${THREADS:-}" ]; then extra+=(--threads "$THREADS"); fi
subset=()
n="${PAIRS_PER_FOLD:-}"
if [ -n "$n" ]; then subset=(--pairs-per-fold "$n"); fi
for model in "${models[@]}"; do
  if [[ " $protocols " == *" lfw "* ]]; then
    ./facecompat extract --dataset lfw --pairs-of lfw "${subset[@]}" --model "$model" --out "$out" "${extra[@]}"
    ./facecompat accuracy --embeddings "$out/lfw-lfwpairs$n" --model "$model" --protocol lfw "${subset[@]}"
  fi
  for protocol in cfp-ff cfp-fp; do
    [[ " $protocols " == *" $protocol "* ]] || continue
    ./facecompat extract --dataset cfp --pairs-of "$protocol" "${subset[@]}" --model "$model" --out "$out" "${extra[@]}"
    ./facecompat accuracy --embeddings "$out/cfp-${protocol}pairs$n" --model "$model" --protocol "$protocol" "${subset[@]}"
  done
done
