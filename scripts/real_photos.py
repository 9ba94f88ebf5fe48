"""Real photos: PSNR-Y and NIQE of bicubic, the shipped models and the dial on LR made as photos are.

usage: python scripts/real_photos.py [--data ROOT] [--sets BSD100,unsplash-test,skimage]
           [--degradations mixed,web,jpeg50] [--models bicubic,edsr_s,real,sharp,real@0.5] [--out CSV]

Each set's HR images are brought down x4 by each named degradation (`sr_notebook.degrade.DEGRADATIONS`: `mixed`,
a seeded second-order mix of blur, resize kernel, noise and JPEG; `web`, a resize without antialiasing then JPEG 70;
`jpeg50`) and upscaled by each model: a shipped name, bicubic, or `real@S`, the real..sharp dial at strength S.
The sets: BSD100 (a benchmark: measured, never trained or tuned on), the study's test images (`unsplash-test`: the
Unsplash images its split keeps for testing, never trained on) and scikit-image's photos (`skimage`: always at hand).
PSNR-Y (4-pixel border shaved) needs the HR; NIQE (lower: more natural statistics) is of the output alone, and
rewards noise and invented texture, so the two are read together. Seeded: the same LR images every run.
Writes one row per (set, degradation, model) to --out, with the CPU it ran on; prints the two tables.
"""
import argparse, json, warnings
from pathlib import Path

import pandas as pd

from sr_notebook.core import BENCHMARKS, checkpoints_dir, data_dir
from sr_notebook.data import sample_images
from sr_notebook.evaluate import evaluate
from sr_notebook.hub import DIAL, pretrained, shipped
from sr_notebook.runtime import cpu_name

STUDY_SPLIT = 'study/simplecnn_l1/split.json'     # under checkpoints/: the study's split, whose test images are used


def set_files(name: str, root=None):
    "The HR images of a set (files or a folder): a benchmark, the study's tests or skimage's photos."
    if name == 'skimage': return sample_images()
    if name == 'unsplash-test':
        folder = data_dir('unsplash', root)/'high res'
        names = json.loads((checkpoints_dir()/STUDY_SPLIT).read_text())['test']
        return [folder/n for n in names if (folder/n).exists()]
    if name in BENCHMARKS: return data_dir(f'benchmark/{name}', root)
    raise SystemExit(f'unknown set {name!r}: a benchmark ({", ".join(BENCHMARKS)}), unsplash-test or skimage')


def model_of(spec: str):
    "A model from its spec: bicubic, a shipped name, or `real@S`; None where not shipped."
    if spec == 'bicubic': return spec
    name, _, strength = spec.partition('@')
    needed = DIAL if strength else (name,)
    if not set(needed) <= set(shipped()): return None
    return pretrained(name, 4, strength=float(strength)) if strength else pretrained(name)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--sets', default='BSD100,unsplash-test,skimage')
    ap.add_argument('--degradations', default='mixed,web,jpeg50')
    ap.add_argument('--models', default='bicubic,edsr_s,real,sharp,real@0.5')
    ap.add_argument('--out', type=Path, default=checkpoints_dir()/'real_photos.csv')
    a = ap.parse_args()
    models = {m: model_of(m) for m in a.models.split(',')}
    for m in [m for m, v in models.items() if v is None]: print(f'{m}: not shipped, skipped')
    rows = []
    for s in a.sets.split(','):
        files = set_files(s, a.data)
        for d in a.degradations.split(','):
            for m, model in models.items():
                if model is None: continue
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    _, r = evaluate(model, files, 'degraded', protocol_kw={'degradation': d}, niqe=True)
                rows.append(dict(set=s, degradation=d, model=m, images=r['n_images'], psnr=r['psnr'], ssim=r['ssim'],
                                 niqe=r['niqe'], seconds=r['seconds'], cpu=cpu_name()))
                print(f"{s:14s} {d:8s} {m:10s} PSNR-Y {r['psnr']:6.2f}  NIQE {r['niqe']:5.2f}", flush=True)
    t = pd.DataFrame(rows)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    t.to_csv(a.out, index=False)
    for col in ('psnr', 'niqe'):
        print(f'\n{col} (x4; {cpu_name()})')
        print(t.pivot_table(index=['set', 'degradation'], columns='model', values=col, sort=False).round(2).to_string())


if __name__ == '__main__':
    main()
