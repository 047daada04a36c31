using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Ledger;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Hours;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Operations;

/// <summary>The app over a database of its own, so the processes these tests start and kill touch nobody else's data.</summary>
public sealed class KilledAppDatabase : IAsyncLifetime
{
    public AppFactory App { get; } = AppFactory.WithOwnDatabase("killed");

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class KilledAppSuite : ICollectionFixture<KilledAppDatabase>
{
    public const string Name = "killed app";
}

/// <summary>
/// The app as a real process, killed with SIGKILL in the middle of the two long writes it does: committing a CSV file
/// of hours, and a certificate batch. Nothing half-written may remain, no certificate number may be skipped, and the
/// work must be finished by retrying the same file and by the batch resuming on the next start.
/// </summary>
[Collection(KilledAppSuite.Name)]
public sealed class AppKillTests(KilledAppDatabase database, ITestOutputHelper output)
{
    private AppFactory App => database.App;

    private static DateOnly Today => ParticipantTestData.Today;

    [Fact]
    public async Task Killing_the_app_in_the_middle_of_an_import_commit_saves_nothing_and_the_same_file_then_imports_once()
    {
        var number = await App.CreateMunicipalityAsync();
        var coordinator = await App.CreateUserAsync(number, "coordinator");
        var tenant = coordinator.TenantId!.Value;
        var participants = new List<TestParticipant>();
        for (var i = 0; i < 20; i++)
        {
            participants.Add(await App.NewParticipantAsync(number));
        }
        // The largest file the import takes: 20,000 rows, 1,000 per participant, 20 quarter hours a day for 50 days.
        var csv = new StringBuilder("fødselsnummer;dato;kategori;timer\n");
        foreach (var p in participants)
        {
            for (var row = 0; row < 1000; row++)
            {
                csv.Append(p.NationalId).Append(';')
                    .Append(Today.AddDays(-1 - row / 20).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).Append(";norsk;0,25\n");
            }
        }
        var file = Encoding.UTF8.GetBytes(csv.ToString());
        Assert.True(file.Length <= Infrastructure.Ledger.HourImport.MaxFileBytes);

        var clock = Stopwatch.StartNew();
        TimeSpan killedAt;
        await using (var first = await AppProcess.StartAsync(App))
        {
            using var client = first.CreateTestClient();
            await client.LoginOkAsync(coordinator.Email);
            var token = TestClient.AntiforgeryToken(await client.GetPageAsync("/hours/import"));
            clock.Restart();
            var commit = CommitAsync(client, file, token);

            if (!await Waiting.UntilAsync(async () => commit.IsCompleted || await AppIsInsertingHoursAsync(), TimeSpan.FromSeconds(300), TimeSpan.FromMilliseconds(10))
                || commit.IsCompleted)
            {
                var answer = commit.IsCompleted ? $"{(int)(await commit).StatusCode} after {clock.Elapsed.TotalSeconds:0.0} s" : "no answer";
                Assert.Fail($"The commit never reached its inserts ({answer}).\n{first.Log()}");
            }
            await first.KillAsync();
            killedAt = clock.Elapsed;

            // The request dies with the process: the coordinator was never told the file was imported.
            var outcome = await Record.ExceptionAsync(() => commit);
            Assert.NotNull(outcome);
        }
        Assert.True(await Waiting.UntilAsync(async () => await OpenAppTransactionsAsync() == 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)),
            "PostgreSQL kept the dead app's transaction open.");

        Assert.Equal(0, await App.InTenantAsync(tenant, db => db.ImportBatches.CountAsync()));
        Assert.Equal(0, await App.InTenantAsync(tenant, db => db.HourEntries.CountAsync()));
        Assert.Equal(0m, await App.InTenantAsync(tenant, db => db.ParticipantTotals.SumAsync(t => t.NorwegianHours)));

        await using var second = await AppProcess.StartAsync(App);
        using var retry = second.CreateTestClient();
        await retry.LoginOkAsync(coordinator.Email);
        clock.Restart();
        var done = await CommitAsync(retry, file, TestClient.AntiforgeryToken(await retry.GetPageAsync("/hours/import")));
        var commitTime = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var receipt = done.Headers.Location!.OriginalString;
        Assert.Matches("^/hours/import/[0-9a-f-]{36}$", receipt);
        var again = await CommitAsync(retry, file, TestClient.AntiforgeryToken(await retry.GetPageAsync("/hours/import")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(receipt, again.Headers.Location!.OriginalString);

        Assert.Equal(1, await App.InTenantAsync(tenant, db => db.ImportBatches.CountAsync()));
        Assert.Equal(20_000, await App.InTenantAsync(tenant, db => db.HourEntries.CountAsync(e => e.Source == EntrySource.Import)));
        var totals = await App.InTenantAsync(tenant, db => db.ParticipantTotals.Select(t => t.NorwegianHours).ToListAsync());
        Assert.Equal(Enumerable.Repeat(250m, 20), totals);
        output.WriteLine($"Import of 20,000 rows: killed {killedAt.TotalSeconds:0.0} s into the commit, 0 rows kept; the retry committed in {commitTime.TotalSeconds:0.0} s; a second retry imported nothing.");
    }

    [Fact]
    public async Task Killing_the_app_in_the_middle_of_a_certificate_batch_leaves_whole_certificates_and_the_batch_resumes_without_gaps()
    {
        const int count = 12;
        var world = await App.CaseworkerWorldAsync();
        world.Client.Dispose();
        var month = new DateOnly(Today.Year, Today.Month, 1);
        var participants = new List<TestParticipant>();
        for (var i = 0; i < count; i++)
        {
            var p = await App.ParticipantWithHoursAsync(world.Number, 40m, 5m, hoursUpTo: month);
            await App.EndProgrammeAsync(p, world.Caseworker.Id, month);
            participants.Add(p);
        }
        // A Hangfire server runs in these processes with the production invisibility timeout (30 s, sliding): the
        // killed process's job is handed to the next one that long after its last sign of life.
        var scheduling = new Dictionary<string, string>
        {
            ["Jobs:RunScheduler"] = "true",
            ["Jobs:QueuePollInterval"] = "00:00:01",
        };

        Guid batchId;
        int issuedBeforeKill;
        await using (var first = await AppProcess.StartAsync(App, scheduling))
        {
            using var client = first.CreateTestClient();
            await client.LoginOkAsync(world.Caseworker.Email);
            var page = await client.GetPageAsync("/certificates/batches");
            var queued = await client.Http.PostAsync("/certificates/batches", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page), ["month"] = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            }));
            Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
            batchId = Guid.Parse(queued.Headers.Location!.OriginalString.Split('/').Last());

