#!/usr/bin/env bash
# IntroProgram's one entry point for people and CI.
#   ./build.sh run       install what is missing, start the local database, migrate, seed the demo, run the app
#   ./build.sh test      the same set-up, then every test project (on the real clock and on a set one) and the faults script;
#                        ends with "N passed, N failed[, N skipped]"
#   ./build.sh screenshots   the browser tests that take the README's pictures, writing them into docs/screenshots
#   ./build.sh bench [scale] [seed]   load synthetic data (national by default) and print the benchmark table
#   ./build.sh bench-growth [seed]    the benchmark at county, region and national scale, then one table of how cost grows
#   ./build.sh cluster   three app nodes behind haproxy: shared sessions, jobs fire once, a killed node loses nothing
#   ./build.sh faults    PostgreSQL stopped for 5 s under hour logging: the app answers errors, recovers, loses nothing
#   ./build.sh backup ARGS   scripts/backup.sh: backup FILE | restore FILE DB | backup-municipality NR FILE | restore-municipality FILE DB
#   ./build.sh sqlmap    SQL injection scan of the running app with sqlmap (about 15 minutes)
#   ./build.sh db-stop   stop the local database (it keeps running between app starts)
#   ./build.sh psql      open psql on the local database as the owner
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

APP_PORT="${INTROPROGRAM_PORT:-5000}"
# The local OpenID provider (tools/test-idp) that `run` starts beside the app; INTROPROGRAM_IDP=off leaves it out.
IDP_PORT="${INTROPROGRAM_IDP_PORT:-5010}"
PG_PORT="${INTROPROGRAM_PG_PORT:-54329}"
LOCAL="$ROOT/.local"
PG_DATA="$LOCAL/pg/data"
PG_SOCK="$LOCAL/pg/socket"
PG_LOG="$LOCAL/pg/postgres.log"
DB_NAME="${INTROPROGRAM_DB:-introprogram}"
OWNER_ROLE=introprogram_owner
OWNER_PASSWORD="${INTROPROGRAM_OWNER_PASSWORD:-owner-dev-only-password}"
APP_ROLE=introprogram_app
APP_PASSWORD="${INTROPROGRAM_APP_PASSWORD:-app-dev-only-password}"
CONFIGURATION="${CONFIGURATION:-Release}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $* (install it by hand or run as root)" >&2; return 1; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  return 1
}

ensure_packages() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql)
  command -v chromium >/dev/null || missing+=(chromium)
  # Fonts that cover Norwegian, Arabic, Cyrillic and Ethiopic scripts, for pages and PDFs.
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
  [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

# Runs a command as the user who owns the cluster (initdb refuses root).
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi
}

pg_superuser() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

