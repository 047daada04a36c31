using Hangfire;
using Hangfire.Dashboard;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// Hangfire's dashboard for platform operators at <see cref="Path"/>: read-only (no retry, delete or trigger — a
/// failed job is retried by its own retry rule, and a new run is asked for from the product's own pages), served by
/// the app with its own assets. The route requires the platform policy like every other /platform page, and the
/// dashboard checks the role once more itself.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/platform/jobs";

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new PlatformOperatorsOnly()],
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
            AppPath = "/platform/overview",
            DashboardTitle = "IntroProgram",
        }).RequireAuthorization(Policies.Platform);

    private sealed class PlatformOperatorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.PlatformOperator);
    }
}

/// <summary>Hangfire's storage answers: its schema is installed and reachable as the app role. Counts only.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var statistics = await Task.Run(() => storage.GetMonitoringApi().GetStatistics(), cancellationToken);
            return HealthCheckResult.Healthy(
                $"{statistics.Servers} job servers, {statistics.Enqueued} queued, {statistics.Processing} running, {statistics.Failed} failed",
                new Dictionary<string, object>
                {
                    ["servers"] = statistics.Servers, ["queued"] = statistics.Enqueued, ["running"] = statistics.Processing,
                    ["failed"] = statistics.Failed, ["recurring"] = statistics.Recurring,
                });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The job storage does not answer.", e);
        }
    }
}
