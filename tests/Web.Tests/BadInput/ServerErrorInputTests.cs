using System.Net;
using IntroProgram.Domain.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.BadInput;

/// <summary>
/// Inputs that once reached a 500 (with a stack trace in Development): a return address with characters a response
/// header cannot carry (on real Kestrel: the in-process test server writes any header), the largest page number, and
/// dates at the ends of the calendar in the filters.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class ServerErrorInputTests(AppFactory app, KestrelApp kestrel) : IClassFixture<KestrelApp>
{
    private const string NonAscii = "?søk=ø😀";
    private const string Encoded = "?s%C3%B8k=%C3%B8%F0%9F%98%80";

    [Fact]
    public async Task On_the_real_server_choosing_a_language_with_a_return_address_outside_ascii_goes_back_to_it_percent_encoded()
    {
        var server = await kestrel.StartAsync(app);
        using var client = server.CreateTestClient();
        var response = await client.PostFormAsync("/account/login", "/language", new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/accessibility" + NonAscii,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/accessibility" + Encoded, RawLocation(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(RawLocation(response))).StatusCode);
    }

    [Fact]
    public async Task On_the_real_server_a_return_address_with_a_line_break_is_not_followed()
    {
        var server = await kestrel.StartAsync(app);
        using var client = server.CreateTestClient();
        var response = await client.PostFormAsync("/account/login", "/language", new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/accessibility\r\nSet-Cookie: x=y",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", RawLocation(response));
    }

    [Fact]
    public async Task On_the_real_server_a_flag_acknowledged_with_a_return_address_outside_ascii_is_saved_and_the_answer_says_so()
    {
        var participant = await app.NewParticipantAsync();
        var flag = Guid.NewGuid();
        await app.InTenantAsync(participant.TenantId, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.RiskFlags.Add(new RiskFlag
            {
                Id = flag, ParticipantId = participant.Id, Rule = "pace.norwegian", Severity = RiskSeverity.Watch, FirstSeenAt = now, LastEvaluatedAt = now,
            });
            return await db.SaveChangesAsync();
        });
        var server = await kestrel.StartAsync(app);
        using var coordinator = server.CreateTestClient();
        await coordinator.LoginOkAsync(Demo.BergenCoordinator);

        var back = ParticipantUrl(participant);
        var response = await coordinator.PostFormAsync(back, $"/risk/flags/{flag}/acknowledge", new Dictionary<string, string>
        {
            ["note"] = "Ringt", ["returnUrl"] = back + NonAscii,
        });

        // Saved, and told so: the answer must not be an error after the acknowledgement was stored.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(back + Encoded, RawLocation(response));
        Assert.Contains("Varselet er kvittert ut.", TestClient.Decode(await coordinator.GetPageAsync(RawLocation(response))), StringComparison.Ordinal);
        Assert.NotNull(await app.InTenantAsync(participant.TenantId, db => db.RiskFlags.Where(f => f.Id == flag).Select(f => f.AcknowledgedAt).SingleAsync()));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("2147483646")]
    [InlineData("107374183")]
    public async Task The_participant_page_far_beyond_its_last_timeline_page_shows_an_empty_timeline(string page)
    {
        var participant = await app.NewParticipantAsync();
        using var coordinator = await app.SignedInAsync();

        var response = await coordinator.GetAsync($"{ParticipantUrl(participant)}?page={page}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(NameOf(participant), TestClient.Decode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/audit?from=0001-01-01")]
    [InlineData("/admin/audit?to=9999-12-31")]
    [InlineData("/admin/audit?from=9999-12-31&to=9999-12-31")]
    [InlineData("/admin/audit/export.csv?from=0001-01-01")]
    [InlineData("/admin/audit/export.csv?to=9999-12-31")]
    [InlineData("/reports?from=0001-01-01&to=0001-12-31")]
    [InlineData("/reports?from=9999-12-31&to=9999-12-31")]
    [InlineData("/reports/export/participants.csv?from=9999-12-31&to=9999-12-31")]
    [InlineData("/reports/export/hours.csv?from=0001-01-01&to=0001-01-31")]
    [InlineData("/reports/export/certificates.csv?from=9999-12-31&to=9999-12-31")]
    public async Task A_filter_date_at_the_ends_of_the_calendar_is_refused_with_a_message(string url)
    {
        using var admin = await app.SignedInAsync(Demo.BergenAdmin);

        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Datoen må være mellom 01.01.1900 og 31.12.2199.", TestClient.Decode(await response.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_date_at_the_ends_of_the_calendar_is_explained_in_english_after_switching()
    {
        using var admin = await app.SignedInAsync(Demo.BergenAdmin);
        await admin.PostFormAsync("/", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });

        var response = await admin.GetAsync("/reports?from=9999-12-31&to=9999-12-31");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The date must be between 01.01.1900 and 31.12.2199.", TestClient.Decode(await response.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
    }

    /// <summary>The Location header as sent: an address a server could not write would already have failed the request.</summary>
    public static string RawLocation(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Location", out var values) ? values.Single() : "";
}
