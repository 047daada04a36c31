using System.Net;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntroProgram.Web.Tests.Security;

/// <summary>
/// Links sent to people and printed on certificates point at the app's configured public address (App:PublicBaseUrl),
/// never at whatever host a request names: a forged Host header must not put an attacker's site into an invitation
/// mail or a certificate's QR code.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class PublicAddressTests(AppFactory app)
{
    private const string Attacker = "attacker.example";
    /// <summary>App:LocalBaseUrl in appsettings.json: what Development and the tests use when no public address is set.</summary>
    private const string LocalDefault = "http://localhost:5000";

    [Fact]
    public async Task Without_a_public_address_an_invitation_link_uses_the_configured_default_not_the_host_header()
    {
        await using var server = WithoutPublicAddress();
        using var admin = ClientFor(server);
        await admin.LoginOkAsync(Demo.BergenAdmin);
        var email = $"vert-{Guid.NewGuid():N}@test.introprogram.no";

        var invited = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
        {
            ["DisplayName"] = "Vera Vert", ["Email"] = email, ["Roles"] = "coordinator",
        });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var body = app.Outbox.LastTo(email).Body;
        Assert.DoesNotContain(Attacker, body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(LocalDefault + "/account/invitation?", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_address_a_certificates_qr_link_uses_the_configured_default_not_the_host_header()
    {
        var world = await app.CaseworkerWorldAsync();
        world.Client.Dispose();
        var participant = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
        await using var server = WithoutPublicAddress();
        using var caseworker = ClientFor(server);
        await caseworker.LoginOkAsync(world.Caseworker.Email);

        var certificate = CertificateTestSupport.CertificateIdFrom(await caseworker.IssueAsync(participant.Id, "evidence"));

        var details = TestClient.Decode(await caseworker.GetPageAsync($"/certificates/{certificate}"));
        Assert.Contains(LocalDefault + "/verify/", details, StringComparison.Ordinal);
        var pdf = await (await caseworker.GetAsync($"/certificates/{certificate}/pdf")).Content.ReadAsByteArrayAsync();
        var text = await CertificateTestSupport.PdfTextAsync(pdf);
        Assert.Contains(LocalDefault + "/verify/", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Attacker, details + text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("intro.kommune.no")]
    [InlineData("ftp://intro.kommune.no")]
    [InlineData("https://intro.kommune.no/?x=1")]
    public void Outside_development_the_app_refuses_to_start_without_a_usable_public_address(string value)
    {
        using var staging = app.WithWebHostBuilder(b => b.UseEnvironment("Staging").UseSetting("App:PublicBaseUrl", value));
        var error = Assert.ThrowsAny<Exception>(() => staging.CreateClient());
        Assert.Contains("App__PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_app_starts_with_a_public_address()
    {
        await using var staging = app.WithWebHostBuilder(b => b.UseEnvironment("Staging").UseSetting("App:PublicBaseUrl", "https://intro.kommune.no"));
        using var client = staging.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private WebApplicationFactory<Program> WithoutPublicAddress() => app.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", ""));

    /// <summary>A browser whose requests name the attacker's host.</summary>
    private static TestClient ClientFor(WebApplicationFactory<Program> server) => new(server.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{Attacker}"),
    }));
}
