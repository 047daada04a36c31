using IntroProgram.Domain.Risk;
using Quartz;

namespace IntroProgram.Infrastructure.Risk;

/// <summary>
/// The Quartz job: nightly for every municipality, or on demand for one (its id in the trigger's data). Carries
/// only ids, never personal data. Safe to run twice: the evaluation is idempotent.
/// </summary>
public sealed class RiskEvaluationJob(RiskEvaluationRunner runner) : IJob
{
    public static readonly JobKey Key = new("risk-evaluation", "risk");
    public static readonly TriggerKey NightlyTrigger = new("risk-evaluation-nightly", "risk");
    public const string TenantIdKey = "tenantId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var tenantText = context.MergedJobDataMap.GetString(TenantIdKey);
        Guid? tenant = Guid.TryParse(tenantText, out var id) ? id : null;
        await runner.RunAsync(tenant, tenant is null ? RunTrigger.Scheduled : RunTrigger.OnDemand, context.Scheduler.SchedulerInstanceId, ct: cancellationToken);
    }

    /// <summary>The trigger key of a queued "evaluate now" for one municipality: at most one is queued at a time.</summary>
    public static TriggerKey OnDemandTrigger(Guid tenantId) => new("evaluate-now-" + tenantId.ToString("N"), "risk");
}

/// <summary>Queues an "evaluate now" for a municipality; a second request while one is queued is ignored.</summary>
public sealed class RiskEvaluationRequests(ISchedulerFactory schedulers, TimeProvider clock)
{
    /// <returns>True when a run was queued, false when one was already waiting.</returns>
    public async Task<bool> QueueAsync(Guid tenantId, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(RiskEvaluationJob.OnDemandTrigger(tenantId))
            .ForJob(RiskEvaluationJob.Key)
            .UsingJobData(RiskEvaluationJob.TenantIdKey, tenantId.ToString())
            .StartNow()
            .Build();
        var result = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, ct);
        return result.Outcome == ScheduleOutcome.Created;
    }
}
