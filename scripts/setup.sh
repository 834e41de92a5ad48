#!/usr/bin/env bash
# Sets up .venv with wjself (and, with --test, its test tools) on a fresh Debian/Ubuntu
# machine with Python 3.11+: installs the few system libraries Qt needs when they are missing
# (as root, or with sudo), then pip-installs the project. Re-running is quick: the install is
# skipped while pyproject.toml is unchanged.
set -euo pipefail

cd "$(dirname "$0")/.."
extra=""
gui=0
for arg in "$@"; do
  case "$arg" in
    --test) extra="[test]" ;;
    --gui) gui=1 ;;
  esac
done

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "wjself needs Python 3.11 or newer (apt install python3)" >&2
  return 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "please install as root: $*" >&2; return 1
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || { echo "missing system packages: $* (install them with your package manager)" >&2; return 0; }
  echo "installing system packages: $*" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

PY=$(find_python)

# Debian ships venv and ensurepip separately from python3.
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt_install "python${ver}-venv" || apt_install python3-venv
fi

# Libraries the PySide6 wheels load even offscreen; the window also needs the xcb ones.
missing=()
have_lib libGL.so.1 || missing+=(libgl1)
have_lib libEGL.so.1 || missing+=(libegl1)
have_lib libxkbcommon.so.0 || missing+=(libxkbcommon0)
have_lib libfontconfig.so.1 || missing+=(libfontconfig1)
have_lib libglib-2.0.so.0 || missing+=(libglib2.0-0)
have_lib libdbus-1.so.3 || missing+=(libdbus-1-3)
if [ "$gui" = 1 ]; then
  have_lib libxcb-cursor.so.0 || missing+=(libxcb-cursor0)
  have_lib libxkbcommon-x11.so.0 || missing+=(libxkbcommon-x11-0)
  have_lib libxcb-icccm.so.4 || missing+=(libxcb-icccm4)
  have_lib libxcb-keysyms.so.1 || missing+=(libxcb-keysyms1)
  have_lib libxcb-shape.so.0 || missing+=(libxcb-shape0)
  have_lib libxcb-render-util.so.0 || missing+=(libxcb-render-util0)
  have_lib libxcb-image.so.0 || missing+=(libxcb-image0)
fi
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}" || true; fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.wjself-installed${extra}"
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
  echo "$want" > "$stamp"
fi
