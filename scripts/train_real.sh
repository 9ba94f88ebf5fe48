#!/usr/bin/env bash
# The shipped model for real photos (checkpoints/edsr_s_l1_real, shipped as `pretrained('real')`): the same EDSR-S as
# the clean model, started from its weights (--init edsr_s) and trained on on-the-fly degradations (--protocol
# degraded: every patch made LR anew by `degrade.realistic_lr`: blur, a random resize kernel, noise, JPEG, sometimes
# twice; one in five clean, one in five only resized by a random kernel).
# Same data and split as scripts/train_best.sh: never the study's validation/test images, never a benchmark image.
# 6 epochs of 24 patches (128x128 HR) per image, batch 16, Adam 2e-4 with a cosine schedule, one CPU thread.
# Re-running resumes an unfinished run.
# Usage: bash scripts/train_real.sh [DATA_ROOT]   (default $SR_DATA_DIR, else ../shared/datasets)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
D="${1:-${SR_DATA_DIR:-$ROOT/../shared/datasets}}"; cd "$ROOT"
OUT="$ROOT/checkpoints/edsr_s_l1_real"
resume=(); [ -f "$OUT/last.pt" ] && resume=(--resume)
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} sr-notebook train --model edsr_s --loss l1 --init edsr_s \
  --data "$D/unsplash" "$D/train/BSD200" "$D/train/T91" --protocol degraded \
  --patch-size 128 --batch-size 16 --repeat 24 --epochs 6 --lr 2e-4 --scheduler cosine \
  --split checkpoints/study/simplecnn_l1/split.json --out "$OUT" "${resume[@]}"
