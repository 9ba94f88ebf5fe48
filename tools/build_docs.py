"""Build the documentation site offline: nbdev's processed notebooks, rendered by mkdocs-material + mkdocs-jupyter.

usage: python tools/build_docs.py [--no-execute] [--report NOTEBOOK] [--timeout S] [--serve [PORT]]

`nbdev_docs` renders with Quarto, which cannot be installed here, so the site is made from what nbdev
prepares for Quarto:
1. nbdev's `proc_nbs` processes every notebook of nbs/ into _proc/: hidden and exported cells dropped, the API
   docs added as `show_doc` cells whose markdown outputs hold each signature and docstring. (It is what
   `nbdev_proc_nbs` runs, called directly because that command first tries to download and install Quarto.)
2. The report (nbs/05_report.ipynb) and the home page (nbs/index.ipynb) are executed, working directory nbs/,
   then processed by nbdev the same way, so that their figures and tables are on the site. The other pages are
   not executed: their API docs are the show_doc outputs of step 1.
3. The processed notebooks are written to _docs_src/ under nbdev's page names (01_models -> models), with
   Quarto's cell options turned into what mkdocs-jupyter reads, and `mkdocs build --strict` (mkdocs.yml)
   writes the site to site/: open site/index.html, no server or network needed; search needs the pages served
   (browsers do not start its worker for a page opened from disk): `python tools/build_docs.py --serve`. The report page shows prose, figures and tables only (its code is in the notebook and
   the API pages); links to the placeholder source host of settings.ini are dropped.
4. The command line's page (commands.md) is generated from `sr-notebook --help` and each command's `--help`.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, PROC, DOCS_SRC, SITE = ROOT/'nbs', ROOT/'_proc', ROOT/'_docs_src', ROOT/'site'
EXECUTED = ('05_report.ipynb', 'index.ipynb')     # the pages shown with their outputs
PROSE_ONLY = ('05_report.ipynb',)                  # pages that show prose, figures and tables: their code stays in the notebook


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
    "nbdev's processing for the docs: all of nbs/ into _proc/ (cached by date), or the one notebook `src` into `dst`."
    code = ('from nbdev.serve import proc_nbs; proc_nbs(n_workers=0)' if src is None else
            'import sys; from pathlib import Path; from nbdev.serve_drv import main; from nbdev.processors import FilterDefaults;'
            'main((Path(sys.argv[1]), Path(sys.argv[2]), FilterDefaults))')
    run([sys.executable, '-c', code] + ([str(src), str(dst)] if src else []),
        f'nbdev processing of {src.name if src else "nbs/"}')


def execute(src: Path, dst: Path, timeout: int):
    "Run the notebook `src` top to bottom in a fresh kernel, working directory nbs/, and save it with its outputs as `dst`."
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
    "nbdev's name for a notebook's page: 01_models.ipynb -> models (as in sr_notebook/_modidx.py)."
    return re.sub(r'^\d+_', '', nb.stem)


def doc_prefix() -> str:
    "Where nbdev's links to the API docs point (settings.ini's doc_host + doc_baseurl)."
    cfg = ConfigParser(delimiters=['='])
    cfg.read(ROOT/'settings.ini', encoding='utf-8')
    return cfg['DEFAULT']['doc_host'].rstrip('/') + '/' + cfg['DEFAULT']['doc_baseurl'].strip('/')


def source_host() -> str:
    "settings.ini's git_url when it is a placeholder (an .invalid or example host), whose links lead nowhere; else ''."
    cfg = ConfigParser(delimiters=['='])
    cfg.read(ROOT/'settings.ini', encoding='utf-8')
    url = cfg['DEFAULT'].get('git_url', '')
    return url if re.search(r'\.invalid\b|//example\.', url) else ''


def fix_markdown(md: str, prefix: str) -> str:
    "Links to the docs host become links between the site's pages; Quarto's `[text](url){attrs}` becomes HTML; placeholder source links go."
    md = re.sub(re.escape(prefix.rstrip('/')) + r'/([\w-]+\.html)', r'\1', md)
    md = re.sub(r'\[([^\]]*)\]\(([^)\s]*)\)\{([^}]*)\}', r'<a href="\2" \3>\1</a>', md)
    return re.sub(r'<a href="' + re.escape(source_host()) + r'[^"]*"[^>]*>source</a>\s*', '', md) if source_host() else md


_directive = re.compile(r'^#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def for_mkdocs(nb: dict, prefix: str, prose_only: bool = False) -> dict:
    "A processed notebook as mkdocs-jupyter reads it: Quarto's front matter and cell options become a title and tags; `prose_only`: no code."
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
            opts = dict(_directive.match(l).groups() for l in lines if _directive.match(l))
            c['source'] = '\n'.join(l for l in lines if not _directive.match(l)).strip()
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
    if not widgets.get('state'): nb['metadata'].pop('widgets', None)   # else the page loads the widget manager from a CDN
    return nb


def commands_page() -> str:
    "The command line's page: `sr-notebook --help`, then each command's usage, options with their defaults, and examples."
    def helptext(*args):
        r = subprocess.run([sys.executable, '-m', 'sr_notebook.cli', *args, '--help'], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, 'COLUMNS': '110'})
        if r.returncode: sys.exit(f"[docs] sr-notebook {' '.join(args)} --help failed:\n{r.stderr}")
        return r.stdout.rstrip()
    from sr_notebook.cli import COMMANDS
    parts = ['# Command line', '', '> `sr-notebook`, generated from its `--help`: every command, every option and its default, '
             'an example each.', '', '```', helptext(), '```']
    for name, (help, *_rest) in COMMANDS.items():
        parts += ['', f'## sr-notebook {name}', '', help[0].upper() + help[1:] + '.', '', '```', helptext(name), '```']
    return '\n'.join(parts) + '\n'


def build(execute_nbs=True, report=None, timeout=900, strict=True) -> Path:
    "Build the site (see the module's docstring); `report` replaces nbs/05_report.ipynb. Returns site/index.html."
    t0 = time.perf_counter()
    print('[docs] nbdev: processing the notebooks into _proc/', flush=True)
    nbdev_process()
    pages = {p.name: p for p in sorted(PROC.glob('*.ipynb')) if (NBS/p.name).exists()}   # not a removed notebook's
    with tempfile.TemporaryDirectory() as tmp:
        if execute_nbs:
            (Path(tmp)/'ran').mkdir()
            for name in EXECUTED:
                src = Path(report) if report and name == '05_report.ipynb' else NBS/name
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
            (DOCS_SRC/f'{page_name(Path(name))}.ipynb').write_text(json.dumps(nb, indent=1), encoding='utf-8')
        (DOCS_SRC/'commands.md').write_text(commands_page(), encoding='utf-8')
    print(f"[docs] mkdocs build{' --strict' if strict else ''}", flush=True)
    out = run([tool('mkdocs'), 'build', '--clean'] + (['--strict'] if strict else []), 'mkdocs build')
    warnings = [l for l in out.splitlines() if l.startswith('WARNING')]
    if warnings: print('[docs] mkdocs warnings:\n' + '\n'.join(warnings), flush=True)
    print(f'[docs] site built in {time.perf_counter() - t0:.0f} s: {SITE/"index.html"}', flush=True)
    return SITE/'index.html'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--no-execute', action='store_true', help='do not execute the report and index (quick tries)')
    ap.add_argument('--report', type=Path, help='render this notebook as the report page instead of nbs/05_report.ipynb')
    ap.add_argument('--timeout', type=int, default=900, help='seconds allowed per cell when executing (default 900)')
    ap.add_argument('--no-strict', action='store_true', help='do not fail on mkdocs warnings (they are printed)')
    ap.add_argument('--serve', nargs='?', type=int, const=8000, metavar='PORT',
                    help='serve site/ on http://127.0.0.1:PORT (default 8000) after building, for search; Ctrl-C stops it')
    ap.add_argument('--no-build', action='store_true', help='with --serve: serve the site already built')
    a = ap.parse_args()
    if not a.no_build: build(not a.no_execute, a.report, a.timeout, not a.no_strict)
    if a.serve:
        import functools
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
        srv = ThreadingHTTPServer(('127.0.0.1', a.serve), functools.partial(SimpleHTTPRequestHandler, directory=str(SITE)))
        print(f'[docs] serving {SITE} on http://127.0.0.1:{a.serve}/ (Ctrl-C stops it)', flush=True)
        try: srv.serve_forever()
        except KeyboardInterrupt: pass


if __name__ == '__main__':
    main()
