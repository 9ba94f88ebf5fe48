"""What each precision costs the shipped model on Set5 (x4, standard protocol), and what it gains in speed.

usage: python benchmarks/upscale_precision.py [--data ROOT] [--device auto]

Evaluates the shipped model (`pretrained()`) on Set5 in fp32, bf16 (autocast) and, on CUDA, fp16, and prints
PSNR-Y / SSIM-Y, the change from fp32, and the time relative to fp32 in the same run. Each evaluation is
saved beside the run's own under checkpoints/edsr_s_l1_standard/eval/Set5_standard_PRECISION/ (fp32 is the
run's Set5_standard). On a CPU without native bfloat16 (no AVX-512 BF16 or AMX) bf16 is emulated: its cost
in dB still holds, its speed does not. Figures are measured, never typed.
"""
import argparse, time, warnings
from pathlib import Path

import torch

from sr_notebook.core import checkpoints_dir, data_dir
from sr_notebook.evaluate import evaluate, pick_device
from sr_notebook.models import pretrained
from sr_notebook.train import Run, cpu_has_bf16, eval_name


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    dev = pick_device(a.device)
    files = data_dir('benchmark/Set5', a.data)
    run = Run(checkpoints_dir()/'edsr_s_l1_standard')
    precisions = ['fp32', 'bf16'] + (['fp16'] if dev.type == 'cuda' else [])
    print(f"shipped model on Set5 x4, device {dev.type}" + (f", CPU native bf16: {cpu_has_bf16()}" if dev.type == 'cpu' else ''))
    base = None
    for p in precisions:
        m = pretrained()
        evaluate(m, files, device=dev, precision=p)                       # warm-up
        out = run.eval_dir(eval_name('Set5', 'standard') + ('' if p == 'fp32' else f'_{p}'))
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            _, s = evaluate(m, files, device=dev, precision=p, out=out if p != 'fp32' else None)
        dt = time.perf_counter() - t0
        base = base or (s['psnr'], dt)
        print(f"{p:5s} PSNR-Y {s['psnr']:.4f} dB ({s['psnr'] - base[0]:+.4f})  SSIM-Y {s['ssim']:.4f}  time x{dt / base[1]:.2f} of fp32"
              + ('' if p == 'fp32' else f'  -> {out.relative_to(checkpoints_dir().parent)}'))


if __name__ == '__main__':
    main()