psql_super() {
  "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U "$(pg_superuser)" "$@"
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$LOCAL/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$LOCAL" "$LOCAL/pg"
    if ! su postgres -s /bin/bash -c "test -x '$LOCAL/pg'"; then
      echo "The postgres user cannot reach $LOCAL/pg; move the checkout to a world-readable path." >&2; exit 1
    fi
    chown postgres "$LOCAL/pg"
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "Creating a private PostgreSQL cluster in $PG_DATA"
    as_pg_owner "$bin/initdb" -D "$PG_DATA" -U "$(pg_superuser)" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg_owner mkdir -p "$PG_SOCK"
  if ! as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_SOCK -c max_connections=300 -c shared_buffers=256MB -c fsync=${INTROPROGRAM_PG_FSYNC:-on}" >/dev/null
  fi
  psql_super -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN
    CREATE ROLE $OWNER_ROLE LOGIN CREATEDB PASSWORD '$OWNER_PASSWORD';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
    CREATE ROLE $APP_ROLE LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '$APP_PASSWORD';
  END IF;
END \$\$;
SQL
  if [ "$(psql_super -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    psql_super -d postgres -c "CREATE DATABASE $DB_NAME OWNER $OWNER_ROLE"
  fi
  export ConnectionStrings__Owner="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$OWNER_ROLE;Password=$OWNER_PASSWORD"
  export ConnectionStrings__App="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$APP_ROLE;Password=$APP_PASSWORD;Maximum Pool Size=100"
}

stop_postgres() {
  local bin; bin="$(pg_bin)"
  if [ -f "$PG_DATA/PG_VERSION" ]; then as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast stop || true; fi
}

build() {
  command -v npm >/dev/null || apt_install npm
  # Designsystemet and the Inter font into src/Web/wwwroot/lib (npm ci from the lock file; skipped while up to date).
  "$ROOT/scripts/design-assets.sh"
  log "Building ($CONFIGURATION)"
  dotnet tool restore >/dev/null
  dotnet build IntroProgram.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
}

web() { (cd "$ROOT/src/Web" && dotnet "bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll" "$@"); }
# The benchmark tool (bench/Tool: not part of the product or its image), run with the product's settings and texts.
bench_tool() { (cd "$ROOT/src/Web" && dotnet "$ROOT/bench/Tool/bin/$CONFIGURATION/net10.0/IntroProgram.BenchTool.dll" "$@"); }

cmd_run() {
  ensure_packages
  start_postgres
  build
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium)}"
  export Outbox__Path="${Outbox__Path:-$LOCAL/outbox}"
  # Printed on certificates (QR code and verification link); a deployment sets its public address.
  export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$APP_PORT}"
  # INTROPROGRAM_CLOCK=2028-02-29T00:30 runs the app on a clock set to that instant (Oslo time), running on from now.
  if [ -n "${INTROPROGRAM_CLOCK:-}" ]; then
    export App__Clock="$INTROPROGRAM_CLOCK" App__ClockSetAt; App__ClockSetAt="$(date -u +%FT%T.%NZ)"
  fi
  log "Migrating"
  web migrate
  log "Seeding the demo data (once) and evaluating its risk flags"
  web seed-demo
  local idp_note="  (INTROPROGRAM_IDP=off: only passwords; no ID-porten or municipal sign-in in this run)"
  if [ "${INTROPROGRAM_IDP:-on}" != off ]; then
    start_test_idp
    idp_note="$(cat <<IDP
  Sign-in the Norwegian way, against a local OpenID provider on http://127.0.0.1:$IDP_PORT (log: $LOCAL/test-idp.log):
    Participants: "Logg inn med ID-porten" on the login page, then pick a synthetic person on the TestID page
                  (the first Bergen person reads Arabic, the first Tromsø person Ukrainian; "Ukjent person" is no participant).
    Staff:        type a Bergen or Tromsø staff address, leave the password empty and press "Logg inn":
                  the municipality's own provider (local) signs you in; passwords still work too.
IDP
)"
  fi
  cat <<TXT

  Database (psql):  psql "host=127.0.0.1 port=$PG_PORT dbname=$DB_NAME user=$OWNER_ROLE password=$OWNER_PASSWORD"
  Outbox (invitation links): $LOCAL/outbox
  Stop the database later with: ./build.sh db-stop

$idp_note

  Demo logins (development only; every password is  Demo-password-2026):
TXT
  web demo-logins | sed 's/^/    /'
  cat <<TXT

  What to look at first, by role (sign in at http://127.0.0.1:$APP_PORT/account/login):
TXT
  web demo-tour | sed 's/^/    /'
  cat <<TXT

  IntroProgram is starting on http://127.0.0.1:$APP_PORT

TXT
  cd "$ROOT/src/Web"
  if [ -n "${IDP_PID:-}" ]; then
    # The provider stops with the app.
    dotnet "bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll" --urls "http://127.0.0.1:$APP_PORT"
  else
    exec dotnet "bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll" --urls "http://127.0.0.1:$APP_PORT"
  fi
}

