using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace IntroProgram.Web.Hosting;

/// <summary>Ready when the database answers as the app role.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // After a database restart, an idle pooled connection fails once when next used and is then dropped from the
        // pool; one more try on a fresh connection tells a restarted database from a missing one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException e) when (attempt == 1 && e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown })
            {
                // The connection was closed by the restart: try again.
            }
            catch (NpgsqlException e)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", e);
            }
        }
    }
}
