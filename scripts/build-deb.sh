#!/usr/bin/env bash
# build-deb.sh - build dist/ledgerwatch_VERSION_ARCH.deb from the PyInstaller bundle with dpkg-deb (lintian-clean).
#
# Layout: /opt/ledgerwatch (the bundle), /usr/bin/ledgerwatch -> /opt/ledgerwatch/ledgerwatch,
# /etc/xdg/autostart/ledgerwatch.desktop (`run --at-login`) handing over to the systemd user unit
# /usr/lib/systemd/user/ledgerwatch.service (Restart=on-failure), /usr/lib/ledgerwatch/ledgerwatch-agents (stops
# and restarts agents around upgrades), the menu entry and hicolor icons, the browsers' native messaging host
# manifests, and /etc/ledgerwatch/policy.toml (a conffile: every key commented out, so nothing is locked).
#
# Usage: scripts/build-deb.sh     Env: BUNDLE (default dist/ledgerwatch; built when missing), OUT, WORK,
#   CHROME_EXTENSION_ID (the published extension's id, allowed to call the native messaging host),
#   DEB_SIGN_KEY (a GnuPG key id: writes OUT.asc, a detached signature, and verifies it; apt repositories sign
#   their Release file instead, see docs/deploying.md)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is not installed" >&2; exit 3; }
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/ledgerwatch/__init__.py)
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
BUNDLE=${BUNDLE:-$ROOT/dist/ledgerwatch}
WORK=${WORK:-$ROOT/build/deb}
OUT=${OUT:-$ROOT/dist/ledgerwatch_${VERSION}_${ARCH}.deb}
[ -x "$BUNDLE/ledgerwatch" ] || scripts/build-bundle.sh

CHROME_EXTENSION_ID=${CHROME_EXTENSION_ID:-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}  # a placeholder: set your published id
start=$(date +%s)
PKG="$WORK/ledgerwatch"
DOC="$PKG/usr/share/doc/ledgerwatch"
rm -rf "$WORK"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/etc/xdg/autostart" "$PKG/etc/ledgerwatch" \
  "$PKG/usr/share/applications" "$DOC" "$PKG/usr/lib/ledgerwatch" "$PKG/usr/lib/systemd/user" "$(dirname "$OUT")"
cp -a "$BUNDLE" "$PKG/opt/ledgerwatch"
ln -s /opt/ledgerwatch/ledgerwatch "$PKG/usr/bin/ledgerwatch"
install -m 644 packaging/linux/ledgerwatch-autostart.desktop "$PKG/etc/xdg/autostart/ledgerwatch.desktop"
install -m 644 packaging/linux/ledgerwatch.desktop "$PKG/usr/share/applications/ledgerwatch.desktop"
install -m 644 packaging/linux/ledgerwatch.service "$PKG/usr/lib/systemd/user/ledgerwatch.service"
install -m 755 packaging/linux/ledgerwatch-agents "$PKG/usr/lib/ledgerwatch/ledgerwatch-agents"
install -m 644 packaging/policy.example.toml "$PKG/etc/ledgerwatch/policy.toml"
install -m 644 packaging/policy.example.toml "$DOC/policy.example.toml"
install -m 644 packaging/linux/copyright "$DOC/copyright"
install -D -m 644 packaging/linux/lintian-overrides "$PKG/usr/share/lintian/overrides/ledgerwatch"
[ -f docs/deploying.md ] && install -m 644 docs/deploying.md "$DOC/deploying.md"
printf 'ledgerwatch (%s) stable; urgency=medium\n\n  * Release %s: see docs/deploying.md.\n\n -- ledgerwatch <it@ledgerwatch.invalid>  %s\n' \
  "$VERSION" "$VERSION" "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" | gzip -9n >"$DOC/changelog.gz"
for size in 16 32 48 64 128 256; do
  install -D -m 644 "packaging/icons/ledgerwatch-$size.png" \
    "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/ledgerwatch.png"
done
# The browsers' native messaging host (the extension asks it for this session's endpoint): Chrome, Chromium,
# Edge by extension id, Firefox by add-on id. The executable answers when called with an extension origin.
host() {
  printf '{\n  "name": "com.ledgerwatch.agent",\n  "description": "ledgerwatch: where this session'"'"'s agent listens",\n'
  printf '  "path": "/opt/ledgerwatch/ledgerwatch",\n  "type": "stdio",\n  %s\n}\n' "$1"
}
for dir in etc/opt/chrome etc/chromium etc/opt/edge; do
  mkdir -p "$PKG/$dir/native-messaging-hosts"
  host "\"allowed_origins\": [\"chrome-extension://$CHROME_EXTENSION_ID/\"]" \
    >"$PKG/$dir/native-messaging-hosts/com.ledgerwatch.agent.json"
done
mkdir -p "$PKG/usr/lib/mozilla/native-messaging-hosts"
host '"allowed_extensions": ["capture@ledgerwatch.example"]' \
  >"$PKG/usr/lib/mozilla/native-messaging-hosts/com.ledgerwatch.agent.json"
chmod 644 "$PKG"/etc/*/native-messaging-hosts/*.json "$PKG"/etc/opt/*/native-messaging-hosts/*.json \
  "$PKG/usr/lib/mozilla/native-messaging-hosts/com.ledgerwatch.agent.json"
# Every file under /etc is a conffile (an administrator's edit survives upgrades).
(cd "$PKG" && find etc -type f | sort | sed 's|^|/|') >"$PKG/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 755 "packaging/linux/$script" "$PKG/DEBIAN/$script"
done
# Permissions as Debian expects (PyInstaller leaves some shared objects 0775 or 0664).
find "$PKG" -path "$PKG/DEBIAN" -prune -o -type d -exec chmod 755 {} +
find "$PKG/opt/ledgerwatch/_internal" -type f -exec chmod 644 {} +
chmod 755 "$PKG/opt/ledgerwatch/ledgerwatch"
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$PKG/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$size/" packaging/linux/control.in \
  >"$PKG/DEBIAN/control"
# Files are owned by root whoever builds; gzip keeps the build fast (xz saves ~25% but takes ~4x longer).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$PKG" "$OUT" >/dev/null
if [ -n "${DEB_SIGN_KEY:-}" ]; then
  gpg --batch --yes --local-user "$DEB_SIGN_KEY" --armor --detach-sign --output "$OUT.asc" "$OUT"
  gpg --batch --verify "$OUT.asc" "$OUT" 2>/dev/null || { echo "build-deb: the signature does not verify" >&2; exit 1; }
  echo "build-deb: signed $OUT.asc with $DEB_SIGN_KEY"
fi
end=$(date +%s)
echo "build-deb: $OUT ($(du -k "$OUT" | cut -f1) KB) built in $((end - start)) s"
