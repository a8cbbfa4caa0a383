#!/usr/bin/env bash
# Prepare the browser tests (tests_ui/): a Chromium at /usr/bin/chromium and Playwright in .venv.
# Idempotent: installs nothing that is already there. Never runs `playwright install`
# (that downloads a browser of its own); the tests drive the system Chromium instead.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON_VENV:-.venv/bin/python}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$CHROMIUM" ]; then
  echo "ui_setup: installing Debian chromium (about 40 s)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
test -x "$CHROMIUM" || { echo "ui_setup: $CHROMIUM still missing" >&2; exit 1; }

if [ ! -x "$PY" ]; then
  echo "ui_setup: $PY not found; run 'make setup' first" >&2
  exit 1
fi
if ! "$PY" -c 'import playwright.sync_api' 2>/dev/null; then
  echo "ui_setup: installing playwright into .venv"
  "$PY" -m pip install --quiet 'playwright>=1.40'
fi
echo "ui_setup: ok ($("$CHROMIUM" --version 2>/dev/null | head -n1), playwright importable)"