# The local OpenID provider (tools/test-idp, oidc-provider pinned in its package-lock.json), for the demo and the tests.
ensure_test_idp() {
  if [ ! -f "$ROOT/tools/test-idp/node_modules/oidc-provider/package.json" ]; then
    command -v npm >/dev/null || apt_install npm
    log "Installing the local OpenID provider (npm ci in tools/test-idp)"
    (cd "$ROOT/tools/test-idp" && npm ci --no-audit --no-fund >/dev/null)
  fi
}

# Starts the provider beside the app for `run`: ID-porten for participants, and the demo municipalities' own sign-in.
start_test_idp() {
  ensure_test_idp
  if curl -s -o /dev/null "http://127.0.0.1:$IDP_PORT/"; then
    echo "Port $IDP_PORT is taken (set INTROPROGRAM_IDP_PORT, or INTROPROGRAM_IDP=off)." >&2; exit 1
  fi
  log "Configuring the demo municipalities for the local OpenID provider on :$IDP_PORT"
  web demo-idp "$LOCAL/test-idp.json" "http://127.0.0.1:$IDP_PORT" "http://127.0.0.1:$APP_PORT" >/dev/null
  TEST_IDP_CONFIG="$LOCAL/test-idp.json" TEST_IDP_PORT="$IDP_PORT" node "$ROOT/tools/test-idp/server.js" >"$LOCAL/test-idp.log" 2>&1 &
  IDP_PID=$!
  trap 'kill "$IDP_PID" 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$IDP_PORT/health" && break
    kill -0 "$IDP_PID" 2>/dev/null || { echo "The local OpenID provider did not start; see $LOCAL/test-idp.log" >&2; exit 1; }
    sleep 0.2
  done
  export IdPorten__Authority="http://127.0.0.1:$IDP_PORT/idporten" IdPorten__ClientId=introprogram-demo
  export IdPorten__ClientSecret=demo-only-client-secret-of-the-local-provider FederatedSignIn__AllowHttpProviders=true
}

# axe-core for the browser tests' accessibility sweep, pinned in tests/Browser.Tests/package-lock.json.
ensure_axe() {
  if [ ! -f "$ROOT/tests/Browser.Tests/node_modules/axe-core/axe.min.js" ]; then
    command -v npm >/dev/null || apt_install npm
    log "Installing axe-core for the browser tests (npm ci)"
    (cd "$ROOT/tests/Browser.Tests" && npm ci --no-audit --no-fund >/dev/null)
  fi
}

# The instant of the test command's second pass (see cmd_test): a leap day, half past midnight in Oslo, when the UTC
# date is still the day before.
SET_CLOCK_PASS="${INTROPROGRAM_SECOND_CLOCK:-2028-02-29T00:30}"

# Runs every test project once into $1 (a results folder); with $2, on the app clock set to that instant (Oslo time
# unless it has an offset); with $3, only that project. Adds to PASSED, FAILED and SKIPPED.
run_suite() {
  local results="$1" clock="${2:-}" target="${3:-IntroProgram.sln}" status=0 n trx
  mkdir -p "$results"
  # INTROPROGRAM_TEST_FILTER narrows the run to some tests while working on them (dotnet test --filter syntax);
  # the fault script then does not run. CI and the README's command run everything.
  local filter=()
  [ -n "${INTROPROGRAM_TEST_FILTER:-}" ] && filter=(--filter "$INTROPROGRAM_TEST_FILTER")
  if [ -n "$clock" ]; then
    log "Running every test project with the clock set to $clock (Europe/Oslo unless an offset is given)"
    # The tests and every app they start read the same set clock: the chosen instant holds at this moment.
    export App__Clock="$clock" App__ClockSetAt; App__ClockSetAt="$(date -u +%FT%T.%NZ)"
  else
    if [ "$target" = IntroProgram.sln ]; then log "Running every test project"; else log "Running $target"; fi
    unset App__Clock App__ClockSetAt
  fi
  # The real-clock pass keeps its screenshots where the README says (TestResults/screenshots); the set-clock pass its own.
  local shots="$ROOT/TestResults/screenshots"; [ -n "$clock" ] && shots="$results/screenshots"
  INTROPROGRAM_SCREENSHOTS="$shots" dotnet test "$target" -c "$CONFIGURATION" --no-build -nologo "${filter[@]}" \
    --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
  unset App__Clock App__ClockSetAt
  local passed=0 failed=0 skipped=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    n=$(grep -o -m1 '<Counters [^>]*>' "$trx")
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$n")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$n")))
    skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$n")))
  done
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "The test run itself failed (exit $status)." >&2; fi
  echo "${clock:-real clock}: $passed passed, $failed failed, $skipped skipped"
  PASSED=$((PASSED + passed)); FAILED=$((FAILED + failed)); SKIPPED=$((SKIPPED + skipped))
}

