using Hangfire;
using Hangfire.States;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntroProgram.Infrastructure.Jobs;

/// <summary>
/// Every minute: hands over each recorded request that is still waiting and has no live job — never handed over
/// (the hand-over after the commit failed), or handed to a job that is gone, failed or ended without taking it.
/// Also forgets finished requests after <see cref="KeepFinished"/>.
/// </summary>
public sealed class JobRequestSweep(
    TenantScopeFactory scopes, JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock, IOptions<JobOptions> options,
    ILogger<JobRequestSweep> log)
{
    public const string RecurringJobId = "job-request-sweep";
    public static readonly TimeSpan KeepFinished = TimeSpan.FromDays(90);

    /// <summary>States in which a job will still take its request.</summary>
    private static readonly HashSet<string> Live = new(StringComparer.OrdinalIgnoreCase)
    {
        EnqueuedState.StateName, ScheduledState.StateName, ProcessingState.StateName, AwaitingState.StateName,
    };

    /// <returns>How many requests were handed over.</returns>
    [AutomaticRetry(Attempts = 0)] // the next minute's sweep is the retry
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var due = now - options.Value.SweepGrace;
        var waiting = await db.Set<JobRequest>().AsNoTracking()
            .Where(r => r.StartedAt == null && r.RequestedAt <= due).OrderBy(r => r.RequestedAt).Take(500).ToListAsync(ct);
        var handed = 0;
        using (var connection = storage.GetConnection())
        {
            foreach (var request in waiting)
            {
                if (request.JobId is not null && connection.GetJobData(request.JobId)?.State is { } state && Live.Contains(state))
                {
                    continue;
                }
                var jobId = JobRequests.Enqueue(jobs, request);
                await db.Set<JobRequest>().Where(r => r.Id == request.Id && r.StartedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), ct);
                handed++;
            }
        }
        var forgetBefore = now - KeepFinished;
        await db.Set<JobRequest>().Where(r => r.FinishedAt != null && r.FinishedAt < forgetBefore).ExecuteDeleteAsync(ct);
        if (handed > 0)
        {
            log.LogWarning("The sweep queued {Count} job requests whose hand-over had failed or whose job was gone.", handed);
        }
        return handed;
    }
}
