#!/usr/bin/env bash
# The main job: installs what is missing, builds, fetches the built-in models and runs the quick study
# (docs/study.md) on them and ../shared/data; prints where the report is. The full study:
#   ./facecompat study --out out/study-full
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

./facecompat info
./facecompat models fetch all
start=$(date +%s)
./facecompat study --quick --out out/study
echo "quick study: $(( $(date +%s) - start )) s"
echo "report: $(pwd)/out/study/report.html"
