using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Migrations;
using IntroProgram.Seeds;
using IntroProgram.Bench.Synthetic;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntroProgram.Web.Tests.Seeds;

/// <summary>The benchmark's synthetic data: deterministic for a seed, shaped like a school year, and loaded consistently.</summary>
[Collection(AppSuite.Name)]
public sealed class SyntheticDataTests(AppFactory app)
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        var first = SyntheticPeople.Generate(42, 9001, 50, 1, Today).ToList();
        var again = SyntheticPeople.Generate(42, 9001, 50, 1, Today).ToList();
        var other = SyntheticPeople.Generate(43, 9001, 50, 1, Today).ToList();

        Assert.Equal(Fingerprint(first), Fingerprint(again));
        Assert.NotEqual(Fingerprint(first), Fingerprint(other));
        // Another municipality with the same seed is another stream too.
        Assert.NotEqual(Fingerprint(first), Fingerprint(SyntheticPeople.Generate(42, 9002, 50, 1, Today).ToList()));
    }

    [Fact]
    public void The_ledger_follows_the_school_calendar_leave_and_the_programme_dates()
    {
        var calendar = new SchoolCalendar();
        var people = SyntheticPeople.Generate(7, 9001, 400, 1, Today).ToList();
        var entries = people.SelectMany(p => p.Hours.Select(h => (p, h.Date, h.Hours)))
            .Concat(people.SelectMany(p => p.Absences.Select(a => (p, a.Date, a.Hours)))).ToList();

        Assert.True(entries.Count > 400 * 50, "too few rows for a realistic ledger");
        Assert.All(entries, e =>
        {
            Assert.True(calendar.IsOpen(e.Date), "an entry on a weekend or holiday");
            Assert.InRange(e.Date, e.p.ProgrammeStart, e.p.EndedOn ?? Today);
            Assert.DoesNotContain(e.p.Leave, l => e.Date >= l.Start && e.Date <= l.End);
            Assert.Equal(0m, e.Hours * 4 % 1);
        });
        // The shapes the benchmark relies on are all there.
        Assert.Contains(people, p => p.Status == ParticipantStatus.OnLeave);
        Assert.Contains(people, p => p.Leave.Count > 0 && p.Status == ParticipantStatus.Active);
        Assert.Contains(people, p => p.Status is ParticipantStatus.Completed or ParticipantStatus.Stopped);
        Assert.Contains(people, p => p.Absences.Any(a => !a.Excused));
        Assert.Contains(people, p => p.Hours.Any(h => h.Category == HourCategory.SocialStudies));
        // Behind pace: some with more than a year in the programme have under 250 hours of Norwegian.
        Assert.Contains(people, p => p.ProgrammeStart < Today.AddYears(-1) && p.Hours.Where(h => h.Category == HourCategory.Norwegian).Sum(h => h.Hours) < 250m);
        Assert.All(people, p => Assert.Equal(ProgrammeDeadlines.Calculate(p.ProgrammeStart, StandardRuleSets.IntegrationAct2021,
            p.Leave.Select(l => new LeavePeriod(l.Start, l.End))).EvidenceDeadline, p.EvidenceDeadline));
    }

    [Theory]
    [InlineData("national", 400, 100_000)]
    [InlineData("one", 1, 1_000)]
    [InlineData("250x7", 7, 250)]
    public void Scales_split_every_participant_over_the_municipalities_largest_first(string name, int municipalities, int participants)
    {
        Assert.True(SyntheticScale.TryParse(name, out var scale));
        var sizes = scale.Sizes();

        Assert.Equal(municipalities, sizes.Length);
        Assert.Equal(participants, sizes.Sum());
        Assert.All(sizes, s => Assert.True(s >= 1));
        Assert.Equal(sizes.OrderByDescending(s => s), sizes);
    }

    [Theory]
    [InlineData("0x1")]
    [InlineData("5x0")]
    [InlineData("huge")]
    [InlineData("3x7")]
    public void Impossible_scales_are_refused(string name) => Assert.False(SyntheticScale.TryParse(name, out _));

    [Fact]
    public async Task Loading_gives_totals_and_weeks_equal_to_the_ledger_and_a_second_load_changes_nothing()
    {
        var (owner, appConnection) = TestDatabase.Create("introprogram_test_synthetic");
        await DatabaseMigrator.MigrateAsync(owner, appConnection);
        Assert.True(SyntheticScale.TryParse("300x3", out var scale));

        var (report, municipalities) = await SyntheticProgrammeData.GenerateAsync(owner, scale, 5, Today);
        var (again, _) = await SyntheticProgrammeData.GenerateAsync(owner, scale, 5, Today);

        Assert.Equal((3, 0, 300L), (report.Generated, report.Skipped, report.Participants));
        Assert.Equal((0, 3), (again.Generated, again.Skipped));
        Assert.Equal(report with { Generated = 0, Skipped = 3, Elapsed = again.Elapsed }, again);
        Assert.Equal(report.Participants, report.Totals);
        var expected = SyntheticPeople.Generate(5, SyntheticProgrammeData.FirstNumber, municipalities[0].Participants, 1, Today).Sum(p => p.Hours.Count);
        Assert.Equal(expected, await CountAsync(owner, municipalities[0].Id, "hour_entries"));

        using var other = app.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Owner", owner)
            .UseSetting("ConnectionStrings:App", appConnection));
        foreach (var m in municipalities)
        {
            await using var scope = other.Services.GetRequiredService<TenantScopeFactory>().ForTenant(m.Id);
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TotalsReconciliation>().FindMismatchesAsync());
        }
    }

    [Fact]
    public async Task A_database_holds_one_scale_and_seed_and_refuses_to_load_another_beside_it()
    {
        var (owner, appConnection) = TestDatabase.Create("introprogram_test_synthetic_scales");
        await DatabaseMigrator.MigrateAsync(owner, appConnection);
        Assert.True(SyntheticScale.TryParse("60x2", out var small));
        Assert.True(SyntheticScale.TryParse("90x3", out var larger));

        var (first, _) = await SyntheticProgrammeData.GenerateAsync(owner, small, 3, Today);
        Assert.Equal((2, 60L), (first.Generated, first.Participants));

        var otherScale = await Assert.ThrowsAsync<SyntheticScaleMismatchException>(() => SyntheticProgrammeData.GenerateAsync(owner, larger, 3, Today));
        Assert.Contains("60x2", otherScale.Message, StringComparison.Ordinal);
        Assert.Contains("90x3", otherScale.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SyntheticScaleMismatchException>(() => SyntheticProgrammeData.GenerateAsync(owner, small, 4, Today));
        Assert.Equal(2, await BenchMunicipalitiesAsync(owner)); // nothing was added beside the first scale

        var (again, _) = await SyntheticProgrammeData.GenerateAsync(owner, small, 3, Today);
        Assert.Equal((0, 2, 60L), (again.Generated, again.Skipped, again.Participants));
    }

    private static async Task<long> BenchMunicipalitiesAsync(string owner)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM municipalities WHERE slug LIKE 'bench-%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountAsync(string owner, Guid tenant, string table)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await TenantSession.UseTenantAsync(connection, tenant);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Fingerprint(List<SyntheticPerson> people) => string.Join("|", people.Select(p =>
        $"{p.Id}:{p.BirthDate}:{p.ProgrammeStart}:{p.Status}:{Convert.ToHexString(p.NationalIdHash)}:" +
        string.Join(",", p.Hours.Select(h => $"{h.Id}/{h.Date}/{h.Category}/{h.Hours}")) + ":" +
        string.Join(",", p.Absences.Select(a => $"{a.Date}/{a.Hours}/{a.Excused}")) + ":" +
        string.Join(",", p.Leave.Select(l => $"{l.Start}/{l.End}"))));
}
