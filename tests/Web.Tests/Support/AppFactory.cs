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
    private static string BaseName => Environment.GetEnvironmentVariable("INTROPROGRAM_TEST_DB") is { Length: > 0 } name ? name : "introprogram_test_web";

    private static readonly Lazy<(string Owner, string App)> SharedDatabase = new(() => TestDatabase.Create(BaseName));

    private readonly Lazy<(string Owner, string App)> _database;

    /// <summary>The app over the database the whole test project shares.</summary>
    public AppFactory() => _database = SharedDatabase;

    private AppFactory(Lazy<(string Owner, string App)> database) => _database = database;

    /// <summary>The app over a database of its own (the shared name with <paramref name="suffix"/>), for tests that must not share.</summary>
    public static AppFactory WithOwnDatabase(string suffix) => new(new(() => TestDatabase.Create(BaseName + "_" + suffix)));

    public string OwnerConnectionString => _database.Value.Owner;
    public string AppConnectionString => _database.Value.App;
    public InMemoryOutbox Outbox { get; } = new();
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// The configuration every test run of the app has, in process or as a process of its own (<see cref="AppProcess"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> TestConfiguration => new Dictionary<string, string>
    {
        ["ConnectionStrings:Owner"] = OwnerConnectionString,
        ["ConnectionStrings:App"] = AppConnectionString,
        ["Security:RequireTwoFactorForOperators"] = "false",
        ["Security:SecurityStampValidationInterval"] = "00:00:00",
        ["Security:LoginAttemptsPerMinute"] = "10000",
        ["App:PublicBaseUrl"] = "http://localhost",
        ["ParticipantData:NationalIdLookupKey"] = "test-only-lookup-key-0123456789-abcdefghij",
        ["ParticipantData:AllowSyntheticNationalIds"] = "true",
        // Scheduled jobs are driven by the tests themselves; the cluster tests start their own scheduler nodes.
        ["Jobs:RunScheduler"] = "false",
    }.Concat(TestClock.AppSettings).ToDictionary();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in TestConfiguration)
        {
            builder.UseSetting(key, value);
        }
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

    /// <summary>Each database is migrated once per process, by whichever factory gets there first.</summary>
    private static class Migrations
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static readonly HashSet<string> Done = [];

        public static async Task EnsureAsync(string owner, string app)
        {
            await Gate.WaitAsync();
            try
            {
                if (!Done.Contains(owner))
                {
                    await DatabaseMigrator.MigrateAsync(owner, app);
                    Done.Add(owner);
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
