"""Training speed: sr_notebook's Learner beside the study's own training loop, in one run.

usage: python benchmarks/train_speed.py [--data DIR] [--reference PATH] [--n 70] [--steps 8] [--quick] [--shipped-only]

Both train under the study's protocol: seed protocol (HR resized to 256x256, LR bicubic x4 down and up),
batch 4 of whole images, augmentation on, Adam. The study's loop (`seed_reference.py`, imported from its path
with SEED_WEIGHTS=0, so its encoders and VGG are random-init but frozen as in the study) is timed as it times
itself: wall time of its DataLoader + zero_grad/forward/loss/backward/step/`loss.item()` loop. Ours goes
through the real path: cached `SRDataset`, `EpochSampler`, `Learner` with `SetEpoch`, `DeviceCB`,
`ChannelsLast`, `BF16` (when set), `Recorder`, `NonFiniteGuard`. The transfer models are built from a
(random) weights file so their encoder is frozen, like the study's. After one warm-up step each side,
`--steps` steps are timed; images/s and the ratio are printed, with the FLOPs of one image's training step
(forward, loss, backward: PyTorch's counter) and the achieved GFLOP/s as a share of the machine's measured
fp32 convolution throughput (target: at least 60% in float32), and the three modules that take the most FLOPs.
Then the validation-PSNR cost of bf16: the same short SimpleCNN run in float32 and in bf16.
Then the shipped networks' training steps (`--shipped-only`: these alone): EDSR-S, EDSR-W (`real`) and the fast tier
(ECBSR at its shipped depth and skip, trained unfolded) at x4 as their runs train, batch 16 of 32x32 LR patches
(128x128 HR), L1, Adam, in float32 and (where the CPU has it natively) bf16 autocast: steps/s of forward, loss,
backward and step on tensors already in memory (the data pipeline is not timed), the FLOPs of one step and the
achieved GFLOP/s as a share of the measured fp32 convolution throughput.
Figures are measured here, never typed.
"""
import argparse, os, sys, tempfile, time
from pathlib import Path
from types import SimpleNamespace

os.environ['SEED_WEIGHTS'] = '0'          # no ImageNet weights offline: the reference builds its nets with random init
import torch
from torch.utils.data import DataLoader, Subset

from sr_notebook.core import load_reference, reference_path
from sr_notebook.data import sample_images, unsplash_files
from sr_notebook.hub import shipped
from sr_notebook.learner import BF16, ChannelsLast, DeviceCB, Learner, NonFiniteGuard, Recorder, SetEpoch
from sr_notebook.losses import get_loss
from sr_notebook.models import get_model, n_params
from sr_notebook.pairs import EpochSampler, SRDataset
from sr_notebook.runtime import conv_gflops, cpu_has_bf16, cpu_name

TARGETS = {'SimpleCNN L1': 4, 'MobileNetV2 + decoder L1': 20, 'ResNet18-UNet L1': 2, 'SimpleCNN perceptual': 3}


