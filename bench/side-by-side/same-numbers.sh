#!/usr/bin/env bash
# same-numbers.sh CHECKOUT OUTDIR
#
# Issue 15 ("no number moves"): runs the same four workloads with CHECKOUT's ./facecompat (which builds
# itself) into OUTDIR and writes OUTDIR/SHA256SUMS, so a pre-refactor and a post-refactor checkout can be
# compared with `diff BEFORE/SHA256SUMS AFTER/SHA256SUMS` (and SHA256SUMS.comparable, see below).
#
#   a. quick     ./facecompat study --quick --out OUTDIR/quick
#   b. within    ./facecompat study --config within-lfw-3.yaml --out OUTDIR/within
#   c. compare   ./facecompat compare --embeddings <cache>/embeddings/lfw --source faceapi --target faceres
#                    --map <every map of MapRegistry> --out OUTDIR/compare
#   d. tables    ./facecompat study-tables OUTDIR/quick  --out OUTDIR/quick-tables.md
#                ./facecompat study-tables OUTDIR/within --out OUTDIR/within-tables.md
#
# Environment (all optional):
#   WORKLOADS="quick within compare tables"   which workloads to run, in this order
#   QUICK_FROM=DIR    copy DIR (a finished `study --quick` output, e.g. the one scripts/main.sh wrote)
#                     to OUTDIR/quick instead of computing the quick study
#   EMBEDDINGS_DIR    the LFW embeddings folder for `compare` (default <FACECOMPAT_CACHE>/embeddings/lfw,
#                     where the within study extracts/reuses them)
#   FACECOMPAT_DATA   data root (default ../shared/data beside CHECKOUT, read-only)
#   FACECOMPAT_CACHE  cache root (default ~/.cache/facecompat): models and embeddings are shared between
#                     runs, so a second checkout reuses the first one's extraction
#
# OUTDIR must not exist or be empty: a study resumes from OUTDIR/<study>/.work, so an old OUTDIR would
# hand the previous run's cached units to this one and nothing would be recomputed.
#
# Outputs besides the workloads' folders: OUTDIR/logs/<workload>.log (each command's output),
# OUTDIR/TIMES.tsv (wall/user/sys seconds per workload), OUTDIR/SHA256SUMS (sha256 of every results.csv,
# statistics.csv, curves.csv, space_similarity.csv and tables Markdown, paths relative to OUTDIR) and
# OUTDIR/SHA256SUMS.comparable: the same, except that each study results.csv is hashed without its last
# column `code_version` (the build's informational version with the git commit, which differs between
# checkouts by construction even when every number is the same).
set -Eeuo pipefail

# ---- CLI flags (the same for both checkouts; adapt here if the refactor renames one) ----------------
STUDY_CMD=study
STUDY_QUICK_FLAG=--quick
STUDY_CONFIG_FLAG=--config
STUDY_OUT_FLAG=--out
COMPARE_CMD=compare
COMPARE_EMBEDDINGS_FLAG=--embeddings
COMPARE_SOURCE_FLAG=--source
COMPARE_TARGET_FLAG=--target
COMPARE_MAPS_FLAG=--map          # singular in 17bcc14 (comma-separated list)
COMPARE_OUT_FLAG=--out
TABLES_CMD=study-tables
TABLES_OUT_FLAG=--out

# ---- workload parameters ------------------------------------------------------------------------------
TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WITHIN_CONFIG="${WITHIN_CONFIG:-$TOOLS_DIR/within-lfw-3.yaml}"
COMPARE_SOURCE=faceapi
COMPARE_TARGET=faceres
# every map of MapRegistry (src/FaceCompat/Mapping/MapRegistry.cs), default parameters
COMPARE_MAPS=procrustes,procrustes-scaled,lstsq,ridge,cca,rrr,poly2,unaligned,shuffled,random-orthogonal
WORKLOADS="${WORKLOADS:-quick within compare tables}"

