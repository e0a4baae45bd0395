#!/usr/bin/env bash
# Quick start, part 2: lint, the import contract, and the tests (headless).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || { echo "error: run 'bash tools/setup.sh' first (no .venv)" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen
echo "==> ruff"
"$PY" -m ruff check .
"$PY" -m ruff format --check .
echo "==> import-linter"
.venv/bin/lint-imports
echo "==> pytest"
"$PY" -m pytest "$@"
