using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Decisions;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Audit;

/// <summary>The tenant admin's audit log page: own municipality only, filters, paging.</summary>
[Collection(AppSuite.Name)]
public sealed partial class AuditLogBrowserTests(AppFactory app)
{
    private async Task<TestClient> AdminAsync(string email = Demo.BergenAdmin)
    {
        var client = app.CreateTestClient();
        await client.LoginOkAsync(email);
        return client;
    }

    /// <summary>A record type no other test uses, so a filter on it shows only this test's events.</summary>
    private static string UniqueType() => "Probe" + Guid.NewGuid().ToString("N")[..12];

    private async Task WriteEventAsync(string municipality, AuditAction action, string recordType, string details, Guid? participantId = null)
    {
        var tenant = await app.MunicipalityIdAsync(municipality);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(action, recordType, Guid.NewGuid().ToString(), participantId, details);
    }

    private static int RowCount(string html) => RowPattern().Count(html.Split("<tbody>").ElementAtOrDefault(1) ?? "");

    [Fact]
    public async Task An_admin_sees_the_events_of_the_own_municipality_only()
    {
        var type = UniqueType();
        await WriteEventAsync("4601", AuditAction.Read, type, "bergen-marker");
        await WriteEventAsync("5501", AuditAction.Read, type, "tromso-marker");
        using var bergen = await AdminAsync();
        using var tromso = await AdminAsync(Demo.TromsoAdmin);

        var bergenPage = await bergen.GetPageAsync($"/admin/audit?type={type}");
        var tromsoPage = await tromso.GetPageAsync($"/admin/audit?type={type}");

        Assert.Contains("bergen-marker", bergenPage);
        Assert.DoesNotContain("tromso-marker", bergenPage);
        Assert.Contains("tromso-marker", tromsoPage);
        Assert.DoesNotContain("bergen-marker", tromsoPage);
    }

    [Fact]
    public async Task Another_municipalitys_participant_shows_no_events()
    {
        var tromso = await app.NewParticipantAsync("5501"); // registration writes a Create event about the participant
        using var client = await AdminAsync();

        var html = TestClient.Decode(await client.GetPageAsync($"/admin/audit?participant={tromso.Id}"));

        Assert.Contains("Ingen hendelser passer filtrene.", html);
        Assert.DoesNotContain(tromso.Details.FamilyName!, html);
    }

    [Fact]
    public async Task The_action_filter_shows_only_events_of_that_action()
    {
        var type = UniqueType();
        await WriteEventAsync("4601", AuditAction.Decide, type, "decide-marker");
        await WriteEventAsync("4601", AuditAction.Change, type, "change-marker");
        using var client = await AdminAsync();

        var html = TestClient.Decode(await client.GetPageAsync($"/admin/audit?type={type}&action=Decide"));

        Assert.Contains("decide-marker", html);
        Assert.DoesNotContain("change-marker", html);
        Assert.Contains("<td>Vedtak</td>", html);
    }

    [Fact]
    public async Task The_participant_filter_shows_only_events_about_that_participant_with_the_name()
    {
        var shown = await app.NewParticipantAsync("4601");
        var other = await app.NewParticipantAsync("4601");
        using var client = await AdminAsync();

        var html = TestClient.Decode(await client.GetPageAsync($"/admin/audit?participant={shown.Id}"));

        Assert.Contains($"/participants/{shown.Id}", html);
        Assert.Contains(shown.Details.GivenName + " " + shown.Details.FamilyName, html);
        Assert.Contains("<td>Opprettet</td>", html);
        Assert.DoesNotContain(other.Id.ToString(), html);
        Assert.DoesNotContain(shown.NationalId, html);
    }

    [Fact]
    public async Task The_actor_filter_shows_only_events_by_that_user()
    {
        var type = UniqueType();
        var tenant = await app.MunicipalityIdAsync("4601");
        var actor = Guid.NewGuid();
        await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant))
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.WriteAsync(AuditAction.Read, type, details: "by-actor-marker", actorId: actor);
            await audit.WriteAsync(AuditAction.Read, type, details: "by-system-marker");
        }
        using var client = await AdminAsync();

        var html = TestClient.Decode(await client.GetPageAsync($"/admin/audit?type={type}&actor={actor}"));

        Assert.Contains("by-actor-marker", html);
        Assert.DoesNotContain("by-system-marker", html);
    }

    [Fact]
    public async Task A_date_range_that_ends_before_today_excludes_todays_events()
    {
        var type = UniqueType();
        await WriteEventAsync("4601", AuditAction.Read, type, "today-marker");
        var twoDaysAgo = TestClock.Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var client = await AdminAsync();

        var html = await client.GetPageAsync($"/admin/audit?type={type}&to={twoDaysAgo}");
        var unfiltered = await client.GetPageAsync($"/admin/audit?type={type}");

        Assert.DoesNotContain("today-marker", html);
        Assert.Contains("today-marker", unfiltered);
    }

    [Fact]
    public async Task A_date_range_that_ends_before_it_starts_is_refused()
    {
        using var client = await AdminAsync();

        var response = await client.GetAsync("/admin/audit?from=2026-03-10&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Til-datoen kan ikke være før fra-datoen.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_participant_filter_that_is_not_an_id_is_refused()
    {
        using var client = await AdminAsync();

        var response = await client.GetAsync("/admin/audit?participant=not-an-id");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Verdien er ikke gyldig.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_log_is_shown_fifty_events_a_page_newest_first_with_a_link_to_older_ones()
    {
        var type = UniqueType();
        for (var i = 1; i <= 51; i++)
        {
            await WriteEventAsync("4601", AuditAction.Read, type, $"event-{i:00}-marker");
        }
        using var client = await AdminAsync();

        var first = TestClient.Decode(await client.GetPageAsync($"/admin/audit?type={type}"));
        Assert.Equal(50, RowCount(first));
        Assert.Contains("event-51-marker", first);
        Assert.DoesNotContain("event-01-marker", first);
        Assert.True(first.IndexOf("event-51-marker", StringComparison.Ordinal) < first.IndexOf("event-50-marker", StringComparison.Ordinal));

        var older = OlderLinkPattern().Match(first);
        Assert.True(older.Success, "The first page links to older events.");
        var second = TestClient.Decode(await client.GetPageAsync(older.Groups[1].Value));
        Assert.Equal(1, RowCount(second));
        Assert.Contains("event-01-marker", second);
        Assert.DoesNotMatch(OlderLinkPattern(), second);
    }

    [Fact]
    public async Task Viewing_the_log_is_itself_logged()
    {
        var participant = await app.NewParticipantAsync("4601");
        using var client = await AdminAsync();
        await client.GetPageAsync($"/admin/audit?participant={participant.Id}");

        var html = TestClient.Decode(await client.GetPageAsync($"/admin/audit?participant={participant.Id}&type=AuditLog"));

        Assert.Contains("<td>Berit Fjeld</td>", html);
        Assert.Contains("<td>filters: participant</td>", html);
    }

    [Fact]
    public async Task A_coordinator_cannot_open_the_audit_log()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);

        var response = await client.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr>\\s*<td class=\"audit-when\">")]
    private static partial Regex RowPattern();

    [GeneratedRegex("href=\"(/admin/audit\\?[^\"]*before=[^\"]+)\"")]
    private static partial Regex OlderLinkPattern();
}