CACHE_ROOT="${FACECOMPAT_CACHE:-$HOME/.cache/facecompat}"
EMBEDDINGS_DIR="${EMBEDDINGS_DIR:-$CACHE_ROOT/embeddings/lfw}"

trap 'rc=$?; [ "$BASHPID" = "$$" ] && echo "same-numbers: FAILED (exit $rc at line $LINENO: $BASH_COMMAND)" >&2' ERR
die() { echo "same-numbers: ERROR: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 CHECKOUT OUTDIR"
CHECKOUT="$(cd "$1" && pwd)" || die "no checkout at $1"
[ -x "$CHECKOUT/facecompat" ] || die "$CHECKOUT/facecompat is missing or not executable"
[ -f "$WITHIN_CONFIG" ] || die "within config not found: $WITHIN_CONFIG"
if [ -e "$2" ] && [ -n "$(ls -A "$2")" ]; then die "OUTDIR $2 exists and is not empty (a study would resume from its .work)"; fi
mkdir -p "$2"
OUT="$(cd "$2" && pwd)"
mkdir -p "$OUT/logs"
FC="$CHECKOUT/facecompat"
export FACECOMPAT_DATA="${FACECOMPAT_DATA:-$(cd "$CHECKOUT/.." && pwd)/shared/data}"

echo "same-numbers: checkout $CHECKOUT ($(git -C "$CHECKOUT" rev-parse HEAD 2>/dev/null || echo 'not a git checkout'))"
echo "same-numbers: out $OUT; FACECOMPAT_DATA=$FACECOMPAT_DATA; cache $CACHE_ROOT; workloads: $WORKLOADS"
{
  echo "checkout=$CHECKOUT"
  echo "commit=$(git -C "$CHECKOUT" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "dirty=$(git -C "$CHECKOUT" status --porcelain --untracked-files=no 2>/dev/null | wc -l)"
  echo "started_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host=$(hostname) nproc=$(nproc)"
  echo "within_config_sha256=$(sha256sum "$WITHIN_CONFIG" | cut -d' ' -f1)"
} > "$OUT/RUNINFO"
printf 'workload\twall_s\tuser_s\tsys_s\n' > "$OUT/TIMES.tsv"

# run NAME CMD...: prints the command, runs it in CHECKOUT with its output shown and kept in
# logs/NAME.log, and appends its wall/user/sys seconds to TIMES.tsv. Fails the script when it fails.
run() {
  local name="$1"; shift
  printf '+ (cd %q &&' "$CHECKOUT"; printf ' %q' "$@"; printf ')\n'
  printf '+ (cd %q &&' "$CHECKOUT" >> "$OUT/logs/$name.log"; printf ' %q' "$@" >> "$OUT/logs/$name.log"; printf ')\n' >> "$OUT/logs/$name.log"
  local t="$OUT/logs/.$name.time"
  if ! ( cd "$CHECKOUT" && /usr/bin/time -f '%e\t%U\t%S' -o "$t" "$@" ) 2>&1 | tee -a "$OUT/logs/$name.log"; then
    die "workload '$name' failed (see $OUT/logs/$name.log)"
  fi
  printf '%s\t%s\n' "$name" "$(tail -n 1 "$t")" >> "$OUT/TIMES.tsv"
  echo "same-numbers: $name took $(cut -f1 < <(tail -n 1 "$t")) s wall"
}

# The launcher builds the CLI (Release) when its sources are newer than the build: do it first so the
# build is not counted in the first workload's time.
run build "$FC" --help

for w in $WORKLOADS; do
  case "$w" in
    quick)
      if [ -n "${QUICK_FROM:-}" ]; then
        [ -f "$QUICK_FROM/results.csv" ] && [ -f "$QUICK_FROM/statistics.csv" ] || die "QUICK_FROM=$QUICK_FROM is not a finished study"
        echo "+ cp -a $QUICK_FROM $OUT/quick   (QUICK_FROM: the quick study is reused, not recomputed)"
        cp -a "$QUICK_FROM" "$OUT/quick"
        echo "quick_from=$(cd "$QUICK_FROM" && pwd)" >> "$OUT/RUNINFO"
      else
        run quick "$FC" "$STUDY_CMD" "$STUDY_QUICK_FLAG" "$STUDY_OUT_FLAG" "$OUT/quick"
      fi ;;
    within)
      run within "$FC" "$STUDY_CMD" "$STUDY_CONFIG_FLAG" "$WITHIN_CONFIG" "$STUDY_OUT_FLAG" "$OUT/within" ;;
    compare)
      for m in "$COMPARE_SOURCE" "$COMPARE_TARGET"; do
        [ -f "$EMBEDDINGS_DIR/$m.npy" ] || die "$EMBEDDINGS_DIR/$m.npy missing: run the within workload first (it extracts all of LFW)"
      done
      run compare "$FC" "$COMPARE_CMD" "$COMPARE_EMBEDDINGS_FLAG" "$EMBEDDINGS_DIR" "$COMPARE_SOURCE_FLAG" "$COMPARE_SOURCE" \
        "$COMPARE_TARGET_FLAG" "$COMPARE_TARGET" "$COMPARE_MAPS_FLAG" "$COMPARE_MAPS" "$COMPARE_OUT_FLAG" "$OUT/compare" ;;
    tables)
      for s in quick within; do
        [ -f "$OUT/$s/results.csv" ] || die "$OUT/$s/results.csv missing: the tables need the $s study"
        run "tables-$s" "$FC" "$TABLES_CMD" "$OUT/$s" "$TABLES_OUT_FLAG" "$OUT/$s-tables.md"
      done ;;
    *) die "unknown workload '$w' (quick, within, compare, tables)" ;;
  esac
