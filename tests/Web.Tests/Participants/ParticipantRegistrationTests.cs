using System.Net;
using IntroProgram.Domain.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Tests.Participants;

[Collection(AppSuite.Name)]
public sealed class ParticipantRegistrationTests(AppFactory app)
{
    private const string Bergen = "4601";
    private const string Tromso = "5501";

    private async Task<TestClient> CoordinatorAsync(string email = Demo.BergenCoordinator)
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(email);
        return client;
    }

    private async Task<HttpResponseMessage> RegisterAsync(TestClient client, ParticipantDetails details) =>
        await client.PostFormAsync("/participants/new", "/participants/new", ParticipantPages.Fields(details));

    [Fact]
    public async Task Registering_a_participant_redirects_to_their_page_and_stores_the_row()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details();

        var id = ParticipantPages.ParticipantIdFrom(await RegisterAsync(client, details));

        var bergen = await app.MunicipalityIdAsync(Bergen);
        var row = await app.ParticipantAsync(bergen, id);
        Assert.NotNull(row);
        Assert.Equal(details.FamilyName, row.FamilyName);
        Assert.Equal(details.BirthDate, row.BirthDate);
        Assert.Equal("SY", row.CountryOfOrigin);
        Assert.Equal(ParticipantStatus.Active, row.Status); // the programme start is in the past
    }

    [Fact]
    public async Task The_full_national_id_is_neither_stored_in_clear_nor_shown_on_the_participant_page()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details();
        var id = ParticipantPages.ParticipantIdFrom(await RegisterAsync(client, details));

        var bergen = await app.MunicipalityIdAsync(Bergen);
        var rowText = await app.InTenantAsync(bergen, db => db.Database
            .SqlQuery<string>($"SELECT row_to_json(p)::text AS \"Value\" FROM participants p WHERE p.id = {id}")
            .SingleAsync());
        Assert.Contains(details.FamilyName!, rowText);
        Assert.DoesNotContain(details.NationalId!, rowText);
        var row = await app.ParticipantAsync(bergen, id);
        Assert.Equal(details.NationalId![..6] + "*****", row!.NationalIdMasked);

        var page = TestClient.Decode(await client.GetPageAsync($"/participants/{id}"));
        Assert.Contains(details.FamilyName!, page);
        Assert.Contains(row.NationalIdMasked, page);
        Assert.DoesNotContain(details.NationalId!, page);
    }

    [Fact]
    public async Task Registration_is_refused_when_the_participant_was_17_at_the_permit_date()
    {
        using var client = await CoordinatorAsync();
        var permit = ParticipantTestData.Today.AddDays(-120);
        var birth = permit.AddYears(-17).AddDays(-10);
        var details = ParticipantPages.Details(d => d with { BirthDate = birth, NationalId = TestNationalIds.For(birth) });

        var response = await RegisterAsync(client, details);

        await AssertRefusedAsync(response, details, "Deltakeren var yngre enn 18 år da oppholdstillatelsen ble gitt");
    }

    [Fact]
    public async Task Registration_is_refused_when_the_participant_was_56_at_the_permit_date()
    {
        using var client = await CoordinatorAsync();
        var permit = ParticipantTestData.Today.AddDays(-120);
        var birth = permit.AddYears(-56);
        var details = ParticipantPages.Details(d => d with { BirthDate = birth, NationalId = TestNationalIds.For(birth) });

        var response = await RegisterAsync(client, details);

        await AssertRefusedAsync(response, details, "Deltakeren var eldre enn 55 år da oppholdstillatelsen ble gitt");
    }

    [Fact]
    public async Task Registration_is_refused_when_the_programme_starts_before_settlement()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details(d => d with { ProgrammeStart = d.SettlementDate!.Value.AddDays(-1) });

        var response = await RegisterAsync(client, details);

        await AssertRefusedAsync(response, details, "Programstart kan ikke være før bosettingsdatoen.");
    }

    [Fact]
    public async Task Registration_is_refused_when_the_national_id_is_already_registered_in_the_municipality()
    {
        var existing = await app.CreateAsync(Bergen);
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details(d => d with { BirthDate = existing.Details.BirthDate, NationalId = existing.NationalId });

        var response = await RegisterAsync(client, details);

        await AssertRefusedAsync(response, details, "En deltaker med dette fødselsnummeret er allerede registrert i kommunen.");
    }

    [Fact]
    public async Task The_same_national_id_can_be_registered_in_another_municipality()
    {
        var inTromso = await app.CreateAsync(Tromso);
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details(d => d with { BirthDate = inTromso.Details.BirthDate, NationalId = inTromso.NationalId });

        var id = ParticipantPages.ParticipantIdFrom(await RegisterAsync(client, details));

        Assert.NotNull(await app.ParticipantAsync(await app.MunicipalityIdAsync(Bergen), id));
    }

    [Fact]
    public async Task Registration_is_refused_when_the_national_id_check_digits_are_wrong()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details();
        var valid = details.NationalId!;
        var wrongLastDigit = valid[..10] + (char)('0' + ((valid[10] - '0' + 1) % 10));
        details = details with { NationalId = wrongLastDigit };

        var response = await RegisterAsync(client, details);

        await AssertRefusedAsync(response, details, "Kontrollsifrene stemmer ikke.");
    }

    [Fact]
    public async Task Registration_is_refused_when_the_birth_date_does_not_match_the_national_id()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details();
        details = details with { BirthDate = details.BirthDate!.Value.AddDays(1) };

        var response = await RegisterAsync(client, details);

        await AssertRefusedAsync(response, details, "Fødselsdatoen stemmer ikke med fødselsnummeret.");
    }

    [Fact]
    public async Task A_refused_registration_shows_the_message_next_to_its_field_and_keeps_the_form_token()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details(d => d with { ProgrammeStart = d.SettlementDate!.Value.AddDays(-1) });
        var token = Guid.NewGuid();

        var response = await client.PostFormAsync("/participants/new", "/participants/new", ParticipantPages.Fields(details, token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await ParticipantPages.BodyAsync(response);
        Assert.Matches("<span[^>]* id=\"Input_ProgrammeStart-error\"[^>]*>Programstart kan ikke være før bosettingsdatoen.</span>", html);
        Assert.Matches("<input[^>]* aria-describedby=\"Input_ProgrammeStart-hint Input_ProgrammeStart-error\"[^>]* aria-invalid=\"true\"", html);
        Assert.Contains("href=\"#Input_ProgrammeStart\"", html);
        Assert.Contains($"name=\"FormToken\" value=\"{token}\"", html);
    }

    [Fact]
    public async Task Submitting_the_same_registration_form_twice_creates_one_participant()
    {
        using var client = await CoordinatorAsync();
        var details = ParticipantPages.Details();
        var fields = ParticipantPages.Fields(details, Guid.NewGuid());

        var first = ParticipantPages.ParticipantIdFrom(await client.PostFormAsync("/participants/new", "/participants/new", fields));
        var second = ParticipantPages.ParticipantIdFrom(await client.PostFormAsync("/participants/new", "/participants/new", fields));

        Assert.Equal(first, second);
        Assert.Equal(1, await app.CountByFamilyNameAsync(await app.MunicipalityIdAsync(Bergen), details.FamilyName!));
    }

    [Fact]
    public async Task The_register_form_offers_the_common_countries_first_and_preselects_the_signed_in_coordinator()
    {
        var (_, _, coordinator, client) = await app.FreshMunicipalityAsync();
        using var _ = client;

        var html = TestClient.Decode(await client.GetPageAsync("/participants/new"));

        Assert.True(html.IndexOf("<option value=\"UA\"", StringComparison.Ordinal) < html.IndexOf("<option value=\"AD\"", StringComparison.Ordinal));
        Assert.Contains("Ukraina", html);
        Assert.Contains("Arabisk", html);
        Assert.Contains($"<option value=\"{coordinator.Id}\" selected=\"selected\">", html);
    }

    [Fact]
    public async Task A_caseworker_cannot_register_a_participant()
    {
        using var client = await CoordinatorAsync(Demo.BergenCaseworker);
        var details = ParticipantPages.Details();

        var response = await client.PostFormAsync("/participants", "/participants/new", ParticipantPages.Fields(details));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountByFamilyNameAsync(await app.MunicipalityIdAsync(Bergen), details.FamilyName!));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, ParticipantDetails details, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await ParticipantPages.BodyAsync(response));
        Assert.Equal(0, await app.CountByFamilyNameAsync(await app.MunicipalityIdAsync(Bergen), details.FamilyName!));
    }
}
