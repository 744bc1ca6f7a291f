#!/usr/bin/env bash
# test.sh - set up everything (apt + pip) and run every gate: ruff, mypy, import-linter, pytest
# (inside a throw-away desktop: Xvfb + openbox + D-Bus + gnome-keyring; PostgreSQL for firm mode).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
echo "== ruff";          .venv/bin/ruff check src tests bench
echo "== mypy";          .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports
if [ -z "${LEDGERWATCH_TEST_PG_URL:-}" ]; then
  LW_PG_DATA=$(mktemp -d -t lw-pg.XXXXXX)
  export LW_PG_DATA
  trap 'scripts/stop-postgres.sh "$LW_PG_DATA"' EXIT  # the throw-away server goes with the run
  if LEDGERWATCH_TEST_PG_URL=$(scripts/start-postgres.sh); then
    export LEDGERWATCH_TEST_PG_URL
  elif [ -n "${CI:-}" ]; then
    echo "PostgreSQL did not start: CI needs it for the firm-mode tests" >&2; exit 1
  else
    echo "PostgreSQL did not start: firm-mode tests will skip"
  fi
fi
echo "== pytest"
.ci/with-desktop.sh .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
