#!/usr/bin/env bash
# Renders a study report in headless Chromium to a PNG screenshot.
#   scripts/render-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]   (default 1400 x 4000)
# Installs Debian's chromium through scripts/bootstrap.sh when it is missing (idempotent).
set -euo pipefail
if (($# < 2)); then echo "usage: $0 REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2; exit 2; fi
report=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1400}
height=${4:-4000}
[ -f "$report" ] || { echo "render-report: no such report: $1" >&2; exit 2; }

if ! command -v chromium >/dev/null; then bash "$(dirname "$0")/bootstrap.sh"; fi
command -v chromium >/dev/null || { echo "render-report: chromium is not installed and could not be installed" >&2; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$(dirname "$out")"
# --no-sandbox: the sandbox cannot start as root in containers; the page is a local, script-free file.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$report" >/dev/null 2>&1
[ -s "$out" ] || { echo "render-report: chromium wrote no screenshot" >&2; exit 1; }
echo "$out"
