using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Risk;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>One municipality in the operator's overview: counts and job health only, never a person.</summary>
public sealed record MunicipalityUsage(
    Guid Id, string Name, string Number, bool IsActive, long Users, long Participants, long ActiveParticipants, long OpenFlags,
    DateTimeOffset? LastEvaluationAt, bool? LastEvaluationFailed);

/// <summary>A stored Quartz trigger: which job, its state and when it fires.</summary>
public sealed record SchedulerTrigger(string Job, string Trigger, string State, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire);

/// <summary>A scheduler node of the cluster and when it last told the others it was alive.</summary>
public sealed record SchedulerNode(string Instance, DateTimeOffset LastCheckin, TimeSpan CheckinInterval)
{
    /// <summary>A node silent for more than three check-in intervals is presumed gone (the cluster takes over its jobs).</summary>
    public bool IsAlive(DateTimeOffset now) => now - LastCheckin <= 3 * CheckinInterval;
}

public sealed class PlatformOverview
{
    public required IReadOnlyList<MunicipalityUsage> Municipalities { get; init; }
    public required IReadOnlyList<RiskEvaluationRun> RecentRuns { get; init; }
    public required IReadOnlyList<SchedulerTrigger> Triggers { get; init; }
    public required IReadOnlyList<SchedulerNode> Nodes { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>Healthy: a node is alive, the nightly trigger is waiting for its next fire, and the latest run finished without failures.</summary>
    public bool SchedulerHealthy => NodeAlive && NightlyScheduled && LatestRunClean;

    public bool NodeAlive => Nodes.Any(n => n.IsAlive(Now));

    public bool NightlyScheduled => Triggers.Any(t =>
        t.Trigger == RiskEvaluationJob.NightlyTrigger.Name && t.NextFire > Now && t.State is "WAITING" or "ACQUIRED");

    /// <summary>No run yet counts as clean; otherwise the latest run finished and no municipality failed.</summary>
    public bool LatestRunClean => RecentRuns.Count == 0 || (RecentRuns[0].FinishedAt is not null && RecentRuns[0].FailedMunicipalities == 0);
}

/// <summary>
/// The platform operator's overview. The operator has no municipality, so row-level security shows no tenant row:
/// the per-municipality counts come from <c>platform_tenant_overview()</c>, which counts each municipality under its
/// own policy and returns numbers only. Runs and the Quartz tables are platform data.
/// </summary>
public sealed class OperatorOverview(AppDbContext db, TimeProvider clock)
{
    public async Task<PlatformOverview> ReadAsync(CancellationToken ct = default)
    {
        var counts = await db.Database.SqlQueryRaw<UsageRow>(
                "SELECT municipality_id, user_count, participant_count, active_participant_count, open_flag_count, last_evaluation_at, last_evaluation_failed FROM platform_tenant_overview()")
            .ToDictionaryAsync(u => u.MunicipalityId, ct);
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new { m.Id, m.Name, m.Number, m.IsActive }).ToListAsync(ct);
        var runs = await db.Set<RiskEvaluationRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).Take(10).ToListAsync(ct);
        var triggers = await db.Database.SqlQueryRaw<TriggerRow>("""
                SELECT job_name, trigger_name, trigger_state, next_fire_time, prev_fire_time
                FROM qrtz_triggers WHERE sched_name = {0} ORDER BY job_name, trigger_name
                """, RiskScheduling.SchedulerName).ToListAsync(ct);
        var nodes = await db.Database.SqlQueryRaw<NodeRow>("""
                SELECT instance_name, last_checkin_time, checkin_interval
                FROM qrtz_scheduler_state WHERE sched_name = {0} ORDER BY instance_name
                """, RiskScheduling.SchedulerName).ToListAsync(ct);

        return new PlatformOverview
        {
            Municipalities = municipalities.Select(m =>
            {
                var c = counts.GetValueOrDefault(m.Id);
                return new MunicipalityUsage(m.Id, m.Name, m.Number, m.IsActive, c?.UserCount ?? 0, c?.ParticipantCount ?? 0,
                    c?.ActiveParticipantCount ?? 0, c?.OpenFlagCount ?? 0, c?.LastEvaluationAt, c?.LastEvaluationFailed);
            }).ToList(),
            RecentRuns = runs,
            Triggers = triggers.Select(t => new SchedulerTrigger(t.JobName, t.TriggerName, t.TriggerState, Ticks(t.NextFireTime), Ticks(t.PrevFireTime))).ToList(),
            Nodes = nodes.Select(n => new SchedulerNode(n.InstanceName, Ticks(n.LastCheckinTime)!.Value, TimeSpan.FromMilliseconds(n.CheckinInterval))).ToList(),
            Now = clock.GetUtcNow(),
        };
    }

    /// <summary>Quartz stores instants as UTC ticks; 0 or negative means "never".</summary>
    private static DateTimeOffset? Ticks(long? ticks) =>
        ticks is { } t && t > 0 && t <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private sealed record UsageRow(
        Guid MunicipalityId, long UserCount, long ParticipantCount, long ActiveParticipantCount, long OpenFlagCount,
        DateTimeOffset? LastEvaluationAt, bool? LastEvaluationFailed);

    private sealed record TriggerRow(string JobName, string TriggerName, string TriggerState, long? NextFireTime, long? PrevFireTime);

    private sealed record NodeRow(string InstanceName, long LastCheckinTime, long CheckinInterval);
}
