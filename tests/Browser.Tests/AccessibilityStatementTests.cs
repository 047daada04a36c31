using IntroProgram.Browser.Tests.Support;

namespace IntroProgram.Browser.Tests;

/// <summary>The accessibility statement (required of Norwegian public services) is one click away for everyone.</summary>
[Collection(BrowserSuite.Name)]
public sealed class AccessibilityStatementTests(BrowserApp app)
{
    [Fact]
    public async Task An_anonymous_visitor_reaches_the_statement_from_the_footer_of_the_login_page()
    {
        await using var context = await app.NewContextAsync("nb");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        var arrived = page.WaitForURLAsync(url => url.EndsWith("/accessibility", StringComparison.Ordinal));
        await page.Locator("footer a[href='/accessibility']").ClickAsync();
        await arrived;

        var text = await page.InnerTextAsync("main");
        Assert.Contains("WCAG 2.1", text, StringComparison.Ordinal);
        Assert.Contains("AA", text, StringComparison.Ordinal);
        Assert.Contains("axe-core", text, StringComparison.Ordinal);
        Assert.Contains("tastatur", text, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("main a[href^='https://www.uutilsynet.no']").CountAsync());
        var axe = await app.Axe.CheckAsync(page);
        Assert.Empty(axe.Violations);
    }

    [Fact]
    public async Task The_statement_reads_right_to_left_in_Arabic()
    {
        await using var context = await app.NewContextAsync("ar");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/accessibility");

        Assert.Equal("ar", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
        Assert.Contains("WCAG 2.1", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("بيان إمكانية الوصول", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
    }
}
