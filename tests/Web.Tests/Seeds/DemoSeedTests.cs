using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Seeds;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Seeds;

/// <summary>
/// The demo municipalities as the demo seed leaves them (the test fixture seeds once per run). Other tests may add
/// their own participants to the demo municipalities, so the demo's participants are recognised by the plan they were
/// made from: the same seed and day give the same names and birth dates.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class DemoSeedTests(AppFactory app)
{
    private static DateOnly Today => ParticipantTestData.Today;

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Each_demo_municipality_has_35_to_45_participants(string number)
    {
        var (_, demo) = await DemoAsync(number);
        Assert.InRange(demo.Count, 35, 45);
        Assert.Equal(DemoData.Load().Municipalities.Single(m => m.Number == number).Participants, demo.Count);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Maintained_totals_equal_the_live_ledger_for_every_demo_participant(string number)
    {
        var (tenant, demo) = await DemoAsync(number);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var mismatches = await scope.ServiceProvider.GetRequiredService<TotalsReconciliation>().FindMismatchesAsync();
        Assert.DoesNotContain(mismatches, m => demo.Contains(m.ParticipantId));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.HourEntries.CountAsync(e => demo.Contains(e.ParticipantId) && e.VoidedAt == null) > 3000);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Every_participant_status_occurs_among_the_demo_participants(string number)
    {
        var statuses = await QueryAsync(number, (db, demo) =>
            db.Participants.Where(p => demo.Contains(p.Id)).Select(p => p.Status).Distinct().ToListAsync());
        Assert.Equal(Enum.GetValues<ParticipantStatus>().Order(), statuses.Order());
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task A_demo_participant_on_leave_has_a_leave_decision_covering_today(string number)
    {
        var onLeave = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id) && p.Status == ParticipantStatus.OnLeave
                && db.Decisions.Any(d => d.ParticipantId == p.Id && d.Kind == DecisionKind.Leave && d.PeriodStart <= Today && d.PeriodEnd >= Today))
            .CountAsync());
        Assert.True(onLeave >= 1);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task At_least_three_active_demo_participants_have_no_hours_in_the_last_21_days(string number)
    {
        var since = Today.AddDays(-21);
        var quiet = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id) && p.Status == ParticipantStatus.Active
                && !db.HourEntries.Any(e => e.ParticipantId == p.Id && e.VoidedAt == null && e.Date > since))
            .CountAsync());
        Assert.True(quiet >= 3, $"{quiet} active participants without hours for 21 days");
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task A_completed_demo_participant_has_550_hours_of_norwegian_and_50_of_social_studies(string number)
    {
        var completers = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id) && p.Status == ParticipantStatus.Completed
                && db.HourEntries.Where(e => e.ParticipantId == p.Id && e.VoidedAt == null && e.Category == HourCategory.Norwegian).Sum(e => e.Hours) >= 550m
                && db.HourEntries.Where(e => e.ParticipantId == p.Id && e.VoidedAt == null && e.Category == HourCategory.SocialStudies).Sum(e => e.Hours) >= 50m)
            .CountAsync());
        Assert.True(completers >= 1);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Demo_hours_and_absence_are_positive_quarter_hours(string number)
    {
        var bad = await QueryAsync(number, async (db, demo) =>
            await db.HourEntries.CountAsync(e => demo.Contains(e.ParticipantId) && (e.Hours <= 0 || e.Hours % 0.25m != 0))
            + await db.AbsenceEntries.CountAsync(a => demo.Contains(a.ParticipantId) && (a.Hours <= 0 || a.Hours % 0.25m != 0)));
        Assert.Equal(0, bad);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task No_demo_participant_has_more_than_24_live_hours_on_a_day(string number)
    {
        var fullest = await QueryAsync(number, (db, demo) => db.HourEntries
            .Where(e => demo.Contains(e.ParticipantId) && e.VoidedAt == null)
            .GroupBy(e => new { e.ParticipantId, e.Date })
            .Select(g => g.Sum(e => e.Hours))
            .MaxAsync());
        Assert.InRange(fullest, 0.25m, 24m);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task No_demo_entry_is_before_the_programme_start_in_the_future_or_after_the_programme_ended(string number)
    {
        var today = Today;
        var outside = await QueryAsync(number, (db, demo) => db.HourEntries
            .Where(e => demo.Contains(e.ParticipantId))
            .CountAsync(e => e.Date > today || db.Participants.Any(p => p.Id == e.ParticipantId
                && (p.ProgrammeStart == null || e.Date < p.ProgrammeStart || (p.EndedOn != null && e.Date > p.EndedOn)))));
        var absenceOutside = await QueryAsync(number, (db, demo) => db.AbsenceEntries
            .Where(a => demo.Contains(a.ParticipantId))
            .CountAsync(a => a.Date > today || db.Participants.Any(p => p.Id == a.ParticipantId
                && (p.ProgrammeStart == null || a.Date < p.ProgrammeStart || (p.EndedOn != null && a.Date > p.EndedOn)))));
        Assert.Equal(0, outside + absenceOutside);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Demo_extra_norwegian_hours_stay_within_the_grant_and_some_are_used(string number)
    {
        var usage = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id) && p.ExtraNorwegianHoursGranted > 0)
            .Select(p => new
            {
                p.ExtraNorwegianHoursGranted,
                Used = db.HourEntries.Where(e => e.ParticipantId == p.Id && e.VoidedAt == null && e.Category == HourCategory.ExtraNorwegian).Sum(e => e.Hours),
            })
            .ToListAsync());
        Assert.NotEmpty(usage);
        Assert.All(usage, u => Assert.True(u.Used <= u.ExtraNorwegianHoursGranted));
        Assert.Contains(usage, u => u.Used > 0);
        var ungranted = await QueryAsync(number, (db, demo) => db.HourEntries.CountAsync(e => demo.Contains(e.ParticipantId)
            && e.VoidedAt == null && e.Category == HourCategory.ExtraNorwegian
            && db.Participants.Any(p => p.Id == e.ParticipantId && p.ExtraNorwegianHoursGranted == 0)));
        Assert.Equal(0, ungranted);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Two_or_more_active_demo_participants_have_unexcused_absence_above_10_percent(string number)
    {
        var shares = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id) && p.Status == ParticipantStatus.Active)
            .Join(db.ParticipantTotals, p => p.Id, t => t.ParticipantId, (p, t) => new
            {
                Unexcused = t.UnexcusedAbsenceHours,
                Scheduled = t.NorwegianHours + t.SocialStudiesHours + t.CareerGuidanceHours + t.WorkOrientedHours
                    + t.EducationOrientedHours + t.ExtraNorwegianHours + t.UnexcusedAbsenceHours + t.ExcusedAbsenceHours,
            })
            .ToListAsync());
        Assert.InRange(shares.Count(s => s.Scheduled > 0 && s.Unexcused / s.Scheduled > 0.10m), 2, 5);
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Demo_participants_a_year_or_more_in_have_norwegian_test_results_per_skill(string number)
    {
        var participants = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id) && p.ProgrammeStart != null && p.Status != ParticipantStatus.OnLeave)
            .Select(p => new
            {
                Start = p.ProgrammeStart!.Value,
                p.EndedOn,
                Tested = db.TestResults.Any(t => t.ParticipantId == p.Id && t.Kind == TestKind.Norwegian
                    && t.Reading != null && t.Listening != null && t.Writing != null && t.Oral != null),
            })
            .ToListAsync());
        var longIn = participants.Where(p => (p.EndedOn ?? Today).DayNumber - p.Start.DayNumber >= 425).ToList();
        Assert.NotEmpty(longIn);
        Assert.All(longIn, p => Assert.True(p.Tested));
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Several_demo_participants_have_passed_the_social_studies_test(string number)
    {
        var passes = await QueryAsync(number, (db, demo) =>
            db.TestResults.CountAsync(t => demo.Contains(t.ParticipantId) && t.Kind == TestKind.SocialStudies && t.Passed == true));
        Assert.True(passes >= 5, $"{passes} passes");
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task The_demo_ledger_has_a_few_voided_entries_each_with_a_reason(string number)
    {
        var voided = await QueryAsync(number, (db, demo) => db.HourEntries
            .Where(e => demo.Contains(e.ParticipantId) && e.VoidedAt != null)
            .Select(e => new { e.VoidReason, e.VoidedBy })
            .ToListAsync());
        Assert.InRange(voided.Count, 3, 20);
        Assert.All(voided, v => Assert.False(string.IsNullOrWhiteSpace(v.VoidReason)));
        Assert.All(voided, v => Assert.NotNull(v.VoidedBy));
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Demo_national_ids_are_synthetic_and_stored_only_masked_hashed_and_encrypted(string number)
    {
        var ids = await QueryAsync(number, (db, demo) => db.Participants
            .Where(p => demo.Contains(p.Id))
            .Select(p => new { p.NationalIdMasked, p.NationalIdProtected, HashLength = p.NationalIdHash.Length })
            .ToListAsync());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9]{6}\\*{5}$", id.NationalIdMasked);
            Assert.InRange(int.Parse(id.NationalIdMasked.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture), 81, 92);
            Assert.DoesNotMatch("^[0-9]{11}$", id.NationalIdProtected);
            Assert.Equal(32, id.HashLength);
        });
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var (_, before) = await DemoAsync("4601");
        var seeded = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var (_, after) = await DemoAsync("4601");
        Assert.False(seeded);
        Assert.Equal(before.Count, after.Count);
    }

    /// <summary>The municipality and the ids of its demo participants, recognised by the plan they were made from.</summary>
    private async Task<(Guid Tenant, HashSet<Guid> Demo)> DemoAsync(string number)
    {
        var tenant = await app.MunicipalityIdAsync(number);
        var m = DemoData.Load().Municipalities.Single(x => x.Number == number);
        // Yesterday's plan too, in case the run started before midnight.
        var planned = new[] { Today, Today.AddDays(-1) }
            .SelectMany(day => DemoProgrammePlan.Create(int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), m.Participants, day,
                RuleSetCatalog.Standard, null, null).Participants)
            .Select(p => (p.Details.GivenName!, p.Details.FamilyName!, p.Details.BirthDate!.Value))
            .ToHashSet();
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.Participants.Select(p => new { p.Id, p.GivenName, p.FamilyName, p.BirthDate }).ToListAsync();
        return (tenant, all.Where(p => planned.Contains((p.GivenName, p.FamilyName, p.BirthDate))).Select(p => p.Id).ToHashSet());
    }

    private async Task<T> QueryAsync<T>(string number, Func<AppDbContext, List<Guid>, Task<T>> query)
    {
        var (tenant, demo) = await DemoAsync(number);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>(), demo.ToList());
    }
}
