"""Build the docs site and look at it as a reader would, in headless Chromium (Debian's; Playwright).

usage: python tools/test_docs.py [--no-build] [--no-execute] [--report NOTEBOOK]

Serves site/ on a localhost port and checks: the home page is not blank; every notebook of nbs/ and every page
of docs/ has its page, in the navigation; the report page shows its figures and its results table with a bicubic
row, and no code, and dragging a before/after slider changes the picture; the command line's page lists every
command and option; the results page holds the results table; the benchmarks page holds every printout of
benchmarks/results/ and scripts/results/; the development page names every notebook; no page links to the
placeholder source host; search finds pages; the API pages show `get_model`'s and `upscale`'s signature and
docstring; no page asks for anything outside localhost.
Prints a PASS/FAIL line per check and exits 1 on any failure; without Chromium (scripts/env.sh installs it) it
prints SKIP and exits 0. Screenshots: out/docs_test/.
`--report` renders another notebook as the report page (to try the checks before the report is written).
"""
import argparse, ast, functools, importlib.util, sys, tempfile, threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from build_docs import RESULTS, notebooks, page_name      # noqa: E402  (tools/ is not a package)
SITE, SHOTS = ROOT/'site', ROOT/'out'/'docs_test'
CHROMIUM = '/usr/bin/chromium'
# --headless and --user-data-dir (a fresh temporary profile) are passed by Playwright itself. Without the
# background-networking flags Chromium's own connections are refused here and it stalls.
FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync']
API = {'models.html': ('models', 'get_model'), 'upscale.html': ('upscale', 'upscale')}


def skip_reason():
    "Why the test cannot run on this machine, or None."
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing; scripts/env.sh installs Debian's chromium when run as root"
    if importlib.util.find_spec('playwright') is None:
        return 'the playwright package is missing; pip install -e ".[dev]"'


def serve(folder):
    "An HTTP server for `folder` on a free localhost port, in a thread; returns (server, base URL)."
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    srv = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'


def not_blank(png) -> tuple[bool, str]:
    "A screenshot with real content: many distinct colours and some contrast (a blank page has neither)."
    import numpy as np
    from PIL import Image
    a = np.asarray(Image.open(png).convert('RGB'))
    colours, std = len(np.unique(a.reshape(-1, 3), axis=0)), float(a.std())
    return colours >= 64 and std >= 10, f'{colours} colours, pixel std {std:.1f}'


def docstring(module, name) -> str:
    "The docstring's words before its first code span (as they read once rendered), from the source."
    tree = ast.parse((ROOT/'sr_notebook'/f'{module}.py').read_text(encoding='utf-8'))
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_docstring(fn).split('`')[0].strip()


