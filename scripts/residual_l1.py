"""Why the study's residual models learn nothing under L1, and a fix: first steps, then a study run.

usage: python scripts/residual_l1.py [--model simplecnn_res] [--steps 30] [--quick] [--out FILE]

The study's residual runs computed `x + net(x)` with the last conv zero-initialised (`zero_last=True`; the package's
residual models no longer zero it, which is the fix this script found). Part 1 trains
the study's settings (seed protocol, batch 4, Adam, its lr, augmented, the study's split) for `--steps` steps under
several variants and prints, at a few steps: the share of live units of the ReLU that feeds the last conv, the
gradient norm of the first and last conv weights, their mean |Adam update|, the mean |residual| (grey levels), and
the share of pixels whose loss gradient pulls the residual back to 0. Part 2 trains the proposed fix (the last conv
left at PyTorch's default random init) for the study's epochs through `sr_notebook.train.train` itself, and compares
its validation PSNR gain over bicubic (8-bit RGB) with the study's unfixed run. --quick: 10 steps, 1 epoch.
What it printed last is kept in scripts/results/residual_l1.txt (the default --out).
"""
import argparse, math, os, tempfile, time, warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
import torch

from sr_notebook.core import data_dir
from sr_notebook.data import Split, read_unsplash
from sr_notebook.losses import get_loss
from sr_notebook.metrics import psnr
from sr_notebook.models import get_model
from sr_notebook.run import Run
from sr_notebook.runtime import cpu_name
from sr_notebook.train import make_loaders, study_config, train

ROOT = Path(__file__).resolve().parent.parent
SPLIT = Run(Path('checkpoints/study/simplecnn_l1')).file('split').as_posix()    # the study's split, repo-relative


def parts_of(split):
    by = {f.name: f for f in read_unsplash(data_dir('unsplash')).files}
    sp = Split.load(ROOT/split)
    return {k: [by[n] for n in getattr(sp, k)] for k in ('train', 'valid')}


def last_and_gate(m):
    "The last conv, and the conv whose ReLU'd output feeds it."
    if hasattr(m, 'decoder'): return m.decoder[-1], m.decoder[-3]
    if hasattr(m, 'final'): return m.final[-1], m.final[0]
    return m.conv3, m.conv2


def psnr8(p, y) -> float:
    "Mean PSNR (dB) of the outputs `p`, rounded to 8 bits, against `y`: RGB, no shave."
    return psnr((p.clamp(0, 1) * 255).round() / 255, y, crop_border=0, y_channel=False).mean().item()


def valid_gain(m, xv, yv):
    "PSNR gain over bicubic (dB, 8-bit RGB) and max |residual| (grey levels) on the validation images."
    with torch.no_grad(): p = torch.cat([m.eval()(xv[i:i + 4]) for i in range(0, len(xv), 4)])
    return psnr8(p, yv) - psnr8(xv, yv), (p - xv).abs().max().item() * 255


