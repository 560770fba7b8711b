#!/usr/bin/env bash
# Time and peak memory (/usr/bin/time -v, whole process) of `operating-points` beside `compare` on the same split:
# one seed, one map, LFW-sized embeddings. The per-step timings at LFW-test scale are BenchmarkDotNet's:
#   dotnet run -c Release --project bench/FaceCompat.Benchmarks -- --filter '*Scoring*' --job short
#   bash bench/operating-points/speed.sh EMBEDDINGS SOURCE TARGET [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
emb="$1"; source="$2"; target="$3"; work="${4:-$(mktemp -d /tmp/fc-opspeed-XXXXXX)}"
rm -rf "$work/op" "$work/cmp"; mkdir -p "$work"
"$root/facecompat" --help >/dev/null # build first, outside the timings
run() { local name="$1"; shift; /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.err"
  printf '%-18s wall %s  peak RSS %s MB  (load %s)\n' "$name" "$(grep 'Elapsed (wall' "$work/$name.err" | awk '{print $NF}')" \
    "$(( $(grep 'Maximum resident' "$work/$name.err" | awk '{print $NF}') / 1024 ))" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
run operating-points "$root/facecompat" operating-points --embeddings "$emb" --source "$source" --target "$target" \
  --map procrustes --seeds 42 --out "$work/op"
run compare "$root/facecompat" compare --embeddings "$emb" --source "$source" --target "$target" \
  --map procrustes --seeds 42 --protocol reference --out "$work/cmp"
grep -h "^seed 42" "$work/operating-points.err" || true
grep -h "^seed 42" "$work/compare.err" || true
