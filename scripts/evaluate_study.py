"""Measure the saved runs and write what the report reads: nothing here is typed in, all is measured.

usage: python scripts/evaluate_study.py [--data ROOT] [--half] [--ship] [--bicubic-scales S ...] [RUN ...]

For every run folder (default: every finished run under the repository's checkpoints/), through
`sr_notebook.run.Run`, at the run's own scale (config.json's `model.scale`):
  RUN/eval/unsplash-test_seed/             the run's own test split (its saved split), the study's protocol (x4 runs)
  RUN/eval/{Set5,Set14,BSD100}_standard/   for runs trained under the standard or the degraded protocol, at x4
  RUN/eval/{Set5,...}_standard_x2/         the same at x2 (x3: _x3), for a run trained at that scale
and bicubic under checkpoints/bicubic/eval/: the study's test split and the benchmarks at x4, the benchmarks at x2
and x3 (--bicubic-scales chooses which scales; --no-bicubic none). To measure only what is new, name the runs and
the bicubic scales, so that nothing measured before is measured again:
  python scripts/evaluate_study.py checkpoints/edsr_s_x2_l1_standard --no-table --bicubic-scales 2 3
Each folder holds a per-image table and a summary
(`Run.EVAL_FILES`: PSNR-Y/SSIM-Y, border shaved, beside the study's RGB PSNR and global SSIM).
--half stores the best weights in float16 when that changes the test PSNR (a run at another scale than x4: Set5's)
by less than 0.01 dB (`Run.halve`), recorded in the run folder. --ship copies the shipped runs' weights into the
package (`Run.ship`: sr_notebook/weights/, each under its name at its scale).
checkpoints/model_table.csv holds parameters, MB, GFLOPs and CPU ms.
"""
import argparse, sys
from pathlib import Path

from sr_notebook.core import BENCHMARKS, checkpoints_dir, data_dir
from sr_notebook.data import find_images
from sr_notebook.evaluate import evaluate
from sr_notebook.hub import BENCHMARK_MODEL, model_table
from sr_notebook.run import Run, eval_name, find_runs

BICUBIC_SCALES = (4, 2, 3)   # bicubic is measured at each: x4 for the study and its benchmark, x2 and x3 beside

STANDARD_USE = 'LR made by antialiased resizing (PIL, Pillow, ImageMagick defaults, the literature)'
REAL_USE = 'photos from phones, apps and the web: resized without antialiasing, noisy, JPEG'
FAST_USE = STANDARD_USE + '; the fastest: one 3x3 convolution per layer'
SHIPPED = {   # run folder under checkpoints/ -> (the name it ships as, at the run's scale; what it is for)
    'edsr_s_l1_standard': (BENCHMARK_MODEL, STANDARD_USE),
    'edsr_s_x2_l1_standard': (BENCHMARK_MODEL, STANDARD_USE),
    'edsr_s_x3_l1_standard': (BENCHMARK_MODEL, STANDARD_USE),
    'edsr_w_l1_real': ('real', REAL_USE),     # it took over from edsr_s_l1_real (kept as a run, no longer shipped)
    'edsr_s_gan_blind2': ('sharp', 'the same photos, sharper: EDSR-S for photos fine-tuned against a discriminator '
                                   '(detail may be invented)'),    # it took over from edsr_s_gan_blind, its start
    'edsr_s_x2_l1_real': ('real', REAL_USE),
    'ecbsr_lean_l1_standard': ('fast', FAST_USE),     # it took over from ecbsr_l1_standard, its start
    'ecbsr_x2_l1_standard': ('fast', FAST_USE)}


def test_files(run: Run, root) -> list[Path]:
    "The run's test images (its split.json), found in the Unsplash folder of the data root."
    folder = data_dir('unsplash', root)/'high res'
    return [folder/n for n in run.split.test if (folder/n).exists()]


