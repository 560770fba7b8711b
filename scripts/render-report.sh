#!/usr/bin/env bash
# Renders a study report in headless Chromium to a PNG screenshot.
#   scripts/render-report.sh [--only ID,ID,...] [--first N] REPORT.html OUT.png [WIDTH [HEIGHT]]   (default 1400 x 4000)
#   --only ID,...  show only these sections (their anchor ids: summary, controls, heatmaps, curves, ...; docs/report.md)
#   --first N      in each section with figures, show only its first N subsections (an <h3> and what follows it)
# Installs Debian's chromium through scripts/bootstrap.sh when it is missing (idempotent).
set -euo pipefail
usage() { echo "usage: $0 [--only ID,ID,...] [--first N] REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2; exit 2; }
only=""
first=""
while (($#)) && [[ $1 == --* ]]; do
  case $1 in
    --only) (($# >= 2)) || usage; only=$2; shift 2 ;;
    --first) (($# >= 2)) && [[ $2 =~ ^[1-9][0-9]*$ ]] || usage; first=$2; shift 2 ;;
    *) usage ;;
  esac
done
(($# >= 2)) || usage
[[ $only =~ ^[a-z0-9,-]*$ ]] || { echo "render-report: --only takes section ids separated by commas: $only" >&2; exit 2; }
report=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1400}
height=${4:-4000}
[ -f "$report" ] || { echo "render-report: no such report: $1" >&2; exit 2; }

if ! command -v chromium >/dev/null; then bash "$(dirname "$0")/bootstrap.sh"; fi
command -v chromium >/dev/null || { echo "render-report: chromium is not installed and could not be installed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page=$report
if [ -n "$only$first" ]; then
  # A copy of the report with a style that hides the rest; the report itself is left as it is.
  css=""
  if [ -n "$only" ]; then
    css+="main>section"
    IFS=, read -ra ids <<<"$only"
    for id in "${ids[@]}"; do css+=":not(#$id)"; done
    css+="{display:none}"
  fi
  if [ -n "$first" ]; then
    s="main>section:has(.figures)>h3:nth-of-type($((first + 1)))"
    css+="$s,$s~*{display:none}"
  fi
  page="$work/report.html"
  sed "0,/<\/style>/s//${css//\//\\/}<\/style>/" "$report" >"$page"
fi
mkdir -p "$(dirname "$out")"
# --no-sandbox: the sandbox cannot start as root in containers; the page is a local, script-free file.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$page" >/dev/null 2>&1
[ -s "$out" ] || { echo "render-report: chromium wrote no screenshot" >&2; exit 1; }
echo "$out"
