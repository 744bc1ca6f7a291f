#!/usr/bin/env bash
# build-pkg.sh - build dist/ledgerwatch-VERSION.pkg on macOS: stage, sign the app, pkgbuild, productbuild,
# notarize, staple. `--stage-only` (any OS, used by the tests) lays out the payload, scripts and distribution
# only, so their layout can be checked where pkgbuild does not exist.
#
# Input: the macOS PyInstaller build, dist/ledgerwatch.app (scripts/build-bundle.sh on a macOS runner; the
# spec makes the .app there). Signing (skipped when unset; required for distribution outside a lab):
#   APP_SIGN_ID="Developer ID Application: Firm (TEAMID)"   codesign identity for the app
#   PKG_SIGN_ID="Developer ID Installer: Firm (TEAMID)"     productbuild identity for the pkg
#   NOTARY_PROFILE=ledgerwatch-notary                       `xcrun notarytool store-credentials` profile
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/ledgerwatch/__init__.py)
APP=${APP:-$ROOT/dist/ledgerwatch.app}
WORK=${WORK:-$ROOT/build/macos}
OUT=${OUT:-$ROOT/dist/ledgerwatch-$VERSION.pkg}
STAGE_ONLY=0
[ "${1:-}" = "--stage-only" ] && STAGE_ONLY=1

rm -rf "$WORK"
PAYLOAD="$WORK/root"
mkdir -p "$PAYLOAD/Applications" "$PAYLOAD/Library/LaunchAgents" \
  "$PAYLOAD/Library/Application Support/ledgerwatch" "$WORK/scripts" "$(dirname "$OUT")"

if [ -d "$APP" ]; then
  cp -R "$APP" "$PAYLOAD/Applications/ledgerwatch.app"
elif [ "$STAGE_ONLY" = 1 ]; then
  # A placeholder with the real layout, for checking the staging on other systems.
  mkdir -p "$PAYLOAD/Applications/ledgerwatch.app/Contents/MacOS" "$PAYLOAD/Applications/ledgerwatch.app/Contents/Resources"
  printf '#!/bin/sh\necho "ledgerwatch %s (placeholder)"\n' "$VERSION" \
    >"$PAYLOAD/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch"
  chmod 755 "$PAYLOAD/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch"
  cat >"$PAYLOAD/Applications/ledgerwatch.app/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleIdentifier</key><string>com.ledgerwatch.agent</string>
  <key>CFBundleExecutable</key><string>ledgerwatch</string>
  <key>CFBundleName</key><string>ledgerwatch</string>
  <key>CFBundlePackageType</key><string>APPL</string>
  <key>CFBundleShortVersionString</key><string>$VERSION</string>
  <key>LSUIElement</key><true/>
</dict>
</plist>
PLIST
else
  echo "build-pkg: $APP not found: build the bundle on macOS first (scripts/build-bundle.sh)" >&2
  exit 3
fi
install -m 644 packaging/macos/com.ledgerwatch.agent.plist "$PAYLOAD/Library/LaunchAgents/com.ledgerwatch.agent.plist"
install -m 644 packaging/policy.example.toml "$PAYLOAD/Library/Application Support/ledgerwatch/policy.example.toml"
install -m 755 packaging/macos/scripts/preinstall packaging/macos/scripts/postinstall "$WORK/scripts/"
sed "s/@VERSION@/$VERSION/" packaging/macos/distribution.xml >"$WORK/distribution.xml"

if [ "$STAGE_ONLY" = 1 ]; then
  echo "build-pkg: staged $PAYLOAD (pkgbuild not run)"
  exit 0
fi
command -v pkgbuild >/dev/null || { echo "build-pkg: pkgbuild not found (macOS only; use --stage-only)" >&2; exit 3; }

start=$(date +%s)
if [ -n "${APP_SIGN_ID:-}" ]; then
  # Hardened runtime is required for notarization; --deep covers the PyInstaller runtime's dylibs.
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist \
    --sign "$APP_SIGN_ID" "$PAYLOAD/Applications/ledgerwatch.app"
  codesign --verify --strict --verbose=2 "$PAYLOAD/Applications/ledgerwatch.app"
fi
pkgbuild --root "$PAYLOAD" --scripts "$WORK/scripts" --identifier com.ledgerwatch.agent.pkg \
  --version "$VERSION" --install-location / "$WORK/ledgerwatch-component.pkg"
sign_args=()
[ -n "${PKG_SIGN_ID:-}" ] && sign_args=(--sign "$PKG_SIGN_ID" --timestamp)
productbuild --distribution "$WORK/distribution.xml" --package-path "$WORK" "${sign_args[@]}" "$OUT"
if [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$OUT" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$OUT"
  spctl --assess --type install --verbose "$OUT"
fi
end=$(date +%s)
echo "build-pkg: $OUT ($(du -k "$OUT" | cut -f1) KB) built in $((end - start)) s"
