using System.Net;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Plans;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntroProgram.Web.Tests.Plans.PlanTestData;

namespace IntroProgram.Web.Tests.Plans;

/// <summary>Every mapping and plan route answers 404 for a participant of another municipality, and writes nothing.</summary>
[Collection(AppSuite.Name)]
public sealed class PlanTenantIsolationTests(AppFactory app) : IAsyncLifetime
{
    private TestParticipant _tromso = null!;

    public async Task InitializeAsync()
    {
        // A Tromsø participant with a mapping and a plan version 1, so a 404 can only come from the municipality.
        _tromso = await app.CreatePlanParticipantAsync("5501");
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(_tromso.TenantId);
        var mapping = await scope.ServiceProvider.GetRequiredService<CompetenceMappingRecorder>()
            .SaveAsync(_tromso.Id, new Domain.Plans.CompetenceMappingInput(), 0, Guid.NewGuid(), null);
        Assert.Equal(CommandStatus.Done, mapping.Status);
        var start = _tromso.Details.ProgrammeStart!.Value;
        var plan = await scope.ServiceProvider.GetRequiredService<IndividualPlanRecorder>().SaveAsync(_tromso.Id, new Domain.Plans.PlanInput
        {
            Goal = Domain.Plans.PlanGoal.Work, TargetDate = start.AddYears(1), NorwegianLevel = Domain.Decisions.CefrLevel.B1,
            Measures = [new(Domain.Programme.HourCategory.Norwegian, "Skole", start, start.AddYears(1), 15m)],
            ReviewDates = [start.AddMonths(6)],
        }, 0, Guid.NewGuid(), null);
        Assert.Equal(CommandStatus.Done, plan.Status);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("mapping")]
    [InlineData("mapping/edit")]
    [InlineData("mapping/versions/1")]
    [InlineData("plan")]
    [InlineData("plan/edit")]
    [InlineData("plan/versions/1")]
    public async Task Bergen_staff_get_404_for_every_page_of_a_tromso_participant(string route)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{_tromso.Id}/{route}")).StatusCode);
    }

    [Fact]
    public async Task Bergen_staff_get_404_when_saving_a_mapping_for_a_tromso_participant()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        var response = await client.PostFormAsync("/", $"/participants/{_tromso.Id}/mapping/edit", MappingFields(baseVersion: 1, reason: "Forsøk"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await app.InTenantAsync(_tromso.TenantId, db => db.CompetenceMappings.CountAsync(m => m.ParticipantId == _tromso.Id)));
    }

    [Fact]
    public async Task Bergen_staff_get_404_when_saving_a_plan_for_a_tromso_participant()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        var response = await client.PostFormAsync("/", $"/participants/{_tromso.Id}/plan/edit",
            PlanFields(_tromso.Details.ProgrammeStart!.Value, baseVersion: 1, reason: "Forsøk"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await app.InTenantAsync(_tromso.TenantId, db => db.IndividualPlans.CountAsync(x => x.ParticipantId == _tromso.Id)));
    }

    [Fact]
    public async Task The_services_answer_not_found_for_a_participant_of_another_municipality()
    {
        var bergen = await app.MunicipalityIdAsync("4601");
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(bergen);
        var mappings = scope.ServiceProvider.GetRequiredService<CompetenceMappingRecorder>();
        var plans = scope.ServiceProvider.GetRequiredService<IndividualPlanRecorder>();
        Assert.Equal(CommandStatus.NotFound, (await mappings.SaveAsync(_tromso.Id, new Domain.Plans.CompetenceMappingInput { Reason = "x" }, 1, Guid.NewGuid(), null)).Status);
        Assert.Null(await mappings.VersionAsync(_tromso.Id));
        Assert.Empty(await mappings.HistoryAsync(_tromso.Id));
        Assert.Null(await plans.VersionAsync(_tromso.Id));
        Assert.Empty(await plans.HistoryAsync(_tromso.Id));
    }
}
