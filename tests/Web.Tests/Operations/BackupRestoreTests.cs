using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Operations;

/// <summary>
/// scripts/backup.sh against the seeded test database: what is backed up comes back row for row, with the ownership,
/// grants and row-level security that let the app role work on it. Rows are compared as the cluster's superuser,
/// the one role that sees every row of a FORCEd table.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class BackupRestoreTests(AppFactory app, ITestOutputHelper output)
{
    private const string Bergen = "4601";

    private string SourceDatabase => new NpgsqlConnectionStringBuilder(app.OwnerConnectionString).Database!;

    [Fact]
    public async Task A_restored_backup_holds_every_row_of_every_table_and_the_same_security()
    {
        var file = Path.Combine(Path.GetTempPath(), $"introprogram-{Guid.NewGuid():N}.dump");
        var restored = SourceDatabase + "_restored";
        await DropDatabaseAsync(restored);
        try
        {
            await RunBackupScriptAsync("backup", file);
            await RunBackupScriptAsync("restore", file, restored);

            var tables = await TablesAsync(SourceDatabase);
            Assert.Equal(tables, await TablesAsync(restored));
            var rows = 0L;
            foreach (var table in tables)
            {
                var source = await TableDigestAsync(SourceDatabase, table, where: null);
                Assert.Equal(source, await TableDigestAsync(restored, table, where: null));
                rows += source.Count;
            }
            Assert.True(rows > 1000, $"Only {rows} rows were compared; the demo data should be there.");
            output.WriteLine($"Whole database: {tables.Count} tables, {rows} rows compared (count and md5 in primary-key order).");

            Assert.Equal(await SecurityCatalogueAsync(SourceDatabase), await SecurityCatalogueAsync(restored));
            // The app role works on the copy as on the original: its municipality's rows, nothing without one.
            var bergen = await app.MunicipalityIdAsync(Bergen);
            var expected = await ParticipantsSeenByAppRoleAsync(SourceDatabase, bergen);
            Assert.True(expected > 0);
            Assert.Equal(expected, await ParticipantsSeenByAppRoleAsync(restored, bergen));
            Assert.Equal(0, await ParticipantsSeenByAppRoleAsync(restored, null));
        }
        finally
        {
            File.Delete(file);
            await DropDatabaseAsync(restored);
        }
    }

    [Fact]
    public async Task A_municipality_backup_restores_exactly_that_municipality_and_the_app_serves_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"introprogram-{Guid.NewGuid():N}.tar");
        var restored = SourceDatabase + "_bergen";
        await DropDatabaseAsync(restored);
        try
        {
            await RunBackupScriptAsync("backup-municipality", Bergen, file);
            await RunBackupScriptAsync("restore-municipality", file, restored);

            var bergen = await app.MunicipalityIdAsync(Bergen);
            var tables = await TablesAsync(SourceDatabase);
            Assert.Equal(tables, await TablesAsync(restored));
            var tenantTables = await TenantTablesAsync(SourceDatabase);
            Assert.Contains("participants", tenantTables);
            var rows = 0L;
            var compared = 0;
            foreach (var table in tables)
            {
                string? where = table switch
                {
                    _ when tenantTables.Contains(table) => $"tenant_id = '{bergen}'",
                    "municipalities" => $"id = '{bergen}'",
                    "roles" or "base_amounts" or "__EFMigrationsHistory" or "data_protection_keys" => null,
                    // Shared tables no municipality owns (the scheduler's, the evaluation runs) start empty.
                    _ => "false",
                };
                var source = await TableDigestAsync(SourceDatabase, table, where);
                Assert.Equal(source, await TableDigestAsync(restored, table, where: null));
                rows += source.Count;
                compared++;
            }
            Assert.True(rows > 1000, $"Only {rows} rows were compared; Bergen's demo data should be there.");
            output.WriteLine($"Municipality {Bergen}: {compared} tables, {rows} rows compared ({tenantTables.Count} tenant tables).");
            Assert.Equal(await SecurityCatalogueAsync(SourceDatabase), await SecurityCatalogueAsync(restored));

            // The app on the restored database: Bergen's coordinator signs in and opens a participant; Tromsø's cannot sign in.
            var participant = await ScalarAsync<Guid>(SourceDatabase,
                $"SELECT id FROM participants WHERE tenant_id = '{bergen}' ORDER BY id LIMIT 1");
            var familyName = await ScalarAsync<string>(SourceDatabase, $"SELECT family_name FROM participants WHERE id = '{participant}'");
            using var restoredApp = app.WithWebHostBuilder(b =>
            {
                b.UseSetting("ConnectionStrings:Owner", WithDatabase(app.OwnerConnectionString, restored));
                b.UseSetting("ConnectionStrings:App", WithDatabase(app.AppConnectionString, restored));
            });
            using var coordinator = NewClient(restoredApp);
            await coordinator.LoginOkAsync(Demo.BergenCoordinator);
            Assert.Contains(familyName, TestClient.Decode(await coordinator.GetPageAsync($"/participants/{participant}")));
            using var other = NewClient(restoredApp);
            Assert.NotEqual(HttpStatusCode.Redirect, (await other.LoginAsync(Demo.TromsoCoordinator)).StatusCode);
        }
        finally
        {
            File.Delete(file);
            await DropDatabaseAsync(restored);
        }
    }

    private static TestClient NewClient(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private async Task RunBackupScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "backup.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var owner = new NpgsqlConnectionStringBuilder(app.OwnerConnectionString);
        start.Environment["INTROPROGRAM_DB"] = owner.Database;
        start.Environment["INTROPROGRAM_PG_PORT"] = owner.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine($"backup.sh {string.Join(' ', args)} ({watch.Elapsed.TotalSeconds:0.0} s): {(await stdout).Trim()}");
        Assert.True(process.ExitCode == 0, $"backup.sh {args[0]} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private static async Task<List<string>> TablesAsync(string database) =>
        await ListAsync(database, """
            SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname
            """);

    private static async Task<HashSet<string>> TenantTablesAsync(string database) =>
        [.. await ListAsync(database, """
            SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
            """)];

    /// <summary>Row count and the md5 of every row as text, in primary-key order.</summary>
    private static async Task<(string Table, long Count, string Md5)> TableDigestAsync(string database, string table, string? where)
    {
        var order = await ScalarAsync<string?>(database, $"""
            SELECT string_agg('t.' || quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum))
            FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = '{Quote(table)}'::regclass AND i.indisprimary
            """) ?? "t::text";
        // The key ring's ids are numbered afresh where a municipality is loaded; its content is what matters.
        var row = table == "data_protection_keys" ? "(t.friendly_name, t.xml)::text" : "t::text";
        if (table == "data_protection_keys")
        {
            order = "t.friendly_name";
        }
        await using var connection = await SuperuserAsync(database);
        await using var command = new NpgsqlCommand($"""
            SELECT count(*), md5(coalesce(string_agg({row}, E'\n' ORDER BY {order}), ''))
            FROM {Quote(table)} t {(where is null ? "" : "WHERE " + where)}
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (table, reader.GetInt64(0), reader.GetString(1));
    }

    /// <summary>Owners, grants, row-level security (enabled and FORCEd) and the policies, as the catalogue states them.</summary>
    private static async Task<List<string>> SecurityCatalogueAsync(string database) =>
        await ListAsync(database, """
            SELECT format('%s %s owner=%s acl=%s rls=%s force=%s', c.relkind, c.relname, pg_get_userbyid(c.relowner),
                          c.relacl, c.relrowsecurity, c.relforcerowsecurity)
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v')
            UNION ALL
            SELECT format('policy %s.%s %s using=%s check=%s', p.polrelid::regclass, p.polname, p.polcmd,
                          pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
            FROM pg_policy p
            UNION ALL
            SELECT format('function %s owner=%s acl=%s', p.oid::regprocedure, pg_get_userbyid(p.proowner), p.proacl)
            FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT format('schema public acl=%s', nspacl) FROM pg_namespace WHERE nspname = 'public'
            ORDER BY 1
            """);

    private async Task<long> ParticipantsSeenByAppRoleAsync(string database, Guid? tenant)
    {
        await using var connection = new NpgsqlConnection(WithDatabase(app.AppConnectionString, database, pooling: false));
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tenant?.ToString() ?? "" });
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand("SELECT count(*) FROM participants", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private static async Task<List<string>> ListAsync(string database, string sql)
    {
        await using var connection = await SuperuserAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await SuperuserAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private static async Task DropDatabaseAsync(string database)
    {
        await using var connection = await SuperuserAsync("postgres");
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The cluster's superuser over its socket, as ./build.sh (and scripts/backup.sh) reach it.</summary>
    private static async Task<NpgsqlConnection> SuperuserAsync(string database)
    {
        var port = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Owner")).Port;
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = Environment.GetEnvironmentVariable("INTROPROGRAM_BACKUP_HOST") is { Length: > 0 } host
                ? host : Path.Combine(RepositoryRoot, ".local", "pg", "socket"),
            Port = port,
            Username = Environment.GetEnvironmentVariable("INTROPROGRAM_BACKUP_USER") is { Length: > 0 } user
                ? user : Environment.UserName == "root" ? "postgres" : Environment.UserName,
            Database = database,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string WithDatabase(string connectionString, string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = pooling }.ConnectionString;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string RepositoryRoot => FindRepositoryRoot();

    /// <summary>Above the test binaries, or (when they were built elsewhere with --artifacts-path) above this source file.</summary>
    private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "backup.sh")) && File.Exists(Path.Combine(dir.FullName, "build.sh")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("The repository root (with scripts/backup.sh) was not found above " + AppContext.BaseDirectory);
    }
}
