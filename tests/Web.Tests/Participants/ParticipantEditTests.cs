using System.Net;
using IntroProgram.Domain.Participants;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Participants;

[Collection(AppSuite.Name)]
public sealed class ParticipantEditTests(AppFactory app)
{
    private const string Bergen = "4601";
    private const string Tromso = "5501";

    private async Task<TestClient> CoordinatorAsync()
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        return client;
    }

    private static Dictionary<string, string> EditFields(ParticipantDetails details, uint version)
    {
        var fields = ParticipantPages.Fields(details with { NationalId = "" });
        fields.Remove("FormToken");
        fields["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return fields;
    }

    [Fact]
    public async Task The_edit_form_shows_the_masked_national_id_and_never_the_full_number()
    {
        var participant = await app.CreateAsync(Bergen);
        using var client = await CoordinatorAsync();

        var html = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}/edit"));

        Assert.Contains(participant.Details.FamilyName!, html);
        Assert.Contains(participant.NationalId[..6] + "*****", html);
        Assert.DoesNotContain(participant.NationalId, html);
    }

    [Fact]
    public async Task Editing_saves_the_changes_and_keeps_the_national_id_when_the_field_is_left_empty()
    {
        var participant = await app.CreateAsync(Bergen);
        var before = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        using var client = await CoordinatorAsync();
        var changed = participant.Details with { GivenName = "Endra", EndGoal = "Fagbrev som tømrer" };

        var response = await client.PostFormAsync($"/participants/{participant.Id}/edit", $"/participants/{participant.Id}/edit",
            EditFields(changed, before.Version));

        Assert.Equal(participant.Id, ParticipantPages.ParticipantIdFrom(response));
        var after = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        Assert.Equal("Endra", after.GivenName);
        Assert.Equal("Fagbrev som tømrer", after.EndGoal);
        Assert.Equal(before.NationalIdHash, after.NationalIdHash);
        Assert.Equal(before.NationalIdMasked, after.NationalIdMasked);
    }

    [Fact]
    public async Task Editing_with_a_stale_version_answers_409_and_changes_nothing()
    {
        var participant = await app.CreateAsync(Bergen);
        var opened = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        // Someone else saves in between.
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(participant.TenantId))
        {
            var registry = scope.ServiceProvider.GetRequiredService<ParticipantRegistry>();
            var other = await registry.UpdateAsync(participant.Id, participant.Details with { GivenName = "Annen" }, opened.Version, null);
            Assert.Equal(IntroProgram.Infrastructure.CommandStatus.Done, other.Status);
        }
        using var client = await CoordinatorAsync();

        var response = await client.PostFormAsync($"/participants/{participant.Id}/edit", $"/participants/{participant.Id}/edit",
            EditFields(participant.Details with { GivenName = "Min" }, opened.Version));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Noen andre har endret deltakeren etter at du åpnet skjemaet.", await ParticipantPages.BodyAsync(response));
        Assert.Equal("Annen", (await app.ParticipantAsync(participant.TenantId, participant.Id))!.GivenName);
    }

    [Fact]
    public async Task A_refused_edit_answers_400_with_the_message_and_changes_nothing()
    {
        var participant = await app.CreateAsync(Bergen);
        var opened = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        using var client = await CoordinatorAsync();
        var invalid = participant.Details with { GivenName = "Endra", SettlementDate = participant.Details.PermitDate!.Value.AddDays(-1) };

        var response = await client.PostFormAsync($"/participants/{participant.Id}/edit", $"/participants/{participant.Id}/edit",
            EditFields(invalid, opened.Version));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await ParticipantPages.BodyAsync(response);
        Assert.Contains("Bosettingsdatoen kan ikke være før datoen oppholdstillatelsen ble gitt.", html);
        Assert.DoesNotContain(participant.NationalId, html);
        Assert.Equal(participant.Details.GivenName, (await app.ParticipantAsync(participant.TenantId, participant.Id))!.GivenName);
    }

    [Fact]
    public async Task Moving_the_programme_start_past_the_day_the_programme_ended_is_refused()
    {
        var participant = await app.CreateAsync(Bergen);
        var caseworker = await app.CreateUserAsync(Bergen, IntroProgram.Infrastructure.Identity.Roles.Caseworker);
        var ended = ParticipantTestData.Today.AddDays(-10);
        await app.EndProgrammeAsync(participant, caseworker.Id, ended, ParticipantStatus.Stopped);
        var opened = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        using var client = await CoordinatorAsync();

        var response = await client.PostFormAsync($"/participants/{participant.Id}/edit", $"/participants/{participant.Id}/edit",
            EditFields(participant.Details with { ProgrammeStart = ended.AddDays(1) }, opened.Version));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Programmet er registrert som avsluttet før den nye startdatoen.", await ParticipantPages.BodyAsync(response));
        Assert.Equal(participant.Details.ProgrammeStart, (await app.ParticipantAsync(participant.TenantId, participant.Id))!.ProgrammeStart);
    }

    [Fact]
    public async Task A_coordinator_starts_the_programme_of_a_registered_participant()
    {
        var participant = await app.CreateAsync(Bergen, d => d with { ProgrammeStart = ParticipantTestData.Today.AddDays(7) });
        var before = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        Assert.Equal(ParticipantStatus.Registered, before.Status);
        using var client = await CoordinatorAsync();
        Assert.Contains("Start programmet", TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}")));

        var response = await client.PostFormAsync($"/participants/{participant.Id}", $"/participants/{participant.Id}/status",
            new Dictionary<string, string> { ["to"] = "Active", ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(participant.Id, ParticipantPages.ParticipantIdFrom(response));
        Assert.Equal(ParticipantStatus.Active, (await app.ParticipantAsync(participant.TenantId, participant.Id))!.Status);
    }

    [Fact]
    public async Task A_status_change_the_rules_do_not_allow_answers_400_and_changes_nothing()
    {
        var participant = await app.CreateAsync(Bergen); // active
        var before = (await app.ParticipantAsync(participant.TenantId, participant.Id))!;
        using var client = await CoordinatorAsync();
        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{participant.Id}"));
        Assert.DoesNotContain("Start programmet", page);
        Assert.Contains("Permisjonen har startet", page);

        var response = await client.PostFormAsync($"/participants/{participant.Id}", $"/participants/{participant.Id}/status",
            new Dictionary<string, string> { ["to"] = "Registered", ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Denne statusendringen er ikke mulig", await ParticipantPages.BodyAsync(response));
        Assert.Equal(ParticipantStatus.Active, (await app.ParticipantAsync(participant.TenantId, participant.Id))!.Status);
    }

    [Fact]
    public async Task Pages_and_forms_of_a_participant_in_another_municipality_answer_404()
    {
        var inTromso = await app.CreateAsync(Tromso);
        var row = (await app.ParticipantAsync(inTromso.TenantId, inTromso.Id))!;
        using var client = await CoordinatorAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{inTromso.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/participants/{inTromso.Id}/edit")).StatusCode);
        var edit = await client.PostFormAsync("/participants", $"/participants/{inTromso.Id}/edit",
            EditFields(inTromso.Details with { GivenName = "Kapret" }, row.Version));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var status = await client.PostFormAsync("/participants", $"/participants/{inTromso.Id}/status",
            new Dictionary<string, string> { ["to"] = "OnLeave", ["version"] = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);

        var after = (await app.ParticipantAsync(inTromso.TenantId, inTromso.Id))!;
        Assert.Equal(inTromso.Details.GivenName, after.GivenName);
        Assert.Equal(ParticipantStatus.Active, after.Status);
    }
}
