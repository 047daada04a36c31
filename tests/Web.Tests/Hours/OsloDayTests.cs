using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.Hours;

/// <summary>
/// "Today" is the Oslo calendar day, whatever zone the server runs in (containers run in UTC). Half past midnight in
/// Oslo the UTC date is still yesterday's: an hour or two a night when hours for the Oslo day were once refused as
/// "in the future". Fixed instants in winter (UTC+1) and in summer (UTC+2), whatever today's date is.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class OsloDayTests(AppFactory app)
{
    public static TheoryData<string, string> HalfPastMidnight => new()
    {
        { "2027-01-15T23:30:00Z", "2027-01-16" }, // winter: 00:30 CET
        { "2027-07-15T22:30:00Z", "2027-07-16" }, // summer: 00:30 CEST
    };

    [Theory]
    [MemberData(nameof(HalfPastMidnight))]
    public async Task Half_past_midnight_in_Oslo_hours_for_the_Oslo_day_are_accepted_and_the_next_day_is_the_future(string utc, string osloDay)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var today = DateOnly.Parse(osloDay, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, clock.OsloToday());
        Assert.Equal(today.AddDays(-1), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)); // the UTC date is yesterday's

        // A municipality of its own: rows made at a fixed date in 2027 must not show up in other tests' counts.
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, Roles.Coordinator);
        await using var server = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock))));
        var p = await server.Services.CreateParticipantAsync(number, d => d with
        {
            PermitDate = today.AddDays(-120), SettlementDate = today.AddDays(-90), ProgrammeStart = today.AddDays(-60),
        });
        using var client = new TestClient(server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await client.LoginOkAsync(coordinator.Email);
        var url = $"/participants/{p.Id}/hours/new";

        var form = await client.OpenFormAsync(url);
        Assert.Contains($"value=\"{Iso(today)}\"", form.Html, StringComparison.Ordinal); // the form's date is the Oslo day

        (await client.SubmitAsync(url, HourFields(today, "2"))).AssertRedirectTo(ParticipantUrl(p));
        await (await client.SubmitAsync(url, HourFields(today.AddDays(1), "2"))).AssertRefusedWithAsync(
            "Datoen er fram i tid. Timer føres når de er gjennomført.");

        var entry = Assert.Single(await app.EntriesAsync(p));
        Assert.Equal(today, entry.Date);
    }
}
