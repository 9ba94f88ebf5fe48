#!/usr/bin/env bash
# README command 1: set up the environment and run the project's main job: the study's report
# (nbs/05_report.ipynb), rebuilt from the committed checkpoints and results, executed top to bottom and
# rendered to out/05_report.html without its code cells (prose, figures and tables; the code stays in the
# notebook). With the shared datasets at hand (SR_DATA_DIR, or ../shared/datasets beside the clone) its pictures
# use the study's test images; without them, scikit-image's photos.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ -z "${SR_DATA_DIR:-}" ] && [ -d "$ROOT/../shared/datasets" ]; then
  export SR_DATA_DIR="$ROOT/../shared/datasets"
fi
mkdir -p out
jupyter nbconvert --to html --execute --no-input --ExecutePreprocessor.timeout=1800 \
  --output-dir out nbs/05_report.ipynb
echo "[main] the report: $ROOT/out/05_report.html"
