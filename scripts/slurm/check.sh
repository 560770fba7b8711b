#!/usr/bin/env bash
# Checks the sharded study on a real Slurm: installs Slurm from Debian packages if missing (root), starts a
# one-node cluster on localhost (its own munge and Slurm daemons, ports, state and logs, all in one scratch
# folder), submits the study (default: the quick study) as the embeddings step, an array of 4 shards and the
# final task (scripts/slurm/submit.sh), waits, and compares the results with a single-process run of the same
# study. Every daemon it starts is stopped on exit, whatever happens. Fails loudly if Slurm cannot start.
#   scripts/slurm/check.sh [STUDY-ARGS...]     (default --quick; e.g. --config FILE)
# FACECOMPAT_SLURM_CHECK_DIR keeps the outputs in that folder (default: a temporary one, removed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
study_args=("$@")
[ ${#study_args[@]} -gt 0 ] || study_args=(--quick)
shards=4
failure=""
fail() { failure="$*"; echo "slurm check: FAILED: $*" >&2; exit 1; }
say() { echo "slurm check: $*"; }

[ "$(id -u)" = 0 ] || fail "needs root (it installs Slurm and starts its daemons)"
missing=()
for tool in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge; do
  command -v "${tool%%:*}" >/dev/null || [ -x "/usr/sbin/${tool%%:*}" ] || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]}"
fi

scratch=$(mktemp -d /tmp/facecompat-slurm.XXXXXX)
work=${FACECOMPAT_SLURM_CHECK_DIR:-$scratch/work}
mkdir -p "$work"
stop_daemons() {
  local code=$? pidfile
  for pidfile in "$scratch/slurmd.pid" "$scratch/slurmctld.pid" "$scratch/munge/munged.pid"; do
    if [ -s "$pidfile" ]; then
      local pid; pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ $code -ne 0 ]; then
    for log in "$scratch"/*.log "$scratch"/munge/*.log "$work"/logs/*; do
      [ -f "$log" ] && { echo "----- $log"; tail -n 30 "$log"; } >&2
    done
    echo "slurm check: FAILED: ${failure:-exit status $code}" >&2
  fi
  rm -rf "$scratch"
  exit $code
}
trap stop_daemons EXIT
trap 'exit 130' INT TERM

# munge: a key of its own and its own socket, so a munge already on the machine is neither used nor disturbed
mkdir -p "$scratch/munge"
dd if=/dev/urandom of="$scratch/munge/munge.key" bs=1024 count=1 status=none
chown -R munge:munge "$scratch/munge"
chmod 700 "$scratch/munge"
chmod 400 "$scratch/munge/munge.key"
chmod 755 "$scratch"
socket="$scratch/munge/munge.socket"
runuser -u munge -- /usr/sbin/munged --force --key-file="$scratch/munge/munge.key" --socket="$socket" \
  --pid-file="$scratch/munge/munged.pid" --log-file="$scratch/munge/munged.log" --seed-file="$scratch/munge/munged.seed" \
  || fail "munged did not start"
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null || fail "munge does not authenticate"

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) * 8 / 10 / 1024 ))
export SLURM_CONF="$scratch/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=facecompat-check
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
AuthInfo=socket=$socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$scratch/state
SlurmdSpoolDir=$scratch/spool
SlurmctldPidFile=$scratch/slurmctld.pid
SlurmdPidFile=$scratch/slurmd.pid
SlurmctldLogFile=$scratch/slurmctld.log
SlurmdLogFile=$scratch/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p "$scratch/state" "$scratch/spool"
/usr/sbin/slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
/usr/sbin/slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the node is '${state:-not known}' after 30 s, not idle"
say "one-node cluster up: $host, $cpus CPUs, ${memory} MB"

# The single-process reference run (it also extracts any embeddings the cache lacks), with the one CPU each shard
# task gets: BLAS results depend on its thread count in the last bits, and a near-tie in a ranking can follow them.
cd "$root"
./facecompat --version >/dev/null
if [ "${study_args[*]}" = --quick ]; then
  quick_models=$(./facecompat study --quick --print-default-config | sed -n 's/^models: \[\(.*\)\]/\1/p' | tr -d ',')
  [ -n "$quick_models" ] || fail "the quick configuration names no models"
  # shellcheck disable=SC2086
  ./facecompat models fetch $quick_models >/dev/null || fail "could not fetch the quick study's models ($quick_models)"
fi
say "single-process study ${study_args[*]}"
start=$(date +%s)
DOTNET_PROCESSOR_COUNT=1 ./facecompat study "${study_args[@]}" --out "$work/single" > "$work/single.log" 2>&1 || { tail -n 30 "$work/single.log" >&2; fail "the single-process study failed"; }
say "single process: $(( $(date +%s) - start )) s"

mkdir -p "$work/logs"
start=$(date +%s)
ids=$(bash "$here/submit.sh" "$shards" --sbatch "--cpus-per-task=1 --output=$work/logs/%x-%A_%a.out" \
  "${study_args[@]}" --out "$work/sharded") || fail "sbatch refused the jobs"
read -r prepare array final <<< "$ids"
say "submitted: embeddings $prepare, shards $array (1-$shards), final $final"
for _ in $(seq 1800); do
  queued=$(squeue -h -j "$prepare,$array,$final" -o %i 2>/dev/null | wc -l)
  [ "$queued" -eq 0 ] && break
  sleep 1
done
[ "$queued" -eq 0 ] || fail "jobs still queued after 30 min: $(squeue -h -o '%i %T %r')"
say "sharded on Slurm: $(( $(date +%s) - start )) s"

for k in $(seq "$shards"); do
  log="$work/logs/facecompat-shard-${array}_$k.out"
  [ -f "$log" ] || fail "shard $k left no output ($log): it did not run"
  grep -q "^shard $k/$shards: " "$log" || fail "shard $k/$shards did not finish: $(tail -n 5 "$log")"
done
final_log=$(ls "$work"/logs/facecompat-final-"$final"_*.out 2>/dev/null | head -n 1)
[ -n "$final_log" ] || fail "the final task did not run (a shard failed?)"
grep -q "^study: " "$final_log" || fail "the final task failed: $(tail -n 5 "$final_log")"
grep -q ": cached$" "$final_log" && ! grep -E '^\s+\[[0-9]+/[0-9]+\] .*: [0-9.]+ s \(cpu' "$final_log" >/dev/null \
  || fail "the final task computed units itself (it must find every unit cached)"

# Every results file whose content is the study's numbers must be identical (results.json also holds run times).
compared=0
for file in results.csv statistics.csv curves.csv space_similarity.csv models.csv bct.csv operating_points.csv operating_points_statistics.csv; do
  [ -f "$work/single/$file" ] || continue
  cmp -s "$work/single/$file" "$work/sharded/$file" || fail "$file differs between the single-process and the sharded run"
  compared=$((compared + 1))
done
[ "$compared" -ge 3 ] || fail "only $compared results files to compare"
diff -r "$work/single/splits" "$work/sharded/splits" >/dev/null || fail "the splits differ"
units=$(find "$work/sharded/.work" -name '*.json' | wc -l)
[ "$units" -eq "$(find "$work/single/.work" -name '*.json' | wc -l)" ] || fail "the work caches hold different numbers of units"
find "$work/sharded/.work" -name '*.tmp' | grep -q . && fail "temporary files left in the work cache"
say "PASSED: $shards shards + final task on Slurm give the single-process results ($compared files identical, $units units)"
