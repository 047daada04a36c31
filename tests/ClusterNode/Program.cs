using IntroProgram.ClusterNode;
using IntroProgram.Infrastructure.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace IntroProgram.ClusterNode
{
    /// <summary>
    /// One scheduler node of the cluster test: the production store configuration, the probe job, nothing else.
    /// Usage: IntroProgram.ClusterNode CONNECTION-STRING NODE-NAME. Runs until killed.
    /// </summary>
    public static class ClusterNodeProgram
    {
        public static async Task Main(string[] args)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddClusterProbeNode(args[0], args[1]);
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
            await builder.Build().RunAsync();
        }
    }

    public static class ClusterProbe
    {
        public static readonly JobKey Job = new("cluster-probe", "tests");

        /// <summary>Short intervals so that the test sees a dead node taken over within seconds.</summary>
        public static readonly JobOptions Options = new()
        {
            ClusterCheckinInterval = TimeSpan.FromSeconds(1),
            ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(2),
        };

        public static IServiceCollection AddClusterProbeNode(this IServiceCollection services, string connectionString, string node)
        {
            services.AddSingleton(new ProbeRecorder(connectionString, node));
            services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
            services.AddQuartz(q =>
            {
                q.ConfigureScheduler(s =>
                {
                    s.InstanceName = "ClusterProbe";
                    s.InstanceId = node;
                    s.IdleWaitTime = TimeSpan.FromSeconds(1);
                });
                q.UsePersistentStore(store => RiskScheduling.UseClusteredStore(store, connectionString, Options));
                q.AddJob<ProbeJob>(j => j.WithIdentity(Job).StoreDurably().RequestRecovery());
            });
            return services;
        }
    }

    /// <summary>Writes when each fire starts and finishes, and on which node, to a table the test reads.</summary>
    public sealed class ProbeRecorder(string connectionString, string node)
    {
        public string Node => node;

        public async Task RecordAsync(string fireKey, string what, CancellationToken ct)
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand(
                "INSERT INTO cluster_probe (fire_key, node, what, at) VALUES (@k, @n, @w, clock_timestamp())", connection);
            command.Parameters.AddWithValue("k", fireKey);
            command.Parameters.AddWithValue("n", node);
            command.Parameters.AddWithValue("w", what);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Records its start, works for the trigger's "seconds", records its end. Identified by the scheduled fire time.</summary>
    public sealed class ProbeJob(ProbeRecorder recorder) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            // A recovered fire runs under a recovery trigger; it is recorded under the original trigger's name.
            var key = context.Recovering
                ? (context.RecoveringTriggerKey?.Name ?? "unknown") + "@recovered"
                : context.Trigger.Key.Name + "@" + (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).ToUnixTimeMilliseconds();
            await recorder.RecordAsync(key, context.Recovering ? "recovered" : "started", CancellationToken.None);
            var seconds = context.MergedJobDataMap.TryGetValue("seconds", out var s) ? Convert.ToInt32(s, System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (seconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            }
            await recorder.RecordAsync(key, "finished", CancellationToken.None);
        }
    }
}
