"""int8 for OpenVINO: what quantising each shipped model costs on Set5 and BSD100 (its shipped JSON).

usage: python scripts/quantize.py [--models edsr_s,real] [--scales 2,3,4] [--calibrations train,samples]
           [--data ROOT]

For each shipped model (default: all of them) at each native scale (default: all it ships at), PSNR-Y on Set5 and
BSD100 (the standard protocol at the model's scale, `sr_notebook.evaluate.evaluate`) with OpenVINO in fp32 and in
int8: quantised by NNCF (`runtime.quantize_int8`), calibrated on training patches (`train/T91`, `train/BSD200`:
never on a benchmark) and on scikit-image's sample photos (what a machine without the training sets calibrates on),
each measured. Also the time of one 128x128 LR input in fp32 and in int8, on the cores this process may use (run it
under `taskset -c 0` for one). Writes, under "int8" in sr_notebook/weights/NAME[_xS].json, the changes (int8 minus
fp32, dB: negative is a loss) with the digest of the weights measured, the OpenVINO and NNCF versions and the CPU;
`--precision auto` runs int8 where both losses are at most `runtime.INT8_MAX_COST_DB`. Prints a line per
model, scale and calibration.
"""
import argparse, json, os

import torch

from sr_notebook.core import DATA_ENV, atomic_write_text, data_dir
from sr_notebook.evaluate import evaluate
from sr_notebook.hub import pretrained, shipped, time_ms, weights_dir, weights_name
from sr_notebook.runtime import (
    CALIBRATION_SETS, INT8_MAX_COST_DB, EngineModel, calibration_kind, cpu_name, int8_problem, model_digest,
    quantize_int8)

SETS = ('Set5', 'BSD100')                      # what the cost is measured on (never calibrated on)
SPEED_INPUT = (1, 3, 128, 128)                 # the LR input timed


def psnr(model, s: int) -> dict:
    "PSNR-Y of `model` (an `EngineModel`) on each of `SETS` at scale `s`, standard protocol."
    return {b: evaluate(model, data_dir(f'benchmark/{b}'), 'standard', scale=s, engine='openvino',
                        precision=model.precision)[1]['psnr'] for b in SETS}


def ms(model, reps=5) -> float:
    "Best milliseconds of `model` on a `SPEED_INPUT` input, after one warm-up (`hub.time_ms`)."
    return time_ms(model, torch.rand(SPEED_INPUT), reps)


def measure(name: str, s: int, kinds) -> dict:
    "The \"int8\" entry of `name` at x`s`: fp32's PSNR-Y, and each calibration's change, on `SETS`."
    import nncf, openvino as ov
    m = pretrained(name, s)
    fp32 = EngineModel(m, 'openvino', 'fp32')
    ref, t32, cal = psnr(fp32, s), ms(fp32), {}
    for kind in kinds:
        q = EngineModel(m, 'openvino', 'int8', calibration=kind)
        got = psnr(q, s)
        meta = json.loads(quantize_int8(m, kind).with_suffix('.json').read_text())
        cal[kind] = {'from': meta['from'], **{f'{b.lower()}_change_db': got[b] - ref[b] for b in SETS},
                     'int8_psnr': got, 'int8_ms': ms(q)}
        cost = -min(cal[kind]['set5_change_db'], cal[kind]['bsd100_change_db'])
        print(f"{name} x{s}, {kind} calibration: Set5 {cal[kind]['set5_change_db']:+.3f} dB, BSD100 "
              f"{cal[kind]['bsd100_change_db']:+.3f} dB (fp32 {ref['Set5']:.2f}, {ref['BSD100']:.2f}); "
              f"{t32 / cal[kind]['int8_ms']:.2f}x fp32's speed; auto: {'int8' if cost <= INT8_MAX_COST_DB else 'fp32'}",
              flush=True)
    return {'digest': model_digest(m),
            'measured': "PSNR-Y change, int8 minus fp32 (dB), both run by OpenVINO: standard protocol at the model's "
                        'scale, 4-pixel border shaved',
            'fp32_psnr': ref, 'calibrations': cal,
            'speed': {'input': 'x'.join(map(str, SPEED_INPUT)), 'fp32_ms': t32, 'cores': len(os.sched_getaffinity(0))},
            'openvino': ov.get_version(), 'nncf': nncf.__version__, 'cpu': cpu_name()}


def write(name: str, s: int, entry: dict):
    "Put `entry` under \"int8\" in the shipped JSON, keeping earlier calibrations of the same weights."
    path = weights_dir()/f'{weights_name(name, s)}.json'
    info = json.loads(path.read_text())                     # read just now: another script may have shipped since
    old = info.get('int8', {})
    if old.get('digest') == entry['digest']:
        entry['calibrations'] = {**old.get('calibrations', {}), **entry['calibrations']}
    info['int8'] = entry
    atomic_write_text(path, json.dumps(info, indent=1))                  # as `Run.ship` writes it


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--models', help='shipped names, comma-separated (default: all of them)')
    ap.add_argument('--scales', help='native scales, comma-separated (default: all each model ships at)')
    ap.add_argument('--calibrations', default='train,samples', help='train, samples or both (default)')
    ap.add_argument('--data', help=f'data root (default: ${DATA_ENV}, else dataset/)')
    a = ap.parse_args()
    if a.data: os.environ[DATA_ENV] = a.data
    if int8_problem('openvino', 'cpu'): raise SystemExit(int8_problem('openvino', 'cpu'))
    ship = shipped()
    names = a.models.split(',') if a.models else list(ship)
    bad = [n for n in names if n not in ship]
    if bad: raise SystemExit(f"not shipped: {', '.join(bad)}; shipped: {', '.join(ship)}")
    kinds = a.calibrations.split(',')
    if 'train' in kinds and calibration_kind() != 'train':
        raise SystemExit(f'train calibration needs {" and ".join(CALIBRATION_SETS)} under the data root (--data or '
                         f'${DATA_ENV})')
    print(f'OpenVINO fp32 vs int8 on {", ".join(SETS)}, on {cpu_name()} ({len(os.sched_getaffinity(0))} cores)')
    for name in names:
        scales = [int(x) for x in a.scales.split(',')] if a.scales else list(ship[name]['scales'])
        for s in scales:
            if s not in ship[name]['scales']: print(f'{name} x{s}: not shipped, skipped')
            else: write(name, s, measure(name, s, kinds))


if __name__ == '__main__': main()
