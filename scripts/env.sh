#!/usr/bin/env bash
# Create (or reuse) the project's virtual environment and install sr_notebook with its dev extras.
# Sourced by scripts/main.sh and scripts/test.sh; needs nothing but python3 (and PyPI).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SR_VENV:-$ROOT/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "[env] creating $VENV"
  python3 -m venv "$VENV"
fi
stamp="$VENV/.sr_notebook_installed"
# reinstall only when the packaging changed since the last install
if [ ! -f "$stamp" ] || [ "$ROOT/setup.py" -nt "$stamp" ] || [ "$ROOT/settings.ini" -nt "$stamp" ] \
   || ! "$VENV/bin/python" -c "import sr_notebook, nbdev" >/dev/null 2>&1; then
  echo "[env] installing sr_notebook and its dependencies into $VENV (first time: a few minutes, torch is large)"
  log="$VENV/install.log"
  if ! { "$VENV/bin/python" -m pip install --upgrade pip \
         && "$VENV/bin/python" -m pip install -e "$ROOT[dev]"; } >"$log" 2>&1; then
    tail -40 "$log"; echo "[env] installation failed; the whole log is in $log" >&2; exit 1
  fi
  touch "$stamp"
fi
# Debian's Chromium, for the docs-site test (tools/test_docs.py); without it that test is skipped
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "[env] installing Debian's chromium for the docs test (log: $VENV/apt.log)"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } \
       >"$VENV/apt.log" 2>&1; then
    echo "[env] could not install chromium (see $VENV/apt.log): the docs test will be skipped" >&2
  fi
fi
export PATH="$VENV/bin:$PATH"
cd "$ROOT"
