"""Upscaling speed of the shipped model per engine and precision, side by side, on this machine.

usage: python benchmarks/upscale_speed.py [--megapixels 1.0] [--engines torch,onnxruntime,openvino] [--tile auto]

A real photo (scikit-image's, resized to the requested input size: 1000x1000 by default, so 4000x4000 out) is
upscaled x4 by `sr_notebook.upscale.upscale` with the shipped model (EDSR-S), once per engine and precision,
each in a fresh process (after a warm-up), so that its peak resident memory is its own. Printed per run:
seconds, the speed relative to PyTorch fp32 in this run, output megapixels per second, peak RSS, and the
network's useful GFLOP/s (its FLOPs per input pixel x pixels / seconds) as a fraction of this machine's
measured convolution throughput (PyTorch, fp32, a 32->32 3x3 convolution on 512x512, the shape of EDSR-S's
body). bf16 runs only where the CPU has it natively (AVX-512 BF16 or AMX): emulated it is slower than fp32.
The output of every engine is compared with PyTorch's: the largest difference, in 8-bit levels.
Figures are measured here, never typed; the CPU is named.
"""
import argparse, json, math, resource, subprocess, sys, time

from sr_notebook.runtime import conv_gflops, cpu_name


def image(mp):
    from PIL import Image
    from sr_notebook.data import sample_images
    img = Image.open(sample_images()[0]).convert('RGB')
    w = int(round(math.sqrt(mp * 1e6 * img.width / img.height)))
    h = int(round(mp * 1e6 / w))
    return img.resize((w, h), Image.Resampling.BICUBIC)


def one(engine, precision, mp, tile, out):
    import numpy as np
    from sr_notebook.upscale import upscale
    img = image(mp)
    upscale('edsr_s', img.crop((0, 0, 96, 96)), engine=engine, precision=precision, tile=tile)   # warm-up, export
    t0 = time.perf_counter()
    res = upscale('edsr_s', img, engine=engine, precision=precision, tile=tile)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    np.save(out, np.asarray(res))
    print(json.dumps(dict(engine=res.info['engine'], precision=precision, input=f'{img.width}x{img.height}',
                          output=f'{res.width}x{res.height}', seconds=dt, out_mp=res.width * res.height / 1e6,
                          peak_mb=peak)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--megapixels', type=float, default=1.0, help='input size')
    ap.add_argument('--engines', default='torch,onnxruntime,openvino')
    ap.add_argument('--tile', default='auto')
    ap.add_argument('--one', nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: return one(a.one[0], a.one[1], a.megapixels, a.tile, a.one[2])
    import tempfile
    import numpy as np, torch
    from sr_notebook.hub import count_flops, pretrained
    from sr_notebook.runtime import cpu_has_bf16, engine_installed
    native = cpu_has_bf16()
    peak_conv = conv_gflops()
    flops_per_px = count_flops(pretrained(), torch.rand(1, 3, 64, 64)) / 64 ** 2
    print(f'shipped model (EDSR-S) x4, {a.megapixels:g}-megapixel input, tile {a.tile}, on {cpu_name()}; '
          f'native bf16: {native}; measured conv throughput {peak_conv:.1f} GFLOP/s; '
          f'the network: {flops_per_px / 1e3:.1f} kFLOP per input pixel', flush=True)
    engines = a.engines.split(',')
    runs = [(e, 'fp32') for e in engines] + [(e, 'bf16') for e in ('torch', 'openvino') if e in engines]
    tmp = tempfile.mkdtemp()
    base = ref = None
    print(f"{'engine':12s} {'prec':5s} {'seconds':>8s} {'vs torch':>8s} {'out MP/s':>8s} {'peak MB':>8s} "
          f"{'GFLOP/s':>8s} {'of conv':>8s} {'max diff':>8s}")
    for engine, precision in runs:
        if not engine_installed(engine):
            print(f'{engine:12s} {precision:5s} not installed')
            continue
        if precision == 'bf16' and not native:
            print(f'{engine:12s} {precision:5s} skipped: this CPU has no native bf16 (emulated, slower than fp32)')
            continue
        out = f'{tmp}/{engine}_{precision}.npy'
        cmd = [sys.executable, __file__, '--one', engine, precision, out, '--megapixels', str(a.megapixels),
               '--tile', a.tile]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode:
            print(f'{engine} {precision}: failed\n{r.stderr[-1500:]}')
            continue
        d = json.loads(r.stdout.strip().splitlines()[-1])
        arr = np.load(out).astype(int)
        if base is None: base, ref = d['seconds'], arr
        gf = flops_per_px * a.megapixels * 1e6 / d['seconds'] / 1e9
        print(f"{d['engine']:12s} {precision:5s} {d['seconds']:8.2f} {base / d['seconds']:7.2f}x "
              f"{d['out_mp'] / d['seconds']:8.2f} {d['peak_mb']:8.0f} {gf:8.1f} {gf / peak_conv:8.2f} "
              f"{int(np.abs(arr - ref).max()):8d}", flush=True)


if __name__ == '__main__':
    main()
