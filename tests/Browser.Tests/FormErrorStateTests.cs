using IntroProgram.Browser.Tests.Support;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>
/// The main forms, posted empty, show their error summary and field messages, and in that state still have zero
/// WCAG 2.1 A/AA violations (error messages are where contrast, labels and focus most often go wrong).
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class FormErrorStateTests(BrowserApp app)
{
    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("coordinator", "/participants/new")]
    [InlineData("coordinator", "/hours/session")]
    [InlineData("coordinator", "/participants/{id}/hours/new")]
    [InlineData("coordinator", "/participants/{id}/absence/new")]
    [InlineData("caseworker", "/participants/{id}/decisions/new/extension")]
    [InlineData("admin", "/admin/users/invite")]
    [InlineData("operator", "/platform/municipalities/new")]
    public async Task An_empty_form_shows_its_errors_without_accessibility_violations(string? role, string form)
    {
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = role is null ? await context.NewPageAsync() : await app.SignInAsync(context, DemoUsers.EmailOf(role));
        var path = form.Contains("{id}", StringComparison.Ordinal) ? form.Replace("{id}", await app.NewParticipantIdAsync(), StringComparison.Ordinal) : form;
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);

        await SubmitEmptyAsync(page);

        Assert.True(await page.Locator("#error-summary").IsVisibleAsync(), $"{form}: no error summary after an empty post");
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var axe = await app.Axe.CheckAsync(page);
        await BrowserApp.ScreenshotAsync(page, $"form-errors-{(role ?? "anonymous")}-{SiteCrawler.Slug(form)}");
        Assert.True(axe.Violations.Count == 0, string.Join(Environment.NewLine, axe.Violations.Select(v => v.Describe(form + " (errors shown)"))));
    }

    /// <summary>Clears every field the user types into and posts the page's main form, with the browser's own checks off.</summary>
    internal static async Task SubmitEmptyAsync(IPage page)
    {
        var form = page.Locator("main form[method=post]:has(button[type=submit]:not(.button-secondary))").Last;
        await form.EvaluateAsync("""
            f => {
                f.noValidate = true;
                f.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea')
                    .forEach(i => { i.value = ''; });
                f.querySelectorAll('select').forEach(s => {
                    const empty = [...s.options].find(o => o.value === '');
                    if (empty) { s.value = ''; }
                });
            }
            """);
        await form.Locator("button[type=submit]:not(.button-secondary)").Last.ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
