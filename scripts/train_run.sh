#!/usr/bin/env bash
# What every scripts/train_*.sh shares, sourced by them: the environment (env.sh), the data root and `train_run`.
# The data root: the script's first argument, else $SR_DATA_DIR, else ../shared/datasets.
# train_run OUT ARGS...: `sr-notebook train ARGS` on the standard training data (the study's images, BSD200, T91)
# with the study's split (never a validation, test or benchmark image) into checkpoints/OUT, on one CPU thread
# unless OMP_NUM_THREADS says otherwise; an unfinished run in OUT is resumed.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DATA="${TRAIN_DATA:-${SR_DATA_DIR:-$ROOT/../shared/datasets}}"
train_run() {
  local out="$ROOT/checkpoints/$1"
  shift
  local resume=()
  if [ -f "$out/last.pt" ]; then resume=(--resume); fi
  OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} sr-notebook train \
    --data "$DATA/unsplash" "$DATA/train/BSD200" "$DATA/train/T91" \
    --split checkpoints/study/simplecnn_l1/split.json --out "$out" "${resume[@]}" "$@"
}
