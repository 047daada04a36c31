using IntroProgram.Browser.Tests.Support;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>Keyboard-only use: the skip link comes first and lands on the main content; forms are filled and sent with keys alone.</summary>
[Collection(BrowserSuite.Name)]
public sealed class KeyboardTests(BrowserApp app)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/accessibility")]
    public async Task The_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(string path)
    {
        await using var context = await app.NewContextAsync("nb");
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("ds-skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        Assert.True(await page.Locator(".ds-skip-link").IsVisibleAsync(), "the skip link stays invisible when focused");
        await AssertFocusIsVisibleAsync(page);

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task Signing_in_works_with_the_keyboard_alone()
    {
        await using var context = await app.NewContextAsync("nb");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await TabToAsync(page, "Email");
        await page.Keyboard.TypeAsync(DemoUsers.Coordinator);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Password", await ActiveIdAsync(page));
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.TypeAsync(DemoUsers.Password);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("form[action*='logout'] button").CountAsync());
    }

    [Fact]
    public async Task A_coordinator_logs_hours_with_the_keyboard_alone()
    {
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        var id = await app.NewParticipantIdAsync();
        await page.GotoAsync($"/participants/{id}/hours/new");

        // Bad input first: Enter sends the form, and the error summary takes the focus.
        await TabToAsync(page, "Hours");
        await page.Keyboard.TypeAsync("0,1");
        await BrowserApp.NavigateByAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("error-summary", await ActiveIdAsync(page));

        await TabToAsync(page, "Category");
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "Hours");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("1,5");
        await BrowserApp.NavigateByAsync(page, () => page.Keyboard.PressAsync("Enter"));

        Assert.Equal(0, await page.Locator("#error-summary").CountAsync());
        Assert.True(await page.Locator("main .ds-alert[data-color=success], .ds-alert[data-color=success]").First.IsVisibleAsync(), "no confirmation after logging hours");
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement.id");

    /// <summary>Presses Tab until the element with this id has focus; fails if it is not reachable in 40 stops.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await ActiveIdAsync(page) == id)
            {
                return;
            }
        }
        Assert.Fail($"#{id} cannot be reached with Tab on {new Uri(page.Url).AbsolutePath}");
    }

    /// <summary>The focused element draws a visible focus indicator (WCAG 2.4.7).</summary>
    private static async Task AssertFocusIsVisibleAsync(IPage page)
    {
        var outline = await page.EvaluateAsync<string>("""
            () => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }
            """);
        Assert.False(outline.StartsWith("none", StringComparison.Ordinal) && outline.EndsWith("none", StringComparison.Ordinal),
            $"no visible focus indicator ({outline})");
    }
}