def measure(model, files, protocol, out: Path, label: str, scale: int = 4):
    df, s = evaluate(model, files, protocol, scale=scale, out=out, progress=True)
    print(f"  {label:28s} {s['n_images']:3d} images  PSNR-Y {s['psnr']:.2f}  SSIM-Y {s['ssim']:.4f}  "
          f"study PSNR {s['study_psnr']:.2f}  study SSIM {s['study_ssim']:.4f}", flush=True)
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('runs', nargs='*', type=Path, help='run folders (default: every finished run under checkpoints/)')
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--half', action='store_true', help='store the best weights as float16 where it costs < 0.01 dB')
    ap.add_argument('--ship', action='store_true',
                    help='copy the best weights of the runs given (those in SHIPPED) into sr_notebook/weights/')
    ap.add_argument('--no-bicubic', action='store_true', help='skip the bicubic rows')
    ap.add_argument('--bicubic-scales', nargs='+', type=int, default=list(BICUBIC_SCALES),
                    help='the scales bicubic is measured at (default: 4 2 3; x4 adds the study\'s test split)')
    ap.add_argument('--no-table', action='store_true', help='skip checkpoints/model_table.csv')
    ap.add_argument('--table-only', action='store_true',
                    help='only (re)measure checkpoints/model_table.csv (on an idle CPU)')
    a = ap.parse_args()
    ck = checkpoints_dir()
    runs = [Run(p) for p in a.runs] or [r for r in find_runs(ck) if r.finished]
    if not runs: sys.exit(f'no run folders found under {ck}')
    if a.table_only: return write_table(runs, ck)
    bench = {b: find_images(data_dir(f'benchmark/{b}', a.data)) for b in BENCHMARKS}
    for run in runs:
        files = test_files(run, a.data)
        best = run.file('best')
        if not best.exists():
            print(f"{run.name}: no {best.name} (not committed, see its {run.file('halving').name}): "
                  'its saved evaluations stand', flush=True)
            continue
        print(f'{run.name}  ({run.train["model"]}, {run.train["loss"]}, {run.train["protocol"]})', flush=True)
        if a.half and run.scale == 4:           # the test split's PSNR, at the study's x4
            info = run.halve(lambda m: evaluate(m, files, 'seed')[1]['psnr'])
        elif a.half:                            # at another scale: Set5's, at the run's scale
            info = run.halve(lambda m: evaluate(m, bench['Set5'], 'standard', scale=run.scale)[1]['psnr'],
                             on=eval_name('Set5', 'standard', run.scale))
        if a.half:
            print(f"  {best.name}: {info.get(best.name)} ({info.get('change_db', 0):+.4f} dB)")
        model, s = run.model(), run.scale
        if s == 4:                              # the study's protocol is x4
            measure(model, files, 'seed', run.eval_dir(eval_name('unsplash-test', 'seed')), 'unsplash test (seed)')
        if run.train['protocol'] in ('standard', 'degraded'):
            for b, fs in bench.items():
                measure(model, fs, 'standard', run.eval_dir(eval_name(b, 'standard', s)), f'{b} (standard, x{s})', s)
    if not a.no_bicubic:
        print('bicubic', flush=True)
        bic = Run(ck/'bicubic')                 # evaluations only: bicubic has no config or weights
        for s in a.bicubic_scales:
            if s == 4:
                measure('bicubic', test_files(runs[0], a.data), 'seed',
                        bic.eval_dir(eval_name('unsplash-test', 'seed')), 'unsplash test (seed)')
            for b, fs in bench.items():
                measure('bicubic', fs, 'standard', bic.eval_dir(eval_name(b, 'standard', s)),
                        f'{b} (standard, x{s})', s)
    if a.ship:                                  # the runs measured now (re-shipping drops a JSON's int8 measurement)
        for run in runs:
            if run.name in SHIPPED and run.file('best').exists():
                name, use = SHIPPED[run.name]
                print(f'shipped {name}: {run.ship(name, use=use)} (run scripts/quantize.py --models {name} for int8)')
    if not a.no_table: write_table(runs, ck)


def write_table(runs, ck):
    "checkpoints/model_table.csv: parameters, MB, GFLOPs and CPU ms (256x256 output) of each model."
    names = sorted({r.config['model']['name'] for r in runs} | {'bicubic'})
    t = model_table(names, size=256, reps=5)
    t.to_csv(ck/'model_table.csv')
    print(t.round(3).to_string())


if __name__ == '__main__':
    main()
