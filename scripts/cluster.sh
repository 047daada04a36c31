#!/usr/bin/env bash
# Several app nodes behind haproxy against one PostgreSQL, on loopback. Run through ./build.sh cluster (which starts
# PostgreSQL and builds first) or at the end of ./build.sh bench. Shows, and exits non-zero unless:
#   1. a session started through the proxy works on every node directly (Data Protection keys shared in the database);
#   2. the scheduled risk evaluation runs exactly once per occurrence across the nodes (Hangfire recurring job);
#   3. killing a node (SIGKILL) under a load of hour logging loses no acknowledged write, and the others keep serving;
#   4. the scheduled job keeps firing once per fire time after the node is gone.
# Before 3 it measures throughput (CLUSTER_THROUGHPUT=0 skips it): the participant page driven by wrk at
# CLUSTER_CONNECTIONS (48) connections through haproxy to all nodes, then through a second haproxy frontend that has
# node 1 only, and prints the ratio with the machine's CPU count.
# Uses its own database (introprogram_cluster, recreated each run). Prints no personal data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${INTROPROGRAM_PG_PORT:-54329}"
OWNER_PASSWORD="${INTROPROGRAM_OWNER_PASSWORD:-owner-dev-only-password}"
APP_PASSWORD="${INTROPROGRAM_APP_PASSWORD:-app-dev-only-password}"
CONFIGURATION="${CONFIGURATION:-Release}"
DB="${INTROPROGRAM_CLUSTER_DB:-introprogram_cluster}"
NODES="${CLUSTER_NODES:-3}"
PROXY_PORT="${CLUSTER_PROXY_PORT:-5100}"
FIRST_NODE_PORT=$((PROXY_PORT + 1))
SINGLE_PORT=$((PROXY_PORT + 20))
OUT="$ROOT/.local/cluster"
WEB="$ROOT/src/Web/bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll"
EMAIL="koordinator@bergen.demo.introprogram.no"
PASSWORD="Demo-password-2026"
PIDS=()

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { echo "CLUSTER FAILED: $*" >&2; exit 1; }
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

command -v haproxy >/dev/null || {
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
  else sudo apt-get install -y -qq haproxy >/dev/null; fi
}
HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"
if [ "${CLUSTER_THROUGHPUT:-1}" != 0 ] && ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
[ -f "$WEB" ] || fail "build first: $WEB is missing"

owner_psql() { PGPASSWORD="$OWNER_PASSWORD" psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U introprogram_owner "$@"; }
# As the owner, bound to one municipality (row-level security applies to the owner too).
tenant_sql() {
  printf "\\\\o /dev/null\\nSELECT set_config('app.tenant_id', '%s', false);\\n\\\\o\\n%s;\\n" "$1" "$2" | owner_psql "$DB"
}

