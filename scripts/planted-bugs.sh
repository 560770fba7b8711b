#!/usr/bin/env bash
# Planted bugs, one at a time: bash scripts/planted-bugs.sh PLANTS.py TEST_FILTER
#
# PLANTS.py defines PLANTS = [(name, file, original, replacement), ...]. Each plant is applied to a clean worktree of
# HEAD (the checkout is never touched), the unit-test project rebuilt and the tests matching TEST_FILTER run; one line
# per plant says which tests failed ("SURVIVED" when none did). For code too slow for Stryker (docs/testing.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
plants="$(realpath "$1")"
filter="$2"
tree="$(mktemp -d)/tree"
git -C "$root" worktree add -q --detach "$tree" HEAD
trap 'git -C "$root" worktree remove --force "$tree"' EXIT
count=$(python3 -c "import runpy,sys; print(len(runpy.run_path(sys.argv[1])['PLANTS']))" "$plants")
cd "$tree"
for i in $(seq 0 $((count - 1))); do
  name=$(python3 - "$plants" "$i" <<'PY'
import runpy, sys
name, path, original, replacement = runpy.run_path(sys.argv[1])["PLANTS"][int(sys.argv[2])]
text = open(path).read()
if text.count(original) != 1:
    sys.exit(f"{name}: the original text occurs {text.count(original)} times in {path}")
open(path, "w").write(text.replace(original, replacement))
print(name)
PY
)
  log="$(mktemp)"
  if ! dotnet build tests/FaceCompat.Tests -c Release -nologo -v q > "$log" 2>&1; then
    echo "$name: does not build"
  else
    dotnet test tests/FaceCompat.Tests/FaceCompat.Tests.csproj -c Release --no-build -nologo --filter "$filter" > "$log" 2>&1 || true
    failed=$(grep -oE "^\s+Failed [A-Za-z0-9_.]+" "$log" | awk '{print $2}' | awk -F. '{print $(NF-1)"."$NF}' | sort -u | tr '\n' ' ' || true)
    echo "$name: ${failed:-SURVIVED}"
  fi
  git checkout -q -- .
done
