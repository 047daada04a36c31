#!/usr/bin/env bash
# Backup and restore of IntroProgram's database.
#   scripts/backup.sh backup FILE                        pg_dump -Fc of the whole app database to FILE
#   scripts/backup.sh restore FILE DBNAME                create DBNAME (must not exist) and pg_restore FILE into it
#   scripts/backup.sh backup-municipality NUMBER FILE    only one municipality's rows (plus the schema) to FILE (a tar)
#   scripts/backup.sh restore-municipality FILE DBNAME   load such a file into DBNAME: created from the file's schema
#                                                        when it does not exist, else an existing database at the same
#                                                        migration that does not hold the municipality yet
#
# Every tenant table is FORCEd under row-level security, so even the owning role sees nothing without a municipality
# set: the dump must run as a role that bypasses RLS. By default that is the superuser of the local cluster over its
# socket (as ./build.sh uses it); a deployment points INTROPROGRAM_BACKUP_HOST/_USER (and PGPASSWORD or ~/.pgpass)
# at a dedicated backup role with BYPASSRLS. The roles introprogram_owner and introprogram_app must already exist
# where a file is restored; ownership, grants, policies and FORCE come back with the schema.
#
# A backup file holds personal data and the Data Protection key ring (which decrypts national ids): keep it as
# safe as the database itself.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${INTROPROGRAM_PG_PORT:-54329}"
DB_NAME="${INTROPROGRAM_DB:-introprogram}"
OWNER_ROLE="${INTROPROGRAM_OWNER_ROLE:-introprogram_owner}"
PG_HOST="${INTROPROGRAM_BACKUP_HOST:-$ROOT/.local/pg/socket}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'backup.sh: %s\n' "$*" >&2; exit 1; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_dump" ] && { echo "$dir"; return; }; done
  dirname "$(command -v pg_dump || die "pg_dump not found")"
}
BIN="$(pg_bin)"
if [ -n "${INTROPROGRAM_BACKUP_USER:-}" ]; then PG_USER="$INTROPROGRAM_BACKUP_USER"
elif [ "$(id -u)" -eq 0 ]; then PG_USER=postgres; else PG_USER="$(id -un)"; fi
CONN=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")

