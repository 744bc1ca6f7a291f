#!/usr/bin/env bash
# build-bundle.sh - build the one-folder PyInstaller bundle into dist/ledgerwatch/ and smoke-test it.
#
# Release bundles are built from a runtime-only environment: a virtualenv (RUNTIME_VENV, default
# build/runtime-venv, made again when pyproject.toml changes) holding ledgerwatch with its `firm` extra (the
# PostgreSQL driver firm mode needs) and PyInstaller, and no development packages (pytest, mypy, ...). PYTHON
# names another environment to build from instead (as is, for experiments). On Windows the executables are
# signed when a certificate is configured (scripts/sign.sh: SIGN_PFX or SIGN_CERT+SIGN_KEY, SIGN_TIMESTAMP_URL);
# the macOS app is signed by scripts/build-pkg.sh.
# Usage: scripts/build-bundle.sh [--no-check]
# Env:   PYTHON, RUNTIME_VENV, BASE_PYTHON (makes the runtime venv; default python3), DIST (default dist),
#        WORK (default build/pyinstaller), CLEAN=1 to empty PyInstaller's cache first (release builds)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DIST=${DIST:-$ROOT/dist}
WORK=${WORK:-$ROOT/build/pyinstaller}
CHECK=1
[ "${1:-}" = "--no-check" ] && CHECK=0

if [ -z "${PYTHON:-}" ]; then
  RUNTIME_VENV=${RUNTIME_VENV:-$ROOT/build/runtime-venv}
  venv_python() { if [ -x "$RUNTIME_VENV/Scripts/python.exe" ]; then echo "$RUNTIME_VENV/Scripts/python.exe"; else echo "$RUNTIME_VENV/bin/python"; fi; }
  want=$(sha256sum pyproject.toml | cut -c1-16)
  if [ ! -x "$(venv_python)" ] || [ "$(cat "$RUNTIME_VENV/.ledgerwatch-stamp" 2>/dev/null)" != "$want" ]; then
    t0=$(date +%s)
    rm -rf "$RUNTIME_VENV"
    "${BASE_PYTHON:-python3}" -m venv "$RUNTIME_VENV"
    "$(venv_python)" -m pip install -q --disable-pip-version-check ".[firm]" "pyinstaller>=6"
    echo "$want" >"$RUNTIME_VENV/.ledgerwatch-stamp"
    echo "build-bundle: runtime environment $RUNTIME_VENV made in $(($(date +%s) - t0)) s"
  fi
  PYTHON=$(venv_python)
fi

"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "build-bundle: PyInstaller is not installed in $PYTHON (pip install pyinstaller)" >&2
  exit 3
}
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm ${CLEAN:+--clean} --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/pyinstaller/ledgerwatch.spec
end=$(date +%s)

BUNDLE="$DIST/ledgerwatch"
if [ -f "$BUNDLE/ledgerwatch.exe" ]; then
  bash "$ROOT/scripts/sign.sh" "$BUNDLE/ledgerwatch.exe" "$BUNDLE/ledgerwatchw.exe"
fi
if [ "$CHECK" = 1 ]; then
  "$BUNDLE/ledgerwatch" --version
fi
size=$(du -sm "$BUNDLE" | cut -f1)
echo "build-bundle: $BUNDLE (${size} MB) built in $((end - start)) s"
