using System.Diagnostics;
using IntroProgram.Infrastructure.Pdf;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>
/// Run with nothing else at the same time: these tests tell "their" Chromium processes from others by which appeared
/// while they ran, and kill them. Any other test rendering a certificate then (the kill tests' app process, another
/// collection's app) would start Chromium processes of its own that the tests would count or kill.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChromiumAlone
{
    public const string Name = "Chromium alone";
}

/// <summary>The Chromium renderer on its own: reuse, recovery after the browser dies, no network, shutdown.</summary>
[Collection(ChromiumAlone.Name)]
public sealed class PdfRendererTests
{
    private static PdfRenderer NewRenderer(TimeSpan? timeout = null) => new(Options.Create(new PdfOptions
    {
        ChromiumPath = Environment.GetEnvironmentVariable("Pdf__ChromiumPath") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        PoolSize = 2,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    }), NullLogger<PdfRenderer>.Instance);

    private const string Html = "<!DOCTYPE html><html lang=\"nb\"><body><h1>Prøve på æøå</h1></body></html>";

    [Fact]
    public async Task Documents_share_one_browser_and_render_in_parallel()
    {
        await using var renderer = NewRenderer();

        var pdfs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => renderer.RenderAsync(Html)));

        Assert.All(pdfs, pdf => Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5)));
        Assert.Equal(1, renderer.BrowserStarts);
        Assert.Contains("Prøve på æøå", await CertificateTestSupport.PdfTextAsync(pdfs[0]));
    }

    [Fact]
    public async Task A_browser_that_dies_is_replaced_and_the_next_document_still_renders()
    {
        var before = OwnChromiumProcesses();
        await using var renderer = NewRenderer();
        await renderer.RenderAsync(Html);

        // Several rounds, the document asked for straight after the kill: Playwright notices a dead browser a moment
        // later, so the renderer must recover whether the pooled page or a new page is the first to fail.
        for (var round = 1; round <= 4; round++)
        {
            var killed = Kill(OwnChromiumProcesses().Except(before));
            var pdf = await renderer.RenderAsync(Html);

            Assert.True(killed > 0, $"round {round}: no Chromium process of this test process was found");
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
            Assert.Equal(round + 1, renderer.BrowserStarts);
        }
    }

    [Fact]
    public async Task A_page_that_tries_to_load_from_the_network_still_renders_without_it()
    {
        await using var renderer = NewRenderer(TimeSpan.FromSeconds(60));
        var html = "<html><body><p>Uten nett</p><img src=\"http://192.0.2.1/tracker.png\" alt=\"\"><link rel=\"stylesheet\" href=\"https://example.invalid/x.css\"></body></html>";

        var pdf = await renderer.RenderAsync(html);

        // Had the requests gone out, the unroutable image would have held the page past the timeout.
        Assert.Contains("Uten nett", await CertificateTestSupport.PdfTextAsync(pdf));
        Assert.Equal(2, renderer.BlockedRequests);
    }

    [Fact]
    public async Task A_document_that_takes_longer_than_the_timeout_is_abandoned_and_the_next_one_renders()
    {
        await using var renderer = NewRenderer(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<PdfRenderingException>(() => renderer.RenderAsync(Html));

        await using var patient = NewRenderer();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await patient.RenderAsync(Html), 0, 5));
    }

    [Fact]
    public async Task Disposing_closes_the_browser()
    {
        var before = OwnChromiumProcesses();
        var renderer = NewRenderer();
        await renderer.RenderAsync(Html);
        var started = OwnChromiumProcesses().Except(before).ToList();

        await renderer.DisposeAsync();
        await Task.Delay(500);

        Assert.NotEmpty(started);
        Assert.Empty(OwnChromiumProcesses().Intersect(started));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => renderer.RenderAsync(Html));
    }

    /// <summary>Chromium processes descended from this test process (never another program's browser).</summary>
    private static List<int> OwnChromiumProcesses()
    {
        var self = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                names[pid] = stat[(stat.IndexOf('(') + 1)..close];
                parents[pid] = int.Parse(stat[(close + 2)..].Split(' ')[1]);
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }
        bool Descends(int pid)
        {
            for (var p = pid; p > 1 && parents.TryGetValue(p, out var parent); p = parent)
            {
                if (parent == self)
                {
                    return true;
                }
            }
            return false;
        }
        return names.Where(n => n.Value.StartsWith("chrom", StringComparison.Ordinal) && Descends(n.Key)).Select(n => n.Key).ToList();
    }

    private static int Kill(IEnumerable<int> processes)
    {
        var pids = processes.ToList();
        foreach (var pid in pids)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
        return pids.Count;
    }
}
