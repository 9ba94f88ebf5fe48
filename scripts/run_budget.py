"""The study's question under equal budgets: its three architectures (residual form) x its three losses, each trained
for the same time on the same machine, then measured on the study's test images and on Set5, Set14 and BSD100.

usage: python scripts/run_budget.py [--minutes 5] [--data ROOT] [--only simplecnn_res:l1,...] [--calibrate-only]

Equal time, not equal patches: the study asked which network to use, and a network that costs ten times more per
patch is only better if it is better for what it costs. So every run gets the same training minutes on one CPU thread
(`torch.set_num_threads(1)`), which buy it a number of steps measured here (`calibrate`: batch 16, 128x128 HR patches,
forward, loss, backward and Adam step, best of 3 after a warm-up), turned into 5 epochs x `repeat` patches per image.
Each run's config.json records `budget_minutes` and what it bought (`bought`: steps and patches); history.json the
seconds each epoch really took. Every run: the standard protocol, BSD200 + T91 + the study's training images (its
split: never its validation or test images, never a benchmark image), augmentation, batch 16, Adam 5e-4 with a cosine
schedule, seed 0, validation on one 128x128 patch per validation image; random-init encoders (no ImageNet weights can
be had here) and, for the perceptual loss, a random-init VGG16, as everywhere in this project.
Runs go to checkpoints/budget/MODEL_LOSS/; a finished run is skipped, an unfinished one resumed. Then each is
evaluated (`scripts/evaluate_study.py`: eval/ in the run folder).
"""
import argparse, subprocess, sys, time
from dataclasses import replace
from pathlib import Path

import torch

from sr_notebook.core import checkpoints_dir, data_dir
from sr_notebook.data import follow_split, image_size, run_files
from sr_notebook.losses import get_loss
from sr_notebook.models import get_model
from sr_notebook.train import Run, TrainConfig, train

GRID = [(m, l) for m in ('simplecnn_res', 'mobilenetv2_res', 'resnet18_unet_res') for l in ('l1', 'l2', 'perceptual')]
PATCH, BATCH, EPOCHS, LR = 128, 16, 5, 5e-4
ROOT = Path(__file__).resolve().parent.parent


def calibrate(model_name: str, loss_name: str, steps: int = 3) -> float:
    "Seconds of one training step (batch 16 of 128x128 patches, forward, loss, backward, Adam) on this machine, now."
    torch.manual_seed(0)
    model, loss = get_model(model_name).to(memory_format=torch.channels_last), get_loss(loss_name)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=LR)
    side = PATCH if model.input_space == 'hr' else PATCH // model.scale
    x = torch.rand(BATCH, 3, side, side).contiguous(memory_format=torch.channels_last); y = torch.rand(BATCH, 3, PATCH, PATCH)
    ts = []
    for i in range(steps + 1):
        t0 = time.perf_counter()
        opt.zero_grad(); loss(model(x), y).backward(); opt.step()
        if i: ts.append(time.perf_counter() - t0)
    return min(ts)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--minutes', type=float, default=5.0, help='training minutes per run (one thread)')
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--only', help='model:loss pairs, comma-separated (default: the whole grid)')
    ap.add_argument('--calibrate-only', action='store_true', help='print what the budget buys, train nothing')
    a = ap.parse_args()
    torch.set_num_threads(1)
    grid = [tuple(p.split(':')) for p in a.only.split(',')] if a.only else GRID
    root = data_dir('', a.data)
    data = (str(root/'unsplash'), str(root/'train'/'BSD200'), str(root/'train'/'T91'))
    split = ROOT/'checkpoints'/'study'/'simplecnn_l1'/'split.json'
    files = run_files(data)
    train_names = set(follow_split(split, files).train)
    n_train = sum(f.name in train_names and min(image_size(f)) >= PATCH for f in files)   # what a run trains on
    for model_name, loss_name in grid:
        out = checkpoints_dir()/'budget'/f'{model_name}_{loss_name}'
        run = Run(out)
        if run.exists() and len(run.history) >= EPOCHS:
            print(f'{out.name}: finished', flush=True); continue
        if run.exists() and run.file('last').exists():       # resume with the config it was sized to
            cfg, resume = replace(run.train_config(), data=data), True
        else:
            step = calibrate(model_name, loss_name)
            steps = a.minutes * 60 / step
            repeat = max(1, round(steps * BATCH / (EPOCHS * n_train)))
            print(f'{out.name}: {step:.3f} s a step -> {steps:.0f} steps in {a.minutes:g} min -> {EPOCHS} epochs x repeat {repeat}', flush=True)
            if a.calibrate_only: continue
            cfg = TrainConfig(model=model_name, loss=loss_name, data=data, protocol='standard', patch_size=PATCH,
                              batch_size=BATCH, epochs=EPOCHS, lr=LR, scheduler='cosine', repeat=repeat,
                              split=str(split), budget_minutes=a.minutes)
            resume = False
        train(cfg, out, resume_run=resume, progress=False)
        took = sum(h['seconds'] for h in Run(out).history.to_dict('records'))
        print(f'{out.name}: trained in {took / 60:.1f} min', flush=True)
        subprocess.run([sys.executable, str(ROOT/'scripts'/'evaluate_study.py'), str(out), '--no-bicubic', '--no-table', '--half']
                       + (['--data', a.data] if a.data else []), check=True)


if __name__ == '__main__':
    main()