def first_steps(name, model, dl, steps, loss='l1', lr=None, eps=1e-8, init='zero'):
    "Train `steps` steps as the study does; one row per logged step."
    lr = lr or study_config(model).lr
    torch.manual_seed(0)
    m = get_model(model, zero_last=True).to(memory_format=torch.channels_last)   # as the study's runs started
    last, gate = last_and_gate(m)
    if init == 'random': last.reset_parameters()
    first = next(p for p in m.parameters() if p.requires_grad)
    opt = torch.optim.Adam([p for p in m.parameters() if p.requires_grad], lr=lr, eps=eps)
    lf, z = get_loss(loss), {}
    gate.register_forward_hook(lambda mod, i, o: z.__setitem__('z', o.detach()))
    rows, step, log = [], 0, {1, 2, 5, 10, 20, steps} | set(range(50, steps + 1, 50))
    for ep in range(math.ceil(steps / len(dl))):
        dl.sampler.set_epoch(ep)
        dl.dataset.set_epoch(ep)
        m.train()
        for xb, yb in dl:
            if step == steps: break
            p = m(xb.contiguous(memory_format=torch.channels_last))
            lf(p, yb).backward()
            w0 = first.detach().clone(), last.weight.detach().clone()
            g = [q.grad.norm().item() if q.grad is not None else 0.0 for q in (first, last.weight)]
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step in log:
                r = (p - xb).detach()
                moved = (r != 0).sum().item()
                back = ((torch.sign(p - yb) == torch.sign(r)) & (r != 0)).sum().item()
                rows.append(dict(variant=name, step=step, live=(z['z'] > 0).float().mean().item(), g_first=g[0],
                                 g_last=g[1], du_first=(first.detach() - w0[0]).abs().mean().item(),
                                 du_last=(last.weight.detach() - w0[1]).abs().mean().item(),
                                 res=r.abs().mean().item() * 255, to_zero=back / max(moved, 1)))
    return m, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', default='simplecnn_res')
    ap.add_argument('--steps', type=int, default=30, help='steps of part 1 per variant')
    ap.add_argument('--epochs', type=int, help="part 2's epochs (default: the study's)")
    ap.add_argument('--quick', action='store_true', help='10 steps, 1 epoch')
    ap.add_argument('--out', default=str(ROOT/'scripts/results/residual_l1.txt'))
    a = ap.parse_args()
    warnings.filterwarnings('ignore')
    torch.set_num_threads(int(os.environ.get('OMP_NUM_THREADS', 1)))
    cfg = study_config(a.model, 'l1', data=('unsplash',), split=SPLIT)
    steps, epochs = (10, 1) if a.quick else (a.steps, a.epochs or cfg.epochs)
    t0 = time.perf_counter()
    parts = parts_of(SPLIT)
    dls = make_loaders(cfg, parts, 'hr')
    va = dls.valid.dataset
    xv, yv = (torch.stack(t) for t in zip(*(va[i] for i in range(len(va)))))
    e = (yv - xv).abs() * 255
    out = [f'# residual models under L1: {a.model}, study settings (seed protocol, batch 4, Adam, lr {cfg.lr:g}, '
           f'plateau, {len(parts["train"])} train / {len(va)} valid images of {SPLIT})',
           f'# CPU: {cpu_name()}; torch {torch.__version__}; {torch.get_num_threads()} thread(s); '
           f'part 1: {steps} steps; part 2: {epochs} epochs',
           f'validation pixels (8-bit RGB) where bicubic == HR: {(e < 0.5).float().mean():.1%}; '
           f'|error| <= 1 level: {(e < 1.5).float().mean():.1%}; <= 2 levels: {(e < 2.5).float().mean():.1%}; '
           f'median error {(yv - xv).median().item() * 255:+.2f} levels', '']

    variants = [('L1 zero-init (study)', {}), ('L2 zero-init (study)', dict(loss='l2')),
                ('charbonnier zero-init', dict(loss='charbonnier')), ('L1 lr 1e-4', dict(lr=1e-4)),
                ('L1 Adam eps 1e-4', dict(eps=1e-4)), ('L1 random-init (fix)', dict(init='random'))]
    rows, ends = [], []
    for name, kw in variants:
        m, r = first_steps(name, a.model, dls.train, steps, **kw)
        rows += r
        ends.append(dict(variant=name, **dict(zip(('gain_dB', 'max_res'), valid_gain(m, xv, yv)))))
    t = pd.DataFrame(rows).set_index(['variant', 'step'])
    out += [f'part 1: the first {steps} steps. live: share of units > 0 of the ReLU feeding the last conv; '
            'g_: gradient norm of the first/last conv weight; du_: mean |Adam update|; res: mean |residual| (levels); '
            'to_zero: share of pixels whose loss gradient pulls the residual to 0',
            t.to_string(float_format=lambda v: f'{v:.3g}'), '',
            f'after {steps} steps, on the validation images (gain over bicubic, dB; max |residual|, levels):',
            pd.DataFrame(ends).set_index('variant').to_string(float_format=lambda v: f'{v:.3f}'), '']

    runs = []
    ref = Run(ROOT/'checkpoints/study'/f'{a.model}_l1')
    if ref.file('best').is_file():
        n = len(ref.history)
        runs.append(dict(run=f'study {ref.name} (zero-init, {n} epochs)', epochs=n,
                         **dict(zip(('gain_dB', 'max_res'), valid_gain(ref.model(), xv, yv))), live=float('nan'),
                         seconds=float('nan')))
    with tempfile.TemporaryDirectory() as d:
        torch.manual_seed(cfg.seed)
        m = get_model(a.model)
        last_and_gate(m)[0].reset_parameters()               # the fix: the last conv keeps PyTorch's default init
        torch.save(m.state_dict(), Path(d)/'init.pt')
        t1 = time.perf_counter()
        fixed = replace(cfg, epochs=epochs, init=str(Path(d)/'init.pt'))
        learn = train(fixed, Path(d)/'run', progress=False, device='cpu')
        m = Run(Path(d)/'run').model()
        z = {}
        last_and_gate(m)[1].register_forward_hook(lambda mod, i, o: z.__setitem__('z', o))
        g = valid_gain(m, xv, yv)
        runs.append(dict(run='fix: random-init last conv, train() with study settings', epochs=epochs, gain_dB=g[0],
                         max_res=g[1], live=(z['z'] > 0).float().mean().item(), seconds=time.perf_counter() - t1))
        hist = pd.DataFrame(learn.history)[['epoch', 'train_loss', 'valid_loss', 'valid_psnr', 'lr']]
    out += ['part 2: the study run (L1, its lr and epochs) unfixed vs fixed; validation PSNR gain over bicubic '
            f'(dB, 8-bit RGB), max |residual| (levels), live ReLU share on validation ({ref.file("best").name})',
            pd.DataFrame(runs).set_index('run').to_string(float_format=lambda v: f'{v:.3f}'), '',
            'the fixed run per epoch (the Learner\'s own history; valid_psnr: RGB, unrounded):',
            hist.to_string(index=False, float_format=lambda v: f'{v:.4g}'), '',
            f'# total {time.perf_counter() - t0:.0f} s']
    text = '\n'.join(out)
    print(text)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text + '\n')


if __name__ == '__main__':
    main()
