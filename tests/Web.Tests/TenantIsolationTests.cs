using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntroProgram.Web.Tests;

/// <summary>Each layer of DESIGN.md §5 on its own: HTTP, EF query filter, SaveChanges guard, row-level security.</summary>
[Collection(AppSuite.Name)]
public sealed class TenantIsolationTests(AppFactory app)
{
    [Fact]
    public async Task An_admin_asking_for_a_user_of_another_municipality_by_id_gets_404()
    {
        var tromso = await app.CreateUserAsync("5501", "coordinator");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/users/{tromso.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_change_roles_or_deactivate_a_user_of_another_municipality()
    {
        var tromso = await app.CreateUserAsync("5501", "coordinator");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        var roles = await client.PostFormAsync("/admin/users", $"/admin/users/{tromso.Id}/roles",
            new Dictionary<string, string> { ["roles"] = "tenant_admin" });
        Assert.Equal(HttpStatusCode.NotFound, roles.StatusCode);
        var active = await client.PostFormAsync("/admin/users", $"/admin/users/{tromso.Id}/active",
            new Dictionary<string, string> { ["active"] = "false" });
        Assert.Equal(HttpStatusCode.NotFound, active.StatusCode);

        using var tromsoClient = app.CreateTestClient();
        await tromsoClient.LoginOkAsync(tromso.Email); // still active, still only a coordinator
        Assert.Equal(HttpStatusCode.Redirect, (await tromsoClient.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task The_user_list_shows_only_the_admins_own_municipality()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        var page = TestClient.Decode(await client.GetPageAsync("/admin/users"));
        Assert.Contains("Kari Nordmann", page);
        Assert.DoesNotContain("Nils Eriksen", page);
    }

    [Fact]
    public async Task The_query_filter_adds_the_municipality_to_every_query_of_a_tenant_owned_entity()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bergen);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Contains("a.tenant_id = @ef_filter__CurrentTenantId", db.AuditEvents.ToQueryString());
        Assert.Contains("u.tenant_id = @ef_filter__CurrentTenantId", db.Users.ToQueryString());
    }

    [Fact]
    public async Task SaveChanges_refuses_a_record_of_another_municipality()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        var tromso = await app.MunicipalityIdAsync("5501");
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bergen);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEvents.Add(new AuditEvent { TenantId = tromso, Action = AuditAction.Read, RecordType = "Test", At = TestClock.Now });
        await Assert.ThrowsAsync<TenantMismatchException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_stamps_new_records_with_the_scopes_municipality()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bergen);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var e = new AuditEvent { Action = AuditAction.Read, RecordType = "Test", At = TestClock.Now };
        db.AuditEvents.Add(e);
        await db.SaveChangesAsync();
        Assert.Equal(bergen, e.TenantId);
    }

    [Fact]
    public async Task SaveChanges_refuses_a_tenant_owned_record_outside_any_municipality()
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEvents.Add(new AuditEvent { Action = AuditAction.Read, RecordType = "Test", At = TestClock.Now });
        await Assert.ThrowsAsync<TenantMismatchException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task As_the_app_role_a_session_of_one_municipality_sees_no_rows_of_another()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        var tromso = await app.MunicipalityIdAsync("5501");
        await using var connection = await OpenAppConnectionAsync(bergen);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users WHERE tenant_id = $1", tromso));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM user_roles WHERE tenant_id = $1", tromso));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM audit_events WHERE tenant_id = $1", tromso));
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM users WHERE tenant_id = $1", bergen) > 0);
    }

    [Fact]
    public async Task As_the_app_role_a_session_of_one_municipality_cannot_insert_a_row_for_another()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        var tromso = await app.MunicipalityIdAsync("5501");
        await using var connection = await OpenAppConnectionAsync(bergen);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO audit_events (tenant_id, at, action, record_type) VALUES ($1, now(), 'Read', 'Test')", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = tromso });
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("42501", error.SqlState); // new row violates row-level security policy
    }

    [Fact]
    public async Task As_the_app_role_a_session_with_no_municipality_sees_no_municipal_rows()
    {
        await using var connection = await OpenAppConnectionAsync(null);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users WHERE tenant_id IS NOT NULL", null));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM audit_events", null));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM user_roles WHERE tenant_id IS NOT NULL", null));
    }

    [Fact]
    public async Task As_the_app_role_a_session_cannot_move_a_row_to_another_municipality()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        var tromso = await app.MunicipalityIdAsync("5501");
        await using var connection = await OpenAppConnectionAsync(bergen);
        await using var update = new NpgsqlCommand("UPDATE users SET tenant_id = $1 WHERE tenant_id = $2", connection);
        update.Parameters.Add(new NpgsqlParameter { Value = tromso });
        update.Parameters.Add(new NpgsqlParameter { Value = bergen });
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task As_the_app_role_the_login_lookup_setting_reads_no_user_row()
    {
        var tromso = await app.CreateUserAsync("5501", "coordinator");
        await using var connection = await OpenAppConnectionAsync(null);
        await using (var set = new NpgsqlCommand("SELECT set_config('app.login_lookup', $1, false)", connection))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tromso.Email.ToUpperInvariant() });
            await set.ExecuteNonQueryAsync();
        }
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users", null));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users WHERE password_hash IS NOT NULL OR security_stamp IS NOT NULL", null));
    }

    [Fact]
    public async Task As_the_app_role_the_sign_in_lookup_maps_an_address_to_the_user_and_municipality_only()
    {
        var tromso = await app.CreateUserAsync("5501", "coordinator");
        await using var connection = await OpenAppConnectionAsync(null);
        await using var lookup = new NpgsqlCommand("SELECT * FROM app_find_login($1)", connection);
        lookup.Parameters.Add(new NpgsqlParameter { Value = tromso.Email.ToUpperInvariant() });
        await using var reader = await lookup.ExecuteReaderAsync();
        Assert.Equal(["user_id", "tenant_id"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray());
        Assert.True(await reader.ReadAsync());
        Assert.Equal((tromso.Id, tromso.TenantId!.Value), (reader.GetGuid(0), reader.GetGuid(1)));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task As_the_app_role_without_a_municipality_or_the_platform_flag_no_identity_row_can_be_read_or_updated()
    {
        await using var connection = await OpenAppConnectionAsync(null);
        foreach (var table in new[] { "users", "user_roles", "user_claims", "user_logins", "user_tokens" })
        {
            Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM {table}", null));
        }
        await using var update = new NpgsqlCommand("UPDATE users SET access_failed_count = access_failed_count WHERE tenant_id IS NULL", connection);
        Assert.Equal(0, await update.ExecuteNonQueryAsync());
        await using var roles = new NpgsqlCommand("DELETE FROM user_roles WHERE tenant_id IS NULL", connection);
        Assert.Equal(0, await roles.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task As_the_app_role_with_the_platform_flag_the_operators_rows_are_reachable_and_no_municipalitys()
    {
        await using var connection = await OpenAppConnectionAsync(null);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var flag = new NpgsqlCommand("SELECT set_config('app.platform', 'on', true)", connection, transaction))
        {
            await flag.ExecuteNonQueryAsync();
        }
        await using var update = new NpgsqlCommand("UPDATE users SET access_failed_count = access_failed_count", connection, transaction);
        var updated = await update.ExecuteNonQueryAsync();
        await using var operators = new NpgsqlCommand("SELECT count(*) FROM users WHERE tenant_id IS NULL", connection, transaction);
        Assert.Equal((long)updated, (long)(await operators.ExecuteScalarAsync())!);
        Assert.True(updated >= 1, "the demo operator's row");
        await using var municipal = new NpgsqlCommand("SELECT count(*) FROM users WHERE tenant_id IS NOT NULL", connection, transaction);
        Assert.Equal(0L, (long)(await municipal.ExecuteScalarAsync())!);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task The_app_role_cannot_update_or_delete_audit_events()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        await using var connection = await OpenAppConnectionAsync(bergen);
        foreach (var sql in new[] { "UPDATE audit_events SET details = 'changed'", "DELETE FROM audit_events", "TRUNCATE audit_events" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal("42501", error.SqlState); // permission denied
        }
    }

    [Fact]
    public async Task The_app_role_is_neither_owner_nor_allowed_to_bypass_row_level_security()
    {
        await using var connection = await OpenAppConnectionAsync(null);
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)", null));
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user", null));
    }

    [Fact]
    public async Task Every_table_with_a_tenant_column_has_a_forced_row_level_security_policy()
    {
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p')
              AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
                   OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            """, connection);
        var unprotected = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                unprotected.Add(reader.GetString(0));
            }
        }
        Assert.Empty(unprotected);

        await using var count = new NpgsqlCommand("""
            SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE a.attname = 'tenant_id' AND c.relkind = 'r'
            """, connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 6, "the guard must have tables to check");
    }

    private async Task<NpgsqlConnection> OpenAppConnectionAsync(Guid? tenant)
    {
        var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await TenantSession.UseTenantAsync(connection, tenant);
        return connection;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, Guid? parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter.Value });
        }
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
