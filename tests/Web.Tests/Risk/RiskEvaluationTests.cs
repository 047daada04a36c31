using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Risk;

/// <summary>The evaluation against a real database: raises, keeps, resolves, isolates failures and stays in its municipality.</summary>
[Collection(AppSuite.Name)]
public sealed class RiskEvaluationTests(AppFactory app)
{
    private static DateOnly Today => ParticipantTestData.Today;

    /// <summary>Active for 100 days; the only entry was 20 days ago: silent too long.</summary>
    private async Task<TestParticipant> SilentParticipantAsync(string municipality)
    {
        var p = await app.CreateParticipantAsync(municipality, d => d with
        {
            PermitDate = Today.AddDays(-160), SettlementDate = Today.AddDays(-130), ProgrammeStart = Today.AddDays(-100),
        });
        await app.LogHoursAsync(p, Today.AddDays(-20), HourCategory.Norwegian, 3m);
        return p;
    }

    private async Task<RiskEvaluationCounts> EvaluateAsync(Guid tenant)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        return await scope.ServiceProvider.GetRequiredService<RiskEvaluator>().EvaluateAsync(Today);
    }

    private async Task<List<RiskFlag>> FlagsAsync(Guid tenant, Guid participantId)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().RiskFlags.AsNoTracking()
            .Where(f => f.ParticipantId == participantId).OrderBy(f => f.FirstSeenAt).ToListAsync();
    }

    [Fact]
    public async Task A_participant_without_hours_for_three_weeks_gets_a_flag_with_the_numbers()
    {
        var number = await app.CreateMunicipalityAsync();
        var p = await SilentParticipantAsync(number);

        var counts = await EvaluateAsync(p.TenantId);

        var flag = Assert.Single(await FlagsAsync(p.TenantId, p.Id), f => f.Rule == RiskRuleKeys.NoRecentHours);
        Assert.Null(flag.ResolvedAt);
        Assert.Contains("\"days\"", flag.Facts);
        Assert.Contains("20", flag.Facts);
        Assert.Equal(1, counts.ParticipantsEvaluated);
        Assert.True(counts.Raised >= 1);
    }

    [Fact]
    public async Task Running_twice_on_unchanged_data_changes_no_flag()
    {
        var number = await app.CreateMunicipalityAsync();
        var p = await SilentParticipantAsync(number);
        await EvaluateAsync(p.TenantId);
        var before = await FlagsAsync(p.TenantId, p.Id);

        var second = await EvaluateAsync(p.TenantId);

        var after = await FlagsAsync(p.TenantId, p.Id);
        Assert.Equal((0, 0, 0), (second.Raised, second.Updated, second.Resolved));
        Assert.Equal(before.Select(f => (f.Id, f.Rule, f.Severity, f.Facts, f.ResolvedAt)), after.Select(f => (f.Id, f.Rule, f.Severity, f.Facts, f.ResolvedAt)));
    }

    [Fact]
    public async Task A_flag_resolves_itself_when_hours_are_logged_again_and_stays_in_history()
    {
        var number = await app.CreateMunicipalityAsync();
        var p = await SilentParticipantAsync(number);
        await EvaluateAsync(p.TenantId);
        await app.LogHoursAsync(p, Today.AddDays(-1), HourCategory.Norwegian, 3m);

        var counts = await EvaluateAsync(p.TenantId);

        var silent = Assert.Single(await FlagsAsync(p.TenantId, p.Id), f => f.Rule == RiskRuleKeys.NoRecentHours);
        Assert.NotNull(silent.ResolvedAt);
        Assert.True(counts.Resolved >= 1);
    }

    [Fact]
    public async Task A_stopped_participant_is_not_evaluated_and_their_flags_are_resolved()
    {
        var number = await app.CreateMunicipalityAsync();
        var caseworker = await app.CreateUserAsync(number, "caseworker");
        var p = await SilentParticipantAsync(number);
        await EvaluateAsync(p.TenantId);
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(p.TenantId))
        {
            var result = await scope.ServiceProvider.GetRequiredService<DecisionRecorder>().DecideAsync(p.Id, new DecisionInput
            {
                Kind = DecisionKind.ProgrammeEnd, DecidedOn = Today, Reason = "Stans etter vedtak", Outcome = ParticipantStatus.Stopped,
            }, Guid.NewGuid(), caseworker.Id);
            Assert.Equal(CommandStatus.Done, result.Status);
        }

        var counts = await EvaluateAsync(p.TenantId);

        Assert.Equal(0, counts.ParticipantsEvaluated);
        Assert.All(await FlagsAsync(p.TenantId, p.Id), f => Assert.NotNull(f.ResolvedAt));
    }

    [Fact]
    public async Task Unexcused_absence_above_ten_percent_raises_a_flag()
    {
        var number = await app.CreateMunicipalityAsync();
        var p = await app.CreateParticipantAsync(number);
        await app.LogHoursAsync(p, Today.AddDays(-2), HourCategory.Norwegian, 8m);
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(p.TenantId))
        {
            var result = await scope.ServiceProvider.GetRequiredService<HourLedger>()
                .RecordAbsenceAsync(p.Id, new AbsenceInput(Today.AddDays(-1), 2m, false, null), Guid.NewGuid(), null);
            Assert.Equal(CommandStatus.Done, result.Status);
        }

        await EvaluateAsync(p.TenantId);

        var flag = Assert.Single(await FlagsAsync(p.TenantId, p.Id), f => f.Rule == RiskRuleKeys.UnexcusedAbsence);
        Assert.Contains("\"ratePercent\":\"20\"", flag.Facts.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_municipality_failing_does_not_stop_the_others_and_the_failure_is_recorded()
    {
        var broken = await app.CreateMunicipalityAsync();
        var healthy = await app.CreateMunicipalityAsync();
        var bad = await SilentParticipantAsync(broken);
        var good = await SilentParticipantAsync(healthy);
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bad.TenantId))
        {
            // A rule set the catalog does not know makes this municipality's evaluation throw.
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database
                .ExecuteSqlInterpolatedAsync($"UPDATE participants SET rule_set_id = 'no-such-rule-set' WHERE id = {bad.Id}");
        }

        var run = await app.Services.GetRequiredService<RiskEvaluationRunner>().RunAsync(null, RunTrigger.OnDemand, "test", Today);

        Assert.True(run.FailedMunicipalities >= 1);
        Assert.Contains(await FlagsAsync(good.TenantId, good.Id), f => f.Rule == RiskRuleKeys.NoRecentHours && f.ResolvedAt == null);
        await using var badScope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bad.TenantId);
        var results = await badScope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RiskEvaluationResult>()
            .Where(r => r.RunId == run.Id).ToListAsync();
        var result = Assert.Single(results);
        Assert.NotNull(result.Error);
        Assert.DoesNotContain(bad.NationalId, result.Error);
    }

    [Fact]
    public async Task The_evaluation_of_one_municipality_sees_and_touches_only_its_own_participants()
    {
        var mine = await app.CreateMunicipalityAsync();
        var other = await app.CreateMunicipalityAsync();
        var p = await SilentParticipantAsync(mine);
        var q = await SilentParticipantAsync(other);
        var before = await FlagsAsync(q.TenantId, q.Id);

        var counts = await EvaluateAsync(p.TenantId);

        Assert.Equal(1, counts.ParticipantsEvaluated);
        var after = await FlagsAsync(q.TenantId, q.Id);
        Assert.Equal(before.Select(f => (f.Id, f.Rule, f.ResolvedAt)), after.Select(f => (f.Id, f.Rule, f.ResolvedAt)));
        Assert.DoesNotContain(after, f => f.Rule == RiskRuleKeys.NoRecentHours);
    }
}
