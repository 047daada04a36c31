-- Privileges of the application role. Applied by the migrate command after every migration run, as the owner.
-- :app_role is replaced by the quoted name of the role the app connects as. The app role owns nothing, so
-- row-level security always applies to it, and it must not hold BYPASSRLS (the migrator checks).
GRANT USAGE ON SCHEMA public TO :app_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :app_role;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :app_role;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO :app_role;
-- Append-only: the audit trail can be written and read, never rewritten.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM :app_role;
-- The migration history is the owner's business.
REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM :app_role;
-- Records of what was decided, taught and imported are never rewritten or removed by the app.
REVOKE UPDATE, DELETE, TRUNCATE ON decisions, test_results, class_sessions, import_batches FROM :app_role;
-- Ledger and absence rows can only be voided (a trigger allows nothing else), never deleted.
REVOKE DELETE, TRUNCATE ON hour_entries, absence_entries FROM :app_role;
-- Participants are ended, never deleted (retention is handled by the owner's jobs).
REVOKE DELETE, TRUNCATE ON participants FROM :app_role;
-- Competence mappings and individual plans are versioned: a change adds a version, history is never rewritten.
REVOKE UPDATE, DELETE, TRUNCATE ON competence_mappings, individual_plans FROM :app_role;
-- Runs of the risk evaluation are a record of what happened.
REVOKE DELETE, TRUNCATE ON risk_evaluation_runs, risk_evaluation_results FROM :app_role;
-- Issued certificates are kept for good: revoked (a trigger allows only that), never deleted. The verification
-- lookup and the number series are only ever added to or counted up.
REVOKE DELETE, TRUNCATE ON certificates, certificate_number_series FROM :app_role;
REVOKE UPDATE, DELETE, TRUNCATE ON certificate_verifications FROM :app_role;
-- Hangfire's schema (installed by the migrate command): rows only. The app creates and alters nothing there, and
-- the schema version is the owner's.
GRANT USAGE ON SCHEMA hangfire TO :app_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hangfire TO :app_role;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA hangfire TO :app_role;
REVOKE INSERT, UPDATE, DELETE ON hangfire."schema" FROM :app_role;