# Every test project twice: on the real clock, and on the clock set to another date and hour (INTROPROGRAM_SECOND_CLOCK,
# default above), so that every change is asked whether it is right on any day and at any hour. INTROPROGRAM_CLOCK=…
# runs the suite once, on the clock set to that instant only. Then the fault script, once.
cmd_test() {
  # The README's pictures are written into the repository by `screenshots` only; here they go to TestResults.
  unset INTROPROGRAM_README_SCREENSHOTS
  ensure_packages
  start_postgres
  build
  export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium)}"
  local results="$ROOT/TestResults"
  rm -rf "$results"; mkdir -p "$results"
  ensure_axe
  ensure_test_idp
  PASSED=0 FAILED=0 SKIPPED=0
  if [ -n "${INTROPROGRAM_CLOCK:-}" ]; then
    run_suite "$results/set-clock" "$INTROPROGRAM_CLOCK"
  else
    run_suite "$results/real-clock"
    [ "${INTROPROGRAM_SECOND_CLOCK:-}" = off ] || run_suite "$results/set-clock" "$SET_CLOCK_PASS"
  fi
  # Last, when no test project uses the database any more: the script that stops and restarts it under load.
  # It counts as one test.
  if [ -z "${INTROPROGRAM_TEST_FILTER:-}" ]; then
    log "Fault script: PostgreSQL restarted under hour logging (scripts/faults.sh)"
    if "$ROOT/scripts/faults.sh" >"$results/faults.log" 2>&1; then
      PASSED=$((PASSED + 1)); tail -n 1 "$results/faults.log"
    else
      FAILED=$((FAILED + 1)); tail -n 30 "$results/faults.log" >&2
    fi
  fi
  if [ "$SKIPPED" -gt 0 ]; then echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; else echo "$PASSED passed, $FAILED failed"; fi
  [ "$FAILED" -eq 0 ] && [ $((PASSED + FAILED)) -gt 0 ]
}

