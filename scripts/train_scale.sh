#!/usr/bin/env bash
# The clean benchmark model at a native scale other than x4: EDSR-S (as checkpoints/edsr_s_l1_standard), started
# from the shipped x4 model's weights (--init edsr_s: all but the upsampler, which depends on the scale), trained
# under the standard protocol on BSD200 + T91 + the study's training images (the study's split: never a benchmark
# image). LR patches of 48x48 (HR 96 at x2, 144 at x3), batch 16, Adam 3e-4 with a cosine schedule. Re-running
# resumes an unfinished run; EPOCHS=N changes the length (the cosine schedule follows from the next epoch on).
# Usage: bash scripts/train_scale.sh SCALE [DATA_ROOT]   (default $SR_DATA_DIR, else ../shared/datasets)
source "$(dirname "${BASH_SOURCE[0]}")/train_run.sh"
S="${1:?usage: train_scale.sh SCALE [DATA_ROOT]}"
DATA="${2:-$DATA}"
train_run "edsr_s_x${S}_l1_standard" --model edsr_s --loss l1 --init edsr_s --scale "$S" --protocol standard \
  --patch-size $((48 * S)) --batch-size 16 --repeat 12 --epochs "${EPOCHS:-24}" --lr 3e-4 --scheduler cosine
