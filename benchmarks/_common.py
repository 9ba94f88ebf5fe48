"""What the benchmark scripts share: the study's yardstick script, the study's images, and the CPU's description."""
import importlib.util, time
from pathlib import Path

from sr_notebook.core import data_dir
from sr_notebook.data import read_unsplash

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent/'shared'/'reference'/'seed_reference.py'   # the study's code, transcribed (never copied here)


def load_reference(path: Path = REFERENCE):
    "Import the study's `seed_reference.py` from its path."
    spec = importlib.util.spec_from_file_location('seed_reference', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def unsplash_files(root=None, n=70):
    "The first `n` of the study's Unsplash images under the data root, or None when they are not there."
    try: return list(read_unsplash(data_dir('unsplash', root)).files)[:n]
    except FileNotFoundError: return None


def cpu() -> str:
    "The CPU's model name and its vector extensions that matter here (figures say which machine they came from)."
    info = open('/proc/cpuinfo').read()
    name = next((l.split(':', 1)[1].strip() for l in info.splitlines() if l.startswith('model name')), 'unknown CPU')
    flags = set(next((l.split(':', 1)[1].split() for l in info.splitlines() if l.startswith('flags')), []))
    return f"{name} ({', '.join(f for f in ('avx2', 'avx512f', 'avx512_bf16', 'amx_bf16') if f in flags)})"


def conv_gflops() -> float:
    "This machine's fp32 convolution throughput, measured: GFLOP/s of a 32->32 3x3 convolution on 512x512, channels-last."
    import torch
    conv = torch.nn.Conv2d(32, 32, 3, padding=1).eval().to(memory_format=torch.channels_last)
    x = torch.rand(1, 32, 512, 512).contiguous(memory_format=torch.channels_last)
    with torch.inference_mode():
        conv(x)
        ts = []
        for _ in range(5):
            t0 = time.perf_counter()
            conv(x)
            ts.append(time.perf_counter() - t0)
    return 2 * 32 * 32 * 9 * 512 * 512 / min(ts) / 1e9
