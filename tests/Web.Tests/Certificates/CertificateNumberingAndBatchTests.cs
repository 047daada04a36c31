using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>Gap-free numbers under concurrent issuing, and the monthly batch with its safe re-run.</summary>
[Collection(AppSuite.Name)]
public sealed class CertificateNumberingAndBatchTests(AppFactory app)
{
    private static DateOnly Today => CertificateTestSupport.Today;

    private async Task<List<TestParticipant>> EndedParticipantsAsync(CertificateWorld world, int count, DateOnly endedOn)
    {
        var list = new List<TestParticipant>();
        for (var i = 0; i < count; i++)
        {
            var p = await app.ParticipantWithHoursAsync(world.Number, 40m, 5m, hoursUpTo: endedOn);
            await app.EndProgrammeAsync(p, world.Caseworker.Id, endedOn);
            list.Add(p);
        }
        return list;
    }

    [Fact]
    public async Task Concurrent_issuing_gives_distinct_gap_free_numbers()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var participants = await EndedParticipantsAsync(world, 8, Today.AddDays(-1));

        // Every participant twice at once: one of each pair must lose without taking a number.
        var results = await Task.WhenAll(participants.Concat(participants).Select(p =>
            Task.Run(() => app.IssueDirectAsync(world.TenantId, p.Id, CertificateKind.Participation, world.Caseworker.Id))));

        Assert.Equal(8, results.Count(r => r.Status == CommandStatus.Done));
        Assert.Equal(8, results.Count(r => r.Errors.Any(e => e.Code == CertificateErrors.AlreadyIssued)));
        var sequences = await app.InTenantAsync(world.TenantId, db => db.Certificates.OrderBy(c => c.Sequence).Select(c => c.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 8), sequences);
        var series = await app.InTenantAsync(world.TenantId, db => db.CertificateNumberSeries.SingleAsync());
        Assert.Equal(8, series.LastSequence);
    }

    [Fact]
    public async Task Numbers_are_kept_per_municipality()
    {
        var first = await app.CaseworkerWorldAsync();
        var second = await app.CaseworkerWorldAsync();
        using var _ = first.Client;
        using var __ = second.Client;
        var a = await EndedParticipantsAsync(first, 2, Today.AddDays(-1));
        var b = await EndedParticipantsAsync(second, 1, Today.AddDays(-1));

        foreach (var p in a)
        {
            Assert.True((await app.IssueDirectAsync(first.TenantId, p.Id, CertificateKind.Participation, first.Caseworker.Id)).Succeeded);
        }
        var inSecond = await app.IssueDirectAsync(second.TenantId, b[0].Id, CertificateKind.Participation, second.Caseworker.Id);

        var number = (await app.CertificateAsync(second.TenantId, inSecond.Id!.Value)).Number;
        Assert.Equal($"{second.Number}-{Today.Year}-00001", number);
    }

    [Fact]
    public async Task A_batch_issues_for_everyone_completed_in_the_month_and_a_rerun_issues_nothing_new()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var month = new DateOnly(Today.Year, Today.Month, 1);
        var inMonth = await EndedParticipantsAsync(world, 3, month);
        var lastMonth = await EndedParticipantsAsync(world, 1, month.AddDays(-1));
        var alreadyHolds = inMonth[0];
        Assert.True((await app.IssueDirectAsync(world.TenantId, alreadyHolds.Id, CertificateKind.Participation, world.Caseworker.Id)).Succeeded);
        var stopped = await app.ParticipantWithHoursAsync(world.Number, 10m, 0m, hoursUpTo: month);
        await app.EndProgrammeAsync(stopped, world.Caseworker.Id, month, ParticipantStatus.Stopped);

        // Queued through the page, as a caseworker does; the scheduler is off in tests, so the job is run here.
        var page = await world.Client.GetPageAsync("/certificates/batches");
        var queued = await world.Client.Http.PostAsync("/certificates/batches", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page), ["month"] = month.ToString("yyyy-MM"),
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, queued.StatusCode);
        var batchId = Guid.Parse(queued.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(CertificateBatchStatus.Queued, (await app.InTenantAsync(world.TenantId, db => db.CertificateBatches.SingleAsync(b => b.Id == batchId))).Status);
        var runner = app.Services.GetRequiredService<CertificateBatchRunner>();

        await runner.RunAsync(world.TenantId, batchId);
        var afterFirst = await app.InTenantAsync(world.TenantId, db => db.CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));
        await runner.RunAsync(world.TenantId, batchId); // a finished batch is left alone
        var count = await app.InTenantAsync(world.TenantId, db => db.Certificates.CountAsync());

        Assert.Equal(CertificateBatchStatus.Done, afterFirst.Status);
        Assert.Equal((3, 2, 1, 0), (afterFirst.Total, afterFirst.Issued, afterFirst.Skipped, afterFirst.Failed));
        Assert.Equal(3, count);
        var holders = await app.InTenantAsync(world.TenantId, db => db.Certificates.Select(c => c.ParticipantId).ToListAsync());
        Assert.DoesNotContain(lastMonth[0].Id, holders);
        Assert.DoesNotContain(stopped.Id, holders);
        var progress = TestClient.Decode(await world.Client.GetPageAsync($"/certificates/batches/{batchId}"));
        Assert.Contains("2 utstedt, 1 hoppet over, 0 feilet av 3", progress);
    }

    [Fact]
    public async Task A_batch_stopped_half_way_resumes_without_duplicates_or_gaps()
    {
        var world = await app.CaseworkerWorldAsync();
        using var _ = world.Client;
        var month = new DateOnly(Today.Year, Today.Month, 1);
        await EndedParticipantsAsync(world, 4, month);
        Guid batchId;
        await using (var scope = app.Services.GetRequiredService<IntroProgram.Infrastructure.Tenancy.TenantScopeFactory>().ForTenant(world.TenantId))
        {
            batchId = await scope.ServiceProvider.GetRequiredService<CertificateBatchRequests>().QueueAsync(month, world.Caseworker.Id);
        }
        var runner = app.Services.GetRequiredService<CertificateBatchRunner>();
        using (var stop = new CancellationTokenSource())
        {
            var run = runner.RunAsync(world.TenantId, batchId, stop.Token);
            // Stop the run as soon as the first certificate exists, as a node shutting down would.
            while (await app.InTenantAsync(world.TenantId, db => db.Certificates.CountAsync()) == 0)
            {
                await Task.Delay(20);
            }
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        var partial = await app.InTenantAsync(world.TenantId, db => db.Certificates.CountAsync());
        Assert.InRange(partial, 1, 3);

        await runner.RunAsync(world.TenantId, batchId);

        var batch = await app.InTenantAsync(world.TenantId, db => db.CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));
        var sequences = await app.InTenantAsync(world.TenantId, db => db.Certificates.OrderBy(c => c.Sequence).Select(c => c.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 4), sequences);
        Assert.Equal((4, 4, 0), (batch.Total, batch.Issued, batch.Skipped));
        Assert.Equal(CertificateBatchStatus.Done, batch.Status);
    }
}
