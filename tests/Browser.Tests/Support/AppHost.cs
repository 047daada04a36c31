using System.Net;
using IntroProgram.Migrations;
using IntroProgram.Seeds;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Browser.Tests.Support;

/// <summary>
/// The real app served by Kestrel on 127.0.0.1 (a free port) over a throw-away database that is migrated and seeded
/// with the demo data, so a real browser can talk to it over HTTP.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    private readonly (string Owner, string App) _database;
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "introprogram-browser-outbox-" + Guid.NewGuid().ToString("N"));

    private readonly string _idp;

    /// <param name="idp">The local OpenID provider's address: ID-porten is configured against its "idporten" issuer.</param>
    public AppHost(string idp)
    {
        _idp = idp;
        // Its own database beside the Web tests' (the projects run at the same time), never the same one.
        _database = TestDatabase.Create((Environment.GetEnvironmentVariable("INTROPROGRAM_TEST_DB") is { Length: > 0 } name
            ? name : "introprogram_test") + "_browser");
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Owner", _database.Owner);
        builder.UseSetting("ConnectionStrings:App", _database.App);
        builder.UseSetting("Security:RequireTwoFactorForOperators", "false");
        builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("ParticipantData:NationalIdLookupKey", "test-only-lookup-key-0123456789-abcdefghij");
        builder.UseSetting("ParticipantData:AllowSyntheticNationalIds", "true");
        builder.UseSetting("Jobs:RunScheduler", "false");
        builder.UseSetting("Outbox:Path", _outbox);
        builder.UseSetting("IdPorten:Authority", _idp + "/idporten");
        builder.UseSetting("IdPorten:ClientId", TestIdp.IdPortenClientId);
        builder.UseSetting("IdPorten:ClientSecret", TestIdp.Secret);
        builder.UseSetting("FederatedSignIn:AllowHttpProviders", "true");
        foreach (var (key, value) in TestClock.AppSettings)
        {
            builder.UseSetting(key, value);
        }
        if (Environment.GetEnvironmentVariable("Pdf__ChromiumPath") is not { Length: > 0 })
        {
            builder.UseSetting("Pdf:ChromiumPath", BrowserApp.ChromiumPath);
        }
    }

    public async Task StartAsync()
    {
        await DatabaseMigrator.MigrateAsync(_database.Owner, _database.App);
        StartServer();
        await Services.GetRequiredService<DemoSeeder>().SeedAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }
}
