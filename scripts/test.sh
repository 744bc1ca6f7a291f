#!/usr/bin/env bash
# test.sh - set up everything (apt + pip) and run every gate: ruff, mypy, import-linter, pytest
# (inside a throw-away desktop: Xvfb + openbox + D-Bus + gnome-keyring; PostgreSQL for firm mode).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
echo "== ruff";          .venv/bin/ruff check src tests bench
echo "== mypy";          .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports
if [ -z "${LEDGERWATCH_TEST_PG_URL:-}" ] && [ -d /usr/lib/postgresql ]; then
  LEDGERWATCH_TEST_PG_URL=$(scripts/start-postgres.sh) && export LEDGERWATCH_TEST_PG_URL || echo "PostgreSQL did not start: firm-mode tests will skip"
fi
echo "== pytest"
.ci/with-desktop.sh .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
