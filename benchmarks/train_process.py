"""The whole training process, start-up and data included: `sr-notebook train` beside the study's own.

usage: python benchmarks/train_process.py [--data ROOT] [--epochs 2] [--repeats 2] [--threads 1]

Both train the study's SimpleCNN with L1 under its protocol on its Unsplash images (70 train / 15 validation / 15
test, batch 4, Adam 1e-3, plateau schedule) for `--epochs` epochs, as separate processes timed from launch to exit
(Python start-up, imports, decoding, training, validation): ours is `sr-notebook train --model simplecnn --loss l1
--protocol seed` into a temporary run folder (it writes config, split, history and checkpoints as it goes); the
study's is `seed_reference.py HR_DIR --n 100 --epochs E --models simplecnn` (it also scores bicubic and the model on
its test images, which ours leaves to `evaluate`; that time is reported apart, from its own output). Runs alternate,
`--repeats` times each, with the same thread count; the best of each is compared. Target: ours at most half the
study's. `--profile`: where a SimpleCNN step's time goes, per convolution, in NCHW and channels-last.
Figures are measured, never typed.
"""
import argparse, os, re, subprocess, sys, tempfile, time
from pathlib import Path

from sr_notebook.core import data_dir, reference_path
from sr_notebook.runtime import cpu_name


def timed(cmd, env) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode: sys.exit(f'{cmd[0]} failed:\n{r.stderr[-2000:]}')
    return time.perf_counter() - t0, r.stdout


def where_time_goes(threads: int):
    """One SimpleCNN training step (batch 4, 256x256) in NCHW and channels-last.
    And each convolution's forward + backward, timed alone."""
    import torch
    from sr_notebook.models import get_model
    torch.set_num_threads(threads)
    def fmt(t, cl): return t.contiguous(memory_format=torch.channels_last) if cl else t
    for cl in (False, True):
        torch.manual_seed(0)
        m = get_model('simplecnn').to(memory_format=torch.channels_last if cl else torch.contiguous_format)
        x, y, ts = fmt(torch.rand(4, 3, 256, 256), cl), torch.rand(4, 3, 256, 256), []
        opt = torch.optim.Adam(m.parameters(), 1e-3)
        for _ in range(4):
            t0 = time.perf_counter()
            opt.zero_grad()
            torch.nn.functional.l1_loss(m(x), y).backward()
            opt.step()
            ts.append(time.perf_counter() - t0)
        parts = []
        for name in ('conv1', 'conv2', 'conv3'):
            c = getattr(m, name)
            xi = fmt(torch.rand(4, c.in_channels, 256, 256), cl).requires_grad_(name != 'conv1')
            tt = []
            for _ in range(3):
                t0 = time.perf_counter()
                c(xi).sum().backward()
                tt.append(time.perf_counter() - t0)
            flops = 2 * 4 * 256 * 256 * c.in_channels * c.out_channels * 9 * (2 if name == 'conv1' else 3)
            best = min(tt[1:])
            parts.append(f'{name} ({c.in_channels}->{c.out_channels}) {best:.2f} s, {flops / best / 1e9:.1f} GFLOP/s')
        print(f"  {'channels-last' if cl else 'NCHW':13s} step {min(ts[1:]):.2f} s: " + '; '.join(parts), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--epochs', type=int, default=2)
    ap.add_argument('--repeats', type=int, default=2)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--profile', action='store_true', help='only where the time of a SimpleCNN step goes')
    a = ap.parse_args()
    if a.profile:
        print(f'{cpu_name()}, {a.threads} thread(s): where a SimpleCNN training step goes '
              '(batch 4, 256x256; conv1 needs no input gradient)')
        return where_time_goes(a.threads)
    unsplash, reference = data_dir('unsplash', a.data), reference_path()
    if reference is None or not reference.is_file():
        sys.exit("the study's seed_reference.py is not here (sr_notebook.core.reference_path)")
    env = {**os.environ, 'OMP_NUM_THREADS': str(a.threads), 'SEED_WEIGHTS': '0'}
    exe = Path(sys.executable).parent/'sr-notebook'
    ours, theirs, train_s = [], [], []
    for k in range(a.repeats):
        out = Path(tempfile.mkdtemp(prefix='sr_proc_'))/'run'
        t, _ = timed([str(exe), 'train', '--model', 'simplecnn', '--loss', 'l1', '--protocol', 'seed',
                      '--data', str(unsplash), '--epochs', str(a.epochs), '--out', str(out)], env)
        ours.append(t)
        t, log = timed([sys.executable, str(reference), str(unsplash/'high res'), '--n', '100',
                        '--epochs', str(a.epochs), '--models', 'simplecnn'], env)
        theirs.append(t)
        train_s.append(sum(float(x) for x in re.findall(r'train_s=([\d.]+)', log)))
        print(f'round {k + 1}: ours {ours[-1]:.1f} s, study {theirs[-1]:.1f} s '
              f'(its training loops alone {train_s[-1]:.1f} s)', flush=True)
    o, s = min(ours), min(theirs)
    where_time_goes(a.threads)
    print(f'{cpu_name()}, {a.threads} thread(s); SimpleCNN L1, {a.epochs} epochs on the study images, '
          f'whole processes, best of {a.repeats}:')
    print(f'  sr-notebook train {o:.1f} s; the study\'s script {s:.1f} s (its training loops {min(train_s):.1f} s); '
          f'ours / study = {o / s:.2f} (target <= 0.50: {"met" if o / s <= 0.5 else "NOT met"})')


if __name__ == '__main__':
    main()
