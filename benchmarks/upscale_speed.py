"""The speed/quality frontier: the shipped models per engine and precision, side by side, here.

usage: python benchmarks/upscale_speed.py [--megapixels 1.0] [--models edsr_s_x2,real,bicubic]
                                          [--engines torch,onnxruntime,openvino] [--tile auto]
                                          [--csv benchmarks/results/frontier.csv]

`--models`: shipped names (each at every scale it ships), one scale of one by its weights' name (`edsr_s_x2`), and
`bicubic` (x4; `bicubic_x2` for another scale); default: every shipped model at every scale, and bicubic at x4.
A real photo (scikit-image's, resized to `--megapixels` input megapixels: 1000x1000 by default, for every model and
scale, so an x2 model writes a smaller output) is upscaled by `sr_notebook.upscale.upscale`, once per model, scale,
engine and precision, each in a fresh process, so that its peak resident memory is its own: after a warm-up on a
96x96 crop (imports, export), the whole photo is upscaled twice; the second is timed (a folder's steady state: the
first image of a session also makes oneDNN's kernels and buffers), the first is printed beside it (`first`).
Printed per run, and written as CSV to `--csv`: seconds and CPU-seconds (all threads: `time.process_time()`) per
input megapixel, the time relative to edsr_s x4 with the same engine and precision in this run (blank without an
edsr_s x4 run), peak RSS (VmHWM), the network's useful GFLOP/s (its FLOPs per input pixel x pixels / seconds) and their
share of this machine's measured convolution throughput (PyTorch, fp32, a 32->32 3x3 convolution on 512x512, the
shape of EDSR-S's body), the largest difference from the same model's PyTorch fp32 output in 8-bit levels (blank
without a PyTorch fp32 run), and PSNR-Y on Set5 and BSD100 (standard protocol) at the model's scale, read from the
shipped weights' saved results (bicubic: from checkpoints/bicubic/eval/). Then, per model and scale, whether its
best engine and precision meets the real-photo speed target of 30 CPU-seconds per input megapixel, and the frontier
targets against edsr_s x4 with OpenVINO fp32: the fast tier's fp32 time (<= 0.35x) and the fastest run of Set5
>= 31.5 dB at x4 (int8 and bf16 runs less their measured cost, where it is measured; <= 0.5x). bf16 runs only
where the CPU has it natively (AVX-512 BF16 or AMX): emulated it is slower than fp32. Figures are measured here,
never typed; the CPU is named.
"""
import argparse, csv, json, math, os, re, resource, subprocess, sys, time
from pathlib import Path

from sr_notebook.runtime import conv_gflops, cpu_name

CSV = Path(__file__).resolve().parent/'results'/'frontier.csv'
COLUMNS = ('model', 'scale', 'engine', 'precision', 'seconds_per_mp', 'first_seconds_per_mp', 'cpu_seconds_per_mp',
           'vs_edsr_s', 'peak_mb',
           'gflops', 'conv_share', 'max_diff', 'set5_psnr', 'bsd100_psnr', 'cpu')
YARDSTICK = ('edsr_s', 4)       # what `vs_edsr_s` divides by: the same engine and precision, in this run
TARGET = 30                     # CPU-seconds per input megapixel: the real-photo issue's speed target


def image(mp):
    from PIL import Image
    from sr_notebook.data import sample_images
    img = Image.open(sample_images()[0]).convert('RGB')
    w = int(round(math.sqrt(mp * 1e6 * img.width / img.height)))
    h = int(round(mp * 1e6 / w))
    return img.resize((w, h), Image.Resampling.BICUBIC)


