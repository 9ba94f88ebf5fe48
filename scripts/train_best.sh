#!/usr/bin/env bash
# The project's shipped CPU model (checkpoints/edsr_s_l1_standard): EDSR-S (16 blocks x 32 features, direct
# PixelShuffle upsampler, bicubic skip), L1, trained under the standard protocol on BSD200 + T91 + the study's
# training images. It follows the study's split (checkpoints/study/simplecnn_l1/split.json), so it never trains
# on the study's validation or test images, nor on any benchmark image. 30 epochs of 36 patches (128x128 HR)
# per image, batch 16, Adam 5e-4 with a cosine schedule. Re-running resumes an unfinished run.
# Usage: bash scripts/train_best.sh [DATA_ROOT]   (default $SR_DATA_DIR, else ../shared/datasets)
source "$(dirname "${BASH_SOURCE[0]}")/train_run.sh"
DATA="${1:-$DATA}"
train_run edsr_s_l1_standard --model edsr_s --loss l1 --protocol standard \
  --patch-size 128 --batch-size 16 --repeat 36 --epochs 30 --lr 5e-4 --scheduler cosine
