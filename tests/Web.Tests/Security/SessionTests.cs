using System.Net;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IntroProgram.Web.Tests.Security;

/// <summary>
/// Sessions end on the server, not only in the browser: after logout, a password or role change, idle time, and
/// sign-in attempts are limited. (LoginTests covers the basic lockout and a copied cookie after logout.)
/// </summary>
[Collection(AppSuite.Name)]
public sealed class SessionTests(AppFactory app)
{
    [Fact]
    public async Task Logout_in_one_browser_ends_the_users_sessions_in_every_other_browser()
    {
        var user = await app.CreateUserAsync("4601", Roles.Coordinator);
        using var phone = app.CreateTestClient();
        using var desk = app.CreateTestClient();
        await phone.LoginOkAsync(user.Email);
        await desk.LoginOkAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/participants")).StatusCode);

        await LogoutAsync(phone);

        AssertSentToLogin(await desk.GetAsync("/participants"));
        AssertSentToLogin(await phone.GetAsync("/participants"));
        // Signing in again afterwards works as before.
        using var again = app.CreateTestClient();
        await again.LoginOkAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/participants")).StatusCode);
    }

    [Fact]
    public async Task A_participants_cookie_replayed_after_logout_opens_neither_their_pages_nor_an_unsafe_request()
    {
        using var participant = app.CreateTestClient();
        var login = await participant.LoginAsync(Demo.BergenParticipant);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var stolen = AuthCookie(login);
        Assert.Equal(HttpStatusCode.OK, (await participant.GetAsync("/me")).StatusCode);

        await LogoutAsync(participant);

        using var thief = app.CreateTestClient();
        AssertSentToLogin(await SendWithCookieAsync(thief, HttpMethod.Get, "/me", stolen));
        AssertSentToLogin(await SendWithCookieAsync(thief, HttpMethod.Get, "/me/certificates", stolen));
        // An unsafe request is challenged before anything runs (a live session would have met the antiforgery check: 400).
        AssertSentToLogin(await SendWithCookieAsync(thief, HttpMethod.Post, "/account/logout", stolen, new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task A_password_change_ends_the_users_other_sessions_and_only_the_new_password_signs_in()
    {
        var user = await app.CreateUserAsync("4601", Roles.Caseworker);
        using var other = app.CreateTestClient();
        await other.LoginOkAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/certificates")).StatusCode);

        // The product has no page of its own for this yet; a change goes through Identity, which renews the stamp.
        const string newPassword = "Another-long-passphrase-2026";
        await WithUserAsync(user, async (users, stored) =>
            Assert.True((await users.ChangePasswordAsync(stored, TestClient.DemoPassword, newPassword)).Succeeded));

        AssertSentToLogin(await other.GetAsync("/certificates"));
        using var old = app.CreateTestClient();
        Assert.Equal(HttpStatusCode.OK, (await old.LoginAsync(user.Email)).StatusCode); // the form again: refused
        using var fresh = app.CreateTestClient();
        await fresh.LoginOkAsync(user.Email, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/certificates")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_by_the_admin_ends_the_users_open_sessions_and_the_next_sign_in_has_the_new_roles()
    {
        var user = await app.CreateUserAsync("4601", Roles.Coordinator);
        using var phone = app.CreateTestClient();
        using var desk = app.CreateTestClient();
        await phone.LoginOkAsync(user.Email);
        await desk.LoginOkAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/participants/new")).StatusCode);

        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var changed = await admin.PostFormAsync($"/admin/users/{user.Id}", $"/admin/users/{user.Id}/roles",
            new Dictionary<string, string> { ["roles"] = Roles.Caseworker });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal($"/admin/users/{user.Id}", changed.Headers.Location!.OriginalString);

        // Not just a narrower session: the old sessions are over.
        AssertSentToLogin(await desk.GetAsync("/participants/new"));
        AssertSentToLogin(await phone.GetAsync("/"));
        // The admin's own session is untouched.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);

        using var again = app.CreateTestClient();
        await again.LoginOkAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/certificates/batches")).StatusCode);
        var coordinatorPage = await again.GetAsync("/participants/new");
        Assert.Equal(HttpStatusCode.Redirect, coordinatorPage.StatusCode);
        Assert.StartsWith("/account/access-denied", Path(coordinatorPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_session_ends_after_the_idle_timeout_but_not_while_it_is_used()
    {
        var clock = new FakeTimeProvider(TestClock.Now);
        await using var server = WithClock(clock, ("Security:IdleTimeout", "00:10:00"));
        var user = await app.CreateUserAsync("4601", Roles.Coordinator);
        using var client = Client(server);
        await client.LoginOkAsync(user.Email);

        // Used every 9 minutes, the session outlives the 10 minutes: the timeout is counted from the last request.
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(9));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/participants")).StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5));
        AssertSentToLogin(await client.GetAsync("/participants"));
    }

    [Fact]
    public async Task The_idle_timeout_is_read_from_configuration()
    {
        var clock = new FakeTimeProvider(TestClock.Now);
        await using var server = WithClock(clock, ("Security:IdleTimeout", "00:02:00"));
        var user = await app.CreateUserAsync("4601", Roles.Caseworker);
        using var client = Client(server);
        await client.LoginOkAsync(user.Email);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/certificates")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
        AssertSentToLogin(await client.GetAsync("/certificates"));
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_count_of_failed_attempts()
    {
        var user = await app.CreateUserAsync("4601", Roles.Coordinator);
        await FailAsync(user, 4);
        using (var ok = app.CreateTestClient())
        {
            await ok.LoginOkAsync(user.Email);
        }
        await FailAsync(user, 4);

        using var client = app.CreateTestClient();
        await client.LoginOkAsync(user.Email); // 8 failures in all, but never 5 in a row
    }

    [Fact]
    public async Task A_lockout_lasts_fifteen_minutes_leaves_open_sessions_alone_and_then_the_right_password_works_again()
    {
        var user = await app.CreateUserAsync("4601", Roles.Coordinator);
        using var open = app.CreateTestClient();
        await open.LoginOkAsync(user.Email);

        using var attacker = app.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            await attacker.LoginAsync(user.Email, "wrong-password-" + i);
        }
        var locked = await attacker.LoginAsync(user.Email);
        // Refused with the message of a wrong password: the attacker does not learn that the account is locked.
        Assert.Contains("E-postadressen eller passordet er feil.", TestClient.Decode(await locked.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        // A stranger's wrong guesses do not sign the owner out of a session opened before.
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/participants")).StatusCode);

        // Identity keeps the lockout on the system clock, so the end is read and moved in the database, not waited for.
        await using var owner = new NpgsqlConnection(app.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var tenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", owner))
        {
            tenant.Parameters.Add(new NpgsqlParameter { Value = user.TenantId!.Value.ToString() });
            await tenant.ExecuteNonQueryAsync();
        }
        await using (var read = new NpgsqlCommand("SELECT lockout_end FROM users WHERE id = $1", owner))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = user.Id });
            var end = (DateTime)(await read.ExecuteScalarAsync())!;
            var left = new DateTimeOffset(end, TimeSpan.Zero) - DateTimeOffset.UtcNow;
            Assert.InRange(left, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }
        await using (var pass = new NpgsqlCommand("UPDATE users SET lockout_end = now() - interval '1 second' WHERE id = $1", owner))
        {
            pass.Parameters.Add(new NpgsqlParameter { Value = user.Id });
            Assert.Equal(1, await pass.ExecuteNonQueryAsync());
        }

        using var later = app.CreateTestClient();
        await later.LoginOkAsync(user.Email);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_per_minute_get_429_even_with_the_right_password()
    {
        await using var server = app.WithWebHostBuilder(b => b.UseSetting("Security:LoginAttemptsPerMinute", "3"));
        var user = await app.CreateUserAsync("4601", Roles.Coordinator);
        using var client = Client(server);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user.Email, "wrong-password-" + i)).StatusCode);
        }

        var limited = await client.LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.DoesNotContain(limited.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ip.auth=", StringComparison.Ordinal)));
        // The two-factor step and the invitation form share the limit; other pages do not.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostFormAsync("/account/login", "/account/login/two-factor",
            new Dictionary<string, string> { ["Code"] = "123456" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostFormAsync("/account/login", "/account/invitation",
            new Dictionary<string, string> { ["User"] = Guid.NewGuid().ToString(), ["Token"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        // The limited attempts did not count against the account: it is not locked.
        using var fresh = app.CreateTestClient();
        await fresh.LoginOkAsync(user.Email);
    }

    private WebApplicationFactory<Program> WithClock(TimeProvider clock, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
            b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(clock)));
        });

    private static TestClient Client(WebApplicationFactory<Program> server) =>
        new(server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private async Task FailAsync(TestUser user, int times)
    {
        using var client = app.CreateTestClient();
        for (var i = 0; i < times; i++)
        {
            var response = await client.LoginAsync(user.Email, "wrong-password-" + i);
            Assert.Contains("E-postadressen eller passordet er feil.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
        }
    }

    private async Task WithUserAsync(TestUser user, Func<UserManager<AppUser>, AppUser, Task> action)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await action(users, (await users.FindByIdAsync(user.Id.ToString()))!);
    }

    private static async Task LogoutAsync(TestClient client)
    {
        var page = await client.GetPageAsync("/accessibility");
        var logout = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("__RequestVerificationToken", TestClient.AntiforgeryToken(page))]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
    }

    private static string AuthCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ip.auth=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task<HttpResponseMessage> SendWithCookieAsync(TestClient client, HttpMethod method, string url, string cookie,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await client.Http.SendAsync(request);
    }

    private static string Path(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : response.Headers.Location?.OriginalString ?? "";

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=", Path(response), StringComparison.Ordinal);
    }
}
