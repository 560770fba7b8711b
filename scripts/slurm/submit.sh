#!/usr/bin/env bash
# Submits a sharded 'facecompat study' to Slurm: the embeddings once, then an array of N shards, then the final task
# that writes the results, each step only after the previous one succeeded (docs/study.md). Prints the three job ids.
#   scripts/slurm/submit.sh N [--sbatch "EXTRA SBATCH OPTIONS"] STUDY-ARGS...
# e.g. scripts/slurm/submit.sh 16 --sbatch "--partition=cpu --time=04:00:00" --config study.yaml --out /shared/study
# STUDY-ARGS must name an --out folder on a filesystem every node sees: the shards meet in its .work/ cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shards=${1:?usage: submit.sh N [--sbatch OPTIONS] STUDY-ARGS...}
shift
if ! [[ "$shards" =~ ^[1-9][0-9]*$ ]]; then echo "submit.sh: the number of shards must be a whole number >= 1, got '$shards'" >&2; exit 2; fi
extra=()
if [ "${1:-}" = "--sbatch" ]; then read -r -a extra <<< "${2:?--sbatch needs its options}"; shift 2; fi
export FACECOMPAT=${FACECOMPAT:-$root/facecompat}
# Build once here: the tasks must not all build the same checkout at once.
"$FACECOMPAT" --version >/dev/null

prepare=$(sbatch --parsable "${extra[@]}" --job-name=facecompat-prepare "$here/study.sbatch" prepare "$@")
array=$(sbatch --parsable "${extra[@]}" --job-name=facecompat-shard --array="1-$shards" \
  --dependency="afterok:$prepare" --kill-on-invalid-dep=yes "$here/study.sbatch" shard "$@")
final=$(sbatch --parsable "${extra[@]}" --job-name=facecompat-final \
  --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/study.sbatch" final "$@")
echo "$prepare $array $final"
