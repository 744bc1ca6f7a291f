#!/usr/bin/env bash
# build-msi.sh - build dist/ledgerwatch-VERSION-ARCH.msi with wixl (msitools), check its tables, sign it.
#
# The payload is the Windows PyInstaller folder (ledgerwatch.exe, ledgerwatchw.exe, _internal/), built on a
# Windows runner with scripts/build-bundle.sh's spec and passed as BUNDLE=path. Without it (here, on Linux) a
# placeholder payload with the same layout is used: the MSI's tables, upgrade logic, registry, shortcut and
# policy action are real, the executables are not. Release MSIs are built on Windows (see docs/deploying.md).
#
# ARCH=x64 (default) or arm64: the same tables marked for ARM64 Windows (wixl has no arm64 target, so the
# summary's platform is set afterwards); give it the ARM64 PyInstaller folder (built on an ARM64 runner).
# Signing: when a certificate is configured (scripts/sign.sh: SIGN_PFX or SIGN_CERT+SIGN_KEY, SIGN_TIMESTAMP_URL),
# the payload's executables are signed before they are packed and the MSI last, after every table edit.
#
# Usage: scripts/build-msi.sh      Env: ARCH, BUNDLE, OUT (default dist/ledgerwatch-VERSION-ARCH.msi), WORK
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for tool in wixl wixl-heat msiinfo msibuild; do
  command -v "$tool" >/dev/null || { echo "build-msi: $tool is not installed (apt-get install wixl msitools)" >&2; exit 3; }
done
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/ledgerwatch/__init__.py)
ARCH=${ARCH:-x64}
case $ARCH in
  x64) DEFAULT_BUNDLE=$ROOT/dist/windows/ledgerwatch ;;
  arm64) DEFAULT_BUNDLE=$ROOT/dist/windows-arm64/ledgerwatch ;;
  *) echo "build-msi: ARCH must be x64 or arm64, not $ARCH" >&2; exit 2 ;;
esac
WORK=${WORK:-$ROOT/build/msi-$ARCH}
OUT=${OUT:-$ROOT/dist/ledgerwatch-$VERSION-$ARCH.msi}
BUNDLE=${BUNDLE:-$DEFAULT_BUNDLE}
OUT=$(realpath -m "$OUT")
ICON=$ROOT/packaging/icons/ledgerwatch.ico
# The public properties of a silent install; keep in step with packaging/windows/ledgerwatch.wxs.
SECURE_PROPERTIES="PROVIDER;REGION;API_BASE_URL;RETENTION_DAYS;AI_ENABLED;AI_ALLOWED_ENDPOINTS"
SECURE_PROPERTIES+=";REQUIRE_REVIEW;EXCLUDED_APPS;EXCLUDED_DOMAINS;LOCKED;PROXY;POLICY_SOURCE;START_AT_LOGIN"
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
# Sign the real executables (PE files; a placeholder is text) before they are packed into the cabinet.
for exe in "$BUNDLE/ledgerwatch.exe" "$BUNDLE/ledgerwatchw.exe"; do
  if [ "$(head -c 2 "$exe")" = "MZ" ]; then bash "$ROOT/scripts/sign.sh" "$exe"; fi
done
# Harvest everything except the two executables, which the main source declares with fixed ids.
# wixl resolves File/@Source relative to the working directory, so both steps run inside the bundle.
(cd "$BUNDLE" && find . -type f ! -name ledgerwatch.exe ! -name ledgerwatchw.exe | sort |
  wixl-heat --prefix ./ --directory-ref INSTALLDIR --component-group Bundle \
    --var var.SourceDir --win64 >"$WORK/bundle.wxs")
(cd "$BUNDLE" && wixl -a x64 -D Win64=yes -D Version="$VERSION" -D SourceDir=. -D IconFile="$(realpath --relative-to=. "$ICON")" -o "$OUT" \
  "$ROOT/packaging/windows/ledgerwatch.wxs" "$WORK/bundle.wxs")
# wixl owns SecureCustomProperties (and ignores Property/@Secure): append the policy properties so they reach
# the elevated server side of a per-machine install.
secure=$(msiinfo export "$OUT" Property | tr -d '\r' | sed -n 's/^SecureCustomProperties\t//p')
msibuild "$OUT" -q "UPDATE \`Property\` SET \`Value\` = '${secure:+$secure;}$SECURE_PROPERTIES' WHERE \`Property\` = 'SecureCustomProperties'"
# wixl has no MajorUpgrade/@Schedule: remove the old product right after InstallInitialize, before any file of
# the new one is installed (WiX's afterInstallInitialize), so upgrades never depend on component-rule luck.
# StopAgents (after InstallInitialize, 1501) ends running agents first, so no file is in use (no 3010).
msibuild "$OUT" -q "UPDATE \`InstallExecuteSequence\` SET \`Sequence\` = 1502 WHERE \`Action\` = 'RemoveExistingProducts'"
# wixl has no AllowSameVersionUpgrades: make the detection's VersionMax inclusive (msidbUpgradeAttributesVersionMaxInclusive),
# so a rebuild of the same version replaces the installed one instead of adding a second Add/Remove Programs entry.
# (Attributes is part of the table's key, so the table is exported, edited and imported whole.)
msiinfo export "$OUT" Upgrade | tr -d '\r' |
  awk -F'\t' 'BEGIN { OFS = "\t" } NR > 3 && $7 == "WIX_UPGRADE_DETECTED" { $5 = 513 } { print }' >"$WORK/Upgrade.idt"
(cd "$WORK" && msibuild "$OUT" -i Upgrade.idt)
if [ "$ARCH" = arm64 ]; then
  # The summary's platform is what makes Windows treat the package as ARM64 (Arm64;1033); a new package code.
  uuid=$(tr 'a-f' 'A-F' </proc/sys/kernel/random/uuid)
  msibuild "$OUT" -s "ledgerwatch" "ledgerwatch" "Arm64;1033" "{$uuid}"
fi
bash "$ROOT/scripts/sign.sh" "$OUT"
end=$(date +%s)

# Sanity checks: the tables an administrator relies on exist and hold what the source says.
tables=$(msiinfo tables "$OUT")
for table in File Registry Shortcut Property Upgrade CustomAction; do
  grep -qx "$table" <<<"$tables" || { echo "build-msi: table $table missing from $OUT" >&2; exit 1; }
done
msiinfo export "$OUT" Property | grep '^SecureCustomProperties.*PROVIDER' >/dev/null ||
  { echo "build-msi: PROVIDER is not a secure property" >&2; exit 1; }
msiinfo export "$OUT" Upgrade | grep $'\t513\t\tWIX_UPGRADE_DETECTED' >/dev/null ||
  { echo "build-msi: the upgrade detection does not include the same version" >&2; exit 1; }
size=$(du -k "$OUT" | cut -f1)
echo "build-msi: $OUT (${size} KB) built in $((end - start)) s"
