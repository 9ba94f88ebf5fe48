"""Lines a person can read, in the package, tools/, scripts/ and benchmarks/ (its .py and .sh files).

No line over 120 characters, no `;`-joined statements, docstring first lines of at most 100 characters (as BasicSR's
flake8 setting, with `E702`). The test suite runs it (tools/run_tests.py).

usage: python tools/check_lines.py [PATH ...]     # default: the four folders; exits 1 and lists each offence
"""
import ast
import io
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ('sr_notebook', 'tools', 'scripts', 'benchmarks')
MAX_LINE = 120
MAX_DOC = 100
SKIP = {'_modidx.py'}           # nbdev's generated index of symbols


def semicolons(src: str) -> list[int]:
    "Line numbers of `;` tokens that join statements (strings and comments are not tokens of this kind)."
    toks = tokenize.generate_tokens(io.StringIO(src).readline)
    return [t.start[0] for t in toks if t.type == tokenize.OP and t.string == ';']


def long_docstrings(src: str) -> list[int]:
    "Line numbers of docstrings whose first line is over `MAX_DOC` characters."
    out = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=True)
            if doc and len(doc.splitlines()[0]) > MAX_DOC: out.append(node.body[0].lineno)
    return out


def all_lines(src: str) -> set[int]:
    "Line numbers of the `__all__` list nbdev writes (wrapped at 120 before `__all__ = ` is added)."
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and [getattr(t, 'id', '') for t in node.targets] == ['__all__']:
            return set(range(node.lineno, node.end_lineno + 1))
    return set()


def offences(path: Path) -> list[str]:
    "What is wrong in one file, a line each: `path:line: what`."
    src = path.read_text(encoding='utf-8')
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    generated = all_lines(src) if path.parent.name == 'sr_notebook' else set()
    out = [f'{rel}:{i}: {len(ln)} characters' for i, ln in enumerate(src.splitlines(), 1)
           if len(ln) > MAX_LINE and i not in generated]
    if path.suffix == '.py':
        out += [f'{rel}:{i}: statements joined with ;' for i in semicolons(src)]
        out += [f'{rel}:{i}: docstring first line over {MAX_DOC} characters' for i in long_docstrings(src)]
    return out


def files(paths) -> list[Path]:
    "The .py and .sh files under `paths`."
    found = []
    for p in map(Path, paths):
        found += [p] if p.is_file() else sorted(q for q in p.rglob('*') if q.suffix in ('.py', '.sh'))
    return [f for f in found if f.name not in SKIP and '__pycache__' not in f.parts]


def main(argv=None) -> int:
    paths = (argv if argv is not None else sys.argv[1:]) or [ROOT/f for f in FOLDERS]
    bad = [o for f in files(paths) for o in offences(f)]
    print('\n'.join(bad) if bad else 'lines: all within 120 characters, no ; joins, short docstring first lines')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
