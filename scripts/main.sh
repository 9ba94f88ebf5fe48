#!/usr/bin/env bash
# README command 1: set up the environment and run the project's main job.
# For now the main job is the data notebook, executed top to bottom and rendered to out/00_data.html.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mkdir -p out
jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=1200 \
  --output-dir out nbs/00_data.ipynb
echo "[main] rendered: $ROOT/out/00_data.html"
