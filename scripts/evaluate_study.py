"""Measure the saved runs and write what the report reads: nothing here is typed in, everything is measured.

usage: python scripts/evaluate_study.py [--data ROOT] [--half] [RUN ...]

For every run folder (default: checkpoints/study/* and every other run under checkpoints/):
  RUN/eval/unsplash-test_seed/      the run's own test split (its split.json), the study's protocol
  RUN/eval/{Set5,Set14,BSD100}_standard/   for runs trained under the standard protocol
and the same for bicubic under checkpoints/bicubic/eval/. Each folder holds per_image.csv and metrics.json
(PSNR-Y/SSIM-Y, border shaved, beside the study's RGB PSNR and global SSIM).
--half stores best.pt in float16 when that changes the test PSNR by less than 0.01 dB, and records the
measurement in RUN/weights.json. checkpoints/model_table.csv holds parameters, MB, GFLOPs and CPU ms.
"""
import argparse, json, sys
from pathlib import Path

import torch

from sr_notebook.data import Split, atomic_write_text, data_dir, find_images, project_root
from sr_notebook.evaluate import evaluate, load_run
from sr_notebook.models import model_table
from sr_notebook.train import save_state

CK = project_root()/'checkpoints'
BENCHMARKS = ('Set5', 'Set14', 'BSD100')


def run_dirs(given):
    if given: return [Path(p).resolve() for p in given]
    return sorted(p.parent for p in CK.glob('**/config.json'))


def test_files(run: Path, root) -> list[Path]:
    "The run's test images (its split.json), found in the Unsplash folder of the data root."
    split = Split.load(run/'split.json')
    folder = data_dir('unsplash', root)/'high res'
    return [folder/n for n in split.test if (folder/n).exists()]


def measure(model, files, protocol, out: Path, label: str):
    df, s = evaluate(model, files, protocol, out=out, progress=True)
    print(f"  {label:28s} {s['n_images']:3d} images  PSNR-Y {s['psnr']:.2f}  SSIM-Y {s['ssim']:.4f}  "
          f"study PSNR {s['study_psnr']:.2f}  study SSIM {s['study_ssim']:.4f}", flush=True)
    return s


def halve(run: Path, files):
    "Store best.pt in float16 if the test PSNR moves by less than 0.01 dB; record the measurement."
    state = torch.load(run/'best.pt', map_location='cpu', weights_only=True)
    if all(v.dtype != torch.float32 for v in state.values()): return
    full = evaluate(load_run(run), files, 'seed')[1]['psnr']
    half = {k: v.half() if v.dtype == torch.float32 else v for k, v in state.items()}
    torch.save(half, run/'best16.pt.tmp')
    m = load_run(run); m.load_state_dict(torch.load(run/'best16.pt.tmp', weights_only=True))
    low = evaluate(m, files, 'seed')[1]['psnr']
    keep = abs(full - low) < 0.01
    if keep: save_state(half, run/'best.pt')
    (run/'best16.pt.tmp').unlink()
    atomic_write_text(run/'weights.json', json.dumps({'best.pt': 'float16' if keep else 'float32', 'test_psnr_float32': full,
                                                      'test_psnr_float16': low, 'change_db': low - full}, indent=1))
    print(f'  float16 weights: {low - full:+.4f} dB -> {"stored as float16" if keep else "kept float32"}')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('runs', nargs='*', help='run folders (default: every run under checkpoints/)')
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--half', action='store_true', help='store best.pt as float16 where it costs < 0.01 dB')
    ap.add_argument('--no-bicubic', action='store_true', help='skip the bicubic rows')
    ap.add_argument('--no-table', action='store_true', help='skip checkpoints/model_table.csv')
    ap.add_argument('--table-only', action='store_true', help='only (re)measure checkpoints/model_table.csv (on an idle CPU)')
    a = ap.parse_args()
    runs = run_dirs(a.runs)
    if not runs: sys.exit('no run folders found under checkpoints/')
    if a.table_only: return write_table(runs)
    bench = {b: find_images(data_dir(f'benchmark/{b}', a.data)) for b in BENCHMARKS}
    standard = []
    for run in runs:
        cfg = json.loads((run/'config.json').read_text())['train']
        files = test_files(run, a.data)
        if not (run/'best.pt').exists():
            print(f'{run.relative_to(CK)}: no best.pt (not committed, see its weights.json): its saved evaluations stand', flush=True)
            continue
        print(f'{run.relative_to(CK)}  ({cfg["model"]}, {cfg["loss"]}, {cfg["protocol"]})', flush=True)
        if a.half: halve(run, files)
        model = load_run(run)
        measure(model, files, 'seed', run/'eval'/'unsplash-test_seed', 'unsplash test (seed)')
        if cfg['protocol'] == 'standard':
            standard.append(run)
            for b, fs in bench.items(): measure(model, fs, 'standard', run/'eval'/f'{b}_standard', f'{b} (standard)')
    if not a.no_bicubic:
        print('bicubic', flush=True)
        measure('bicubic', test_files(runs[0], a.data), 'seed', CK/'bicubic'/'eval'/'unsplash-test_seed', 'unsplash test (seed)')
        for b, fs in bench.items(): measure('bicubic', fs, 'standard', CK/'bicubic'/'eval'/f'{b}_standard', f'{b} (standard)')
    if not a.no_table: write_table(runs)


def write_table(runs):
    "checkpoints/model_table.csv: parameters, MB, GFLOPs and CPU ms (256x256 output) of the runs' models and bicubic."
    names = sorted({json.loads((r/'config.json').read_text())['model']['name'] for r in runs} | {'bicubic'})
    t = model_table(names, size=256, reps=5)
    t.to_csv(CK/'model_table.csv')
    print(t.round(3).to_string())


if __name__ == '__main__':
    main()
