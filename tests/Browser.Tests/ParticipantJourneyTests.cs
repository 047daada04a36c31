using IntroProgram.Web.Tests.Support;
using IntroProgram.Browser.Tests.Support;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>
/// The programme as people live it, across roles, in one browser each: a coordinator logs a class session, the
/// participant (who reads Arabic) sees the new hours on their own pages. Each step is a method on
/// <see cref="ParticipantJourney"/>, so later steps (a caseworker issues a certificate, the participant downloads it)
/// are appended to the same journey.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ParticipantJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_class_session_logged_by_the_coordinator_shows_on_the_participants_own_pages_in_Arabic()
    {
        await using var journey = new ParticipantJourney(app);
        await journey.ParticipantSignsInAndSwitchesToArabicAsync();
        var before = await journey.ParticipantReadsOwnPagesAsync();

        await journey.CoordinatorLogsClassSessionAsync(hours: 3.25m);

        var after = await journey.ParticipantReadsOwnPagesAsync();
        ParticipantJourney.AssertSomePageGrewBy(before, after, 3.25m);
        await BrowserApp.ScreenshotAsync(journey.Participant, "journey-participant-ar-after-session");

        var number = await journey.CaseworkerEndsTheProgrammeAndIssuesACertificateAsync();
        await journey.ParticipantDownloadsTheCertificateAsync(number);
    }
}

