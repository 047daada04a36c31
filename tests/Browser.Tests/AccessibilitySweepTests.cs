using System.Text;
using IntroProgram.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IntroProgram.Browser.Tests;

/// <summary>
/// Universal design (WCAG 2.1 AA, required of Norwegian public-sector services): every page each demo role can reach
/// by following links, in bokmål and in Arabic, has zero axe-core violations of the WCAG 2.0/2.1 A and AA rules,
/// does not scroll sideways on a 360 px phone, and links to the accessibility statement.
/// Staff pages have no Arabic and fall back to bokmål; they are still walked, as a staff member may have chosen
/// Arabic on the participant side of a shared device.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class AccessibilitySweepTests(BrowserApp app, ITestOutputHelper output)
{
    private const int MaxPagesPerRole = 60;
    private const int StaffPagesInArabic = 12;

    [Theory]
    [InlineData("participant", "nb")]
    [InlineData("participant", "ar")]
    [InlineData("coordinator", "nb")]
    [InlineData("coordinator", "ar")]
    [InlineData("caseworker", "nb")]
    [InlineData("caseworker", "ar")]
    [InlineData("admin", "nb")]
    [InlineData("admin", "ar")]
    [InlineData("operator", "nb")]
    [InlineData("operator", "ar")]
    public async Task Every_reachable_page_has_no_WCAG_21_AA_violations_and_fits_a_phone(string role, string language)
    {
        await using var context = await app.NewContextAsync(language);
        var page = await app.SignInAsync(context, DemoUsers.EmailOf(role));
        var problems = new List<string>();
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var summary = new StringBuilder();

        // Staff pages have no Arabic texts (they fall back to bokmål with the same markup), so in Arabic a staff role
        // is walked only as far as its main pages; the participant is walked fully in both languages.
        var staffInArabic = role != "participant" && language == "ar";
        var report = await SiteCrawler.CrawlAsync(page, app.BaseUrl, staffInArabic ? StaffPagesInArabic : MaxPagesPerRole, async (p, visited) =>
        {
            if (visited.Status != 200)
            {
                problems.Add($"{visited.Pattern}: answered {visited.Status}");
            }
            var axe = await app.Axe.CheckAsync(p);
            rules.UnionWith(axe.Rules);
            problems.AddRange(axe.Violations.Select(v => v.Describe(visited.LandedPattern)));

            var facts = await p.EvaluateAsync<PageFacts>("""
                () => ({
                    scrollWidth: document.documentElement.scrollWidth,
                    clientWidth: document.documentElement.clientWidth,
                    lang: document.documentElement.lang,
                    dir: document.documentElement.dir,
                    statementLinks: document.querySelectorAll('footer a[href="/accessibility"]').length
                })
                """);
            if (facts.ScrollWidth > facts.ClientWidth)
            {
                problems.Add($"{visited.LandedPattern}: scrolls sideways at {BrowserApp.Phone.Width} px ({facts.ScrollWidth} > {facts.ClientWidth}), widest: " +
                             string.Join(", ", await TooWideAsync(p)));
            }
            if (facts.StatementLinks != 1)
            {
                problems.Add($"{visited.LandedPattern}: no link to the accessibility statement in the footer");
            }
            if ((facts.Dir == "rtl") != (facts.Lang == "ar"))
            {
                problems.Add($"{visited.LandedPattern}: lang=\"{facts.Lang}\" with dir=\"{facts.Dir}\"");
            }
            if (role == "participant" && facts.Lang != language)
            {
                problems.Add($"{visited.LandedPattern}: a participant page in {language} says lang=\"{facts.Lang}\"");
            }
            summary.AppendLine($"  {visited.LandedPattern} [{facts.Lang}/{facts.Dir}] {axe.Rules.Count} rules, {axe.Violations.Count} violations");

            // The role's main pages (the start page and what it links to) are photographed for people to look at.
            if (visited.Depth <= 1 && !staffInArabic)
            {
                var name = $"{role}-{language}-{SiteCrawler.Slug(visited.LandedPattern)}";
                await BrowserApp.ScreenshotAsync(p, name + "-phone");
                await p.SetViewportSizeAsync(BrowserApp.Desktop.Width, BrowserApp.Desktop.Height);
                await BrowserApp.ScreenshotAsync(p, name + "-desktop");
                await p.SetViewportSizeAsync(BrowserApp.Phone.Width, BrowserApp.Phone.Height);
            }
        });

        var headline = $"{role}/{language}: {report.Pages.Count} pages, {rules.Count} distinct axe rules run" +
                       (report.CappedAt is { } cap ? $" (stopped at {cap} pages)" : "");
        output.WriteLine(headline);
        output.WriteLine(summary.ToString());
        await SweepLog.WriteAsync(role, language, headline, summary.ToString(), report.Pages.Count, rules);

        Assert.True(report.Pages.Count > 1, $"{role}/{language}: the start page links to no other page");
        Assert.True(problems.Count == 0, headline + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    /// <summary>The innermost elements that reach past the right edge, as tag#id.class (never their text).</summary>
    private static Task<string[]> TooWideAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const limit = document.documentElement.clientWidth;
            const wide = [...document.body.querySelectorAll('*')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.right > limit + 1 && !e.classList.contains('ds-skip-link');
            });
            const leaves = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                [...e.classList].map(c => '.' + c).join('') + '(' + Math.round(e.getBoundingClientRect().width) + 'px)';
            return [...new Set(leaves.map(e => (e.parentElement ? name(e.parentElement) + ' > ' : '') + name(e)))].slice(0, 5);
        }
        """);

    private sealed class PageFacts
    {
        public int ScrollWidth { get; set; }
        public int ClientWidth { get; set; }
        public string Lang { get; set; } = "";
        public string Dir { get; set; } = "";
        public int StatementLinks { get; set; }
    }
}
