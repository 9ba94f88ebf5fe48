"""The study's question under equal budgets: its three architectures (residual form) x three losses.

Each trained for the same time on the same machine, then measured on the study's test images and on Set5, Set14 and
BSD100.

usage: python scripts/run_budget.py [--minutes 10] [--patch 64] [--data ROOT] [--only simplecnn_res:l1,...]
                                    [--calibrate-only]

The faithful forms (e.g. --only simplecnn:l1, for contrast) are sized by their residual form's step time: the two
differ by one addition per pixel.

Equal time, not equal patches: the study asked which network to use, and a network that costs five times more per
patch is only better if it is better for what it costs. So every run gets the same training minutes on one CPU thread
(`torch.set_num_threads(1)`). What they buy is measured once for the whole grid, under the same load
(`calibrate`: batch 16 of `--patch` HR patches, forward, loss, backward and Adam step, best of 3 after a warm-up, in
channels-last and in NCHW; each run trains in the faster layout), kept with the CPU's name in
checkpoints/budget/calibration.json, and turned into 4 to 8 epochs x `repeat` patches per image. Each run's config
records `budget_minutes` and what it bought (`bought`: steps and patches); its history the seconds each epoch really
took (more than the budget when other work shares the machine). Every run: the standard protocol, BSD200 + T91 + the
study's training images (its split: never its validation or test images, never a benchmark image), augmentation,
batch 16, Adam 5e-4 with a cosine schedule, seed 0, validation on one patch per validation image; random-init encoders
(no ImageNet weights can be had here) and, for the perceptual loss, a random-init VGG16, as everywhere in this project.
Runs go to checkpoints/budget/MODEL_LOSS/; a finished run is skipped, an unfinished one resumed. Then each is
evaluated (`scripts/evaluate_study.py --half`: eval/ in the run folder). Two processes with disjoint `--only` lists
use both cores.
"""
import argparse, json, re, subprocess, sys, time
from dataclasses import replace
from pathlib import Path

import torch

from sr_notebook.core import MACHINE_PATH, checkpoints_dir, data_dir
from sr_notebook.data import follow_split, image_size, run_files
from sr_notebook.losses import get_loss
from sr_notebook.models import get_model
from sr_notebook.run import Run, eval_name
from sr_notebook.runtime import cpu_name
from sr_notebook.train import TrainConfig, train

GRID = [(m, l) for m in ('simplecnn_res', 'mobilenetv2_res', 'resnet18_unet_res') for l in ('l1', 'l2', 'perceptual')]
PATCH, BATCH, LR = 64, 16, 5e-4
ROOT = Path(__file__).resolve().parent.parent


def calibrate(model_name: str, loss_name: str, steps: int = 3, patch: int = PATCH, channels_last: bool = True) -> float:
    """Seconds of one training step on this machine, now.
    Batch 16 of `patch`x`patch` HR patches: forward, loss, backward, Adam."""
    torch.manual_seed(0)
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    model, loss = get_model(model_name).to(memory_format=fmt), get_loss(loss_name)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=LR)
    side = patch if model.input_space == 'hr' else patch // model.scale
    x = torch.rand(BATCH, 3, side, side).contiguous(memory_format=fmt)
    y = torch.rand(BATCH, 3, patch, patch)
    ts = []
    for i in range(steps + 1):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss(model(x), y).backward()
        opt.step()
        if i: ts.append(time.perf_counter() - t0)
    return min(ts)


def sizes(steps: float, n_train: int) -> tuple[int, int]:
    "(epochs, repeat) whose patches come nearest to `steps` batches: 4 to 8 epochs (fewest on a tie)."
    want = steps * BATCH / n_train
    return min(((e, max(1, round(want / e))) for e in range(4, 9)), key=lambda er: (abs(er[0] * er[1] - want), er[0]))


def calibration(grid, patch: int, path: Path, redo=False) -> dict:
    """Seconds a step for each (model, loss) in both memory layouts, kept in `path`.
    Measured once for the whole grid: the same load for all."""
    cal = json.loads(path.read_text()) if path.exists() and not redo else {}
    cal.setdefault('cpu', cpu_name())
    for m, l in grid:
        key = f'{m}_{l}'
        if key in cal and cal[key]['patch'] == patch: continue
        cl = calibrate(m, l, patch=patch, channels_last=True)
        nchw = calibrate(m, l, patch=patch, channels_last=False)
        cal[key] = dict(patch=patch, channels_last=cl, nchw=nchw)
        print(f'{key}: {cl:.3f} s a step channels-last, {nchw:.3f} NCHW', flush=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cal, indent=1))
    path.write_text(json.dumps(cal, indent=1))
    return cal


