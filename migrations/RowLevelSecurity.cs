using Microsoft.EntityFrameworkCore.Migrations;

namespace IntroProgram.Migrations;

/// <summary>
/// Row-level security as migrations write it. Every tenant-owned table gets one FORCEd policy, so even the owning
/// role is held to the session's municipality (`app.tenant_id`, set on every connection open).
/// </summary>
public static class RowLevelSecurity
{
    public const string Functions = """
        CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid
            LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
        CREATE OR REPLACE FUNCTION app_login_lookup() RETURNS text
            LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT NULLIF(current_setting('app.login_lookup', true), '') $$;
        """;

    /// <summary>A table whose every row belongs to one municipality.</summary>
    public static void EnableTenantPolicy(this MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.EnablePolicy(table, "tenant_id = app_current_tenant()");

    /// <summary>
    /// Identity tables as the Foundation migration made them: a row belongs to a municipality, or to none (platform
    /// operators), and a session with no municipality saw the operators' rows. Superseded by
    /// <see cref="EnableIdentityPolicy"/>; kept because applied migrations call it.
    /// </summary>
    public static void EnableUserScopePolicy(this MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.EnablePolicy(table, "tenant_id IS NOT DISTINCT FROM app_current_tenant()");

    /// <summary>True when the session carries the platform flag (`app.platform`, set for platform scopes only).</summary>
    public const string PlatformFunction = """
        CREATE OR REPLACE FUNCTION app_platform_session() RETURNS boolean
            LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$;
        """;

    /// <summary>
    /// Identity tables: a municipality's rows for a session of that municipality; the rows of no municipality
    /// (platform operators') only for a session with no municipality that carries the platform flag. A session with
    /// neither (an anonymous request, a job that forgot its scope) reads and changes no identity row.
    /// </summary>
    public static void EnableIdentityPolicy(this MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.EnablePolicy(table,
            "tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_current_tenant() IS NULL AND app_platform_session())");

    /// <summary>
    /// Platform records that name a municipality (job requests): a municipality's session sees and adds its own; the
    /// jobs and the sweep, in a platform session, see all of them.
    /// </summary>
    public static void EnableTenantOrPlatformPolicy(this MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.EnablePolicy(table,
            "tenant_id = app_current_tenant() OR (app_current_tenant() IS NULL AND app_platform_session())");

    private static void EnablePolicy(this MigrationBuilder migrationBuilder, string table, string predicate) =>
        migrationBuilder.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant_isolation ON {table};
            CREATE POLICY tenant_isolation ON {table} USING ({predicate}) WITH CHECK ({predicate});
            """);
}
