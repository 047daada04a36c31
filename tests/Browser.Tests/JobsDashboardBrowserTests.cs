using IntroProgram.Browser.Tests.Support;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>Hangfire's dashboard works in a real browser under the app's security headers: nothing refused, nothing from elsewhere.</summary>
[Collection(BrowserSuite.Name)]
public sealed class JobsDashboardBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task An_operator_uses_the_jobs_dashboard_with_no_refused_script_or_style_and_nothing_loaded_from_elsewhere()
    {
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = await app.SignInAsync(context, DemoUsers.Operator);
        var problems = new List<string>();
        var foreign = new List<string>();
        page.Console += (_, message) =>
        {
            // The app's own pages have no icon, so the browser's guess at /favicon.ico is answered 404; not the dashboard's.
            if (message.Type == "error" && !message.Location.StartsWith(app.BaseUrl + "/favicon.ico", StringComparison.Ordinal))
            {
                problems.Add(message.Text + " (" + message.Location + ")");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        await page.GotoAsync("/platform/overview");
        await BrowserApp.NavigateByAsync(page, () => page.Locator("main a[href='/platform/jobs']").ClickAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("IntroProgram", await page.TitleAsync(), StringComparison.Ordinal);
        foreach (var path in new[] { "/platform/jobs/recurring", "/platform/jobs/servers", "/platform/jobs/jobs/succeeded" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        // The dashboard's own script was allowed to load and run.
        await page.GotoAsync("/platform/jobs");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof Hangfire !== 'undefined' && typeof jQuery !== 'undefined'"), "the dashboard's script did not run");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(foreign.Count == 0, string.Join("\n", foreign));
    }
}
