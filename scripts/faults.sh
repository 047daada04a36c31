#!/usr/bin/env bash
# PostgreSQL restarted under a load of hour logging. Run through ./build.sh faults (which starts PostgreSQL and
# builds first). One app node, four writers for 40 s; after 10 s the local PostgreSQL is stopped for 5 s and started
# again. Exits non-zero unless: the app answers (with errors, not by dying) during the outage, saves again by
# itself soon after, and every write it acknowledged is in the database. Prints the figures; no personal data.
# Uses its own database (introprogram_faults, recreated each run). Never point it at a database people use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${INTROPROGRAM_PG_PORT:-54329}"
PG_DATA="$ROOT/.local/pg/data"
OWNER_PASSWORD="${INTROPROGRAM_OWNER_PASSWORD:-owner-dev-only-password}"
APP_PASSWORD="${INTROPROGRAM_APP_PASSWORD:-app-dev-only-password}"
CONFIGURATION="${CONFIGURATION:-Release}"
DB="${INTROPROGRAM_FAULTS_DB:-introprogram_faults}"
PORT="${FAULTS_PORT:-5110}"
OUTAGE="${FAULTS_OUTAGE_SECONDS:-5}"
OUT="$ROOT/.local/faults"
WEB="$ROOT/src/Web/bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll"
APP_PID=""

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { echo "FAULTS FAILED: $*" >&2; exit 1; }
trap 'echo "FAULTS FAILED: line $LINENO ended with status $?" >&2' ERR
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT
pg_bin() { local d; for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return; }; done; }
owner_psql() { PGPASSWORD="$OWNER_PASSWORD" "$(pg_bin)/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U introprogram_owner "$@"; }
tenant_sql() {
  printf "\\\\o /dev/null\\nSELECT set_config('app.tenant_id', '%s', false);\\n\\\\o\\n%s;\\n" "$1" "$2" | owner_psql "$DB"
}
[ -f "$WEB" ] || fail "build first: $WEB is missing"
[ -f "$PG_DATA/PG_VERSION" ] || fail "no local PostgreSQL cluster in $PG_DATA (run ./build.sh faults)"

mkdir -p "$OUT"; rm -f "$OUT"/*
say "Fresh database $DB, migrated and seeded"
owner_psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ConnectionStrings__Owner="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=introprogram_owner;Password=$OWNER_PASSWORD"
export ConnectionStrings__App="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=introprogram_app;Password=$APP_PASSWORD"
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Jobs__RunScheduler=false
(cd "$ROOT/src/Web" && dotnet "$WEB" migrate >/dev/null && dotnet "$WEB" seed-demo >/dev/null)
(cd "$ROOT/src/Web" && exec dotnet "$WEB" --urls "http://127.0.0.1:$PORT") >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || fail "the app did not start (see $OUT/app.log)"
  sleep 1
done

JAR="$OUT/cookies.txt"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n 1p | sed 's/.*value="//; s/"$//'; }
t="$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/account/login" | token)"
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "Email=koordinator@bergen.demo.introprogram.no" \
  --data-urlencode "Password=Demo-password-2026" --data-urlencode "__RequestVerificationToken=$t" "http://127.0.0.1:$PORT/account/login"
TENANT="$(owner_psql "$DB" -c "SELECT set_config('app.tenant_id', '', false)" -c "SELECT id FROM municipalities WHERE number = '4601'" | tail -n1)"
# Active participants whose programme started at least two weeks ago; the writes are spread over those 14 days, so
# no participant comes near the 24 hours a day a correct app refuses (a refusal would hide a real fault).
tenant_sql "$TENANT" "SELECT id FROM participants WHERE status = 1 AND programme_start <= current_date - 14 ORDER BY id LIMIT 40" >"$OUT/ids.txt"
ANTIFORGERY="$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/participants/$(head -n1 "$OUT/ids.txt")/hours/new" | token)"
[ -n "$ANTIFORGERY" ] || fail "could not sign in"
DATES=(); for d in $(seq 0 13); do DATES+=("$(TZ=Europe/Oslo date -d "-$d days" +%F)"); done
COUNT="$(wc -l <"$OUT/ids.txt")"

writer() {
  local w=$1 stop_at=$2 i=0 id form answer code location
  while [ "$(date +%s)" -lt "$stop_at" ]; do
    i=$((i + 1))
    id="$(sed -n "$(( (w * 7 + i) % COUNT + 1 ))p" "$OUT/ids.txt")"
    form="$(cat /proc/sys/kernel/random/uuid)"
    answer="$(curl -s -b "$JAR" -o /dev/null -m 20 -w '%{http_code} %{redirect_url}' \
      --data "FormToken=$form&Date=${DATES[$(( (i + w) % 14 ))]}&Category=CareerGuidance&Hours=0%2C25&__RequestVerificationToken=$ANTIFORGERY" \
      "http://127.0.0.1:$PORT/participants/$id/hours/new")" || true
    code="${answer%% *}"; location="${answer#* }"
    if [ "$code" = 302 ] && [[ "$location" == */participants/$id ]]; then
      echo "$(date +%s.%N) $form" >>"$OUT/ack.$w"
    else
      echo "$(date +%s.%N) $code" >>"$OUT/other.$w"
    fi
  done
}

