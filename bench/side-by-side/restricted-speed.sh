#!/usr/bin/env bash
# restricted-speed.sh [ROUNDS [EMBEDDINGS_DIR]]
#
# Issue 19's side-by-side speed target: `facecompat compare` restricted to the reference code's work — maps
# procrustes, lstsq, ridge; the five reference seeds; the reference identification protocol; verification; no
# controls and no bootstrap (--bootstrap 0) — on faceapi -> faceres within LFW and the reverse pair, each timed as a
# whole process with /usr/bin/time -v (wall and CPU seconds, peak resident set). Rounds alternate the pairs and, when
# BASELINE_DLL names another build's FaceCompat.Cli.dll (e.g. a copy of the tree before a change), alternate A/B
# between that build and this checkout on the same machine, so both see the same load.
#   ROUNDS          default 3
#   EMBEDDINGS_DIR  default ~/.cache/facecompat/embeddings-aligned/lfw (13,233 rows; read only)
# Prints one line per run and the load average before and after; the reference code's time is not measured here
# (it is 58.5 s on an idle machine, see docs/study.md "Speed against the reference Python protocol").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
embeddings="${2:-$HOME/.cache/facecompat/embeddings-aligned/lfw}"
work="$(mktemp -d -t facecompat-restricted.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$root/facecompat" info >/dev/null   # build outside the clock
after="$root/src/FaceCompat.Cli/bin/Release/net10.0/FaceCompat.Cli.dll"
builds=("$after")
[ -n "${BASELINE_DLL:-}" ] && builds=("$BASELINE_DLL" "$after")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  for pair in "faceapi faceres" "faceres faceapi"; do
    set -- $pair
    for dll in "${builds[@]}"; do
      out="$work/out"; rm -rf "$out"
      # a build from before --bootstrap existed runs its 1,000 resamples (say so when reporting)
      bootstrap=(--bootstrap 0); dotnet "$dll" compare --help 2>/dev/null | grep -q -- --bootstrap || bootstrap=()
      /usr/bin/time -v -o "$work/time" dotnet "$dll" compare --embeddings "$embeddings" --source "$1" --target "$2" \
        --map procrustes,lstsq,ridge --seeds 42,123,217,7,531 --protocol reference "${bootstrap[@]}" --out "$out" >"$work/log" 2>&1
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
      cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time")
      peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.2f", $2 / 1048576 }' "$work/time")
      rank1=$(awk -F, '$5 == "reference" && $7 == "rank1" { printf "%s:%s=%.4f ", $3, $4, $8 }' "$out/results.csv")
      echo "round $round $1 -> $2 $( [ "$dll" = "$after" ] && echo this || echo baseline )${bootstrap[*]:+ ${bootstrap[*]}}: ${wall} s wall, ${cpu} s CPU, peak ${peak} GB; $(grep -h 'floating-point work' "$work/log" | cut -d: -f2- || true)"
      echo "  rank1 $rank1"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
