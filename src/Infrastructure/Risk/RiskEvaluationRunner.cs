using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntroProgram.Infrastructure.Risk;

/// <summary>
/// Runs the evaluation municipality by municipality, each in its own tenant-bound scope (so row-level security
/// applies as for requests), and records what each did. One municipality's failure is recorded and the rest go on.
/// </summary>
public sealed class RiskEvaluationRunner(TenantScopeFactory scopes, TimeProvider clock, ILogger<RiskEvaluationRunner> log)
{

    /// <summary>Today in Norway: the rules count calendar days there, whatever the server's zone.</summary>
    public DateOnly Today => clock.OsloToday();

    /// <param name="onlyTenant">One municipality (an "evaluate now"), or null for every active one.</param>
    public async Task<RiskEvaluationRun> RunAsync(Guid? onlyTenant, RunTrigger trigger, string node, DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? Today;
        var run = new RiskEvaluationRun { Id = Guid.CreateVersion7(), Trigger = trigger, Node = node, StartedAt = clock.GetUtcNow() };
        List<Guid> tenants;
        await using (var platform = scopes.ForTenant(null))
        {
            var db = platform.ServiceProvider.GetRequiredService<AppDbContext>();
            tenants = await db.Municipalities.AsNoTracking().Where(m => m.IsActive && (onlyTenant == null || m.Id == onlyTenant))
                .OrderBy(m => m.Number).Select(m => m.Id).ToListAsync(ct);
            db.Add(run);
            await db.SaveChangesAsync(ct);
        }

        foreach (var tenant in tenants)
        {
            ct.ThrowIfCancellationRequested();
            var result = new RiskEvaluationResult { TenantId = tenant, Id = Guid.CreateVersion7(), RunId = run.Id, Trigger = trigger, StartedAt = clock.GetUtcNow() };
            try
            {
                await using var scope = scopes.ForTenant(tenant);
                var counts = await scope.ServiceProvider.GetRequiredService<RiskEvaluator>().EvaluateAsync(day, ct);
                result.ParticipantsEvaluated = counts.ParticipantsEvaluated;
                result.FlagsRaised = counts.Raised;
                result.FlagsUpdated = counts.Updated;
                result.FlagsResolved = counts.Resolved;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The type and message only: ours never carry personal data, and the stack trace stays in the log.
                log.LogError(e, "Risk evaluation failed for municipality {TenantId} in run {RunId}", tenant, run.Id);
                result.Error = $"{e.GetType().Name}: {e.Message}";
                if (result.Error.Length > 1000)
                {
                    result.Error = result.Error[..1000];
                }
                run.FailedMunicipalities++;
            }
            result.FinishedAt = clock.GetUtcNow();
            await using (var scope = scopes.ForTenant(tenant))
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Add(result);
                await db.SaveChangesAsync(ct);
            }
            run.Municipalities++;
            run.ParticipantsEvaluated += result.ParticipantsEvaluated;
            run.FlagsRaised += result.FlagsRaised;
            run.FlagsUpdated += result.FlagsUpdated;
            run.FlagsResolved += result.FlagsResolved;
        }

        run.FinishedAt = clock.GetUtcNow();
        await using (var platform = scopes.ForTenant(null))
        {
            var db = platform.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Update(run);
            await db.SaveChangesAsync(ct);
        }
        log.LogInformation("Risk evaluation run {RunId} ({Trigger}) on {Node}: {Municipalities} municipalities, {Failed} failed, {Participants} participants, {Raised} raised, {Updated} updated, {Resolved} resolved in {Seconds:0.0} s",
            run.Id, trigger, node, run.Municipalities, run.FailedMunicipalities, run.ParticipantsEvaluated, run.FlagsRaised, run.FlagsUpdated, run.FlagsResolved,
            (run.FinishedAt.Value - run.StartedAt).TotalSeconds);
        return run;
    }
}
