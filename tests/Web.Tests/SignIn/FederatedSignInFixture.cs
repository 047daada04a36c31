using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.SignIn;

/// <summary>The app in process with ID-porten configured against the local OpenID provider, which runs beside it.</summary>
public sealed class FederatedSignInFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();
    public TestIdp Idp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Idp = await TestIdp.StartAsync("http://localhost");
        App.Settings["IdPorten:Authority"] = Idp.Issuer("idporten");
        App.Settings["IdPorten:ClientId"] = TestIdp.IdPortenClientId;
        App.Settings["IdPorten:ClientSecret"] = TestIdp.Secret;
        App.Settings["FederatedSignIn:AllowHttpProviders"] = "true";
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Idp.DisposeAsync();
    }

    /// <summary>A municipality of the test's own whose staff provider is <paramref name="issuer"/> of the local provider.</summary>
    public async Task<string> MunicipalityWithProviderAsync(string issuer, bool passwordAllowed = true, string? authority = null,
        string? clientId = null)
    {
        var number = await App.CreateMunicipalityAsync();
        await SetProviderAsync(number, authority ?? Idp.Issuer(issuer), clientId ?? TestIdp.StaffClientId(issuer), passwordAllowed);
        return number;
    }

    /// <param name="byAnotherNode">Saved as another node would: this node is not told, and must notice by itself.</param>
    public async Task SetProviderAsync(string number, string authority, string clientId, bool passwordAllowed, bool byAnotherNode = false)
    {
        var tenant = await App.MunicipalityIdAsync(number);
        await using var scope = App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<StaffProviderSecrets>();
        var row = await db.StaffSignInProviders.SingleOrDefaultAsync();
        if (row is null)
        {
            row = new StaffSignInProvider();
            db.StaffSignInProviders.Add(row);
        }
        row.Authority = authority;
        row.ClientId = clientId;
        row.ClientSecretProtected = secrets.Protect(TestIdp.Secret);
        row.EmailClaim = "email";
        row.PasswordSignInAllowed = passwordAllowed;
        row.UpdatedAt = TestClock.Now;
        await db.SaveChangesAsync();
        if (!byAnotherNode)
        {
            await App.Services.GetRequiredService<StaffProviderSchemes>().ForgetAsync(number);
        }
    }

    /// <summary>One person's browser: the app's cookies in one client, the provider's in another.</summary>
    public FederatedBrowser NewBrowser() => new(App.CreateTestClient(), Idp.CreateBrowserSide());
}

/// <summary>What a browser does through a sign-in, one redirect at a time, so a test can change any step.</summary>
public sealed partial class FederatedBrowser(TestClient app, HttpClient idp) : IDisposable
{
    public TestClient App { get; } = app;
    public HttpClient Idp { get; } = idp;

    /// <summary>"Logg inn med ID-porten": the app's answer is the way to the provider.</summary>
    public async Task<Uri> StartIdPortenAsync() => (await StartIdPortenWithCookiesAsync()).Authorize;

    /// <summary>The same, with the correlation and nonce cookies the app set ("name=value"), for replay tests.</summary>
    public async Task<(Uri Authorize, string Cookies)> StartIdPortenWithCookiesAsync()
    {
        var response = await App.GetAsync("/account/idporten");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set)
            ? string.Join("; ", set.Select(c => c.Split(';')[0]).Where(c => c.StartsWith(".AspNetCore.", StringComparison.Ordinal)))
            : "";
        return (response.Headers.Location!, cookies);
    }

    /// <summary>
    /// The e-mail-first step of a staff sign-in. Where the municipality has a provider the post answers a page that leads
    /// on (a link, as CSP form-action allows no redirect off the site after a post); its link's answer is returned: the
    /// way to the municipality's provider, or the login page with a message.
    /// </summary>
    public async Task<HttpResponseMessage> StartStaffAsync(string email) =>
        await FollowToProviderAsync(App, await App.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = email }));

    public static async Task<HttpResponseMessage> FollowToProviderAsync(TestClient app, HttpResponseMessage posted)
    {
        if (posted.StatusCode == HttpStatusCode.OK && (await posted.Content.ReadAsStringAsync()).Contains("href=\"/account/login/provider\"", StringComparison.Ordinal))
        {
            return await app.GetAsync("/account/login/provider");
        }
        return posted;
    }

    /// <summary>
    /// At the provider: opens the sign-in page the app sent the browser to, picks the person and submits. Returns the
    /// callback address the provider sends the browser back to (with code and state), not yet opened.
    /// </summary>
    public async Task<Uri> AtProviderAsync(Uri authorize, IDictionary<string, string> fields)
    {
        var response = await Idp.GetAsync(authorize);
        var interaction = FollowToInteraction(authorize, response);
        var page = await Idp.GetAsync(interaction);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var posted = await Idp.PostAsync(interaction, new FormUrlEncodedContent(fields));
        var next = Resolve(interaction, posted);
        for (var hop = 0; hop < 5; hop++)
        {
            if (next.Host != interaction.Host || next.Port != interaction.Port)
            {
                return next;
            }
            var answer = await Idp.GetAsync(next);
            next = Resolve(next, answer);
        }
        throw new InvalidOperationException("The provider did not send the browser back.");
    }

    /// <summary>Opens the callback in the app: its answer (a redirect to /me, /, or a refusal page).</summary>
    public Task<HttpResponseMessage> CallbackAsync(Uri callback) => App.GetAsync(callback.PathAndQuery);

    public static Dictionary<string, string> Person(string nationalId, string acr = FederatedSignIn.Substantial, string? tamper = null) => new()
    {
        ["choice"] = "other", ["pid"] = nationalId, ["acr"] = acr, ["locale"] = "nb", ["tamper"] = tamper ?? "",
    };

    public static Dictionary<string, string> Staff(string email, bool mfa = true, string? tamper = null) => new()
    {
        ["choice"] = "other", ["email"] = email, ["amr"] = mfa ? "pwd mfa" : "pwd", ["tamper"] = tamper ?? "",
    };

    /// <summary>Whether the app now holds a session: /me or / open without a redirect to the sign-in page.</summary>
    public async Task<bool> IsSignedInAsync()
    {
        var response = await App.GetAsync("/account/two-factor/setup");
        return response.StatusCode == HttpStatusCode.OK || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) != true);
    }

    private static Uri FollowToInteraction(Uri from, HttpResponseMessage response)
    {
        var location = Resolve(from, response);
        Assert.Contains("/interaction/", location.AbsolutePath, StringComparison.Ordinal);
        return location;
    }

    private static Uri Resolve(Uri from, HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"Expected a redirect, got {(int)response.StatusCode}.");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(from, location);
    }

    public void Dispose()
    {
        App.Dispose();
        Idp.Dispose();
    }
}
