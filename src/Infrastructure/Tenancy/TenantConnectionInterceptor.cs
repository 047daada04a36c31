using System.Data.Common;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace IntroProgram.Infrastructure.Tenancy;

/// <summary>
/// Sets the session's tenant for row-level security every time EF opens a pooled connection. Npgsql resets
/// session state when a connection goes back to the pool, and the values are set again on every open, so a
/// connection never carries another request's tenant.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = TenantSession.CreateSetCommand((NpgsqlConnection)connection, Tenant(eventData));
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = TenantSession.CreateSetCommand((NpgsqlConnection)connection, Tenant(eventData));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ITenantContext? Tenant(ConnectionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.Tenant;
}

/// <summary>The one place that knows the session settings row-level security reads.</summary>
public static class TenantSession
{
    public static NpgsqlCommand CreateSetCommand(NpgsqlConnection connection, ITenantContext? tenant)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            "SELECT set_config('app.tenant_id', $1, false), set_config('app.login_lookup', $2, false)";
        command.Parameters.Add(new NpgsqlParameter { Value = tenant?.TenantId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant?.LoginLookup ?? "" });
        return command;
    }

    /// <summary>For raw SQL outside EF (jobs, bulk loads, tests): bind an open connection to one tenant.</summary>
    public static async Task UseTenantAsync(NpgsqlConnection connection, Guid? tenantId, CancellationToken ct = default)
    {
        await using var command = CreateSetCommand(connection, new FixedTenant(tenantId));
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record FixedTenant(Guid? TenantId) : ITenantContext
    {
        public string? LoginLookup => null;
    }
}
