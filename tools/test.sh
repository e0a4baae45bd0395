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
# A temporary folder of their own, so that anything Banmian forgets in it shows (and goes).
scratch="$(mktemp -d "${TMPDIR:-/tmp}/test-scratch-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" "$PY" -m pytest "$@"
left="$(find "$scratch" -mindepth 1 -maxdepth 1 -name 'banmian-*')"
if [ -n "$left" ]; then
  echo "error: the tests left temporary files behind:" >&2
  echo "$left" >&2
  exit 1
fi
