#!/usr/bin/env bash
# check.sh [PYTEST ARGS...] - the fast loop: ruff, mypy, import-linter, then the tests that need no display,
# browser or PostgreSQL. Installs nothing and starts nothing; a minute or two.
# Python: $PYTHON if set, else ./.venv (scripts/setup.sh --dev makes it), else python3 with the dev tools.
# The full gate (every test, in a throw-away desktop, with PostgreSQL) is scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${PYTHON:-}" ]; then PY=$PYTHON
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
else PY=python3
fi
for module in ruff mypy importlinter pytest; do
  "$PY" -c "import $module" 2>/dev/null || {
    echo "check: $module is missing for $PY; run scripts/setup.sh --dev (or set PYTHON)" >&2; exit 3; }
done
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"  # this checkout, whichever environment runs it
t0=$SECONDS
echo "== ruff";          "$PY" -m ruff check src tests bench
echo "== mypy";          "$PY" -m mypy
LINT=$(dirname "$PY")/lint-imports; [ -x "$LINT" ] || LINT=lint-imports
echo "== import-linter"; "$LINT"
echo "== pytest (fast)"
"$PY" -m pytest -q -p no:cacheprovider -m "not slow and not desktop and not browser and not postgres" "$@"
echo "check: all green in $((SECONDS - t0)) s (the full gate: scripts/test.sh)"
