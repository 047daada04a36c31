using System.Net;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.SignIn;

/// <summary>
/// Staff sign-in through the municipality's own OpenID provider (the local provider's "bergen" and "tromso" issuers):
/// e-mail first, then the provider; only an existing, active staff user of that same municipality gets in.
/// </summary>
// In the app's collection: its tests make municipalities, which the form matrix must not see appear mid-snapshot.
[Collection(AppSuite.Name)]
public sealed class StaffProviderSignInTests(FederatedSignInFixture f) : IClassFixture<FederatedSignInFixture>
{
    [Fact]
    public async Task Staff_provider_signs_in_an_active_user_of_its_municipality_to_the_start_page()
    {
        var number = await f.MunicipalityWithProviderAsync("bergen");
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using var browser = f.NewBrowser();

        var start = await browser.StartStaffAsync(user.Email);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith(f.Idp.Issuer("bergen"), start.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email)));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
        Assert.True(await browser.IsSignedInAsync());
        Assert.Equal(1, await CountAuditAsync(user.TenantId!.Value, AuditAction.Login, "municipality's provider (multi-factor)"));
    }

    [Fact]
    public async Task Staff_provider_settings_saved_on_another_node_are_used_by_the_next_sign_in_here()
    {
        var number = await f.MunicipalityWithProviderAsync("bergen");
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using (var first = f.NewBrowser())
        {
            var before = await first.StartStaffAsync(user.Email);
            Assert.StartsWith(f.Idp.Issuer("bergen"), before.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        }

        // Another node saves a new provider for the municipality; this node has its options cached from the old one.
        await f.SetProviderAsync(number, f.Idp.Issuer("tromso"), TestIdp.StaffClientId("tromso"), passwordAllowed: true, byAnotherNode: true);
        using var browser = f.NewBrowser();
        var start = await browser.StartStaffAsync(user.Email);

        Assert.StartsWith(f.Idp.Issuer("tromso"), start.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email)));
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Staff_provider_of_one_municipality_cannot_sign_in_a_user_of_another()
    {
        var bergen = await f.MunicipalityWithProviderAsync("bergen");
        var tromso = await f.MunicipalityWithProviderAsync("tromso");
        var bergenUser = await f.App.CreateUserAsync(bergen, Roles.Coordinator);
        var tromsoUser = await f.App.CreateUserAsync(tromso, Roles.TenantAdmin);
        using var browser = f.NewBrowser();

        // Bergen's provider answers with the address of a Tromsø user.
        var start = await browser.StartStaffAsync(bergenUser.Email);
        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(tromsoUser.Email)));

        AssertRefused(answer, "unknown");
        Assert.False(await browser.IsSignedInAsync());
        Assert.Equal(1, await CountAuditAsync(bergenUser.TenantId!.Value, AuditAction.LoginFailed,
            "municipality's provider: no user of this municipality has the e-mail address the provider named"));
    }

    [Fact]
    public async Task Staff_provider_without_mfa_is_refused_where_the_municipality_requires_two_factor()
    {
        var number = await f.MunicipalityWithProviderAsync("bergen");
        await f.App.SetTwoFactorRequiredAsync(number, true);
        var user = await f.App.CreateUserAsync(number, Roles.Caseworker);
        using var browser = f.NewBrowser();

        var start = await browser.StartStaffAsync(user.Email);
        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email, mfa: false)));

        AssertRefused(answer, "mfa");
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task Staff_provider_mfa_counts_as_the_two_factor_a_municipality_requires()
    {
        var number = await f.MunicipalityWithProviderAsync("bergen");
        await f.App.SetTwoFactorRequiredAsync(number, true);
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using var browser = f.NewBrowser();

        var start = await browser.StartStaffAsync(user.Email);
        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email)));

        Assert.Equal("/", answer.Headers.Location?.OriginalString);
        // No enrolment in our own authenticator is asked for: the participant list opens.
        Assert.Equal(HttpStatusCode.OK, (await browser.App.GetAsync("/participants")).StatusCode);
    }

    [Fact]
    public async Task Staff_provider_cannot_sign_in_a_deactivated_user()
    {
        var number = await f.MunicipalityWithProviderAsync("bergen");
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using var browser = f.NewBrowser();
        var start = await browser.StartStaffAsync(user.Email);
        await SetUserActiveAsync(user, false);

        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email)));

        AssertRefused(answer, "inactive");
        Assert.False(await browser.IsSignedInAsync());
    }

    [Theory]
    [InlineData("aud")]
    [InlineData("nonce")]
    [InlineData("foreign")]
    public async Task Staff_provider_token_with_wrong_audience_nonce_or_from_another_municipalitys_provider_is_refused(string tamper)
    {
        var number = await f.MunicipalityWithProviderAsync("bergen");
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using var browser = f.NewBrowser();

        var start = await browser.StartStaffAsync(user.Email);
        var answer = await browser.CallbackAsync(await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email, tamper: tamper)));

        AssertRefused(answer, "failed");
        Assert.False(await browser.IsSignedInAsync());
        Assert.Equal(1, await CountAuditAsync(user.TenantId!.Value, AuditAction.LoginFailed, null));
        Assert.Equal(0, await CountAuditAsync(user.TenantId!.Value, AuditAction.Login, null));
    }

    [Fact]
    public async Task Staff_provider_answer_for_one_municipality_is_refused_at_another_municipalitys_callback()
    {
        var bergen = await f.MunicipalityWithProviderAsync("bergen");
        var tromso = await f.MunicipalityWithProviderAsync("tromso");
        var user = await f.App.CreateUserAsync(bergen, Roles.Coordinator);
        using var browser = f.NewBrowser();

        var start = await browser.StartStaffAsync(user.Email);
        var callback = await browser.AtProviderAsync(start.Headers.Location!, FederatedBrowser.Staff(user.Email));
        // Mix-up: the code and state meant for Bergen's scheme are delivered to Tromsø's callback.
        var answer = await browser.App.GetAsync(FederatedSignIn.StaffCallbackPrefix + tromso + callback.Query);

        AssertRefused(answer, "failed");
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task Staff_provider_down_gives_a_clear_message_and_password_sign_in_still_works()
    {
        var deadPort = FreePort();
        var down = await f.MunicipalityWithProviderAsync("bergen", authority: $"http://127.0.0.1:{deadPort}/gone");
        var user = await f.App.CreateUserAsync(down, Roles.Coordinator);
        var elsewhere = await f.MunicipalityWithProviderAsync("tromso");
        var other = await f.App.CreateUserAsync(elsewhere, Roles.Coordinator);
        using var browser = f.NewBrowser();

        var answer = await browser.StartStaffAsync(user.Email);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Kommunens innlogging svarer ikke", TestClient.Decode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
        // The same person with a password (the municipality allows it), and another municipality's provider, still work.
        using var withPassword = f.App.CreateTestClient();
        await withPassword.LoginOkAsync(user.Email);
        using var otherBrowser = f.NewBrowser();
        var start = await otherBrowser.StartStaffAsync(other.Email);
        Assert.Equal("/", (await otherBrowser.CallbackAsync(await otherBrowser.AtProviderAsync(start.Headers.Location!,
            FederatedBrowser.Staff(other.Email)))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Staff_password_is_not_accepted_where_the_municipality_allows_only_its_provider()
    {
        var number = await f.MunicipalityWithProviderAsync("bergen", passwordAllowed: false);
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using var client = f.App.CreateTestClient();

        var answer = await FederatedBrowser.FollowToProviderAsync(client, await client.LoginAsync(user.Email));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(f.Idp.Issuer("bergen"), answer.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/participants")).StatusCode);
    }

    [Fact]
    public async Task Staff_e_mail_alone_asks_for_the_password_where_the_municipality_has_no_provider()
    {
        var number = await f.App.CreateMunicipalityAsync();
        var user = await f.App.CreateUserAsync(number, Roles.Coordinator);
        using var browser = f.NewBrowser();

        var answer = await browser.StartStaffAsync(user.Email);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Passord må fylles ut", TestClient.Decode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
    }

    private static void AssertRefused(HttpResponseMessage answer, string reason)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(IdPortenEvents.RefusedPath + "?reason=" + reason, answer.Headers.Location?.OriginalString);
    }

    private async Task SetUserActiveAsync(TestUser user, bool active)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Users.SingleAsync(u => u.Id == user.Id);
        row.IsActive = active;
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAuditAsync(Guid tenant, AuditAction action, string? details)
    {
        await using var scope = f.App.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEvents.CountAsync(e => e.Action == action && (details == null || e.Details == details));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
