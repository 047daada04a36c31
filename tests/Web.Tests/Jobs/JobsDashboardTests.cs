using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using IntroProgram.Infrastructure.Jobs;
using IntroProgram.Web.Hosting;
using IntroProgram.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace IntroProgram.Web.Tests.Jobs;

/// <summary>Hangfire's dashboard at /platform/jobs, its storage's privileges and its health check.</summary>
[Collection(AppSuite.Name)]
public sealed class JobsDashboardTests(AppFactory app)
{
    public static readonly string[] Pages = ["/platform/jobs", "/platform/jobs/recurring", "/platform/jobs/servers", "/platform/jobs/jobs/succeeded", "/platform/jobs/jobs/failed"];

    [Fact]
    public async Task Operators_see_the_dashboard_with_its_own_assets_and_a_relaxed_style_policy_on_that_path_only()
    {
        using var op = app.CreateTestClient();
        await op.LoginOkAsync(Demo.Operator);

        foreach (var page in Pages)
        {
            var response = await op.Http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
        }
        var html = await op.GetPageAsync("/platform/jobs");
        // Every script and style sheet comes from the app itself, under the dashboard's path.
        var assets = Regex.Matches(html, "(?:src|href)=\"([^\"]+\\.(?:js|css)[^\"]*|[^\"]*/(?:js|css)\\d+[^\"]*)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, a => Assert.StartsWith("/platform/jobs/", a));
        foreach (var asset in assets)
        {
            Assert.Equal(HttpStatusCode.OK, (await op.Http.GetAsync(asset)).StatusCode);
        }
        Assert.DoesNotContain("Host=", html); // no connection string is shown

        var other = await op.Http.GetAsync("/platform/overview");
        Assert.Contains("style-src 'self';", other.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData(Demo.BergenAdmin)]
    [InlineData(Demo.BergenCoordinator)]
    [InlineData(Demo.BergenCaseworker)]
    [InlineData(Demo.BergenParticipant)]
    [InlineData(null)]
    public async Task Everyone_else_gets_what_they_get_on_the_rest_of_platform(string? email)
    {
        using var client = app.CreateTestClient();
        if (email is not null)
        {
            await client.LoginOkAsync(email);
        }
        var reference = await client.Http.GetAsync("/platform/overview");
        Assert.NotEqual(HttpStatusCode.OK, reference.StatusCode);

        foreach (var page in Pages.Append("/platform/jobs/stats"))
        {
            var response = await client.Http.GetAsync(page);
            Assert.Equal(reference.StatusCode, response.StatusCode);
            Assert.Equal(reference.Headers.Location?.GetLeftPart(UriPartial.Path), response.Headers.Location?.GetLeftPart(UriPartial.Path));
            Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_dashboard_is_read_only_for_operators_too()
    {
        // A recurring job that never runs by itself (no server runs over this database), for the dashboard to list.
        var id = "dashboard-probe-" + Guid.NewGuid().ToString("N")[..8];
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<JobRequestSweep>(id, j => j.RunAsync(CancellationToken.None), Cron.Never());
        try
        {
            using var op = app.CreateTestClient();
            await op.LoginOkAsync(Demo.Operator);
            var html = await op.GetPageAsync("/platform/jobs/recurring");
            Assert.Contains(id, html);
            Assert.DoesNotContain("js-jobs-list-command", html); // no trigger or delete buttons
            var token = Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]*)\"").Groups[1].Value;
            var header = Regex.Match(html, "<meta name=\"csrf-header\" content=\"([^\"]*)\"").Groups[1].Value;
            Assert.NotEmpty(token);
            var jobsBefore = await JobCountAsync();

            foreach (var command in new[] { "/platform/jobs/recurring/trigger", "/platform/jobs/recurring/remove" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, command)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = id, ["__RequestVerificationToken"] = token }),
                };
                if (header.Length > 0)
                {
                    request.Headers.Add(header, token);
                }
                var response = await op.Http.SendAsync(request);
                // Hangfire answers 401 to every command of a read-only dashboard (after the antiforgery check passed).
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            Assert.Equal(jobsBefore, await JobCountAsync()); // nothing was triggered
            Assert.Contains(id, await op.GetPageAsync("/platform/jobs/recurring")); // nothing was removed
        }
        finally
        {
            recurring.RemoveIfExists(id);
        }
    }

    private async Task<long> JobCountAsync()
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM hangfire.job", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_app_role_reads_and_writes_hangfire_rows_but_creates_and_alters_nothing_there()
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM hangfire.job", connection))
        {
            await read.ExecuteScalarAsync();
        }
        foreach (var statement in new[]
                 {
                     "CREATE TABLE hangfire.intruder (id int)",
                     "ALTER TABLE hangfire.job ADD COLUMN intruder int",
                     "UPDATE hangfire.\"schema\" SET version = version",
                     "CREATE TABLE public.qrtz_intruder (id int)",
                 })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            var e = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(e.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{statement}: {e.SqlState}");
        }
        // No Quartz table is left.
        await using var quartz = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'qrtz%'", connection);
        Assert.Equal(0L, await quartz.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_health_check_reports_the_job_storage_and_fails_without_its_schema()
    {
        using var client = app.CreateTestClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var jobs = report.Entries["jobs"];
        Assert.Equal(HealthStatus.Healthy, jobs.Status);
        Assert.Contains("servers", jobs.Data.Keys);

        // The same check over a database where migrate never installed Hangfire's schema.
        var bare = new NpgsqlConnectionStringBuilder(app.AppConnectionString) { Database = "postgres" }.ConnectionString;
        var check = new JobStorageHealthCheck(BackgroundJobs.CreateStorage(bare, new JobOptions()));
        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("jobs", check, HealthStatus.Unhealthy, ["ready"]),
        });
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