mkdir -p "$OUT"; rm -f "$OUT"/*
say "Fresh database $DB, migrated and seeded"
owner_psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ConnectionStrings__Owner="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=introprogram_owner;Password=$OWNER_PASSWORD"
export ConnectionStrings__App="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=introprogram_app;Password=$APP_PASSWORD;Maximum Pool Size=50"
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning
export App__PublicBaseUrl="http://127.0.0.1:$PROXY_PORT" Pdf__ChromiumPath="${Pdf__ChromiumPath:-/usr/bin/chromium}"
(cd "$ROOT/src/Web" && dotnet "$WEB" migrate >/dev/null && dotnet "$WEB" seed-demo >/dev/null)

# Every node runs a Hangfire server; the nightly evaluation runs every 15 seconds here (six-field cron, seconds first),
# and the servers look for due and queued jobs every second.
export Jobs__RunScheduler=true Jobs__RiskEvaluationCron="*/15 * * * * *" Jobs__SchedulePollingInterval=00:00:01 Jobs__QueuePollInterval=00:00:01
start_node() {
  local n=$1 port=$((FIRST_NODE_PORT + $1 - 1))
  (cd "$ROOT/src/Web" && exec dotnet "$WEB" --urls "http://127.0.0.1:$port") >"$OUT/node$n.log" 2>&1 &
  PIDS+=($!)
  NODE_PID[$n]=$!
}
declare -A NODE_PID
say "Starting $NODES nodes on ports $FIRST_NODE_PORT–$((FIRST_NODE_PORT + NODES - 1)) and haproxy on $PROXY_PORT"
for n in $(seq 1 "$NODES"); do start_node "$n"; done
{
  echo "global"
  echo "  maxconn 1024"
  echo "defaults"
  echo "  mode http"
  echo "  timeout connect 2s"
  echo "  timeout client 30s"
  echo "  timeout server 30s"
  # A busy node answers its health check late (the throughput run saturates the CPUs); a dead one refuses at once.
  echo "  timeout check 10s"
  echo "  retries 2"
  echo "  option redispatch"
  echo "frontend web"
  echo "  bind 127.0.0.1:$PROXY_PORT"
  echo "  default_backend nodes"
  echo "backend nodes"
  echo "  balance roundrobin"
  echo "  option httpchk GET /health/ready"
  echo "  default-server inter 1s fall 2 rise 2"
  for n in $(seq 1 "$NODES"); do echo "  server node$n 127.0.0.1:$((FIRST_NODE_PORT + n - 1)) check"; done
  # The same proxy with one node behind it, so one node and all nodes are measured through the same hop.
  echo "frontend single"
  echo "  bind 127.0.0.1:$SINGLE_PORT"
  echo "  default_backend one"
  echo "backend one"
  echo "  option httpchk GET /health/ready"
  echo "  default-server inter 1s fall 2 rise 2"
  echo "  server node1 127.0.0.1:$FIRST_NODE_PORT check"
} >"$OUT/haproxy.cfg"
"$HAPROXY" -f "$OUT/haproxy.cfg" -db >"$OUT/haproxy.log" 2>&1 &
PIDS+=($!)
for n in $(seq 1 "$NODES"); do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$((FIRST_NODE_PORT + n - 1))/health/ready" >/dev/null && break
    kill -0 "${NODE_PID[$n]}" 2>/dev/null || fail "node $n did not start (see $OUT/node$n.log)"
    sleep 1
  done
done
sleep 3 # haproxy's health checks mark the nodes up

# 1. A session through the proxy, then on each node directly.
JAR="$OUT/cookies.txt"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n 1p | sed 's/.*value="//; s/"$//'; }
sign_in() {
  local t
  rm -f "$JAR"
  t="$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PROXY_PORT/account/login" | token)"
  curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "Email=$EMAIL" --data-urlencode "Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$t" "http://127.0.0.1:$PROXY_PORT/account/login"
}
sign_in
sessions_ok=0
for n in $(seq 1 "$NODES"); do
  code="$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((FIRST_NODE_PORT + n - 1))/participants")"
  [ "$code" = 200 ] && sessions_ok=$((sessions_ok + 1)) || echo "node $n answered $code to the shared session" >&2
done
[ "$sessions_ok" -eq "$NODES" ] || fail "the session works on $sessions_ok of $NODES nodes"
say "1. One session works on all $NODES nodes"

# The demo municipality's active participants: the pages the throughput run reads and the writers log hours for.
TENANT="$(owner_psql "$DB" -c "SELECT set_config('app.tenant_id', '', false)" -c "SELECT id FROM municipalities WHERE number = '4601'" | tail -n1)"
tenant_sql "$TENANT" "SELECT id FROM participants WHERE status = 1 ORDER BY id LIMIT 40" >"$OUT/ids.txt"
[ -s "$OUT/ids.txt" ] || fail "no active participants in the demo municipality"
TODAY="$(TZ=Europe/Oslo date +%F)"

