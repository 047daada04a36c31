using System.Globalization;
using System.Net;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests.Participants;

[Collection(AppSuite.Name)]
public sealed class ParticipantListTests(AppFactory app)
{
    private static async Task<string> SearchAsync(TestClient client, IDictionary<string, string> fields)
    {
        var response = await client.PostFormAsync("/participants", "/participants/search", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task The_list_filters_by_status()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var active = await app.CreateAsync(number);
        var registered = await app.CreateAsync(number, d => d with { ProgrammeStart = ParticipantTestData.Today.AddDays(14) });

        var page = TestClient.Decode(await client.GetPageAsync("/participants?status=Registered"));

        Assert.Contains(registered.Details.FamilyName!, page);
        Assert.DoesNotContain(active.Details.FamilyName!, page);
        Assert.Contains("Viser 1–1 av 1 deltakere", page);
    }

    [Fact]
    public async Task The_list_filters_to_participants_with_an_open_risk_flag_and_marks_them_in_text()
    {
        var (number, tenant, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var flagged = await app.CreateAsync(number);
        var resolved = await app.CreateAsync(number);
        var calm = await app.CreateAsync(number);
        await app.InTenantAsync(tenant, async db =>
        {
            var now = TestClock.Now;
            // Starting without a competence mapping raises a flag of its own; clear those so only the flags below count.
            foreach (var open in db.RiskFlags.Where(f => f.ResolvedAt == null))
            {
                open.ResolvedAt = now;
            }
            db.RiskFlags.Add(new RiskFlag { Id = Guid.NewGuid(), ParticipantId = flagged.Id, Rule = "pace.norwegian", Severity = RiskSeverity.Warning, FirstSeenAt = now, LastEvaluatedAt = now });
            db.RiskFlags.Add(new RiskFlag { Id = Guid.NewGuid(), ParticipantId = resolved.Id, Rule = "absence.unexcused", Severity = RiskSeverity.Critical, FirstSeenAt = now, LastEvaluatedAt = now, ResolvedAt = now });
            return await db.SaveChangesAsync();
        });

        var all = TestClient.Decode(await client.GetPageAsync("/participants"));
        var atRisk = TestClient.Decode(await client.GetPageAsync("/participants?risk=true"));

        Assert.Contains("Viser 1–3 av 3 deltakere", all);
        Assert.Contains(flagged.Details.FamilyName!, atRisk);
        Assert.DoesNotContain(resolved.Details.FamilyName!, atRisk);
        Assert.DoesNotContain(calm.Details.FamilyName!, atRisk);
        Assert.Contains(">I risiko</span>", atRisk);
    }

    [Fact]
    public async Task The_list_filters_to_the_signed_in_coordinators_own_participants()
    {
        var (number, _, coordinator, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var mine = await app.CreateAsync(number, d => d with { CoordinatorId = coordinator.Id });
        var nobodys = await app.CreateAsync(number);

        var page = TestClient.Decode(await client.GetPageAsync("/participants?coordinator=mine"));

        Assert.Contains(mine.Details.FamilyName!, page);
        Assert.DoesNotContain(nobodys.Details.FamilyName!, page);
    }

    [Fact]
    public async Task Searching_by_name_keeps_the_name_out_of_the_address_and_shows_only_the_match()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var wanted = await app.CreateAsync(number);
        var other = await app.CreateAsync(number);
        var searchText = wanted.Details.FamilyName![^6..].ToUpperInvariant(); // the random end of the name, other case

        var location = await SearchAsync(client, new Dictionary<string, string> { ["q"] = searchText });

        Assert.StartsWith("/participants?s=", location, StringComparison.Ordinal);
        Assert.DoesNotContain(searchText, location, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(wanted.Details.FamilyName!, location, StringComparison.OrdinalIgnoreCase);
        var page = TestClient.Decode(await client.GetPageAsync(location));
        Assert.Contains(wanted.Details.FamilyName!, page);
        Assert.DoesNotContain(other.Details.FamilyName!, page);
        Assert.Contains($"value=\"{searchText}\"", page);
    }

    [Fact]
    public async Task Searching_by_national_id_finds_the_exact_participant_without_the_number_in_the_address()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var wanted = await app.CreateAsync(number);
        var other = await app.CreateAsync(number);
        var typed = wanted.NationalId[..6] + " " + wanted.NationalId[6..];

        var location = await SearchAsync(client, new Dictionary<string, string> { ["q"] = typed });

        Assert.DoesNotContain(wanted.NationalId, location, StringComparison.Ordinal);
        Assert.DoesNotContain(wanted.NationalId[6..], location, StringComparison.Ordinal);
        var page = TestClient.Decode(await client.GetPageAsync(location));
        Assert.Contains(wanted.Details.FamilyName!, page);
        Assert.DoesNotContain(other.Details.FamilyName!, page);
        Assert.Contains("Viser 1–1 av 1 deltakere", page);
    }

    [Fact]
    public async Task Search_wildcards_are_taken_literally()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        await app.CreateAsync(number);

        var page = TestClient.Decode(await client.GetPageAsync(await SearchAsync(client, new Dictionary<string, string> { ["q"] = "%" })));

        Assert.Contains("Ingen deltakere passer med søket og filtrene.", page);
    }

    [Fact]
    public async Task A_search_token_that_cannot_be_read_is_ignored_and_the_user_is_told()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var participant = await app.CreateAsync(number);

        var page = TestClient.Decode(await client.GetPageAsync("/participants?s=CfDJ8-not-a-real-token"));

        Assert.Contains("Søket er utløpt eller ugyldig og er ikke brukt.", page);
        Assert.Contains(participant.Details.FamilyName!, page);
    }

