"""Upscaling speed and peak memory: one ~1-megapixel image x4, per model, tiled, on this machine.

usage: python benchmarks/upscale_speed.py [--models edsr_s,espcn,simplecnn_res,edsr] [--tile 256] [--megapixels 1.0] [--bf16]

Each model runs in a fresh process so its peak resident memory (ru_maxrss) is its own. The image is a real
photo shipped with scikit-image, resized to the requested size. Targets (issue: evaluation): <= 5 s and
<= 2 GB with tiling for the largest model the project ships as an upscaler: `edsr_s` (`pretrained()`, 320 k
parameters). The study's runs under checkpoints/study are records of the study, not offered upscalers;
`edsr` (EDSR-baseline, 1.5 M) is listed for scale. Figures are measured here, never typed. Models use their
default (random-init) weights: speed does not depend on the values of the weights.
"""
import argparse, json, math, resource, subprocess, sys, time


def one(name, tile, mp, bf16):
    import torch
    from PIL import Image
    from sr_notebook.data import sample_images
    from sr_notebook.evaluate import upscale
    from sr_notebook.models import get_model, n_params
    img = Image.open(sample_images()[0]).convert('RGB')
    w = int(round(math.sqrt(mp * 1e6 * img.width / img.height))); h = int(round(mp * 1e6 / w))
    img = img.resize((w, h), Image.Resampling.BICUBIC)
    model = get_model(name).eval()
    upscale(model, img.crop((0, 0, 64, 64)), tile=tile)                # warm-up
    ctx = torch.autocast('cpu', dtype=torch.bfloat16) if bf16 else torch.autocast('cpu', enabled=False)
    t0 = time.perf_counter()
    with ctx: out = upscale(model, img, tile=tile)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB -> MiB on Linux
    print(json.dumps(dict(model=name, params=n_params(model), input=f'{w}x{h}', output=f'{out.width}x{out.height}',
                          tile=tile, bf16=bf16, seconds=round(dt, 2), peak_mb=round(peak))))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--models', default='edsr_s,espcn,simplecnn_res,edsr')
    ap.add_argument('--tile', type=int, default=256, help='tile side in input pixels (0: untiled)')
    ap.add_argument('--megapixels', type=float, default=1.0)
    ap.add_argument('--bf16', action='store_true')
    ap.add_argument('--one', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: return one(a.one, a.tile or None, a.megapixels, a.bf16)
    print(f'x4 upscaling of a {a.megapixels:g}-megapixel image, tile {a.tile or "none"}, {"bf16" if a.bf16 else "fp32"}; '
          f'targets: <= 5 s, <= 2048 MB')
    for name in a.models.split(','):
        cmd = [sys.executable, __file__, '--one', name, '--tile', str(a.tile), '--megapixels', str(a.megapixels)] + (['--bf16'] if a.bf16 else [])
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode: print(f'{name}: failed\n{r.stderr[-2000:]}'); continue
        d = json.loads(r.stdout.strip().splitlines()[-1])
        ok = 'met' if d['seconds'] <= 5 and d['peak_mb'] <= 2048 else 'NOT met'
        print(f"{d['model']:15s} {d['params']:>10,} params  {d['input']} -> {d['output']}  {d['seconds']:7.2f} s  "
              f"peak {d['peak_mb']:6d} MB  ({ok})")


if __name__ == '__main__':
    main()