# Throughput: all nodes against one, the same page, the same session, through the same proxy.
THROUGHPUT=""
if [ "${CLUSTER_THROUGHPUT:-1}" != 0 ]; then
  connections="${CLUSTER_CONNECTIONS:-48}" seconds="${CLUSTER_WRK_SECONDS:-20}"
  export BENCH_IDS="$OUT/ids.txt" BENCH_PATH="/participants/{id}" BENCH_BODY=""
  # Signed in afresh for each measurement: a session is re-checked once a minute and its cookie renewed, which wrk
  # cannot keep, so a later measurement would otherwise pay the re-check on every request.
  measure() { # port label -> "requests/s p95"
    sign_in
    export BENCH_COOKIE; BENCH_COOKIE="$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')"
    BENCH_NAME="$2" wrk -t2 -c"$connections" -d"${CLUSTER_WARMUP_SECONDS:-10}s" --timeout 30s -s "$ROOT/bench/wrk/request.lua" "http://127.0.0.1:$1" >/dev/null
    BENCH_NAME="$2" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s "$ROOT/bench/wrk/request.lua" "http://127.0.0.1:$1" |
      awk '/^RESULT/ { if ($7 > 0) { print "errors " $7; exit 1 } print $3, $5 }'
  }
  say "Throughput: the participant page at $connections connections, ${seconds}s each, all $NODES nodes, then node 1 alone"
  all="$(measure "$PROXY_PORT" "nodes-$NODES")" || fail "requests failed through the proxy: $all"
  one="$(measure "$SINGLE_PORT" "nodes-1")" || fail "requests failed through the one-node frontend: $one"
  read -r all_rps all_p95 <<<"$all"
  read -r one_rps one_p95 <<<"$one"
  ratio="$(awk -v a="$all_rps" -v o="$one_rps" 'BEGIN { printf "%.2f", a / o }')"
  THROUGHPUT="; throughput $NODES nodes $all_rps r/s (p95 $all_p95 ms), 1 node $one_rps r/s (p95 $one_p95 ms), ratio $ratio on $(nproc) CPUs"
  say "   $NODES nodes: $all_rps r/s, p95 $all_p95 ms; 1 node: $one_rps r/s, p95 $one_p95 ms; ratio $ratio ($(nproc) CPUs, shared with PostgreSQL, haproxy and wrk)"
fi

[ -z "$THROUGHPUT" ] || sign_in
ANTIFORGERY="$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PROXY_PORT/participants/$(head -n1 "$OUT/ids.txt")/hours/new" | token)"
# Fires are counted from here on: a fire due while nodes were still starting (or under the throughput load) may run
# late, next to the following one.
FIRES_FROM=$(date +%s)
# 3. Hour logging through the proxy by 4 writers; node 2 is killed in the middle.
writer() {
  local w=$1 stop_at=$2 i=0 id form answer code location
  while [ "$(date +%s)" -lt "$stop_at" ]; do
    i=$((i + 1))
    id="$(sed -n "$(( (w * 7 + i) % $(wc -l <"$OUT/ids.txt") + 1 ))p" "$OUT/ids.txt")"
    form="$(cat /proc/sys/kernel/random/uuid)"
    answer="$(curl -s -b "$JAR" -o /dev/null -m 10 -w '%{http_code} %{redirect_url}' \
      --data "FormToken=$form&Date=$TODAY&Category=CareerGuidance&Hours=0%2C25&__RequestVerificationToken=$ANTIFORGERY" \
      "http://127.0.0.1:$PROXY_PORT/participants/$id/hours/new")" || true
    code="${answer%% *}"; location="${answer#* }"
    # Acknowledged: the product answered "saved" by sending the coordinator back to the participant's page.
    if [ "$code" = 302 ] && [[ "$location" == */participants/$id ]]; then echo "$form" >>"$OUT/ack.$w"; else echo "$code" >>"$OUT/refused.$w"; fi
  done
}
say "3. Logging hours through the proxy for 30 s; node 2 is killed after 10 s"
START=$(date +%s)
WRITERS=()
for w in 1 2 3 4; do writer "$w" $((START + 30)) & WRITERS+=($!); done
sleep 10
KILLED_AT=$(date +%s.%N)
kill -9 "${NODE_PID[2]}"
say "   node 2 killed"
for p in "${WRITERS[@]}"; do wait "$p" || true; done
touch "$OUT/ack.0" "$OUT/refused.0"
acknowledged="$(cat "$OUT"/ack.* | wc -l)"
refused="$(cat "$OUT"/refused.* | wc -l)"
cat "$OUT"/ack.* | sort -u >"$OUT/acknowledged.txt"
tenant_sql "$TENANT" "SELECT token FROM form_submissions" | sort -u >"$OUT/stored-tokens.txt"
lost="$(comm -23 "$OUT/acknowledged.txt" "$OUT/stored-tokens.txt" | wc -l)"
# Each acknowledged form token must have its hour entry, not only the token row.
entries="$(tenant_sql "$TENANT" "SELECT count(*) FROM hour_entries WHERE date = '$TODAY' AND category = 2 AND hours = 0.25 AND source = 0 AND recorded_at >= to_timestamp($START)")"
[ "$acknowledged" -gt 0 ] || fail "no write was acknowledged"
[ "$lost" -eq 0 ] || fail "$lost acknowledged writes are not in the database"
[ "$entries" -ge "$acknowledged" ] || fail "$acknowledged writes acknowledged but only $entries hour entries stored"
say "   acknowledged $acknowledged, stored entries $entries, lost 0; answers that were not 'saved': $refused"

