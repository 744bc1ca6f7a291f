#!/usr/bin/env bash
# build-msi.sh - build dist/ledgerwatch-VERSION-x64.msi with wixl (msitools) and check its tables with msiinfo.
#
# The payload is the Windows PyInstaller folder (ledgerwatch.exe, ledgerwatchw.exe, _internal/), built on a
# Windows runner with scripts/build-bundle.sh's spec and passed as BUNDLE=path. Without it (here, on Linux) a
# placeholder payload with the same layout is used: the MSI's tables, upgrade logic, registry, shortcut and
# policy action are real, the executables are not. Release MSIs are built on Windows (see docs/deploying.md).
#
# Usage: scripts/build-msi.sh            Env: BUNDLE, OUT (default dist/ledgerwatch-VERSION-x64.msi), WORK
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for tool in wixl wixl-heat msiinfo msibuild; do
  command -v "$tool" >/dev/null || { echo "build-msi: $tool is not installed (apt-get install wixl msitools)" >&2; exit 3; }
done
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/ledgerwatch/__init__.py)
WORK=${WORK:-$ROOT/build/msi}
OUT=${OUT:-$ROOT/dist/ledgerwatch-$VERSION-x64.msi}
BUNDLE=${BUNDLE:-$ROOT/dist/windows/ledgerwatch}
# The public properties of a silent install; keep in step with packaging/windows/ledgerwatch.wxs.
SECURE_PROPERTIES="PROVIDER;REGION;API_BASE_URL;RETENTION_DAYS;AI_ENABLED;AI_ALLOWED_ENDPOINTS"
SECURE_PROPERTIES+=";REQUIRE_REVIEW;EXCLUDED_APPS;EXCLUDED_DOMAINS;LOCKED;POLICY_SOURCE;START_AT_LOGIN"
rm -rf "$WORK"
mkdir -p "$WORK" "$(dirname "$OUT")"

if [ ! -f "$BUNDLE/ledgerwatch.exe" ]; then
  echo "build-msi: no Windows bundle at $BUNDLE; using a placeholder payload" >&2
  BUNDLE="$WORK/payload"
  mkdir -p "$BUNDLE/_internal/browser-extension"
  for exe in ledgerwatch.exe ledgerwatchw.exe; do
    printf 'placeholder for %s %s: build on Windows with packaging/pyinstaller/ledgerwatch.spec\n' "$exe" "$VERSION" \
      >"$BUNDLE/$exe"
  done
  printf 'placeholder runtime\n' >"$BUNDLE/_internal/base_library.zip"
  if [ -d packaging/browser-extension ]; then
    cp -r packaging/browser-extension/. "$BUNDLE/_internal/browser-extension/"
  else
    printf '{}\n' >"$BUNDLE/_internal/browser-extension/manifest.json"
  fi
fi

start=$(date +%s)
# Harvest everything except the two executables, which the main source declares with fixed ids.
# wixl resolves File/@Source relative to the working directory, so both steps run inside the bundle.
(cd "$BUNDLE" && find . -type f ! -name ledgerwatch.exe ! -name ledgerwatchw.exe | sort |
  wixl-heat --prefix ./ --directory-ref INSTALLDIR --component-group Bundle \
    --var var.SourceDir --win64 >"$WORK/bundle.wxs")
(cd "$BUNDLE" && wixl -a x64 -D Win64=yes -D Version="$VERSION" -D SourceDir=. -o "$OUT" \
  "$ROOT/packaging/windows/ledgerwatch.wxs" "$WORK/bundle.wxs")
# wixl owns SecureCustomProperties (and ignores Property/@Secure): append the policy properties so they reach
# the elevated server side of a per-machine install.
secure=$(msiinfo export "$OUT" Property | tr -d '\r' | sed -n 's/^SecureCustomProperties\t//p')
msibuild "$OUT" -q "UPDATE \`Property\` SET \`Value\` = '${secure:+$secure;}$SECURE_PROPERTIES' WHERE \`Property\` = 'SecureCustomProperties'"
# wixl has no MajorUpgrade/@Schedule: remove the old product right after InstallInitialize, before any file of
# the new one is installed (WiX's afterInstallInitialize), so upgrades never depend on component-rule luck.
msibuild "$OUT" -q "UPDATE \`InstallExecuteSequence\` SET \`Sequence\` = 1501 WHERE \`Action\` = 'RemoveExistingProducts'"
end=$(date +%s)

# Sanity checks: the tables an administrator relies on exist and hold what the source says.
tables=$(msiinfo tables "$OUT")
for table in File Registry Shortcut Property Upgrade CustomAction; do
  grep -qx "$table" <<<"$tables" || { echo "build-msi: table $table missing from $OUT" >&2; exit 1; }
done
msiinfo export "$OUT" Property | grep -q '^SecureCustomProperties.*PROVIDER' ||
  { echo "build-msi: PROVIDER is not a secure property" >&2; exit 1; }
size=$(du -k "$OUT" | cut -f1)
echo "build-msi: $OUT (${size} KB) built in $((end - start)) s"
