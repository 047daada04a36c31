using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Web.Tests.Support;
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

            var setup = await client.GetPageAsync("/account/two-factor/setup");
            var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var enrol = await client.Http.PostAsync("/account/two-factor/setup", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Code"] = Totp(key), ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(setup),
            }));
            Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
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

    private static string Totp(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp();

    [GeneratedRegex("<code>([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();
}
