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
