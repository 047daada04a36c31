using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using Hangfire;
using Hangfire.Storage;
using IntroProgram.Infrastructure.Jobs;
using IntroProgram.Infrastructure.Risk;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>One municipality in the operator's overview: counts and job health only, never a person.</summary>
public sealed record MunicipalityUsage(
    Guid Id, string Name, string Number, bool IsActive, long Users, long Participants, long ActiveParticipants, long OpenFlags,
    DateTimeOffset? LastEvaluationAt, bool? LastEvaluationFailed);

/// <summary>A recurring Hangfire job: which job, the state of its latest run and when it runs next.</summary>
public sealed record SchedulerTrigger(string Job, string Trigger, string State, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire, bool HasError);

/// <summary>A Hangfire server (a node's workers) and when it last told the others it was alive.</summary>
public sealed record SchedulerNode(string Instance, DateTimeOffset LastCheckin, TimeSpan CheckinInterval)
{
    /// <summary>A node silent for more than three heartbeats is presumed gone (its jobs go to the others).</summary>
    public bool IsAlive(DateTimeOffset now) => now - LastCheckin <= 3 * CheckinInterval;
}

public sealed class PlatformOverview
{
    public required IReadOnlyList<MunicipalityUsage> Municipalities { get; init; }
    public required IReadOnlyList<RiskEvaluationRun> RecentRuns { get; init; }
    public required IReadOnlyList<SchedulerTrigger> Triggers { get; init; }
    public required IReadOnlyList<SchedulerNode> Nodes { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>The real time the job figures are compared with (Hangfire keeps real time even under a set app clock).</summary>
    public required DateTimeOffset JobsNow { get; init; }

    /// <summary>Healthy: a node is alive, the nightly trigger is waiting for its next fire, and the latest run finished without failures.</summary>
    public bool SchedulerHealthy => NodeAlive && NightlyScheduled && LatestRunClean;

    public bool NodeAlive => Nodes.Any(n => n.IsAlive(JobsNow));

    public int NodesAlive => Nodes.Count(n => n.IsAlive(JobsNow));

    public bool NightlyScheduled => Triggers.Any(t => t.Trigger == RiskEvaluationJobs.NightlyJobId && t.NextFire > JobsNow && !t.HasError);

    /// <summary>No run yet counts as clean; otherwise the latest run finished and no municipality failed.</summary>
    public bool LatestRunClean => RecentRuns.Count == 0 || (RecentRuns[0].FinishedAt is not null && RecentRuns[0].FailedMunicipalities == 0);
}

/// <summary>
/// The platform operator's overview. The operator has no municipality, so row-level security shows no tenant row:
/// the per-municipality counts come from <c>platform_tenant_overview()</c>, which counts each municipality under its
/// own policy and returns numbers only. Runs are platform data; servers and recurring jobs come from Hangfire's
/// storage (ids and method names only).
/// </summary>
public sealed class OperatorOverview(AppDbContext db, TimeProvider clock, JobStorage jobs, IOptions<JobOptions> jobOptions)
{
    public async Task<PlatformOverview> ReadAsync(CancellationToken ct = default)
    {
        var counts = await db.Database.SqlQueryRaw<UsageRow>(
                "SELECT municipality_id, user_count, participant_count, active_participant_count, open_flag_count, last_evaluation_at, last_evaluation_failed FROM platform_tenant_overview()")
            .ToDictionaryAsync(u => u.MunicipalityId, ct);
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new { m.Id, m.Name, m.Number, m.IsActive }).ToListAsync(ct);
        var runs = await db.Set<RiskEvaluationRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).Take(10).ToListAsync(ct);
        var (triggers, nodes) = await Task.Run(ReadJobs, ct);
        return new PlatformOverview
        {
            Municipalities = municipalities.Select(m =>
            {
                var c = counts.GetValueOrDefault(m.Id);
                return new MunicipalityUsage(m.Id, m.Name, m.Number, m.IsActive, c?.UserCount ?? 0, c?.ParticipantCount ?? 0,
                    c?.ActiveParticipantCount ?? 0, c?.OpenFlagCount ?? 0, c?.LastEvaluationAt, c?.LastEvaluationFailed);
            }).ToList(),
            RecentRuns = runs,
            Triggers = triggers,
            Nodes = nodes,
            Now = clock.GetUtcNow(),
            JobsNow = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Hangfire's storage API is synchronous; it is read off the request thread.</summary>
    private (List<SchedulerTrigger>, List<SchedulerNode>) ReadJobs()
    {
        var heartbeat = jobOptions.Value.HeartbeatInterval;
        var nodes = jobs.GetMonitoringApi().Servers()
            .Select(s => new SchedulerNode(s.Name, Utc(s.Heartbeat ?? s.StartedAt)!.Value, heartbeat)).OrderBy(n => n.Instance).ToList();
        using var connection = jobs.GetConnection();
        var triggers = connection.GetRecurringJobs()
            .Select(r => new SchedulerTrigger(r.Job?.Method.DeclaringType?.Name + "." + r.Job?.Method.Name, r.Id, r.LastJobState ?? (r.Error is null ? "Scheduled" : "Error"),
                Utc(r.NextExecution), Utc(r.LastExecution), r.Error is not null || r.LoadException is not null))
            .OrderBy(t => t.Trigger).ToList();
        return (triggers, nodes);
    }

    private static DateTimeOffset? Utc(DateTime? instant) =>
        instant is { } i ? new DateTimeOffset(DateTime.SpecifyKind(i, DateTimeKind.Utc)) : null;

    private sealed record UsageRow(
        Guid MunicipalityId, long UserCount, long ParticipantCount, long ActiveParticipantCount, long OpenFlagCount,
        DateTimeOffset? LastEvaluationAt, bool? LastEvaluationFailed);

}