def peak_mb():
    "Peak resident memory of this process in MB (VmHWM: its own; ru_maxrss keeps the parent's)."
    try: status = Path('/proc/self/status').read_text().splitlines()
    except OSError: status = []
    kb = next((int(ln.split()[1]) for ln in status if ln.startswith('VmHWM:')), None)
    return (kb or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def one(name, scale, engine, precision, mp, tile, out):
    "The child: one timed upscale, its figures as a JSON line and its output as a .npy file."
    import numpy as np
    from sr_notebook.upscale import upscale
    img = image(mp)
    kw = dict(scale=int(scale), engine=engine, precision=precision, tile=tile)
    upscale(name, img.crop((0, 0, 96, 96)), **kw)   # warm-up, export
    t0 = time.perf_counter()
    upscale(name, img, **kw)                        # the first image: oneDNN's kernels and buffers made
    first = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    res = upscale(name, img, **kw)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = peak_mb()
    np.save(out, np.asarray(res))
    print(json.dumps(dict(engine=res.info['engine'], input=f'{img.width}x{img.height}',
                          output=f'{res.width}x{res.height}', in_mp=img.width * img.height / 1e6, seconds=dt,
                          first=first,
                          cpu_seconds=cpu, peak_mb=peak)))


def model_list(spec, ap):
    "(name, scale) of each model `spec` names, the yardstick (edsr_s x4) first; unknown: `ap.error`."
    from sr_notebook.hub import shipped, weights_name
    ship = shipped()
    names = spec.split(',') if spec else [*ship, 'bicubic']
    known = {weights_name(n, s): (n, s) for n, info in ship.items() for s in info['scales']}
    valid_bic = ('bicubic', 'bicubic_x2', 'bicubic_x3')
    out = []
    for m in names:
        bic = re.fullmatch(r'bicubic(?:_x([234]))?', m)
        if m in ship: out += [(m, s) for s in ship[m]['scales']]
        elif m in known: out.append(known[m])
        elif bic: out.append(('bicubic', int(bic[1] or 4)))
        else: ap.error(f"unknown model {m!r}; valid: {', '.join(dict.fromkeys([*ship, *known, *valid_bic]))}")
    out = list(dict.fromkeys(out))
    return sorted(out, key=lambda m: m != YARDSTICK)


def flops_per_px(name, scale):
    "The network's FLOPs per input pixel (convolutions and matrix products: bicubic resizing has none)."
    import torch
    from sr_notebook.hub import count_flops
    from sr_notebook.run import as_model
    m = as_model(name, scale)
    n = 64 * scale if getattr(m, 'input_space', 'lr') == 'hr' else 64
    return count_flops(m, torch.rand(1, 3, n, n)) / 64 ** 2


def psnr(name, scale, data):
    "PSNR-Y of `name` x`scale` on `data` (standard protocol) from its saved results, or None."
    from sr_notebook.core import checkpoints_dir, read_json
    from sr_notebook.hub import shipped
    from sr_notebook.run import Run, eval_name
    key = eval_name(data, 'standard', scale)
    if name != 'bicubic': return shipped()[name]['scales'][scale].get('results', {}).get(key, {}).get('psnr')
    try: f = Run(checkpoints_dir()/'bicubic').eval_file(key, 'metrics')
    except FileNotFoundError: return None         # installed without the repository's checkpoints/
    return read_json(f).get('psnr') if f.exists() else None


def measure(name, scale, engine, precision, a, out):
    "The figures of one run, from a fresh process; None (its stderr's tail printed) when it fails."
    cmd = [sys.executable, __file__, '--one', name, str(scale), engine, precision, out,
           '--megapixels', str(a.megapixels), '--tile', a.tile]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        print(f'{name} x{scale} {engine} {precision}: failed\n{r.stderr[-1500:]}', flush=True)
        return None
    return json.loads(r.stdout.strip().splitlines()[-1])


def fmt(x, spec):
    "`x` formatted by `spec`, or blank when it is None."
    return '' if x is None else format(x, spec)


def print_target(models, rows, kflop):
    "Whether each model and scale, at its best engine and precision, meets the speed target (`TARGET`)."
    print(f'speed target: <= {TARGET} CPU-seconds per input megapixel, at the best engine and precision')
    for name, s in models:
        mine = [r for r in rows if (r['model'], r['scale']) == (name, s)]
        head = f'{name:8s} x{s} ({kflop[name, s]:.1f} kFLOP per input pixel):'
        if not mine:
            print(f'{head} no run succeeded')
            continue
        b = min(mine, key=lambda r: r['cpu_seconds_per_mp'])
        verdict = 'meets it' if b['cpu_seconds_per_mp'] <= TARGET else 'misses it'
        print(f"{head} {verdict}, {b['cpu_seconds_per_mp']:.2f} CPU-s/MP with {b['engine']} {b['precision']}")


def print_frontier(rows):
    "The frontier issue's speed targets, each against edsr_s x4 with OpenVINO fp32 in this run."
    def find(model, engine, precision):
        return next((r for r in rows if (r['model'], r['scale'], r['engine'], r['precision']) ==
                     (model, 4, engine, precision)), None)
    base = find('edsr_s', 'openvino', 'fp32')
    if base is None: return
    t = base['seconds_per_mp']
    fast = find('fast', 'openvino', 'fp32')
    if fast:
        v = fast['seconds_per_mp'] / t
        print(f"fast x4, OpenVINO fp32: {v:.2f}x edsr_s's time (target <= 0.35x: {'met' if v <= 0.35 else 'NOT met'})")
    known = [(r, cost(r)) for r in rows if r['scale'] == 4 and r['model'] != 'bicubic' and r['set5_psnr']]
    good = [(r, r['set5_psnr'] - c) for r, c in known if c is not None and r['set5_psnr'] - c >= 31.5]
    if good:
        b, db = min(good, key=lambda rc: rc[0]['seconds_per_mp'])
        v = b['seconds_per_mp'] / t
        print(f"Set5 >= 31.5 dB at x4: fastest {b['model']} {b['engine']} {b['precision']} "
              f"({db:.2f} dB), {v:.2f}x edsr_s's OpenVINO fp32 time "
              f"(target <= 0.5x: {'met' if v <= 0.5 else 'NOT met'})")


def cost(row):
    """The Set5 PSNR a row gives up beside fp32, as measured (None where it is not).
    int8: its stored Set5+BSD100 cost; bf16: upscale_precision.py's saved Set5 evaluation (edsr_s x4 only)."""
    if row['precision'] == 'fp32': return 0.0
    from sr_notebook.run import as_model
    if row['precision'] == 'int8':
        from sr_notebook.runtime import int8_cost
        return int8_cost(as_model(row['model'], row['scale']))[0]
    from sr_notebook.core import checkpoints_dir, read_json
    from sr_notebook.run import Run, eval_name
    key = f"{eval_name('Set5', 'standard')}_{row['engine']}_{row['precision']}"
    f = Run(checkpoints_dir()/'edsr_s_l1_standard').eval_file(key, 'metrics')
    if (row['model'], row['scale']) != ('edsr_s', 4) or not f.is_file() or row['set5_psnr'] is None: return None
    return row['set5_psnr'] - read_json(f)['psnr']


def write_csv(path, rows):
    "The table's rows to `path` as CSV, with `COLUMNS`; blanks for figures not measured."
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        w.writerows({k: '' if v is None else round(v, 4) if isinstance(v, float) else v for k, v in r.items()}
                    for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--megapixels', type=float, default=1.0, help='input size, the same for every model')
    ap.add_argument('--models', help='comma-separated (default: every shipped model at every scale, and bicubic)')
    ap.add_argument('--engines', default='torch,onnxruntime,openvino')
    ap.add_argument('--tile', default='auto')
    ap.add_argument('--csv', type=Path, default=CSV, help=f'where the table goes as CSV (default {CSV.parent.name}/'
                                                          f'{CSV.name} beside this script)')
    ap.add_argument('--one', nargs=5, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: return one(*a.one[:4], a.megapixels, a.tile, a.one[4])
    import tempfile
    import numpy as np
    from sr_notebook.core import ENGINES, PRECISIONS
    from sr_notebook.runtime import cpu_has_bf16, engine_installed
    engines = a.engines.split(',')
    bad = [e for e in engines if e not in ENGINES]
    if bad: ap.error(f"unknown engine {bad[0]!r}; valid: {', '.join(ENGINES)}")
    models = model_list(a.models, ap)
    engines = sorted(engines, key=lambda e: e != 'torch')    # PyTorch fp32 first: what the others are compared with
    native, peak_conv, cpu = cpu_has_bf16(), conv_gflops(), cpu_name()
    print(f'{a.megapixels:g}-megapixel input for every model, tile {a.tile}, on {cpu}; native bf16: {native}; '
          f'measured conv throughput {peak_conv:.1f} GFLOP/s', flush=True)
    for e in engines:
        if not engine_installed(e): print(f'{e}: not installed')
    if not native and {'torch', 'openvino'} & set(engines):
        print('bf16: skipped, this CPU has no native bf16 (emulated, slower than fp32)')
    engines = [e for e in engines if engine_installed(e)]
    runs = [(e, 'fp32') for e in engines] + [(e, 'bf16') for e in engines if native and e in ('torch', 'openvino')]
    runs += [(e, 'int8') for e in engines if 'int8' in PRECISIONS and e == 'openvino']     # NNCF: OpenVINO only
    tmp = tempfile.mkdtemp()
    rows, yard, kflop = [], {}, {}
    print(f"{'model':8s} {'x':>1s} {'engine':12s} {'prec':5s} {'s/MP':>7s} {'first':>6s} {'CPU-s/MP':>8s} "
          f"{'vs edsr_s':>9s} "
          f"{'peak MB':>7s} {'GFLOP/s':>7s} {'of conv':>7s} {'max diff':>8s} {'Set5':>6s} {'BSD100':>6s}")
    for name, s in models:
        fpp, ref = flops_per_px(name, s), None
        kflop[name, s] = fpp / 1e3
        set5, bsd = psnr(name, s, 'Set5'), psnr(name, s, 'BSD100')
        for engine, precision in runs:
            out = f'{tmp}/{name}_x{s}_{engine}_{precision}.npy'
            d = measure(name, s, engine, precision, a, out)
            if d is None: continue
            arr = np.load(out)
            os.remove(out)
            if (engine, precision) == ('torch', 'fp32'): ref = arr
            spmp = d['seconds'] / d['in_mp']
            if (name, s) == YARDSTICK: yard[engine, precision] = spmp
            gf = fpp * 1e6 / spmp / 1e9
            diff = None if ref is None else int(np.abs(arr.astype(np.int16) - ref).max())
            vs = spmp / yard[engine, precision] if (engine, precision) in yard else None
            rows.append(dict(model=name, scale=s, engine=d['engine'], precision=precision, seconds_per_mp=spmp,
                             first_seconds_per_mp=d['first'] / d['in_mp'],
                             cpu_seconds_per_mp=d['cpu_seconds'] / d['in_mp'], vs_edsr_s=vs, peak_mb=d['peak_mb'],
                             gflops=gf, conv_share=gf / peak_conv if fpp else None, max_diff=diff, set5_psnr=set5,
                             bsd100_psnr=bsd, cpu=cpu))
            r = rows[-1]
            print(f"{name:8s} {s:1d} {r['engine']:12s} {precision:5s} {spmp:7.2f} {r['first_seconds_per_mp']:6.2f} "
                  f"{r['cpu_seconds_per_mp']:8.2f} "
                  f"{'' if vs is None else f'{vs:.2f}x':>9s} {r['peak_mb']:7.0f} {gf:7.1f} "
                  f"{fmt(r['conv_share'], '7.2f'):>7s} {fmt(diff, '8d'):>8s} {fmt(set5, '6.2f'):>6s} "
                  f"{fmt(bsd, '6.2f'):>6s}", flush=True)
    print_target(models, rows, kflop)
    print_frontier(rows)
    write_csv(a.csv, rows)
    shown = a.csv.resolve()
    root = Path(__file__).resolve().parent.parent
    print(f'CSV: {shown.relative_to(root) if shown.is_relative_to(root) else shown.name}')   # no machine path


if __name__ == '__main__':
    main()
