#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs facecompat on the built-in models and ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh


./facecompat info
