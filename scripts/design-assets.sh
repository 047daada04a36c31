#!/usr/bin/env bash
# Designsystemet and the Inter font, from npm (src/Web/package-lock.json), into src/Web/wwwroot/lib: the app serves
# them itself (no CDN; the content security policy allows styles and fonts from the app's own origin only).
# Run by build.sh before every build and by the Dockerfile; the copied files are not committed.
set -euo pipefail
WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/../src/Web" && pwd)"
LIB="$WEB/wwwroot/lib"
STAMP="$LIB/.installed-from"

# Nothing to do while the copy matches the lock file.
if [ -f "$STAMP" ] && cmp -s "$STAMP" "$WEB/package-lock.json"; then exit 0; fi

(cd "$WEB" && npm ci --no-audit --no-fund >/dev/null)
rm -rf "$LIB"
mkdir -p "$LIB/designsystemet" "$LIB/inter/files"
css="$WEB/node_modules/@digdir/designsystemet-css"
cp "$css/dist/src/index.css" "$LIB/designsystemet/designsystemet.css"
cp "$css/dist/theme/designsystemet.css" "$LIB/designsystemet/theme.css"
cp "$css/LICENSE" "$LIB/designsystemet/LICENSE"

# Inter in the weights the theme uses (regular, medium, semibold). Each rule carries its subset's unicode-range, so a
# browser fetches only the files for the letters on the page; scripts Inter lacks (Arabic, Ethiopic) fall back to the
# system's Noto fonts (see site.css).
inter="$WEB/node_modules/@fontsource/inter"
: >"$LIB/inter/inter.css"
for weight in 400 500 600; do
  cat "$inter/$weight.css" >>"$LIB/inter/inter.css"; echo >>"$LIB/inter/inter.css"
  cp "$inter"/files/inter-*-"$weight"-normal.woff2 "$LIB/inter/files/"
done
# Only woff2 is copied: every browser we support reads it, so the woff fallbacks are dropped from the rules.
sed -i -E "s#, url\(\./files/[^)]*\.woff\) format\('woff'\)##" "$LIB/inter/inter.css"
cp "$inter/LICENSE" "$LIB/inter/LICENSE" 2>/dev/null || true

cp "$WEB/package-lock.json" "$STAMP"
