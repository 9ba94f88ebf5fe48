#!/usr/bin/env bash
# The study's runs, with the project's own code: its protocol on its Unsplash images, its hyper-parameters
# (batch 4; SimpleCNN lr 1e-3 x 10 epochs, transfer models 5e-4 x 20), one split shared by every run.
# The residual runs start with their last convolution zeroed, as they were first made (models.ipynb, 'Residual
# variants': why that made the L1 ones learn nothing); the package's residual models no longer do.
# Each run writes checkpoints/study/MODEL_LOSS/ as it goes; re-running resumes unfinished runs and skips finished ones.
# Usage: bash scripts/run_study.sh [DATA]
#   (DATA: the Unsplash folder; default $SR_DATA_DIR/unsplash or ../shared/datasets/unsplash)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DATA="${1:-${SR_DATA_DIR:-$ROOT/../shared/datasets}/unsplash}"
RUNS=(simplecnn:l1 simplecnn:l2 simplecnn:perceptual simplecnn_res:l1 simplecnn_res:l2
      resnet18_unet:l1 resnet18_unet_res:l1 mobilenetv2:l1 mobilenetv2_res:l1)
for run in "${RUNS[@]}"; do
  model="${run%%:*}"; loss="${run##*:}"; out="$ROOT/checkpoints/study/${model}_${loss}"
  resume=(); [ -f "$out/last.pt" ] && resume=(--resume)
  kw=(); [[ "$model" == *_res ]] && kw=(--model-kwargs '{"zero_last": true}')   # as the study's residual runs were made
  echo "[study] $model / $loss -> $out"
  sr-notebook train --model "$model" --loss "$loss" --data "$DATA" --protocol seed "${kw[@]}" --out "$out" \
    "${resume[@]}" || exit $?
done
