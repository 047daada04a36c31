using System.Net;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests;

[Collection(AppSuite.Name)]
public sealed class AuthorizationTests(AppFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/admin/settings")]
    [InlineData("/platform/municipalities")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string url)
    {
        using var client = app.CreateTestClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Demo.BergenCoordinator, "/admin/users")]
    [InlineData(Demo.BergenCaseworker, "/admin/settings")]
    [InlineData(Demo.BergenParticipant, "/admin/users")]
    [InlineData(Demo.BergenAdmin, "/platform/municipalities")]
    [InlineData(Demo.Operator, "/admin/users")]
    public async Task Signed_in_users_without_the_role_are_refused(string email, string url)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(email);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var denied = await client.GetAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Theory]
    [InlineData(Demo.BergenAdmin, "/admin/users")]
    [InlineData(Demo.BergenAdmin, "/admin/settings")]
    [InlineData(Demo.Operator, "/platform/municipalities")]
    public async Task Users_with_the_role_open_the_page(string email, string url)
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_rejected()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        var response = await client.Http.PostAsync("/admin/settings", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["RequireTwoFactorForStaff"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_post_with_a_token_from_another_session_is_rejected()
    {
        using var other = app.CreateTestClient();
        var foreignToken = TestClient.AntiforgeryToken(await other.GetPageAsync("/account/login"));
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenAdmin);
        var response = await client.Http.PostAsync("/admin/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RequireTwoFactorForStaff"] = "true", ["__RequestVerificationToken"] = foreignToken,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Removing_a_role_takes_effect_in_the_users_open_session()
    {
        var target = await app.CreateUserAsync("4601", "tenant_admin");
        using var targetClient = app.CreateTestClient();
        await targetClient.LoginOkAsync(target.Email);
        Assert.Equal(HttpStatusCode.OK, (await targetClient.GetAsync("/admin/users")).StatusCode);

        using var admin = app.CreateTestClient();
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var saved = await admin.PostFormAsync($"/admin/users/{target.Id}", $"/admin/users/{target.Id}/roles",
            new Dictionary<string, string> { ["roles"] = "coordinator" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await targetClient.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