            Assert.True(await Waiting.UntilAsync(async () => await CertificateCountAsync(world.TenantId) >= 2, TimeSpan.FromSeconds(300), TimeSpan.FromMilliseconds(20)),
                "The batch issued fewer than 2 certificates in 300 s.\n" + first.Log());
            await first.KillAsync();
            issuedBeforeKill = await CertificateCountAsync(world.TenantId);
        }
        Assert.InRange(issuedBeforeKill, 2, count - 1);

        // What the crash left: whole certificates numbered 1..n, each with its PDF, and a batch that is not done.
        var left = await App.InTenantAsync(world.TenantId, db => db.Certificates.AsNoTracking().OrderBy(c => c.Year).ThenBy(c => c.Sequence)
            .Select(c => new { c.Year, c.Sequence, PdfBytes = c.Pdf.Length, HashBytes = c.Sha256.Length }).ToListAsync());
        AssertGapFreeEachYear(left.Select(c => (c.Year, c.Sequence)).ToList(), issuedBeforeKill);
        Assert.All(left, c => Assert.True(c.PdfBytes > 1000 && c.HashBytes == 32));
        Assert.NotEqual(CertificateBatchStatus.Done, await BatchStatusAsync(world.TenantId, batchId));

        var clock = Stopwatch.StartNew();
        await using var second = await AppProcess.StartAsync(App, scheduling);
        Assert.True(await Waiting.UntilAsync(async () => await BatchStatusAsync(world.TenantId, batchId) == CertificateBatchStatus.Done,
            TimeSpan.FromSeconds(300), TimeSpan.FromMilliseconds(250)), "The batch did not resume and finish.\n" + second.Log());
        var resumedIn = clock.Elapsed;

        var batch = await App.InTenantAsync(world.TenantId, db => db.CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));
        var certificates = await App.InTenantAsync(world.TenantId, db => db.Certificates.AsNoTracking().OrderBy(c => c.Year).ThenBy(c => c.Sequence)
            .Select(c => new { c.Year, c.Sequence, c.ParticipantId, c.BatchId }).ToListAsync());
        AssertGapFreeEachYear(certificates.Select(c => (c.Year, c.Sequence)).ToList(), count);
        Assert.Equal(participants.Select(p => p.Id).Order(), certificates.Select(c => c.ParticipantId).Order());
        Assert.All(certificates, c => Assert.Equal(batchId, c.BatchId));
        Assert.Equal((count, count, 0, 0), (batch.Total, batch.Issued, batch.Skipped, batch.Failed));
        Assert.Equal(count, await App.InTenantAsync(world.TenantId, db => db.CertificateNumberSeries.SumAsync(s => s.LastSequence)));
        output.WriteLine($"Certificate batch of {count}: killed after {issuedBeforeKill} certificates; the next start finished it {resumedIn.TotalSeconds:0.0} s after it was launched, numbers 1-{count} without a gap.");
    }

    private static async Task<HttpResponseMessage> CommitAsync(TestClient client, byte[] file, string antiforgery)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(Convert.ToBase64String(file)), "content" },
            { new StringContent("timer.csv"), "fileName" },
        };
        return await client.Http.PostAsync("/hours/import/commit", form);
    }

    /// <summary>
    /// Numbers run 1, 2, … without a gap or a duplicate in each year's series (a batch that runs over midnight on
    /// New Year's Eve numbers its later certificates in the new year's series, from 1).
    /// </summary>
    private static void AssertGapFreeEachYear(IReadOnlyList<(int Year, int Sequence)> numbers, int total)
    {
        Assert.Equal(total, numbers.Count);
        foreach (var year in numbers.GroupBy(n => n.Year))
        {
            Assert.Equal(Enumerable.Range(1, year.Count()), year.Select(n => n.Sequence));
        }
    }

    private Task<int> CertificateCountAsync(Guid tenant) => App.InTenantAsync(tenant, db => db.Certificates.CountAsync());

    private Task<CertificateBatchStatus> BatchStatusAsync(Guid tenant, Guid batchId) =>
        App.InTenantAsync(tenant, db => db.CertificateBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Status).SingleAsync());

    /// <summary>The app's database role is running an insert of hour entries in this database right now.</summary>
    private async Task<bool> AppIsInsertingHoursAsync() =>
        await ActivityCountAsync("state = 'active' AND backend_xid IS NOT NULL AND query ILIKE '%INSERT INTO hour_entries%'") > 0;

    private Task<long> OpenAppTransactionsAsync() => ActivityCountAsync("backend_xid IS NOT NULL");

    /// <summary>Sessions of the app's role in this database, seen as that role (PostgreSQL shows a role its own sessions' queries).</summary>
    private async Task<long> ActivityCountAsync(string condition)
    {
        await using var connection = new NpgsqlConnection(App.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid() AND {condition}",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
