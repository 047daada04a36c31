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
    /// Identity tables: a row belongs to a municipality, or to none (platform operators). A session with no
    /// municipality sees only the operators' rows.
    /// </summary>
    public static void EnableUserScopePolicy(this MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.EnablePolicy(table, "tenant_id IS NOT DISTINCT FROM app_current_tenant()");

    private static void EnablePolicy(this MigrationBuilder migrationBuilder, string table, string predicate) =>
        migrationBuilder.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant_isolation ON {table};
            CREATE POLICY tenant_isolation ON {table} USING ({predicate}) WITH CHECK ({predicate});
            """);
}
