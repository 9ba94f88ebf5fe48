"""Check the package as a user gets it: the wheel built from this repository, installed away from it.

usage: python tools/check_wheel.py [--venv]

Builds the wheel, checks that it holds the shipped weights (x4 and the native x2) and NIQE's pristine model,
installs it outside the repository and, from an unrelated empty directory, upscales a real photo (scikit-image's,
brought down x4 by PIL's bicubic) with the shipped model from Python and from the command line, and checks that both
beat bicubic (and that the native x2 model loads and upscales x2, and that NIQE reads its shipped model).
Without --venv the wheel is installed with --no-deps into a folder put first on PYTHONPATH (this environment's
PyTorch and the rest serve it; seconds). With --venv it goes into a new virtual environment with all its
dependencies from the package index (minutes; several GB for PyTorch). Exits non-zero on any failure.
"""
import argparse, os, subprocess, sys, tempfile, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

USE = r'''
import sys
from pathlib import Path
import numpy as np, torch
from PIL import Image
import skimage, sr_notebook
from sr_notebook.core import project_root
from sr_notebook.hub import pretrained
from sr_notebook.metrics import niqe, psnr
from sr_notebook.upscale import upscale
assert project_root() is None and not sr_notebook.__file__.startswith(sys.argv[1]), sr_notebook.__file__  # installed
hr = Image.open(Path(skimage.data_dir)/'astronaut.png').convert('RGB').crop((96, 96, 352, 352))
lr = hr.resize((64, 64), Image.Resampling.BICUBIC)
lr.save('lr.png')
def tensor(img): return torch.from_numpy(np.asarray(img, np.float64) / 255).permute(2, 0, 1)[None]
def db(img): return psnr(tensor(img), tensor(hr), crop_border=4, y_channel=False).item()   # RGB, 4 px shaved
bic, ours = db(lr.resize((256, 256), Image.Resampling.BICUBIC)), db(upscale(pretrained(), 'lr.png'))
print(f'python: bicubic {bic:.2f} dB, shipped model {ours:.2f} dB')
assert ours > bic + 0.5
real = db(upscale(pretrained('real'), 'lr.png'))       # the model for real photos ships too, and beats bicubic here
print(f'python: the model for real photos {real:.2f} dB')
assert real > bic
x2 = upscale(pretrained('edsr_s', scale=2), 'lr.png')   # the native x2 model ships too
assert pretrained('edsr_s', scale=2).scale == 2 and x2.size == (128, 128), x2.size
hr.save('hr.png')
assert 1 < niqe(hr) < 10, niqe(hr)                     # NIQE's pristine model ships as package data
'''
CLI_CHECK = r'''
import numpy as np, torch
from PIL import Image
from sr_notebook.metrics import psnr
def tensor(img): return torch.from_numpy(np.asarray(img.convert('RGB'), np.float64) / 255).permute(2, 0, 1)[None]
def db(img): return psnr(tensor(img), tensor(Image.open('hr.png')), crop_border=4, y_channel=False).item()
ours, bic = db(Image.open('cli.png')), db(Image.open('lr.png').resize((256, 256), Image.Resampling.BICUBIC))
print(f'cli: bicubic {bic:.2f} dB, shipped model {ours:.2f} dB')
assert ours > bic + 0.5
'''


def run(cmd, **kw):
    print('$', ' '.join(map(str, cmd)), flush=True)
    subprocess.run(list(map(str, cmd)), check=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--venv', action='store_true',
                    help='install into a new virtual environment, dependencies included')
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix='sr_wheel_'))
    run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', tmp/'dist', ROOT],
        cwd=tmp)
    wheel = next((tmp/'dist').glob('sr_notebook-*.whl'))
    names = zipfile.ZipFile(wheel).namelist()
    for f in ('sr_notebook/weights/edsr_s.pt', 'sr_notebook/weights/edsr_s.json', 'sr_notebook/weights/edsr_s_x2.pt',
              'sr_notebook/weights/edsr_s_x2.json', 'sr_notebook/weights/real.pt', 'sr_notebook/weights/real.json',
              'sr_notebook/niqe_pris_params.npz', 'sr_notebook/core.py'):
        assert f in names, f'{f} missing from {wheel.name}'
    print(f'{wheel.name}: {len(names)} files, the shipped weights among them')
    env = {k: v for k, v in os.environ.items() if k not in ('SR_DATA_DIR', 'PYTHONPATH')}
    if a.venv:
        run([sys.executable, '-m', 'venv', tmp/'venv'])
        py, exe = tmp/'venv'/'bin'/'python', [tmp/'venv'/'bin'/'sr-notebook']
        run([py, '-m', 'pip', 'install', '-q', wheel])
    else:
        run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', '--target', tmp/'site', wheel])
        py, exe, env['PYTHONPATH'] = sys.executable, [sys.executable, '-m', 'sr_notebook.cli'], str(tmp/'site')
    work = tmp/'elsewhere'
    work.mkdir()
    run([py, '-c', USE, str(ROOT)], cwd=work, env=env)
    run([*exe, 'upscale', 'lr.png', 'cli.png'], cwd=work, env=env)
    run([py, '-c', CLI_CHECK], cwd=work, env=env)
    print('wheel OK')


if __name__ == '__main__':
    main()
