using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Hangfire;
using Hangfire.Server;
using IntroProgram.Infrastructure.Jobs;

namespace IntroProgram.Infrastructure.Certificates;

/// <summary>
/// Issues participation certificates for everyone who completed in one month. Safe to run again after a crash: a
/// participant who already holds a valid participation certificate is passed over, and every certificate is issued
/// in its own transaction, so a run stopped half-way leaves whole certificates and an unbroken number series.
/// </summary>
public sealed class CertificateBatchRunner(TenantScopeFactory scopes, TimeProvider clock, ILogger<CertificateBatchRunner> logger)
{
    public async Task RunAsync(Guid tenantId, Guid batchId, CancellationToken ct = default)
    {
        await using var scope = scopes.ForTenant(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var batch = await db.CertificateBatches.FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.Status is CertificateBatchStatus.Done)
        {
            return;
        }
        var from = batch.Month;
        var to = batch.Month.AddMonths(1);
        var participants = await db.Participants.AsNoTracking()
            .Where(p => p.Status == ParticipantStatus.Completed && p.EndedOn >= from && p.EndedOn < to)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        batch.Status = CertificateBatchStatus.Running;
        batch.StartedAt ??= clock.GetUtcNow();
        batch.Total = participants.Count;
        batch.Issued = batch.Skipped = batch.Failed = 0;
        batch.Error = null;
        await db.SaveChangesAsync(ct);

        var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
        foreach (var participantId in participants)
        {
            ct.ThrowIfCancellationRequested();
            var held = await db.Certificates.AsNoTracking()
                .Where(c => c.ParticipantId == participantId && c.Kind == CertificateKind.Participation && c.RevokedAt == null)
                .Select(c => new { c.BatchId }).FirstOrDefaultAsync(ct);
            if (held is not null)
            {
                // Issued by an earlier attempt of this batch counts as issued; issued otherwise, as passed over.
                if (held.BatchId == batchId) { batch.Issued++; } else { batch.Skipped++; }
            }
            else
            {
                try
                {
                    var result = await issuer.IssueAsync(participantId, CertificateKind.Participation, batch.RequestedBy ?? Guid.Empty, batchId, ct);
                    if (result.Succeeded) { batch.Issued++; } else { batch.Skipped++; }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError("Certificate batch {BatchId}: issuing failed with {Error}.", batchId, e.GetType().Name);
                    batch.Failed++;
                    batch.Error = e.GetType().Name + ": " + e.Message;
                }
            }
            await SaveProgressAsync(db, batch, ct);
        }
        batch.Status = batch.Failed > 0 ? CertificateBatchStatus.Failed : CertificateBatchStatus.Done;
        batch.FinishedAt = clock.GetUtcNow();
        await SaveProgressAsync(db, batch, ct);
    }

    // The issuer clears the shared change tracker, so the batch row is written by id, not through tracking.
    private static Task SaveProgressAsync(AppDbContext db, CertificateBatch batch, CancellationToken ct) =>
        db.CertificateBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, batch.Status)
            .SetProperty(b => b.StartedAt, batch.StartedAt)
            .SetProperty(b => b.FinishedAt, batch.FinishedAt)
            .SetProperty(b => b.Total, batch.Total)
            .SetProperty(b => b.Issued, batch.Issued)
            .SetProperty(b => b.Skipped, batch.Skipped)
            .SetProperty(b => b.Failed, batch.Failed)
            .SetProperty(b => b.Error, batch.Error == null ? null : batch.Error.Length > 500 ? batch.Error.Substring(0, 500) : batch.Error), ct);
}

/// <summary>The Hangfire job of one batch; carries only the request's id.</summary>
public sealed class CertificateBatchJob(CertificateBatchRunner runner, JobRequestStore requests)
{
    /// <summary>
    /// Retried three times, after 1, 5 and 15 minutes: a batch fails as a whole only when the database or the PDF
    /// renderer is out of reach (a single certificate's failure is counted in the batch), and a retry resumes where
    /// the last attempt stopped, with no duplicate and no gap.
    /// </summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid requestId, PerformContext context, CancellationToken ct)
    {
        var request = await requests.TakeAsync(requestId, context.BackgroundJob.Id, ct);
        if (request?.SubjectId is not { } batchId)
        {
            return;
        }
        await runner.RunAsync(request.TenantId, batchId, ct);
        await requests.FinishAsync(requestId, ct);
    }
}

/// <summary>Records a batch and its job request in one transaction, then hands the request to Hangfire.</summary>
public sealed class CertificateBatchRequests(AppDbContext db, JobRequests requests, TimeProvider clock)
{
    public async Task<Guid> QueueAsync(DateOnly month, Guid requestedBy, CancellationToken ct = default)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("A batch belongs to a municipality.");
        var batch = new CertificateBatch
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(),
            Month = new DateOnly(month.Year, month.Month, 1),
            RequestedBy = requestedBy,
            RequestedAt = clock.GetUtcNow(),
            Status = CertificateBatchStatus.Queued,
        };
        db.CertificateBatches.Add(batch);
        var request = requests.Record(JobRequestKind.CertificateBatch, tenantId, batch.Id);
        await db.SaveChangesAsync(ct);
        await requests.HandOverAsync(request, ct);
        return batch.Id;
    }
}
