#!/usr/bin/env bash
# SQL injection scan of the running app with sqlmap (Debian's package).
#   scripts/sqlmap.sh            build output of ./build.sh (src/Web/bin/Release) against a scratch database
#   SQLMAP_WEB_DLL=path/IntroProgram.Web.dll scripts/sqlmap.sh    another build of the app
# Starts the app on loopback over a fresh database with the demo data (migrate + seed-demo), signs in as Bergen's
# demo coordinator and lets sqlmap try the login form, the participant list's query string, the participant search
# and the main POST forms (log hours, register participant) with the session cookie and a fresh antiforgery token.
# Exits 1 when sqlmap reports an injectable parameter, 2 when the scan could not run. Needs the local database
# (./build.sh db-start) and a build of the app (./build.sh test or dotnet build -c Release).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${INTROPROGRAM_PG_PORT:-54329}"
APP_PORT="${SQLMAP_APP_PORT:-5089}"
DB_NAME="${SQLMAP_DB:-introprogram_sqlmap}"
OWNER_PASSWORD="${INTROPROGRAM_OWNER_PASSWORD:-owner-dev-only-password}"
APP_PASSWORD="${INTROPROGRAM_APP_PASSWORD:-app-dev-only-password}"
WEB_DLL="${SQLMAP_WEB_DLL:-$ROOT/src/Web/bin/Release/net10.0/IntroProgram.Web.dll}"
LEVEL="${SQLMAP_LEVEL:-2}"
RISK="${SQLMAP_RISK:-1}"
WORK="$(mktemp -d /tmp/introprogram-sqlmap.XXXXXX)"
BASE="http://127.0.0.1:$APP_PORT"
COORDINATOR="koordinator@bergen.demo.introprogram.no"
PASSWORD="Demo-password-2026"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'sqlmap.sh: %s\n' "$*" >&2; exit 2; }

[ -f "$WEB_DLL" ] || die "no build of the app at $WEB_DLL (run dotnet build src/Web -c Release first)"
if ! command -v sqlmap >/dev/null; then
  log "Installing sqlmap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq sqlmap >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlmap >/dev/null; }
fi

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Owner="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=introprogram_owner;Password=$OWNER_PASSWORD"
export ConnectionStrings__App="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=introprogram_app;Password=$APP_PASSWORD"
export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium || echo /usr/bin/chromium)}"
export Outbox__Path="$WORK/outbox"
export App__PublicBaseUrl="$BASE"
export Jobs__RunScheduler=false
# sqlmap sends thousands of requests from one address; the login limit would answer most of them with 429.
export Security__LoginAttemptsPerMinute=100000
export Security__VerificationRequestsPerMinute=100000

