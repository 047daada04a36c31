using System.Net;
using IntroProgram.Domain.Decisions;
using IntroProgram.Infrastructure.Decisions;
using IntroProgram.Web.Tests.Support;
using static IntroProgram.Web.Tests.Decisions.DecisionTestSupport;

namespace IntroProgram.Web.Tests.Decisions;

/// <summary>Who may make decisions, and that another municipality's participants and decisions are not found.</summary>
[Collection(AppSuite.Name)]
public sealed class DecisionAccessTests(AppFactory app)
{
    private static DateOnly Today => ParticipantTestData.Today;

    private async Task<Guid> TromsoDecisionAsync(TestParticipant tromso)
    {
        var caseworker = await app.UserIdAsync(tromso.TenantId, TromsoCaseworker);
        return await app.RecordDecisionAsync(tromso,
            new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = Today, Reason = "Behov.", ExtraHoursTotal = 40m }, caseworker);
    }

    /// <summary>A valid antiforgery token of this session, from a page the user may open.</summary>
    /// <summary>The start page, whose antiforgery token a hand-made post to a form the user cannot open carries.</summary>
    private static async Task<FormPage> StartPageAsync(TestClient client)
    {
        var html = await client.GetPageAsync("/");
        return new FormPage(TestClient.Decode(html), html, Guid.NewGuid());
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("extension")]
    [InlineData("extra-hours")]
    [InlineData("end")]
    [InlineData("resumption")]
    public async Task Each_decision_form_opens_for_a_caseworker(string kind)
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        var html = TestClient.Decode(await client.GetPageAsync(DecisionForm(participant.Id, kind)));

        Assert.Contains(participant.Details.FamilyName!, html);
        Assert.DoesNotContain(participant.NationalId, html);
        Assert.Contains(participant.NationalId[..6] + "*****", html);
        Assert.Contains("name=\"Reason\"", html);
    }

    [Theory]
    [InlineData("decisions/new/holiday")]
    [InlineData("tests/new/driving")]
    public async Task An_unknown_kind_of_form_is_not_found(string path)
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{participant.Id}/{path}")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_cannot_make_a_decision()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        var response = await client.PostAsync(await StartPageAsync(client), DecisionForm(participant.Id, "extra-hours"),
            Fields(("ExtraHoursTotal", "10")), handMade: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await app.DecisionsAsync(participant));
        Assert.Equal(0m, (await app.ParticipantAsync(participant)).ExtraNorwegianHoursGranted);
    }

    [Fact]
    public async Task A_coordinator_cannot_open_a_decision_form()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        var response = await client.GetAsync(DecisionForm(participant.Id, "leave"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_can_read_a_decision()
    {
        var participant = await app.NewParticipantAsync("4601");
        var caseworker = await app.UserIdAsync(participant.TenantId, Demo.BergenCaseworker);
        var decisionId = await app.RecordDecisionAsync(participant,
            new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = Today, Reason = "Behov.", ExtraHoursTotal = 20m }, caseworker);
        using var client = await app.SignedInAsync(Demo.BergenCoordinator);

        var html = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}/decisions/{decisionId}"));

        Assert.Contains("Ekstra norsktimer", html);
    }

    [Theory]
    [InlineData("decisions/new/leave")]
    [InlineData("decisions/new/extension")]
    [InlineData("tests/new/norwegian")]
    [InlineData("tests/new/social-studies")]
    public async Task A_form_for_another_municipalitys_participant_is_not_found(string path)
    {
        var tromso = await app.NewParticipantAsync("5501");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{tromso.Id}/{path}")).StatusCode);
    }

    [Fact]
    public async Task A_decision_posted_for_another_municipalitys_participant_is_not_found_and_not_recorded()
    {
        var tromso = await app.NewParticipantAsync("5501");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        var response = await client.PostAsync(await StartPageAsync(client), DecisionForm(tromso.Id, "end"),
            Fields(("Outcome", "Stopped")), handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await app.DecisionsAsync(tromso));
        Assert.Equal(Domain.Participants.ParticipantStatus.Active, (await app.ParticipantAsync(tromso)).Status);
    }

    [Fact]
    public async Task An_invalid_decision_posted_for_another_municipalitys_participant_is_not_found()
    {
        var tromso = await app.NewParticipantAsync("5501");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        var response = await client.PostAsync(await StartPageAsync(client), DecisionForm(tromso.Id, "extension"),
            Fields(("Reason", "")), handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_test_result_posted_for_another_municipalitys_participant_is_not_found_and_not_recorded()
    {
        var tromso = await app.NewParticipantAsync("5501");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        var response = await client.PostAsync(await StartPageAsync(client), TestForm(tromso.Id, "social-studies"),
            new Dictionary<string, string> { ["TakenOn"] = Iso(Today), ["Passed"] = "true" }, handMade: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await app.TestResultsAsync(tromso));
    }

    [Fact]
    public async Task Another_municipalitys_decision_page_is_not_found()
    {
        var tromso = await app.NewParticipantAsync("5501");
        var decisionId = await TromsoDecisionAsync(tromso);
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{tromso.Id}/decisions/{decisionId}")).StatusCode);
    }

    [Fact]
    public async Task Another_municipalitys_decision_under_an_own_participant_is_not_found()
    {
        var tromso = await app.NewParticipantAsync("5501");
        var decisionId = await TromsoDecisionAsync(tromso);
        var bergen = await app.NewParticipantAsync("4601");
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{bergen.Id}/decisions/{decisionId}")).StatusCode);
    }

    [Fact]
    public async Task A_decision_of_another_participant_in_the_same_municipality_is_not_found_under_this_one()
    {
        var owner = await app.NewParticipantAsync("4601");
        var other = await app.NewParticipantAsync("4601");
        var caseworker = await app.UserIdAsync(owner.TenantId, Demo.BergenCaseworker);
        var decisionId = await app.RecordDecisionAsync(owner,
            new DecisionInput { Kind = DecisionKind.ExtraHoursGrant, DecidedOn = Today, Reason = "Behov.", ExtraHoursTotal = 20m }, caseworker);
        using var client = await app.SignedInAsync(Demo.BergenCaseworker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{other.Id}/decisions/{decisionId}")).StatusCode);
    }
}
