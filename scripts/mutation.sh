#!/usr/bin/env bash
# Mutation testing of the numeric core with Stryker.NET (docs/testing.md): bash scripts/mutation.sh [OUT_DIR]
#
# Mutates Mapping, Evaluation, Analysis, Embeddings and Numerics (mutation/stryker-config.json) and runs the unit
# tests of those namespaces against each mutant; writes Stryker's HTML and JSON reports under OUT_DIR (default
# out/mutation) and prints the score per namespace and every mutant no test detected (mutation/survivors.py).
# Long (see docs/testing.md for the measured time on 2 cores), so not part of scripts/test.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/out/mutation}")"
cd "$root"
dotnet tool restore >/dev/null
# Stryker swaps the mutated FaceCompat.dll into the test project's bin folder: the next ordinary build restores it.
trap 'dotnet build "$root/tests/FaceCompat.Tests/FaceCompat.Tests.csproj" -c Release -nologo -v q >/dev/null || true' EXIT
cd tests/FaceCompat.Tests
dotnet tool run dotnet-stryker -- --config-file "$root/mutation/stryker-config.json" --output "$out"
python3 "$root/mutation/survivors.py" "$out/reports/mutation-report.json" | tee "$out/survivors.txt"
