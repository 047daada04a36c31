using Hangfire;
using Hangfire.Server;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Jobs;

namespace IntroProgram.Infrastructure.Risk;

/// <summary>
/// The Hangfire jobs of the risk evaluation: nightly for every municipality (a recurring job), and "evaluate now"
/// for one (a queued job per request). Arguments are ids only, never personal data. Safe to run twice: the
/// evaluation is idempotent, and one municipality's failure is recorded while the others go on (the runner).
/// </summary>
public sealed class RiskEvaluationJobs(RiskEvaluationRunner runner, JobRequestStore requests)
{
    public const string NightlyJobId = "risk-evaluation-nightly";

    /// <summary>
    /// Retried twice, after 1 and 10 minutes: a whole run fails only when the database is out of reach (a
    /// municipality's own failure is caught and recorded), and a night without an evaluation is worth two tries.
    /// </summary>
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task NightlyAsync(PerformContext context, CancellationToken ct) =>
        await runner.RunAsync(null, RunTrigger.Scheduled, context.ServerId, ct: ct);

    /// <summary>
    /// Retried three times, after 10 s, 1 and 5 minutes: the person who clicked is waiting for it. A run that
    /// finally fails stays failed in the dashboard; the next click records a new request.
    /// </summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task EvaluateNowAsync(Guid requestId, PerformContext context, CancellationToken ct)
    {
        var request = await requests.TakeAsync(requestId, context.BackgroundJob.Id, ct);
        if (request is null)
        {
            return;
        }
        await runner.RunAsync(request.TenantId, RunTrigger.OnDemand, context.ServerId, ct: ct);
        await requests.FinishAsync(requestId, ct);
    }
}
