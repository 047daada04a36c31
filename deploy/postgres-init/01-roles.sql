-- Runs once, when the postgres container initialises an empty data volume (as the container's superuser).
-- The same two roles as build.sh creates locally:
--   introprogram_owner  owns the database and every table; only the `migrate` command connects as it.
--   introprogram_app    what requests and jobs connect as: owns nothing and cannot bypass row-level security
--                       (the migrate command refuses to run if it could).
-- Passwords come from the db service's environment (psql 15's \getenv), so none is written here.
\set ON_ERROR_STOP on
\getenv owner_password INTROPROGRAM_OWNER_PASSWORD
\getenv app_password INTROPROGRAM_APP_PASSWORD

\if :{?owner_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'Set INTROPROGRAM_OWNER_PASSWORD in the db service environment.'; END $$;
\endif
\if :{?app_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'Set INTROPROGRAM_APP_PASSWORD in the db service environment.'; END $$;
\endif

CREATE ROLE introprogram_owner LOGIN CREATEDB PASSWORD :'owner_password';
CREATE ROLE introprogram_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE introprogram OWNER introprogram_owner;
