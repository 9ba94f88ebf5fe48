"""What each engine and precision costs the shipped model on Set5 (x4, standard protocol), measured.

usage: python benchmarks/upscale_precision.py [--data ROOT] [--device auto]

Evaluates the shipped benchmark model (`pretrained('edsr_s')`) on Set5 with PyTorch in fp32 and bf16 (and fp16 on
CUDA), and with ONNX Runtime and OpenVINO in fp32 (OpenVINO in bf16 too where the CPU has it natively), and prints
PSNR-Y / SSIM-Y and the change from PyTorch fp32 (the engines must stay within 0.01 dB). Each evaluation
other than PyTorch fp32 (the run's own Set5_standard) is saved under
checkpoints/edsr_s_l1_standard/eval/Set5_standard_ENGINE_PRECISION/. On a CPU without native bfloat16 bf16
is emulated: its cost in dB holds, its speed does not. Figures are measured, never typed.
"""
import argparse, warnings

from sr_notebook.core import checkpoints_dir, data_dir
from sr_notebook.evaluate import evaluate
from sr_notebook.hub import BENCHMARK_MODEL, pretrained
from sr_notebook.run import Run, eval_name
from sr_notebook.runtime import cpu_has_bf16, engine_installed, pick_device


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: $SR_DATA_DIR, else dataset/)')
    ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    dev = pick_device(a.device)
    files = data_dir('benchmark/Set5', a.data)
    run = Run(checkpoints_dir()/'edsr_s_l1_standard')
    runs = [('torch', 'fp32'), ('torch', 'bf16')] + ([('torch', 'fp16')] if dev.type == 'cuda' else [])
    if dev.type == 'cpu':
        runs += [(e, 'fp32') for e in ('onnxruntime', 'openvino') if engine_installed(e)]
        if engine_installed('openvino') and cpu_has_bf16(): runs.append(('openvino', 'bf16'))
    native = f', native bf16: {cpu_has_bf16()}' if dev.type == 'cpu' else ''
    print(f'{BENCHMARK_MODEL} on Set5 x4, device {dev.type}{native}')
    base = None
    for engine, p in runs:
        name = f"{eval_name('Set5', 'standard')}_{engine}_{p}"
        out = None if (engine, p) == ('torch', 'fp32') else run.eval_dir(name)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            _, s = evaluate(pretrained(BENCHMARK_MODEL), files, device=dev, precision=p, engine=engine, out=out)
        base = base if base is not None else s['psnr']
        saved = f'  -> {out.relative_to(checkpoints_dir().parent)}' if out else ''
        print(f"{s['engine']:12s} {p:5s} PSNR-Y {s['psnr']:.4f} dB ({s['psnr'] - base:+.4f})  "
              f"SSIM-Y {s['ssim']:.4f}{saved}", flush=True)


if __name__ == '__main__':
    main()
