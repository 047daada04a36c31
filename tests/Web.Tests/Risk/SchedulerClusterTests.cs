using System.Diagnostics;
using IntroProgram.ClusterNode;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace IntroProgram.Web.Tests.Risk;

/// <summary>
/// Two scheduler nodes on one database with the production store configuration: each fire happens once across
/// the cluster, and when a node dies in the middle of a job another node runs it to the end.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class SchedulerClusterTests(AppFactory app)
{
    private async Task EnsureProbeTableAsync()
    {
        await using var owner = new NpgsqlConnection(app.OwnerConnectionString);
        await owner.OpenAsync();
        var appRole = new NpgsqlConnectionStringBuilder(app.AppConnectionString).Username;
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS cluster_probe (fire_key text NOT NULL, node text NOT NULL, what text NOT NULL, at timestamptz NOT NULL);
            GRANT SELECT, INSERT ON cluster_probe TO "{appRole}";
            """, owner);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<(string Key, string Node, string What)>> ProbeRowsAsync(string triggerName)
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT fire_key, node, what FROM cluster_probe WHERE fire_key LIKE @p ORDER BY at", connection);
        command.Parameters.AddWithValue("p", triggerName + "@%");
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    private ServiceProvider Node(string name)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddClusterProbeNode(app.AppConnectionString, name);
        return services.BuildServiceProvider();
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(250);
        }
        return await condition();
    }

    [Fact]
    public async Task A_repeating_trigger_fires_once_per_schedule_across_two_nodes()
    {
        await EnsureProbeTableAsync();
        await using var nodeA = Node("node-a-" + Guid.NewGuid().ToString("N")[..6]);
        await using var nodeB = Node("node-b-" + Guid.NewGuid().ToString("N")[..6]);
        var schedulerA = await nodeA.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var schedulerB = await nodeB.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await schedulerA.Start();
        await schedulerB.Start();
        var name = "probe-repeat-" + Guid.NewGuid().ToString("N");
        try
        {
            var trigger = TriggerBuilder.Create(TimeProvider.System).WithIdentity(name, "tests").ForJob(ClusterProbe.Job)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(2))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(1)).WithRepeatCount(9))
                .Build();
            await schedulerA.ScheduleJob(trigger, new ScheduleJobOptions(), CancellationToken.None);

            Assert.True(await WaitForAsync(async () => (await ProbeRowsAsync(name)).Count(r => r.What == "finished") >= 10, TimeSpan.FromSeconds(40)),
                "the ten fires did not all finish");
            await Task.Delay(1500); // a duplicate fire would show up now

            var rows = await ProbeRowsAsync(name);
            var starts = rows.Where(r => r.What == "started").ToList();
            Assert.Equal(10, starts.Select(r => r.Key).Distinct().Count());
            Assert.Equal(10, starts.Count); // no schedule fired twice
        }
        finally
        {
            await schedulerA.Shutdown(true, CancellationToken.None);
            await schedulerB.Shutdown(true, CancellationToken.None);
        }
    }

    [Fact]
    public async Task When_a_node_is_killed_mid_job_another_node_runs_the_job_to_the_end()
    {
        await EnsureProbeTableAsync();
        var nodeAName = "node-killed-" + Guid.NewGuid().ToString("N")[..6];
        var nodeDll = typeof(ProbeJob).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(nodeDll);
        start.ArgumentList.Add(app.AppConnectionString);
        start.ArgumentList.Add(nodeAName);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var nodeA = Process.Start(start)!;
        nodeA.OutputDataReceived += (_, _) => { };
        nodeA.ErrorDataReceived += (_, _) => { };
        nodeA.BeginOutputReadLine();
        nodeA.BeginErrorReadLine();

        // Node B exists but is not started yet: it only puts the job in the store, so node A must pick it up.
        await using var nodeB = Node("node-survivor-" + Guid.NewGuid().ToString("N")[..6]);
        var schedulerB = await nodeB.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var name = "probe-slow-" + Guid.NewGuid().ToString("N");
        try
        {
            var trigger = TriggerBuilder.Create(TimeProvider.System).WithIdentity(name, "tests").ForJob(ClusterProbe.Job)
                .UsingJobData("seconds", "8").StartNow().Build();
            await schedulerB.ScheduleJob(trigger, new ScheduleJobOptions(), CancellationToken.None);

            Assert.True(await WaitForAsync(async () => (await ProbeRowsAsync(name)).Any(r => r.Node == nodeAName && r.What == "started"), TimeSpan.FromSeconds(60)),
                "node A never started the job");
            nodeA.Kill(entireProcessTree: true);
            await nodeA.WaitForExitAsync();

            await schedulerB.Start();
            Assert.True(await WaitForAsync(async () => (await ProbeRowsAsync(name)).Any(r => r.Node != nodeAName && r.What == "finished"), TimeSpan.FromSeconds(60)),
                "no surviving node finished the job");

            var rows = await ProbeRowsAsync(name);
            Assert.DoesNotContain(rows, r => r.Node == nodeAName && r.What == "finished");
            Assert.Contains(rows, r => r.Node != nodeAName && r.What == "recovered");
        }
        finally
        {
            if (!nodeA.HasExited)
            {
                nodeA.Kill(entireProcessTree: true);
            }
            await schedulerB.Shutdown(true, CancellationToken.None);
        }
    }
}
