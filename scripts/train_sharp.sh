#!/usr/bin/env bash
# The first sharp model (checkpoints/edsr_s_gan_blind; STAGE=2 below continues it into the shipped one): the EDSR-S
# model for photos (--init checkpoints/edsr_s_l1_real, `real` until it became EDSR-W) fine-tuned on the `blind` mix
# (`degrade.TRAINING_LR['blind']`) with `--loss gan` (`losses.AdversarialLoss`: L1 + 0.1 x the GAN loss of a
# U-Net discriminator with spectral norm + 1.0 x feature matching on its features), the discriminator trained after
# every step (`DiscriminatorStep`),
# an EMA of the weights (0.999) validated and shipped (--keep last: the last epoch's average, since validation
# PSNR is not an adversarial run's aim). The same data and split as scripts/train_real.sh.
# 3 epochs of 12 patches (128x128 HR) per image (the shipped run: planned for 4, stopped after 3 for time, so its
# cosine schedule ended at half the rate), batch 8, Adam 1e-4 (both networks) with a cosine schedule, bf16
# autocast, one CPU thread. Re-running resumes an unfinished run (the discriminator and the EMA resume too).
# MODEL=edsr_w fine-tunes the wide model for real photos (checkpoints/edsr_w_l1_real) the same way into
# checkpoints/edsr_w_gan_blind, EPOCHS (default 3) epochs with the cosine schedule run to its end: the sharp end of
# a dial whose faithful end is that wide model (both share its weights as their ancestor).
# Outcome (2026-12-04, 3 epochs, 31 min): sharper by PSNR, not by NIQE - unsplash-test web NIQE 7.38 and mixed 7.50
# (the shipped sharp: 7.26, 7.30), PSNR-Y 32.55 and 32.06 (32.28, 31.91); not shipped, its run folder not committed.
# STAGE=2 continues the shipped sharp run (checkpoints/edsr_s_gan_blind) into checkpoints/edsr_s_gan_blind2 with
# three times the adversarial weight (--loss-kwargs '{"adv": 0.3}'), a new discriminator, EPOCHS (default 2) epochs
# at Adam 5e-5 with a cosine schedule.
# Usage: [MODEL=edsr_w | STAGE=2] bash scripts/train_sharp.sh [DATA_ROOT]
#        (DATA_ROOT: default $SR_DATA_DIR, else ../shared/datasets)
source "$(dirname "${BASH_SOURCE[0]}")/train_run.sh"
DATA="${1:-$DATA}"
if [ -n "${STAGE:-}" ]; then
  train_run edsr_s_gan_blind2 --model edsr_s --loss gan --loss-kwargs '{"adv": 0.3}' \
    --init checkpoints/edsr_s_gan_blind --protocol degraded --degradation blind --patch-size 128 --batch-size 8 \
    --repeat 12 --epochs "${EPOCHS:-2}" --lr 5e-5 --scheduler cosine --bf16 --ema 0.999 --keep last
  exit
fi
if [ "${MODEL:-edsr_s}" = edsr_w ]; then
  OUT=edsr_w_gan_blind
  INIT=checkpoints/edsr_w_l1_real
else
  OUT=edsr_s_gan_blind
  INIT=checkpoints/edsr_s_l1_real
fi
train_run "$OUT" --model "${MODEL:-edsr_s}" --loss gan --init "$INIT" --protocol degraded --degradation blind \
  --patch-size 128 --batch-size 8 --repeat 12 --epochs "${EPOCHS:-3}" --lr 1e-4 --scheduler cosine --bf16 \
  --ema 0.999 --keep last
