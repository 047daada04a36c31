using System.Net;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Security;

/// <summary>
/// The record a post changes is the one in its address: a form field named like a route value ("id", "entryId") never
/// replaces it, whatever the form. Both participants are of the same municipality, so no other layer would stop it.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class RouteValueTests(AppFactory app)
{
    private static DateOnly Yesterday => TestClock.Today.AddDays(-1);

    [Fact]
    public async Task Hours_are_logged_for_the_participant_in_the_address_when_the_form_names_another()
    {
        var (shown, other) = (await app.NewParticipantAsync(), await app.NewParticipantAsync());
        using var client = await app.SignedInAsync();

        var fields = HourFields(Yesterday, "1,5");
        fields["id"] = other.Id.ToString();
        var response = await client.SubmitAsync(LogUrl(shown), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await app.EntriesAsync(shown));
        Assert.Empty(await app.EntriesAsync(other));
    }

    [Fact]
    public async Task Absence_is_recorded_for_the_participant_in_the_address_when_the_form_names_another()
    {
        var (shown, other) = (await app.NewParticipantAsync(), await app.NewParticipantAsync());
        using var client = await app.SignedInAsync();

        var response = await client.SubmitAsync(AbsenceUrl(shown), new Dictionary<string, string>
        {
            ["Date"] = Iso(Yesterday), ["Hours"] = "2", ["Excused"] = "true", ["Reason"] = "", ["ID"] = other.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await app.AbsencesAsync(shown));
        Assert.Empty(await app.AbsencesAsync(other));
    }

    [Fact]
    public async Task The_entry_in_the_address_is_voided_when_the_form_names_another_participants_entry()
    {
        var (shown, other) = (await app.NewParticipantAsync(), await app.NewParticipantAsync());
        var shownEntry = await app.LogHoursAsync(shown, Yesterday, Domain.Programme.HourCategory.Norwegian, 1m);
        var otherEntry = await app.LogHoursAsync(other, Yesterday, Domain.Programme.HourCategory.Norwegian, 1m);
        using var client = await app.SignedInAsync();

        var url = $"/participants/{shown.Id}/hours/{shownEntry}/void";
        var response = await client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Reason"] = "Feil dato", ["id"] = other.Id.ToString(), ["entryId"] = otherEntry.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await app.EntriesAsync(shown)).Single().VoidedAt);
        Assert.Null((await app.EntriesAsync(other)).Single().VoidedAt);
    }

    [Fact]
    public async Task A_decision_is_made_for_the_participant_in_the_address_when_the_form_names_another()
    {
        var (shown, other) = (await app.NewParticipantAsync(), await app.NewParticipantAsync());
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        var response = await client.SubmitAsync($"/participants/{shown.Id}/decisions/new/extra-hours", new Dictionary<string, string>
        {
            ["DecidedOn"] = Iso(TestClock.Today), ["Reason"] = "Vurdert etter samtale.", ["ExtraHoursTotal"] = "10", ["id"] = other.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await DecisionsOfAsync(shown));
        Assert.Equal(0, await DecisionsOfAsync(other));
    }

    [Fact]
    public void Every_action_reads_route_values_before_form_and_query_values()
    {
        var factories = app.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ValueProviderFactories;
        Assert.IsType<RouteValueProviderFactory>(factories[0]);
    }

    private Task<int> DecisionsOfAsync(TestParticipant p) =>
        app.InTenantAsync(p.TenantId, db => db.Decisions.CountAsync(d => d.ParticipantId == p.Id));
}
