using IntroProgram.Web.Tests.Support;
using System.Reflection;
using Microsoft.Playwright;

namespace IntroProgram.Browser.Tests.Support;

/// <summary>
/// One app and one Chromium for the whole project: starting them is the slow part, and every test opens its own
/// browser context (its own cookies), so tests do not see each other's sign-ins.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public static readonly string ProjectDirectory = typeof(BrowserApp).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BrowserTestsProjectDirectory").Value!;

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    /// <summary>Debian's Chromium; Playwright cannot download its own browsers on this machine.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("Pdf__ChromiumPath") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("INTROPROGRAM_SCREENSHOTS") is { Length: > 0 } path
            ? path : Path.Combine(RepositoryRoot, "TestResults", "screenshots");

    /// <summary>
    /// Where the README's pictures go: docs/screenshots when `./build.sh screenshots` sets INTROPROGRAM_README_SCREENSHOTS,
    /// otherwise beside the other screenshots, so that an ordinary test run never changes a file in the repository.
    /// </summary>
    public static string ReadmeScreenshotDirectory =>
        Environment.GetEnvironmentVariable("INTROPROGRAM_README_SCREENSHOTS") is { Length: > 0 } path
            ? path : Path.Combine(ScreenshotDirectory, "readme");

    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    // The local OpenID provider's port is chosen first: the app is configured with its address, and the provider
    // (started once the app's own address is known) with the app's.
    private static readonly int IdpPort = TestIdp.FreePort();
    private readonly AppHost _host = new($"http://127.0.0.1:{IdpPort}");
    private TestIdp? _idp;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl => _host.BaseUrl;
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");
    public Axe Axe { get; } = Axe.Load(ProjectDirectory);
    public IServiceProvider Services => _host.Services;
    public TestIdp Idp => _idp ?? throw new InvalidOperationException("The provider has not started.");

    public async Task InitializeAsync()
    {
        await _host.StartAsync();
        _idp = await TestIdp.StartAsync(_host.BaseUrl, IdpPort);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await _host.DisposeAsync();
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
    }

    /// <summary>
    /// A participant of the test's own in the demo coordinator's municipality (Bergen), active since 60 days before
    /// the test clock's today: never "the first row" of the demo data, whose state depends on the date.
    /// </summary>
    public async Task<string> NewParticipantIdAsync() =>
        (await Services.CreateParticipantAsync("4601")).Id.ToString();

    /// <summary>
    /// A fresh browser context (no cookies) with the UI language chosen the way the language switcher remembers it,
    /// phone-sized unless told otherwise: the product is mobile first.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string? language = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? Phone,
            Locale = "nb-NO",
        });
        // Generous: the test command runs the Web tests on the same two cores at the same time, and a page that answers
        // in 50 ms alone has been seen to need over 15 s under that load. Speed is measured by the benchmarks, not here.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        if (language is not null)
        {
            // Chosen with the real switcher (signed out, every language is offered), which remembers it in a cookie.
            // Always submitted, also for bokmål: without a choice a participant gets the language on their record.
            var page = await context.NewPageAsync();
            await page.GotoAsync("/accessibility");
            var form = page.Locator($"form:has(select option[value='{language}'])");
            await form.Locator("select").SelectOptionAsync(language);
            await NavigateByAsync(page, () => form.Locator("button[type=submit]").ClickAsync());
            await page.CloseAsync();
        }
        return context;
    }

    /// <summary>Signs in through the real login form and lands on the start page of the user's role.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", DemoUsers.Password);
        IResponse? answer = null;
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && response.Url.Contains("/account/login", StringComparison.Ordinal))
            {
                answer = response;
            }
        };
        // Listen before clicking: a wait started after the click could miss a redirect chain that finished in between
        // (seen: the post answered 302 and the page was at /me, yet the wait ran out).
        var left = page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.Locator("main form:has(#Password) button[type=submit]").ClickAsync();
        try
        {
            await left;
        }
        catch (TimeoutException e)
        {
            // Say what the sign-in answered (status and the page's messages, no personal data) instead of only "timeout".
            var messages = await page.Locator("main [role=alert], main .ds-error-summary, main .ds-validation-message").AllInnerTextsAsync();
            throw new TimeoutException(
                $"Sign-in did not leave the login page: the post answered {(answer is null ? "nothing" : answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}, " +
                $"the page is {page.Url} titled '{await page.TitleAsync()}' with messages [{string.Join(" | ", messages)}].", e);
        }
        return page;
    }

    /// <summary>
    /// A participant signs in with ID-porten: the local provider's TestID page, with their national id typed in.
    /// Returns the page once it is back on the app's participant start page.
    /// </summary>
    public async Task<IPage> SignInWithIdPortenAsync(IBrowserContext context, string nationalId)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        // Listen before clicking, as in SignInAsync: a redirect chain can finish before a wait started afterwards.
        var atProvider = page.WaitForURLAsync(url => url.Contains("/interaction/", StringComparison.Ordinal));
        await page.Locator("main a[href='/account/idporten']").ClickAsync();
        await atProvider;
        await page.Locator("input[name=choice][value=other]").CheckAsync();
        await page.FillAsync("input[name=pid]", nationalId);
        var back = page.WaitForURLAsync(url => url.StartsWith(BaseUrl, StringComparison.Ordinal) && new Uri(url).AbsolutePath == "/me");
        await page.Locator("form button[type=submit]").ClickAsync();
        await back;
        return page;
    }

    /// <summary>Does something that loads a new document (a form post, often to the same address) and waits for it.</summary>
    /// <param name="timeout">Longer than the default for answers that start a browser of their own (PDF rendering).</param>
    public static async Task NavigateByAsync(IPage page, Func<Task> action, TimeSpan? timeout = null)
    {
        var ms = (float?)timeout?.TotalMilliseconds;
        await page.EvaluateAsync("() => { window.__beforeNavigation = true; }");
        await action();
        await page.WaitForFunctionAsync("() => !window.__beforeNavigation", null, new() { Timeout = ms });
        await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = ms });
    }

    /// <summary>Screenshots are for people to look at: the repository's TestResults/screenshots folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true,
        });
    }

    /// <summary>
    /// What the viewport shows, one CSS pixel to one image pixel, with animations stopped and the text caret hidden:
    /// small pictures that change only when the page does.
    /// </summary>
    public static async Task ViewportScreenshotAsync(IPage page, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, name + ".png"), FullPage = false, Scale = ScreenshotScale.Css,
            Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide,
        });
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
