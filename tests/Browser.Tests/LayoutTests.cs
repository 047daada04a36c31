using IntroProgram.Browser.Tests.Support;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests;

/// <summary>
/// Layouts that fit the work: the participant list shows every column on a 1280 px laptop, and the participant page is
/// in tabs that work with the keyboard and keep the chosen tab in the address.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class LayoutTests(BrowserApp app)
{
    [Fact]
    public async Task The_participant_list_shows_all_its_columns_at_1280_px_without_scrolling()
    {
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync("/participants");

        var region = page.Locator(".table-scroll[role=region]");
        Assert.False(string.IsNullOrWhiteSpace(await region.GetAttributeAsync("aria-label")), "the list's scrolling region has no name");
        var widths = await region.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the list is {widths[0]} px wide in a {widths[1]} px region: its last columns are cut off");
        var headers = await page.Locator(".participant-list thead th").AllAsync();
        Assert.Equal(9, headers.Count);
        var viewportWidth = BrowserApp.Desktop.Width;
        foreach (var header in headers)
        {
            var box = await header.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= viewportWidth, $"the column \"{await header.InnerTextAsync()}\" is outside the screen");
        }
    }

    [Fact]
    public async Task The_participant_page_is_in_tabs_that_the_keyboard_and_the_address_choose()
    {
        var id = await app.NewParticipantIdAsync();
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync($"/participants/{id}");

        var tabs = page.Locator("[role=tablist] [role=tab]");
        Assert.Equal(["Oversikt", "Framdrift", "Timer og fravær", "Vedtak og prøver", "Attester"],
            (await tabs.AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        Assert.Equal("true", await tabs.Nth(0).GetAttributeAsync("aria-selected"));
        Assert.True(await page.Locator("#panel-overview").IsVisibleAsync());
        Assert.False(await page.Locator("#panel-progress").IsVisibleAsync(), "a panel other than the chosen one is shown");

        // Arrow keys move along the tabs and show each one's panel; End goes to the last.
        await tabs.Nth(0).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("tab-panel-progress", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.True(await page.Locator("#panel-progress").IsVisibleAsync());
        Assert.False(await page.Locator("#panel-overview").IsVisibleAsync());
        await page.Keyboard.PressAsync("End");
        Assert.Equal("true", await tabs.Nth(4).GetAttributeAsync("aria-selected"));
        Assert.EndsWith("#panel-certificates", page.Url);

        // The address chooses the tab: a reload (or a link such as the timeline's pages) opens the same one.
        await page.GotoAsync($"/participants/{id}#panel-hours");
        await page.ReloadAsync();
        Assert.Equal("true", await page.Locator("#tab-panel-hours").GetAttributeAsync("aria-selected"));
        Assert.True(await page.Locator("#panel-hours").IsVisibleAsync());
        var violations = (await app.Axe.CheckAsync(page)).Violations;
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Select(v => v.Describe("participant page, hours tab"))));
    }

    [Fact]
    public async Task In_Arabic_the_arrow_keys_follow_the_reading_direction()
    {
        var id = await app.NewParticipantIdAsync();
        await using var context = await app.NewContextAsync("nb", BrowserApp.Desktop);
        var page = await app.SignInAsync(context, DemoUsers.Coordinator);
        await page.GotoAsync($"/participants/{id}");
        // Staff pages are in bokmål or English; the tab keys follow the page's direction, so force right to left here.
        await page.EvaluateAsync("() => document.documentElement.dir = 'rtl'");

        await page.Locator("#tab-panel-overview").FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal("tab-panel-progress", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("tab-panel-overview", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }
}
