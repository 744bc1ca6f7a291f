#!/usr/bin/env bash
# with-desktop.sh CMD [ARGS...] - run CMD inside a throw-away desktop: Xvfb on a free display, openbox (EWMH),
# a private session D-Bus with an unlocked gnome-keyring (SecretService), plus trayer and dunst when installed.
# Stops only what it started. Example: .ci/with-desktop.sh .venv/bin/pytest -m desktop tests/test_capture_*.py
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 CMD [ARGS...]" >&2; exit 2; fi
if [ -z "${LW_IN_DBUS:-}" ]; then
  for tool in Xvfb openbox xprop dbus-run-session; do
    command -v "$tool" >/dev/null || { echo "with-desktop: $tool is not installed" >&2; exit 3; }
  done
  WORK=$(mktemp -d -t lw-desktop.XXXXXX)
  PIDS=()
  # shellcheck disable=SC2317  # invoked by the EXIT trap
  cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
  }
  trap cleanup EXIT
  # -displayfd picks a free display number and writes it to fd 3 once the server is ready.
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.log" &
  PIDS+=($!)
  for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.05; done
  [ -s "$WORK/display" ] || { echo "with-desktop: Xvfb did not start" >&2; cat "$WORK/xvfb.log" >&2; exit 4; }
  DISPLAY=":$(head -n1 "$WORK/display")"
  export DISPLAY
  openbox >"$WORK/openbox.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
    sleep 0.05
  done
  if command -v trayer >/dev/null; then
    trayer --edge top --align right --widthtype pixel --width 200 --height 32 >"$WORK/trayer.log" 2>&1 &
    PIDS+=($!)
  fi
  export XDG_RUNTIME_DIR="$WORK/run" XDG_DATA_HOME="$WORK/data"
  mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
  chmod 700 "$XDG_RUNTIME_DIR"
  export LW_IN_DBUS=1 LW_DESKTOP_WORK="$WORK" NO_AT_BRIDGE=1
  set +e
  dbus-run-session -- "$0" "$@"
  rc=$?
  set -e
  exit $rc
fi
# --- inside the private session bus ---
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
if command -v gnome-keyring-daemon >/dev/null; then
  printf '%s' "ci-keyring-pw" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$LW_DESKTOP_WORK/gkr.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.05
  done
fi
if command -v dunst >/dev/null; then
  dunst >"$LW_DESKTOP_WORK/dunst.log" 2>&1 &
  PIDS+=($!)
fi
set +e
"$@"
rc=$?
set -e
exit $rc