say "Logging hours for 40 s; PostgreSQL is stopped for ${OUTAGE} s after 10 s"
START=$(date +%s)
WRITERS=()
for w in 1 2 3 4; do writer "$w" $((START + 40)) & WRITERS+=($!); done
sleep 10
# The outage counts from the stop command: a fast shutdown ends the app's connections before the command returns.
DOWN=$(date +%s.%N)
"$ROOT/build.sh" db-stop >/dev/null 2>&1
sleep "$OUTAGE"
# Started again exactly as build.sh starts it (same port, socket and settings).
"$ROOT/build.sh" db-start >/dev/null 2>&1
UP=$(date +%s.%N)
say "   PostgreSQL down $(awk -v a="$DOWN" -v b="$UP" 'BEGIN { printf "%.1f", b - a }') s"
for p in "${WRITERS[@]}"; do wait "$p" || true; done

touch "$OUT/ack.0" "$OUT/other.0"
kill -0 "$APP_PID" 2>/dev/null || fail "the app process died during the outage"
acknowledged="$(cat "$OUT"/ack.* | wc -l)"
cut -d' ' -f2 "$OUT"/ack.* | sort -u >"$OUT/acknowledged.txt"
tenant_sql "$TENANT" "SELECT token FROM form_submissions" | sort -u >"$OUT/stored.txt"
lost="$(comm -23 "$OUT/acknowledged.txt" "$OUT/stored.txt" | wc -l)"
during="$(awk -v a="$DOWN" -v b="$UP" '$1 >= a && $1 <= b' "$OUT"/other.* | wc -l)"
refused_connection="$(awk '$2 == "000"' "$OUT"/other.* | wc -l)"
# "count code, count code" of the answers that were not "saved", inside or outside the outage.
codes() { awk -v a="$DOWN" -v b="$UP" -v inside="$1" '(($1 >= a && $1 <= b) ? 1 : 0) == inside { print $2 }' "$OUT"/other.* \
  | sort | uniq -c | awk '{ printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2 }'; }
codes_during="$(codes 1)"; codes_outside="$(codes 0)"
outside="$(awk -v a="$DOWN" -v b="$UP" '!($1 >= a && $1 <= b)' "$OUT"/other.* | wc -l)"
# A valid write is never refused: a 4xx means the app turned a fault into "your input is wrong".
refused="$(awk '$2 ~ /^4/' "$OUT"/other.* | wc -l)"
# The earliest acknowledgement after PostgreSQL was back (no "| head": under pipefail its early exit can kill the
# writer of the pipe with SIGPIPE and end the script without a word).
first_after="$(awk -v b="$UP" '$1 > b && (m == "" || $1 < m) { m = $1 } END { print m }' "$OUT"/ack.*)"
[ -n "$first_after" ] || fail "no write was saved after PostgreSQL came back"
recovery="$(awk -v b="$UP" -v f="$first_after" 'BEGIN { printf "%.1f", f - b }')"
[ "$lost" -eq 0 ] || fail "$lost acknowledged writes are not in the database"
[ "$refused_connection" -eq 0 ] || fail "the app stopped answering $refused_connection times"
[ "$refused" -eq 0 ] || fail "$refused valid writes were refused as bad input (during the outage: ${codes_during:-none}; at other times: ${codes_outside:-none})"
# A pooled connection from before the restart fails once when next used; the readiness check must come back by itself.
unready=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ]; do
  unready=$((unready + 1)); [ "$unready" -lt 15 ] || fail "the app is not ready 15 s after the outage"; sleep 1
done
echo "FAULTS OK: PostgreSQL down $(awk -v a="$DOWN" -v b="$UP" 'BEGIN { printf "%.1f", b - a }') s; answers during the outage that were not 'saved': $during (${codes_during:-none}); at other times: $outside (${codes_outside:-none}); first saved write $recovery s after PostgreSQL was back; acknowledged $acknowledged, lost $lost; the app never stopped answering; readiness checks failed after the outage: $unready"
