using System.Data.Common;
using System.Runtime.CompilerServices;
using IntroProgram.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace IntroProgram.Infrastructure.Tenancy;

/// <summary>
/// Binds the session of every connection EF uses to the context's municipality, for row-level security.
/// <list type="bullet">
/// <item>On every open: Npgsql resets session state when a connection goes back to the pool, so a connection never
/// carries another request's tenant into this one.</item>
/// <item>Before every command: a connection a request keeps open (see <c>RequestConnection</c> in the web app) is
/// bound again if the context's tenant is no longer the one the session was bound to (the sign-in flow, an operator
/// step that works in a new municipality). Checking is a lookup in memory; binding again is one statement.</item>
/// </list>
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor, IDbCommandInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        TenantSession.Bind((NpgsqlConnection)connection, null, Tenant(eventData.Context));

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default) =>
        TenantSession.BindAsync((NpgsqlConnection)connection, null, Tenant(eventData.Context), cancellationToken);

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
        TenantSession.Forget(connection);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        TenantSession.Forget(connection);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result) => Bound(command, eventData, result);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        BoundAsync(command, eventData, result, cancellationToken);

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Bound(command, eventData, result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        BoundAsync(command, eventData, result, cancellationToken);

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Bound(command, eventData, result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        BoundAsync(command, eventData, result, cancellationToken);

    /// <summary>Binds the command's connection again if needed, then lets the command run as it is.</summary>
    private static T Bound<T>(DbCommand command, CommandEventData eventData, T result)
    {
        var tenant = Tenant(eventData.Context);
        if (command.Connection is NpgsqlConnection connection && !TenantSession.IsBound(connection, tenant))
        {
            TenantSession.Bind(connection, (NpgsqlTransaction?)command.Transaction, tenant);
        }
        return result;
    }

    private static async ValueTask<T> BoundAsync<T>(DbCommand command, CommandEventData eventData, T result, CancellationToken ct)
    {
        var tenant = Tenant(eventData.Context);
        if (command.Connection is NpgsqlConnection connection && !TenantSession.IsBound(connection, tenant))
        {
            await TenantSession.BindAsync(connection, (NpgsqlTransaction?)command.Transaction, tenant, ct);
        }
        return result;
    }

    private static ITenantContext? Tenant(Microsoft.EntityFrameworkCore.DbContext? context) => (context as AppDbContext)?.Tenant;
}

/// <summary>The one place that knows the session settings row-level security reads, and what a connection is bound to.</summary>
public static class TenantSession
{
    /// <summary>
    /// What each open connection's session was last bound to, outside a transaction. A binding made inside a
    /// transaction is not remembered: a rollback (or a rollback to a savepoint) would undo it in PostgreSQL.
    /// </summary>
    private static readonly ConditionalWeakTable<DbConnection, Binding> Bound = new();

    private sealed record Binding(string TenantId, string Platform);

    private static Binding For(ITenantContext? tenant) => new(tenant?.TenantId?.ToString() ?? "", tenant?.IsPlatform == true ? "on" : "");

    public static bool IsBound(DbConnection connection, ITenantContext? tenant) =>
        Bound.TryGetValue(connection, out var binding) && binding == For(tenant);

    public static void Forget(DbConnection connection) => Bound.Remove(connection);

    public static void Bind(NpgsqlConnection connection, NpgsqlTransaction? transaction, ITenantContext? tenant)
    {
        var binding = For(tenant);
        using var command = CreateSetCommand(connection, transaction, binding);
        command.ExecuteNonQuery();
        Remember(connection, transaction, binding);
    }

    public static async Task BindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ITenantContext? tenant, CancellationToken ct)
    {
        var binding = For(tenant);
        await using var command = CreateSetCommand(connection, transaction, binding);
        await command.ExecuteNonQueryAsync(ct);
        Remember(connection, transaction, binding);
    }

    /// <summary>
    /// For raw SQL outside EF (jobs, bulk loads, tests, a step inside an open transaction): bind an open connection to
    /// one tenant. Not remembered, so the next command EF sends on this connection binds it to its own context again.
    /// </summary>
    public static async Task UseTenantAsync(NpgsqlConnection connection, Guid? tenantId, CancellationToken ct = default)
    {
        await using var command = CreateSetCommand(connection, null, For(new FixedTenant(tenantId)));
        await command.ExecuteNonQueryAsync(ct);
        Forget(connection);
    }

    private static void Remember(NpgsqlConnection connection, NpgsqlTransaction? transaction, Binding binding)
    {
        if (transaction is null)
        {
            Bound.AddOrUpdate(connection, binding);
        }
        else
        {
            Bound.Remove(connection);
        }
    }

    private static NpgsqlCommand CreateSetCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction, Binding binding)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT set_config('app.tenant_id', $1, false), set_config('app.platform', $2, false)";
        command.Parameters.Add(new NpgsqlParameter { Value = binding.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = binding.Platform });
        return command;
    }

    private sealed record FixedTenant(Guid? TenantId) : ITenantContext
    {
        public bool IsPlatform => false;
    }
}
