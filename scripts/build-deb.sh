#!/usr/bin/env bash
# build-deb.sh - build dist/ledgerwatch_VERSION_ARCH.deb from the PyInstaller bundle with dpkg-deb.
#
# Layout: /opt/ledgerwatch (the bundle), /usr/bin/ledgerwatch -> /opt/ledgerwatch/ledgerwatch,
# /etc/xdg/autostart/ledgerwatch.desktop, /usr/share/applications/ledgerwatch.desktop and
# /etc/ledgerwatch/policy.toml (a conffile: every key commented out, so nothing is locked by default).
#
# Usage: scripts/build-deb.sh     Env: BUNDLE (default dist/ledgerwatch; built when missing), OUT, WORK
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

start=$(date +%s)
PKG="$WORK/ledgerwatch"
rm -rf "$WORK"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/etc/xdg/autostart" "$PKG/etc/ledgerwatch" \
  "$PKG/usr/share/applications" "$PKG/usr/share/doc/ledgerwatch" "$(dirname "$OUT")"
cp -a "$BUNDLE" "$PKG/opt/ledgerwatch"
ln -s /opt/ledgerwatch/ledgerwatch "$PKG/usr/bin/ledgerwatch"
install -m 644 packaging/linux/ledgerwatch-autostart.desktop "$PKG/etc/xdg/autostart/ledgerwatch.desktop"
install -m 644 packaging/linux/ledgerwatch.desktop "$PKG/usr/share/applications/ledgerwatch.desktop"
install -m 644 packaging/policy.example.toml "$PKG/etc/ledgerwatch/policy.toml"
install -m 644 packaging/policy.example.toml "$PKG/usr/share/doc/ledgerwatch/policy.example.toml"
[ -f docs/deploying.md ] && install -m 644 docs/deploying.md "$PKG/usr/share/doc/ledgerwatch/deploying.md"
install -m 644 packaging/linux/conffiles "$PKG/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 755 "packaging/linux/$script" "$PKG/DEBIAN/$script"
done
size=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$size/" packaging/linux/control.in \
  >"$PKG/DEBIAN/control"
# Files are owned by root whoever builds; gzip keeps the build fast (xz saves ~25% but takes ~4x longer).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$PKG" "$OUT" >/dev/null
end=$(date +%s)
echo "build-deb: $OUT ($(du -k "$OUT" | cut -f1) KB) built in $((end - start)) s"
