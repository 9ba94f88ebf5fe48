"""Write README.md from nbs/index.ipynb (nbdev's `readme_nb`), without Quarto.

`nbdev_readme` renders through Quarto, which cannot be installed here; this does the part we need:
markdown cells as they are, code cells (minus `#|` directives) as python blocks with their text outputs,
cells marked `#| hide` left out, cells marked `#| echo: false` shown by their outputs alone.   usage: python tools/make_readme.py
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cell_text(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']


def render(nb) -> str:
    parts = ['<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->']
    for c in nb['cells']:
        src = cell_text(c)
        lines = src.splitlines()
        if any(l.strip().replace(' ', '') in ('#|hide', '#|hide_input') for l in lines): continue
        if c['cell_type'] == 'markdown':
            parts.append(src.strip())
            continue
        if c['cell_type'] != 'code': continue
        code = '\n'.join(l for l in lines if not l.lstrip().startswith('#|')).strip()
        echo = not any(l.strip().replace(' ', '') == '#|echo:false' for l in lines)   # `#| echo: false`: outputs only
        if code and echo: parts.append(f'```python\n{code}\n```')
        for o in c.get('outputs', []):
            if o.get('name') == 'stderr': continue      # warnings are not part of the README
            text = o.get('text') or o.get('data', {}).get('text/markdown') or o.get('data', {}).get('text/plain')
            if text:
                text = ''.join(text).rstrip()
                parts.append(text if 'text/markdown' in o.get('data', {}) else f'```\n{text}\n```')
    return '\n\n'.join(parts) + '\n'


if __name__ == '__main__':
    nb = json.loads((ROOT/'nbs'/'index.ipynb').read_text(encoding='utf-8'))
    out = render(nb)
    readme = ROOT/'README.md'
    if not readme.exists() or readme.read_text(encoding='utf-8') != out:
        readme.write_text(out, encoding='utf-8')