# The survivors keep serving: every remaining node answers, and the proxy does.
serving=0
for n in $(seq 1 "$NODES"); do
  [ "$n" = 2 ] && continue
  [ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((FIRST_NODE_PORT + n - 1))/participants")" = 200 ] && serving=$((serving + 1))
done
[ "$serving" -eq $((NODES - 1)) ] || fail "only $serving of $((NODES - 1)) surviving nodes answer"
proxy_ok=0
for _ in $(seq 1 10); do
  [ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PROXY_PORT/participants")" = 200 ] && proxy_ok=$((proxy_ok + 1))
done
[ "$proxy_ok" -eq 10 ] || fail "the proxy answered $proxy_ok of 10 requests after the kill"
say "   the other $serving nodes and the proxy keep serving (10 of 10)"

# 2 and 4. Wait for scheduled fires after the kill too, then count runs per fire time.
sleep 35
tenant_sql "" "SELECT to_char(date_trunc('minute', started_at) + floor(extract(second FROM started_at) / 15) * interval '15 seconds', 'HH24:MI:SS'), count(*), string_agg(DISTINCT node, ',') FROM risk_evaluation_runs WHERE trigger = 0 AND started_at >= to_timestamp($FIRES_FROM) GROUP BY 1 ORDER BY 1" >"$OUT/fires.txt"
fires="$(wc -l <"$OUT/fires.txt")"
doubles="$(awk -F'|' '$2 > 1' "$OUT/fires.txt" | wc -l)"
nodes_used="$(cut -d'|' -f3 "$OUT/fires.txt" | tr ',' '\n' | sort -u | wc -l)"
after="$(tenant_sql "" "SELECT count(*) FROM risk_evaluation_runs WHERE trigger = 0 AND started_at > to_timestamp($KILLED_AT) + interval '8 seconds'")"
[ "$fires" -ge 4 ] || fail "only $fires scheduled fires were seen"
[ "$doubles" -eq 0 ] || fail "$doubles fire times ran on more than one node"
[ "$after" -ge 1 ] || fail "no scheduled fire after node 2 was killed"
say "2/4. $fires scheduled fires, each run once (by $nodes_used node(s)), $after after the kill"

echo "CLUSTER OK: $NODES nodes; session on $sessions_ok/$NODES nodes; $fires fires, 0 doubled, $after after the kill; writes acknowledged $acknowledged, stored $entries, lost 0; not acknowledged $refused$THROUGHPUT"
