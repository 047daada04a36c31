using System.Globalization;
using IntroProgram.Web.Localization;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests.Portal;

/// <summary>The participant's pages in their language: the default from their record, the switcher, formatting, direction.</summary>
[Collection(AppSuite.Name)]
public sealed class PortalLanguageTests(AppFactory app)
{
    private const string Bergen = "4601";

    private static Task<HttpResponseMessage> SwitchAsync(TestClient client, string culture, string returnUrl = "/me") =>
        client.PostFormAsync(returnUrl, "/language", new Dictionary<string, string> { ["culture"] = culture, ["returnUrl"] = returnUrl });

    [Fact]
    public async Task A_participant_who_chose_no_language_gets_the_preferred_language_from_their_record()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "uk" });
        using var client = await app.SignedInAsync(me.Email, me.Password); // a fresh browser: no language cookie

        var page = TestClient.Decode(await client.GetPageAsync("/me"));

        Assert.Contains("<html lang=\"uk\" dir=\"ltr\"", page);
        Assert.Contains("Мої сторінки", page);
    }

    [Fact]
    public async Task Switching_to_Arabic_mirrors_the_page_and_saves_arabic_as_the_preferred_language()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        using var client = await app.SignedInAsync(me.Email, me.Password);

        await SwitchAsync(client, "ar");

        var page = TestClient.Decode(await client.GetPageAsync("/me/progress"));
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", page);
        Assert.Contains("ساعاتي", page);
        Assert.Equal("ar", (await app.StoredParticipantAsync(me.Participant)).PreferredLanguage);

        // A new browser without the cookie opens in Arabic too: the choice was saved on the participant.
        using var phone = await app.SignedInAsync(me.Email, me.Password);
        Assert.Contains("<html lang=\"ar\"", await phone.GetPageAsync("/me"));
    }

    [Fact]
    public async Task Dates_and_hours_are_written_as_in_the_municipalitys_letters_in_every_language()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        await app.LogHoursAsync(me.Participant, ParticipantTestData.Today.AddDays(-1), Domain.Programme.HourCategory.Norwegian, 2.5m);
        var deadline = (await app.StoredParticipantAsync(me.Participant)).EvidenceDeadline!.Value;
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var norwegian = TestClient.Decode(await client.GetPageAsync("/me"));
        await SwitchAsync(client, "en");
        var english = TestClient.Decode(await client.GetPageAsync("/me"));
        await SwitchAsync(client, "ar");
        var arabic = TestClient.Decode(await client.GetPageAsync("/me"));

        // The month in the reader's language, no weekday; a decimal comma in every language.
        Assert.Contains(deadline.ToString("d. MMMM yyyy", new CultureInfo("nb")), norwegian);
        Assert.Contains("2,5 av", norwegian);
        Assert.Contains(deadline.ToString("MMMM d, yyyy", new CultureInfo("en")), english);
        Assert.DoesNotContain(deadline.ToString("dddd", new CultureInfo("en")) + ", " + deadline.ToString("MMMM d", new CultureInfo("en")), english);
        Assert.Contains("2,5 of", english);
        Assert.Contains(deadline.ToString("d MMMM yyyy", Languages.Cultures.Single(c => c.Name == "ar")), arabic);
        Assert.Contains("2,5 من", arabic);
    }

    [Fact]
    public void Every_language_runs_in_the_gregorian_calendar_of_norwegian_letters()
    {
        Assert.All(Languages.Cultures, c => Assert.IsType<GregorianCalendar>(c.DateTimeFormat.Calendar));
    }

    [Fact]
    public async Task Staff_pages_stay_in_bokmal_when_staff_pick_a_participant_only_language()
    {
        using var coordinator = await app.SignedInAsync(Demo.BergenCoordinator);

        await SwitchAsync(coordinator, "ar", "/participants");

        var page = await coordinator.GetPageAsync("/participants");
        Assert.Contains("<html lang=\"nb\" dir=\"ltr\"", page);
    }

    [Fact]
    public async Task The_language_switcher_offers_every_participant_language_to_a_participant()
    {
        var me = await app.ParticipantWithAccountAsync(Bergen, Demo.BergenCoordinator, d => d with { PreferredLanguage = "nb" });
        using var client = await app.SignedInAsync(me.Email, me.Password);

        var page = await client.GetPageAsync("/me");

        Assert.All(Languages.Codes, code => Assert.Contains($"<option value=\"{code}\"", page));
    }
}
