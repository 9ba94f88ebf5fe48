"""Run a notebook as its test, and keep (or check) the outputs of its figure and demo cells in it.

usage: python tools/nb_outputs.py check NOTEBOOK [--flags slow]   # the test: run it, compare with what is committed
       python tools/nb_outputs.py render NOTEBOOK [...]            # run it, write the kept outputs into the notebook

A notebook runs exactly as `nbdev_test` runs it (the same cells skipped, `exc_stop`), in one process. Kept outputs:
figures (PNG; large ones with a 256-colour palette where that saves a fifth or more: photos), tables and HTML
(`display_data`, `execute_result`) and what a demo prints on stdout; never stderr
(progress bars, warnings), errors or widget state; cells that call `test_*` keep nothing. A notebook may take at
most BUDGET bytes (1.5 MB; the whole .ipynb file, sources included), the report BUDGETS says (2.6 MB).

`check` passes when the run passes and its outputs are what is committed: the same kept cells with the same kinds of
output; text equal once numbers are compared within 1e-6 relative (or, in cells marked `#| timing`, not compared at
all, since they measure time and name the CPU); figures of the same size whose pixels differ by at most 2 grey levels
on average (any pixels in `#| timing` cells), PNG images embedded in HTML (`data:image/png;base64,...`) too: another
CPU's arithmetic moves a pixel by a level, which changes a PNG's bytes but not what it shows. The outputs are made
with the shared datasets; without them (no `unsplash` folder under the data root) the notebook still runs as its
test but its outputs are not compared. Written for this
project's notebooks; see docs/development.md.
"""
import argparse, base64, io, json, os, re, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1_500_000                 # bytes per committed notebook, outputs included
# the report and its figures' notebook: some twenty figures, photo comparisons, sliders, degradation pictures
BUDGETS = {'05_report.ipynb': 2_600_000, '05b_figures.ipynb': 2_500_000}   # the report: one table row per run
KEEP_TYPES = ('display_data', 'execute_result')
DROP_DATA = ('application/vnd.jupyter.widget-view+json',)
RICH = {'image/png', 'text/html', 'text/markdown'}
BIG_PNG = 150_000                  # base64 characters above which a figure is stored with a palette
NUM = re.compile(r'-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?')


def directives(src: str) -> set:
    return {ln[3:].split()[0] for ln in src.splitlines() if ln.startswith('#| ') and ln[3:].split()}


def is_test_cell(src: str) -> bool:
    return bool(re.search(r'\btest_\w*\(|\btest\(', src))


def smaller(data: dict) -> dict:
    """A large PNG stored with a 256-colour palette when that saves a fifth (photos).
    Deterministic, so the check sees the same."""
    png = data.get('image/png')
    if png is None or len(''.join(png)) < BIG_PNG: return data
    from PIL import Image
    buf = io.BytesIO()
    img = Image.open(io.BytesIO(base64.b64decode(''.join(png)))).convert('RGB')
    img.quantize(256).save(buf, format='PNG', optimize=True)
    pal = base64.b64encode(buf.getvalue()).decode()    # PNG, never JPEG: JPEG's base64 starts '/9j/', read as a path
    return {**data, 'image/png': pal} if len(pal) < 0.8 * len(''.join(png)) else data


def keep(outputs, src) -> list:
    "The outputs of a cell worth committing (see the module docstring), as plain nbformat dicts."
    tests, kept = is_test_cell(src), []
    for o in outputs:
        o = json.loads(json.dumps(o))
        t = o.get('output_type')
        if t == 'stream' and o.get('name') == 'stdout' and not tests:
            kept.append({'output_type': 'stream', 'name': 'stdout', 'text': o['text']})
        elif t in KEEP_TYPES:
            if any(k in o.get('data', {}) for k in DROP_DATA): continue          # a progress-bar widget
            data = o.get('data', {})
            if 'image/png' in data:                                        # PIL images also offer a JPEG: PNG only
                data = {k: v for k, v in data.items() if k != 'image/jpeg'}
            if tests and not set(data) & RICH: continue                   # a test cell keeps only its figure or table
            kept.append({'output_type': 'display_data', 'data': smaller(data), 'metadata': {}})
    return kept


def execute(nb_path: Path, flags=()):
    "Run the notebook as nbdev_test does; (ok, error text, {cell id: kept outputs})."
    os.environ.setdefault('IN_TEST', '1')
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.process import NBProcessor
    from nbdev.frontmatter import FrontmatterProc
    from nbdev.config import get_config
    skip = set(get_config().tst_flags.split()) - set(flags)
    nb = NBProcessor(nb_path, procs=FrontmatterProc, process=True).nb

    def no_eval(cell):
        if cell.cell_type != 'code': return True
        if 'nbdev_export' + '(' in cell.source: return True
        d = getattr(cell, 'directives_', {}) or {}
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return skip & d.keys()
    k = CaptureShell(nb_path, mpl_format='png')
    try:
        with working_directory(nb_path.parent): k.run_all(nb, exc_stop=True, preproc=no_eval)
        ok, err = True, ''
    except Exception:
        ok, err = False, k.prettytb(fname=nb_path)
    outs = {}
    for c in nb.cells:
        if c.cell_type == 'code' and getattr(c, 'outputs', None):
            kept = keep(c.outputs, c.source)
            if kept: outs[c.id] = kept
    return ok, err, outs


def committed(nb_path: Path):
    nb = json.loads(nb_path.read_text(encoding='utf-8'))
    return nb, {c['id']: c.get('outputs', []) for c in nb['cells'] if c['cell_type'] == 'code'}


