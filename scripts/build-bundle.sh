#!/usr/bin/env bash
# build-bundle.sh - build the one-folder PyInstaller bundle into dist/ledgerwatch/ and smoke-test it.
# Usage: scripts/build-bundle.sh [--no-check]
# Env:   PYTHON (default .venv/bin/python), DIST (default dist), WORK (default build/pyinstaller),
#        CLEAN=1 to empty PyInstaller's cache first (release builds)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
DIST=${DIST:-$ROOT/dist}
WORK=${WORK:-$ROOT/build/pyinstaller}
CHECK=1
[ "${1:-}" = "--no-check" ] && CHECK=0

"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "build-bundle: PyInstaller is not installed in $PYTHON (pip install pyinstaller)" >&2
  exit 3
}
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm ${CLEAN:+--clean} --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/pyinstaller/ledgerwatch.spec
end=$(date +%s)

BUNDLE="$DIST/ledgerwatch"
if [ "$CHECK" = 1 ]; then
  "$BUNDLE/ledgerwatch" --version
fi
size=$(du -sm "$BUNDLE" | cut -f1)
echo "build-bundle: $BUNDLE (${size} MB) built in $((end - start)) s"