MAX_FILE = 5 * 2**20      # the most a committed file may take
MACHINE_BYTES = re.compile(MACHINE_PATH.pattern.encode() if isinstance(MACHINE_PATH.pattern, str)
                           else MACHINE_PATH.pattern)      # the repository's path check, on a file's bytes


def keep_weights(run: Run) -> str:
    """Keep a run's best weights only when they may be committed, else say why in the run folder.
    A committed file takes at most 5 MiB and holds no bytes that read as a machine path (`core.MACHINE_PATH`)."""
    f, w = run.file('best'), run.file('halving')
    if not f.exists(): return f'no {f.name}'
    data = f.read_bytes()
    found = MACHINE_BYTES.search(data)
    too_big = len(data) > MAX_FILE
    why = (f'{len(data) / 2**20:.0f} MB even in float16, over the 5 MiB a committed file may take' if too_big
           else 'its float16 bytes happen to contain sequences a path scanner reads as machine paths '
           f"(e.g. {found.group().decode(errors='replace')!r})" if found else None)
    if why is None: return 'kept'
    info = json.loads(w.read_text()) if w.exists() else {}
    info.update({f.name: 'not committed',
                 'why': why + '; its evaluations stand, and python scripts/run_budget.py re-creates it'})
    w.write_text(json.dumps(info, indent=1))
    f.unlink()
    return 'not committed: ' + why


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--minutes', type=float, default=12.0, help='training minutes per run (one thread)')
    ap.add_argument('--patch', type=int, default=PATCH, help='HR patch side')
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--only', help='model:loss pairs, comma-separated (default: the whole grid)')
    ap.add_argument('--calibrate-only', action='store_true',
                    help='measure the step times of the whole grid, train nothing')
    ap.add_argument('--recalibrate', action='store_true', help='measure the step times again')
    a = ap.parse_args()
    torch.set_num_threads(1)
    grid = [tuple(p.split(':')) for p in a.only.split(',')] if a.only else GRID
    root = data_dir('', a.data)
    data = (str(root/'unsplash'), str(root/'train'/'BSD200'), str(root/'train'/'T91'))
    split = Run(ROOT/'checkpoints'/'study'/'simplecnn_l1').file('split')
    files = run_files(data)
    train_names = set(follow_split(split, files).train)
    n_train = sum(f.name in train_names and min(image_size(f)) >= a.patch for f in files)   # what a run trains on
    cal = calibration(GRID, a.patch, checkpoints_dir()/'budget'/'calibration.json', a.recalibrate)
    if a.calibrate_only: return
    for model_name, loss_name in grid:
        out = checkpoints_dir()/'budget'/f'{model_name}_{loss_name}'
        run = Run(out)
        if run.exists() and len(run.history) >= TrainConfig.from_run(run).epochs:
            print(f'{out.name}: finished', flush=True)
        else:
            if run.exists() and run.file('last').exists():       # resume with the config it was sized to
                cfg, resume = replace(TrainConfig.from_run(run), data=data), True
            else:
                # a faithful form costs what its residual form does
                c = cal[f'{model_name.removesuffix("_res")}_res_{loss_name}']
                channels_last = c['channels_last'] <= c['nchw']       # the faster layout on this CPU, for this model
                step = min(c['channels_last'], c['nchw'])
                steps = a.minutes * 60 / step
                epochs, repeat = sizes(steps, n_train)
                layout = 'channels-last' if channels_last else 'NCHW'
                print(f'{out.name}: {step:.3f} s a step ({layout}) -> {steps:.0f} steps in '
                      f'{a.minutes:g} min -> {epochs} epochs x repeat {repeat}', flush=True)
                cfg = TrainConfig(model=model_name, loss=loss_name, data=data, protocol='standard', patch_size=a.patch,
                                  batch_size=BATCH, epochs=epochs, lr=LR, scheduler='cosine', repeat=repeat,
                                  split=str(split), budget_minutes=a.minutes, channels_last=channels_last)
                resume = False
            train(cfg, out, resume_run=resume, progress=False)
            took = sum(h['seconds'] for h in Run(out).history.to_dict('records'))
            print(f'{out.name}: trained in {took / 60:.1f} min', flush=True)
        if not run.eval_file(eval_name('BSD100', 'standard'), 'metrics').exists():
            subprocess.run([sys.executable, str(ROOT/'scripts'/'evaluate_study.py'), str(out), '--no-bicubic',
                            '--no-table', '--half'] + (['--data', a.data] if a.data else []), check=True)
        print(f"{out.name}: {run.file('best').name} {keep_weights(run)}", flush=True)


if __name__ == '__main__':
    main()
