using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Risk;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests.Seeds;

/// <summary>The demo municipalities come with mappings and plans, including missing mappings and overdue reviews.</summary>
[Collection(AppSuite.Name)]
public sealed class DemoMappingAndPlanTests(AppFactory app)
{
    [Theory]
    [InlineData("4601")]
    [InlineData("5501")]
    public async Task Demo_participants_have_mappings_and_versioned_plans_some_overdue_and_some_unmapped(string number)
    {
        var tenant = await app.MunicipalityIdAsync(number);
        var today = ParticipantTestData.Today;

        var plans = await app.InTenantAsync(tenant, db => db.IndividualPlans.AsNoTracking().ToListAsync());
        var current = plans.GroupBy(p => p.ParticipantId).Select(g => g.OrderByDescending(p => p.Version).First()).ToList();
        var mapped = await app.InTenantAsync(tenant, db => db.CompetenceMappings.Where(m => m.CompletedOn != null).Select(m => m.ParticipantId).Distinct().CountAsync());
        var unmappedFlags = await app.InTenantAsync(tenant, db => db.RiskFlags.CountAsync(f => f.Rule == RiskRuleKeys.MappingMissing && f.ResolvedAt == null));

        Assert.True(current.Count >= 25, $"{current.Count} participants with a plan");
        Assert.Contains(plans, p => p.Version >= 2);
        Assert.Contains(current, p => PlanRules.IsReviewOverdue(p, today));
        Assert.Contains(current, p => !PlanRules.IsReviewOverdue(p, today));
        Assert.True(mapped >= 20, $"{mapped} mapped");
        Assert.True(unmappedFlags >= 1, "some started without a mapping");
        Assert.All(current, p => Assert.Empty(PlanRulesErrors(p)));
    }

    private static IEnumerable<string> PlanRulesErrors(IndividualPlan plan) =>
        plan.Measures.Where(m => m.End < m.Start || m.HoursPerWeek is < 0m or > 37.5m).Select(m => m.Category.ToString());
}

/// <summary>The demo participant sees their own current plan, in their language, on the start page.</summary>
[Collection(AppSuite.Name)]
public sealed class ParticipantOwnPlanTests(AppFactory app)
{
    [Fact]
    public async Task The_demo_participant_sees_their_own_current_plan_in_their_language()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenParticipant);
        await client.PostFormAsync("/me", "/language", new Dictionary<string, string> { ["culture"] = "ar", ["returnUrl"] = "/me" });

        var page = TestClient.Decode(await client.GetPageAsync("/me/plan")); // the participant's start page (/) leads to their own pages

        Assert.Contains("current-plan-heading", page);
        Assert.Contains("Voksenopplæringen", page); // the provider, free text as written
        Assert.Contains("dir=\"rtl\"", page);
    }
}
