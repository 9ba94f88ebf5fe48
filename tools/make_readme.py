"""Write README.md from nbs/index.ipynb (nbdev's `readme_nb`), without Quarto.

usage: python tools/make_readme.py

`nbdev_readme` renders through Quarto, which cannot be installed here; this does the part we need:
markdown cells as they are, code cells (minus `#|` directives) as python blocks with their text outputs,
cells marked `#| hide` left out, cells marked `#| echo: false` shown by their outputs alone. A figure (a PNG
output) is written to docs/images/index-CELLID.png and shown by a link, its alt text from `#| fig-alt:`.
"""
import base64
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT/'docs'/'images'          # the README's figures, written here from the notebook's outputs


def cell_text(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']


def option(lines, name: str) -> str | None:
    "The value of the cell option `#| name: value`, or None."
    for ln in lines:
        key, _, value = ln.strip().removeprefix('#|').partition(':')
        if ln.strip().startswith('#|') and key.strip() == name: return value.strip()
    return None


def render(nb, figures: dict | None = None) -> str:
    "The README's text; `figures` collects {relative path: PNG bytes} for the figures it links to."
    figures = {} if figures is None else figures
    parts = ['<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->']
    for c in nb['cells']:
        src = cell_text(c)
        lines = src.splitlines()
        if any(ln.strip().replace(' ', '') in ('#|hide', '#|hide_input') for ln in lines): continue
        if c['cell_type'] == 'markdown':
            parts.append(src.strip())
            continue
        if c['cell_type'] != 'code': continue
        code = '\n'.join(ln for ln in lines if not ln.lstrip().startswith('#|')).strip()
        echo = option(lines, 'echo') != 'false'               # `#| echo: false`: outputs only
        if code and echo: parts.append(f'```python\n{code}\n```')
        for o in c.get('outputs', []):
            if o.get('name') == 'stderr': continue      # warnings are not part of the README
            data = o.get('data', {})
            if 'image/png' in data:
                rel = f'{IMAGES.relative_to(ROOT).as_posix()}/index-{c["id"]}.png'
                figures[rel] = base64.b64decode(''.join(data['image/png']))
                parts.append(f'![{option(lines, "fig-alt") or "figure"}]({rel})')
                continue
            text = o.get('text') or data.get('text/markdown') or data.get('text/plain')
            if text:
                text = ''.join(text).rstrip()
                parts.append(text if 'text/markdown' in data else f'```\n{text}\n```')
    return '\n\n'.join(parts) + '\n'


def write(path: Path, data: bytes):
    "Write `data` to `path` only when it differs (so that an unchanged README leaves no trace in git)."
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main():
    nb = json.loads((ROOT/'nbs'/'index.ipynb').read_text(encoding='utf-8'))
    figures = {}
    write(ROOT/'README.md', render(nb, figures).encode('utf-8'))
    for rel, png in figures.items(): write(ROOT/rel, png)
    for old in IMAGES.glob('index-*.png'):                  # figures of cells that are gone
        if old.relative_to(ROOT).as_posix() not in figures: old.unlink()


if __name__ == '__main__':
    main()
