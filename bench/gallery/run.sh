#!/usr/bin/env bash
# Large-gallery search (docs/study.md, "Large galleries"): a gallery of SIZE templates (default 1,000,000) made of one
# real LFW template per identity plus synthetic distractors, searched by P real LFW probes (default 1,000) with
# 'facecompat search' under /usr/bin/time -v (peak memory), beside the same probes against the real templates alone,
# and the machine's SGEMM peak for the throughput ratio.
#   bench/gallery/run.sh [WORK] [MODEL] [SIZE] [PROBES]     (needs that model's LFW embeddings in the cache:
#   ./facecompat extract --dataset lfw --model MODEL, or any study that extracted full LFW)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work=${1:-$root/out/gallery}
model=${2:-faceres}
size=${3:-1000000}
probes=${4:-1000}
embeddings=${FACECOMPAT_EMBEDDINGS:-${FACECOMPAT_CACHE:-$HOME/.cache/facecompat}/embeddings/lfw}
bench=(dotnet run -c Release --project "$root/bench/FaceCompat.Benchmarks" --no-launch-profile --)
cd "$root"
./facecompat --version >/dev/null
dotnet build bench/FaceCompat.Benchmarks -c Release -nologo -v q >/dev/null
rm -f "$work/matches.csv" "$work/mates-matches.csv"
"${bench[@]}" gallery-build --embeddings "$embeddings" --model "$model" --size "$size" --probes "$probes" --out "$work"
"${bench[@]}" gemm-peak
for gallery in mates gallery; do
  out="$work/$gallery-matches.csv"
  /usr/bin/time -v ./facecompat search --gallery "$work/$gallery.npy" --probes "$work/probes.npy" --k 10 --out "$out" 2> "$work/$gallery-time.txt" >/dev/null \
    || { cat "$work/$gallery-time.txt" >&2; exit 1; }
  grep '^searched' "$work/$gallery-time.txt"
  grep -E 'Maximum resident set size|Elapsed \(wall' "$work/$gallery-time.txt" | sed 's/^\s*/  /'
  "${bench[@]}" gallery-rank "$work" "$out" "$work/${gallery}_identities.csv"
done