def cycle_to(files, n): return (list(files) * -(-n // len(files)))[:n]


def enlarged(files, width, out: Path):
    "JPEG copies (quality 95) of `files`, `width` pixels wide: stand-ins for large Unsplash photos."
    from PIL import Image
    res = []
    for f in files:
        im = Image.open(f).convert('RGB')
        im = im.resize((width, round(im.height * width / im.width)), Image.Resampling.BICUBIC)
        im.save(out/f'{Path(f).stem}.jpg', quality=95)
        res.append(out/f'{Path(f).stem}.jpg')
    return res


def frozen_weights(name: str, tmp: Path):
    """A state_dict file of the torchvision backbone (random init).
    `get_model(weights=path)` loads it and freezes the encoder."""
    import torchvision.models as tvm
    if name == 'simplecnn': return None
    f = tmp/f'{name}.pt'
    torch.save({'mobilenetv2': tvm.mobilenet_v2, 'resnet18_unet': tvm.resnet18}[name]().state_dict(), f)
    return str(f)


def time_reference(ref, name, loss, files, steps):
    "Images/s of the study's loop: its DataLoader and step, `loss.item()` each batch, one warm-up step."
    torch.manual_seed(0)
    model = {'simplecnn': ref.SimpleCNN, 'mobilenetv2': ref.mobilenet, 'resnet18_unet': ref.resnet18}[name]()
    crit = torch.nn.L1Loss() if loss == 'l1' else ref.PerceptualLoss()
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    files = cycle_to(files, 4 * (steps + 1))
    dl = DataLoader(ref.SeedDataset([str(f) for f in files], augment=True), batch_size=4, shuffle=True, num_workers=0)
    model.train()
    it = iter(dl)
    tl = 0
    for i in range(steps + 1):
        if i == 1: t0 = time.perf_counter()
        lo, hi = next(it)
        opt.zero_grad()
        l = crit(model(lo), hi)
        l.backward()
        opt.step()
        tl += l.item()
    return 4 * steps / (time.perf_counter() - t0)


def our_learner(name, loss, files, bf16, tmp, n_items=None, valid_files=(), epochs_seed=0):
    "Our Learner on the cached seed-protocol SRDataset, with the callbacks `train` would use."
    torch.manual_seed(epochs_seed)
    model = get_model(name, weights=frozen_weights(name, tmp))
    ds = SRDataset(files[:n_items], 'seed', augment=True).preload(progress=False)
    valid = DataLoader(SRDataset(valid_files, 'seed').preload(progress=False), batch_size=4) if valid_files else []
    dls = SimpleNamespace(train=DataLoader(ds, batch_size=4, sampler=EpochSampler(len(ds))), valid=valid)
    cbs = [SetEpoch(), DeviceCB('cpu'), ChannelsLast(), Recorder(), NonFiniteGuard()] + ([BF16()] if bf16 else [])
    return Learner(model, dls, get_loss(loss), lr=1e-3 if name == 'simplecnn' else 5e-4, cbs=cbs)


def time_ours(name, loss, files, bf16, steps, tmp):
    "Images/s of a warm epoch of `steps` batches through `Learner.fit` (after a one-batch warm-up epoch)."
    learn = our_learner(name, loss, cycle_to(files, 4 * steps), bf16, tmp)
    warm = learn.dls.train
    learn.dls.train = DataLoader(Subset(warm.dataset, range(4)), batch_size=4)
    learn.fit(1)  # warm-up: one step
    learn.dls.train = warm
    t0 = time.perf_counter()
    learn.fit(2)
    return 4 * steps / (time.perf_counter() - t0), learn


def step_flops(learn, by_module=False):
    """FLOPs of one training image through our step: forward, loss and backward (PyTorch's FLOP counter).
    A multiply-add counts 2. With `by_module`, also the share of each innermost module that counts any (where the
    time goes), largest first."""
    from torch.utils.flop_counter import FlopCounterMode
    x, y = next(iter(learn.dls.train))
    x, y = x[:1].contiguous(memory_format=torch.channels_last), y[:1]
    learn.model.train()
    with FlopCounterMode(display=False) as fc:
        learn.loss_func(learn.model(x), y).backward()
    learn.model.zero_grad(set_to_none=True)
    total = fc.get_total_flops()
    if not by_module: return total
    counts = {k: sum(v.values()) for k, v in fc.get_flop_counts().items() if k != 'Global'}
    leaves = {k: v for k, v in counts.items() if v and not any(o.startswith(k + '.') and counts[o] for o in counts)}
    return total, sorted(((v / total, k) for k, v in leaves.items()), reverse=True)


def bf16_psnr_cost(files, valid_files, epochs, tmp):
    "Validation PSNR (RGB, no shave) of the same short SimpleCNN run in float32 and in bf16."
    out = {}
    for bf16 in (False, True):
        learn = our_learner('simplecnn', 'l1', files, bf16, tmp, valid_files=valid_files)
        learn.fit(epochs)
        out[bf16] = learn.history[-1]['valid_psnr']
    return out[False], out[True]


SHIPPED = (('EDSR-S', 'edsr_s'), ('EDSR-W (real)', 'real'), ('fast (ECBSR)', 'fast'))   # shipped names: their x4 nets


def shipped_steps(steps, peak):
    "Steps/s, FLOPs of a step and share of `peak` of the shipped networks' training (see the docstring)."
    from torch.utils.flop_counter import FlopCounterMode
    print(f"{'shipped network x4':<22}{'precision':>10}{'steps/s':>9}{'GFLOP/step':>12}{'GFLOP/s':>9}{'of conv':>9}")
    x, y = torch.rand(16, 3, 32, 32).contiguous(memory_format=torch.channels_last), torch.rand(16, 3, 128, 128)
    for label, name in SHIPPED:
        for bf16 in (False, True) if cpu_has_bf16() else (False,):
            torch.manual_seed(0)
            model = get_model(**shipped()[name]['model']).train().to(memory_format=torch.channels_last)
            opt = torch.optim.Adam(model.parameters(), lr=1e-4)
            def step():
                with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
                    out = model(x)
                loss = torch.nn.functional.l1_loss(out.float(), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
            with FlopCounterMode(display=False) as fc: step()        # a warm-up step, counted
            step()                                                    # and one more: oneDNN's kernels made
            t0 = time.perf_counter()
            for _ in range(steps): step()
            rate, gf = steps / (time.perf_counter() - t0), fc.get_total_flops() / 1e9
            print(f"{label:<22}{'bf16' if bf16 else 'fp32':>10}{rate:>9.2f}{gf:>12.2f}{rate * gf:>9.1f}"
                  f"{rate * gf / peak:>9.0%}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: SR_DATA_DIR, then dataset/)')
    ap.add_argument('--reference', type=Path, default=reference_path(), help="the study's seed_reference.py")
    ap.add_argument('--n', type=int, default=70, help='images (the study trains on 70)')
    ap.add_argument('--steps', type=int, default=8, help='timed training steps of batch 4, each side')
    ap.add_argument('--psnr-epochs', type=int, default=3, help='epochs of the bf16-vs-fp32 PSNR run')
    ap.add_argument('--quick', action='store_true', help='3 steps, 1 PSNR epoch')
    ap.add_argument('--shipped-only', action='store_true', help="only the shipped networks' training steps")
    ap.add_argument('--hr-size', type=int,
                    help='without Unsplash data: JPEG copies of the photos this many pixels wide '
                    '(Unsplash-like decode cost for the study, which decodes and resizes on every access)')
    a = ap.parse_args()
    if a.quick: a.steps, a.psnr_epochs = 3, 1
    files, source = unsplash_files(a.data, a.n), 'Unsplash'
    if files is None:
        photos = sample_images()
        source = f'scikit-image photos, {len(photos)} repeated (no Unsplash data found)'
        if a.hr_size:
            photos = enlarged(photos, a.hr_size, Path(tempfile.mkdtemp(prefix='sr_hr_')))
            source += f', as {a.hr_size}px-wide JPEGs'
        files = cycle_to(photos, a.n)
    peak = conv_gflops()
    steps = '' if a.shipped_only else f'{a.steps} timed steps of batch 4 (256x256) each side; '
    print(f'{len(files)} images from {source}; {cpu_name()}; torch {torch.__version__}, '
          f'{torch.get_num_threads()} threads, native CPU bf16: {cpu_has_bf16()}; {steps}'
          f'measured fp32 conv throughput {peak:.1f} GFLOP/s (a 32->32 3x3 convolution on 512x512)', flush=True)
    if a.shipped_only: return shipped_steps(max(a.steps, 3), peak)
    if a.reference is None or not a.reference.is_file():
        print(f'reference {a.reference} not found: nothing to compare with')
        return 1
    ref = load_reference(a.reference)
    tmp = Path(tempfile.mkdtemp(prefix='sr_speed_'))
    rows = [('SimpleCNN L1', 'simplecnn', 'l1', True), ('SimpleCNN L1 (float32)', 'simplecnn', 'l1', False),
            ('MobileNetV2 + decoder L1', 'mobilenetv2', 'l1', False),
            ('ResNet18-UNet L1', 'resnet18_unet', 'l1', False),
            ('SimpleCNN perceptual', 'simplecnn', 'perceptual', False)]
    print(f"{'row':<28}{'ours img/s':>12}{'study img/s':>13}{'ratio':>8}{'GFLOP/img':>11}{'GFLOP/s':>9}"
          f"{'of conv':>9}  target")
    for label, name, loss, bf16 in rows:
        ours, learn = time_ours(name, loss, files, bf16, a.steps, tmp)
        theirs = time_reference(ref, name, loss, files, a.steps)
        t = TARGETS.get(label)
        verdict = f'>= {t}x: {"met" if ours / theirs >= t else "NOT met"}' if t else '(for comparison)'
        extra = f'  [{"bf16, " if bf16 else ""}channels_last; trainable {n_params(learn.model, trainable=True):,}]'
        total, shares = step_flops(learn, by_module=True)
        gf = total / 1e9
        share = f'{ours * gf / peak:>8.0%}' + ('' if bf16 else (' ok' if ours * gf / peak >= 0.6 else ' <60%'))
        print(f'{label:<28}{ours:>12.2f}{theirs:>13.2f}{ours / theirs:>7.1f}x{gf:>11.2f}{ours * gf:>9.1f}{share}  '
              f'{verdict}{extra}', flush=True)
        print(f"{'':<28}FLOPs by module: " + ', '.join(f'{k} {f:.0%}' for f, k in shares[:3]), flush=True)
    n_tr = 16 if not a.quick else 8
    fp32, bf = bf16_psnr_cost(files[:n_tr], files[n_tr:n_tr + 8], a.psnr_epochs, tmp)
    print(f'bf16 PSNR cost (SimpleCNN, {a.psnr_epochs} epoch(s) on {n_tr} images, validation on 8): '
          f'float32 {fp32:.3f} dB, bf16 {bf:.3f} dB, cost {fp32 - bf:+.3f} dB '
          f'(target <= 0.05 dB: {"met" if fp32 - bf <= 0.05 else "NOT met"})')
    shipped_steps(max(a.steps, 3), peak)


if __name__ == '__main__':
    sys.exit(main())
