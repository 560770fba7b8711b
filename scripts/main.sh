#!/usr/bin/env bash
# The main job: installs what is missing, builds, fetches the models it uses and runs the main study
# (docs/configs/main-job.yaml: faceapi, mobilefacenet-expo and fr-feature on all of LFW, MTCNN-aligned, 5 seeds,
# both protocols, with controls) on ../shared/data; prints where the report is. Measured on this 2-core machine:
# 6 min 49 s cold (empty FACECOMPAT_CACHE: fetch, conversion, landmarks, extraction, study), 45 s warm
# (embeddings cached). The smoke run of the tests: ./facecompat study --quick --out out/quick
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

./facecompat info
./facecompat models fetch faceapi mobilefacenet-expo fr-feature mtcnn-pnet mtcnn-rnet mtcnn-onet
start=$(date +%s)
./facecompat study --config docs/configs/main-job.yaml --out out/study
echo "main study: $(( $(date +%s) - start )) s"
echo "report: $(pwd)/out/study/report.html"
