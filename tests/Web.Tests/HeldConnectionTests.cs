using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests;

/// <summary>
/// A request keeps one connection open for all its statements (Hosting/RequestConnection.cs). The session's
/// municipality must follow the context's even then: these tests change it while the connection stays open.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class HeldConnectionTests(AppFactory app)
{
    private sealed class SwitchableTenant : ITenantContext
    {
        public Guid? TenantId { get; set; }
        public bool IsPlatform => false;
    }

    private AppDbContext Context(ITenantContext tenant) => new(
        (DbContextOptions<AppDbContext>)DependencyInjection.ConfigureDbContext(new DbContextOptionsBuilder<AppDbContext>(), app.AppConnectionString)
            .AddInterceptors(new TenantConnectionInterceptor()).Options,
        tenant);

    /// <summary>A context bound to Bergen on a connection it holds open, and the municipality a test switches to.</summary>
    private async Task<(AppDbContext Db, SwitchableTenant Tenant, Guid Bergen, Guid Other)> HeldAsync()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        var other = await app.MunicipalityIdAsync("5501");
        var tenant = new SwitchableTenant { TenantId = bergen };
        var db = Context(tenant);
        await db.Database.OpenConnectionAsync();
        Assert.Equal(bergen.ToString(), await SessionTenantAsync(db));
        return (db, tenant, bergen, other);
    }

    private static Task<string> SessionTenantAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('app.tenant_id') AS \"Value\"").SingleAsync();

    private static Task<int> BackendAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    /// <summary>Rows of a municipality the session can see through row-level security alone (no EF query filter).</summary>
    private static Task<int> VisibleParticipantsAsync(AppDbContext db, Guid municipality) =>
        db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM participants WHERE tenant_id = {municipality}").SingleAsync();

    [Fact]
    public async Task An_open_connection_is_bound_again_when_the_contexts_municipality_changes()
    {
        var (db, tenant, bergen, other) = await HeldAsync();
        await using var held = db;
        var backend = await BackendAsync(db);

        Assert.True(await VisibleParticipantsAsync(db, bergen) > 0);
        Assert.Equal(0, await VisibleParticipantsAsync(db, other));

        tenant.TenantId = other;
        Assert.Equal(other.ToString(), await SessionTenantAsync(db));
        Assert.Equal(0, await VisibleParticipantsAsync(db, bergen));
        Assert.True(await VisibleParticipantsAsync(db, other) > 0);

        tenant.TenantId = null;
        Assert.Equal("", await SessionTenantAsync(db));
        Assert.Equal(0, await VisibleParticipantsAsync(db, other));
        Assert.Equal(backend, await BackendAsync(db)); // the same connection all along
    }

    [Fact]
    public async Task A_binding_undone_by_a_rollback_is_made_again()
    {
        var (db, tenant, bergen, other) = await HeldAsync();
        await using var held = db;

        // Bound to the other municipality inside a transaction; the rollback takes PostgreSQL's setting back to Bergen.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            tenant.TenantId = other;
            Assert.Equal(other.ToString(), await SessionTenantAsync(db));
            await transaction.RollbackAsync();
        }

        Assert.Equal(other.ToString(), await SessionTenantAsync(db));
        Assert.Equal(0, await VisibleParticipantsAsync(db, bergen));
    }

    [Fact]
    public async Task Raw_binding_on_a_shared_connection_does_not_stick_for_the_next_ef_statement()
    {
        var (db, _, bergen, other) = await HeldAsync();
        await using var held = db;

        await TenantSession.UseTenantAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), other);

        Assert.Equal(bergen.ToString(), await SessionTenantAsync(db));
        Assert.Equal(0, await VisibleParticipantsAsync(db, other));
    }
}
