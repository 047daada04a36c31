using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Jobs;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Jobs;

/// <summary>
/// The app with a Hangfire server of its own, over a database of its own (its jobs take nobody else's work), with
/// the production schedule and short polling so that queued work starts within a second or two.
/// </summary>
public sealed class JobServerApp : IAsyncLifetime
{
    public AppFactory App { get; } = AppFactory.WithOwnDatabase("jobs");

    public JobServerApp()
    {
        App.Settings["Jobs:RunScheduler"] = "true";
        App.Settings["Jobs:QueuePollInterval"] = "00:00:01";
        App.Settings["Jobs:SchedulePollingInterval"] = "00:00:01";
        App.Settings["Jobs:HeartbeatInterval"] = "00:00:02";
    }

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class JobServerSuite : ICollectionFixture<JobServerApp>
{
    public const string Name = "job server";
}

[Collection(JobServerSuite.Name)]
public sealed class BackgroundJobTests(JobServerApp server, ITestOutputHelper output)
{
    private AppFactory App => server.App;

    private static DateOnly Today => ParticipantTestData.Today;

    /// <summary>A job client whose every hand-over fails, as when Hangfire's storage is out of reach for a moment.</summary>
    private static Mock<IBackgroundJobClient> BrokenJobClient()
    {
        var client = new Mock<IBackgroundJobClient>();
        client.Setup(c => c.Create(It.IsAny<Job>(), It.IsAny<IState>())).Throws(new NpgsqlException("the job storage is out of reach"));
        return client;
    }

    private JobRequests RequestsWith(IServiceProvider scope, IBackgroundJobClient client) =>
        new(scope.GetRequiredService<AppDbContext>(), client, scope.GetRequiredService<TimeProvider>(), NullLogger<JobRequests>.Instance);

    /// <summary>The sweep with no grace period, run now instead of on its minute.</summary>
    private async Task<int> SweepNowAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var sweep = new JobRequestSweep(sp.GetRequiredService<TenantScopeFactory>(), sp.GetRequiredService<JobStorage>(),
            sp.GetRequiredService<IBackgroundJobClient>(), sp.GetRequiredService<TimeProvider>(),
            Options.Create(new JobOptions { SweepGrace = TimeSpan.Zero }), NullLogger<JobRequestSweep>.Instance);
        return await sweep.RunAsync(CancellationToken.None);
    }

    private async Task<JobRequest> RequestAsync(Guid tenant, JobRequestKind kind)
    {
        await using var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<JobRequest>().AsNoTracking()
            .SingleAsync(r => r.TenantId == tenant && r.Kind == kind);
    }