psql_db() { local db="$1"; shift; "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "${CONN[@]}" -d "$db" "$@"; }

valid_db_name() { [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "database name '$1' must be lower-case letters, digits and _"; }
db_exists() { [ "$(psql_db postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]; }
create_db() {
  log "Creating database $1 (owner $OWNER_ROLE)"
  psql_db postgres -c "CREATE DATABASE \"$1\" OWNER \"$OWNER_ROLE\" TEMPLATE template0 ENCODING 'UTF8'"
}
drop_db() { psql_db postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true; }

cmd_backup() {
  local file="${1:?usage: backup FILE}"
  local started=$SECONDS
  log "Dumping $DB_NAME to $file"
  "$BIN/pg_dump" "${CONN[@]}" -d "$DB_NAME" -Fc -f "$file"
  local tables; tables=$("$BIN/pg_restore" -l "$file" | grep -c ' TABLE DATA ' || true)
  echo "Backed up $DB_NAME: $tables tables, $(du -h "$file" | cut -f1), $((SECONDS - started)) s -> $file"
}

cmd_restore() {
  local file="${1:?usage: restore FILE DBNAME}" target="${2:?usage: restore FILE DBNAME}"
  local started=$SECONDS
  [ -f "$file" ] || die "no such file: $file"
  valid_db_name "$target"
  db_exists "$target" && die "database $target exists; restore only into a new database"
  create_db "$target"
  log "Restoring $file into $target"
  if ! "$BIN/pg_restore" "${CONN[@]}" -d "$target" --exit-on-error --single-transaction "$file"; then
    drop_db "$target"; die "restore failed; $target dropped again"
  fi
  psql_db "$target" -c "ANALYZE"
  echo "Restored $file into $target in $((SECONDS - started)) s"
}

# --- one municipality ------------------------------------------------------------------------------------------------

# The fixed head of the export (a psql script; :'id' and :'number' are psql variables). Its output is the load script.
export_head() {
  cat <<'SQL'
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only on
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
\qecho '-- IntroProgram: the rows of one municipality. Load with scripts/backup.sh restore-municipality.'
\qecho 'SET client_encoding = ''UTF8'';'
\qecho 'SET search_path = public;'
SELECT format($q$DO $g$ BEGIN
  IF (SELECT max(migration_id) FROM "__EFMigrationsHistory") IS DISTINCT FROM %L THEN
    RAISE EXCEPTION 'the database is not at migration %s, the migration of the backup';
  END IF;
  IF EXISTS (SELECT 1 FROM municipalities WHERE id = %L OR number = %L) THEN
    RAISE EXCEPTION 'the database already holds municipality %s';
  END IF;
END $g$;$q$, max(migration_id), max(migration_id), :'id', :'number', :'number')
FROM "__EFMigrationsHistory";
\qecho 'CREATE TEMP TABLE restore_roles (LIKE roles);'
\qecho 'COPY restore_roles FROM stdin;'
COPY roles TO STDOUT;
\qecho '\\.'
\qecho 'INSERT INTO roles SELECT * FROM restore_roles r WHERE NOT EXISTS (SELECT 1 FROM roles x WHERE x.normalized_name = r.normalized_name);'
\qecho 'CREATE TEMP TABLE restore_keys (LIKE data_protection_keys);'
\qecho 'COPY restore_keys FROM stdin;'
COPY data_protection_keys TO STDOUT;
\qecho '\\.'
\qecho 'INSERT INTO data_protection_keys (friendly_name, xml) SELECT friendly_name, xml FROM restore_keys k WHERE NOT EXISTS (SELECT 1 FROM data_protection_keys x WHERE x.friendly_name IS NOT DISTINCT FROM k.friendly_name) ORDER BY id;'
\qecho 'COPY municipalities FROM stdin;'
COPY (SELECT * FROM municipalities WHERE id = :'id') TO STDOUT;
\qecho '\\.'
SQL
}

# Every public table with a tenant_id column, parents before children (longest foreign-key path from a root), with
# its insertable columns. Read from the catalogue, so a table a later migration adds is carried without editing this.
TENANT_TABLES_SQL=$(cat <<'SQL'
WITH RECURSIVE tenant_tables AS (
  SELECT c.oid, c.relname FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
), deps AS (
  SELECT DISTINCT conrelid AS child, confrelid AS parent FROM pg_constraint
  WHERE contype = 'f' AND conrelid <> confrelid
    AND conrelid IN (SELECT oid FROM tenant_tables) AND confrelid IN (SELECT oid FROM tenant_tables)
), level(oid, depth) AS (
  SELECT oid, 0 FROM tenant_tables
  UNION ALL
  SELECT d.child, l.depth + 1 FROM level l JOIN deps d ON d.parent = l.oid WHERE l.depth < 100
)
SELECT t.relname,
       (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '')
FROM tenant_tables t JOIN level l USING (oid)
GROUP BY t.oid, t.relname ORDER BY max(l.depth), t.relname
SQL
)

cmd_backup_municipality() {
  local number="${1:?usage: backup-municipality NUMBER FILE}" file="${2:?usage: backup-municipality NUMBER FILE}"
  local started=$SECONDS
  [[ "$number" =~ ^[0-9]{4}$ ]] || die "a municipality number has four digits"
  local id; id=$(psql_db "$DB_NAME" -tAc "SELECT id FROM municipalities WHERE number = '$number'")
  [ -n "$id" ] || die "no municipality $number in $DB_NAME"
  local work; work=$(mktemp -d); trap 'rm -rf "$work"' RETURN
  log "Dumping the schema of $DB_NAME (with the migration history and the base amounts)"
  # The schema as migrated, with the data of only the two tables that every installation shares and no one owns.
  local exclude=() t cols
  while read -r t; do exclude+=("--exclude-table-data=public.\"$t\""); done < <(psql_db "$DB_NAME" -tAc \
    "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r','p')
       AND relname NOT IN ('__EFMigrationsHistory', 'base_amounts')")
  "$BIN/pg_dump" "${CONN[@]}" -d "$DB_NAME" -Fc "${exclude[@]}" -f "$work/schema.dump"

  log "Exporting the rows of municipality $number ($id)"
  {
    export_head
    while IFS='|' read -r t cols; do
      [ -n "$t" ] || continue
      if [ "$t" = user_roles ]; then
        # Role ids differ between databases: carry the role's name and look its id up where the rows land.
        printf '%s\n' "\\qecho 'CREATE TEMP TABLE restore_user_roles AS SELECT u.*, r.normalized_name AS role_name FROM user_roles u JOIN roles r ON r.id = u.role_id WITH NO DATA;'" \
          "\\qecho 'COPY restore_user_roles FROM stdin;'" \
          "COPY (SELECT u.*, r.normalized_name FROM user_roles u JOIN roles r ON r.id = u.role_id WHERE u.tenant_id = :'id') TO STDOUT;" \
          "\\qecho '\\\\.'" \
          "\\qecho 'INSERT INTO user_roles ($cols) SELECT $(sed -E 's/([^ ,]+)/u.\1/g; s/u\.role_id/r.id/' <<<"$cols") FROM restore_user_roles u JOIN roles r ON r.normalized_name = u.role_name;'"
      else
        printf '%s\n' "\\qecho 'COPY $t ($cols) FROM stdin;'" \
          "COPY (SELECT $cols FROM $t WHERE tenant_id = :'id') TO STDOUT;" \
          "\\qecho '\\\\.'"
      fi
    done < <(psql_db "$DB_NAME" -tA -F '|' -c "$TENANT_TABLES_SQL")
    echo "COMMIT;"
  } > "$work/export.sql"
  psql_db "$DB_NAME" -v id="$id" -v number="$number" -f "$work/export.sql" > "$work/data.sql"
  cat >> "$work/data.sql" <<'SQL'
-- Identity columns continue after the highest id loaded.
DO $s$ DECLARE r record; m bigint; cur bigint; called boolean; BEGIN
  FOR r IN SELECT s.oid::regclass AS seq, t.relname AS tbl, a.attname AS col
           FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
           JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
           WHERE s.relkind = 'S' AND t.relnamespace = 'public'::regnamespace LOOP
    EXECUTE format('SELECT max(%I) FROM %I', r.col, r.tbl) INTO m;
    EXECUTE format('SELECT last_value, is_called FROM %s', r.seq) INTO cur, called;
    IF m IS NOT NULL AND (m > cur OR (m = cur AND NOT called)) THEN PERFORM setval(r.seq, m); END IF;
  END LOOP;
END $s$;
SQL
  printf 'municipality=%s\nid=%s\nsource=%s\ncreated=%s\n' "$number" "$id" "$DB_NAME" "$(date -u +%FT%TZ)" > "$work/meta.txt"
  tar -C "$work" -cf "$file" meta.txt schema.dump data.sql
  local blocks rows
  blocks=$(grep -c '^COPY .* FROM stdin;$' "$work/data.sql" || true)
  rows=$(awk '/^COPY .* FROM stdin;$/{on=1;next} /^\\\.$/{on=0;next} on{n++} END{print n+0}' "$work/data.sql")
  echo "Backed up municipality $number: $rows rows in $blocks COPY blocks, $(du -h "$file" | cut -f1), $((SECONDS - started)) s -> $file"
}

cmd_restore_municipality() {
  local file="${1:?usage: restore-municipality FILE DBNAME}" target="${2:?usage: restore-municipality FILE DBNAME}"
  local started=$SECONDS created=0
  [ -f "$file" ] || die "no such file: $file"
  valid_db_name "$target"
  local work; work=$(mktemp -d); trap 'rm -rf "$work"' RETURN
  tar -C "$work" -xf "$file" meta.txt schema.dump data.sql || die "$file is not a municipality backup"
  chmod 755 "$work"; chmod 644 "$work"/*
  if ! db_exists "$target"; then
    create_db "$target"; created=1
    log "Creating the schema in $target"
    if ! "$BIN/pg_restore" "${CONN[@]}" -d "$target" --exit-on-error --single-transaction "$work/schema.dump"; then
      drop_db "$target"; die "the schema could not be restored; $target dropped again"
    fi
  fi
  log "Loading municipality $(sed -n 's/^municipality=//p' "$work/meta.txt") into $target"
  if ! psql_db "$target" --single-transaction -f "$work/data.sql" >/dev/null; then
    [ "$created" -eq 1 ] && drop_db "$target"
    die "loading failed; nothing was loaded"
  fi
  psql_db "$target" -c "ANALYZE"
  echo "Restored municipality $(sed -n 's/^municipality=//p' "$work/meta.txt") into $target in $((SECONDS - started)) s"
}

case "${1:-}" in
  backup) shift; cmd_backup "$@" ;;
  restore) shift; cmd_restore "$@" ;;
  backup-municipality) shift; cmd_backup_municipality "$@" ;;
  restore-municipality) shift; cmd_restore_municipality "$@" ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
