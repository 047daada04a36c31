using System.Globalization;
using IntroProgram.Browser.Tests.Support;
using IntroProgram.Domain.Programme;
using IntroProgram.Web.Localization;
using IntroProgram.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>
/// The README's pictures: the main pages of a coordinator and of a participant, at phone and desktop width, taken by
/// the same browser as the other tests so that they show the app as it is built. Each page is first checked to be the
/// page meant (its heading, its numbers, its language) and to fit a 360 px phone, so an error page or a broken layout
/// fails the test instead of reaching the README. `./build.sh screenshots` writes them into docs/screenshots; any other
/// run into TestResults/screenshots/readme (<see cref="BrowserApp.ReadmeScreenshotDirectory"/>).
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ReadmeScreenshotTests(BrowserApp app)
{
    [Fact]
    public async Task The_coordinators_start_page_welcomes_them_and_fits_a_phone()
    {
        await using var context = await app.NewContextAsync("nb");
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);

        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await AssertHeadingAsync(page, "nb", "Home.Welcome");
        await PhotographAsync(page, "coordinator-start");
    }

    [Fact]
    public async Task A_participants_page_shows_the_hours_logged_for_them_and_fits_a_phone()
    {
        var participant = await NewParticipantAsync("nb");
        var logged = await LogSixWeeksAsync(participant);
        await using var context = await app.NewContextAsync("nb");
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync($"/participants/{participant.Id}");

        var name = participant.Details.GivenName + " " + participant.Details.FamilyName;
        Assert.True(await HeadingAsync(page) == name, "the participant page's heading is not the participant's name");
        await AssertProgressShowsAsync(page, logged);
        await PhotographAsync(page, "participant-page");
    }

    [Fact]
    public async Task The_class_session_form_lists_participants_to_mark_and_fits_a_phone()
    {
        await using var context = await app.NewContextAsync("nb");
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync("/hours/session");

        await AssertHeadingAsync(page, "nb", "Hours.Session.Title");
        Assert.True(await page.Locator("main form[method=post] input[type=radio][value=Attended]").CountAsync() > 0,
            "the class-session form lists no participant to mark as attended");
        await PhotographAsync(page, "class-session");
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_and_fits_a_phone()
    {
        await using var context = await app.NewContextAsync("nb");
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync("/reports");

        await AssertHeadingAsync(page, "nb", "Reports.Title");
        Assert.True(await page.Locator("main figure svg").CountAsync() > 0, "the dashboard draws no chart");
        await PhotographAsync(page, "dashboard");
    }

    [Theory]
    [InlineData("nb")]
    [InlineData("ar")]
    public async Task The_participants_own_start_page_shows_their_hours_in_their_language_and_fits_a_phone(string language)
    {
        var participant = await NewParticipantAsync(language);
        var logged = await LogSixWeeksAsync(participant);
        await using var context = await app.NewContextAsync(language);
        var page = await app.SignInWithIdPortenAsync(context, participant.NationalId);

        var root = await page.EvaluateAsync<string[]>(
            "() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.documentElement).direction]");
        Assert.Equal(language, root[0]);
        Assert.Equal(language == "ar" ? "rtl" : "ltr", root[2]);
        if (language == "ar")
        {
            Assert.Equal("rtl", root[1]);
        }
        await AssertHeadingAsync(page, language, "Portal.Start.Heading");
        await AssertProgressShowsAsync(page, logged);
        await PhotographAsync(page, $"portal-{language}");
    }

    /// <summary>
    /// A participant of the test's own in the demo coordinator's municipality, who reads <paramref name="language"/>.
    /// The name is made up and the same in every run, so the README's pictures change only when the pages do.
    /// </summary>
    private Task<TestParticipant> NewParticipantAsync(string language) =>
        app.Services.CreateParticipantAsync("4601", d => d with { GivenName = "Leyla", FamilyName = "Rahimi", PreferredLanguage = language });

    /// <summary>
    /// Six weeks of an ordinary timetable up to yesterday: Norwegian every weekday, social studies on Tuesdays and
    /// Thursdays, work practice on Wednesdays. Returns the Norwegian and social studies totals.
    /// </summary>
    private async Task<(decimal Norwegian, decimal SocialStudies)> LogSixWeeksAsync(TestParticipant participant)
    {
        decimal norwegian = 0m, socialStudies = 0m;
        for (var day = TestClock.Today.AddDays(-42); day < TestClock.Today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            await app.Services.LogHoursAsync(participant, day, HourCategory.Norwegian, 3m);
            norwegian += 3m;
            if (day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday)
            {
                await app.Services.LogHoursAsync(participant, day, HourCategory.SocialStudies, 2m);
                socialStudies += 2m;
            }
            if (day.DayOfWeek == DayOfWeek.Wednesday)
            {
                await app.Services.LogHoursAsync(participant, day, HourCategory.WorkOriented, 4m);
            }
        }
        return (norwegian, socialStudies);
    }

    private static async Task<string> HeadingAsync(IPage page) => (await page.Locator("main h1").InnerTextAsync()).Trim();

    /// <summary>
    /// The page's heading reads as the UI text <paramref name="key"/> in <paramref name="language"/>, where "{0}"
    /// stands for a name. The message names the key and the address, not the heading (it may hold a name).
    /// </summary>
    private static async Task AssertHeadingAsync(IPage page, string language, string key)
    {
        var template = UiTexts.Instance.Find(key, CultureInfo.GetCultureInfo(language))
                       ?? throw new InvalidOperationException($"There is no UI text '{key}'.");
        var heading = await HeadingAsync(page);
        var parts = template.Split("{0}");
        var matches = parts.Length == 1
            ? heading == template.Trim()
            : heading.StartsWith(parts[0].TrimStart(), StringComparison.Ordinal)
              && heading.EndsWith(parts[^1].TrimEnd(), StringComparison.Ordinal)
              && heading.Length > template.Trim().Length - "{0}".Length;
        Assert.True(matches, $"the heading of {new Uri(page.Url).AbsolutePath} does not read as '{key}' in {language}");
    }

    /// <summary>The progress bars of the two hour requirements stand at the hours logged.</summary>
    private static async Task AssertProgressShowsAsync(IPage page, (decimal Norwegian, decimal SocialStudies) logged)
    {
        var values = await page.Locator("main progress").EvaluateAllAsync<string[]>("bars => bars.map(b => b.getAttribute('value'))");
        foreach (var hours in new[] { logged.Norwegian, logged.SocialStudies })
        {
            var expected = hours.ToString("0.##", CultureInfo.InvariantCulture);
            Assert.True(values.Contains(expected),
                $"no progress bar on {new Uri(page.Url).AbsolutePath} stands at {expected} hours (values: {string.Join(", ", values)})");
        }
    }

    /// <summary>
    /// Checks that the page does not scroll sideways at phone width, then takes what a phone shows and what a desktop
    /// shows, each only the viewport (the top of the page, as a reader first sees it).
    /// </summary>
    private static async Task PhotographAsync(IPage page, string name)
    {
        foreach (var (viewport, suffix) in new[] { (BrowserApp.Phone, "phone"), (BrowserApp.Desktop, "desktop") })
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            var widths = await page.EvaluateAsync<int[]>("""
                async () => {
                    await document.fonts.ready;
                    window.scrollTo(0, 0);
                    return [document.documentElement.scrollWidth, document.documentElement.clientWidth];
                }
                """);
            Assert.True(widths[0] <= widths[1],
                $"{new Uri(page.Url).AbsolutePath} scrolls sideways at {viewport.Width} px ({widths[0]} > {widths[1]})");
            await BrowserApp.ViewportScreenshotAsync(page, BrowserApp.ReadmeScreenshotDirectory, $"{name}-{suffix}");
        }
    }
}