    private Task<bool> FinishedAsync(Guid tenant, JobRequestKind kind) =>
        Waiting.UntilAsync(async () => (await RequestAsync(tenant, kind)).FinishedAt is not null, TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Evaluate_now_is_run_by_the_job_server_once_and_its_request_finished()
    {
        var (number, tenant, _, client) = await App.FreshMunicipalityAsync();
        using var _ = client;
        await App.CreateParticipantAsync(number);

        await client.PostFormAsync("/", "/risk/evaluate", new Dictionary<string, string>());

        Assert.True(await FinishedAsync(tenant, JobRequestKind.RiskEvaluation), "the evaluation did not run");
        var results = await App.InTenantAsync(tenant, db => db.Set<RiskEvaluationResult>().AsNoTracking().ToListAsync());
        var result = Assert.Single(results);
        Assert.Equal(RunTrigger.OnDemand, result.Trigger);
        Assert.Equal(1, result.ParticipantsEvaluated);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task When_queuing_fails_after_the_evaluation_request_is_saved_the_sweep_queues_it_and_it_runs()
    {
        var (number, tenant, _, client) = await App.FreshMunicipalityAsync();
        client.Dispose();
        await App.CreateParticipantAsync(number);
        var broken = BrokenJobClient();

        await using (var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant))
        {
            Assert.True(await RequestsWith(scope.ServiceProvider, broken.Object).RequestEvaluationAsync(tenant));
        }

        broken.Verify(c => c.Create(It.IsAny<Job>(), It.IsAny<IState>()), Times.Once);
        var waiting = await RequestAsync(tenant, JobRequestKind.RiskEvaluation);
        Assert.Null(waiting.JobId); // recorded, not queued: the state the sweep exists for
        Assert.Null(waiting.StartedAt);

        Assert.True(await SweepNowAsync() >= 1);
        Assert.True(await FinishedAsync(tenant, JobRequestKind.RiskEvaluation), "the swept request did not run");
        Assert.NotNull((await RequestAsync(tenant, JobRequestKind.RiskEvaluation)).JobId);
        Assert.Single(await App.InTenantAsync(tenant, db => db.Set<RiskEvaluationResult>().AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task When_queuing_fails_after_a_certificate_batch_is_saved_the_sweep_queues_it_and_it_finishes()
    {
        var world = await App.CaseworkerWorldAsync();
        world.Client.Dispose();
        var month = new DateOnly(Today.Year, Today.Month, 1);
        for (var i = 0; i < 2; i++)
        {
            var p = await App.ParticipantWithHoursAsync(world.Number, 40m, 5m, hoursUpTo: month);
            await App.EndProgrammeAsync(p, world.Caseworker.Id, month);
        }
        var broken = BrokenJobClient();
        Guid batchId;
        await using (var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(world.TenantId))
        {
            var sp = scope.ServiceProvider;
            var batches = new CertificateBatchRequests(sp.GetRequiredService<AppDbContext>(), RequestsWith(sp, broken.Object), sp.GetRequiredService<TimeProvider>());
            batchId = await batches.QueueAsync(month, world.Caseworker.Id);
        }
        Assert.Equal(CertificateBatchStatus.Queued, await BatchStatusAsync(world.TenantId, batchId));
        Assert.Null((await RequestAsync(world.TenantId, JobRequestKind.CertificateBatch)).JobId);

        Assert.True(await SweepNowAsync() >= 1);
        Assert.True(await FinishedAsync(world.TenantId, JobRequestKind.CertificateBatch), "the swept batch did not run");
        var batch = await App.InTenantAsync(world.TenantId, db => db.CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));
        Assert.Equal((CertificateBatchStatus.Done, 2, 2, 0), (batch.Status, batch.Total, batch.Issued, batch.Failed));
        // Swept again later: a finished request is not queued a second time.
        Assert.Equal(0, await SweepNowAsync());
    }

    [Fact]
    public async Task When_saving_the_request_fails_nothing_is_queued()
    {
        var client = new Mock<IBackgroundJobClient>(MockBehavior.Strict);
        var nowhere = Guid.NewGuid(); // no municipality has this id: the insert is refused by its foreign key
        await using var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(nowhere);
        var sp = scope.ServiceProvider;
        var batches = new CertificateBatchRequests(sp.GetRequiredService<AppDbContext>(), RequestsWith(sp, client.Object), sp.GetRequiredService<TimeProvider>());

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => batches.QueueAsync(new DateOnly(Today.Year, Today.Month, 1), Guid.NewGuid()));
        await Assert.ThrowsAnyAsync<PostgresException>(() => RequestsWith(sp, client.Object).RequestEvaluationAsync(nowhere));

        client.Verify(c => c.Create(It.IsAny<Job>(), It.IsAny<IState>()), Times.Never);
    }

    [Fact]
    public async Task A_night_missed_while_every_server_was_down_runs_once_when_one_is_back()
    {
        // Stay clear of the real 02:00 in Oslo, when the nightly job runs by itself.
        var oslo = OsloTime.ToOslo(DateTimeOffset.UtcNow);
        if (oslo.TimeOfDay > new TimeSpan(1, 57, 0) && oslo.TimeOfDay < new TimeSpan(2, 3, 0))
        {
            await Task.Delay(new TimeSpan(2, 3, 0) - oslo.TimeOfDay);
        }
        Assert.True(await Waiting.UntilAsync(async () => await NightlyFieldAsync("Cron") is not null, TimeSpan.FromSeconds(30)), "the nightly job was not declared");
        var before = await ScheduledRunsAsync();

        // What three nights with no server leave behind: the last run three days ago, and the job overdue since.
        await using (var owner = new NpgsqlConnection(App.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var command = new NpgsqlCommand("""
                UPDATE hangfire.hash SET value = @last WHERE key = @key AND field = 'LastExecution';
                INSERT INTO hangfire.hash (key, field, value) SELECT @key, 'LastExecution', @last
                    WHERE NOT EXISTS (SELECT 1 FROM hangfire.hash WHERE key = @key AND field = 'LastExecution');
                UPDATE hangfire.set SET score = 1 WHERE key = 'recurring-jobs' AND value = @id;
                """, owner);
            command.Parameters.AddWithValue("key", "recurring-job:" + RiskEvaluationJobs.NightlyJobId);
            command.Parameters.AddWithValue("id", RiskEvaluationJobs.NightlyJobId);
            command.Parameters.AddWithValue("last", DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync();
        }

        Assert.True(await Waiting.UntilAsync(async () => await ScheduledRunsAsync() > before, TimeSpan.FromSeconds(60)), "the missed night did not run");
        await Task.Delay(TimeSpan.FromSeconds(5)); // a run per missed night would show up now
        Assert.Equal(before + 1, await ScheduledRunsAsync());
        // Hangfire keeps instants as Unix milliseconds.
        var next = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await NightlyFieldAsync("NextExecution"))!, CultureInfo.InvariantCulture));
        Assert.True(next > DateTimeOffset.UtcNow, "the next night is not scheduled");
        Assert.True(string.IsNullOrEmpty(await NightlyFieldAsync("Error")));
        output.WriteLine($"Three missed nights ran once; the next run is at {OsloTime.ToOslo(next):yyyy-MM-dd HH:mm} Oslo time.");
    }

    [Fact]
    public async Task The_operator_overview_shows_the_live_job_server_and_the_recurring_jobs()
    {
        Assert.True(await Waiting.UntilAsync(async () => await NightlyFieldAsync("Cron") is not null, TimeSpan.FromSeconds(30)), "the nightly job was not declared");
        using var op = App.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);

        var html = TestClient.Decode(await op.GetPageAsync("/platform/overview"));

        Assert.Contains("Jobbservere som har meldt seg i det siste: 1.", html);
        Assert.Contains("Den nattlige risikovurderingen er satt opp.", html);
        Assert.Contains($"<code>{RiskEvaluationJobs.NightlyJobId}</code>", html);
        Assert.Contains($"<code>{JobRequestSweep.RecurringJobId}</code>", html);
        Assert.Contains("RiskEvaluationJobs.NightlyAsync", html);
    }

    private async Task<long> ScheduledRunsAsync()
    {
        await using var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(null);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RiskEvaluationRun>().LongCountAsync(r => r.Trigger == RunTrigger.Scheduled);
    }

    private async Task<string?> NightlyFieldAsync(string field)
    {
        await using var connection = new NpgsqlConnection(App.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM hangfire.hash WHERE key = @key AND field = @field", connection);
        command.Parameters.AddWithValue("key", "recurring-job:" + RiskEvaluationJobs.NightlyJobId);
        command.Parameters.AddWithValue("field", field);
        return await command.ExecuteScalarAsync() as string;
    }

    private Task<CertificateBatchStatus> BatchStatusAsync(Guid tenant, Guid batchId) =>
        App.InTenantAsync(tenant, db => db.CertificateBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Status).SingleAsync());
}
