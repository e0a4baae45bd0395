#!/usr/bin/env bash
# Quick start, part 1: install what Banmian needs on Debian/Ubuntu, then run the main job.
#   bash tools/setup.sh            # install, then open the app (no screen: export the sample PDF)
#   bash tools/setup.sh --no-run   # install only (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

run_after=1
[ "${1:-}" = "--no-run" ] && run_after=0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Qt's runtime libraries for the offscreen and xcb platforms (PLATFORM.md), a virtual screen,
# Python's venv, and the PDF tools the print tests use.
CORE_PKGS="python3 python3-venv python3-pip ca-certificates libgl1 libegl1 libxkbcommon0
  libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1
  libxcb-xkb1 xvfb xauth ghostscript poppler-utils"
# PostgreSQL for server libraries (a newsroom's shared library, README "A newsroom server") and
# for the tests, which start a throwaway server of their own from its binaries (initdb, pg_ctl)
# in a temporary folder, on a unix socket there and no TCP port: the "main" cluster the package
# makes (and may start) on port 5432 is never touched by them, and is the one `banmian server
# init` can use on a newsroom's server.
SERVER_PKGS="postgresql"
# CJK fonts: Noto (宋/黑, converted to TrueType on first use), 文泉驿正黑, AR PL 明体, 霞鹜文楷.
FONT_PKGS="fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-gbsn00lp fonts-lxgw-wenkai"

if command -v apt-get >/dev/null 2>&1; then
  echo "==> apt-get: system packages"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends $CORE_PKGS
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends $SERVER_PKGS
  for pkg in $FONT_PKGS; do
    # A font missing from an older release is not fatal: the registry falls back and says so.
    $SUDO apt-get install -y -q --no-install-recommends "$pkg" \
      || echo "warning: font package $pkg is not available here" >&2
  done
else
  echo "warning: no apt-get; install Qt's libraries and CJK fonts yourself (see README)" >&2
fi

PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "error: Banmian needs Python 3.11 or newer ($("$PY" --version))" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "==> python venv: .venv"
  "$PY" -m venv .venv
fi
echo "==> pip: the project and its test tools"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

if [ "$run_after" = 1 ]; then
  echo "==> banmian"
  exec .venv/bin/python main.py
fi
