using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace IntroProgram.Web.Tests;

[Collection(AppSuite.Name)]
public sealed partial class TwoFactorTests(AppFactory app)
{
    [Fact]
    public async Task Staff_of_a_municipality_that_requires_two_factor_can_open_nothing_but_enrolment_until_enrolled()
    {
        await app.SetTwoFactorRequiredAsync("5501", true);
        try
        {
            var user = await app.CreateUserAsync("5501", "coordinator");
            using var client = app.CreateTestClient();
            await client.LoginOkAsync(user.Email);

            var start = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            Assert.Equal("/account/two-factor/setup", start.Headers.Location!.OriginalString);
        }
        finally
        {
            await app.SetTwoFactorRequiredAsync("5501", false);
        }
    }

    [Fact]
    public async Task After_enrolment_the_start_page_opens_and_the_next_sign_in_asks_for_a_code()
    {
        await app.SetTwoFactorRequiredAsync("5501", true);
        try
        {
            var user = await app.CreateUserAsync("5501", "caseworker");
            using var client = app.CreateTestClient();
            await client.LoginOkAsync(user.Email);

            var key = await EnrolAsync(client);
            var opened = await client.GetAsync("/");
            Assert.Equal((HttpStatusCode.OK, null), (opened.StatusCode, opened.Headers.Location?.OriginalString));
            var setupAgain = await client.GetAsync("/account/two-factor/setup");
            Assert.Equal(HttpStatusCode.Redirect, setupAgain.StatusCode); // the enrolled key is never shown again

            using var again = app.CreateTestClient();
            var login = await again.LoginAsync(user.Email);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.StartsWith("/account/login/two-factor", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/")).StatusCode); // not signed in yet

            var wrong = await again.PostFormAsync("/account/login/two-factor", "/account/login/two-factor",
                new Dictionary<string, string> { ["Code"] = "000000" == Totp(key) ? "111111" : "000000" });
            Assert.Contains("Koden er feil", TestClient.Decode(await wrong.Content.ReadAsStringAsync()));

            var right = await again.PostFormAsync("/account/login/two-factor", "/account/login/two-factor",
                new Dictionary<string, string> { ["Code"] = Totp(key) });
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
        }
        finally
        {
            await app.SetTwoFactorRequiredAsync("5501", false);
        }
    }

    [Fact]
    public async Task Participants_are_not_forced_to_enrol_when_staff_must()
    {
        await app.SetTwoFactorRequiredAsync("4601", true);
        try
        {
            var user = await app.CreateUserAsync("4601", "participant");
            using var client = app.CreateTestClient();
            await client.LoginOkAsync(user.Email);
            var start = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            Assert.Equal("/me", start.Headers.Location?.OriginalString); // their own pages, not the enrolment page
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).StatusCode);
        }
        finally
        {
            await app.SetTwoFactorRequiredAsync("4601", false);
        }
    }

    [Fact]
    public async Task A_new_municipality_requires_two_factor_for_staff()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.Operator);
        var number = Random.Shared.Next(6000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostFormAsync("/platform/municipalities/new", "/platform/municipalities/new", new Dictionary<string, string>
        {
            ["Name"] = "Testkommune " + number, ["Number"] = number, ["Slug"] = "test-" + number,
            ["AdminName"] = "Test Admin", ["AdminEmail"] = $"admin-{number}@test.introprogram.no",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = TestClient.Decode(await client.GetPageAsync("/platform/municipalities"));
        var row = Regex.Match(list, $"<td>Testkommune {number}</td>.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<td>Ja</td>", row);
    }

    [Fact]
    public async Task A_sign_in_code_is_accepted_once()
    {
        var (user, key) = await EnrolledUserAsync();
        var code = Totp(key);

        using var first = await AtCodeStepAsync(user);
        var accepted = await PostCodeAsync(first, code);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (accepted.StatusCode, accepted.Headers.Location?.OriginalString));

        using var second = await AtCodeStepAsync(user);
        var replayed = await PostCodeAsync(second, code);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("Koden er feil", TestClient.Decode(await replayed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode); // not signed in
    }

    [Fact]
    public async Task A_code_of_an_earlier_time_step_than_the_last_accepted_one_is_refused()
    {
        var (user, key) = await EnrolledUserAsync();
        using var first = await AtCodeStepAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCodeAsync(first, Totp(key))).StatusCode);

        // Still inside the window a code is accepted in, but older than the one just used.
        using var second = await AtCodeStepAsync(user);
        var older = await PostCodeAsync(second, Totp(key, TestClock.Now.AddSeconds(-30)));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Contains("Koden er feil", TestClient.Decode(await older.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Two_sign_ins_at_the_same_moment_with_the_same_code_let_only_one_in()
    {
        var (user, key) = await EnrolledUserAsync();
        var clients = new[] { await AtCodeStepAsync(user), await AtCodeStepAsync(user), await AtCodeStepAsync(user) };
        try
        {
            var code = Totp(key);
            var answers = await Task.WhenAll(clients.Select(c => PostCodeAsync(c, code)));
            var seen = string.Join(", ", answers.Select(a => $"{(int)a.StatusCode} {a.Headers.Location?.OriginalString}"));
            Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Redirect && a.Headers.Location?.OriginalString == "/") == 1, seen);
            Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == clients.Length - 1, seen);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Opening_the_enrolment_page_creates_no_key_and_keeps_the_security_stamp()
    {
        var user = await app.CreateUserAsync("4601", "coordinator");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(user.Email);
        var before = await StoredKeyAndStampAsync(user);

        var page = await client.GetPageAsync("/account/two-factor/setup");
        await client.GetPageAsync("/account/two-factor/setup");

        Assert.Equal((null, before.Stamp), await StoredKeyAndStampAsync(user));
        Assert.DoesNotMatch(KeyPattern(), page);
        Assert.Contains("action=\"/account/two-factor/setup/key\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_request_creates_the_key_which_the_page_then_shows_and_the_session_goes_on()
    {
        var user = await app.CreateUserAsync("4601", "coordinator");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(user.Email);
        var before = await StoredKeyAndStampAsync(user);

        var created = await client.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup/key", new Dictionary<string, string>());

        Assert.Equal((HttpStatusCode.Redirect, "/account/two-factor/setup"), (created.StatusCode, created.Headers.Location?.OriginalString));
        var after = await StoredKeyAndStampAsync(user);
        Assert.NotNull(after.Key);
        Assert.NotEqual(before.Stamp, after.Stamp);
        var page = await client.GetPageAsync("/account/two-factor/setup"); // the renewed stamp is in this browser's cookie
        Assert.Equal(after.Key, KeyPattern().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Contains("action=\"/account/two-factor/setup/key\"", page, StringComparison.Ordinal); // a new key, if the app never got this one
        Assert.Equal(after, await StoredKeyAndStampAsync(user));
    }

    private async Task<(string? Key, string? Stamp)> StoredKeyAndStampAsync(TestUser user)
    {
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(user.TenantId);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
        return (await users.GetAuthenticatorKeyAsync(stored), stored.SecurityStamp);
    }

    /// <summary>A member of staff with two-factor sign-in on (see <see cref="EnrolAsync"/>).</summary>
    private async Task<(TestUser User, string Key)> EnrolledUserAsync()
    {
        var user = await app.CreateUserAsync("4601", "caseworker");
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(user.Email);
        return (user, await EnrolAsync(client));
    }

    /// <summary>
    /// Enrols the signed-in user and returns the key. Enrolled with the code of the previous time step, so the current
    /// one is still unused for the test's own sign-ins (each code works once).
    /// </summary>
    private static async Task<string> EnrolAsync(TestClient client)
    {
        var (setup, key) = await CreateKeyAsync(client);
        var enrol = await client.Http.PostAsync("/account/two-factor/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Totp(key, TestClock.Now.AddSeconds(-30)), ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(setup),
        }));
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        return key;
    }

    /// <summary>Asks for a key on the enrolment page (a post) and reads it from the page that then shows it.</summary>
    private static async Task<(string Page, string Key)> CreateKeyAsync(TestClient client)
    {
        var created = await client.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup/key", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await client.GetPageAsync("/account/two-factor/setup");
        return (page, KeyPattern().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
    }

    /// <summary>A browser past the password step, on the page that asks for the code.</summary>
    private async Task<TestClient> AtCodeStepAsync(TestUser user)
    {
        var client = app.CreateTestClient();
        var login = await client.LoginAsync(user.Email);
        Assert.StartsWith("/account/login/two-factor", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return client;
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(TestClient client, string code)
    {
        var page = await client.GetPageAsync("/account/login/two-factor");
        return await client.Http.PostAsync("/account/login/two-factor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code, ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page),
        }));
    }

    /// <summary>The code an authenticator app shows at <paramref name="at"/> (the app's clock, <see cref="TestClock"/>, by default).</summary>
    private static string Totp(string base32Key, DateTimeOffset? at = null) =>
        new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp((at ?? TestClock.Now).UtcDateTime);

    [GeneratedRegex("<code>([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();
}
