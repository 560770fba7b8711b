#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
dotnet build FaceCompat.slnx -c Release -nologo -v q
dotnet test tests/FaceCompat.Tests/FaceCompat.Tests.csproj -c Release --no-build -nologo
dotnet test tests/FaceCompat.IntegrationTests/FaceCompat.IntegrationTests.csproj -c Release --no-build -nologo
