#!/usr/bin/env bash
# Independent check of `facecompat operating-points`: runs the tool (one seed, --save-maps) and check.py (numpy,
# installed from Debian by this script), which recomputes native-b's thresholds and the TMR/FMR counts of native-b,
# migrated and unaligned at FMR 1e-3 and 1e-4 from the same embeddings, split and maps. Fails unless every count agrees.
#   bash bench/operating-points/check.sh EMBEDDINGS SOURCE TARGET [MAPS] [SEED] [WORKDIR]
# e.g. bash bench/operating-points/check.sh ~/.cache/facecompat/embeddings/lfw faceapi faceres procrustes,lstsq,ridge 42
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
emb="$1"; source="$2"; target="$3"; maps="${4:-procrustes,lstsq,ridge}"; seed="${5:-42}"
work="${6:-$(mktemp -d /tmp/fc-opcheck-XXXXXX)}"
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "check: installing python3-numpy (Debian)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-numpy >/dev/null
  fi
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || { echo "check: python3-numpy is not available and could not be installed" >&2; exit 3; }
fi
out="$work/$source-$target-seed$seed"
rm -rf "$out"
"$root/facecompat" operating-points --embeddings "$emb" --source "$source" --target "$target" --map "$maps" \
  --seeds "$seed" --fpir "" --save-maps --out "$out"
/usr/bin/python3 "$here/check.py" "$emb" "$source" "$target" "$out" "$seed" 1e-3,1e-4