STYLER_ID = re.compile(r'T_[0-9a-f]{5}(?=[_"\s])')     # pandas Styler tags each table with a random id
ADDRESS = re.compile(r' at 0x[0-9a-f]+')                 # an object's repr with its memory address
EMBEDDED = re.compile(r'data:image/png;base64,([A-Za-z0-9+/=]+)')   # a PNG inside HTML: compared as pixels


def _text(o) -> str:
    if o['output_type'] == 'stream': return ''.join(o['text'])
    text = '\n'.join(''.join(v) for k, v in sorted(o['data'].items()) if k.startswith('text/'))
    return EMBEDDED.sub('data:image/png;base64,', ADDRESS.sub('', STYLER_ID.sub('T_', text)))


def _decode(b64: str):
    from PIL import Image
    import numpy as np
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(b64))).convert('RGB'), dtype=np.int16)


def _pixels(o) -> list:
    "The output's images as arrays: its PNG figure, or the PNGs embedded in its HTML."
    data = o.get('data', {})
    if 'image/png' in data: return [_decode(''.join(data['image/png']))]
    return [_decode(b) for b in EMBEDDED.findall(''.join(data.get('text/html', '')))]


def same_text(a: str, b: str, timing: bool) -> bool:
    if timing: return True
    if NUM.sub('#', a) != NUM.sub('#', b): return False
    pairs = zip(NUM.findall(a), NUM.findall(b))
    return all(abs(float(x) - float(y)) <= 1e-6 * max(1.0, abs(float(x))) for x, y in pairs)


def compare(nb_path: Path, fresh: dict, flags=()) -> list[str]:
    """What differs between the fresh outputs and the committed ones (empty: they agree).
    Cells run only under `flags` are not compared."""
    nb, old = committed(nb_path)
    src = {c['id']: ''.join(c['source']) for c in nb['cells']}
    problems = []
    for cid in sorted(set(old) | set(fresh)):
        if directives(src.get(cid, '')) & set(flags): continue
        a, b = old.get(cid, []), fresh.get(cid, [])
        timing = 'timing' in directives(src.get(cid, ''))
        if [o['output_type'] for o in a] != [o['output_type'] for o in b] or \
           [sorted(o.get('data', {})) for o in a] != [sorted(o.get('data', {})) for o in b]:
            problems.append(f'cell {cid}: committed {len(a)} output(s), the code now makes {len(b)} of other kinds')
            continue
        for x, y in zip(a, b):
            if not same_text(_text(x), _text(y), timing):
                problems.append(f'cell {cid}: its text output differs from the committed one')
                break
            bad = [(px, py) for px, py in zip(_pixels(x), _pixels(y))
                   if px.shape != py.shape or (not timing and abs(px - py).mean() > 2)]
            if bad:
                px, py = bad[0]
                diff = '' if px.shape != py.shape else f', mean pixel difference {abs(px - py).mean():.1f}'
                problems.append(f'cell {cid}: its figure differs from the committed one'
                                f' ({px.shape[1]}x{px.shape[0]} vs {py.shape[1]}x{py.shape[0]}{diff})')
                break
    size, budget = nb_path.stat().st_size, BUDGETS.get(nb_path.name, BUDGET)
    if size > budget: problems.append(f'{nb_path.name} is {size / 1e6:.2f} MB, over its {budget / 1e6:.1f} MB budget')
    return problems


def render(nb_path: Path, fresh: dict):
    "Write `fresh` outputs into the notebook (other code cells output-free), as nbdev_clean leaves it."
    nb, _ = committed(nb_path)
    for c in nb['cells']:
        if c['cell_type'] == 'code': c['outputs'], c['execution_count'] = fresh.get(c['id'], []), None
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('what', choices=['check', 'render'])
    ap.add_argument('notebooks', nargs='+', type=Path)
    ap.add_argument('--flags', default='', help='test flags to run (e.g. slow)')
    a = ap.parse_args()
    from sr_notebook.core import data_root
    have_data = data_root() is not None and (data_root()/'unsplash').is_dir()
    if a.what == 'render' and not have_data:
        sys.exit('render needs the shared datasets (set $SR_DATA_DIR): the committed outputs are made with them')
    failed = 0
    for p in a.notebooks:
        p = p.resolve()
        t0 = time.perf_counter()
        ok, err, fresh = execute(p, a.flags.split())
        if not ok:
            print(f'FAIL  {p.name}: the notebook raised\n{err}', flush=True)
            failed += 1
            continue
        if a.what == 'render':
            render(p, fresh)
            print(f'rendered {p.name}: {len(fresh)} cells keep outputs, {p.stat().st_size / 1e6:.2f} MB '
                  f'({time.perf_counter() - t0:.0f} s)', flush=True)
            budget = BUDGETS.get(p.name, BUDGET)
            if p.stat().st_size > budget:
                print(f'  over its {budget / 1e6:.1f} MB budget', flush=True)
                failed += 1
        elif not have_data:
            print(f'{p.name}: passed; its outputs not compared (made with the shared datasets, which are not here)',
                  flush=True)
        else:
            problems = compare(p, fresh, a.flags.split())
            if problems:
                failed += 1
                print(f'FAIL  {p.name}: its committed outputs are not what the code makes now '
                      f'(python tools/nb_outputs.py render nbs/{p.name}, then commit):\n  ' + '\n  '.join(problems),
                      flush=True)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
