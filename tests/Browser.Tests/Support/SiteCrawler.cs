using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests.Support;

/// <summary>
/// Walks every same-origin link reachable from the start page, breadth first, one page per route pattern (ids are
/// replaced, so /participants/{id} is visited once however many participants the list shows). New pages built by
/// anyone are picked up as soon as a reachable page links to them.
/// </summary>
public static partial class SiteCrawler
{
    /// <summary>
    /// Downloads, exports and sign-out are not pages to check (and sign-out would end the walk); /platform/jobs is
    /// Hangfire's own dashboard for operators, not our pages (tests/Browser.Tests/JobsDashboardBrowserTests.cs).
    /// </summary>
    private static readonly string[] Skipped = ["logout", "/pdf", "download", "export", ".csv", "/error", "/css/", "/js/", "/health", "/platform/jobs"];

    public static async Task<CrawlReport> CrawlAsync(IPage page, string baseUrl, int maxPages, Func<IPage, CrawledPage, Task> visit)
    {
        var queue = new Queue<(string Url, int Depth)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var report = new CrawlReport();
        queue.Enqueue(("/", 0));
        seen.Add(PatternOf("/"));
        while (queue.Count > 0)
        {
            var (url, depth) = queue.Dequeue();
            if (report.Pages.Count >= maxPages)
            {
                report.CappedAt = maxPages;
                break;
            }
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                // A link to a file (a PDF preview, an export) is not a page; the page that links to it was checked.
                report.Downloads.Add(PatternOf(url));
                continue;
            }
            var landed = new Uri(page.Url);
            var crawled = new CrawledPage(PatternOf(url), landed.PathAndQuery == url ? PatternOf(url) : PatternOf(landed.PathAndQuery),
                response?.Status ?? 0, depth);
            report.Pages.Add(crawled);
            await visit(page, crawled);
            var links = await page.EvalOnSelectorAllAsync<string[]>(
                "a[href]:not([download])", "els => els.map(e => e.href)");
            foreach (var link in links)
            {
                if (!link.StartsWith(baseUrl + "/", StringComparison.Ordinal))
                {
                    continue;
                }
                var local = link[baseUrl.Length..];
                var hash = local.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                {
                    local = local[..hash];
                }
                if (local.Length == 0 || Skipped.Any(s => local.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                if (seen.Add(PatternOf(local)))
                {
                    queue.Enqueue((local, depth + 1));
                }
            }
        }
        return report;
    }

    /// <summary>/participants/3f2c…/hours/new?page=2&amp;sort=name → /participants/{id}/hours/new?page&amp;sort</summary>
    public static string PatternOf(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var query = question < 0 ? "" : pathAndQuery[(question + 1)..];
        path = Guid().Replace(path, "{id}");
        path = Number().Replace(path, "/{n}");
        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }
        var keys = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Uri.UnescapeDataString(p.Split('=')[0]))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return keys.Count == 0 ? path : path + "?" + string.Join("&", keys);
    }

    /// <summary>A file-name-safe form of a route pattern.</summary>
    public static string Slug(string pattern)
    {
        var slug = NotSlug().Replace(pattern.Replace("{id}", "id", StringComparison.Ordinal).Replace("{n}", "n", StringComparison.Ordinal), "-").Trim('-');
        return slug.Length == 0 ? "start" : slug;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("/[0-9]+(?=/|$)")]
    private static partial Regex Number();

    [GeneratedRegex("[^a-zA-Z0-9]+")]
    private static partial Regex NotSlug();
}

public sealed class CrawlReport
{
    public List<CrawledPage> Pages { get; } = [];
    public List<string> Downloads { get; } = [];
    public int? CappedAt { get; set; }
}

/// <summary>One visited page: its route pattern (no ids, no personal data), where it landed, status and link depth.</summary>
public sealed record CrawledPage(string Pattern, string LandedPattern, int Status, int Depth);
