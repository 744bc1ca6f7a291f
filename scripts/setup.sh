#!/usr/bin/env bash
# setup.sh [--dev] - install what ledgerwatch needs on a fresh Debian/Ubuntu machine into ./.venv.
# Without --dev: the runtime (Python packages). With --dev: also the test stack (Xvfb, a window manager,
# xdotool, Chromium, D-Bus + gnome-keyring, PostgreSQL, installer tools) and the dev Python packages.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0; [ "${1:-}" = "--dev" ] && DEV=1
PY=${PYTHON:-python3}
t0=$SECONDS
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  PKGS=(python3-venv)
  if [ $DEV = 1 ]; then
    PKGS+=(
      xvfb xauth x11-utils x11-xserver-utils xdotool openbox xterm   # real X11 windows for capture tests
      dbus dbus-x11 gnome-keyring                                    # a real SecretService for keyring tests
      chromium fonts-liberation                                      # the review page in a real browser
      nodejs                                                         # axe-core (tests/js) for accessibility checks
      libnotify-bin dunst                                            # desktop notifications
      postgresql                                                     # firm mode (billing on PostgreSQL)
      poppler-utils                                                  # PDF -> PNG for invoice artifacts
      wixl msitools libarchive-tools shellcheck lintian osslsigncode # installers: MSI build/inspect/sign, deb and pkg checks
      systemd util-linux gnupg                                       # a throw-away systemd user manager; deb signing
    )
    # Debian's npm package conflicts with a nodejs that brings its own npm (NodeSource's): ask only when absent.
    command -v npm >/dev/null || PKGS+=(npm)
  fi
  # One dpkg query for the lot; apt runs only when something is missing.
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PKGS[@]}" 2>/dev/null | awk '/ ok installed$/ {print $1}' || true)
  missing=()
  for p in "${PKGS[@]}"; do grep -qx "$p" <<<"$installed" || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  echo "setup: system packages ready ($((SECONDS-t0))s)"
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# pip runs only when pyproject.toml changed since the last install into this .venv (the project itself is
# installed editable, so source edits need none); a dev install also satisfies a runtime one.
STAMP=.venv/.ledgerwatch-installed
WANT=$(sha256sum pyproject.toml | cut -d' ' -f1)
read -r HAVE HAVE_DEV 2>/dev/null <"$STAMP" || HAVE=""
if [ "$HAVE" = "$WANT" ] && [ "${HAVE_DEV:-0}" -ge $DEV ] && .venv/bin/python -c "import ledgerwatch" 2>/dev/null; then
  echo "setup: python packages up to date (pyproject.toml unchanged since $STAMP)"
else
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  TARGET=.; [ $DEV = 1 ] && TARGET=".[dev]"
  if ! .venv/bin/pip install -q -e "$TARGET" 2>&1 | { grep -v "^WARNING: Location" || true; }; then
    echo "setup: pip could not install $TARGET" >&2
    exit 1
  fi
  .venv/bin/python -c "import ledgerwatch"
  echo "$WANT $DEV" >"$STAMP"
  echo "setup: python packages ready ($((SECONDS-t0))s)"
fi
# axe-core, injected into the review page by Playwright: npm runs only when its lock file changed.
if [ $DEV = 1 ] && command -v npm >/dev/null; then
  LOCK=$(sha256sum tests/js/package-lock.json | cut -d' ' -f1)
  NPM_STAMP=tests/js/node_modules/.ledgerwatch-installed
  if [ "$(cat "$NPM_STAMP" 2>/dev/null)" != "$LOCK" ]; then
    npm ci --prefix tests/js --no-audit --no-fund --silent
    echo "$LOCK" >"$NPM_STAMP"
    echo "setup: tests/js packages ready ($((SECONDS-t0))s)"
  fi
fi
