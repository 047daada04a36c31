using IntroProgram.Infrastructure.Mail;
using IntroProgram.Migrations;
using IntroProgram.Seeds;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntroProgram.Web.Tests.Support;

/// <summary>The real app over a real PostgreSQL database, migrated and seeded with the demo data once per run.</summary>
public sealed class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly Lazy<(string Owner, string App)> Database = new(() => TestDatabase.Create(Environment.GetEnvironmentVariable("INTROPROGRAM_TEST_DB") is { Length: > 0 } name ? name : "introprogram_test_web"));

    public string OwnerConnectionString => Database.Value.Owner;
    public string AppConnectionString => Database.Value.App;
    public InMemoryOutbox Outbox { get; } = new();
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Owner", OwnerConnectionString);
        builder.UseSetting("ConnectionStrings:App", AppConnectionString);
        builder.UseSetting("Security:RequireTwoFactorForOperators", "false");
        builder.UseSetting("Security:SecurityStampValidationInterval", "00:00:00");
        builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("App:PublicBaseUrl", "http://localhost");
        builder.UseSetting("ParticipantData:NationalIdLookupKey", "test-only-lookup-key-0123456789-abcdefghij");
        builder.UseSetting("ParticipantData:AllowSyntheticNationalIds", "true");
        // Scheduled jobs are driven by the tests themselves; the cluster tests start their own scheduler nodes.
        builder.UseSetting("Jobs:RunScheduler", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // Mail is the one truly external part: messages are kept in memory for the tests to read.
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IOutbox>(Outbox)));
    }

    public async Task InitializeAsync()
    {
        await Migrations.EnsureAsync(OwnerConnectionString, AppConnectionString);
        await Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public TestClient CreateTestClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Migrating is done once per process, whichever factory gets there first.</summary>
    private static class Migrations
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static bool _done;

        public static async Task EnsureAsync(string owner, string app)
        {
            await Gate.WaitAsync();
            try
            {
                if (!_done)
                {
                    await DatabaseMigrator.MigrateAsync(owner, app);
                    _done = true;
                }
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}

public sealed class InMemoryOutbox : IOutbox
{
    private readonly List<OutgoingMessage> _messages = [];

    public Task SendAsync(OutgoingMessage message, CancellationToken ct = default)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }
        return Task.CompletedTask;
    }

    public OutgoingMessage LastTo(string email)
    {
        lock (_messages)
        {
            return _messages.Last(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppSuite : ICollectionFixture<AppFactory>
{
    public const string Name = "app";
}
