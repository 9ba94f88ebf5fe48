"""How models hold up when the LR is not PIL's antialiased bicubic: x4 PSNR-Y and NIQE by degradation.

usage: python scripts/degradations.py [--data ROOT] [--sets Set5,Set14,BSD100] [--models bicubic,edsr_s,real,sharp]
                                      [--save]

Each HR image of the benchmark sets is brought down x4 by each degradation of `sr_notebook.degrade.DEGRADATIONS`
(clean: the standard protocol; bicubic_noaa: bicubic without antialiasing, as OpenCV and many apps resize;
area; blur_noise: Gaussian blur 1.2 px, then bicubic, then noise of 5 grey levels; jpeg50: bicubic then JPEG
at quality 50; mixed: a seeded second-order mix of blur, a random kernel, noise and JPEG), and upscaled by
each model (bicubic or a shipped name; a name not shipped yet is skipped with a note). Prints PSNR-Y (4-pixel
border shaved) per set and degradation with each model's gain over bicubic, then NIQE of the same outputs
(`evaluate(..., niqe=True)`; no reference, lower is more natural, but it rewards noise and invented texture, so
read it beside PSNR-Y). Seeded: the same images every run. Figures are measured, never typed.
With --save each evaluation (NIQE included) is also written where the report reads it: `eval/SET_degraded-NAME/`
of the run a shipped model was trained in (its `sr_notebook/weights/NAME.json` names it), or of
`checkpoints/bicubic/`. What it printed last is kept in scripts/results/degradations.txt.
"""
import argparse, warnings

import pandas as pd

from sr_notebook.core import BENCHMARKS, checkpoints_dir, data_dir, project_root
from sr_notebook.degrade import DEGRADATIONS
from sr_notebook.evaluate import evaluate
from sr_notebook.hub import shipped
from sr_notebook.run import Run, eval_name
from sr_notebook.runtime import cpu_name


def run_folder(model: str) -> Run:
    "Where `model`'s evaluations are saved: checkpoints/bicubic, or the run its shipped weights are from."
    if model == 'bicubic': return Run(checkpoints_dir()/'bicubic')
    return Run(project_root()/shipped()[model]['run'])


def available(models: list[str]) -> list[str]:
    "The names in `models` that can be measured (bicubic, shipped ones); a note printed for each other."
    for m in models:
        if m != 'bicubic' and m not in shipped(): print(f'note: {m} is not shipped (yet): skipped')
    return [m for m in models if m == 'bicubic' or m in shipped()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--sets', default=','.join(BENCHMARKS))
    ap.add_argument('--models', default='bicubic,edsr_s,real,sharp')
    ap.add_argument('--save', action='store_true',
                    help="write each evaluation into its run folder's eval/ (for the report)")
    a = ap.parse_args()
    models, rows = available(a.models.split(',')), []
    for b in a.sets.split(','):
        files = data_dir(f'benchmark/{b}', a.data)
        for d in DEGRADATIONS:
            for m in models:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    out = run_folder(m).eval_dir(eval_name(b, f'degraded-{d}')) if a.save else None
                    _, s = evaluate(m, files, 'degraded', protocol_kw={'degradation': d}, engine='auto', out=out,
                                    niqe=True)
                rows.append(dict(set=b, degradation=d, model=m, psnr=s['psnr'], niqe=s['niqe']))
    df = pd.DataFrame(rows)
    t = df.pivot_table(index=['set', 'degradation'], columns='model', values='psnr', sort=False)[models]
    if 'bicubic' in t:
        for m in t.columns:
            if m != 'bicubic': t[f'{m} - bicubic'] = t[m] - t['bicubic']
    print(f'x4 PSNR-Y (dB, 4-pixel border shaved) with LR made by each degradation; seeded; {cpu_name()}')
    print(t.round(2).to_string())
    n = df.pivot_table(index=['set', 'degradation'], columns='model', values='niqe', sort=False, dropna=False)
    print('\nNIQE of the same outputs (no reference, lower is more natural; it rewards noise and invented texture)')
    print(n[models].round(2).to_string())


if __name__ == '__main__':
    main()
