using IntroProgram.Domain.Risk;
using IntroProgram.Infrastructure.Reporting;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Seeds;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IntroProgram.Web.Tests.Seeds;

/// <summary>The demo seeded into a database of its own, with nobody else's test data in it.</summary>
public sealed class FreshDemoApp : IAsyncLifetime
{
    public AppFactory App { get; } = AppFactory.WithOwnDatabase("demo_fresh");

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// What a newcomer sees in the first five minutes after <c>./build.sh run</c>: the seed has run the risk evaluation,
/// so the coordinator's flags are of several kinds, and deadlines have passed, so the dashboard's outcome chart has
/// numbers — some reached 550/50 in time and some did not. Counts only in the output, never names.
/// </summary>
public sealed class DemoFirstMinutesTests(FreshDemoApp fresh, ITestOutputHelper output) : IClassFixture<FreshDemoApp>
{
    private AppFactory App => fresh.App;

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task The_seed_runs_the_risk_evaluation_so_pace_absence_and_silence_flags_are_there(string number)
    {
        var tenant = await App.MunicipalityIdAsync(number);

        var byRule = await App.InTenantAsync(tenant, db => db.RiskFlags.Where(f => f.ResolvedAt == null)
            .GroupBy(f => f.Rule).Select(g => new { Rule = g.Key, Count = g.Count() }).ToListAsync());
        var runs = await App.InTenantAsync(tenant, db => db.Set<RiskEvaluationResult>().CountAsync(r => r.Trigger == RunTrigger.OnDemand && r.Error == null));

        output.WriteLine($"{number}: " + string.Join(", ", byRule.OrderBy(r => r.Rule, StringComparer.Ordinal).Select(r => $"{r.Rule} {r.Count}")));
        Assert.Equal(1, runs);
        var rules = byRule.Select(r => r.Rule).ToHashSet();
        Assert.True(rules.Contains(RiskRuleKeys.NorwegianPace) || rules.Contains(RiskRuleKeys.SocialStudiesPace) || rules.Contains(RiskRuleKeys.BelowPlannedPace),
            "no pace flag");
        Assert.Contains(RiskRuleKeys.UnexcusedAbsence, rules);
        Assert.Contains(RiskRuleKeys.NoRecentHours, rules);
        // More than the one kind the registration raises by itself.
        Assert.True(rules.Count(r => r != RiskRuleKeys.MappingMissing) >= 4, $"{rules.Count} kinds of flag");
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task The_dashboards_outcome_chart_has_participants_who_reached_550_50_in_time_and_some_who_did_not(string number)
    {
        var tenant = await App.MunicipalityIdAsync(number);
        await using var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var reader = scope.ServiceProvider.GetRequiredService<DashboardReader>();

        var dashboard = await reader.ReadAsync(ReportFilter.Default(reader.Today));

        var e = dashboard.Evidence;
        output.WriteLine($"{number}: deadline passed in the period {e.Cohort}, reached Norwegian {e.ReachedNorwegian}, " +
            $"social studies {e.ReachedSocialStudies}, both {e.ReachedBoth}");
        Assert.True(e.Cohort >= DemoProgrammePlan.FixedProfiles.Count(p => p is DemoProfile.CompletedBeforeDeadline or DemoProfile.StoppedBeforeDeadline),
            $"{e.Cohort} in the cohort");
        Assert.True(e.ReachedBoth >= 1, "nobody reached 550/50 in time");
        Assert.True(e.ReachedBoth < e.Cohort, "everybody reached 550/50 in time");
    }
}
