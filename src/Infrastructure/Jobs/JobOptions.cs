namespace IntroProgram.Infrastructure.Jobs;

/// <summary>The background job settings (section <c>Jobs</c>). The defaults are the production values; see docs/decisions/0004.</summary>
public sealed class JobOptions
{
    /// <summary>Run a Hangfire server (workers) in this process. Every node may; the storage hands each job to one of them.</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>Cron expression (Europe/Oslo) of the nightly risk evaluation. Five fields, or six with seconds first.</summary>
    public string RiskEvaluationCron { get; set; } = "0 2 * * *";

    /// <summary>
    /// How long a fetched job stays invisible to other nodes without a sign of life. With sliding invisibility the
    /// running node renews it while the job runs, so this is the time a node killed mid-job keeps its job from the
    /// others: measured 26–28 s for 30 s. Only safe with sliding invisibility on, which is always set here.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for a queued job: the longest wait before "evaluate now" starts.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a server checks whether a recurring job is due.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a server tells the others it is alive (shown in the operator's overview).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Workers per node. Jobs are few and long; two leave the request threads alone on a two-core node.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// A recorded request (a batch, an "evaluate now") not handed to Hangfire after this long is handed over by the
    /// sweep: the time a failed hand-over may delay the work.
    /// </summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cron expression of the sweep (every minute).</summary>
    public string SweepCron { get; set; } = "* * * * *";
}