/// <summary>The shared state of the journey: one signed-in browser context per person.</summary>
public sealed class ParticipantJourney(BrowserApp app) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private IPage? _participant;

    public IPage Participant => _participant ?? throw new InvalidOperationException("The participant has not signed in.");

    /// <summary>The demo participant signs in on a phone in bokmål and picks Arabic in the language switcher.</summary>
    public async Task ParticipantSignsInAndSwitchesToArabicAsync()
    {
        var context = await app.NewContextAsync("nb");
        _contexts.Add(context);
        _participant = await app.SignInAsync(context, DemoUsers.Participant);
        var switcher = _participant.Locator("select:has(option[value=ar])");
        await switcher.SelectOptionAsync("ar");
        await _participant.Locator("form:has(select:has(option[value=ar])) button[type=submit]").ClickAsync();
        await _participant.WaitForFunctionAsync("() => document.documentElement.lang === 'ar'");
        Assert.Equal("rtl", await _participant.EvaluateAsync<string>("() => document.documentElement.dir"));
    }

    /// <summary>The text of every page the participant can reach from their start page, by route pattern.</summary>
    public async Task<Dictionary<string, string>> ParticipantReadsOwnPagesAsync()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await SiteCrawler.CrawlAsync(Participant, app.BaseUrl, 30, async (page, visited) =>
        {
            Assert.Equal("ar", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            texts[visited.LandedPattern] = await page.InnerTextAsync("main");
        });
        return texts;
    }

    /// <summary>
    /// The participant's coordinator ticks them as attended in today's Norwegian class (everyone else in the list
    /// stays "not in this group").
    /// </summary>
    public async Task CoordinatorLogsClassSessionAsync(decimal hours)
    {
        var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        _contexts.Add(context);
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync("/hours/session?all=true");
        await page.FillAsync("#Date", TestClock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#Category", "Norwegian");
        await page.FillAsync("#Hours", hours.ToString(System.Globalization.CultureInfo.GetCultureInfo("nb")));
        await page.FillAsync("#Title", "Norsk A2, gruppe 3");
        // The demo login takes the name of the participant it follows; the header greets them by it.
        var words = (await Participant.InnerTextAsync(".site-user")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var row = page.Locator("tbody tr");
        foreach (var word in words)
        {
            row = row.Filter(new LocatorFilterOptions { HasTextString = word.Trim(',') });
        }
        Assert.True(await row.CountAsync() == 1,
            $"the participant's row was not found once among {await page.Locator("tbody tr").CountAsync()} rows of the class-session form");
        await row.Locator("input[type=radio][value=Attended]").CheckAsync();
        await page.Locator("form[method=post][action='/hours/session'] button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Equal(0, await page.Locator("#error-summary").CountAsync());
        Assert.DoesNotContain("/hours/session?", page.Url, StringComparison.Ordinal);
    }

    /// <summary>
    /// The caseworker records that the programme was completed today and issues the participation certificate from
    /// the participant's certificate page; returns the certificate's number.
    /// </summary>
    public async Task<string> CaseworkerEndsTheProgrammeAndIssuesACertificateAsync()
    {
        var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        _contexts.Add(context);
        var page = await app.SignInAsync(context, DemoUsers.Caseworker);
        var id = await ParticipantIdAsync();
        await page.GotoAsync($"/participants/{id}/decisions/new/end");
        await page.FillAsync("#DecidedOn", TestClock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#Reason", "Fullført etter planen.");
        await page.CheckAsync("input[name=Outcome][value=Completed]");
        await BrowserApp.NavigateByAsync(page, () => page.Locator("main form[method=post] button[type=submit]").Last.ClickAsync());
        Assert.Equal(0, await page.Locator("#error-summary").CountAsync());

        await page.GotoAsync($"/participants/{id}/certificates");
        var issue = page.Locator($"form[action='/participants/{id}/certificates/issue/participation'] button[type=submit]");
        // The first certificate of the run starts the PDF browser, which takes seconds on a busy machine.
        await BrowserApp.NavigateByAsync(page, () => issue.ClickAsync(), TimeSpan.FromSeconds(120));
        Assert.Matches("/certificates/[0-9a-f-]{36}$", page.Url);
        var heading = await page.InnerTextAsync("main h1");
        var number = System.Text.RegularExpressions.Regex.Match(heading, @"\d{4}-\d{4}-\d{5}").Value;
        Assert.False(string.IsNullOrEmpty(number), $"no certificate number in the heading of {page.Url}");
        return number;
    }

    /// <summary>The participant (still reading Arabic) finds the certificate on their pages and downloads the PDF.</summary>
    public async Task ParticipantDownloadsTheCertificateAsync(string number)
    {
        await Participant.GotoAsync("/me/certificates");
        Assert.Equal("rtl", await Participant.EvaluateAsync<string>("() => document.documentElement.dir"));
        var link = Participant.Locator("main a[href$='/pdf']").Filter(new LocatorFilterOptions { HasTextString = number });
        Assert.Equal(1, await link.CountAsync());
        var download = await Participant.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        try
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
            Assert.Contains(number, await PdfTextAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
        await BrowserApp.ScreenshotAsync(Participant, "journey-participant-ar-certificates");
    }

    private static async Task<string> PdfTextAsync(string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"])
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    private async Task<Guid> ParticipantIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var login = await scope.ServiceProvider.GetRequiredService<UserLookup>().FindByEmailAsync(DemoUsers.Participant)
            ?? throw new InvalidOperationException("The demo participant login is missing.");
        await using var tenant = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(login.TenantId);
        return await tenant.ServiceProvider.GetRequiredService<AppDbContext>().Participants.AsNoTracking()
            .Where(p => p.UserId == login.UserId).Select(p => p.Id).SingleAsync();
    }

    public static void AssertSomePageGrewBy(Dictionary<string, string> before, Dictionary<string, string> after, decimal hours)
    {
        var grown = after.Where(p =>
        {
            var was = before.TryGetValue(p.Key, out var text) ? PageText.Numbers(text) : [];
            var now = PageText.Numbers(p.Value);
            return now.Except(was).Any(n => was.Contains(n - hours));
        }).Select(p => p.Key).ToList();
        Assert.True(grown.Count > 0,
            $"No page of the participant shows a number that grew by {hours} hours. Pages read: {string.Join(", ", after.Keys)}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}
