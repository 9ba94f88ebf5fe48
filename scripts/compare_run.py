"""A run not shipped against a shipped model: PSNR-Y at its scale on every (set, named degradation).

usage: python scripts/compare_run.py RUN [--checkpoint best.pt|last.pt] [--against real] [--sets Set5,Set14,BSD100]
                                     [--out CSV]

Before shipping a candidate (say a new blind model meant to replace `real`), measure it where
scripts/degradations.py measures the shipped ones: each HR image brought down by the run's scale by each
degradation of `sr_notebook.degrade.DEGRADATIONS` (seeded: the same LR every run), upscaled by the run's model (its
best or last weights) and by the shipped model at that scale, PSNR-Y with a border of the scale's width shaved,
PyTorch fp32. Prints both and the
difference; writes one row per (set, degradation) to --out (default RUN/compare_<against>.csv).
"""
import argparse, warnings
from pathlib import Path

import pandas as pd

from sr_notebook.core import BENCHMARKS, data_dir
from sr_notebook.degrade import DEGRADATIONS
from sr_notebook.evaluate import evaluate
from sr_notebook.hub import pretrained
from sr_notebook.run import Run, load_state
from sr_notebook.runtime import cpu_name


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('run', type=Path)
    ap.add_argument('--checkpoint', default='best.pt', help="the run's weights: best.pt or last.pt")
    ap.add_argument('--against', default='real', help='the shipped model to compare with')
    ap.add_argument('--sets', default=','.join(BENCHMARKS))
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--out', type=Path)
    a = ap.parse_args()
    model = Run(a.run).model()
    state = load_state(a.run/a.checkpoint)
    model.load_state_dict(state.get('model', state))
    s, against = model.scale, pretrained(a.against, scale=model.scale)
    rows = []
    for b in a.sets.split(','):
        files = data_dir(f'benchmark/{b}', a.data)
        for d in DEGRADATIONS:
            row = dict(set=b, degradation=d)
            for key, m in (('run', model.eval()), (a.against, against)):
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    row[key] = evaluate(m, files, 'degraded', s, protocol_kw={'degradation': d})[1]['psnr']
            rows.append(row)
            print(f"{b:7s} {d:13s} run {row['run']:.2f}  {a.against} {row[a.against]:.2f}", flush=True)
    df = pd.DataFrame(rows)
    df['run - ' + a.against] = df['run'] - df[a.against]
    df['cpu'] = cpu_name()
    out = a.out or a.run/f'compare_{a.against}.csv'
    df.to_csv(out, index=False)
    print(f'{a.run.name} ({a.checkpoint}) against {a.against}: x{s} PSNR-Y (dB); {cpu_name()}')
    print(df.drop(columns='cpu').round(2).to_string(index=False))


if __name__ == '__main__':
    main()