done
rm -f "$OUT"/logs/.*.time

# ---- checksums ---------------------------------------------------------------------------------------
cd "$OUT"
mapfile -t files < <(find . -path '*/.work' -prune -o -type f \( -name results.csv -o -name statistics.csv -o -name curves.csv \
  -o -name space_similarity.csv -o -name '*tables.md' \) -print | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || die "no result files found under $OUT"
echo "+ sha256sum ${files[*]} > SHA256SUMS"
sha256sum "${files[@]}" > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS

# SHA256SUMS.comparable: study results.csv without the code_version column (checked: last header field,
# one value in every row, no quoting in the last field).
: > SHA256SUMS.comparable.tmp
for f in "${files[@]}"; do
  if [ "$(basename "$f")" = results.csv ] && [ "$(head -n 1 "$f" | awk -F, '{print $NF}')" = code_version ]; then
    versions="$(tail -n +2 "$f" | awk -F, '{print $NF}' | LC_ALL=C sort -u)"
    [ "$(printf '%s\n' "$versions" | wc -l)" -eq 1 ] || die "$f: code_version is not one value: $versions"
    case "$versions" in *\"*) die "$f: quoted code_version, cannot strip safely";; esac
    printf '%s  %s\n' "$(sed 's/,[^,]*$//' "$f" | sha256sum | cut -d' ' -f1)" "$f#without-code_version" >> SHA256SUMS.comparable.tmp
    echo "same-numbers: $f: code_version = $versions (left out of SHA256SUMS.comparable)"
  else
    awk -v f="$f" '$2 == f' SHA256SUMS >> SHA256SUMS.comparable.tmp
  fi
done
mv SHA256SUMS.comparable.tmp SHA256SUMS.comparable
echo "finished_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> RUNINFO

echo "== $OUT/SHA256SUMS"; cat SHA256SUMS
echo "== $OUT/SHA256SUMS.comparable"; cat SHA256SUMS.comparable
echo "== $OUT/TIMES.tsv"; cat TIMES.tsv
echo "same-numbers: done"