# The README's pictures (tests/Browser.Tests/ReadmeScreenshotTests.cs) into docs/screenshots, on the real clock, then
# the files written with their sizes. pngquant (installed if missing) makes them smaller; without it they stay as taken.
cmd_screenshots() {
  ensure_packages
  start_postgres
  build
  export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium)}"
  ensure_axe
  ensure_test_idp
  local out="$ROOT/docs/screenshots" results="$ROOT/TestResults/readme-screenshots" file
  rm -rf "$results"; mkdir -p "$results" "$out"
  touch "$results/started"
  PASSED=0 FAILED=0 SKIPPED=0
  local INTROPROGRAM_TEST_FILTER="FullyQualifiedName~IntroProgram.Browser.Tests.ReadmeScreenshotTests"
  INTROPROGRAM_README_SCREENSHOTS="$out" run_suite "$results" "" tests/Browser.Tests/IntroProgram.Browser.Tests.csproj
  local written=()
  while IFS= read -r file; do written+=("$file"); done < <(find "$out" -maxdepth 1 -name '*.png' -newer "$results/started" | sort)
  if [ ${#written[@]} -gt 0 ]; then
    command -v pngquant >/dev/null || { log "Installing pngquant"; apt_install pngquant || true; }
    if command -v pngquant >/dev/null; then
      log "Compressing with pngquant"
      # 98 and 99 mean a picture was left as it was (already smaller, or below the quality floor).
      for file in "${written[@]}"; do pngquant --force --skip-if-larger --strip --quality=70-95 --ext .png -- "$file" || true; done
    fi
    echo "Written to ${out#"$ROOT"/}:"
    for file in "${written[@]}"; do printf '  %-34s %7s bytes\n' "$(basename "$file")" "$(stat -c %s "$file")"; done
  fi
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}

# The HTTP benchmark: synthetic data at a chosen scale in its own database, the risk evaluation timed, then the
# product and the raw baseline (bench/RawBaseline) driven side by side with wrk, then certificate rendering.
# Prints one table at the end. Figures go to .local/bench/; see docs/performance.md for what they mean.
cmd_bench() {
  local scale="${1:-national}" seed="${2:-42}"
  local duration="${BENCH_DURATION:-20}" connections="${BENCH_CONNECTIONS:-16}" threads="${BENCH_THREADS:-2}"
  local app_port="${BENCH_APP_PORT:-5091}" base_port="${BENCH_BASELINE_PORT:-5092}"
  local out="$LOCAL/bench/$scale"
  ensure_packages
  command -v wrk >/dev/null || apt_install wrk
  [[ "$scale" =~ ^[A-Za-z0-9]+$ && "$seed" =~ ^[0-9]+$ ]] || { echo "Usage: ./build.sh bench [one|county|region|national|PARTICIPANTSxMUNICIPALITIES] [seed]" >&2; exit 2; }
  # Each scale and seed has a database of its own: a county run never leaves its municipalities in a national one
  # (the loader also refuses a database that holds another scale).
  DB_NAME="${INTROPROGRAM_BENCH_DB:-introprogram_bench_${scale,,}_s${seed}}"
  start_postgres
  # BENCH_BUILD=0 measures the binaries already built (a re-run while the sources are being edited).
  [ "${BENCH_BUILD:-1}" = 0 ] || build
  mkdir -p "$out"; rm -f "$out"/*.txt
  export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Jobs__RunScheduler=false
  export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium)}"
  export BENCH_PASSWORD="${BENCH_PASSWORD:-Bench-password-$RANDOM-$RANDOM}" App__PublicBaseUrl="http://127.0.0.1:$app_port"
  web migrate >/dev/null
  web seed-demo >/dev/null
  log "Loading the synthetic data ($scale, seed $seed) unless it is there"
  bench_tool bench-data "$scale" "$seed" | tee "$out/data.txt"
  local tenant; tenant="$(sed -n 's/^BENCH_TENANT=//p' "$out/data.txt")"
  log "Risk evaluation"
  bench_tool bench-risk "$scale" "$seed" | tee "$out/risk.txt"

  # As the owner, bound to the benchmark municipality (row-level security applies to the owner too).
  bench_sql() {
    printf '\\o /dev/null\nSELECT set_config(%s, %s, false);\n\\o\n%s;\n' "'app.tenant_id'" "'$tenant'" "$1" |
      PGPASSWORD="$OWNER_PASSWORD" "$(pg_bin)/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$OWNER_ROLE" "$DB_NAME"
  }
  bench_sql "SELECT id FROM participants WHERE status = 1 ORDER BY id LIMIT 5000" > "$out/ids.txt"
  local user; user="$(bench_sql "SELECT id FROM users WHERE email = 'koordinator@bench.introprogram.invalid'")"

  log "Starting the product on :$app_port and the raw baseline on :$base_port"
  local port
  for port in "$app_port" "$base_port"; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "Port $port is taken; stop what runs there first." >&2; exit 1; fi
  done
  (cd "$ROOT/src/Web" && exec dotnet "bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll" --urls "http://127.0.0.1:$app_port") >"$out/app.log" 2>&1 &
  BENCH_APP_PID=$!
  BASELINE_CONNECTION="$ConnectionStrings__App" BASELINE_TENANT="$tenant" BASELINE_USER="$user" \
    dotnet "$ROOT/bench/RawBaseline/bin/$CONFIGURATION/net10.0/IntroProgram.RawBaseline.dll" --urls "http://127.0.0.1:$base_port" >"$out/baseline.log" 2>&1 &
  BENCH_BASE_PID=$!
  trap 'kill $BENCH_APP_PID $BENCH_BASE_PID 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 120); do
    kill -0 "$BENCH_APP_PID" 2>/dev/null && kill -0 "$BENCH_BASE_PID" 2>/dev/null || { echo "The product or the baseline did not start; see $out/*.log" >&2; exit 1; }
    curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null && curl -fs -o /dev/null "http://127.0.0.1:$base_port/hours/session" && break
    sleep 1
  done

  # A signed-in session: the login form's antiforgery token, then the post; the cookies go to wrk as a header.
  # Signed in again before each product page: the app re-checks a session's security stamp once a minute and renews
  # its cookie, which a browser keeps but wrk cannot, so without this every request after the first minute would
  # be re-checked (four more statements and a new cookie each time) and the later pages measured slower than they are.
  local jar="$out/cookies.txt"
  bench_sign_in() {
    local token
    rm -f "$jar"
    token="$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$app_port/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n 1p | sed 's/.*value="//; s/"$//')"
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Email=koordinator@bench.introprogram.invalid" \
      --data-urlencode "Password=$BENCH_PASSWORD" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$app_port/account/login"
    token="$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$app_port/participants/$(head -n1 "$out/ids.txt")/hours/new" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n 1p | sed 's/.*value="//; s/"$//')"
    export BENCH_COOKIE; BENCH_COOKIE="$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')"
    export BENCH_ANTIFORGERY="$token" BENCH_IDS="$out/ids.txt"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $BENCH_COOKIE" "http://127.0.0.1:$app_port/hours/session")" != 200 ]; then
      echo "Could not sign in the benchmark coordinator." >&2; exit 1
    fi
  }
  bench_sign_in

  bench_profile() {
    local trace_tool="${DOTNET_TOOLS:-$HOME/.dotnet/tools}/dotnet-trace"
    [ -x "$trace_tool" ] || dotnet tool install -g dotnet-trace --version 10.0.750501 >/dev/null
    bench_sign_in
    BENCH_NAME="$1-profiled" BENCH_PATH="$2" BENCH_BODY="$3" \
      wrk -t"$threads" -c"$connections" -d25s --timeout 60s -s "$ROOT/bench/wrk/request.lua" "http://127.0.0.1:$app_port" >/dev/null &
    local load=$!
    sleep 5
    "$trace_tool" collect -p "$BENCH_APP_PID" --profile dotnet-sampled-thread-time --duration 00:00:00:15 -o "$out/$1.nettrace" >/dev/null
    wait "$load" || true
    { echo "# $1: methods longest on the stack (inclusive), 15 s of sampling under $connections connections"
      "$trace_tool" report "$out/$1.nettrace" topN -n "${BENCH_PROFILE_TOP:-40}" --inclusive
      echo "# $1: methods by their own time (exclusive)"
      "$trace_tool" report "$out/$1.nettrace" topN -n "${BENCH_PROFILE_TOP:-40}"
    } > "$out/$1-profile.txt" 2>&1
    log "Profile of $1 written to ${out#"$ROOT"/}/$1-profile.txt"
  }

  local today; today="$(TZ=Europe/Oslo date +%F)"
  local pages=(
    "list|/participants?status=Active&sort=Norwegian&desc=true&size=50&page=3|/participants?size=50&page=3|"
    "participant|/participants/{id}|/participants/{id}|"
    "log-hours|/participants/{id}/hours/new|/participants/{id}/hours/new|FormToken={token}&Date=$today&Category=CareerGuidance&Hours=0%2C25&__RequestVerificationToken={antiforgery}"
    "session-form|/hours/session|/hours/session|"
    "dashboard|/reports|/reports|"
  )
  local page name app_path base_path body
  for page in "${pages[@]}"; do
    IFS='|' read -r name app_path base_path body <<<"$page"
    # BENCH_PAGES="participant log-hours" measures only those pages.
    if [ -n "${BENCH_PAGES:-}" ] && [[ " $BENCH_PAGES " != *" $name "* ]]; then continue; fi
    for target in product baseline; do
      local port=$app_port path=$app_path
      [ "$target" = baseline ] && { port=$base_port; path=$base_path; }
      log "$name ($target): ${duration}s at $connections connections"
      if [ "$target" = product ]; then bench_sign_in; fi
      if [ -z "$body" ]; then
        local probe="${path//\{id\}/$(head -n1 "$out/ids.txt")}" code
        code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $BENCH_COOKIE" "http://127.0.0.1:$port$probe")"
        [ "$code" = 200 ] || { echo "$target $probe answered $code, not 200" >&2; exit 1; }
      fi
      # Warm-up at full load, long enough for .NET's tiered compilation to settle on both sides (after 3 s at two
      # connections the product's first measured seconds still ran partly unoptimised code).
      BENCH_NAME="$name-$target" BENCH_PATH="$path" BENCH_BODY="$body" \
        wrk -t"$threads" -c"$connections" -d"${BENCH_WARMUP:-10}s" --timeout 60s -s "$ROOT/bench/wrk/request.lua" "http://127.0.0.1:$port" >/dev/null
      # The server's own CPU time over the measured run, per request: steadier than requests/s on a machine whose
      # speed drifts between runs, and what the two sides spend, PostgreSQL's share left out.
      local pid=$BENCH_APP_PID cpu_before cpu_after
      [ "$target" = baseline ] && pid=$BENCH_BASE_PID
      cpu_before="$(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
      BENCH_NAME="$name-$target" BENCH_PATH="$path" BENCH_BODY="$body" \
        wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 60s -s "$ROOT/bench/wrk/request.lua" "http://127.0.0.1:$port" | grep '^RESULT' > "$out/last.txt"
      cpu_after="$(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
      awk -v b="$cpu_before" -v a="$cpu_after" -v hz="$(getconf CLK_TCK)" \
        '{ printf "%s %.2f\n", $0, ($6 > 0 ? (a - b) * 1000 / hz / $6 : 0) }' "$out/last.txt" >> "$out/http.txt"
      # BENCH_PROFILE="participant …": after the measured run, the same load once more with a CPU-sampling trace of
      # the product (dotnet-trace, installed as a .NET tool if missing); the measured figures are taken without it.
      if [ "$target" = product ] && [[ " ${BENCH_PROFILE:-} " == *" $name "* ]]; then
        bench_profile "$name" "$path" "$body"
      fi
    done
  done
  local app_peak base_peak
  app_peak="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$BENCH_APP_PID/status")"
  base_peak="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$BENCH_BASE_PID/status")"
  kill "$BENCH_APP_PID" "$BENCH_BASE_PID" 2>/dev/null || true
  trap - EXIT

  log "Certificates"
  bench_tool bench-certificates "${BENCH_CERTIFICATES:-100}" | tee "$out/certificates.txt"

  echo
  echo "IntroProgram benchmark — scale $scale (seed $seed), $(sed -n 's/.*participants \([0-9]*\),.*/\1/p' "$out/data.txt" | head -n1) participants present in database $DB_NAME, the largest municipality $(sed -n 's/^BENCH_TENANT_PARTICIPANTS=//p' "$out/data.txt"); $(nproc) cores, $connections connections, ${duration}s per page, $(date -u +%FT%TZ)"
  grep -E '^data' "$out/data.txt"
  grep -E '^risk' "$out/risk.txt"
  printf '\n%-14s %12s %9s %9s %9s | %12s %9s %9s | %7s | %9s %9s %9s\n' page "product r/s" "p50 ms" "p95 ms" errors "baseline r/s" "p50 ms" "p95 ms" ratio \
    "CPU ms/r" "base CPU" "CPU ratio"
  for page in "${pages[@]}"; do
    name="${page%%|*}"
    grep -q " $name-product " "$out/http.txt" || continue
    awk -v n="$name" '
      $2 == n "-product"  { pr = $3; p50 = $4; p95 = $5; pe = $7; pc = $8 }
      $2 == n "-baseline" { br = $3; b50 = $4; b95 = $5; bc = $8 }
      END { printf "%-14s %12.1f %9.1f %9.1f %9d | %12.1f %9.1f %9.1f | %7.2f | %9.2f %9.2f %9.2f\n", n, pr, p50, p95, pe, br, b50, b95,
              (br > 0 ? pr / br : 0), pc, bc, (pc > 0 ? bc / pc : 0) }
    ' "$out/http.txt"
  done
  echo "(CPU ms/r: the server process's CPU time per request over the measured run, PostgreSQL's not included; CPU ratio = baseline / product.)"
  echo "peak memory (VmHWM): product $app_peak MiB, baseline $base_peak MiB"
  grep -E 'median|p95|batch|peak' "$out/certificates.txt" | sed 's/^/certificates: /' || true

  if [ "${BENCH_CLUSTER:-1}" = 1 ]; then
    log "Several nodes behind haproxy"
    "$ROOT/scripts/cluster.sh" | tail -n1
  fi
}

# How cost grows with the country: `./build.sh bench` at each scale (its own database, its results in
# .local/bench/<scale>/), then one table of throughput and p95 per page and scale. Every query is scoped to one
# municipality, so the goal is a flat line. BENCH_SCALES="county region national" by default.
cmd_bench_growth() {
  local scales="${BENCH_SCALES:-county region national}" seed="${1:-42}" scale name
  for scale in $scales; do
    BENCH_CLUSTER=0 BENCH_CERTIFICATES="${BENCH_CERTIFICATES:-20}" "$ROOT/build.sh" bench "$scale" "$seed"
    export BENCH_BUILD=0
  done
  echo
  echo "IntroProgram benchmark — how cost grows (seed $seed), $(nproc) cores, ${BENCH_CONNECTIONS:-16} connections"
  printf '%-14s' page
  for scale in $scales; do
    printf ' | %-30s' "$scale ($(sed -n 's/^BENCH_TENANT_PARTICIPANTS=//p' "$LOCAL/bench/$scale/data.txt" | head -n1) in the largest)"
  done
  echo
  printf '%-14s' ""; for scale in $scales; do printf ' | %10s %9s %9s' "r/s" "p95 ms" ratio; done; echo
  for name in list participant log-hours session-form dashboard; do
    printf '%-14s' "$name"
    for scale in $scales; do
      awk -v n="$name" '
        $2 == n "-product"  { pr = $3; p95 = $5 }
        $2 == n "-baseline" { br = $3 }
        END { printf " | %10.1f %9.1f %9.2f", pr, p95, (br > 0 ? pr / br : 0) }' "$LOCAL/bench/$scale/http.txt"
    done
    echo
  done
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  screenshots) cmd_screenshots ;;
  bench) shift; cmd_bench "$@" ;;
  bench-growth) shift; cmd_bench_growth "$@" ;;
  cluster) ensure_packages; start_postgres; build; exec "$ROOT/scripts/cluster.sh" ;;
  faults) ensure_packages; start_postgres; build; exec "$ROOT/scripts/faults.sh" ;;
  backup) ensure_packages; start_postgres; shift; exec "$ROOT/scripts/backup.sh" "$@" ;;
  sqlmap) ensure_packages; start_postgres; build; exec "$ROOT/scripts/sqlmap.sh" ;;
  db-start) ensure_packages; start_postgres; echo "ConnectionStrings__Owner=$ConnectionStrings__Owner" ;;
  db-stop) stop_postgres ;;
  migrate) start_postgres; build; web migrate ;;
  psql) start_postgres; shift; PGPASSWORD="$OWNER_PASSWORD" exec "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$OWNER_ROLE" "$DB_NAME" "$@" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
