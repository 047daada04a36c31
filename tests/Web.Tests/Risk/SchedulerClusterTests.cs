using System.Diagnostics;
using Hangfire;
using IntroProgram.ClusterNode;
using IntroProgram.Migrations;
using IntroProgram.Web.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Risk;

/// <summary>A migrated database of its own, holding only the probe's jobs: no app server takes them from the probe nodes.</summary>
public sealed class ClusterDatabase : IAsyncLifetime
{
    public string Owner { get; private set; } = "";
    public string App { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var name = (Environment.GetEnvironmentVariable("INTROPROGRAM_TEST_DB") is { Length: > 0 } n ? n : "introprogram_test_web") + "_cluster";
        (Owner, App) = TestDatabase.Create(name);
        await DatabaseMigrator.MigrateAsync(Owner, App);
        await using var owner = new NpgsqlConnection(Owner);
        await owner.OpenAsync();
        var appRole = new NpgsqlConnectionStringBuilder(App).Username;
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS cluster_probe (fire_key text NOT NULL, job_id text NOT NULL, node text NOT NULL, what text NOT NULL, at timestamptz NOT NULL);
            GRANT SELECT, INSERT ON cluster_probe TO "{appRole}";
            """, owner);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ClusterSuite : ICollectionFixture<ClusterDatabase>
{
    public const string Name = "job cluster";
}

/// <summary>
/// Two Hangfire servers on one database with the production storage configuration: each recurring occurrence and
/// each queued job runs once across them, and when a server is killed in the middle of a job another runs it to the end.
/// </summary>
[Collection(ClusterSuite.Name)]
public sealed class SchedulerClusterTests(ClusterDatabase database, ITestOutputHelper output)
{
    private record ProbeRow(string Key, string JobId, string Node, string What, DateTime At);

    private async Task<List<ProbeRow>> ProbeRowsAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(database.App);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT fire_key, job_id, node, what, at FROM cluster_probe WHERE fire_key LIKE @p ORDER BY at", connection);
        command.Parameters.AddWithValue("p", prefix + "%");
        var rows = new List<ProbeRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ProbeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDateTime(4)));
        }
        return rows;
    }

    private static string NewName(string what) => what + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Twenty_queued_jobs_run_once_each_across_two_servers()
    {
        var key = NewName("probe-queued");
        using (var a = ClusterProbe.StartNode(database.App, NewName("node-a")))
        using (var b = ClusterProbe.StartNode(database.App, NewName("node-b")))
        {
            var client = new BackgroundJobClient(ClusterProbe.Storage(database.App));
            for (var i = 0; i < 20; i++)
            {
                var jobKey = $"{key}-{i:00}";
                client.Enqueue<ProbeJob>(j => j.RunAsync(jobKey, 0, null!));
            }
            Assert.True(await Waiting.UntilAsync(async () => (await ProbeRowsAsync(key)).Count(r => r.What == "finished") >= 20, TimeSpan.FromSeconds(60)),
                "the twenty jobs did not all finish");
            await Task.Delay(TimeSpan.FromSeconds(3)); // a second run of any of them would show up now
        }
        var rows = await ProbeRowsAsync(key);
        var starts = rows.Where(r => r.What == "started").ToList();
        Assert.Equal(20, starts.Select(r => r.Key).Distinct().Count());
        Assert.Equal(20, starts.Count);
        output.WriteLine($"20 queued jobs over two servers: {starts.Count} runs, split {string.Join("/", starts.GroupBy(r => r.Node).Select(g => g.Count()))}.");
    }

    [Fact]
    public async Task A_recurring_job_runs_once_per_occurrence_across_two_servers()
    {
        var id = NewName("probe-recurring");
        var storage = ClusterProbe.Storage(database.App);
        var manager = new RecurringJobManager(storage);
        using (var a = ClusterProbe.StartNode(database.App, NewName("node-a")))
        using (var b = ClusterProbe.StartNode(database.App, NewName("node-b")))
        {
            manager.AddOrUpdate<ProbeJob>(id, j => j.RunAsync(id, 0, null!), "*/2 * * * * *",
                new RecurringJobOptions { TimeZone = IntroProgram.Domain.Programme.OsloTime.Zone });
            try
            {
                Assert.True(await Waiting.UntilAsync(async () => (await ProbeRowsAsync(id)).Count(r => r.What == "finished") >= 8, TimeSpan.FromMinutes(4)),
                    "fewer than eight occurrences ran in four minutes"); // a loaded machine may skip occurrences; what counts is that none runs twice
            }
            finally
            {
                manager.RemoveIfExists(id);
            }
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        var starts = (await ProbeRowsAsync(id)).Where(r => r.What == "started").ToList();
        Assert.Equal(starts.Count, starts.Select(r => r.Key).Distinct().Count()); // no occurrence ran twice
        Assert.All(starts, r => Assert.Contains("@", r.Key)); // each is a scheduled occurrence
        output.WriteLine($"Recurring every 2 s over two servers: {starts.Count} occurrences, each run once, split {string.Join("/", starts.GroupBy(r => r.Node).Select(g => g.Count()))}.");
    }

    [Fact]
    public async Task When_a_server_is_killed_mid_job_another_server_runs_the_job_to_the_end()
    {
        var nodeAName = NewName("node-killed");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ProbeJob).Assembly.Location);
        start.ArgumentList.Add(database.App);
        start.ArgumentList.Add(nodeAName);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var nodeA = Process.Start(start)!;
        nodeA.OutputDataReceived += (_, _) => { };
        nodeA.ErrorDataReceived += (_, _) => { };
        nodeA.BeginOutputReadLine();
        nodeA.BeginErrorReadLine();

        var key = NewName("probe-slow");
        try
        {
            // Only node A runs: it must be the one that takes the job.
            new BackgroundJobClient(ClusterProbe.Storage(database.App)).Enqueue<ProbeJob>(j => j.RunAsync(key, 8, null!));
            Assert.True(await Waiting.UntilAsync(async () => (await ProbeRowsAsync(key)).Any(r => r.Node == nodeAName && r.What == "started"), TimeSpan.FromSeconds(60)),
                "node A never started the job");
            nodeA.Kill(entireProcessTree: true);
            await nodeA.WaitForExitAsync();
            var killedAt = DateTime.UtcNow;

            using var survivor = ClusterProbe.StartNode(database.App, NewName("node-survivor"));
            Assert.True(await Waiting.UntilAsync(async () => (await ProbeRowsAsync(key)).Any(r => r.Node != nodeAName && r.What == "finished"), TimeSpan.FromSeconds(90)),
                "no surviving server finished the job");

            var rows = await ProbeRowsAsync(key);
            Assert.DoesNotContain(rows, r => r.Node == nodeAName && r.What == "finished");
            Assert.Single(rows, r => r.What == "finished");
            Assert.Single(rows.Select(r => r.JobId).Distinct()); // the same job, taken over, not a copy
            var takenOver = rows.Single(r => r.Node != nodeAName && r.What == "started").At;
            output.WriteLine($"Killed mid-job: taken over {(takenOver - killedAt).TotalSeconds:0.0} s after SIGKILL (invisibility timeout {ClusterProbe.Options.InvisibilityTimeout.TotalSeconds:0} s, sliding).");
        }
        finally
        {
            if (!nodeA.HasExited)
            {
                nodeA.Kill(entireProcessTree: true);
            }
        }
    }
}
