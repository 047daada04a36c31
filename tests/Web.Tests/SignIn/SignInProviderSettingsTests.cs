using System.Net;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.SignIn;

/// <summary>A tenant admin sets up the municipality's own provider under Innstillinger.</summary>
[Collection(AppSuite.Name)]
public sealed class SignInProviderSettingsTests(AppFactory app)
{
    [Fact]
    public async Task Provider_is_saved_with_the_secret_encrypted_and_never_shown_again()
    {
        var (number, client) = await AdminAsync();
        const string secret = "a-client-secret-only-this-test-knows";

        var saved = await client.PostFormAsync("/admin/settings", "/admin/settings/sign-in-provider", Fields(secret));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = await ProviderAsync(number);
        Assert.NotNull(row);
        Assert.Equal("https://login.example.invalid/kommune/v2.0", row.Authority);
        Assert.DoesNotContain(secret, row.ClientSecretProtected, StringComparison.Ordinal);
        var page = await client.GetPageAsync("/admin/settings");
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain(row.ClientSecretProtected, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_on_plain_http_is_refused_outside_development()
    {
        var (number, client) = await AdminAsync();
        var fields = Fields("secret-secret");
        fields["Authority"] = "http://login.example.invalid/kommune";

        var answer = await client.PostFormAsync("/admin/settings", "/admin/settings/sign-in-provider", fields);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(await ProviderAsync(number));
    }

    [Fact]
    public async Task Provider_can_be_removed_and_an_empty_secret_keeps_the_stored_one()
    {
        var (number, client) = await AdminAsync();
        await client.PostFormAsync("/admin/settings", "/admin/settings/sign-in-provider", Fields("first-secret"));
        var first = (await ProviderAsync(number))!.ClientSecretProtected;

        await client.PostFormAsync("/admin/settings", "/admin/settings/sign-in-provider", Fields(""));
        Assert.Equal(first, (await ProviderAsync(number))!.ClientSecretProtected);

        await client.PostFormAsync("/admin/settings", "/admin/settings/sign-in-provider/remove", new Dictionary<string, string>());
        Assert.Null(await ProviderAsync(number));
    }

    [Fact]
    public async Task Provider_settings_are_for_the_tenant_admin_only()
    {
        var number = await app.CreateMunicipalityAsync();
        var coordinator = await app.CreateUserAsync(number, "coordinator");
        var client = app.CreateTestClient();
        await client.LoginOkAsync(coordinator.Email);

        var answer = await client.PostFormAsync("/participants", "/admin/settings/sign-in-provider", Fields("secret-secret"));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/account/access-denied", answer.Headers.Location?.AbsolutePath);
        Assert.Null(await ProviderAsync(number));
    }

    private static Dictionary<string, string> Fields(string secret) => new()
    {
        ["Authority"] = "https://login.example.invalid/kommune/v2.0", ["ClientId"] = "introprogram", ["ClientSecret"] = secret,
        ["EmailClaim"] = "preferred_username", ["PasswordSignInAllowed"] = "true",
    };

    private async Task<(string Number, TestClient Client)> AdminAsync()
    {
        var number = await app.CreateMunicipalityAsync();
        var admin = await app.CreateUserAsync(number, "tenant_admin");
        var client = app.CreateTestClient();
        await client.LoginOkAsync(admin.Email);
        return (number, client);
    }

    private async Task<Domain.Tenancy.StaffSignInProvider?> ProviderAsync(string number)
    {
        var tenant = await app.MunicipalityIdAsync(number);
        await using var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().StaffSignInProviders.AsNoTracking().SingleOrDefaultAsync();
    }
}
