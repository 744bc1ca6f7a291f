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
      nodejs npm                                                     # axe-core (tests/js) for accessibility checks
      libnotify-bin dunst                                            # desktop notifications
      postgresql                                                     # firm mode (billing on PostgreSQL)
      poppler-utils                                                  # PDF -> PNG for invoice artifacts
      wixl msitools libarchive-tools shellcheck lintian osslsigncode # installers: MSI build/inspect/sign, deb and pkg checks
      systemd util-linux gnupg                                       # a throw-away systemd user manager; deb signing
    )
  fi
  missing=()
  for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "ok installed" >/dev/null || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  echo "setup: system packages ready ($((SECONDS-t0))s)"
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ $DEV = 1 ]; then
  .venv/bin/pip install -q -e ".[dev]" 2>&1 | grep -v "^WARNING: Location" || true
else
  .venv/bin/pip install -q -e . 2>&1 | grep -v "^WARNING: Location" || true
fi
if [ $DEV = 1 ] && command -v npm >/dev/null; then
  npm ci --prefix tests/js --no-audit --no-fund --silent                # axe-core, injected into the review page by Playwright
fi
.venv/bin/python -c "import ledgerwatch"
echo "setup: python packages ready ($((SECONDS-t0))s)"
