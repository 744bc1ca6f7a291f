#!/usr/bin/env bash
# sign.sh FILE... - Authenticode-sign Windows executables and MSIs in place, then verify each signature.
#
# Signs only when a certificate is configured (otherwise says so and exits 0; SIGN_REQUIRED=1 makes that an
# error, for release pipelines). The build scripts call it on what they make; run it by hand the same way.
#   SIGN_PFX=cert.pfx  SIGN_PFX_PASSWORD=... (or SIGN_PFX_PASSWORD_FILE=path)   a PKCS#12 file, or
#   SIGN_CERT=chain.pem SIGN_KEY=key.pem                                          PEM certificate chain and key, or
#   SIGN_THUMBPRINT=<sha1>                        a certificate in the Windows store / on a token (signtool only)
#   SIGN_TIMESTAMP_URL=http://timestamp.example   RFC 3161 time stamp (release builds: the signature then
#                                                 outlives the certificate); unset: no time stamp
#   SIGN_DESCRIPTION, SIGN_URL                    shown in the UAC prompt (defaults: ledgerwatch, the docs URL)
#   SIGN_VERIFY_CAFILE=ca.pem                     verify against this CA (a private or test CA) instead of
#                                                 the system's roots
# Tools: signtool (Windows SDK) when on PATH, else osslsigncode (Debian: apt-get install osslsigncode).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 FILE..." >&2; exit 2; }
if [ -z "${SIGN_PFX:-}${SIGN_CERT:-}${SIGN_THUMBPRINT:-}" ]; then
  if [ "${SIGN_REQUIRED:-0}" = 1 ]; then
    echo "sign: SIGN_REQUIRED=1 but no certificate (SIGN_PFX, SIGN_CERT+SIGN_KEY or SIGN_THUMBPRINT)" >&2
    exit 3
  fi
  echo "sign: no certificate configured; $# file(s) left unsigned" >&2
  exit 0
fi
DESCRIPTION=${SIGN_DESCRIPTION:-ledgerwatch}
URL=${SIGN_URL:-https://ledgerwatch.invalid/docs/deploying}
PASSWORD=${SIGN_PFX_PASSWORD:-}
[ -n "${SIGN_PFX_PASSWORD_FILE:-}" ] && PASSWORD=$(cat "$SIGN_PFX_PASSWORD_FILE")

if command -v signtool >/dev/null 2>&1; then
  args=(sign /fd SHA256 /d "$DESCRIPTION" /du "$URL")
  if [ -n "${SIGN_THUMBPRINT:-}" ]; then args+=(/sha1 "$SIGN_THUMBPRINT")
  elif [ -n "${SIGN_PFX:-}" ]; then args+=(/f "$SIGN_PFX" /p "$PASSWORD")
  else echo "sign: signtool needs SIGN_PFX or SIGN_THUMBPRINT (convert PEM with openssl pkcs12 -export)" >&2; exit 3
  fi
  [ -n "${SIGN_TIMESTAMP_URL:-}" ] && args+=(/tr "$SIGN_TIMESTAMP_URL" /td SHA256)
  for file in "$@"; do
    signtool "${args[@]}" "$file"
    signtool verify /pa /q "$file"
    echo "sign: $file signed and verified (signtool)"
  done
  exit 0
fi

command -v osslsigncode >/dev/null || { echo "sign: neither signtool nor osslsigncode is installed" >&2; exit 3; }
[ -z "${SIGN_THUMBPRINT:-}" ] || { echo "sign: SIGN_THUMBPRINT needs signtool on Windows" >&2; exit 3; }
args=(sign -h sha256 -n "$DESCRIPTION" -i "$URL")
if [ -n "${SIGN_PFX:-}" ]; then args+=(-pkcs12 "$SIGN_PFX" -pass "$PASSWORD")
else args+=(-certs "$SIGN_CERT" -key "$SIGN_KEY")
fi
[ -n "${SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$SIGN_TIMESTAMP_URL")
verify=(verify)
[ -n "${SIGN_VERIFY_CAFILE:-}" ] && verify+=(-CAfile "$SIGN_VERIFY_CAFILE")
for file in "$@"; do
  osslsigncode "${args[@]}" -in "$file" -out "$file.signed" >/dev/null
  mv -f "$file.signed" "$file"
  if ! out=$(osslsigncode "${verify[@]}" -in "$file" 2>&1); then
    echo "sign: $file: the new signature does not verify:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "sign: $file signed and verified (osslsigncode)"
done