def check_pages(base, results):
    from playwright.sync_api import sync_playwright
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside = []                    # every request that leaves localhost
    def check(name, ok, detail=''):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f' ({detail})' if detail else ''), flush=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
                                                   viewport={'width': 1280, 'height': 900})
        ctx.on('request', lambda r: outside.append(r.url) if urlparse(r.url).scheme in ('http', 'https', 'ws', 'wss')
               and urlparse(r.url).hostname not in ('127.0.0.1', 'localhost') else None)
        page = ctx.new_page()
        # (a) the home page renders
        page.goto(base + 'index.html')
        page.screenshot(path=SHOTS/'home.png')
        check('home page is not blank', *not_blank(SHOTS/'home.png'))
        # (a2) every notebook and every page of docs/ has its page, linked from the navigation
        links = set(page.eval_on_selector_all('.md-nav a', 'els => els.map(e => e.getAttribute("href"))'))
        links = {urlparse(h).path.removeprefix('./') or 'index.html' for h in links if h}
        links = {'index.html' if h in ('.', '/') else h for h in links}
        want = [f'{page_name(nb)}.html' for nb in notebooks()] + [f'{f.stem}.html' for f in (ROOT/'docs').glob('*.md')]
        lost = [w for w in want if w not in links or not (SITE/w).exists()]
        check('every notebook and docs page is in the navigation', not lost, ', '.join(lost) or f'{len(want)} pages')
        # (a3) the results page and the benchmark printouts
        page.goto(base + 'results.html')
        tables = page.eval_on_selector_all('table', 'els => els.map(e => e.innerText)')
        check('results page shows the results table with a bicubic row', any('bicubic' in t for t in tables),
              f'{len(tables)} tables')
        page.goto(base + 'benchmarks.html')
        text = page.inner_text('body')
        files = [f'{f.parent.parent.name}/results/{f.name}' for d in RESULTS for f in sorted((ROOT/d).glob('*.txt'))]
        gone = [f for f in files if f not in text]
        check('benchmarks page shows every printout', bool(files) and not gone,
              ', '.join(gone) or f'{len(files)} files')
        page.goto(base + 'development.html')
        text = page.inner_text('body')
        unnamed = [nb.stem for nb in notebooks() if nb.stem != 'index' and nb.stem not in text]
        check("development page's table names every notebook", not unnamed, ', '.join(unnamed) or 'all named')
        # (b) the report page: its figures (matplotlib PNGs) and its results table
        page.goto(base + 'report.html')
        page.screenshot(path=SHOTS/'report.png', full_page=True)
        widths = page.eval_on_selector_all('.jupyter-wrapper img', 'els => els.map(e => e.naturalWidth)')
        shown = sum(w > 0 for w in widths)
        check('report page shows its figures', shown >= 3, f'{shown} of {len(widths)} images rendered, 3 needed')
        tables = page.eval_on_selector_all('.jupyter-wrapper table', 'els => els.map(e => e.innerText)')
        check('report page shows the results table with a bicubic row', any('bicubic' in t for t in tables),
              f'{len(tables)} tables')
        inputs = page.eval_on_selector_all('.jupyter-wrapper .jp-CodeCell .jp-InputArea', 'els => els.length')
        check('report page shows no code', inputs == 0, f'{inputs} code cells')
        # the before/after viewer: dragging its slider changes what is shown
        sliders = page.locator('.sr-compare')
        if sliders.count():
            box = sliders.first
            box.scroll_into_view_if_needed()
            clip = lambda: box.locator('.sr-after').evaluate('e => e.style.clipPath')
            before, shot0 = clip(), box.screenshot(path=str(SHOTS/'slider_before.png'))
            r = box.locator('.sr-slider').bounding_box()
            page.mouse.move(r['x'] + r['width'] / 2, r['y'] + r['height'] / 2)
            page.mouse.down()
            page.mouse.move(r['x'] + r['width'] * 0.1, r['y'] + r['height'] / 2, steps=8)
            page.mouse.up()
            after, shot1 = clip(), box.screenshot(path=str(SHOTS/'slider_after.png'))
            check('dragging the before/after slider changes the picture', before != after and shot0 != shot1,
                  f'{sliders.count()} viewers; clip {before} -> {after}')
        else: check('report page has a before/after viewer', False, 'no .sr-compare element')
        # (b2) the command line's page: every command and every option, from --help
        page.goto(base + 'commands.html')
        text = page.inner_text('body')
        missing = [f'{c} {o}' for c, opts in cli_options().items() for o in opts if o not in text] + \
                  [c for c in cli_options() if f'sr-notebook {c}' not in text]
        check('commands page lists every command and option', not missing,
              ', '.join(missing[:5]) or f'{len(cli_options())} commands')
        # (b3) no link to a placeholder host
        dead = [h for h in ('example.invalid',) if any(h in page_html for page_html in site_html())]
        check('no links to placeholder hosts', not dead, ', '.join(dead))
        # (c) the API docs: a heading, the signature and the docstring of a function
        for html, (module, fn) in API.items():
            page.goto(base + html)
            page.screenshot(path=SHOTS/html.replace('.html', '.png'))
            heads = page.eval_on_selector_all('.jupyter-wrapper h3', 'els => els.map(e => e.innerText.trim())')
            code = page.eval_on_selector_all('.jupyter-wrapper pre', 'els => els.map(e => e.innerText)')
            doc = docstring(module, fn)
            found = [fn in heads, any(f'def {fn}(' in c for c in code), doc in page.inner_text('.jupyter-wrapper')]
            check(f'{html} documents {fn}', all(found), 'heading, signature, docstring: ' + ', '.join(map(str, found)))
        # (d) search, on the site served as `python tools/build_docs.py --serve` serves it (browsers keep a page opened
        # from disk from starting the search worker)
        page.goto(base + 'index.html')
        page.keyboard.press('/')
        page.keyboard.type('upscale')
        try:
            page.wait_for_selector('.md-search-result__item', timeout=10000)
            hits = page.locator('.md-search-result__item').count()
        except Exception: hits = 0
        page.screenshot(path=SHOTS/'search.png')
        check('search finds pages', hits > 0, f'{hits} results for "upscale"')
        ctx.close()
    check('nothing requested outside localhost', not outside, ', '.join(sorted(set(outside))[:5]))


def cli_options() -> dict[str, list[str]]:
    "Every `sr-notebook` command and its options, from the parser itself."
    from sr_notebook.cli import build_parser
    sub = next(a for a in build_parser()._actions if a.dest == 'command')
    def options(p): return [o for a in p._actions for o in a.option_strings if o.startswith('--') and o != '--help']
    return {name: options(p) for name, p in sub.choices.items()}


def site_html():
    return (f.read_text(encoding='utf-8', errors='ignore') for f in SITE.glob('*.html'))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--no-build', action='store_true', help='test the site/ already built')
    ap.add_argument('--no-execute', action='store_true', help='build without executing the report and index')
    ap.add_argument('--report', type=Path, help='render this notebook as the report page (see tools/build_docs.py)')
    a = ap.parse_args()
    reason = skip_reason()
    if reason:
        print(f'SKIP  docs site: {reason}')
        return 0
    if not a.no_build:
        from build_docs import build
        build(not a.no_execute, a.report)
    results = []
    srv, base = serve(SITE)
    try: check_pages(base, results)
    finally: srv.shutdown()
    print(f'docs site: {sum(results)} of {len(results)} checks passed; screenshots in {SHOTS}')
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
