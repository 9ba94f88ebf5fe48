"""How the models hold up when the LR image is not PIL's antialiased bicubic: x4 PSNR-Y under named degradations.

usage: python benchmarks/degradations.py [--data ROOT] [--sets Set5,Set14,BSD100] [--models bicubic,edsr_s]

Each HR image of the benchmark sets is brought down x4 by each degradation of `sr_notebook.data.DEGRADATIONS`
(clean: the standard protocol; bicubic_noaa: bicubic without antialiasing, as OpenCV and many apps resize;
area; blur_noise: Gaussian blur 1.2 px, then bicubic, then noise of 5 grey levels; jpeg50: bicubic then JPEG
at quality 50; mixed: a seeded second-order mix of blur, a random kernel, noise and JPEG), and upscaled by
each model (shipped names or bicubic). Prints PSNR-Y (4-pixel border shaved) per set and degradation, and
each model's gain over bicubic. Seeded: the same images every run. Figures are measured, never typed.
"""
import argparse, warnings

import pandas as pd

from sr_notebook.core import data_dir
from sr_notebook.data import DEGRADATIONS
from sr_notebook.evaluate import evaluate


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--sets', default='Set5,Set14,BSD100')
    ap.add_argument('--models', default='bicubic,edsr_s')
    a = ap.parse_args()
    rows = []
    for b in a.sets.split(','):
        files = data_dir(f'benchmark/{b}', a.data)
        for d in DEGRADATIONS:
            for m in a.models.split(','):
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    _, s = evaluate(m, files, 'degraded', protocol_kw={'degradation': d}, engine='auto')
                rows.append(dict(set=b, degradation=d, model=m, psnr=s['psnr']))
    t = pd.DataFrame(rows).pivot_table(index=['set', 'degradation'], columns='model', values='psnr', sort=False)
    for m in t.columns:
        if m != 'bicubic': t[f'{m} - bicubic'] = t[m] - t['bicubic']
    print('x4 PSNR-Y (dB, 4-pixel border shaved) with LR made by each degradation; seeded')
    print(t.round(2).to_string())


if __name__ == '__main__':
    main()
