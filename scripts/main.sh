#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs facecompat on the built-in models and ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
dotnet build src/FaceCompat.Cli/FaceCompat.Cli.csproj -c Release -nologo -v q
facecompat() { dotnet src/FaceCompat.Cli/bin/Release/net10.0/facecompat.dll "$@"; }
facecompat info
