using Hangfire;
using Hangfire.Server;
using IntroProgram.ClusterNode;
using IntroProgram.Infrastructure.Jobs;

namespace IntroProgram.ClusterNode
{
    /// <summary>
    /// One job server of the cluster test: the production storage configuration, the probe job, nothing else.
    /// Usage: IntroProgram.ClusterNode CONNECTION-STRING NODE-NAME. Runs until killed.
    /// </summary>
    public static class ClusterNodeProgram
    {
        public static async Task Main(string[] args)
        {
            using var server = ClusterProbe.StartNode(args[0], args[1]);
            await Task.Delay(Timeout.Infinite);
        }
    }

    public static class ClusterProbe
    {
        /// <summary>
        /// The production settings except for the waits, shortened so that the test sees a dead node's job taken
        /// over within seconds: the invisibility timeout (sliding, as in production; 10 s unless
        /// INTROPROGRAM_PROBE_INVISIBILITY_SECONDS says otherwise, e.g. 30 to measure the production value) and the
        /// polling intervals.
        /// </summary>
        public static readonly JobOptions Options = new()
        {
            InvisibilityTimeout = TimeSpan.FromSeconds(
                int.TryParse(Environment.GetEnvironmentVariable("INTROPROGRAM_PROBE_INVISIBILITY_SECONDS"), out var seconds) && seconds > 0 ? seconds : 10),
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
        };

        public static JobStorage Storage(string connectionString) => BackgroundJobs.CreateStorage(connectionString, Options);

        /// <summary>A Hangfire server over the given database whose jobs record on which node they ran.</summary>
        public static BackgroundJobServer StartNode(string connectionString, string node)
        {
            BackgroundJobs.ConfigureProcessWide(GlobalConfiguration.Configuration);
            return new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = node,
                WorkerCount = 2,
                SchedulePollingInterval = Options.SchedulePollingInterval,
                HeartbeatInterval = Options.HeartbeatInterval,
                Activator = new ProbeActivator(new ProbeRecorder(connectionString, node)),
            }, Storage(connectionString));
        }
    }

    internal sealed class ProbeActivator(ProbeRecorder recorder) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(ProbeJob) ? new ProbeJob(recorder) : base.ActivateJob(jobType);
    }

    /// <summary>Writes when each run starts and finishes, and on which node, to a table the test reads.</summary>
    public sealed class ProbeRecorder(string connectionString, string node)
    {
        public async Task RecordAsync(string key, string jobId, string what, CancellationToken ct)
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand(
                "INSERT INTO cluster_probe (fire_key, job_id, node, what, at) VALUES (@k, @j, @n, @w, clock_timestamp())", connection);
            command.Parameters.AddWithValue("k", key);
            command.Parameters.AddWithValue("j", jobId);
            command.Parameters.AddWithValue("n", node);
            command.Parameters.AddWithValue("w", what);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Records its start, works for <c>seconds</c>, records its end. A recurring occurrence is keyed by the time it
    /// was due (Hangfire's "Time" parameter), a queued job by the key it was given.
    /// </summary>
    public sealed class ProbeJob(ProbeRecorder recorder)
    {
        [AutomaticRetry(Attempts = 0)]
        public async Task RunAsync(string key, int seconds, PerformContext context)
        {
            var due = context.GetJobParameter<long?>("Time", allowStale: true);
            var fireKey = due is { } time ? key + "@" + time : key;
            await recorder.RecordAsync(fireKey, context.BackgroundJob.Id, "started", CancellationToken.None);
            if (seconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            }
            await recorder.RecordAsync(fireKey, context.BackgroundJob.Id, "finished", CancellationToken.None);
        }
    }
}
