#!/usr/bin/env bash
# Build the standalone one-folder program with PyInstaller and smoke-test it outside the venv.
#
#   bash scripts/build_standalone.sh            # build into dist/wjself and smoke-test
#   bash scripts/build_standalone.sh --if-available   # skip (exit 0) when PyInstaller is absent
#
# The result, dist/wjself/, runs on a machine without Python: `wjself` opens the window,
# `wjself-cli` is the command line. On Windows run the same pyinstaller line in a venv
# (see docs/building.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  if [ "${1:-}" = "--if-available" ]; then
    echo "standalone build skipped: PyInstaller is not installed (pip install pyinstaller)"
    exit 0
  fi
  "$PY" -m pip install -q pyinstaller
fi

"$PY" -m PyInstaller packaging/wjself.spec --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller

exe=dist/wjself/wjself-cli
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
run() { env -i HOME="$smoke/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$exe" --data-dir "$smoke/data" "$@"; }

echo "--- smoke: --version"; run --version
echo "--- smoke: template validate"; run template validate resources/templates/*.json >/dev/null
echo "--- smoke: --exit-after-startup"; run --exit-after-startup 2>/dev/null
if run demo --help >/dev/null 2>&1; then
  echo "--- smoke: demo"; ids=$(run demo)
  if run report --help >/dev/null 2>&1; then
    echo "--- smoke: report pdf"
    # shellcheck disable=SC2086
    run report pdf $ids -o "$smoke/demo.pdf"
    head -c 5 "$smoke/demo.pdf" | grep -q '%PDF-'
  fi
fi
echo "standalone build OK: dist/wjself ($(du -sh dist/wjself | cut -f1))"
