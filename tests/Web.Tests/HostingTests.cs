using System.Net;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntroProgram.Web.Tests;

[Collection(AppSuite.Name)]
public sealed class HostingTests(AppFactory app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string url)
    {
        using var client = app.CreateTestClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_strict_security_headers_and_no_server_banner()
    {
        using var client = app.CreateTestClient();
        var response = await client.GetAsync("/account/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", page);
        Assert.DoesNotContain(" style=\"", page);
    }

    [Fact]
    public async Task The_apps_database_sessions_run_without_jit_or_parallel_workers_unless_the_connection_string_says_otherwise()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntroProgram.Infrastructure.Data.AppDbContext>();
        Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
        Assert.Equal("0", await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync());
        var source = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(); // the app's singleton: not disposed here
        Assert.Contains("jit=off", new NpgsqlConnectionStringBuilder(source.ConnectionString).Options, StringComparison.Ordinal);

        var kept = new NpgsqlConnectionStringBuilder(IntroProgram.Infrastructure.DependencyInjection.WithSessionDefaults("Host=h;Options=-c statement_timeout=5s"));
        Assert.Equal("-c statement_timeout=5s -c jit=off -c max_parallel_workers_per_gather=0", kept.Options);
        var chosen = new NpgsqlConnectionStringBuilder(IntroProgram.Infrastructure.DependencyInjection.WithSessionDefaults(
            "Host=h;Options=-c jit=on -c max_parallel_workers_per_gather=2"));
        Assert.Equal("-c jit=on -c max_parallel_workers_per_gather=2", chosen.Options);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database_for_every_node()
    {
        using var client = app.CreateTestClient();
        await client.GetPageAsync("/account/login"); // issuing an antiforgery token needs a key
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task Anonymous_requests_for_unknown_pages_are_sent_to_login_like_every_other_page()
    {
        using var client = app.CreateTestClient();
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_answer_404_with_a_page_in_bokmal_to_a_signed_in_user()
    {
        using var client = app.CreateTestClient();
        await client.LoginOkAsync(Demo.BergenCaseworker);
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Vi finner ikke siden", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(410)]
    [InlineData(418)]
    [InlineData(599)]
    [InlineData(999)]
    public async Task The_error_page_answers_404_for_a_status_the_app_never_uses(int status)
    {
        using var client = app.CreateTestClient();
        var response = await client.GetAsync($"/error/{status}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Vi finner ikke siden", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(409)]
    [InlineData(413)]
    [InlineData(415)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task The_error_page_answers_with_a_status_the_app_uses(int status)
    {
        using var client = app.CreateTestClient();
        var response = await client.GetAsync($"/error/{status}");
        Assert.Equal(status, (int)response.StatusCode);
    }
}

/// <summary>A factory of its own, with a low limit, so the limit does not disturb the other tests.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LowLimitFactory>
{
    private readonly LowLimitFactory _app;

    public RateLimitTests(LowLimitFactory app) => _app = app;

    public sealed class LowLimitFactory : IAsyncLifetime
    {
        public AppFactory App { get; } = new();

        public Task InitializeAsync()
        {
            App.Settings["Security:LoginAttemptsPerMinute"] = "3";
            return App.InitializeAsync();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429()
    {
        using var client = _app.App.CreateTestClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.LoginAsync("nobody@nowhere.example", "wrong-password-x")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
