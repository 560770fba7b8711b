#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
dotnet build FaceCompat.slnx -c Release -nologo -v q
dotnet test tests/FaceCompat.Tests/FaceCompat.Tests.csproj -c Release --no-build -nologo
dotnet test tests/FaceCompat.IntegrationTests/FaceCompat.IntegrationTests.csproj -c Release --no-build -nologo
# The sharded study on a real one-node Slurm (about 2 min with cached embeddings): needs root to install and
# start Slurm, which CI has; CI=true without root fails inside the check, never silently.
if [ "$(id -u)" = 0 ] || [ "${CI:-}" = true ]; then
  bash scripts/slurm/check.sh
else
  echo "slurm check: not run (needs root to install and start Slurm; run scripts/slurm/check.sh as root)"
fi
