using System.Net;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests;

[Collection(AppSuite.Name)]
public sealed class LoginTests(AppFactory app)
{
    [Fact]
    public async Task Login_with_the_right_password_signs_in_and_opens_the_start_page()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCoordinator);
        var start = await client.GetPageAsync("/");
        Assert.Contains("Programrådgiver", TestClient.Decode(start));
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_refused_with_a_message_in_bokmal()
    {
        using var client = app.CreateTestClient();
        var response = await client.LoginAsync(Demo.BergenCaseworker, "not-the-right-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-postadressen eller passordet er feil.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ip.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Login_with_an_unknown_address_gives_the_same_message_as_a_wrong_password()
    {
        using var client = app.CreateTestClient();
        var response = await client.LoginAsync("nobody@nowhere.example", "whatever-password-here");
        Assert.Contains("E-postadressen eller passordet er feil.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Login_page_answers_in_english_when_the_language_cookie_says_so()
    {
        using var client = app.CreateTestClient();
        client.Http.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var response = await client.LoginAsync(Demo.BergenCaseworker, "not-the-right-password");
        Assert.Contains("The e-mail address or password is wrong.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Account_is_locked_after_five_failed_attempts_even_with_the_right_password_after()
    {
        var user = await app.CreateUserAsync("4601", "coordinator");
        using var client = app.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(user.Email, "wrong-password-" + i);
        }
        var response = await client.LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertRefusedAsAWrongPassword(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_sent_at_the_same_moment_each_count_and_lock_the_account()
    {
        var user = await app.CreateUserAsync("4601", "coordinator");
        var guessers = Enumerable.Range(0, 5).Select(_ => app.CreateTestClient()).ToList();
        try
        {
            // Each password check takes tens of milliseconds, so all five read the user before any has counted.
            var guesses = await Task.WhenAll(guessers.Select((c, i) => c.LoginAsync(user.Email, "wrong-password-" + i)));
            Assert.All(guesses, g => Assert.Equal(HttpStatusCode.OK, g.StatusCode));

            using var owner = app.CreateTestClient();
            var response = await owner.LoginAsync(user.Email);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertRefusedAsAWrongPassword(response, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            guessers.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_copy_of_the_user_read_before_a_lockout_cannot_undo_it_when_saved()
    {
        var user = await app.CreateUserAsync("4601", "coordinator");
        using var first = app.CreateTestClient();
        await first.LoginAsync(user.Email, "wrong-password-0"); // one failure counted before the copy is read
        await using var earlier = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId);
        var earlierUsers = earlier.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var staleCopy = (await earlierUsers.FindByIdAsync(user.Id.ToString()))!;
        Assert.Equal(1, staleCopy.AccessFailedCount);

        await using (var guesses = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId))
        {
            var users = guesses.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var target = (await users.FindByIdAsync(user.Id.ToString()))!;
            for (var i = 1; i < 5; i++)
            {
                Assert.True((await users.AccessFailedAsync(target)).Succeeded);
            }
            Assert.True(await users.IsLockedOutAsync(target));
        }

        // Saving the copy read before the failures (a sign-in that had just succeeded resets the count) is refused
        // as a conflict, so the lockout stays.
        var reset = await earlierUsers.ResetAccessFailedCountAsync(staleCopy);

        Assert.False(reset.Succeeded);
        await using var after = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId);
        var afterUsers = after.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await afterUsers.IsLockedOutAsync((await afterUsers.FindByIdAsync(user.Id.ToString()))!));
    }

    [Fact]
    public async Task Logout_makes_a_copied_session_cookie_worthless()
    {
        using var client = app.CreateTestClient();
        var login = await client.LoginAsync(Demo.TromsoCoordinator);
        var stolen = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ip.auth=", StringComparison.Ordinal)).Split(';')[0];
        var page = await client.GetPageAsync("/");

        var logout = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("__RequestVerificationToken", TestClient.AntiforgeryToken(page))]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var thief = app.CreateTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", stolen);
        var response = await thief.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivating_a_municipality_ends_its_users_open_sessions()
    {
        var number = await app.CreateMunicipalityAsync();
        var user = await app.CreateUserAsync(number, "coordinator");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await app.SetMunicipalityActiveAsync(number, false);
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in()
    {
        var target = await app.CreateUserAsync("4601", "caseworker");
        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var response = await admin.PostFormAsync($"/admin/users/{target.Id}", $"/admin/users/{target.Id}/active",
            new Dictionary<string, string> { ["active"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var client = app.CreateTestClient();
        var login = await client.LoginAsync(target.Email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        AssertRefusedAsAWrongPassword(login, await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_refused_sign_in_costs_one_password_check_whatever_the_account_state()
    {
        // Without the password check a locked or deactivated account (or an unknown address) was refused in a few
        // milliseconds instead of the ~100 ms of hashing: the time alone told an attacker which accounts exist and in
        // what state. Counted, not timed: every refusal verifies one password hash, like a wrong password.
        var checks = new PasswordChecks();
        await using var server = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton(checks);
            s.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AppUser>, CountingPasswordHasher>());
        }));
        var wrong = await app.CreateUserAsync("4601", "caseworker");
        var deactivated = await app.CreateUserAsync("4601", "caseworker");
        await app.InTenantAsync(deactivated.TenantId!.Value, async db =>
            await db.Users.Where(u => u.Id == deactivated.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var locked = await app.CreateUserAsync("4601", "caseworker");
        using var client = new TestClient(server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(locked.Email, "wrong-password-" + i);
        }

        foreach (var (email, password) in new[]
                 {
                     (wrong.Email, "not-the-right-password"), (deactivated.Email, TestClient.DemoPassword),
                     (locked.Email, TestClient.DemoPassword), ($"nobody-{Guid.NewGuid():N}@test.introprogram.no", TestClient.DemoPassword),
                 })
        {
            checks.Reset();
            using var response = await client.LoginAsync(email, password);
            AssertRefusedAsAWrongPassword(response, await response.Content.ReadAsStringAsync());
            Assert.Equal(1, checks.Count);
        }
    }

    private sealed class PasswordChecks
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);

        public void Reset() => Volatile.Write(ref _count, 0);
    }

    /// <summary>The real hasher, counting how often a password is verified.</summary>
    private sealed class CountingPasswordHasher(PasswordChecks checks, IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _hasher = new(options);

        public string HashPassword(AppUser user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            checks.Add();
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>One message for every refused sign-in, and no session.</summary>
    private static void AssertRefusedAsAWrongPassword(HttpResponseMessage response, string body)
    {
        var text = TestClient.Decode(body);
        Assert.Contains("E-postadressen eller passordet er feil.", text);
        Assert.DoesNotContain("låst", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deaktivert", text, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ip.auth=", StringComparison.Ordinal)));
    }
}
