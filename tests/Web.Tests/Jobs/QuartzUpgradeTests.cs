using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Migrations;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace IntroProgram.Web.Tests.Jobs;

/// <summary>A database that ran on Quartz, upgraded by the migrate command: Quartz's tables go, its waiting batches are not lost.</summary>
public sealed class QuartzUpgradeTests
{
    private const string LastQuartzMigration = "20261205120427_NarrowSignInLookup";

    [Fact]
    public async Task Upgrading_drops_the_quartz_tables_and_hands_the_batches_quartz_still_had_to_the_job_requests()
    {
        var name = (Environment.GetEnvironmentVariable("INTROPROGRAM_TEST_DB") is { Length: > 0 } n ? n : "introprogram_test_web") + "_upgrade";
        var (owner, app) = TestDatabase.Create(name);
        var options = (DbContextOptionsBuilder<AppDbContext>)DependencyInjection.ConfigureDbContext(new DbContextOptionsBuilder<AppDbContext>(), owner);
        await using (var db = new AppDbContext(options.Options, new TenantContext()))
        {
            await db.GetService<IMigrator>().MigrateAsync(LastQuartzMigration);
        }

        var tenant = Guid.NewGuid();
        var (waiting, running, done) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = new NpgsqlConnection(owner))
        {
            await connection.OpenAsync();
            await using var setup = new NpgsqlCommand("""
                CREATE TABLE qrtz_job_details (sched_name text, job_name text);
                CREATE TABLE qrtz_triggers (sched_name text, trigger_name text);
                INSERT INTO municipalities (id, name, number, slug, is_active, require_two_factor_for_staff, created_at)
                    VALUES (@t, 'Oppgraderingsby', '9901', 'oppgraderingsby', true, false, now());
                SELECT set_config('app.tenant_id', @t::text, false);
                INSERT INTO certificate_batches (tenant_id, id, month, requested_at, status, total, issued, skipped, failed) VALUES
                    (@t, @waiting, '2026-11-01', now(), 0, 0, 0, 0, 0),
                    (@t, @running, '2026-10-01', now(), 1, 5, 2, 0, 0),
                    (@t, @done, '2026-09-01', now(), 2, 3, 3, 0, 0);
                """, connection);
            setup.Parameters.AddWithValue("t", tenant);
            setup.Parameters.AddWithValue("waiting", waiting);
            setup.Parameters.AddWithValue("running", running);
            setup.Parameters.AddWithValue("done", done);
            await setup.ExecuteNonQueryAsync();
        }

        await DatabaseMigrator.MigrateAsync(owner, app);

        await using var check = new NpgsqlConnection(owner);
        await check.OpenAsync();
        // Job requests are platform records under row-level security: read in a platform session.
        await using (var platform = new NpgsqlCommand("SELECT set_config('app.platform', 'on', false)", check))
        {
            await platform.ExecuteScalarAsync();
        }
        await using (var quartz = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'qrtz%'", check))
        {
            Assert.Equal(0L, await quartz.ExecuteScalarAsync());
        }
        await using (var requests = new NpgsqlCommand("SELECT subject_id FROM job_requests WHERE tenant_id = @t AND kind = 2 AND job_id IS NULL AND started_at IS NULL", check))
        {
            requests.Parameters.AddWithValue("t", tenant);
            var subjects = new List<Guid>();
            await using var reader = await requests.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                subjects.Add(reader.GetGuid(0));
            }
            Assert.Equal(new[] { waiting, running }.Order(), subjects.Order());
        }
        await using (var hangfire = new NpgsqlCommand("SELECT max(version) FROM hangfire.\"schema\"", check))
        {
            Assert.True(Convert.ToInt32(await hangfire.ExecuteScalarAsync()) > 0);
        }
        // Running migrate again changes nothing.
        await DatabaseMigrator.MigrateAsync(owner, app);
        await using var again = new NpgsqlCommand("SELECT count(*) FROM job_requests", check);
        Assert.Equal(2L, await again.ExecuteScalarAsync());
    }
}
