"""The project's test suite: every notebook through `nbdev_test`, one at a time, and repository checks.

usage: python tools/run_tests.py [--slow] [NOTEBOOK ...]

Each notebook counts as one test (run as `nbdev_test` runs it; its committed figure and demo outputs must be what
the code makes now, see tools/nb_outputs.py), and so does each repository check (the package is what `nbdev_export`
makes of the notebooks; the notebooks are committed clean; README.md and its figures are what
`tools/make_readme.py` makes of index.ipynb; its results table is what the saved runs give; every line of the
package, tools/, scripts/ and benchmarks/ passes tools/check_lines.py); without explicit notebooks, so does the
docs site, built and looked at in headless Chromium last (tools/test_docs.py; skipped where Chromium is missing).
Ends with the line `N passed, N failed` and exits non-zero on any failure or when nothing ran.
"""
import argparse, json, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tool(name):
    "An nbdev command from this interpreter's environment (so the runner works without activating it)."
    exe = Path(sys.executable).parent/name
    return str(exe) if exe.exists() else name


def git_status(*paths):
    r = subprocess.run(['git', 'status', '--porcelain', '--', *paths], cwd=ROOT, capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def check_unchanged_by(cmd, paths, what):
    "Run `cmd`; fail when it changes `paths` (compared with git, so only inside a checkout)."
    before = git_status(*paths)
    if before is None: return True, 'not a git checkout: skipped'
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode: return False, f'{" ".join(cmd)} failed:\n{r.stdout}{r.stderr}'
    after = git_status(*paths)
    return before == after, ('' if before == after else f'{what}:\n{after}')


def results_in_sync():
    "The results table stored in index.ipynb (and so in README.md) is what the saved runs give now."
    from sr_notebook.tables import results_markdown
    cells = json.loads((ROOT/'nbs'/'index.ipynb').read_text(encoding='utf-8'))['cells']
    cell = next((c for c in cells if 'results_markdown()' in ''.join(c['source'])), None)
    if cell is None: return False, 'nbs/index.ipynb has no cell showing results_markdown()'
    stored = ''.join(''.join(o['data']['text/markdown']) for o in cell.get('outputs', [])
                     if 'text/markdown' in o.get('data', {}))
    ok = stored.strip() == results_markdown().strip()
    return ok, '' if ok else ('the results table in nbs/index.ipynb is stale: re-render it (python tools/nb_outputs.py '
                              'render nbs/index.ipynb), python tools/make_readme.py, commit')


def has_code(nb) -> bool:
    "Does the notebook hold any code cell? (Notebooks not written yet hold headings only.)"
    cells = json.loads(Path(nb).read_text(encoding='utf-8'))['cells']
    return any(c['cell_type'] == 'code' and ''.join(c['source']).strip() for c in cells)


def lines_readable():
    "tools/check_lines.py over the package, tools/, scripts/ and benchmarks/: no line it flags."
    r = subprocess.run([sys.executable, 'tools/check_lines.py'], cwd=ROOT, capture_output=True, text=True)
    return r.returncode == 0, (r.stdout + r.stderr).strip()


def run_notebook(nb, flags):
    "The notebook run as `nbdev_test` runs it, then its committed outputs compared (tools/nb_outputs.py)."
    cmd = [sys.executable, 'tools/nb_outputs.py', 'check', str(nb)] + (['--flags', flags] if flags else [])
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return r.returncode == 0, (r.stdout + r.stderr).strip()


def docs_site():
    "tools/test_docs.py: build the docs site, look at it in Chromium; (None, reason) where it cannot run."
    from test_docs import skip_reason           # tools/ is on sys.path: this file is run as a script
    reason = skip_reason()
    if reason: return None, reason
    r = subprocess.run([sys.executable, 'tools/test_docs.py'], cwd=ROOT, capture_output=True, text=True)
    return r.returncode == 0, (r.stdout + r.stderr).strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--slow', action='store_true', help='also run cells marked `#| slow`')
    ap.add_argument('notebooks', nargs='*', type=Path, help='notebooks to test (default: all of nbs/)')
    a = ap.parse_args()
    nbs = a.notebooks or sorted(p for p in (ROOT/'nbs').glob('*.ipynb') if not p.name.startswith(('_', '.')))
    results = []
    checks = [] if a.notebooks else [
        ('package in sync with notebooks', lambda: check_unchanged_by([tool('nbdev_export')], ['sr_notebook'],
            'nbdev_export changed sr_notebook/: edit the notebooks, export, commit both')),
        ('notebooks committed clean', lambda: check_unchanged_by([tool('nbdev_clean')], ['nbs'],
            'nbdev_clean changed these notebooks: commit the cleaned versions')),
        ('README in sync with index.ipynb', lambda: check_unchanged_by([sys.executable, 'tools/make_readme.py'],
            ['README.md', 'docs/images'], 'tools/make_readme.py changed README.md or its figures: regenerate, commit')),
        ('README results match the saved runs', results_in_sync),
        ('lines within the limits (tools/check_lines.py)', lines_readable),
    ]
    for name, fn in checks:
        ok, msg = fn()
        results.append((name, ok))
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f'\n{msg}' if msg and not ok else ''), flush=True)
    for nb in nbs:
        if not has_code(nb):
            print(f'SKIP  {nb.name} (no code yet: not counted)', flush=True)
            continue
        t0 = time.perf_counter()
        ok, out = run_notebook(nb.resolve().relative_to(ROOT), 'slow' if a.slow else '')
        results.append((nb.name, ok))
        print(f"{'PASS' if ok else 'FAIL'}  {nb.name} ({time.perf_counter() - t0:.0f} s)", flush=True)
        if not ok: print(out[-6000:], flush=True)
    if not a.notebooks:
        t0 = time.perf_counter()
        ok, out = docs_site()
        if ok is None: print(f'SKIP  docs site ({out}: not counted)', flush=True)
        else:
            results.append(('docs site', ok))
            print(f"{'PASS' if ok else 'FAIL'}  docs site ({time.perf_counter() - t0:.0f} s)", flush=True)
            if not ok: print(out[-6000:], flush=True)
    passed = sum(ok for _, ok in results)
    failed = len(results) - passed
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed or not results else 0)


if __name__ == '__main__':
    main()
