"""Peak memory of `sr-notebook upscale` as the image grows: near the output image plus a bound.

usage: python benchmarks/upscale_memory.py [--models edsr_s,bicubic] [--megapixels 1,4,16] [--tile auto]

Each run is a fresh process: the shipped model (or bicubic) upscales a real photo (scikit-image's, resized to
the requested input size) x4 with `sr_notebook.upscale.upscale`, tiles written straight into the 8-bit
output. Printed per run: input and output size, the output's bytes, the process's resident memory before
(after imports, model and a warm-up) and at its peak, the growth beside the output's bytes, seconds and
output megapixels per second, the engine that ran and the CPU. PIL keeps an RGB image in 4 bytes a pixel, so
the final image alone makes the growth 4/3 of the output's 8-bit bytes (models fed the bicubic upsampling, as
bicubic itself is, also hold that input at output size: 7/3); the rest is the bound (one band of tiles and one
tile's activations). Figures are measured, never typed.
"""
import argparse, json, math, resource, subprocess, sys, time

from sr_notebook.runtime import cpu_name


def one(name, mp, tile):
    from PIL import Image
    from sr_notebook.data import sample_images
    from sr_notebook.upscale import upscale
    img = Image.open(sample_images()[0]).convert('RGB')
    w = int(round(math.sqrt(mp * 1e6 * img.width / img.height)))
    h = int(round(mp * 1e6 / w))
    img = img.resize((w, h), Image.Resampling.BICUBIC)
    upscale(name, img.crop((0, 0, 96, 96)), tile=tile)                 # warm-up: imports, weights, oneDNN kernels
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    out = upscale(name, img, tile=tile)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB -> MiB on Linux
    print(json.dumps(dict(model=name, engine=out.info['engine'], input=f'{w}x{h}', output=f'{out.width}x{out.height}',
                          out_mb=out.width * out.height * 3 / 2**20, before_mb=before, peak_mb=peak, seconds=dt,
                          out_mp_s=out.width * out.height / 1e6 / dt)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--models', default='edsr_s,bicubic')
    ap.add_argument('--megapixels', default='1,4,16', help='input sizes in megapixels')
    ap.add_argument('--tile', default='auto')
    ap.add_argument('--one', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: return one(a.one, float(a.megapixels), a.tile)
    print(f'x4 upscaling, tile {a.tile}, on {cpu_name()}', flush=True)
    print(f"{'model':8s} {'engine':9s} {'input':>11s} {'output':>11s} {'output MB':>9s} {'RSS before':>10s} "
          f"{'peak':>7s} {'growth':>7s} {'growth/output':>13s} {'seconds':>8s} {'out MP/s':>8s}", flush=True)
    for name in a.models.split(','):
        for mp in a.megapixels.split(','):
            cmd = [sys.executable, __file__, '--one', name, '--megapixels', mp, '--tile', a.tile]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode:
                print(f'{name} {mp} MP: failed\n{r.stderr[-2000:]}', flush=True)
                continue
            d = json.loads(r.stdout.strip().splitlines()[-1])
            g = d['peak_mb'] - d['before_mb']
            print(f"{d['model']:8s} {d['engine']:9s} {d['input']:>11s} {d['output']:>11s} {d['out_mb']:9.0f} "
                  f"{d['before_mb']:10.0f} {d['peak_mb']:7.0f} {g:7.0f} {g / d['out_mb']:13.2f} {d['seconds']:8.1f} "
                  f"{d['out_mp_s']:8.2f}", flush=True)


if __name__ == '__main__':
    main()
