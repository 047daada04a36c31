#!/usr/bin/env bash
# IntroProgram's one entry point for people and CI.
#   ./build.sh run       install what is missing, start the local database, migrate, seed the demo, run the app
#   ./build.sh test      the same set-up, then every test project; ends with "N passed, N failed[, N skipped]"
#   ./build.sh db-stop   stop the local database (it keeps running between app starts)
#   ./build.sh psql      open psql on the local database as the owner
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

APP_PORT="${INTROPROGRAM_PORT:-5000}"
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
  log "Building ($CONFIGURATION)"
  dotnet tool restore >/dev/null
  dotnet build IntroProgram.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
}

web() { (cd "$ROOT/src/Web" && dotnet "bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll" "$@"); }

cmd_run() {
  ensure_packages
  start_postgres
  build
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium)}"
  export Outbox__Path="${Outbox__Path:-$LOCAL/outbox}"
  # Printed on certificates (QR code and verification link); a deployment sets its public address.
  export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$APP_PORT}"
  log "Migrating"
  web migrate
  log "Seeding the demo data (once)"
  web seed-demo
  cat <<TXT

  IntroProgram is starting on http://127.0.0.1:$APP_PORT
  Database (psql):  psql "host=127.0.0.1 port=$PG_PORT dbname=$DB_NAME user=$OWNER_ROLE password=$OWNER_PASSWORD"
  Outbox (invitation links): $LOCAL/outbox
  Stop the database later with: ./build.sh db-stop

  Demo logins (development only; every password is  Demo-password-2026):
TXT
  web demo-logins | sed 's/^/    /'
  echo
  cd "$ROOT/src/Web"
  exec dotnet "bin/$CONFIGURATION/net10.0/IntroProgram.Web.dll" --urls "http://127.0.0.1:$APP_PORT"
}

# axe-core for the browser tests' accessibility sweep, pinned in tests/Browser.Tests/package-lock.json.
ensure_axe() {
  if [ ! -f "$ROOT/tests/Browser.Tests/node_modules/axe-core/axe.min.js" ]; then
    command -v npm >/dev/null || apt_install npm
    log "Installing axe-core for the browser tests (npm ci)"
    (cd "$ROOT/tests/Browser.Tests" && npm ci --no-audit --no-fund >/dev/null)
  fi
}

cmd_test() {
  ensure_packages
  start_postgres
  build
  export Pdf__ChromiumPath="${Pdf__ChromiumPath:-$(command -v chromium)}"
  local results="$ROOT/TestResults"
  rm -rf "$results"; mkdir -p "$results/screenshots"
  ensure_axe
  log "Running every test project"
  local status=0
  dotnet test IntroProgram.sln -c "$CONFIGURATION" --no-build -nologo \
    --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
  local passed=0 failed=0 skipped=0 total=0 n
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    n=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
    total=$((total + $(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$n")))
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$n")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$n")))
    skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$n")))
  done
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "The test run itself failed (exit $status)." >&2; fi
  if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
  [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  db-start) ensure_packages; start_postgres; echo "ConnectionStrings__Owner=$ConnectionStrings__Owner" ;;
  db-stop) stop_postgres ;;
  migrate) start_postgres; build; web migrate ;;
  psql) start_postgres; shift; PGPASSWORD="$OWNER_PASSWORD" exec "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$OWNER_ROLE" "$DB_NAME" "$@" ;;
  *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
