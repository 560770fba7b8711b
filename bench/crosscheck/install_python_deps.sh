#!/usr/bin/env bash
# Installs the independent implementation's dependencies from Debian: numpy, scipy, scikit-learn.
# Idempotent; exits non-zero with one clear line when they are missing and cannot be installed.
set -euo pipefail
if /usr/bin/python3 -c 'import numpy, scipy, sklearn' 2>/dev/null; then exit 0; fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "crosscheck: installing python3-numpy python3-scipy python3-sklearn (Debian)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-numpy python3-scipy python3-sklearn >/dev/null
fi
if ! /usr/bin/python3 -c 'import numpy, scipy, sklearn' 2>/dev/null; then
  echo "crosscheck: python3 numpy/scipy/sklearn are not available and could not be installed" >&2
  exit 3
fi
