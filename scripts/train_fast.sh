#!/usr/bin/env bash
# The fast tier (checkpoints/ecbsr_l1_standard, shipped as `pretrained('fast')`): ECBSR (8 edge-oriented blocks of 32
# channels, trained through their folded kernels, run as one 3x3 convolution per layer), from scratch, under the
# standard protocol on BSD200 + T91 + the study's training images (the study's split: never a benchmark image).
# 12 epochs of 36 patches (128x128 HR) per image (the shipped run: started for 18, cut to 12 after epoch 7 for time,
# the cosine schedule then ending at epoch 12), batch 16, Adam 5e-4 with a cosine schedule, bf16 autocast, one
# CPU thread. Re-running resumes an unfinished run; EPOCHS=N changes its length.
# SCALE=2 (or 3) trains its native sibling (checkpoints/ecbsr_x2_l1_standard, shipped as `fast` at x2): started
# from the x4 run's weights (--init checkpoints/ecbsr_l1_standard: all but the last layer, whose width depends on the
# scale), 48x48 LR patches, 12 per image, EPOCHS (default 16; the shipped run was started for 30, cut to 16 in
# epoch 3 for time) epochs, Adam 3e-4 with a cosine schedule, fp32.
# LEAN=1 trains a leaner x4 candidate (checkpoints/ecbsr_lean_l1_standard): 6 blocks instead of 8 and ECBSR's own
# nearest skip (the LR repeated to every phase, added at LR size) instead of the bicubic one, started from the x4
# run (train.load_init's deeper-twin rule: its first seven blocks and its last), EPOCHS (default 40) epochs, Adam 3e-4
# with a cosine schedule, bf16 autocast. Outcome (2026-12-04, 40 epochs, 33 min on one core): Set5 31.05, Set14
# 27.90, BSD100 27.15 (the 8-block run: 30.95, 27.86, 27.08; an 8-epoch try of the same: 30.74, 27.74, 27.03), at
# about 0.31x edsr_s's OpenVINO fp32 time (the 8-block run: 0.41x): shipped as `fast` at x4 since then.
# Usage: [SCALE=2 | LEAN=1] bash scripts/train_fast.sh [DATA_ROOT]   (default $SR_DATA_DIR, else ../shared/datasets)
source "$(dirname "${BASH_SOURCE[0]}")/train_run.sh"
DATA="${1:-$DATA}"
S="${SCALE:-4}"
if [ -n "${LEAN:-}" ]; then
  train_run ecbsr_lean_l1_standard --model ecbsr --model-kwargs '{"n_blocks": 6, "skip": "nearest"}' \
    --init checkpoints/ecbsr_l1_standard --loss l1 --protocol standard \
    --patch-size 128 --batch-size 16 --repeat 36 --epochs "${EPOCHS:-40}" --lr 3e-4 --scheduler cosine --bf16
elif [ "$S" = 4 ]; then
  train_run ecbsr_l1_standard --model ecbsr --loss l1 --protocol standard \
    --patch-size 128 --batch-size 16 --repeat 36 --epochs "${EPOCHS:-12}" --lr 5e-4 --scheduler cosine --bf16
else
  train_run "ecbsr_x${S}_l1_standard" --model ecbsr --loss l1 --init checkpoints/ecbsr_l1_standard --scale "$S" \
    --protocol standard --patch-size $((48 * S)) --batch-size 16 --repeat 12 --epochs "${EPOCHS:-16}" --lr 3e-4 \
    --scheduler cosine
fi
