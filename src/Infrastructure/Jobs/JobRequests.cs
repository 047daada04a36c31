using Hangfire;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntroProgram.Infrastructure.Jobs;

/// <summary>
/// Records work a user asks for and hands it to Hangfire. Recording happens in the caller's transaction (with the
/// batch it belongs to, or alone for "evaluate now"); the hand-over happens after the commit. When the hand-over
/// fails the request is still recorded, and <see cref="JobRequestSweep"/> hands it over within a minute: the work is
/// never lost and never half-queued, and nothing is queued for a request whose transaction rolled back.
/// </summary>
public sealed class JobRequests(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<JobRequests> log)
{
    /// <summary>Adds a request to the caller's unit of work; it is saved with the caller's other changes.</summary>
    public JobRequest Record(JobRequestKind kind, Guid tenantId, Guid? subjectId = null)
    {
        var request = new JobRequest { Id = Guid.CreateVersion7(), Kind = kind, TenantId = tenantId, SubjectId = subjectId, RequestedAt = clock.GetUtcNow() };
        db.Add(request);
        return request;
    }

    /// <summary>
    /// Records an "evaluate now" for a municipality and hands it over. The database lets one wait per municipality
    /// (a unique index over the waiting ones), so parallel clicks record one request between them.
    /// </summary>
    /// <returns>True when a request was recorded, false when one was already waiting.</returns>
    public async Task<bool> RequestEvaluationAsync(Guid tenantId, CancellationToken ct = default)
    {
        var request = new JobRequest { Id = Guid.CreateVersion7(), Kind = JobRequestKind.RiskEvaluation, TenantId = tenantId, RequestedAt = clock.GetUtcNow() };
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO job_requests (id, kind, tenant_id, requested_at) VALUES ({request.Id}, {(int)request.Kind}, {tenantId}, {request.RequestedAt})
            ON CONFLICT (tenant_id) WHERE kind = 1 AND started_at IS NULL DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return false;
        }
        await HandOverAsync(request, ct);
        return true;
    }

    /// <summary>Hands a saved request to Hangfire. A failure is logged and left to the sweep; it never reaches the user.</summary>
    public async Task HandOverAsync(JobRequest request, CancellationToken ct = default)
    {
        try
        {
            var jobId = Enqueue(jobs, request);
            await db.Set<JobRequest>().Where(r => r.Id == request.Id && r.JobId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Job request {RequestId} ({Kind}) is recorded but could not be queued ({Error}); the sweep will queue it.",
                request.Id, request.Kind, e.GetType().Name);
        }
    }

    /// <summary>The one place that knows which job works on which kind of request. Arguments are ids only.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, JobRequest request) => request.Kind switch
    {
        JobRequestKind.RiskEvaluation => jobs.Enqueue<RiskEvaluationJobs>(j => j.EvaluateNowAsync(request.Id, null!, CancellationToken.None)),
        JobRequestKind.CertificateBatch => jobs.Enqueue<CertificateBatchJob>(j => j.RunAsync(request.Id, null!, CancellationToken.None)),
        _ => throw new InvalidOperationException($"No job works on requests of kind {request.Kind}."),
    };
}

/// <summary>What jobs do with their requests, each in a platform scope of its own (requests are platform data).</summary>
public sealed class JobRequestStore(TenantScopeFactory scopes, TimeProvider clock)
{
    /// <summary>
    /// Takes the request for one Hangfire job. A request is taken once: another job handed the same request (by the
    /// sweep, after a hand-over that only looked failed) finds it taken and does nothing; the same job, retried or
    /// resumed on another node after its node died, takes it again.
    /// </summary>
    /// <returns>The request, or null when it is finished or another job has it.</returns>
    public async Task<JobRequest?> TakeAsync(Guid requestId, string jobId, CancellationToken ct)
    {
        await using var scope = scopes.ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var taken = await db.Set<JobRequest>()
            .Where(r => r.Id == requestId && r.FinishedAt == null && (r.TakenBy == null || r.TakenBy == jobId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TakenBy, jobId).SetProperty(r => r.StartedAt, r => r.StartedAt ?? now), ct);
        return taken == 0 ? null : await db.Set<JobRequest>().AsNoTracking().SingleAsync(r => r.Id == requestId, ct);
    }

    public async Task FinishAsync(Guid requestId, CancellationToken ct)
    {
        await using var scope = scopes.ForTenant(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await db.Set<JobRequest>().Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, now), ct);
    }
}
