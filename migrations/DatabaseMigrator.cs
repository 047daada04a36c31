using System.Reflection;
using IntroProgram.Infrastructure;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Migrations;

/// <summary>
/// Applies the EF migrations and installs Hangfire's schema as the owning role, then (re)grants the app role what it may do. Safe to run
/// again; several nodes starting at once serialise on an advisory lock.
/// </summary>
public static class DatabaseMigrator
{
    private const long AdvisoryLockKey = 0x1A7_2024;

    public static async Task MigrateAsync(string ownerConnectionString, string appConnectionString, CancellationToken ct = default)
    {
        var appRole = new NpgsqlConnectionStringBuilder(appConnectionString).Username
            ?? throw new InvalidOperationException("The app connection string names no user.");

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            var options = DependencyInjection.ConfigureDbContext(new DbContextOptionsBuilder<AppDbContext>(), ownerConnectionString);
            ((DbContextOptionsBuilder<AppDbContext>)options).UseNpgsql(connection);
            await using (var db = new AppDbContext((DbContextOptions<AppDbContext>)options.Options, new TenantContext()))
            {
                await db.Database.MigrateAsync(ct);
            }
            // Hangfire's tables, in their own schema, by Hangfire's own versioned scripts (each applied once).
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, Infrastructure.Jobs.BackgroundJobs.Schema);

            // Rows whose requirement days are missing (from before the migration that added them) or were worked out
            // for another rule set: worked out from the ledger, municipality by municipality.
            var worked = await RequirementDays.RefreshStaleEverywhereAsync(connection, RuleSetCatalog.Standard, ct);
            if (worked > 0)
            {
                Console.WriteLine($"Requirement days worked out for {worked} participants.");
            }

            await EnsureRoleCannotBypassAsync(connection, appRole, ct);
            var quotedRole = "\"" + appRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var privileges = ReadSql("privileges.sql").Replace(":app_role", quotedRole, StringComparison.Ordinal);
            await ExecuteAsync(connection, privileges, ct);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", ct);
        }
    }

    private static async Task EnsureRoleCannotBypassAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        var bypasses = await cmd.ExecuteScalarAsync(ct);
        if (bypasses is null)
        {
            throw new InvalidOperationException($"The app role '{role}' does not exist.");
        }
        await using var member = new NpgsqlCommand("SELECT pg_has_role($1, current_user, 'MEMBER')", connection);
        member.Parameters.Add(new NpgsqlParameter { Value = role });
        if ((bool)(await member.ExecuteScalarAsync(ct))!)
        {
            throw new InvalidOperationException(
                $"The app role '{role}' is, or is a member of, the owning role; it would own the tables and escape row-level security.");
        }
        if ((bool)bypasses)
        {
            throw new InvalidOperationException(
                $"The app role '{role}' is a superuser or has BYPASSRLS; row-level security would not protect tenants.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string ReadSql(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