    [Fact]
    public async Task A_search_token_issued_to_another_user_cannot_be_read()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var wanted = await app.CreateAsync(number);
        await app.CreateAsync(number);
        var location = await SearchAsync(client, new Dictionary<string, string> { ["q"] = wanted.Details.FamilyName! });
        var colleague = await app.CreateUserAsync(number, "coordinator");
        using var other = app.CreateTestClient();
        await other.LoginOkAsync(colleague.Email);

        var page = TestClient.Decode(await other.GetPageAsync(location));

        Assert.Contains("Søket er utløpt eller ugyldig og er ikke brukt.", page);
        Assert.DoesNotContain($"value=\"{wanted.Details.FamilyName}\"", page);
    }

    [Fact]
    public async Task The_list_pages_by_25_and_sorts_by_name_both_ways()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        for (var i = 1; i <= 30; i++)
        {
            var familyName = "Rekke" + i.ToString("00", CultureInfo.InvariantCulture);
            await app.CreateAsync(number, d => d with { FamilyName = familyName });
        }

        var first = TestClient.Decode(await client.GetPageAsync("/participants"));
        var second = TestClient.Decode(await client.GetPageAsync("/participants?page=2"));
        var descending = TestClient.Decode(await client.GetPageAsync("/participants?desc=true"));

        Assert.Contains("Viser 1–25 av 30 deltakere", first);
        Assert.Contains("Rekke01", first);
        Assert.Contains("Rekke25", first);
        Assert.DoesNotContain("Rekke26", first);
        Assert.True(first.IndexOf("Rekke01", StringComparison.Ordinal) < first.IndexOf("Rekke02", StringComparison.Ordinal));
        Assert.Contains("href=\"/participants?page=2\"", first);

        Assert.Contains("Viser 26–30 av 30 deltakere", second);
        Assert.Contains("Rekke26", second);
        Assert.Contains("Rekke30", second);
        Assert.DoesNotContain("Rekke25", second);

        Assert.Contains("Rekke30", descending);
        Assert.DoesNotContain("Rekke05", descending);
        Assert.True(descending.IndexOf("Rekke30", StringComparison.Ordinal) < descending.IndexOf("Rekke29", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_list_shows_50_or_100_rows_a_page_when_asked_keeps_the_choice_in_its_links_and_ignores_other_sizes()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        for (var i = 1; i <= 60; i++)
        {
            var familyName = "Sidestr" + i.ToString("00", CultureInfo.InvariantCulture);
            await app.CreateAsync(number, d => d with { FamilyName = familyName });
        }

        var fifty = TestClient.Decode(await client.GetPageAsync("/participants?size=50"));
        var fiftySecond = TestClient.Decode(await client.GetPageAsync("/participants?size=50&page=2"));
        var hundred = TestClient.Decode(await client.GetPageAsync("/participants?size=100"));
        var odd = TestClient.Decode(await client.GetPageAsync("/participants?size=7"));
        var broken = await client.GetAsync("/participants?size=1,5");

        Assert.Contains("Viser 1–50 av 60 deltakere", fifty);
        Assert.Contains("Sidestr50", fifty);
        Assert.DoesNotContain("Sidestr51", fifty);
        Assert.Contains("href=\"/participants?size=50&amp;page=2\"", await (await client.GetAsync("/participants?size=50")).Content.ReadAsStringAsync());
        Assert.Contains("<option value=\"50\" selected=\"selected\">50</option>", fifty);
        Assert.Contains("Viser 51–60 av 60 deltakere", fiftySecond);
        Assert.Contains("Viser 1–60 av 60 deltakere", hundred);
        Assert.DoesNotContain("rel=\"next\"", hundred);
        Assert.Contains("Viser 1–25 av 60 deltakere", odd);
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("Viser 1–25 av 60 deltakere", TestClient.Decode(await broken.Content.ReadAsStringAsync()));

        var location = await SearchAsync(client, new Dictionary<string, string> { ["q"] = "", ["Size"] = "100" });
        Assert.Equal("/participants?size=100", location);
    }

    [Fact]
    public async Task The_list_sorts_by_norwegian_hours_from_the_maintained_totals()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var few = await app.CreateAsync(number);
        var many = await app.CreateAsync(number);
        var some = await app.CreateAsync(number);
        var day = ParticipantTestData.Today.AddDays(-2);
        await app.LogHoursAsync(few, day, HourCategory.Norwegian, 1.5m);
        await app.LogHoursAsync(many, day, HourCategory.Norwegian, 7m);
        await app.LogHoursAsync(some, day, HourCategory.Norwegian, 4m);

        var page = TestClient.Decode(await client.GetPageAsync("/participants?sort=Norwegian&desc=true"));

        var order = new[] { many, some, few }.Select(p => page.IndexOf(p.Details.FamilyName!, StringComparison.Ordinal)).ToList();
        Assert.All(order, index => Assert.True(index > 0));
        Assert.Equal(order.Order().ToList(), order);
        Assert.Contains("7 / 550", page);
        Assert.Contains("1,5 / 550", page);
        Assert.Contains("aria-sort=\"descending\"", page);
    }

    [Fact]
    public async Task The_search_form_carries_the_filters_on_to_the_list()
    {
        var (number, _, _, client) = await app.FreshMunicipalityAsync();
        using var _ = client;
        var registered = await app.CreateAsync(number, d => d with { ProgrammeStart = ParticipantTestData.Today.AddDays(14) });

        var location = await SearchAsync(client, new Dictionary<string, string>
        {
            ["q"] = "", ["Status"] = "Registered", ["Sort"] = "Start", ["Desc"] = "true",
        });

        Assert.Equal("/participants?status=Registered&sort=Start&desc=true", location);
        Assert.Contains(registered.Details.FamilyName!, TestClient.Decode(await client.GetPageAsync(location)));
    }
}