psql_owner() { PGPASSWORD="$OWNER_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U introprogram_owner "$@"; }
web() { (cd "$ROOT/src/Web" && dotnet "$WEB_DLL" "$@"); }

APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  psql_owner -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

started=$SECONDS
log "Creating $DB_NAME with the demo data"
psql_owner -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME" >/dev/null
web migrate >/dev/null
web seed-demo >/dev/null
log "Starting the app on $BASE"
(cd "$ROOT/src/Web" && exec dotnet "$WEB_DLL" --urls "$BASE") >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$BASE/health/ready" >/dev/null || { tail -20 "$WORK/app.log" >&2; die "the app did not start"; }

JAR="$WORK/cookies.txt"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n 1p | sed 's/.*value="//; s/"$//'; }
cookie_header() { awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR"; }

log "Signing in as $COORDINATOR"
login_token=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/account/login" | token)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" "$BASE/account/login" \
  --data-urlencode "Email=$COORDINATOR" --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$login_token")
[ "$status" = 302 ] || die "sign-in answered $status"
grep -q 'ip.auth' "$JAR" || die "no session cookie after sign-in"
SESSION=$(cookie_header)
participant=$(curl -fsS -b "$JAR" "$BASE/participants" | grep -o 'href="/participants/[0-9a-f-]\{36\}"' | sed -n 1p | sed 's/href="\/participants\///; s/"$//')
[ -n "$participant" ] || die "no participant on the list"
today=$(date +%F)

# The fields of the form whose action is $2, from the page on stdin, as the browser would send them; NAME=VALUE
# arguments after that replace or add values (so validation passes and the request reaches the database).
form_data() {
  python3 -c '
import sys, html, re, urllib.parse
page, action, overrides = sys.stdin.read(), sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
for form in re.findall(r"<form\b[^>]*>.*?</form>", page, re.S | re.I):
    if not re.search(r"action=\"" + re.escape(action) + "\"", form): continue
    fields = {}
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>(?:.*?</select>)?", form, re.S | re.I):
        name = re.search(r"name=\"([^\"]+)\"", tag)
        if not name or re.search(r"type=\"(submit|button|file)\"", tag): continue
        if re.search(r"type=\"(checkbox|radio)\"", tag) and "checked" not in tag: continue
        value = re.search(r"value=\"([^\"]*)\"", tag)
        if tag.lower().startswith("<select"):
            options = re.findall(r"<option\b[^>]*value=\"([^\"]+)\"", tag)
            value = options[0] if options else ""
        else:
            value = value.group(1) if value else ""
        fields.setdefault(html.unescape(name.group(1)), html.unescape(value))
    fields.update(overrides)
    print(urllib.parse.urlencode(fields)); sys.exit(0)
sys.exit("no form with action " + action)
' "$@"
}

login_data=$(curl -fsS -c "$WORK/anon.txt" -b "$WORK/anon.txt" "$BASE/account/login" | form_data /account/login "Email=someone@example.no" "Password=Wrong-password-2026")
search_data=$(curl -fsS -b "$JAR" "$BASE/participants" | form_data /participants/search "q=Testa")
hours_data=$(curl -fsS -b "$JAR" "$BASE/participants/$participant/hours/new" | form_data "/participants/$participant/hours/new" \
  "Date=$today" "Category=Norwegian" "Hours=1,5" "Note=sqlmap")
new_data=$(curl -fsS -b "$JAR" "$BASE/participants/new" | form_data /participants/new \
  "Input.GivenName=Testa" "Input.FamilyName=Sqlmap" "Input.BirthDate=1990-01-01" "Input.NationalId=01819012345" \
  "Input.Gender=Female" "Input.CountryOfOrigin=SY" "Input.PreferredLanguage=ar" \
  "Input.PermitDate=$today" "Input.SettlementDate=$today" "Input.ProgrammeStart=$today")
SESSION=$(cookie_header)

# name|url|data (empty = GET)|page with the antiforgery token ("-" = none)|cookies (anon = sqlmap keeps its own)
TARGETS=(
  "login form|$BASE/account/login|$login_data|$BASE/account/login|anon"
  "participant list (query string)|$BASE/participants?status=Active&coordinator=mine&risk=false&sort=Name&desc=false&page=1||-|session"
  "participant search|$BASE/participants/search|$search_data|$BASE/participants|session"
  "log hours|$BASE/participants/$participant/hours/new|$hours_data|$BASE/participants/$participant/hours/new|session"
  "register participant|$BASE/participants/new|$new_data|$BASE/participants/new|session"
)

injectable=0 total_requests=0
summary=()
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url data csrf_page who <<<"$target"
  out="$WORK/out-${#summary[@]}"
  args=(-u "$url" --batch --level="$LEVEL" --risk="$RISK" --dbms=PostgreSQL --flush-session --output-dir="$out"
        --disable-coloring --timeout=15 --retries=1 -t "$out.traffic")
  [ -n "$data" ] && args+=(--data="$data")
  # sqlmap fetches a fresh token before each request, which it cannot do with several threads.
  if [ "$csrf_page" != "-" ]; then args+=(--csrf-token=__RequestVerificationToken --csrf-url="$csrf_page"); else args+=(--threads=4); fi
  # Signed in: the session and antiforgery cookies of the sign-in above, kept whatever the app answers.
  [ "$who" = session ] && args+=(--cookie="$SESSION" --drop-set-cookie)
  log "sqlmap: $name"
  t0=$SECONDS
  sqlmap "${args[@]}" >"$out.log" 2>&1 || true
  requests=$(grep -c '^HTTP request \[#' "$out.traffic" 2>/dev/null || echo 0)
  # e.g. "400 (Bad Request) - 527 times": requests the app refused (a tampered antiforgery cookie or token, bad input).
  errors=$(grep -A1 'HTTP error codes detected during run' "$out.log" | sed -n 2p | sed 's/^\[[^]]*\] //' || true)
  if grep -qE "is vulnerable|sqlmap identified the following injection point" "$out.log"; then
    verdict="INJECTABLE"; injectable=$((injectable + 1)); grep -A6 'identified the following injection point' "$out.log" >&2 || true
  elif grep -qE "all tested parameters do not appear to be injectable|does not seem to be injectable" "$out.log"; then
    verdict="not injectable"
  else
    verdict="inconclusive"; tail -n 15 "$out.log" >&2
  fi
  total_requests=$((total_requests + requests))
  summary+=("$(printf '%-32s %-14s %6s requests %4d s  %s' "$name" "$verdict" "$requests" $((SECONDS - t0)) "${errors:+refused: $errors}")")
done

echo
echo "sqlmap (level $LEVEL, risk $RISK) against $BASE as $COORDINATOR:"
printf '  %s\n' "${summary[@]}"
echo "  ${#TARGETS[@]} targets, $total_requests requests, $((SECONDS - started)) s in all"
if [ "$injectable" -gt 0 ]; then echo "RESULT: $injectable target(s) injectable"; exit 1; fi
if printf '%s\n' "${summary[@]}" | grep -q inconclusive; then echo "RESULT: some targets could not be tested"; exit 2; fi
echo "RESULT: no injectable parameter found"
