"""Data-pipeline speed: sr_notebook's SRDataset beside the study's own SeedDataset, in one run.

usage: python benchmarks/data_speed.py [--data DIR] [--reference PATH] [--n 70] [--epochs 3]

Both build the study's training items (seed protocol: HR resized to 256x256 with Lanczos, LR bicubic down
x4 and up, flips/rot90/brightness/contrast augmentation) from the same Unsplash images. The study's code
decodes and resizes on every access; ours decodes once and caches uint8 arrays. Prints ms/item and items/s
of each and the ratio (target >= 5x). Figures are measured here, never typed.
"""
import argparse, sys, time
from pathlib import Path

from sr_notebook.core import load_reference, reference_path
from sr_notebook.data import sample_images, unsplash_files
from sr_notebook.pairs import SRDataset, time_items


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', help='data root (default: SR_DATA_DIR, then dataset/)')
    ap.add_argument('--reference', type=Path, default=reference_path(), help="the study's seed_reference.py")
    ap.add_argument('--n', type=int, default=70, help='images (the study trains on 70)')
    ap.add_argument('--epochs', type=int, default=3, help='epochs timed for the cached dataset')
    a = ap.parse_args()
    files, source = unsplash_files(a.data, a.n), 'Unsplash'
    if files is None: files, source = sample_images(), 'scikit-image photos (no Unsplash data found)'
    print(f'{len(files)} images from {source}')

    ours = SRDataset(files, 'seed', augment=True)
    t0 = time.perf_counter()
    ours.preload(progress=False)
    t_first = time.perf_counter() - t0
    ips = time_items(ours, epochs=a.epochs)
    print(f'sr_notebook SRDataset: first epoch (decode + resize) {1000 * t_first / len(files):.2f} ms/item; '
          f'cached epochs {1000 / ips:.2f} ms/item = {ips:.0f} items/s')
    if a.reference is None or not a.reference.is_file():
        print(f'reference {a.reference} not found: no side-by-side figure')
        return
    ref = load_reference(a.reference).SeedDataset([str(f) for f in files], augment=True)
    ref_ips = time_items(ref)
    print(f'study SeedDataset:     {1000 / ref_ips:.2f} ms/item = {ref_ips:.1f} items/s')
    ratio = ips / ref_ips
    print(f'ratio (cached epochs): {ratio:.1f}x  (target >= 5x: {"met" if ratio >= 5 else "NOT met"})')


if __name__ == '__main__':
    sys.exit(main())
