using System.Net;
using System.Text.RegularExpressions;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests;

[Collection(AppSuite.Name)]
public sealed partial class InvitationTests(AppFactory app)
{
    [Fact]
    public async Task An_invited_staff_member_sets_a_password_once_and_signs_in_with_the_given_role()
    {
        var email = $"ny-{Guid.NewGuid():N}@bergen.test.introprogram.no";
        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var invited = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nina Ny", ["Email"] = email, ["Title"] = "saksbehandler", ["Roles"] = "caseworker",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        // The link goes to the invited person only: the admin's screen says it was sent, never what it is.
        var shown = await admin.GetPageAsync(invited.Headers.Location!.OriginalString);
        Assert.DoesNotContain("/account/invitation", shown, StringComparison.Ordinal);

        var link = LinkPattern().Match(app.Outbox.LastTo(email).Body).Value;
        var path = new Uri(link).PathAndQuery;
        using var newcomer = app.CreateTestClient();
        var page = await newcomer.GetPageAsync(path);
        Assert.Contains("Nina Ny", page);
        var weak = await newcomer.Http.PostAsync("/account/invitation", Form(page, "short", "short"));
        Assert.Contains("minst 12 tegn", TestClient.Decode(await weak.Content.ReadAsStringAsync()));

        page = await newcomer.GetPageAsync(path);
        var set = await newcomer.Http.PostAsync("/account/invitation", Form(page, "en lang og god setning", "en lang og god setning"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var reused = TestClient.Decode(await newcomer.GetPageAsync(path));
        Assert.Contains("Lenken virker ikke", reused);

        await newcomer.LoginOkAsync(email, "en lang og god setning");
        Assert.Contains("Saksbehandler", TestClient.Decode(await newcomer.GetPageAsync("/")));
    }

    [Fact]
    public async Task A_forged_invitation_token_is_refused()
    {
        var user = await app.CreateUserAsync("4601", "coordinator");
        using var client = app.CreateTestClient();
        var page = TestClient.Decode(await client.GetPageAsync($"/account/invitation?user={user.Id}&token=forged"));
        Assert.Contains("Lenken virker ikke", page);
    }

    [Fact]
    public async Task Inviting_with_an_address_used_in_another_municipality_is_refused_with_a_message()
    {
        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var response = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
        {
            ["DisplayName"] = "Duplikat", ["Email"] = Demo.TromsoCoordinator, ["Roles"] = "coordinator",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-postadressen er allerede i bruk.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Inviting_without_a_role_shows_a_field_error()
    {
        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var response = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
        {
            ["DisplayName"] = "Uten rolle", ["Email"] = $"x-{Guid.NewGuid():N}@test.introprogram.no",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Velg minst én rolle.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_operator_creates_a_municipality_whose_first_admin_can_accept_the_invitation()
    {
        var number = await app.UnusedMunicipalityNumberAsync();
        var email = $"admin-{number}-{Guid.NewGuid():N}@test.introprogram.no";
        using var op = app.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);
        var created = await op.PostFormAsync("/platform/municipalities/new", "/platform/municipalities/new", new Dictionary<string, string>
        {
            ["Name"] = "Nykommune " + number, ["Number"] = number, ["Slug"] = "ny-" + number,
            ["AdminName"] = "Første Admin", ["AdminEmail"] = email,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.DoesNotContain("/account/invitation", await op.GetPageAsync("/platform/municipalities"), StringComparison.Ordinal);

        var path = new Uri(LinkPattern().Match(app.Outbox.LastTo(email).Body).Value).PathAndQuery;
        using var admin = app.CreateTestClient();
        var page = await admin.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.PostAsync("/account/invitation",
            Form(page, "første administrator passord", "første administrator passord"))).StatusCode);
        await admin.LoginOkAsync(email, "første administrator passord");
        // A new municipality requires two-factor sign-in, so the admin is sent to enrolment first.
        var users = await admin.GetAsync("/admin/users");
        Assert.Equal("/account/two-factor/setup", users.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_blank_municipality_form_gets_field_errors_not_a_crash()
    {
        using var op = app.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);
        var response = await op.PostFormAsync("/platform/municipalities/new", "/platform/municipalities/new", new Dictionary<string, string>
        {
            ["Name"] = "", ["Number"] = "12a4", ["Slug"] = "", ["AdminName"] = "", ["AdminEmail"] = "not-an-address",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Navn må fylles ut.", page);
        Assert.Contains("Kommunenummeret må være fire sifre.", page);
        Assert.Contains("må være en gyldig e-postadresse", page);
    }

    [Fact]
    public async Task A_duplicate_municipality_number_is_refused_with_a_field_error()
    {
        using var op = app.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);
        var response = await op.PostFormAsync("/platform/municipalities/new", "/platform/municipalities/new", new Dictionary<string, string>
        {
            ["Name"] = "Bergen igjen", ["Number"] = "4601", ["Slug"] = "bergen-igjen",
            ["AdminName"] = "X", ["AdminEmail"] = $"x-{Guid.NewGuid():N}@test.introprogram.no",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("En kommune med dette kommunenummeret finnes allerede.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Sending_a_staff_invitation_again_mails_a_new_link_and_does_not_show_it()
    {
        var email = $"igjen-{Guid.NewGuid():N}@bergen.test.introprogram.no";
        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var invited = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
        {
            ["DisplayName"] = "Ivar Igjen", ["Email"] = email, ["Roles"] = "coordinator",
        });
        var details = invited.Headers.Location!.OriginalString;
        var first = LinkPattern().Match(app.Outbox.LastTo(email).Body).Value;

        var resent = await admin.PostFormAsync(details, details + "/resend", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var second = LinkPattern().Match(app.Outbox.LastTo(email).Body).Value;
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("/account/invitation", await admin.GetPageAsync(details), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string page, string password, string confirm) => new(new Dictionary<string, string>
    {
        ["User"] = Regex.Match(page, "name=\"User\" value=\"([^\"]+)\"").Groups[1].Value,
        ["Token"] = TestClient.Decode(Regex.Match(page, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value),
        ["Password"] = password, ["ConfirmPassword"] = confirm,
        ["__RequestVerificationToken"] = TestClient.AntiforgeryToken(page),
    });

    [GeneratedRegex(@"http://localhost/account/invitation\?\S+")]
    private static partial Regex LinkPattern();
}
