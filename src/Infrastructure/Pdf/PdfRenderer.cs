using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace IntroProgram.Infrastructure.Pdf;

public sealed class PdfOptions
{
    /// <summary>The Chromium binary; Debian's package puts it at /usr/bin/chromium.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages kept open for reuse; also the number of documents rendered at the same time.</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>A document that takes longer is abandoned and its page thrown away.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Turns our own HTML into PDF. The browser behind it is an outside program: tests stand in for it to make it fail mid-document.</summary>
public interface IPdfRenderer
{
    /// <exception cref="PdfRenderingException">The PDF could not be produced.</exception>
    Task<byte[]> RenderAsync(string html, CancellationToken ct = default);
}

/// <summary>The PDF could not be produced: the browser failed, died twice in a row, or took too long.</summary>
public sealed class PdfRenderingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Turns our own HTML into PDF with headless Chromium. One browser per process, started on first use and started
/// again if it dies; a small pool of pages reused between documents (a reused page is several times faster than a
/// new one). Pages never load anything from the network: the HTML carries its images inline and fonts are local.
/// </summary>
public sealed class PdfRenderer(IOptions<PdfOptions> options, ILogger<PdfRenderer> logger) : IPdfRenderer, IAsyncDisposable
{
    private readonly PdfOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.PoolSize));
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly ConcurrentBag<PooledPage> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private int _generation;
    private bool _disposed;

    private sealed record PooledPage(IPage Page, int Generation);

    /// <summary>How many times a browser was started by this process (1 after the first document).</summary>
    public int BrowserStarts { get; private set; }

    private long _blockedRequests;

    /// <summary>Requests a document tried to make and that were refused (documents never reach the network).</summary>
    public long BlockedRequests => Interlocked.Read(ref _blockedRequests);

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(ct);
        try
        {
            // A browser that died between documents is noticed when opening or using a page fails: replace it and try
            // once more. A page call can fail a moment before Playwright reports the browser disconnected, so the
            // failure waits briefly for that report before it is taken as the document's own.
            for (var attempt = 1; ; attempt++)
            {
                PooledPage? page = null;
                var generation = Volatile.Read(ref _generation);
                try
                {
                    page = await TakePageAsync(ct);
                    generation = page.Generation;
                    var pdf = await RenderOnAsync(page.Page, html).WaitAsync(_options.Timeout, ct);
                    _idle.Add(page);
                    return pdf;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    if (page is not null)
                    {
                        Discard(page);
                    }
                    if (e is TimeoutException)
                    {
                        throw new PdfRenderingException($"The PDF took longer than {_options.Timeout.TotalSeconds:0} s.", e);
                    }
                    var browserDied = await BrowserGoneAsync(generation, ct);
                    if (!browserDied || attempt == 2)
                    {
                        throw new PdfRenderingException("The browser failed to render the PDF.", e);
                    }
                    logger.LogWarning("The PDF browser stopped; starting a new one.");
                    await ReplaceBrowserAsync(generation, ct);
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static async Task<byte[]> RenderOnAsync(IPage page, string html)
    {
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
        // Tagged: the PDF carries a structure tree (headings, paragraphs, tables in reading order) and the document's
        // language from <html lang>, so a screen reader reads a certificate as the page is written (PDF/UA's basis).
        return await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true, Format = "A4", Tagged = true });
    }

    private async Task<PooledPage> TakePageAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var pooled))
        {
            if (pooled.Generation == _generation && !pooled.Page.IsClosed && _browser is { IsConnected: true })
            {
                return pooled;
            }
            Discard(pooled);
        }
        var (context, generation) = await EnsureBrowserAsync(ct);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)_options.Timeout.TotalMilliseconds);
        return new PooledPage(page, generation);
    }

    /// <summary>
    /// Whether the browser of the given generation is gone (or already replaced). A browser killed mid-call is
    /// reported disconnected shortly after the call fails; a browser still connected after the wait is alive.
    /// </summary>
    private async Task<bool> BrowserGoneAsync(int generation, CancellationToken ct)
    {
        for (var waited = 0; ; waited += 50)
        {
            if (Volatile.Read(ref _generation) != generation || _browser is not { IsConnected: true })
            {
                return true;
            }
            if (waited >= 2000)
            {
                return false;
            }
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Closes the browser of the given generation so the next page starts a new one; a newer browser is left alone.</summary>
    private async Task ReplaceBrowserAsync(int generation, CancellationToken ct)
    {
        await _startLock.WaitAsync(ct);
        try
        {
            if (_generation == generation)
            {
                await CloseBrowserAsync();
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task<(IBrowserContext Context, int Generation)> EnsureBrowserAsync(CancellationToken ct)
    {
        await _startLock.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } && _context is not null)
            {
                return (_context, _generation);
            }
            await CloseBrowserAsync();
            var started = Stopwatch.StartNew();
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ChromiumPath,
                Headless = true,
                // Containers give /dev/shm 64 MiB; Chromium then crashes on large pages unless it uses /tmp.
                Args = ["--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-extensions"],
            });
            _context = await _browser.NewContextAsync(new BrowserNewContextOptions
            {
                JavaScriptEnabled = false,
                Offline = true,
                Locale = "nb-NO",
            });
            // Our templates are self-contained; anything that tries to leave the page is refused.
            await _context.RouteAsync("**/*", route =>
            {
                if (route.Request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    return route.ContinueAsync();
                }
                Interlocked.Increment(ref _blockedRequests);
                return route.AbortAsync("blockedbyclient");
            });
            Interlocked.Increment(ref _generation);
            BrowserStarts++;
            logger.LogInformation("PDF browser started in {Milliseconds} ms.", started.ElapsedMilliseconds);
            return (_context, _generation);
        }
        finally
        {
            _startLock.Release();
        }
    }

    private static void Discard(PooledPage page)
    {
        if (!page.Page.IsClosed)
        {
            _ = page.Page.CloseAsync().ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private async Task CloseBrowserAsync()
    {
        var browser = _browser;
        _browser = null;
        _context = null;
        if (browser is null)
        {
            return;
        }
        try
        {
            await browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone: that is why it is being replaced.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await CloseBrowserAsync();
        _playwright?.Dispose();
        _playwright = null;
    }
}
