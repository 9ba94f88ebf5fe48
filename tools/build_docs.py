"""Build the documentation site offline: nbdev's processed notebooks and docs/, by mkdocs-material.

usage: python tools/build_docs.py [--no-execute] [--report NOTEBOOK] [--timeout S] [--serve [PORT]]

`nbdev_docs` renders with Quarto, which cannot be installed here, so the site is made from what nbdev
prepares for Quarto:
1. nbdev's `proc_nbs` processes every notebook of nbs/ into _proc/: hidden and exported cells dropped, the API
   docs added as `show_doc` cells whose markdown outputs hold each signature and docstring. (It is what
   `nbdev_proc_nbs` runs, called directly because that command first tries to download and install Quarto.)
2. The report (nbs/05_report.ipynb) and the home page (nbs/index.ipynb) are executed, working directory nbs/,
   then processed by nbdev the same way, so that their figures and tables are on the site. The other pages are
   not executed: their API docs are the show_doc outputs of step 1.
3. The processed notebooks are written to _docs_src/ under nbdev's page names (01a_hub -> hub), with
   Quarto's cell options turned into what mkdocs-jupyter reads; links to the placeholder source host of
   settings.ini are dropped, links to docs/*.md and nbs/*.ipynb become links between the site's pages. The report
   page shows prose, figures and tables only (its code is in the notebook and the API pages).
4. The pages of docs/ are copied (the benchmark scripts' printouts, benchmarks/results/ and scripts/results/,
   inlined into benchmarks.md); the command line's page (commands.md) is generated from `sr-notebook --help` and
   each command's `--help`, the results page (results.md) from the saved runs.
5. The navigation is made from what exists: the fixed pages, then one page per notebook of nbs/ in their order,
   titled by the notebook's `# Title`. `mkdocs build --strict` (mkdocs.yml, with that navigation) writes the site
   to site/: open site/index.html, no server or network needed; search needs the pages served (browsers do not
   start its worker for a page opened from disk): `python tools/build_docs.py --serve`.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, PROC, DOCS_SRC, SITE, DOCS = ROOT/'nbs', ROOT/'_proc', ROOT/'_docs_src', ROOT/'site', ROOT/'docs'
HOME, REPORT = 'index.ipynb', '05_report.ipynb'
EXECUTED = (REPORT, HOME)              # the pages shown with their outputs
PROSE_ONLY = (REPORT,)                 # pages that show prose, figures and tables: their code stays in the notebook
RESULTS = ('benchmarks/results', 'scripts/results')     # the printouts inlined into docs/benchmarks.md
MARKER = re.compile(r'<!-- results:.*?-->\n.*?(?:\n|$)')  # where they go (the marker and the line under it)
# the fixed pages, in the navigation's order; None: the notebooks of nbs/ go there
FIXED = [('Home', 'index.ipynb'), ('Using sr_notebook', 'usage.md'), ('Command line', 'commands.md'),
         ('Results', 'results.md'), ('Report', 'report.ipynb'), ('Benchmarks', 'benchmarks.md'),
         ('Development', 'development.md'), ('The code', None)]


def tool(name):
    "A command from this interpreter's environment (so the build works without activating it)."
    exe = Path(sys.executable).parent/name
    return str(exe) if exe.exists() else name


def run(cmd, what):
    "Run `cmd` in the project root; stop the build with its output when it fails."
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode: sys.exit(f'[docs] {what} failed:\n{(r.stdout + r.stderr)[-6000:]}')
    return r.stdout + r.stderr


def nbdev_process(src=None, dst=None):
    "nbdev's processing for the docs: all of nbs/ into _proc/ (cached by date), or `src` into `dst`."
    one = '\n'.join(['import sys', 'from pathlib import Path', 'from nbdev.serve_drv import main',
                     'from nbdev.processors import FilterDefaults',
                     'main((Path(sys.argv[1]), Path(sys.argv[2]), FilterDefaults))'])
    code = 'from nbdev.serve import proc_nbs\nproc_nbs(n_workers=0)' if src is None else one
    run([sys.executable, '-c', code] + ([str(src), str(dst)] if src else []),
        f'nbdev processing of {src.name if src else "nbs/"}')


def execute(src: Path, dst: Path, timeout: int):
    "Run the notebook `src` top to bottom in a fresh kernel, working directory nbs/; save it as `dst`."
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(NBS)}},
                            extra_arguments=['--log-level=ERROR'])    # not ipykernel's warning about TCP on localhost
    try: client.execute()
    except Exception as e:
        msg = re.sub(r'\x1b\[[0-9;]*m', '', str(e))       # the traceback without its colour codes
        sys.exit(f'[docs] executing {src} failed (working directory nbs/, {timeout} s allowed per cell):\n'
                 f'{type(e).__name__}: {msg[-6000:]}')
    nbformat.write(nb, dst)


def page_name(nb: Path) -> str:
    "nbdev's name for a notebook's page: 01a_hub.ipynb -> hub (as in sr_notebook/_modidx.py's links)."
    return re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.stem.lower())


def notebooks() -> list[Path]:
    "The notebooks of nbs/, in their order (not nbdev's `_` ones, nor hidden files)."
    return sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))


def title(nb: Path) -> str:
    "A notebook's `# Title` (its first markdown heading of level 1), else its page name, capitalised."
    for c in json.loads(nb.read_text(encoding='utf-8'))['cells']:
        src = ''.join(c['source']).strip()
        if c['cell_type'] == 'markdown' and src.startswith('# '): return src.splitlines()[0][2:].strip()
    return page_name(nb).replace('_', ' ').capitalize()


def nav(pages: set[str]) -> list[dict]:
    "The navigation: the fixed pages that exist, and under 'The code' a page per notebook in nbs/ order."
    fixed = {page for _, page in FIXED if page}
    taken = {t for t, page in FIXED if page in pages}
    code = []
    for nb in notebooks():
        page = f'{page_name(nb)}.ipynb'
        if page in fixed or page not in pages: continue
        t = title(nb)
        code.append({f'{t} (code)' if t in taken else t: page})
    out = []
    for t, page in FIXED:
        if page is None and code: out.append({t: code})
        elif page in pages: out.append({t: page})
    return out


def doc_prefix() -> str:
    "Where nbdev's links to the API docs point (settings.ini's doc_host + doc_baseurl)."
    cfg = ConfigParser(delimiters=['='])
    cfg.read(ROOT/'settings.ini', encoding='utf-8')
    return cfg['DEFAULT']['doc_host'].rstrip('/') + '/' + cfg['DEFAULT']['doc_baseurl'].strip('/')


def source_host() -> str:
    "settings.ini's git_url when it is a placeholder (an .invalid or example host), else ''."
    cfg = ConfigParser(delimiters=['='])
    cfg.read(ROOT/'settings.ini', encoding='utf-8')
    url = cfg['DEFAULT'].get('git_url', '')
    return url if re.search(r'\.invalid\b|//example\.', url) else ''


def fix_markdown(md: str, prefix: str) -> str:
    """Links made for nbdev's site or the code host become links between this site's pages.
    Links to the docs host and to docs/NAME.md or nbs/NB.ipynb point to the pages; Quarto's `[text](url){attrs}`
    becomes HTML; links to a placeholder source host go."""
    md = re.sub(re.escape(prefix.rstrip('/')) + r'/([\w-]+\.html)', r'\1', md)
    md = re.sub(r'\]\((?:\.\./)?docs/([\w-]+)\.md\)', r'](\1.html)', md)
    md = re.sub(r'\]\((?:\.\./)?nbs/([\w-]+)\.ipynb\)', lambda m: f']({page_name(Path(m[1]))}.html)', md)
    md = re.sub(r'\[([^\]]*)\]\(([^)\s]*)\)\{([^}]*)\}', r'<a href="\2" \3>\1</a>', md)
    if not source_host(): return md
    return re.sub(r'<a href="' + re.escape(source_host()) + r'[^"]*"[^>]*>source</a>\s*', '', md)


_directive = re.compile(r'^#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')


def for_mkdocs(nb: dict, prefix: str, prose_only: bool = False) -> dict:
    """A processed notebook as mkdocs-jupyter reads it: front matter, cell options: a title and tags.
    `prose_only`: no code shown."""
    import yaml
    cells = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        m = re.match(r'---\n(.*?)\n---', src, re.S) if c['cell_type'] == 'raw' else None
        if m:                                       # front matter: the page's title and description
            fm = yaml.safe_load(m.group(1)) or {}
            src = f"# {fm.get('title', '')}\n\n" + (f"> {fm['description']}" if fm.get('description') else '')
            c = {'cell_type': 'markdown', 'metadata': {}, 'source': src}
        elif c['cell_type'] == 'markdown': c['source'] = fix_markdown(src, prefix)
        elif c['cell_type'] == 'code':
            lines = src.splitlines()
            opts = dict(_directive.match(ln).groups() for ln in lines if _directive.match(ln))
            c['source'] = '\n'.join(ln for ln in lines if not _directive.match(ln)).strip()
            if opts.get('include') == 'false': continue
            if opts.get('output') == 'false': c['outputs'] = []
            if prose_only and not c['outputs']: continue            # a test: nothing to show
            if opts.get('echo') == 'false' or not c['source'] or prose_only:
                c.setdefault('metadata', {}).setdefault('tags', []).append('remove_input')
            if not c['source'] and not c['outputs']: continue
            for o in c['outputs']:
                if 'text/markdown' in o.get('data', {}):
                    o['data']['text/markdown'] = fix_markdown(''.join(o['data']['text/markdown']), prefix)
        cells.append(c)
    nb['cells'] = cells
    widgets = nb['metadata'].get('widgets', {}).get('application/vnd.jupyter.widget-state+json', {})
    if not widgets.get('state'): nb['metadata'].pop('widgets', None)   # else the page loads a widget manager from a CDN
    return nb


def commands_page() -> str:
    "The command line's page: `sr-notebook --help`, then each command's usage, options and examples."
    def helptext(*args):
        r = subprocess.run([sys.executable, '-m', 'sr_notebook.cli', *args, '--help'], cwd=ROOT, capture_output=True,
                           text=True, env={**os.environ, 'COLUMNS': '110'})
        if r.returncode: sys.exit(f"[docs] sr-notebook {' '.join(args)} --help failed:\n{r.stderr}")
        return r.stdout.rstrip()
    from sr_notebook.cli import COMMANDS
    parts = ['# Command line', '', '> `sr-notebook`, generated from its `--help`: every command, every option and its '
             'default, an example each.', '', '```', helptext(), '```']
    for name, (help, *_rest) in COMMANDS.items():
        parts += ['', f'## sr-notebook {name}', '', help[0].upper() + help[1:] + '.', '', '```', helptext(name), '```']
    return '\n'.join(parts) + '\n'


def results_page() -> str:
    "The results page: the README's table, the study's question under equal budgets, the degradations."
    from sr_notebook.budget import budget_markdown, budget_table
    from sr_notebook.tables import degradation_markdown, md_table, results_markdown
    bt = budget_table()
    cols = [c for c in bt.columns if c.endswith('PSNR-Y')] + ['gain', 'CI low', 'CI high', 'verdict', 'rank', 'steps']
    budget = budget_markdown() + ('\n\n' + md_table(bt[cols], {'rank': 0, 'steps': 0}) if len(bt) else '')
    return '\n\n'.join([
        '# Results', '> Generated from the saved runs under `checkpoints/` when the site is built: the README\'s '
        'table, then the study\'s question under equal budgets and the models under named degradations (the report '
        'has their figures).', results_markdown(),
        '## Which architecture, which loss',
        'The study\'s question, under equal training budgets (`python scripts/run_budget.py`; the report\'s section '
        '"The study\'s question under equal budgets" has the figure and every difference with its interval):', budget,
        '## When the LR image is not PIL\'s bicubic',
        'Both shipped models and bicubic on the three benchmark sets, each brought down by six named, seeded '
        'degradations (`python scripts/degradations.py --save` writes what this reads):',
        degradation_markdown()]) + '\n'


def printouts() -> str:
    "What the benchmark and diagnosis scripts printed here: each results file under its name."
    parts = []
    for folder in RESULTS:
        for f in sorted((ROOT/folder).glob('*.txt')):
            parts.append(f'### `{folder}/{f.name}`\n\n```\n{f.read_text(encoding="utf-8").strip()}\n```')
    return '\n\n'.join(parts) + '\n'


def copy_docs():
    "The pages of docs/ into _docs_src/, the printouts inlined where benchmarks.md marks their place."
    for f in sorted(DOCS.glob('*.md')):
        text = f.read_text(encoding='utf-8')
        if f.name == 'benchmarks.md': text = MARKER.sub(lambda m: printouts(), text, count=1)
        (DOCS_SRC/f.name).write_text(text, encoding='utf-8')


def mkdocs_config(pages: set[str]) -> Path:
    "mkdocs.yml with absolute folders and the navigation of the pages that exist, in a temporary file."
    import yaml
    cfg = yaml.safe_load((ROOT/'mkdocs.yml').read_text(encoding='utf-8'))
    cfg.update(docs_dir=str(DOCS_SRC), site_dir=str(SITE), nav=nav(pages))
    f = Path(tempfile.mkdtemp(prefix='sr_mkdocs_'))/'mkdocs.yml'
    f.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding='utf-8')
    return f


def build(execute_nbs=True, report=None, timeout=900, strict=True) -> Path:
    "Build the site (see the module's docstring); `report` replaces nbs/05_report.ipynb; site/index.html."
    t0 = time.perf_counter()
    print('[docs] nbdev: processing the notebooks into _proc/', flush=True)
    nbdev_process()
    pages = {p.name: p for p in sorted(PROC.glob('*.ipynb')) if (NBS/p.name).exists()}   # not a removed notebook's
    with tempfile.TemporaryDirectory() as tmp:
        if execute_nbs:
            (Path(tmp)/'ran').mkdir()
            for name in EXECUTED:
                src = Path(report) if report and name == REPORT else NBS/name
                if not src.exists():
                    print(f'[docs] {src} does not exist: not executed', flush=True)
                    continue
                print(f'[docs] executing {src} (working directory nbs/)', flush=True)
                ran, done = Path(tmp)/'ran'/name, Path(tmp)/name
                execute(src, ran, timeout)
                nbdev_process(ran, done)
                pages[name] = done
        elif report: print('[docs] --report is ignored with --no-execute', flush=True)
        shutil.rmtree(DOCS_SRC, ignore_errors=True)
        DOCS_SRC.mkdir()
        prefix = doc_prefix()
        for name, p in pages.items():
            nb = for_mkdocs(json.loads(p.read_text(encoding='utf-8')), prefix, prose_only=name in PROSE_ONLY)
            out = DOCS_SRC/f'{page_name(Path(name))}.ipynb'
            if out.exists(): print(f'[docs] two notebooks make {out.name}: {name} is the one shown', flush=True)
            out.write_text(json.dumps(nb, indent=1), encoding='utf-8')
        copy_docs()
        (DOCS_SRC/'commands.md').write_text(commands_page(), encoding='utf-8')
        (DOCS_SRC/'results.md').write_text(results_page(), encoding='utf-8')
    config = mkdocs_config({f.name for f in DOCS_SRC.iterdir()})
    print(f"[docs] mkdocs build{' --strict' if strict else ''}", flush=True)
    out = run([tool('mkdocs'), 'build', '--clean', '-f', str(config)] + (['--strict'] if strict else []),
              'mkdocs build')
    shutil.rmtree(config.parent, ignore_errors=True)
    warnings = [ln for ln in out.splitlines() if ln.startswith('WARNING')]
    if warnings: print('[docs] mkdocs warnings:\n' + '\n'.join(warnings), flush=True)
    print(f'[docs] site built in {time.perf_counter() - t0:.0f} s: {SITE/"index.html"}', flush=True)
    return SITE/'index.html'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--no-execute', action='store_true', help='do not execute the report and index (quick tries)')
    ap.add_argument('--report', type=Path,
                    help='render this notebook as the report page instead of nbs/05_report.ipynb')
    ap.add_argument('--timeout', type=int, default=900, help='seconds allowed per cell when executing (default 900)')
    ap.add_argument('--no-strict', action='store_true', help='do not fail on mkdocs warnings (they are printed)')
    ap.add_argument('--serve', nargs='?', type=int, const=8000, metavar='PORT',
                    help='serve site/ on http://127.0.0.1:PORT (default 8000) after building, for search; Ctrl-C stops')
    ap.add_argument('--no-build', action='store_true', help='with --serve: serve the site already built')
    a = ap.parse_args()
    if not a.no_build: build(not a.no_execute, a.report, a.timeout, not a.no_strict)
    if a.serve:
        import functools
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
        handler = functools.partial(SimpleHTTPRequestHandler, directory=str(SITE))
        srv = ThreadingHTTPServer(('127.0.0.1', a.serve), handler)
        print(f'[docs] serving {SITE} on http://127.0.0.1:{a.serve}/ (Ctrl-C stops it)', flush=True)
        try: srv.serve_forever()
        except KeyboardInterrupt: pass


if __name__ == '__main__':
    main()
